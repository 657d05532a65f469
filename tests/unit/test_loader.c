// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of boot/loader.c: the payload checks, where the payload is
 * placed, the loader's self-relocation, and boot_main()/boot_fail() run on
 * a host buffer standing in for memory.  The device-tree pass is faked
 * (tests/unit/fake_fdt.c: the test says what the tree holds; test_fdt.c
 * runs the real one), as are boot_fdt_buffer(), boot_sync_icache(), the
 * ways into the payload and boot_system_off() (these longjmp() back here).
 *
 * Built for arm too (unit.mk's *-arm binaries, boot/arm/payload.c): there
 * the payload is a zImage, run in place, and what is checked is where it
 * decompresses; boot_main()'s own decisions are the same tests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

#if !STUB_CALLER_AARCH32
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

/* boot_check_payload() of the header @hdr, packed alone. */
static const char *check_payload(const struct arm64_image_header *hdr,
				 uint64_t file_size)
{
	uint64_t page_size = 0;

	return boot_check_payload((uint64_t)(uintptr_t)hdr, file_size, &page_size);
}

static void expect_refused(const struct arm64_image_header *hdr,
			   uint64_t file_size, const char *keyword)
{
	const char *why = check_payload(hdr, file_size);

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
	assert_null(check_payload(&hdr, 0x1800000));
	/* Exactly a header; exactly image_size. */
	assert_null(check_payload(&hdr, 64));
	assert_null(check_payload(&hdr, hdr.image_size));
	/* image_size 0: a kernel older than v3.17, size unknown. */
	hdr.image_size = 0;
	assert_null(check_payload(&hdr, 0x1800000));
	/* Page-multiple text_offsets below 2 MiB, as old kernels had. */
	hdr = good_header();
	hdr.text_offset = 0x80000;
	assert_null(check_payload(&hdr, 0x1800000));
	hdr.text_offset = 0x1ff000;
	assert_null(check_payload(&hdr, 0x1800000));
	/* Flags other than BE do not matter. */
	hdr = good_header();
	hdr.flags = 0;
	assert_null(check_payload(&hdr, 0x1800000));
	hdr.flags = 0xe;
	assert_null(check_payload(&hdr, 0x1800000));
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

/* ---- boot_relocate ------------------------------------------------------ */

#define R_AARCH64_ABS64		257
#define R_AARCH64_GLOB_DAT	1025
#define R_AARCH64_JUMP_SLOT	1026
#define R_AARCH64_IRELATIVE	1032
#define UNTOUCHED		0xa5a5a5a5a5a5a5a5ULL

static void test_relocate_relative(void **state)
{
	uint64_t image[8];
	const uint64_t base = (uint64_t)(uintptr_t)image;
	const struct boot_rela rela[] = {
		{ 0 * 8, R_AARCH64_RELATIVE, 0x1000 },
		{ 3 * 8, R_AARCH64_RELATIVE, 0 },
		{ 5 * 8, R_AARCH64_RELATIVE, -0x40 },
		{ 7 * 8, R_AARCH64_RELATIVE, 0x7fffffff },
	};
	size_t i;

	(void)state;
	memset(image, 0xa5, sizeof(image));
	assert_null(boot_relocate(base, rela, rela + ARRAY_SIZE(rela)));
	assert_int_equal(image[0], base + 0x1000);
	assert_int_equal(image[3], base);
	assert_int_equal(image[5], base - 0x40);
	assert_int_equal(image[7], base + 0x7fffffff);
	for (i = 0; i < ARRAY_SIZE(image); i++) {
		if (i != 0 && i != 3 && i != 5 && i != 7) {
			assert_int_equal(image[i], UNTOUCHED);
		}
	}

	/* No relocations: nothing written. */
	memset(image, 0xa5, sizeof(image));
	assert_null(boot_relocate(base, rela, rela));
	for (i = 0; i < ARRAY_SIZE(image); i++) {
		assert_int_equal(image[i], UNTOUCHED);
	}
}

static void test_relocate_refuses_other_types(void **state)
{
	static const uint64_t types[] = {
		0, R_AARCH64_ABS64, R_AARCH64_GLOB_DAT, R_AARCH64_JUMP_SLOT,
		R_AARCH64_IRELATIVE,
		/* The type is the low half: this is symbol 1027, type 0. */
		(uint64_t)R_AARCH64_RELATIVE << 32,
		/* All 32 bits of it. */
		(1ULL << 16) | R_AARCH64_RELATIVE,
	};
	uint64_t image[4];
	const uint64_t base = (uint64_t)(uintptr_t)image;
	struct boot_rela rela[3];
	const char *why;
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		/* Alone: refused, and the word it names is not written. */
		memset(image, 0xa5, sizeof(image));
		rela[0] = (struct boot_rela){ 8, types[i], 0x10 };
		why = boot_relocate(base, rela, rela + 1);
		assert_non_null(why);
		assert_string_equal(why, "the loader has a relocation it cannot apply");
		for (j = 0; j < ARRAY_SIZE(image); j++) {
			assert_int_equal(image[j], UNTOUCHED);
		}

		/* After a good one: that one applied, nothing from here on. */
		rela[0] = (struct boot_rela){ 0, R_AARCH64_RELATIVE, 0x20 };
		rela[1] = (struct boot_rela){ 8, types[i], 0x30 };
		rela[2] = (struct boot_rela){ 16, R_AARCH64_RELATIVE, 0x40 };
		assert_non_null(boot_relocate(base, rela, rela + 3));
		assert_int_equal(image[0], base + 0x20);
		assert_int_equal(image[1], UNTOUCHED);
		assert_int_equal(image[2], UNTOUCHED);
		assert_int_equal(image[3], UNTOUCHED);
	}
}

#else /* STUB_CALLER_AARCH32 */

/*
 * boot/arm/payload.c: the payload is a zImage, run in place; what the
 * loader checks is where its decompressor will write the kernel.  The
 * tests run on a window of host memory mapped where QEMU virt's RAM
 * starts (RAM_BASE), so that the decompressor's guess of the RAM base
 * (the zImage's address rounded down to 128 MiB) lands in it, as on the
 * board.
 */
#define RAM_BASE		0x40000000ULL
#define RAM_MAP_SIZE		0x8800000ULL	/* to the next 128 MiB and a bit */

/* zImage header fields (Documentation/arm/booting.rst), spelt out. */
#define ZIMAGE_MAGIC		0x016f2818U
#define ZIMAGE_LE		0x04030201U
#define ZIMAGE_TABLE_MAGIC	0x45454545U
#define ZIMAGE_KLSZ		0x5a534c4bU	/* "KLSZ" */
#define ZIMAGE_HEADER_SIZE	0x3c		/* to the table's offset, 0x38 */

/* The test kernel: Debian armmp-lpae's TEXT_OFFSET, some bss. */
#define TEST_TEXT_OFFSET	0x208000U
#define TEST_BSS		0x40000U
#define TABLE_AT		0x40		/* the extension table's offset */

static void put32(uint64_t address, uint32_t value)
{
	memcpy((void *)(uintptr_t)address, &value, sizeof(value));
}

/*
 * A zImage of @file_size bytes at @at as Linux lays it out: the header,
 * then at TABLE_AT the table of @words words (the count itself, "KLSZ",
 * where the decompressed size is, bss size, TEXT_OFFSET, malloc size; a
 * zero after), the decompressed size @kernel_size in an unaligned word
 * near the end.  Returns where the kernel will be decompressed to.
 */
static struct boot_range write_zimage(uint64_t at, uint32_t file_size,
				      uint32_t words, uint32_t kernel_size,
				      uint32_t bss, uint32_t text_offset)
{
	static const uint32_t code[9] = {
		0xe1a00000, 0xe1a00000, 0xe1a00000, 0xe1a00000, 0xe1a00000,
		0xe1a00000, 0xe1a00000, 0xe1a00000, 0xea00000f,
	};
	const uint32_t table[7] = {
		words, ZIMAGE_KLSZ, file_size - 7, bss, text_offset, 0x10000, 0,
	};
	struct boot_range kernel;
	unsigned int i;

	for (i = 0; i < 9; i++) {
		put32(at + 4 * i, code[i]);
	}
	put32(at + 0x24, ZIMAGE_MAGIC);
	put32(at + 0x28, 0);
	put32(at + 0x2c, file_size);
	put32(at + 0x30, ZIMAGE_LE);
	put32(at + 0x34, ZIMAGE_TABLE_MAGIC);
	put32(at + 0x38, TABLE_AT);
	for (i = 0; i < 7; i++) {
		put32(at + TABLE_AT + 4 * i, table[i]);
	}
	/* Odd: the size word is unaligned, as piggy's last four bytes are. */
	put32(at + file_size - 7, kernel_size);
	kernel.start = (at & ~(uint64_t)(128 * SZ_1M - 1)) +
		       (words >= 5 ? text_offset : 0x8000);
	kernel.end = kernel.start + kernel_size + bss;
	return kernel;
}

/* ---- boot_check_payload ------------------------------------------------- */

static uint8_t zimage[0x1000];

static uint64_t zimage_at(void)
{
	return (uint64_t)(uintptr_t)zimage;
}

static const char *check_zimage(uint64_t file_size)
{
	uint64_t page_size = 0;

	return boot_check_payload(zimage_at(), file_size, &page_size);
}

static void good_zimage(void)
{
	memset(zimage, 0, sizeof(zimage));
	write_zimage(zimage_at(), sizeof(zimage), 6, 0x500000, TEST_BSS,
		     TEST_TEXT_OFFSET);
}

static void expect_refused(uint64_t file_size, const char *why)
{
	const char *got = check_zimage(file_size);

	if (got == NULL) {
		fail_msg("accepted, expected \"%s\"", why);
	}
	assert_string_equal(got, why);
}

static void test_check_payload_good(void **state)
{
	uint64_t page_size = 0;

	(void)state;
	good_zimage();
	assert_null(boot_check_payload(zimage_at(), sizeof(zimage), &page_size));
	/* Linux arm's pages are 4 KiB: the region is rounded to that. */
	assert_int_equal(page_size, SZ_4K);
	/* A file longer than its end field (padding after it) is fine. */
	assert_null(check_zimage(sizeof(zimage) + 0x1000));
	/* end exactly a header: a zImage with nothing to decompress, still one. */
	put32(zimage_at() + 0x2c, ZIMAGE_HEADER_SIZE);
	assert_null(check_zimage(sizeof(zimage)));
	/* No extension table: checked, accepted (the target is not known). */
	good_zimage();
	put32(zimage_at() + 0x34, 0);
	assert_null(check_zimage(sizeof(zimage)));
}

static void test_check_payload_short(void **state)
{
	static const char why[] = "payload is smaller than a zImage header";

	(void)state;
	good_zimage();
	expect_refused(0, why);
	expect_refused(1, why);
	expect_refused(ZIMAGE_HEADER_SIZE - 1, why);
}

static void test_check_payload_bad_magic(void **state)
{
	static const uint32_t magic[] = {
		0, 0x18286f01 /* byte-swapped */, 0x016f2819, 0xffffffff,
		0x644d5241 /* arm64 Image magic, "ARM\x64" */,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(magic); i++) {
		good_zimage();
		put32(zimage_at() + 0x24, magic[i]);
		expect_refused(sizeof(zimage),
			       "payload has no zImage magic (0x016f2818 at offset 0x24)");
	}
}

static void test_check_payload_big_endian(void **state)
{
	(void)state;
	good_zimage();
	put32(zimage_at() + 0x30, 0x01020304);
	expect_refused(sizeof(zimage), "payload is a big-endian kernel");
}

static void test_check_payload_fixed_address(void **state)
{
	static const uint32_t start[] = { 1, 0x8000, 0x40008000, 0xffffffff };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(start); i++) {
		good_zimage();
		put32(zimage_at() + 0x28, start[i]);
		expect_refused(sizeof(zimage),
			       "payload is a zImage linked to a fixed address (start is not 0)");
	}
}

