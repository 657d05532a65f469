// SPDX-License-Identifier: BSD-2-Clause
/*
 * hypstub.ko: the kernel side of the hypstub ABI (docs/linux-module.rst).
 *
 * A platform driver for the /hypstub device-tree node.  It confirms the
 * resident stub through HVC (vendor UID, ABI version), shows what the stub
 * reports under /sys/firmware/hypstub/, and on request borrows EL2 from the
 * stub on every online CPU and gives it back (docs/hyp-abi.rst, "Taking
 * EL2 over and giving it back").
 *
 * Every number of the contract comes from abi/hypstub.h, the header the
 * stub is built from.
 */
#define pr_fmt(fmt) "hypstub: " fmt

#include <linux/arm-smccc.h>
#include <linux/cpu.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kobject.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/platform_device.h>
#include <linux/smp.h>
#include <linux/sysfs.h>
#include <asm/cacheflush.h>

/*
 * Linux's headers name some of the same numbers (asm/virt.h: its own
 * stub's calls; linux/arm-smccc.h: the SMCCC results).  They agree in
 * value; abi/hypstub.h is the authority here, so its spelling wins.
 */
#undef HVC_SET_VECTORS
#undef HVC_SOFT_RESTART
#undef HVC_RESET_VECTORS
#undef HVC_FINALISE_EL2
#undef HVC_STUB_ERR
#undef SMCCC_RET_SUCCESS
#undef SMCCC_RET_NOT_SUPPORTED
#undef SMCCC_RET_NOT_REQUIRED
#undef SMCCC_RET_INVALID_PARAMETER
#include "hypstub-el2.h"

/* Set the SET_VECTORS of a borrow on this CPU to a misaligned table. */
static int test_misalign_cpu = -1;
module_param(test_misalign_cpu, int, 0644);
MODULE_PARM_DESC(test_misalign_cpu,
		 "for tests: on this CPU, borrow_el2 hands SET_VECTORS a misaligned table, which the stub must refuse (-1: none)");

struct hypstub {
	struct device *dev;
	struct resource region;
	unsigned long abi_version;
	unsigned long config;
	struct page *el2_pages;		/* the copy of el2.S that EL2 runs */
	unsigned int el2_order;
	phys_addr_t el2_vectors;	/* its physical address */
	unsigned long stub_vectors;	/* VBAR_EL2 of the stub, as found */
	struct kobject *kobj;
	struct mutex lock;		/* one borrow at a time */
	char last_borrow[64];
};

static struct hypstub *hypstub;

/* One CPU's borrow: what it asked for and what it saw.  */
struct borrow_cpu {
	unsigned long table;		/* the address handed to SET_VECTORS */
	unsigned long stub_vectors;
	unsigned long set_ret;
	struct arm_smccc_res whoami;
	struct arm_smccc_res uid_passed;	/* passed on while borrowed */
	struct arm_smccc_res vectors_passed;
	unsigned long give_back_ret;
	struct arm_smccc_res uid_after;
	unsigned long vectors_after;
	bool borrowed;			/* SET_VECTORS succeeded: ours now */
	bool returned;			/* gave back and the stub answers */
};

static bool uid_is_hypstub(const struct arm_smccc_res *res)
{
	return (u32)res->a0 == HYPSTUB_UID_0 && (u32)res->a1 == HYPSTUB_UID_1 &&
	       (u32)res->a2 == HYPSTUB_UID_2 && (u32)res->a3 == HYPSTUB_UID_3;
}

/* On the CPU it runs on, with interrupts off (an IPI or local call). */
static void borrow_on_cpu(void *arg)
{
	struct borrow_cpu *b = arg;
	struct arm_smccc_res res;

	arm_smccc_1_1_hvc(HYPSTUB_MOD_GET_VECTORS, &res);
	b->stub_vectors = res.a1;
	if (res.a0 != SMCCC_RET_SUCCESS || res.a1 != hypstub->stub_vectors) {
		/* Not the stub that the EL2 copy returns to: leave it alone. */
		b->set_ret = res.a0 ? res.a0 : (unsigned long)SMCCC_RET_INVALID_PARAMETER;
		return;
	}
	arm_smccc_1_1_hvc(HYPSTUB_MOD_SET_VECTORS, b->table, &res);
	b->set_ret = res.a0;
	if (res.a0 != SMCCC_RET_SUCCESS) {
		return;
	}
	b->borrowed = true;
	/* From here on, every HVC of this CPU reaches el2.S. */
	arm_smccc_1_1_hvc(HYPSTUB_MOD_WHOAMI, &b->whoami);
	/*
	 * Not el2.S's calls: passed on, the stub answers them as they are,
	 * so GET_VECTORS reports the module's table in VBAR_EL2 (HVBAR).
	 */
	arm_smccc_1_1_hvc(HYPSTUB_VENDOR_UID, &b->uid_passed);
	arm_smccc_1_1_hvc(HYPSTUB_MOD_GET_VECTORS, &b->vectors_passed);
}

