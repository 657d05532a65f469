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
	-Istub/host/include
UNIT_LIBS := -lcmocka

# The code under test, and the fake it runs on.  The shared core is built
# once per architecture: against that architecture's arch-defs.h
# (-Istub/<arch>/include, after the host's stub-arch.h) with its policy
# files, so the same tests hold both to one set of rules.
UNIT_STUB_SRCS := stub/dispatch.c stub/psci.c stub/cpu.c stub/report.c stub/console.c \
	$(UNIT_DIR)/fake_arch.c
UNIT_BOOT_SRCS := boot/loader.c
UNIT_ARCH_SRCS_arm64 := stub/arm64/el2.c boot/arm64/payload.c
UNIT_ARCH_SRCS_arm := stub/arm/el2.c boot/arm/payload.c
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

# test_<name> built from test_<name>.c with config-default.h; *-alt from
# the same source with config-alt.h and -DHYPSTUB_TEST_ALT=1.  Both for
# arm64; *-arm and *-arm-alt the same two for arm (AArch32).
UNIT_NAMES := dispatch psci cpu report loader fdt
UNIT_SUFFIXES := "" -alt -arm -arm-alt
unit_binaries = $(foreach n,$(1),$(foreach s,$(UNIT_SUFFIXES),\
	$(UNIT_OUT)/test_$(n)$(subst ",,$(s))))
UNIT_TESTS := $(call unit_binaries,$(UNIT_NAMES))

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

# $(1): the binary's suffix after test_<name>, $(2): the architecture,
# $(3): the configuration's flags.  Make takes the pattern with the
# shortest stem, so test_dispatch-arm-alt is test_%-arm-alt's.
define UNIT_RULE
$$(UNIT_OUT)/test_%$(1): $$(UNIT_DIR)/test_%.c $$(UNIT_STUB_SRCS) \
		$$(UNIT_BOOT_SRCS) $$(UNIT_ARCH_SRCS_$(2)) $$(UNIT_HDRS) \
		stub/$(2)/include/arch-defs.h
	@echo "  HOSTCC  $$@"
	@mkdir -p $$(dir $$@)
	$$(Q)$$(HOSTCC) $$(UNIT_CFLAGS) -Istub/$(2)/include $(3) \
		$$(filter %.c,$$^) -o $$@ $$(UNIT_LIBS)
endef
$(eval $(call UNIT_RULE,,arm64,$(UNIT_CONFIG_DEFAULT)))
$(eval $(call UNIT_RULE,-alt,arm64,$(UNIT_CONFIG_ALT)))
$(eval $(call UNIT_RULE,-arm,arm,$(UNIT_CONFIG_DEFAULT)))
$(eval $(call UNIT_RULE,-arm-alt,arm,$(UNIT_CONFIG_ALT)))

# The HVC call and its frame check, shared by test_dispatch and test_psci.
UNIT_HVC_TESTS := $(call unit_binaries,dispatch psci)
$(UNIT_HVC_TESTS): $(UNIT_DIR)/hvc_call.c

# Each binary's own boot_fdt_prepare(), never two in one: the real one and
# the host libfdt for test_fdt, the fake for every other test.
UNIT_FDT_TESTS := $(call unit_binaries,fdt)
$(UNIT_FDT_TESTS): $(UNIT_FDT_REAL_SRCS)
$(UNIT_FDT_TESTS): UNIT_LIBS += $(UNIT_FDT_LIBS)
$(filter-out $(UNIT_FDT_TESTS),$(UNIT_TESTS)): $(UNIT_FDT_FAKE_SRCS)
