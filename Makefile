# SPDX-License-Identifier: BSD-2-Clause
#
# hypstub build.  Out of tree (O=, default build/), ARCH= (arm64 or arm,
# default from the configuration), CROSS_COMPILE= (default per
# architecture), V=1 for full commands.  `make help` lists targets.

O ?= build
# Debian's python3 has Kconfiglib (python3-kconfiglib); a python3 earlier
# in PATH (pyenv, venv) may not.
PYTHON ?= /usr/bin/python3
HOSTCC ?= gcc

SRC := $(CURDIR)
CONFIG := $(O)/.config
# CONFIG_* of this build: the architecture, and the tests' expectations.
-include $(CONFIG)

# The architecture: the configuration's, or ARCH= for a build directory
# that has none yet (its default configuration is then that
# architecture's).  Its own code is in stub/$(ARCH)/ and boot/$(ARCH)/,
# its build settings in stub/$(ARCH)/arch.mk; everything else is shared.
# A *defconfig target writes a new configuration: ARCH= then wins.
CONFIG_ARCH := $(if $(filter y,$(CONFIG_HYPSTUB_ARCH_ARM)),arm,$(if $(wildcard $(CONFIG)),arm64))
ifneq ($(filter %defconfig,$(MAKECMDGOALS)),)
CONFIG_ARCH :=
endif
ARCH ?= $(or $(CONFIG_ARCH),arm64)
ifeq ($(filter arm64 arm,$(ARCH)),)
$(error ARCH=$(ARCH): hypstub builds for arm64 or arm)
endif
ifneq ($(CONFIG_ARCH),)
ifneq ($(CONFIG_ARCH),$(ARCH))
$(error ARCH=$(ARCH), but $(CONFIG) is for $(CONFIG_ARCH): use another O=, or make ARCH=$(ARCH) defconfig)
endif
endif
DEFCONFIG := configs/$(if $(filter arm,$(ARCH)),arm_)defconfig
# The linker script tells the stub's objects by their directory, $(O)/stub/.
ifneq ($(findstring /stub/,$(abspath $(O))/),)
$(error O=$(O): a build directory with a directory named stub in its path would mix the loader into the stub)
endif
include stub/$(ARCH)/arch.mk

ifeq ($(V),1)
Q :=
else
Q := @
endif

CC := $(CROSS_COMPILE)gcc
LD := $(CROSS_COMPILE)ld
OBJCOPY := $(CROSS_COMPILE)objcopy
NM := $(CROSS_COMPILE)nm
READELF := $(CROSS_COMPILE)readelf

AUTOCONF := $(O)/include/generated/autoconf.h
KCONFIG_ENV := KCONFIG_CONFIG=$(CONFIG)

WARNINGS := -Wall -Wextra -Werror -Wstack-usage=256 -Wshadow -Wundef
# Freestanding, no FP/SIMD (the stub must not touch the kernel's vector
# state), aligned accesses only (all memory is Device with the MMU off),
# and code that runs wherever it is loaded; arch.mk adds the
# architecture's form of each (ARCH_CFLAGS).
TARGET_CFLAGS := -std=gnu11 -Os -g -fomit-frame-pointer $(WARNINGS) -ffreestanding -nostdlib \
	-fno-builtin -fno-stack-protector -fno-common -fno-pic -fno-pie $(ARCH_CFLAGS) \
	-ffunction-sections -fdata-sections \
	-include $(AUTOCONF) -I$(SRC) -I$(SRC)/include \
	-I$(SRC)/stub/$(ARCH)/include -I$(SRC)/stub/include
TARGET_ASFLAGS := -include $(AUTOCONF) -I$(SRC) -I$(SRC)/include $(ARCH_ASFLAGS) \
	-I$(SRC)/stub/$(ARCH)/include -I$(SRC)/stub/include -D__ASSEMBLER__
