/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The arch accessors on the HVC path for AArch32 (HYP mode), inline as on
 * arm64 (stub/arm64/include/stub-arch.h, whose names the shared core
 * uses: "vbar_el2" is HVBAR here).
 */
#ifndef HYPSTUB_STUB_ARCH_H
#define HYPSTUB_STUB_ARCH_H

#include "sysreg.h"
#include "stub-asm.h"

extern char stub_vectors[];
extern char stub_cpu_entry[];

/* CPSR/SPSR: HYP and SVC modes, A, I and F masked. */
#define STUB_PSR_MODE_HYP	0x1aU
#define STUB_PSR_MODE_SVC	0x13U
#define STUB_PSR_AIF		0x1c0U

static inline uint64_t arch_read_vbar_el2(void)
{
	return read_cp15(CP15_HVBAR);
}

/*
 * No ISB: only the HVC path writes HVBAR, and the ERET that ends it is a
 * context synchronization event (ARMv7 ARM B3.15.5, "Synchronization of
 * changes to system control registers"); nothing between can take an
 * exception to HYP (A, I and F are masked since the HVC came in).
 */
static inline void arch_write_vbar_el2(uint64_t vbar)
{
	write_cp15((uint32_t)vbar, CP15_HVBAR);
}

static inline uint64_t arch_stub_vectors(void)
{
	return (uint32_t)(uintptr_t)stub_vectors;
}

/* Where the firmware starts or resumes a CPU for the PSCI proxy. */
static inline uint64_t arch_stub_cpu_entry(void)
{
	return (uint32_t)(uintptr_t)stub_cpu_entry;
}

static inline uint64_t arch_read_id_pfr1(void)
{
	return read_cp15(CP15_ID_PFR1);
}

/* No AArch32 call reads ICH_VTR (STUB_HAS_GICV3_SYSREGS() is 0). */
static inline uint64_t arch_read_ich_vtr_el2(void)
{
	return 0;
}

/* HYP MMU and caches off; the exception return goes to @entry in HYP. */
static inline void arch_prepare_soft_restart(uint64_t entry)
{
	uint32_t hsctlr = read_cp15(CP15_HSCTLR);

	write_cp15(hsctlr & ~(SCTLR_M | SCTLR_C | SCTLR_I), CP15_HSCTLR);
	isb();
	__asm__ volatile("msr elr_hyp, %0" : : "r"((uint32_t)entry));
	__asm__ volatile("msr spsr_cxsf, %0"
			 : : "r"(STUB_PSR_MODE_HYP | STUB_PSR_AIF));
}

#endif /* HYPSTUB_STUB_ARCH_H */
