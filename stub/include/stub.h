/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The stub's C interface: the HVC frame, the dispatcher, per-CPU set-up, and
 * the thin arch layer (stub/arm64/arch.c on the target, tests/unit/fake_arch.c
 * on the host) that is the only place touching system registers.
 */
#ifndef HYPSTUB_STUB_H
#define HYPSTUB_STUB_H

#include <stddef.h>
#include <stdint.h>

#include "abi/hypstub.h"
#include "kconfig.h"
#include "stub-asm.h"
#include "arch-defs.h"
#include <stub-arch.h>

/*
 * struct stub_frame, the registers the HVC entry saves, and stub_reg_t,
 * the width of a register, come from the architecture's arch-defs.h: the
 * core reads the call in x[0..4] (x0..x4, or r0..r4) and writes its
 * results there.
 */

/*
 * Entry from the vectors for a synchronous exception from EL1 (AArch64)
 * or a Hyp Trap (AArch32), with its syndrome (ESR_EL2, HSR): register-wide
 * arguments and result, so no half of a pair is ever moved on AArch32.
 * Reads the call from the frame, writes its results back to the frame.
 * Returns STUB_EXIT_RETURN, or STUB_EXIT_PARK after reporting an
 * exception that is not an HVC.  A SOFT_RESTART has already pointed
 * ELR_EL2/SPSR_EL2 at its target when this returns STUB_EXIT_RETURN.
 */
stub_reg_t stub_handle_lower_sync(struct stub_frame *frame, stub_reg_t esr);

/*
 * The PSCI proxy (CONFIG_HYPSTUB_PSCI_PROXY): passes the firmware call
 * @function_id in @frame on with SMC and writes the answer back into
 * @frame; see stub/psci.c.
 */
void stub_proxy_call(struct stub_frame *frame, uint32_t function_id);

/*
 * Install-time code: what runs only while a loader or bootloader installs
 * the stub (at EL1 listing the CPUs, at EL2 on the boot CPU), never once a
 * kernel runs.  The linker scripts keep it out of the resident region: in
 * the image it lies with the loader, in the blob in the header page.
 */
#define STUB_INSTALL	__attribute__((section(".stub.install")))

/*
 * At install, on the boot CPU at EL2: decides (into
 * stub_cpus.smccc_version) the SMCCC version the stub follows and
 * SMCCC_VERSION answers from then on, by asking the firmware:
 * HYPSTUB_SMCCC_VERSION_1_2 when the PSCI proxy passes calls on to
 * firmware of SMCCC 1.2 or later, else HYPSTUB_SMCCC_VERSION; see
 * stub/psci.c.
 */
void stub_probe_firmware(void);

/* Print the diagnostic for an unexpected exception (vector STUB_VEC_*). */
void stub_report_unexpected(unsigned int vector);


/*
 * The CPU table (stub/cpu.c): a slot for each CPU the stub serves, found
 * by the CPU's MPIDR affinity fields (STUB_MPIDR_AFFINITY_MASK in
 * arch-defs.h; U, MT and RES1 bits are not part of a CPU's identity).  Up
 * to CONFIG_HYPSTUB_MAX_CPUS.
 */

/* Where the stub's CPU entry enters the kernel, and the kernel's context. */
struct stub_kernel_entry {
	volatile uint64_t entry;
	volatile uint64_t context;
};

/*
 * A CPU's slot: the MPIDR affinity of the CPU it serves; where the PSCI
 * proxy asked the firmware to start (CPU_ON) and to resume (the suspend
 * calls) it for the kernel, indexed by STUB_CPU_START_*; then its EL2
 * stack up to the top.  Separate pairs, so that a CPU_ON the firmware
 * refuses leaves a suspended CPU's resume entry alone.
 */
struct stub_percpu {
	uint64_t mpidr;
	struct stub_kernel_entry kernel[2];
	uint64_t stack[STUB_PERCPU_SIZE / 8 - 5];
} __attribute__((aligned(16)));

/*
 * The CPU table: one slot for each CPU the device tree lists, slot 0 the
 * boot CPU's.  The stub's code references it PC-relative; it is not part
 * of the loaded image (NOLOAD in the linker scripts) but starts zeroed
 * (the image's or the bootloader's zero fill), and the region a kernel
 * must keep clear ends after the last slot in use (stub_cpus_end()).
 * Written at EL1 by the loader, or by a bootloader through the blob,
 * before any CPU but the boot CPU uses it; afterwards each CPU only ever
 * touches its own slot.
 */
struct stub_cpus {
	uint64_t count;
	/*
	 * The SMCCC version the stub follows and reports, asked of the
	 * firmware when the stub is installed (stub_probe_firmware()).
	 */
	uint64_t smccc_version;
	struct stub_percpu slot[CONFIG_HYPSTUB_MAX_CPUS];
};

extern struct stub_cpus stub_cpus;

/* Slot of the CPU with this MPIDR, or -1 when the table does not list it. */
long stub_cpu_index(uint64_t mpidr);

