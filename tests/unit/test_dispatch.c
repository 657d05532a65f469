// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of stub_handle_lower_sync(): every path of the dispatcher, as
 * /work/brief/semantics.md and abi/hypstub.h describe it.
 *
 * Before every call each register of struct stub_frame (x0..x4 and lr since
 * the HVC entry saves only those; the brief's x0..x18 predates that) holds a
 * distinct sentinel, then the call's own arguments; after it, the registers
 * that are results must hold the documented values and every other one its
 * sentinel (STYLE.md 11).  The call and that frame check are hvc_call.c's,
 * shared with test_psci.c; the effects outside the frame are checked here.
 *
 * Built twice: with config-default.h, and with config-alt.h plus
 * -DHYPSTUB_TEST_ALT=1 (pre-4.12 numbering, no Standard Hypervisor Service,
 * no debug UART, no PSCI proxy), which switches the expectations below.
 * Which IDs reach the firmware is checked here; what the PSCI proxy does
 * with them is test_psci.c's subject.
 *
 * Built for both architectures (unit.mk's *-arm binaries: the core against
 * stub/arm/include/arch-defs.h).  Where they differ the values are spelt
 * out below under STUB_CALLER_AARCH32, and the few calls that behave
 * differently have their own tests.  Every call that does not reach the
 * firmware must not issue an SMC: EXPECT() counts that as an effect.
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

#ifndef HYPSTUB_TEST_ALT
#define HYPSTUB_TEST_ALT	0
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Results, spelt out as semantics.md states them. */
#define RET_NOT_SUPPORTED	0xffffffffffffffffULL	/* -1 */
#define RET_INVALID_PARAMETER	0xfffffffffffffffdULL	/* -3 */
#define RET_STUB_ERR		0xbadca11ULL

/* A valid vector table / entry address on both architectures. */
#define GOOD_VECTORS		0x48000000ULL
#define GOOD_ENTRY		0x40080000ULL

/*
 * What differs between the architectures, spelt out: the IDs of the stub
 * operations a caller uses (AArch64: SMC64; AArch32: the SMC32 forms of
 * ABI 1.4) and those of the other architecture, which are unknown calls;
 * the alignment SET_VECTORS wants (VBAR_EL2 2 KiB, HVBAR 32 bytes); the
 * first address a call may not name (the fake CPU's 40 PA bits on
 * AArch64; 32 bits on AArch32, whatever else the ID registers say).
 */
#if STUB_CALLER_AARCH32
#define ID_GET_VECTORS		0x86000010U
#define ID_SET_VECTORS		0x86000011U
#define ID_SOFT_RESTART		0x86000012U
#define ID_RESET_VECTORS	0x86000013U
#define OTHER_GET_VECTORS	0xc6000010U
#define OTHER_SET_VECTORS	0xc6000011U
#define OTHER_SOFT_RESTART	0xc6000012U
#define OTHER_RESET_VECTORS	0xc6000013U
#define VECTORS_ALIGN		0x20ULL
#define PA_LIMIT		(1ULL << 32)
#else
#define ID_GET_VECTORS		0xc6000010U
#define ID_SET_VECTORS		0xc6000011U
#define ID_SOFT_RESTART		0xc6000012U
#define ID_RESET_VECTORS	0xc6000013U
#define OTHER_GET_VECTORS	0x86000010U
#define OTHER_SET_VECTORS	0x86000011U
#define OTHER_SOFT_RESTART	0x86000012U
#define OTHER_RESET_VECTORS	0x86000013U
#define VECTORS_ALIGN		0x800ULL
#define PA_LIMIT		(1ULL << 40)
#endif

/*
 * Linux arm's stub before v4.12 (an AArch32 build with the pre-4.12
 * option): no numbers, r0 = -1 reads HVBAR and r0 with bit 31 clear sets it.
 */
#define PRE412_ARM		(HYPSTUB_TEST_ALT && STUB_CALLER_AARCH32)

/*
 * Legacy numbers of the live numbering.  Linux arm's stub stops at 2:
 * FINALISE_EL2 and GET_ICH_VTR_EL2 are arm64's only.
 */
#if HYPSTUB_TEST_ALT
#define LEGACY_GET_VECTORS	0U
#define LEGACY_SET_VECTORS	1U
#define LEGACY_SOFT_RESTART	2U
#define LEGACY_RESET_VECTORS	3U
#else
#define LEGACY_SET_VECTORS	0U
#define LEGACY_SOFT_RESTART	1U
#define LEGACY_RESET_VECTORS	2U
#define LEGACY_FINALISE_EL2	3U
#define LEGACY_GET_ICH_VTR_EL2	4U
#endif

/* Every SMCCC ID the header lists, by service. */
static const uint32_t arch_ids[] = {
	SMCCC_VERSION,
	SMCCC_ARCH_FEATURES,
};

static const uint32_t std_hyp_ids[] = {
	HYPSTUB_STD_HYP_CALL_COUNT,
	HYPSTUB_STD_HYP_UID,
	HYPSTUB_STD_HYP_REVISION,
};

/*
 * The Arm Architecture calls only the firmware can answer (SMCCC_ARCH_SOC_ID,
 * ARCH_WORKAROUND_1, _2, _3): the PSCI proxy forwards them and ARCH_FEATURES
 * of them; without it, -1.
 */
static const uint32_t firmware_arch_ids[] = {
	0x80000002, 0x80008000, 0x80007fff, 0x80003fff,
};

static const uint32_t vendor_ids[] = {
	HYPSTUB_GET_ABI_VERSION,
	HYPSTUB_PROBE,
	HYPSTUB_GET_CONFIG,
	HYPSTUB_VENDOR_CALL_COUNT,
	HYPSTUB_VENDOR_UID,
	HYPSTUB_VENDOR_REVISION,
	ID_GET_VECTORS,
	ID_SET_VECTORS,
	ID_SOFT_RESTART,
	ID_RESET_VECTORS,
};

#define HVC0(id)	hvc_call(HVC_SYNDROME(0), 0, (id), 0, 0, 0, 0)
#define HVC1(id, a1)	hvc_call(HVC_SYNDROME(0), 1, (id), (a1), 0, 0, 0)
#define HVC4(id, a1, a2, a3, a4) \
	hvc_call(HVC_SYNDROME(0), 4, (id), (a1), (a2), (a3), (a4))

/*
 * Nothing outside the frame changed either: no VBAR_EL2 write, soft restart,
 * UART output, report disarm or SMC.
 */
static int no_effects(int line)
{
	if (fake.vbar_writes == 0 && fake.soft_restart_calls == 0 &&
	    fake.uart_len == 0 && fake.disarm_calls == 0 &&
	    fake.smc_calls == 0) {
		return 0;
	}
	print_error("line %d%s: side effects: %u VBAR_EL2 writes, %u soft restarts, %zu UART bytes, %u report disarms, %u SMCs\n",
		    line, call.context, fake.vbar_writes,
		    fake.soft_restart_calls, fake.uart_len,
		    fake.disarm_calls, fake.smc_calls);
	return 1;
}

/* Results as listed, and no effect outside the frame (no SMC either). */
#define EXPECT(...) \
	hvc_check_frame(__LINE__, RESULTS(__VA_ARGS__), no_effects)
/* Results as listed; the test checks the effects itself. */
#define EXPECT_EFFECTS(...) \
	hvc_check_frame(__LINE__, RESULTS(__VA_ARGS__), NULL)

static int setup(void **state)
{
	(void)state;
	hvc_call_reset();
	return 0;
}

/*
 * The call just made reached the firmware once, as ID @smc_x0, and the
 * caller got the firmware's x0 and nothing else changed (x1..x4 kept).
 */
static void check_forwarded(int line, uint64_t smc_x0)
{
	if (fake.smc_calls != 1 || fake.smc_args[0] != smc_x0) {
		fail_msg("line %d%s: %u SMCs, last w0 %#llx; expected one, w0 %#llx",
			 line, call.context, fake.smc_calls,
			 (unsigned long long)fake.smc_args[0],
			 (unsigned long long)smc_x0);
	}
	hvc_check_frame(line, RESULTS(FIRMWARE_X0), NULL);
	assert_int_equal(fake.vbar_writes, 0);
	assert_int_equal(fake.soft_restart_calls, 0);
	assert_int_equal(fake.uart_len, 0);
}

/* Forwarded as it came with the PSCI proxy; -1 and no SMC without it. */
#define EXPECT_FORWARDED_IF_PROXY(smc_x0) \
	do { \
		if (HYPSTUB_TEST_ALT) { \
			EXPECT(RET_NOT_SUPPORTED); \
		} else { \
			check_forwarded(__LINE__, (smc_x0)); \
		} \
	} while (0)

/* ---- configuration --------------------------------------------------- */

static void test_build_matches_switch(void **state)
{
	(void)state;
	/* The -D switch and the config header must describe the same build. */
	assert_int_equal(IS_ENABLED(CONFIG_HYPSTUB_LEGACY_PRE_4_12),
			 HYPSTUB_TEST_ALT);
	assert_int_equal(IS_ENABLED(CONFIG_HYPSTUB_STD_HYP_SERVICE),
			 !HYPSTUB_TEST_ALT);
	assert_int_equal(IS_ENABLED(CONFIG_HYPSTUB_DEBUG_UART),
			 !HYPSTUB_TEST_ALT);
	assert_int_equal(IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY),
			 !HYPSTUB_TEST_ALT);
}

