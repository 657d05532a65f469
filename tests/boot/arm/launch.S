/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * AArch32 launcher for the loader's device-tree bad-input tests (the A32
 * form of tests/boot/launch.S).  QEMU boots it with -kernel, in HYP mode
 * (virtualization=on), and loads the hypstub image and a hand-made device
 * tree with -device loader; the launcher enters the image as a bootloader
 * would, in HYP with r0 = 0, r1 = ~0 (no machine type) and r2 = that
 * device tree (Documentation/arm/booting.rst).  The two addresses are the
 * words at launch_params, which tests/boot/run-bad-input.sh patches into
 * a copy of this file.
 */
	.syntax	unified
	.arch	armv7-a
	.arm

	.text
	.globl	_start
_start:
	b	launch

	.align	3
	.globl	launch_params
launch_params:					/* offset 0x8 */
	.long	0				/* device tree address */
	.long	0				/* image address */

launch:
	adr	r3, launch_params
	ldm	r3, {r2, r3}
	mov	r0, #0
	mvn	r1, #0
	bx	r3
