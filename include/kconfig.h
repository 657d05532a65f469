/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * IS_ENABLED(CONFIG_FOO): 1 when Kconfig set CONFIG_FOO to y, else 0, usable
 * in plain C conditions so that both branches are always compiled and
 * type-checked (the same trick as Linux's include/linux/kconfig.h).
 * The build force-includes the generated autoconf.h before this file.
 */
#ifndef HYPSTUB_KCONFIG_H
#define HYPSTUB_KCONFIG_H

#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(ignored, val, ...) val
#define __is_defined(x) ___is_defined(x)
#define ___is_defined(val) ____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
#define IS_ENABLED(option) __is_defined(option)

#endif /* HYPSTUB_KCONFIG_H */
