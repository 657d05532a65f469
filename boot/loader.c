// SPDX-License-Identifier: BSD-2-Clause
/*
 * The loader, at EL1 above the freshly installed stub, or above a hypstub
 * it found below when the image was entered at EL1 (kexec from a resident
 * kernel, U-Boot with hypstub inside): checks the payload packed by `make
 * image` (the architecture's boot_check_payload()), and has it placed and
 * entered the way the boot mode says (boot_start_payload()).  Any problem is reported and the machine is switched
 * off: a payload is never entered half-prepared.
 */
#include "boot.h"

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
	boot_fail("the stub can only be installed from " STUB_NAME_EL2);
}

void boot_fail_no_slot(void)
{
	stub_puts("hypstub: boot CPU MPIDR ");
	stub_put_hex(arch_read_mpidr());
	stub_puts("\n");
	boot_fail("no stub slot for the boot CPU");
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
	boot_hvc_probe(STUB_ID_GET_VECTORS, 0, r);
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
		stub_puts(" " STUB_AT_EL2 " (hand-off through " STUB_NAME_SOFT_RESTART "), DTB ");
		stub_put_hex(dtb);
		stub_puts("\n");
		answer = boot_soft_restart(entry, dtb);
		stub_puts("hypstub: HYPSTUB_SOFT_RESTART answered ");
		stub_put_hex(answer);
		stub_puts("\n");
		boot_fail("the stub refused to hand " STUB_NAME_EL2 " over");
	}
	stub_puts(" " STUB_AT_EL1 ", DTB ");
	stub_put_hex(dtb);
	stub_puts("\n");
	boot_enter_el1(entry, dtb);
}

/* Counts and sizes: a native word (AArch32 has no 64-bit division). */
static void boot_put_dec(unsigned long value)
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

void boot_put_range(const char *what, uint64_t start, uint64_t end)
{
	stub_puts(what);
	stub_put_hex(start);
	stub_puts("..");
	stub_put_hex(end);
}

int boot_in_memory(const struct boot_dt *dt, uint64_t start,
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
	struct boot_range busy[3];
	/* The loader runs once, on the boot CPU: no stack for these. */
	static struct boot_stub stub;
	static struct boot_dt dt;
	uint64_t payload, page_size, fdt_buf;
	const char *why;

	if (installed) {
		stub.abi_version = HYPSTUB_ABI_VERSION;
		stub.psci_proxy = IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY);
		stub.below = 0;
		stub_puts("hypstub: stub installed " STUB_AT_EL2 ", vectors ");
		stub_put_hex(arch_stub_vectors());
		stub_puts("\n");
	} else if (boot_find_stub(&stub)) {
		/* No second copy: the payload is booted above the stub below. */
		stub_puts("hypstub: entered " STUB_AT_EL1 " above a hypstub (ABI ");
		stub_put_hex(stub.abi_version);
		stub_puts(", vectors ");
		stub_put_hex(stub.vectors);
		stub_puts("): using it\n");
	} else {
		stub_puts("hypstub: entered " STUB_AT_EL1 ", and no hypstub answers below\n");
		boot_fail("the stub can only be installed from " STUB_NAME_EL2);
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
	why = boot_check_payload(payload, info->payload_size, &page_size);
	if (why != NULL) {
		boot_fail(why);
	}
	if (installed) {
		/* So far the boot CPU's slot: the device-tree pass adds the others. */
		stub.region.start = image_base + HYPSTUB_STUB_OFFSET;
		stub.page_size = page_size;
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
		boot_put_dec((unsigned long)stub_cpus_count());
		stub_puts(" CPUs (/cpus)");
		boot_put_range(", resident ", stub.region.start, stub.region.end);
		stub_puts(" (");
		boot_put_dec((unsigned long)(stub.region.end - stub.region.start) / 1024);
		stub_puts(" KiB)\n");
	}
	stub_puts("hypstub: mode ");
	stub_puts(dt.mode == BOOT_MODE_HANDOFF ? "handoff" : "resident");
	stub_puts(" (from ");
	stub_puts(dt.mode_source);
	stub_puts(")\n");

	/* The stub, the tree and the initrd must survive the payload. */
	busy[0] = stub.region;
	busy[1].start = fdt_buf;
	busy[1].end = fdt_buf + dt.size;
	busy[2] = dt.initrd;
	boot_start_payload(payload, info->payload_size, busy, 3, &dt, fdt_buf);
}
