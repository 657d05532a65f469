// SPDX-License-Identifier: BSD-2-Clause
/*
 * The device tree, with libfdt, in one ordered pass at EL1: check the blob,
 * open a copy of it with room, read what the loader needs (the mode, the
 * memory, the initrd), reserve the stub's resident memory, set the PSCI
 * conduit for the mode, add the /hypstub node, and pack.  The blob the
 * loader was given is only read: on any error the kernel is not entered,
 * so it never sees a half-patched tree.
 *
 * The loader runs with the MMU off, where an unaligned access faults.  The
 * blob is 8-byte aligned (checked), libfdt reads its 32-bit fields aligned,
 * and everything wider is read here 32 bits at a time.
 */
#include <libfdt.h>

#include "boot.h"

#define BOOT_FDT_MAX_SIZE	0x200000	/* booting.rst: at most 2 MiB */
/* The reserved-memory child's name: this, then the base in hex. */
#define BOOT_RESERVED_PREFIX	"hypstub@"
#define BOOT_MODE_KEY		"hypstub.mode="

static uint64_t boot_fdt_cells(const fdt32_t *cells, int count)
{
	uint64_t value = 0;
	int i;

	for (i = 0; i < count; i++) {
		value = (value << 32) | fdt32_to_cpu(cells[i]);
	}
	return value;
}

static void boot_fdt_error(const char *step, int err)
{
	stub_puts("hypstub: device tree: ");
	stub_puts(step);
	stub_puts(": ");
	stub_puts(fdt_strerror(err));
	stub_puts("\n");
}

static int boot_streq(const char *a, const char *b, int len)
{
	int i;

	for (i = 0; i < len; i++) {
		if (a[i] != b[i] || a[i] == '\0') {
			return 0;
		}
	}
	return b[len] == '\0';
}

/* The mode a word names, or -1. */
static int boot_mode_named(const char *word, int len)
{
	if (boot_streq(word, "resident", len)) {
		return BOOT_MODE_RESIDENT;
	}
	if (boot_streq(word, "handoff", len)) {
		return BOOT_MODE_HANDOFF;
	}
	return -1;
}

/* The value of the token "hypstub.mode=" in @bootargs, or NULL. */
static const char *boot_bootargs_mode(const char *args, int len, int *value_len)
{
	const int k = sizeof(BOOT_MODE_KEY) - 1;
	int i;

	for (i = 0; i + k <= len; i++) {
		if ((i > 0 && args[i - 1] != ' ') ||
		    memcmp(args + i, BOOT_MODE_KEY, k) != 0) {
			continue;
		}
		*value_len = 0;
		while (i + k + *value_len < len && args[i + k + *value_len] != ' ' &&
		       args[i + k + *value_len] != '\0') {
			(*value_len)++;
		}
		return args + i + k;
	}
	return NULL;
}

static const char *boot_fdt_mode(const void *fdt, struct boot_dt *dt)
{
	const char *value;
	int chosen, len, value_len;

	dt->mode = IS_ENABLED(CONFIG_HYPSTUB_BOOT_HANDOFF) ? BOOT_MODE_HANDOFF :
							     BOOT_MODE_RESIDENT;
	dt->mode_source = "Kconfig default";
	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen < 0) {
		return NULL;
	}
	value = fdt_getprop(fdt, chosen, "hypstub,mode", &len);
	if (value != NULL) {
		dt->mode_source = "/chosen hypstub,mode";
		/* A string property: its length counts the NUL. */
		dt->mode = boot_mode_named(value, len > 0 ? len - 1 : 0);
	} else {
		value = fdt_getprop(fdt, chosen, "bootargs", &len);
		if (value == NULL) {
			return NULL;
		}
		value = boot_bootargs_mode(value, len, &value_len);
		if (value == NULL) {
			return NULL;
		}
		dt->mode_source = "bootargs hypstub.mode=";
		dt->mode = boot_mode_named(value, value_len);
	}
	if (dt->mode < 0) {
		return "unknown boot mode (resident or handoff)";
	}
	return NULL;
}