LDFLAGS := -nostdlib -pie --no-dynamic-linker -z norelro -z notext \
	--gc-sections --no-warn-rwx-segments

# The shared core, then the architecture's own objects (arch.mk).
STUB_OBJS := stub/dispatch.o stub/psci.o stub/cpu.o stub/console.o stub/report.o \
	stub/pl011.o $(ARCH_STUB_OBJS)
BOOT_OBJS := $(ARCH_BOOT_OBJS) boot/loader.o boot/fdt.o boot/libc.o
OBJS := $(addprefix $(O)/,$(STUB_OBJS) $(BOOT_OBJS))

# Debian's packages the build and the tests use, fetched by name into one
# place that nested builds (O=$(O)/...) share; a directory of its own for
# armhf's (DEB_ARCH, from arch.mk).
export DEB_DIR ?= $(abspath $(O))/debian
DEB_ARCH_DIR := $(DEB_DIR)$(if $(filter armhf,$(DEB_ARCH)),/armhf)
# The loader's device-tree work: libfdt.a from libfdt-dev:$(DEB_ARCH),
# with the few C library functions it needs from boot/libc.c.
LIBFDT_DIR := $(DEB_ARCH_DIR)/libfdt
LIBFDT := $(LIBFDT_DIR)/libfdt.a

.PHONY: all blob uboot uboot-source tfa docs image module defconfig menuconfig savedefconfig \
	olddefconfig check \
	check-unit check-abi check-qemu bench bench-workload run clean help FORCE

all: $(O)/hypstub.bin

# Stack use of every EL2 function, for make bench (build/stub/**/*.ci).
$(O)/stub/%.o: TARGET_CFLAGS += $(ARCH_STUB_CFLAGS) -fcallgraph-info=su
$(O)/boot/%.o: TARGET_CFLAGS += -I$(SRC)/boot/include/libc -I$(LIBFDT_DIR)/include
$(addprefix $(O)/,$(BOOT_OBJS)): | $(LIBFDT)
$(LIBFDT):
	$(Q)scripts/fetch-debian-arm64.sh $(DEB_ARCH_DIR) libfdt $(DEB_ARCH) >/dev/null

# The HVC path is worth speed over size (make bench measures it).
$(O)/stub/dispatch.o: TARGET_CFLAGS += -Os

# --- configuration (Kconfiglib) -------------------------------------------
$(CONFIG):
	@echo "  CONFIG  no $(CONFIG): using $(DEFCONFIG)"
	$(Q)mkdir -p $(O)
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m defconfig --kconfig Kconfig $(DEFCONFIG) >/dev/null

defconfig:
	$(Q)mkdir -p $(O)
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m defconfig --kconfig Kconfig $(DEFCONFIG)

# make <name>_defconfig: build/.config from configs/<name>_defconfig.
%_defconfig: configs/%_defconfig
	$(Q)mkdir -p $(O)
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m defconfig --kconfig Kconfig $<

olddefconfig: $(CONFIG)
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m olddefconfig Kconfig

menuconfig: $(CONFIG)
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m menuconfig Kconfig

savedefconfig: $(CONFIG)
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m savedefconfig --kconfig Kconfig --out $(O)/defconfig
	@echo "  wrote $(O)/defconfig (copy it to configs/ to make it the default)"

# A .config from before a Kconfig change first gets the new symbols'
# defaults, so that it and the header (and the tests reading it) agree.
$(AUTOCONF): $(CONFIG) Kconfig
	$(Q)mkdir -p $(dir $@)
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m olddefconfig Kconfig >/dev/null
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m genconfig --header-path $@ Kconfig

# --- target objects ---------------------------------------------------------
$(O)/%.o: %.c $(AUTOCONF) Makefile
	@echo "  CC      $@"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(TARGET_CFLAGS) -MMD -MP -c $< -o $@