/* Give EL2 back on this CPU through el2.S, then ask the stub. */
static void give_back_on_cpu(void *arg)
{
	struct borrow_cpu *b = arg;
	struct arm_smccc_res res;

	arm_smccc_1_1_hvc(HYPSTUB_MOD_RESET_VECTORS, &res);
	b->give_back_ret = res.a0;
	arm_smccc_1_1_hvc(HYPSTUB_VENDOR_UID, &b->uid_after);
	arm_smccc_1_1_hvc(HYPSTUB_MOD_GET_VECTORS, &res);
	b->vectors_after = res.a0 == SMCCC_RET_SUCCESS ? res.a1 : 0;
	b->returned = res.a0 == SMCCC_RET_SUCCESS && uid_is_hypstub(&b->uid_after) &&
		      b->vectors_after == hypstub->stub_vectors;
	if (b->returned) {
		b->borrowed = false;
	}
}

/*
 * The calls el2.S does not serve, made while borrowed: passed on through
 * the stub's pass-on entry, the stub answers them as they are, and
 * GET_VECTORS sees the module's table.
 */
static bool others_answered(const struct borrow_cpu *b)
{
	return uid_is_hypstub(&b->uid_passed) &&
	       b->vectors_passed.a0 == SMCCC_RET_SUCCESS &&
	       b->vectors_passed.a1 == hypstub->el2_vectors;
}

static bool whoami_proves_el2(const struct borrow_cpu *b)
{
	return b->whoami.a0 == SMCCC_RET_SUCCESS &&
	       HYPSTUB_MOD_LEVEL(b->whoami.a1) == HYPSTUB_MOD_LEVEL_EL2 &&
	       b->whoami.a2 == hypstub->el2_vectors &&
	       others_answered(b);
}

/* Give EL2 back on @cpu and say so; false if the stub did not answer. */
static bool give_back(unsigned int cpu, struct borrow_cpu *b)
{
	int ret = smp_call_function_single(cpu, give_back_on_cpu, b, 1);

	if (ret || !b->returned) {
		pr_err("cpu%u: giving " HYPSTUB_MOD_EL2 " back FAILED: %s%d, give-back answered %ld, UID %08lx, " HYPSTUB_MOD_VBAR " 0x%lx (the stub's is 0x%lx)\n",
		       cpu, ret ? "IPI error " : "", ret, (long)b->give_back_ret,
		       (unsigned long)(u32)b->uid_after.a0, b->vectors_after,
		       hypstub->stub_vectors);
		return false;
	}
	pr_info("cpu%u: gave " HYPSTUB_MOD_EL2 " back: the stub answers again (vendor UID %08lx, " HYPSTUB_MOD_VBAR " 0x%lx)\n",
		cpu, (unsigned long)(u32)b->uid_after.a0, b->vectors_after);
	return true;
}

/*
 * Borrow EL2 on every online CPU, prove it on each, then give it back on
 * each.  CPU hotplug is held off throughout (a CPU that powers down loses
 * its borrow, one that comes up has the stub).  A failure on any CPU gives
 * EL2 back on every CPU borrowed so far before it returns.
 */
