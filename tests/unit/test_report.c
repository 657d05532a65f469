// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of stub/report.c and stub/console.c: the exact text of the
 * unexpected-exception diagnostic ("Unexpected exceptions" in
 * semantics.md) as the fake UART receives it, CR before every LF.
 *
 * Built twice: config-default.h (debug UART on) and config-alt.h with
 * -DHYPSTUB_TEST_ALT=1 (debug UART off: nothing may be printed); both
 * again for arm (unit.mk's *-arm binaries), whose report names HYP mode's
 * eight vectors and registers.
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

static int setup(void **state)
{
	(void)state;
	fake_arch_reset();
	fake.mpidr = 0x0000000080000203ULL;
	fake.esr = 0x0000000096000046ULL;
	fake.elr = 0x0000000040081234ULL;
	fake.far = 0xffff0000deadbeefULL;
	fake.spsr = 0x00000000600003c9ULL;
	return 0;
}

#if !HYPSTUB_TEST_ALT
/*
 * The architecture's names, spelt out: its vectors' park labels in vector
 * order (stub/<arch>/vectors.S), the registers of the report, and two
 * vectors the tests below name.
 */
#if STUB_CALLER_AARCH32
static const char *const vector_names[] = {
	"reset_hyp", "undef_hyp", "hvc_hyp", "pabt_hyp",
	"dabt_hyp", "trap_hyp", "irq_hyp", "fiq_hyp",
};
#define SYNDROME	"HSR"
#define ELR		"ELR_hyp"
#define FAR		"HDFAR"
#define SPSR		"SPSR_hyp"
#define HCR		"HCR"
#define SCTLR		"HSCTLR"
#define STUB_SCTLR	"0x0000000030c50818"
/* A data abort in HYP mode, and an exception from SVC. */
#define VEC_OWN_FAULT		STUB_VEC_DABT
#define VEC_OWN_FAULT_NAME	"dabt_hyp"
#define VEC_LOWER		STUB_VEC_TRAP
#define VEC_LOWER_NAME		"trap_hyp"
#define VEC_LOWER_IRQ		STUB_VEC_IRQ
#else
static const char *const vector_names[] = {
	"sync_el2t", "irq_el2t", "fiq_el2t", "serror_el2t",
	"sync_el2h", "irq_el2h", "fiq_el2h", "serror_el2h",
	"sync_el1_64", "irq_el1_64", "fiq_el1_64", "serror_el1_64",
	"sync_el1_32", "irq_el1_32", "fiq_el1_32", "serror_el1_32",
};
#define SYNDROME	"ESR_EL2"
#define ELR		"ELR_EL2"
#define FAR		"FAR_EL2"
#define SPSR		"SPSR_EL2"
#define HCR		"HCR_EL2"
#define SCTLR		"SCTLR_EL2"
#define STUB_SCTLR	"0x0000000030c50830"
#define VEC_OWN_FAULT		STUB_VEC_SYNC_EL2H
#define VEC_OWN_FAULT_NAME	"sync_el2h"
#define VEC_LOWER		STUB_VEC_SYNC_EL1_64
#define VEC_LOWER_NAME		"sync_el1_64"
#define VEC_LOWER_IRQ		STUB_VEC_IRQ_EL1_64
#endif
_Static_assert(sizeof(vector_names) / sizeof(vector_names[0]) ==
	       STUB_NR_VECTORS, "a name for every vector");

static void test_console_puts_adds_cr(void **state)
{
	(void)state;
	stub_puts("a\nb\n\nc");
	assert_string_equal(fake.uart, "a\r\nb\r\n\r\nc");
	fake_arch_clear_log();
	stub_puts("");
	assert_int_equal(fake.uart_len, 0);
}

static void test_console_put_hex(void **state)
{
	(void)state;
	stub_put_hex(0);
	assert_string_equal(fake.uart, "0x0000000000000000");
	fake_arch_clear_log();
	stub_put_hex(0xfedcba9876543210ULL);
	assert_string_equal(fake.uart, "0xfedcba9876543210");
	fake_arch_clear_log();
	stub_put_hex(0xa);
	assert_string_equal(fake.uart, "0x000000000000000a");
	fake_arch_clear_log();
	stub_put_hex(0xffffffffffffffffULL);
	assert_string_equal(fake.uart, "0xffffffffffffffff");
}

/* The whole diagnostic for one vector, byte for byte. */
static void test_report_own_fault(void **state)
{
	(void)state;
	stub_report_unexpected(VEC_OWN_FAULT);
	assert_string_equal(fake.uart,
		"\r\n"
		"hypstub: unexpected " VEC_OWN_FAULT_NAME " exception on CPU 0x0000000080000203\r\n"
		"hypstub: " SYNDROME "=0x0000000096000046 " ELR "=0x0000000040081234 "
		FAR "=0xffff0000deadbeef " SPSR "=0x00000000600003c9\r\n"
		"hypstub: CPU parked\r\n");
	assert_int_equal(fake.uart_overflow, 0);
	/* Disarmed first: a fault while printing must not re-enter. */
	assert_int_equal(fake.disarm_calls, 1);
	assert_true(fake.disarm_seq < fake.first_putc_seq);
}

/* Every vector is named after its park label. */
static void test_report_every_vector(void **state)
{
	char expected[512];
	unsigned int vector;

	(void)state;
	for (vector = 0; vector < STUB_NR_VECTORS; vector++) {
		fake_arch_clear_log();
		fake.mpidr = 0x80000000 | vector;
		fake.esr = (uint64_t)vector << 26;
		fake.elr = 0x1000 + vector;
		fake.far = 0x2000 + vector;
		fake.spsr = 0x3c4 + vector;
		stub_report_unexpected(vector);
		snprintf(expected, sizeof(expected),
			 "\r\nhypstub: unexpected %s exception on CPU 0x%016llx\r\n"
			 "hypstub: " SYNDROME "=0x%016llx " ELR "=0x%016llx " FAR "=0x%016llx " SPSR "=0x%016llx\r\n"
			 "hypstub: CPU parked\r\n",
			 vector_names[vector],
			 (unsigned long long)fake.mpidr,
			 (unsigned long long)fake.esr,
			 (unsigned long long)fake.elr,
			 (unsigned long long)fake.far,
			 (unsigned long long)fake.spsr);
		assert_string_equal(fake.uart, expected);
		assert_int_equal(fake.disarm_calls, 1);
		assert_true(fake.disarm_seq < fake.first_putc_seq);
	}
}

/*
 * EL2 given back with HCR_EL2 or SCTLR_EL2 changed: one more line, before
 * the park line, naming both as they are and as the stub sets them.
 */
static void test_report_el2_given_back_changed(void **state)
{
	static const struct {
		uint64_t hcr, sctlr;
		uint64_t isar1;		/* the CPU's ID_AA64ISAR1_EL1 */
	} changed[] = {
		{ FAKE_HCR_STUB | (1ULL << 13), FAKE_SCTLR_EL2_STUB, 0 },	/* TWI */
#if STUB_CALLER_AARCH32
		{ FAKE_HCR_STUB, FAKE_SCTLR_EL2_STUB | 0x2, 0 },	/* A */
		{ 0x1, 0x30c5181dULL, 0 },	/* VM, HYP MMU and caches on */
		{ 0x1ULL << 27, FAKE_SCTLR_EL2_STUB, 0 },		/* TGE */
#else
		{ FAKE_HCR_STUB, FAKE_SCTLR_EL2_STUB | 0x8, 0 },	/* SA */
		{ 0, 0x30c5183dULL, 0 },	/* MMU and caches on, no RW */
		/* A CPU with pointer authentication, APK and API cleared. */
		{ FAKE_HCR_STUB, FAKE_SCTLR_EL2_STUB, 0x10 },
#endif
	};
	char expected[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(changed) / sizeof(changed[0]); i++) {
		fake_arch_clear_log();
		fake.hcr = changed[i].hcr;
		fake.sctlr_el2 = changed[i].sctlr;
#if !STUB_CALLER_AARCH32
		fake.cpu_id.isar1 = changed[i].isar1;
#endif
		stub_report_unexpected(VEC_LOWER);
		snprintf(expected, sizeof(expected),
			 "\r\nhypstub: unexpected " VEC_LOWER_NAME " exception on CPU 0x0000000080000203\r\n"
			 "hypstub: " SYNDROME "=0x0000000096000046 " ELR "=0x0000000040081234 "
			 FAR "=0xffff0000deadbeef " SPSR "=0x00000000600003c9\r\n"
			 "hypstub: " HCR "=0x%016llx " SCTLR "=0x%016llx, the stub's "
			 "0x%016llx " STUB_SCTLR ": EL2 was given back changed\r\n"
			 "hypstub: CPU parked\r\n",
			 (unsigned long long)changed[i].hcr,
			 (unsigned long long)changed[i].sctlr,
			 (unsigned long long)(changed[i].isar1 ?
				0x0000030080000000ULL : FAKE_HCR_STUB));
		assert_string_equal(fake.uart, expected);
	}
}

/* The stub's own values (the defaults): no such line. */
static void test_report_el2_as_the_stub_set_it(void **state)
{
	(void)state;
	stub_report_unexpected(VEC_LOWER_IRQ);
	assert_null(strstr(fake.uart, HCR "="));
	assert_non_null(strstr(fake.uart, "hypstub: CPU parked"));
}
#endif

/* Vector numbers outside the table: disarm, print nothing. */
static void test_report_bad_vector(void **state)
{
	static const unsigned int bad[] = { STUB_NR_VECTORS, 17, 64, 0xffffffffU };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fake_arch_clear_log();
		stub_report_unexpected(bad[i]);
		assert_int_equal(fake.disarm_calls, 1);
		assert_int_equal(fake.uart_len, 0);
	}
}

