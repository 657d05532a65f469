// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the PSCI proxy (stub/psci.c, CONFIG_HYPSTUB_PSCI_PROXY)
 * through stub_handle_lower_sync(), and of the CPU entry it sends the
 * firmware to (stub_cpu_start() in stub/cpu.c).
 *
 * The fake's arch_smc_call() records x0..x4 of the SMC in fake.smc_args[]
 * and answers fake.smc_answer[]; its stub_enter_el1() records where a CPU
 * would enter EL1 in fake.enter_el1_args[].  Before every HVC each register
 * of the frame (x0..x4, lr) holds a sentinel, then the call's arguments;
 * afterwards the results must be the documented ones and every other
 * register its value from before the call (STYLE.md 11).  The call and that
 * frame check are hvc_call.c's, shared with test_dispatch.c; what the proxy
 * must not touch outside the frame is checked here.
 *
 * Built twice: with config-default.h (proxy on, 16 CPUs) and with
 * config-alt.h plus -DHYPSTUB_TEST_ALT=1 (no proxy: every firmware call
 * answers NOT_SUPPORTED and nothing reaches the firmware); and both again
 * for arm (unit.mk's *-arm binaries), where the caller's entry calls are
 * SMC32 and go on to the firmware as SMC32, and every SMC64 call is
 * refused before it gets near the firmware.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fake_arch.h"
#include "hvc_call.h"
#include "psci.h"

#ifndef HYPSTUB_TEST_ALT
#define HYPSTUB_TEST_ALT	0
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Firmware function IDs, spelt out from the specifications (Arm DEN0022
 * PSCI, DEN0098 TRNG, DEN0028 SMCCC) rather than built from psci.h, so a
 * wrong number there fails here (test_firmware_ids_match_the_specs).
 */
#define PSCI_VERSION_ID			0x84000000U
#define PSCI_CPU_SUSPEND32_ID		0x84000001U
#define PSCI_CPU_SUSPEND64_ID		0xc4000001U
#define PSCI_CPU_OFF_ID			0x84000002U
#define PSCI_CPU_ON32_ID		0x84000003U
#define PSCI_CPU_ON64_ID		0xc4000003U
#define PSCI_AFFINITY_INFO32_ID		0x84000004U
#define PSCI_AFFINITY_INFO64_ID		0xc4000004U
#define PSCI_MIGRATE_INFO_TYPE_ID	0x84000006U
#define PSCI_SYSTEM_OFF_ID		0x84000008U
#define PSCI_SYSTEM_RESET_ID		0x84000009U
#define PSCI_FEATURES_ID		0x8400000aU
#define PSCI_CPU_DEFAULT_SUSPEND32_ID	0x8400000cU
#define PSCI_CPU_DEFAULT_SUSPEND64_ID	0xc400000cU
#define PSCI_SYSTEM_SUSPEND32_ID	0x8400000eU
#define PSCI_SYSTEM_SUSPEND64_ID	0xc400000eU
#define PSCI_SYSTEM_RESET2_64_ID	0xc4000012U
#define TRNG_VERSION_ID			0x84000050U
#define TRNG_RND32_ID			0x84000053U
#define TRNG_RND64_ID			0xc4000053U
#define ARCH_SOC_ID_ID			0x80000002U
#define ARCH_WORKAROUND_1_ID		0x80008000U
#define ARCH_WORKAROUND_2_ID		0x80007fffU
#define ARCH_WORKAROUND_3_ID		0x80003fffU

/* PSCI results (DEN0022), sign-extended in x0. */
#define PSCI_SUCCESS		0ULL
#define PSCI_ALREADY_ON		((uint64_t)-4LL)

/* Arguments with both halves set, so an SMC32 truncation shows. */
#define ARG1			0xa1a1a1a1b1b1b1b1ULL
#define ARG2			0xa2a2a2a2b2b2b2b2ULL
#define ARG3			0xa3a3a3a3b3b3b3b3ULL
#define ARG4			0xa4a4a4a4b4b4b4b4ULL

/* Good kernel entry points and contexts under the fake's 40 PA bits. */
#define ENTRY_A			0x40080000ULL
#define ENTRY_B			0x41234564ULL
#define CONTEXT_A		0x00000000c0c0c0c0ULL
#define CONTEXT_B		0xfedcba9876543210ULL
#define PA40			(1ULL << 40)

/*
 * The entry calls in the form the caller makes them and the form the proxy
 * passes on (STUB_PSCI_ENTRY_FN): SMC64 on AArch64, where the stub may lie
 * above 4 GiB; SMC32 on AArch32, whose caller has no SMC64.  NATIVE(x): what
 * such a call passes on of a register the stub does not rewrite.
 */
#if STUB_CALLER_AARCH32
#define CPU_ON_ID		PSCI_CPU_ON32_ID
#define CPU_ON_FWD_ID		PSCI_CPU_ON32_ID
#define CPU_SUSPEND_ID		PSCI_CPU_SUSPEND32_ID
#define CPU_SUSPEND_FWD_ID	PSCI_CPU_SUSPEND32_ID
#define NATIVE(x)		((uint64_t)(uint32_t)(x))
#else
#define CPU_ON_ID		PSCI_CPU_ON64_ID
#define CPU_ON_FWD_ID		PSCI_CPU_ON64_ID
#define CPU_SUSPEND_ID		PSCI_CPU_SUSPEND64_ID
#define CPU_SUSPEND_FWD_ID	PSCI_CPU_SUSPEND64_ID
#define NATIVE(x)		((uint64_t)(x))
#endif

/*
 * The CPUs the table lists in every test (setup()), as a device tree
 * would: gaps and every affinity level; MPIDR_OF(@index) is slot @index's.
 */
static const uint64_t listed_mpidrs[] = {
#if STUB_CALLER_AARCH32
	/* MPIDR has Aff2..Aff0 only. */
	0x0, 0x1, 0x100, 0x10203, 0x20000, 0x7, 0xffffff, 0x30000,
#else
	0x0, 0x1, 0x100, 0x10203, 0x0100000000ULL, 0x7, 0xff00ffffffULL, 0x30000,
#endif
};
#define NR_LISTED	(sizeof(listed_mpidrs) / sizeof(listed_mpidrs[0]) < CONFIG_HYPSTUB_MAX_CPUS ? \
			 sizeof(listed_mpidrs) / sizeof(listed_mpidrs[0]) : CONFIG_HYPSTUB_MAX_CPUS)
#define MPIDR_OF(index)		(listed_mpidrs[(index)])
#define LAST_CPU		((long)NR_LISTED - 1)

/*
 * The context the firmware gets for the stub's CPU entry: slot @index's
 * stack top, its low bit 0 for CPU_ON and 1 for the suspend calls (spelt
 * out here, not taken from stub-asm.h).
 */
#define ON_CONTEXT(index)	((uint64_t)stub_cpu_stack_top(index) | 0)
#define RESUME_CONTEXT(index)	((uint64_t)stub_cpu_stack_top(index) | 1)

/* Affinity values the table does not list: gaps and other levels. */
static const uint64_t no_slot_mpidrs[] = {
#if STUB_CALLER_AARCH32
	0x2, 0x101, 0x10000, 0x20001, 0xfffffe,
#else
	0x2, 0x101, 0x10000, 0x200000000ULL, 0xff00fffffeULL,
#endif
};

/*
 * Entry points refused: 0, not 4-byte aligned, beyond 40 PA bits.  (This
 * and the SMC helpers below serve the proxy's tests: unused in the alt build.)
 */
