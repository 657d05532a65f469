/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The EL2 blob (make blob): the stub alone, for a bootloader that carries
 * it inside its own image (U-Boot with CONFIG_HYPSTUB, docs/u-boot.rst).
 *
 * The blob is position independent and needs no relocation: copied to a
 * HYPSTUB_BLOB_ALIGN-aligned region of region_size bytes (the bytes after
 * the file zeroed), it runs there at EL2 with the MMU off.  The bootloader
 * installs it on its boot CPU as hypstub's own image head does: call
 * stub_prepare_cpu() at EL2 on any stack (it returns this CPU's EL2 stack
 * top, or 0 when the CPU has no slot), then stub_enter_el1(top, entry,
 * a0, a1, a2, a3), which enters @entry at EL1h with x0..x3 = a0..a3 and
 * does not return.  From then on the hvc ABI of docs/hyp-abi.rst answers.
 *
 * All fields little-endian; offsets are from the start of the blob.  The
 * header includes nothing: C users include <stdint.h> (or their
 * environment's uint32_t/uint64_t, as U-Boot does) first.
 */
#ifndef HYPSTUB_BLOB_H
#define HYPSTUB_BLOB_H

#define HYPSTUB_BLOB_MAGIC	0x626f6c6273707968	/* "hypsblob" */
/* This layout; a reader refuses a version it does not know. */
#define HYPSTUB_BLOB_VERSION	1
/* Base alignment the blob needs (adrp reaches its data page-relative). */
#define HYPSTUB_BLOB_ALIGN	0x10000
#define HYPSTUB_BLOB_REGION_SIZE 0x10000

#define HYPSTUB_BLOB_HEADER_SIZE	48

#ifndef __ASSEMBLER__
struct hypstub_blob_header {
	uint64_t magic;		/* HYPSTUB_BLOB_MAGIC */
	uint32_t version;	/* HYPSTUB_BLOB_VERSION */
	uint32_t abi_version;	/* HYPSTUB_ABI_VERSION the stub answers */
	uint64_t region_size;	/* bytes the stub owns from its base */
	uint64_t prepare_cpu;	/* uintptr_t stub_prepare_cpu(void) */
	uint64_t enter_el1;	/* void stub_enter_el1(top, entry, a0..a3) */
	uint64_t vectors;	/* VBAR_EL2 once installed */
};

_Static_assert(sizeof(struct hypstub_blob_header) == HYPSTUB_BLOB_HEADER_SIZE,
	       "blob header layout");
#endif /* __ASSEMBLER__ */

#endif /* HYPSTUB_BLOB_H */
