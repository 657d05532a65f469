// SPDX-License-Identifier: BSD-2-Clause
/*
 * The few C library functions Debian's libfdt.a calls, for the EL1 loader.
 * The loader runs with the MMU off, where all memory is Device memory and
 * an unaligned access faults, so these work a byte at a time: they only
 * ever see device-tree data, a few KiB.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "boot.h"

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n > 0; n--, p++) {
		if (*p == (unsigned char)c) {
			return (void *)(uintptr_t)p;
		}
	}
	return NULL;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a;
	const unsigned char *q = b;

	for (; n > 0; n--, p++, q++) {
		if (*p != *q) {
			return *p - *q;
		}
	}
	return 0;
}

void *memmove(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	if (d < s) {
		while (n-- > 0) {
			*d++ = *s++;
		}
	} else {
		while (n-- > 0) {
			d[n] = s[n];
		}
	}
	return dest;
}

void *memcpy(void *dest, const void *src, size_t n)
{
	return memmove(dest, src, n);
}

void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;

	while (n-- > 0) {
		*p++ = (unsigned char)c;
	}
	return s;
}

size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n] != '\0') {
		n++;
	}
	return n;
}

size_t strlen(const char *s)
{
	return strnlen(s, SIZE_MAX);
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c) {
			return (char *)(uintptr_t)s;
		}
		if (*s == '\0') {
			return NULL;
		}
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c) {
			last = s;
		}
		if (*s == '\0') {
			return (char *)(uintptr_t)last;
		}
	}
}

static int boot_digit(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'z') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'Z') {
		return c - 'A' + 10;
	}
	return 99;
}

/* Enough of strtoul for libfdt's path parsing: no sign, no locale. */
unsigned long strtoul(const char *nptr, char **endptr, int base)
{
	const char *s = nptr;
	unsigned long value = 0;

	while (*s == ' ' || *s == '\t') {
		s++;
	}
	if ((base == 0 || base == 16) && s[0] == '0' &&
	    (s[1] == 'x' || s[1] == 'X') && boot_digit(s[2]) < 16) {
		s += 2;
		base = 16;
	} else if (base == 0) {
		base = s[0] == '0' ? 8 : 10;
	}
	while (boot_digit(*s) < base) {
		value = value * (unsigned long)base + (unsigned long)boot_digit(*s);
		s++;
	}
	if (endptr != NULL) {
		*endptr = (char *)(uintptr_t)s;
	}
	return value;
}

/* libfdt.a is built with -fstack-protector-strong. */
uintptr_t __stack_chk_guard = (uintptr_t)0x6879707374756221ULL;	/* "hypstub!" (or "!btu" on AArch32) */

void __stack_chk_fail(void);
void __stack_chk_fail(void)
{
	boot_fail("stack smashing detected in the loader");
}
