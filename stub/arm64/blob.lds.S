/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The EL2 blob: its header page, then at HYPSTUB_BLOB_STUB_OFFSET the stub
 * laid out as in the image (vectors, code, read-only data, the CPU table:
 * NOLOAD, so the file ends with the code).  Linked as a PIE at 0; the
 * Makefile fails the build if it has any relocation, so the bytes run
 * wherever the bootloader copies them.
 */
#include "include/hypstub-blob.h"

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(blob_head)

SECTIONS
{
	. = 0;
	.head : { KEEP(*(.blob.head)) }
	. = HYPSTUB_BLOB_STUB_OFFSET;
	.stub : {
		/* The vector table and the code in it, as in the image. */
		#include "stub-layout.lds"
		*(.stub.text)
		*(.text .text.*)
		*(.rodata .rodata.*)
		*(.data .data.*)
	}
	.stub.cpus (NOLOAD) : ALIGN(16) {
		KEEP(*(.stub.cpus))
		*(.bss .bss.* COMMON)
	}
	blob_region_end = .;

	/DISCARD/ : {
		*(.comment) *(.note*) *(.eh_frame*) *(.interp)
		*(.dynamic) *(.dynsym) *(.dynstr) *(.hash) *(.gnu.hash)
	}
}

ASSERT(stub_vectors % 2048 == 0, "stub vectors must be 2 KiB aligned")
ASSERT(stub_vectors == HYPSTUB_BLOB_STUB_OFFSET, "the stub starts a page in")
