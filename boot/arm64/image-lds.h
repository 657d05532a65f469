/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * boot/hypstub.lds.S for arm64: the vector table, with stub code and data
 * in the free tails of its slots ($(O)/stub-layout.lds, written by
 * scripts/stub-layout.py: make bench counts the whole table in the stub's
 * footprint); the loader's R_AARCH64_RELATIVE relocations in .rela.dyn.
 */
#define IMAGE_LDS_FORMAT	"elf64-littleaarch64"
#define IMAGE_LDS_ARCH		aarch64
#define IMAGE_LDS_STUB_LAYOUT
#define IMAGE_LDS_VECTORS_ALIGN	2048
#define IMAGE_LDS_RELOC		.rela.dyn
#define IMAGE_LDS_RELOC_ANY	.rela.*
