// SPDX-License-Identifier: BSD-2-Clause
/*
 * Freeze the hypstub ABI numbers.
 *
 * Every value of abi/hypstub.h that callers depend on is written out below
 * as a literal, independently of the header (no SMCCC_CALL_VAL, no macro
 * arithmetic), so that an accidental change to the header fails here.  A
 * deliberate change is never a renumbering: it is a new value, a minor
 * version bump, a new line here and a new row in docs/hyp-abi.rst.
 *
 * Build and run on the host:
 *	gcc -std=c11 -Wall -Wextra -Werror -I. tests/abi/freeze.c -lcmocka
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "abi/hypstub.h"
#include "include/hypstub-blob.h"

/* True when the type of the integer constant expression x is unsigned. */
#define IS_UNSIGNED(x)	((x) - (x) - 1 > 0)

enum frozen_sign {
	FROZEN_UNSIGNED,	/* compared with a 32-bit w0 or a 64-bit x1 */
	FROZEN_SIGNED,		/* compared with x0 read as a signed long */
	FROZEN_ANY,		/* a bit position: its C type does not matter */
};

struct frozen {
	const char *name;
	long long header;	/* the header's value */
	int header_unsigned;	/* whether the header's type is unsigned */
	long long frozen;	/* the literal written here */
	enum frozen_sign sign;
};

/* The name is stringified here, before the macro argument is expanded. */
#define FROZEN(name, value, literal, sign) \
	{ name, (long long)(value), IS_UNSIGNED(value), (literal), (sign) }