/* arch-defs.h's names hold the values spelt out above. */
static void test_arch_defs_match(void **state)
{
	(void)state;
	assert_int_equal(STUB_ID_GET_VECTORS, ID_GET_VECTORS);
	assert_int_equal(STUB_ID_SET_VECTORS, ID_SET_VECTORS);
	assert_int_equal(STUB_ID_SOFT_RESTART, ID_SOFT_RESTART);
	assert_int_equal(STUB_ID_RESET_VECTORS, ID_RESET_VECTORS);
	assert_int_equal(STUB_VECTORS_ALIGN, VECTORS_ALIGN);
	assert_int_equal(STUB_SYNDROME_HVC0, HVC_SYNDROME(0));
	assert_int_equal(STUB_SYNDROME_EC_HVC, EC_HVC);
	assert_int_equal(1ULL << STUB_PA_BITS(), PA_LIMIT);
}

/* ---- table and discovery --------------------------------------------- */

/*
 * Discovery and dispatch come from one list (once a sorted, binary-searched
 * table, then a generated switch, now a generated hash table): every ID of
 * the header, probed one by one, must be found, so none can be lost by
 * ordering, by hashing or by the list.
 */
static void test_probe_finds_every_served_id(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(arch_ids); i++) {
		CONTEXT(" arch id %#x", arch_ids[i]);
		HVC1(HYPSTUB_PROBE, arch_ids[i]);
		EXPECT(0);
	}
	for (i = 0; i < ARRAY_SIZE(vendor_ids); i++) {
		CONTEXT(" vendor id %#x", vendor_ids[i]);
		HVC1(HYPSTUB_PROBE, vendor_ids[i]);
		EXPECT(0);
	}
	for (i = 0; i < ARRAY_SIZE(std_hyp_ids); i++) {
		CONTEXT(" std hyp id %#x", std_hyp_ids[i]);
		HVC1(HYPSTUB_PROBE, std_hyp_ids[i]);
		if (HYPSTUB_TEST_ALT) {
			EXPECT(RET_NOT_SUPPORTED);
		} else {
			EXPECT(0);
		}
	}
}

static void test_probe_unknown(void **state)
{
	static const uint64_t unknown[] = {
		/* Forwarded or not, PROBE covers only the stub's own calls. */
		0x80000002, 0x80008000, 0x80007fff, 0x80003fff, 0x84000000,
		0xc4000003, 0x84000050, 0x8400ff00,
		0x8500ff02, 0x8500ffff,
		0x86000003, 0x8600ff02, 0xc6000000, 0xc6000014,
		/* The other architecture's forms of the stub operations. */
		OTHER_GET_VECTORS, OTHER_SET_VECTORS, OTHER_SOFT_RESTART,
		OTHER_RESET_VECTORS,
		0xc600ff00, 0xbf00ff00,
		/* Yielding forms and reserved-bit forms of served IDs. */
		0x06000000, 0x06000001, 0x46000010, 0x80010000, 0x86010001,
		0x86fe0001,
		/* Legacy stub numbers are not SMCCC IDs. */
		0, 1, 2, 3, 4, 5, 0xfff, 0xffffff,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(unknown); i++) {
		CONTEXT(" probing %#llx", (unsigned long long)unknown[i]);
		HVC1(HYPSTUB_PROBE, unknown[i]);
		EXPECT(RET_NOT_SUPPORTED);
	}
}

static void test_probe_ignores_upper_half_of_x1(void **state)
{
	(void)state;
	HVC1(HYPSTUB_PROBE, 0xffffffff00000000ULL | HYPSTUB_GET_CONFIG);
	EXPECT(0);
	HVC1(HYPSTUB_PROBE, 0x0000000100000000ULL | 0x86000003);
	EXPECT(RET_NOT_SUPPORTED);
}

static void test_smccc_version(void **state)
{
	(void)state;
	/*
	 * A CPU without EL3: the stub has no firmware to ask (ABI 1.3; the
	 * firmware's answers are test_psci.c's).
	 */
	fake_arch_set_el3(0);
	stub_probe_firmware();
	HVC0(SMCCC_VERSION);
	EXPECT(0x10001);
}

static void test_arch_features_served(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(arch_ids); i++) {
		CONTEXT(" features of %#x", arch_ids[i]);
		HVC1(SMCCC_ARCH_FEATURES, arch_ids[i]);
		EXPECT(0);
		/* Only w1 counts. */
		HVC1(SMCCC_ARCH_FEATURES, 0xdeadbeef00000000ULL | arch_ids[i]);
		EXPECT(0);
	}
}