static const uint64_t bad_entries[] __attribute__((unused)) = {
#if STUB_CALLER_AARCH32
	/* What an SMC32 call passes on: the low word, 0 for 2^32 and 2^63. */
	0, 1, 2, 3, ENTRY_A + 1, ENTRY_A + 2, ENTRY_A + 3, 0xfffffffdULL,
	1ULL << 32, 1ULL << 63,
#else
	0, 1, 2, 3, ENTRY_A + 1, ENTRY_A + 2, ENTRY_A + 3, PA40, PA40 + 4,
	1ULL << 63, 0xfffffffffffffffcULL,
#endif
};

/* `hvc #imm` with x0..x4 all set. */
#define HVC_IMM(imm, x0, x1, x2, x3, x4) \
	hvc_call(HVC_SYNDROME(imm), 4, (x0), (x1), (x2), (x3), (x4))
#define HVC(x0, x1, x2, x3, x4)	HVC_IMM(0, (x0), (x1), (x2), (x3), (x4))

/* The proxy never touches VBAR_EL2, soft restarts, the UART or EL1 entry. */
static int no_side_effects(int line)
{
	if (fake.vbar_writes == 0 && fake.soft_restart_calls == 0 &&
	    fake.uart_len == 0 && fake.enter_el1_stub_calls == 0) {
		return 0;
	}
	print_error("line %d%s: side effects outside the frame: %u VBAR_EL2 writes, %u soft restarts, %zu UART bytes, %u stub_enter_el1 calls\n",
		    line, call.context, fake.vbar_writes,
		    fake.soft_restart_calls, fake.uart_len,
		    fake.enter_el1_stub_calls);
	return 1;
}

/* x0..x(n-1) are the results listed, the other registers and lr are kept. */
#define EXPECT(...) \
	hvc_check_frame(__LINE__, RESULTS(__VA_ARGS__), no_side_effects)

/* One SMC was made, with exactly these x0..x4. */
static void __attribute__((unused))
check_smc(int line, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3,
	  uint64_t x4)
{
	const uint64_t want[5] = { x0, x1, x2, x3, x4 };
	int bad = 0;
	unsigned int i;

	if (fake.smc_calls != 1) {
		fail_msg("line %d%s: %u SMCs, expected 1", line, call.context,
			 fake.smc_calls);
	}
	/* In the register's width: on AArch32, 32 bits. */
	for (i = 0; i < 5; i++) {
		if (fake.smc_args[i] != (stub_reg_t)want[i]) {
			print_error("line %d%s: SMC x%u = %#llx, expected %#llx\n",
				    line, call.context, i,
				    (unsigned long long)fake.smc_args[i],
				    (unsigned long long)(stub_reg_t)want[i]);
			bad = 1;
		}
	}
	if (bad) {
		fail_msg("SMC check failed (line %d%s)", line, call.context);
	}
}

#define EXPECT_SMC(x0, x1, x2, x3, x4) \
	check_smc(__LINE__, (x0), (x1), (x2), (x3), (x4))

#define EXPECT_NO_SMC() \
	do { \
		if (fake.smc_calls != 0) { \
			fail_msg("line %d%s: %u SMCs, expected none", \
				 __LINE__, call.context, fake.smc_calls); \
		} \
	} while (0)

/*
 * Whether the caller can make call @function_id: on AArch32 no SMC64 call,
 * which the stub refuses with -1 and never passes on.
 */
static int __attribute__((unused)) callable(uint32_t function_id)
{
	return !(STUB_CALLER_AARCH32 && (function_id & 0x40000000U));
}

/* What an SMC32 call passes on of a 64-bit register. */
static uint64_t __attribute__((unused)) smc_arg(uint32_t function_id, uint64_t value)
{
	return (function_id & 0x40000000U) ? value : (uint32_t)value;
}

/*
 * The firmware starts (@resume 0) or resumes (@resume 1) the CPU with
 * @mpidr at the stub's CPU entry, with the context the proxy gave it:
 * stub_cpu_start() there must install the stub on that CPU and enter
 * @entry at EL1 on the CPU's own stack with x0 = @context.
 */
static void check_cpu_start(int line, uint64_t mpidr, int resume,
			    uint64_t entry, uint64_t context)
{
	long index = stub_cpu_index(mpidr);

	assert_true(index >= 0);
	fake_arch_clear_log();
	fake.mpidr = mpidr;
	fake.cpu_id.mpidr = mpidr;
	stub_cpu_start(resume ? RESUME_CONTEXT(index) : ON_CONTEXT(index));
	if (fake.el2_writes != 1 || fake.el2_regs.vmpidr != mpidr ||
	    fake.enter_el1_stub_calls != 1 ||
	    fake.enter_el1_args[0] != stub_cpu_stack_top(index) ||
	    fake.enter_el1_args[1] != entry ||
	    fake.enter_el1_args[2] != context ||
	    fake.enter_el1_args[3] != 0 || fake.enter_el1_args[4] != 0 ||
	    fake.enter_el1_args[5] != 0) {
		fail_msg("line %d: CPU %#llx %s with %u EL2 set-ups (VMPIDR %#llx), %u EL1 entries: stack %#llx entry %#llx x0..x3 %#llx %#llx %#llx %#llx; expected stack %#llx entry %#llx x0 %#llx",
			 line, (unsigned long long)mpidr,
			 resume ? "resumed" : "started", fake.el2_writes,
			 (unsigned long long)fake.el2_regs.vmpidr,
			 fake.enter_el1_stub_calls,
			 (unsigned long long)fake.enter_el1_args[0],
			 (unsigned long long)fake.enter_el1_args[1],
			 (unsigned long long)fake.enter_el1_args[2],
			 (unsigned long long)fake.enter_el1_args[3],
			 (unsigned long long)fake.enter_el1_args[4],
			 (unsigned long long)fake.enter_el1_args[5],
			 (unsigned long long)stub_cpu_stack_top(index),
			 (unsigned long long)entry,
			 (unsigned long long)context);
	}
}

/* Started after a CPU_ON. */
#define EXPECT_CPU_ON_START(mpidr, entry, context) \
	check_cpu_start(__LINE__, (mpidr), 0, (entry), (context))
/* Resumed after a suspend call. */
#define EXPECT_CPU_RESUME(mpidr, entry, context) \
	check_cpu_start(__LINE__, (mpidr), 1, (entry), (context))

/* The calling CPU, for the suspend calls. */
static void set_own_cpu(uint64_t mpidr)
{
	fake.mpidr = mpidr;
	fake.cpu_id.mpidr = mpidr;
}

static int setup(void **state)
{
	size_t i;

	(void)state;
	stub_cpus_reset();
	hvc_call_reset();
	for (i = 0; i < NR_LISTED; i++) {
		assert_int_equal(stub_cpus_add(listed_mpidrs[i]), (long)i);
	}
	return 0;
}

/* ---- both configurations ---------------------------------------------- */

static void test_build_matches_switch(void **state)
{
	(void)state;
	assert_int_equal(IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY),
			 !HYPSTUB_TEST_ALT);
}

