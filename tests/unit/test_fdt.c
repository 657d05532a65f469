// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of boot/fdt.c: the real boot_fdt_prepare() on the host's
 * libfdt (Debian's libfdt-dev), on device trees built here with libfdt's
 * sequential-write API to look like QEMU virt's.  Built with both unit
 * configurations: resident by default with the PSCI proxy, and hand-off by
 * default without it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libfdt.h>

#include "boot/boot.h"
#include "fake_arch.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#ifndef HYPSTUB_TEST_ALT
#define HYPSTUB_TEST_ALT	0
#endif

#define TREE_MAX	0x4000		/* what a test tree may grow to */
#define BUF_SIZE	0x20000		/* the loader's room for the copy */
#define BUF_ALLOC	0x200000	/* room for the largest tree allowed */
#define STUB_BASE	0x40000000ULL	/* where the test says the stub is */
/*
 * The region of a stub serving one CPU (the fake's FAKE_STUB_CODE_SIZE of
 * code, the table's head and one slot, in 4 KiB pages), and @n CPUs.
 */
#define REGION_SIZE(n)	((FAKE_STUB_CODE_SIZE + 16 + (n) * STUB_PERCPU_SIZE + 0xfff) & ~0xfffULL)
#define ONE_CPU_REGION	REGION_SIZE(1)

/* The Kconfig default this binary was built with. */
#define DEFAULT_MODE	(IS_ENABLED(CONFIG_HYPSTUB_BOOT_HANDOFF) ? \
			 BOOT_MODE_HANDOFF : BOOT_MODE_RESIDENT)
#define PROXY		IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY)
/*
 * Where an installed stub lives: on arm64 where the image put it; on arm
 * (the *-arm binaries) at the top of memory below 4 GiB, where the loader
 * moves it (Linux arm 6.1 stops at paging_init on a no-map hole below its
 * image, and the reservation is no-map on both).
 */
#define MOVES_TO_TOP	STUB_CALLER_AARCH32

#define FDT_OK(call)							\
	do {								\
		int err_ = (call);					\
		if (err_ != 0) {					\
			fail_msg("%s: %s", #call, fdt_strerror(err_));	\
		}							\
	} while (0)

/* ---- building trees ------------------------------------------------------ */

struct mem_range {
	uint64_t start;
	uint64_t size;
	int node;		/* ranges with the same node share a node */
};

/*
 * A QEMU-virt-like tree.  All zero: #address-cells = #size-cells = 2,
 * 512 MiB of memory at 1 GiB, /psci with method "smc", a /chosen with
 * bootargs and stdout-path, no initrd, no hypstub,mode, no /reserved-memory.
 */
struct tree_spec {
	int cells;			/* root #address-/#size-cells; 0: 2 */
	struct mem_range memory[12];
	unsigned int nr_memory;		/* 0: the default memory */
	int no_memory;
	int no_psci;
	const char *psci_method;	/* NULL: "smc" */
	int no_chosen;
	const char *bootargs;		/* NULL: "console=ttyAMA0 earlycon" */
	int no_bootargs;
	const char *mode;		/* /chosen hypstub,mode, or NULL */
	int initrd_cells[2];		/* linux,initrd-start/-end: 0 absent */
	uint64_t initrd[2];
	int resmem_cells;		/* an existing /reserved-memory: 1 or 2 */
	uint64_t firmware[2];		/* its child's reg; 0: 0x4f000000 1 MiB */
	uint64_t memreserve[20][2];	/* /memreserve/ entries: start, size */
	unsigned int nr_memreserve;
	/* /cpus: NULL: one cpu@0 (reg 0, the boot CPU); else these regs. */
	const uint64_t *cpus;
	unsigned int nr_cpus;
	int cpus_cells;			/* /cpus #address-cells; 0: 1 */
	int cpu_reg_len;		/* a bad length for the last cpu's reg */
	int no_cpus;
};

static void put_cells(fdt32_t *out, int count, uint64_t value)
{
	int i;

	for (i = count - 1; i >= 0; i--) {
		out[i] = cpu_to_fdt32((uint32_t)value);
		value >>= 32;
	}
}

/* reg = <@start @size> in @ac + @sc cells. */
static void property_reg(void *fdt, int ac, int sc, uint64_t start,
			 uint64_t size)
{
	fdt32_t cells[4];

	put_cells(cells, ac, start);
	put_cells(cells + ac, sc, size);
	FDT_OK(fdt_property(fdt, "reg", cells, (ac + sc) * 4));
}

static void property_cells(void *fdt, const char *name, int count,
			   uint64_t value)
{
	fdt32_t cells[2];

	put_cells(cells, count, value);
	FDT_OK(fdt_property(fdt, name, cells, count * 4));
}

static void memory_nodes(void *fdt, const struct tree_spec *spec, int cells)
{
	static const struct mem_range fallback = { 0x40000000, 0x20000000, 0 };
	const struct mem_range *memory = spec->nr_memory ? spec->memory : &fallback;
	unsigned int nr = spec->nr_memory ? spec->nr_memory : 1;
	fdt32_t reg[ARRAY_SIZE(spec->memory) * 4];
	char name[32];
	unsigned int i, n;
	int node, first;

	for (node = 0;; node++) {
		first = -1;
		n = 0;
		for (i = 0; i < nr; i++) {
			if (memory[i].node != node) {
				continue;
			}
			if (first < 0) {
				first = (int)i;
			}
			put_cells(reg + n, cells, memory[i].start);
			put_cells(reg + n + cells, cells, memory[i].size);
			n += 2 * cells;
		}
		if (first < 0) {
			return;
		}
		snprintf(name, sizeof(name), "memory@%llx",
			 (unsigned long long)memory[first].start);
		FDT_OK(fdt_begin_node(fdt, name));
		FDT_OK(fdt_property_string(fdt, "device_type", "memory"));
		FDT_OK(fdt_property(fdt, "reg", reg, (int)(n * 4)));
		FDT_OK(fdt_end_node(fdt));
	}
}

/* /cpus as QEMU virt writes it, with a cpu-map beside the cpu nodes. */
static void cpus_node(void *fdt, const struct tree_spec *spec)
{
	static const uint64_t boot_only[] = { 0 };
	const uint64_t *regs = spec->cpus ? spec->cpus : boot_only;
	unsigned int nr = spec->cpus ? spec->nr_cpus : 1;
	int ac = spec->cpus_cells ? spec->cpus_cells : 1;
	fdt32_t reg[3];
	char name[32];
	unsigned int i;

	FDT_OK(fdt_begin_node(fdt, "cpus"));
	FDT_OK(fdt_property_u32(fdt, "#size-cells", 0));
	FDT_OK(fdt_property_u32(fdt, "#address-cells", (uint32_t)ac));
	FDT_OK(fdt_begin_node(fdt, "cpu-map"));
	FDT_OK(fdt_begin_node(fdt, "cluster0"));
	FDT_OK(fdt_end_node(fdt));
	FDT_OK(fdt_end_node(fdt));
	for (i = 0; i < nr; i++) {
		snprintf(name, sizeof(name), "cpu@%llx", (unsigned long long)regs[i]);
		FDT_OK(fdt_begin_node(fdt, name));
		put_cells(reg, ac, regs[i]);
		FDT_OK(fdt_property(fdt, "reg", reg,
				    i == nr - 1 && spec->cpu_reg_len ? spec->cpu_reg_len : ac * 4));
		FDT_OK(fdt_property_string(fdt, "enable-method", "psci"));
		FDT_OK(fdt_property_string(fdt, "compatible", "arm,cortex-a57"));
		FDT_OK(fdt_property_string(fdt, "device_type", "cpu"));
		FDT_OK(fdt_end_node(fdt));
	}
	FDT_OK(fdt_end_node(fdt));
}

/* A fresh tree by @spec, in an 8-byte aligned TREE_MAX allocation. */
static void *build_tree(const struct tree_spec *spec)
{
	static const char psci_compatible[] =
		"arm,psci-1.0\0arm,psci-0.2\0arm,psci";
	static const char *const initrd_names[] = {
		"linux,initrd-start", "linux,initrd-end",
	};
	int cells = spec->cells ? spec->cells : 2;
	void *fdt = aligned_alloc(8, TREE_MAX);
	int i;

	assert_non_null(fdt);
	memset(fdt, 0, TREE_MAX);
	FDT_OK(fdt_create(fdt, TREE_MAX));
	for (i = 0; i < (int)spec->nr_memreserve; i++) {
		FDT_OK(fdt_add_reservemap_entry(fdt, spec->memreserve[i][0],
						spec->memreserve[i][1]));
	}
	FDT_OK(fdt_finish_reservemap(fdt));
	FDT_OK(fdt_begin_node(fdt, ""));
	FDT_OK(fdt_property_u32(fdt, "interrupt-parent", 0x8002));
	FDT_OK(fdt_property_u32(fdt, "#size-cells", (uint32_t)cells));
	FDT_OK(fdt_property_u32(fdt, "#address-cells", (uint32_t)cells));
	FDT_OK(fdt_property_string(fdt, "compatible", "linux,dummy-virt"));

	if (!spec->no_psci) {
		FDT_OK(fdt_begin_node(fdt, "psci"));
		FDT_OK(fdt_property_u32(fdt, "migrate", 0xc4000005));
		FDT_OK(fdt_property_u32(fdt, "cpu_on", 0xc4000003));
		FDT_OK(fdt_property_string(fdt, "method",
					   spec->psci_method ? spec->psci_method : "smc"));
		FDT_OK(fdt_property(fdt, "compatible", psci_compatible,
				    sizeof(psci_compatible)));
		FDT_OK(fdt_end_node(fdt));
	}

	if (!spec->no_memory) {
		memory_nodes(fdt, spec, cells);
	}

	if (spec->resmem_cells != 0) {
		FDT_OK(fdt_begin_node(fdt, "reserved-memory"));
		FDT_OK(fdt_property_u32(fdt, "#address-cells",
					(uint32_t)spec->resmem_cells));
		FDT_OK(fdt_property_u32(fdt, "#size-cells",
					(uint32_t)spec->resmem_cells));
		FDT_OK(fdt_property(fdt, "ranges", NULL, 0));
		FDT_OK(fdt_begin_node(fdt, "firmware@4f000000"));
		property_reg(fdt, spec->resmem_cells, spec->resmem_cells,
			     spec->firmware[1] ? spec->firmware[0] : 0x4f000000,
			     spec->firmware[1] ? spec->firmware[1] : 0x100000);
		FDT_OK(fdt_property(fdt, "no-map", NULL, 0));
		FDT_OK(fdt_end_node(fdt));
		FDT_OK(fdt_end_node(fdt));
	}

	/* Not memory: a reg, but no device_type "memory". */
	FDT_OK(fdt_begin_node(fdt, "flash@0"));
	FDT_OK(fdt_property_u32(fdt, "bank-width", 4));
	property_reg(fdt, cells, cells, 0, 0x4000000);
	FDT_OK(fdt_property_string(fdt, "compatible", "cfi-flash"));
	FDT_OK(fdt_end_node(fdt));

	if (!spec->no_cpus) {
		cpus_node(fdt, spec);
	}

	FDT_OK(fdt_begin_node(fdt, "pl011@9000000"));
	property_reg(fdt, cells, cells, 0x9000000, 0x1000);
	FDT_OK(fdt_property_string(fdt, "compatible", "arm,pl011"));
	FDT_OK(fdt_end_node(fdt));

	if (!spec->no_chosen) {
		FDT_OK(fdt_begin_node(fdt, "chosen"));
		for (i = 0; i < 2; i++) {
			if (spec->initrd_cells[i] != 0) {
				property_cells(fdt, initrd_names[i],
					       spec->initrd_cells[i],
					       spec->initrd[i]);
			}
		}
		if (!spec->no_bootargs) {
			FDT_OK(fdt_property_string(fdt, "bootargs",
						   spec->bootargs ? spec->bootargs :
						   "console=ttyAMA0 earlycon"));
		}
		if (spec->mode != NULL) {
			FDT_OK(fdt_property_string(fdt, "hypstub,mode", spec->mode));
		}
		FDT_OK(fdt_property_string(fdt, "stdout-path", "/pl011@9000000"));
		FDT_OK(fdt_end_node(fdt));
	}

	FDT_OK(fdt_end_node(fdt));
	FDT_OK(fdt_finish(fdt));
	FDT_OK(fdt_check_full(fdt, TREE_MAX));
	return fdt;
}

/* ---- running boot_fdt_prepare() ------------------------------------------ */

static const struct boot_range stub = {
	STUB_BASE, STUB_BASE + ONE_CPU_REGION,
};
static uint8_t *buf;			/* BUF_ALLOC, 8-byte aligned */
static struct boot_dt dt;

/*
 * boot_fdt_prepare() of the tree at @src (@src_len bytes that must come
 * out as they went in) into buf with @bufsize of room, for @range.  On
 * success the copy is a valid, packed tree of dt.size bytes.
 */
/*
 * The stub this build installs, at @range (its start; the pass ends it
 * after the CPUs of /cpus), with the boot CPU (FAKE_MPIDR) in slot 0 as
 * the image head leaves it, for a kernel with 4 KiB pages.
 */
static struct boot_stub installed(const struct boot_range *range)
{
	struct boot_stub s = {
		.region = *range,
		.abi_version = HYPSTUB_ABI_VERSION,
		.psci_proxy = IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY),
		.page_size = 0x1000,
	};

	stub_cpus_reset();
	assert_int_equal(stub_cpus_add(FAKE_MPIDR & STUB_MPIDR_AFFINITY_MASK), 0);
	return s;
}