static void test_arch_features_refused(void **state)
{
	static const uint64_t refused[] = {
		/* Owner 0 IDs neither the stub nor the proxy serves. */
		0x80000003, 0x80003ffe, 0x80007ffe, 0x80008001, 0x8000ff00,
		0xc0000000, 0xc0000002, 0xc0008000,
		/* PSCI and TRNG IDs: not of the Arm Architecture Service. */
		0x84000000, 0xc4000003, 0x84000050,
		/* Served IDs, but not of the Arm Architecture Service. */
		HYPSTUB_PROBE, ID_GET_VECTORS, HYPSTUB_VENDOR_CALL_COUNT,
		HYPSTUB_STD_HYP_CALL_COUNT,
		/* Yielding owner-0 IDs, and served IDs with reserved bits. */
		0x00000000, 0x00000001, 0x40000000,
		0x80010000, 0x80010001, 0x80020000, 0x80800000, 0x80fe0001,
		/* Legacy numbers. */
		2, 4, 0xffffff,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(refused); i++) {
		CONTEXT(" features of %#llx", (unsigned long long)refused[i]);
		HVC1(SMCCC_ARCH_FEATURES, refused[i]);
		EXPECT(RET_NOT_SUPPORTED);
	}
}

/* SOC_ID and the workarounds: the firmware's own answer, with the proxy. */
static void test_arch_features_of_firmware_calls(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(firmware_arch_ids); i++) {
		CONTEXT(" features of %#x", firmware_arch_ids[i]);
		HVC1(SMCCC_ARCH_FEATURES, firmware_arch_ids[i]);
		EXPECT_FORWARDED_IF_PROXY(SMCCC_ARCH_FEATURES);
		/* Only w1 counts, and only w1 is passed on. */
		HVC1(SMCCC_ARCH_FEATURES,
		     0xdeadbeef00000000ULL | firmware_arch_ids[i]);
		EXPECT_FORWARDED_IF_PROXY(SMCCC_ARCH_FEATURES);
		if (!HYPSTUB_TEST_ALT) {
			assert_int_equal(fake.smc_args[1], firmware_arch_ids[i]);
		}
	}
}

static void test_call_counts(void **state)
{
	(void)state;
	HVC0(HYPSTUB_VENDOR_CALL_COUNT);
	EXPECT(10);
	HVC0(HYPSTUB_STD_HYP_CALL_COUNT);
	if (HYPSTUB_TEST_ALT) {
		EXPECT(RET_NOT_SUPPORTED);
	} else {
		EXPECT(3);
	}
	/* The vendor count is the number of vendor IDs the header lists. */
	assert_int_equal(ARRAY_SIZE(vendor_ids), 10);
}

static void test_uids(void **state)
{
	(void)state;
	HVC0(HYPSTUB_VENDOR_UID);
	EXPECT(0xc0ea4c92, 0x9045e1c2, 0x3488c39c, 0xff44e3b8);
	HVC0(HYPSTUB_STD_HYP_UID);
	if (HYPSTUB_TEST_ALT) {
		EXPECT(RET_NOT_SUPPORTED);
	} else {
		EXPECT(0xc0ea4c92, 0x9045e1c2, 0x3488c39c, 0xff44e3b8);
	}
}

static void test_revisions(void **state)
{
	(void)state;
	HVC0(HYPSTUB_VENDOR_REVISION);
	EXPECT(HYPSTUB_ABI_VERSION_MAJOR, HYPSTUB_ABI_VERSION_MINOR);
	HVC0(HYPSTUB_STD_HYP_REVISION);
	if (HYPSTUB_TEST_ALT) {
		EXPECT(RET_NOT_SUPPORTED);
	} else {
		EXPECT(HYPSTUB_ABI_VERSION_MAJOR, HYPSTUB_ABI_VERSION_MINOR);
	}
}

static void test_abi_version(void **state)
{
	(void)state;
	HVC0(HYPSTUB_GET_ABI_VERSION);
	EXPECT(HYPSTUB_ABI_VERSION);
}

static void test_get_config(void **state)
{
	(void)state;
	HVC0(HYPSTUB_GET_CONFIG);
	if (HYPSTUB_TEST_ALT) {
		/* Pre-4.12 numbering; no debug UART, no PSCI proxy. */
		EXPECT(0, HYPSTUB_CONFIG_LEGACY_PRE_4_12);
	} else {
		EXPECT(0, HYPSTUB_CONFIG_DEBUG_UART | HYPSTUB_CONFIG_PSCI_PROXY);
	}
}

/* ---- vectors and soft restart, SMCCC ---------------------------------- */

static void test_smccc_get_vectors(void **state)
{
	(void)state;
	fake.vbar = 0x40123800;
	HVC0(ID_GET_VECTORS);
	EXPECT(0, 0x40123800);
	assert_int_equal(fake.vbar, 0x40123800);
}

static void test_smccc_set_vectors(void **state)
{
	static const uint64_t good[] = {
		VECTORS_ALIGN, GOOD_VECTORS, GOOD_VECTORS + VECTORS_ALIGN,
		0x4012f800, PA_LIMIT - VECTORS_ALIGN,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		CONTEXT(" x1 %#llx", (unsigned long long)good[i]);
		fake.vbar = FAKE_STUB_VECTORS;
		HVC1(ID_SET_VECTORS, good[i]);
		EXPECT_EFFECTS(0);
		assert_int_equal(fake.vbar, good[i]);
		assert_int_equal(fake.vbar_writes, 1);
		assert_int_equal(fake.soft_restart_calls, 0);
		assert_int_equal(fake.uart_len, 0);
	}
}

/*
 * Refused: 0, not VECTORS_ALIGN aligned, or at/above PA_LIMIT (PARange
 * 2).  An AArch32 caller's r1 holds no address at or above 2^32.
 */
static const uint64_t bad_vectors[] = {
#if STUB_CALLER_AARCH32
	0, 0x4, 0x10, 0x1f, GOOD_VECTORS + 0x10, GOOD_VECTORS + 1,
	0xfffffff0, 0xffffffff,
#else
	0, 0x4, 0x400, 0x7ff, GOOD_VECTORS + 0x400, GOOD_VECTORS + 1,
	PA_LIMIT, PA_LIMIT + 0x800, 1ULL << 48, 1ULL << 52, 1ULL << 63,
	0xfffffffffffff800ULL,
#endif
};

static void test_smccc_set_vectors_refused(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad_vectors); i++) {
		CONTEXT(" x1 %#llx", (unsigned long long)bad_vectors[i]);
		fake.vbar = 0x40200000;
		HVC1(ID_SET_VECTORS, bad_vectors[i]);
		EXPECT(RET_INVALID_PARAMETER);
		assert_int_equal(fake.vbar, 0x40200000);
	}
}

#if STUB_CALLER_AARCH32
/*
 * HYP runs with its MMU off: 32 address bits (STUB_PA_BITS()), all of
 * them usable, whatever an AArch64 ID register would say.  (An address at
 * or above 2^32 is not one an AArch32 caller can pass: r1 is 32 bits.)
 */
