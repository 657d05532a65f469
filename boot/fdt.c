// SPDX-License-Identifier: BSD-2-Clause
/* The little the loader needs of the device tree for now: its extent. */
#include "boot.h"

#define FDT_MAGIC	0xd00dfeedU

static uint32_t boot_be32(uint64_t address)
{
	uint32_t raw = *(const volatile uint32_t *)(uintptr_t)address;

	return __builtin_bswap32(raw);
}

uint64_t boot_fdt_size(uint64_t dtb)
{
	if (dtb == 0 || dtb % 8 != 0 || boot_be32(dtb) != FDT_MAGIC) {
		boot_fail("no flattened device tree at the address in x0");
	}
	return boot_be32(dtb + 4);
}
