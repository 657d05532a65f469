// SPDX-License-Identifier: BSD-2-Clause
/*
 * One HVC through stub_handle_lower_sync() and the check of its frame, for
 * test_dispatch.c and test_psci.c: see hvc_call.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "hvc_call.h"

#define NR_X	(sizeof(call.before.x) / sizeof(call.before.x[0]))

struct hvc_call_state call;

void hvc_call_reset(void)
{
	fake_arch_reset();
	fake.smc_answer[0] = FIRMWARE_X0;
	fake.smc_answer[1] = FIRMWARE_X1;
	fake.smc_answer[2] = FIRMWARE_X2;
	fake.smc_answer[3] = FIRMWARE_X3;
	call.context[0] = '\0';
	/* Installed: the fake firmware answers SMCCC 1.0 (no SMCCC_VERSION). */
	stub_probe_firmware();
}

/* A value no call produces, one per register, in the register's width. */
static stub_reg_t sentinel(unsigned int reg)
{
	if (sizeof(stub_reg_t) < sizeof(uint64_t)) {
		return (stub_reg_t)(0x5e005e00U | (reg + 1) << 16 | reg);
	}
	return (stub_reg_t)(0x5e00000000005e00ULL | ((uint64_t)(reg + 1) << 32) | reg);
}

void hvc_call(uint64_t esr, unsigned int nr_args, uint64_t x0, uint64_t x1,
	      uint64_t x2, uint64_t x3, uint64_t x4)
{
	const uint64_t args[5] = { x0, x1, x2, x3, x4 };
	unsigned int i;

	/* Every member of the frame, the AArch32 one's r5 and r12 too. */
	memset(&call.before, 0x5e, sizeof(call.before));
	for (i = 0; i < NR_X; i++) {
		call.before.x[i] = sentinel(i);
	}
	call.before.lr = sentinel(30);
	/* What the caller's registers hold: on AArch32, the low words. */
	for (i = 0; i <= nr_args && i < NR_X; i++) {
		call.before.x[i] = (stub_reg_t)args[i];
	}
	call.after = call.before;
	fake_arch_clear_log();
	call.exit = stub_handle_lower_sync(&call.after, esr);
}

void hvc_check_frame(int line, const uint64_t *results, size_t nr_results,
		     hvc_check_hook *hook)
{
	struct stub_frame rest;
	int bad = 0;
	size_t i;

	if (call.exit != STUB_EXIT_RETURN) {
		print_error("line %d%s: exit %llu, expected STUB_EXIT_RETURN\n",
			    line, call.context, (unsigned long long)call.exit);
		bad = 1;
	}
	for (i = 0; i < NR_X; i++) {
		/* A result as the register holds it: on AArch32, 32 bits. */
		stub_reg_t want = i < nr_results ? (stub_reg_t)results[i] :
				  call.before.x[i];

		if (call.after.x[i] != want) {
			print_error("line %d%s: x%zu = %#llx, expected %#llx (%s)\n",
				    line, call.context, i,
				    (unsigned long long)call.after.x[i],
				    (unsigned long long)want,
				    i < nr_results ? "result" : "not a result: preserved");
			bad = 1;
		}
	}
	if (call.after.lr != call.before.lr) {
		print_error("line %d%s: lr = %#llx, expected %#llx (preserved)\n",
			    line, call.context,
			    (unsigned long long)call.after.lr,
			    (unsigned long long)call.before.lr);
		bad = 1;
	}
	/* Any other register the entry saved (AArch32: r5, r12): kept. */
	rest = call.after;
	memcpy(rest.x, call.before.x, sizeof(rest.x));
	rest.lr = call.before.lr;
	if (memcmp(&rest, &call.before, sizeof(rest)) != 0) {
		print_error("line %d%s: a saved register besides x0..x4 and lr changed\n",
			    line, call.context);
		bad = 1;
	}
	if (hook != NULL && hook(line)) {
		bad = 1;
	}
	if (bad) {
		fail_msg("frame check failed (line %d%s)", line, call.context);
	}
}
