# SPDX-License-Identifier: BSD-2-Clause
#
# Host unit tests (cmocka): stub/ and boot/ logic against the fake arch layer
# in tests/unit/fake_arch.c.  Included by the top Makefile; also usable alone
# from the repository root:
#	make -f tests/unit/unit.mk [O=dir] [HOSTCC=gcc] check-unit
# Paths are relative to the repository root.  Each test runs even when an
# earlier one fails; check-unit fails when any of them does.

O ?= build
HOSTCC ?= gcc
# The top Makefile sets Q from V=1; alone, the same rule.
Q ?= $(if $(filter 1,$(V)),,@)

UNIT_DIR := tests/unit
UNIT_OUT := $(O)/tests/unit

UNIT_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -g \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -I. -Iinclude -Istub/include \
	-Istub/host/include -Istub/arm64/include
UNIT_LIBS := -lcmocka

# The code under test, and the fake it runs on.
UNIT_STUB_SRCS := stub/dispatch.c stub/psci.c stub/cpu.c stub/report.c stub/console.c \
	stub/arm64/el2.c \
	$(UNIT_DIR)/fake_arch.c
UNIT_BOOT_SRCS := boot/loader.c boot/arm64/payload.c
# boot/fdt.c's boot_fdt_prepare(): test_fdt runs the real one on the host's
# libfdt (Debian: libfdt-dev), every other test links the fake (see below).
UNIT_FDT_FAKE_SRCS := $(UNIT_DIR)/fake_fdt.c
UNIT_FDT_REAL_SRCS := boot/fdt.c
UNIT_FDT_LIBS := -lfdt
UNIT_HDRS := abi/hypstub.h include/kconfig.h stub/include/stub.h stub/include/psci.h \
	stub/host/include/stub-arch.h \
	stub/include/stub-asm.h boot/boot.h boot/image.h \
	$(UNIT_DIR)/fake_arch.h $(UNIT_DIR)/hvc_call.h \
	$(UNIT_DIR)/config-default.h \
	$(UNIT_DIR)/config-alt.h $(UNIT_DIR)/unit.mk

# <binary> built from test_<name>.c with config-default.h; *-alt binaries
# from the same test source with config-alt.h and -DHYPSTUB_TEST_ALT=1.
UNIT_TESTS := $(addprefix $(UNIT_OUT)/, \
	test_dispatch test_dispatch-alt test_psci test_psci-alt \
	test_cpu test_cpu-alt test_report test_report-alt \
	test_loader test_loader-alt test_fdt test_fdt-alt)

UNIT_CONFIG_DEFAULT := -include $(UNIT_DIR)/config-default.h
UNIT_CONFIG_ALT := -include $(UNIT_DIR)/config-alt.h -DHYPSTUB_TEST_ALT=1

.PHONY: check-unit unit-tests

check-unit: $(UNIT_TESTS)
	@fail=0; \
	for t in $(UNIT_TESTS); do \
		echo "  UNIT    $$t"; \
		$$t || { echo "  FAILED  $$t"; fail=1; }; \
	done; \
	if [ $$fail -ne 0 ]; then echo "check-unit: FAILED"; exit 1; fi; \
	echo "check-unit: all unit tests passed"

unit-tests: $(UNIT_TESTS)

$(UNIT_OUT)/test_%-alt: $(UNIT_DIR)/test_%.c $(UNIT_STUB_SRCS) \
		$(UNIT_BOOT_SRCS) $(UNIT_HDRS)
	@echo "  HOSTCC  $@"
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) $(UNIT_CONFIG_ALT) \
		$(filter %.c,$^) -o $@ $(UNIT_LIBS)

$(UNIT_OUT)/test_%: $(UNIT_DIR)/test_%.c $(UNIT_STUB_SRCS) \
		$(UNIT_BOOT_SRCS) $(UNIT_HDRS)
	@echo "  HOSTCC  $@"
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(UNIT_CFLAGS) $(UNIT_CONFIG_DEFAULT) \
		$(filter %.c,$^) -o $@ $(UNIT_LIBS)

# The HVC call and its frame check, shared by test_dispatch and test_psci.
UNIT_HVC_TESTS := $(addprefix $(UNIT_OUT)/, \
	test_dispatch test_dispatch-alt test_psci test_psci-alt)
$(UNIT_HVC_TESTS): $(UNIT_DIR)/hvc_call.c

# Each binary's own boot_fdt_prepare(), never two in one: the real one and
# the host libfdt for test_fdt, the fake for every other test.
UNIT_FDT_TESTS := $(UNIT_OUT)/test_fdt $(UNIT_OUT)/test_fdt-alt
$(UNIT_FDT_TESTS): $(UNIT_FDT_REAL_SRCS)
$(UNIT_FDT_TESTS): UNIT_LIBS += $(UNIT_FDT_LIBS)
$(filter-out $(UNIT_FDT_TESTS),$(UNIT_TESTS)): $(UNIT_FDT_FAKE_SRCS)