static const char *boot_fdt_memory(const void *fdt, struct boot_dt *dt)
{
	int ac = fdt_address_cells(fdt, 0);
	int sc = fdt_size_cells(fdt, 0);
	int node, len, i;
	const fdt32_t *reg;

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2) {
		return "root #address-cells/#size-cells are not 1 or 2";
	}
	dt->nr_memory = 0;
	node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory",
					     sizeof("memory"));
	for (; node >= 0;
	     node = fdt_node_offset_by_prop_value(fdt, node, "device_type",
						  "memory", sizeof("memory"))) {
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (reg == NULL) {
			continue;
		}
		for (i = 0; i + (ac + sc) * 4 <= len; i += (ac + sc) * 4) {
			const fdt32_t *cells = reg + i / 4;
			struct boot_range *r;

			if (dt->nr_memory == BOOT_MAX_MEMORY) {
				break;
			}
			r = &dt->memory[dt->nr_memory];
			r->start = boot_fdt_cells(cells, ac);
			r->end = r->start + boot_fdt_cells(cells + ac, sc);
			if (r->end > r->start) {
				dt->nr_memory++;
			}
		}
	}
	if (dt->nr_memory == 0) {
		return "no memory node with a usable reg";
	}
	return NULL;
}

static uint64_t boot_fdt_u32_or_u64(const void *fdt, int node,
				    const char *name, int *found)
{
	int len;
	const fdt32_t *value = fdt_getprop(fdt, node, name, &len);

	*found = value != NULL && (len == 4 || len == 8);
	if (!*found) {
		return 0;
	}
	return boot_fdt_cells(value, len / 4);
}

static void boot_fdt_initrd(const void *fdt, struct boot_dt *dt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	int has_start, has_end;

	dt->initrd.start = 0;
	dt->initrd.end = 0;
	if (chosen < 0) {
		return;
	}
	dt->initrd.start = boot_fdt_u32_or_u64(fdt, chosen, "linux,initrd-start",
					       &has_start);
	dt->initrd.end = boot_fdt_u32_or_u64(fdt, chosen, "linux,initrd-end",
					     &has_end);
	if (!has_start || !has_end || dt->initrd.end < dt->initrd.start) {
		dt->initrd.start = 0;
		dt->initrd.end = 0;
	}
}

/* Whether @name (NULL: none) is a stub's /reserved-memory child, hypstub@... */
static int boot_stub_node_name(const char *name)
{
	const size_t prefix_len = sizeof(BOOT_RESERVED_PREFIX) - 1;

	return name != NULL && strnlen(name, prefix_len) == prefix_len &&
	       memcmp(name, BOOT_RESERVED_PREFIX, prefix_len) == 0;
}

/* One reserved range more into @dt: counted even past BOOT_MAX_RESERVED. */
static void boot_dt_reserved(struct boot_dt *dt, uint64_t start, uint64_t size)
{
	if (size == 0) {
		return;
	}
	if (dt->nr_reserved < BOOT_MAX_RESERVED) {
		dt->reserved[dt->nr_reserved].start = start;
		dt->reserved[dt->nr_reserved].end = start + size;
	}
	dt->nr_reserved++;
}

/*
 * What the tree keeps from the kernel: /memreserve/ entries and the regs
 * of /reserved-memory's children, but an earlier pass's stub's (its
 * memory is not in use when the stub is installed afresh).  0, or a libfdt
 * error.
 */
static int boot_fdt_reserved(const void *fdt, struct boot_dt *dt)
{
	uint64_t start, size;
	const fdt32_t *reg;
	int parent, node, ac, sc, len, i, err;

	dt->nr_reserved = 0;
	for (i = 0; i < fdt_num_mem_rsv(fdt); i++) {
		err = fdt_get_mem_rsv(fdt, i, &start, &size);
		if (err != 0) {
			return err;
		}
		boot_dt_reserved(dt, start, size);
	}
	parent = fdt_path_offset(fdt, "/reserved-memory");
	if (parent == -FDT_ERR_NOTFOUND) {
		return 0;
	}
	if (parent < 0) {
		return parent;
	}
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2) {
		return -FDT_ERR_BADNCELLS;
	}
	fdt_for_each_subnode(node, fdt, parent) {
		if (boot_stub_node_name(fdt_get_name(fdt, node, NULL))) {
			continue;
		}
		reg = fdt_getprop(fdt, node, "reg", &len);
		for (i = 0; reg != NULL && i + (ac + sc) * 4 <= len; i += (ac + sc) * 4) {
			boot_dt_reserved(dt, boot_fdt_cells(reg + i / 4, ac),
					 boot_fdt_cells(reg + i / 4 + ac, sc));
		}
	}
	return node == -FDT_ERR_NOTFOUND ? 0 : node;
}

/* "hypstub@<address in hex>" into @name (at least 26 bytes). */
static void boot_unit_name(char *name, uint64_t address)
{
	static const char digits[] = "0123456789abcdef";
	int i = sizeof(BOOT_RESERVED_PREFIX) - 1, shift;

	memcpy(name, BOOT_RESERVED_PREFIX, (size_t)i);
	for (shift = 60; shift > 0 && (address >> shift) == 0; shift -= 4) {
	}
	for (; shift >= 0; shift -= 4) {
		name[i++] = digits[(address >> shift) & 0xf];
	}
	name[i] = '\0';
}

/* @count cells of @value into @cells; 0, or -1 if it does not fit. */
static int boot_put_cells(fdt32_t *cells, int count, uint64_t value)
{
	int i;

	if (count == 1 && (value >> 32) != 0) {
		return -1;
	}
	for (i = count - 1; i >= 0; i--) {
		cells[i] = cpu_to_fdt32((uint32_t)value);
		value >>= 32;
	}
	return 0;
}

/* reg = <@range> in the cells of the node at @parent; 0 or a libfdt error. */
static int boot_fdt_set_reg(void *fdt, int parent, int node,
			    const struct boot_range *range)
{
	fdt32_t cells[4];
	int ac = fdt_address_cells(fdt, parent);
	int sc = fdt_size_cells(fdt, parent);

	if (ac < 1 || ac > 2 || sc < 1 || sc > 2) {
		return -FDT_ERR_BADNCELLS;
	}
	if (boot_put_cells(cells, ac, range->start) != 0 ||
	    boot_put_cells(cells + ac, sc, range->end - range->start) != 0) {
		return -FDT_ERR_BADVALUE;
	}
	return fdt_setprop(fdt, node, "reg", cells, (ac + sc) * 4);
}

/* The node @name under @parent, added if it is not there yet. */
static int boot_fdt_node(void *fdt, int parent, const char *name)
{
	int node = fdt_subnode_offset(fdt, parent, name);

	if (node == -FDT_ERR_NOTFOUND) {
		node = fdt_add_subnode(fdt, parent, name);
	}
	return node;
}

/*
 * Removes what an earlier pass over this tree added and no longer holds
 * (a kexec'd or re-used tree): every /reserved-memory/hypstub@... but
 * @keep (NULL: all of them), and /hypstub unless @keep is set.
 */
static int boot_fdt_forget(void *fdt, const char *keep)
{
	const char *name;
	int parent, node, err;

	parent = fdt_path_offset(fdt, "/reserved-memory");
	for (node = parent < 0 ? -1 : fdt_first_subnode(fdt, parent); node >= 0;) {
		name = fdt_get_name(fdt, node, NULL);
		if (!boot_stub_node_name(name) ||
		    (keep != NULL && boot_streq(name, keep, (int)strlen(name)))) {
			node = fdt_next_subnode(fdt, node);
			continue;
		}
		err = fdt_del_node(fdt, node);
		if (err != 0) {
			return err;
		}
		/* Offsets moved: start over. */
		node = fdt_first_subnode(fdt, parent);
	}
	if (keep == NULL) {
		node = fdt_path_offset(fdt, "/hypstub");
		if (node >= 0) {
			return fdt_del_node(fdt, node);
		}
	}
	return 0;
}

/*
 * A reserved-memory child, so no kernel (nor a kexec'd one) uses it: no-map
 * where the architecture allows (STUB_RESERVE_NO_MAP, arch-defs.h).
 */
