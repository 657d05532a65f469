// SPDX-License-Identifier: BSD-2-Clause
/*
 * The EL2 register values that let a kernel run at EL1 as
 * Documentation/arm64/booting.rst asks, from what the CPU's ID registers
 * say it has.  A decision, so C that the host unit tests run
 * (tests/unit/test_cpu.c); arch.c writes the values.
 */
#include "stub.h"

/* CNTHCTL_EL2: EL1 may read the physical counter and use the physical timer. */
#define CNTHCTL_EL1PCTEN	(1UL << 0)
#define CNTHCTL_EL1PCEN		(1UL << 1)
/* CPTR_EL2 (E2H = 0): RES1 bits; TFP (10) and TZ (8) clear; TSM is bit 12. */
#define CPTR_EL2_RES1		0x32ffUL
#define CPTR_EL2_TSM		(1UL << 12)
#define ICC_SRE_EL2_SRE		(1UL << 0)
#define ICC_SRE_EL2_ENABLE	(1UL << 3)
#define ZCR_LEN_MAX		0xfUL
#define SMCR_FA64		(1UL << 31)
#define ID_AA64SMFR0_FA64	(1UL << 63)
#define SMCR_LEN_MAX		0xfUL
/* SCTLR_EL1 with the MMU and caches off, little-endian. */
#define SCTLR_EL1_RES1		0x30d00800UL

void stub_el2_config(const struct stub_cpu_id *id, struct stub_el2_regs *regs)
{
	regs->features = 0;
	regs->hcr = STUB_HCR_EL2;
	regs->cnthctl = CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN;
	regs->cptr = CPTR_EL2_RES1;
	regs->mdcr = 0;
	regs->sctlr_el2 = STUB_SCTLR_EL2;
	regs->sctlr_el1 = SCTLR_EL1_RES1;
	regs->vpidr = id->midr;
	regs->vmpidr = id->mpidr;
	regs->icc_sre = 0;
	regs->zcr = 0;
	regs->smcr = 0;

	if (stub_id_has_pauth(id->isar1, id->isar2)) {
		regs->features |= STUB_EL2_HAS_PAUTH;
		regs->hcr |= STUB_HCR_EL2_PAUTH;
	}
	if (stub_id_has_gicv3(id->pfr0)) {
		regs->features |= STUB_EL2_HAS_GICV3;
		regs->icc_sre = ICC_SRE_EL2_SRE | ICC_SRE_EL2_ENABLE;
	}
	if (STUB_ID_FIELD(id->pfr0, 32) != 0) {
		regs->features |= STUB_EL2_HAS_SVE;
		regs->zcr = ZCR_LEN_MAX;
	}
	if (stub_id_has_sme(id->pfr1)) {
		regs->features |= STUB_EL2_HAS_SME;
		regs->cptr &= ~CPTR_EL2_TSM;
		regs->smcr = SMCR_LEN_MAX;
		/* FA64 is RES0 without FEAT_SME_FA64 (booting.rst sets it only then). */
		if (id->smfr0 & ID_AA64SMFR0_FA64) {
			regs->smcr |= SMCR_FA64;
		}
	}
	if (STUB_ID_FIELD(id->mmfr0, 56) != 0) {
		regs->features |= STUB_EL2_HAS_FGT;
	}
	/* An IMPLEMENTATION DEFINED PMU (PMUVer 0xf) is left alone. */
	if (stub_id_has_pmu(id->dfr0)) {
		regs->features |= STUB_EL2_HAS_PMU;
		/* HPMN: every counter PMCR_EL0.N reports belongs to EL1. */
		regs->mdcr = (id->pmcr >> 11) & 0x1f;
	}
}
