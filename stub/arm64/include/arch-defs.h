/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the shared C core (the C files in stub/) needs to know of AArch64: how an HVC
 * from the kernel looks to EL2, which forms of the stub's calls a caller
 * uses, the CPU identity bits.  Definitions only, no code: the host unit
 * tests build the core against this file too (tests/unit/unit.mk).  The
 * AArch32 counterpart is stub/arm/include/arch-defs.h.
 */
#ifndef HYPSTUB_ARCH_DEFS_H
#define HYPSTUB_ARCH_DEFS_H

/* The caller runs in AArch64: it may make SMC64 calls. */
#define STUB_CALLER_AARCH32	0

/* struct stub_frame: x0..x4 then x30, as saved by the HVC entry. */
#define STUB_FRAME_X(n)		((n) * 8)
#define STUB_FRAME_LR		40
#define STUB_FRAME_SIZE		48

/* ESR_EL2 of an HVC from AArch64 (EC 0x16), and of `hvc #0` (IL set). */
#define STUB_SYNDROME_EC_HVC	0x16U
#define STUB_SYNDROME_HVC0	0x5a000000U
/*
 * Vector numbers, in vector table order (name table in stub/report.c): a
 * vector's number is its slot, which is how stub_vector_unexpected counts.
 */
#define STUB_VEC_SYNC_EL2T	0
#define STUB_VEC_IRQ_EL2T	1
#define STUB_VEC_FIQ_EL2T	2
#define STUB_VEC_SERROR_EL2T	3
#define STUB_VEC_SYNC_EL2H	4
#define STUB_VEC_IRQ_EL2H	5
#define STUB_VEC_FIQ_EL2H	6
#define STUB_VEC_SERROR_EL2H	7
#define STUB_VEC_SYNC_EL1_64	8
#define STUB_VEC_IRQ_EL1_64	9
#define STUB_VEC_FIQ_EL1_64	10
#define STUB_VEC_SERROR_EL1_64	11
#define STUB_VEC_SYNC_EL1_32	12
#define STUB_VEC_IRQ_EL1_32	13
#define STUB_VEC_FIQ_EL1_32	14
#define STUB_VEC_SERROR_EL1_32	15
#define STUB_NR_VECTORS		16
/* The vector an exception from the kernel that is not an HVC is reported as. */
#define STUB_VEC_LOWER_SYNC	STUB_VEC_SYNC_EL1_64

/*
 * The unexpected-exception report (stub/report.c): a vector's name is
 * <kind>_<source>, kind = vector % STUB_VECTOR_NR_KINDS, as the park
 * labels in vectors.S; then the registers by their AArch64 names.
 */
#define STUB_VECTOR_NR_KINDS	4
#define STUB_VECTOR_KINDS	{ "sync", "irq", "fiq", "serror" }
#define STUB_VECTOR_SOURCES	{ "el2t", "el2h", "el1_64", "el1_32" }
#define STUB_NAME_SYNDROME	"ESR_EL2"
#define STUB_NAME_ELR		"ELR_EL2"
#define STUB_NAME_FAR		"FAR_EL2"
#define STUB_NAME_SPSR		"SPSR_EL2"
#define STUB_NAME_HCR		"HCR_EL2"
#define STUB_NAME_SCTLR		"SCTLR_EL2"
/*
 * The stub's /reserved-memory node is no-map: the kernel never maps it.
 * It stays where the image was loaded (Linux arm64 takes a no-map hole
 * anywhere): the loader does not move it (STUB_RESIDENT_AT_TOP 0).
 */
#define STUB_RESERVE_NO_MAP	1
#define STUB_RESIDENT_AT_TOP	0
#define STUB_RESIDENT_LIMIT	0

/* The loader's messages: where the stub and the kernel run. */
#define STUB_NAME_EL2		"EL2"
#define STUB_AT_EL2		"at EL2"
#define STUB_AT_EL1		"at EL1"
#define STUB_NAME_SOFT_RESTART	"HYPSTUB_SOFT_RESTART"

/* The stub operations' SMCCC IDs an AArch64 caller uses: the SMC64 forms. */
#define STUB_ID_GET_VECTORS	HYPSTUB_GET_VECTORS
#define STUB_ID_SET_VECTORS	HYPSTUB_SET_VECTORS
#define STUB_ID_SOFT_RESTART	HYPSTUB_SOFT_RESTART
#define STUB_ID_RESET_VECTORS	HYPSTUB_RESET_VECTORS
/* SET_VECTORS: VBAR_EL2's alignment. */
#define STUB_VECTORS_ALIGN	HYPSTUB_VECTORS_ALIGN

/*
 * Linux arm64's stub numbers past the three both architectures share
 * (dispatch.c): X(number, operation, hot).
 */
#define STUB_ARCH_LEGACY_CALLS(X)					\
	X(HVC_FINALISE_EL2, STUB_OP_NONE, 0)				\
	X(HVC_GET_ICH_VTR_EL2, STUB_OP_GET_ICH_VTR, 0)

/*
 * The PSCI calls that carry an entry point go on to the firmware in their
 * SMC64 forms: the stub's entry and stack may lie above 4 GiB.
 */
#define STUB_PSCI_ENTRY_FN(function)	PSCI_FN64(function)

/* MPIDR_EL1's affinity fields, Aff3..Aff0: a CPU's identity. */
#define STUB_MPIDR_AFFINITY_MASK	0xff00ffffffULL

#ifndef __ASSEMBLER__
#include <stdint.h>

/* A register. */
typedef uint64_t stub_reg_t;

/*
 * The registers the HVC entry saves: the ones EL2 C may clobber.  The stub
 * is compiled with x5..x18 reserved (-ffixed-x5 ... -ffixed-x18), so C
 * touches only x0..x4, x30 and the callee-saved registers it restores.
 * x4 is saved as an argument (SOFT_RESTART passes it on).
 */
