# SPDX-License-Identifier: BSD-2-Clause
# Test targets, included by the top Makefile.  `make check` runs them all
# through tests/run-all.sh, which goes on past a failure and ends with one
# "check: N passed, M failed" line.

include tests/unit/unit.mk

QEMU_CPUS := cortex-a57 max
QEMU_GICS := 2 3
QEMU_COMBOS := $(foreach c,$(QEMU_CPUS),$(foreach g,$(QEMU_GICS),$(c),$(g)))
# AArch32 (issue 11): ARMv7 CPUs with the Virtualization Extensions.
QEMU_ARM_CPUS := cortex-a15 cortex-a7
QEMU_ARM_COMBOS := $(foreach c,$(QEMU_ARM_CPUS),$(foreach g,$(QEMU_GICS),$(c),$(g)))

GUEST_DIR := $(abspath $(O))/tests/guest
GUEST := $(GUEST_DIR)/conformance.Image
CONFORMANCE_IMAGE := $(O)/conformance.Image

.PHONY: check-freeze check-doc check-bad-input check-qemu-legacy check-qemu-arm guest \
	$(addprefix check-qemu-,$(QEMU_COMBOS) $(QEMU_ARM_COMBOS))

check:
	$(Q)O=$(O) MAKE="$(MAKE)" tests/run-all.sh unit freeze doc bad-input bad-input-arm \
		$(addprefix qemu-,$(QEMU_COMBOS)) qemu-legacy qemu-arm \
		linux-bare linux-uboot linux-many-cpus linux-kernel linux-kexec linux-reuse \
		linux-module uboot-builtin uboot-builtin-kexec linux-tfa uboot-checkpatch \
		uboot-test-py docs arm-linux-bare arm-linux-pack arm-linux arm-linux-module \
		arm-linux-reuse

check-abi: check-freeze check-doc

check-freeze:
	$(Q)mkdir -p $(O)/tests/abi
	$(Q)$(HOSTCC) -std=c11 -Wall -Wextra -Werror -I. tests/abi/freeze.c \
		-lcmocka -o $(O)/tests/abi/freeze
	$(Q)$(O)/tests/abi/freeze

check-doc:
	$(Q)$(PYTHON) tests/abi/check-doc.py abi/hypstub.h docs/hyp-abi.rst

# The guest for this build's architecture (tests/qemu/guest/$(ARCH)/).
guest:
	$(Q)$(MAKE) -s -C tests/qemu/guest O=$(GUEST_DIR) ARCH=$(ARCH) \
		CROSS_COMPILE=$(CROSS_COMPILE)

$(CONFORMANCE_IMAGE): $(O)/hypstub.bin guest
	$(Q)$(PYTHON) scripts/pack-image.py $(O)/hypstub.bin $(GUEST) $@

check-qemu: $(addprefix check-qemu-,$(QEMU_COMBOS)) check-qemu-legacy

# The other side of every option: pre-4.12 numbering, optional parts off;
# on arm64 (max, GICv3) and on AArch32 (cortex-a15, GICv3), where the same
# option serves Linux arm's pre-4.12 scheme (configs/arm_legacy_defconfig).
check-qemu-legacy:
	$(Q)$(MAKE) -s O=$(O)/legacy ARCH=arm64 legacy_defconfig >/dev/null
	$(Q)$(MAKE) -s O=$(O)/legacy ARCH=arm64 check-qemu-max,3
	$(Q)$(MAKE) -s O=$(O)/arm-legacy ARCH=arm arm_legacy_defconfig >/dev/null
	$(Q)$(OWN_SEED_UNSET) $(MAKE) -s O=$(O)/arm-legacy ARCH=arm check-qemu-cortex-a15,3

# The loader's bad-input answers, on images made from a good one, and the
# stub's diagnostic for an unexpected exception at EL2, and for one from EL1
# after a borrower gave EL2 back with HCR_EL2 and SCTLR_EL2 changed.
check-bad-input: $(CONFORMANCE_IMAGE) $(O)/tests/boot/fault.Image $(O)/tests/boot/launch.bin \
		$(O)/tests/boot/borrow-fault.Image
	$(Q)QEMU=$(QEMU) tests/boot/run-bad-input.sh arm64 $(O)/tests/bad-input \
		$(O)/hypstub.bin $(CONFORMANCE_IMAGE) $(O)/tests/boot/fault.Image \
		$(O)/tests/boot/launch.bin $(O)/tests/boot/borrow-fault.Image

# check-qemu-<cpu>,<gic>: one fresh QEMU per CPU and GIC model.
# The configuration the stub must report, from the build's own .config.
EXPECT_CONFIG = flags=0x$(shell printf '%x' $$(( \
	$(if $(filter y,$(CONFIG_HYPSTUB_LEGACY_PRE_4_12)),1,0) + \
	$(if $(filter y,$(CONFIG_HYPSTUB_DEBUG_UART)),2,0) + \
	$(if $(filter y,$(CONFIG_HYPSTUB_PSCI_PROXY)),4,0) ))) \
	std_hyp=$(if $(filter y,$(CONFIG_HYPSTUB_STD_HYP_SERVICE)),yes,no)

# Every conformance run ends with the guest's fuzz case: FUZZ_CALLS seeded
# random calls (10^5 here, 10^6 in make bench), a fresh seed each time
# unless FUZZ_SEED= is given; a violation prints the seed to run it again.
FUZZ_CALLS ?= 100000
FUZZ_SEED ?= $(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')
export FUZZ_CALLS FUZZ_SEED

# Each architecture's CPUs run in a build of that architecture; the other
# one's are run in $(O)/arm (from configs/arm_defconfig) or $(O)/arm64.
ifeq ($(ARCH),arm)
OWN_QEMU_COMBOS := $(QEMU_ARM_COMBOS)
OTHER_QEMU_COMBOS := $(QEMU_COMBOS)
OTHER_ARCH := arm64
else
OWN_QEMU_COMBOS := $(QEMU_COMBOS)
OTHER_QEMU_COMBOS := $(QEMU_ARM_COMBOS)
OTHER_ARCH := arm
endif
OTHER_O := $(O)/$(OTHER_ARCH)

$(addprefix check-qemu-,$(OWN_QEMU_COMBOS)): check-qemu-%: $(CONFORMANCE_IMAGE)
	$(Q)QEMU=$(QEMU) tests/qemu/run-conformance.sh $(CONFORMANCE_IMAGE) \
		$(word 1,$(subst $(comma), ,$*)) $(word 2,$(subst $(comma), ,$*)) \
		"$(EXPECT_CONFIG)"

$(OTHER_O)/.config:
	$(Q)$(MAKE) -s O=$(OTHER_O) ARCH=$(OTHER_ARCH) $(if $(filter arm,$(OTHER_ARCH)),arm_)defconfig >/dev/null

# A seed of this make's own choosing is not handed down: each run there
# draws its own, as here.
OWN_SEED_UNSET := $(if $(filter file,$(origin FUZZ_SEED)),env -u FUZZ_SEED)

$(addprefix check-qemu-,$(OTHER_QEMU_COMBOS)): check-qemu-%: $(OTHER_O)/.config
	$(Q)$(OWN_SEED_UNSET) $(MAKE) -s O=$(OTHER_O) ARCH=$(OTHER_ARCH) check-qemu-$*

# The AArch32 guest above the arm stub, on both CPUs and both GICs
# (qemu-system-arm -M virt,virtualization=on -smp 2, -kernel).
ifeq ($(ARCH),arm)
check-qemu-arm: $(addprefix check-qemu-,$(QEMU_ARM_COMBOS))
else
check-qemu-arm: $(OTHER_O)/.config
	$(Q)$(OWN_SEED_UNSET) $(MAKE) -s O=$(OTHER_O) ARCH=arm check-qemu-arm
endif

# check-bad-input's runner on AArch32 (issue 11), on the arm build
# (configs/arm_defconfig; from an arm64 tree in $(O)/arm, as above): the
# image entered in SVC with no stub below, no payload, a payload with no
# zImage magic, a big-endian one, one not position independent, an end
# field past the payload, a payload placed on the stub, a kernel that
# would decompress past memory (tests/boot/arm/fault.S's size table), an
# unknown mode, the device trees through tests/boot/arm/launch.S (r2 = the
# bad tree, in HYP), and the stub's report of an undefined instruction in
# HYP mode.
.PHONY: check-bad-input-arm
ifeq ($(ARCH),arm)
check-bad-input-arm: $(CONFORMANCE_IMAGE) $(O)/tests/boot/arm/fault.Image \
		$(O)/tests/boot/arm/launch.bin
	$(Q)QEMU=$(QEMU) tests/boot/run-bad-input.sh arm $(O)/tests/bad-input-arm \
		$(O)/hypstub.bin $(CONFORMANCE_IMAGE) $(O)/tests/boot/arm/fault.Image \
		$(O)/tests/boot/arm/launch.bin
else
check-bad-input-arm: $(OTHER_O)/.config
	$(Q)$(MAKE) -s O=$(OTHER_O) ARCH=arm check-bad-input-arm
endif

comma := ,

# Debian's arm64 Linux (6.1) in QEMU, through U-Boot and the stub or straight
# from QEMU, from Debian's own packages.  tests/linux/run-linux.py boots each
# run in a fresh QEMU under a deadline and checks its console; see its usage
# for the run notation (<path>:<mode>:<cpu>:<gic>:<smp>[:<test>]).
LINUX_DIR := $(O)/linux
LINUX_IMAGE := $(LINUX_DIR)/defconfig.Image
LINUX_REFS := $(LINUX_DIR)/ref
LINUX_RUN = $(PYTHON) tests/linux/run-linux.py --qemu $(QEMU) \
	--initrd $(LINUX_DIR)/initramfs.cpio --kernel $(LINUX_DIR)/Image \
	--image $(LINUX_IMAGE) --image-initrd $(LINUX_DIR)/initramfs-image.cpio \
	--module-initrd $(LINUX_DIR)/initramfs-module.cpio --logdir $(LINUX_DIR)/logs
LINUX_CHECK = $(LINUX_RUN) --ref-dir $(LINUX_REFS)
LINUX_PARTS := $(LINUX_IMAGE) $(LINUX_DIR)/initramfs.cpio
.PHONY: check-linux check-linux-bare check-linux-uboot check-linux-many-cpus check-linux-kernel \
	check-linux-kexec check-linux-reuse check-linux-module check-uboot-builtin \
	check-uboot-builtin-kexec linux-parts \
	run-linux run-conformance run-uboot

linux-parts: $(LINUX_PARTS)

$(LINUX_DIR)/linux.VERSION:
	$(Q)scripts/fetch-debian-arm64.sh $(LINUX_DIR) linux
$(LINUX_DIR)/Image: $(LINUX_DIR)/linux.VERSION

# busybox, kexec with its libraries, and the kernel itself, for kexec.
$(LINUX_DIR)/initramfs.cpio: $(LINUX_DIR)/linux.VERSION tests/linux/init scripts/mkinitramfs.py
	$(Q)$(PYTHON) scripts/mkinitramfs.py $@ init=tests/linux/init \
		bin/busybox=$(LINUX_DIR)/busybox .=$(LINUX_DIR)/kexec-root \
		boot/Image=$(LINUX_DIR)/Image

# The same with the hypstub image in place of the kernel, for kexec chains
# through the image itself (run-linux.py's reuse-* steps).
$(LINUX_DIR)/initramfs-image.cpio: $(LINUX_IMAGE) tests/linux/init scripts/mkinitramfs.py
	$(Q)$(PYTHON) scripts/mkinitramfs.py $@ init=tests/linux/init \
		bin/busybox=$(LINUX_DIR)/busybox .=$(LINUX_DIR)/kexec-root \
		boot/hypstub.Image=$(LINUX_IMAGE)

# busybox and hypstub.ko (make module), for the module step.
$(LINUX_DIR)/initramfs-module.cpio: module-arm64 tests/linux/init scripts/mkinitramfs.py
	$(Q)$(PYTHON) scripts/mkinitramfs.py $@ init=tests/linux/init \
		bin/busybox=$(LINUX_DIR)/busybox hypstub.ko=$(MODULE_DIR)/hypstub.ko

# <config>.Image: the stub built from configs/<config> with Debian's kernel,
# in a build directory of its own, so that a changed $(O)/.config cannot
# change what the tests boot.  One image serves both modes: the tests choose
# the mode at run time.
$(LINUX_DIR)/%.Image: $(LINUX_DIR)/linux.VERSION FORCE
	$(Q)$(MAKE) -s O=$(O)/linux-$* $* >/dev/null
	$(Q)$(MAKE) -s O=$(O)/linux-$* image KERNEL=$(LINUX_DIR)/Image IMAGE=$@ >/dev/null

# The bare kernel's vulnerabilities lines on a CPU model: the reference that
# every run through the stub on that model must match.  check-linux-bare
# makes them afresh; the other suites make them when they are missing.
$(LINUX_REFS)/vulnerabilities-%.txt: $(LINUX_DIR)/initramfs.cpio
	$(Q)$(LINUX_CHECK) bare:bare:$*:3:4
LINUX_REF_FILES := $(foreach c,$(QEMU_CPUS),$(LINUX_REFS)/vulnerabilities-$(c).txt)

check-linux: check-linux-bare check-linux-uboot check-linux-many-cpus check-linux-kernel \
	check-linux-kexec check-linux-reuse check-linux-module

# The same kernel without the stub, entered at EL2 by QEMU: KVM up, and the
# references.
check-linux-bare: $(LINUX_DIR)/initramfs.cpio
	$(Q)$(LINUX_CHECK) -j2 $(foreach c,$(QEMU_CPUS),bare:bare:$(c):3:4)

# U-Boot (Debian's qemu_arm64 build, at EL2) loads the image and the
# initramfs and boots them with booti; the mode is the /chosen property
# hypstub,mode, set at the U-Boot prompt.  Both modes on every CPU and GIC.
check-linux-uboot: $(LINUX_PARTS) $(LINUX_REF_FILES)
	$(Q)$(LINUX_CHECK) -j2 $(foreach m,resident handoff,$(foreach c,$(QEMU_CPUS),\
		$(foreach g,$(QEMU_GICS),uboot:$(m):$(c):$(g):4)))

# A larger machine: 32 CPUs in two clusters (Aff1 0 and 1, GICv3), every
# one given a slot from the device tree's /cpus and started at EL1 through
# the stub, then all secondaries (the upper cluster among them) offlined
# and onlined again.  Alone: 32 TCG vCPUs already fill this host.
check-linux-many-cpus: $(LINUX_PARTS) $(LINUX_REF_FILES)
	$(Q)$(LINUX_CHECK) uboot:resident:cortex-a57:3:32:hotplug

# QEMU -kernel enters the image itself.  Resident from the Kconfig default,
# CPU hotplug (a soak of 10 cycles; make bench runs 100), and PSCI
# SYSTEM_RESET through the stub; hand-off from the command line, with
# hotplug at EL2; handoff_defconfig's default on 2 CPUs.
check-linux-kernel: $(LINUX_PARTS) $(LINUX_DIR)/handoff_defconfig.Image $(LINUX_REF_FILES)
	$(Q)$(LINUX_CHECK) -j2 kernel:resident/default:cortex-a57:3:4:hotplug10+reboot \
		kernel:handoff:max:2:4:hotplug
	$(Q)$(LINUX_CHECK) --image $(LINUX_DIR)/handoff_defconfig.Image \
		kernel:handoff/default:cortex-a57:3:2

# kexec chains: ten in a row in resident mode (each new kernel starts its
# CPUs through the stub, which stays reserved), a short one on max (a VHE
# CPU kept at EL1), and short chains in hand-off mode, where KVM must come up
# again each time (nVHE and VHE).  GICv3 here without an ITS: Linux 6.1
# booted without EFI cannot keep its LPI tables through a kexec ("Booted
# with LPIs enabled, memory probably corrupted"), stub or not.
check-linux-kexec: $(LINUX_PARTS) $(LINUX_REF_FILES)
	$(Q)$(LINUX_CHECK) -j2 uboot:resident:cortex-a57:3-noits:4:kexec10 \
		kernel:handoff:cortex-a57:2:4:kexec2 kernel:resident:max:2:4:kexec2 \
		kernel:handoff:max:3-noits:4:kexec1

# kexec from a resident kernel into the hypstub image itself, which is then
# entered at EL1 above the resident stub and must use it (docs/booting.rst):
# into hand-off, where KVM comes up (nVHE on cortex-a57, VHE on max), then
# on cortex-a57 once more from that kernel at EL2, where the image installs
# the stub afresh (max under TCG is too slow for a third boot here); and
# into resident, with the same single reservation.
check-linux-reuse: $(LINUX_PARTS) $(LINUX_DIR)/initramfs-image.cpio $(LINUX_REF_FILES)
	$(Q)$(LINUX_CHECK) -j2 kernel:resident:cortex-a57:3-noits:4:kexec2+reuse-handoff \
		kernel:resident:max:2:4:kexec1+reuse-handoff \
		kernel:resident:cortex-a57:2:4:kexec1+reuse-resident

# hypstub.ko (make module, against the fetched headers of this kernel) in
# the kernel it was built for: resident on 4 CPUs, insmod, the sysfs files
# against abi/hypstub.h and the device tree, a borrow of EL2 refused by the
# stub on the last CPU and undone on the others, then EL2 borrowed, proven
# and given back on every CPU, rmmod, taint O and E only; the same on max
# (2 CPUs; pointer authentication, so HCR_EL2 has APK and API); and the
# refusals with -ENODEV: hand-off at EL2 (VHE on max) and a kernel at EL1
# with no /hypstub node (hand-off on cortex-a57: nVHE, the kernel at EL1).
check-linux-module: $(LINUX_PARTS) $(LINUX_DIR)/initramfs-module.cpio $(LINUX_REF_FILES)
	$(Q)$(LINUX_CHECK) -j2 kernel:resident:cortex-a57:3:4:module \
		kernel:handoff:max:3:2:module kernel:resident:max:2:2:module \
		kernel:handoff:cortex-a57:2:2:module

# U-Boot with the stub inside (make uboot), the same runs from the same
# runner: at U-Boot's prompt, U-Boot at EL1 and hypstub info read back from
# the stub, the mode set with hypstub mode, then booti of the kernel itself.
# Every mode, CPU and GIC; the first also with the refusals (unknown mode,
# no device tree, an AArch32 uImage made with U-Boot's own mkimage), CPU
# hotplug and reboot, hand-off on max with hotplug at EL2 and bootm of the
# kernel as a uImage; the Kconfig default once, with refusals and bootm.
# Then kexec chains above this U-Boot's stub.  `uboot` always runs first:
# U-Boot's build is incremental, so a changed stub or series is picked up.
UBOOT_RUN = $(LINUX_CHECK) --builtin-u-boot $(UBOOT_BIN) \
	--aarch32-uimage $(LINUX_DIR)/aarch32.uImage --kernel-uimage $(LINUX_DIR)/Image.uImage
$(LINUX_DIR)/aarch32.uImage: tests/linux/init | uboot
	$(Q)$(UBOOT_DIR)/build/tools/mkimage -A arm -O linux -T kernel -C none \
		-a 0x40008000 -e 0x40008000 -n "AArch32 (refused)" -d $< $@ >/dev/null
# The kernel for bootm, loaded where booti would put it (2 MiB aligned).
$(LINUX_DIR)/Image.uImage: $(LINUX_DIR)/Image | uboot
	$(Q)$(UBOOT_DIR)/build/tools/mkimage -A arm64 -O linux -T kernel -C none \
		-a 0x40400000 -e 0x40400000 -n "Debian arm64 kernel" -d $< $@ >/dev/null

check-uboot-builtin: uboot $(LINUX_PARTS) $(LINUX_REF_FILES) $(LINUX_DIR)/aarch32.uImage \
		$(LINUX_DIR)/Image.uImage $(LINUX_IMAGE)
	$(Q)$(UBOOT_RUN) -j2 builtin:resident:cortex-a57:3:4:refusals+hotplug+reboot \
		builtin:handoff:max:2:4:hotplug+bootm \
		$(foreach m,resident handoff,$(foreach c,$(QEMU_CPUS),$(foreach g,$(QEMU_GICS),\
		$(if $(filter resident:cortex-a57:3 handoff:max:2,$(m):$(c):$(g)),,builtin:$(m):$(c):$(g):4)))) \
		builtin:resident/default:cortex-a57:2:2:refusals+bootm \
		builtin:resident:max:3:4:image

check-uboot-builtin-kexec: uboot $(LINUX_PARTS) $(LINUX_REF_FILES)
	$(Q)$(UBOOT_RUN) -j2 builtin:resident:cortex-a57:3-noits:4:kexec3 \
		builtin:handoff:max:2:4:kexec1

# Real EL3 firmware below: TF-A (make tfa) -> U-Boot -> the stub -> Linux.
# The bare boots through TF-A and Debian's U-Boot first (the references:
# vulnerabilities and psci: lines on each CPU model), then both modes on
# every CPU and GIC through Debian's U-Boot, each with one more step so that
# every point is proved once: hotplug (CPUs that TF-A starts with HCR_EL2 =
# 0) on both CPU models in both modes, reboot (SYSTEM_RESET through TF-A),
# power-off, chains of two kexecs in both modes; and make uboot's U-Boot as BL33, once in
# each mode.
.PHONY: check-linux-tfa
check-linux-tfa: tfa $(LINUX_PARTS)
	$(Q)$(UBOOT_RUN) --tfa-dir $(TFA_DIR) -j2 \
		$(foreach c,$(QEMU_CPUS),uboot@tfa:bare:$(c):3:4) \
		uboot@tfa:resident:cortex-a57:2:4:hotplug+reboot \
		uboot@tfa:resident:cortex-a57:3-noits:4:kexec2 \
		uboot@tfa:resident:max:2:4 \
		uboot@tfa:resident:max:3:4:hotplug \
		uboot@tfa:handoff:cortex-a57:2:4:kexec2 \
		uboot@tfa:handoff:cortex-a57:3:4:hotplug \
		uboot@tfa:handoff:max:2:4:hotplug+reboot \
		uboot@tfa:handoff:max:3:4 \
		builtin@tfa:resident:cortex-a57:3:4:hotplug \
		builtin@tfa:handoff:max:2:4

# The series as a U-Boot maintainer would first look at it: U-Boot's own
# scripts/checkpatch.pl (with the tree's .checkpatch.conf: --u-boot
# --strict) on each patch of uboot/patches, from the U-Boot source that make
# uboot uses (make uboot-source: fetched and patched, not built).  No
# error, and each warning or check justified, by type and count, in its
# patch's commit message; the pages the series adds parse without a
# docutils warning (tests/uboot/checkpatch.py).
.PHONY: check-uboot-checkpatch check-uboot-test-py
check-uboot-checkpatch: uboot-source
	$(Q)$(PYTHON) tests/uboot/checkpatch.py "$$(cat $(UBOOT_DIR)/source)" uboot/patches/*.patch

# The series' test/py/tests/test_hypstub.py, run by U-Boot's test/py
# (test.py, Debian's pytest) against make uboot's u-boot.bin in QEMU, with
# the board hooks of tests/uboot/hooks.
check-uboot-test-py: uboot
	$(Q)PYTHON=$(PYTHON) tests/uboot/run-test-py.sh $(UBOOT_DIR) $(SRC)

# docs/*.rst built by Sphinx, warnings as errors (make docs, Makefile).
.PHONY: check-docs
check-docs: docs

# AArch32 (issue 11): Debian's armhf Linux (linux-image-armmp-lpae, 6.1, a
# zImage) in qemu-system-arm -M virt,virtualization=on, fetched by package
# name like the arm64 parts (scripts/fetch-debian-arm64.sh ... armhf), with
# an initramfs from the same scripts/mkinitramfs.py and tests/linux/init.
# The runs are the same tests/linux/run-linux.py notation: an AArch32 CPU
# (cortex-a15, cortex-a7) makes a run an arm one (Debian's qemu_arm U-Boot,
# bootz, the HYP/SVC lines, no KVM in 32-bit Linux 6.1).
QEMU_ARM ?= qemu-system-arm
ARM_LINUX_DIR := $(O)/linux-arm
ARM_LINUX_RUN = $(PYTHON) tests/linux/run-linux.py --qemu-arm $(QEMU_ARM) \
	--initrd $(ARM_LINUX_DIR)/initramfs.cpio --kernel $(ARM_LINUX_DIR)/zImage \
	--image-initrd $(ARM_LINUX_DIR)/initramfs-image.cpio \
	--logdir $(ARM_LINUX_DIR)/logs --ref-dir $(ARM_LINUX_DIR)/ref
.PHONY: check-arm-linux-bare arm-linux-parts

arm-linux-parts: $(ARM_LINUX_DIR)/initramfs.cpio

$(ARM_LINUX_DIR)/linux.VERSION:
	$(Q)scripts/fetch-debian-arm64.sh $(ARM_LINUX_DIR) linux armhf
$(ARM_LINUX_DIR)/zImage: $(ARM_LINUX_DIR)/linux.VERSION

# busybox, kexec with its libraries, and the zImage itself, for kexec.
$(ARM_LINUX_DIR)/initramfs.cpio: $(ARM_LINUX_DIR)/linux.VERSION tests/linux/init \
		scripts/mkinitramfs.py
	$(Q)$(PYTHON) scripts/mkinitramfs.py $@ init=tests/linux/init \
		bin/busybox=$(ARM_LINUX_DIR)/busybox .=$(ARM_LINUX_DIR)/kexec-root \
		boot/zImage=$(ARM_LINUX_DIR)/zImage

# The harness the AArch32 stub will be tested with, measured without any
# stub: the kernel entered in HYP by U-Boot's bootz on cortex-a15 (GICv2)
# and cortex-a7 (GICv3), every CPU online and in HYP with the
# virtualization extensions, CPU hotplug through QEMU's PSCI, PSCI
# SYSTEM_RESET and SYSTEM_OFF, not tainted, no warning; and a kexec chain
# from QEMU's -kernel (Linux's own HVC_SOFT_RESTART path: each kernel in
# HYP again), first: it takes as long as the other two one after the other.
# The bare runs also make the vulnerabilities references of the two CPU
# models.
check-arm-linux-bare: $(ARM_LINUX_DIR)/initramfs.cpio
	$(Q)$(ARM_LINUX_RUN) -j2 bare:bare:cortex-a15:2:4:kexec3 \
		uboot:bare:cortex-a15:2:4:hotplug+reboot uboot:bare:cortex-a7:3:4:hotplug

# make image's zImage mode (scripts/pack-image.py), on its own, before
# any stub: tests/linux/check-pack-image.py packs Debian's zImage behind a
# loader that is nothing but the zImage header, hypstub's info block and a
# branch to the payload at 0x200000 (the payload in place, byte for byte,
# the end field 0x2c covering the whole file, the info block; bad payloads
# refused, each with its message; the arm64 mode's fields, and a zImage
# refused there).  That file then boots Debian's kernel, in HYP, from QEMU
# -kernel (cortex-a15, GICv2) and from U-Boot's bootz (cortex-a7, GICv3),
# which reserves and loads the image by its end field: the layout the
# AArch32 stub's image uses is one that both load and run.
ARM_LINUX_TRAMPOLINE := $(ARM_LINUX_DIR)/trampoline.zImage
.PHONY: check-arm-linux-pack
check-arm-linux-pack: $(ARM_LINUX_DIR)/initramfs.cpio $(LINUX_DIR)/Image $(O)/hypstub.bin
	$(Q)$(PYTHON) tests/linux/check-pack-image.py --zimage $(ARM_LINUX_DIR)/zImage \
		--trampoline $(ARM_LINUX_TRAMPOLINE) \
		--image $(LINUX_DIR)/Image --arm64-loader $(O)/hypstub.bin
	$(Q)$(PYTHON) tests/linux/run-linux.py --qemu-arm $(QEMU_ARM) \
		--initrd $(ARM_LINUX_DIR)/initramfs.cpio --kernel $(ARM_LINUX_TRAMPOLINE) \
		--logdir $(ARM_LINUX_DIR)/logs-pack -j2 bare:bare:cortex-a15:2:4 \
		uboot:bare:cortex-a7:3:4

# The AArch32 stub (ARCH=arm, configs/arm_defconfig, in a build directory
# of its own) packed with Debian's zImage by make image: one zImage-format
# file for QEMU -kernel and U-Boot's bootz alike, both modes chosen at run
# time.
ARM_LINUX_IMAGE := $(ARM_LINUX_DIR)/hypstub.zImage
ARM_LINUX_STUB := $(O)/arm-linux-stub
$(ARM_LINUX_IMAGE): $(ARM_LINUX_DIR)/linux.VERSION FORCE
	$(Q)$(MAKE) -s ARCH=arm O=$(ARM_LINUX_STUB) arm_defconfig >/dev/null
	$(Q)$(MAKE) -s ARCH=arm O=$(ARM_LINUX_STUB) image KERNEL=$(ARM_LINUX_DIR)/zImage \
		IMAGE=$@ >/dev/null

# The same initramfs with the hypstub image in place of the kernel, for
# kexec chains through the image itself (run-linux.py's reuse-* steps).
$(ARM_LINUX_DIR)/initramfs-image.cpio: $(ARM_LINUX_IMAGE) tests/linux/init scripts/mkinitramfs.py
	$(Q)$(PYTHON) scripts/mkinitramfs.py $@ init=tests/linux/init \
		bin/busybox=$(ARM_LINUX_DIR)/busybox .=$(ARM_LINUX_DIR)/kexec-root \
		boot/hypstub.zImage=$(ARM_LINUX_IMAGE)

# The bare kernel's vulnerabilities lines on an AArch32 CPU model, made by
# check-arm-linux-bare, or here when missing.
$(ARM_LINUX_DIR)/ref/vulnerabilities-%.txt: $(ARM_LINUX_DIR)/initramfs.cpio
	$(Q)$(ARM_LINUX_RUN) bare:bare:$*:2:4
ARM_LINUX_REF_FILES := $(foreach c,cortex-a15 cortex-a7,$(ARM_LINUX_DIR)/ref/vulnerabilities-$(c).txt)

# Debian's armhf kernel above the AArch32 stub: the image made above
# checked by tests/linux/check-pack-image.py, then booted through QEMU
# -kernel (the image entered in HYP at 0x40010000) and Debian's qemu_arm
# U-Boot (bootz of the image loaded at 0x40100000, below where the payload
# inflates; the mode set in /chosen at the prompt), on 4 CPUs: every path,
# mode, CPU model and GIC version with every other, 16 boots.  Resident:
# every CPU in SVC, no "inconsistent modes", SMCCC 1.1 from the stub, the
# firmware's PSCI lines, psci method "hvc", the reservation no-map where
# the loader moved the stub (the top of memory) and in no /proc/iomem
# range, not tainted, the same vulnerabilities as the bare kernel,
# SYSTEM_OFF through the proxy; on cortex-a15 with GICv3 (no ITS, for
# kexec) CPU hotplug, five kexecs in a row (each kernel's CPUs started
# through the stub, which stays reserved and answering; kexec-tools gets
# no option for it) and PSCI SYSTEM_RESET through the proxy; CPU hotplug
# on cortex-a7 too, and on 8 CPUs (GICv3; Debian's armmp-lpae kernel is
# built for 8 at most).  Hand-off: every CPU in HYP with the virtualization
# extensions; on cortex-a15 with GICv2 three kexecs in a row (Linux's own
# HVC_SOFT_RESTART).  And the image at qemu_arm's own kernel_addr_r,
# 0x40400000, where its payload would inflate the kernel over the image's
# fixed-up device tree: refused by the loader, with its message.
.PHONY: check-arm-linux
check-arm-linux: $(ARM_LINUX_DIR)/initramfs.cpio $(ARM_LINUX_IMAGE) $(ARM_LINUX_REF_FILES)
	$(Q)$(PYTHON) tests/linux/check-pack-image.py --zimage $(ARM_LINUX_DIR)/zImage \
		--arm-loader $(ARM_LINUX_STUB)/hypstub.bin
	$(Q)$(ARM_LINUX_RUN) --image $(ARM_LINUX_IMAGE) -j2 \
		kernel:resident:cortex-a15:3-noits:4:hotplug+kexec5+reboot \
		uboot:handoff:cortex-a15:2:4:kexec3 \
		kernel:resident:cortex-a15:2:4 kernel:resident:cortex-a7:2:4:hotplug \
		kernel:resident:cortex-a7:3:4 \
		uboot:resident:cortex-a15:2:4 uboot:resident:cortex-a15:3:4 \
		uboot:resident:cortex-a7:2:4 uboot:resident:cortex-a7:3:4:hotplug \
		kernel:handoff:cortex-a15:2:4 kernel:handoff:cortex-a15:3:4 \
		kernel:handoff:cortex-a7:2:4 kernel:handoff:cortex-a7:3:4 \
		uboot:handoff:cortex-a15:3:4 uboot:handoff:cortex-a7:2:4 \
		uboot:handoff:cortex-a7:3:4 \
		kernel:resident:cortex-a15:3:8:hotplug \
		uboot:resident:cortex-a15:2:2:misplaced

# kexec from a kernel resident above the AArch32 stub into the hypstub
# image itself (tests/linux/init gives kexec-tools --image-size from the
# image's payload's size table), which is then entered in SVC above that
# stub and must use it (docs/booting.rst, "Entered at EL1"): from QEMU
# -kernel on cortex-a15 (GICv3 without an ITS) into hand-off, the next
# kernel in HYP through the stub's HYPSTUB_SOFT_RESTART32, then once more
# from that kernel in HYP (Linux's own HVC_SOFT_RESTART), where the image
# installs the stub afresh; and from U-Boot's bootz on cortex-a7 (GICv2)
# into resident, the next kernel in SVC above the same stub with the same
# single reservation.  The mode from bootargs there: the /chosen property
# would be passed on by kexec and choose the next image's mode too.
.PHONY: check-arm-linux-reuse
check-arm-linux-reuse: $(ARM_LINUX_DIR)/initramfs.cpio $(ARM_LINUX_DIR)/initramfs-image.cpio \
		$(ARM_LINUX_IMAGE) $(ARM_LINUX_REF_FILES)
	$(Q)$(ARM_LINUX_RUN) --image $(ARM_LINUX_IMAGE) -j2 \
		kernel:resident:cortex-a15:3-noits:4:kexec2+reuse-handoff \
		uboot:resident/bootargs:cortex-a7:2:4:kexec1+reuse-resident

# hypstub.ko for Debian's armhf kernel (make module-arm: kernel/ with
# kernel/arm/, against linux-headers-<abi>-armmp-lpae) in that kernel above
# the AArch32 stub, the same /init module step and checks as arm64's, from
# QEMU -kernel: resident on cortex-a15 with GICv2 (4 CPUs) and cortex-a7
# with GICv3 (2 CPUs): insmod, taint O and E only, the sysfs files against
# abi/hypstub.h and the device tree, a borrow of HYP refused by the stub on
# the last CPU (a table 0x10 off HYPSTUB_VECTORS_ALIGN_AARCH32) and undone
# on the CPUs before it, then HYP borrowed on every CPU, each CPU's proof
# (CPSR mode HYP, HVBAR the module's table) with the calls that are not the
# module's passed on to the stub (its AArch32 pass-on entry), given
# back and the stub answering again, rmmod; and in hand-off mode (the
# kernel entered in HYP, Linux's own stub there) insmod refused with
# -ENODEV: no /hypstub node.
ARM_MODULE_INITRD := $(ARM_LINUX_DIR)/initramfs-module.cpio
$(ARM_MODULE_INITRD): module-arm tests/linux/init scripts/mkinitramfs.py
	$(Q)$(PYTHON) scripts/mkinitramfs.py $@ init=tests/linux/init \
		bin/busybox=$(ARM_LINUX_DIR)/busybox hypstub.ko=$(ARM_MODULE_DIR)/hypstub.ko

.PHONY: check-arm-linux-module
check-arm-linux-module: $(ARM_MODULE_INITRD) $(ARM_LINUX_IMAGE) $(ARM_LINUX_REF_FILES)
	$(Q)$(ARM_LINUX_RUN) --image $(ARM_LINUX_IMAGE) --module-initrd $(ARM_MODULE_INITRD) -j2 \
		kernel:resident:cortex-a15:2:4:module kernel:handoff:cortex-a15:2:2:module \
		kernel:resident:cortex-a7:3:2:module

# Debian's Linux through the U-Boot with the stub inside, both modes.
run-uboot: uboot $(LINUX_PARTS)
	$(Q)$(UBOOT_RUN) -j2 --evidence builtin:resident:cortex-a57:3:4 \
		builtin:handoff:cortex-a57:3:4

# Debian's Linux through the stub from QEMU -kernel: make run-linux [MODE=handoff].
MODE ?= resident
run-linux: $(LINUX_PARTS)
	$(Q)$(LINUX_RUN) --evidence kernel:$(MODE):cortex-a57:3:4

# The conformance guest at EL1 above the stub, with its report.
run-conformance: $(CONFORMANCE_IMAGE)
	$(Q)tests/qemu/run-conformance.sh $(CONFORMANCE_IMAGE) cortex-a57 3 \
		"$(EXPECT_CONFIG)"

# The main demonstration: Debian's Linux booted by U-Boot through the stub,
# resident (the kernel at EL1, its 4 CPUs started through the stub), then
# handed off (the kernel at EL2, KVM up); the evidence lines of each; then
# the same on AArch32 (run-arm).
run: $(LINUX_PARTS)
	$(Q)$(LINUX_RUN) -j2 --evidence uboot:resident:cortex-a57:3:4 \
		uboot:handoff:cortex-a57:3:4
	@echo "AArch32 (make run-arm):"
	$(Q)$(MAKE) -s run-arm

# The same on AArch32: Debian's armhf kernel booted by Debian's qemu_arm
# U-Boot (bootz) through the AArch32 stub, resident (in SVC, its 4 CPUs
# started through the stub), then handed off (in HYP).
.PHONY: run-arm
run-arm: $(ARM_LINUX_DIR)/initramfs.cpio $(ARM_LINUX_IMAGE) $(ARM_LINUX_REF_FILES)
	$(Q)$(ARM_LINUX_RUN) --image $(ARM_LINUX_IMAGE) -j2 --evidence \
		uboot:resident:cortex-a15:2:4 uboot:handoff:cortex-a15:2:4
