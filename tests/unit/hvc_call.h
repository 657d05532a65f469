/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One HVC from EL1 through stub_handle_lower_sync(), and the check of the
 * frame it leaves, shared by test_dispatch.c and test_psci.c.
 *
 * Before every call each register of struct stub_frame (x0..x4 and lr, all
 * the HVC entry saves; on AArch32 r0..r4, r5, r12 and LR_usr, 32 bits
 * each) holds a distinct sentinel, then the call's own arguments; after it, the registers that are results must hold the
 * expected values and every other one its value from before the call
 * (STYLE.md 11).  What else a call may or must not change is each test's
 * own: hvc_check_frame() runs the test's hook after the frame check.
 */
#ifndef HYPSTUB_TESTS_UNIT_HVC_CALL_H
#define HYPSTUB_TESTS_UNIT_HVC_CALL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fake_arch.h"

/*
 * The syndrome of `hvc #imm` from the kernel, EC in bits 31:26, IL 25, ISS
 * = imm: ESR_EL2 of an HVC from AArch64 EL1 (EC 0x16), or on AArch32 HSR
 * of an HVC from SVC (EC 0x12; `hvc #0xabcd` gave 0x4a00abcd, probed).
 * Spelt out, not taken from arch-defs.h, so a wrong value there fails.
 */
#define ESR_EC(ec)		((uint64_t)(ec) << 26)
#define ESR_IL			(1ULL << 25)
#if STUB_CALLER_AARCH32
#define EC_HVC			0x12
#define EC_OTHER_HVC		0x16	/* the other architecture's HVC */
#else
#define EC_HVC			0x16
#define EC_OTHER_HVC		0x12
#endif
#define HVC_SYNDROME(imm)	(ESR_EC(EC_HVC) | ESR_IL | (uint64_t)(imm))

/* What the fake firmware answers an SMC with (x0..x3), each no sentinel. */
#define FIRMWARE_X0		0x0f0f0f0f0f0f0f00ULL
#define FIRMWARE_X1		0x0f0f0f0f0f0f0f01ULL
#define FIRMWARE_X2		0x0f0f0f0f0f0f0f02ULL
#define FIRMWARE_X3		0x0f0f0f0f0f0f0f03ULL

/* The frame before and after one call. */
struct hvc_call_state {
	struct stub_frame before;
	struct stub_frame after;
	uint64_t exit;
	char context[96];	/* printed on failure: which loop iteration */
};

extern struct hvc_call_state call;

#define CONTEXT(...) \
	snprintf(call.context, sizeof(call.context), __VA_ARGS__)

/*
 * Before every test: the fake reset, its firmware answering FIRMWARE_X0..3,
 * no context.
 */
void hvc_call_reset(void);

/*
 * Make the call @esr (an HVC: HVC_SYNDROME(imm)) with x0..x(@nr_args) from
 * @x0..@x4 and sentinels in the other registers; the fake's log is cleared
 * first.
 */
void hvc_call(uint64_t esr, unsigned int nr_args, uint64_t x0, uint64_t x1,
	      uint64_t x2, uint64_t x3, uint64_t x4);

/*
 * A test's own check after the frame's: prints what is wrong (line @line,
 * call.context) with print_error() and returns nonzero, or returns 0.
 */
typedef int hvc_check_hook(int line);

/*
 * The call returned, x0..x(@nr_results-1) are @results and every other
 * saved register kept its value; then @hook, unless NULL.  Fails the test
 * at the end, after printing every mismatch.
 */
void hvc_check_frame(int line, const uint64_t *results, size_t nr_results,
		     hvc_check_hook *hook);

/* RESULTS(a, b, ...): the @results, @nr_results of hvc_check_frame(). */
#define RESULTS(...) \
	(const uint64_t[]){ __VA_ARGS__ }, \
	sizeof((const uint64_t[]){ __VA_ARGS__ }) / sizeof(uint64_t)

#endif /* HYPSTUB_TESTS_UNIT_HVC_CALL_H */