static void test_address_limit_is_32_bits(void **state)
{
	static const uint64_t mmfr0[] = { 0x0, 0x2, 0x5, 0x6, 0xffffffffffffffffULL };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(mmfr0); i++) {
		CONTEXT(" mmfr0 %#llx", (unsigned long long)mmfr0[i]);
		fake.mmfr0 = mmfr0[i];
		assert_int_equal(STUB_PA_BITS(), 32);
		HVC1(ID_SET_VECTORS, 0xffffffe0ULL);
		EXPECT_EFFECTS(0);
		assert_int_equal(fake.vbar, 0xffffffe0ULL);
		HVC1(ID_SET_VECTORS, 0xfffffff0ULL);
		EXPECT(RET_INVALID_PARAMETER);
		assert_int_equal(fake.vbar, 0xffffffe0ULL);
		HVC4(ID_SOFT_RESTART, 0xfffffffcULL, 1, 2, 3);
		EXPECT_EFFECTS(1, 2, 3, 0);
		assert_int_equal(fake.soft_restart_entry, 0xfffffffcULL);
		HVC4(ID_SOFT_RESTART, 0xfffffffeULL, 1, 2, 3);
		EXPECT(RET_INVALID_PARAMETER);
	}
}
#else
/* The address limit follows ID_AA64MMFR0_EL1.PARange, other fields ignored. */
static void test_set_vectors_limit_follows_parange(void **state)
{
	(void)state;
	fake.mmfr0 = 0x0;		/* 32 bits */
	HVC1(ID_SET_VECTORS, (1ULL << 32) - 0x800);
	EXPECT_EFFECTS(0);
	HVC1(ID_SET_VECTORS, 1ULL << 32);
	EXPECT(RET_INVALID_PARAMETER);

	fake.mmfr0 = 0x5;		/* 48 bits */
	HVC1(ID_SET_VECTORS, PA_LIMIT);
	EXPECT_EFFECTS(0);
	assert_int_equal(fake.vbar, PA_LIMIT);
	HVC1(ID_SET_VECTORS, (1ULL << 48) - 0x800);
	EXPECT_EFFECTS(0);
	HVC1(ID_SET_VECTORS, 1ULL << 48);
	EXPECT(RET_INVALID_PARAMETER);

	fake.mmfr0 = 0xfffffffffffffff2ULL;	/* 40 bits, every other field set */
	HVC1(ID_SET_VECTORS, PA_LIMIT - 0x800);
	EXPECT_EFFECTS(0);
	HVC1(ID_SET_VECTORS, PA_LIMIT);
	EXPECT(RET_INVALID_PARAMETER);
	assert_int_equal(fake.vbar, PA_LIMIT - 0x800);
}
#endif

static void test_smccc_soft_restart(void **state)
{
	static const uint64_t good[] = { 0x4, GOOD_ENTRY, 0x40080004, PA_LIMIT - 4 };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		CONTEXT(" entry %#llx", (unsigned long long)good[i]);
		HVC4(ID_SOFT_RESTART, good[i], 0xa2a2a2a2a2a2a2a2ULL,
		     0xa3a3a3a3a3a3a3a3ULL, 0xa4a4a4a4a4a4a4a4ULL);
		/* x2, x3, x4 become x0, x1, x2 and x3 = 0; x4..x18, lr kept. */
		EXPECT_EFFECTS(0xa2a2a2a2a2a2a2a2ULL, 0xa3a3a3a3a3a3a3a3ULL,
			       0xa4a4a4a4a4a4a4a4ULL, 0);
		assert_int_equal(fake.soft_restart_calls, 1);
		assert_int_equal(fake.soft_restart_entry, good[i]);
		assert_int_equal(fake.vbar_writes, 0);
		assert_int_equal(fake.uart_len, 0);
	}
}

/* Refused: 0, not 4-byte aligned, at/above PA_LIMIT (AArch64). */
static const uint64_t bad_entries[] = {
	0, 1, 2, 3, GOOD_ENTRY + 1, GOOD_ENTRY + 2, GOOD_ENTRY + 3,
#if STUB_CALLER_AARCH32
	0xfffffffd, 0xfffffffe, 0xffffffff,
#else
	PA_LIMIT, PA_LIMIT + 4, 1ULL << 63, 0xfffffffffffffffcULL,
#endif
};

static void test_smccc_soft_restart_refused(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad_entries); i++) {
		CONTEXT(" entry %#llx", (unsigned long long)bad_entries[i]);
		HVC4(ID_SOFT_RESTART, bad_entries[i], 0xa2, 0xa3, 0xa4);
		/* Only x0: x1 (the entry), x2..x4 and the rest are kept. */
		EXPECT(RET_INVALID_PARAMETER);
		assert_int_equal(fake.soft_restart_calls, 0);
	}
}

static void test_smccc_reset_vectors(void **state)
{
	(void)state;
	fake.vbar = GOOD_VECTORS;
	HVC0(ID_RESET_VECTORS);
	EXPECT_EFFECTS(0);
	assert_int_equal(fake.vbar, FAKE_STUB_VECTORS);
	assert_int_equal(fake.vbar_writes, 1);
	assert_int_equal(fake.soft_restart_calls, 0);
}

/* Taking EL2 over and giving it back, as an owner does. */
static void test_smccc_take_over_and_give_back(void **state)
{
	uint64_t saved;

	(void)state;
	HVC0(ID_GET_VECTORS);
	EXPECT(0, FAKE_STUB_VECTORS);
	saved = call.after.x[1];
	HVC1(ID_SET_VECTORS, GOOD_VECTORS);
	EXPECT_EFFECTS(0);
	HVC0(ID_GET_VECTORS);
	EXPECT(0, GOOD_VECTORS);
	HVC1(ID_SET_VECTORS, saved);
	EXPECT_EFFECTS(0);
	assert_int_equal(fake.vbar, FAKE_STUB_VECTORS);
}

/* ---- legacy numbers --------------------------------------------------- */

#if !PRE412_ARM
static void test_legacy_set_vectors(void **state)
{
	size_t i;

	(void)state;
	HVC1(LEGACY_SET_VECTORS, GOOD_VECTORS);
	EXPECT_EFFECTS(0);
	assert_int_equal(fake.vbar, GOOD_VECTORS);
	assert_int_equal(fake.vbar_writes, 1);
	assert_int_equal(fake.soft_restart_calls, 0);

	for (i = 0; i < ARRAY_SIZE(bad_vectors); i++) {
		CONTEXT(" x1 %#llx", (unsigned long long)bad_vectors[i]);
		fake.vbar = 0x40200000;
		HVC1(LEGACY_SET_VECTORS, bad_vectors[i]);
		EXPECT(RET_STUB_ERR);
		assert_int_equal(fake.vbar, 0x40200000);
	}
}