static void test_check_payload_bad_end(void **state)
{
	static const uint32_t end[] = {
		0, 1, ZIMAGE_HEADER_SIZE - 1, sizeof(zimage) + 1, 0xffffffff,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(end); i++) {
		good_zimage();
		put32(zimage_at() + 0x2c, end[i]);
		expect_refused(sizeof(zimage),
			       "payload's zImage end field is past the payload");
	}
	/* The end field against the packed size, not against the buffer. */
	good_zimage();
	expect_refused(sizeof(zimage) - 1,
		       "payload's zImage end field is past the payload");
}

/* ---- boot_relocate ------------------------------------------------------ */

#define R_ARM_NONE		0
#define R_ARM_ABS32		2
#define R_ARM_GLOB_DAT		21
#define R_ARM_JUMP_SLOT		22
#define UNTOUCHED		0xa5a5a5a5U

static uint8_t *ram;		/* RAM_BASE, RAM_MAP_SIZE bytes */

/* A word in the window, where U-Boot would load the image. */
#define RELOC_BASE		(RAM_BASE + SZ_1M)

static uint32_t *reloc_image(void)
{
	uint32_t *image = (uint32_t *)(uintptr_t)RELOC_BASE;
	unsigned int i;

	for (i = 0; i < 8; i++) {
		image[i] = UNTOUCHED;
	}
	return image;
}

/* REL: the addend is the word in place; the base is added to it. */
static void test_relocate_relative(void **state)
{
	uint32_t *image = reloc_image();
	const struct boot_rel rel[] = {
		{ 0 * 4, R_ARM_RELATIVE },
		{ 3 * 4, R_ARM_RELATIVE },
		{ 5 * 4, R_ARM_RELATIVE },
		{ 7 * 4, R_ARM_RELATIVE },
	};
	size_t i;

	(void)state;
	image[0] = 0x1000;
	image[3] = 0;
	image[5] = 0xfffffffc;	/* -4: wraps in 32 bits */
	image[7] = 0x7fffffff;
	assert_null(boot_relocate(RELOC_BASE, rel, rel + ARRAY_SIZE(rel)));
	assert_int_equal(image[0], 0x40101000);
	assert_int_equal(image[3], 0x40100000);
	assert_int_equal(image[5], 0x400ffffc);
	assert_int_equal(image[7], 0xc00fffff);
	for (i = 0; i < 8; i++) {
		if (i != 0 && i != 3 && i != 5 && i != 7) {
			assert_int_equal(image[i], UNTOUCHED);
		}
	}

	/* No relocations: nothing written. */
	image = reloc_image();
	assert_null(boot_relocate(RELOC_BASE, rel, rel));
	for (i = 0; i < 8; i++) {
		assert_int_equal(image[i], UNTOUCHED);
	}
}

static void test_relocate_refuses_other_types(void **state)
{
	static const uint32_t types[] = {
		R_ARM_NONE, R_ARM_ABS32, R_ARM_GLOB_DAT, R_ARM_JUMP_SLOT,
		/* The type is the low byte: this is symbol 23, type 0. */
		R_ARM_RELATIVE << 8,
		/* arm64's R_AARCH64_RELATIVE, whose low byte is 3. */
		1027,
	};
	struct boot_rel rel[3];
	uint32_t *image;
	const char *why;
	size_t i, j;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		/* Alone: refused, and the word it names is not written. */
		image = reloc_image();
		rel[0] = (struct boot_rel){ 4, types[i] };
		why = boot_relocate(RELOC_BASE, rel, rel + 1);
		assert_non_null(why);
		assert_string_equal(why, "the loader has a relocation it cannot apply");
		for (j = 0; j < 8; j++) {
			assert_int_equal(image[j], UNTOUCHED);
		}

		/* After a good one: that one applied, nothing from here on. */
		image[0] = 0x20;
		rel[0] = (struct boot_rel){ 0, R_ARM_RELATIVE };
		rel[1] = (struct boot_rel){ 4, types[i] };
		rel[2] = (struct boot_rel){ 8, R_ARM_RELATIVE };
		assert_non_null(boot_relocate(RELOC_BASE, rel, rel + 3));
		assert_int_equal(image[0], RELOC_BASE + 0x20);
		assert_int_equal(image[1], UNTOUCHED);
		assert_int_equal(image[2], UNTOUCHED);
	}
}

#endif /* STUB_CALLER_AARCH32 */

/* ---- boot_main / boot_fail --------------------------------------------- */

#define MEM_SIZE	(32 * SZ_1M)
#define PAYLOAD_SIZE	0x3000ULL
#define PAYLOAD_IMAGE_SIZE SZ_1M

static uint8_t *mem;		/* 2 MiB aligned stand-in for RAM */
static jmp_buf enter_jump;
static jmp_buf off_jump;
/* What the fake boot_fdt_prepare() writes as the fixed-up tree. */
static uint8_t tree[0x10000];

static uint64_t addr(uint64_t offset)
{
	return (uint64_t)(uintptr_t)(mem + offset);
}

static int group_setup(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(tree); i++) {
		tree[i] = (uint8_t)(i * 13 + 0x5a);
	}
