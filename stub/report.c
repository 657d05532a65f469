// SPDX-License-Identifier: BSD-2-Clause
/*
 * Diagnostic for an exception the stub does not expect.  The caller parks
 * the CPU afterwards on a label named after the vector.
 */
#include "stub.h"

/*
 * Vector names, built as <kind>_<source> in vector table order: the
 * table is four groups (EL2t, EL2h, EL1 AArch64, EL1 AArch32) of four
 * kinds.  Arrays of arrays: no pointers to relocate.
 */
static const char stub_vector_kind[4][7] = { "sync", "irq", "fiq", "serror" };
static const char stub_vector_source[4][7] = { "el2t", "el2h", "el1_64", "el1_32" };

/*
 * HCR_EL2 and SCTLR_EL2 are the stub's to set and a borrower's to put back
 * (docs/hyp-abi.rst, "Taking EL2 over and giving it back").  Left changed,
 * they make EL1 trap, or route its interrupts, to a stub that does not
 * expect it: the exception being reported.  So the report names them when
 * they differ from what the stub sets (stub_el2_config).
 */
static __attribute__((noinline)) void stub_report_el2_control(void)
{
	static const char labels[4][24] = {
		"\nhypstub: HCR_EL2=", " SCTLR_EL2=", ", the stub's ", " ",
	};
	struct stub_cpu_id id;
	struct stub_el2_regs regs;
	uint64_t values[4];
	unsigned int i;

	arch_read_cpu_id(&id);
	stub_el2_config(&id, &regs);
	arch_read_el2_control(&values[0], &values[1]);
	values[2] = regs.hcr;
	values[3] = regs.sctlr_el2;
	if (values[0] == values[2] && values[1] == values[3]) {
		return;
	}
	for (i = 0; i < 4; i++) {
		stub_puts(labels[i]);
		stub_put_hex(values[i]);
	}
	stub_puts(": EL2 was given back changed");
}

void stub_report_unexpected(unsigned int vector)
{
	static const char labels[5][20] = {
		" exception on CPU ", "\nhypstub: ESR_EL2=", " ELR_EL2=",
		" FAR_EL2=", " SPSR_EL2=",
	};
	uint64_t values[5];
	unsigned int i;

	/* A fault while reporting must not re-enter the report. */
	arch_disarm_report();
	if (!IS_ENABLED(CONFIG_HYPSTUB_DEBUG_UART) || vector >= STUB_NR_VECTORS) {
		return;
	}
	values[0] = arch_read_mpidr();
	arch_read_fault(&values[1], &values[2], &values[3], &values[4]);
	stub_puts("\nhypstub: unexpected ");
	stub_puts(stub_vector_kind[vector % 4]);
	stub_puts("_");
	stub_puts(stub_vector_source[vector / 4]);
	for (i = 0; i < 5; i++) {
		stub_puts(labels[i]);
		stub_put_hex(values[i]);
	}
	stub_report_el2_control();
	stub_puts("\nhypstub: CPU parked\n");
}
