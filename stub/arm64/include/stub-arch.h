/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The arch accessors on the HVC path, inline so that a call costs no more
 * than the instructions it needs.  The host build gets prototypes from
 * stub/host/include/stub-arch.h instead, implemented by the unit tests' fake.
 */
#ifndef HYPSTUB_STUB_ARCH_H
#define HYPSTUB_STUB_ARCH_H

#include "sysreg.h"
#include "stub-asm.h"

extern char stub_vectors[];
extern char stub_cpu_entry[];

static inline uint64_t arch_read_vbar_el2(void)
{
	return read_sysreg(vbar_el2);
}

static inline void arch_write_vbar_el2(uint64_t vbar)
{
	write_sysreg(vbar, vbar_el2);
	isb();
}

static inline uint64_t arch_stub_vectors(void)
{
	return (uint64_t)(uintptr_t)stub_vectors;
}

/* Where the firmware starts or resumes a CPU for the PSCI proxy. */
static inline uint64_t arch_stub_cpu_entry(void)
{
	return (uint64_t)(uintptr_t)stub_cpu_entry;
}

static inline uint64_t arch_read_id_aa64mmfr0(void)
{
	return read_sysreg(id_aa64mmfr0_el1);
}

static inline uint64_t arch_read_id_aa64pfr0(void)
{
	return read_sysreg(id_aa64pfr0_el1);
}

/* Only with the GICv3 system registers (ID_AA64PFR0_EL1.GIC != 0). */
static inline uint64_t arch_read_ich_vtr_el2(void)
{
	return read_sysreg(SYS_ICH_VTR_EL2);
}

/* EL2 MMU and caches off; the exception return goes to @entry at EL2h. */
static inline void arch_prepare_soft_restart(uint64_t entry)
{
	uint64_t sctlr = read_sysreg(sctlr_el2);

	write_sysreg(sctlr & ~(SCTLR_M | SCTLR_C | SCTLR_I), sctlr_el2);
	isb();
	write_sysreg(entry, elr_el2);
	write_sysreg(STUB_SPSR_EL2H_DAIF, spsr_el2);
}

#endif /* HYPSTUB_STUB_ARCH_H */