static const char *prepare_stub(const void *src, size_t src_len,
				uint64_t bufsize, struct boot_stub *s);

static const char *prepare_at(const void *src, size_t src_len,
			      uint64_t bufsize, const struct boot_range *range)
{
	struct boot_stub s = installed(range);

	return prepare_stub(src, src_len, bufsize, &s);
}

/* The same for any stub, @s as boot_main() passes it (a stub below too). */
static const char *prepare_stub(const void *src, size_t src_len,
				uint64_t bufsize, struct boot_stub *s)
{
	uint8_t *before = malloc(src_len ? src_len : 1);
	const char *why;

	assert_non_null(before);
	assert_true(bufsize <= BUF_ALLOC);
	memcpy(before, src, src_len);
	memset(buf, 0xee, bufsize);
	memset(&dt, 0xa5, sizeof(dt));
	why = boot_fdt_prepare((uint64_t)(uintptr_t)src, buf, bufsize, s, &dt);
	/* The tree the loader was given is only ever read. */
	assert_memory_equal(src, before, src_len);
	free(before);
	if (why == NULL) {
		assert_int_equal(fdt_check_full(buf, bufsize), 0);
		assert_int_equal(dt.size, fdt_totalsize(buf));
		assert_true(dt.size <= bufsize);
		/* Packed: no room left over at the end. */
		assert_int_equal(fdt_totalsize(buf),
				 fdt_off_dt_strings(buf) + fdt_size_dt_strings(buf));
	}
	return why;
}

static const char *prepare(const void *src)
{
	return prepare_at(src, TREE_MAX, BUF_SIZE, &stub);
}

/* prepare() of a tree by @spec that must succeed. */
static void prepare_ok(const struct tree_spec *spec)
{
	void *src = build_tree(spec);
	const char *why = prepare(src);

	free(src);
	if (why != NULL) {
		fail_msg("boot_fdt_prepare: %s; UART: %s", why, fake.uart);
	}
}

/* prepare() of a tree by @spec that must fail with @want. */
static void prepare_fails(const struct tree_spec *spec, const char *want)
{
	void *src = build_tree(spec);
	const char *why = prepare(src);

	free(src);
	if (why == NULL) {
		fail_msg("accepted, expected \"%s\"", want);
	}
	assert_string_equal(why, want);
}

/* ---- reading the result -------------------------------------------------- */

static int node(const void *fdt, const char *path)
{
	return fdt_path_offset(fdt, path);
}

static const void *prop(const void *fdt, const char *path, const char *name,
			int *len)
{
	int offset = node(fdt, path);

	if (offset < 0) {
		fail_msg("no node %s: %s", path, fdt_strerror(offset));
	}
	return fdt_getprop(fdt, offset, name, len);
}

static int has_prop(const void *fdt, const char *path, const char *name)
{
	int len;

	return prop(fdt, path, name, &len) != NULL;
}

static void expect_empty_prop(const void *fdt, const char *path,
			      const char *name)
{
	int len;

	if (prop(fdt, path, name, &len) == NULL) {
		fail_msg("no %s in %s", name, path);
	}
	assert_int_equal(len, 0);
}

static void expect_str_prop(const void *fdt, const char *path, const char *name,
			  const char *want)
{
	int len;
	const char *value = prop(fdt, path, name, &len);

	if (value == NULL) {
		fail_msg("no %s in %s", name, path);
	}
	assert_int_equal(len, (int)strlen(want) + 1);
	assert_string_equal(value, want);
}

static void expect_u32_prop(const void *fdt, const char *path, const char *name,
		       uint32_t want)
{
	int len;
	const fdt32_t *value = prop(fdt, path, name, &len);

	if (value == NULL) {
		fail_msg("no %s in %s", name, path);
	}
	assert_int_equal(len, 4);
	assert_int_equal(fdt32_to_cpu(*value), want);
}