struct stub_frame {
	stub_reg_t x[5];	/* x0..x4 */
	stub_reg_t lr;		/* x30 */
};

/*
 * What the ID registers say a CPU has: the one place each field is read,
 * for the EL2 set-up, the arch layer's register reads and the HVC path.
 */
#define STUB_ID_FIELD(reg, shift)	(((reg) >> (shift)) & 0xfU)

/* GICv3 system registers (ID_AA64PFR0_EL1.GIC). */
static inline int stub_id_has_gicv3(uint64_t pfr0)
{
	return STUB_ID_FIELD(pfr0, 24) != 0;
}

/* SME (ID_AA64PFR1_EL1.SME). */
static inline int stub_id_has_sme(uint64_t pfr1)
{
	return STUB_ID_FIELD(pfr1, 24) != 0;
}

/* An architected PMU (ID_AA64DFR0_EL1.PMUVer; 0xf is IMPLEMENTATION DEFINED). */
static inline int stub_id_has_pmu(uint64_t dfr0)
{
	unsigned int pmuver = STUB_ID_FIELD(dfr0, 8);

	return pmuver != 0 && pmuver != 0xf;
}

/*
 * Pointer authentication (FEAT_PAuth): ID_AA64ISAR1_EL1.APA, API, GPA or
 * GPI, or ID_AA64ISAR2_EL1.APA3 or GPA3, not 0.
 */
static inline int stub_id_has_pauth(uint64_t isar1, uint64_t isar2)
{
	return STUB_ID_FIELD(isar1, 4) != 0 || STUB_ID_FIELD(isar1, 8) != 0 ||
	       STUB_ID_FIELD(isar1, 24) != 0 || STUB_ID_FIELD(isar1, 28) != 0 ||
	       STUB_ID_FIELD(isar2, 8) != 0 || STUB_ID_FIELD(isar2, 12) != 0;
}

/* Number of address bits ID_AA64MMFR0_EL1.PARange allows (inline: HVC path). */
static inline unsigned int stub_pa_bits(uint64_t mmfr0)
{
	static const uint8_t bits[] = { 32, 36, 40, 42, 44, 48, 52, 56 };
	unsigned int parange = mmfr0 & 0xf;

	/* 7 is 56 bits (FEAT_D128); above it, reserved: the widest known. */
	if (parange >= sizeof(bits)) {
		return 56;
	}
	return bits[parange];
}

/* Address bits the CPU can reach (the calls' address checks). */
#define STUB_PA_BITS()		stub_pa_bits(arch_read_id_aa64mmfr0())
/* EL3 below, with firmware to ask (ID_AA64PFR0_EL1.EL3). */
#define STUB_HAS_EL3()		(STUB_ID_FIELD(arch_read_id_aa64pfr0(), 12) != 0)
/* The GICv3 system registers, so ICH_VTR_EL2 (HVC_GET_ICH_VTR_EL2). */
#define STUB_HAS_GICV3_SYSREGS()	stub_id_has_gicv3(arch_read_id_aa64pfr0())

/* ID registers that decide how EL2 is programmed for a kernel at EL1. */
struct stub_cpu_id {
	uint64_t midr;
	uint64_t mpidr;
	uint64_t pfr0;		/* ID_AA64PFR0_EL1 */
	uint64_t pfr1;		/* ID_AA64PFR1_EL1 */
	uint64_t smfr0;		/* ID_AA64SMFR0_EL1, read only when pfr1 shows SME */
	uint64_t mmfr0;		/* ID_AA64MMFR0_EL1 */
	uint64_t isar1;		/* ID_AA64ISAR1_EL1 */
	uint64_t isar2;		/* ID_AA64ISAR2_EL1 */
	uint64_t dfr0;		/* ID_AA64DFR0_EL1 */
	uint64_t pmcr;		/* PMCR_EL0, read only when dfr0 shows a PMU */
};

#define STUB_EL2_HAS_GICV3	0x1U
#define STUB_EL2_HAS_SVE	0x2U
#define STUB_EL2_HAS_SME	0x4U
#define STUB_EL2_HAS_FGT	0x8U
#define STUB_EL2_HAS_PMU	0x10U
#define STUB_EL2_HAS_PAUTH	0x20U

/*
 * HCR_EL2: EL1 is AArch64 (RW); with pointer authentication, its keys and
 * instructions do not trap (APK, API: RES0 without FEAT_PAuth).  SCTLR_EL2:
 * the EL2 MMU and caches off, little-endian (RES1 bits only).  A borrower
 * of EL2 must put both back (docs/hyp-abi.rst).
 */
#define STUB_HCR_EL2		(1UL << 31)
#define STUB_HCR_EL2_PAUTH	((1UL << 40) | (1UL << 41))
#define STUB_SCTLR_EL2		0x30c50830UL

/* The EL2 register values for one CPU, as booting.rst asks. */
struct stub_el2_regs {
	uint64_t hcr;
	uint64_t cnthctl;
	uint64_t cptr;
	uint64_t mdcr;
	uint64_t sctlr_el2;
	uint64_t sctlr_el1;
	uint64_t vpidr;
	uint64_t vmpidr;
	uint64_t icc_sre;	/* when STUB_EL2_HAS_GICV3 */
	uint64_t zcr;		/* when STUB_EL2_HAS_SVE */
	uint64_t smcr;		/* when STUB_EL2_HAS_SME */
	unsigned int features;	/* STUB_EL2_HAS_* */
};

void stub_el2_config(const struct stub_cpu_id *id, struct stub_el2_regs *regs);
#endif /* __ASSEMBLER__ */

#endif /* HYPSTUB_ARCH_DEFS_H */
