// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of stub/cpu.c (and the inline stub_pa_bits()): the EL2
 * register values for a kernel at EL1 ("State the payload is entered in"
 * in semantics.md), the CPU table (any topology, its refusals and its
 * ceiling), and stub_prepare_cpu().
 *
 * Built twice: config-default.h (a ceiling of 512 CPUs) and config-alt.h
 * with -DHYPSTUB_TEST_ALT=1 (4 CPUs); both again for arm (unit.mk's *-arm
 * binaries), with stub/arm/el2.c's HYP register values and MPIDR's three
 * affinity levels.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fake_arch.h"

#ifndef HYPSTUB_TEST_ALT
#define HYPSTUB_TEST_ALT	0
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#if HYPSTUB_TEST_ALT
#define TEST_MAX_CPUS		4
#else
#define TEST_MAX_CPUS		512
#endif

static int setup(void **state)
{
	(void)state;
	fake_arch_reset();
	return 0;
}

static void config(const struct stub_cpu_id *id, struct stub_el2_regs *regs)
{
	/* Poison, so that a field the code forgets is noticed. */
	memset(regs, 0xa5, sizeof(*regs));
	stub_el2_config(id, regs);
}

#if STUB_CALLER_AARCH32
/*
 * Expected HYP register values, spelt out from Linux arm's hyp-stub
 * install (arch/arm/kernel/hyp-stub.S), booting.rst and the Arm ARM.
 */
#define HCR_EXPECTED		0x0ULL		/* no traps, no virtualization */
#define HSCTLR_EXPECTED		0x30c50818ULL	/* RES1 only: MMU, caches off */
#define HCPTR_EXPECTED		0x0ULL		/* no coprocessor traps */
#define HSTR_EXPECTED		0x0ULL		/* no CP15 traps */
#define HDCR_EXPECTED		0x1fULL		/* HPMN kept: every counter PL1's */
#define CNTHCTL_EXPECTED	0x3ULL		/* PL1PCTEN | PL1PCEN */
#define ICC_HSRE_EXPECTED	0x9ULL		/* SRE | Enable */

/* A Cortex-A15: no GIC system registers (ID_PFR1[31:28] 0). */
static const struct stub_cpu_id plain_cpu = {
	.midr = 0x412fc0f1,
	.mpidr = 0x80000001,
	.pfr1 = 0x00011131,
};

/* The values every CPU gets, whatever its features. */
static void check_common(const struct stub_cpu_id *id,
			 const struct stub_el2_regs *regs)
{
	assert_int_equal(regs->hcr, HCR_EXPECTED);
	assert_int_equal(regs->sctlr_el2, HSCTLR_EXPECTED);
	assert_int_equal(regs->hcptr, HCPTR_EXPECTED);
	assert_int_equal(regs->hstr, HSTR_EXPECTED);
	assert_int_equal(regs->hdcr, HDCR_EXPECTED);
	assert_int_equal(regs->cnthctl, CNTHCTL_EXPECTED);
	assert_int_equal(regs->sctlr_set, 0x20);	/* SCTLR.CP15BEN */
	assert_int_equal(regs->vpidr, id->midr);
	assert_int_equal(regs->vmpidr, id->mpidr);
}

static void test_el2_config_plain_cpu(void **state)
{
	struct stub_el2_regs regs;

	(void)state;
	config(&plain_cpu, &regs);
	check_common(&plain_cpu, &regs);
	assert_int_equal(regs.features, 0);
	assert_int_equal(regs.icc_hsre, 0);
}

/* Every other field of ID_PFR1 set, MIDR and MPIDR all ones: no feature. */
static void test_el2_config_other_id_fields_ignored(void **state)
{
	const struct stub_cpu_id id = {
		.midr = 0xffffffff,
		.mpidr = 0xffffffff,
		.pfr1 = 0x0fffffff,	/* GIC (31:28) 0 */
	};
	struct stub_el2_regs regs;

	(void)state;
	config(&id, &regs);
	check_common(&id, &regs);
	assert_int_equal(regs.vpidr, 0xffffffff);
	assert_int_equal(regs.vmpidr, 0xffffffff);
	assert_int_equal(regs.features, 0);
	assert_int_equal(regs.icc_hsre, 0);
}