$(O)/%.o: %.S $(AUTOCONF) Makefile
	@echo "  AS      $@"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(TARGET_ASFLAGS) -MMD -MP -c $< -o $@

# The vector table and the stub code in its free space, for both linker
# scripts: laid out from the stub objects' sections (scripts/stub-layout.py;
# arm64's table has the room, arch.mk's ARCH_LDS_DEPS).
$(O)/stub-layout.lds: $(addprefix $(O)/,$(STUB_OBJS)) scripts/stub-layout.py
	$(Q)$(PYTHON) scripts/stub-layout.py $@ $(addprefix $(O)/,$(STUB_OBJS))

IMAGE_LDS_DEPS := boot/hypstub.lds.S boot/$(ARCH)/image-lds.h boot/image.h $(ARCH_LDS_DEPS)
$(O)/hypstub.lds: $(IMAGE_LDS_DEPS)
	$(Q)$(CC) -E -P -D__ASSEMBLER__ -DLINKER_SCRIPT -DLINK_BASE=0 -I$(SRC) -I$(SRC)/boot/$(ARCH) -I$(O) -x c $< -o $@

$(O)/hypstub-at-1g.lds: $(IMAGE_LDS_DEPS)
	$(Q)$(CC) -E -P -D__ASSEMBLER__ -DLINKER_SCRIPT -DLINK_BASE=0x40000000 -I$(SRC) -I$(SRC)/boot/$(ARCH) -I$(O) -x c $< -o $@

$(O)/hypstub.elf: $(OBJS) $(LIBFDT) $(O)/hypstub.lds
	@echo "  LD      $@"
	$(Q)$(LD) $(LDFLAGS) -T $(O)/hypstub.lds $(OBJS) $(LIBFDT) -o $@

# The same objects linked 1 GiB higher must give the same stub bytes (the
# header page and the stub's code): proof that the stub holds no absolute
# address, so it runs wherever it lands with no relocation.  The loader's
# relocations (all RELATIVE, none below the loader: not in the stub or its
# CPU table) it applies to itself; the stub calls nothing outside the stub.
elf_symbol = $$(printf '%d' 0x$$($(NM) $(1) | awk '$$3 == "$(2)" { print $$1 }'))
$(O)/hypstub.bin: $(O)/hypstub.elf $(OBJS) $(O)/hypstub-at-1g.lds
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) -O binary $< $@
	$(Q)$(LD) $(LDFLAGS) -T $(O)/hypstub-at-1g.lds $(OBJS) $(LIBFDT) -o $(O)/hypstub-at-1g.elf
	$(Q)$(OBJCOPY) -O binary $(O)/hypstub-at-1g.elf $(O)/hypstub-at-1g.bin
	$(Q)cmp -s -n $(call elf_symbol,$<,stub_code_end) $@ $(O)/hypstub-at-1g.bin || \
		{ echo "error: the stub is not position independent (differs when linked at 1 GiB)"; rm -f $@; exit 1; }
	$(Q)$(READELF) -rW $< | awk -v limit=$$(printf '%0$(ARCH_ADDR_DIGITS)x' $(call elf_symbol,$<,boot_start)) \
		'/^[0-9a-f]+ / { if ($$3 != "$(ARCH_RELATIVE_RELOC)" || length($$1) != $(ARCH_ADDR_DIGITS) || ("x" $$1) < ("x" limit)) bad = bad "\n  " $$0 } \
		END { if (bad != "") { print "error: relocations the loader cannot apply or that touch the stub:" bad; exit 1 } }' || \
		{ rm -f $@; exit 1; }
	$(Q)$(LD) -r $(addprefix $(O)/,$(STUB_OBJS)) -o $(O)/stub-only.o
	$(Q)undefined=$$($(NM) -u $(O)/stub-only.o); [ -z "$$undefined" ] || \
		{ echo "error: the stub calls outside the stub: $$undefined"; rm -f $@; exit 1; }

