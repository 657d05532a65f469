// SPDX-License-Identifier: BSD-2-Clause
/*
 * Minimal console output for diagnostics, on the UART the build names.
 * Used by the stub at EL2 and by the loader at EL1, both with the MMU off.
 */
#include "stub.h"

void stub_puts(const char *s)
{
	while (*s != '\0') {
		if (*s == '\n') {
			arch_uart_putc('\r');
		}
		arch_uart_putc(*s++);
	}
}

void stub_put_hex(uint64_t value)
{
	int shift;

	stub_puts("0x");
	for (shift = 60; shift >= 0; shift -= 4) {
		unsigned int digit = (value >> shift) & 0xf;

		/* Lowercase hex digits, computed: no table in rodata. */
		arch_uart_putc((char)(digit < 10 ? '0' + digit : 'a' - 10 + digit));
	}
}
