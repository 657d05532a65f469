/* SPDX-License-Identifier: BSD-2-Clause */
/* What libfdt needs of <stdlib.h>: strtoul (boot/libc.c). */
#ifndef HYPSTUB_BOOT_LIBC_STDLIB_H
#define HYPSTUB_BOOT_LIBC_STDLIB_H

unsigned long strtoul(const char *nptr, char **endptr, int base);

#endif /* HYPSTUB_BOOT_LIBC_STDLIB_H */