#if STUB_CALLER_AARCH32
	/* Where QEMU virt's RAM is (RAM_BASE); low memory is free on the host. */
	ram = mmap((void *)(uintptr_t)RAM_BASE, RAM_MAP_SIZE,
		   PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE,
		   -1, 0);
	if (ram != (uint8_t *)(uintptr_t)RAM_BASE) {
		fprintf(stderr, "cannot map the test's RAM at %#llx\n", RAM_BASE);
		return -1;
	}
	mem = ram;
	return 0;
#else
	mem = aligned_alloc(SZ_2M, MEM_SIZE);
	return mem == NULL ? -1 : 0;
#endif
}

static int group_teardown(void **state)
{
	(void)state;
#if STUB_CALLER_AARCH32
	munmap(ram, RAM_MAP_SIZE);
#else
	free(mem);
#endif
	return 0;
}

/* The image whose stub want_banner() announced; 0 for a stub below. */
static uint64_t banner_image;

static int setup(void **state)
{
	(void)state;
	fake_arch_reset();
	banner_image = 0;
	memset(mem, 0, MEM_SIZE);
	/* The device tree says: all of `mem` is memory, and nothing else. */
	fake.fdt_dt.memory[0].start = addr(0);
	fake.fdt_dt.memory[0].end = addr(MEM_SIZE);
	fake.fdt_dt.nr_memory = 1;
	fake.fdt_out = tree;
	return 0;
}

/*
 * A packed image at mem + @image_offset: stub, info block, and a payload at
 * @payload_offset with @text_offset and @image_size in its header.
 */
static uint64_t make_image_at(uint64_t image_offset, uint64_t payload_offset,
			      uint64_t text_offset, uint64_t image_size)
{
#if !STUB_CALLER_AARCH32
	struct arm64_image_header hdr = good_header();
#endif
	struct hypstub_info info = {
		.magic = HYPSTUB_INFO_MAGIC,
		.payload_offset = payload_offset,
		.payload_size = PAYLOAD_SIZE,
	};
	uint8_t *payload = mem + image_offset + payload_offset;
	uint64_t i;

	memcpy(mem + image_offset + HYPSTUB_INFO_OFFSET, &info, sizeof(info));
	for (i = 0; i < PAYLOAD_SIZE; i++) {
		payload[i] = (uint8_t)(i * 7 + 3);
	}
#if STUB_CALLER_AARCH32
	/* A zImage: @text_offset its TEXT_OFFSET, @image_size decompressed. */
	write_zimage((uint64_t)(uintptr_t)payload, PAYLOAD_SIZE, 6,
		     (uint32_t)image_size, TEST_BSS, (uint32_t)text_offset);
#else
	hdr.text_offset = text_offset;
	hdr.image_size = image_size;
	memcpy(payload, &hdr, sizeof(hdr));
#endif
	return addr(image_offset);
}

/* The test payload's text offset: 0 for arm64, armmp-lpae's for a zImage. */
#if STUB_CALLER_AARCH32
#define MAKE_TEXT_OFFSET	TEST_TEXT_OFFSET
#else
#define MAKE_TEXT_OFFSET	0
#endif

static uint64_t make_image(uint64_t image_offset, uint64_t image_size)
{
	return make_image_at(image_offset, HYPSTUB_PAYLOAD_OFFSET, MAKE_TEXT_OFFSET,
			     image_size);
}

static const struct hypstub_info *image_info(uint64_t image)
{
	return (const struct hypstub_info *)(uintptr_t)(image + HYPSTUB_INFO_OFFSET);
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

/*
 * Where the loader's messages say the stub and the kernel run, and how a
 * hand-off goes (arch-defs.h's STUB_AT_EL2 and friends, spelt out).
 */
#if STUB_CALLER_AARCH32
#define AT_EL2		"in HYP mode"
#define AT_EL1		"in SVC mode"
#define NAME_EL2	"HYP mode"
#define SOFT_RESTART	"HYPSTUB_SOFT_RESTART32"
#else
#define AT_EL2		"at EL2"
#define AT_EL1		"at EL1"
#define NAME_EL2	"EL2"
#define SOFT_RESTART	"HYPSTUB_SOFT_RESTART"
#endif

/* The UART output a test expects, built line by line. */
static char want_text[4096];
static size_t want_len;

static void want(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void want(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(want_text + want_len, sizeof(want_text) - want_len, fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof(want_text) - want_len);
	want_len += (size_t)n;
}

/*
 * The region of the stub installed by @image: from HYPSTUB_STUB_OFFSET to
 * the end of the CPU table's last slot in use (the fake's code is
 * FAKE_STUB_CODE_SIZE bytes, then the table's 16-byte head), in the test
 * payload's 4 KiB pages.
 */
static struct boot_range stub_region(uint64_t image)
{
	struct boot_range r;

	r.start = image + HYPSTUB_STUB_OFFSET;
	r.end = r.start + FAKE_STUB_CODE_SIZE + 16 + stub_cpus_count() * STUB_PERCPU_SIZE;
	r.end = (r.end + 0xfff) & ~0xfffULL;
	return r;
}

static void want_banner(uint64_t image)
{
	want_len = 0;
	want_text[0] = '\0';
	banner_image = image;
	want("hypstub: stub installed " AT_EL2 ", vectors 0x%016llx\r\n",
	     FAKE_STUB_VECTORS);
}

static int handoff(void)
{
	return fake.fdt_dt.mode == BOOT_MODE_HANDOFF;
}

static void want_mode(void)
{
	struct boot_range r = stub_region(banner_image);

	if (banner_image != 0 && !handoff()) {
		want("hypstub: serving %llu CPUs (/cpus), resident 0x%016llx..0x%016llx (%llu KiB)\r\n",
		     (unsigned long long)stub_cpus_count(),
		     (unsigned long long)r.start, (unsigned long long)r.end,
		     (unsigned long long)(r.end - r.start) / 1024);
	}
	want("hypstub: mode %s (from %s)\r\n",
	     handoff() ? "handoff" : "resident", fake.fdt_dt.mode_source);
}

static void want_entry(uint64_t dest, uint64_t dtb)
{
	want("hypstub: entering the payload at 0x%016llx%s0x%016llx\r\n",
	     (unsigned long long)dest,
	     handoff() ? " " AT_EL2 " (hand-off through " SOFT_RESTART "), DTB " :
			 " " AT_EL1 ", DTB ",
	     (unsigned long long)dtb);
}

#define FAIL_TAIL	"hypstub: not entering the payload; switching off\r\n"

static void want_fail(const char *why)
{
	want("hypstub: %s\r\n" FAIL_TAIL, why);
}

static void expect_output(void)
{
	assert_string_equal(fake.uart, want_text);
	expect_lines(fake.uart);
}

/* Where the loader must build the fixed-up tree for @image. */
static uint64_t tree_buf(uint64_t image)
{
	return image + fake.fdt_buffer_offset;
}

/* boot_fdt_prepare() was asked for the tree at @dtb, right, once. */
static void expect_prepared(uint64_t dtb, uint64_t image, int installed)
{
	assert_int_equal(fake.fdt_buffer_calls, 1);
	assert_int_equal(fake.fdt_buffer_arg, image);
	assert_int_equal(fake.fdt_prepare_calls, 1);
	assert_int_equal(fake.fdt_prepare_dtb, dtb);
	/* In the room from the end of the loader up to the payload. */
	assert_int_equal(fake.fdt_prepare_buf, tree_buf(image));
	assert_int_equal(fake.fdt_prepare_bufsize,
			 image_info(image)->payload_offset - fake.fdt_buffer_offset);
	if (!installed) {
		/* A stub below: the tree says where; the stub what it is. */
		assert_int_equal(fake.fdt_prepare_below, 1);
		assert_int_equal(fake.fdt_prepare_abi,
				 fake.below_answer[FAKE_BELOW_ABI][0]);
		assert_int_equal(fake.fdt_prepare_proxy,
				 (fake.below_answer[FAKE_BELOW_CONFIG][1] &
				  HYPSTUB_CONFIG_PSCI_PROXY) != 0);
		assert_int_equal(fake.hvc_probes, 4);
		return;
	}
	/* With the stub's resident region to reserve, this build's stub. */
	assert_int_equal(fake.fdt_prepare_below, 0);
	assert_int_equal(fake.fdt_prepare_abi, HYPSTUB_ABI_VERSION);
	assert_int_equal(fake.fdt_prepare_proxy,
			 IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY));
	assert_int_equal(fake.fdt_prepare_stub.start, stub_region(image).start);
	assert_int_equal(fake.fdt_prepare_stub.end, stub_region(image).end);
	assert_int_equal(fake.hvc_probes, 0);
}

/* boot_main() up to the payload's entry: returns where it was entered. */
static uint64_t run_main_from(int installed, uint64_t dtb, uint64_t image)
{
	/* Switching off instead lands here too, and fails the test. */
	fake.enter_jump = &enter_jump;
	fake.system_off_jump = &enter_jump;
	if (setjmp(enter_jump) == 0) {
		boot_main(dtb, image, installed);
		fail_msg("boot_main returned");
	}
	fake.enter_jump = NULL;
	fake.system_off_jump = NULL;
	if (fake.system_off_calls != 0) {
		fail_msg("switched off instead of entering the payload:\n%s",
			 fake.uart);
	}
	expect_prepared(dtb, image, installed);
	/* The payload gets the fixed-up copy, whole after any move. */
	assert_int_equal(fake.entered_dtb, tree_buf(image));
	assert_memory_equal((const void *)(uintptr_t)tree_buf(image), tree,
			    fake.fdt_dt.size);
	/* The tree's mode, not the build's, decides the way in: one way. */
	assert_int_equal(fake.boot_soft_restart_calls, handoff() ? 1 : 0);
	assert_int_equal(fake.enter_el1_calls, handoff() ? 0 : 1);
	assert_int_equal(fake.system_off_calls, 0);
	return fake.entered_entry;
}

/* boot_main() of an image entered at EL2, which installed the stub. */
static uint64_t run_main(uint64_t dtb, uint64_t image)
{
	return run_main_from(1, dtb, image);
}

static void test_main_in_place(void **state)
{
	uint64_t image = make_image(0, PAYLOAD_IMAGE_SIZE);
	uint64_t dtb = addr(16 * SZ_1M);

	(void)state;
	/* The fake's tree leaves the build's default mode alone. */
	assert_int_equal(handoff(), HYPSTUB_TEST_ALT);
	assert_int_equal(run_main(dtb, image), image + SZ_2M);
	assert_int_equal(fake.icache_syncs, 0);
	want_banner(image);
	want_mode();
	want_entry(image + SZ_2M, tree_buf(image));
	expect_output();
}

/* Resident or hand-off as the device tree says, whatever the build's default. */
static void test_main_mode_from_dt(void **state)
{
	static const struct {
		int mode;
		const char *source;
	} cases[] = {
		{ BOOT_MODE_RESIDENT, "/chosen hypstub,mode" },
		{ BOOT_MODE_HANDOFF, "/chosen hypstub,mode" },
		{ BOOT_MODE_HANDOFF, "bootargs hypstub.mode=" },
		{ BOOT_MODE_RESIDENT, "bootargs hypstub.mode=" },
		{ BOOT_MODE_RESIDENT, "Kconfig default" },
		{ BOOT_MODE_HANDOFF, "Kconfig default" },
	};
	uint64_t image = make_image(0, PAYLOAD_IMAGE_SIZE);
	uint64_t dtb = addr(16 * SZ_1M);
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		fake_arch_clear_log();
		fake.fdt_dt.mode = cases[i].mode;
		fake.fdt_dt.mode_source = cases[i].source;
		assert_int_equal(run_main(dtb, image), image + SZ_2M);
		want_banner(image);
		want_mode();
		want_entry(image + SZ_2M, tree_buf(image));
		expect_output();
	}
}