/*
 * Lists the CPU with affinity @mpidr (at EL1, before it is started): its
 * slot index, or STUB_CPUS_BAD_MPIDR (bits outside the affinity fields),
 * STUB_CPUS_DUPLICATE (listed already), STUB_CPUS_FULL (the build's
 * ceiling is reached).  Slot 0 is the boot CPU's (stub_prepare_cpu()).
 */
long stub_cpus_add(uint64_t mpidr);
#define STUB_CPUS_BAD_MPIDR	(-1L)
#define STUB_CPUS_DUPLICATE	(-2L)
#define STUB_CPUS_FULL		(-3L)

/* Forgets every CPU (the host tests). */
void stub_cpus_reset(void);

/* How many CPUs the table lists. */
uint64_t stub_cpus_count(void);

/* The first byte after the last slot in use: where the stub's region ends. */
uintptr_t stub_cpus_end(void);

/* Top of the stack of slot @index (which must be valid). */
uintptr_t stub_cpu_stack_top(long index);

/*
 * Installs the stub on the calling CPU, the boot CPU (at EL2, any stack):
 * asks the firmware below (stub_probe_firmware()), programs EL2 and
 * returns the top of its stub stack, for stub_enter_el1(); 0 when the
 * table does not list the CPU.  On an empty table the calling CPU becomes
 * slot 0, installed before the device tree is read.  The other CPUs are
 * set up by the stub's CPU entry when the proxy starts them.
 */
uintptr_t stub_prepare_cpu(void);

/* A physical address the CPU can reach, with the alignment a call needs. */
static inline __attribute__((always_inline)) int stub_address_ok(uint64_t address, uint64_t align)
{
	unsigned int pa_bits = STUB_PA_BITS();

	return address != 0 && (address & (align - 1)) == 0 &&
	       (address >> pa_bits) == 0;
}

/* The only writer of result registers: x0..x(count-1); the rest is kept. */
static inline __attribute__((always_inline)) void
stub_write_result(struct stub_frame *frame, unsigned int count, uint64_t x0,
		  uint64_t x1, uint64_t x2, uint64_t x3)
{
	frame->x[0] = x0;
	if (count > 1) {
		frame->x[1] = x1;
	}
	if (count > 2) {
		frame->x[2] = x2;
		frame->x[3] = x3;
	}
}

/*
 * Where the stub's CPU entry (stub_cpu_start) enters the kernel for slot
 * @index when the firmware starts (@start STUB_CPU_START_ON) or resumes
 * (STUB_CPU_START_RESUME) that CPU: set by the PSCI proxy before the call
 * that asks the firmware to.
 */
void stub_cpu_set_resume(long index, unsigned int start, uint64_t entry,
			 uint64_t context);

/*
 * C part of the stub's CPU entry, on the CPU's own stub stack: installs
 * the stub on this CPU and enters the kernel's entry at EL1 with its
 * context in x0.  @context is what the proxy gave the firmware: the top of
 * the slot it found for the CPU at CPU_ON (no search here), its low bits
 * (STUB_CPU_START_*) picking the pair.  Does not return on the target.
 */
void stub_cpu_start(uint64_t context);

/*
 * stub_enter_el1 (stub/arm64/vectors.S): makes @stack_top this CPU's
 * SP_EL2 and enters @entry at EL1h, DAIF masked, with x0..x3 = a0..a3.
 * Does not return on the target.
 */
void stub_enter_el1(uintptr_t stack_top, uint64_t entry, uint64_t a0,
		    uint64_t a1, uint64_t a2, uint64_t a3);

/*
 * SMC to the firmware with x0..x4 from @call (x5..x17 are still the
 * caller's, untouched); x0..x3 of the answer go back into @call.  Without
 * @results_to_x17, the caller's x4..x17 survive whatever the firmware does
 * with them (SMCCC 1.1 above SMCCC 1.0 firmware); with it (SMCCC 1.2
 * firmware, which keeps what it does not answer in), x4 of the answer goes
 * back into @call too and x5..x17 reach the caller as the firmware left them.
 */
void arch_smc_call(struct stub_frame *call, uint64_t results_to_x17);

/* Debug console (PL011 at CONFIG_HYPSTUB_UART_BASE). */
void stub_puts(const char *s);
void stub_put_hex(uint64_t value);

/*
 * Arch layer: the accessors the HVC path uses come from <stub-arch.h>
 * (inline on the target, prototypes on the host); the rest are here.
 */
uint64_t arch_read_mpidr(void);
/* struct stub_cpu_id and struct stub_el2_regs: arch-defs.h. */
void arch_read_cpu_id(struct stub_cpu_id *id);
void arch_write_el2_regs(const struct stub_el2_regs *regs);
void arch_read_fault(uint64_t *esr, uint64_t *elr, uint64_t *far,
		     uint64_t *spsr);
/* HCR_EL2 and SCTLR_EL2 as they are now, for the report's check. */
void arch_read_el2_control(uint64_t *hcr, uint64_t *sctlr);
/* Make the next fault at EL2 on this CPU park without a report. */
void arch_disarm_report(void);
void arch_uart_putc(char c);

#endif /* HYPSTUB_STUB_H */