static void test_legacy_soft_restart(void **state)
{
	size_t i;

	(void)state;
	HVC4(LEGACY_SOFT_RESTART, GOOD_ENTRY, 0xb2, 0xb3, 0xb4);
	EXPECT_EFFECTS(0xb2, 0xb3, 0xb4, 0);
	assert_int_equal(fake.soft_restart_calls, 1);
	assert_int_equal(fake.soft_restart_entry, GOOD_ENTRY);
	assert_int_equal(fake.vbar_writes, 0);

	for (i = 0; i < ARRAY_SIZE(bad_entries); i++) {
		CONTEXT(" entry %#llx", (unsigned long long)bad_entries[i]);
		HVC4(LEGACY_SOFT_RESTART, bad_entries[i], 0xb2, 0xb3, 0xb4);
		EXPECT(RET_STUB_ERR);
		assert_int_equal(fake.soft_restart_calls, 0);
	}
}

static void test_legacy_reset_vectors(void **state)
{
	(void)state;
	fake.vbar = GOOD_VECTORS;
	HVC0(LEGACY_RESET_VECTORS);
	EXPECT_EFFECTS(0);
	assert_int_equal(fake.vbar, FAKE_STUB_VECTORS);
	assert_int_equal(fake.vbar_writes, 1);
}

#if HYPSTUB_TEST_ALT
static void test_legacy_get_vectors(void **state)
{
	(void)state;
	fake.vbar = 0x40123800;
	/* Pre-4.12 GET_VECTORS: VBAR_EL2 in x0, x1 untouched. */
	HVC0(LEGACY_GET_VECTORS);
	EXPECT(0x40123800);
	HVC1(LEGACY_GET_VECTORS, GOOD_VECTORS);
	EXPECT(0x40123800);
	assert_int_equal(fake.vbar, 0x40123800);
}

static void test_legacy_unknown(void **state)
{
	static const uint32_t unknown[] = { 4, 5, 6, 0xff, 0x100, 0xfff, 0xffffff };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(unknown); i++) {
		CONTEXT(" number %#x", unknown[i]);
		/* 4 is not GET_ICH_VTR_EL2 in this numbering, GIC or not. */
		fake.pfr0 = FAKE_PFR0_GICV3;
		HVC4(unknown[i], GOOD_VECTORS, 1, 2, 3);
		EXPECT(RET_STUB_ERR);
		assert_int_equal(fake.ich_vtr_reads, 0);
	}
}
#elif STUB_CALLER_AARCH32
/*
 * Linux arm's numbers stop at 2: 3 and 4 (arm64's FINALISE_EL2 and
 * GET_ICH_VTR_EL2) are unknown numbers, GIC system registers or not.
 */
static void test_legacy_unknown(void **state)
{
	static const uint32_t unknown[] = { 3, 4, 5, 6, 0xff, 0x100, 0xfff, 0xffffff };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(unknown); i++) {
		CONTEXT(" number %#x", unknown[i]);
		fake.pfr0 = FAKE_PFR0_GICV3;
		fake.pfr1 = FAKE_PFR1 | 0x10000000ULL;	/* GIC system registers */
		fake.cpu_id.pfr1 = FAKE_PFR1 | 0x10000000ULL;
		HVC4(unknown[i], GOOD_VECTORS, 1, 2, 3);
		EXPECT(RET_STUB_ERR);
		assert_int_equal(fake.ich_vtr_reads, 0);
	}
}
#else
static void test_legacy_finalise_el2(void **state)
{
	(void)state;
	HVC4(LEGACY_FINALISE_EL2, GOOD_VECTORS, 1, 2, 3);
	EXPECT(RET_STUB_ERR);
}

static void test_legacy_get_ich_vtr_el2(void **state)
{
	static const uint64_t gic_pfr0[] = {
		0x0000000001000000ULL,		/* GIC = 1: GICv3/v4 */
		0x0000000003000000ULL,		/* GIC = 3: GICv4.1 */
		FAKE_PFR0_GICV3,
		0xffffffffffffffffULL,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(gic_pfr0); i++) {
		CONTEXT(" pfr0 %#llx", (unsigned long long)gic_pfr0[i]);
		fake.pfr0 = gic_pfr0[i];
		fake.ich_vtr = 0x90000003 + i;
		HVC0(LEGACY_GET_ICH_VTR_EL2);
		EXPECT(0, 0x90000003 + i);
		assert_int_equal(fake.ich_vtr_reads, 1);
	}
}

static void test_legacy_get_ich_vtr_el2_without_gicv3(void **state)
{
	static const uint64_t no_gic_pfr0[] = {
		0x0000000000000000ULL,
		0x0000000000002222ULL,
		0xfffffffff0ffffffULL,		/* every field but GIC */
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(no_gic_pfr0); i++) {
		CONTEXT(" pfr0 %#llx", (unsigned long long)no_gic_pfr0[i]);
		fake.pfr0 = no_gic_pfr0[i];
		HVC0(LEGACY_GET_ICH_VTR_EL2);
		EXPECT(RET_STUB_ERR);
		/* ICH_VTR_EL2 is UNDEFINED without the GICv3 system registers. */
		assert_int_equal(fake.ich_vtr_reads, 0);
	}
}

static void test_legacy_unknown(void **state)
{
	static const uint32_t unknown[] = { 5, 6, 0xff, 0x100, 0xfff, 0xffffff };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(unknown); i++) {
		CONTEXT(" number %#x", unknown[i]);
		HVC4(unknown[i], GOOD_VECTORS, 1, 2, 3);
		EXPECT(RET_STUB_ERR);
	}
}
#endif
#endif /* !PRE412_ARM */

/* ---- refusals by classification ---------------------------------------- */

#define NR_SERVED_IDS	(ARRAY_SIZE(arch_ids) + ARRAY_SIZE(std_hyp_ids) + ARRAY_SIZE(vendor_ids))

/* Every SMCCC ID this build serves, into @out (NR_SERVED_IDS room): how many. */
static size_t served_ids(uint32_t *out)
{
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(arch_ids); i++) {
		out[n++] = arch_ids[i];
	}
	for (i = 0; i < ARRAY_SIZE(std_hyp_ids); i++) {
		out[n++] = std_hyp_ids[i];
	}
	for (i = 0; i < ARRAY_SIZE(vendor_ids); i++) {
		out[n++] = vendor_ids[i];
	}
	return n;
}

/* Bits 23:17 reserved and bit 16 (SVE hint, SMCCC 1.3) set: -1, no effect. */
static void test_fast_call_reserved_bits(void **state)
{
	static const uint32_t bits[] = {
		0x00010000, 0x00020000, 0x00040000, 0x00080000, 0x00100000,
		0x00200000, 0x00400000, 0x00800000, 0x00fe0000, 0x00ff0000,
	};
	uint32_t served[NR_SERVED_IDS];
	size_t i, b, n = served_ids(served);

	(void)state;
	for (i = 0; i < n; i++) {
		for (b = 0; b < ARRAY_SIZE(bits); b++) {
			CONTEXT(" id %#x", served[i] | bits[b]);
			/* Arguments a served call would act on. */
			HVC4(served[i] | bits[b], GOOD_VECTORS, 0xc2, 0xc3, 0xc4);
			EXPECT(RET_NOT_SUPPORTED);
			assert_int_equal(fake.vbar, FAKE_STUB_VECTORS);
			assert_int_equal(fake.ich_vtr_reads, 0);
		}
	}
}

