/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The AArch32 image head: a zImage-format header (Documentation/arm/
 * booting.rst), so that QEMU -kernel and U-Boot's bootz both enter it,
 * with r0 = 0, r1 = machine type, r2 = DTB, in HYP mode (where it installs
 * the stub on this CPU and goes on in SVC) or in SVC (where it looks for a
 * hypstub below).  Then the shared loader (boot/loader.c) in SVC.  As on
 * arm64 (boot/arm64/head.S), assembly only for what C cannot do.
 */
#include "abi/hypstub.h"
#include "boot/image.h"
#include "stub-asm.h"

	.syntax	unified
	.arch	armv7-a
	.arch_extension virt
	.arch_extension sec
	.arm

#define PSR_MODE_MASK	0x1f
#define PSR_MODE_SVC	0x13
#define PSR_MODE_HYP	0x1a
#define ZIMAGE_MAGIC	0x016f2818
#define ZIMAGE_LE	0x04030201
#define PSCI_SYSTEM_OFF	0x84000008

	.section .head, "ax"
	.globl	_start
_start:
	b	boot_entry
	.rept	8
	.long	0
	.endr
	.long	ZIMAGE_MAGIC			/* 0x24 */
	.long	0				/* 0x28: start: position independent */
	.long	0				/* 0x2c: end, set by make image */
	.long	ZIMAGE_LE			/* 0x30 */
	hypstub_info_block

	.section .boot.text, "ax"
