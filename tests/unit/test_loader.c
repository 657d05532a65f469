// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of boot/loader.c: the payload checks, where the payload is
 * placed, and boot_main()/boot_fail() run on a host buffer standing in for
 * memory, with boot_fdt_size(), boot_sync_icache() and boot_system_off()
 * faked (the last longjmp()s back here).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "boot/boot.h"
#include "fake_arch.h"

#ifndef HYPSTUB_TEST_ALT
#define HYPSTUB_TEST_ALT	0
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define SZ_4K		0x1000ULL
#define SZ_64K		0x10000ULL
#define SZ_1M		0x100000ULL
#define SZ_2M		0x200000ULL
#define SZ_16M		0x1000000ULL

/* ---- boot_check_payload ------------------------------------------------- */

static struct arm64_image_header good_header(void)
{
	struct arm64_image_header hdr;

	memset(&hdr, 0, sizeof(hdr));
	hdr.code0 = 0x91005a4d;			/* add x13, x18, #0x16 ("MZ") */
	hdr.code1 = 0x14000000;
	hdr.text_offset = 0;
	hdr.image_size = 0x2000000;
	hdr.flags = 0xa;			/* LE, 4K pages, anywhere */
	hdr.magic = 0x644d5241;			/* "ARM\x64" */
	return hdr;
}

static void expect_refused(const struct arm64_image_header *hdr,
			   uint64_t file_size, const char *keyword)
{
	const char *why = boot_check_payload(hdr, file_size);

	if (why == NULL) {
		fail_msg("accepted, expected a refusal mentioning \"%s\"", keyword);
	}
	if (strstr(why, keyword) == NULL) {
		fail_msg("refused with \"%s\", expected it to mention \"%s\"",
			 why, keyword);
	}
}

static void test_check_payload_good(void **state)
{
	struct arm64_image_header hdr = good_header();

	(void)state;
	assert_null(boot_check_payload(&hdr, 0x1800000));
	/* Exactly a header; exactly image_size. */
	assert_null(boot_check_payload(&hdr, 64));
	assert_null(boot_check_payload(&hdr, hdr.image_size));
	/* image_size 0: a kernel older than v3.17, size unknown. */
	hdr.image_size = 0;
	assert_null(boot_check_payload(&hdr, 0x1800000));
	/* Page-multiple text_offsets below 2 MiB, as old kernels had. */
	hdr = good_header();
	hdr.text_offset = 0x80000;
	assert_null(boot_check_payload(&hdr, 0x1800000));
	hdr.text_offset = 0x1ff000;
	assert_null(boot_check_payload(&hdr, 0x1800000));
	/* Flags other than BE do not matter. */
	hdr = good_header();
	hdr.flags = 0;
	assert_null(boot_check_payload(&hdr, 0x1800000));
	hdr.flags = 0xe;
	assert_null(boot_check_payload(&hdr, 0x1800000));
}

static void test_check_payload_short(void **state)
{
	struct arm64_image_header hdr = good_header();

	(void)state;
	expect_refused(&hdr, 0, "smaller than an arm64 Image header");
	expect_refused(&hdr, 1, "smaller than an arm64 Image header");
	expect_refused(&hdr, 63, "smaller than an arm64 Image header");
}

static void test_check_payload_bad_magic(void **state)
{
	static const uint32_t magic[] = {
		0, 0x644d5240, 0x41524d64 /* byte-swapped */, 0xffffffff,
		0x5a4d /* a PE/EFI stub's "MZ" alone */,
	};
	struct arm64_image_header hdr = good_header();
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(magic); i++) {
		hdr.magic = magic[i];
		expect_refused(&hdr, 0x1800000, "magic");
	}
}

static void test_check_payload_big_endian(void **state)
{
	struct arm64_image_header hdr = good_header();

	(void)state;
	hdr.flags = 0x1;
	expect_refused(&hdr, 0x1800000, "big-endian");
	hdr.flags = 0xb;
	expect_refused(&hdr, 0x1800000, "big-endian");
}

static void test_check_payload_bad_text_offset(void **state)
{
	static const uint64_t text_offset[] = {
		1, 0x800, 0x80001, 0x7ffff, SZ_2M, SZ_2M + 0x80000,
		0x8000000, 0xfffffffffffff000ULL,
	};
	struct arm64_image_header hdr = good_header();
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(text_offset); i++) {
		hdr.text_offset = text_offset[i];
		expect_refused(&hdr, 0x1800000, "text_offset");
	}
}

static void test_check_payload_image_size_too_small(void **state)
{
	struct arm64_image_header hdr = good_header();

	(void)state;
	expect_refused(&hdr, hdr.image_size + 1, "image_size");
	hdr.image_size = 64;
	expect_refused(&hdr, 65, "image_size");
}

/* ---- boot_place_payload ------------------------------------------------- */

static void test_place_in_place(void **state)
{
	const struct boot_range below = { 0x40000000, 0x40010000 };
	const struct boot_range above = { 0x41200000, 0x41210000 };
	/* Touching the end of the kernel's range is not overlapping. */
	const struct boot_range touching[] = {
		{ 0x40100000, 0x40200000 }, { 0x41200000, 0x41300000 },
	};

	(void)state;
	assert_int_equal(boot_place_payload(0x40200000, 0, SZ_16M, 0x40a00000,
					    NULL, 0), 0x40200000);
	assert_int_equal(boot_place_payload(0x40200000, 0, SZ_16M, 0x40a00000,
					    &below, 1), 0x40200000);
	assert_int_equal(boot_place_payload(0x40200000, 0, SZ_16M, 0x40a00000,
					    &above, 1), 0x40200000);
	assert_int_equal(boot_place_payload(0x40200000, 0, SZ_16M, 0x40a00000,
					    touching, 2), 0x40200000);
	/* text_offset: the base below it is what must be aligned. */
	assert_int_equal(boot_place_payload(0x40280000, 0x80000, SZ_16M,
					    0x40a80000, NULL, 0), 0x40280000);
}

static void test_place_moved_when_unaligned(void **state)
{
	(void)state;
	/* Next 2 MiB boundary at or above @lowest. */
	assert_int_equal(boot_place_payload(0x40210000, 0, SZ_16M, 0x40a10000,
					    NULL, 0), 0x40c00000);
	assert_int_equal(boot_place_payload(0x40210000, 0, SZ_16M, 0x40c00000,
					    NULL, 0), 0x40c00000);
	assert_int_equal(boot_place_payload(0x40210000, 0, SZ_16M, 0x40c00001,
					    NULL, 0), 0x40e00000);
	/* Aligned current, but text_offset makes the base unaligned. */
	assert_int_equal(boot_place_payload(0x40200000, 0x80000, SZ_16M,
					    0x40a10000, NULL, 0), 0x40c80000);
}

static void test_place_moved_skips_busy(void **state)
{
	const struct boot_range at_dest = { 0x40c00000, 0x40c10000 };
	const struct boot_range at_tail = { 0x41bf0000, 0x41c00000 };
	const struct boot_range before_dest = { 0x40b00000, 0x40c00000 };
	const struct boot_range after_dest = { 0x41c00000, 0x41c10000 };

	(void)state;
	assert_int_equal(boot_place_payload(0x40210000, 0, SZ_16M, 0x40a10000,
					    &at_dest, 1), 0x40e00000);
	assert_int_equal(boot_place_payload(0x40210000, 0, SZ_16M, 0x40a10000,
					    &at_tail, 1), 0x41c00000);
	assert_int_equal(boot_place_payload(0x40210000, 0, SZ_16M, 0x40a10000,
					    &before_dest, 1), 0x40c00000);
	assert_int_equal(boot_place_payload(0x40210000, 0, SZ_16M, 0x40a10000,
					    &after_dest, 1), 0x40c00000);
	/* With text_offset, [base, base + text_offset + size) must be free. */
	assert_int_equal(boot_place_payload(0x40200000, 0x80000, SZ_16M,
					    0x40a10000, &at_dest, 1),
			 0x40e80000);
}

static void test_place_in_place_overlapping_busy(void **state)
{
	/* A DTB inside the kernel's image_size (its BSS): move above it. */
	const struct boot_range dtb = { 0x40800000, 0x40810000 };
	/* Overlapping but ending below @lowest: move to @lowest. */
	const struct boot_range low = { 0x40200000, 0x40210000 };

	(void)state;
	assert_int_equal(boot_place_payload(0x40200000, 0, SZ_16M, 0x40600000,
					    &dtb, 1), 0x40a00000);
	assert_int_equal(boot_place_payload(0x40200000, 0, SZ_16M, 0x40600000,
					    &low, 1), 0x40600000);
}

static void test_place_multiple_busy(void **state)
{
	/* Moving past busy[1] lands in busy[0], checked before it. */
	const struct boot_range chain[] = {
		{ 0x40f00000, 0x40f10000 }, { 0x40c00000, 0x40c10000 },
	};
	/* A gap exactly one payload wide between two ranges. */
	const struct boot_range gap[] = {
		{ 0x41000000, 0x41010000 }, { 0x40c00000, 0x40c10000 },
	};
	const struct boot_range three[] = {
		{ 0x41400000, 0x41400001 }, { 0x40c00000, 0x40c00001 },
		{ 0x41000000, 0x41000001 },
	};

	(void)state;
	assert_int_equal(boot_place_payload(0x40210000, 0, SZ_2M, 0x40a10000,
					    chain, 2), 0x41000000);
	assert_int_equal(boot_place_payload(0x40210000, 0, SZ_2M, 0x40a10000,
					    gap, 2), 0x40e00000);
	assert_int_equal(boot_place_payload(0x40210000, 0, 0x400000, 0x40a10000,
					    three, 3), 0x41600000);
}

/* The documented contract, checked by brute force. */
static uint64_t align_up_2m(uint64_t value)
{
	return (value + SZ_2M - 1) & ~(SZ_2M - 1);
}

static int range_is_free(uint64_t start, uint64_t end,
			 const struct boot_range *busy, unsigned int nr_busy)
{
	unsigned int i;

	for (i = 0; i < nr_busy; i++) {
		if (start < busy[i].end && busy[i].start < end) {
			return 0;
		}
	}
	return 1;
}

static uint64_t reference_place(uint64_t current, uint64_t text_offset,
				uint64_t size, uint64_t lowest,
				const struct boot_range *busy,
				unsigned int nr_busy)
{
	uint64_t base = current - text_offset;

	if (base % SZ_2M == 0 &&
	    range_is_free(base, base + text_offset + size, busy, nr_busy)) {
		return current;
	}
	for (base = align_up_2m(lowest);; base += SZ_2M) {
		if (range_is_free(base, base + text_offset + size, busy,
				  nr_busy)) {
			return base + text_offset;
		}
	}
}

/* Nothing fits below 2^64: 0, never an address that wrapped around. */
static void test_place_no_room_at_top(void **state)
{
	const struct boot_range top = { 0xffffffffffe00000ULL,
					0xfffffffffffff000ULL };

	(void)state;
	/* The payload itself would run past 2^64. */
	assert_int_equal(boot_place_payload(0x40210000, 0, SZ_16M,
					    0xffffffffffa00000ULL, &top, 0), 0);
	/* Moving past a busy range would round up past 2^64. */
	assert_int_equal(boot_place_payload(0x40210000, 0, SZ_4K,
					    0xffffffffffe00000ULL, &top, 1), 0);
	/* @lowest itself rounds up past 2^64. */
	assert_int_equal(boot_place_payload(0x40210000, 0x1000, SZ_4K,
					    0xffffffffffffff00ULL, &top, 0), 0);
	/* Just enough room below it still works. */
	assert_int_equal(boot_place_payload(0x40210000, 0, SZ_2M,
					    0xffffffffffc00000ULL, &top, 1),
			 0xffffffffffc00000ULL);
}

