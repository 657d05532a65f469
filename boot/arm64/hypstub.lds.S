/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Image layout.  The resident region (header, stub code, per-CPU slots)
 * comes first so that one reserved range covers it; the loader follows and
 * is free memory once the payload runs.  The stub is position independent
 * (the Makefile links it at two bases and checks its bytes are identical).
 * The loader links libfdt, whose data holds addresses: the image is linked
 * as a PIE at 0 and the loader applies its R_AARCH64_RELATIVE relocations
 * (.rela.dyn) to itself before it runs any C; none may touch the stub.
 */
#include "boot/image.h"

OUTPUT_FORMAT("elf64-littleaarch64")
OUTPUT_ARCH(aarch64)
ENTRY(_start)

SECTIONS
{
	. = LINK_BASE;
	stub_resident_start = .;
	.head : { KEEP(*(.head)) }

	. = ALIGN(2048);
	.stub : {
		stub_code_start = .;
		/*
		 * The vector table, with stub code and data in the free
		 * tails of its slots ($(O)/stub-layout.lds, written by
		 * scripts/stub-layout.py: make bench counts the whole
		 * table in the stub's footprint), then the rest.
		 */
		#include "stub-layout.lds"
		*(.stub.text)
		*stub/?*.o(.text .text.*)
		*stub/?*.o(.rodata .rodata.*)
		stub_code_end = .;
	}
	.stub.percpu : ALIGN(16) {
		stub_percpu_start = .;
		KEEP(*(.stub.percpu))
		stub_percpu_end = .;
	}
	. = ALIGN(HYPSTUB_RESIDENT_SIZE);
	stub_resident_end = .;

	.boot : {
		*(.boot.text)
		*(.text .text.*)
		*(.rodata .rodata.*)
		*(.data .data.*)
		*(.data.rel.ro .data.rel.ro.*)
		*(.got) *(.got.plt)
		*(.bss .bss.* COMMON)
		*(.boot.stack)
	}
	.rela.dyn : ALIGN(8) {
		boot_rela_start = .;
		*(.rela.dyn) *(.rela.*)
		boot_rela_end = .;
	}
	. = ALIGN(8);
	_end = .;

	/DISCARD/ : {
		*(.comment) *(.note*) *(.eh_frame*) *(.interp)
		*(.dynamic) *(.dynsym) *(.dynstr) *(.hash) *(.gnu.hash)
		*(.plt*) *(.gnu.version*)
	}
}

ASSERT(stub_vectors % 2048 == 0, "stub vectors must be 2 KiB aligned")
ASSERT(stub_resident_end - stub_resident_start == HYPSTUB_RESIDENT_SIZE,
       "the stub outgrew its resident region")
ASSERT(_end - LINK_BASE <= HYPSTUB_PAYLOAD_OFFSET,
       "stub and loader must fit below the payload offset")