boot_entry:
	cpsid	aif
	mov	r9, r2				/* DTB */
	adr	r3, boot_stack_offset
	ldr	r4, [r3]
	add	sp, r3, r4
	mrs	r0, cpsr
	and	r0, r0, #PSR_MODE_MASK
	cmp	r0, #PSR_MODE_SVC
	beq	boot_entered_svc
	cmp	r0, #PSR_MODE_HYP
	bne	boot_wrong_mode
	bl	stub_prepare_cpu		/* in HYP, on the boot stack */
	cmp	r0, #0
	beq	boot_no_slot
	/* stub_enter_el1(top, boot_svc_entry, DTB, 1, 0, 0): a0..a3 on the stack. */
	mov	r1, #0
	sub	sp, sp, #32
	str	r9, [sp, #0]
	str	r1, [sp, #4]
	mov	r2, #1				/* installed here */
	str	r2, [sp, #8]
	str	r1, [sp, #12]
	str	r1, [sp, #16]
	str	r1, [sp, #20]
	str	r1, [sp, #24]
	str	r1, [sp, #28]
	adr	r2, boot_svc_entry
	mov	r3, #0
	b	stub_enter_el1

boot_entered_svc:
	mov	r0, r9
	mov	r1, #0				/* nothing installed here */

	/*
	 * SVC, MMU off, A/I/F masked, r0 = DTB, r1 = 1 when the stub was
	 * just installed below us, 0 when the image was entered in SVC.
	 */
boot_svc_entry:
	adr	r3, boot_stack_offset
	ldr	r4, [r3]
	add	sp, r3, r4
	mov	r9, r0
	mov	r10, r1
	adr	r0, boot_image_offset		/* _start: linked at 0, the offset */
	ldr	r1, [r0]
	add	r0, r0, r1
	mov	r11, r0
	mov	r1, #0
	adr	r2, boot_rel_offsets
	ldr	r3, [r2, #4]
	add	r3, r2, r3			/* end */
	ldr	r12, [r2]
	add	r2, r2, r12			/* start */
	bl	boot_relocate
	cmp	r0, #0
	bne	boot_bad_relocation
	/* boot_main(dtb (r0:r1), image_base (r2:r3), installed (stack)) */
	sub	sp, sp, #8
	str	r10, [sp]
	mov	r0, r9
	mov	r1, #0
	mov	r2, r11				/* the image's base */
	mov	r3, #0
	bl	boot_main			/* enters the payload: no return */
boot_park_main:
	wfe
	b	boot_park_main

boot_bad_relocation:				/* r0 = why */
	bl	boot_fail
boot_park_relocation:
	wfe
	b	boot_park_relocation

	/* r0 = the mode; named as an exception level: 0 unless SVC or HYP. */
boot_wrong_mode:
	mov	r0, #0
	mov	r1, #0
	bl	boot_fail_wrong_el
boot_park_wrong_mode:
	wfe
	b	boot_park_wrong_mode

boot_no_slot:
	bl	boot_fail_no_slot
boot_park_no_slot:
	wfe
	b	boot_park_no_slot

/* PC-relative offsets: the loader's data is not relocated yet. */
boot_stack_offset:
	.long	boot_stack_top - boot_stack_offset
boot_image_offset:
	.long	_start - boot_image_offset
boot_rel_offsets:
	.long	boot_reloc_start - boot_rel_offsets
	.long	boot_reloc_end - boot_rel_offsets

/*
 * boot_enter_el1(entry, dtb): the kernel in SVC, r0 = 0, r1 = ~0 (no
 * machine type: the device tree says), r2 = DTB, as booting.rst says.
 * AAPCS: entry in r0:r1, dtb in r2:r3.
 */
	.globl	boot_enter_el1
	.type	boot_enter_el1, %function
boot_enter_el1:
	mov	r4, r0
	mov	r0, #0
	mvn	r1, #0
	bx	r4
	.size	boot_enter_el1, . - boot_enter_el1

/*
 * boot_soft_restart(entry, dtb): HYPSTUB_SOFT_RESTART32 to @entry in HYP
 * with r0 = 0, r1 = ~0, r2 = DTB (the call passes r2..r4 on as r0..r2).
 * Returns only if the stub refused (r0:r1 = its answer, zero-extended).
 */
	.globl	boot_soft_restart
	.type	boot_soft_restart, %function
boot_soft_restart:
	push	{r4, lr}
	mov	r4, r2
	mov	r1, r0
	ldr	r0, =HYPSTUB_SOFT_RESTART32
	mov	r2, #0
	mvn	r3, #0
	hvc	#0
	mov	r1, #0
	pop	{r4, pc}
	.size	boot_soft_restart, . - boot_soft_restart

/*
 * boot_hvc_probe(function_id, arg, out): hvc #0 in SVC with the probe
 * vectors below in VBAR, so that an HVC nothing in HYP answers (an
 * undefined instruction) comes back here as 0.  AAPCS: function_id in r0,
 * arg in r2:r3, out on the stack; out[0..3] get r0..r3 zero-extended.
 */
	.globl	boot_hvc_probe
	.type	boot_hvc_probe, %function
boot_hvc_probe:
	push	{r4-r6, lr}
	ldr	r6, [sp, #16]			/* out */
	mov	r5, #1				/* answered, unless trapped */
	adr	r4, boot_probe_vectors
	mcr	p15, 0, r4, c12, c0, 0		/* VBAR */
	isb
	mov	r1, r2
	mov	r2, #0
	mov	r3, #0
	hvc	#0
boot_hvc_probe_return:
	mov	r4, #0
	str	r0, [r6, #0]
	str	r4, [r6, #4]
	str	r1, [r6, #8]
	str	r4, [r6, #12]
	str	r2, [r6, #16]
	str	r4, [r6, #20]
	str	r3, [r6, #24]
	str	r4, [r6, #28]
	mov	r0, r5
	pop	{r4-r6, pc}
	.size	boot_hvc_probe, . - boot_hvc_probe

/*
 * boot_stub_rehome(entry, context): HYPSTUB_SOFT_RESTART32 to @entry in
 * HYP with r0 = @context; comes back in SVC at boot_stub_resume (the boot
 * CPU's slot entry in the stub's moved copy), which returns 0 from here
 * with the callee-saved registers and SP as they were.  Returns the
 * stub's answer if it refused.  AAPCS: entry in r0:r1, context in r2:r3.
 */
	.globl	boot_stub_rehome
	.type	boot_stub_rehome, %function
boot_stub_rehome:
	push	{r4-r11, lr}
	adr	r4, boot_rehome_sp_offset
	ldr	r5, [r4]
	str	sp, [r4, r5]
	mov	r1, r0				/* the entry */
	ldr	r0, =HYPSTUB_SOFT_RESTART32
	mov	r3, #0				/* r2: the context, passed as r0 */
	mov	r4, #0
	hvc	#0
	mov	r1, #0				/* refused: r0 its answer */
	pop	{r4-r11, pc}
	.size	boot_stub_rehome, . - boot_stub_rehome

	.globl	boot_stub_resume
	.type	boot_stub_resume, %function
boot_stub_resume:				/* SVC, A/I/F masked */
	adr	r4, boot_rehome_sp_offset
	ldr	r5, [r4]
	ldr	sp, [r4, r5]
	mov	r0, #0
	mov	r1, #0
	pop	{r4-r11, pc}
	.size	boot_stub_resume, . - boot_stub_resume
boot_rehome_sp_offset:
	.long	boot_rehome_sp - boot_rehome_sp_offset

/* boot_fdt_buffer(image_base): the first byte after the loader (8-aligned). */
	.globl	boot_fdt_buffer
	.type	boot_fdt_buffer, %function
boot_fdt_buffer:
	adr	r0, 1f
	ldr	r1, [r0]
	add	r0, r0, r1
	mov	r1, #0
	bx	lr
1:	.long	_end - 1b
	.size	boot_fdt_buffer, . - boot_fdt_buffer

/* boot_stub_start(): the first byte of the stub's resident region. */
	.globl	boot_stub_start
	.type	boot_stub_start, %function
boot_stub_start:
	adr	r0, 1f
	ldr	r1, [r0]
	add	r0, r0, r1
	mov	r1, #0
	bx	lr
1:	.long	stub_code_start - 1b
	.size	boot_stub_start, . - boot_stub_start

/* The payload never moves on AArch32, but the call is shared: no stale lines. */
	.globl	boot_sync_icache
	.type	boot_sync_icache, %function
boot_sync_icache:
	dsb	sy
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0		/* ICIALLU */
	dsb	sy
	isb
	bx	lr
	.size	boot_sync_icache, . - boot_sync_icache

/*
 * PSCI SYSTEM_OFF: with SMC (QEMU answers it from SVC and HYP, as EL3
 * firmware does), then through the stub with HVC.  If neither switches
 * the machine off, the CPU parks.
 */
	.globl	boot_system_off
	.type	boot_system_off, %function
boot_system_off:
	adr	r4, boot_off_vectors
	mcr	p15, 0, r4, c12, c0, 0		/* VBAR */
	isb
	ldr	r0, =PSCI_SYSTEM_OFF
	smc	#0
boot_system_off_hvc:
	ldr	r0, =PSCI_SYSTEM_OFF
	hvc	#0
boot_park_system_off:
	wfe
	b	boot_park_system_off
	.size	boot_system_off, . - boot_system_off

/* Only used while switching off: an undefined SMC retries with HVC. */
	.align	5
boot_off_vectors:
	.rept	8
	b	boot_system_off_hvc
	.endr

/* Only used by boot_hvc_probe: the HVC was undefined, say so and skip it. */
	.align	5
boot_probe_vectors:
	b	.				/* reset */
	mov	r5, #0				/* undefined: the HVC */
	movs	pc, lr
	b	.
	b	.
	b	.
	b	.
	b	.
	.ltorg

	.section .boot.stack, "aw"
	.align	2
boot_rehome_sp:				/* SP while the boot CPU is away */
	.long	0
	.align	4
boot_stack:
	.space	4096
boot_stack_top:

	.section .note.GNU-stack, "", %progbits