static int boot_fdt_reserve(void *fdt, const struct boot_range *stub)
{
	char name[32];
	int parent, node, err;

	parent = fdt_path_offset(fdt, "/reserved-memory");
	if (parent == -FDT_ERR_NOTFOUND) {
		parent = fdt_add_subnode(fdt, 0, "reserved-memory");
		if (parent < 0) {
			return parent;
		}
		err = fdt_setprop_u32(fdt, parent, "#address-cells", 2);
		if (err == 0) {
			err = fdt_setprop_u32(fdt, parent, "#size-cells", 2);
		}
		if (err == 0) {
			err = fdt_setprop_empty(fdt, parent, "ranges");
		}
		if (err != 0) {
			return err;
		}
	}
	if (parent < 0) {
		return parent;
	}
	boot_unit_name(name, stub->start);
	err = boot_fdt_forget(fdt, name);
	if (err != 0) {
		return err;
	}
	parent = fdt_path_offset(fdt, "/reserved-memory");
	node = boot_fdt_node(fdt, parent, name);
	if (node < 0) {
		return node;
	}
	err = boot_fdt_set_reg(fdt, parent, node, stub);
	if (err == 0 && STUB_RESERVE_NO_MAP) {
		err = fdt_setprop_empty(fdt, node, "no-map");
	}
	return err;
}

/* /hypstub: the stub is there, at this ABI, called with HVC (docs/device-tree.rst). */
static int boot_fdt_stub_node(void *fdt, const struct boot_stub *stub)
{
	int node = boot_fdt_node(fdt, 0, "hypstub");
	int err;

	if (node < 0) {
		return node;
	}
	err = fdt_setprop_string(fdt, node, "compatible", "hypstub,stub");
	if (err == 0) {
		err = fdt_setprop_string(fdt, node, "method", "hvc");
	}
	if (err == 0) {
		err = boot_fdt_set_reg(fdt, 0, node, &stub->region);
	}
	if (err == 0) {
		err = fdt_setprop_u32(fdt, node, "hypstub,abi-version",
				      (uint32_t)stub->abi_version);
	}
	if (err == 0 && stub->psci_proxy) {
		err = fdt_setprop_empty(fdt, node, "hypstub,psci-proxy");
	} else if (err == 0) {
		err = fdt_delprop(fdt, node, "hypstub,psci-proxy");
		err = err == -FDT_ERR_NOTFOUND ? 0 : err;
	}
	return err;
}

/*
 * The region of the stub below, from an earlier pass's /hypstub node (the
 * loader or U-Boot that installed it wrote it): 0, or a libfdt error.
 */
static int boot_fdt_stub_region(const void *fdt, struct boot_range *region)
{
	int node = fdt_path_offset(fdt, "/hypstub");
	int ac = fdt_address_cells(fdt, 0);
	int sc = fdt_size_cells(fdt, 0);
	const fdt32_t *reg;
	int len;

	if (node < 0) {
		return node;
	}
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2) {
		return -FDT_ERR_BADNCELLS;
	}
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (reg == NULL || len != (ac + sc) * 4) {
		return reg == NULL ? len : -FDT_ERR_BADVALUE;
	}
	region->start = boot_fdt_cells(reg, ac);
	region->end = region->start + boot_fdt_cells(reg + ac, sc);
	if (region->end <= region->start) {
		return -FDT_ERR_BADVALUE;
	}
	return 0;
}

/* Says which cpu node and MPIDR a /cpus problem is about. */
static const char *boot_cpus_refuse(const void *fdt, int node, uint64_t mpidr,
				    const char *why)
{
	stub_puts("hypstub: /cpus/");
	stub_puts(fdt_get_name(fdt, node, NULL));
	stub_puts(" reg ");
	stub_put_hex(mpidr);
	stub_puts("\n");
	return why;
}

/*
 * Gives every CPU /cpus lists (device_type "cpu"; reg is its MPIDR
 * affinity) a slot in the stub's CPU table, after the boot CPU's slot 0,
 * then ends the stub's region after the last slot.  NULL, or why not.
 */