/* ID_PFR1[31:28] != 0: the GIC system registers, ICC_HSRE enabled. */
static void test_el2_config_gic_sysregs(void **state)
{
	static const uint32_t gic[] = { 1, 3, 0xf };
	struct stub_cpu_id id = plain_cpu;
	struct stub_el2_regs regs;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(gic); i++) {
		id.pfr1 = plain_cpu.pfr1 | gic[i] << 28;
		config(&id, &regs);
		check_common(&id, &regs);
		assert_int_equal(regs.features, STUB_EL2_HAS_GICV3);
		assert_int_equal(regs.icc_hsre, ICC_HSRE_EXPECTED);
	}
}

#else
/* Expected register values, spelt out from semantics.md and the Arm ARM. */
#define HCR_EXPECTED		0x0000000080000000ULL	/* RW 31 */
#define HCR_PAUTH_EXPECTED	0x0000030080000000ULL	/* RW 31, APK 40, API 41 */
#define HCR_HCD			(1ULL << 29)
#define HCR_E2H			(1ULL << 34)
#define CNTHCTL_EXPECTED	0x3ULL			/* EL1PCTEN | EL1PCEN */
#define CPTR_EXPECTED		0x32ffULL
#define CPTR_TZ			(1ULL << 8)
#define CPTR_TFP		(1ULL << 10)
#define CPTR_TSM		(1ULL << 12)
#define SCTLR_EL2_EXPECTED	0x30c50830ULL
#define SCTLR_EL1_EXPECTED	0x30d00800ULL
#define ICC_SRE_EXPECTED	0x9ULL			/* SRE | Enable */
#define ZCR_LEN_MAX		0xfULL
#define SMCR_EXPECTED		0x8000000fULL		/* FA64 | LEN max */
#define SMCR_NO_FA64		0x0000000fULL		/* LEN max */

#define ALL_FEATURES	(STUB_EL2_HAS_GICV3 | STUB_EL2_HAS_SVE | \
			 STUB_EL2_HAS_SME | STUB_EL2_HAS_FGT | STUB_EL2_HAS_PMU | \
			 STUB_EL2_HAS_PAUTH)

/* A CPU with none of the optional features: Cortex-A57-like, no GICv3. */
static const struct stub_cpu_id plain_cpu = {
	.midr = 0x411fd070,
	.mpidr = 0x80000001,
	.pfr0 = 0x0000000000002222ULL,	/* EL0..EL3 AArch64 only */
	.pfr1 = 0,
	.mmfr0 = 0x0000000000001124ULL,	/* PARange 4, no FGT */
	.dfr0 = 0x0000000000000006ULL,	/* DebugVer 6, PMUVer 0 */
	.pmcr = 0x41013000ULL,		/* would give N = 6: must not be used */
};

/* The values every CPU gets, whatever its features. */
static void check_common(const struct stub_cpu_id *id,
			 const struct stub_el2_regs *regs)
{
	/* APK and API are RES0 without pointer authentication. */
	assert_int_equal(regs->hcr, (regs->features & STUB_EL2_HAS_PAUTH) ?
		HCR_PAUTH_EXPECTED : HCR_EXPECTED);
	assert_int_equal(regs->hcr & HCR_HCD, 0);
	assert_int_equal(regs->hcr & HCR_E2H, 0);
	assert_int_equal(regs->cnthctl, CNTHCTL_EXPECTED);
	assert_int_equal(regs->cptr & (CPTR_TZ | CPTR_TFP), 0);
	assert_int_equal(regs->sctlr_el2, SCTLR_EL2_EXPECTED);
	assert_int_equal(regs->sctlr_el1, SCTLR_EL1_EXPECTED);
	assert_int_equal(regs->vpidr, id->midr);
	assert_int_equal(regs->vmpidr, id->mpidr);
}

static void test_el2_config_plain_cpu(void **state)
{
	struct stub_el2_regs regs;

	(void)state;
	config(&plain_cpu, &regs);
	check_common(&plain_cpu, &regs);
	assert_int_equal(regs.features, 0);
	assert_int_equal(regs.cptr, CPTR_EXPECTED);
	assert_int_equal(regs.mdcr, 0);
}