static int borrow_el2_all(void)
{
	struct borrow_cpu *st;
	unsigned int cpu, borrowed = 0, failed_cpu = nr_cpu_ids;
	int err = 0;

	st = kcalloc(nr_cpu_ids, sizeof(*st), GFP_KERNEL);
	if (!st) {
		return -ENOMEM;
	}
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		struct borrow_cpu *b = &st[cpu];
		int ret;

		b->table = hypstub->el2_vectors;
		if ((int)cpu == test_misalign_cpu) {
			b->table += HYPSTUB_MOD_MISALIGN;
		}
		ret = smp_call_function_single(cpu, borrow_on_cpu, b, 1);
		if (!ret && b->borrowed && whoami_proves_el2(b)) {
			pr_info("cpu%u: borrowed " HYPSTUB_MOD_EL2 ": " HYPSTUB_MOD_LEVEL_FMT ", " HYPSTUB_MOD_VBAR " 0x%lx (the module's table), " HYPSTUB_MOD_HCR " 0x%lx; " HYPSTUB_MOD_OTHERS_FMT "\n",
				cpu, HYPSTUB_MOD_LEVEL(b->whoami.a1), b->whoami.a2, b->whoami.a3,
				HYPSTUB_MOD_OTHERS(b->uid_passed, b->vectors_passed));
			borrowed++;
			continue;
		}
		if (ret) {
			pr_err("cpu%u: borrowing " HYPSTUB_MOD_EL2 " FAILED: IPI error %d\n", cpu, ret);
			err = ret;
		} else if (b->stub_vectors != hypstub->stub_vectors) {
			pr_err("cpu%u: borrowing " HYPSTUB_MOD_EL2 " FAILED: GET_VECTORS says 0x%lx, not the stub's 0x%lx\n",
			       cpu, b->stub_vectors, hypstub->stub_vectors);
			err = -EIO;
		} else if (!b->borrowed) {
			pr_err("cpu%u: borrowing " HYPSTUB_MOD_EL2 " FAILED: the stub refused SET_VECTORS 0x%lx with %ld\n",
			       cpu, b->table, (long)b->set_ret);
			err = -EINVAL;
		} else {
			pr_err("cpu%u: borrowing " HYPSTUB_MOD_EL2 " FAILED: the proof call answered %ld, level 0x%lx, " HYPSTUB_MOD_VBAR " 0x%lx (want 0x%llx); not the module's calls: UID %08lx, GET_VECTORS %ld 0x%lx\n",
			       cpu, (long)b->whoami.a0, b->whoami.a1, b->whoami.a2,
			       (unsigned long long)hypstub->el2_vectors,
			       (unsigned long)(u32)b->uid_passed.a0,
			       (long)b->vectors_passed.a0, b->vectors_passed.a1);
			err = -EIO;
		}
		failed_cpu = cpu;
		break;
	}
	if (err) {
		pr_err("borrow_el2: undoing: giving " HYPSTUB_MOD_EL2 " back on the %u CPU(s) borrowed before cpu%u\n",
		       borrowed + (st[failed_cpu].borrowed ? 1 : 0), failed_cpu);
	}
	/* Give back everything borrowed, whether or not all went well. */
	for_each_online_cpu(cpu) {
		if (st[cpu].borrowed && !give_back(cpu, &st[cpu])) {
			err = err ? err : -EIO;
		}
	}
	cpus_read_unlock();
	if (err) {
		snprintf(hypstub->last_borrow, sizeof(hypstub->last_borrow),
			 "failed %d on cpu%u\n", err, failed_cpu);
	} else {
		pr_info("borrow_el2: " HYPSTUB_MOD_EL2 " borrowed and given back on %u CPU(s)\n", borrowed);
		snprintf(hypstub->last_borrow, sizeof(hypstub->last_borrow),
			 "ok %u cpus\n", borrowed);
	}
	kfree(st);
	return err;
}

/* /sys/firmware/hypstub/ */

static ssize_t abi_version_show(struct kobject *kobj, struct kobj_attribute *attr,
				char *buf)
{
	return sysfs_emit(buf, "%lu.%lu\n", hypstub->abi_version >> 16,
			  hypstub->abi_version & 0xffff);
}

static ssize_t uid_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	/* Word n is the little-endian reading of UUID bytes 4n..4n+3. */
	static const u32 w[4] = { HYPSTUB_UID_0, HYPSTUB_UID_1, HYPSTUB_UID_2,
				  HYPSTUB_UID_3 };
	u8 b[16];
	int i;

	for (i = 0; i < 16; i++) {
		b[i] = w[i / 4] >> (8 * (i % 4));
	}
	return sysfs_emit(buf, "%pUb\n", b);
}

