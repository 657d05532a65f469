/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The entry point CPU 0 hands to PSCI CPU_ON over HVC (cases.c,
 * case_cpu_on_secondary), for CPU 1.
 *
 * Contract (docs/hyp-abi.rst, "CPU entry state"): the firmware starts CPU 1
 * at the stub's CPU entry at EL2; the stub installs itself on CPU 1 and
 * enters here at EL1h, DAIF masked, MMU off, x0 = the context of the call,
 * x1..x3 = 0.  This code records what it finds, asks the stub two things
 * over HVC (which only answers if the stub is installed on this CPU), tells
 * CPU 0 through guest_secondary_record, and switches itself off with PSCI
 * CPU_OFF over HVC.  It uses no stack and no C: x9 and x10 only, besides
 * the call registers.
 */
#include "guest.h"

	.text
	.balign	HYPSTUB_ENTRY_ALIGN
	.globl	guest_secondary_entry
	.type	guest_secondary_entry, %function
guest_secondary_entry:
	adrp	x9, guest_secondary_record
	add	x9, x9, :lo12:guest_secondary_record
	stp	x0, x1, [x9, #SEC_X0]
	stp	x2, x3, [x9, #SEC_X2]
	mrs	x10, CurrentEL
	str	x10, [x9, #SEC_CURRENT_EL]
	mrs	x10, daif
	str	x10, [x9, #SEC_DAIF]
	mrs	x10, spsel
	str	x10, [x9, #SEC_SPSEL]
	mrs	x10, sctlr_el1
	str	x10, [x9, #SEC_SCTLR_EL1]
	mrs	x10, mpidr_el1
	str	x10, [x9, #SEC_MPIDR]

	/*
	 * A fault here is reported like one on CPU 0 (and ends the run):
	 * nothing else uses the EL1 exception stack meanwhile.
	 */
	adrp	x10, guest_el1_vectors
	add	x10, x10, :lo12:guest_el1_vectors
	msr	vbar_el1, x10
	isb

	/* The stub keeps x9 and x10: they are not results. */
	ldr	w0, =HYPSTUB_GET_ABI_VERSION
	hvc	#0
	str	x0, [x9, #SEC_ABI_VERSION]
	ldr	w0, =HYPSTUB_GET_VECTORS
	hvc	#0
	stp	x0, x1, [x9, #SEC_VECTORS_X0]

	mov	x10, #1
	str	x10, [x9, #SEC_RAN]
	dsb	sy
	sev

	/* Off through the proxy; PSCI CPU_OFF does not return when it works. */
	ldr	w0, =PSCI_0_2_CPU_OFF
	hvc	#0
	str	x0, [x9, #SEC_OFF_X0]
	mov	x10, #1
	str	x10, [x9, #SEC_OFF_RETURNED]
	dsb	sy
	sev
1:	wfe
	b	1b
	.size	guest_secondary_entry, . - guest_secondary_entry
	.ltorg

	.bss
	.balign	16
	.globl	guest_secondary_record
guest_secondary_record:
	.skip	SEC_SIZE
