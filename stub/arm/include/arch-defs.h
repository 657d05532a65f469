/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the shared C core (the C files in stub/) needs to know of AArch32:
 * ARMv7-A with the Virtualization Extensions, the stub in HYP mode below a
 * kernel in SVC.  The arm64 counterpart, stub/arm64/include/arch-defs.h,
 * says what each definition is for; only the values differ.
 */
#ifndef HYPSTUB_ARCH_DEFS_H
#define HYPSTUB_ARCH_DEFS_H


/* The caller runs in AArch32: an SMC64 or HVC64 ID is not a call it can make. */
#define STUB_CALLER_AARCH32	1

/*
 * struct stub_frame: r0..r4, r5, r12 and LR_usr, as the HVC entry pushes
 * them (one push of eight registers keeps SP 8-byte aligned; r5 is in it
 * only for that).
 */
#define STUB_FRAME_X(n)		((n) * 4)
#define STUB_FRAME_R12		24
#define STUB_FRAME_LR		28
#define STUB_FRAME_SIZE		32

/* HSR of an HVC (EC 0x12), and of `hvc #0` (IL set, immediate 0). */
#define STUB_SYNDROME_EC_HVC	0x12U
#define STUB_SYNDROME_HVC0	0x4a000000U

/*
 * The HYP vector table's eight entries (HVBAR + 4 * n), which the
 * unexpected-exception report names as <kind>_hyp.  Every exception from
 * SVC, an HVC included, comes in on the Hyp Trap entry.
 */
#define STUB_VEC_RESET		0
#define STUB_VEC_UNDEF		1
#define STUB_VEC_HVC		2	/* an HVC or SVC in HYP mode */
#define STUB_VEC_PABT		3
#define STUB_VEC_DABT		4
#define STUB_VEC_TRAP		5	/* from SVC (PL1) and below */
#define STUB_VEC_IRQ		6
#define STUB_VEC_FIQ		7
#define STUB_NR_VECTORS		8
#define STUB_VEC_LOWER_SYNC	STUB_VEC_TRAP

#define STUB_VECTOR_NR_KINDS	8
#define STUB_VECTOR_KINDS \
	{ "reset", "undef", "hvc", "pabt", "dabt", "trap", "irq", "fiq" }
#define STUB_VECTOR_SOURCES	{ "hyp" }
#define STUB_NAME_SYNDROME	"HSR"
#define STUB_NAME_ELR		"ELR_hyp"
#define STUB_NAME_FAR		"HDFAR"
#define STUB_NAME_SPSR		"SPSR_hyp"
#define STUB_NAME_HCR		"HCR"
#define STUB_NAME_SCTLR		"HSCTLR"
/*
 * No-map, so that the kernel never maps it and kexec-tools, which reads
 * only /proc/iomem, never loads over it.  Linux arm (6.1, arch/arm/mm/
 * mmu.c prepare_page_table()) takes its first memory region to hold the
 * kernel and unmaps the kernel past that region's end: a no-map hole
 * below the kernel stops it at paging_init.  So the loader moves the
 * stub, once installed, to the top of memory (STUB_RESIDENT_AT_TOP),
 * below the 4 GiB that HYP reaches with its MMU off
 * (STUB_RESIDENT_LIMIT): only the last memory region is split.
 */
#define STUB_RESERVE_NO_MAP	1
#define STUB_RESIDENT_AT_TOP	1
#define STUB_RESIDENT_LIMIT	0x100000000ULL

#define STUB_NAME_EL2		"HYP mode"
#define STUB_AT_EL2		"in HYP mode"
#define STUB_AT_EL1		"in SVC mode"
#define STUB_NAME_SOFT_RESTART	"HYPSTUB_SOFT_RESTART32"

/* The stub operations' SMC32 forms (ABI 1.4). */
#define STUB_ID_GET_VECTORS	HYPSTUB_GET_VECTORS32
#define STUB_ID_SET_VECTORS	HYPSTUB_SET_VECTORS32
#define STUB_ID_SOFT_RESTART	HYPSTUB_SOFT_RESTART32
#define STUB_ID_RESET_VECTORS	HYPSTUB_RESET_VECTORS32
#define STUB_VECTORS_ALIGN	HYPSTUB_VECTORS_ALIGN_AARCH32

/* Linux arm's stub has no numbers past the three shared ones. */
#define STUB_ARCH_LEGACY_CALLS(X)

/* The stub's entry and stacks lie below 4 GiB: the SMC32 forms. */
#define STUB_PSCI_ENTRY_FN(function)	PSCI_FN32(function)

/* MPIDR's affinity fields, Aff2..Aff0. */
#define STUB_MPIDR_AFFINITY_MASK	0xffffffULL

#ifndef __ASSEMBLER__
#include <stdint.h>

/* A register. */
typedef uint32_t stub_reg_t;

/*
 * The registers the HVC entry saves: the ones HYP C may clobber (r0..r3,
 * r12, r14, which is LR_usr: HYP has no LR of its own), and r4, which
 * SOFT_RESTART passes on.  r5..r11 the C code keeps (AAPCS).
 */
struct stub_frame {
	stub_reg_t x[5];	/* r0..r4 */
	stub_reg_t r5;
	stub_reg_t r12;
	stub_reg_t lr;		/* LR_usr */
};

#define STUB_ID_FIELD(reg, shift)	(((reg) >> (shift)) & 0xfU)

/* HYP runs with its MMU off: a 32-bit address is all it can reach. */
#define STUB_PA_BITS()		32
/* ID_PFR1.Security: the Security Extensions, so a Monitor with firmware. */
#define STUB_HAS_EL3()		(STUB_ID_FIELD(arch_read_id_pfr1(), 4) != 0)
/* Never asked on AArch32 (no legacy number reaches it). */
#define STUB_HAS_GICV3_SYSREGS()	0

/* ID registers that decide how HYP is programmed for a kernel in SVC. */
struct stub_cpu_id {
	uint32_t midr;
	uint32_t mpidr;
	uint32_t pfr1;		/* ID_PFR1: generic timer, GIC system registers */
};

#define STUB_EL2_HAS_GICV3	0x1U

/*
 * The HYP register values for one CPU, as Linux's arm hyp-stub install
 * programs them (HCR, HCPTR, HSTR 0; HDCR but HPMN clear; HSCTLR with the MMU
 * and caches off), named as on arm64 where the core reads them (hcr and
 * sctlr_el2, HSCTLR, for the report).
 */
struct stub_el2_regs {
	uint32_t hcr;
	uint32_t sctlr_el2;	/* HSCTLR */
	uint32_t hcptr;
	uint32_t hstr;
	uint32_t hdcr;		/* the bits of HDCR kept (HPMN) */
	uint32_t sctlr_set;	/* the bits set in the kernel's SCTLR (PL1) */
	uint32_t cnthctl;
	uint32_t vpidr;
	uint32_t vmpidr;
	uint32_t icc_hsre;	/* when STUB_EL2_HAS_GICV3 */
	unsigned int features;	/* STUB_EL2_HAS_* */
};

#define STUB_HCR_EL2		0UL
/*
 * HSCTLR: its RES1 bits only (3, 4, 11, 16, 18, 22, 23, 28, 29): the HYP
 * MMU, alignment checks and caches off, little-endian, exceptions in ARM
 * state.
 */
#define STUB_SCTLR_EL2		0x30c50818UL

void stub_el2_config(const struct stub_cpu_id *id, struct stub_el2_regs *regs);
#endif /* __ASSEMBLER__ */

#endif /* HYPSTUB_ARCH_DEFS_H */