#if !STUB_CALLER_AARCH32
static void expect_moved(uint64_t image, uint64_t dtb, uint64_t dest)
{
	const uint8_t *src =
		(const uint8_t *)(uintptr_t)(image + image_info(image)->payload_offset);

	assert_int_equal(run_main(dtb, image), dest);
	assert_memory_equal((const void *)(uintptr_t)dest, src, PAYLOAD_SIZE);
	assert_int_equal(fake.icache_syncs, 1);
	want_banner(image);
	want_mode();
	want("hypstub: moving the payload to 0x%016llx\r\n",
	     (unsigned long long)dest);
	want_entry(dest, tree_buf(image));
	expect_output();
}

static void test_main_moved_when_unaligned(void **state)
{
	/* Image at 64 KiB: payload at +2 MiB 64 KiB, copied to +4 MiB. */
	(void)state;
	expect_moved(make_image(SZ_64K, PAYLOAD_IMAGE_SIZE), addr(16 * SZ_1M),
		     addr(4 * SZ_1M));
}

/* The tree the loader was given is dead once copied: the payload may cover it. */
static void test_main_dtb_not_kept(void **state)
{
	(void)state;
	expect_moved(make_image(SZ_64K, PAYLOAD_IMAGE_SIZE),
		     addr(4 * SZ_1M + 0x8000), addr(4 * SZ_1M));
	fake_arch_clear_log();
	memset(mem + 4 * SZ_1M, 0, PAYLOAD_SIZE);
	assert_int_equal(run_main(addr(2 * SZ_1M + 0x80000),
				  make_image(0, PAYLOAD_IMAGE_SIZE)),
			 addr(2 * SZ_1M));
}

/*
 * The fixed-up tree lies below the payload, in the room the text_offset of
 * an in-place kernel claims: the payload moves above it.
 */
static void test_main_moved_past_tree(void **state)
{
	/* Payload at 0x280000 with text_offset 0x80000: base 0x200000. */
	uint64_t image = make_image_at(0x80000, SZ_2M, 0x80000,
				       PAYLOAD_IMAGE_SIZE);

	(void)state;
	/* The tree at 0xa0000 (the default): in place. */
	assert_int_equal(run_main(addr(16 * SZ_1M), image), addr(0x280000));
	assert_int_equal(fake.icache_syncs, 0);

	/* The tree at 0x210000, inside [base, payload): moved. */
	fake_arch_clear_log();
	fake.fdt_buffer_offset = 0x190000;
	fake.fdt_dt.size = 0x2000;
	expect_moved(image, addr(16 * SZ_1M), addr(0x480000));

	/* From below the base into it: all of the tree counts. */
	fake_arch_clear_log();
	memset(mem + 0x480000, 0, PAYLOAD_SIZE);
	fake.fdt_buffer_offset = 0x178000;	/* the tree at 0x1f8000 */
	fake.fdt_dt.size = 0x8008;
	expect_moved(image, addr(16 * SZ_1M), addr(0x480000));

	/* Ending right at the base is clear of it. */
	fake_arch_clear_log();
	fake.fdt_dt.size = 0x8000;
	assert_int_equal(run_main(addr(16 * SZ_1M), image), addr(0x280000));
	assert_int_equal(fake.icache_syncs, 0);
}
#endif

static void fill_initrd(uint64_t start, uint64_t end)
{
	fake.fdt_dt.initrd.start = addr(start);
	fake.fdt_dt.initrd.end = addr(end);
	memset(mem + start, 0x5c, end - start);
}

static void expect_initrd_kept(uint64_t start, uint64_t end)
{
	uint64_t i;

	for (i = start; i < end; i++) {
		if (mem[i] != 0x5c) {
			fail_msg("the initrd was overwritten at +%#llx",
				 (unsigned long long)(i - start));
		}
	}
}

static void test_main_initrd_elsewhere(void **state)
{
	(void)state;
	/* Clear of the payload: in place. */
	fill_initrd(16 * SZ_1M, 17 * SZ_1M);
	assert_int_equal(run_main(addr(20 * SZ_1M),
				  make_image(0, PAYLOAD_IMAGE_SIZE)),
			 addr(SZ_2M));
	expect_initrd_kept(16 * SZ_1M, 17 * SZ_1M);
}

#if !STUB_CALLER_AARCH32
static void test_main_moved_past_initrd_in_bss(void **state)
{
	/* The initrd lies in the in-place kernel's BSS: moved above it. */
	(void)state;
	fill_initrd(SZ_2M + 0x80000, SZ_2M + 0x90000);
	expect_moved(make_image(0, PAYLOAD_IMAGE_SIZE), addr(16 * SZ_1M),
		     addr(4 * SZ_1M));
	expect_initrd_kept(SZ_2M + 0x80000, SZ_2M + 0x90000);
}

static void test_main_moved_past_initrd_at_dest(void **state)
{
	/* The initrd sits where the unaligned payload would go: 2 MiB on. */
	(void)state;
	fill_initrd(4 * SZ_1M + 0x8000, 4 * SZ_1M + 0x18000);
	expect_moved(make_image(SZ_64K, PAYLOAD_IMAGE_SIZE), addr(16 * SZ_1M),
		     addr(6 * SZ_1M));
	expect_initrd_kept(4 * SZ_1M + 0x8000, 4 * SZ_1M + 0x18000);
}

static void test_main_moved_past_big_initrd(void **state)
{
	/* 5 MiB of initrd from 4 MiB: the next 2 MiB boundary after it. */
	(void)state;
	fill_initrd(4 * SZ_1M, 9 * SZ_1M);
	expect_moved(make_image(SZ_64K, PAYLOAD_IMAGE_SIZE), addr(16 * SZ_1M),
		     addr(10 * SZ_1M));
	expect_initrd_kept(4 * SZ_1M, 9 * SZ_1M);
}

static void test_main_image_size_zero(void **state)
{
	/* No image_size: the file size is the size; an initrd right after fits. */
	uint64_t image = make_image(0, 0);

	(void)state;
	fill_initrd(SZ_2M + PAYLOAD_SIZE, SZ_2M + PAYLOAD_SIZE + SZ_64K);
	assert_int_equal(run_main(addr(16 * SZ_1M), image), image + SZ_2M);
	assert_int_equal(fake.icache_syncs, 0);
	expect_initrd_kept(SZ_2M + PAYLOAD_SIZE, SZ_2M + PAYLOAD_SIZE + SZ_64K);
}

/* In memory when it lies inside any one memory range. */
static void test_main_memory_ranges(void **state)
{
	uint64_t image = make_image(0, PAYLOAD_IMAGE_SIZE);

	(void)state;
	/* Exactly the payload's [base, base + image_size). */
	fake.fdt_dt.memory[0].start = addr(SZ_2M);
	fake.fdt_dt.memory[0].end = addr(3 * SZ_1M);
	assert_int_equal(run_main(addr(16 * SZ_1M), image), image + SZ_2M);

	/* The second of two ranges. */
	fake_arch_clear_log();
	fake.fdt_dt.memory[0].start = addr(0);
	fake.fdt_dt.memory[0].end = addr(SZ_1M);
	fake.fdt_dt.memory[1].start = addr(SZ_2M);
	fake.fdt_dt.memory[1].end = addr(MEM_SIZE);
	fake.fdt_dt.nr_memory = 2;
	assert_int_equal(run_main(addr(16 * SZ_1M), image), image + SZ_2M);
}
#endif

/* Entering the payload instead lands here too, and fails the test. */
#define EXPECT_SYSTEM_OFF(statement)					\
	do {								\
		fake.system_off_jump = &off_jump;			\
		fake.enter_jump = &off_jump;				\
		if (setjmp(off_jump) == 0) {				\
			statement;					\
			fail_msg("returned instead of switching off");	\
		}							\
		fake.system_off_jump = NULL;				\
		fake.enter_jump = NULL;					\
		if (fake.system_off_calls != 1) {			\
			fail_msg("entered the payload at %#llx instead of switching off:\n%s", \
				 (unsigned long long)fake.entered_entry, \
				 fake.uart);				\
		}							\
	} while (0)

#if !STUB_CALLER_AARCH32
/* Switched off with "too little memory", the payload neither moved nor entered. */
static void expect_too_little_memory(uint64_t image, uint64_t base,
				     uint64_t end)
{
	uint64_t dtb = addr(16 * SZ_1M);

	EXPECT_SYSTEM_OFF(boot_main(dtb, image, 1));
	expect_prepared(dtb, image, 1);
	assert_int_equal(fake.enter_el1_calls + fake.boot_soft_restart_calls, 0);
	assert_int_equal(fake.icache_syncs, 0);
	want_banner(image);
	want_mode();
	want("hypstub: the payload needs 0x%016llx..0x%016llx clear of the stub, the device tree and the initrd; memory 0x%016llx..0x%016llx\r\n",
	     (unsigned long long)base, (unsigned long long)end,
	     (unsigned long long)fake.fdt_dt.memory[0].start,
	     (unsigned long long)fake.fdt_dt.memory[0].end);
	want_fail("too little memory for the payload");
	expect_output();
}

static void test_main_too_little_memory(void **state)
{
	uint64_t image = make_image(0, PAYLOAD_IMAGE_SIZE);
	uint8_t zero[PAYLOAD_SIZE];

	(void)state;
	/* In place, but memory ends inside the kernel's image_size. */
	fake.fdt_dt.memory[0].end = addr(SZ_2M + 0x80000);
	expect_too_little_memory(image, addr(SZ_2M), addr(3 * SZ_1M));

	/* In place, but memory starts above it. */
	fake_arch_clear_log();
	fake.fdt_dt.memory[0].start = addr(8 * SZ_1M);
	fake.fdt_dt.memory[0].end = addr(MEM_SIZE);
	expect_too_little_memory(image, addr(SZ_2M), addr(3 * SZ_1M));

	/* Moved past the initrd, to where memory ends 4 KiB too early. */
	fake_arch_clear_log();
	fill_initrd(SZ_2M + 0x80000, SZ_2M + 0x90000);
	fake.fdt_dt.memory[0].start = addr(0);
	fake.fdt_dt.memory[0].end = addr(5 * SZ_1M - SZ_4K);
	expect_too_little_memory(image, addr(4 * SZ_1M), addr(5 * SZ_1M));
	memset(zero, 0, sizeof(zero));
	assert_memory_equal(mem + 4 * SZ_1M, zero, sizeof(zero));

	/* With those 4 KiB it fits exactly. */
	fake_arch_clear_log();
	fake.fdt_dt.memory[0].end = addr(5 * SZ_1M);
	assert_int_equal(run_main(addr(16 * SZ_1M), image), addr(4 * SZ_1M));
}
#endif

/* Failures before the device tree is touched: @why, and nothing else. */
static void expect_main_fails_early(uint64_t image, const char *why)
{
	uint64_t dtb = addr(16 * SZ_1M);

	EXPECT_SYSTEM_OFF(boot_main(dtb, image, 1));
	want_banner(image);
	want_fail(why);
	expect_output();
	assert_int_equal(fake.fdt_prepare_calls, 0);
	assert_int_equal(fake.icache_syncs, 0);
	assert_int_equal(fake.enter_el1_calls + fake.boot_soft_restart_calls, 0);
}

static void test_main_no_payload(void **state)
{
	struct hypstub_info *info;
	uint64_t image;

	(void)state;
	image = make_image(0, PAYLOAD_IMAGE_SIZE);
	info = (struct hypstub_info *)(uintptr_t)(image + HYPSTUB_INFO_OFFSET);
	info->magic = 0;
	expect_main_fails_early(image, "no payload in this image (build it with make image KERNEL=...)");

	fake_arch_clear_log();
	info->magic = HYPSTUB_INFO_MAGIC;
	info->payload_offset = 0;
	expect_main_fails_early(image, "no payload in this image (build it with make image KERNEL=...)");
}

static void test_main_payload_inside_stub(void **state)
{
	static const char why[] =
		"the image says its payload starts inside the stub and loader";
	struct hypstub_info *info;
	uint64_t image;

	(void)state;
	image = make_image(0, PAYLOAD_IMAGE_SIZE);
	info = (struct hypstub_info *)(uintptr_t)(image + HYPSTUB_INFO_OFFSET);
	info->payload_offset = HYPSTUB_INFO_OFFSET;
	expect_main_fails_early(image, why);

	fake_arch_clear_log();
	info->payload_offset = HYPSTUB_STUB_OFFSET + FAKE_STUB_CODE_SIZE;
	expect_main_fails_early(image, why);

	/* One byte short of the end of the loader. */
	fake_arch_clear_log();
	info->payload_offset = fake.fdt_buffer_offset - 1;
	expect_main_fails_early(image, why);
}

#if !STUB_CALLER_AARCH32
static void test_main_payload_offsets(void **state)
{
	uint64_t image, dtb = addr(16 * SZ_1M);

	(void)state;
	/* Right at the end of the loader: no room for the tree. */
	image = make_image_at(0, fake.fdt_buffer_offset, 0, PAYLOAD_IMAGE_SIZE);
	EXPECT_SYSTEM_OFF(boot_main(dtb, image, 1));
	assert_int_equal(fake.fdt_prepare_calls, 1);
	assert_int_equal(fake.fdt_prepare_bufsize, 0);
	want_banner(image);
	want("hypstub: device tree: open with room: FDT_ERR_NOSPACE\r\n");
	want_fail("no room to grow the device tree");
	expect_output();

	/* 1 MiB in: the room up to there, the payload moved to 2 MiB. */
	fake_arch_clear_log();
	memset(mem, 0, 4 * SZ_1M);
	image = make_image_at(0, SZ_1M, 0, PAYLOAD_IMAGE_SIZE);
	expect_moved(image, dtb, addr(SZ_2M));
}
#endif

