/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host fake of the arch layer (stub/include/stub.h) and of the loader's
 * arch hooks (boot/boot.h).  Tests set the values the "hardware" returns in
 * `fake` and read back what the code wrote.  fake_arch_reset() restores the
 * defaults below before every test.
 */
#ifndef HYPSTUB_TESTS_UNIT_FAKE_ARCH_H
#define HYPSTUB_TESTS_UNIT_FAKE_ARCH_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include "stub.h"
#include "boot/boot.h"

/* Where the fake says the stub's own vector table is (2 KiB aligned). */
#define FAKE_STUB_VECTORS	0x40000800ULL
/* The stub's code and read-only data before its CPU table (boot_stub_start()). */
#define FAKE_STUB_CODE_SIZE	0x1800ULL
/* ID_AA64MMFR0_EL1 after reset: PARange 2, 40 physical address bits. */
#define FAKE_MMFR0_PA40		0x2ULL
/* ID_AA64PFR0_EL1 after reset: EL0..EL3 AArch64, FP, AdvSIMD, GIC = 1. */
#define FAKE_PFR0_GICV3		0x0000000001002222ULL
#define FAKE_ICH_VTR		0x90000003ULL
#define FAKE_MPIDR		0x80000000ULL
/* Where the fake says the stub's CPU entry for the PSCI proxy is. */
#define FAKE_STUB_CPU_ENTRY	0x40001000ULL

/*
 * ID_PFR1 after reset (AArch32 builds), a Cortex-A15's: Security 3 (EL3,
 * so firmware to ask), Virtualization 1, Generic Timer 1, no GIC system
 * registers (bits 31:28).
 */
#define FAKE_PFR1		0x00011131ULL

#if STUB_CALLER_AARCH32
/* HCR and HSCTLR as the AArch32 stub sets them (docs/hyp-abi.rst). */
#define FAKE_HCR_STUB		0x0000000000000000ULL
#define FAKE_SCTLR_EL2_STUB	0x30c50818ULL
#else
/*
 * HCR_EL2 and SCTLR_EL2 as the stub sets them (docs/hyp-abi.rst, EL2
 * state) on the fake's CPU, which has no pointer authentication.
 */
#define FAKE_HCR_STUB		0x0000000080000000ULL
#define FAKE_SCTLR_EL2_STUB	0x30c50830ULL
#endif

#define FAKE_UART_SIZE		8192

struct fake_arch {
	/* Values the code reads. */
	uint64_t vbar;		/* also what arch_write_vbar_el2() writes */
	uint64_t stub_vectors;
	uint64_t mmfr0;
	uint64_t pfr0;
	uint64_t pfr1;		/* ID_PFR1, AArch32 */
	uint64_t ich_vtr;
	uint64_t mpidr;
	struct stub_cpu_id cpu_id;	/* for arch_read_cpu_id() */
	uint64_t esr, elr, far, spsr;	/* for arch_read_fault() */
	uint64_t hcr, sctlr_el2;	/* for arch_read_el2_control() */
	/* boot_fdt_buffer() answers image_base + fdt_buffer_offset. */
	uint64_t fdt_buffer_offset;
	/*
	 * boot_fdt_prepare() (tests/unit/fake_fdt.c) returns fdt_why when it
	 * is set; else it says the tree holds fdt_dt and writes fdt_dt.size
	 * bytes of fdt_out (when set) into the buffer as the fixed-up tree.
	 */
	const char *fdt_why;
	struct boot_dt fdt_dt;
	const void *fdt_out;