# --- make blob: the stub alone, for a bootloader to carry ------------------
# include/hypstub-blob.h describes it; U-Boot's CONFIG_HYPSTUB builds it
# this way (docs/u-boot.rst).  The same stub objects as the image, behind a
# header of entry offsets; linked as a PIE at 0, and refused if it needs any
# relocation, since the bootloader copies it anywhere 64 KiB aligned.
BLOB := $(O)/hypstub-el2.bin
BLOB_OBJS := $(addprefix $(O)/,$(STUB_OBJS) stub/arm64/blob.o)
blob: $(BLOB)

$(O)/blob.lds: stub/arm64/blob.lds.S include/hypstub-blob.h $(O)/stub-layout.lds
	$(Q)$(CC) -E -P -D__ASSEMBLER__ -I$(SRC) -I$(O) -x c $< -o $@

$(BLOB): $(BLOB_OBJS) $(O)/blob.lds
	@echo "  LD      $(O)/hypstub-el2.elf"
	$(Q)$(LD) $(LDFLAGS) -T $(O)/blob.lds $(BLOB_OBJS) -o $(O)/hypstub-el2.elf
	$(Q)relocs=$$($(READELF) -rW $(O)/hypstub-el2.elf | grep R_AARCH64 || true); \
		[ -z "$$relocs" ] || { echo "error: the EL2 blob needs relocations:"; echo "$$relocs"; exit 1; }
	$(Q)undefined=$$($(NM) -u $(O)/hypstub-el2.elf); [ -z "$$undefined" ] || \
		{ echo "error: the EL2 blob calls outside the stub: $$undefined"; exit 1; }
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) -O binary $(O)/hypstub-el2.elf $@

# --- make uboot: U-Boot with hypstub inside --------------------------------
# Debian's u-boot source (apt-get source), or UBOOT_SRC=<your tree>, with
# uboot/patches applied, UBOOT_DEFCONFIG plus uboot/hypstub.config, built in
# $(O)/uboot/build; U-Boot's build runs this tree's make blob (docs/u-boot.rst).
UBOOT_DIR := $(abspath $(O))/uboot
UBOOT_BIN := $(UBOOT_DIR)/build/u-boot.bin
UBOOT_DEFCONFIG ?= qemu_arm64_defconfig
UBOOT_SRC ?=
uboot:
	$(Q)CROSS_COMPILE=$(CROSS_COMPILE) scripts/build-uboot.sh $(UBOOT_DIR) $(SRC) \
		$(UBOOT_DEFCONFIG) uboot/hypstub.config $(UBOOT_SRC)

# The patched U-Boot source alone (steps 1 and 2), for the series' checks.
uboot-source:
	$(Q)UBOOT_SOURCE_ONLY=1 scripts/build-uboot.sh $(UBOOT_DIR) $(SRC) \
		$(UBOOT_DEFCONFIG) uboot/hypstub.config $(UBOOT_SRC)

# --- make tfa: Trusted Firmware-A at EL3 below U-Boot ----------------------
# Debian's arm-trusted-firmware source (apt-get source), PLAT=qemu, GICv2 and
# GICv3, with two BL33s: Debian's stock qemu_arm64 U-Boot (stock-gicv<N>.bin)
# and make uboot's (builtin-gicv<N>.bin); flash images for QEMU
# -M virt,secure=on,virtualization=on -bios, in $(O)/tfa (docs/booting.rst).
TFA_DIR := $(abspath $(O))/tfa
UBOOT_STOCK ?= /usr/lib/u-boot/qemu_arm64/u-boot.bin
tfa: uboot
	$(Q)CROSS_COMPILE=$(CROSS_COMPILE) scripts/build-tfa.sh $(TFA_DIR) \
		stock=$(UBOOT_STOCK) builtin=$(UBOOT_BIN)

