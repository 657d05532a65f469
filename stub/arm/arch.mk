# SPDX-License-Identifier: BSD-2-Clause
# arm (ARMv7-A with the Virtualization Extensions, the stub in HYP mode):
# the top Makefile's architecture settings; stub/arm64/arch.mk says what
# each is for.

CROSS_COMPILE ?= arm-linux-gnueabihf-
QEMU ?= qemu-system-arm
DEB_ARCH := armhf

# ARM state; the hard-float ABI of Debian's armhf libfdt, but no FP
# register used; aligned accesses (memory is strongly ordered with the MMU
# off); position independent through PC-relative addressing of hidden
# symbols (no GOT); no unwind tables.
ARCH_CFLAGS := -marm -march=armv7ve+fp -mfloat-abi=hard -mgeneral-regs-only \
	-mno-unaligned-access -fpie -fvisibility=hidden \
	-fno-unwind-tables -fno-asynchronous-unwind-tables
ARCH_ASFLAGS := -marm -march=armv7ve+fp -mfloat-abi=hard
ARCH_STUB_CFLAGS :=

ARCH_STUB_OBJS := stub/arm/arch.o stub/arm/el2.o stub/arm/vectors.o
ARCH_BOOT_OBJS := boot/arm/head.o boot/arm/payload.o

# The image's link: the vector table has no room to fill; the loader's
# own relocations are R_ARM_RELATIVE.
ARCH_LDS_DEPS :=
ARCH_RELATIVE_RELOC := R_ARM_RELATIVE
ARCH_ADDR_DIGITS := 8