/* psci.h's numbers are the specifications' (they are not hypstub's ABI). */
static void test_firmware_ids_match_the_specs(void **state)
{
	(void)state;
	assert_int_equal(PSCI_FN32(PSCI_CPU_SUSPEND), PSCI_CPU_SUSPEND32_ID);
	assert_int_equal(PSCI_FN64(PSCI_CPU_SUSPEND), PSCI_CPU_SUSPEND64_ID);
	assert_int_equal(PSCI_FN32(PSCI_CPU_ON), PSCI_CPU_ON32_ID);
	assert_int_equal(PSCI_FN64(PSCI_CPU_ON), PSCI_CPU_ON64_ID);
	assert_int_equal(PSCI_FN32(PSCI_FEATURES), PSCI_FEATURES_ID);
	assert_int_equal(PSCI_FN32(PSCI_CPU_DEFAULT_SUSPEND),
			 PSCI_CPU_DEFAULT_SUSPEND32_ID);
	assert_int_equal(PSCI_FN64(PSCI_CPU_DEFAULT_SUSPEND),
			 PSCI_CPU_DEFAULT_SUSPEND64_ID);
	assert_int_equal(PSCI_FN32(PSCI_SYSTEM_SUSPEND),
			 PSCI_SYSTEM_SUSPEND32_ID);
	assert_int_equal(PSCI_FN64(PSCI_SYSTEM_SUSPEND),
			 PSCI_SYSTEM_SUSPEND64_ID);
	assert_int_equal(PSCI_FN32(STD_TRNG_FIRST), TRNG_VERSION_ID);
	assert_int_equal(PSCI_FN32(STD_TRNG_LAST), 0x8400005fU);
	assert_int_equal(SMCCC_ARCH_SOC_ID, ARCH_SOC_ID_ID);
	assert_int_equal(SMCCC_ARCH_WORKAROUND_1, ARCH_WORKAROUND_1_ID);
	assert_int_equal(SMCCC_ARCH_WORKAROUND_2, ARCH_WORKAROUND_2_ID);
	assert_int_equal(SMCCC_ARCH_WORKAROUND_3, ARCH_WORKAROUND_3_ID);
	assert_int_equal(PSCI_RET_INVALID_PARAMETERS, -2);
	assert_int_equal(PSCI_RET_INVALID_ADDRESS, -9);
}

/*
 * The CPU entry, on its own: the slot's entry and context, per CPU, the
 * CPU_ON pair or the resume pair as the context's low bit says.
 */
static void test_cpu_start_enters_the_slot(void **state)
{
	(void)state;
	stub_cpu_set_resume(1, STUB_CPU_START_ON, ENTRY_A, CONTEXT_A);
	stub_cpu_set_resume(1, STUB_CPU_START_RESUME, ENTRY_B, CONTEXT_B);
	stub_cpu_set_resume(LAST_CPU, STUB_CPU_START_ON, ENTRY_B, CONTEXT_B);
	stub_cpu_set_resume(LAST_CPU, STUB_CPU_START_RESUME, ENTRY_A, CONTEXT_A);
	EXPECT_CPU_ON_START(MPIDR_OF(LAST_CPU), ENTRY_B, CONTEXT_B);
	EXPECT_CPU_RESUME(MPIDR_OF(LAST_CPU), ENTRY_A, CONTEXT_A);
	EXPECT_CPU_ON_START(MPIDR_OF(1), ENTRY_A, CONTEXT_A);
	EXPECT_CPU_RESUME(MPIDR_OF(1), ENTRY_B, CONTEXT_B);
	/* Each pair is written on its own. */
	stub_cpu_set_resume(1, STUB_CPU_START_ON, ENTRY_B, CONTEXT_B);
	EXPECT_CPU_ON_START(MPIDR_OF(1), ENTRY_B, CONTEXT_B);
	EXPECT_CPU_RESUME(MPIDR_OF(1), ENTRY_B, CONTEXT_B);
	stub_cpu_set_resume(1, STUB_CPU_START_RESUME, ENTRY_A, CONTEXT_A);
	EXPECT_CPU_ON_START(MPIDR_OF(1), ENTRY_B, CONTEXT_B);
	EXPECT_CPU_RESUME(MPIDR_OF(1), ENTRY_A, CONTEXT_A);
}

/*
 * The CPU entry does not search the table: the context the proxy gave the
 * firmware names the slot (found from the target MPIDR at CPU_ON), and the
 * CPU enters with that slot's pair and stack.
 */
static void test_cpu_start_takes_the_context_slot(void **state)
{
	size_t i;

	(void)state;
	stub_cpu_set_resume(2, STUB_CPU_START_ON, ENTRY_B, CONTEXT_A);
	stub_cpu_set_resume(2, STUB_CPU_START_RESUME, ENTRY_A, CONTEXT_B);
	for (i = 0; i < ARRAY_SIZE(no_slot_mpidrs); i++) {
		fake_arch_clear_log();
		set_own_cpu(no_slot_mpidrs[i]);
		stub_cpu_start(ON_CONTEXT(2));
		assert_int_equal(fake.el2_writes, 1);
		assert_int_equal(fake.enter_el1_stub_calls, 1);
		assert_int_equal(fake.enter_el1_args[0], stub_cpu_stack_top(2));
		assert_int_equal(fake.enter_el1_args[1], ENTRY_B);
		assert_int_equal(fake.enter_el1_args[2], CONTEXT_A);
		fake_arch_clear_log();
		stub_cpu_start(RESUME_CONTEXT(2));
		assert_int_equal(fake.enter_el1_args[0], stub_cpu_stack_top(2));
		assert_int_equal(fake.enter_el1_args[1], ENTRY_A);
		assert_int_equal(fake.enter_el1_args[2], CONTEXT_B);
	}
}

#if !HYPSTUB_TEST_ALT

/* ---- forwarding, proxy on --------------------------------------------- */

/* Forwarded unchanged (bar SMC32 truncation), x0 the only result. */
static const uint32_t x0_only_ids[] = {
	PSCI_VERSION_ID, PSCI_CPU_OFF_ID, PSCI_AFFINITY_INFO32_ID,
	PSCI_AFFINITY_INFO64_ID, PSCI_MIGRATE_INFO_TYPE_ID,
	PSCI_SYSTEM_OFF_ID, PSCI_SYSTEM_RESET_ID, PSCI_SYSTEM_RESET2_64_ID,
	0x8400001f, 0xc400001f,
	/* Owner 4 outside PSCI and TRNG, the general queries included. */
	0x84000020, 0x8400004f, 0x84000060, 0x8400ff00, 0x8400ff01,
	0x8400ff03, 0x8400ffff, 0xc4000020, 0xc400ffff,
	/* The firmware's Arm Architecture calls. */
	ARCH_SOC_ID_ID, ARCH_WORKAROUND_1_ID, ARCH_WORKAROUND_2_ID,
	ARCH_WORKAROUND_3_ID,
};

