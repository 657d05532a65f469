// SPDX-License-Identifier: BSD-2-Clause
/*
 * The loader's AArch32 part: the payload is a zImage
 * (Documentation/arm/booting.rst), position independent and run in place;
 * its decompressor writes the kernel at the RAM base it guesses (the
 * entry address rounded down to 128 MiB) plus TEXT_OFFSET, which must
 * miss the stub, the device tree and the initrd.  The loader's own
 * relocations are R_ARM_RELATIVE.
 */
#include "boot/boot.h"

#define ZIMAGE_MAGIC		0x016f2818
#define ZIMAGE_LE		0x04030201
#define ZIMAGE_TABLE_MAGIC	0x45454545
#define ZIMAGE_TAG_KLSZ		0x5a534c4b	/* kernel size, bss size, ... */
/*
 * Where the decompressor puts the kernel: the RAM base it guesses (its
 * entry rounded down to 128 MiB, or the device tree's lowest memory start
 * when that guess is not memory: Linux 5.12 on), + TEXT_OFFSET.
 */
#define ZIMAGE_RAM_BASE_MASK	0xf8000000U
#define ZIMAGE_TEXT_OFFSET	0x8000U	/* when the table does not say */

struct zimage_header {
	uint32_t code[9];
	uint32_t magic;		/* 0x24 */
	uint32_t start;		/* 0x28: 0 for a position-independent zImage */
	uint32_t end;		/* 0x2c: its size then */
	uint32_t endian;	/* 0x30 */
	uint32_t table_magic;	/* 0x34 */
	uint32_t table;		/* 0x38: offset of the extension table */
};

/* A little-endian word at any alignment (the MMU is off: no unaligned loads). */
static uint32_t boot_read32(uint64_t address)
{
	const volatile uint8_t *p = (const volatile uint8_t *)(uintptr_t)address;

	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

const char *boot_check_payload(uint64_t payload, uint64_t file_size,
			       uint64_t *page_size)
{
	const struct zimage_header *hdr =
		(const struct zimage_header *)(uintptr_t)payload;

	if (file_size < sizeof(*hdr)) {
		return "payload is smaller than a zImage header";
	}
	if (hdr->magic != ZIMAGE_MAGIC) {
		return "payload has no zImage magic (0x016f2818 at offset 0x24)";
	}
	if (hdr->endian != ZIMAGE_LE) {
		return "payload is a big-endian kernel";
	}
	if (hdr->start != 0) {
		return "payload is a zImage linked to a fixed address (start is not 0)";
	}
	if (hdr->end < sizeof(*hdr) || hdr->end > file_size) {
		return "payload's zImage end field is past the payload";
	}
	*page_size = 0x1000;
	return NULL;
}

/*
 * Where the decompressor will write the kernel, from the zImage's
 * extension table: a tag of @words words in all, its first the count, its
 * second "KLSZ", then the offset of the (unaligned) word that holds the
 * decompressed size, the bss size and TEXT_OFFSET.  0 when the zImage has
 * no such table.
 */
static int boot_zimage_target(uint64_t payload, const struct boot_dt *dt,
			      struct boot_range *kernel)
{
	const struct zimage_header *hdr =
		(const struct zimage_header *)(uintptr_t)payload;
	uint64_t table = payload + hdr->table;
	uint32_t words, size_at, size, bss, text_offset = ZIMAGE_TEXT_OFFSET;
	uint64_t base, lowest = 0;
	unsigned int i;

	if (hdr->table_magic != ZIMAGE_TABLE_MAGIC ||
	    (uint64_t)hdr->table + 16 > hdr->end || (hdr->table & 3) != 0) {
		return 0;
	}
	words = boot_read32(table);
	if (boot_read32(table + 4) != ZIMAGE_TAG_KLSZ || words < 4 ||
	    hdr->table + 4 * (uint64_t)words > hdr->end) {
		return 0;
	}
	size_at = boot_read32(table + 8);
	bss = boot_read32(table + 12);
	if (words >= 5) {
		text_offset = boot_read32(table + 16);
	}
	if ((uint64_t)size_at + 4 > hdr->end) {
		return 0;
	}
	size = boot_read32(payload + size_at);
	base = payload & ZIMAGE_RAM_BASE_MASK;
	if (!boot_in_memory(dt, base, base + 1)) {
		for (i = 0; i < dt->nr_memory; i++) {
			if (i == 0 || dt->memory[i].start < lowest) {
				lowest = dt->memory[i].start;
			}
		}
		base = dt->nr_memory != 0 ? lowest : base;
	}
	kernel->start = base + text_offset;
	kernel->end = kernel->start + size + bss;
	return 1;
}

const char *boot_payload_target(uint64_t payload, const struct boot_dt *dt,
				struct boot_range *kernel)
{
	if (!boot_zimage_target(payload, dt, kernel)) {
		kernel->start = 0;
		kernel->end = 0;
		return NULL;
	}
	if (!boot_in_memory(dt, kernel->start, kernel->end)) {
		boot_put_range("hypstub: the kernel decompresses to ",
			       kernel->start, kernel->end);
		stub_puts(", outside memory\n");
		return "too little memory for the payload";
	}
	return NULL;
}

void boot_start_payload(uint64_t payload, uint64_t file_size,
			const struct boot_range *busy, unsigned int nr_busy,
			const struct boot_dt *dt, uint64_t dtb)
{
	struct boot_range kernel;
	const char *why;
	unsigned int i;

	(void)file_size;
	why = boot_payload_target(payload, dt, &kernel);
	if (why != NULL) {
		boot_fail(why);
	}
	if (kernel.end == 0) {
		stub_puts("hypstub: the zImage has no size table: not checking where it decompresses\n");
	} else {
		for (i = 0; i < nr_busy; i++) {
			if (kernel.start < busy[i].end && busy[i].start < kernel.end) {
				boot_put_range("hypstub: the kernel decompresses to ",
					       kernel.start, kernel.end);
				boot_put_range(", over ", busy[i].start, busy[i].end);
				stub_puts(" (the stub, the device tree or the initrd)\n");
				boot_fail("load the image where the kernel does not decompress over it");
			}
		}
	}
	boot_enter(payload, dtb, dt->mode);
}

const char *boot_relocate(uint64_t base, const void *start, const void *end)
{
	const struct boot_rel *rel = start;

	for (; rel < (const struct boot_rel *)end; rel++) {
		if ((rel->info & 0xff) != R_ARM_RELATIVE) {
			return "the loader has a relocation it cannot apply";
		}
		*(volatile uint32_t *)(uintptr_t)(base + rel->offset) += (uint32_t)base;
	}
	return NULL;
}
