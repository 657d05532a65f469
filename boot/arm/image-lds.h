/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * boot/hypstub.lds.S for arm: the HYP vector table (.stub.vectors, 32-byte
 * aligned, no room for code in it); the loader's R_ARM_RELATIVE
 * relocations in .rel.dyn (REL: the addend in place).
 */
#define IMAGE_LDS_FORMAT	"elf32-littlearm"
#define IMAGE_LDS_ARCH		arm
#define IMAGE_LDS_VECTORS_ALIGN	32
#define IMAGE_LDS_RELOC		.rel.dyn
#define IMAGE_LDS_RELOC_ANY	.rel.*
