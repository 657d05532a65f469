/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The EL2 blob: its header, then the stub laid out as in the image
 * (vectors 2 KiB aligned, code, read-only data, per-CPU slots).  Linked as
 * a PIE at 0; the Makefile fails the build if it has any relocation, so
 * the bytes run wherever the bootloader copies them.
 */
#include "include/hypstub-blob.h"

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(blob_head)

SECTIONS
{
	. = 0;
	.head : { KEEP(*(.blob.head)) }
	. = ALIGN(2048);
	.stub : {
		/* The vector table and the code in it, as in the image. */
		#include "stub-layout.lds"
		*(.stub.text)
		*(.text .text.*)
		*(.rodata .rodata.*)
		*(.data .data.*)
	}
	.stub.percpu : ALIGN(16) {
		KEEP(*(.stub.percpu))
		*(.bss .bss.* COMMON)
	}
	blob_end = .;

	/DISCARD/ : {
		*(.comment) *(.note*) *(.eh_frame*) *(.interp)
		*(.dynamic) *(.dynsym) *(.dynstr) *(.hash) *(.gnu.hash)
	}
}

ASSERT(stub_vectors % 2048 == 0, "stub vectors must be 2 KiB aligned")
ASSERT(blob_end <= HYPSTUB_BLOB_REGION_SIZE, "the stub outgrew its region")
