/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Payload for the one check the stub makes of the take-over contract
 * (docs/hyp-abi.rst, "The EL2 registers"): a borrower that gives EL2 back
 * with HCR_EL2.TWI and SCTLR_EL2.SA left set.  It takes EL2 over with
 * HYPSTUB_SET_VECTORS; its EL2 handler sets both bits and writes the
 * stub's vectors back.  The WFI that follows at EL1 then traps to the
 * stub, which must report sync_el1_64 with the WFI's ESR_EL2 and the line
 * naming HCR_EL2 and SCTLR_EL2, and park.  Should the stub not trap it,
 * the payload switches the machine off, and the test fails on no report.
 */
#include "abi/hypstub.h"

	.text
	.globl	_start
_start:
	b	1f
	.long	0
	.quad	0, borrow_end - _start, 0x8, 0, 0, 0
	.long	0x644d5241, 0
1:	ldr	w0, =HYPSTUB_GET_VECTORS
	hvc	#0
	mov	x19, x1				/* the stub's vectors */
	ldr	w0, =HYPSTUB_SET_VECTORS
	adr	x1, borrower_vectors
	hvc	#0
	cbnz	x0, off
	mov	x1, x19
	hvc	#0				/* the give-back, done badly */
	wfi					/* traps: HCR_EL2.TWI */
off:	ldr	w0, =0x84000008			/* PSCI SYSTEM_OFF */
	smc	#0
	b	.
	.ltorg

	/* Only its synchronous lower-EL AArch64 entry is ever taken. */
	.balign	HYPSTUB_VECTORS_ALIGN
borrower_vectors:
	.skip	0x400
	mrs	x2, hcr_el2
	orr	x2, x2, #(1 << 13)		/* TWI: trap WFI at EL1 */
	msr	hcr_el2, x2
	mrs	x2, sctlr_el2
	orr	x2, x2, #(1 << 3)		/* SA: SP alignment check */
	msr	sctlr_el2, x2
	msr	vbar_el2, x1			/* the stub's vectors, back */
	isb
	mov	x0, #0
	eret
	.align	3
borrow_end:
