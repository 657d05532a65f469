/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * AArch32 image layout, as arm64's (boot/arm64/hypstub.lds.S) but for the
 * zImage header: the head and hypstub's info block, at HYPSTUB_STUB_OFFSET
 * the resident region (the HYP vectors, the stub's code, its CPU table),
 * then the loader and the stub's install-time code.  The loader is linked
 * as a PIE at 0 and applies its R_ARM_RELATIVE relocations (.rel.dyn) to
 * itself; the stub has none (the Makefile checks both).
 */
#include "boot/image.h"

OUTPUT_FORMAT("elf32-littlearm")
OUTPUT_ARCH(arm)
ENTRY(_start)

SECTIONS
{
	. = LINK_BASE;
	.head : { KEEP(*(.head)) }

	. = LINK_BASE + HYPSTUB_STUB_OFFSET;
	stub_resident_start = .;
	.stub : {
		stub_code_start = .;
		KEEP(*(.stub.vectors))
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
		*(.stub.install)
		*(.text .text.*)
		*(.rodata .rodata.*)
		*(.data .data.*)
		*(.data.rel.ro .data.rel.ro.*)
		*(.got) *(.got.plt)
		*(.bss .bss.* COMMON)
		*(.boot.stack)
	}
	.rel.dyn : ALIGN(4) {
		boot_rel_start = .;
		*(.rel.dyn) *(.rel.*)
		boot_rel_end = .;
	}
	. = ALIGN(8);
	_end = .;

	/DISCARD/ : {
		*(.comment) *(.note*) *(.interp) *(.ARM.exidx*) *(.ARM.extab*)
		*(.dynamic) *(.dynsym) *(.dynstr) *(.hash) *(.gnu.hash)
		*(.plt*) *(.gnu.version*)
	}
}

ASSERT(stub_vectors % 32 == 0, "HYP vectors must be 32-byte aligned")
ASSERT(stub_resident_start - LINK_BASE == HYPSTUB_STUB_OFFSET,
       "the stub must start at HYPSTUB_STUB_OFFSET")
ASSERT(SIZEOF(.head) <= HYPSTUB_STUB_OFFSET, "the image head outgrew its page")
ASSERT(_end - LINK_BASE <= HYPSTUB_PAYLOAD_OFFSET,
       "stub and loader must fit below the payload offset")
