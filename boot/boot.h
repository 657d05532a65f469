/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef HYPSTUB_BOOT_H
#define HYPSTUB_BOOT_H

#include "stub.h"
#include "boot/image.h"

struct boot_dt;

/* A busy physical range [start, end). */
struct boot_range {
	uint64_t start;
	uint64_t end;
};

/*
 * The loader's relocations: arm64's are ELF64 RELA entries, all
 * R_AARCH64_RELATIVE; arm's ELF32 REL entries, all R_ARM_RELATIVE (the
 * addend in place).
 */
struct boot_rela {
	uint64_t offset;
	uint64_t info;
	int64_t addend;
};
#define R_AARCH64_RELATIVE	1027

struct boot_rel {
	uint32_t offset;
	uint32_t info;
};
#define R_ARM_RELATIVE		23

/*
 * Applies the image's relocations [@start, @end), the architecture's kind
 * above, for an image linked at 0 and running at @base.  Runs before
 * anything that needs them, so it uses no global data itself.  NULL, or
 * why it could not.
 */
const char *boot_relocate(uint64_t base, const void *start, const void *end);

/*
 * The architecture's part (boot/<arch>/payload.c).  NULL when the payload
 * packed at @payload (@file_size bytes) is a kernel this loader can enter,
 * with the page size the stub's region is rounded to in @page_size; else
 * why not.
 */
const char *boot_check_payload(uint64_t payload, uint64_t file_size,
			       uint64_t *page_size);

/*
 * Puts the checked payload where it must run, clear of @busy (the stub's
 * region, the device tree, the initrd), and enters it in @dt->mode with
 * the device tree at @dtb; on any problem, boot_fail().
 */
void boot_start_payload(uint64_t payload, uint64_t file_size,
			const struct boot_range *busy, unsigned int nr_busy,
			const struct boot_dt *dt, uint64_t dtb)
	__attribute__((noreturn));

/* Whether [start, end) lies inside one of @dt's memory ranges. */
int boot_in_memory(const struct boot_dt *dt, uint64_t start, uint64_t end);

/* Prints @what, then @start..@end. */
void boot_put_range(const char *what, uint64_t start, uint64_t end);

/*
 * Where the payload at @current must run: @current itself when it sits
 * 2 MiB aligned (plus text_offset) and avoids @busy, else the lowest such
 * address at or above @lowest whose [base, base + text_offset + size)
 * avoids @busy; 0 when there is none below the top of the address space.
 */
uint64_t boot_place_payload(uint64_t current, uint64_t text_offset,
			    uint64_t size, uint64_t lowest,
			    const struct boot_range *busy, unsigned int nr_busy);

#define BOOT_MODE_RESIDENT	0	/* the payload at EL1, the stub below */
#define BOOT_MODE_HANDOFF	1	/* the payload at EL2 (HVC_SOFT_RESTART) */
#define BOOT_MAX_MEMORY		8	/* memory ranges the loader keeps */
#define BOOT_MAX_RESERVED	16	/* reserved ranges it keeps */

/* What the loader learns from the device tree. */
struct boot_dt {
	int mode;			/* BOOT_MODE_* */
	const char *mode_source;	/* where the mode came from */
	struct boot_range memory[BOOT_MAX_MEMORY];
	unsigned int nr_memory;
	struct boot_range initrd;	/* empty when there is none */
	/* /memreserve/ and /reserved-memory regs (not an earlier stub's) */
	struct boot_range reserved[BOOT_MAX_RESERVED];
	unsigned int nr_reserved;	/* all of them, even past the max */
	uint64_t size;			/* of the fixed-up, packed tree */
};

/*
 * The stub the kernel is booted above: the one this image installed, or a
 * hypstub found below a loader entered at EL1 (boot_find_stub()).
 */
struct boot_stub {
	/* Its resident region; for one found below, read from /hypstub. */
	struct boot_range region;
	uint64_t abi_version;		/* what HYPSTUB_GET_ABI_VERSION answers */
	int psci_proxy;			/* it passes firmware calls on */
	int below;			/* found below, not installed here */
	uint64_t vectors;		/* below: its VBAR_EL2 (GET_VECTORS) */
	uint64_t page_size;		/* installed: the payload's page size */
	/*
	 * installed: whether boot_stub_place() may choose its region
	 * (boot_main() then moves it there), the whole image and the payload
	 * in it, which the region must miss.
	 */
	int movable;
	struct boot_range image;
	uint64_t payload;
};

/*
 * The region of the stub this image installed: from HYPSTUB_STUB_OFFSET
 * in the image (@stub->region.start) to the end of the last CPU slot in
 * use, rounded out to @stub->page_size, so that a kernel with that page
 * size can leave it unmapped without taking a neighbour along.
 */
void boot_stub_region(struct boot_stub *stub);

