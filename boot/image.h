/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The arm64 Image header (Documentation/arm64/booting.rst) and the block
 * that `make image` fills in to say where the payload is.
 */
#ifndef HYPSTUB_BOOT_IMAGE_H
#define HYPSTUB_BOOT_IMAGE_H

#define ARM64_IMAGE_MAGIC		0x644d5241	/* "ARM\x64" */
#define ARM64_IMAGE_HEADER_SIZE		64
#define ARM64_IMAGE_FLAG_BE		0x1
#define ARM64_IMAGE_FLAG_ANYWHERE	0x8
/* A kernel wants a 2 MiB aligned base (plus text_offset). */
#define ARM64_IMAGE_ALIGN		0x200000

/* Where `make image` puts the payload, from the start of the image. */
#define HYPSTUB_PAYLOAD_OFFSET		0x200000
/*
 * Where the stub's resident region starts in the image (a page after the
 * header); where it ends depends on the CPUs the device tree lists.
 */
#define HYPSTUB_STUB_OFFSET		0x1000
/* hypstub's own block right after the arm64 header. */
#define HYPSTUB_INFO_OFFSET		64
#define HYPSTUB_INFO_MAGIC		0x4255545350594821	/* "!HYPSTUB" */

#ifdef __ASSEMBLER__
#ifndef LINKER_SCRIPT
/*
 * hypstub's info block (struct hypstub_info) at HYPSTUB_INFO_OFFSET of the
 * image head, after the kernel image header of either architecture; make
 * image fills in the payload's offset and size.
 */
.macro	hypstub_info_block
	.org	HYPSTUB_INFO_OFFSET
	.globl	hypstub_info
hypstub_info:
	.quad	HYPSTUB_INFO_MAGIC
	.quad	0				/* payload offset */
	.quad	0				/* payload size */
.endm
#endif /* LINKER_SCRIPT */
#else
#include <stdint.h>

struct arm64_image_header {
	uint32_t code0;
	uint32_t code1;
	uint64_t text_offset;
	uint64_t image_size;
	uint64_t flags;
	uint64_t res2;
	uint64_t res3;
	uint64_t res4;
	uint32_t magic;
	uint32_t res5;
};

/* Filled in by scripts/pack-image.py; zero in an image with no payload. */
struct hypstub_info {
	uint64_t magic;
	uint64_t payload_offset;
	uint64_t payload_size;
};
#endif /* __ASSEMBLER__ */

#endif /* HYPSTUB_BOOT_IMAGE_H */
