/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The string functions libfdt needs (libfdt_env.h includes <string.h>),
 * implemented for the EL1 loader in boot/libc.c.  There is no C library
 * on the target; the stub at EL2 uses none of these.
 */
#ifndef HYPSTUB_BOOT_LIBC_STRING_H
#define HYPSTUB_BOOT_LIBC_STRING_H

#include <stddef.h>

void *memchr(const void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
char *strchr(const char *s, int c);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
char *strrchr(const char *s, int c);

#endif /* HYPSTUB_BOOT_LIBC_STRING_H */
