/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The EL2 blob (make blob): the stub alone, for a bootloader that carries
 * it inside its own image (U-Boot with CONFIG_HYPSTUB, docs/u-boot.rst).
 *
 * Layout: this header at offset 0, the stub from HYPSTUB_BLOB_STUB_OFFSET
 * (its vectors first).  The blob is position independent and needs no
 * relocation: copied to a HYPSTUB_BLOB_ALIGN-aligned base, with
 * region_size bytes from that base set aside and the bytes after the file
 * zeroed, it runs there at EL2 with the MMU off.  The bootloader installs
 * it as hypstub's own loader does:
 * 1. cpus_add(mpidr) for every CPU its device tree lists under /cpus (each
 *    cpu node's reg): long stub_cpus_add(uint64_t mpidr) answers the CPU's
 *    slot index, or -1 (not an MPIDR affinity), -2 (listed twice), -3
 *    (more CPUs than the build's CONFIG_HYPSTUB_MAX_CPUS);
 * 2. at EL2 on its boot CPU, on any stack: stub_prepare_cpu(), which
 *    returns the boot CPU's EL2 stack top (0 when step 1 did not list it);
 * 3. stub_enter_el1(top, entry, a0, a1, a2, a3), which enters @entry at
 *    EL1h with x0..x3 = a0..a3 and does not return.
 * From then on the hvc ABI of docs/hyp-abi.rst answers.  The memory a
 * kernel must keep clear is from base + HYPSTUB_BLOB_STUB_OFFSET up to
 * what cpus_end() (uintptr_t stub_cpus_end(void), callable at EL1 too)
 * answers, rounded up to a page; the header page (which holds the
 * install-time code behind prepare_cpu, cpus_add and cpus_end, kept out of
 * the stub's resident bytes) and the slots not in use are free once the
 * bootloader is done with them.
 *
 * All fields little-endian; offsets are from the start of the blob.  The
 * header includes nothing: C users include <stdint.h> (or their
 * environment's uint32_t/uint64_t, as U-Boot does) first.
 */
#ifndef HYPSTUB_BLOB_H
#define HYPSTUB_BLOB_H

#define HYPSTUB_BLOB_MAGIC	0x626f6c6273707968	/* "hypsblob" */
/* This layout; a reader refuses a version it does not know. */
#define HYPSTUB_BLOB_VERSION	2
/* Base alignment the blob needs (adrp reaches its data page-relative). */
#define HYPSTUB_BLOB_ALIGN	0x10000
/* Where the stub starts: the header has a page to itself. */
#define HYPSTUB_BLOB_STUB_OFFSET 0x1000

#define HYPSTUB_BLOB_HEADER_SIZE	64

#ifndef __ASSEMBLER__
struct hypstub_blob_header {
	uint64_t magic;		/* HYPSTUB_BLOB_MAGIC */
	uint32_t version;	/* HYPSTUB_BLOB_VERSION */
	uint32_t abi_version;	/* HYPSTUB_ABI_VERSION the stub answers */
	uint64_t region_size;	/* bytes to set aside from the base: room for
				   CONFIG_HYPSTUB_MAX_CPUS slots */
	uint64_t prepare_cpu;	/* uintptr_t stub_prepare_cpu(void) */
	uint64_t enter_el1;	/* void stub_enter_el1(top, entry, a0..a3) */
	uint64_t vectors;	/* VBAR_EL2 once installed */
	uint64_t cpus_add;	/* long stub_cpus_add(uint64_t mpidr) */
	uint64_t cpus_end;	/* uintptr_t stub_cpus_end(void) */
};

_Static_assert(sizeof(struct hypstub_blob_header) == HYPSTUB_BLOB_HEADER_SIZE,
	       "blob header layout");
#endif /* __ASSEMBLER__ */

#endif /* HYPSTUB_BLOB_H */