static ssize_t config_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	static const struct {
		unsigned long flag;
		const char *name;
	} names[] = {
		{ HYPSTUB_CONFIG_LEGACY_PRE_4_12, "legacy-pre-4.12" },
		{ HYPSTUB_CONFIG_DEBUG_UART, "debug-uart" },
		{ HYPSTUB_CONFIG_PSCI_PROXY, "psci-proxy" },
	};
	unsigned long rest = hypstub->config;
	ssize_t n = 0;
	int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (rest & names[i].flag) {
			n += sysfs_emit_at(buf, n, "%s%s", n ? " " : "", names[i].name);
			rest &= ~names[i].flag;
		}
	}
	if (rest) {
		/* A newer stub's flag: shown, not hidden. */
		n += sysfs_emit_at(buf, n, "%s0x%lx", n ? " " : "", rest);
	}
	return n + sysfs_emit_at(buf, n, "%s\n", n ? "" : "none");
}

static ssize_t region_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "0x%llx+0x%llx\n",
			  (unsigned long long)hypstub->region.start,
			  (unsigned long long)resource_size(&hypstub->region));
}

static void uid_on_cpu(void *arg)
{
	arm_smccc_1_1_hvc(HYPSTUB_VENDOR_UID, (struct arm_smccc_res *)arg);
}

/* Each online CPU, and whether the stub answers its vendor UID there. */
static ssize_t cpus_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	unsigned int cpu;
	ssize_t n = 0;

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		struct arm_smccc_res res = { 0 };
		int ret = smp_call_function_single(cpu, uid_on_cpu, &res, 1);

		n += sysfs_emit_at(buf, n, "cpu%u %s\n", cpu,
				   !ret && uid_is_hypstub(&res) ? "stub" : "no-answer");
	}
	cpus_read_unlock();
	return n;
}

static ssize_t borrow_el2_show(struct kobject *kobj, struct kobj_attribute *attr,
			       char *buf)
{
	ssize_t n;

	mutex_lock(&hypstub->lock);
	n = sysfs_emit(buf, "%s", hypstub->last_borrow);
	mutex_unlock(&hypstub->lock);
	return n;
}

static ssize_t borrow_el2_store(struct kobject *kobj, struct kobj_attribute *attr,
				const char *buf, size_t count)
{
	bool go;
	int err = kstrtobool(buf, &go);

	if (err) {
		return err;
	}
	if (!go) {
		return count;
	}
	mutex_lock(&hypstub->lock);
	err = borrow_el2_all();
	mutex_unlock(&hypstub->lock);
	return err ? err : count;
}

static struct kobj_attribute abi_version_attr = __ATTR_RO(abi_version);
static struct kobj_attribute uid_attr = __ATTR_RO(uid);
static struct kobj_attribute config_attr = __ATTR_RO(config);
static struct kobj_attribute region_attr = __ATTR_RO(region);
static struct kobj_attribute cpus_attr = __ATTR_RO(cpus);
static struct kobj_attribute borrow_el2_attr = __ATTR_RW_MODE(borrow_el2, 0600);

static struct attribute *hypstub_attrs[] = {
	&abi_version_attr.attr,
	&uid_attr.attr,
	&config_attr.attr,
	&region_attr.attr,
	&cpus_attr.attr,
	&borrow_el2_attr.attr,
	NULL,
};

static const struct attribute_group hypstub_group = {
	.attrs = hypstub_attrs,
};

/* The stub's vectors (VBAR_EL2, HVBAR) on this CPU, or 0. */
static void vectors_on_cpu(void *arg)
{
	struct arm_smccc_res res;

	arm_smccc_1_1_hvc(HYPSTUB_MOD_GET_VECTORS, &res);
	*(unsigned long *)arg = res.a0 == SMCCC_RET_SUCCESS ? res.a1 : 0;
}

/*
 * The copy of el2.S that EL2 runs: page aligned, so aligned as
 * HYPSTUB_VECTORS_ALIGN (2 KiB) or HYPSTUB_VECTORS_ALIGN_AARCH32 asks.
 */
