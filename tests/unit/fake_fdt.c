// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host fake of boot/fdt.c's boot_fdt_prepare(), linked into every unit test
 * but test_fdt (which runs the real one on the host's libfdt).  The test
 * says in `fake` what the device tree holds or why it is refused, and reads
 * back what the loader asked for.
 */
#include <string.h>

#include "boot/boot.h"
#include "fake_arch.h"

const char *boot_fdt_prepare(uint64_t dtb, void *buf, uint64_t bufsize,
			     struct boot_stub *stub, struct boot_dt *dt)
{
	fake.seq++;
	fake.fdt_prepare_calls++;
	fake.fdt_prepare_dtb = dtb;
	fake.fdt_prepare_buf = (uint64_t)(uintptr_t)buf;
	fake.fdt_prepare_bufsize = bufsize;
	fake.fdt_prepare_below = stub->below;
	fake.fdt_prepare_abi = stub->abi_version;
	fake.fdt_prepare_proxy = stub->psci_proxy;
	/* A stub found below: its region is what the tree's /hypstub says. */
	if (stub->below) {
		stub->region = fake.fdt_below_region;
	}
	fake.fdt_prepare_stub = stub->region;
	/* An installed resident stub placed elsewhere (boot_stub_place()). */
	if (!stub->below && fake.fdt_place_region.end != 0) {
		stub->region = fake.fdt_place_region;
	}
	if (fake.fdt_why != NULL) {
		return fake.fdt_why;
	}
	if (fake.fdt_dt.size > bufsize) {
		/* What the real one says when the tree does not fit. */
		stub_puts("hypstub: device tree: open with room: FDT_ERR_NOSPACE\n");
		return "no room to grow the device tree";
	}
	if (fake.fdt_out != NULL) {
		memcpy(buf, fake.fdt_out, fake.fdt_dt.size);
	}
	*dt = fake.fdt_dt;
	return NULL;
}
