/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Conformance guest entry: the arm64 Image header, the entry code and the
 * EL1 vectors.
 *
 * Contract on entry (docs/hyp-abi.rst, "State the payload is entered in"):
 * EL1h, DAIF masked, MMU and caches off, x0 = DTB, x1..x3 = 0, PC = the
 * first byte of the header, hypstub resident at EL2.  The guest runs
 * wherever it was placed: every address is formed PC-relatively.
 */
#include "guest.h"

	.section .head.text, "ax"
	/* Documentation/arm64/booting.rst header, 64 bytes. */
	b	guest_entry			/* code0 */
	.long	0				/* code1 */
	.quad	0				/* text_offset */
	/*
	 * image_size, including bss and stacks.  A linker constant, not an
	 * address: split in two 32-bit halves as Linux does, so no 64-bit
	 * absolute relocation is needed.
	 */
	.long	guest_image_size
	.long	0
	.quad	0x8				/* flags: LE, any 2 MiB base */
	.quad	0				/* res2 */
	.quad	0				/* res3 */
	.quad	0				/* res4 */
	.ascii	"ARM\x64"			/* magic */
	.long	0				/* res5 */

	.text
	.type	guest_entry, %function
guest_entry:
	/*
	 * bss is not part of the file: clear it before anything is stored
	 * there.  Only x9..x11 are used, so x0..x3 and PSTATE still hold
	 * what the installer handed over.  Both bounds are 16-byte aligned
	 * (linker script), and stores stay aligned: memory is Device-nGnRnE
	 * with the MMU off.
	 */
	adrp	x9, guest_bss_start
	add	x9, x9, :lo12:guest_bss_start
	adrp	x10, guest_image_end
	add	x10, x10, :lo12:guest_image_end
1:	cmp	x9, x10
	b.hs	2f
	stp	xzr, xzr, [x9], #16
	b	1b

2:	adrp	x9, guest_entry_record
	add	x9, x9, :lo12:guest_entry_record
	stp	x0, x1, [x9, #ER_X0]
	stp	x2, x3, [x9, #ER_X2]
	mrs	x10, CurrentEL
	str	x10, [x9, #ER_CURRENT_EL]
	mrs	x10, daif
	str	x10, [x9, #ER_DAIF]
	mrs	x10, spsel
	str	x10, [x9, #ER_SPSEL]
	mrs	x10, sctlr_el1
	str	x10, [x9, #ER_SCTLR_EL1]
	adr	x10, guest_image_start
	str	x10, [x9, #ER_LOAD_ADDRESS]

	adrp	x9, guest_stack_top
	add	x9, x9, :lo12:guest_stack_top
	mov	sp, x9

	/* Any EL1 exception is a bug somewhere: report it, never resume. */
	adrp	x9, guest_el1_vectors
	add	x9, x9, :lo12:guest_el1_vectors
	msr	vbar_el1, x9
	isb

	bl	guest_main
3:	wfi
	b	3b
	.size	guest_entry, . - guest_entry

/*
 * EL1 vectors.  An exception may arrive while the call helper has SP
 * loaded with a sentinel, so the handler never uses the interrupted SP: it
 * switches to its own stack and reports.  Each vector has its own slot
 * index so the report says which one was taken.
 */
	.macro	el1_unexpected index
	.balign	0x80
	mov	x1, #\index
	b	guest_el1_unexpected
	.endm

	.balign	0x800
	.globl	guest_el1_vectors
guest_el1_vectors:
	.irp	index, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	el1_unexpected \index
	.endr

guest_el1_unexpected:
	adrp	x9, guest_el1_exception_stack_top
	add	x9, x9, :lo12:guest_el1_exception_stack_top
	mov	sp, x9
	mov	x0, #1
	mrs	x2, esr_el1
	mrs	x3, elr_el1
	mrs	x4, far_el1
	mrs	x5, spsr_el1
	bl	guest_unexpected_exception
1:	wfi
	b	1b

	.bss
	.balign	16
	.globl	guest_entry_record
guest_entry_record:
	.skip	ER_SIZE

	.balign	16
	.skip	GUEST_STACK_SIZE
guest_stack_top:
	.skip	GUEST_EXCEPTION_STACK_SIZE
guest_el1_exception_stack_top:
