// SPDX-License-Identifier: BSD-2-Clause
/*
 * The loader, at EL1 above the freshly installed stub, or above a hypstub
 * it found below when the image was entered at EL1 (kexec from a resident
 * kernel, U-Boot with hypstub inside): checks the payload packed by `make
 * image` (the architecture's boot_check_payload()), and has it placed and
 * entered the way the boot mode says (boot_start_payload()).  Any problem is reported and the machine is switched
 * off: a payload is never entered half-prepared.
 */
#include <string.h>

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
		stub_puts("hypstub: " STUB_NAME_SOFT_RESTART " answered ");
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

int boot_place_top(const struct boot_range *memory, unsigned int nr_memory,
		   const struct boot_range *avoid, unsigned int nr_avoid,
		   uint64_t size, uint64_t align, uint64_t limit, uint64_t *base)
{
	uint64_t top, lowest, candidate;
	unsigned int i, j;
	int found = 0, hit;

	for (i = 0; i < nr_memory; i++) {
		top = memory[i].end;
		if (limit != 0 && top > limit) {
			top = limit;
		}
		/* Each round lowers top below an obstacle's start: it ends. */
		while (top >= memory[i].start && top - memory[i].start >= size) {
			candidate = (top - size) & ~(align - 1);
			if (candidate < memory[i].start) {
				break;
			}
			hit = 0;
			lowest = top;
			for (j = 0; j < nr_avoid; j++) {
				if (avoid[j].start < avoid[j].end &&
				    avoid[j].start < candidate + size &&
				    candidate < avoid[j].end) {
					hit = 1;
					lowest = avoid[j].start < lowest ? avoid[j].start : lowest;
				}
			}
			if (!hit) {
				if (!found || candidate > *base) {
					*base = candidate;
				}
				found = 1;
				break;
			}
			top = lowest;
		}
	}
	return found;
}

const char *boot_stub_place(struct boot_stub *stub, const struct boot_dt *dt)
{
	/* The loader runs once, on the boot CPU: no stack for these. */
	static struct boot_range avoid[3 + BOOT_MAX_RESERVED];
	uint64_t size = stub->region.end - stub->region.start, base;
	unsigned int n = 0, i;
	const char *why;

	if (!STUB_RESIDENT_AT_TOP || !stub->movable) {
		return NULL;
	}
	if (dt->nr_reserved > BOOT_MAX_RESERVED) {
		stub_puts("hypstub: the device tree reserves ");
		boot_put_dec(dt->nr_reserved);
		stub_puts(" ranges\n");
		return "more reserved ranges than the loader keeps (16): "
		       "it cannot tell where the stub may live";
	}
	avoid[n++] = stub->image;
	avoid[n++] = dt->initrd;
	/* Where the kernel goes first: the stub is not moved for nothing. */
	why = boot_payload_target(stub->payload, dt, &avoid[n++]);
	if (why != NULL) {
		return why;
	}
	for (i = 0; i < dt->nr_reserved; i++) {
		avoid[n++] = dt->reserved[i];
	}
	if (!boot_place_top(dt->memory, dt->nr_memory, avoid, n, size,
			    stub->page_size, STUB_RESIDENT_LIMIT, &base)) {
		return "no room for the stub at the top of memory (below 4 GiB, "
		       "clear of the image, the initrd, the kernel and the reserved ranges)";
	}
	stub->region.start = base;
	stub->region.end = base + size;
	return NULL;
}

#if STUB_RESIDENT_AT_TOP
/*
 * Copies the stub this image installed from its region at @from_region to
 * the one boot_stub_place() chose, and has the boot CPU's EL2/HYP set up
 * from the copy as a CPU the proxy starts would be (stub_cpu_entry), coming
 * back here at EL1 through its slot's entry.  The copy is position
 * independent and holds no address of its own; the original becomes free
 * memory with the rest of the image.
 */
static void boot_stub_move(const struct boot_stub *stub, uint64_t from_region)
{
	uint64_t from = boot_stub_start();
	uint64_t to = stub->region.start + (from - from_region);
	long boot_cpu = stub_cpu_index(arch_read_mpidr());
	uint64_t answer;

	stub_cpu_set_resume(boot_cpu, STUB_CPU_START_ON,
			    (uintptr_t)boot_stub_resume, 0);
	memcpy((void *)(uintptr_t)to, (const void *)(uintptr_t)from,
	       (size_t)(stub_cpus_end() - from));
	boot_sync_icache();
	answer = boot_stub_rehome(to + (arch_stub_cpu_entry() - from),
				  (to + (stub_cpu_stack_top(boot_cpu) - from)) |
					  STUB_CPU_START_ON);
	if (answer != 0) {
		stub_puts("hypstub: " STUB_NAME_SOFT_RESTART " answered ");
		stub_put_hex(answer);
		stub_puts("\n");
		boot_fail("the stub refused to move");
	}
	stub_puts("hypstub: stub moved to the top of free memory, vectors ");
	stub_put_hex(to);
	stub_puts("\n");
}
#endif

void boot_main(uint64_t dtb, uint64_t image_base, int installed)
{
	const struct hypstub_info *info =
		(const struct hypstub_info *)(uintptr_t)(image_base +
							 HYPSTUB_INFO_OFFSET);
	struct boot_range busy[3];
	/* The loader runs once, on the boot CPU: no stack for these. */
	static struct boot_stub stub;
	static struct boot_dt dt;
	uint64_t payload, page_size, fdt_buf, installed_at = 0;
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
		installed_at = stub.region.start;
		stub.movable = 1;
		stub.image.start = image_base;
		stub.image.end = payload + info->payload_size;
		stub.payload = payload;
	}

	why = boot_fdt_prepare(dtb, (void *)(uintptr_t)fdt_buf,
			       image_base + info->payload_offset - fdt_buf,
			       &stub, &dt);
	if (why != NULL) {
		boot_fail(why);
	}
#if STUB_RESIDENT_AT_TOP
	if (installed && stub.region.start != installed_at) {
		boot_stub_move(&stub, installed_at);
	}
#else
	(void)installed_at;
#endif
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