/* Every other field of the ID registers set: still no optional feature. */
static void test_el2_config_other_id_fields_ignored(void **state)
{
	struct stub_cpu_id id = {
		.midr = 0xffffffffffffffffULL,
		.mpidr = 0x00000000ff00ffffULL,
		.pfr0 = 0xfffffff0f0ffffffULL,	/* SVE (35:32), GIC (27:24) 0 */
		.pfr1 = 0xfffffffff0ffffffULL,	/* SME (27:24) 0 */
		.mmfr0 = 0xf0ffffffffffffffULL,	/* FGT (59:56) 0 */
		.dfr0 = 0xfffffffffffff0ffULL,	/* PMUVer (11:8) 0 */
		.isar1 = 0xffffffff00fff00fULL,	/* GPI, GPA, API, APA 0 */
		.isar2 = 0xffffffffffff00ffULL,	/* APA3, GPA3 0 */
		.pmcr = 0xffffffffffffffffULL,
	};
	struct stub_el2_regs regs;

	(void)state;
	config(&id, &regs);
	check_common(&id, &regs);
	assert_int_equal(regs.features, 0);
	assert_int_equal(regs.cptr, CPTR_EXPECTED);
	assert_int_equal(regs.mdcr, 0);
}

static void test_el2_config_gicv3(void **state)
{
	static const uint64_t gic[] = { 1, 3, 0xf };
	struct stub_cpu_id id = plain_cpu;
	struct stub_el2_regs regs;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(gic); i++) {
		id.pfr0 = plain_cpu.pfr0 | (gic[i] << 24);
		config(&id, &regs);
		check_common(&id, &regs);
		assert_int_equal(regs.features, STUB_EL2_HAS_GICV3);
		assert_int_equal(regs.icc_sre, ICC_SRE_EXPECTED);
		assert_int_equal(regs.cptr, CPTR_EXPECTED);
	}
}

static void test_el2_config_sve(void **state)
{
	static const uint64_t sve[] = { 1, 2 };
	struct stub_cpu_id id = plain_cpu;
	struct stub_el2_regs regs;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sve); i++) {
		id.pfr0 = plain_cpu.pfr0 | (sve[i] << 32);
		config(&id, &regs);
		check_common(&id, &regs);
		assert_int_equal(regs.features, STUB_EL2_HAS_SVE);
		assert_int_equal(regs.zcr & 0xf, ZCR_LEN_MAX);
		/* TZ stays clear: SVE is not trapped. */
		assert_int_equal(regs.cptr, CPTR_EXPECTED);
	}
}

static void test_el2_config_sme(void **state)
{
	static const uint64_t sme[] = { 1, 2 };
	struct stub_cpu_id id = plain_cpu;
	struct stub_el2_regs regs;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(sme); i++) {
		id.pfr1 = sme[i] << 24;
		/* FA64 only with FEAT_SME_FA64 (ID_AA64SMFR0_EL1 bit 63). */
		id.smfr0 = 0x7fffffffffffffffULL;
		config(&id, &regs);
		check_common(&id, &regs);
		assert_int_equal(regs.features, STUB_EL2_HAS_SME);
		/* TSM (bit 12) cleared, every other CPTR bit as without SME. */
		assert_int_equal(regs.cptr, CPTR_EXPECTED & ~CPTR_TSM);
		assert_int_equal(regs.cptr, 0x22ff);
		assert_int_equal(regs.smcr, SMCR_NO_FA64);
		id.smfr0 = 1ULL << 63;
		config(&id, &regs);
		assert_int_equal(regs.smcr, SMCR_EXPECTED);
	}
}

static void test_el2_config_fgt(void **state)
{
	static const uint64_t fgt[] = { 1, 2 };
	struct stub_cpu_id id = plain_cpu;
	struct stub_el2_regs regs;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(fgt); i++) {
		id.mmfr0 = plain_cpu.mmfr0 | (fgt[i] << 56);
		config(&id, &regs);
		check_common(&id, &regs);
		assert_int_equal(regs.features, STUB_EL2_HAS_FGT);
		assert_int_equal(regs.cptr, CPTR_EXPECTED);
		assert_int_equal(regs.mdcr, 0);
	}
}

/* PMUVer 0 (none) and 0xf (IMPLEMENTATION DEFINED): no PMU, MDCR_EL2 0. */
static void test_el2_config_no_architected_pmu(void **state)
{
	static const uint64_t pmuver[] = { 0x0, 0xf };
	struct stub_cpu_id id = plain_cpu;
	struct stub_el2_regs regs;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(pmuver); i++) {
		id.dfr0 = plain_cpu.dfr0 | (pmuver[i] << 8);
		id.pmcr = 0x1f << 11;
		config(&id, &regs);
		check_common(&id, &regs);
		assert_int_equal(regs.features, 0);
		assert_int_equal(regs.mdcr, 0);
	}
}

