/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The other configuration the host unit tests build: every optional group
 * flipped from its default (pre-4.12 numbering on, Standard Hypervisor
 * Service, debug UART and PSCI proxy off, hand-off boot mode) and a small CPU
 * ceiling.  Tests built with it also get -DHYPSTUB_TEST_ALT=1 to choose their
 * expectations.
 */
#ifndef HYPSTUB_TESTS_UNIT_CONFIG_H
#define HYPSTUB_TESTS_UNIT_CONFIG_H

#define CONFIG_HYPSTUB_MAX_CPUS 4
#define CONFIG_HYPSTUB_LEGACY_PRE_4_12 1
#define CONFIG_HYPSTUB_UART_BASE 0x09000000
#define CONFIG_HYPSTUB_BOOT_HANDOFF 1

#endif /* HYPSTUB_TESTS_UNIT_CONFIG_H */
