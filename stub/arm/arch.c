// SPDX-License-Identifier: BSD-2-Clause
/*
 * The AArch32 arch layer: the only C that touches CP15 in HYP mode (the
 * UART is stub/pl011.c's).  What it writes, stub_el2_config() (el2.c)
 * decides.
 */
#include "stub.h"
#include "sysreg.h"

uint64_t arch_read_mpidr(void)
{
	return read_cp15(CP15_MPIDR);
}

void arch_read_cpu_id(struct stub_cpu_id *id)
{
	id->midr = read_cp15(CP15_MIDR);
	id->mpidr = read_cp15(CP15_MPIDR);
	id->pfr1 = read_cp15(CP15_ID_PFR1);
}

void arch_write_el2_regs(const struct stub_el2_regs *regs)
{
	uint32_t sctlr = read_cp15(CP15_SCTLR);

	write_cp15(regs->sctlr_el2, CP15_HSCTLR);
	write_cp15(regs->hcr, CP15_HCR);
	write_cp15(regs->hcptr, CP15_HCPTR);
	write_cp15(regs->hstr, CP15_HSTR);
	write_cp15(read_cp15(CP15_HDCR) & regs->hdcr, CP15_HDCR);
	write_cp15(regs->vpidr, CP15_VPIDR);
	write_cp15(regs->vmpidr, CP15_VMPIDR);
	write_cp15(regs->cnthctl, CP15_CNTHCTL);
	/* CNTVOFF = 0: a 64-bit register, written as a pair. */
	__asm__ volatile("mcrr p15, 4, %0, %0, c14" : : "r"(0) : "memory");
	write_cp15(sctlr | regs->sctlr_set, CP15_SCTLR);
	isb();
	if (regs->features & STUB_EL2_HAS_GICV3) {
		write_cp15(regs->icc_hsre, CP15_ICC_HSRE);
		isb();
		write_cp15(0, CP15_ICH_HCR);
	}
	write_cp15((uint32_t)arch_stub_vectors(), CP15_HVBAR);
	isb();
}

void arch_read_fault(uint64_t *esr, uint64_t *elr, uint64_t *far,
		     uint64_t *spsr)
{
	uint32_t value;

	*esr = read_cp15(CP15_HSR);
	__asm__ volatile("mrs %0, elr_hyp" : "=r"(value));
	*elr = value;
	*far = read_cp15(CP15_HDFAR);
	__asm__ volatile("mrs %0, spsr" : "=r"(value));
	*spsr = value;
}

void arch_read_el2_control(uint64_t *hcr, uint64_t *sctlr)
{
	*hcr = read_cp15(CP15_HCR);
	*sctlr = read_cp15(CP15_HSCTLR);
}

void arch_disarm_report(void)
{
	write_cp15(0, CP15_HTPIDR);
}
