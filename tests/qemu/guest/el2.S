/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest's EL2 code: the vector table it installs with SET_VECTORS to
 * take EL2 over, and the target it hands to SOFT_RESTART.
 *
 * Both run at EL2 on SP_EL2, which belongs to the stub (its per-CPU
 * stack): neither moves SP, so the stub finds its stack exactly as it
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
	mov	x0, #SMCCC_RET_NOT_SUPPORTED
	eret

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
 * SOFT_RESTART target, entered at EL2h with x0..x3 set by the stub.
 * Records what it found, then returns to EL1 at the call helper's return
 * point, which stores the registers and restores the C environment as
 * for any HVC.  Uses x5 and x6 only and never SP: SP_EL2 is the stub's
 * stack top, to be handed back unchanged.
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

	.bss
	.balign	16
	.globl	guest_soft_restart_record
guest_soft_restart_record:
	.skip	SRR_SIZE

	.balign	16
	.skip	GUEST_EXCEPTION_STACK_SIZE
guest_el2_exception_stack_top:
