// SPDX-License-Identifier: BSD-2-Clause
/*
 * The loader, at EL1 above the freshly installed stub, or above a hypstub
 * it found below when the image was entered at EL1 (kexec from a resident
 * kernel, U-Boot with hypstub inside): checks the payload packed by `make
 * image`, puts it where an arm64 kernel must be, and enters it the way the
 * boot mode says.  Any problem is reported and the machine is switched
 * off: a payload is never entered half-prepared.
 */
#include "boot.h"

const char *boot_check_payload(const struct arm64_image_header *hdr,
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

const char *boot_relocate(uint64_t base, const struct boot_rela *rela,
			  const struct boot_rela *end)
{
	for (; rela < end; rela++) {
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

void boot_fail(const char *why)
{
	stub_puts("hypstub: ");
	stub_puts(why);
	stub_puts("\nhypstub: not entering the payload; switching off\n");
	boot_system_off();
}

void boot_fail_wrong_el(uint64_t el)
{
	stub_puts("hypstub: entered at EL");
	arch_uart_putc((char)('0' + (el & 3)));
	stub_puts("\n");
	boot_fail("the stub can only be installed from EL2");
}

void boot_fail_no_slot(void)
{
	stub_puts("hypstub: boot CPU MPIDR ");
	stub_put_hex(arch_read_mpidr());
	stub_puts("\n");
	boot_fail("no stub slot for the boot CPU");
}

uint64_t boot_page_size(uint64_t flags)
{
	static const uint64_t sizes[] = { 0x10000, 0x1000, 0x4000, 0x10000 };

	return sizes[(flags >> 1) & 3];
}

void boot_stub_region(struct boot_stub *stub)
{
	uint64_t page = stub->page_size;

	uint64_t end = stub->region.start + ((uint64_t)stub_cpus_end() - boot_stub_start());

	stub->region.start &= ~(page - 1);
	stub->region.end = (end + page - 1) & ~(page - 1);
}

int boot_find_stub(struct boot_stub *stub)
{
	uint64_t r[4];

	if (!boot_hvc_probe(HYPSTUB_VENDOR_UID, 0, r) || r[0] != HYPSTUB_UID_0 ||
	    r[1] != HYPSTUB_UID_1 || r[2] != HYPSTUB_UID_2 ||
	    r[3] != HYPSTUB_UID_3) {
		return 0;
	}
	/* A major version other than 1 is another ABI: not ours to use. */
	boot_hvc_probe(HYPSTUB_GET_ABI_VERSION, 0, r);
	if ((r[0] >> 16) != HYPSTUB_ABI_VERSION_MAJOR) {
		return 0;
	}
	stub->abi_version = r[0];
	boot_hvc_probe(HYPSTUB_GET_CONFIG, 0, r);
	stub->psci_proxy = r[0] == SMCCC_RET_SUCCESS &&
			   (r[1] & HYPSTUB_CONFIG_PSCI_PROXY) != 0;
	boot_hvc_probe(HYPSTUB_GET_VECTORS, 0, r);
	stub->vectors = r[0] == SMCCC_RET_SUCCESS ? r[1] : 0;
	stub->below = 1;
	return 1;
}

void boot_enter(uint64_t entry, uint64_t dtb, int mode)
{
	uint64_t answer;

	stub_puts("hypstub: entering the payload at ");
	stub_put_hex(entry);
	if (mode == BOOT_MODE_HANDOFF) {
		stub_puts(" at EL2 (hand-off through HYPSTUB_SOFT_RESTART), DTB ");
		stub_put_hex(dtb);
		stub_puts("\n");
		answer = boot_soft_restart(entry, dtb);
		stub_puts("hypstub: HYPSTUB_SOFT_RESTART answered ");
		stub_put_hex(answer);
		stub_puts("\n");
		boot_fail("the stub refused to hand EL2 over");
	}
	stub_puts(" at EL1, DTB ");
	stub_put_hex(dtb);
	stub_puts("\n");
	boot_enter_el1(entry, dtb);
}

static void boot_put_dec(uint64_t value)
{
	char digits[21];
	int i = sizeof(digits) - 1;

	digits[i] = '\0';
	do {
		digits[--i] = (char)('0' + value % 10);
		value /= 10;
	} while (value != 0);
	stub_puts(&digits[i]);
}

static void boot_put_range(const char *what, uint64_t start, uint64_t end)
{
	stub_puts(what);
	stub_put_hex(start);
	stub_puts("..");
	stub_put_hex(end);
}

/* Whether [start, end) lies inside one of the memory ranges. */
static int boot_in_memory(const struct boot_dt *dt, uint64_t start,
			  uint64_t end)
{
	unsigned int i;

	for (i = 0; i < dt->nr_memory; i++) {
		if (start >= dt->memory[i].start && end <= dt->memory[i].end) {
			return 1;
		}
	}
	return 0;
}

void boot_main(uint64_t dtb, uint64_t image_base, int installed)
{
	const struct hypstub_info *info =
		(const struct hypstub_info *)(uintptr_t)(image_base +
							 HYPSTUB_INFO_OFFSET);
	const struct arm64_image_header *hdr;
	struct boot_range busy[3];
	/* The loader runs once, on the boot CPU: no stack for these. */
	static struct boot_stub stub;
	static struct boot_dt dt;
	uint64_t payload, size, dest, image_end, fdt_buf;
	const char *why;

	if (installed) {
		stub.abi_version = HYPSTUB_ABI_VERSION;
		stub.psci_proxy = IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY);
		stub.below = 0;
		stub_puts("hypstub: stub installed at EL2, vectors ");
		stub_put_hex(arch_stub_vectors());
		stub_puts("\n");
	} else if (boot_find_stub(&stub)) {
		/* No second copy: the payload is booted above the stub below. */
		stub_puts("hypstub: entered at EL1 above a hypstub (ABI ");
		stub_put_hex(stub.abi_version);
		stub_puts(", vectors ");
		stub_put_hex(stub.vectors);
		stub_puts("): using it\n");
	} else {
		stub_puts("hypstub: entered at EL1, and no hypstub answers below\n");
		boot_fail("the stub can only be installed from EL2");
	}

	if (info->magic != HYPSTUB_INFO_MAGIC || info->payload_offset == 0) {
		boot_fail("no payload in this image (build it with make image KERNEL=...)");
	}
	/* The device tree is fixed up in the room between loader and payload. */
	fdt_buf = boot_fdt_buffer(image_base);
	if (info->payload_offset < fdt_buf - image_base) {
		boot_fail("the image says its payload starts inside the stub and loader");
	}
	payload = image_base + info->payload_offset;
	size = info->payload_size;
	hdr = (const struct arm64_image_header *)(uintptr_t)payload;
	why = boot_check_payload(hdr, size);
	if (why != NULL) {
		boot_fail(why);
	}
	if (hdr->image_size != 0) {
		size = hdr->image_size;
	}
	if (installed) {
		/* So far the boot CPU's slot: the device-tree pass adds the others. */
		stub.region.start = image_base + HYPSTUB_STUB_OFFSET;
		stub.page_size = boot_page_size(hdr->flags);
		boot_stub_region(&stub);
	}

	why = boot_fdt_prepare(dtb, (void *)(uintptr_t)fdt_buf,
			       image_base + info->payload_offset - fdt_buf,
			       &stub, &dt);
	if (why != NULL) {
		boot_fail(why);
	}
	if (stub.below) {
		boot_put_range("hypstub: the stub below is resident at ",
			       stub.region.start, stub.region.end);
		stub_puts(" (/hypstub)\n");
	} else if (dt.mode == BOOT_MODE_RESIDENT) {
		stub_puts("hypstub: serving ");
		boot_put_dec(stub_cpus_count());
		stub_puts(" CPUs (/cpus)");
		boot_put_range(", resident ", stub.region.start, stub.region.end);
		stub_puts(" (");
		boot_put_dec((stub.region.end - stub.region.start) / 1024);
		stub_puts(" KiB)\n");
	}
	stub_puts("hypstub: mode ");
	stub_puts(dt.mode == BOOT_MODE_HANDOFF ? "handoff" : "resident");
	stub_puts(" (from ");
	stub_puts(dt.mode_source);
	stub_puts(")\n");

	/* The stub, the tree and the initrd must survive the payload's move. */
	image_end = payload + info->payload_size;
	busy[0] = stub.region;
	busy[1].start = fdt_buf;
	busy[1].end = fdt_buf + dt.size;
	busy[2] = dt.initrd;
	dest = boot_place_payload(payload, hdr->text_offset, size, image_end,
				  busy, 3);
	if (dest == 0 ||
	    !boot_in_memory(&dt, dest - hdr->text_offset, dest + size)) {
		boot_put_range("hypstub: the payload needs ", dest - hdr->text_offset,
			       dest + size);
		boot_put_range(" clear of the stub, the device tree and the initrd; memory ",
			       dt.memory[0].start, dt.memory[0].end);
		stub_puts("\n");
		boot_fail("too little memory for the payload");
	}
	if (dest != payload) {
		stub_puts("hypstub: moving the payload to ");
		stub_put_hex(dest);
		stub_puts("\n");
		boot_copy(dest, payload, info->payload_size);
		boot_sync_icache();
	}
	boot_enter(dest, fdt_buf, dt.mode);
}