/* PMUv3 of any version: MDCR_EL2 = HPMN = PMCR_EL0.N, nothing else. */
static void test_el2_config_pmu(void **state)
{
	static const uint64_t pmuver[] = { 1, 4, 5, 6, 7, 8, 0xe };
	static const uint64_t n[] = { 0, 1, 6, 20, 31 };
	struct stub_cpu_id id = plain_cpu;
	struct stub_el2_regs regs;
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(pmuver); i++) {
		for (j = 0; j < ARRAY_SIZE(n); j++) {
			id.dfr0 = plain_cpu.dfr0 | (pmuver[i] << 8);
			/* IMP 0x41, IDCODE, N, and every control bit set. */
			id.pmcr = 0xffffffff41000000ULL | (0x3fULL << 16) |
				  (n[j] << 11) | 0x7ff;
			config(&id, &regs);
			check_common(&id, &regs);
			assert_int_equal(regs.features, STUB_EL2_HAS_PMU);
			assert_int_equal(regs.mdcr, n[j]);
		}
	}
}

/* Any of the six pointer authentication fields: APK and API as well. */
static void test_el2_config_pauth(void **state)
{
	static const struct {
		uint64_t isar1, isar2;
	} pauth[] = {
		{ 1ULL << 4, 0 }, { 1ULL << 8, 0 }, { 1ULL << 24, 0 },
		{ 1ULL << 28, 0 }, { 0, 1ULL << 8 }, { 0, 1ULL << 12 },
		{ 0xfULL << 4, 0 }, { 0, 0xfULL << 12 },
	};
	struct stub_cpu_id id = plain_cpu;
	struct stub_el2_regs regs;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(pauth); i++) {
		id.isar1 = pauth[i].isar1;
		id.isar2 = pauth[i].isar2;
		config(&id, &regs);
		check_common(&id, &regs);
		assert_int_equal(regs.features, STUB_EL2_HAS_PAUTH);
		assert_int_equal(regs.hcr, HCR_PAUTH_EXPECTED);
		assert_int_equal(regs.cptr, CPTR_EXPECTED);
	}
}

static void test_el2_config_everything(void **state)
{
	struct stub_cpu_id id = {
		.midr = 0x410fd4f0,
		.mpidr = 0x81000100,
		.pfr0 = 0x0000000101002222ULL,	/* SVE 1, GIC 1 */
		.pfr1 = 0x0000000001000000ULL,	/* SME 1 */
		.smfr0 = 0x8000000000000000ULL,	/* FEAT_SME_FA64 */
		.mmfr0 = 0x0100000000001126ULL,	/* FGT 1, PARange 6 */
		.dfr0 = 0x0000000000000806ULL,	/* PMUVer 8 */
		.isar1 = 0x0000000000000010ULL,	/* APA 1 */
		.pmcr = 6 << 11,
	};
	struct stub_el2_regs regs;

	(void)state;
	config(&id, &regs);
	check_common(&id, &regs);
	assert_int_equal(regs.features, ALL_FEATURES);
	assert_int_equal(regs.hcr, HCR_PAUTH_EXPECTED);
	assert_int_equal(regs.icc_sre, ICC_SRE_EXPECTED);
	assert_int_equal(regs.zcr & 0xf, ZCR_LEN_MAX);
	assert_int_equal(regs.smcr, SMCR_EXPECTED);
	assert_int_equal(regs.cptr, 0x22ff);
	assert_int_equal(regs.mdcr, 6);
}
#endif

/* ---- the CPU table ------------------------------------------------------ */

static void check_index(uint64_t mpidr, long expected)
{
	long index = stub_cpu_index(mpidr);

	if (index != expected) {
		fail_msg("stub_cpu_index(%#llx) = %ld, expected %ld",
			 (unsigned long long)mpidr, index, expected);
	}
}

/*
 * Affinity values as device trees list them: gaps, every level, the
 * largest value of each field.  The alt build's ceiling takes the first 4.
 */
static const uint64_t topology[] = {
#if STUB_CALLER_AARCH32
	/* MPIDR: Aff2..Aff0 only. */
	0x0, 0x1, 0x100, 0x10203, 0x20000, 0x3, 0xffffff, 0x30000,
#else
	0x0, 0x1, 0x100, 0x10203, 0x0100000000ULL, 0x3, 0xff00ffffffULL, 0x30000,
#endif
};

/*
 * MPIDR bits above the affinity fields: not part of a CPU's identity
 * (beside RES1, U and MT), refused when a CPU is listed.
 */
#if STUB_CALLER_AARCH32
#define ABOVE_AFFINITY		0xffffffff00000000ULL
#else
#define ABOVE_AFFINITY		0xffffff0000000000ULL
#endif
#define NR_LISTED	(ARRAY_SIZE(topology) < TEST_MAX_CPUS ? ARRAY_SIZE(topology) : TEST_MAX_CPUS)

static void list_topology(void)
{
	size_t i;

	stub_cpus_reset();
	for (i = 0; i < NR_LISTED; i++) {
		assert_int_equal(stub_cpus_add(topology[i]), (long)i);
	}
	assert_int_equal(stub_cpus_count(), NR_LISTED);
}

/* Every listed CPU is found whatever its affinity levels and gaps. */
static void test_table_topology(void **state)
{
	/* Never listed: gaps beside listed values, and other levels. */
	static const uint64_t unlisted[] = {
#if STUB_CALLER_AARCH32
		0x2, 0x4, 0x101, 0x10000, 0x10200, 0x20001, 0xfffffe,
#else
		0x2, 0x4, 0x101, 0x10000, 0x10200, 0x0200000000ULL, 0xff00fffffeULL,
#endif
	};
	size_t i;

	(void)state;
	list_topology();
	for (i = 0; i < NR_LISTED; i++) {
		check_index(topology[i], (long)i);
		/* RES1 (31), U (30), MT (24) and the bits above are not identity. */
		check_index(topology[i] | 0x80000000ULL, (long)i);
		check_index(topology[i] | 0xc1000000ULL, (long)i);
		check_index(topology[i] | ABOVE_AFFINITY, (long)i);
	}
	for (i = 0; i < ARRAY_SIZE(unlisted); i++) {
		check_index(unlisted[i], -1);
	}
	/* The region ends right after the last slot in use. */
	assert_int_equal(stub_cpus_end(), stub_cpu_stack_top((long)NR_LISTED - 1));
	stub_cpus_reset();
	check_index(0, -1);
	assert_int_equal(stub_cpus_end() + STUB_PERCPU_SIZE, stub_cpu_stack_top(0));
}

/* What a malformed /cpus would add is refused and changes nothing. */
static void test_table_refusals(void **state)
{
	static const uint64_t not_affinity[] = {
		0x80000000ULL,		/* RES1 */
		0x40000000ULL,		/* U */
		0x01000000ULL,		/* MT */
		0x10000000000ULL,	/* bit 40 */
		0xffffffffffffffffULL,
#if STUB_CALLER_AARCH32
		0x100000000ULL,		/* arm64's Aff3, beyond MPIDR */
		0x80000000ULL | 0xffULL << 32,
#endif
	};
	size_t i;

	(void)state;
	list_topology();
	for (i = 0; i < NR_LISTED; i++) {
		assert_int_equal(stub_cpus_add(topology[i]), STUB_CPUS_DUPLICATE);
	}
	for (i = 0; i < ARRAY_SIZE(not_affinity); i++) {
		assert_int_equal(stub_cpus_add(not_affinity[i]), STUB_CPUS_BAD_MPIDR);
	}
	assert_int_equal(stub_cpus_count(), NR_LISTED);
}

/* Exactly the ceiling fits; the CPU after it is refused. */
static void test_table_ceiling(void **state)
{
	long i;

	(void)state;
	stub_cpus_reset();
	for (i = 0; i < TEST_MAX_CPUS; i++) {
		/* Aff1.Aff0 counting up, Aff2 for every 256th. */
		uint64_t mpidr = ((uint64_t)(i / 256) << 16) | (uint64_t)(i % 256);

		assert_int_equal(stub_cpus_add(mpidr), i);
	}
	/* An affinity value the loop did not list, good on both architectures. */
	assert_int_equal(stub_cpus_add(0xff0000), STUB_CPUS_FULL);
	assert_int_equal(stub_cpus_count(), TEST_MAX_CPUS);
	check_index(((uint64_t)((TEST_MAX_CPUS - 1) / 256) << 16) |
		    (uint64_t)((TEST_MAX_CPUS - 1) % 256), TEST_MAX_CPUS - 1);
}

static void test_cpu_stack_tops(void **state)
{
	long i;

	(void)state;
	for (i = 0; i < TEST_MAX_CPUS; i++) {
		assert_int_equal(stub_cpu_stack_top(i) % 16, 0);
		if (i > 0) {
			assert_int_equal(stub_cpu_stack_top(i) -
					 stub_cpu_stack_top(i - 1),
					 STUB_PERCPU_SIZE);
		}
	}
}

/* ---- PA bits ------------------------------------------------------------ */

#if STUB_CALLER_AARCH32
/* HYP runs with its MMU off: 32 bits, whatever AArch64 registers would say. */
static void test_pa_bits(void **state)
{
	static const uint64_t mmfr0[] = { 0, 2, 5, 7, 0xffffffffffffffffULL };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(mmfr0); i++) {
		fake.mmfr0 = mmfr0[i];
		assert_int_equal(STUB_PA_BITS(), 32);
	}
}
#else
static void test_pa_bits(void **state)
{
	/* PARange 0..7 as the Arm ARM defines them (7: FEAT_D128); 8..15: widest known. */
	static const unsigned int bits[16] = {
		32, 36, 40, 42, 44, 48, 52, 56, 56, 56, 56, 56, 56, 56, 56, 56,
	};
	uint64_t parange;

	(void)state;
	for (parange = 0; parange < 16; parange++) {
		if (stub_pa_bits(parange) != bits[parange]) {
			fail_msg("PARange %llu: %u bits, expected %u",
				 (unsigned long long)parange,
				 stub_pa_bits(parange), bits[parange]);
		}
		/* Only bits 3:0 count. */
		assert_int_equal(stub_pa_bits(0xfffffffffffffff0ULL | parange),
				 bits[parange]);
	}
}
#endif

/* ---- stub_prepare_cpu ------------------------------------------------- */

static void set_cpu(uint64_t mpidr)
{
	fake_arch_clear_log();
	fake.cpu_id = plain_cpu;
	fake.cpu_id.mpidr = mpidr;
	fake.mpidr = mpidr;
}

/* On an empty table the first CPU installed is the boot CPU: slot 0. */
static void test_prepare_boot_cpu(void **state)
{
	(void)state;
	stub_cpus_reset();
	set_cpu(0x80010203);
	assert_int_equal(stub_prepare_cpu(), stub_cpu_stack_top(0));
	assert_int_equal(stub_cpus_count(), 1);
	check_index(0x10203, 0);
	assert_int_equal(fake.el2_writes, 1);
	/* Installed again (a bootloader's second pass): the same slot. */
	set_cpu(0x80010203);
	assert_int_equal(stub_prepare_cpu(), stub_cpu_stack_top(0));
	assert_int_equal(stub_cpus_count(), 1);
}

/*
 * Installing asks the firmware its SMCCC version (ABI 1.3), so that the
 * HVC path never does: SMCCC 1.2 firmware below the proxy makes the stub
 * follow 1.2; firmware that does not know SMCCC_VERSION leaves 1.1.
 */
static void test_prepare_asks_firmware(void **state)
{
	(void)state;
	stub_cpus_reset();
	set_cpu(0x0);
	fake_arch_set_el3(1);
	fake.smc_smccc_version = 0x10002;
	assert_int_equal(stub_prepare_cpu(), stub_cpu_stack_top(0));
	assert_int_equal(fake.smc_calls, IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY) ? 2 : 0);
	assert_int_equal(stub_cpus.smccc_version,
			 IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY) ? HYPSTUB_SMCCC_VERSION_1_2 :
			 HYPSTUB_SMCCC_VERSION);
	set_cpu(0x0);
	fake.smc_smccc_version = 0;
	assert_int_equal(stub_prepare_cpu(), stub_cpu_stack_top(0));
	assert_int_equal(stub_cpus.smccc_version, HYPSTUB_SMCCC_VERSION);
}

static void test_prepare_cpu_without_slot(void **state)
{
	static const uint64_t no_slot[] = {
#if STUB_CALLER_AARCH32
		0x80000002, 0x80010000, 0x80020001, 0x80000101,
#else
		0x80000002, 0x80010000, 0x0000000280000000ULL, 0x80000101,
#endif
	};
	size_t i;

	(void)state;
	list_topology();
	for (i = 0; i < ARRAY_SIZE(no_slot); i++) {
		set_cpu(no_slot[i]);
		assert_int_equal(stub_prepare_cpu(), 0);
		/* EL2 is left alone for a CPU the stub cannot serve. */
		assert_int_equal(fake.el2_writes, 0);
		assert_int_equal(fake.vbar_writes, 0);
		/* A listed table is never extended by a CPU coming up. */
		assert_int_equal(stub_cpus_count(), NR_LISTED);
	}
}

static void test_prepare_cpu(void **state)
{
	struct stub_el2_regs expected;
	size_t i;

	(void)state;
	list_topology();
	for (i = 0; i < NR_LISTED; i++) {
		set_cpu(topology[i] | 0x80000000ULL);
#if STUB_CALLER_AARCH32
		fake.cpu_id.pfr1 |= 1U << 28;		/* GIC system registers */
		assert_int_equal(stub_prepare_cpu(), stub_cpu_stack_top((long)i));
		assert_int_equal(fake.el2_writes, 1);
		check_common(&fake.cpu_id, &fake.el2_regs);
		assert_int_equal(fake.el2_regs.features, STUB_EL2_HAS_GICV3);
		assert_int_equal(fake.el2_regs.icc_hsre, ICC_HSRE_EXPECTED);
#else
		fake.cpu_id.pfr0 |= 1ULL << 24;		/* GICv3 */
		fake.cpu_id.dfr0 |= 4ULL << 8;		/* PMUv3 */
		fake.cpu_id.pmcr = 4 << 11;
		assert_int_equal(stub_prepare_cpu(), stub_cpu_stack_top((long)i));
		assert_int_equal(fake.el2_writes, 1);
		check_common(&fake.cpu_id, &fake.el2_regs);
		assert_int_equal(fake.el2_regs.features,
				 STUB_EL2_HAS_GICV3 | STUB_EL2_HAS_PMU);
		assert_int_equal(fake.el2_regs.icc_sre, ICC_SRE_EXPECTED);
		assert_int_equal(fake.el2_regs.mdcr, 4);
		assert_int_equal(fake.el2_regs.cptr, CPTR_EXPECTED);
#endif
		/* Exactly what stub_el2_config() computes for this CPU. */
		memset(&expected, 0, sizeof(expected));
		stub_el2_config(&fake.cpu_id, &expected);
		assert_memory_equal(&fake.el2_regs, &expected,
				    offsetof(struct stub_el2_regs, features) +
				    sizeof(expected.features));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_el2_config_plain_cpu, setup),
		cmocka_unit_test_setup(test_el2_config_other_id_fields_ignored, setup),
#if STUB_CALLER_AARCH32
		cmocka_unit_test_setup(test_el2_config_gic_sysregs, setup),
#else
		cmocka_unit_test_setup(test_el2_config_gicv3, setup),
		cmocka_unit_test_setup(test_el2_config_sve, setup),
		cmocka_unit_test_setup(test_el2_config_sme, setup),
		cmocka_unit_test_setup(test_el2_config_fgt, setup),
		cmocka_unit_test_setup(test_el2_config_no_architected_pmu, setup),
		cmocka_unit_test_setup(test_el2_config_pmu, setup),
		cmocka_unit_test_setup(test_el2_config_pauth, setup),
		cmocka_unit_test_setup(test_el2_config_everything, setup),
#endif
		cmocka_unit_test_setup(test_table_topology, setup),
		cmocka_unit_test_setup(test_table_refusals, setup),
		cmocka_unit_test_setup(test_table_ceiling, setup),
		cmocka_unit_test_setup(test_cpu_stack_tops, setup),
		cmocka_unit_test_setup(test_pa_bits, setup),
		cmocka_unit_test_setup(test_prepare_boot_cpu, setup),
		cmocka_unit_test_setup(test_prepare_asks_firmware, setup),
		cmocka_unit_test_setup(test_prepare_cpu_without_slot, setup),
		cmocka_unit_test_setup(test_prepare_cpu, setup),
	};

	return cmocka_run_group_tests_name(STUB_CALLER_AARCH32 ?
					   (HYPSTUB_TEST_ALT ? "cpu (arm, alt config)" :
					    "cpu (arm, default config)") :
					   (HYPSTUB_TEST_ALT ? "cpu (alt config)" :
					    "cpu (default config)"),
					   tests, NULL, NULL);
}
