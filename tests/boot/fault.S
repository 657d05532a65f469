/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Payload for the unexpected-exception test: soft-restarts into EL2 code
 * that executes an undefined instruction.  The stub must print its
 * diagnostic (vector sync_el2h, ESR_EL2 0x2000000, ELR_EL2 = fault_at_el2)
 * and park the CPU.  The address is printed first so the test can check ELR.
 */
#include "abi/hypstub.h"

	.text
	.globl	_start
_start:
	b	1f
	.long	0
	.quad	0, fault_end - _start, 0x8, 0, 0, 0
	.long	0x644d5241, 0
1:	adr	x19, fault_at_el2
	mov	x0, x19
	bl	print_hex
	mov	x0, #HVC_SOFT_RESTART
	mov	x1, x19
	hvc	#0
	ldr	w0, =0x84000008			/* refused: switch off */
	smc	#0
	b	.

#include "tests/common/uart-print.S"

	.align	2
fault_at_el2:
	udf	#0
	.ltorg
	.align	3
fault_end:
