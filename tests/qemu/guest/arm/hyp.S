/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest's HYP code: the vector table it installs with SET_VECTORS to
 * take HYP over, and the target it hands to SOFT_RESTART.
 *
 * Both run in HYP on SP_hyp, which belongs to the stub, and neither moves
 * it.  HYP has no LR of its own: r14 here is LR_usr, which the guest's SVC
 * side checks after every call, so this code never writes r14 (no bl).
 * The HYP MMU is off, so VA = PA and the PC-relative addresses used here
 * are the physical ones the stub needs.
 */
#include "guest.h"

	.arch	armv7ve
	.arch_extension virt
	.arm
	.syntax	unified

	.text
	.balign	GUEST_VECTORS_ALIGN
	.globl	guest_el2_vectors
guest_el2_vectors:
	b	hyp_unexpected_0	/* reset */
	b	hyp_unexpected_1	/* undefined instruction in HYP */
	b	hyp_unexpected_2	/* HVC/SVC in HYP */
	b	hyp_unexpected_3	/* prefetch abort in HYP */
	b	hyp_unexpected_4	/* data abort in HYP */
	b	guest_hyp_trap		/* HVC from SVC: the calls below */
	b	hyp_unexpected_6	/* IRQ */
	b	hyp_unexpected_7	/* FIQ */

	/*
	 * The guest's own calls, by r0; only the result registers of each
	 * call change (r0..r4 at most).  The C side checks the rest.  The
	 * numbers do not fit a cmp immediate: r0, a result in every case,
	 * is the scratch.
	 */
guest_hyp_trap:
	sub	r0, r0, #0xe00
	cmp	r0, #(GUEST_EL2_WHOAMI - 0xe00)
	beq	guest_hyp_whoami
	cmp	r0, #(GUEST_EL2_GIVE_BACK - 0xe00)
	beq	guest_hyp_give_back
	cmp	r0, #(GUEST_EL2_READ_STATE - 0xe00)
	beq	guest_hyp_read_state
	add	r0, r0, #0xe00
	/*
	 * Linux arm's pre-4.12 calls, as a pre-4.12 KVM's vectors served
	 * them for their kernel: r0 = -1 reads HVBAR; an r0 with bit 31
	 * clear that is a vector table (32-byte aligned, not 0) is the new
	 * HVBAR, which gives HYP back when it is the stub's.  The guest
	 * makes them only above a pre-4.12 stub; none of its other calls is
	 * one of these (guest.h).
	 */
	cmn	r0, #1
	beq	guest_hyp_get_vectors
	tst	r0, #0x80000000
	tsteq	r0, #(GUEST_VECTORS_ALIGN - 1)
	bne	1f
	cmp	r0, #0
	bne	guest_hyp_set_vectors
1:
	/* RESET_VECTORS, either form, reaches the owner: give HYP back. */
	cmp	r0, #HVC_RESET_VECTORS
	beq	guest_hyp_reset_vectors
	eor	r0, r0, #0x86000000
	cmp	r0, #(GUEST_RESET_VECTORS - 0x86000000)
	beq	guest_hyp_reset_vectors
	eor	r0, r0, #0x86000000
	/*
	 * Every other HVC goes on to the stub through its pass-on entry, its
	 * own Hyp Trap entry (docs/hyp-abi.rst, "Passing a call on to the
	 * stub"): r0 as the HVC left it again, every other register, SP_hyp,
	 * ELR_hyp, SPSR_hyp and HSR untouched, and a PC-relative load into
	 * PC needs no scratch register.  The stub answers the caller.
	 */
	ldr	pc, guest_el2_stub_pass_on

	/* Proves the handler runs in HYP, from this table, on the stub's SP. */
guest_hyp_whoami:
	mov	r0, #0
	mrs	r1, cpsr
	mrc	p15, 4, r2, c5, c2, 0		/* HSR */
	mrc	p15, 4, r3, c12, c0, 0		/* HVBAR */
	mov	r4, sp
	eret

	/* Give HYP back: HVBAR = r1, as the owner's RESET_VECTORS would. */
guest_hyp_give_back:
	mcr	p15, 4, r1, c12, c0, 0
	isb
	mov	r0, #0
	eret

	/* Pre-4.12 __hyp_get_vectors(): HVBAR in r0. */
guest_hyp_get_vectors:
	mrc	p15, 4, r0, c12, c0, 0
	eret

	/* Pre-4.12 __hyp_set_vectors(): HVBAR = r0, r0 = 0. */
