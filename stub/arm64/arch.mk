# SPDX-License-Identifier: BSD-2-Clause
# arm64 (AArch64, the stub at EL2): the top Makefile's architecture settings.

CROSS_COMPILE ?= aarch64-linux-gnu-
QEMU ?= qemu-system-aarch64
# Debian's architecture of the packages the build and the tests fetch.
DEB_ARCH := arm64

# No FP/SIMD registers, aligned accesses, the small code model.
ARCH_CFLAGS := -mgeneral-regs-only -mstrict-align -mcmodel=small
ARCH_ASFLAGS :=
# EL2 C never touches x5..x18, so the HVC entry need not save them; the
# stub is small enough for the tiny code model (adr reaches all of it).
ARCH_STUB_CFLAGS := $(foreach r,5 6 7 8 9 10 11 12 13 14 15 16 17 18,-ffixed-x$(r)) \
	-mcmodel=tiny

ARCH_STUB_OBJS := stub/arm64/arch.o stub/arm64/el2.o stub/arm64/vectors.o
ARCH_BOOT_OBJS := boot/arm64/head.o boot/arm64/payload.o

# The image's link: the vector table's free space filled by
# scripts/stub-layout.py; the loader's relocations, which it applies to
# itself, and the width of an address in readelf's listing.
ARCH_LDS_DEPS := $(O)/stub-layout.lds
ARCH_RELATIVE_RELOC := R_AARCH64_RELATIVE
ARCH_ADDR_DIGITS := 16
