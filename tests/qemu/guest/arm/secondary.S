/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The entry point CPU 0 hands to PSCI CPU_ON over HVC (cases.c,
 * cpu_on_secondary), for CPU 1.
 *
 * Contract (arm-common): QEMU's PSCI starts CPU 1 in HYP at the stub's
 * entry; the stub installs itself on CPU 1 and enters here in SVC, A/I/F
 * masked, MMU off, r0 = the context of the call.  This code records what
 * it finds, asks the stub two things over HVC (which only answers if the
 * stub is installed on this CPU), tells CPU 0 through
 * guest_secondary_record, and switches itself off with PSCI CPU_OFF over
 * HVC.  It uses no stack and no C: r9 and r10 only, besides the call
 * registers.
 */
#include "guest.h"

	.arch	armv7ve
	.arch_extension virt
	.arm
	.syntax	unified

	.text
	.balign	HYPSTUB_ENTRY_ALIGN
	.globl	guest_secondary_entry
	.type	guest_secondary_entry, %function
guest_secondary_entry:
	adr_far	r9, guest_secondary_record
	stm	r9, {r0-r3}
	mrs	r10, cpsr
	str	r10, [r9, #SEC_CPSR]
	mrc	p15, 0, r10, c1, c0, 0		/* SCTLR */
	str	r10, [r9, #SEC_SCTLR]
	mrc	p15, 0, r10, c0, c0, 5		/* MPIDR */
	str	r10, [r9, #SEC_MPIDR]

	/*
	 * A fault here is reported like one on CPU 0 (and ends the run):
	 * nothing else uses the PL1 exception stack meanwhile.
	 */
	adr_far	r10, guest_pl1_vectors
	mcr	p15, 0, r10, c12, c0, 0		/* VBAR */
	isb

	/* The stub keeps r9 and r10: they are not results. */
	movw	r0, #(HYPSTUB_GET_ABI_VERSION & 0xffff)
	movt	r0, #(HYPSTUB_GET_ABI_VERSION >> 16)
	hvc	#0
	str	r0, [r9, #SEC_ABI_VERSION]
	movw	r0, #(GUEST_GET_VECTORS & 0xffff)
	movt	r0, #(GUEST_GET_VECTORS >> 16)
	hvc	#0
	str	r0, [r9, #SEC_VECTORS_X0]
	str	r1, [r9, #SEC_VECTORS_X1]

	mov	r10, #1
	str	r10, [r9, #SEC_RAN]
	dsb	sy
	sev

	/* Off through the proxy; PSCI CPU_OFF does not return when it works. */
	movw	r0, #(PSCI_0_2_CPU_OFF & 0xffff)
	movt	r0, #(PSCI_0_2_CPU_OFF >> 16)
	hvc	#0
	str	r0, [r9, #SEC_OFF_X0]
	mov	r10, #1
	str	r10, [r9, #SEC_OFF_RETURNED]
	dsb	sy
	sev
1:	wfe
	b	1b
	.size	guest_secondary_entry, . - guest_secondary_entry

	.bss
	.balign	8
	.globl	guest_secondary_record
guest_secondary_record:
	.skip	SEC_SIZE
