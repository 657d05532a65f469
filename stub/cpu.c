// SPDX-License-Identifier: BSD-2-Clause
/*
 * Per-CPU installation: which slot a CPU uses, and the EL2 register values
 * that let a kernel run at EL1 as Documentation/arm64/booting.rst asks.
 * Runs at EL2 once per CPU, before that CPU's first HVC.
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

_Static_assert(STUB_PERCPU_SIZE % 16 == 0, "stack alignment");

/* Where the stub's CPU entry enters the kernel, and the kernel's context. */
struct stub_kernel_entry {
	volatile uint64_t entry;
	volatile uint64_t context;
};

/*
 * A CPU's slot: where the PSCI proxy asked the firmware to start (CPU_ON)
 * and to resume (the suspend calls) it for the kernel, indexed by
 * STUB_CPU_START_*, then its EL2 stack up to the top.  Separate, so that a
 * CPU_ON the firmware refuses leaves a suspended CPU's resume entry alone.
 */
struct stub_percpu {
	struct stub_kernel_entry kernel[2];
	uint64_t stack[STUB_PERCPU_SIZE / 8 - 4];
} __attribute__((aligned(16)));

_Static_assert(sizeof(struct stub_percpu) == STUB_PERCPU_SIZE, "slot size");
_Static_assert(STUB_PERCPU_SIZE >= 32 + STUB_FRAME_SIZE + 256 + STUB_SMC_SAVE_SIZE,
	       "room for the frame, the C dispatcher and the SMC save below it");
_Static_assert(STUB_CPU_START_ON == 0 && STUB_CPU_START_RESUME == 1,
	       "the low bits of the context index kernel[]");
_Static_assert(STUB_CPU_START_MASK == 16 - 1,
	       "the bits a 16-byte aligned stack top has clear");

/*
 * One slot per possible CPU; each CPU only ever touches its own.  In a
 * section of its own so that it is part of the loaded (and reserved) image.
 */
static struct stub_percpu stub_percpu[CONFIG_HYPSTUB_NR_CPUS]
	__attribute__((section(".stub.percpu")));

long stub_cpu_index(uint64_t mpidr)
{
	uint64_t aff0 = mpidr & 0xff;
	uint64_t aff1 = (mpidr >> 8) & 0xff;
	uint64_t aff2 = (mpidr >> 16) & 0xff;
	uint64_t aff3 = (mpidr >> 32) & 0xff;
	uint64_t index;

	if (aff2 != 0 || aff3 != 0 ||
	    aff0 >= CONFIG_HYPSTUB_CPUS_PER_CLUSTER) {
		return -1;
	}
	index = aff1 * CONFIG_HYPSTUB_CPUS_PER_CLUSTER + aff0;
	if (index >= CONFIG_HYPSTUB_NR_CPUS) {
		return -1;
	}
	return (long)index;
}

uintptr_t stub_cpu_stack_top(long index)
{
	return (uintptr_t)&stub_percpu[index + 1];
}

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

void stub_cpu_set_resume(long index, unsigned int start, uint64_t entry,
			 uint64_t context)
{
	stub_percpu[index].kernel[start].entry = entry;
	stub_percpu[index].kernel[start].context = context;
}

void stub_cpu_start(uint64_t context)
{
	uintptr_t top = stub_prepare_cpu();
	long index = stub_cpu_index(arch_read_mpidr());
	const struct stub_kernel_entry *kernel;

	if (top == 0 || index < 0) {
		return;
	}
	kernel = &stub_percpu[index].kernel[context & STUB_CPU_START_RESUME];
	stub_enter_el1(top, kernel->entry, kernel->context, 0, 0, 0);
}

uintptr_t stub_prepare_cpu(void)
{
	struct stub_cpu_id id;
	struct stub_el2_regs regs;
	long index;

	arch_read_cpu_id(&id);
	index = stub_cpu_index(id.mpidr);
	if (index < 0) {
		return 0;
	}
	stub_el2_config(&id, &regs);
	arch_write_el2_regs(&regs);
	return stub_cpu_stack_top(index);
}
