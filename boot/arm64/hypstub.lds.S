/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Image layout.  The arm64 header and hypstub's info block, then at
 * HYPSTUB_STUB_OFFSET the resident region: the stub's code (vectors first)
 * and its CPU table, whose slots the loader hands out to the CPUs the
 * device tree lists; one reserved range covers it up to the last slot in
 * use.  Room for CONFIG_HYPSTUB_MAX_CPUS slots follows (NOLOAD: zeros in
 * the image file), then the loader and the stub's install-time code, which is free memory once the payload
 * runs, like the header page and the unused slots.  The stub is position independent
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
	.head : { KEEP(*(.head)) }

	. = LINK_BASE + HYPSTUB_STUB_OFFSET;
	stub_resident_start = .;
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
	.stub.cpus (NOLOAD) : ALIGN(16) {
		stub_cpus_start = .;
		KEEP(*(.stub.cpus))
		stub_cpus_limit = .;
	}
	. = ALIGN(4096);
	boot_start = .;

	.boot : {
		*(.boot.text)
		/* The stub's install-time code, at EL2 on the boot CPU and
		   at EL1 listing the CPUs, before the payload runs. */
		*(.stub.install)
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
ASSERT(stub_resident_start - LINK_BASE == HYPSTUB_STUB_OFFSET,
       "the stub must start at HYPSTUB_STUB_OFFSET")
ASSERT(SIZEOF(.head) <= HYPSTUB_STUB_OFFSET, "the image head outgrew its page")
ASSERT(_end - LINK_BASE <= HYPSTUB_PAYLOAD_OFFSET,
       "stub and loader must fit below the payload offset")
