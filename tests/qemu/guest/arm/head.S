/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Conformance guest entry on AArch32: the zImage header, the entry code
 * and the PL1 vectors.
 *
 * Contract on entry (arm-common, Documentation/arm/booting.rst): SVC mode,
 * A/I/F masked, MMU off, r0 = 0, r1 = machine type (~0), r2 = DTB, PC =
 * the first byte of the image, hypstub resident in HYP.  The guest runs
 * wherever it was placed: every address is formed PC-relatively.
 */
#include "guest.h"

	.arch	armv7ve
	.arch_extension virt
	.arm
	.syntax	unified

	.section .head.text, "ax"
	/* The zImage header, as Linux's arch/arm/boot/compressed/head.S. */
	.rept	8
	mov	r0, r0
	.endr
	b	guest_entry			/* 0x20 */
	.word	0x016f2818			/* 0x24 magic */
	.word	0				/* 0x28 start: position independent */
	/*
	 * 0x2c end: the whole file's length, written by the Makefile after
	 * objcopy (a linker constant here would need a dynamic relocation
	 * under -pie on arm).
	 */
	.word	0
	.word	0x04030201			/* 0x30 endianness */

	.text
	.type	guest_entry, %function
guest_entry:
	/*
	 * The zeroed part is in the file, but clear it anyway before
	 * anything is stored there: r9..r11 only, so r0..r3 and CPSR still
	 * hold what the loader handed over.
	 */
	adr_far	r9, guest_bss_start
	adr_far	r10, guest_image_end
	mov	r11, #0
1:	cmp	r9, r10
	strlo	r11, [r9], #4
	blo	1b

	adr_far	r9, guest_entry_record
	stm	r9, {r0-r3}
	mrs	r10, cpsr
	str	r10, [r9, #ER_CPSR]
	mrc	p15, 0, r10, c1, c0, 0		/* SCTLR */
	str	r10, [r9, #ER_SCTLR]
	adr_far	r10, guest_image_start
	str	r10, [r9, #ER_LOAD_ADDRESS]

	adr_far	r9, guest_stack_top
	mov	sp, r9

	/* Any PL1 exception is a bug somewhere: report it, never resume. */
	adr_far	r9, guest_pl1_vectors
	mcr	p15, 0, r9, c12, c0, 0		/* VBAR */
	isb

	bl	guest_main
2:	wfi
	b	2b
	.size	guest_entry, . - guest_entry

/*
 * PL1 vectors.  An exception may arrive while the call helper has SP and
 * LR loaded with sentinels, so the handler never uses the interrupted
 * mode's SP: it switches to its own stack and reports.
 */
	.balign	32
	.globl	guest_pl1_vectors
guest_pl1_vectors:
	.irp	index, 0, 1, 2, 3, 4, 5, 6, 7
	b	pl1_unexpected_\index
	.endr

	.macro	pl1_unexpected index
pl1_unexpected_\index:
	mov	r1, #\index
	b	guest_pl1_unexpected
	.endm
	.irp	index, 0, 1, 2, 3, 4, 5, 6, 7
	pl1_unexpected \index
	.endr

guest_pl1_unexpected:
	adr_far	r0, guest_pl1_exception_stack_top
	mov	sp, r0
	mov	r0, #1
	mov	r3, lr
	mrs	r5, spsr
	/* The fault status and address of the abort taken: DFSR, or IFSR. */
	cmp	r1, #3
	mrcne	p15, 0, r2, c5, c0, 0		/* DFSR */
	mrcne	p15, 0, r4, c6, c0, 0		/* DFAR */
	mrceq	p15, 0, r2, c5, c0, 1		/* IFSR */
	mrceq	p15, 0, r4, c6, c0, 2		/* IFAR */
	push	{r4, r5}
	bl	guest_unexpected_exception
1:	wfi
	b	1b

	.bss
	.balign	8
	.globl	guest_entry_record
guest_entry_record:
	.skip	ER_SIZE

	.balign	8
	.skip	GUEST_STACK_SIZE
guest_stack_top:
	.skip	GUEST_EXCEPTION_STACK_SIZE
guest_pl1_exception_stack_top:
