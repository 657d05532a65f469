/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The header of the EL2 blob (make blob, include/hypstub-blob.h): what a
 * bootloader carrying the stub needs to install it.  Only data: the blob
 * is entered through the offsets, never at its start.
 */
#include "abi/hypstub.h"
#include "include/hypstub-blob.h"

	.section .blob.head, "a"
	.globl	blob_head
blob_head:
	.quad	HYPSTUB_BLOB_MAGIC
	.long	HYPSTUB_BLOB_VERSION
	.long	HYPSTUB_ABI_VERSION
	.quad	blob_region_end - blob_head
	.quad	stub_prepare_cpu - blob_head
	.quad	stub_enter_el1 - blob_head
	.quad	stub_vectors - blob_head
	.quad	stub_cpus_add - blob_head
	.quad	stub_cpus_end - blob_head
	.if	. - blob_head != HYPSTUB_BLOB_HEADER_SIZE
	.error	"blob header layout"
	.endif