static uint64_t lcg_state = 0x2545f4914f6cdd1dULL;

static uint64_t lcg(uint64_t limit)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (lcg_state >> 33) % limit;
}

static void test_place_matches_contract(void **state)
{
	static const uint64_t text_offsets[] = { 0, 0, 0x80000, 0x1000 };
	struct boot_range busy[4];
	unsigned int round, nr_busy, i;

	(void)state;
	for (round = 0; round < 50000; round++) {
		uint64_t text_offset = text_offsets[lcg(ARRAY_SIZE(text_offsets))];
		uint64_t current = 0x40000000 + text_offset +
				   (lcg(2) ? lcg(16) * SZ_2M : lcg(512) * SZ_64K);
		uint64_t size = (1 + lcg(128)) * SZ_64K;
		uint64_t lowest = current + (1 + lcg(size / SZ_4K)) * SZ_4K;
		uint64_t got, want;

		nr_busy = lcg(5);
		for (i = 0; i < nr_busy; i++) {
			busy[i].start = 0x40000000 + lcg(1024) * SZ_64K;
			busy[i].end = busy[i].start + (1 + lcg(64)) * SZ_4K * 8;
		}
		got = boot_place_payload(current, text_offset, size, lowest,
					 busy, nr_busy);
		want = reference_place(current, text_offset, size, lowest,
				       busy, nr_busy);
		if (got != want) {
			fail_msg("round %u: current %#llx text_offset %#llx size %#llx lowest %#llx, %u busy: %#llx, expected %#llx",
				 round, (unsigned long long)current,
				 (unsigned long long)text_offset,
				 (unsigned long long)size,
				 (unsigned long long)lowest, nr_busy,
				 (unsigned long long)got,
				 (unsigned long long)want);
		}
		assert_int_equal((got - text_offset) % SZ_2M, 0);
		assert_true(range_is_free(got - text_offset, got + size, busy,
					  nr_busy));
		if (got != current) {
			assert_true(got - text_offset >= lowest);
		}
	}
}

/* ---- boot_main / boot_fail --------------------------------------------- */

#define MEM_SIZE	(32 * SZ_1M)
#define PAYLOAD_SIZE	0x3000ULL
#define PAYLOAD_IMAGE_SIZE SZ_1M

static uint8_t *mem;		/* 2 MiB aligned stand-in for RAM */
static jmp_buf off_jump;

static uint64_t addr(uint64_t offset)
{
	return (uint64_t)(uintptr_t)(mem + offset);
}

static int group_setup(void **state)
{
	(void)state;
	mem = aligned_alloc(SZ_2M, MEM_SIZE);
	return mem == NULL ? -1 : 0;
}

static int group_teardown(void **state)
{
	(void)state;
	free(mem);
	return 0;
}

static int setup(void **state)
{
	(void)state;
	fake_arch_reset();
	memset(mem, 0, MEM_SIZE);
	return 0;
}

/* A packed image at mem + @image_offset: stub, info block, payload. */
static uint64_t make_image(uint64_t image_offset, uint64_t image_size)
{
	struct arm64_image_header hdr = good_header();
	struct hypstub_info info = {
		.magic = HYPSTUB_INFO_MAGIC,
		.payload_offset = HYPSTUB_PAYLOAD_OFFSET,
		.payload_size = PAYLOAD_SIZE,
	};
	uint8_t *payload = mem + image_offset + HYPSTUB_PAYLOAD_OFFSET;
	uint64_t i;

	memcpy(mem + image_offset + HYPSTUB_INFO_OFFSET, &info, sizeof(info));
	for (i = 0; i < PAYLOAD_SIZE; i++) {
		payload[i] = (uint8_t)(i * 7 + 3);
	}
	hdr.image_size = image_size;
	memcpy(payload, &hdr, sizeof(hdr));
	return addr(image_offset);
}