guest_hyp_set_vectors:
	mcr	p15, 4, r0, c12, c0, 0
	isb
	mov	r0, #0
	eret

	/* The RESET_VECTORS emulation: HVBAR = the stub's, saved by C. */
guest_hyp_reset_vectors:
	adr_far	r0, guest_el2_stub_vbar
	ldr	r0, [r0]
	mcr	p15, 4, r0, c12, c0, 0
	isb
	mov	r0, #0
	eret

	/*
	 * The stub's HVBAR + HYPSTUB_PASS_ON_OFFSET_AARCH32, set by the C
	 * side with guest_el2_stub_vbar (arch_save_stub_vectors()): within
	 * the 4 KiB a PC-relative load reaches.
	 */
	.globl	guest_el2_stub_pass_on
guest_el2_stub_pass_on:
	.word	0

	/* The HYP registers into the struct hyp_state at r2; r1..r4 free. */
guest_hyp_read_state:
	mrc	p15, 4, r3, c12, c0, 0
	str	r3, [r2, #HS_HVBAR]
	mrc	p15, 4, r3, c1, c1, 0
	str	r3, [r2, #HS_HCR]
	mrc	p15, 4, r3, c1, c1, 2
	str	r3, [r2, #HS_HCPTR]
	mrc	p15, 4, r3, c1, c1, 3
	str	r3, [r2, #HS_HSTR]
	mrc	p15, 4, r3, c1, c0, 0
	str	r3, [r2, #HS_HSCTLR]
	mrc	p15, 4, r3, c1, c1, 1
	str	r3, [r2, #HS_HDCR]
	mrc	p15, 4, r3, c14, c1, 0
	str	r3, [r2, #HS_CNTHCTL]
	mrc	p15, 4, r3, c0, c0, 0
	str	r3, [r2, #HS_VPIDR]
	mrc	p15, 4, r3, c0, c0, 5
	str	r3, [r2, #HS_VMPIDR]
	mrc	p15, 0, r3, c0, c0, 0		/* in HYP: the CPU's own MIDR */
	str	r3, [r2, #HS_MIDR]
	mrc	p15, 0, r3, c0, c0, 5
	str	r3, [r2, #HS_MPIDR]
	str	sp, [r2, #HS_SP]
	mov	r0, #0
	eret

	.macro	hyp_unexpected index
hyp_unexpected_\index:
	mov	r1, #\index
	b	guest_hyp_unexpected
	.endm
	.irp	index, 0, 1, 2, 3, 4, 6, 7
	hyp_unexpected \index
	.endr

guest_hyp_unexpected:
	adr_far	r0, guest_el2_exception_stack_top
	mov	sp, r0
	mov	r0, #2
	mrc	p15, 4, r2, c5, c2, 0		/* HSR */
	mrs	r3, ELR_hyp
	mrc	p15, 4, r4, c6, c0, 0		/* HDFAR */
	mrs	r5, spsr
	push	{r4, r5}
	bl	guest_unexpected_exception
1:	wfi
	b	1b

/* SOFT_RESTART target (guest.h), in HYP: r5 and r6 only, never SP or r14. */
	.balign	HYPSTUB_ENTRY_ALIGN
	.globl	guest_soft_restart_target
	.type	guest_soft_restart_target, %function
guest_soft_restart_target:
	adr_far	r5, guest_soft_restart_record
	stm	r5, {r0-r3}
	mrs	r6, cpsr
	str	r6, [r5, #SRR_CPSR]
	mrc	p15, 4, r6, c1, c0, 0		/* HSCTLR */
	str	r6, [r5, #SRR_HSCTLR]
	str	sp, [r5, #SRR_SP]
	mov	r6, #1
	str	r6, [r5, #SRR_RAN]

	adr_far	r6, guest_hvc0_return
	msr	ELR_hyp, r6
	mov	r6, #GUEST_SPSR_SVC_MASKED
	msr	spsr_fsxc, r6
	eret
	.size	guest_soft_restart_target, . - guest_soft_restart_target

	.data
	.balign	4
	/* The stub's HVBAR, saved by the C side before each take-over. */
	.globl	guest_el2_stub_vbar
guest_el2_stub_vbar:
	.word	0

	.bss
	.balign	8
	.globl	guest_soft_restart_record
guest_soft_restart_record:
	.skip	SRR_SIZE

	.balign	8
	.skip	GUEST_EXCEPTION_STACK_SIZE
guest_el2_exception_stack_top:
