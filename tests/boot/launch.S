/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Launcher for the loader's device-tree bad-input tests.  QEMU boots it
 * with -kernel (at EL2, x0 = QEMU's own device tree) and loads the hypstub
 * image and a hand-made device tree with -device loader; the launcher
 * enters the image as a bootloader would, with x0 = that device tree.
 * The two addresses are the quads at launch_params, which
 * tests/boot/run-bad-input.sh patches into a copy of this file.
 */
	.text
	.globl	_start
_start:
	b	1f
	.long	0
	.quad	0, launch_end - _start, 0x8, 0, 0, 0
	.long	0x644d5241, 0
1:	adr	x2, launch_params
	ldp	x0, x3, [x2]			/* device tree, image */
	mov	x1, xzr
	mov	x2, xzr
	br	x3

	.align	3
	.globl	launch_params
launch_params:					/* offset 0x58 */
	.quad	0				/* device tree address */
	.quad	0				/* image address */
launch_end:
