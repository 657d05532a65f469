/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The EL2 vector table and the HVC entry/exit.  Assembly only saves and
 * restores registers and leaves; stub_handle_lower_sync() decides.
 *
 * Contract on every vector: EL2, MMU off, SP_EL2 is this CPU's stub stack
 * (set by stub_enter_el1), TPIDR_EL2 its top while reports are armed.
 */
#include "stub-asm.h"

	.section .stub.vectors, "ax"

/* An unexpected vector: report, then park on a label of its own. */
.macro	vector_unexpected name, number
	.align	7
vector_\name:
	mrs	x0, tpidr_el2
	cbz	x0, park_\name
	mov	sp, x0
	mov	x0, #\number
	bl	stub_report_unexpected
park_\name:
	wfe
	b	park_\name
.endm

	.align	11
	.globl	stub_vectors
stub_vectors:
	vector_unexpected sync_el2t, STUB_VEC_SYNC_EL2T
	vector_unexpected irq_el2t, STUB_VEC_IRQ_EL2T
	vector_unexpected fiq_el2t, STUB_VEC_FIQ_EL2T
	vector_unexpected serror_el2t, STUB_VEC_SERROR_EL2T

	vector_unexpected sync_el2h, STUB_VEC_SYNC_EL2H
	vector_unexpected irq_el2h, STUB_VEC_IRQ_EL2H
	vector_unexpected fiq_el2h, STUB_VEC_FIQ_EL2H
	vector_unexpected serror_el2h, STUB_VEC_SERROR_EL2H

	/* Synchronous from EL1 (AArch64): the HVC entry, saved in place. */
	.align	7
vector_sync_el1_64:
	/* x5..x18 need no saving: EL2 C is built never to touch them. */
	stp	x0, x1, [sp, #-STUB_FRAME_SIZE]!
	stp	x2, x3, [sp, #STUB_FRAME_X(2)]
	stp	x4, x30, [sp, #STUB_FRAME_X(4)]
	mov	x0, sp
	mrs	x1, esr_el2
	bl	stub_handle_lower_sync
	cbnz	x0, park_sync_el1_64
	/* Restores every saved register: results were written into the frame. */
	ldp	x2, x3, [sp, #STUB_FRAME_X(2)]
	ldp	x4, x30, [sp, #STUB_FRAME_X(4)]
	ldp	x0, x1, [sp], #STUB_FRAME_SIZE
	eret

	vector_unexpected irq_el1_64, STUB_VEC_IRQ_EL1_64
	vector_unexpected fiq_el1_64, STUB_VEC_FIQ_EL1_64
	vector_unexpected serror_el1_64, STUB_VEC_SERROR_EL1_64

	vector_unexpected sync_el1_32, STUB_VEC_SYNC_EL1_32
	vector_unexpected irq_el1_32, STUB_VEC_IRQ_EL1_32
	vector_unexpected fiq_el1_32, STUB_VEC_FIQ_EL1_32
	vector_unexpected serror_el1_32, STUB_VEC_SERROR_EL1_32

	/* stub_handle_lower_sync() reported a non-HVC exception from EL1. */
park_sync_el1_64:
	wfe
	b	park_sync_el1_64

/*
 * stub_enter_el1(stack_top, entry, a0, a1, a2, a3): at EL2 after
 * stub_prepare_cpu(); makes @stack_top this CPU's SP_EL2 and enters @entry
 * at EL1h, DAIF masked, with x0..x3 = a0..a3.  Does not return.
 */
	.section .stub.text, "ax"
	.globl	stub_enter_el1
	.type	stub_enter_el1, %function
stub_enter_el1:
	mov	sp, x0
	msr	tpidr_el2, x0
	msr	elr_el2, x1
	mov	x6, #STUB_SPSR_EL1H_DAIF
	msr	spsr_el2, x6
	mov	x0, x2
	mov	x1, x3
	mov	x2, x4
	mov	x3, x5
	eret
	.size	stub_enter_el1, . - stub_enter_el1
