/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * AArch32 payload for the unexpected-exception test (the A32 form of
 * tests/boot/fault.S): entered in SVC above the stub, it prints the
 * address of an undefined instruction (16 hex digits), then enters it in
 * HYP mode through HYPSTUB_SOFT_RESTART32 (r1 = entry).  The stub must
 * report the exception taken from HYP on its undef vector (undef_hyp: HSR
 * EC 0x00, IL set; ELR_hyp = that address) and park the CPU.
 *
 * It is a zImage with the extension table Linux's decompressor has (the
 * KLSZ tag: the kernel's size, its bss, TEXT_OFFSET), so that the loader
 * checks where its "kernel" would be written; tests/boot/run-bad-input.sh
 * patches the size word (fault_kernel_size) for its too-little-memory
 * case.  Unpatched, the kernel it describes lies at RAM base + 0x8000,
 * 32 KiB, below where QEMU -kernel loads the image (RAM base + 0x10000).
 */
#include "abi/hypstub.h"

	.syntax	unified
	.arch	armv7-a
	.arch_extension virt
	.arch_extension sec
	.arm

#define PSCI_SYSTEM_OFF	0x84000008

	.text
	.globl	_start
_start:
	b	fault_main
	.rept	8
	.long	0
	.endr
	.long	0x016f2818		/* 0x24: zImage magic */
	.long	0			/* 0x28: start 0: runs anywhere */
	.long	fault_end - _start	/* 0x2c: end */
	.long	0x04030201		/* 0x30: little-endian */
	.long	0x45454545		/* 0x34: a table of extension */
	.long	fault_table - _start	/* 0x38: data, here */

fault_main:
	adr	r4, fault_in_hyp
	mov	r0, r4
	mov	r1, #0
	bl	print_hex
	ldr	r0, =HYPSTUB_SOFT_RESTART32
	mov	r1, r4
	hvc	#0
	ldr	r0, =PSCI_SYSTEM_OFF		/* refused: switch off */
	smc	#0
fault_park:
	wfe
	b	fault_park

#include "tests/common/arm/uart-print.S"

	.align	2
fault_in_hyp:
	udf	#0
	.ltorg

/*
 * Linux's KLSZ tag (arch/arm/boot/compressed/vmlinux.lds.S), 0-terminated:
 * the words in the tag (this one included), "KLSZ", where the kernel's
 * size is, its bss, TEXT_OFFSET, the decompressor's malloc size.
 */
	.align	2
fault_table:
	.long	6, 0x5a534c4b, fault_kernel_size - _start
	.long	0, 0x8000, 0x10000, 0
fault_kernel_size:		/* the last word, as in a zImage */
	.long	0x8000
fault_end:
