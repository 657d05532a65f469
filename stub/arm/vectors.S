/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The HYP vector table and the HVC entry/exit (AArch32).  Assembly only
 * saves and restores registers and leaves; stub_handle_lower_sync()
 * decides, as on arm64 (stub/arm64/vectors.S).
 *
 * Contract on every vector: HYP mode, HYP MMU off, SP_hyp is this CPU's
 * stub stack (set by stub_enter_el1), HTPIDR its top while reports are
 * armed.  HYP has no banked LR: r14 is LR_usr, which the HVC entry saves
 * like the argument registers, since the C it calls uses r14.
 */
#include "abi/hypstub.h"
#include "stub-asm.h"

	.syntax	unified
	.arch	armv7-a
	.arch_extension virt
	.arch_extension sec
	.arm

/* CPSR/SPSR: SVC mode with A, I and F masked. */
#define PSR_SVC_AIF	0x1d3

/*
 * The table: HVBAR, 32-byte aligned.  Every exception from SVC and
 * below, an HVC included, comes in on the Hyp Trap entry (0x14), which is
 * also where an owner of HYP passes an HVC on to the stub, every register
 * as the HVC left it (docs/hyp-abi.rst, "Passing a call on to the stub").
 */
	.section .stub.vectors, "ax"
	.align	5
	.globl	stub_vectors
stub_vectors:
	b	vector_reset
	b	vector_undef
	b	vector_hvc
	b	vector_pabt
	b	vector_dabt
stub_vector_hyp_trap:				/* also the pass-on entry */
	b	vector_trap
	b	vector_irq
	b	vector_fiq
	.if	stub_vector_hyp_trap - stub_vectors != HYPSTUB_PASS_ON_OFFSET_AARCH32
	.error	"the pass-on entry is the Hyp Trap entry: HYPSTUB_PASS_ON_OFFSET_AARCH32"
	.endif

/*
 * An unexpected vector: stub_vector_unexpected reports it (numbered as in
 * arch-defs.h) and returns, to park on a label of its own.  Registers are
 * the exception's loss: it is fatal.
 */
.macro	vector_unexpected name, number
vector_\name:
	mov	r0, #\number
	bl	stub_vector_unexpected
park_\name:
	wfe
	b	park_\name
.endm

	vector_unexpected reset, 0
	vector_unexpected undef, 1
	vector_unexpected hvc, 2
	vector_unexpected pabt, 3
	vector_unexpected dabt, 4
	vector_unexpected irq, 6
	vector_unexpected fiq, 7

/*
 * The HVC entry: one push of the frame (arch-defs.h: r0..r4, r5, r12,
 * LR_usr), the call decided in C, one pop of the results.  r5..r11 are the
 * C code's to keep (AAPCS).
 */
vector_trap:
	push	{r0-r5, r12, lr}
	mov	r0, sp
	mrc	p15, 4, r1, c5, c2, 0		/* HSR: the syndrome */
	bl	stub_handle_lower_sync
	cmp	r0, #STUB_EXIT_RETURN
	bne	park_trap
	pop	{r0-r5, r12, lr}
	eret
	/* stub_handle_lower_sync() reported an exception that is no HVC. */
park_trap:
	wfe
	b	park_trap

/*
 * stub_vector_unexpected: r0 the vector's number, lr its park label.
 * While reports are armed (HTPIDR is this CPU's stack top), reports on
 * that stack; returns to park either way.
 */
	.section .text.stub_vector_unexpected, "ax"
	.type	stub_vector_unexpected, %function
stub_vector_unexpected:
	mrc	p15, 4, r1, c13, c0, 2		/* HTPIDR */
	cmp	r1, #0
	bxeq	lr
	mov	sp, r1
	b	stub_report_unexpected
	.size	stub_vector_unexpected, . - stub_vector_unexpected

/*
 * stub_enter_el1(stack_top, entry, a0, a1, a2, a3): in HYP after
 * stub_prepare_cpu(); makes @stack_top this CPU's SP_hyp and enters @entry
 * in SVC, A/I/F masked, with r0..r3 = a0..a3.  Does not return.  AAPCS:
 * stack_top in r0, entry in r2:r3, a0..a3 on the stack, 8 bytes each.
 */
	.section .stub.text, "ax"
	.globl	stub_enter_el1
	.type	stub_enter_el1, %function
stub_enter_el1:
	mov	r12, sp
	mov	sp, r0
	mcr	p15, 4, r0, c13, c0, 2		/* HTPIDR: reports armed */
	msr	elr_hyp, r2
	mov	r1, #PSR_SVC_AIF
	msr	spsr_cxsf, r1			/* SPSR_hyp: the banked form is UNDEFINED in HYP */
	ldr	r0, [r12, #0]
	ldr	r1, [r12, #8]
	ldr	r2, [r12, #16]
	ldr	r3, [r12, #24]
	isb
	eret
	.size	stub_enter_el1, . - stub_enter_el1

/*
 * arch_smc_call(call, results_to_x17): the PSCI proxy's SMC, with r0..r4
 * from @call; r0..r3 of the answer (and r4 with results_to_x17, in r2:r3)
 * go back into @call.  r4..r11 are kept here
 * whatever the firmware does (the caller's SMCCC 1.1 promise), and r12
 * and r14 are the C code's.
 */
	.globl	arch_smc_call
	.type	arch_smc_call, %function
arch_smc_call:
	push	{r0, r2, r3, r4-r11, lr}	/* 12 words: SP stays 8-byte aligned */
	ldm	r0, {r0-r4}			/* STUB_FRAME_X(0..4): consecutive */
	dsb	sy			/* a resume slot is visible to the CPU it starts */
	smc	#0
	ldr	r12, [sp]		/* call */
	stm	r12, {r0-r3}
	ldr	r0, [sp, #4]		/* results_to_x17 (its low word) */
	cmp	r0, #0
	strne	r4, [r12, #STUB_FRAME_X(4)]
	pop	{r0, r2, r3, r4-r11, pc}
	.size	arch_smc_call, . - arch_smc_call

/*
 * stub_cpu_entry: where the firmware starts (CPU_ON) or resumes a CPU for
 * the PSCI proxy: in HYP, MMU off, r0 = the context the proxy gave (the
 * top of this CPU's stub stack, its low bits STUB_CPU_START_*), passed on
 * whole to stub_cpu_start (a 64-bit argument: r0:r1).
 */
	.globl	stub_cpu_entry
	.type	stub_cpu_entry, %function
stub_cpu_entry:
	cpsid	aif
	bic	r1, r0, #STUB_CPU_START_MASK
	mov	sp, r1
	mov	r1, #0
	bl	stub_cpu_start		/* enters the kernel in SVC */
park_cpu_entry:				/* not reached */
	wfe
	b	park_cpu_entry
	.size	stub_cpu_entry, . - stub_cpu_entry

	.section .note.GNU-stack, "", %progbits