/* reg = <@start @size> in @ac + @sc cells, exactly. */
static void expect_reg(const void *fdt, const char *path, int ac, int sc,
		       uint64_t start, uint64_t size)
{
	fdt32_t want[4];
	const void *value;
	int len;

	put_cells(want, ac, start);
	put_cells(want + ac, sc, size);
	value = prop(fdt, path, "reg", &len);
	if (value == NULL) {
		fail_msg("no reg in %s", path);
	}
	assert_int_equal(len, (ac + sc) * 4);
	assert_memory_equal(value, want, (size_t)len);
}

/* How many nodes under @path have a name starting with @prefix. */
static int count_nodes(const void *fdt, const char *path, const char *prefix)
{
	int parent = node(fdt, path);
	int child, count = 0;

	if (parent < 0) {
		return 0;
	}
	fdt_for_each_subnode(child, fdt, parent) {
		const char *name = fdt_get_name(fdt, child, NULL);

		if (strncmp(name, prefix, strlen(prefix)) == 0) {
			count++;
		}
	}
	return count;
}

/*
 * What a resident fix-up adds for the stub at @range, under root cells
 * @cells, in a /reserved-memory with @resmem_cells; /psci had @psci_method.
 */
static void expect_resident_psci(const void *fdt, const struct boot_range *range,
				 int cells, int resmem_cells,
				 const char *psci_method)
{
	char path[64];

	/* /reserved-memory, and one child for the stub: no-map on arm64. */
	assert_int_equal(count_nodes(fdt, "/", "reserved-memory"), 1);
	expect_u32_prop(fdt, "/reserved-memory", "#address-cells",
		   (uint32_t)resmem_cells);
	expect_u32_prop(fdt, "/reserved-memory", "#size-cells", (uint32_t)resmem_cells);
	expect_empty_prop(fdt, "/reserved-memory", "ranges");
	snprintf(path, sizeof(path), "/reserved-memory/hypstub@%llx",
		 (unsigned long long)range->start);
	assert_true(node(fdt, path) >= 0);
	assert_int_equal(count_nodes(fdt, "/reserved-memory", "hypstub@"), 1);
	expect_reg(fdt, path, resmem_cells, resmem_cells, range->start,
		   range->end - range->start);
	expect_empty_prop(fdt, path, "no-map");

	/* /psci: HVC to the stub's proxy; left as it was without one. */
	expect_str_prop(fdt, "/psci", "method", PROXY ? "hvc" : psci_method);

	/* /hypstub (docs/device-tree.rst). */
	assert_int_equal(count_nodes(fdt, "/", "hypstub"), 1);
	expect_str_prop(fdt, "/hypstub", "compatible", "hypstub,stub");
	expect_str_prop(fdt, "/hypstub", "method", "hvc");
	expect_reg(fdt, "/hypstub", cells, cells, range->start,
		   range->end - range->start);
	expect_u32_prop(fdt, "/hypstub", "hypstub,abi-version", HYPSTUB_ABI_VERSION);
	if (PROXY) {
		expect_empty_prop(fdt, "/hypstub", "hypstub,psci-proxy");
	} else {
		assert_false(has_prop(fdt, "/hypstub", "hypstub,psci-proxy"));
	}
}

static void expect_resident(const void *fdt, const struct boot_range *range,
			    int cells, int resmem_cells)
{
	expect_resident_psci(fdt, range, cells, resmem_cells, "smc");
}

/* The rest of a default tree, as it was. */
static void expect_rest_kept(const void *fdt)
{
	static const char psci_compatible[] =
		"arm,psci-1.0\0arm,psci-0.2\0arm,psci";
	const void *value;
	int len;

	expect_str_prop(fdt, "/", "compatible", "linux,dummy-virt");
	expect_u32_prop(fdt, "/", "interrupt-parent", 0x8002);
	value = prop(fdt, "/psci", "compatible", &len);
	assert_non_null(value);
	assert_int_equal(len, sizeof(psci_compatible));
	assert_memory_equal(value, psci_compatible, sizeof(psci_compatible));
	expect_u32_prop(fdt, "/psci", "cpu_on", 0xc4000003);
	expect_str_prop(fdt, "/memory@40000000", "device_type", "memory");
	expect_reg(fdt, "/memory@40000000", 2, 2, 0x40000000, 0x20000000);
	expect_reg(fdt, "/flash@0", 2, 2, 0, 0x4000000);
	expect_str_prop(fdt, "/cpus/cpu@0", "enable-method", "psci");
	expect_str_prop(fdt, "/chosen", "bootargs", "console=ttyAMA0 earlycon");
	expect_str_prop(fdt, "/chosen", "stdout-path", "/pl011@9000000");
}

/* What a mode that is not resident leaves out. */
static void expect_no_stub(const void *fdt)
{
	assert_int_equal(count_nodes(fdt, "/", "hypstub"), 0);
	assert_int_equal(count_nodes(fdt, "/reserved-memory", "hypstub@"), 0);
}

static int setup(void **state)
{
	(void)state;
	fake_arch_reset();
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	buf = aligned_alloc(8, BUF_ALLOC);
	return buf == NULL ? -1 : 0;
}

static int group_teardown(void **state)
{
	(void)state;
	free(buf);
	return 0;
}

/* ---- the fix-ups --------------------------------------------------------- */

static void test_resident(void **state)
{
	const struct tree_spec spec = { .mode = "resident" };

	(void)state;
	prepare_ok(&spec);
	assert_int_equal(dt.mode, BOOT_MODE_RESIDENT);
	assert_string_equal(dt.mode_source, "/chosen hypstub,mode");
	expect_resident(buf, &stub, 2, 2);
	expect_rest_kept(buf);
	assert_string_equal(fake.uart, PROXY ? "" :
			    "hypstub: no PSCI proxy in the stub: /psci left as it is\r\n");
}

/* A tree that says "hvc" already (a resident kernel's, kexec'd). */
static void test_resident_psci_from_hvc(void **state)
{
	const struct tree_spec spec = { .mode = "resident", .psci_method = "hvc" };

	(void)state;
	prepare_ok(&spec);
	expect_resident_psci(buf, &stub, 2, 2, "hvc");
}

static void test_resident_stub_high(void **state)
{
	static const struct boot_range ranges[] = {
		{ 0x123450000ULL, 0x123450000ULL + ONE_CPU_REGION },
		{ 0x80000000ULL, 0x80000000ULL + ONE_CPU_REGION },
		{ 0x40210000ULL, 0x40210000ULL + ONE_CPU_REGION },
		{ 0xfffffffff0000ULL, 0xfffffffff0000ULL + ONE_CPU_REGION },
	};
	static const char *const names[] = {
		"hypstub@123450000", "hypstub@80000000", "hypstub@40210000",
		"hypstub@fffffffff0000",
	};
	const struct tree_spec spec = { .mode = "resident" };
	void *src = build_tree(&spec);
	char path[64];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(ranges); i++) {
		assert_null(prepare_at(src, TREE_MAX, BUF_SIZE, &ranges[i]));
		snprintf(path, sizeof(path), "/reserved-memory/%s", names[i]);
		assert_true(node(buf, path) >= 0);
		expect_resident(buf, &ranges[i], 2, 2);
	}
	free(src);
}

/* A root with 1-cell addresses and sizes: /hypstub's reg follows it. */
static void test_resident_root_one_cell(void **state)
{
	const struct tree_spec spec = {
		.mode = "resident", .cells = 1,
		.memory = { { 0x40000000, 0x10000000, 0 } }, .nr_memory = 1,
	};

	(void)state;
	prepare_ok(&spec);
	/* The /reserved-memory it adds has cells of its own: 2. */
	expect_resident(buf, &stub, 1, 2);
	assert_int_equal(dt.nr_memory, 1);
	assert_int_equal(dt.memory[0].start, 0x40000000);
	assert_int_equal(dt.memory[0].end, 0x50000000);
}

static void test_resident_existing_reserved_memory(void **state)
{
	static const int cells[] = { 1, 2 };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cells); i++) {
		const struct tree_spec spec = {
			.mode = "resident", .resmem_cells = cells[i],
		};

		fake_arch_clear_log();
		prepare_ok(&spec);
		/* The stub's reg in the cells the node says, beside what was there. */
		expect_resident(buf, &stub, 2, cells[i]);
		assert_int_equal(count_nodes(buf, "/reserved-memory", ""), 2);
		expect_reg(buf, "/reserved-memory/firmware@4f000000", cells[i],
			   cells[i], 0x4f000000, 0x100000);
		expect_empty_prop(buf, "/reserved-memory/firmware@4f000000",
				  "no-map");
	}
}

/* 1-cell /reserved-memory and a stub above 4 GiB: refused, not truncated. */
static void test_resident_stub_beyond_cells(void **state)
{
	const struct tree_spec spec = { .mode = "resident", .resmem_cells = 1 };
	const struct boot_range high = { 0x100000000ULL, 0x100000000ULL + ONE_CPU_REGION };
	void *src = build_tree(&spec);

	(void)state;
	assert_string_equal(prepare_at(src, TREE_MAX, BUF_SIZE, &high),
			    "cannot fix up the device tree");
	assert_string_equal(fake.uart,
			    "hypstub: device tree: reserve the stub's memory: FDT_ERR_BADVALUE\r\n");
	free(src);
}

