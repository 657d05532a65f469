// SPDX-License-Identifier: BSD-2-Clause
/*
 * Diagnostic for an exception the stub does not expect.  The caller parks
 * the CPU afterwards on a label named after the vector.
 */
#include "stub.h"

/*
 * Vector names, built as <kind>_<source> in vector table order (the
 * architecture's arch-defs.h: on arm64 four groups, EL2t, EL2h, EL1
 * AArch64, EL1 AArch32, of four kinds).  Arrays of arrays: no pointers to
 * relocate.
 */
static const char stub_vector_kind[STUB_VECTOR_NR_KINDS][7] = STUB_VECTOR_KINDS;
static const char stub_vector_source[][7] = STUB_VECTOR_SOURCES;

/* In a report's text: print the next value, in hex or as a string. */
#define STUB_HEX	"\001"
#define STUB_STRING	"\002"

/*
 * Prints @text, CR before every LF, with the next of @values for each
 * STUB_HEX or STUB_STRING in it: one string per line of the report, no
 * table of labels.
 */
static void stub_report_print(const char *text, const uint64_t *values)
{
	char c;

	while ((c = *text++) != '\0') {
		if (c == STUB_HEX[0]) {
			stub_put_hex(*values++);
		} else if (c == STUB_STRING[0]) {
			stub_puts((const char *)(uintptr_t)*values++);
		} else {
			if (c == '\n') {
				arch_uart_putc('\r');
			}
			arch_uart_putc(c);
		}
	}
}

/*
 * HCR_EL2 and SCTLR_EL2 are the stub's to set and a borrower's to put back
 * (docs/hyp-abi.rst, "Taking EL2 over and giving it back").  Left changed,
 * they make EL1 trap, or route its interrupts, to a stub that does not
 * expect it: the exception being reported.  So the report names them when
 * they differ from what the stub sets (stub_el2_config), before its last
 * line.
 */
static __attribute__((noinline)) void stub_report_end(void)
{
	struct stub_cpu_id id;
	struct stub_el2_regs regs;
	uint64_t values[4];

	arch_read_cpu_id(&id);
	stub_el2_config(&id, &regs);
	arch_read_el2_control(&values[0], &values[1]);
	values[2] = regs.hcr;
	values[3] = regs.sctlr_el2;
	if (values[0] != values[2] || values[1] != values[3]) {
		stub_report_print("\nhypstub: " STUB_NAME_HCR "=" STUB_HEX " "
				  STUB_NAME_SCTLR "=" STUB_HEX ", the stub's " STUB_HEX " " STUB_HEX
				  ": EL2 was given back changed", values);
	}
	stub_puts("\nhypstub: CPU parked\n");
}

void stub_report_unexpected(unsigned int vector)
{
	uint64_t values[7];

	/* A fault while reporting must not re-enter the report. */
	arch_disarm_report();
	if (!IS_ENABLED(CONFIG_HYPSTUB_DEBUG_UART) || vector >= STUB_NR_VECTORS) {
		return;
	}
	/* The vector, named as its park label is. */
	values[0] = (uintptr_t)stub_vector_kind[vector % STUB_VECTOR_NR_KINDS];
	values[1] = (uintptr_t)stub_vector_source[vector / STUB_VECTOR_NR_KINDS];
	values[2] = arch_read_mpidr();
	arch_read_fault(&values[3], &values[4], &values[5], &values[6]);
	stub_report_print("\nhypstub: unexpected " STUB_STRING "_" STUB_STRING
			  " exception on CPU " STUB_HEX
			  "\nhypstub: " STUB_NAME_SYNDROME "=" STUB_HEX " "
			  STUB_NAME_ELR "=" STUB_HEX " " STUB_NAME_FAR "=" STUB_HEX
			  " " STUB_NAME_SPSR "=" STUB_HEX, values);
	stub_report_end();
}
