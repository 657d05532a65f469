// SPDX-License-Identifier: BSD-2-Clause
/*
 * The UART the build names (CONFIG_HYPSTUB_UART_BASE), a PL011, for the
 * stub and the loader on both architectures with the MMU off.  Part of
 * the arch layer the host unit tests replace (tests/unit/fake_arch.c).
 */
#include "stub.h"

#define PL011_DR		0x00
#define PL011_FR		0x18
#define PL011_FR_TXFF		(1U << 5)

void arch_uart_putc(char c)
{
	volatile uint32_t *uart = (volatile uint32_t *)CONFIG_HYPSTUB_UART_BASE;

	while (uart[PL011_FR / 4] & PL011_FR_TXFF) {
	}
	uart[PL011_DR / 4] = (uint32_t)(unsigned char)c;
}