static void expect_output(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void expect_output(const char *fmt, ...)
{
	char expected[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(expected, sizeof(expected), fmt, ap);
	va_end(ap);
	assert_string_equal(fake.uart, expected);
}

#if HYPSTUB_TEST_ALT
#define ENTER_HOW	" at EL2 (hand-off through HVC_SOFT_RESTART), DTB "
#else
#define ENTER_HOW	" at EL1, DTB "
#endif

static jmp_buf enter_jump;

/* boot_main() up to the payload's entry: returns where it was entered. */
static uint64_t run_main(uint64_t dtb, uint64_t image)
{
	fake.enter_jump = &enter_jump;
	if (setjmp(enter_jump) == 0) {
		boot_main(dtb, image);
		fail_msg("boot_main returned");
	}
	fake.enter_jump = NULL;
	assert_int_equal(fake.entered_dtb, dtb);
	/* The boot mode decides the way in, and only one is taken. */
	assert_int_equal(fake.boot_soft_restart_calls, HYPSTUB_TEST_ALT ? 1 : 0);
	assert_int_equal(fake.enter_el1_calls, HYPSTUB_TEST_ALT ? 0 : 1);
	return fake.entered_entry;
}

#define BANNER \
	"hypstub: stub installed at EL2, vectors 0x%016llx, resident 0x%016llx..0x%016llx\r\n"

static void test_main_in_place(void **state)
{
	uint64_t image = make_image(0, PAYLOAD_IMAGE_SIZE);
	uint64_t dtb = addr(16 * SZ_1M);

	(void)state;
	assert_int_equal(run_main(dtb, image), image + SZ_2M);
	assert_int_equal(fake.fdt_size_calls, 1);
	assert_int_equal(fake.fdt_size_arg, dtb);
	assert_int_equal(fake.icache_syncs, 0);
	assert_int_equal(fake.system_off_calls, 0);
	expect_output(BANNER
		      "hypstub: entering the payload at 0x%016llx" ENTER_HOW "0x%016llx\r\n",
		      FAKE_STUB_VECTORS, (unsigned long long)image,
		      (unsigned long long)image + 0x10000,
		      (unsigned long long)image + SZ_2M,
		      (unsigned long long)dtb);
}

static void expect_moved(uint64_t image, uint64_t dtb, uint64_t dest)
{
	const uint8_t *src = (const uint8_t *)(uintptr_t)(image + SZ_2M);

	assert_int_equal(run_main(dtb, image), dest);
	assert_memory_equal((const void *)(uintptr_t)dest, src, PAYLOAD_SIZE);
	assert_int_equal(fake.icache_syncs, 1);
	assert_int_equal(fake.system_off_calls, 0);
	expect_output(BANNER
		      "hypstub: moving the payload to 0x%016llx\r\n"
		      "hypstub: entering the payload at 0x%016llx" ENTER_HOW "0x%016llx\r\n",
		      FAKE_STUB_VECTORS, (unsigned long long)image,
		      (unsigned long long)image + 0x10000,
		      (unsigned long long)dest, (unsigned long long)dest,
		      (unsigned long long)dtb);
}

static void test_main_moved_when_unaligned(void **state)
{
	/* Image at 64 KiB: payload at +2 MiB 64 KiB, copied to +4 MiB. */
	(void)state;
	expect_moved(make_image(SZ_64K, PAYLOAD_IMAGE_SIZE), addr(16 * SZ_1M),
		     addr(4 * SZ_1M));
}

static void test_main_moved_past_dtb(void **state)
{
	/* The DTB sits where the payload would go: one 2 MiB step more. */
	(void)state;
	fake.fdt_size = 0x1000;
	expect_moved(make_image(SZ_64K, PAYLOAD_IMAGE_SIZE),
		     addr(4 * SZ_1M + 0x8000), addr(6 * SZ_1M));
}

static void test_main_in_place_overlapping_dtb(void **state)
{
	/* The DTB lies in the in-place kernel's BSS: moved above it. */
	(void)state;
	fake.fdt_size = 0x10000;
	expect_moved(make_image(0, PAYLOAD_IMAGE_SIZE),
		     addr(2 * SZ_1M + 0x80000), addr(4 * SZ_1M));
}

static void test_main_image_size_zero(void **state)
{
	/* No image_size: the file size is the size; DTB right after it fits. */
	uint64_t image = make_image(0, 0);
	uint64_t dtb = addr(SZ_2M + PAYLOAD_SIZE);

	(void)state;
	assert_int_equal(run_main(dtb, image), image + SZ_2M);
	assert_int_equal(fake.icache_syncs, 0);
}

#define EXPECT_SYSTEM_OFF(statement)					\
	do {								\
		fake.system_off_jump = &off_jump;			\
		if (setjmp(off_jump) == 0) {				\
			statement;					\
			fail_msg("returned instead of switching off");	\
		}							\
		fake.system_off_jump = NULL;				\
		assert_int_equal(fake.system_off_calls, 1);		\
	} while (0)

#define FAIL_TAIL	"hypstub: not entering the payload; switching off\r\n"

static void expect_main_fails(uint64_t image, const char *why)
{
	uint64_t dtb = addr(16 * SZ_1M);

	EXPECT_SYSTEM_OFF((void)boot_main(dtb, image));
	expect_output(BANNER "hypstub: %s\r\n" FAIL_TAIL,
		      FAKE_STUB_VECTORS, (unsigned long long)image,
		      (unsigned long long)image + 0x10000, why);
	assert_int_equal(fake.icache_syncs, 0);
}

static void test_main_no_payload(void **state)
{
	struct hypstub_info *info;
	uint64_t image;

	(void)state;
	image = make_image(0, PAYLOAD_IMAGE_SIZE);
	info = (struct hypstub_info *)(uintptr_t)(image + HYPSTUB_INFO_OFFSET);
	info->magic = 0;
	expect_main_fails(image, "no payload in this image (build it with make image KERNEL=...)");

	fake_arch_clear_log();
	info->magic = HYPSTUB_INFO_MAGIC;
	info->payload_offset = 0;
	expect_main_fails(image, "no payload in this image (build it with make image KERNEL=...)");
}

static void test_main_bad_payload(void **state)
{
	struct arm64_image_header *hdr;
	uint64_t image;

	(void)state;
	image = make_image(0, PAYLOAD_IMAGE_SIZE);
	hdr = (struct arm64_image_header *)(uintptr_t)(image + SZ_2M);
	hdr->magic = 0;
	expect_main_fails(image, "payload has no arm64 Image magic (ARM\\x64 at offset 56)");

	fake_arch_clear_log();
	hdr->magic = ARM64_IMAGE_MAGIC;
	hdr->flags = ARM64_IMAGE_FLAG_BE;
	expect_main_fails(image, "payload is a big-endian kernel");

	fake_arch_clear_log();
	hdr->flags = 0xa;
	hdr->image_size = PAYLOAD_SIZE - 1;
	expect_main_fails(image, "payload image_size is smaller than the payload itself");
}

/* Hand-off builds: a refused HVC_SOFT_RESTART is reported, never ignored. */
static void test_main_handoff_refused(void **state)
{
	uint64_t image = make_image(0, PAYLOAD_IMAGE_SIZE);
	uint64_t dtb = addr(16 * SZ_1M);

	(void)state;
	if (!HYPSTUB_TEST_ALT) {
		skip();
	}
	fake.soft_restart_refuse = 1;
	EXPECT_SYSTEM_OFF(boot_main(dtb, image));
	assert_int_equal(fake.boot_soft_restart_calls, 1);
	assert_int_equal(fake.enter_el1_calls, 0);
	expect_output(BANNER
		      "hypstub: entering the payload at 0x%016llx" ENTER_HOW "0x%016llx\r\n"
		      "hypstub: HVC_SOFT_RESTART answered 0x000000000badca11\r\n"
		      "hypstub: the stub refused to hand EL2 over\r\n" FAIL_TAIL,
		      FAKE_STUB_VECTORS, (unsigned long long)image,
		      (unsigned long long)image + 0x10000,
		      (unsigned long long)image + SZ_2M,
		      (unsigned long long)dtb);
}

static void test_fail(void **state)
{
	(void)state;
	EXPECT_SYSTEM_OFF(boot_fail("why not"));
	assert_string_equal(fake.uart, "hypstub: why not\r\n" FAIL_TAIL);
}

/*
 * Every message line starts with "hypstub: ", once: the prefix of one
 * message must not run into the text of another.
 */
static void expect_lines(const char *text)
{
	const char *line = text;

	while (*line != '\0') {
		const char *end = strstr(line, "\r\n");
		const char *second;

		if (end == NULL) {
			fail_msg("unterminated line in \"%s\"", text);
		}
		if (strncmp(line, "hypstub: ", 9) != 0) {
			fail_msg("line without the prefix: \"%.*s\"",
				 (int)(end - line), line);
		}
		second = strstr(line + 9, "hypstub: ");
		if (second != NULL && second < end) {
			fail_msg("two messages run together on one line: \"%.*s\"",
				 (int)(end - line), line);
		}
		line = end + 2;
	}
}

static void test_fail_wrong_el(void **state)
{
	static const uint64_t els[] = { 1, 3 };
	char digit[8];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(els); i++) {
		fake_arch_clear_log();
		EXPECT_SYSTEM_OFF(boot_fail_wrong_el(els[i]));
		snprintf(digit, sizeof(digit), "EL%llu", (unsigned long long)els[i]);
		assert_non_null(strstr(fake.uart, digit));
		assert_non_null(strstr(fake.uart, "the stub can only be installed from EL2"));
		expect_lines(fake.uart);
	}
}

static void test_fail_no_slot(void **state)
{
	(void)state;
	fake.mpidr = 0x80010000;
	EXPECT_SYSTEM_OFF(boot_fail_no_slot());
	assert_non_null(strstr(fake.uart, "0x0000000080010000"));
	assert_non_null(strstr(fake.uart, "no stub slot"));
	expect_lines(fake.uart);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_check_payload_good, setup),
		cmocka_unit_test_setup(test_check_payload_short, setup),
		cmocka_unit_test_setup(test_check_payload_bad_magic, setup),
		cmocka_unit_test_setup(test_check_payload_big_endian, setup),
		cmocka_unit_test_setup(test_check_payload_bad_text_offset, setup),
		cmocka_unit_test_setup(test_check_payload_image_size_too_small, setup),
		cmocka_unit_test_setup(test_place_in_place, setup),
		cmocka_unit_test_setup(test_place_moved_when_unaligned, setup),
		cmocka_unit_test_setup(test_place_moved_skips_busy, setup),
		cmocka_unit_test_setup(test_place_in_place_overlapping_busy, setup),
		cmocka_unit_test_setup(test_place_multiple_busy, setup),
		cmocka_unit_test_setup(test_place_matches_contract, setup),
		cmocka_unit_test_setup(test_place_no_room_at_top, setup),
		cmocka_unit_test_setup(test_main_in_place, setup),
		cmocka_unit_test_setup(test_main_moved_when_unaligned, setup),
		cmocka_unit_test_setup(test_main_moved_past_dtb, setup),
		cmocka_unit_test_setup(test_main_in_place_overlapping_dtb, setup),
		cmocka_unit_test_setup(test_main_image_size_zero, setup),
		cmocka_unit_test_setup(test_main_no_payload, setup),
		cmocka_unit_test_setup(test_main_bad_payload, setup),
		cmocka_unit_test_setup(test_main_handoff_refused, setup),
		cmocka_unit_test_setup(test_fail, setup),
		cmocka_unit_test_setup(test_fail_wrong_el, setup),
		cmocka_unit_test_setup(test_fail_no_slot, setup),
	};

	return cmocka_run_group_tests_name("loader", tests, group_setup,
					   group_teardown);
}