static void test_forwarded_x0_only(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(x0_only_ids); i++) {
		uint32_t id = x0_only_ids[i];

		CONTEXT(" id %#x", id);
		HVC(id, ARG1, ARG2, ARG3, ARG4);
		if (!callable(id)) {
			EXPECT_NO_SMC();
			EXPECT((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
			continue;
		}
		EXPECT_SMC(id, smc_arg(id, ARG1), smc_arg(id, ARG2),
			   smc_arg(id, ARG3), smc_arg(id, ARG4));
		/* The firmware's x1..x3 do not reach the caller. */
		EXPECT(FIRMWARE_X0);
	}
}

/* Only w0 selects the call, as for the stub's own calls. */
static void test_forwarded_upper_half_of_x0_ignored(void **state)
{
	(void)state;
	HVC(0xffffffff00000000ULL | PSCI_VERSION_ID, ARG1, ARG2, ARG3, ARG4);
	EXPECT_SMC(PSCI_VERSION_ID, (uint32_t)ARG1, (uint32_t)ARG2,
		   (uint32_t)ARG3, (uint32_t)ARG4);
	EXPECT(FIRMWARE_X0);
}

/* TRNG (owner 4, functions 0x50-0x5f), SMC32 and SMC64: x0..x3 results. */
static void test_forwarded_trng(void **state)
{
	uint32_t function;

	(void)state;
	for (function = 0x50; function <= 0x5f; function++) {
		uint32_t ids[2] = { 0x84000000U | function, 0xc4000000U | function };
		unsigned int j;

		for (j = 0; j < 2; j++) {
			CONTEXT(" id %#x", ids[j]);
			HVC(ids[j], ARG1, ARG2, ARG3, ARG4);
			if (!callable(ids[j])) {
				EXPECT_NO_SMC();
				EXPECT((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
				continue;
			}
			EXPECT_SMC(ids[j], smc_arg(ids[j], ARG1),
				   smc_arg(ids[j], ARG2), smc_arg(ids[j], ARG3),
				   smc_arg(ids[j], ARG4));
			EXPECT(FIRMWARE_X0, FIRMWARE_X1, FIRMWARE_X2,
			       FIRMWARE_X3);
		}
	}
	/* RND64 as Linux arm64 calls it: x1 = bits wanted. */
	call.context[0] = '\0';
	HVC(TRNG_RND64_ID, 192, ARG2, ARG3, ARG4);
	if (callable(TRNG_RND64_ID)) {
		EXPECT_SMC(TRNG_RND64_ID, 192, ARG2, ARG3, ARG4);
		EXPECT(FIRMWARE_X0, FIRMWARE_X1, FIRMWARE_X2, FIRMWARE_X3);
	} else {
		EXPECT_NO_SMC();
		EXPECT((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
	}
	HVC(TRNG_RND32_ID, 0xffffffff00000060ULL, ARG2, ARG3, ARG4);
	EXPECT_SMC(TRNG_RND32_ID, 0x60, (uint32_t)ARG2, (uint32_t)ARG3,
		   (uint32_t)ARG4);
	EXPECT(FIRMWARE_X0, FIRMWARE_X1, FIRMWARE_X2, FIRMWARE_X3);
}

/* The firmware's errors reach the caller as they are. */
static void test_firmware_errors_passed_back(void **state)
{
	static const uint64_t answers[] = {
		(uint64_t)-1LL, (uint64_t)-3LL, PSCI_ALREADY_ON, 0x10001,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(answers); i++) {
		CONTEXT(" answer %#llx", (unsigned long long)answers[i]);
		fake.smc_answer[0] = answers[i];
		HVC(PSCI_VERSION_ID, ARG1, ARG2, ARG3, ARG4);
		EXPECT(answers[i]);
		HVC(CPU_ON_ID, MPIDR_OF(1), ENTRY_A, CONTEXT_A, ARG4);
		EXPECT(answers[i]);
	}
}

/* ---- PSCI_FEATURES ----------------------------------------------------- */

static void test_psci_features_smccc_version(void **state)
{
	(void)state;
	/* The stub implements SMCCC_VERSION itself: SUCCESS, no SMC. */
	HVC(PSCI_FEATURES_ID, SMCCC_VERSION, ARG2, ARG3, ARG4);
	EXPECT_NO_SMC();
	EXPECT(SMCCC_RET_SUCCESS);
	/* An SMC32 call: only w1 counts. */
	HVC(PSCI_FEATURES_ID, 0xffffffff00000000ULL | SMCCC_VERSION, ARG2,
	    ARG3, ARG4);
	EXPECT_NO_SMC();
	EXPECT(SMCCC_RET_SUCCESS);
	/* And the stub does implement it (SMCCC 1.0 firmware below). */
	HVC(SMCCC_VERSION, ARG1, ARG2, ARG3, ARG4);
	EXPECT_NO_SMC();
	EXPECT(HYPSTUB_SMCCC_VERSION);
}

/*
 * ABI 1.3: installing the stub asks the firmware (PSCI_FEATURES, then
 * SMCCC_VERSION), once; SMCCC_VERSION asks nothing; the stub answers 1.2 above SMCCC 1.2 firmware and
 * follows it: a forwarded call's x0..x4 all come back as the firmware's
 * (x5..x17 are arch_smc_call's, outside the frame: results_to_x17).
 */
static void smccc_version_first(uint64_t firmware, unsigned int smcs,
				uint64_t answer)
{
	fake_arch_set_el3(1);
	fake.smc_smccc_version = firmware;
	fake_arch_clear_log();
	stub_probe_firmware();
	if (fake.smc_calls != smcs) {
		fail_msg("firmware %#llx: %u SMCs, expected %u",
			 (unsigned long long)firmware, fake.smc_calls, smcs);
	}
	assert_int_equal(fake.smc_results_to_x17, 0);
	/* Asked at install: SMCCC_VERSION answers from the table. */
	HVC(SMCCC_VERSION, ARG1, ARG2, ARG3, ARG4);
	EXPECT_NO_SMC();
	EXPECT(answer);
	HVC(SMCCC_VERSION, ARG1, ARG2, ARG3, ARG4);
	EXPECT_NO_SMC();
	EXPECT(answer);
}

static void test_smccc_version_1_0_firmware(void **state)
{
	(void)state;
	smccc_version_first(0, 1, HYPSTUB_SMCCC_VERSION);
	/* SMCCC 1.1 rules: x0 only, the caller's x4..x17 kept. */
	HVC(PSCI_VERSION_ID, ARG1, ARG2, ARG3, ARG4);
	assert_int_equal(fake.smc_results_to_x17, 0);
	EXPECT(FIRMWARE_X0);
}

static void test_smccc_version_1_1_firmware(void **state)
{
	(void)state;
	smccc_version_first(0x10001, 2, HYPSTUB_SMCCC_VERSION);
	HVC(ARCH_WORKAROUND_1_ID, ARG1, ARG2, ARG3, ARG4);
	assert_int_equal(fake.smc_results_to_x17, 0);
	EXPECT(FIRMWARE_X0);
}

static void test_smccc_version_1_2_firmware(void **state)
{
	(void)state;
	/* 1.3 firmware: the stub still follows 1.2. */
	smccc_version_first(0x10003, 2, HYPSTUB_SMCCC_VERSION_1_2);
	fake.smc_answer_x4 = 0x0f0f0f0f0f0f0f04ULL;
	HVC(PSCI_VERSION_ID, ARG1, ARG2, ARG3, ARG4);
	EXPECT_SMC(PSCI_VERSION_ID, (uint32_t)ARG1, (uint32_t)ARG2,
		   (uint32_t)ARG3, (uint32_t)ARG4);
	assert_int_equal(fake.smc_results_to_x17, 1);
	EXPECT(FIRMWARE_X0, FIRMWARE_X1, FIRMWARE_X2, FIRMWARE_X3,
	       0x0f0f0f0f0f0f0f04ULL);
	/* The stub's own answers are as documented. */
	HVC(PSCI_FEATURES_ID, SMCCC_VERSION, ARG2, ARG3, ARG4);
	EXPECT_NO_SMC();
	EXPECT(SMCCC_RET_SUCCESS);
	/* CPU_ON: x1..x3, which the stub rewrote, do not go back. */
	fake.smc_answer_x4 = 0;
	fake.smc_answer[0] = PSCI_SUCCESS;
	/*
	 * x4 comes back as the firmware left it: what it was given, the
	 * caller's x4, or on AArch32 r4, which the frame holds zero-extended.
	 */
	HVC(CPU_ON_ID, MPIDR_OF(1), ENTRY_A, CONTEXT_A, NATIVE(ARG4));
	EXPECT_SMC(CPU_ON_FWD_ID, MPIDR_OF(1), FAKE_STUB_CPU_ENTRY,
		   ON_CONTEXT(1), NATIVE(ARG4));
	EXPECT(PSCI_SUCCESS);
}

static void test_smccc_version_1_2_exact(void **state)
{
	(void)state;
	smccc_version_first(0x10002, 2, HYPSTUB_SMCCC_VERSION_1_2);
}

/* No EL3: no firmware to ask, no SMC; 1.1 as before ABI 1.3. */
static void test_smccc_version_no_el3(void **state)
{
	(void)state;
	fake_arch_set_el3(0);
	fake.smc_smccc_version = 0x10002;
	fake_arch_clear_log();
	stub_probe_firmware();
	assert_int_equal(fake.smc_calls, 0);
	HVC(SMCCC_VERSION, ARG1, ARG2, ARG3, ARG4);
	EXPECT_NO_SMC();
	EXPECT(HYPSTUB_SMCCC_VERSION);
}

/*
 * EL3 is what this architecture's ID register says, no other: on AArch64
 * ID_AA64PFR0_EL1.EL3 (bits 15:12), on AArch32 ID_PFR1.Security (7:4).
 */
static void test_smccc_version_el3_field(void **state)
{
	/* This architecture's register and shift, and the other's. */
	uint64_t *own = STUB_CALLER_AARCH32 ? &fake.pfr1 : &fake.pfr0;
	uint64_t *other = STUB_CALLER_AARCH32 ? &fake.pfr0 : &fake.pfr1;
	unsigned int shift = STUB_CALLER_AARCH32 ? 4 : 12;
	uint64_t value;

	(void)state;
	fake.smc_smccc_version = 0x10002;
	/* The other architecture's field says EL3: not asked. */
	fake_arch_set_el3(0);
	*other = ~0ULL;
	*own &= ~(0xfULL << shift);
	fake_arch_clear_log();
	stub_probe_firmware();
	assert_int_equal(fake.smc_calls, 0);
	assert_int_equal(stub_cpus.smccc_version, HYPSTUB_SMCCC_VERSION);
	/* Any non-zero value of its own field: asked. */
	for (value = 1; value <= 0xf; value++) {
		*own = value << shift;
		fake_arch_clear_log();
		stub_probe_firmware();
		assert_int_equal(fake.smc_calls, 2);
		assert_int_equal(stub_cpus.smccc_version, HYPSTUB_SMCCC_VERSION_1_2);
	}
}

static void test_psci_features_forwarded(void **state)
{
	static const uint64_t asked[] = {
		PSCI_VERSION_ID, PSCI_CPU_ON64_ID, PSCI_CPU_SUSPEND32_ID,
		PSCI_SYSTEM_SUSPEND64_ID, PSCI_FEATURES_ID, SMCCC_ARCH_FEATURES,
		/* SMCCC_VERSION's SMC64 form is another function. */
		SMCCC_VERSION | 0x40000000U,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(asked); i++) {
		CONTEXT(" features of %#llx", (unsigned long long)asked[i]);
		HVC(PSCI_FEATURES_ID, 0xdeadbeef00000000ULL | asked[i], ARG2,
		    ARG3, ARG4);
		EXPECT_SMC(PSCI_FEATURES_ID, asked[i], (uint32_t)ARG2,
			   (uint32_t)ARG3, (uint32_t)ARG4);
		EXPECT(FIRMWARE_X0);
	}
}

/* ---- CPU_ON ------------------------------------------------------------ */

static void test_cpu_on(void **state)
{
	(void)state;
	fake.smc_answer[0] = PSCI_SUCCESS;
	HVC(CPU_ON_ID, MPIDR_OF(1), ENTRY_A, CONTEXT_A, ARG4);
	/* The firmware starts the CPU at the stub's entry, on its stack. */
	EXPECT_SMC(CPU_ON_FWD_ID, MPIDR_OF(1), FAKE_STUB_CPU_ENTRY,
		   ON_CONTEXT(1), NATIVE(ARG4));
	/* The caller's x1..x4 are its own again. */
	EXPECT(PSCI_SUCCESS);

	HVC(CPU_ON_ID, MPIDR_OF(LAST_CPU), ENTRY_B, CONTEXT_B, ARG4);
	EXPECT_SMC(CPU_ON_FWD_ID, MPIDR_OF(LAST_CPU), FAKE_STUB_CPU_ENTRY,
		   ON_CONTEXT(LAST_CPU), NATIVE(ARG4));
	EXPECT(PSCI_SUCCESS);

	/* Each CPU enters the kernel where its own CPU_ON said. */
	EXPECT_CPU_ON_START(MPIDR_OF(LAST_CPU), ENTRY_B, NATIVE(CONTEXT_B));
	EXPECT_CPU_ON_START(MPIDR_OF(1), ENTRY_A, CONTEXT_A);
}

/* CPU_ON32 takes the low 32 bits of x1..x4 and goes on as CPU_ON64. */
static void test_cpu_on32(void **state)
{
	(void)state;
	HVC(PSCI_CPU_ON32_ID, 0xffffffff00000000ULL | MPIDR_OF(2),
	    0xa5a5a5a500000000ULL | ENTRY_B, 0x5a5a5a5a00000000ULL | CONTEXT_A,
	    ARG4);
	EXPECT_SMC(CPU_ON_FWD_ID, MPIDR_OF(2), FAKE_STUB_CPU_ENTRY,
		   ON_CONTEXT(2), (uint32_t)ARG4);
	EXPECT(FIRMWARE_X0);
	EXPECT_CPU_ON_START(MPIDR_OF(2), ENTRY_B, CONTEXT_A);

	/* Beyond the PA range as x2, a good entry as w2. */
	HVC(PSCI_CPU_ON32_ID, MPIDR_OF(3), 0xffffffff00000000ULL | ENTRY_A,
	    CONTEXT_B, ARG4);
	EXPECT_SMC(CPU_ON_FWD_ID, MPIDR_OF(3), FAKE_STUB_CPU_ENTRY,
		   ON_CONTEXT(3), (uint32_t)ARG4);
	EXPECT(FIRMWARE_X0);
	EXPECT_CPU_ON_START(MPIDR_OF(3), ENTRY_A, (uint32_t)CONTEXT_B);

	/* A good entry as x2 that is 0 as w2. */
	HVC(PSCI_CPU_ON32_ID, MPIDR_OF(3), 1ULL << 32, CONTEXT_B, ARG4);
	EXPECT_NO_SMC();
	EXPECT((uint64_t)(int64_t)PSCI_RET_INVALID_ADDRESS);
}

static void test_cpu_on_without_slot(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(no_slot_mpidrs); i++) {
		CONTEXT(" MPIDR %#llx", (unsigned long long)no_slot_mpidrs[i]);
		HVC(CPU_ON_ID, no_slot_mpidrs[i], ENTRY_A, CONTEXT_A,
		    ARG4);
		EXPECT_NO_SMC();
		EXPECT((uint64_t)(int64_t)PSCI_RET_INVALID_PARAMETERS);
	}
}

static void test_cpu_on_bad_entry(void **state)
{
	size_t i;

	(void)state;
	HVC(CPU_ON_ID, MPIDR_OF(1), ENTRY_A, CONTEXT_A, ARG4);
	EXPECT(FIRMWARE_X0);
	for (i = 0; i < ARRAY_SIZE(bad_entries); i++) {
		CONTEXT(" entry %#llx", (unsigned long long)bad_entries[i]);
		HVC(CPU_ON_ID, MPIDR_OF(1), bad_entries[i], CONTEXT_B,
		    ARG4);
		EXPECT_NO_SMC();
		EXPECT((uint64_t)(int64_t)PSCI_RET_INVALID_ADDRESS);
	}
	/* A refused call leaves the CPU's slot as the last good one set it. */
	EXPECT_CPU_ON_START(MPIDR_OF(1), ENTRY_A, CONTEXT_A);
}

#if STUB_CALLER_AARCH32
/*
 * On AArch32 the entry is a 32-bit word: the top one is good whatever an
 * AArch64 ID register would say.
 */
static void test_cpu_on_entry_limit(void **state)
{
	(void)state;
	fake.mmfr0 = 0x0;
	HVC(CPU_ON_ID, MPIDR_OF(1), 0xfffffffcULL, CONTEXT_A, ARG4);
	EXPECT_SMC(CPU_ON_FWD_ID, MPIDR_OF(1), FAKE_STUB_CPU_ENTRY,
		   ON_CONTEXT(1), NATIVE(ARG4));
	EXPECT(FIRMWARE_X0);
	EXPECT_CPU_ON_START(MPIDR_OF(1), 0xfffffffcULL, CONTEXT_A);
}
#else
/* The entry's limit follows ID_AA64MMFR0_EL1.PARange. */
static void test_cpu_on_entry_limit(void **state)
{
	(void)state;
	fake.mmfr0 = 0x0;		/* 32 bits */
	HVC(CPU_ON_ID, MPIDR_OF(1), 1ULL << 32, CONTEXT_A, ARG4);
	EXPECT_NO_SMC();
	EXPECT((uint64_t)(int64_t)PSCI_RET_INVALID_ADDRESS);
	HVC(CPU_ON_ID, MPIDR_OF(1), (1ULL << 32) - 4, CONTEXT_A, ARG4);
	EXPECT_SMC(CPU_ON_FWD_ID, MPIDR_OF(1), FAKE_STUB_CPU_ENTRY,
		   ON_CONTEXT(1), NATIVE(ARG4));
	EXPECT(FIRMWARE_X0);

	fake.mmfr0 = 0x5;		/* 48 bits */
	HVC(CPU_ON_ID, MPIDR_OF(1), PA40, CONTEXT_A, ARG4);
	EXPECT_SMC(CPU_ON_FWD_ID, MPIDR_OF(1), FAKE_STUB_CPU_ENTRY,
		   ON_CONTEXT(1), NATIVE(ARG4));
	EXPECT(FIRMWARE_X0);
	EXPECT_CPU_ON_START(MPIDR_OF(1), PA40, CONTEXT_A);
}
#endif

/* ---- the suspend calls: the calling CPU's own slot --------------------- */

static void test_cpu_suspend(void **state)
{
	(void)state;
	set_own_cpu(MPIDR_OF(3));
	/* x1 is a power state, whatever MPIDR it may look like. */
	HVC(CPU_SUSPEND_ID, MPIDR_OF(5) | 0x10000, ENTRY_A, CONTEXT_A,
	    ARG4);
	EXPECT_SMC(CPU_SUSPEND_FWD_ID, MPIDR_OF(5) | 0x10000,
		   FAKE_STUB_CPU_ENTRY, RESUME_CONTEXT(3), NATIVE(ARG4));
	EXPECT(FIRMWARE_X0);
	EXPECT_CPU_RESUME(MPIDR_OF(3), ENTRY_A, CONTEXT_A);

	/* SMC32: low halves, and the SMC64 form. */
	set_own_cpu(MPIDR_OF(LAST_CPU));
	HVC(PSCI_CPU_SUSPEND32_ID, ARG1, 0x1111111100000000ULL | ENTRY_B,
	    CONTEXT_B, ARG4);
	EXPECT_SMC(CPU_SUSPEND_FWD_ID, (uint32_t)ARG1, FAKE_STUB_CPU_ENTRY,
		   RESUME_CONTEXT(LAST_CPU), (uint32_t)ARG4);
	EXPECT(FIRMWARE_X0);
	EXPECT_CPU_RESUME(MPIDR_OF(LAST_CPU), ENTRY_B, (uint32_t)CONTEXT_B);
}

static void test_cpu_suspend_refused(void **state)
{
	size_t i;

	(void)state;
	set_own_cpu(MPIDR_OF(2));
	HVC(CPU_SUSPEND_ID, 0, ENTRY_A, CONTEXT_A, ARG4);
	EXPECT(FIRMWARE_X0);
	for (i = 0; i < ARRAY_SIZE(bad_entries); i++) {
		CONTEXT(" entry %#llx", (unsigned long long)bad_entries[i]);
		HVC(CPU_SUSPEND_ID, 0, bad_entries[i], CONTEXT_B, ARG4);
		EXPECT_NO_SMC();
		EXPECT((uint64_t)(int64_t)PSCI_RET_INVALID_ADDRESS);
	}
	EXPECT_CPU_RESUME(MPIDR_OF(2), ENTRY_A, CONTEXT_A);

	/* A caller on a CPU without a slot (it cannot have the stub). */
	call.context[0] = '\0';
	set_own_cpu(no_slot_mpidrs[0]);
	HVC(CPU_SUSPEND_ID, 0, ENTRY_A, CONTEXT_A, ARG4);
	EXPECT_NO_SMC();
	EXPECT((uint64_t)(int64_t)PSCI_RET_INVALID_PARAMETERS);
}

/* CPU_DEFAULT_SUSPEND and SYSTEM_SUSPEND: x1 entry, x2 context. */
static void test_default_and_system_suspend(void **state)
{
	static const struct {
		uint32_t id;
		uint32_t fwd;
	} calls[] = {
#if STUB_CALLER_AARCH32
		/* SMC32 in, SMC32 out (the SMC64 forms: test_smc64_entry_calls). */
		{ PSCI_CPU_DEFAULT_SUSPEND32_ID, PSCI_CPU_DEFAULT_SUSPEND32_ID },
		{ PSCI_SYSTEM_SUSPEND32_ID, PSCI_SYSTEM_SUSPEND32_ID },
#else
		{ PSCI_CPU_DEFAULT_SUSPEND32_ID, PSCI_CPU_DEFAULT_SUSPEND64_ID },
		{ PSCI_CPU_DEFAULT_SUSPEND64_ID, PSCI_CPU_DEFAULT_SUSPEND64_ID },
		{ PSCI_SYSTEM_SUSPEND32_ID, PSCI_SYSTEM_SUSPEND64_ID },
		{ PSCI_SYSTEM_SUSPEND64_ID, PSCI_SYSTEM_SUSPEND64_ID },
#endif
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(calls); i++) {
		uint32_t id = calls[i].id;
		uint64_t entry = 0x7777777700000000ULL | ENTRY_B;

		CONTEXT(" id %#x", id);
		set_own_cpu(MPIDR_OF(4 + i));
		if (smc_arg(id, entry) == entry) {
			entry = ENTRY_B;	/* as x1, it must be good */
		}
		HVC(id, entry, CONTEXT_B, ARG3, ARG4);
		EXPECT_SMC(calls[i].fwd, FAKE_STUB_CPU_ENTRY,
			   RESUME_CONTEXT(4 + i), smc_arg(id, ARG3),
			   smc_arg(id, ARG4));
		EXPECT(FIRMWARE_X0);
		EXPECT_CPU_RESUME(MPIDR_OF(4 + i), ENTRY_B,
				 smc_arg(id, CONTEXT_B));

		set_own_cpu(MPIDR_OF(4 + i));
		for (j = 0; j < ARRAY_SIZE(bad_entries); j++) {
			CONTEXT(" id %#x entry %#llx", id,
				(unsigned long long)bad_entries[j]);
			if (smc_arg(id, bad_entries[j]) != bad_entries[j]) {
				continue;	/* a different entry as w1 */
			}
			HVC(id, bad_entries[j], CONTEXT_A, ARG3, ARG4);
			EXPECT_NO_SMC();
			EXPECT((uint64_t)(int64_t)PSCI_RET_INVALID_ADDRESS);
		}
		EXPECT_CPU_RESUME(MPIDR_OF(4 + i), ENTRY_B,
				 smc_arg(id, CONTEXT_B));
	}
}

/*
 * CPU_ON and the suspend calls keep separate pairs: a CPU_ON naming a CPU
 * that is suspended in a power-down state, which the firmware refuses with
 * ALREADY_ON, leaves the entry that CPU resumes at alone.
 */
static void test_cpu_on_leaves_resume_alone(void **state)
{
	(void)state;
	/* CPU 1 suspends (on the target, the call does not return). */
	set_own_cpu(MPIDR_OF(1));
	HVC(CPU_SUSPEND_ID, 0x10000, ENTRY_A, CONTEXT_A, ARG4);
	EXPECT_SMC(CPU_SUSPEND_FWD_ID, 0x10000, FAKE_STUB_CPU_ENTRY,
		   RESUME_CONTEXT(1), NATIVE(ARG4));
	EXPECT(FIRMWARE_X0);

	/* CPU 0 asks for CPU 1 with another entry: it is already on. */
	set_own_cpu(MPIDR_OF(0));
	fake.smc_answer[0] = PSCI_ALREADY_ON;
	HVC(CPU_ON_ID, MPIDR_OF(1), ENTRY_B, CONTEXT_B, ARG4);
	EXPECT_SMC(CPU_ON_FWD_ID, MPIDR_OF(1), FAKE_STUB_CPU_ENTRY,
		   ON_CONTEXT(1), NATIVE(ARG4));
	EXPECT(PSCI_ALREADY_ON);

	/* CPU 1 resumes where its suspend call said, not at CPU_ON's entry. */
	EXPECT_CPU_RESUME(MPIDR_OF(1), ENTRY_A, CONTEXT_A);
	/* A start from CPU_ON would take CPU_ON's pair. */
	EXPECT_CPU_ON_START(MPIDR_OF(1), ENTRY_B, NATIVE(CONTEXT_B));
}

#if STUB_CALLER_AARCH32
/*
 * The SMC64 forms of the entry calls, with arguments good as SMC32 ones:
 * -1, nothing passed on, and no slot's pair written.
 */
static void test_smc64_entry_calls(void **state)
{
	static const uint32_t ids[] = {
		PSCI_CPU_ON64_ID, PSCI_CPU_SUSPEND64_ID,
		PSCI_CPU_DEFAULT_SUSPEND64_ID, PSCI_SYSTEM_SUSPEND64_ID,
	};
	size_t i;

	(void)state;
	stub_cpu_set_resume(1, STUB_CPU_START_ON, ENTRY_A, CONTEXT_A);
	stub_cpu_set_resume(1, STUB_CPU_START_RESUME, ENTRY_A, CONTEXT_A);
	set_own_cpu(MPIDR_OF(1));
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		CONTEXT(" id %#x", ids[i]);
		HVC(ids[i], MPIDR_OF(1), ENTRY_B, CONTEXT_B, ARG4);
		EXPECT_NO_SMC();
		EXPECT((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
		HVC(ids[i], ENTRY_B, CONTEXT_B, ARG3, ARG4);
		EXPECT_NO_SMC();
		EXPECT((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
	}
	EXPECT_CPU_ON_START(MPIDR_OF(1), ENTRY_A, CONTEXT_A);
	EXPECT_CPU_RESUME(MPIDR_OF(1), ENTRY_A, CONTEXT_A);
}
#endif

/* ---- SMCCC_ARCH_FEATURES ----------------------------------------------- */

static void test_arch_features(void **state)
{
	static const uint32_t firmware[] = {
		ARCH_SOC_ID_ID, ARCH_WORKAROUND_1_ID, ARCH_WORKAROUND_2_ID,
		ARCH_WORKAROUND_3_ID,
	};
	static const uint32_t own[] = { SMCCC_VERSION, SMCCC_ARCH_FEATURES };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(firmware); i++) {
		CONTEXT(" features of %#x", firmware[i]);
		/* The firmware's own answer, whatever it is. */
		fake.smc_answer[0] = (uint64_t)-1LL;
		HVC(SMCCC_ARCH_FEATURES, 0xdeadbeef00000000ULL | firmware[i],
		    ARG2, ARG3, ARG4);
		EXPECT_SMC(SMCCC_ARCH_FEATURES, firmware[i], (uint32_t)ARG2,
			   (uint32_t)ARG3, (uint32_t)ARG4);
		EXPECT((uint64_t)-1LL);
		fake.smc_answer[0] = 1;
		HVC(SMCCC_ARCH_FEATURES, firmware[i], ARG2, ARG3, ARG4);
		EXPECT_SMC(SMCCC_ARCH_FEATURES, firmware[i], (uint32_t)ARG2,
			   (uint32_t)ARG3, (uint32_t)ARG4);
		EXPECT(1);
	}
	/* The stub's own calls: the stub answers. */
	for (i = 0; i < ARRAY_SIZE(own); i++) {
		CONTEXT(" features of %#x", own[i]);
		HVC(SMCCC_ARCH_FEATURES, own[i], ARG2, ARG3, ARG4);
		EXPECT_NO_SMC();
		EXPECT(SMCCC_RET_SUCCESS);
	}
}

/* ---- what is not forwarded --------------------------------------------- */

static void test_not_forwarded(void **state)
{
	static const uint32_t refused[] = {
		/* Reserved bits 23:16 of fast calls, SVE hint included. */
		0x84010000, 0x84010003, 0xc4fe0003, 0x80018000, 0x84800050,
		/* Yielding calls of owner 4 and owner 0. */
		0x04000000, 0x04000003, 0x44000003, 0x00008000 | 0x40000000,
		/* SMC64 forms of the SMC32-only Arm Architecture calls. */
		0xc0000002, 0xc0008000, 0xc0007fff, 0xc0003fff,
		/* Other owners. */
		0x81000000, 0x83000003, 0xb0000000, 0xbf000000, 0xf1000000,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(refused); i++) {
		CONTEXT(" id %#x", refused[i]);
		HVC(refused[i], MPIDR_OF(1), ENTRY_A, CONTEXT_A, ARG4);
		EXPECT_NO_SMC();
		EXPECT((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
	}
	/* `hvc #1` is refused whatever w0 says. */
	call.context[0] = '\0';
	HVC_IMM(1, PSCI_VERSION_ID, ARG1, ARG2, ARG3, ARG4);
	EXPECT_NO_SMC();
	EXPECT((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
	HVC_IMM(1, PSCI_CPU_ON64_ID, MPIDR_OF(1), ENTRY_A, CONTEXT_A, ARG4);
	EXPECT_NO_SMC();
	EXPECT((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
}

/* PROBE and the call counts cover the stub's own calls only. */
static void test_probe_ignores_forwarded_calls(void **state)
{
	static const uint32_t forwarded[] = {
		PSCI_VERSION_ID, PSCI_CPU_ON64_ID, PSCI_FEATURES_ID,
		TRNG_VERSION_ID, ARCH_SOC_ID_ID, ARCH_WORKAROUND_1_ID,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(forwarded); i++) {
		CONTEXT(" probing %#x", forwarded[i]);
		HVC(HYPSTUB_PROBE, forwarded[i], ARG2, ARG3, ARG4);
		EXPECT_NO_SMC();
		EXPECT((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
	}
	/* Owner 4's call count is the firmware's, not the stub's. */
	call.context[0] = '\0';
	HVC(0x8400ff00, ARG1, ARG2, ARG3, ARG4);
	EXPECT_SMC(0x8400ff00, (uint32_t)ARG1, (uint32_t)ARG2,
		   (uint32_t)ARG3, (uint32_t)ARG4);
	EXPECT(FIRMWARE_X0);
}

#else /* HYPSTUB_TEST_ALT */

/* ---- no proxy: -1, and nothing reaches the firmware -------------------- */

static void test_no_proxy(void **state)
{
	static const uint32_t firmware_arch[] = {
		ARCH_SOC_ID_ID, ARCH_WORKAROUND_1_ID, ARCH_WORKAROUND_2_ID,
		ARCH_WORKAROUND_3_ID,
	};
	static const uint32_t ids[] = {
		PSCI_VERSION_ID, PSCI_CPU_SUSPEND32_ID, PSCI_CPU_SUSPEND64_ID,
		PSCI_CPU_OFF_ID, PSCI_CPU_ON32_ID, PSCI_CPU_ON64_ID,
		PSCI_AFFINITY_INFO32_ID, PSCI_AFFINITY_INFO64_ID,
		PSCI_MIGRATE_INFO_TYPE_ID, PSCI_SYSTEM_OFF_ID,
		PSCI_SYSTEM_RESET_ID, PSCI_CPU_DEFAULT_SUSPEND32_ID,
		PSCI_CPU_DEFAULT_SUSPEND64_ID, PSCI_SYSTEM_SUSPEND32_ID,
		PSCI_SYSTEM_SUSPEND64_ID, PSCI_SYSTEM_RESET2_64_ID,
		0x8400001f, 0x8400ff00, 0xc400ffff,
		TRNG_VERSION_ID, TRNG_RND32_ID, TRNG_RND64_ID, 0x8400005f,
		ARCH_SOC_ID_ID, ARCH_WORKAROUND_1_ID, ARCH_WORKAROUND_2_ID,
		ARCH_WORKAROUND_3_ID,
	};
	size_t i;

	(void)state;
	/* No proxy: SMCCC 1.1 whatever the firmware, which is not asked. */
	fake_arch_set_el3(1);
	fake.smc_smccc_version = 0x10002;
	fake_arch_clear_log();
	stub_probe_firmware();
	assert_int_equal(fake.smc_calls, 0);
	HVC(SMCCC_VERSION, ARG1, ARG2, ARG3, ARG4);
	EXPECT_NO_SMC();
	EXPECT(HYPSTUB_SMCCC_VERSION);
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		CONTEXT(" id %#x", ids[i]);
		/* Arguments the proxy would act on (CPU_ON: CPU 1, good entry). */
		HVC(ids[i], MPIDR_OF(1), ENTRY_A, CONTEXT_A, ARG4);
		EXPECT_NO_SMC();
		EXPECT((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
		HVC(ids[i], ENTRY_A, CONTEXT_A, ARG3, ARG4);
		EXPECT_NO_SMC();
		EXPECT((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
	}
	/* Not even PSCI_FEATURES(SMCCC_VERSION) is answered. */
	call.context[0] = '\0';
	HVC(PSCI_FEATURES_ID, SMCCC_VERSION, ARG2, ARG3, ARG4);
	EXPECT_NO_SMC();
	EXPECT((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
	/* Nor ARCH_FEATURES of the firmware's calls. */
	for (i = 0; i < ARRAY_SIZE(firmware_arch); i++) {
		CONTEXT(" features of %#x", firmware_arch[i]);
		HVC(SMCCC_ARCH_FEATURES, firmware_arch[i], ARG2, ARG3, ARG4);
		EXPECT_NO_SMC();
		EXPECT((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED);
	}
}

#endif /* HYPSTUB_TEST_ALT */

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_build_matches_switch, setup),
		cmocka_unit_test_setup(test_firmware_ids_match_the_specs, setup),
		cmocka_unit_test_setup(test_cpu_start_enters_the_slot, setup),
		cmocka_unit_test_setup(test_cpu_start_takes_the_context_slot, setup),
#if !HYPSTUB_TEST_ALT
		cmocka_unit_test_setup(test_forwarded_x0_only, setup),
		cmocka_unit_test_setup(test_forwarded_upper_half_of_x0_ignored, setup),
		cmocka_unit_test_setup(test_forwarded_trng, setup),
		cmocka_unit_test_setup(test_firmware_errors_passed_back, setup),
		cmocka_unit_test_setup(test_psci_features_smccc_version, setup),
		cmocka_unit_test_setup(test_psci_features_forwarded, setup),
		cmocka_unit_test_setup(test_smccc_version_1_0_firmware, setup),
		cmocka_unit_test_setup(test_smccc_version_1_1_firmware, setup),
		cmocka_unit_test_setup(test_smccc_version_1_2_firmware, setup),
		cmocka_unit_test_setup(test_smccc_version_1_2_exact, setup),
		cmocka_unit_test_setup(test_smccc_version_no_el3, setup),
		cmocka_unit_test_setup(test_smccc_version_el3_field, setup),
		cmocka_unit_test_setup(test_cpu_on, setup),
		cmocka_unit_test_setup(test_cpu_on32, setup),
		cmocka_unit_test_setup(test_cpu_on_without_slot, setup),
		cmocka_unit_test_setup(test_cpu_on_bad_entry, setup),
		cmocka_unit_test_setup(test_cpu_on_entry_limit, setup),
		cmocka_unit_test_setup(test_cpu_suspend, setup),
		cmocka_unit_test_setup(test_cpu_suspend_refused, setup),
		cmocka_unit_test_setup(test_default_and_system_suspend, setup),
		cmocka_unit_test_setup(test_cpu_on_leaves_resume_alone, setup),
#if STUB_CALLER_AARCH32
		cmocka_unit_test_setup(test_smc64_entry_calls, setup),
#endif
		cmocka_unit_test_setup(test_arch_features, setup),
		cmocka_unit_test_setup(test_not_forwarded, setup),
		cmocka_unit_test_setup(test_probe_ignores_forwarded_calls, setup),
#else
		cmocka_unit_test_setup(test_no_proxy, setup),
#endif
	};

	return cmocka_run_group_tests_name(STUB_CALLER_AARCH32 ?
					   (HYPSTUB_TEST_ALT ? "psci (arm, alt config)" :
					    "psci (arm, default config)") :
					   (HYPSTUB_TEST_ALT ? "psci (alt config)" :
					    "psci (default config)"),
					   tests, NULL, NULL);
}
