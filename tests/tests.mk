# SPDX-License-Identifier: BSD-2-Clause
# Test targets, included by the top Makefile.  `make check` runs them all
# through tests/run-all.sh, which goes on past a failure and ends with one
# "check: N passed, M failed" line.

-include tests/unit/unit.mk

QEMU_CPUS := cortex-a57 max
QEMU_GICS := 2 3
QEMU_COMBOS := $(foreach c,$(QEMU_CPUS),$(foreach g,$(QEMU_GICS),$(c),$(g)))

GUEST_DIR := $(abspath $(O))/tests/guest
GUEST := $(GUEST_DIR)/conformance.Image
CONFORMANCE_IMAGE := $(O)/conformance.Image

.PHONY: check-freeze check-doc check-bad-input check-qemu-legacy guest $(addprefix check-qemu-,$(QEMU_COMBOS))

check:
	$(Q)O=$(O) MAKE="$(MAKE)" tests/run-all.sh unit freeze doc bad-input \
		$(addprefix qemu-,$(QEMU_COMBOS)) qemu-legacy

check-abi: check-freeze check-doc

check-freeze:
	$(Q)mkdir -p $(O)/tests/abi
	$(Q)$(HOSTCC) -std=c11 -Wall -Wextra -Werror -I. tests/abi/freeze.c \
		-lcmocka -o $(O)/tests/abi/freeze
	$(Q)$(O)/tests/abi/freeze

check-doc:
	$(Q)$(PYTHON) tests/abi/check-doc.py abi/hypstub.h docs/hyp-abi.rst

guest:
	$(Q)$(MAKE) -s -C tests/qemu/guest O=$(GUEST_DIR) CROSS_COMPILE=$(CROSS_COMPILE)

$(CONFORMANCE_IMAGE): $(O)/hypstub.bin guest
	$(Q)$(PYTHON) scripts/pack-image.py $(O)/hypstub.bin $(GUEST) $@

check-qemu: $(addprefix check-qemu-,$(QEMU_COMBOS)) check-qemu-legacy

# The other side of every option: pre-4.12 numbering, optional parts off.
check-qemu-legacy:
	$(Q)$(MAKE) -s O=$(O)/legacy legacy_defconfig >/dev/null
	$(Q)$(MAKE) -s O=$(O)/legacy check-qemu-max,3

# The loader's bad-input answers, on images made from a good one, and the
# stub's diagnostic for an unexpected exception at EL2.
check-bad-input: $(CONFORMANCE_IMAGE) $(O)/tests/boot/fault.Image
	$(Q)QEMU=$(QEMU) tests/boot/run-bad-input.sh $(O)/hypstub.bin \
		$(CONFORMANCE_IMAGE) $(O)/tests/boot/fault.Image $(O)/tests/bad-input

# check-qemu-<cpu>,<gic>: one fresh QEMU per CPU and GIC model.
# The configuration the stub must report, from the build's own .config.
EXPECT_CONFIG = flags=0x$(shell printf '%x' $$(( \
	$(if $(filter y,$(CONFIG_HYPSTUB_LEGACY_PRE_4_12)),1,0) + \
	$(if $(filter y,$(CONFIG_HYPSTUB_DEBUG_UART)),2,0) ))) \
	std_hyp=$(if $(filter y,$(CONFIG_HYPSTUB_STD_HYP_SERVICE)),yes,no)

$(addprefix check-qemu-,$(QEMU_COMBOS)): check-qemu-%: $(CONFORMANCE_IMAGE)
	$(Q)tests/qemu/run-conformance.sh $(CONFORMANCE_IMAGE) \
		$(word 1,$(subst $(comma), ,$*)) $(word 2,$(subst $(comma), ,$*)) \
		"$(EXPECT_CONFIG)"

comma := ,

# The main demonstration: the conformance guest at EL1 above the stub.
run: $(CONFORMANCE_IMAGE)
	$(Q)tests/qemu/run-conformance.sh $(CONFORMANCE_IMAGE) cortex-a57 3 \
		"$(EXPECT_CONFIG)"
