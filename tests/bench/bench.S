/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Benchmark guest: an arm64 Image entered at EL1 above the stub.  Counts
 * guest instructions per call with the PMU cycle counter, which under QEMU
 * -icount shift=0 advances exactly once per instruction, at EL1 and EL2.
 * Prints "bench <name> <total hex>" per loop of BENCH_CALLS calls, then
 * leaves through semihosting; scripts/bench.py turns that into a table.
 */
#include "abi/hypstub.h"

#define BENCH_CALLS		10000
#define SMCCC_ARCH_WORKAROUND_1_ID	0x80008000
#define PSCI_VERSION_ID		0x84000000
#define PMCR_E			(1 << 0)
#define PMCR_C			(1 << 2)
#define PMCNTEN_C		(1 << 31)
#define PMCCFILTR_NSH		(1 << 27)	/* count at EL2 too */

	.section .text, "ax"
	.globl	_start
_start:
	b	bench_main
	.long	0
	.quad	0				/* text_offset */
	.quad	bench_end - _start		/* image_size */
	.quad	0x8				/* LE, anywhere */
	.quad	0, 0, 0
	.long	0x644d5241			/* "ARM\x64" */
	.long	0

/* Loop of BENCH_CALLS calls with x0 = x20, x1 = x21; \call is hvc or nothing. */
.macro	bench_loop name, call
	isb
	mrs	x22, pmccntr_el0
	mov	x23, #BENCH_CALLS
1:	mov	x0, x20
	mov	x1, x21
	\call
	subs	x23, x23, #1
	b.ne	1b
	isb
	mrs	x24, pmccntr_el0
	sub	x25, x24, x22
	adr	x0, name_\name
	bl	print_str
	mov	x0, x25
	bl	print_hex
.endm

.macro	hvc0
	hvc	#0
.endm
.macro	nothing
.endm

bench_main:
	adr	x1, bench_stack_top
	mov	sp, x1
	mov	x0, #(PMCR_E | PMCR_C)
	msr	pmcr_el0, x0
	mov	x0, #PMCCFILTR_NSH
	msr	pmccfiltr_el0, x0
	mov	x0, #PMCNTEN_C
	msr	pmcntenset_el0, x0
	isb

	mov	x20, xzr
	mov	x21, xzr
	bench_loop empty, nothing

	ldr	w20, =SMCCC_VERSION
	bench_loop smccc_version, hvc0

	ldr	w20, =HYPSTUB_VENDOR_UID
	bench_loop vendor_uid, hvc0

	/* SET_VECTORS to the stub's own table: a real call that changes nothing. */
	ldr	x0, =HYPSTUB_GET_VECTORS
	hvc	#0
	mov	x21, x1
	mov	x20, #HVC_SET_VECTORS
	bench_loop set_vectors, hvc0

	ldr	w20, =(SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC64, SMCCC_OWNER_VENDOR_HYP, 0x0fff))
	mov	x21, xzr
	bench_loop unknown_id, hvc0

	/* Firmware calls through the PSCI proxy (x1 = 0). */
	ldr	w20, =SMCCC_ARCH_WORKAROUND_1_ID
	bench_loop proxy_workaround_1, hvc0
	ldr	w20, =PSCI_VERSION_ID
	bench_loop proxy_psci_version, hvc0

	/*
	 * The same calls made with SMC directly from EL2: a table whose HVC
	 * handler passes x0 on with SMC (x1 = 0) or moves to the table in x1.
	 * Never given back.
	 */
	ldr	x0, =HYPSTUB_SET_VECTORS
	adr	x1, smc_vectors
	hvc	#0
	cbnz	x0, bench_failed
	ldr	w20, =SMCCC_ARCH_WORKAROUND_1_ID
	bench_loop smc_workaround_1, hvc0
	ldr	w20, =PSCI_VERSION_ID
	bench_loop smc_psci_version, hvc0

	/* The floor: a table whose HVC handler is a bare eret.  Last. */
	adr	x1, bare_vectors
	hvc	#0
	ldr	w20, =SMCCC_VERSION
	mov	x21, xzr
	bench_loop bare, hvc0

	adr	x0, name_done
	bl	print_str
	mov	x0, #0
	b	bench_exit

bench_failed:
	adr	x0, name_failed
	bl	print_str
	mov	x0, #1

/* Semihosting SYS_EXIT_EXTENDED with status x0; PSCI SYSTEM_OFF if absent. */
bench_exit:
	adr	x1, exit_block
	str	x0, [x1, #8]
	mov	w0, #0x20
	hlt	#0xf000
	ldr	w0, =0x84000008
	smc	#0
2:	wfe
	b	2b

#include "tests/common/uart-print.S"

	.ltorg

	.align	11
bare_vectors:
	.rept	8
	.align	7
	b	.
	.endr
	.align	7
	eret					/* synchronous from EL1: the bare HVC */
	.rept	7
	.align	7
	b	.
	.endr

	.align	11
smc_vectors:
	.rept	8
	.align	7
	b	.
	.endr
	.align	7
	cbz	x1, 1f				/* synchronous from EL1 */
	msr	vbar_el2, x1
	isb
	eret
1:	smc	#0
	eret
	.rept	7
	.align	7
	b	.
	.endr

	/* One section: the Image is contiguous, image_size is a plain difference. */
name_empty:		.asciz "bench empty "
name_smccc_version:	.asciz "bench smccc_version "
name_vendor_uid:	.asciz "bench vendor_uid "
name_set_vectors:	.asciz "bench set_vectors "
name_unknown_id:	.asciz "bench unknown_id "
name_bare:		.asciz "bench bare "
name_proxy_workaround_1:	.asciz "bench proxy_workaround_1 "
name_proxy_psci_version:	.asciz "bench proxy_psci_version "
name_smc_workaround_1:	.asciz "bench smc_workaround_1 "
name_smc_psci_version:	.asciz "bench smc_psci_version "
name_done:		.asciz "bench done\n"
name_failed:		.asciz "bench: taking EL2 over failed\n"

	.align	3
exit_block:
	.quad	0x20026				/* ADP_Stopped_ApplicationExit */
	.quad	0

	.align	4
	.space	1024
bench_stack_top:
	.align	3
bench_end:
