/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Call helpers: void guest_hvc*(const struct hvc_frame *in,
 *				 struct hvc_frame *out)
 *
 * Load the banked registers of every other mode, SPSR_svc, the CPSR flags
 * and r0..r14 of SVC from @in, issue one HVC, store them all into @out,
 * and give C its environment back.  The stub must preserve every register
 * that is not a result of the call, so C fills the frame with sentinels
 * and compares.
 *
 * While the HVC is in flight no register, SP and LR included, holds
 * anything of the C world; the C state lives in the static save area.
 * Afterwards LR_svc is parked in TPIDRPRW (a PL1 register the stub has no
 * business with) to free one register as the base for the stores.  Every
 * address is formed PC-relatively.  Single CPU only.
 */
#include "guest.h"

	.arch	armv7ve
	.arch_extension virt
	.arm
	.syntax	unified

	.macro	hvc_helper name, imm
	.globl	\name
	.type	\name, %function
\name:
	push	{r4-r11, lr}
	adr_far	r2, hvc_saved
	str	sp, [r2]
	str	r1, [r2, #4]

	/* The other modes' banked registers, SPSR_svc and the flags. */
	add	r2, r0, #FRAME_R(FRAME_BANKED_FIRST)
	.irp	reg, FRAME_BANKED
	ldr	r3, [r2], #4
	msr	\reg, r3
	.endr
	ldr	r3, [r0, #FRAME_SPSR_SVC]
	msr	spsr_fsxc, r3
	/* N, Z, C, V, Q and GE: the mode and the masks stay as they are. */
	ldr	r3, [r0, #FRAME_CPSR]
	msr	cpsr_fs, r3

	mov	lr, r0
	ldr	sp, [lr, #FRAME_SP]
	ldm	lr, {r0-r12}
	ldr	lr, [lr, #FRAME_LR]
	hvc	#\imm
	/*
	 * The SOFT_RESTART target in arm/hyp.S erets here
	 * (guest_hvc0_return), so an accepted restart comes back through
	 * the same store path.
	 */
	.globl	\name\()_return
\name\()_return:
	mcr	p15, 0, lr, c13, c0, 4		/* TPIDRPRW */
	adr_far	lr, hvc_scratch
	b	hvc_store_frame
	.size	\name, . - \name
	.endm

	.text
	GUEST_HVC_HELPERS

	/* lr = hvc_scratch, the caller's LR_svc in TPIDRPRW. */
	.type	hvc_store_frame, %function
hvc_store_frame:
	stm	lr, {r0-r12}
	str	sp, [lr, #FRAME_SP]
	mrs	r0, cpsr
	str	r0, [lr, #FRAME_CPSR]
	mrc	p15, 0, r0, c13, c0, 4
	str	r0, [lr, #FRAME_LR]
	add	r1, lr, #FRAME_R(FRAME_BANKED_FIRST)
	.irp	reg, FRAME_BANKED
	mrs	r0, \reg
	str	r0, [r1], #4
	.endr
	mrs	r0, spsr
	str	r0, [lr, #FRAME_SPSR_SVC]

	adr_far	r2, hvc_saved
	ldr	sp, [r2]
	ldr	r1, [r2, #4]
	/* Copy the scratch frame out: @out may be anywhere in C's memory. */
	mov	r3, #FRAME_SIZE
1:	ldr	r0, [lr], #4
	str	r0, [r1], #4
	subs	r3, r3, #4
	bne	1b
	pop	{r4-r11, pc}
	.size	hvc_store_frame, . - hvc_store_frame

	.bss
	.balign	8
hvc_scratch:
	.skip	FRAME_SIZE
	/* The C world's SP_svc and @out. */
hvc_saved:
	.skip	8
