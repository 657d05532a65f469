/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The module's HYP code on AArch32: a HYP vector table and its handler,
 * which the module copies into physically contiguous pages and installs
 * with HYPSTUB_SET_VECTORS32 to borrow HYP mode (docs/hyp-abi.rst,
 * "Taking EL2 over and giving it back" and "AArch32";
 * docs/linux-module.rst).
 *
 * It runs with the HYP MMU off, at whatever physical address the copy
 * landed on: position independent (PC-relative branches and loads only),
 * its data inside the copy, in ARM state (HSCTLR.TE is 0).  It never
 * touches SP_hyp, which is the stub's stack, nor any memory of the stub's.
 * The calls it does not serve go on to the stub through the stub's
 * pass-on entry, its Hyp Trap entry (HYPSTUB_PASS_ON_OFFSET_AARCH32), with
 * every register as the caller left it.  It changes no HYP register but
 * HVBAR, so giving HYP back is writing the stub's vectors back.  HYP has no banked LR (it shares LR_usr with User
 * mode), so it makes no call (no bl) and needs no LR.
 *
 * Its calls answer in r0-r3 only and leave every other register as the
 * caller had it, as the stub's own calls do: it decides on r0 alone
 * before it uses any other register, and a call that is not its own
 * touches nothing but r0.  The one scratch word it writes is its own,
 * hyp_scratch, on the paths that need a register and have none free.
 *
 * Kept in .rodata: the module never runs this copy, only the one it makes.
 */
#include "hypstub-el2.h"

#define HSR_EC_SHIFT	26
#define HSR_EC_HVC	0x12
/* The HSR of `hvc #0` from ARM or Thumb state: EC 0x12, IL 1, imm16 0. */
#define HSR_HVC_IMM0	0x4a000000
/* HSR bits 24:16, RES0 for an HVC: cleared before the compare. */
#define HSR_ISS_HIGH_LO	0x00ff0000
#define HSR_ISS_HIGH_HI	0x01000000
/* The fast SMC32 vendor hypervisor service: every call el2.S serves. */
#define VENDOR_HYP32 \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_VENDOR_HYP, 0)

	.arm
	.syntax	unified
	.arch_extension virt

	/*
	 * r0 holds one of el2.S's own function IDs, \id: go on if this is
	 * `hvc #0` (the HSR says), else put \id back in r0 and treat the
	 * exception as not el2.S's (another immediate, or not an HVC).
	 */
	.macro	hvc0_or_not_ours id
	mrc	p15, 4, r0, c5, c2, 0		/* HSR */
	bic	r0, r0, #HSR_ISS_HIGH_LO
	bic	r0, r0, #HSR_ISS_HIGH_HI
	cmp	r0, #HSR_HVC_IMM0
	movwne	r0, #((\id) & 0xffff)
	movtne	r0, #((\id) >> 16)
	bne	hyp_not_ours
	.endm

	.section .rodata.hypstub_el2, "a"
	.balign	HYPSTUB_VECTORS_ALIGN_AARCH32
	.globl	hypstub_el2_start
hypstub_el2_start:
	b	hyp_reset	/* 0x00: not used in Non-secure HYP */
	b	hyp_to_stub	/* 0x04: undefined instruction in HYP */
	b	hyp_to_stub	/* 0x08: HVC or SVC in HYP: this code makes none */
	b	hyp_to_stub	/* 0x0c: prefetch abort in HYP */
	b	hyp_to_stub	/* 0x10: data abort in HYP */
	b	hyp_trap	/* 0x14: Hyp Trap: an HVC from SVC, or a trap */
	b	hyp_to_stub	/* 0x18: IRQ routed to HYP */
	b	hyp_to_stub	/* 0x1c: FIQ routed to HYP */

	/* Never taken: a hang here names the vector to a debugger. */
hyp_reset:
	wfe
	b	hyp_reset

	/*
	 * Every register is the caller's; r0 is the function ID if this is
	 * an HVC.  The flags are free (SPSR_hyp holds the caller's).
	 */
hyp_trap:
	sub	r0, r0, #VENDOR_HYP32
	cmp	r0, #(HYPSTUB_MOD_WHOAMI - VENDOR_HYP32)
	beq	hyp_whoami
	cmp	r0, #(HYPSTUB_RESET_VECTORS32 - VENDOR_HYP32)
	add	r0, r0, #VENDOR_HYP32		/* the flags are the cmp's */
	bne	hyp_not_ours

	/*
	 * HYPSTUB_RESET_VECTORS32 (r1-r3 preserved): give HYP back.  Nothing
	 * else was changed, so the stub's vectors in HVBAR are the whole of
	 * it; the eret synchronizes, and from the next exception on the
	 * stub serves this CPU again.
	 */
	hvc0_or_not_ours HYPSTUB_RESET_VECTORS32
	ldr	r0, hypstub_el2_stub_vbar
	mcr	p15, 4, r0, c12, c0, 0		/* HVBAR */
	mov	r0, #SMCCC_RET_SUCCESS
	eret

	/* The proof (r0-r3 its results): the mode, the table, HCR. */
hyp_whoami:
	hvc0_or_not_ours HYPSTUB_MOD_WHOAMI
	mov	r0, #SMCCC_RET_SUCCESS
	mrs	r1, cpsr
	mrc	p15, 4, r2, c12, c0, 0		/* HVBAR */
	mrc	p15, 4, r3, c1, c1, 0		/* HCR */
	eret

	/*
	 * Not a call of el2.S's, r0 and every other register the caller's:
	 * on to the stub through its pass-on entry (docs/hyp-abi.rst,
	 * "Passing a call on to the stub"), which answers the caller as if
	 * it had taken the HVC itself: the vendor UID, GET_VECTORS32 (HVBAR
	 * as it is: the module's table), the kernel's PSCI calls through the
	 * proxy.  A PC-relative load into PC needs no register.  A trap that
	 * is no HVC is reported there, and parks, like any unexpected one.
	 */
hyp_not_ours:
	ldr	pc, hypstub_el2_stub_pass_on

	/*
	 * Anything but an HVC is not the module's to handle (with the
	 * stub's HCR, HCPTR, HSTR and HDCR, which the module leaves alone,
	 * nothing else is routed to HYP; a fault in this code would be):
	 * put the stub's vectors back and return to the instruction that
	 * took the exception (ELR_hyp, its preferred return address), with
	 * every register as the exception left it, so that it happens again
	 * and the stub reports it instead of the module hiding it.
	 */
hyp_to_stub:
	str	r0, hyp_scratch
	ldr	r0, hypstub_el2_stub_vbar
	mcr	p15, 4, r0, c12, c0, 0		/* HVBAR */
	ldr	r0, hyp_scratch
	eret

	.balign	4
	/* The stub's vectors (HYPSTUB_GET_VECTORS32), set by the module. */
	.globl	hypstub_el2_stub_vbar
hypstub_el2_stub_vbar:
	.long	0
	/* The stub's vectors + HYPSTUB_PASS_ON_OFFSET_AARCH32, set with it. */
	.globl	hypstub_el2_stub_pass_on
hypstub_el2_stub_pass_on:
	.long	0
	/* r0 while hyp_to_stub needs the register. */
hyp_scratch:
	.long	0
	.globl	hypstub_el2_end
hypstub_el2_end:
