/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest's EL2 code: the vector table it installs with SET_VECTORS to
 * take EL2 over, and the target it hands to SOFT_RESTART.
 *
 * Both run at EL2 on SP_EL2, which belongs to the stub (its per-CPU
 * stack): neither moves SP (the pass-on writes the one word below it that
 * the ABI allows), so the stub finds its stack exactly as it
 * left it when it serves again.  The EL2 MMU is off, so VA = PA and the
 * PC-relative addresses used here are the physical ones the stub needs.
 */
#include "guest.h"

	.macro	el2_unexpected index
	.balign	0x80
	mov	x1, #\index
	b	guest_el2_unexpected
	.endm

	.text
	.balign	HYPSTUB_VECTORS_ALIGN
	.globl	guest_el2_vectors
guest_el2_vectors:
	.irp	index, 0, 1, 2, 3, 4, 5, 6, 7
	el2_unexpected \index
	.endr

	/*
	 * Synchronous from a lower EL using AArch64: an HVC from the guest
	 * at EL1.  Only the result registers of each call change (x0..x4 at
	 * most); the C side checks x5..x30 and SP against their sentinels.
	 */
	.balign	0x80
	cmp	w0, #GUEST_EL2_WHOAMI
	b.eq	guest_el2_whoami
	cmp	w0, #GUEST_EL2_GIVE_BACK
	b.eq	guest_el2_give_back
	cmp	w0, #GUEST_EL2_ICH_VTR
	b.eq	guest_el2_ich_vtr
	cmp	w0, #GUEST_EL2_READ_STATE
	b.eq	guest_el2_read_state
	cmp	w0, #GUEST_EL2_USE
	b.eq	guest_el2_use
	cmp	w0, #GUEST_EL2_RESTORE
	b.eq	guest_el2_restore
	b	guest_el2_pass_on

	.irp	index, 9, 10, 11, 12, 13, 14, 15
	el2_unexpected \index
	.endr

	/* Proves the handler runs at EL2, from this table, on the stub's SP. */
guest_el2_whoami:
	mov	x0, #0
	mrs	x1, CurrentEL
	mrs	x2, esr_el2
	mrs	x3, vbar_el2
	mov	x4, sp
	eret

	/*
	 * Give EL2 back: write the saved stub vectors into VBAR_EL2, as the
	 * owner's RESET_VECTORS emulation would.  SP_EL2 is untouched.
	 */
guest_el2_give_back:
	msr	vbar_el2, x1
	isb
	mov	x0, #0
	eret

	/* Only called when ID_AA64PFR0_EL1.GIC says the register exists. */
guest_el2_ich_vtr:
	mrs	x1, ich_vtr_el2
	mov	x0, #0
	eret

	/*
	 * Every other HVC goes on to the stub through its pass-on entry
	 * (docs/hyp-abi.rst, "Passing a call on to the stub"): the caller's
	 * x30 at SP_EL2 - 8, x30 free, the rest as the HVC left it.  The
	 * stub answers the caller directly.
	 */