#if STUB_CALLER_AARCH32
static void test_main_bad_payload(void **state)
{
	uint64_t image, payload;

	(void)state;
	image = make_image(0, PAYLOAD_IMAGE_SIZE);
	payload = image + SZ_2M;
	put32(payload + 0x24, 0);
	expect_main_fails_early(image, "payload has no zImage magic (0x016f2818 at offset 0x24)");

	fake_arch_clear_log();
	put32(payload + 0x24, ZIMAGE_MAGIC);
	put32(payload + 0x30, 0x01020304);
	expect_main_fails_early(image, "payload is a big-endian kernel");

	fake_arch_clear_log();
	put32(payload + 0x30, ZIMAGE_LE);
	put32(payload + 0x28, 0x40008000);
	expect_main_fails_early(image, "payload is a zImage linked to a fixed address (start is not 0)");

	/* The end field against the size the image's info block gives. */
	fake_arch_clear_log();
	put32(payload + 0x28, 0);
	put32(payload + 0x2c, PAYLOAD_SIZE + 1);
	expect_main_fails_early(image, "payload's zImage end field is past the payload");
}
#else
static void test_main_bad_payload(void **state)
{
	struct arm64_image_header *hdr;
	uint64_t image;

	(void)state;
	image = make_image(0, PAYLOAD_IMAGE_SIZE);
	hdr = (struct arm64_image_header *)(uintptr_t)(image + SZ_2M);
	hdr->magic = 0;
	expect_main_fails_early(image, "payload has no arm64 Image magic (ARM\\x64 at offset 56)");

	fake_arch_clear_log();
	hdr->magic = ARM64_IMAGE_MAGIC;
	hdr->flags = ARM64_IMAGE_FLAG_BE;
	expect_main_fails_early(image, "payload is a big-endian kernel");

	fake_arch_clear_log();
	hdr->flags = 0xa;
	hdr->image_size = PAYLOAD_SIZE - 1;
	expect_main_fails_early(image, "payload image_size is smaller than the payload itself");
}
#endif

/* boot_fdt_prepare()'s refusal is the loader's: reported, nothing entered. */
static void test_main_fdt_refused(void **state)
{
	static const char *const whys[] = {
		"the device tree is not valid",
		"no device tree: its address is 0 or not 8-byte aligned",
		"unknown boot mode (resident or handoff)",
		"cannot fix up the device tree",
	};
	uint64_t image = make_image(0, PAYLOAD_IMAGE_SIZE);
	uint64_t dtb = addr(16 * SZ_1M);
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(whys); i++) {
		fake_arch_clear_log();
		fake.fdt_why = whys[i];
		EXPECT_SYSTEM_OFF(boot_main(dtb, image, 1));
		expect_prepared(dtb, image, 1);
		assert_int_equal(fake.enter_el1_calls + fake.boot_soft_restart_calls, 0);
		assert_int_equal(fake.icache_syncs, 0);
		want_banner(image);
		want_fail(whys[i]);
		expect_output();
	}
}

/* Hand-off: a refused HYPSTUB_SOFT_RESTART is reported, never ignored. */
static void test_main_handoff_refused(void **state)
{
	uint64_t image = make_image(0, PAYLOAD_IMAGE_SIZE);
	uint64_t dtb = addr(16 * SZ_1M);

	(void)state;
	fake.fdt_dt.mode = BOOT_MODE_HANDOFF;
	fake.fdt_dt.mode_source = "bootargs hypstub.mode=";
	fake.soft_restart_refuse = 1;
	EXPECT_SYSTEM_OFF(boot_main(dtb, image, 1));
	assert_int_equal(fake.boot_soft_restart_calls, 1);
	assert_int_equal(fake.enter_el1_calls, 0);
	want_banner(image);
	want_mode();
	want_entry(image + SZ_2M, tree_buf(image));
	want("hypstub: " SOFT_RESTART " answered 0x000000000badca11\r\n");
	want_fail("the stub refused to hand " NAME_EL2 " over");
	expect_output();
}

/* ---- entered at EL1: a hypstub below, or nothing -------------------- */

#define BELOW_BASE	(20 * SZ_1M)
#define BELOW_VECTORS	0x7eda0800ULL

/* A hypstub answers below, with ABI @abi and GET_CONFIG flags @config. */
static void stub_below(uint64_t abi, uint64_t config)
{
	const uint64_t uid[4] = {
		HYPSTUB_UID_0, HYPSTUB_UID_1, HYPSTUB_UID_2, HYPSTUB_UID_3,
	};

	memcpy(fake.below_answer[FAKE_BELOW_UID], uid, sizeof(uid));
	fake.below_answer[FAKE_BELOW_ABI][0] = abi;
	fake.below_answer[FAKE_BELOW_CONFIG][1] = config;
	fake.below_answer[FAKE_BELOW_VECTORS][1] = BELOW_VECTORS;
	fake.fdt_below_region.start = addr(BELOW_BASE);
	fake.fdt_below_region.end = addr(BELOW_BASE) + 0x3000;
}

static void want_below(uint64_t abi)
{
	want_len = 0;
	want_text[0] = '\0';
	want("hypstub: entered " AT_EL1 " above a hypstub (ABI 0x%016llx, vectors 0x%016llx): using it\r\n",
	     (unsigned long long)abi, BELOW_VECTORS);
}

static void want_below_region(void)
{
	want("hypstub: the stub below is resident at 0x%016llx..0x%016llx (/hypstub)\r\n",
	     (unsigned long long)fake.fdt_below_region.start,
	     (unsigned long long)fake.fdt_below_region.end);
}

/*
 * Entered at EL1 above a hypstub, in either mode: no second stub, the one
 * below described to the tree pass, the payload kept clear of its region,
 * entered at EL1 or through the stub below's HYPSTUB_SOFT_RESTART.
 */
static void test_main_stub_below(void **state)
{
	static const struct {
		int mode;
		uint64_t config;
	} cases[] = {
		{ BOOT_MODE_RESIDENT, HYPSTUB_CONFIG_PSCI_PROXY },
		{ BOOT_MODE_RESIDENT, HYPSTUB_CONFIG_LEGACY_PRE_4_12 },
		{ BOOT_MODE_HANDOFF, HYPSTUB_CONFIG_PSCI_PROXY },
	};
	uint64_t image, dtb = addr(16 * SZ_1M);
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		setup(NULL);
		image = make_image(0, PAYLOAD_IMAGE_SIZE);
		stub_below(0x10001 + i, cases[i].config);
		fake.fdt_dt.mode = cases[i].mode;
		fake.fdt_dt.mode_source = "bootargs hypstub.mode=";
		assert_int_equal(run_main_from(0, dtb, image), image + SZ_2M);
		assert_int_equal(fake.el2_writes, 0);
		want_below(0x10001 + i);
		want_below_region();
		want_mode();
		want_entry(image + SZ_2M, tree_buf(image));
		expect_output();
	}
}

/* The payload must not land on the stub below: moved past its region. */
#if STUB_CALLER_AARCH32
/*
 * A zImage is never moved: one that would decompress over the stub below
 * is refused, with where, and not entered.
 */
static void test_main_stub_below_in_the_way(void **state)
{
	uint64_t image = make_image(0, PAYLOAD_IMAGE_SIZE);
	uint64_t dtb = addr(16 * SZ_1M);
	const uint64_t start = RAM_BASE + TEST_TEXT_OFFSET;

	(void)state;
	stub_below(HYPSTUB_ABI_VERSION, HYPSTUB_CONFIG_PSCI_PROXY);
	fake.fdt_below_region.start = start + 0x1000;
	fake.fdt_below_region.end = start + 0x4000;
	EXPECT_SYSTEM_OFF(boot_main(dtb, image, 0));
	expect_prepared(dtb, image, 0);
	want_below(HYPSTUB_ABI_VERSION);
	want_below_region();
	want_mode();
	want("hypstub: the kernel decompresses to 0x%016llx..0x%016llx, over 0x%016llx..0x%016llx (the stub, the device tree or the initrd)\r\n",
	     (unsigned long long)start,
	     (unsigned long long)(start + PAYLOAD_IMAGE_SIZE + TEST_BSS),
	     (unsigned long long)fake.fdt_below_region.start,
	     (unsigned long long)fake.fdt_below_region.end);
	want_fail("load the image where the kernel does not decompress over it");
	expect_output();
}
#else
static void test_main_stub_below_in_the_way(void **state)
{
	uint64_t image = make_image(0, PAYLOAD_IMAGE_SIZE);
	uint64_t dtb = addr(16 * SZ_1M);

	(void)state;
	stub_below(HYPSTUB_ABI_VERSION, HYPSTUB_CONFIG_PSCI_PROXY);
	fake.fdt_below_region.start = image + SZ_2M + 0x1000;
	fake.fdt_below_region.end = fake.fdt_below_region.start + 0x3000;
	assert_int_equal(run_main_from(0, dtb, image), image + 2 * SZ_2M);
}
#endif

/* Entered at EL1 with no hypstub below: said so, switched off. */
static void test_main_nothing_below(void **state)
{
	uint64_t image = make_image(0, PAYLOAD_IMAGE_SIZE);
	uint64_t dtb = addr(16 * SZ_1M);
	unsigned int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		fake_arch_clear_log();
		stub_below(HYPSTUB_ABI_VERSION, 0);
		switch (i) {
		case 0:		/* nothing at EL2: the HVC is undefined */
			fake.below_traps = 1;
			break;
		case 1:		/* a hypervisor that is not hypstub */
			fake.below_answer[FAKE_BELOW_UID][2] ^= 1;
			break;
		case 2:		/* hypstub of another major version */
			fake.below_answer[FAKE_BELOW_ABI][0] = 0x20000;
			break;
		default:	/* -1 to the UID query: nothing serves it */
			fake.below_answer[FAKE_BELOW_UID][0] =
				(uint64_t)SMCCC_RET_NOT_SUPPORTED;
			break;
		}
		EXPECT_SYSTEM_OFF(boot_main(dtb, image, 0));
		assert_int_equal(fake.fdt_prepare_calls, 0);
		want_len = 0;
		want_text[0] = '\0';
		want("hypstub: entered " AT_EL1 ", and no hypstub answers below\r\n");
		want_fail("the stub can only be installed from " NAME_EL2);
		expect_output();
		fake.below_traps = 0;
	}
}

#if STUB_CALLER_AARCH32
/* ---- where a zImage decompresses (boot/arm/payload.c) -------------------- */

#define DTB		(RAM_BASE + 16 * SZ_1M)

/*
 * boot_start_payload() of the zImage at @payload (PAYLOAD_SIZE bytes) with
 * @busy, the device tree fake.fdt_dt: 1 when it entered the payload (in
 * place, with the DTB), 0 when it switched off.
 */
static int start_payload(uint64_t payload, const struct boot_range *busy,
			 unsigned int nr_busy)
{
	fake_arch_clear_log();
	fake.enter_jump = &enter_jump;
	fake.system_off_jump = &enter_jump;
	if (setjmp(enter_jump) == 0) {
		boot_start_payload(payload, PAYLOAD_SIZE, busy, nr_busy,
				   &fake.fdt_dt, DTB);
		fail_msg("boot_start_payload returned");
	}
	fake.enter_jump = NULL;
	fake.system_off_jump = NULL;
	if (fake.system_off_calls != 0) {
		assert_int_equal(fake.enter_el1_calls + fake.boot_soft_restart_calls, 0);
		return 0;
	}
	/* Run in place: never moved, so no cache maintenance either. */
	assert_int_equal(fake.entered_entry, payload);
	assert_int_equal(fake.entered_dtb, DTB);
	assert_int_equal(fake.icache_syncs, 0);
	return 1;
}

static void want_over(const struct boot_range *kernel,
		      const struct boot_range *busy)
{
	want("hypstub: the kernel decompresses to 0x%016llx..0x%016llx, over 0x%016llx..0x%016llx (the stub, the device tree or the initrd)\r\n",
	     (unsigned long long)kernel->start, (unsigned long long)kernel->end,
	     (unsigned long long)busy->start, (unsigned long long)busy->end);
	want_fail("load the image where the kernel does not decompress over it");
}

static void want_clear(void)
{
	want_len = 0;
	want_text[0] = '\0';
}

/*
 * Ranges that touch the kernel's [start, end) are clear of it; the stub,
 * tree and initrd may lie anywhere else, the payload itself included
 * (the decompressor moves itself out of the way).
 */
static void test_zimage_clear_of_busy(void **state)
{
	const uint64_t payload = RAM_BASE + SZ_2M;
	struct boot_range kernel;
	struct boot_range busy[3];

	(void)state;
	kernel = write_zimage(payload, PAYLOAD_SIZE, 6, 0x500000, TEST_BSS,
			      TEST_TEXT_OFFSET);
	/* Spelt out: 128 MiB rounding, TEXT_OFFSET, size and bss. */
	assert_int_equal(kernel.start, 0x40208000);
	assert_int_equal(kernel.end, 0x40748000);
	busy[0] = (struct boot_range){ RAM_BASE + SZ_1M, kernel.start };
	busy[1] = (struct boot_range){ kernel.end, kernel.end + SZ_1M };
	busy[2] = (struct boot_range){ payload, payload + PAYLOAD_SIZE };
	assert_true(start_payload(payload, busy, 3));
	want_clear();
	want_entry(payload, DTB);
	expect_output();
}

/* Any overlap, whichever busy range it is, refused naming both. */
static void test_zimage_over_busy(void **state)
{
	const uint64_t payload = RAM_BASE + SZ_2M;
	const struct boot_range kernel = { 0x40208000, 0x40748000 };
	const struct boot_range over[] = {
		{ 0x40207000, 0x40208001 },	/* its first byte */
		{ 0x40747fff, 0x40749000 },	/* its last byte */
		{ 0x40300000, 0x40301000 },	/* inside */
		{ 0x40100000, 0x40800000 },	/* around */
	};
	const struct boot_range clear = {
		RAM_BASE + SZ_1M, RAM_BASE + SZ_1M + 0x1000,
	};
	struct boot_range busy[3];
	size_t i, at;

	(void)state;
	write_zimage(payload, PAYLOAD_SIZE, 6, 0x500000, TEST_BSS,
		     TEST_TEXT_OFFSET);
	for (i = 0; i < ARRAY_SIZE(over); i++) {
		for (at = 0; at < 3; at++) {
			busy[0] = busy[1] = busy[2] = clear;
			busy[at] = over[i];
			assert_false(start_payload(payload, busy, 3));
			want_clear();
			want_over(&kernel, &over[i]);
			expect_output();
		}
	}
}

/*
 * The extension table's word count says whether TEXT_OFFSET is there: 4
 * words (count, "KLSZ", size, bss) leave the default 0x8000.
 */
static void test_zimage_text_offset(void **state)
{
	static const struct {
		uint32_t words, text_offset;
		uint64_t start;
	} cases[] = {
		{ 6, 0x208000, 0x40208000 },
		{ 5, 0x108000, 0x40108000 },
		{ 6, 0x8000, 0x40008000 },
		{ 4, 0x208000, 0x40008000 },
	};
	const uint64_t payload = RAM_BASE + 4 * SZ_1M;
	struct boot_range kernel, busy;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		kernel = write_zimage(payload, PAYLOAD_SIZE, cases[i].words,
				      0x100000, 0, cases[i].text_offset);
		assert_int_equal(kernel.start, cases[i].start);
		assert_int_equal(kernel.end, cases[i].start + 0x100000);
		busy = (struct boot_range){ kernel.start - 0x1000, kernel.start };
		assert_true(start_payload(payload, &busy, 1));
		busy = (struct boot_range){ kernel.start, kernel.start + 1 };
		assert_false(start_payload(payload, &busy, 1));
		want_clear();
		want_over(&kernel, &busy);
		expect_output();
	}
}

/* The decompressor's RAM base: the zImage's address rounded down to 128 MiB. */
static void test_zimage_ram_base(void **state)
{
	static const struct {
		uint64_t payload, start;
	} cases[] = {
		{ 0x40000000, 0x40208000 },
		{ 0x47f00000, 0x40208000 },
		{ 0x48000000, 0x48208000 },
		{ 0x48100000, 0x48208000 },
	};
	const struct boot_range low = { 0x40208000, 0x40209000 };
	struct boot_range kernel;
	size_t i;

	(void)state;
	fake.fdt_dt.memory[0].end = RAM_BASE + RAM_MAP_SIZE;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		kernel = write_zimage(cases[i].payload, PAYLOAD_SIZE, 6, 0x500000,
				      TEST_BSS, TEST_TEXT_OFFSET);
		assert_int_equal(kernel.start, cases[i].start);
		/* Over a range at the low target exactly when it is that one. */
		assert_int_equal(start_payload(cases[i].payload, &low, 1),
				 cases[i].start != low.start);
		memset((void *)(uintptr_t)cases[i].payload, 0, PAYLOAD_SIZE);
	}
}

/*
 * Without a size table the loader cannot tell where the kernel goes: it
 * says so and enters it, whatever is busy.
 */