/* ---- /cpus: a slot for every CPU, the region sized to them ------------- */

/* Every CPU of /cpus listed after the boot CPU, any topology, in order. */
static void test_cpus_topologies(void **state)
{
	/* QEMU virt -smp 32 with GICv3: 16 per cluster. */
	static uint64_t smp32[32];
	/* Gaps, Aff2 and Aff3 (arm: Aff2 only), the boot CPU not first. */
	static const uint64_t sparse[] = {
#if STUB_CALLER_AARCH32
		0xff0000, 0x10002, 0x0, 0x20300,
#else
		0x0100000000ULL, 0x10002, 0x0, 0x20300,
#endif
	};
	const struct tree_spec specs[] = {
		{ .mode = "resident", .cpus = smp32,
		  .nr_cpus = HYPSTUB_TEST_ALT ? 4 : 32 },
		{ .mode = "resident", .cpus = sparse, .nr_cpus = 4, .cpus_cells = 2 },
	};
	struct boot_stub s;
	size_t i, j;
	void *src;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(smp32); i++) {
		smp32[i] = ((i / 16) << 8) | (i % 16);
	}
	for (i = 0; i < ARRAY_SIZE(specs); i++) {
		src = build_tree(&specs[i]);
		s = installed(&stub);
		fake_arch_clear_log();
		assert_null(prepare_stub(src, TREE_MAX, BUF_SIZE, &s));
		assert_string_equal(fake.uart, PROXY ? "" :
				    "hypstub: no PSCI proxy in the stub: /psci left as it is\r\n");
		assert_int_equal(stub_cpus_count(), specs[i].nr_cpus);
		for (j = 0; j < specs[i].nr_cpus; j++) {
			assert_true(stub_cpu_index(specs[i].cpus[j]) >= 0);
		}
		assert_int_equal(stub_cpu_index(0), 0);	/* the boot CPU stays first */
		/* Reserved: exactly the slots in use, in whole pages. */
		assert_int_equal(s.region.start, STUB_BASE);
		assert_int_equal(s.region.end, STUB_BASE + REGION_SIZE(specs[i].nr_cpus));
		expect_resident(buf, &s.region, 2, 2);
		free(src);
	}
}

/* A kernel with 64 KiB pages gets the region in whole 64 KiB pages. */
static void test_cpus_region_pages(void **state)
{
	const struct tree_spec spec = { .mode = "resident" };
	const struct boot_range at = { STUB_BASE + 0x1000, 0 };
	void *src = build_tree(&spec);
	struct boot_stub s = installed(&at);

	(void)state;
	s.page_size = 0x10000;
	assert_null(prepare_stub(src, TREE_MAX, BUF_SIZE, &s));
	assert_int_equal(s.region.start, STUB_BASE);
	assert_int_equal(s.region.end, STUB_BASE + 0x10000);
	free(src);
}

/* A /cpus the stub cannot serve is refused with what is wrong and where. */
static void test_cpus_refused(void **state)
{
	static const uint64_t duplicate[] = { 0x0, 0x1, 0x100, 0x1 };
	static const uint64_t boot_twice[] = { 0x0, 0x1, 0x0 };
	static const uint64_t no_boot[] = { 0x1, 0x2 };
	static const uint64_t not_affinity[] = { 0x0, 0x80000001 };
	/* arm64's Aff3, which an AArch32 MPIDR does not have. */
	static const uint64_t aff3[] = { 0x0, 0x100000000ULL };
	static const uint64_t too_many[] = { 0x0, 0x1, 0x2, 0x3, 0x4 };
	static const uint64_t one[] = { 0x0, 0x1 };
	static const struct {
		struct tree_spec spec;
		const char *why;
		const char *uart;
	} cases[] = {
		{ { .mode = "resident", .cpus = duplicate, .nr_cpus = 4 },
		  "two /cpus cpu nodes have the same reg (MPIDR)",
		  "hypstub: /cpus/cpu@1 reg 0x0000000000000001\r\n" },
		{ { .mode = "resident", .cpus = boot_twice, .nr_cpus = 3 },
		  "two /cpus cpu nodes have the same reg (MPIDR)",
		  "hypstub: /cpus/cpu@0 reg 0x0000000000000000\r\n" },
		{ { .mode = "resident", .cpus = no_boot, .nr_cpus = 2 },
		  "the boot CPU is not in /cpus",
		  "hypstub: boot CPU MPIDR 0x0000000000000000\r\n" },
		{ { .mode = "resident", .cpus = not_affinity, .nr_cpus = 2 },
		  "a /cpus reg has bits outside the MPIDR affinity fields",
		  "hypstub: /cpus/cpu@80000001 reg 0x0000000080000001\r\n" },
		{ { .mode = "resident", .cpus = one, .nr_cpus = 2, .cpu_reg_len = 8 },
		  "a /cpus cpu node's reg is not one MPIDR of #address-cells cells",
		  "hypstub: /cpus/cpu@1 reg 0x0000000000000000\r\n" },
		{ { .mode = "resident", .cpus = one, .nr_cpus = 2, .cpus_cells = 3 },
		  "/cpus #address-cells is not 1 or 2", "" },
		{ { .mode = "resident", .no_cpus = 1 },
		  "the device tree has no /cpus: the stub cannot tell which CPUs to serve",
		  "hypstub: device tree: /cpus: FDT_ERR_NOTFOUND\r\n" },
#if STUB_CALLER_AARCH32
		{ { .mode = "resident", .cpus = aff3, .nr_cpus = 2, .cpus_cells = 2 },
		  "a /cpus reg has bits outside the MPIDR affinity fields",
		  "hypstub: /cpus/cpu@100000000 reg 0x0000000100000000\r\n" },
#endif
#if HYPSTUB_TEST_ALT
		{ { .mode = "resident", .cpus = too_many, .nr_cpus = 5 },
		  "/cpus lists more CPUs than CONFIG_HYPSTUB_MAX_CPUS",
		  "hypstub: /cpus/cpu@4 reg 0x0000000000000004\r\n" },
#endif
	};
	size_t i;

	(void)state;
	(void)too_many;
	(void)aff3;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		void *src = build_tree(&cases[i].spec);
		struct boot_stub s = installed(&stub);

		fake_arch_clear_log();
		assert_string_equal(prepare_stub(src, TREE_MAX, BUF_SIZE, &s), cases[i].why);
		assert_string_equal(fake.uart, cases[i].uart);
		free(src);
	}
}

/* Hand-off: the kernel owns EL2, /cpus is not the stub's business. */
static void test_cpus_handoff(void **state)
{
	static const uint64_t no_boot[] = { 0x1, 0x2 };
	const struct tree_spec spec = { .mode = "handoff", .cpus = no_boot, .nr_cpus = 2 };
	void *src = build_tree(&spec);
	struct boot_stub s = installed(&stub);

	(void)state;
	assert_null(prepare_stub(src, TREE_MAX, BUF_SIZE, &s));
	assert_int_equal(stub_cpus_count(), 1);
	free(src);
}

