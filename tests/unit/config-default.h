/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host unit tests' stand-in for $(O)/include/generated/autoconf.h:
 * configs/defconfig as Kconfiglib writes it (bools that are n are absent).
 */
#ifndef HYPSTUB_TESTS_UNIT_CONFIG_H
#define HYPSTUB_TESTS_UNIT_CONFIG_H

#define CONFIG_HYPSTUB_MAX_CPUS 512
#define CONFIG_HYPSTUB_STD_HYP_SERVICE 1
#define CONFIG_HYPSTUB_DEBUG_UART 1
#define CONFIG_HYPSTUB_PSCI_PROXY 1
#define CONFIG_HYPSTUB_UART_BASE 0x09000000
#define CONFIG_HYPSTUB_BOOT_RESIDENT 1

#endif /* HYPSTUB_TESTS_UNIT_CONFIG_H */
