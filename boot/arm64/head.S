/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Image entry.  Entered like a Linux kernel (booting.rst), MMU off, x0 =
 * DTB: at EL2, the only level the stub can be installed from, where the EL2
 * part only installs the stub on this CPU; or at EL1, where the loader
 * looks for a hypstub below to boot the payload above (boot_find_stub).
 * All loading happens at EL1.
 */
#include "abi/hypstub.h"
#include "boot/image.h"
#include "stub-asm.h"

	.section .head, "ax"
	.globl	_start
_start:
	b	boot_entry			/* code0 */
	.long	0				/* code1 */
	.quad	0				/* text_offset */
	.quad	0				/* image_size: set by make image */
	.quad	ARM64_IMAGE_FLAG_ANYWHERE	/* LE, page size unspecified */
	.quad	0, 0, 0
	.long	ARM64_IMAGE_MAGIC
	.long	0
	hypstub_info_block

	.section .boot.text, "ax"
boot_entry:
	msr	daifset, #0xf
	mov	x19, x0				/* DTB */
	msr	spsel, #1
	adr	x1, boot_stack_top
	mov	sp, x1
	mrs	x1, CurrentEL
	lsr	x0, x1, #2
	cmp	x0, #1
	b.eq	boot_entered_el1
	cmp	x0, #2
	b.ne	boot_wrong_el
	bl	stub_prepare_cpu		/* at EL2, on the boot stack */
	cbz	x0, boot_no_slot
	adr	x1, boot_el1_entry
	mov	x2, x19
	mov	x3, #1				/* installed here */
	mov	x4, xzr
	mov	x5, xzr
	b	stub_enter_el1

boot_entered_el1:
	mov	x0, x19
	mov	x1, xzr				/* nothing installed here */

	/*
	 * EL1h, MMU off, DAIF masked, x0 = DTB, x1 = 1 when the stub was just
	 * installed below us, 0 when the image was entered at EL1.
	 */
boot_el1_entry:
	adr	x2, boot_stack_top
	mov	sp, x2
	mov	x19, x0
	mov	x20, x1
	adr	x0, _start			/* linked at 0: the offset to apply */
	adrp	x1, boot_reloc_start
	add	x1, x1, :lo12:boot_reloc_start
	adrp	x2, boot_reloc_end
	add	x2, x2, :lo12:boot_reloc_end
	bl	boot_relocate
	cbnz	x0, boot_bad_relocation
	mov	x0, x19
	adr	x1, _start
	mov	x2, x20
	bl	boot_main			/* enters the payload: no return */
boot_park_main:
	wfe
	b	boot_park_main

boot_bad_relocation:				/* x0 = why */
	bl	boot_fail
boot_park_relocation:
	wfe
	b	boot_park_relocation

boot_wrong_el:					/* x0 = the EL we are at */
	bl	boot_fail_wrong_el
boot_park_wrong_el:
	wfe
	b	boot_park_wrong_el

boot_no_slot:
	bl	boot_fail_no_slot
boot_park_no_slot:
	wfe
	b	boot_park_no_slot

/* boot_enter_el1(entry, dtb): at EL1, x0 = DTB, x1..x3 = 0, as booting.rst says. */
	.globl	boot_enter_el1
	.type	boot_enter_el1, %function
boot_enter_el1:
	mov	x4, x0
	mov	x0, x1
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	br	x4
	.size	boot_enter_el1, . - boot_enter_el1

/*
 * boot_soft_restart(entry, dtb): HYPSTUB_SOFT_RESTART to @entry at EL2 with
 * x0 = DTB, x1..x3 = 0: the SMCCC form, the same in every numbering, since
 * the stub below may be another build's.  Returns only if the stub refused
 * (x0 = its answer).
 */
	.globl	boot_soft_restart
	.type	boot_soft_restart, %function
