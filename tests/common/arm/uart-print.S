/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console output for the AArch32 single-file test payloads
 * (tests/bench/arm/bench.S), included into their text: the A32 form of
 * tests/common/uart-print.S.  QEMU virt's PL011; leaf routines that need
 * no stack and clobber only r0, r1 and r9..r12.
 */
#define TEST_UART	0x09000000

print_str:					/* r0 = NUL-terminated string */
	movw	r9, #(TEST_UART & 0xffff)
	movt	r9, #(TEST_UART >> 16)
91:	ldrb	r10, [r0], #1
	cmp	r10, #0
	bxeq	lr
	str	r10, [r9]
	b	91b

print_hex:				/* r1:r0, as 16 hex digits and newline */
	movw	r9, #(TEST_UART & 0xffff)
	movt	r9, #(TEST_UART >> 16)
	mov	r12, r0
	mov	r0, r1
	mov	r11, #2
94:	mov	r10, #28
93:	lsr	r1, r0, r10
	and	r1, r1, #0xf
	cmp	r1, #10
	addlo	r1, r1, #'0'
	addhs	r1, r1, #('a' - 10)
	str	r1, [r9]
	subs	r10, r10, #4
	bpl	93b
	mov	r0, r12
	subs	r11, r11, #1
	bne	94b
	mov	r1, #'\n'
	str	r1, [r9]
	bx	lr
