/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef HYPSTUB_BOOT_H
#define HYPSTUB_BOOT_H

#include "stub.h"
#include "boot/image.h"

/* A busy physical range [start, end). */
struct boot_range {
	uint64_t start;
	uint64_t end;
};

/* NULL when @hdr is an arm64 Image this loader can enter, else why not. */
const char *boot_check_payload(const struct arm64_image_header *hdr,
			       uint64_t file_size);

/*
 * Where the payload at @current must run: @current itself when it sits
 * 2 MiB aligned (plus text_offset) and avoids @busy, else the lowest such
 * address at or above @lowest whose [base, base + text_offset + size)
 * avoids @busy; 0 when there is none below the top of the address space.
 */
uint64_t boot_place_payload(uint64_t current, uint64_t text_offset,
			    uint64_t size, uint64_t lowest,
			    const struct boot_range *busy, unsigned int nr_busy);

/* Size of the flattened device tree at @dtb, from its header. */
uint64_t boot_fdt_size(uint64_t dtb);

/* Checks, places and enters the payload; on any problem, boot_fail(). */
void boot_main(uint64_t dtb, uint64_t image_base) __attribute__((noreturn));
/* Enters the payload at @entry the way the build's boot mode says. */
void boot_enter(uint64_t entry, uint64_t dtb) __attribute__((noreturn));
void boot_fail(const char *why) __attribute__((noreturn));
void boot_fail_wrong_el(uint64_t el) __attribute__((noreturn));
void boot_fail_no_slot(void) __attribute__((noreturn));

/* arch (boot/arm64/head.S) */
void boot_enter_el1(uint64_t entry, uint64_t dtb) __attribute__((noreturn));
uint64_t boot_soft_restart(uint64_t entry, uint64_t dtb);
void boot_sync_icache(void);
void boot_system_off(void) __attribute__((noreturn));

#endif /* HYPSTUB_BOOT_H */
