// SPDX-License-Identifier: BSD-2-Clause
/*
 * The HYP register values that let a kernel run in SVC as
 * Documentation/arm/booting.rst asks: what Linux's own arm hyp-stub
 * install programs (arch/arm/kernel/hyp-stub.S), from what the CPU's ID
 * registers say it has.  A decision, so C; arch.c writes the values.
 */
#include "stub.h"

/* CNTHCTL: PL1 may read the physical counter and use the physical timer. */
#define CNTHCTL_PL1PCTEN	(1U << 0)
#define CNTHCTL_PL1PCEN		(1U << 1)
/* SCTLR (PL1): the kernel's CP15 barrier instructions work (booting.rst). */
#define SCTLR_CP15BEN		(1U << 5)
/* HDCR: HPMN, the counters PL1 owns (all of them, as at reset). */
#define HDCR_HPMN_MASK		0x1fU
#define ICC_HSRE_SRE		(1U << 0)
#define ICC_HSRE_ENABLE		(1U << 3)

void stub_el2_config(const struct stub_cpu_id *id, struct stub_el2_regs *regs)
{
	regs->features = 0;
	regs->hcr = STUB_HCR_EL2;
	regs->sctlr_el2 = STUB_SCTLR_EL2;
	regs->hcptr = 0;
	regs->hstr = 0;
	regs->hdcr = HDCR_HPMN_MASK;
	regs->sctlr_set = SCTLR_CP15BEN;
	regs->cnthctl = CNTHCTL_PL1PCTEN | CNTHCTL_PL1PCEN;
	regs->vpidr = id->midr;
	regs->vmpidr = id->mpidr;
	regs->icc_hsre = 0;
	/* ID_PFR1[31:28]: the GIC system register interface. */
	if (STUB_ID_FIELD(id->pfr1, 28) != 0) {
		regs->features |= STUB_EL2_HAS_GICV3;
		regs->icc_hsre = ICC_HSRE_SRE | ICC_HSRE_ENABLE;
	}
}