	/* What the code did, in call order where it matters. */
	unsigned int seq;		/* event counter */
	unsigned int vbar_writes;
	unsigned int ich_vtr_reads;
	unsigned int el2_writes;
	struct stub_el2_regs el2_regs;	/* last arch_write_el2_regs() */
	unsigned int soft_restart_calls;
	uint64_t soft_restart_entry;
	unsigned int fault_reads;
	unsigned int disarm_calls;
	unsigned int disarm_seq;	/* seq of the first arch_disarm_report() */
	unsigned int first_putc_seq;	/* seq of the first arch_uart_putc() */
	char uart[FAKE_UART_SIZE];	/* NUL-terminated */
	size_t uart_len;
	int uart_overflow;
	unsigned int fdt_buffer_calls;
	uint64_t fdt_buffer_arg;	/* image_base of the last call */
	unsigned int fdt_prepare_calls;
	uint64_t fdt_prepare_dtb;	/* the arguments of the last call */
	uint64_t fdt_prepare_buf;
	uint64_t fdt_prepare_bufsize;
	struct boot_range fdt_prepare_stub;	/* the region, as it returned */
	int fdt_prepare_below;
	uint64_t fdt_prepare_abi;
	int fdt_prepare_proxy;
	/* The region of a stub below, as the fake tree's /hypstub gives it. */
	struct boot_range fdt_below_region;
	/*
	 * boot_hvc_probe(): what is at EL2 below a loader entered at EL1.
	 * below_traps: the HVC is undefined (nothing there); else each call
	 * answers below_answer[call][] for the vendor UID, GET_ABI_VERSION,
	 * GET_CONFIG and GET_VECTORS (in the architecture's form,
	 * STUB_ID_GET_VECTORS), -1 for anything else.
	 */
	int below_traps;
	uint64_t below_answer[4][4];
	unsigned int hvc_probes;
	unsigned int icache_syncs;
	unsigned int system_off_calls;
	jmp_buf *system_off_jump;	/* boot_system_off() longjmp()s here */
	/* boot_enter_el1() and an accepted boot_soft_restart() longjmp here. */
	jmp_buf *enter_jump;
	unsigned int enter_el1_calls;
	unsigned int boot_soft_restart_calls;
	int soft_restart_refuse;	/* boot_soft_restart() returns instead */
	uint64_t entered_entry;
	uint64_t entered_dtb;
	/*
	 * The stub's move (STUB_RESIDENT_AT_TOP): the region the fake
	 * boot_fdt_prepare() places an installed stub's at (none when its
	 * end is 0), and boot_stub_rehome()'s calls, arguments and answer.
	 */
	struct boot_range fdt_place_region;
	unsigned int rehome_calls;
	uint64_t rehome_entry;
	uint64_t rehome_context;
	uint64_t rehome_answer;

	/* arch_smc_call(): what it was asked, and the firmware's answer. */
	unsigned int smc_calls;
	uint64_t smc_args[5];		/* x0..x4 of the last SMC */
	uint64_t smc_answer[4];		/* x0..x3 it returns */
	/*
	 * The firmware's SMCCC version: 0 for SMCCC 1.0 (PSCI_FEATURES of
	 * SMCCC_VERSION NOT_SUPPORTED), else what SMCCC_VERSION answers.
	 */
	uint64_t smc_smccc_version;
	uint64_t smc_answer_x4;		/* x4 it returns; 0: x4 kept */
	uint64_t smc_results_to_x17;	/* of the last SMC */
	/* stub_enter_el1(): stack top, entry and x0..x3 of the last call. */
	unsigned int enter_el1_stub_calls;
	uint64_t enter_el1_args[6];
};

extern struct fake_arch fake;

/* Which row of below_answer[] a probed function ID reads. */
#define FAKE_BELOW_UID		0
#define FAKE_BELOW_ABI		1
#define FAKE_BELOW_CONFIG	2
#define FAKE_BELOW_VECTORS	3

/* Every field back to the defaults: stub vectors in VBAR_EL2, 40 PA bits... */
void fake_arch_reset(void);

/* Forget what the code did, keep the values it reads. */
void fake_arch_clear_log(void);

/*
 * Whether the CPU has EL3 below it, in the ID register field the build's
 * architecture reads: ID_AA64PFR0_EL1.EL3 or ID_PFR1.Security.  (The
 * tests that it is that field and no other set the registers themselves.)
 */
void fake_arch_set_el3(int present);

#endif /* HYPSTUB_TESTS_UNIT_FAKE_ARCH_H */