boot_soft_restart:
	mov	x2, x1
	mov	x1, x0
	ldr	w0, =HYPSTUB_SOFT_RESTART
	mov	x3, xzr
	mov	x4, xzr
	hvc	#0
	ret
	.size	boot_soft_restart, . - boot_soft_restart

/*
 * boot_hvc_probe(function_id, arg, out): hvc #0 at EL1 with the probe
 * vectors below installed, so that an HVC nothing at EL2 answers (no EL2,
 * or HCR_EL2.HCD set: an undefined instruction) comes back here as 0.
 * x19 and x20 survive any SMCCC version's callee; x4-x17 need not.
 */
	.globl	boot_hvc_probe
	.type	boot_hvc_probe, %function
boot_hvc_probe:
	stp	x19, x20, [sp, #-16]!
	mov	x19, x2				/* out */
	mov	x20, #1				/* answered, unless trapped */
	adr	x2, boot_probe_vectors
	msr	vbar_el1, x2
	isb
	mov	w0, w0
	mov	x2, xzr
	mov	x3, xzr
	hvc	#0
boot_hvc_probe_return:
	stp	x0, x1, [x19]
	stp	x2, x3, [x19, #16]
	mov	x0, x20
	ldp	x19, x20, [sp], #16
	ret
	.size	boot_hvc_probe, . - boot_hvc_probe

/* boot_fdt_buffer(image_base): the first byte after the loader (8-aligned). */
	.globl	boot_fdt_buffer
	.type	boot_fdt_buffer, %function
boot_fdt_buffer:
	adrp	x0, _end
	add	x0, x0, :lo12:_end
	ret
	.size	boot_fdt_buffer, . - boot_fdt_buffer

/* boot_stub_start(): the first byte of the stub's resident region. */
	.globl	boot_stub_start
	.type	boot_stub_start, %function
boot_stub_start:
	adrp	x0, stub_code_start
	add	x0, x0, :lo12:stub_code_start
	ret
	.size	boot_stub_start, . - boot_stub_start

/* After the payload moved: no stale instructions for it. */
	.globl	boot_sync_icache
	.type	boot_sync_icache, %function
boot_sync_icache:
	dsb	sy
	ic	iallu
	dsb	sy
	isb
	ret
	.size	boot_sync_icache, . - boot_sync_icache

/*
 * PSCI SYSTEM_OFF.  The conduit is SMC above the stub (and wherever EL3
 * firmware exists); where SMC is UNDEFINED at EL1 (no EL3, e.g. QEMU
 * without virtualization), the EL1 vectors below retry with HVC.  If
 * neither switches the machine off, the CPU parks: never runs on.
 */
#define PSCI_SYSTEM_OFF	0x84000008
	.globl	boot_system_off
	.type	boot_system_off, %function
boot_system_off:
	mrs	x1, CurrentEL
	cmp	x1, #(1 << 2)
	b.ne	1f
	adr	x1, boot_el1_vectors
	msr	vbar_el1, x1
	isb
1:	mov	x9, #0				/* x9: 0 while trying SMC */
	ldr	w0, =PSCI_SYSTEM_OFF
	smc	#0
boot_system_off_hvc:
	mov	x9, #1
	ldr	w0, =PSCI_SYSTEM_OFF
	hvc	#0
boot_park_system_off:
	wfe
	b	boot_park_system_off
	.size	boot_system_off, . - boot_system_off

/* Only used while switching off: any exception retries with HVC, once. */
	.align	11
boot_el1_vectors:
	.rept	16
	.align	7
	cbz	x9, boot_system_off_hvc
	b	boot_park_system_off
	.endr

/* Only used by boot_hvc_probe: the HVC trapped, say so and skip it. */
	.align	11
boot_probe_vectors:
	.rept	16
	.align	7
	mov	x20, #0
	adr	x9, boot_hvc_probe_return
	msr	elr_el1, x9
	eret
	.endr
	.ltorg

	.section .boot.stack, "aw"
	.align	4
boot_stack:
	.space	4096
boot_stack_top:
