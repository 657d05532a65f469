// SPDX-License-Identifier: BSD-2-Clause
/*
 * PL011 output (QEMU virt, 0x09000000) and a small text buffer for the
 * detail of a failing case.  The UART needs no set-up under QEMU: writing
 * the data register is enough, FR.TXFF is polled so real hardware would
 * not drop characters.
 */
#include "guest.h"

#define PL011_BASE	0x09000000UL
#define PL011_DR	0x00
#define PL011_FR	0x18
#define PL011_FR_TXFF	BIT(5)

static inline u32 mmio_read32(ureg addr)
{
	return *(volatile u32 *)addr;
}

static inline void mmio_write32(ureg addr, u32 value)
{
	*(volatile u32 *)addr = value;
}

void console_putc(char c)
{
	while (mmio_read32(PL011_BASE + PL011_FR) & PL011_FR_TXFF) {
		;
	}
	mmio_write32(PL011_BASE + PL011_DR, (u8)c);
}

void console_puts(const char *s)
{
	while (*s) {
		/* The host terminal is raw under -nographic: send CR LF. */
		if (*s == '\n') {
			console_putc('\r');
		}
		console_putc(*s++);
	}
}

/* Digits of @value in @base, most significant first, into @out (>= 21). */
static unsigned int format_number(char *out, u64 value, unsigned int base)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[24];
	unsigned int n = 0, i;

	do {
		tmp[n++] = digits[value % base];
		value /= base;
	} while (value);
	for (i = 0; i < n; i++) {
		out[i] = tmp[n - 1 - i];
	}
	out[n] = '\0';
	return n;
}

void console_put_hex(u64 value)
{
	char buf[24];

	format_number(buf, value, 16);
	console_puts("0x");
	console_puts(buf);
}

void console_put_dec(u64 value)
{
	char buf[24];

	format_number(buf, value, 10);
	console_puts(buf);
}

void text_reset(struct text *t)
{
	t->len = 0;
	t->buf[0] = '\0';
}

/* Truncates silently: a cut detail line is still a failing case. */
void text_puts(struct text *t, const char *s)
{
	while (*s && t->len < sizeof(t->buf) - 1) {
		t->buf[t->len++] = *s++;
	}
	t->buf[t->len] = '\0';
}

void text_put_hex(struct text *t, u64 value)
{
	char buf[24];

	format_number(buf, value, 16);
	text_puts(t, "0x");
	text_puts(t, buf);
}

void text_put_dec(struct text *t, u64 value)
{
	char buf[24];

	format_number(buf, value, 10);
	text_puts(t, buf);
}