#define FROZEN_U(macro, literal) \
	FROZEN(#macro, macro, literal, FROZEN_UNSIGNED)
#define FROZEN_S(macro, literal) \
	FROZEN(#macro, macro, literal, FROZEN_SIGNED)
#define FROZEN_N(macro, literal) \
	FROZEN(#macro, macro, literal, FROZEN_ANY)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * Check every entry and report each mismatch by name before failing, so a
 * broken header shows all its changed values in one run.
 */
static void check_frozen(const struct frozen *table, size_t count)
{
	size_t mismatches = 0;
	size_t i;

	for (i = 0; i < count; i++) {
		const struct frozen *f = &table[i];

		if (f->header != f->frozen) {
			print_error("%s is %#llx (%lld) in the header, frozen as %#llx (%lld)\n",
				    f->name, (unsigned long long)f->header,
				    f->header, (unsigned long long)f->frozen,
				    f->frozen);
			mismatches++;
		}
		if (f->sign == FROZEN_UNSIGNED && !f->header_unsigned) {
			print_error("%s has a signed type in the header, frozen as unsigned\n",
				    f->name);
			mismatches++;
		}
		if (f->sign == FROZEN_SIGNED && f->header_unsigned) {
			print_error("%s has an unsigned type in the header, frozen as signed\n",
				    f->name);
			mismatches++;
		}
	}
	assert_int_equal(mismatches, 0);
}

static void abi_version(void **state)
{
	static const struct frozen table[] = {
		FROZEN_U(HYPSTUB_ABI_VERSION_MAJOR, 0x1),
		FROZEN_U(HYPSTUB_ABI_VERSION_MINOR, 0x5),	/* 1.5: Linux arm's pre-4.12 scheme */
		FROZEN_U(HYPSTUB_ABI_VERSION, 0x00010005),
		FROZEN_U(HYPSTUB_SMCCC_VERSION, 0x10001),
		FROZEN_U(HYPSTUB_SMCCC_VERSION_1_2, 0x10002),	/* since 1.3 */
	};

	(void)state;
	check_frozen(table, ARRAY_SIZE(table));
}

static void legacy_numbers(void **state)
{
	static const struct frozen table[] = {
		/* Linux >= v4.12 numbering (the default). */
		FROZEN_U(HVC_SET_VECTORS, 0x0),
		FROZEN_U(HVC_SOFT_RESTART, 0x1),
		FROZEN_U(HVC_RESET_VECTORS, 0x2),
		FROZEN_U(HVC_FINALISE_EL2, 0x3),
		FROZEN_U(HVC_GET_ICH_VTR_EL2, 0x4),
		/* Pre-v4.12 numbering (CONFIG_HYPSTUB_LEGACY_PRE_4_12). */
		FROZEN_U(HVC_PRE412_GET_VECTORS, 0x0),
		FROZEN_U(HVC_PRE412_SET_VECTORS, 0x1),
		FROZEN_U(HVC_PRE412_SOFT_RESTART, 0x2),
		FROZEN_U(HVC_PRE412_RESET_VECTORS, 0x3),
		/* Everything below this in w0 is a legacy stub number. */
		FROZEN_U(HYPSTUB_LEGACY_LIMIT, 0x01000000),
	};
	size_t i;

	(void)state;
	check_frozen(table, ARRAY_SIZE(table));

	/* Every legacy number must be classified as one by the stub. */
	for (i = 0; i < ARRAY_SIZE(table) - 1; i++) {
		assert_true(table[i].header < HYPSTUB_LEGACY_LIMIT);
	}
}

/*
 * Linux arm's scheme before v4.12, on AArch32 (since 1.5): no numbers but
 * r0 = -1, which reads HVBAR; any r0 with bit 31 clear is an address.
 */
static void legacy_pre412_aarch32(void **state)
{
	static const struct frozen table[] = {
		FROZEN_U(HVC_PRE412_AARCH32_GET_VECTORS, 0xffffffff),
	};

	(void)state;
	check_frozen(table, ARRAY_SIZE(table));
	/* -1 as Linux arm's `mov r0, #-1` makes it, and not a served SMCCC ID. */
	assert_true((uint32_t)-1 == HVC_PRE412_AARCH32_GET_VECTORS);
	assert_true((HVC_PRE412_AARCH32_GET_VECTORS & SMCCC_FAST_RESERVED_MASK) != 0);
}

static void smccc_fields(void **state)
{
	static const struct frozen table[] = {
		FROZEN_U(SMCCC_FAST_CALL, 0x1),
		FROZEN_U(SMCCC_YIELD_CALL, 0x0),
		FROZEN_U(SMCCC_SMC32, 0x0),
		FROZEN_U(SMCCC_SMC64, 0x1),
		FROZEN_N(SMCCC_TYPE_SHIFT, 31),
		FROZEN_N(SMCCC_CC_SHIFT, 30),
		FROZEN_N(SMCCC_OWNER_SHIFT, 24),
		FROZEN_U(SMCCC_OWNER_MASK, 0x3f),
		FROZEN_U(SMCCC_FUNC_MASK, 0xffff),
		FROZEN_U(SMCCC_FAST_RESERVED_MASK, 0x00fe0000),
		FROZEN_U(SMCCC_SVE_HINT, 0x00010000),
		FROZEN_U(SMCCC_OWNER_ARCH, 0x0),
		FROZEN_U(SMCCC_OWNER_STANDARD, 0x4),
		FROZEN_U(SMCCC_OWNER_STANDARD_HYP, 0x5),
		FROZEN_U(SMCCC_OWNER_VENDOR_HYP, 0x6),
		FROZEN_U(SMCCC_FUNC_CALL_COUNT, 0xff00),
		FROZEN_U(SMCCC_FUNC_CALL_UID, 0xff01),
		FROZEN_U(SMCCC_FUNC_REVISION, 0xff03),
	};

	(void)state;
	check_frozen(table, ARRAY_SIZE(table));
}

static void smccc_ids(void **state)
{
	static const struct frozen table[] = {
		FROZEN_U(SMCCC_VERSION, 0x80000000),
		FROZEN_U(SMCCC_ARCH_FEATURES, 0x80000001),
		FROZEN_U(HYPSTUB_STD_HYP_CALL_COUNT, 0x8500ff00),
		FROZEN_U(HYPSTUB_STD_HYP_UID, 0x8500ff01),
		FROZEN_U(HYPSTUB_STD_HYP_REVISION, 0x8500ff03),
	};

	(void)state;
	check_frozen(table, ARRAY_SIZE(table));
}

static void vendor_ids(void **state)
{
	static const struct frozen table[] = {
		FROZEN_U(HYPSTUB_VENDOR_CALL_COUNT, 0x8600ff00),
		FROZEN_U(HYPSTUB_VENDOR_UID, 0x8600ff01),
		FROZEN_U(HYPSTUB_VENDOR_REVISION, 0x8600ff03),
		FROZEN_U(HYPSTUB_GET_ABI_VERSION, 0x86000000),
		FROZEN_U(HYPSTUB_PROBE, 0x86000001),
		FROZEN_U(HYPSTUB_GET_CONFIG, 0x86000002),
		FROZEN_U(HYPSTUB_GET_VECTORS, 0xc6000010),
		FROZEN_U(HYPSTUB_SET_VECTORS, 0xc6000011),
		FROZEN_U(HYPSTUB_SOFT_RESTART, 0xc6000012),
		FROZEN_U(HYPSTUB_RESET_VECTORS, 0xc6000013),
		/* since 1.4: the SMC32 forms, for AArch32 callers */
		FROZEN_U(HYPSTUB_GET_VECTORS32, 0x86000010),
		FROZEN_U(HYPSTUB_SET_VECTORS32, 0x86000011),
		FROZEN_U(HYPSTUB_SOFT_RESTART32, 0x86000012),
		FROZEN_U(HYPSTUB_RESET_VECTORS32, 0x86000013),
	};

	(void)state;
	check_frozen(table, ARRAY_SIZE(table));
}

/*
 * The frozen SMCCC IDs must be well-formed fast calls: bit 31 set, bits
 * 23:16 clear (else the stub itself would refuse them), owner as listed,
 * and SMC64 exactly for the calls that carry a 64-bit address.
 */
static void id_structure(void **state)
{
	static const struct {
		uint32_t id;
		unsigned int owner;
		int smc64;
	} ids[] = {
		{ 0x80000000, 0, 0 }, { 0x80000001, 0, 0 },
		{ 0x8500ff00, 5, 0 }, { 0x8500ff01, 5, 0 }, { 0x8500ff03, 5, 0 },
		{ 0x8600ff00, 6, 0 }, { 0x8600ff01, 6, 0 }, { 0x8600ff03, 6, 0 },
		{ 0x86000000, 6, 0 }, { 0x86000001, 6, 0 }, { 0x86000002, 6, 0 },
		{ 0xc6000010, 6, 1 }, { 0xc6000011, 6, 1 }, { 0xc6000012, 6, 1 },
		{ 0xc6000013, 6, 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		uint32_t id = ids[i].id;

		assert_true(hypstub_smccc_is_fast(id));
		assert_int_equal(hypstub_smccc_owner(id), ids[i].owner);
		assert_int_equal((id >> 30) & 1, ids[i].smc64);
		assert_int_equal(id & 0x00ff0000, 0);
	}
}

static void errors(void **state)
{
	static const struct frozen table[] = {
		FROZEN_S(SMCCC_RET_SUCCESS, 0),
		FROZEN_S(SMCCC_RET_NOT_SUPPORTED, -1),
		FROZEN_S(SMCCC_RET_NOT_REQUIRED, -2),
		FROZEN_S(SMCCC_RET_INVALID_PARAMETER, -3),
		FROZEN_U(HVC_STUB_ERR, 0xbadca11),
	};

	(void)state;
	check_frozen(table, ARRAY_SIZE(table));

	/* SMCCC results are sign-extended to all 64 bits of x0. */
	assert_true((uint64_t)(int64_t)SMCCC_RET_NOT_SUPPORTED ==
		    0xffffffffffffffffULL);
	assert_true((uint64_t)(int64_t)SMCCC_RET_INVALID_PARAMETER ==
		    0xfffffffffffffffdULL);
	/* HVC_STUB_ERR is zero-extended, and is not itself a legacy number. */
	assert_true((uint64_t)HVC_STUB_ERR == 0x000000000badca11ULL);
	assert_true(HVC_STUB_ERR >= HYPSTUB_LEGACY_LIMIT);
}

static void config_and_alignment(void **state)
{
	static const struct frozen table[] = {
		FROZEN_U(HYPSTUB_CONFIG_LEGACY_PRE_4_12, 0x1),
		FROZEN_U(HYPSTUB_CONFIG_DEBUG_UART, 0x2),
		FROZEN_U(HYPSTUB_CONFIG_PSCI_PROXY, 0x4),	/* since 1.1 */
		FROZEN_U(HYPSTUB_VECTORS_ALIGN, 0x800),
		FROZEN_U(HYPSTUB_VECTORS_ALIGN_AARCH32, 0x20),	/* since 1.4 */
		FROZEN_U(HYPSTUB_ENTRY_ALIGN, 0x4),
		FROZEN_U(HYPSTUB_PASS_ON_OFFSET, 0x3fc),	/* since 1.2 */
		FROZEN_U(HYPSTUB_PASS_ON_OFFSET_AARCH32, 0x14),	/* since 1.5 */
	};

	(void)state;
	check_frozen(table, ARRAY_SIZE(table));
}

/* Convert one UUID string to its 16 bytes in the order written. */
static int parse_uuid(const char *text, uint8_t bytes[16])
{
	size_t n = 0;

	while (*text != '\0' && n < 32) {
		char c = *text++;
		unsigned int nibble;

		if (c == '-') {
			continue;
		}
		if (c >= '0' && c <= '9') {
			nibble = c - '0';
		} else if (c >= 'a' && c <= 'f') {
			nibble = c - 'a' + 10;
		} else {
			return -1;
		}
		if (n % 2 == 0) {
			bytes[n / 2] = nibble << 4;
		} else {
			bytes[n / 2] |= nibble;
		}
		n++;
	}
	return (n == 32 && *text == '\0') ? 0 : -1;
}

/* SMCCC UID word i: the little-endian reading of bytes 4i..4i+3. */
static uint32_t uid_word(const uint8_t bytes[16], unsigned int i)
{
	return (uint32_t)bytes[4 * i] |
	       (uint32_t)bytes[4 * i + 1] << 8 |
	       (uint32_t)bytes[4 * i + 2] << 16 |
	       (uint32_t)bytes[4 * i + 3] << 24;
}

static void uid(void **state)
{
	static const struct frozen table[] = {
		FROZEN_U(HYPSTUB_UID_0, 0xc0ea4c92),
		FROZEN_U(HYPSTUB_UID_1, 0x9045e1c2),
		FROZEN_U(HYPSTUB_UID_2, 0x3488c39c),
		FROZEN_U(HYPSTUB_UID_3, 0xff44e3b8),
	};
	/* 924ceac0-c2e1-4590-9cc3-8834b8e344ff, byte by byte. */
	static const uint8_t hypstub_uuid[16] = {
		0x92, 0x4c, 0xea, 0xc0, 0xc2, 0xe1, 0x45, 0x90,
		0x9c, 0xc3, 0x88, 0x34, 0xb8, 0xe3, 0x44, 0xff,
	};
	const uint32_t words[4] = {
		HYPSTUB_UID_0, HYPSTUB_UID_1, HYPSTUB_UID_2, HYPSTUB_UID_3,
	};
	/* UIDs of other hypervisors (REFERENCE.md): hypstub must not reuse one. */
	static const char *const others[] = {
		"28b46fb6-2ec5-11e9-a9ca-4b564d003a74",	/* KVM */
		"a71812dc-c698-4369-9acf-79d18ddee667",	/* Xen */
		"58ba324d-6447-24cd-756c-ef8e24705916",	/* Hyper-V */
		"c1d58fcd-a453-5fdb-9265-ce36673d5f14",	/* Gunyah */
	};
	uint8_t parsed[16];
	unsigned int i;
	size_t j;

	(void)state;
	check_frozen(table, ARRAY_SIZE(table));

	for (i = 0; i < 4; i++) {
		assert_int_equal(words[i], uid_word(hypstub_uuid, i));
	}

	/* The byte array above is the UUID the documents name. */
	assert_int_equal(parse_uuid("924ceac0-c2e1-4590-9cc3-8834b8e344ff",
				    parsed), 0);
	assert_memory_equal(parsed, hypstub_uuid, sizeof(parsed));

	/* A UID whose first word reads as -1 would look like NOT_SUPPORTED. */
	assert_true(words[0] != 0xffffffff);

	/* Same convention as KVM's published words, checked on KVM's UID. */
	assert_int_equal(parse_uuid(others[0], parsed), 0);
	assert_int_equal(uid_word(parsed, 0), 0xb66fb428);
	assert_int_equal(uid_word(parsed, 1), 0xe911c52e);
	assert_int_equal(uid_word(parsed, 2), 0x564bcaa9);
	assert_int_equal(uid_word(parsed, 3), 0x743a004d);

	for (j = 0; j < ARRAY_SIZE(others); j++) {
		assert_int_equal(parse_uuid(others[j], parsed), 0);
		assert_memory_not_equal(parsed, hypstub_uuid, sizeof(parsed));
	}
}

/*
 * The EL2 blob's header (include/hypstub-blob.h): bootloaders built
 * against one hypstub tree read blobs of another, so its layout is frozen
 * like the numbers; a new layout is a new HYPSTUB_BLOB_VERSION.
 */
static void blob_header(void **state)
{
	(void)state;
	assert_int_equal(HYPSTUB_BLOB_MAGIC, 0x626f6c6273707968ULL);
	assert_memory_equal(&(uint64_t){ HYPSTUB_BLOB_MAGIC }, "hypsblob", 8);
	assert_int_equal(HYPSTUB_BLOB_VERSION, 2);
	assert_int_equal(HYPSTUB_BLOB_ALIGN, 0x10000);
	assert_int_equal(HYPSTUB_BLOB_STUB_OFFSET, 0x1000);
	assert_int_equal(sizeof(struct hypstub_blob_header), 64);
	assert_int_equal(HYPSTUB_BLOB_HEADER_SIZE, 64);
	assert_int_equal(offsetof(struct hypstub_blob_header, magic), 0);
	assert_int_equal(offsetof(struct hypstub_blob_header, version), 8);
	assert_int_equal(offsetof(struct hypstub_blob_header, abi_version), 12);
	assert_int_equal(offsetof(struct hypstub_blob_header, region_size), 16);
	assert_int_equal(offsetof(struct hypstub_blob_header, prepare_cpu), 24);
	assert_int_equal(offsetof(struct hypstub_blob_header, enter_el1), 32);
	assert_int_equal(offsetof(struct hypstub_blob_header, vectors), 40);
	assert_int_equal(offsetof(struct hypstub_blob_header, cpus_add), 48);
	assert_int_equal(offsetof(struct hypstub_blob_header, cpus_end), 56);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(abi_version),
		cmocka_unit_test(legacy_numbers),
		cmocka_unit_test(legacy_pre412_aarch32),
		cmocka_unit_test(smccc_fields),
		cmocka_unit_test(smccc_ids),
		cmocka_unit_test(vendor_ids),
		cmocka_unit_test(id_structure),
		cmocka_unit_test(errors),
		cmocka_unit_test(config_and_alignment),
		cmocka_unit_test(uid),
		cmocka_unit_test(blob_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