#if !PRE412_ARM
static void test_yielding_calls_refused(void **state)
{
	static const uint32_t yielding[] = {
		0x01000000, 0x01ffffff, 0x06000000, 0x06000001, 0x06000002,
		0x0600ff00, 0x0600ff01, 0x0500ff00, 0x46000010, 0x46000011,
		0x46000012, 0x46000013, 0x40000000, 0x3fffffff, 0x7fffffff,
		/* Yielding PSCI-like IDs: the proxy forwards fast calls only. */
		0x04000000, 0x04000003, 0x44000003, 0x00008000 | 0x01000000,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(yielding); i++) {
		CONTEXT(" id %#x", yielding[i]);
		HVC4(yielding[i], GOOD_VECTORS, 0xc2, 0xc3, 0xc4);
		EXPECT(RET_NOT_SUPPORTED);
	}
}
#endif

static void test_unknown_fast_calls(void **state)
{
	static const uint32_t unknown[] = {
		/* Owner 0: SMC64 forms and neighbours of the firmware's IDs. */
		0x80000003, 0x80003ffe, 0x80007ffe, 0x80008001, 0x8000ffff,
		0xc0000002, 0xc0008000, 0xc0007fff, 0xc0003fff,
		0x8500ff02, 0x8500ffff, 0x86000003, 0x8600ff02, 0x8600ffff,
		/* The other architecture's forms, SMC64 forms of SMC32 ones. */
		OTHER_GET_VECTORS, OTHER_SET_VECTORS, OTHER_SOFT_RESTART,
		OTHER_RESET_VECTORS,
		0xc0000000, 0xc6000000, 0xc600ff00, 0xc6000014, 0xc5000000,
		0xbf00ff00, 0xff00ffff, 0x8700ff00,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(unknown); i++) {
		CONTEXT(" id %#x", unknown[i]);
		HVC4(unknown[i], GOOD_VECTORS, 0xc2, 0xc3, 0xc4);
		EXPECT(RET_NOT_SUPPORTED);
	}
}

static int is_firmware_arch_id(uint32_t id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(firmware_arch_ids); i++) {
		if (firmware_arch_ids[i] == id) {
			return 1;
		}
	}
	return 0;
}

static int is_served(uint32_t id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(arch_ids); i++) {
		if (arch_ids[i] == id) {
			return 1;
		}
	}
	for (i = 0; i < ARRAY_SIZE(vendor_ids); i++) {
		if (vendor_ids[i] == id) {
			return 1;
		}
	}
	for (i = 0; !HYPSTUB_TEST_ALT && i < ARRAY_SIZE(std_hyp_ids); i++) {
		if (std_hyp_ids[i] == id) {
			return 1;
		}
	}
	return 0;
}

/*
 * The dispatcher finds an SMCCC ID in a table by a slot computed from
 * function bits 4:0 and 12:8 and owner bits 27:23.  IDs one bit away from
 * a served one in any other bit (function bits 7:5 and 15:13, owner bits
 * 29:28, the calling convention) share its slot: each must be refused,
 * as must the served ID seen through PROBE.
 */
static void test_unknown_ids_in_a_served_slot(void **state)
{
	static const unsigned int bits[] = { 5, 6, 7, 13, 14, 15, 28, 29, 30 };
	uint32_t served[NR_SERVED_IDS];
	size_t i, b, n = served_ids(served);

	(void)state;
	for (i = 0; i < n; i++) {
		for (b = 0; b < ARRAY_SIZE(bits); b++) {
			uint32_t id = served[i] ^ (1U << bits[b]);

			assert_false(is_served(id));
			CONTEXT(" id %#x", id);
			HVC4(id, GOOD_VECTORS, 0xc2, 0xc3, 0xc4);
			if (is_firmware_arch_id(id)) {
				/* 0x80008000: ARCH_WORKAROUND_1, the firmware's. */
				EXPECT_FORWARDED_IF_PROXY(id);
			} else {
				EXPECT(RET_NOT_SUPPORTED);
			}
			assert_int_equal(fake.vbar, FAKE_STUB_VECTORS);
			CONTEXT(" probing %#x", id);
			HVC1(HYPSTUB_PROBE, id);
			EXPECT(RET_NOT_SUPPORTED);
		}
	}
}

/*
 * Fast calls the stub does not serve itself but the PSCI proxy forwards:
 * every owner-4 ID, known to PSCI or TRNG or not, and the firmware's Arm
 * Architecture calls.  Without the proxy they are unknown calls.  (None
 * of these carries an entry point: the proxy's rewrites are test_psci.c's.)
 */
static void test_firmware_fast_calls(void **state)
{
	static const uint32_t firmware[] = {
		0x84000000, 0x84000002, 0x84000008, 0x84000009, 0x8400001f,
		0x84000020, 0x84000050, 0x8400005f, 0x8400ff00, 0x8400ffff,
		0xc4000004, 0xc4000053, 0xc400ffff,
		0x80000002, 0x80008000, 0x80007fff, 0x80003fff,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(firmware); i++) {
		CONTEXT(" id %#x", firmware[i]);
		/* No entry-point call among them: x1 need not be an MPIDR. */
		HVC1(firmware[i], 0x1234);
		if (HYPSTUB_TEST_ALT ||
		    (STUB_CALLER_AARCH32 && (firmware[i] & 0x40000000U))) {
			/* An AArch32 caller makes no SMC64 call: -1, no SMC. */
			EXPECT(RET_NOT_SUPPORTED);
		} else if ((firmware[i] & 0x3fffffff) >= 0x04000050 &&
			   (firmware[i] & 0x3fffffff) <= 0x0400005f) {
			/* TRNG (SMC32 or SMC64) answers in x0..x3. */
			assert_int_equal(fake.smc_calls, 1);
			assert_int_equal(fake.smc_args[0], firmware[i]);
			EXPECT_EFFECTS(FIRMWARE_X0, FIRMWARE_X1, FIRMWARE_X2,
				       FIRMWARE_X3);
		} else {
			check_forwarded(__LINE__, firmware[i]);
		}
	}
}

#if PRE412_ARM
/* r0 = -1 reads HVBAR into r0; every other register as it was. */
static void test_pre412_arm_get_vectors(void **state)
{
	(void)state;
	fake.vbar = 0x40123800;
	HVC0(HVC_PRE412_AARCH32_GET_VECTORS);
	EXPECT(0x40123800);
	HVC4(HVC_PRE412_AARCH32_GET_VECTORS, GOOD_VECTORS, 0xb2, 0xb3, 0xb4);
	EXPECT(0x40123800);
	assert_int_equal(fake.vbar, 0x40123800);
	assert_int_equal(fake.vbar_writes, 0);
}

