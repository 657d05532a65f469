// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host implementation of every arch_* function of stub/include/stub.h and
 * of the arch hooks boot/loader.c calls, for the cmocka unit tests.  No
 * system registers: reads return what the test put in `fake`, writes are
 * recorded there.
 */
/*
 * The C library first: the AArch32 arch-defs.h (through boot.h) makes every
 * later declaration hidden, and a hidden longjmp() does not link.
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "boot/boot.h"
#include "fake_arch.h"

struct fake_arch fake;

void fake_arch_clear_log(void)
{
	fake.seq = 0;
	fake.vbar_writes = 0;
	fake.ich_vtr_reads = 0;
	fake.el2_writes = 0;
	memset(&fake.el2_regs, 0, sizeof(fake.el2_regs));
	fake.soft_restart_calls = 0;
	fake.soft_restart_entry = 0;
	fake.fault_reads = 0;
	fake.disarm_calls = 0;
	fake.disarm_seq = 0;
	fake.first_putc_seq = 0;
	memset(fake.uart, 0, sizeof(fake.uart));
	fake.uart_len = 0;
	fake.uart_overflow = 0;
	fake.fdt_buffer_calls = 0;
	fake.fdt_buffer_arg = 0;
	fake.fdt_prepare_calls = 0;
	fake.fdt_prepare_dtb = 0;
	fake.fdt_prepare_buf = 0;
	fake.fdt_prepare_bufsize = 0;
	memset(&fake.fdt_prepare_stub, 0, sizeof(fake.fdt_prepare_stub));
	fake.fdt_prepare_below = 0;
	fake.fdt_prepare_abi = 0;
	fake.fdt_prepare_proxy = 0;
	fake.hvc_probes = 0;
	fake.icache_syncs = 0;
	fake.system_off_calls = 0;
	fake.enter_el1_calls = 0;
	fake.boot_soft_restart_calls = 0;
	fake.entered_entry = 0;
	fake.entered_dtb = 0;
	/* fake.smc_answer is what the firmware says: a value, kept. */
	fake.smc_calls = 0;
	fake.smc_results_to_x17 = 0;
	memset(fake.smc_args, 0, sizeof(fake.smc_args));
	fake.enter_el1_stub_calls = 0;
	memset(fake.enter_el1_args, 0, sizeof(fake.enter_el1_args));
}

void fake_arch_reset(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.stub_vectors = FAKE_STUB_VECTORS;
	fake.vbar = FAKE_STUB_VECTORS;
	fake.mmfr0 = FAKE_MMFR0_PA40;
	fake.pfr0 = FAKE_PFR0_GICV3;
	fake.pfr1 = FAKE_PFR1;
	fake.ich_vtr = FAKE_ICH_VTR;
	fake.mpidr = FAKE_MPIDR;
	fake.cpu_id.mpidr = FAKE_MPIDR;
#if STUB_CALLER_AARCH32
	fake.cpu_id.pfr1 = FAKE_PFR1;
#else
	fake.cpu_id.pfr0 = FAKE_PFR0_GICV3;
	fake.cpu_id.mmfr0 = FAKE_MMFR0_PA40;
#endif
	fake.hcr = FAKE_HCR_STUB;
	fake.sctlr_el2 = FAKE_SCTLR_EL2_STUB;
	/*
	 * The loader's device tree: built 128 KiB into the image, 4 KiB
	 * fixed up, the boot mode the build defaults to, memory everywhere.
	 */
	fake.fdt_buffer_offset = 0x20000;
	fake.fdt_dt.mode = IS_ENABLED(CONFIG_HYPSTUB_BOOT_HANDOFF) ?
			   BOOT_MODE_HANDOFF : BOOT_MODE_RESIDENT;
	fake.fdt_dt.mode_source = "Kconfig default";
	fake.fdt_dt.memory[0].end = UINT64_MAX;
	fake.fdt_dt.nr_memory = 1;
	fake.fdt_dt.size = 0x1000;
	fake_arch_clear_log();
}

