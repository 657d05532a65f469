// SPDX-License-Identifier: BSD-2-Clause
/*
 * The arm64 arch layer: the only C that touches system registers (the UART
 * is stub/pl011.c's).  Registers the assembler may not know are named by
 * encoding.
 */
#include "stub.h"
#include "sysreg.h"

uint64_t arch_read_mpidr(void)
{
	return read_sysreg(mpidr_el1);
}

void arch_read_cpu_id(struct stub_cpu_id *id)
{
	id->midr = read_sysreg(midr_el1);
	id->mpidr = read_sysreg(mpidr_el1);
	id->pfr0 = read_sysreg(id_aa64pfr0_el1);
	id->pfr1 = read_sysreg(SYS_ID_AA64PFR1_EL1);
	id->mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	id->isar1 = read_sysreg(id_aa64isar1_el1);
	id->isar2 = read_sysreg(SYS_ID_AA64ISAR2_EL1);
	id->dfr0 = read_sysreg(id_aa64dfr0_el1);
	id->smfr0 = 0;
	if (stub_id_has_sme(id->pfr1)) {
		id->smfr0 = read_sysreg(SYS_ID_AA64SMFR0_EL1);
	}
	id->pmcr = 0;
	/* PMCR_EL0 exists only with an architected PMU. */
	if (stub_id_has_pmu(id->dfr0)) {
		id->pmcr = read_sysreg(pmcr_el0);
	}
}

void arch_write_el2_regs(const struct stub_el2_regs *regs)
{
	write_sysreg(regs->sctlr_el2, sctlr_el2);
	write_sysreg(regs->sctlr_el1, sctlr_el1);
	write_sysreg(regs->hcr, hcr_el2);
	write_sysreg(regs->cnthctl, cnthctl_el2);
	write_sysreg(0, cntvoff_el2);
	write_sysreg(0, cnthp_ctl_el2);
	write_sysreg(regs->cptr, cptr_el2);
	write_sysreg(regs->mdcr, mdcr_el2);
	write_sysreg(regs->vpidr, vpidr_el2);
	write_sysreg(regs->vmpidr, vmpidr_el2);
	write_sysreg(0, vttbr_el2);
	write_sysreg(0, hstr_el2);
	isb();
	if (regs->features & STUB_EL2_HAS_GICV3) {
		write_sysreg(regs->icc_sre, SYS_ICC_SRE_EL2);
		isb();
		write_sysreg(0, SYS_ICH_HCR_EL2);
	}
	/* ZCR_EL2 and SMCR_EL2 are reachable only once CPTR_EL2 stops trapping. */
	if (regs->features & STUB_EL2_HAS_SVE) {
		write_sysreg(regs->zcr, SYS_ZCR_EL2);
	}
	if (regs->features & STUB_EL2_HAS_SME) {
		write_sysreg(regs->smcr, SYS_SMCR_EL2);
	}
	if (regs->features & STUB_EL2_HAS_FGT) {
		write_sysreg(0, SYS_HFGRTR_EL2);
		write_sysreg(0, SYS_HFGWTR_EL2);
		write_sysreg(0, SYS_HFGITR_EL2);
		write_sysreg(0, SYS_HDFGRTR_EL2);
		write_sysreg(0, SYS_HDFGWTR_EL2);
	}
	write_sysreg(arch_stub_vectors(), vbar_el2);
	isb();
}

void arch_read_fault(uint64_t *esr, uint64_t *elr, uint64_t *far,
		     uint64_t *spsr)
{
	*esr = read_sysreg(esr_el2);
	*elr = read_sysreg(elr_el2);
	*far = read_sysreg(far_el2);
	*spsr = read_sysreg(spsr_el2);
}

void arch_read_el2_control(uint64_t *hcr, uint64_t *sctlr)
{
	*hcr = read_sysreg(hcr_el2);
	*sctlr = read_sysreg(sctlr_el2);
}

void arch_disarm_report(void)
{
	write_sysreg(0, tpidr_el2);
}