static int hypstub_el2_prepare(struct hypstub *hs)
{
	size_t size = hypstub_el2_end - hypstub_el2_start;
	void *va;

	BUILD_BUG_ON(PAGE_SIZE % HYPSTUB_MOD_VECTORS_ALIGN);
	hs->el2_order = get_order(size);
	hs->el2_pages = alloc_pages(GFP_KERNEL, hs->el2_order);
	if (!hs->el2_pages) {
		return -ENOMEM;
	}
	va = page_address(hs->el2_pages);
	memcpy(va, hypstub_el2_start, size);
	*(unsigned long *)(va + (hypstub_el2_stub_vbar - hypstub_el2_start)) =
		hs->stub_vectors;
	hypstub_arch_fill_el2(va, hs->stub_vectors);
	hypstub_arch_clean_for_el2(va, size);
	hs->el2_vectors = page_to_phys(hs->el2_pages);
	if (hs->el2_vectors != (unsigned long)hs->el2_vectors) {
		/* An LPAE kernel's page above 4 GiB: HVBAR cannot hold it. */
		pr_err("the " HYPSTUB_MOD_EL2 " table's pages are at 0x%llx, beyond what SET_VECTORS takes; not loading\n",
		       (unsigned long long)hs->el2_vectors);
		__free_pages(hs->el2_pages, hs->el2_order);
		return -ENOMEM;
	}
	return 0;
}

static int hypstub_probe(struct platform_device *pdev)
{
	struct device_node *np = pdev->dev.of_node;
	struct arm_smccc_res res;
	const char *method;
	struct hypstub *hs;
	unsigned int cpu;
	int err;

	if (of_property_read_string(np, "method", &method) || strcmp(method, "hvc")) {
		pr_err("/hypstub: method is not \"hvc\": no conduit known to be safe; not loading\n");
		return -ENODEV;
	}
	/* The node makes an HVC safe; the UID says whose answer it is. */
	arm_smccc_1_1_hvc(HYPSTUB_VENDOR_UID, &res);
	if (!uid_is_hypstub(&res)) {
		pr_err("the vendor hypervisor UID over HVC is %08lx %08lx %08lx %08lx, not hypstub's; not loading\n",
		       (unsigned long)(u32)res.a0, (unsigned long)(u32)res.a1,
		       (unsigned long)(u32)res.a2, (unsigned long)(u32)res.a3);
		return -ENODEV;
	}
	hs = devm_kzalloc(&pdev->dev, sizeof(*hs), GFP_KERNEL);
	if (!hs) {
		return -ENOMEM;
	}
	hs->dev = &pdev->dev;
	mutex_init(&hs->lock);
	strscpy(hs->last_borrow, "never\n", sizeof(hs->last_borrow));
	arm_smccc_1_1_hvc(HYPSTUB_GET_ABI_VERSION, &res);
	hs->abi_version = res.a0;
	if ((hs->abi_version >> 16) != HYPSTUB_ABI_VERSION_MAJOR ||
	    (hs->abi_version & 0xffff) < HYPSTUB_MOD_ABI_MINOR) {
		/* arm64: 1.2 brought the pass-on entry; arm: 1.4 the stub itself. */
		pr_err("the stub's ABI is 0x%lx; this module needs %u.%u or later of major %u; not loading\n",
		       hs->abi_version, HYPSTUB_ABI_VERSION_MAJOR, HYPSTUB_MOD_ABI_MINOR,
		       HYPSTUB_ABI_VERSION_MAJOR);
		return -ENODEV;
	}
	arm_smccc_1_1_hvc(HYPSTUB_GET_CONFIG, &res);
	hs->config = res.a0 == SMCCC_RET_SUCCESS ? res.a1 : 0;
	if (of_address_to_resource(np, 0, &hs->region)) {
		pr_err("/hypstub has no reg: the stub's region is unknown; not loading\n");
		return -ENODEV;
	}
	/*
	 * The stub's vectors, which the EL2 copy writes back: the same on
	 * every CPU (one stub), checked again on each CPU at every borrow.
	 */
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		unsigned long v = 0;

		smp_call_function_single(cpu, vectors_on_cpu, &v, 1);
		if (!v || (hs->stub_vectors && v != hs->stub_vectors)) {
			pr_err("cpu%u: HYPSTUB_GET_VECTORS says 0x%lx (the first CPU: 0x%lx); not loading\n",
			       cpu, v, hs->stub_vectors);
			cpus_read_unlock();
			return -ENODEV;
		}
		hs->stub_vectors = v;
	}
	cpus_read_unlock();
	err = hypstub_el2_prepare(hs);
	if (err) {
		return err;
	}
	hs->kobj = kobject_create_and_add("hypstub", firmware_kobj);
	if (!hs->kobj) {
		err = -ENOMEM;
		goto free_pages;
	}
	hypstub = hs;
	err = sysfs_create_group(hs->kobj, &hypstub_group);
	if (err) {
		goto put_kobj;
	}
	platform_set_drvdata(pdev, hs);
	pr_info("stub confirmed: vendor UID hypstub's, ABI %lu.%lu, region 0x%llx+0x%llx, stub vectors 0x%lx; " HYPSTUB_MOD_EL2 " table of the module at 0x%llx\n",
		hs->abi_version >> 16, hs->abi_version & 0xffff,
		(unsigned long long)hs->region.start,
		(unsigned long long)resource_size(&hs->region), hs->stub_vectors,
		(unsigned long long)hs->el2_vectors);
	return 0;