#if HYPSTUB_TEST_ALT
/* No debug UART: every vector parks silently, but still disarmed. */
static void test_report_silent_without_debug_uart(void **state)
{
	unsigned int vector;

	(void)state;
	for (vector = 0; vector < STUB_NR_VECTORS; vector++) {
		fake_arch_clear_log();
		stub_report_unexpected(vector);
		assert_int_equal(fake.disarm_calls, 1);
		assert_int_equal(fake.uart_len, 0);
	}
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
#if HYPSTUB_TEST_ALT
		cmocka_unit_test_setup(test_report_silent_without_debug_uart, setup),
#else
		cmocka_unit_test_setup(test_console_puts_adds_cr, setup),
		cmocka_unit_test_setup(test_console_put_hex, setup),
		cmocka_unit_test_setup(test_report_own_fault, setup),
		cmocka_unit_test_setup(test_report_every_vector, setup),
		cmocka_unit_test_setup(test_report_el2_given_back_changed, setup),
		cmocka_unit_test_setup(test_report_el2_as_the_stub_set_it, setup),
#endif
		cmocka_unit_test_setup(test_report_bad_vector, setup),
	};

	return cmocka_run_group_tests_name(STUB_CALLER_AARCH32 ?
					   (HYPSTUB_TEST_ALT ? "report (arm, alt config)" :
					    "report (arm, default config)") :
					   (HYPSTUB_TEST_ALT ? "report (alt config)" :
					    "report (default config)"),
					   tests, NULL, NULL);
}
