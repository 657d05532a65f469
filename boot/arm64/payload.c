// SPDX-License-Identifier: BSD-2-Clause
/*
 * The loader's arm64 part: the payload is an arm64 Image (booting.rst),
 * run 2 MiB aligned plus its text_offset, moved there when the packed copy
 * is not; and the loader's own relocations, R_AARCH64_RELATIVE.
 */
#include "boot/boot.h"

/* NULL when @hdr is an arm64 Image this loader can enter, else why not. */
static const char *boot_check_image(const struct arm64_image_header *hdr,
				    uint64_t file_size)
{
	if (file_size < ARM64_IMAGE_HEADER_SIZE) {
		return "payload is smaller than an arm64 Image header";
	}
	if (hdr->magic != ARM64_IMAGE_MAGIC) {
		return "payload has no arm64 Image magic (ARM\\x64 at offset 56)";
	}
	if (hdr->flags & ARM64_IMAGE_FLAG_BE) {
		return "payload is a big-endian kernel";
	}
	if (hdr->text_offset % 4096 != 0 ||
	    hdr->text_offset >= ARM64_IMAGE_ALIGN) {
		return "payload text_offset is not a page multiple below 2 MiB";
	}
	if (hdr->image_size != 0 && hdr->image_size < file_size) {
		return "payload image_size is smaller than the payload itself";
	}
	return NULL;
}

const char *boot_check_payload(uint64_t payload, uint64_t file_size,
			       uint64_t *page_size)
{
	const struct arm64_image_header *hdr =
		(const struct arm64_image_header *)(uintptr_t)payload;
	const char *why = boot_check_image(hdr, file_size);

	if (why == NULL) {
		*page_size = boot_page_size(hdr->flags);
	}
	return why;
}

const char *boot_relocate(uint64_t base, const void *start, const void *end)
{
	const struct boot_rela *rela = start;

	for (; rela < (const struct boot_rela *)end; rela++) {
		if ((uint32_t)rela->info != R_AARCH64_RELATIVE) {
			return "the loader has a relocation it cannot apply";
		}
		*(volatile uint64_t *)(uintptr_t)(base + rela->offset) =
			base + (uint64_t)rela->addend;
	}
	return NULL;
}

static int boot_overlaps(uint64_t start, uint64_t end,
			 const struct boot_range *r)
{
	return start < r->end && r->start < end;
}

static uint64_t boot_align_up(uint64_t value)
{
	return (value + ARM64_IMAGE_ALIGN - 1) & ~(uint64_t)(ARM64_IMAGE_ALIGN - 1);
}

uint64_t boot_place_payload(uint64_t current, uint64_t text_offset,
			    uint64_t size, uint64_t lowest,
			    const struct boot_range *busy, unsigned int nr_busy)
{
	uint64_t base = current - text_offset;
	unsigned int i = 0;

	/* In place when the packer's 2 MiB offset landed on a 2 MiB boundary. */
	if (base % ARM64_IMAGE_ALIGN != 0) {
		base = boot_align_up(lowest);
		if (base < lowest) {
			return 0;	/* rounding up wrapped past 2^64 */
		}
	}
	while (i < nr_busy) {
		if (!boot_overlaps(base, base + text_offset + size, &busy[i])) {
			i++;
			continue;
		}
		/* Never below @lowest: the copy must not hit its source. */
		base = boot_align_up(busy[i].end > lowest ? busy[i].end : lowest);
		if (base < busy[i].end) {
			return 0;	/* rounding up wrapped past 2^64 */
		}
		i = 0;			/* check every range again */
	}
	if (base + text_offset + size < base) {
		return 0;		/* the payload would run past 2^64 */
	}
	return base + text_offset;
}

static void boot_copy(uint64_t dest, uint64_t src, uint64_t size)
{
	volatile uint64_t *d = (volatile uint64_t *)(uintptr_t)dest;
	const volatile uint64_t *s = (const volatile uint64_t *)(uintptr_t)src;
	uint64_t i;

	/* dest lies above src (see boot_place_payload): copy from the top. */
	for (i = (size + 7) / 8; i > 0; i--) {
		d[i - 1] = s[i - 1];
	}
}

uint64_t boot_page_size(uint64_t flags)
{
	static const uint64_t sizes[] = { 0x10000, 0x1000, 0x4000, 0x10000 };

	return sizes[(flags >> 1) & 3];
}

/*
 * The Image is moved where it must run by boot_start_payload(), which
 * keeps it clear of the stub's region wherever that is: nothing to say in
 * advance.
 */
const char *boot_payload_target(uint64_t payload, const struct boot_dt *dt,
				struct boot_range *target)
{
	(void)payload;
	(void)dt;
	target->start = 0;
	target->end = 0;
	return NULL;
}

void boot_start_payload(uint64_t payload, uint64_t file_size,
			const struct boot_range *busy, unsigned int nr_busy,
			const struct boot_dt *dt, uint64_t dtb)
{
	const struct arm64_image_header *hdr =
		(const struct arm64_image_header *)(uintptr_t)payload;
	uint64_t size = hdr->image_size != 0 ? hdr->image_size : file_size;
	uint64_t dest;

	dest = boot_place_payload(payload, hdr->text_offset, size,
				  payload + file_size, busy, nr_busy);
	if (dest == 0 ||
	    !boot_in_memory(dt, dest - hdr->text_offset, dest + size)) {
		boot_put_range("hypstub: the payload needs ", dest - hdr->text_offset,
			       dest + size);
		boot_put_range(" clear of the stub, the device tree and the initrd; memory ",
			       dt->memory[0].start, dt->memory[0].end);
		stub_puts("\n");
		boot_fail("too little memory for the payload");
	}
	if (dest != payload) {
		stub_puts("hypstub: moving the payload to ");
		stub_put_hex(dest);
		stub_puts("\n");
		boot_copy(dest, payload, file_size);
		boot_sync_icache();
	}
	boot_enter(dest, dtb, dt->mode);
}