void fake_arch_set_el3(int present)
{
	if (STUB_CALLER_AARCH32) {
		fake.pfr1 &= ~(0xfULL << 4);
		fake.pfr1 |= present ? 1ULL << 4 : 0;
	} else {
		fake.pfr0 &= ~(0xfULL << 12);
		fake.pfr0 |= present ? 1ULL << 12 : 0;
	}
}

uint64_t arch_stub_cpu_entry(void)
{
	return FAKE_STUB_CPU_ENTRY;
}

void arch_smc_call(struct stub_frame *call, uint64_t results_to_x17)
{
	unsigned int i;

	fake.smc_calls++;
	fake.smc_results_to_x17 = results_to_x17;
	for (i = 0; i < 5; i++) {
		fake.smc_args[i] = call->x[i];
	}
	/* The calls that tell the firmware's SMCCC version. */
	if (call->x[0] == 0x8400000aU && call->x[1] == 0x80000000U) {
		call->x[0] = fake.smc_smccc_version ? 0 : (uint64_t)-1;
		return;
	}
	if (call->x[0] == 0x80000000U && fake.smc_smccc_version) {
		call->x[0] = fake.smc_smccc_version;
		return;
	}
	for (i = 0; i < 4; i++) {
		call->x[i] = fake.smc_answer[i];
	}
	/* An SMCCC 1.2 firmware may answer in x4 (the stub passes it back). */
	if (results_to_x17 && fake.smc_answer_x4) {
		call->x[4] = fake.smc_answer_x4;
	}
}

void stub_enter_el1(uintptr_t stack_top, uint64_t entry, uint64_t a0,
		    uint64_t a1, uint64_t a2, uint64_t a3)
{
	fake.enter_el1_stub_calls++;
	fake.enter_el1_args[0] = stack_top;
	fake.enter_el1_args[1] = entry;
	fake.enter_el1_args[2] = a0;
	fake.enter_el1_args[3] = a1;
	fake.enter_el1_args[4] = a2;
	fake.enter_el1_args[5] = a3;
}

uint64_t arch_read_vbar_el2(void)
{
	return fake.vbar;
}

void arch_write_vbar_el2(uint64_t vbar)
{
	fake.seq++;
	fake.vbar = vbar;
	fake.vbar_writes++;
}

uint64_t arch_stub_vectors(void)
{
	return fake.stub_vectors;
}

uint64_t arch_read_id_aa64mmfr0(void)
{
	return fake.mmfr0;
}

uint64_t arch_read_id_aa64pfr0(void)
{
	return fake.pfr0;
}

uint64_t arch_read_id_pfr1(void)
{
	return fake.pfr1;
}

uint64_t arch_read_ich_vtr_el2(void)
{
	fake.ich_vtr_reads++;
	return fake.ich_vtr;
}

uint64_t arch_read_mpidr(void)
{
	return fake.mpidr;
}

void arch_read_cpu_id(struct stub_cpu_id *id)
{
	*id = fake.cpu_id;
#if !STUB_CALLER_AARCH32
	/* As on hardware: PMCR_EL0 exists only with an architected PMU. */
	if (((fake.cpu_id.dfr0 >> 8) & 0xf) == 0 ||
	    ((fake.cpu_id.dfr0 >> 8) & 0xf) == 0xf) {
		id->pmcr = 0;
	}
#endif
}

void arch_write_el2_regs(const struct stub_el2_regs *regs)
{
	fake.seq++;
	fake.el2_regs = *regs;
	fake.el2_writes++;
}

void arch_prepare_soft_restart(uint64_t entry)
{
	fake.seq++;
	fake.soft_restart_entry = entry;
	fake.soft_restart_calls++;
}

void arch_read_fault(uint64_t *esr, uint64_t *elr, uint64_t *far,
		     uint64_t *spsr)
{
	fake.fault_reads++;
	*esr = fake.esr;
	*elr = fake.elr;
	*far = fake.far;
	*spsr = fake.spsr;
}

