/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Call helpers: void guest_hvc*(const struct hvc_frame *in,
 *				 struct hvc_frame *out)
 *
 * Load x0..x30 and SP from @in, issue one HVC, store x0..x30 and SP into
 * @out, and give C its environment back.  The stub must preserve every
 * register that is not a result of the call (SP_EL1 included), so C fills
 * the frame with sentinels and compares.
 *
 * While the HVC is in flight no register, SP included, holds anything of
 * the C world; the C state lives in the static save area.  Afterwards x30
 * is parked in TPIDR_EL1 (an EL1 register the stub has no business with)
 * to free one register as the base for the stores.  Single CPU only.
 */
#include "guest.h"

	.macro	hvc_helper name, imm
	.globl	\name
	.type	\name, %function
\name:
	stp	x29, x30, [sp, #-112]!
	mov	x29, sp
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	str	x1, [sp, #96]
	adrp	x2, hvc_saved_sp
	mov	x3, sp
	str	x3, [x2, :lo12:hvc_saved_sp]

	ldr	x2, [x0, #FRAME_SP]
	mov	sp, x2
	mov	x30, x0
	ldp	x0, x1, [x30, #FRAME_X(0)]
	ldp	x2, x3, [x30, #FRAME_X(2)]
	ldp	x4, x5, [x30, #FRAME_X(4)]
	ldp	x6, x7, [x30, #FRAME_X(6)]
	ldp	x8, x9, [x30, #FRAME_X(8)]
	ldp	x10, x11, [x30, #FRAME_X(10)]
	ldp	x12, x13, [x30, #FRAME_X(12)]
	ldp	x14, x15, [x30, #FRAME_X(14)]
	ldp	x16, x17, [x30, #FRAME_X(16)]
	ldp	x18, x19, [x30, #FRAME_X(18)]
	ldp	x20, x21, [x30, #FRAME_X(20)]
	ldp	x22, x23, [x30, #FRAME_X(22)]
	ldp	x24, x25, [x30, #FRAME_X(24)]
	ldp	x26, x27, [x30, #FRAME_X(26)]
	ldp	x28, x29, [x30, #FRAME_X(28)]
	ldr	x30, [x30, #FRAME_X(30)]
	hvc	#\imm
	/*
	 * The SOFT_RESTART target in el2.S erets here (guest_hvc0_return),
	 * so an accepted restart comes back through the same store path.
	 */
	.globl	\name\()_return
\name\()_return:
	msr	tpidr_el1, x30
	adrp	x30, hvc_scratch
	add	x30, x30, :lo12:hvc_scratch
	b	hvc_store_frame
	.size	\name, . - \name
	.endm

	.text
	GUEST_HVC_HELPERS

	/* x30 = hvc_scratch, the caller's x30 in TPIDR_EL1. */
	.type	hvc_store_frame, %function
hvc_store_frame:
	stp	x0, x1, [x30, #FRAME_X(0)]
	stp	x2, x3, [x30, #FRAME_X(2)]
	stp	x4, x5, [x30, #FRAME_X(4)]
	stp	x6, x7, [x30, #FRAME_X(6)]
	stp	x8, x9, [x30, #FRAME_X(8)]
	stp	x10, x11, [x30, #FRAME_X(10)]
	stp	x12, x13, [x30, #FRAME_X(12)]
	stp	x14, x15, [x30, #FRAME_X(14)]
	stp	x16, x17, [x30, #FRAME_X(16)]
	stp	x18, x19, [x30, #FRAME_X(18)]
	stp	x20, x21, [x30, #FRAME_X(20)]
	stp	x22, x23, [x30, #FRAME_X(22)]
	stp	x24, x25, [x30, #FRAME_X(24)]
	stp	x26, x27, [x30, #FRAME_X(26)]
	stp	x28, x29, [x30, #FRAME_X(28)]
	mrs	x0, tpidr_el1
	str	x0, [x30, #FRAME_X(30)]
	mov	x0, sp
	str	x0, [x30, #FRAME_SP]

	adrp	x0, hvc_saved_sp
	ldr	x0, [x0, :lo12:hvc_saved_sp]
	mov	sp, x0
	/* Copy the scratch frame out: @out may be anywhere in C's memory. */
	ldr	x1, [sp, #96]
	mov	x2, #FRAME_SIZE
1:	ldp	x3, x4, [x30], #16
	stp	x3, x4, [x1], #16
	subs	x2, x2, #16
	b.ne	1b

	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #112
	ret
	.size	hvc_store_frame, . - hvc_store_frame

	.bss
	.balign	16
hvc_scratch:
	.skip	FRAME_SIZE
hvc_saved_sp:
	.skip	8