static const char *boot_fdt_cpus(const void *fdt, struct boot_stub *stub)
{
	uint64_t boot_mpidr = arch_read_mpidr() & STUB_MPIDR_AFFINITY_MASK;
	int cpus = fdt_path_offset(fdt, "/cpus");
	int node, ac, len, boot_seen = 0;
	const char *type;
	const fdt32_t *reg;
	uint64_t mpidr;
	long added;

	if (cpus < 0) {
		boot_fdt_error("/cpus", cpus);
		return "the device tree has no /cpus: the stub cannot tell which CPUs to serve";
	}
	ac = fdt_address_cells(fdt, cpus);
	if (ac < 1 || ac > 2) {
		return "/cpus #address-cells is not 1 or 2";
	}
	fdt_for_each_subnode(node, fdt, cpus) {
		type = fdt_getprop(fdt, node, "device_type", &len);
		if (type == NULL || len != sizeof("cpu") ||
		    memcmp(type, "cpu", sizeof("cpu")) != 0) {
			continue;	/* cpu-map, caches and the like */
		}
		reg = fdt_getprop(fdt, node, "reg", &len);
		if (reg == NULL || len != ac * 4) {
			return boot_cpus_refuse(fdt, node, 0,
				"a /cpus cpu node's reg is not one MPIDR of #address-cells cells");
		}
		mpidr = boot_fdt_cells(reg, ac);
		if (mpidr == boot_mpidr && !boot_seen) {
			boot_seen = 1;	/* slot 0 since the stub was installed */
			continue;
		}
		added = stub_cpus_add(mpidr);
		if (added == STUB_CPUS_BAD_MPIDR) {
			return boot_cpus_refuse(fdt, node, mpidr,
				"a /cpus reg has bits outside the MPIDR affinity fields");
		}
		if (added == STUB_CPUS_DUPLICATE) {
			return boot_cpus_refuse(fdt, node, mpidr,
				"two /cpus cpu nodes have the same reg (MPIDR)");
		}
		if (added < 0) {
			return boot_cpus_refuse(fdt, node, mpidr,
				"/cpus lists more CPUs than CONFIG_HYPSTUB_MAX_CPUS");
		}
	}
	if (node != -FDT_ERR_NOTFOUND) {
		boot_fdt_error("/cpus", node);
		return "the device tree's /cpus cannot be read";
	}
	if (!boot_seen) {
		stub_puts("hypstub: boot CPU MPIDR ");
		stub_put_hex(boot_mpidr);
		stub_puts("\n");
		return "the boot CPU is not in /cpus";
	}
	boot_stub_region(stub);
	return NULL;
}

/* /psci method: HVC to the stub's proxy (resident) or SMC (hand-off). */
static int boot_fdt_psci(void *fdt, int mode, int psci_proxy)
{
	int node = fdt_path_offset(fdt, "/psci");
	const char *method = "smc";

	if (node == -FDT_ERR_NOTFOUND) {
		stub_puts("hypstub: no /psci node: the kernel has no PSCI\n");
		return 0;
	}
	if (node < 0) {
		return node;
	}
	if (mode == BOOT_MODE_RESIDENT) {
		if (!psci_proxy) {
			stub_puts("hypstub: no PSCI proxy in the stub: /psci left as it is\n");
			return 0;
		}
		method = "hvc";
	}
	return fdt_setprop_string(fdt, node, "method", method);
}

const char *boot_fdt_prepare(uint64_t dtb, void *buf, uint64_t bufsize,
			     struct boot_stub *stub, struct boot_dt *dt)
{
	const void *src = (const void *)(uintptr_t)dtb;
	const char *why;
	uint64_t used, end;
	int err;

	if (dtb == 0 || dtb % 8 != 0) {
		return "no device tree: its address is 0 or not 8-byte aligned";
	}
	err = fdt_check_header(src);
	if (err == 0 && fdt_totalsize(src) > BOOT_FDT_MAX_SIZE) {
		err = -FDT_ERR_TRUNCATED;
	}
	if (err == 0) {
		err = fdt_check_full(src, fdt_totalsize(src));
	}
	if (err != 0) {
		boot_fdt_error("check", err);
		return "the device tree is not valid";
	}
	/*
	 * Copy only the blocks: a blob may carry free space up to its 2 MiB
	 * (QEMU's has 1 MiB), and fdt_open_into() of a blob with its blocks
	 * in order wants room for all of it.  fdt_check_full() found the
	 * blocks inside the blob.  Version 16 has no struct size: all of it.
	 */
	used = fdt_totalsize(src);
	if (fdt_version(src) >= 17) {
		used = fdt_off_dt_strings(src) + fdt_size_dt_strings(src);
		end = fdt_off_dt_struct(src) + fdt_size_dt_struct(src);
		used = end > used ? end : used;
		end = fdt_off_mem_rsvmap(src) +
		      (uint64_t)(fdt_num_mem_rsv(src) + 1) *
			      sizeof(struct fdt_reserve_entry);
		used = end > used ? end : used;
	}
	if (used > bufsize) {
		err = -FDT_ERR_NOSPACE;
	} else {
		memcpy(buf, src, used);
		fdt_set_totalsize(buf, (uint32_t)used);
		err = fdt_open_into(buf, buf, (int)bufsize);
	}
	if (err != 0) {
		boot_fdt_error("open with room", err);
		return err == -FDT_ERR_NOSPACE ? "no room to grow the device tree" :
						 "the device tree cannot be opened";
	}
	why = boot_fdt_mode(buf, dt);
	if (why == NULL) {
		why = boot_fdt_memory(buf, dt);
	}
	if (why != NULL) {
		return why;
	}
	boot_fdt_initrd(buf, dt);
	err = boot_fdt_reserved(buf, dt);
	if (err != 0) {
		boot_fdt_error("/memreserve/ and /reserved-memory", err);
		return "the device tree's reserved memory cannot be read";
	}
	if (stub->below) {
		err = boot_fdt_stub_region(buf, &stub->region);
		if (err != 0) {
			boot_fdt_error("the /hypstub node's reg", err);
			return "the stub below is not in the device tree (/hypstub): "
			       "its memory cannot be kept reserved";
		}
	}
	if (dt->mode == BOOT_MODE_RESIDENT && !stub->below) {
		why = boot_fdt_cpus(buf, stub);
		if (why == NULL) {
			why = boot_stub_place(stub, dt);
		}
		if (why != NULL) {
			return why;
		}
	}
	if (dt->mode == BOOT_MODE_RESIDENT) {
		err = boot_fdt_reserve(buf, &stub->region);
		if (err != 0) {
			boot_fdt_error("reserve the stub's memory", err);
			return "cannot fix up the device tree";
		}
	} else if (stub->below) {
		/*
		 * The kernel will own EL2 and no stub answers it: no /hypstub.
		 * The stub's memory stays reserved: it is not this loader's.
		 */
		err = fdt_path_offset(buf, "/hypstub");
		err = err >= 0 ? fdt_del_node(buf, err) : 0;
		if (err != 0) {
			boot_fdt_error("drop /hypstub", err);
			return "cannot fix up the device tree";
		}
	} else {
		/* The kernel will own EL2: the stub's memory is not in use. */
		err = boot_fdt_forget(buf, NULL);
		if (err != 0) {
			boot_fdt_error("drop an earlier pass's stub nodes", err);
			return "cannot fix up the device tree";
		}
	}
	err = boot_fdt_psci(buf, dt->mode, stub->psci_proxy);
	if (err != 0) {
		boot_fdt_error("set the PSCI method", err);
		return "cannot fix up the device tree";
	}
	if (dt->mode == BOOT_MODE_RESIDENT) {
		err = boot_fdt_stub_node(buf, stub);
		if (err != 0) {
			boot_fdt_error("add /hypstub", err);
			return "cannot fix up the device tree";
		}
	}
	err = fdt_pack(buf);
	if (err != 0) {
		boot_fdt_error("pack", err);
		return "cannot fix up the device tree";
	}
	dt->size = fdt_totalsize(buf);
	return NULL;
}