/* Any other r0 with bit 31 clear is the new HVBAR: r0 = 0 after. */
static void test_pre412_arm_set_vectors(void **state)
{
	static const uint32_t good[] = {
		GOOD_VECTORS, 0x20, 0x01000000, 0x40008020, 0x7fffffe0,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		CONTEXT(" r0 %#x", good[i]);
		fake.vbar = FAKE_STUB_VECTORS;
		fake.vbar_writes = 0;
		HVC4(good[i], 0xb1, 0xb2, 0xb3, 0xb4);
		EXPECT_EFFECTS(0);
		assert_int_equal(fake.vbar, good[i]);
		assert_int_equal(fake.vbar_writes, 1);
	}
}

/*
 * Not a vector table: 0 and the unaligned, among them a current kernel's
 * SOFT_RESTART (1) and RESET_VECTORS (2), and SET_VECTORS (0, the address
 * in r1): refused, HVBAR and the CPU as they were.
 */
static void test_pre412_arm_set_vectors_refused(void **state)
{
	static const struct {
		uint32_t r0;
		uint64_t answer;
	} bad[] = {
		{ 0, RET_STUB_ERR },
		{ 1, RET_STUB_ERR },
		{ 2, RET_STUB_ERR },
		{ 0x10, RET_STUB_ERR },
		{ 0x00fffff0, RET_STUB_ERR },
		{ 0x40000010, RET_INVALID_PARAMETER },
		{ 0x7fffffff, RET_INVALID_PARAMETER },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		CONTEXT(" r0 %#x", bad[i].r0);
		fake.vbar = 0x40200000;
		HVC4(bad[i].r0, GOOD_ENTRY, 0xb2, 0xb3, 0xb4);
		EXPECT(bad[i].answer);
		assert_int_equal(fake.vbar, 0x40200000);
		assert_int_equal(fake.vbar_writes, 0);
		assert_int_equal(fake.soft_restart_calls, 0);
	}
}

/* Bit 31 set: SMCCC, as in every build, whatever it would be as an address. */
static void test_pre412_arm_fast_calls_stay_smccc(void **state)
{
	(void)state;
	fake.vbar = FAKE_STUB_VECTORS;
	HVC0(SMCCC_VERSION);
	EXPECT(0x10001);
	HVC0(0xc0000020);
	EXPECT(RET_NOT_SUPPORTED);
	HVC0(0xfffffffe);
	EXPECT(RET_NOT_SUPPORTED);
	assert_int_equal(fake.vbar_writes, 0);
	HVC1(ID_SET_VECTORS, GOOD_VECTORS);
	EXPECT_EFFECTS(0);
	assert_int_equal(fake.vbar, GOOD_VECTORS);
}

/* As a pre-4.12 KVM took HYP over and gave it back. */
static void test_pre412_arm_take_over_and_give_back(void **state)
{
	uint64_t saved;

	(void)state;
	HVC0(HVC_PRE412_AARCH32_GET_VECTORS);
	EXPECT(FAKE_STUB_VECTORS);
	saved = call.after.x[0];
	HVC0(GOOD_VECTORS);
	EXPECT_EFFECTS(0);
	HVC0(HVC_PRE412_AARCH32_GET_VECTORS);
	EXPECT(GOOD_VECTORS);
	HVC0(saved);
	EXPECT_EFFECTS(0);
	assert_int_equal(fake.vbar, FAKE_STUB_VECTORS);
}
#endif

static void test_upper_half_of_x0_ignored(void **state)
{
	(void)state;
	HVC0(0xffffffff00000000ULL | SMCCC_VERSION);
	EXPECT(0x10001);
	HVC0(0x1234567800000000ULL | HYPSTUB_VENDOR_CALL_COUNT);
	EXPECT(10);
	HVC1(0x0000000100000000ULL | ID_SET_VECTORS, GOOD_VECTORS);
	EXPECT_EFFECTS(0);
	assert_int_equal(fake.vbar, GOOD_VECTORS);

	if (PRE412_ARM) {
		/* Linux arm's pre-4.12 scheme: r0's low word is the address. */
		HVC0(0xffffffff00000000ULL | 0x40100000);
		EXPECT_EFFECTS(0);
		assert_int_equal(fake.vbar, 0x40100000);
		return;
	}
	/* Legacy numbers too. */
	HVC0(0xffffffff00000000ULL | LEGACY_RESET_VECTORS);
	EXPECT_EFFECTS(0);
	assert_int_equal(fake.vbar, FAKE_STUB_VECTORS);
	HVC0(0x8000000000000000ULL | 5);
	EXPECT(RET_STUB_ERR);
	HVC4(0x0000000100000000ULL | LEGACY_SOFT_RESTART, GOOD_ENTRY, 7, 8, 9);
	EXPECT_EFFECTS(7, 8, 9, 0);
	assert_int_equal(fake.soft_restart_entry, GOOD_ENTRY);
}

#if STUB_CALLER_AARCH32
/*
 * An AArch32 caller cannot make an SMC64/HVC64 call: every such ID, of
 * every owner, the stub operations' 0xc6... forms and PSCI's CPU_ON64
 * included, answers -1 and never reaches the firmware, PSCI proxy or not.
 */
static void test_smc64_refused(void **state)
{
	static const uint32_t functions[] = {
		0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0008, 0x000a, 0x000c,
		0x000e, 0x0010, 0x0011, 0x0012, 0x0013, 0x0050, 0x0053, 0x3fff,
		0x7fff, 0x8000, 0xff00, 0xff01, 0xff03, 0xffff,
	};
	uint32_t owner;
	size_t i;

	(void)state;
	for (owner = 0; owner < 64; owner++) {
		for (i = 0; i < ARRAY_SIZE(functions); i++) {
			uint32_t id = 0xc0000000U | owner << 24 | functions[i];

			CONTEXT(" id %#x", id);
			/* Arguments CPU_ON or SET_VECTORS would act on. */
			fake.vbar = FAKE_STUB_VECTORS;
			HVC4(id, 0x1, GOOD_ENTRY, 0xc3, 0xc4);
			EXPECT(RET_NOT_SUPPORTED);
			assert_int_equal(fake.vbar, FAKE_STUB_VECTORS);
		}
	}
}
#endif

/* `hvc #imm`, imm != 0: x0 = -1 whatever w0 says, nothing else happens. */
static void test_hvc_immediate_not_zero(void **state)
{
	static const uint16_t imms[] = { 1, 0x10, 0x1234, 0x8000, 0xffff };
	static const uint32_t ids[] = {
		SMCCC_VERSION, ID_SET_VECTORS, ID_SOFT_RESTART,
		ID_RESET_VECTORS, 0, 1, 2, 3, 4, 5,
		/* Not forwarded either. */
		0x84000000, 0xc4000003, 0x80008000,
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(imms); i++) {
		for (j = 0; j < ARRAY_SIZE(ids); j++) {
			CONTEXT(" hvc #%#x, w0 %#x", imms[i], ids[j]);
			fake.vbar = GOOD_VECTORS;
			hvc_call(HVC_SYNDROME(imms[i]), 4, ids[j], GOOD_ENTRY, 1,
				 2, 3);
			EXPECT(RET_NOT_SUPPORTED);
			assert_int_equal(fake.vbar, GOOD_VECTORS);
		}
	}
	/* And the stub keeps serving. */
	call.context[0] = '\0';
	HVC0(SMCCC_VERSION);
	EXPECT(0x10001);
}