static void test_handoff(void **state)
{
	const struct tree_spec specs[] = {
		{ .mode = "handoff" },
		/* The conduit goes back to SMC, whatever the tree said. */
		{ .mode = "handoff", .psci_method = "hvc" },
		/* An existing /reserved-memory gets nothing for the stub. */
		{ .mode = "handoff", .resmem_cells = 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(specs); i++) {
		fake_arch_clear_log();
		prepare_ok(&specs[i]);
		assert_int_equal(dt.mode, BOOT_MODE_HANDOFF);
		assert_string_equal(dt.mode_source, "/chosen hypstub,mode");
		expect_str_prop(buf, "/psci", "method", "smc");
		expect_no_stub(buf);
		assert_int_equal(count_nodes(buf, "/", "reserved-memory"),
				 specs[i].resmem_cells ? 1 : 0);
		assert_string_equal(fake.uart, "");
	}
	expect_reg(buf, "/reserved-memory/firmware@4f000000", 1, 1,
		   0x4f000000, 0x100000);
}

static void test_no_psci(void **state)
{
	const struct tree_spec specs[] = {
		{ .mode = "resident", .no_psci = 1 },
		{ .mode = "handoff", .no_psci = 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(specs); i++) {
		fake_arch_clear_log();
		prepare_ok(&specs[i]);
		assert_true(node(buf, "/psci") < 0);
		assert_non_null(strstr(fake.uart,
				       "hypstub: no /psci node: the kernel has no PSCI\r\n"));
	}
	assert_true(node(buf, "/hypstub") < 0);
}

/* Without anything in the tree, the build's default, and its fix-ups. */
static void test_kconfig_default(void **state)
{
	const struct tree_spec spec = { 0 };

	(void)state;
	prepare_ok(&spec);
	assert_int_equal(dt.mode, DEFAULT_MODE);
	assert_string_equal(dt.mode_source, "Kconfig default");
	if (DEFAULT_MODE == BOOT_MODE_RESIDENT) {
		expect_resident(buf, &stub, 2, 2);
	} else {
		expect_no_stub(buf);
		assert_true(node(buf, "/reserved-memory") < 0);
		expect_str_prop(buf, "/psci", "method", "smc");
	}
	expect_rest_kept(buf);
}

/* A tree fixed up once (a kexec'd kernel's) comes out the same again. */
/* ---- where the installed stub lives (STUB_RESIDENT_AT_TOP) -------------- */

/*
 * A zImage header with a KLSZ table: the decompressor writes the kernel at
 * the RAM base it guesses (not memory here: a host address, so the tree's
 * lowest memory) + @text_offset, @size bytes with its bss.
 */
static const void *zimage_writing(uint32_t text_offset, uint32_t size)
{
	static uint32_t image[32];

	memset(image, 0, sizeof(image));
	image[9] = 0x016f2818;			/* magic */
	image[11] = sizeof(image);		/* end */
	image[12] = 0x04030201;			/* little endian */
	image[13] = 0x45454545;			/* table magic */
	image[14] = 16 * 4;			/* the table */
	image[16] = 5;				/* words */
	image[17] = 0x5a534c4b;			/* "KLSZ" */
	image[18] = 30 * 4;			/* where the size is */
	image[19] = 0;				/* bss */
	image[20] = text_offset;
	image[30] = size;
	return image;
}

#define IMAGE_AT	0x48000000ULL	/* the image, payload inside */
#define TOP		0x60000000ULL	/* the default memory's end */

/* installed() at @range that the pass may move, its image at @image. */
static struct boot_stub movable(const struct boot_range *range,
				struct boot_range image, const void *payload)
{
	struct boot_stub s = installed(range);

	s.movable = 1;
	s.image = image;
	s.payload = (uint64_t)(uintptr_t)payload;
	return s;
}

/* The pass of @spec with a movable stub: where the stub ends up. */
static struct boot_range placed(const struct tree_spec *spec,
				struct boot_range image, const void *payload)
{
	void *src = build_tree(spec);
	struct boot_stub s = movable(&stub, image, payload);
	const char *why = prepare_stub(src, TREE_MAX, BUF_SIZE, &s);

	free(src);
	if (why != NULL) {
		fail_msg("boot_fdt_prepare: %s; UART: %s", why, fake.uart);
	}
	expect_resident(buf, &s.region, 2, spec->resmem_cells ? spec->resmem_cells : 2);
	return s.region;
}

static const struct boot_range default_image = {
	IMAGE_AT, IMAGE_AT + 0x800000,
};

/* The region at the top (arm), or where it was (arm64). */
static void expect_at(struct boot_range got, uint64_t top)
{
	uint64_t want = MOVES_TO_TOP ? top - ONE_CPU_REGION : stub.start;

	assert_int_equal(got.start, want);
	assert_int_equal(got.end, want + ONE_CPU_REGION);
}

/* Nothing in the way: the last page(s) of memory. */
static void test_stub_placed_top(void **state)
{
	const struct tree_spec spec = { .mode = "resident" };

	(void)state;
	expect_at(placed(&spec, default_image, zimage_writing(0x8000, 0x1000000)), TOP);
}

/* Below whatever else is at the top, one obstacle after another. */
static void test_stub_placed_below_obstacles(void **state)
{
	const struct {
		struct tree_spec spec;
		struct boot_range image;
		uint64_t top;
	} cases[] = {
		/* The initrd. */
		{ { .mode = "resident", .initrd_cells = { 2, 2 },
		    .initrd = { 0x5ff00000, TOP } },
		  default_image, 0x5ff00000 },
		/* A /memreserve/ entry (U-Boot reserves its tree's place). */
		{ { .mode = "resident", .nr_memreserve = 1,
		    .memreserve = { { 0x5fff0000, 0x10000 } } },
		  default_image, 0x5fff0000 },
		/* A /reserved-memory child, then the initrd below it. */
		{ { .mode = "resident", .resmem_cells = 1,
		    .firmware = { 0x5fe00000, 0x200000 },
		    .initrd_cells = { 1, 1 }, .initrd = { 0x5fd00000, 0x5fe00000 } },
		  default_image, 0x5fd00000 },
		/* The image itself (its loader, the tree's copy, the payload). */
		{ { .mode = "resident" }, { 0x5f000000, TOP }, 0x5f000000 },
		/* Memory above 4 GiB: out of HYP's reach with its MMU off. */
		{ { .mode = "resident", .nr_memory = 2,
		    .memory = { { 0x40000000, 0x20000000, 0 },
				{ 0x100000000ULL, 0x40000000, 1 } } },
		  default_image, TOP },
		/* The highest range wins, whatever the order in the tree. */
		{ { .mode = "resident", .nr_memory = 2,
		    .memory = { { 0x80000000ULL, 0x10000000, 0 },
				{ 0x40000000, 0x20000000, 1 } } },
		  default_image, 0x90000000ULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		fake_arch_clear_log();
		expect_at(placed(&cases[i].spec, cases[i].image,
				 zimage_writing(0x8000, 0x1000000)), cases[i].top);
	}
}

/* Where the zImage writes the kernel: below it when it reaches the top. */
static void test_stub_placed_below_kernel(void **state)
{
	const struct tree_spec spec = {
		.mode = "resident", .nr_memory = 1,
		.memory = { { 0x40000000, 0x1000000, 0 } },
	};

	(void)state;
	expect_at(placed(&spec, default_image, zimage_writing(0x8000, 0x1000000 - 0x8000)),
		  0x40008000);
}

/* A second pass over the first's tree: the earlier stub's node is no obstacle. */
static void test_stub_placed_twice(void **state)
{
	const struct tree_spec spec = { .mode = "resident" };
	const void *payload = zimage_writing(0x8000, 0x1000000);
	uint8_t *first = malloc(BUF_SIZE);
	struct boot_range once = placed(&spec, default_image, payload);
	struct boot_stub s = movable(&stub, default_image, payload);

	(void)state;
	assert_non_null(first);
	memcpy(first, buf, BUF_SIZE);
	assert_null(prepare_stub(first, BUF_SIZE, BUF_SIZE, &s));
	assert_int_equal(s.region.start, once.start);
	assert_int_equal(s.region.end, once.end);
	assert_int_equal(count_nodes(buf, "/reserved-memory", "hypstub@"), 1);
	free(first);
}

/* Refused with a reason where the stub would have to move and cannot. */
static void test_stub_no_place(void **state)
{
	struct tree_spec full = {
		.mode = "resident", .nr_memory = 1,
		.memory = { { 0x40000000, 0x1000000, 0 } },
	};
	const struct tree_spec high = {
		.mode = "resident", .nr_memory = 1,
		.memory = { { 0x100000000ULL, 0x40000000, 0 } },
	};
	struct tree_spec many = { .mode = "resident", .nr_memreserve = 17 };
	const struct boot_range all = { 0x40000000, 0x41000000 };
	const void *payload = zimage_writing(0x8000, 0x100000);
	const char *const no_room =
		"no room for the stub at the top of memory (below 4 GiB, "
		"clear of the image, the initrd, the kernel and the reserved ranges)";
	struct boot_stub s;
	void *src;
	unsigned int i;

	(void)state;
	for (i = 0; i < many.nr_memreserve; i++) {
		many.memreserve[i][0] = 0x50000000 + i * 0x10000;
		many.memreserve[i][1] = 0x1000;
	}
	/* The image fills memory; memory only above 4 GiB; too much reserved. */
	src = build_tree(&full);
	s = movable(&stub, all, payload);
	if (MOVES_TO_TOP) {
		assert_string_equal(prepare_stub(src, TREE_MAX, BUF_SIZE, &s), no_room);
	} else {
		assert_null(prepare_stub(src, TREE_MAX, BUF_SIZE, &s));
	}
	free(src);
	src = build_tree(&high);
	s = movable(&stub, default_image, payload);
	if (MOVES_TO_TOP) {
		assert_string_equal(prepare_stub(src, TREE_MAX, BUF_SIZE, &s), no_room);
	} else {
		assert_null(prepare_stub(src, TREE_MAX, BUF_SIZE, &s));
	}
	free(src);
	fake_arch_clear_log();
	src = build_tree(&many);
	s = movable(&stub, default_image, payload);
	if (MOVES_TO_TOP) {
		assert_string_equal(prepare_stub(src, TREE_MAX, BUF_SIZE, &s),
				    "more reserved ranges than the loader keeps (16): "
				    "it cannot tell where the stub may live");
		if (strstr(fake.uart, "hypstub: the device tree reserves 17 ranges") == NULL) {
			fail_msg("UART: %s", fake.uart);
		}
	} else {
		assert_null(prepare_stub(src, TREE_MAX, BUF_SIZE, &s));
	}
	free(src);
	/* A kernel that would not fit in memory: said before any move. */
	fake_arch_clear_log();
	src = build_tree(&full);
	s = movable(&stub, default_image, zimage_writing(0x8000, 0x2000000));
	if (MOVES_TO_TOP) {
		assert_string_equal(prepare_stub(src, TREE_MAX, BUF_SIZE, &s),
				    "too little memory for the payload");
		if (strstr(fake.uart, "hypstub: the kernel decompresses to "
			   "0x0000000040008000..0x0000000042008000, outside memory") == NULL) {
			fail_msg("UART: %s", fake.uart);
		}
	} else {
		assert_null(prepare_stub(src, TREE_MAX, BUF_SIZE, &s));
	}
	free(src);
	/* Sixteen are kept: placed below the highest. */
	many.nr_memreserve = 16;
	many.memreserve[15][0] = 0x5ffff000;
	expect_at(placed(&many, default_image, payload), 0x5ffff000);
}

/* boot_place_top() alone: alignment, limits, empty ranges, edges. */
static void test_place_top(void **state)
{
	const struct boot_range memory[] = {
		{ 0x1000, 0x9000 }, { 0x20000, 0x20800 },
	};
	const struct boot_range avoid[] = {
		{ 0x8000, 0x8000 },	/* empty: no obstacle */
		{ 0x7800, 0x8800 },
		{ 0x5000, 0x6000 },
	};
	uint64_t base = 0;

	(void)state;
	/* 0x20800 is not aligned: the 2 KiB above 0x20000 are too small. */
	assert_true(boot_place_top(memory, 2, NULL, 0, 0x1000, 0x1000, 0, &base));
	assert_int_equal(base, 0x8000);
	assert_true(boot_place_top(memory, 2, avoid, 3, 0x1000, 0x1000, 0, &base));
	assert_int_equal(base, 0x6000);
	assert_true(boot_place_top(memory, 2, avoid, 3, 0x2000, 0x1000, 0, &base));
	assert_int_equal(base, 0x3000);
	assert_true(boot_place_top(memory, 2, avoid, 3, 0x1000, 0x1000, 0x7000, &base));
	assert_int_equal(base, 0x6000);
	assert_true(boot_place_top(memory, 2, avoid, 3, 0x800, 0x800, 0, &base));
	assert_int_equal(base, 0x20000);
	assert_false(boot_place_top(memory, 2, avoid, 3, 0x5000, 0x1000, 0, &base));
	assert_false(boot_place_top(memory, 2, NULL, 0, 0x1000, 0x1000, 0x1800, &base));
	/* Memory at 0: base 0 is an answer, told apart by the return value. */
	assert_true(boot_place_top(&(struct boot_range){ 0, 0x1000 }, 1, NULL, 0,
				   0x1000, 0x1000, 0, &base));
	assert_int_equal(base, 0);
}

static void test_twice(void **state)
{
	const struct tree_spec specs[] = {
		{ .mode = "resident" },
		{ .mode = "resident", .resmem_cells = 1 },
		{ .mode = "handoff", .psci_method = "hvc" },
		{ 0 },
	};
	uint8_t *first = malloc(BUF_SIZE);
	size_t i;

	(void)state;
	assert_non_null(first);
	for (i = 0; i < ARRAY_SIZE(specs); i++) {
		uint64_t size;

		fake_arch_clear_log();
		prepare_ok(&specs[i]);
		size = dt.size;
		memcpy(first, buf, BUF_SIZE);
		assert_null(prepare_at(first, BUF_SIZE, BUF_SIZE, &stub));
		assert_int_equal(dt.size, size);
		assert_memory_equal(buf, first, size);
		assert_int_equal(count_nodes(buf, "/", "hypstub"),
				 dt.mode == BOOT_MODE_RESIDENT ? 1 : 0);
		assert_int_equal(count_nodes(buf, "/", "reserved-memory"),
				 dt.mode == BOOT_MODE_RESIDENT ||
				 specs[i].resmem_cells ? 1 : 0);
		assert_int_equal(count_nodes(buf, "/reserved-memory", "hypstub@"),
				 dt.mode == BOOT_MODE_RESIDENT ? 1 : 0);
	}
	free(first);
}

/*
 * A tree that went through a resident pass and comes back (kexec, a
 * re-used blob): a pass for a stub elsewhere keeps one reservation, the
 * new one; a hand-off pass drops /hypstub and the reservation.
 */
/* A stub elsewhere than the one a tree's first pass reserved. */
static const struct boot_range moved = {
	STUB_BASE + 0x200000, STUB_BASE + 0x200000 + ONE_CPU_REGION,
};

/* A tree as a resident pass left it (for @stub), opened with room: free it. */
static uint8_t *passed_once(void)
{
	const struct tree_spec spec = { .mode = "resident" };
	uint8_t *first = malloc(BUF_SIZE);

	assert_non_null(first);
	prepare_ok(&spec);
	memcpy(first, buf, BUF_SIZE);
	FDT_OK(fdt_open_into(first, first, BUF_SIZE));
	return first;
}

static void test_earlier_pass_forgotten(void **state)
{
	uint8_t *first = passed_once();
	int chosen;

	(void)state;

	assert_null(prepare_at(first, BUF_SIZE, BUF_SIZE, &moved));
	assert_int_equal(count_nodes(buf, "/reserved-memory", "hypstub@"), 1);
	assert_true(node(buf, "/reserved-memory/hypstub@40200000") >= 0);
	assert_int_equal(count_nodes(buf, "/", "hypstub"), 1);
	expect_reg(buf, "/hypstub", 2, 2, moved.start, moved.end - moved.start);

	chosen = fdt_path_offset(first, "/chosen");
	assert_true(chosen >= 0);
	FDT_OK(fdt_setprop_string(first, chosen, "hypstub,mode", "handoff"));
	assert_null(prepare_at(first, BUF_SIZE, BUF_SIZE, &stub));
	assert_int_equal(dt.mode, BOOT_MODE_HANDOFF);
	assert_int_equal(count_nodes(buf, "/reserved-memory", "hypstub@"), 0);
	assert_int_equal(count_nodes(buf, "/", "hypstub"), 0);
	free(first);
}

/*
 * A stub found below (the image entered at EL1 above it): its region comes
 * from the tree's /hypstub.  Resident: the same single reservation and
 * node, with the ABI version and proxy the stub below answered.  Hand-off:
 * /hypstub goes (no stub answers the kernel) but the reservation stays (the
 * memory is not this loader's to free).  No /hypstub: refused, said why.
 */
static void test_stub_below(void **state)
{
	struct boot_stub below = {
		.abi_version = 0x10007, .psci_proxy = 1, .below = 1,
	};
	uint8_t *first = passed_once();
	int chosen;

	(void)state;

	below.region = moved;		/* must be replaced by the tree's */
	assert_null(prepare_stub(first, BUF_SIZE, BUF_SIZE, &below));
	assert_int_equal(below.region.start, stub.start);
	assert_int_equal(below.region.end, stub.end);
	assert_int_equal(count_nodes(buf, "/reserved-memory", "hypstub@"), 1);
	assert_true(node(buf, "/reserved-memory/hypstub@40000000") >= 0);
	assert_int_equal(count_nodes(buf, "/", "hypstub"), 1);
	expect_reg(buf, "/hypstub", 2, 2, stub.start, stub.end - stub.start);
	expect_u32_prop(buf, "/hypstub", "hypstub,abi-version", 0x10007);
	expect_empty_prop(buf, "/hypstub", "hypstub,psci-proxy");
	expect_str_prop(buf, "/psci", "method", "hvc");

	/* A stub below without the proxy: the property goes, /psci is left. */
	below.psci_proxy = 0;
	assert_null(prepare_stub(first, BUF_SIZE, BUF_SIZE, &below));
	assert_false(has_prop(buf, "/hypstub", "hypstub,psci-proxy"));

	chosen = fdt_path_offset(first, "/chosen");
	assert_true(chosen >= 0);
	FDT_OK(fdt_setprop_string(first, chosen, "hypstub,mode", "handoff"));
	below.psci_proxy = 1;
	assert_null(prepare_stub(first, BUF_SIZE, BUF_SIZE, &below));
	assert_int_equal(dt.mode, BOOT_MODE_HANDOFF);
	assert_int_equal(count_nodes(buf, "/", "hypstub"), 0);
	assert_int_equal(count_nodes(buf, "/reserved-memory", "hypstub@"), 1);
	assert_true(node(buf, "/reserved-memory/hypstub@40000000") >= 0);
	expect_str_prop(buf, "/psci", "method", "smc");

	/* The first tree, without /hypstub: nothing says where the stub is. */
	fake_arch_clear_log();
	memcpy(first, buf, BUF_SIZE);
	assert_string_equal(prepare_stub(first, BUF_SIZE, BUF_SIZE, &below),
			    "the stub below is not in the device tree (/hypstub): "
			    "its memory cannot be kept reserved");
	assert_string_equal(fake.uart,
			    "hypstub: device tree: the /hypstub node's reg: FDT_ERR_NOTFOUND\r\n");
	free(first);
}

/* ---- the mode ------------------------------------------------------------ */

#define KCONFIG		-1	/* the build's default */
#define UNKNOWN		-2	/* refused */

static void test_mode_sources(void **state)
{
	static const struct {
		const char *mode;	/* /chosen hypstub,mode */
		const char *bootargs;
		int want;
	} cases[] = {
		{ "resident", NULL, BOOT_MODE_RESIDENT },
		{ "handoff", NULL, BOOT_MODE_HANDOFF },
		/* /chosen hypstub,mode over bootargs. */
		{ "handoff", "hypstub.mode=resident", BOOT_MODE_HANDOFF },
		{ "resident", "hypstub.mode=handoff", BOOT_MODE_RESIDENT },
		{ NULL, "hypstub.mode=handoff", BOOT_MODE_HANDOFF },
		{ NULL, "hypstub.mode=resident", BOOT_MODE_RESIDENT },
		{ NULL, "console=ttyAMA0 hypstub.mode=handoff", BOOT_MODE_HANDOFF },
		{ NULL, "console=ttyAMA0 hypstub.mode=handoff earlycon",
		  BOOT_MODE_HANDOFF },
		{ NULL, "hypstub.mode=resident quiet", BOOT_MODE_RESIDENT },
		{ NULL, "console=ttyAMA0  hypstub.mode=resident", BOOT_MODE_RESIDENT },
		/* Not the token. */
		{ NULL, "console=ttyAMA0 earlycon", KCONFIG },
		{ NULL, "", KCONFIG },
		{ NULL, "xhypstub.mode=handoff", KCONFIG },
		{ NULL, "console=ttyAMA0 xhypstub.mode=handoff", KCONFIG },
		{ NULL, "foo.hypstub.mode=handoff", KCONFIG },
		{ NULL, "hypstub.modes=handoff", KCONFIG },
		{ NULL, "hypstub.mode", KCONFIG },
		{ NULL, "console=hypstub.mode=handoff", KCONFIG },
		/* The token, with a value that is no mode. */
		{ NULL, "hypstub.mode=handoffx", UNKNOWN },
		{ NULL, "hypstub.mode=hand", UNKNOWN },
		{ NULL, "hypstub.mode= handoff", UNKNOWN },
		{ NULL, "console=ttyAMA0 hypstub.mode=", UNKNOWN },
		{ NULL, "hypstub.mode=Resident", UNKNOWN },
		{ "bogus", NULL, UNKNOWN },
		{ "", NULL, UNKNOWN },
		{ "Handoff", NULL, UNKNOWN },
		{ "handoff ", NULL, UNKNOWN },
		{ "residentx", "hypstub.mode=resident", UNKNOWN },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct tree_spec spec = {
			.mode = cases[i].mode, .bootargs = cases[i].bootargs,
		};
		const char *source = cases[i].mode ? "/chosen hypstub,mode" :
				     "bootargs hypstub.mode=";
		int want = cases[i].want;
		char what[160];
		void *src;
		const char *why;

		snprintf(what, sizeof(what), "hypstub,mode %s%s%s, bootargs \"%s\"",
			 cases[i].mode ? "\"" : "",
			 cases[i].mode ? cases[i].mode : "none",
			 cases[i].mode ? "\"" : "",
			 cases[i].bootargs ? cases[i].bootargs :
			 "console=ttyAMA0 earlycon");
		fake_arch_clear_log();
		src = build_tree(&spec);
		why = prepare(src);
		free(src);
		if (want == UNKNOWN) {
			if (why == NULL ||
			    strcmp(why, "unknown boot mode (resident or handoff)") != 0) {
				fail_msg("%s: \"%s\", expected an unknown boot mode",
					 what, why ? why : "accepted");
			}
			continue;
		}
		if (why != NULL) {
			fail_msg("%s: refused: %s", what, why);
		}
		if (want == KCONFIG) {
			want = DEFAULT_MODE;
			source = "Kconfig default";
		}
		if (dt.mode != want || strcmp(dt.mode_source, source) != 0) {
			fail_msg("%s: mode %d from %s, expected %d from %s", what,
				 dt.mode, dt.mode_source, want, source);
		}
		/* The fix-ups follow the mode found. */
		assert_int_equal(count_nodes(buf, "/", "hypstub"),
				 want == BOOT_MODE_RESIDENT ? 1 : 0);
	}
}

static void test_mode_no_chosen(void **state)
{
	const struct tree_spec specs[] = {
		{ .no_chosen = 1 },
		{ .no_bootargs = 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(specs); i++) {
		prepare_ok(&specs[i]);
		assert_int_equal(dt.mode, DEFAULT_MODE);
		assert_string_equal(dt.mode_source, "Kconfig default");
		assert_int_equal(dt.initrd.start, 0);
		assert_int_equal(dt.initrd.end, 0);
	}
}

/* ---- memory and initrd --------------------------------------------------- */

static void test_memory(void **state)
{
	const struct tree_spec two_ranges = {
		.memory = {
			{ 0x40000000, 0x8000000, 0 },
			{ 0x100000000ULL, 0x40000000, 0 },
		},
		.nr_memory = 2,
	};
	const struct tree_spec two_nodes = {
		.memory = {
			{ 0x40000000, 0x8000000, 0 },
			{ 0x80000000, 0x1000, 1 },
			/* Empty: not a range. */
			{ 0x90000000, 0, 1 },
			{ 0x8000000000ULL, 0x100000000ULL, 1 },
		},
		.nr_memory = 4,
	};
	struct tree_spec many = { .nr_memory = 12 };
	unsigned int i;

	(void)state;
	prepare_ok(&(struct tree_spec){ 0 });
	assert_int_equal(dt.nr_memory, 1);
	assert_int_equal(dt.memory[0].start, 0x40000000);
	assert_int_equal(dt.memory[0].end, 0x60000000);

	prepare_ok(&two_ranges);
	assert_int_equal(dt.nr_memory, 2);
	assert_int_equal(dt.memory[0].start, 0x40000000);
	assert_int_equal(dt.memory[0].end, 0x48000000);
	assert_int_equal(dt.memory[1].start, 0x100000000ULL);
	assert_int_equal(dt.memory[1].end, 0x140000000ULL);

	prepare_ok(&two_nodes);
	assert_int_equal(dt.nr_memory, 3);
	assert_int_equal(dt.memory[0].start, 0x40000000);
	assert_int_equal(dt.memory[0].end, 0x48000000);
	assert_int_equal(dt.memory[1].start, 0x80000000);
	assert_int_equal(dt.memory[1].end, 0x80001000);
	assert_int_equal(dt.memory[2].start, 0x8000000000ULL);
	assert_int_equal(dt.memory[2].end, 0x8100000000ULL);

	/* More than the loader keeps: the first BOOT_MAX_MEMORY. */
	for (i = 0; i < many.nr_memory; i++) {
		many.memory[i].start = 0x40000000 + i * 0x1000000ULL;
		many.memory[i].size = 0x800000;
		many.memory[i].node = (int)(i % 3);
	}
	prepare_ok(&many);
	assert_int_equal(dt.nr_memory, BOOT_MAX_MEMORY);
}

static void test_no_memory(void **state)
{
	const struct tree_spec only_empty = {
		.memory = { { 0x40000000, 0, 0 } }, .nr_memory = 1,
	};

	(void)state;
	prepare_fails(&(struct tree_spec){ .no_memory = 1 },
		      "no memory node with a usable reg");
	prepare_fails(&only_empty, "no memory node with a usable reg");
}

static void test_initrd(void **state)
{
	static const struct {
		int cells[2];
		uint64_t start, end;
		uint64_t want_start, want_end;
	} cases[] = {
		/* 32-bit cells (U-Boot on 32-bit), 64-bit (QEMU, U-Boot). */
		{ { 1, 1 }, 0x48000000, 0x48800000, 0x48000000, 0x48800000 },
		{ { 2, 2 }, 0x48000000, 0x48800000, 0x48000000, 0x48800000 },
		{ { 2, 2 }, 0x1ffff0000ULL, 0x200123456ULL,
		  0x1ffff0000ULL, 0x200123456ULL },
		{ { 1, 2 }, 0x48000000, 0x100000000ULL, 0x48000000, 0x100000000ULL },
		{ { 2, 1 }, 0x48000000, 0x48001000, 0x48000000, 0x48001000 },
		/* Empty but there: kept as it is. */
		{ { 2, 2 }, 0x48000000, 0x48000000, 0x48000000, 0x48000000 },
		/* Half of it, or backwards: none. */
		{ { 2, 0 }, 0x48000000, 0, 0, 0 },
		{ { 0, 2 }, 0, 0x48000000, 0, 0 },
		{ { 2, 2 }, 0x48800000, 0x48000000, 0, 0 },
		{ { 0, 0 }, 0, 0, 0, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct tree_spec spec = { 0 };

		spec.initrd_cells[0] = cases[i].cells[0];
		spec.initrd_cells[1] = cases[i].cells[1];
		spec.initrd[0] = cases[i].start;
		spec.initrd[1] = cases[i].end;
		prepare_ok(&spec);
		assert_int_equal(dt.initrd.start, cases[i].want_start);
		assert_int_equal(dt.initrd.end, cases[i].want_end);
	}
}

/* ---- refusals ------------------------------------------------------------ */

static void test_no_dtb(void **state)
{
	const struct tree_spec spec = { 0 };
	uint8_t *src = build_tree(&spec);
	uint8_t *shifted = aligned_alloc(8, TREE_MAX + 8);
	static const unsigned int offsets[] = { 1, 2, 4 };
	size_t i;

	struct boot_stub s = installed(&stub);

	(void)state;
	assert_non_null(shifted);
	assert_string_equal(boot_fdt_prepare(0, buf, BUF_SIZE, &s, &dt),
			    "no device tree: its address is 0 or not 8-byte aligned");
	/* A valid tree, but not where the loader can read it aligned. */
	for (i = 0; i < ARRAY_SIZE(offsets); i++) {
		memcpy(shifted + offsets[i], src, TREE_MAX);
		assert_string_equal(prepare_at(shifted + offsets[i], TREE_MAX,
					       BUF_SIZE, &stub),
				    "no device tree: its address is 0 or not 8-byte aligned");
	}
	assert_string_equal(fake.uart, "");
	free(shifted);
	free(src);
}

static void test_bad_magic(void **state)
{
	uint8_t *src = build_tree(&(struct tree_spec){ 0 });

	(void)state;
	src[0] ^= 0x01;
	assert_string_equal(prepare(src), "the device tree is not valid");
	assert_string_equal(fake.uart,
			    "hypstub: device tree: check: FDT_ERR_BADMAGIC\r\n");
	/* No tree at all: zeros, as where nothing was loaded. */
	fake_arch_clear_log();
	memset(src, 0, TREE_MAX);
	assert_string_equal(prepare(src), "the device tree is not valid");
	assert_non_null(strstr(fake.uart, "check: FDT_ERR_BADMAGIC"));
	free(src);
}

static void test_bad_structure(void **state)
{
	uint8_t *src = build_tree(&(struct tree_spec){ 0 });
	fdt32_t *token;

	(void)state;
	/* The root node's FDT_BEGIN_NODE becomes nonsense. */
	token = (fdt32_t *)(src + fdt_off_dt_struct(src));
	assert_int_equal(fdt32_to_cpu(*token), FDT_BEGIN_NODE);
	*token = cpu_to_fdt32(0x77);
	assert_string_equal(prepare(src), "the device tree is not valid");
	assert_non_null(strstr(fake.uart, "hypstub: device tree: check: FDT_ERR_"));
	free(src);
}

/* Larger than the 2 MiB booting.rst allows: refused before it is walked. */
static void test_too_big(void **state)
{
	const size_t big = 0x200000 + 0x1000;
	uint8_t *src = aligned_alloc(8, big);
	uint8_t *tree = build_tree(&(struct tree_spec){ 0 });

	(void)state;
	assert_non_null(src);
	memset(src, 0, big);
	memcpy(src, tree, TREE_MAX);
	/* Exactly 2 MiB: fine (the rest is free space), given the room. */
	fdt_set_totalsize(src, 0x200000);
	assert_null(prepare_at(src, big, BUF_ALLOC, &stub));
	fdt_set_totalsize(src, 0x200008);
	assert_string_equal(prepare_at(src, big, BUF_SIZE, &stub),
			    "the device tree is not valid");
	assert_string_equal(fake.uart,
			    "hypstub: device tree: check: FDT_ERR_TRUNCATED\r\n");
	free(tree);
	free(src);
}

static void test_no_room(void **state)
{
	const struct tree_spec spec = { .mode = "resident" };
	uint8_t *src = build_tree(&spec);
	uint64_t used = fdt_totalsize(src);
	uint64_t need;

	(void)state;
	/* Not even for the copy. */
	assert_string_equal(prepare_at(src, TREE_MAX, 64, &stub),
			    "no room to grow the device tree");
	assert_string_equal(fake.uart,
			    "hypstub: device tree: open with room: FDT_ERR_NOSPACE\r\n");
	fake_arch_clear_log();
	assert_string_equal(prepare_at(src, TREE_MAX, used - 8, &stub),
			    "no room to grow the device tree");
	assert_non_null(strstr(fake.uart, "FDT_ERR_NOSPACE"));

	/* For the copy, but not for what resident mode adds. */
	fake_arch_clear_log();
	assert_string_equal(prepare_at(src, TREE_MAX, used, &stub),
			    "cannot fix up the device tree");
	assert_string_equal(fake.uart,
			    "hypstub: device tree: reserve the stub's memory: FDT_ERR_NOSPACE\r\n");

	/* Less than the result needs is never enough; a little more is. */
	fake_arch_clear_log();
	assert_null(prepare(src));
	need = dt.size;
	assert_string_equal(prepare_at(src, TREE_MAX, need - 4, &stub),
			    "cannot fix up the device tree");
	assert_non_null(strstr(fake.uart, "FDT_ERR_NOSPACE"));
	assert_null(prepare_at(src, TREE_MAX, need + 64, &stub));
	assert_int_equal(dt.size, need);
	free(src);
}

/* Hand-off changes no sizes when /psci already says "smc": no room needed. */
static void test_no_room_handoff(void **state)
{
	const struct tree_spec spec = { .mode = "handoff" };
	uint8_t *src = build_tree(&spec);

	(void)state;
	assert_null(prepare_at(src, TREE_MAX, fdt_totalsize(src), &stub));
	/* Packed: no larger than it came (fdt_create() leaves a gap). */
	assert_true(dt.size <= fdt_totalsize(src));
	expect_str_prop(buf, "/psci", "method", "smc");
	expect_no_stub(buf);
	free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_resident, setup),
		cmocka_unit_test_setup(test_resident_psci_from_hvc, setup),
		cmocka_unit_test_setup(test_resident_stub_high, setup),
		cmocka_unit_test_setup(test_resident_root_one_cell, setup),
		cmocka_unit_test_setup(test_resident_existing_reserved_memory, setup),
		cmocka_unit_test_setup(test_resident_stub_beyond_cells, setup),
		cmocka_unit_test_setup(test_cpus_topologies, setup),
		cmocka_unit_test_setup(test_cpus_region_pages, setup),
		cmocka_unit_test_setup(test_cpus_refused, setup),
		cmocka_unit_test_setup(test_stub_placed_top, setup),
		cmocka_unit_test_setup(test_stub_placed_below_obstacles, setup),
		cmocka_unit_test_setup(test_stub_placed_below_kernel, setup),
		cmocka_unit_test_setup(test_stub_placed_twice, setup),
		cmocka_unit_test_setup(test_stub_no_place, setup),
		cmocka_unit_test_setup(test_place_top, setup),
		cmocka_unit_test_setup(test_cpus_handoff, setup),
		cmocka_unit_test_setup(test_handoff, setup),
		cmocka_unit_test_setup(test_no_psci, setup),
		cmocka_unit_test_setup(test_kconfig_default, setup),
		cmocka_unit_test_setup(test_twice, setup),
		cmocka_unit_test_setup(test_earlier_pass_forgotten, setup),
		cmocka_unit_test_setup(test_stub_below, setup),
		cmocka_unit_test_setup(test_mode_sources, setup),
		cmocka_unit_test_setup(test_mode_no_chosen, setup),
		cmocka_unit_test_setup(test_memory, setup),
		cmocka_unit_test_setup(test_no_memory, setup),
		cmocka_unit_test_setup(test_initrd, setup),
		cmocka_unit_test_setup(test_no_dtb, setup),
		cmocka_unit_test_setup(test_bad_magic, setup),
		cmocka_unit_test_setup(test_bad_structure, setup),
		cmocka_unit_test_setup(test_too_big, setup),
		cmocka_unit_test_setup(test_no_room, setup),
		cmocka_unit_test_setup(test_no_room_handoff, setup),
	};

	return cmocka_run_group_tests_name("fdt", tests, group_setup,
					   group_teardown);
}