put_kobj:
	hypstub = NULL;
	kobject_put(hs->kobj);
free_pages:
	__free_pages(hs->el2_pages, hs->el2_order);
	return err;
}

static int hypstub_remove(struct platform_device *pdev)
{
	struct hypstub *hs = platform_get_drvdata(pdev);
	unsigned int cpu, as_found = 0, other = 0;

	sysfs_remove_group(hs->kobj, &hypstub_group);
	kobject_put(hs->kobj);
	/*
	 * Every borrow gave EL2 back before it returned: the stub must be
	 * where it was on every CPU.  Check rather than assume.
	 */
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		struct arm_smccc_res res = { 0 };
		unsigned long v = 0;

		smp_call_function_single(cpu, vectors_on_cpu, &v, 1);
		smp_call_function_single(cpu, uid_on_cpu, &res, 1);
		if (v == hs->stub_vectors && uid_is_hypstub(&res)) {
			as_found++;
		} else {
			pr_err("cpu%u: at unload " HYPSTUB_MOD_VBAR " is 0x%lx, not the stub's 0x%lx\n",
			       cpu, v, hs->stub_vectors);
			other++;
		}
	}
	cpus_read_unlock();
	/* No CPU runs the EL2 copy any more unless one said otherwise. */
	if (!other) {
		__free_pages(hs->el2_pages, hs->el2_order);
	}
	hypstub = NULL;
	pr_info("unloaded: the stub as found on %u CPU(s)%s\n", as_found,
		other ? ", NOT on the others (EL2 copy kept)" : "");
	return 0;
}

static const struct of_device_id hypstub_of_match[] = {
	{ .compatible = "hypstub,stub" },
	{ }
};
#if HYPSTUB_MOD_DEVICE_TABLE
MODULE_DEVICE_TABLE(of, hypstub_of_match);
#endif

static struct platform_driver hypstub_driver = {
	.driver = {
		.name = "hypstub",
		.of_match_table = hypstub_of_match,
	},
	.remove = hypstub_remove,
};

/*
 * The discovery order of docs/hyp-abi.rst ("How a kernel discovers the
 * stub"), each refusal with its reason and -ENODEV, so that insmod fails
 * where there is nothing to drive.
 */
static int __init hypstub_init(void)
{
	struct device_node *np;

	if (hypstub_arch_kernel_owns_el2()) {
		pr_err("the kernel runs " HYPSTUB_MOD_KERNEL_AT " (hand-off mode, or no hypstub): Linux's own stub owns " HYPSTUB_MOD_EL2 "; no hypstub to drive; not loading\n");
		return -ENODEV;
	}
	np = of_find_compatible_node(NULL, NULL, "hypstub,stub");
	if (!np) {
		pr_err("no /hypstub node (compatible \"hypstub,stub\") in the device tree: no resident hypstub below this kernel (a kernel handed off " HYPSTUB_MOD_KERNEL_AT " has none); no HVC made; not loading\n");
		return -ENODEV;
	}
	of_node_put(np);
	/* -ENODEV too when the probe refuses. */
	return platform_driver_probe(&hypstub_driver, hypstub_probe);
}
module_init(hypstub_init);

static void __exit hypstub_exit(void)
{
	platform_driver_unregister(&hypstub_driver);
}
module_exit(hypstub_exit);

MODULE_DESCRIPTION("hypstub: discover the resident " HYPSTUB_MOD_EL2 " stub and borrow " HYPSTUB_MOD_EL2 " from it");
MODULE_LICENSE("Dual BSD/GPL");