# --- make bench-workload: the proxy's cost on a real workload -----------------
# tests/bench/workload.c, a static arm64 program (glibc from
# libc6-dev-arm64-cross: the initramfs has no dynamic loader), in an
# initramfs of its own beside busybox and tests/linux/init; booted by the
# same kernel under TF-A (make tfa) and Debian's U-Boot: bare at EL2,
# resident above the stub, handed off (scripts/bench-workload.py).
WORKLOAD := $(O)/tests/bench/workload
WORKLOAD_INITRD := $(O)/linux/initramfs-workload.cpio
$(WORKLOAD): tests/bench/workload.c
	@echo "  CC      $@"
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -static $< -o $@ || \
		{ echo "make bench-workload needs a static arm64 glibc (libc6-dev-arm64-cross): bash scripts/setup.sh"; exit 1; }

$(WORKLOAD_INITRD): $(WORKLOAD) $(O)/linux/linux.VERSION tests/linux/init scripts/mkinitramfs.py
	$(Q)$(PYTHON) scripts/mkinitramfs.py $@ init=tests/linux/init \
		bin/busybox=$(O)/linux/busybox bin/workload=$(WORKLOAD)

bench-workload: tfa $(O)/linux/defconfig.Image $(O)/linux/Image $(WORKLOAD_INITRD)
	$(Q)$(PYTHON) scripts/bench-workload.py --qemu $(QEMU) --image $(O)/linux/defconfig.Image \
		--kernel $(O)/linux/Image --initrd $(WORKLOAD_INITRD) --tfa-dir $(TFA_DIR) \
		--logdir $(O)/linux/logs/workload

# --- make docs: docs/*.rst to HTML ----------------------------------------
# Debian's python3-sphinx (docs/conf.py), warnings as errors (-W), every
# reference checked (-n); docs/index.rst is the way in.
DOCS_DIR := $(O)/docs
docs:
	@$(PYTHON) -c 'import sphinx' 2>/dev/null || \
		{ echo "make docs needs Sphinx (python3-sphinx): bash scripts/setup.sh"; exit 1; }
	$(Q)$(PYTHON) -m sphinx -W --keep-going -n -q -b html \
		-d $(DOCS_DIR)/doctrees docs $(DOCS_DIR)/html
	@echo "  DOCS    $(DOCS_DIR)/html/index.html"

# --- make module: hypstub.ko for Debian's kernel the tests boot ------------
# Out of tree, with Kbuild, against that kernel's linux-headers (fetched by
# package name next to the kernel: $(O)/linux for arm64's
# linux-image-arm64, $(O)/linux-arm for armhf's linux-image-armmp-lpae,
# tests/tests.mk's LINUX_DIR and ARM_LINUX_DIR); kernel/build.sh refuses
# headers of another kernel (docs/linux-module.rst).  `make module` builds
# it for ARCH; module-arm64 and module-arm for either from any build
# directory (the other architecture's compiler by its Debian name).
MODULE_DIR := $(abspath $(O))/module
ARM_MODULE_DIR := $(abspath $(O))/module-arm
# module_rule <arch> <linux dir> <out dir> <Debian arch> <compiler prefix>
define module_rule
.PHONY: module-$(1)
module-$(1): $(2)/linux.VERSION
	$$(Q)scripts/fetch-debian-arm64.sh $(2) headers $(4) >/dev/null
	$$(Q)kernel/build.sh $(2) $(3) $$(SRC) $(1) $$(if $$(filter $(1),$$(ARCH)),$$(CROSS_COMPILE),$(5)) \
		$$(if $$(filter 1,$$(V)),,>$(3).log 2>&1 || { cat $(3).log; exit 1; })
endef
$(eval $(call module_rule,arm64,$(O)/linux,$(MODULE_DIR),arm64,aarch64-linux-gnu-))
$(eval $(call module_rule,arm,$(O)/linux-arm,$(ARM_MODULE_DIR),armhf,arm-linux-gnueabihf-))
module: module-$(ARCH)

# --- make image KERNEL=<arm64 Image> ---------------------------------------
IMAGE ?= $(O)/hypstub.Image
image: $(O)/hypstub.bin
	@test -n "$(KERNEL)" || { echo "usage: make image KERNEL=<arm64 Image, or zImage with ARCH=arm> [IMAGE=<output>]"; exit 1; }
	@echo "  PACK    $(IMAGE) (payload $(KERNEL))"
	$(Q)$(PYTHON) scripts/pack-image.py $(O)/hypstub.bin $(KERNEL) $(IMAGE)

# --- make bench ---------------------------------------------------------------
# Single-file assembly payloads (tests/bench, tests/boot): one arm64 Image
# each, and that Image packed behind the stub.
$(O)/tests/%.bin: tests/%.S abi/hypstub.h tests/common/uart-print.S
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -D__ASSEMBLER__ -I$(SRC) -c $< -o $(@:.bin=.o)
	$(Q)$(LD) -nostdlib -static -Ttext=0 $(@:.bin=.o) -o $(@:.bin=.elf)
	$(Q)$(OBJCOPY) -O binary $(@:.bin=.elf) $@

$(O)/tests/%.Image: $(O)/tests/%.bin $(O)/hypstub.bin
	$(Q)$(PYTHON) scripts/pack-image.py $(O)/hypstub.bin $< $@

# Then Debian's Linux through U-Boot: QEMU start to userspace bare, resident
# and hand-off (the image and initramfs the Linux tests boot, from
# tests/tests.mk, included below: hence $(O)/linux spelled out here), and
# the stub's reservation as Linux reports it.
BENCH_FOOTPRINT = $(PYTHON) scripts/bench.py --elf $(O)/hypstub.elf --nm $(NM) \
		--ci-dir $(O)/stub --frame $$(printf '%d' $$(sed -n 's/^\#define STUB_FRAME_SIZE[[:space:]]*//p' stub/$(ARCH)/include/arch-defs.h)) \
		--slot $$(printf '%d' $$(sed -n 's/^\#define STUB_PERCPU_SIZE[[:space:]]*//p' stub/include/stub-asm.h)) \
		--max-cpus $(CONFIG_HYPSTUB_MAX_CPUS) --qemu $(QEMU)

ifeq ($(ARCH),arm)
# AArch32: the footprint and the instructions per call (tests/bench/arm).
bench: $(O)/tests/bench/arm/bench.Image $(O)/hypstub.elf
	$(Q)$(BENCH_FOOTPRINT) --cpus cortex-a15,cortex-a7 \
		--image $(O)/tests/bench/arm/bench.Image
else
bench: $(O)/tests/bench/bench.Image $(O)/hypstub.elf $(O)/conformance.Image \
		$(O)/linux/defconfig.Image $(O)/linux/initramfs.cpio $(O)/linux/Image
	@echo "AArch32 (make ARCH=arm O=$(O)/arm bench):"
	$(Q)$(MAKE) -s ARCH=arm O=$(O)/arm bench
	@echo "arm64:"
	$(Q)$(BENCH_FOOTPRINT) --image $(O)/tests/bench/bench.Image
	@echo "fuzz (conformance guest, cortex-a57, GICv3):"
	$(Q)FUZZ_CALLS=1000000 tests/qemu/run-conformance.sh $(CONFORMANCE_IMAGE) cortex-a57 3 | \
		grep -E '^# fuzz|fuzz:|conformance\['
	$(Q)$(PYTHON) scripts/bench-linux.py --qemu $(QEMU) --image $(LINUX_IMAGE) \
		--kernel $(LINUX_DIR)/Image --initrd $(LINUX_DIR)/initramfs.cpio \
		--logdir $(LINUX_DIR)/logs
	@echo "large machines (GICv3): bare and resident, one boot each"
	$(Q)for smp in 64 128; do $(PYTHON) scripts/bench-linux.py --qemu $(QEMU) \
		--image $(LINUX_IMAGE) --kernel $(LINUX_DIR)/Image \
		--initrd $(LINUX_DIR)/initramfs.cpio --logdir $(LINUX_DIR)/logs/smp$$smp \
		--smp $$smp --rounds 1 --warm-up 0 --variants bare,resident || exit 1; done
	$(Q)$(MAKE) -s bench-workload
	@echo "hotplug soak (resident, cortex-a57, 4 CPUs, 100 cycles of cpu1-3):"
	$(Q)$(LINUX_RUN) --evidence kernel:resident:cortex-a57:3:4:hotplug100
