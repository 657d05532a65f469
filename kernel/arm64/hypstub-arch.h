/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What kernel/main.c and kernel/arm64/el2.S know of arm64 (EL2 below a
 * kernel at EL1): the calls of the borrow in their SMC64 forms, the names
 * the messages use, and the few register reads and cache operations that
 * have no common form.  kernel/arm/hypstub-arch.h defines the same names
 * for AArch32 (docs/linux-module.rst, "AArch32").
 */
#ifndef HYPSTUB_MODULE_ARCH_H
#define HYPSTUB_MODULE_ARCH_H

/* The stub operations this architecture's callers make. */
#define HYPSTUB_MOD_GET_VECTORS		HYPSTUB_GET_VECTORS
#define HYPSTUB_MOD_SET_VECTORS		HYPSTUB_SET_VECTORS
#define HYPSTUB_MOD_RESET_VECTORS	HYPSTUB_RESET_VECTORS
#define HYPSTUB_MOD_WHOAMI_CC		SMCCC_SMC64
#define HYPSTUB_MOD_VECTORS_ALIGN	HYPSTUB_VECTORS_ALIGN
/* test_misalign_cpu: this far off the alignment. */
#define HYPSTUB_MOD_MISALIGN		0x80
/* The oldest ABI minor the module works with: 1.2 brought the pass-on entry. */
#define HYPSTUB_MOD_ABI_MINOR		2
/* MODULE_DEVICE_TABLE: the module's alias for the /hypstub node. */
#define HYPSTUB_MOD_DEVICE_TABLE	1

#ifndef __ASSEMBLER__
#include <asm/sysreg.h>
#include <asm/virt.h>

/* The names in the module's messages. */
#define HYPSTUB_MOD_EL2		"EL2"
#define HYPSTUB_MOD_VBAR	"VBAR_EL2"
#define HYPSTUB_MOD_HCR		"HCR_EL2"
/* WHOAMI's x1 is CurrentEL: EL in bits 3:2. */
#define HYPSTUB_MOD_LEVEL_FMT	"CurrentEL EL%lu"
#define HYPSTUB_MOD_LEVEL(x1)	(((x1) >> 2) & 3)
#define HYPSTUB_MOD_LEVEL_EL2	2
#define HYPSTUB_MOD_KERNEL_AT	"at EL2"
/*
 * While borrowed, the calls that are not el2.S's own (the vendor UID and
 * GET_VECTORS among them) are passed on to the stub through its pass-on
 * entry: hypstub's UID, and VBAR_EL2 as it is, the module's table.
 */
#define HYPSTUB_MOD_OTHERS_FMT	"passed on to the stub: UID %08lx, GET_VECTORS 0x%lx"
#define HYPSTUB_MOD_OTHERS(uid, vectors) (unsigned long)(u32)(uid).a0, (vectors).a1
/* el2.S adds HYPSTUB_PASS_ON_OFFSET itself: nothing more in the copy. */
static inline void hypstub_arch_fill_el2(char *copy, unsigned long stub_vectors)
{
}

/* A kernel at EL2 (VHE) owns EL2 itself: there is no stub to drive. */
static inline bool hypstub_arch_kernel_owns_el2(void)
{
	return is_kernel_in_hyp_mode();
}

/*
 * Clean the EL2 copy to the Point of Coherency: EL2 runs with its MMU and
 * caches off and reads memory, not what sits in this CPU's data cache.
 * caches_clean_inval_pou() would stop at the Point of Unification, which
 * is not enough; the lines are few, so clean them here.
 */
static inline void hypstub_arch_clean_for_el2(void *start, size_t size)
{
	unsigned long line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	unsigned long p = (unsigned long)start & ~(line - 1);
	unsigned long end = (unsigned long)start + size;

	for (; p < end; p += line) {
		asm volatile("dc cvac, %0" : : "r"(p) : "memory");
	}
	dsb(sy);
	/* No stale instructions for the new code at EL1 or EL2 either. */
	asm volatile("ic ialluis" : : : "memory");
	dsb(ish);
	isb();
}
#endif /* __ASSEMBLER__ */

#endif /* HYPSTUB_MODULE_ARCH_H */
