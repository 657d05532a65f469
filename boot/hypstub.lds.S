/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Image layout, both architectures (boot/<arch>/image-lds.h says what
 * differs: the output format, the vector table's statements, the dynamic
 * relocations' section).  The kernel image header (arm64 Image or zImage)
 * and hypstub's info block, then at HYPSTUB_STUB_OFFSET the resident
 * region: the stub's code (vectors first) and its CPU table, whose slots
 * the loader hands out to the CPUs the device tree lists; one reserved
 * range covers it up to the last slot in use.  Room for
 * CONFIG_HYPSTUB_MAX_CPUS slots follows (NOLOAD: zeros in the image file),
 * then the loader and the stub's install-time code, which are free memory
 * once the payload runs, like the header page and the unused slots.  The
 * stub is position independent (the Makefile links it at two bases and
 * checks its bytes are identical).  The loader links libfdt, whose data
 * holds addresses: the image is linked as a PIE at 0 and the loader
 * applies its RELATIVE relocations (boot_reloc_start..boot_reloc_end) to
 * itself before it runs any C; none may touch the stub.
 */
#include "boot/image.h"
#include "image-lds.h"

OUTPUT_FORMAT(IMAGE_LDS_FORMAT)
OUTPUT_ARCH(IMAGE_LDS_ARCH)
ENTRY(_start)

SECTIONS
{
	. = LINK_BASE;
	.head : { KEEP(*(.head)) }

	. = LINK_BASE + HYPSTUB_STUB_OFFSET;
	stub_resident_start = .;
	.stub : {
		stub_code_start = .;
#ifdef IMAGE_LDS_STUB_LAYOUT
		/* The vector table with code in its free space. */
		#include "stub-layout.lds"
#else
		KEEP(*(.stub.vectors))
#endif
		*(.stub.text)
		/* The stub's objects: $(O)/stub/ (the Makefile refuses an
		   O= with a directory named stub in its path). */
		*/stub/?*.o(.text .text.*)
		*/stub/?*.o(.rodata .rodata.*)
		stub_code_end = .;
	}
	.stub.cpus (NOLOAD) : ALIGN(16) {
		stub_cpus_start = .;
		KEEP(*(.stub.cpus))
		stub_cpus_limit = .;
	}
	. = ALIGN(4096);
	boot_start = .;

	.boot : {
		*(.boot.text)
		/* The stub's install-time code, in EL2/HYP on the boot CPU
		   and in EL1/SVC listing the CPUs, before the payload runs. */
		*(.stub.install)
		*(.text .text.*)
		*(.rodata .rodata.*)
		*(.data .data.*)
		*(.data.rel.ro .data.rel.ro.*)
		*(.got) *(.got.plt)
		*(.bss .bss.* COMMON)
		*(.boot.stack)
	}
	IMAGE_LDS_RELOC : ALIGN(8) {
		boot_reloc_start = .;
		*(IMAGE_LDS_RELOC) *(IMAGE_LDS_RELOC_ANY)
		boot_reloc_end = .;
	}
	. = ALIGN(8);
	_end = .;

	/DISCARD/ : {
		*(.comment) *(.note*) *(.eh_frame*) *(.interp)
		*(.ARM.exidx*) *(.ARM.extab*)
		*(.dynamic) *(.dynsym) *(.dynstr) *(.hash) *(.gnu.hash)
		*(.plt*) *(.gnu.version*)
	}
}

ASSERT(stub_vectors % IMAGE_LDS_VECTORS_ALIGN == 0, "the stub's vectors are misaligned")
ASSERT(stub_resident_start - LINK_BASE == HYPSTUB_STUB_OFFSET,
       "the stub must start at HYPSTUB_STUB_OFFSET")
ASSERT(SIZEOF(.head) <= HYPSTUB_STUB_OFFSET, "the image head outgrew its page")
/*
 * The loader and libfdt stay out of the resident region: an object the
 * stub pattern above took by mistake would be reserved for good (a build
 * directory named ...stub once did that).
 */
ASSERT(boot_main >= boot_start && fdt_check_header >= boot_start &&
       boot_fdt_prepare >= boot_start,
       "the loader or libfdt was linked into the stub's resident region")
ASSERT(_end - LINK_BASE <= HYPSTUB_PAYLOAD_OFFSET,
       "stub and loader must fit below the payload offset")
