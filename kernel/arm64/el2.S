/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The module's EL2 code: a vector table and its handler, which the module
 * copies into physically contiguous pages and installs with
 * HYPSTUB_SET_VECTORS to borrow EL2 (docs/hyp-abi.rst, "Taking EL2 over
 * and giving it back"; docs/linux-module.rst).
 *
 * It runs with the EL2 MMU off, at whatever physical address the copy
 * landed on: position independent (adr only, no absolute address), its
 * one datum (the stub's vectors) inside the copy.  It runs on SP_EL2,
 * which is the stub's stack: it never moves SP and writes only the one
 * word below it that the ABI lends an owner (SP_EL2 - 8), so the stub
 * finds its stack as it left it.  It changes no EL2 register but
 * VBAR_EL2, so giving EL2 back is writing the stub's vectors back.
 *
 * Kept in .rodata: the module never runs this copy, only the one it makes.
 */
#include "hypstub-el2.h"

#define ESR_EC_SHIFT	26
#define ESR_EC_WIDTH	6
#define ESR_EC_HVC64	0x16

	/*
	 * Anything but an HVC from EL1 is not the module's to handle: put
	 * the stub's vectors back and return to the instruction that took
	 * the exception, so that it happens again and the stub reports it
	 * (its unexpected-exception report) instead of the module hiding it.
	 * Every register is as the exception left it.
	 */
	.macro	to_stub
	.balign	0x80
	str	x30, [sp, #-8]
	b	el2_not_hvc
	.endm

	/*
	 * EL2 with SP_EL0: never used at EL2 (the stub runs on SP_EL2), so
	 * SP is not known to be usable.  Each loops on its own label, which
	 * names the vector to a debugger.
	 */
	.macro	sp0_park name
	.balign	0x80
\name:
	wfe
	b	\name
	.endm

	.section .rodata.hypstub_el2, "a"
	.balign	HYPSTUB_VECTORS_ALIGN
	.globl	hypstub_el2_start
hypstub_el2_start:
	sp0_park el2_sp0_sync
	sp0_park el2_sp0_irq
	sp0_park el2_sp0_fiq
	sp0_park el2_sp0_serror
	.rept	4		/* EL2 with SP_EL2: a fault in this code */
	to_stub
	.endr

	/* Synchronous from EL1 in AArch64: an HVC, or a trap. */
	.balign	0x80
	b	el2_sync

	.rept	7		/* IRQ, FIQ, SError from EL1; AArch32 EL1 */
	to_stub
	.endr

	/*
	 * The caller's x30 goes to the lent word first: from then on x30
	 * is scratch, and the flags are too (SPSR_EL2 holds the caller's).
	 */
el2_sync:
	str	x30, [sp, #-8]
	mrs	x30, esr_el2
	ubfx	x30, x30, #ESR_EC_SHIFT, #ESR_EC_WIDTH
	cmp	x30, #ESR_EC_HVC64
	b.ne	el2_not_hvc
	mov	w30, #(HYPSTUB_MOD_WHOAMI & 0xffff)
	movk	w30, #(HYPSTUB_MOD_WHOAMI >> 16), lsl #16
	cmp	w0, w30
	b.eq	el2_whoami
	mov	w30, #(HYPSTUB_RESET_VECTORS & 0xffff)
	movk	w30, #(HYPSTUB_RESET_VECTORS >> 16), lsl #16
	cmp	w0, w30
	b.eq	el2_give_back

	/*
	 * Every other HVC (Linux's PSCI calls through the stub's proxy, the
	 * SMCCC queries, HVC_RESET_VECTORS in either numbering) goes on to
	 * the stub through its pass-on entry, with the caller's x30 at
	 * SP_EL2 - 8 and x30 free: the stub answers the caller itself.
	 */
	adr	x30, hypstub_el2_stub_vbar
	ldr	x30, [x30]
	add	x30, x30, #HYPSTUB_PASS_ON_OFFSET
	br	x30

	/* The proof: where this runs, from which table, with which HCR. */
el2_whoami:
	mov	x0, #0
	mrs	x1, CurrentEL
	mrs	x2, vbar_el2
	mrs	x3, hcr_el2
	ldr	x30, [sp, #-8]
	eret

	/*
	 * Give EL2 back: nothing else was changed, so the stub's vectors in
	 * VBAR_EL2 are the whole of it.  From the next exception on the
	 * stub serves this CPU again.
	 */
el2_give_back:
	adr	x30, hypstub_el2_stub_vbar
	ldr	x30, [x30]
	msr	vbar_el2, x30
	isb
	mov	x0, #0
	ldr	x30, [sp, #-8]
	eret

	/* A trap that is not an HVC: as to_stub, x30 already saved. */
el2_not_hvc:
	adr	x30, hypstub_el2_stub_vbar
	ldr	x30, [x30]
	msr	vbar_el2, x30
	isb
	ldr	x30, [sp, #-8]
	eret

	/* The stub's vectors (HYPSTUB_GET_VECTORS), set by the module. */
	.balign	8
	.globl	hypstub_el2_stub_vbar
hypstub_el2_stub_vbar:
	.quad	0
	.globl	hypstub_el2_end
hypstub_el2_end:
