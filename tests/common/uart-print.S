/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Console output for the single-file test payloads (tests/bench/bench.S,
 * tests/boot/fault.S), included into their text.  QEMU virt's PL011; leaf
 * routines that need no stack and clobber only x0 and x9..x13.
 */
#define TEST_UART	0x09000000

print_str:					/* x0 = NUL-terminated string */
	mov	x9, #TEST_UART
91:	ldrb	w10, [x0], #1
	cbz	w10, 92f
	str	w10, [x9]
	b	91b
92:	ret

print_hex:					/* x0, as 16 hex digits and newline */
	mov	x9, #TEST_UART
	mov	x11, #60
93:	lsr	x10, x0, x11
	and	x10, x10, #0xf
	cmp	x10, #10
	add	x12, x10, #'0'
	add	x13, x10, #('a' - 10)
	csel	x10, x12, x13, lo
	str	w10, [x9]
	subs	x11, x11, #4
	b.pl	93b
	mov	w10, #'\n'
	str	w10, [x9]
	ret