guest_el2_pass_on:
	str	x30, [sp, #-8]
	adrp	x30, guest_el2_stub_vbar
	ldr	x30, [x30, :lo12:guest_el2_stub_vbar]
	add	x30, x30, #HYPSTUB_PASS_ON_OFFSET
	br	x30

	/*
	 * Every EL2 register of the take-over table into the record at x2,
	 * those that exist only with a feature as x1 (GUEST_EL2_HAS_*) says.
	 * Uses x1..x4 only: they are the call's results.
	 */
guest_el2_read_state:
	mrs	x3, vbar_el2
	mrs	x4, hcr_el2
	stp	x3, x4, [x2, #ES_VBAR]
	mrs	x3, sctlr_el2
	mrs	x4, cptr_el2
	stp	x3, x4, [x2, #ES_SCTLR_EL2]
	mrs	x3, mdcr_el2
	mrs	x4, cnthctl_el2
	stp	x3, x4, [x2, #ES_MDCR]
	mrs	x3, cntvoff_el2
	mrs	x4, cnthp_ctl_el2
	stp	x3, x4, [x2, #ES_CNTVOFF]
	mrs	x3, vttbr_el2
	mrs	x4, hstr_el2
	stp	x3, x4, [x2, #ES_VTTBR]
	mrs	x3, vpidr_el2
	mrs	x4, vmpidr_el2
	stp	x3, x4, [x2, #ES_VPIDR]
	mrs	x3, midr_el1		/* at EL2: the CPU's own, not VPIDR_EL2 */
	mrs	x4, mpidr_el1
	stp	x3, x4, [x2, #ES_MIDR]
	mrs	x3, tpidr_el2
	mov	x4, sp
	stp	x3, x4, [x2, #ES_TPIDR]
	tbz	x1, #GUEST_EL2_HAS_PMU_BIT, 1f
	mrs	x3, pmcr_el0
	str	x3, [x2, #ES_PMCR]
1:	tbz	x1, #GUEST_EL2_HAS_GICV3_BIT, 2f
	mrs	x3, s3_4_c12_c9_5	/* ICC_SRE_EL2 */
	mrs	x4, s3_4_c12_c11_0	/* ICH_HCR_EL2 */
	stp	x3, x4, [x2, #ES_ICC_SRE]
2:	tbz	x1, #GUEST_EL2_HAS_SVE_BIT, 3f
	mrs	x3, s3_4_c1_c2_0	/* ZCR_EL2 */
	str	x3, [x2, #ES_ZCR]
3:	tbz	x1, #GUEST_EL2_HAS_SME_BIT, 4f
	mrs	x3, s3_4_c1_c2_6	/* SMCR_EL2 */
	str	x3, [x2, #ES_SMCR]
4:	tbz	x1, #GUEST_EL2_HAS_FGT_BIT, 5f
	mrs	x3, s3_4_c1_c1_4	/* HFGRTR_EL2 */
	mrs	x4, s3_4_c1_c1_5	/* HFGWTR_EL2 */
	stp	x3, x4, [x2, #ES_HFGRTR]
	mrs	x3, s3_4_c1_c1_6	/* HFGITR_EL2 */
	mrs	x4, s3_4_c3_c1_4	/* HDFGRTR_EL2 */
	stp	x3, x4, [x2, #ES_HFGITR]
	mrs	x3, s3_4_c3_c1_5	/* HDFGWTR_EL2 */
	str	x3, [x2, #ES_HDFGWTR]
5:	mov	x0, #0
	eret

	/*
	 * A borrower at work: keep the stub's values of the registers a
	 * hypervisor typically changes, then change them (values chosen to
	 * leave the guest at EL1 running as before: no trap it would take).
	 * HCR_EL2 gains FB and BSU, SCTLR_EL2 SA, TPIDR_EL2 and VTTBR_EL2 a
	 * marker, HSTR_EL2 traps of AArch32 CP15 (no AArch32 here), the EL2
	 * physical timer gets IMASK.  Uses x1..x4 only.
	 */
guest_el2_use:
	adrp	x1, guest_el2_saved
	add	x1, x1, :lo12:guest_el2_saved
	mrs	x2, hcr_el2
	mrs	x3, sctlr_el2
	stp	x2, x3, [x1, #0]
	orr	x2, x2, #(0x7 << 9)		/* FB (9), BSU (11:10) = 0b11 */
	msr	hcr_el2, x2
	orr	x3, x3, #(1 << 3)		/* SA */
	msr	sctlr_el2, x3
	mrs	x2, tpidr_el2
	mrs	x3, vttbr_el2
	stp	x2, x3, [x1, #16]
	ldr	x2, =GUEST_EL2_MARKER
	msr	tpidr_el2, x2
	msr	vttbr_el2, x2
	mrs	x2, hstr_el2
	mrs	x3, cnthp_ctl_el2
	stp	x2, x3, [x1, #32]
	mov	x2, #0xbfef			/* T0..T15 but the RES0 T4, T14 */
	msr	hstr_el2, x2
	mov	x3, #2				/* IMASK, timer off */
	msr	cnthp_ctl_el2, x3
	isb
	mov	x0, #0
	mov	x1, #0
	mov	x2, #0
	mov	x3, #0
	mov	x4, #0
	eret

	/* Put back what guest_el2_use kept, as the document says a borrower must. */
guest_el2_restore:
	adrp	x1, guest_el2_saved
	add	x1, x1, :lo12:guest_el2_saved
	ldp	x2, x3, [x1, #0]
	msr	hcr_el2, x2
	msr	sctlr_el2, x3
	ldp	x2, x3, [x1, #16]
	msr	tpidr_el2, x2
	msr	vttbr_el2, x3
	ldp	x2, x3, [x1, #32]
	msr	hstr_el2, x2
	msr	cnthp_ctl_el2, x3
	isb
	mov	x0, #0
	mov	x1, #0
	mov	x2, #0
	mov	x3, #0
	mov	x4, #0
	eret
	.ltorg

guest_el2_unexpected:
	adrp	x9, guest_el2_exception_stack_top
	add	x9, x9, :lo12:guest_el2_exception_stack_top
	mov	sp, x9
	mov	x0, #2
	mrs	x2, esr_el2
	mrs	x3, elr_el2
	mrs	x4, far_el2
	mrs	x5, spsr_el2
	bl	guest_unexpected_exception
1:	wfi
	b	1b

/*
 * SOFT_RESTART target (guest.h), at EL2h: x5 and x6 only, never SP
 * (SP_EL2 is the stub's stack top, to be handed back unchanged).
 */
	.balign	HYPSTUB_ENTRY_ALIGN
	.globl	guest_soft_restart_target
	.type	guest_soft_restart_target, %function
guest_soft_restart_target:
	adrp	x5, guest_soft_restart_record
	add	x5, x5, :lo12:guest_soft_restart_record
	stp	x0, x1, [x5, #SRR_X0]
	stp	x2, x3, [x5, #SRR_X2]
	mrs	x6, CurrentEL
	str	x6, [x5, #SRR_CURRENT_EL]
	mrs	x6, sctlr_el2
	str	x6, [x5, #SRR_SCTLR_EL2]
	mrs	x6, daif
	str	x6, [x5, #SRR_DAIF]
	mrs	x6, spsel
	str	x6, [x5, #SRR_SPSEL]
	mov	x6, sp
	str	x6, [x5, #SRR_SP]
	mov	x6, #1
	str	x6, [x5, #SRR_RAN]

	adr	x6, guest_hvc0_return
	msr	elr_el2, x6
	mov	x6, #GUEST_SPSR_EL1H_MASKED
	msr	spsr_el2, x6
	eret
	.size	guest_soft_restart_target, . - guest_soft_restart_target

	.data
	.balign	8
	/* The stub's VBAR_EL2, saved by the C side before each take-over. */
	.globl	guest_el2_stub_vbar
guest_el2_stub_vbar:
	.quad	0

	.bss
	.balign	16
	/* What guest_el2_use found: the stub's values, for guest_el2_restore. */
guest_el2_saved:
	.skip	48

	.balign	16
	.globl	guest_soft_restart_record
guest_soft_restart_record:
	.skip	SRR_SIZE

	.balign	16
	.skip	GUEST_EXCEPTION_STACK_SIZE
guest_el2_exception_stack_top:
