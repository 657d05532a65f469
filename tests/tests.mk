# SPDX-License-Identifier: BSD-2-Clause
# Test targets, included by the top Makefile.  `make check` runs them all
# through tests/run-all.sh, which goes on past a failure and ends with one
# "check: N passed, M failed" line.

include tests/unit/unit.mk

QEMU_CPUS := cortex-a57 max
QEMU_GICS := 2 3
QEMU_COMBOS := $(foreach c,$(QEMU_CPUS),$(foreach g,$(QEMU_GICS),$(c),$(g)))

GUEST_DIR := $(abspath $(O))/tests/guest
GUEST := $(GUEST_DIR)/conformance.Image
CONFORMANCE_IMAGE := $(O)/conformance.Image

.PHONY: check-freeze check-doc check-bad-input check-qemu-legacy guest $(addprefix check-qemu-,$(QEMU_COMBOS))

check:
	$(Q)O=$(O) MAKE="$(MAKE)" tests/run-all.sh unit freeze doc bad-input \
		$(addprefix qemu-,$(QEMU_COMBOS)) qemu-legacy \
		linux-resident linux-handoff

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

# Debian's arm64 Linux through the stub, from the packages themselves.
LINUX_DIR := $(O)/linux
.PHONY: check-linux check-linux-resident check-linux-handoff linux-parts run-linux

linux-parts: $(LINUX_DIR)/initramfs.cpio

$(LINUX_DIR)/Image:
	$(Q)scripts/fetch-debian-arm64.sh $(LINUX_DIR)

$(LINUX_DIR)/initramfs.cpio: $(LINUX_DIR)/Image tests/linux/init scripts/mkinitramfs.py
	$(Q)$(PYTHON) scripts/mkinitramfs.py $@ $(LINUX_DIR)/busybox tests/linux/init

# One build per mode, each from its own defconfig, so a changed .config in
# $(O) cannot make a test boot the wrong mode.
$(LINUX_DIR)/%.Image: $(LINUX_DIR)/Image FORCE
	$(Q)$(MAKE) -s O=$(O)/$* $(if $(filter handoff,$*),handoff_defconfig,defconfig) >/dev/null
	$(Q)$(MAKE) -s O=$(O)/$* image KERNEL=$(LINUX_DIR)/Image IMAGE=$@ >/dev/null

check-linux: check-linux-resident check-linux-handoff

# Resident: one CPU until the PSCI proxy gives secondaries the stub.
check-linux-resident: $(LINUX_DIR)/resident.Image $(LINUX_DIR)/initramfs.cpio
	$(Q)QEMU=$(QEMU) tests/linux/run-linux.sh $< $(LINUX_DIR)/initramfs.cpio cortex-a57 3 1 resident

check-linux-handoff: $(LINUX_DIR)/handoff.Image $(LINUX_DIR)/initramfs.cpio
	$(Q)QEMU=$(QEMU) tests/linux/run-linux.sh $< $(LINUX_DIR)/initramfs.cpio cortex-a57 2 2 handoff
	$(Q)QEMU=$(QEMU) tests/linux/run-linux.sh $< $(LINUX_DIR)/initramfs.cpio max 3 4 handoff

# Debian's Linux booting through the stub: make run-linux [MODE=handoff].
MODE ?= resident
run-linux: $(LINUX_DIR)/$(MODE).Image $(LINUX_DIR)/initramfs.cpio
	$(Q)$(QEMU) -M virt,virtualization=on -cpu cortex-a57 \
		-smp $(if $(filter handoff,$(MODE)),2,1) -m 1G -nographic \
		-no-reboot -nic none -kernel $< -initrd $(LINUX_DIR)/initramfs.cpio \
		-append "console=ttyAMA0 panic=-1 rdinit=/init" </dev/null | \
		grep -aE 'hypstub|CPU: All|kvm \[1\]|SMC Calling'

# The main demonstration: the conformance guest at EL1 above the stub.
run: $(CONFORMANCE_IMAGE)
	$(Q)tests/qemu/run-conformance.sh $(CONFORMANCE_IMAGE) cortex-a57 3 \
		"$(EXPECT_CONFIG)"