int boot_hvc_probe(uint32_t function_id, uint64_t arg, uint64_t out[4])
{
	static const uint32_t rows[] = {
		[FAKE_BELOW_UID] = HYPSTUB_VENDOR_UID,
		[FAKE_BELOW_ABI] = HYPSTUB_GET_ABI_VERSION,
		[FAKE_BELOW_CONFIG] = HYPSTUB_GET_CONFIG,
		[FAKE_BELOW_VECTORS] = STUB_ID_GET_VECTORS,
	};
	unsigned int i;

	(void)arg;
	fake.seq++;
	fake.hvc_probes++;
	if (fake.below_traps) {
		return 0;
	}
	for (i = 0; i < 4; i++) {
		out[i] = i == 0 ? (uint64_t)SMCCC_RET_NOT_SUPPORTED : 0;
	}
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (rows[i] == function_id) {
			memcpy(out, fake.below_answer[i], sizeof(fake.below_answer[i]));
		}
	}
	return 1;
}

void arch_read_el2_control(uint64_t *hcr, uint64_t *sctlr)
{
	*hcr = fake.hcr;
	*sctlr = fake.sctlr_el2;
}

void arch_disarm_report(void)
{
	fake.seq++;
	if (fake.disarm_calls == 0) {
		fake.disarm_seq = fake.seq;
	}
	fake.disarm_calls++;
}

void arch_uart_putc(char c)
{
	fake.seq++;
	if (fake.uart_len == 0) {
		fake.first_putc_seq = fake.seq;
	}
	if (fake.uart_len + 1 >= sizeof(fake.uart)) {
		fake.uart_overflow = 1;
		return;
	}
	fake.uart[fake.uart_len++] = c;
	fake.uart[fake.uart_len] = '\0';
}

/*
 * boot/boot.h arch hooks (boot/arm64/head.S on the target).  The fake of
 * boot_fdt_prepare() is apart, in fake_fdt.c: test_fdt links the real one.
 */
/* The fake stub's code: FAKE_STUB_CODE_SIZE bytes right before its CPU table. */
uint64_t boot_stub_start(void)
{
	return (uint64_t)stub_cpu_stack_top(-1) - 16 - FAKE_STUB_CODE_SIZE;
}

uint64_t boot_fdt_buffer(uint64_t image_base)
{
	fake.fdt_buffer_calls++;
	fake.fdt_buffer_arg = image_base;
	return image_base + fake.fdt_buffer_offset;
}

void boot_sync_icache(void)
{
	fake.seq++;
	fake.icache_syncs++;
}

static void __attribute__((noreturn)) fake_entered(uint64_t entry, uint64_t dtb)
{
	fake.entered_entry = entry;
	fake.entered_dtb = dtb;
	if (fake.enter_jump == NULL) {
		/* A test that did not expect the payload to be entered. */
		abort();
	}
	longjmp(*fake.enter_jump, 1);
}

void boot_enter_el1(uint64_t entry, uint64_t dtb)
{
	fake.seq++;
	fake.enter_el1_calls++;
	fake_entered(entry, dtb);
}

uint64_t boot_soft_restart(uint64_t entry, uint64_t dtb)
{
	fake.seq++;
	fake.boot_soft_restart_calls++;
	if (fake.soft_restart_refuse) {
		return HVC_STUB_ERR;
	}
	fake_entered(entry, dtb);
	return 0;
}

uint64_t boot_stub_rehome(uint64_t entry, uint64_t context)
{
	fake.seq++;
	fake.rehome_calls++;
	fake.rehome_entry = entry;
	fake.rehome_context = context;
	return fake.rehome_answer;
}

/* Only its address is used: the slot entry the move sets. */
void boot_stub_resume(void)
{
	abort();
}

void boot_system_off(void)
{
	fake.seq++;
	fake.system_off_calls++;
	if (fake.system_off_jump == NULL) {
		/* A test that did not expect the loader to give up. */
		abort();
	}
	longjmp(*fake.system_off_jump, 1);
}
