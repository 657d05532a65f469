/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What kernel/main.c and kernel/arm/el2.S know of AArch32 (HYP mode below a
 * kernel in SVC mode, docs/hyp-abi.rst "AArch32"): the SMC32 forms of the
 * stub operations, the names the messages use, and the register read and
 * cache operations that have no common form.  kernel/arm64/hypstub-arch.h
 * defines the same names for arm64.
 */
#ifndef HYPSTUB_MODULE_ARCH_H
#define HYPSTUB_MODULE_ARCH_H

/* The stub operations an AArch32 caller makes: their SMC32 forms. */
#define HYPSTUB_MOD_GET_VECTORS		HYPSTUB_GET_VECTORS32
#define HYPSTUB_MOD_SET_VECTORS		HYPSTUB_SET_VECTORS32
#define HYPSTUB_MOD_RESET_VECTORS	HYPSTUB_RESET_VECTORS32
#define HYPSTUB_MOD_WHOAMI_CC		SMCCC_SMC32
#define HYPSTUB_MOD_VECTORS_ALIGN	HYPSTUB_VECTORS_ALIGN_AARCH32
/* test_misalign_cpu: this far off the alignment (HVBAR bits 4:0). */
#define HYPSTUB_MOD_MISALIGN		0x10
/* The oldest ABI minor the module works with: 1.5, the AArch32 pass-on entry. */
#define HYPSTUB_MOD_ABI_MINOR		5
/*
 * No MODULE_DEVICE_TABLE: the modpost of Debian's amd64 linux-kbuild-6.1
 * (the host's: the armhf one does not run here) sizes struct of_device_id
 * as on a 64-bit kernel even in its 32-bit variant (200 bytes, not 196),
 * and refuses the table.  The table only gives the module an alias for
 * autoloading; insmod does not need it.
 */
#define HYPSTUB_MOD_DEVICE_TABLE	0

#ifndef __ASSEMBLER__
#include <asm/ptrace.h>

/* The names in the module's messages. */
#define HYPSTUB_MOD_EL2		"HYP"
#define HYPSTUB_MOD_VBAR	"HVBAR"
#define HYPSTUB_MOD_HCR		"HCR"
#define HYPSTUB_MOD_KERNEL_AT	"in HYP mode"
/* WHOAMI's r1 is the CPSR at HYP: its mode field, HYP_MODE (0x1a). */
#define HYPSTUB_MOD_LEVEL_FMT	"CPSR mode 0x%lx"
#define HYPSTUB_MOD_LEVEL(r1)	((r1) & MODE_MASK)
#define HYPSTUB_MOD_LEVEL_EL2	HYP_MODE
/*
 * While borrowed, the calls that are not el2.S's own (the vendor UID and
 * GET_VECTORS32 among them) are passed on to the stub through its pass-on
 * entry, its Hyp Trap entry (HYPSTUB_PASS_ON_OFFSET_AARCH32, ABI 1.5):
 * hypstub's UID, and HVBAR as it is, the module's table.
 */
#define HYPSTUB_MOD_OTHERS_FMT	"passed on to the stub: UID %08lx, GET_VECTORS32 0x%lx"
#define HYPSTUB_MOD_OTHERS(uid, vectors) (unsigned long)(uid).a0, (unsigned long)(vectors).a1

/*
 * The copy's pass-on word, which el2.S loads into PC to pass a call on
 * (it has no register to add the offset with): the stub's vectors +
 * HYPSTUB_PASS_ON_OFFSET_AARCH32.
 */
extern const char hypstub_el2_start[];
extern const char hypstub_el2_stub_pass_on[];
static inline void hypstub_arch_fill_el2(char *copy, unsigned long stub_vectors)
{
	*(unsigned long *)(copy + (hypstub_el2_stub_pass_on - hypstub_el2_start)) =
		stub_vectors + HYPSTUB_PASS_ON_OFFSET_AARCH32;
}

/*
 * Linux arm drops to SVC at boot whatever mode it was entered in, so this
 * is false for Linux itself; a kernel entered in HYP has its own stub
 * there and writes no /hypstub node (the next check refuses it).
 */
static inline bool hypstub_arch_kernel_owns_el2(void)
{
	unsigned long cpsr;

	asm volatile("mrs %0, cpsr" : "=r"(cpsr));
	return (cpsr & MODE_MASK) == HYP_MODE;
}

/*
 * Clean and invalidate the HYP copy to the Point of Coherency: HYP runs
 * with its MMU and caches off and reads memory, not what sits in this
 * CPU's data cache; and el2.S writes its scratch word there with the MMU
 * off, so no line of the copy stays cached to be read back instead.
 * Then no stale instructions for the new code.
 */
static inline void hypstub_arch_clean_for_el2(void *start, size_t size)
{
	__cpuc_flush_dcache_area(start, size);
	flush_icache_range((unsigned long)start, (unsigned long)start + size);
}
#endif /* __ASSEMBLER__ */

#endif /* HYPSTUB_MODULE_ARCH_H */
