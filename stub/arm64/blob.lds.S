/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The EL2 blob: its header page (the header, then the stub's install-time
 * code: stub_prepare_cpu(), stub_cpus_add(), stub_cpus_end()), then at HYPSTUB_BLOB_STUB_OFFSET the stub
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
	.head : {
		KEEP(*(.blob.head))
		/* Install-time code: the bootloader is done with it before
		   any kernel runs, so it stays out of the region. */
		*(.stub.install)
	}
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
ASSERT(SIZEOF(.head) <= HYPSTUB_BLOB_STUB_OFFSET, "the install code outgrew the header page")
