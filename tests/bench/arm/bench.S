/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Benchmark guest for AArch32: a zImage-format payload entered in SVC
 * above the stub in HYP mode, the A32 form of tests/bench/bench.S with the
 * same calls and the same output ("bench <name> <total hex>" per loop of
 * BENCH_CALLS calls), for scripts/bench.py.  The count is the PMU cycle
 * counter (PMCCNTR), which under QEMU -icount shift=0 advances once per
 * guest instruction; its filter (PMCCFILTR, through PMSELR = 31 and
 * PMXEVTYPER) has NSH set, or the HYP part of each call would not count
 * (QEMU 7.2 then counts the whole HVC as one instruction).  32 bits are
 * enough: a loop is well under 2^32 instructions.
 */
#include "abi/hypstub.h"

	.syntax	unified
	.arch	armv7-a
	.arch_extension virt
	.arch_extension sec
	.arm

#define BENCH_CALLS		10000
#define SMCCC_ARCH_WORKAROUND_1_ID	0x80008000
#define PSCI_VERSION_ID		0x84000000
#define SEMIHOST_SYS_EXIT	0x18
#define ADP_STOPPED_APP_EXIT	0x20026
#define ADP_STOPPED_RUNTIME_ERROR	0x20023

	.section .text, "ax"
	.globl	_start
_start:
	b	bench_main
	.rept	8
	.long	0
	.endr
	.long	0x016f2818			/* zImage magic */
	.long	0				/* start: position independent */
	.long	bench_end - _start		/* end */
	.long	0x04030201			/* little-endian */

/* Loop of BENCH_CALLS calls with r0 = r4, r1 = r5; \call is hvc or nothing. */
.macro	bench_loop name, call
	isb
	mrc	p15, 0, r6, c9, c13, 0		/* PMCCNTR */
	mov	r7, #0
	ldr	r8, =BENCH_CALLS
1:	mov	r0, r4
	mov	r1, r5
	\call
	subs	r8, r8, #1
	bne	1b
	isb
	mrc	p15, 0, r0, c9, c13, 0
	mov	r1, #0
	subs	r6, r0, r6
	sbc	r7, r1, r7
	adrl	r0, name_\name
	bl	print_str
	mov	r0, r6
	mov	r1, r7
	bl	print_hex
.endm

.macro	nothing
.endm

.macro	hvc0
	hvc	#0
.endm

bench_main:
	cpsid	aif
	mrc	p15, 0, r0, c9, c12, 0		/* PMCR */
	orr	r0, r0, #5			/* E, C: on, cycle counter reset */
	bic	r0, r0, #8			/* D: every cycle */
	mcr	p15, 0, r0, c9, c12, 0
	mov	r0, #31
	mcr	p15, 0, r0, c9, c12, 5		/* PMSELR: the cycle counter's filter */
	isb
	mov	r0, #(1 << 27)
	mcr	p15, 0, r0, c9, c13, 1		/* PMXEVTYPER = PMCCFILTR: NSH, count in HYP */
	mov	r0, #0x80000000
	mcr	p15, 0, r0, c9, c12, 1		/* PMCNTENSET: the cycle counter */
	isb

	mov	r4, #0
	mov	r5, #0
	bench_loop empty, nothing

	ldr	r4, =SMCCC_VERSION
	bench_loop smccc_version, hvc0

	ldr	r4, =HYPSTUB_VENDOR_UID
	bench_loop vendor_uid, hvc0

	/* SET_VECTORS32 to the stub's own table: a real call that changes nothing. */
	ldr	r0, =HYPSTUB_GET_VECTORS32
	hvc	#0
	mov	r5, r1
	ldr	r4, =HYPSTUB_SET_VECTORS32
	bench_loop set_vectors, hvc0

	ldr	r4, =(SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_VENDOR_HYP, 0x0fff))
	mov	r5, #0
	bench_loop unknown_id, hvc0

	/* Firmware calls through the PSCI proxy (r1 = 0). */
	ldr	r4, =SMCCC_ARCH_WORKAROUND_1_ID
	bench_loop proxy_workaround_1, hvc0
	ldr	r4, =PSCI_VERSION_ID
	bench_loop proxy_psci_version, hvc0

	/*
	 * The same calls made with SMC directly from HYP: a table whose Hyp
	 * Trap entry passes r0 on with SMC (r1 = 0) or moves to the table in
	 * r1.  Never given back.
	 */
	ldr	r0, =HYPSTUB_SET_VECTORS32
	adrl	r1, smc_vectors
	hvc	#0
	cmp	r0, #0
	bne	bench_failed
	ldr	r4, =SMCCC_ARCH_WORKAROUND_1_ID
	bench_loop smc_workaround_1, hvc0
	ldr	r4, =PSCI_VERSION_ID
	bench_loop smc_psci_version, hvc0

	/* The floor: a table whose Hyp Trap entry is a bare eret.  Last. */
	adrl	r1, bare_vectors
	hvc	#0
	ldr	r4, =SMCCC_VERSION
	mov	r5, #0
	bench_loop bare, hvc0

	adrl	r0, name_done
	bl	print_str
	ldr	r1, =ADP_STOPPED_APP_EXIT
	b	bench_exit

bench_failed:
	adrl	r0, name_failed
	bl	print_str
	ldr	r1, =ADP_STOPPED_RUNTIME_ERROR

/* Semihosting SYS_EXIT with reason r1; PSCI SYSTEM_OFF if absent. */
bench_exit:
	mov	r0, #SEMIHOST_SYS_EXIT
	svc	#0x123456
	ldr	r0, =0x84000008
	smc	#0
2:	wfe
	b	2b

#include "tests/common/arm/uart-print.S"

	.ltorg

	.align	5
bare_vectors:
	.rept	5
	b	.
	.endr
	eret					/* Hyp Trap: the bare HVC */
	b	.
	b	.

	.align	5
smc_vectors:
	.rept	5
	b	.
	.endr
	b	smc_trap			/* Hyp Trap */
	b	.
	b	.
smc_trap:
	cmp	r1, #0
	smceq	#0
	mcrne	p15, 4, r1, c12, c0, 0		/* HVBAR */
	isb
	eret

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
name_failed:		.asciz "bench: taking HYP over failed\n"

	.align	3
bench_end:
