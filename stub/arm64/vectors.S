/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The EL2 vector table and the HVC entry/exit.  Assembly only saves and
 * restores registers and leaves; stub_handle_lower_sync() decides.
 *
 * Contract on every vector: EL2, MMU off, SP_EL2 is this CPU's stub stack
 * (set by stub_enter_el1), TPIDR_EL2 its top while reports are armed.
 * The same holds at the pass-on entry, which an owner of EL2 reaches at
 * stub_vectors + HYPSTUB_PASS_ON_OFFSET (docs/hyp-abi.rst).
 */
#include "abi/hypstub.h"
#include "stub-asm.h"

/*
 * Each slot of the table is a section of its own (.stub.vector.<name>),
 * which the linker scripts place at its offset: an unexpected vector takes
 * three words, and the linker script may put code in the rest of its slot
 * (make bench counts the table in the stub's footprint).
 *
 * An unexpected vector: stub_vector_unexpected reports it and returns, to
 * park on a label of its own, so that a parked CPU says which vector.
 */
.macro	vector_unexpected name
	.section .stub.vector.\name, "ax"
	.align	7
vector_\name:
	bl	stub_vector_unexpected
park_\name:
	wfe
	b	park_\name
.endm

	.section .stub.vector.sync_el2t, "ax"
	.align	11
	.globl	stub_vectors
stub_vectors:
	vector_unexpected sync_el2t
	vector_unexpected irq_el2t
	vector_unexpected fiq_el2t
	vector_unexpected serror_el2t

	vector_unexpected sync_el2h
	vector_unexpected irq_el2h
	vector_unexpected fiq_el2h
	vector_unexpected serror_el2h

	/*
	 * The pass-on entry (ABI 1.2), the last word before the HVC entry,
	 * starts the HVC entry's section: an owner that borrowed EL2 branches
	 * here with x30 free and the caller's x30 at SP_EL2 - 8; everything
	 * else is as the HVC left it, so the stub serves the call as if it
	 * had taken it.
	 */
	.if	HYPSTUB_PASS_ON_OFFSET + 4 != 0x400
	.error	"the pass-on entry must be the word before the HVC entry"
	.endif
	.section .stub.vector.sync_el1_64, "ax"
	.align	2
	.globl	stub_pass_on
stub_pass_on:
	ldr	x30, [sp, #-8]
	/* Falls through into the HVC entry. */

	/* Synchronous from EL1 (AArch64): the HVC entry, saved in place. */
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
	/* stub_handle_lower_sync() reported a non-HVC exception from EL1. */
park_sync_el1_64:
	wfe
	b	park_sync_el1_64

	vector_unexpected irq_el1_64
	vector_unexpected fiq_el1_64
	vector_unexpected serror_el1_64

	vector_unexpected sync_el1_32
	vector_unexpected irq_el1_32
	vector_unexpected fiq_el1_32
	vector_unexpected serror_el1_32

/*
 * stub_vector_unexpected: from an unexpected vector's first word, x30 its
 * park label.  While reports are armed (TPIDR_EL2 is this CPU's stack
 * top), reports the vector, numbered by its slot, on that stack; returns
 * to park either way.  Registers are the exception's loss: it is fatal.
 */
	.section .text.stub_vector_unexpected, "ax"
	.type	stub_vector_unexpected, %function
stub_vector_unexpected:
	mrs	x0, tpidr_el2
	cbz	x0, 1f
	mov	sp, x0
	adr	x0, stub_vectors
	sub	x0, x30, x0
	lsr	x0, x0, #7
	b	stub_report_unexpected
1:	ret
	.size	stub_vector_unexpected, . - stub_vector_unexpected

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

/*
 * arch_smc_call(call, results_to_x17): the PSCI proxy's SMC.  x5..x17
 * still hold the caller's arguments (EL2 C never touches them), so the
 * firmware sees the caller's x1..x17 (x1..x4 from @call).  Under SMCCC 1.1
 * (results_to_x17 0), SMCCC 1.0 firmware may clobber x4..x17, which the
 * stub promises the EL1 caller, so they are kept here; under SMCCC 1.2
 * (results_to_x17 1) they are results, or kept by the firmware itself, and
 * go back as it left them, x4 through @call.  x18..x30 are the firmware's
 * to keep either way.
 */
	.globl	arch_smc_call
	.type	arch_smc_call, %function
arch_smc_call:
	stp	x0, x30, [sp, #-STUB_SMC_SAVE_SIZE]!
	str	x1, [sp, #128]
	cbnz	x1, 1f
	stp	x4, x5, [sp, #16]
	stp	x6, x7, [sp, #32]
	stp	x8, x9, [sp, #48]
	stp	x10, x11, [sp, #64]
	stp	x12, x13, [sp, #80]
	stp	x14, x15, [sp, #96]
	stp	x16, x17, [sp, #112]
1:	ldr	x4, [x0, #STUB_FRAME_X(4)]
	ldp	x2, x3, [x0, #STUB_FRAME_X(2)]
	ldp	x0, x1, [x0, #STUB_FRAME_X(0)]
	dsb	sy			/* a resume slot is visible to the CPU it starts */
	smc	#0
	ldr	x30, [sp]
	stp	x0, x1, [x30, #STUB_FRAME_X(0)]
	stp	x2, x3, [x30, #STUB_FRAME_X(2)]
	ldr	x0, [sp, #128]
	cbz	x0, 2f
	str	x4, [x30, #STUB_FRAME_X(4)]
	b	3f
2:	ldp	x4, x5, [sp, #16]
	ldp	x6, x7, [sp, #32]
	ldp	x8, x9, [sp, #48]
	ldp	x10, x11, [sp, #64]
	ldp	x12, x13, [sp, #80]
	ldp	x14, x15, [sp, #96]
	ldp	x16, x17, [sp, #112]
3:	ldr	x30, [sp, #8]
	add	sp, sp, #STUB_SMC_SAVE_SIZE
	ret
	.size	arch_smc_call, . - arch_smc_call

/*
 * stub_cpu_entry: where the firmware starts (CPU_ON) or resumes
 * (CPU_SUSPEND and the like) a CPU for the PSCI proxy: at EL2, MMU off,
 * x0 = the context the proxy gave: the top of this CPU's stub stack, its
 * low bits STUB_CPU_START_ON or STUB_CPU_START_RESUME, passed on whole to
 * stub_cpu_start.
 */
	.globl	stub_cpu_entry
	.type	stub_cpu_entry, %function
stub_cpu_entry:
	msr	daifset, #0xf
	msr	spsel, #1
	bic	x1, x0, #STUB_CPU_START_MASK
	mov	sp, x1
	bl	stub_cpu_start		/* enters the kernel at EL1 */
park_cpu_entry:				/* not reached */
	wfe
	b	park_cpu_entry
	.size	stub_cpu_entry, . - stub_cpu_entry