/* Not an AArch64 HVC: report, park, frame untouched. */
static void test_not_hvc_parks(void **state)
{
	/* Anything but this architecture's HVC, the other's included. */
	static const uint32_t ecs[] = {
		0x00, 0x01, 0x07, EC_OTHER_HVC, 0x13, 0x15, 0x17, 0x18, 0x20,
		0x22, 0x24, 0x26, 0x2c, 0x3c, 0x3f,
	};
	char expected[512];
	size_t i;

	(void)state;
	fake.mpidr = 0x80000102;
	fake.esr = 0x5e000000;
	fake.elr = 0xffff800010203040ULL;
	fake.far = 0x1000;
	fake.spsr = 0x3c5;
	/* Named as the vector the exception came in on, its registers too. */
	snprintf(expected, sizeof(expected),
#if STUB_CALLER_AARCH32
		 "\r\nhypstub: unexpected trap_hyp exception on CPU 0x0000000080000102\r\n"
		 "hypstub: HSR=0x000000005e000000 ELR_hyp=0xffff800010203040 HDFAR=0x0000000000001000 SPSR_hyp=0x00000000000003c5\r\n"
#else
		 "\r\nhypstub: unexpected sync_el1_64 exception on CPU 0x0000000080000102\r\n"
		 "hypstub: ESR_EL2=0x000000005e000000 ELR_EL2=0xffff800010203040 FAR_EL2=0x0000000000001000 SPSR_EL2=0x00000000000003c5\r\n"
#endif
		 "hypstub: CPU parked\r\n");
	for (i = 0; i < ARRAY_SIZE(ecs); i++) {
		CONTEXT(" EC %#x", ecs[i]);
		hvc_call(ESR_EC(ecs[i]) | ESR_IL, 4, SMCCC_VERSION,
			 GOOD_VECTORS, 1, 2, 3);
		assert_int_equal(call.exit, STUB_EXIT_PARK);
		assert_memory_equal(&call.after, &call.before,
				    sizeof(call.before));
		assert_int_equal(fake.vbar_writes, 0);
		assert_int_equal(fake.soft_restart_calls, 0);
		assert_int_equal(fake.disarm_calls, 1);
		if (HYPSTUB_TEST_ALT) {
			/* No debug UART: parks silently. */
			assert_int_equal(fake.uart_len, 0);
		} else {
			assert_string_equal(fake.uart, expected);
			assert_true(fake.disarm_seq < fake.first_putc_seq);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_build_matches_switch, setup),
		cmocka_unit_test_setup(test_arch_defs_match, setup),
		cmocka_unit_test_setup(test_probe_finds_every_served_id, setup),
		cmocka_unit_test_setup(test_probe_unknown, setup),
		cmocka_unit_test_setup(test_probe_ignores_upper_half_of_x1, setup),
		cmocka_unit_test_setup(test_smccc_version, setup),
		cmocka_unit_test_setup(test_arch_features_served, setup),
		cmocka_unit_test_setup(test_arch_features_refused, setup),
		cmocka_unit_test_setup(test_arch_features_of_firmware_calls, setup),
		cmocka_unit_test_setup(test_call_counts, setup),
		cmocka_unit_test_setup(test_uids, setup),
		cmocka_unit_test_setup(test_revisions, setup),
		cmocka_unit_test_setup(test_abi_version, setup),
		cmocka_unit_test_setup(test_get_config, setup),
		cmocka_unit_test_setup(test_smccc_get_vectors, setup),
		cmocka_unit_test_setup(test_smccc_set_vectors, setup),
		cmocka_unit_test_setup(test_smccc_set_vectors_refused, setup),
#if STUB_CALLER_AARCH32
		cmocka_unit_test_setup(test_address_limit_is_32_bits, setup),
#else
		cmocka_unit_test_setup(test_set_vectors_limit_follows_parange, setup),
#endif
		cmocka_unit_test_setup(test_smccc_soft_restart, setup),
		cmocka_unit_test_setup(test_smccc_soft_restart_refused, setup),
		cmocka_unit_test_setup(test_smccc_reset_vectors, setup),
		cmocka_unit_test_setup(test_smccc_take_over_and_give_back, setup),
#if PRE412_ARM
		cmocka_unit_test_setup(test_pre412_arm_get_vectors, setup),
		cmocka_unit_test_setup(test_pre412_arm_set_vectors, setup),
		cmocka_unit_test_setup(test_pre412_arm_set_vectors_refused, setup),
		cmocka_unit_test_setup(test_pre412_arm_fast_calls_stay_smccc, setup),
		cmocka_unit_test_setup(test_pre412_arm_take_over_and_give_back, setup),
#else
		cmocka_unit_test_setup(test_legacy_set_vectors, setup),
		cmocka_unit_test_setup(test_legacy_soft_restart, setup),
		cmocka_unit_test_setup(test_legacy_reset_vectors, setup),
#if HYPSTUB_TEST_ALT
		cmocka_unit_test_setup(test_legacy_get_vectors, setup),
#elif !STUB_CALLER_AARCH32
		cmocka_unit_test_setup(test_legacy_finalise_el2, setup),
		cmocka_unit_test_setup(test_legacy_get_ich_vtr_el2, setup),
		cmocka_unit_test_setup(test_legacy_get_ich_vtr_el2_without_gicv3, setup),
#endif
		cmocka_unit_test_setup(test_legacy_unknown, setup),
		/* Linux arm's pre-4.12 scheme takes them as addresses. */
		cmocka_unit_test_setup(test_yielding_calls_refused, setup),
#endif
		cmocka_unit_test_setup(test_fast_call_reserved_bits, setup),
		cmocka_unit_test_setup(test_unknown_fast_calls, setup),
		cmocka_unit_test_setup(test_unknown_ids_in_a_served_slot, setup),
		cmocka_unit_test_setup(test_firmware_fast_calls, setup),
		cmocka_unit_test_setup(test_upper_half_of_x0_ignored, setup),
#if STUB_CALLER_AARCH32
		cmocka_unit_test_setup(test_smc64_refused, setup),
#endif
		cmocka_unit_test_setup(test_hvc_immediate_not_zero, setup),
		cmocka_unit_test_setup(test_not_hvc_parks, setup),
	};

	return cmocka_run_group_tests_name(STUB_CALLER_AARCH32 ?
					   (HYPSTUB_TEST_ALT ? "dispatch (arm, alt config)" :
					    "dispatch (arm, default config)") :
					   (HYPSTUB_TEST_ALT ? "dispatch (alt config)" :
					    "dispatch (default config)"),
					   tests, NULL, NULL);
}
