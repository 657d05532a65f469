// SPDX-License-Identifier: BSD-2-Clause
/*
 * Per-CPU installation: which slot a CPU uses, and its set-up at EL2 with
 * the register values the architecture's stub_el2_config() decides
 * (stub/arm64/el2.c).  Runs at EL2 once per CPU, before that CPU's first
 * HVC.
 */
#include "stub.h"

_Static_assert(STUB_PERCPU_SIZE % 16 == 0, "stack alignment");

_Static_assert(sizeof(struct stub_percpu) == STUB_PERCPU_SIZE, "slot size");
_Static_assert(sizeof(struct stub_percpu) - offsetof(struct stub_percpu, stack) >=
		       STUB_FRAME_SIZE + 256 + STUB_SMC_SAVE_SIZE,
	       "room for the frame, the C dispatcher and the SMC save below it");
_Static_assert(STUB_CPU_START_ON == 0 && STUB_CPU_START_RESUME == 1,
	       "the low bits of the context index kernel[]");
_Static_assert(STUB_CPU_START_MASK == 16 - 1,
	       "the bits a 16-byte aligned stack top has clear");

struct stub_cpus stub_cpus __attribute__((section(".stub.cpus")));

long stub_cpu_index(uint64_t mpidr)
{
	uint64_t count = stub_cpus.count;
	uint64_t i;

	mpidr &= STUB_MPIDR_AFFINITY_MASK;
	for (i = 0; i < count; i++) {
		if (stub_cpus.slot[i].mpidr == mpidr) {
			return (long)i;
		}
	}
	return -1;
}

STUB_INSTALL long stub_cpus_add(uint64_t mpidr)
{
	uint64_t count = stub_cpus.count;

	if ((mpidr & ~STUB_MPIDR_AFFINITY_MASK) != 0) {
		return STUB_CPUS_BAD_MPIDR;
	}
	if (stub_cpu_index(mpidr) >= 0) {
		return STUB_CPUS_DUPLICATE;
	}
	if (count >= CONFIG_HYPSTUB_MAX_CPUS) {
		return STUB_CPUS_FULL;
	}
	stub_cpus.slot[count].mpidr = mpidr;
	stub_cpus.count = count + 1;
	return (long)count;
}

STUB_INSTALL void stub_cpus_reset(void)
{
	stub_cpus.count = 0;
	stub_cpus.smccc_version = 0;
}

STUB_INSTALL uint64_t stub_cpus_count(void)
{
	return stub_cpus.count;
}

STUB_INSTALL uintptr_t stub_cpus_end(void)
{
	return (uintptr_t)&stub_cpus.slot[stub_cpus.count];
}

uintptr_t stub_cpu_stack_top(long index)
{
	return (uintptr_t)&stub_cpus.slot[index + 1];
}

void stub_cpu_set_resume(long index, unsigned int start, uint64_t entry,
			 uint64_t context)
{
	stub_cpus.slot[index].kernel[start].entry = entry;
	stub_cpus.slot[index].kernel[start].context = context;
}

/* Programs EL2 on the calling CPU for a kernel at EL1. */
static void stub_setup_el2(void)
{
	struct stub_cpu_id id;
	struct stub_el2_regs regs;

	arch_read_cpu_id(&id);
	stub_el2_config(&id, &regs);
	arch_write_el2_regs(&regs);
}

void stub_cpu_start(uint64_t context)
{
	/* The proxy found this CPU's slot at CPU_ON: the context is its top. */
	const struct stub_percpu *slot =
		(const struct stub_percpu *)(uintptr_t)(context & ~(uint64_t)STUB_CPU_START_MASK) - 1;
	const struct stub_kernel_entry *kernel =
		&slot->kernel[context & STUB_CPU_START_RESUME];

	stub_setup_el2();
	stub_enter_el1(context & ~(uint64_t)STUB_CPU_START_MASK, kernel->entry,
		       kernel->context, 0, 0, 0);
}

STUB_INSTALL uintptr_t stub_prepare_cpu(void)
{
	uint64_t mpidr = arch_read_mpidr() & STUB_MPIDR_AFFINITY_MASK;
	long index = stub_cpu_index(mpidr);

	/* A table nobody wrote yet: the first CPU installed is the boot CPU. */
	if (index < 0 && stub_cpus.count == 0) {
		index = stub_cpus_add(mpidr);
	}
	if (index < 0) {
		return 0;
	}
	stub_probe_firmware();
	stub_setup_el2();
	return stub_cpu_stack_top(index);
}