endif

-include $(OBJS:.o=.d) $(O)/stub/arm64/blob.d
include tests/tests.mk

clean:
	rm -rf $(O)

help:
	@echo "hypstub: make [O=dir] [ARCH=arm64|arm] [CROSS_COMPILE=prefix] [V=1] <target>"
	@echo "  ARCH           arm64 (default) or arm (ARMv7-A, HYP mode): from \$$(O)/.config,"
	@echo "                 or given for a new build directory (e.g. make ARCH=arm O=build/arm);"
	@echo "                 shared C in stub/ and boot/, each architecture in stub/<arch>/ and"
	@echo "                 boot/<arch>/, its build settings in stub/<arch>/arch.mk"
	@echo "  defconfig      write \$$(O)/.config from configs/defconfig (ARCH=arm: arm_defconfig)"
	@echo "  X_defconfig    write \$$(O)/.config from configs/X_defconfig"
	@echo "  menuconfig     edit \$$(O)/.config (Kconfiglib)"
	@echo "  savedefconfig  write the minimal \$$(O)/defconfig"
	@echo "  all            build \$$(O)/hypstub.bin: stub and loader, no payload"
	@echo "  blob           build \$$(O)/hypstub-el2.bin: the stub alone, for U-Boot"
	@echo "  uboot          U-Boot with hypstub inside: \$$(O)/uboot/build/u-boot.bin"
	@echo "                 (Debian's u-boot source, or UBOOT_SRC=<tree>)"
	@echo "  uboot-source   only fetch and patch that U-Boot source (no build)"
	@echo "  tfa            TF-A (EL3) flash images below Debian's U-Boot and make uboot's:"
	@echo "                 \$$(O)/tfa/{stock,builtin}-gicv{2,3}.bin (Debian's TF-A source)"
	@echo "  docs           docs/*.rst to HTML in \$$(O)/docs/html (Sphinx, warnings as errors)"
	@echo "  image KERNEL=f pack the stub with kernel f (arm64 Image; zImage for ARCH=arm)"
	@echo "                 into \$$(O)/hypstub.Image"
	@echo "  module         hypstub.ko for Debian's kernel of ARCH: \$$(O)/module/hypstub.ko (arm64),"
	@echo "                 \$$(O)/module-arm/hypstub.ko (arm; also make module-arm from any O=)"
	@echo "  run            boot Debian's Linux through U-Boot and the stub, both modes,"
	@echo "                 arm64 then AArch32 (run-arm alone: the armhf kernel, bootz)"
	@echo "  run-conformance  the conformance guest under the stub in QEMU"
	@echo "  run-uboot      boot Debian's Linux through make uboot's U-Boot, both modes"
	@echo "  run-linux [MODE=handoff]  Debian's Linux through QEMU -kernel"
	@echo "  check          every test: host unit, ABI, bad input, QEMU, Linux, U-Boot, docs"
	@echo "  bench          footprint, instructions per call, Linux boot time ratio,"
	@echo "                 and bench-workload"
	@echo "  bench-workload the proxy's cost on a real workload: pipes and fork in Linux"
	@echo "                 under TF-A, bare vs resident vs hand-off (guest instructions)"
	@echo "  clean          remove \$$(O)"