/*
 * Where the resident region of the stub this image installed is to live
 * (STUB_RESIDENT_AT_TOP, arch-defs.h; called by boot_fdt_prepare() once
 * the region's size is known): the highest page-aligned place in the
 * tree's memory below STUB_RESIDENT_LIMIT that misses the image, the
 * initrd, where the payload writes the kernel and every reserved range;
 * @stub->region becomes that place.  NULL, or why there is none.  Without
 * STUB_RESIDENT_AT_TOP, or for a stub not @stub->movable, the region stays
 * where it is.
 */
const char *boot_stub_place(struct boot_stub *stub, const struct boot_dt *dt);

/*
 * The highest @align-aligned @base for @size bytes ending at or below
 * @limit (0: no limit), inside one of @memory's ranges and clear of
 * @avoid's non-empty ranges: 1, or 0 when there is none.
 */
int boot_place_top(const struct boot_range *memory, unsigned int nr_memory,
		   const struct boot_range *avoid, unsigned int nr_avoid,
		   uint64_t size, uint64_t align, uint64_t limit, uint64_t *base);

/*
 * The architecture's part: where the payload at @payload will write the
 * kernel it carries, into @target (empty when that is not known before
 * boot_start_payload() places it, which then avoids the stub itself).
 * NULL, or why the kernel cannot go there (outside @dt's memory), said
 * on the console.
 */
const char *boot_payload_target(uint64_t payload, const struct boot_dt *dt,
				struct boot_range *target);

/*
 * The page size an arm64 Image header's flags (bits 2:1) declare; 64 KiB,
 * the largest, when it says nothing.
 */
uint64_t boot_page_size(uint64_t flags);

/*
 * The device-tree pass (boot/fdt.c, libfdt): checks the tree at @dtb, opens
 * a copy into @buf (@bufsize bytes) and reads the mode, memory and initrd
 * into @dt, then fixes the copy up for the mode (resident: every CPU of
 * /cpus given a slot in the stub this image installed, and its region
 * ended after them (boot_stub_region()), @stub reserved,
 * /psci method "hvc", /hypstub added; hand-off: /psci method "smc", and
 * the stub's nodes dropped, but for a stub found below only /hypstub: its
 * memory is not this loader's to free) and packs it.  For a stub found
 * below, its region comes from the tree's /hypstub node into @stub.  NULL
 * on success, else why not (libfdt's own error already printed); the tree
 * at @dtb is never written.
 */
const char *boot_fdt_prepare(uint64_t dtb, void *buf, uint64_t bufsize,
			     struct boot_stub *stub, struct boot_dt *dt);

/*
 * Entered at EL1: whether a hypstub answers below (its vendor UID over HVC,
 * an HVC that traps as undefined counting as no; ABI major 1), and then
 * what it is into @stub (ABI version, PSCI proxy, vectors).
 */
int boot_find_stub(struct boot_stub *stub);

/*
 * Where the loader builds the fixed-up device tree: from the end of the
 * loader, 8-byte aligned, up to the payload (boot/arm64/head.S).
 */
uint64_t boot_fdt_buffer(uint64_t image_base);

/* Where the stub's code starts (its vectors): the start of its region. */
uint64_t boot_stub_start(void);

/*
 * Checks, places and enters the payload; on any problem, boot_fail().
 * @installed: the image head installed the stub (entered at EL2); else the
 * image was entered at EL1 and looks for a hypstub below to reuse.
 */
void boot_main(uint64_t dtb, uint64_t image_base, int installed)
	__attribute__((noreturn));
/* Enters the payload at @entry in @mode (BOOT_MODE_*). */
void boot_enter(uint64_t entry, uint64_t dtb, int mode) __attribute__((noreturn));
void boot_fail(const char *why) __attribute__((noreturn));
void boot_fail_wrong_el(uint64_t el) __attribute__((noreturn));
void boot_fail_no_slot(void) __attribute__((noreturn));

/* arch (boot/arm64/head.S) */
void boot_enter_el1(uint64_t entry, uint64_t dtb) __attribute__((noreturn));
uint64_t boot_soft_restart(uint64_t entry, uint64_t dtb);
/*
 * hvc #0 with w0 = @function_id, x1 = @arg, at EL1: 1 and x0..x3 in @out
 * when something at EL2 answered, 0 when the HVC trapped as undefined.
 */
int boot_hvc_probe(uint32_t function_id, uint64_t arg, uint64_t out[4]);
void boot_sync_icache(void);
/*
 * The stub's move (STUB_RESIDENT_AT_TOP): SOFT_RESTART to @entry (the
 * moved copy's stub_cpu_entry) with @context (the boot CPU's moved stack
 * top), which sets up EL2/HYP from the copy and enters the boot CPU's slot
 * entry at EL1: boot_stub_resume, which returns 0 from here.  Else the
 * stub's refusal.
 */
uint64_t boot_stub_rehome(uint64_t entry, uint64_t context);
void boot_stub_resume(void);
void boot_system_off(void) __attribute__((noreturn));

#endif /* HYPSTUB_BOOT_H */