static void test_zimage_no_size_table(void **state)
{
	static const struct {
		uint32_t offset, value;
	} spoil[] = {
		{ 0x34, 0 },				/* no table magic */
		{ 0x38, TABLE_AT + 1 },			/* a misaligned table */
		{ 0x38, PAYLOAD_SIZE - 12 },		/* a table past the end */
		{ TABLE_AT + 4, ZIMAGE_KLSZ + 1 },	/* not "KLSZ" */
		{ TABLE_AT, 3 },			/* too few words */
		{ TABLE_AT, 0x1000 },			/* more words than the file */
		{ TABLE_AT + 8, PAYLOAD_SIZE - 3 },	/* the size word past the end */
	};
	const uint64_t payload = RAM_BASE + SZ_2M;
	const struct boot_range all = { RAM_BASE, RAM_BASE + MEM_SIZE };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(spoil); i++) {
		write_zimage(payload, PAYLOAD_SIZE, 6, 0x500000, TEST_BSS,
			     TEST_TEXT_OFFSET);
		put32(payload + spoil[i].offset, spoil[i].value);
		assert_true(start_payload(payload, &all, 1));
		want_clear();
		want("hypstub: the zImage has no size table: not checking where it decompresses\r\n");
		want_entry(payload, DTB);
		expect_output();
	}
}

/* The kernel must decompress inside one memory range. */
static void test_zimage_outside_memory(void **state)
{
	const uint64_t payload = RAM_BASE + SZ_2M;
	const struct boot_range kernel = { 0x40208000, 0x40748000 };
	static const struct boot_range short_of[] = {
		{ RAM_BASE, 0x40747fff },		/* ends a byte early */
	};
	size_t i;

	(void)state;
	write_zimage(payload, PAYLOAD_SIZE, 6, 0x500000, TEST_BSS,
		     TEST_TEXT_OFFSET);
	for (i = 0; i < ARRAY_SIZE(short_of); i++) {
		fake.fdt_dt.memory[0] = short_of[i];
		fake.fdt_dt.nr_memory = 1;
		assert_false(start_payload(payload, NULL, 0));
		want_clear();
		want("hypstub: the kernel decompresses to 0x%016llx..0x%016llx, outside memory\r\n",
		     (unsigned long long)kernel.start,
		     (unsigned long long)kernel.end);
		want_fail("too little memory for the payload");
		expect_output();
	}
	/* Exactly it, as the second of two ranges. */
	fake.fdt_dt.memory[1] = kernel;
	fake.fdt_dt.nr_memory = 2;
	assert_true(start_payload(payload, NULL, 0));
	/*
	 * Memory that starts past the 128 MiB guess: the decompressor (Linux
	 * 5.12 on) takes the tree's memory start instead, and so does the
	 * check: the kernel lands at that start + TEXT_OFFSET, inside.
	 */
	fake.fdt_dt.memory[0].start = 0x40209000;
	fake.fdt_dt.memory[0].end = RAM_BASE + MEM_SIZE;
	fake.fdt_dt.nr_memory = 1;
	assert_true(start_payload(payload, NULL, 0));
}

/*
 * Through boot_main(): loaded where QEMU's -kernel (RAM + 64 KiB) or
 * U-Boot (RAM + 1 MiB) put it, the kernel decompresses above the stub and
 * the tree; loaded where the stub lands on the kernel's TEXT_OFFSET, it
 * is refused, with the stub's region named.
 */
static void test_main_decompresses_over_stub(void **state)
{
	static const uint64_t clear[] = { SZ_64K, SZ_1M };
	const uint64_t dtb = addr(16 * SZ_1M);
	const struct boot_range kernel = {
		RAM_BASE + TEST_TEXT_OFFSET,
		RAM_BASE + TEST_TEXT_OFFSET + PAYLOAD_IMAGE_SIZE + TEST_BSS,
	};
	struct boot_range stub;
	uint64_t image;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(clear); i++) {
		setup(NULL);
		image = make_image(clear[i], PAYLOAD_IMAGE_SIZE);
		assert_int_equal(run_main(dtb, image), image + SZ_2M);
		want_banner(image);
		want_mode();
		want_entry(image + SZ_2M, tree_buf(image));
		expect_output();
	}

	/* The stub's region from the kernel's first page. */
	setup(NULL);
	image = make_image(TEST_TEXT_OFFSET - HYPSTUB_STUB_OFFSET,
			   PAYLOAD_IMAGE_SIZE);
	EXPECT_SYSTEM_OFF(boot_main(dtb, image, 1));
	expect_prepared(dtb, image, 1);
	stub = stub_region(image);
	assert_int_equal(stub.start, kernel.start);
	want_banner(image);
	want_mode();
	/* In either mode: the loader hands over through the stub. */
	want_over(&kernel, &stub);
	expect_output();
}
#endif

static void test_fail(void **state)
{
	(void)state;
	EXPECT_SYSTEM_OFF(boot_fail("why not"));
	assert_string_equal(fake.uart, "hypstub: why not\r\n" FAIL_TAIL);
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
		assert_non_null(strstr(fake.uart, "the stub can only be installed from " NAME_EL2));
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
#if STUB_CALLER_AARCH32
		cmocka_unit_test_setup(test_check_payload_fixed_address, setup),
		cmocka_unit_test_setup(test_check_payload_bad_end, setup),
#else
		cmocka_unit_test_setup(test_check_payload_bad_text_offset, setup),
		cmocka_unit_test_setup(test_check_payload_image_size_too_small, setup),
		cmocka_unit_test_setup(test_place_in_place, setup),
		cmocka_unit_test_setup(test_place_moved_when_unaligned, setup),
		cmocka_unit_test_setup(test_place_moved_skips_busy, setup),
		cmocka_unit_test_setup(test_place_in_place_overlapping_busy, setup),
		cmocka_unit_test_setup(test_place_multiple_busy, setup),
		cmocka_unit_test_setup(test_place_matches_contract, setup),
		cmocka_unit_test_setup(test_place_no_room_at_top, setup),
#endif
		cmocka_unit_test_setup(test_relocate_relative, setup),
		cmocka_unit_test_setup(test_relocate_refuses_other_types, setup),
		cmocka_unit_test_setup(test_main_in_place, setup),
		cmocka_unit_test_setup(test_main_mode_from_dt, setup),
#if STUB_CALLER_AARCH32
		cmocka_unit_test_setup(test_zimage_clear_of_busy, setup),
		cmocka_unit_test_setup(test_zimage_over_busy, setup),
		cmocka_unit_test_setup(test_zimage_text_offset, setup),
		cmocka_unit_test_setup(test_zimage_ram_base, setup),
		cmocka_unit_test_setup(test_zimage_no_size_table, setup),
		cmocka_unit_test_setup(test_zimage_outside_memory, setup),
		cmocka_unit_test_setup(test_main_decompresses_over_stub, setup),
		cmocka_unit_test_setup(test_main_initrd_elsewhere, setup),
#else
		cmocka_unit_test_setup(test_main_moved_when_unaligned, setup),
		cmocka_unit_test_setup(test_main_dtb_not_kept, setup),
		cmocka_unit_test_setup(test_main_moved_past_tree, setup),
		cmocka_unit_test_setup(test_main_initrd_elsewhere, setup),
		cmocka_unit_test_setup(test_main_moved_past_initrd_in_bss, setup),
		cmocka_unit_test_setup(test_main_moved_past_initrd_at_dest, setup),
		cmocka_unit_test_setup(test_main_moved_past_big_initrd, setup),
		cmocka_unit_test_setup(test_main_image_size_zero, setup),
		cmocka_unit_test_setup(test_main_memory_ranges, setup),
		cmocka_unit_test_setup(test_main_too_little_memory, setup),
#endif
		cmocka_unit_test_setup(test_main_no_payload, setup),
		cmocka_unit_test_setup(test_main_payload_inside_stub, setup),
#if !STUB_CALLER_AARCH32
		cmocka_unit_test_setup(test_main_payload_offsets, setup),
#endif
		cmocka_unit_test_setup(test_main_bad_payload, setup),
		cmocka_unit_test_setup(test_main_fdt_refused, setup),
		cmocka_unit_test_setup(test_main_handoff_refused, setup),
		cmocka_unit_test_setup(test_main_stub_below, setup),
		cmocka_unit_test_setup(test_main_stub_below_in_the_way, setup),
		cmocka_unit_test_setup(test_main_nothing_below, setup),
		cmocka_unit_test_setup(test_fail, setup),
		cmocka_unit_test_setup(test_fail_wrong_el, setup),
		cmocka_unit_test_setup(test_fail_no_slot, setup),
	};

	return cmocka_run_group_tests_name(STUB_CALLER_AARCH32 ?
					   "loader (arm)" : "loader", tests,
					   group_setup, group_teardown);
}
