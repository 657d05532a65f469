/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * hypstub ABI: the one definition of every number in the contract between
 * the EL2 stub and whoever calls it (bootloader, kernel, hypervisor).
 *
 * docs/hyp-abi.rst is the specification; tests/abi/freeze.c spells every
 * value below out literally, and tests/abi/check-doc.py keeps the document
 * and this header in step.  Never renumber a published value: add a new one,
 * bump HYPSTUB_ABI_VERSION_MINOR, and record it in the document's history.
 *
 * The shared part holds macros only, usable from assembly and C, with no
 * includes.  C-only helpers sit behind __ASSEMBLER__ at the end.
 */
#ifndef HYPSTUB_ABI_H
#define HYPSTUB_ABI_H

#ifdef __ASSEMBLER__
#define HYPSTUB_U(x)	(x)
#define HYPSTUB_UL(x)	(x)
#else
#define HYPSTUB_U(x)	(x##U)
#define HYPSTUB_UL(x)	(x##UL)
#endif

/* ABI version: major << 16 | minor, as SMCCC encodes its own version. */
#define HYPSTUB_ABI_VERSION_MAJOR	HYPSTUB_U(1)
#define HYPSTUB_ABI_VERSION_MINOR	HYPSTUB_U(5)
#define HYPSTUB_ABI_VERSION \
	((HYPSTUB_ABI_VERSION_MAJOR << 16) | HYPSTUB_ABI_VERSION_MINOR)

/*
 * Legacy hyp-stub calls: `hvc #0`, stub number in w0, at Linux's current
 * numbers (arch/arm64/include/asm/virt.h): 0-2 since v4.12, 3 added as
 * HVC_VHE_RESTART and renamed HVC_FINALISE_EL2 in v5.18, 4 in late 2025.
 */
#define HVC_SET_VECTORS		HYPSTUB_U(0)
#define HVC_SOFT_RESTART	HYPSTUB_U(1)
#define HVC_RESET_VECTORS	HYPSTUB_U(2)
#define HVC_FINALISE_EL2	HYPSTUB_U(3)
#define HVC_GET_ICH_VTR_EL2	HYPSTUB_U(4)

/*
 * Pre-v4.12 numbering, served instead of the above only in a build with
 * CONFIG_HYPSTUB_LEGACY_PRE_4_12 (GET_CONFIG reports which one is live).
 */
#define HVC_PRE412_GET_VECTORS		HYPSTUB_U(0)
#define HVC_PRE412_SET_VECTORS		HYPSTUB_U(1)
#define HVC_PRE412_SOFT_RESTART		HYPSTUB_U(2)
#define HVC_PRE412_RESET_VECTORS	HYPSTUB_U(3)

/*
 * Since 1.5: the same option on AArch32 serves Linux arm's scheme before
 * v4.12, which had no numbers: r0 = this value reads HVBAR into r0; any r0
 * with bit 31 clear (not an SMCCC fast call) is the new HVBAR itself.
 */
#define HVC_PRE412_AARCH32_GET_VECTORS	HYPSTUB_U(0xffffffff)

/* Answer to a stub number the stub does not implement (legacy path). */
#define HVC_STUB_ERR		HYPSTUB_U(0xbadca11)

/*
 * w0 below this is a legacy stub number; SMCCC reserves yielding IDs
 * 0x00000000-0x00ffffff for pre-existing APIs, which is what these are.
 */
#define HYPSTUB_LEGACY_LIMIT	HYPSTUB_U(0x01000000)

/* SMCCC function ID fields (Arm DEN0028). */
#define SMCCC_FAST_CALL		HYPSTUB_U(1)
#define SMCCC_YIELD_CALL	HYPSTUB_U(0)
#define SMCCC_SMC32		HYPSTUB_U(0)
#define SMCCC_SMC64		HYPSTUB_U(1)
#define SMCCC_TYPE_SHIFT	31
#define SMCCC_CC_SHIFT		30
#define SMCCC_OWNER_SHIFT	24
#define SMCCC_OWNER_MASK	HYPSTUB_U(0x3f)
#define SMCCC_FUNC_MASK		HYPSTUB_U(0xffff)
/* Bits 23:17 of a fast call must be zero; bit 16 is the SMCCC 1.3 SVE hint. */
#define SMCCC_FAST_RESERVED_MASK	HYPSTUB_U(0x00fe0000)
#define SMCCC_SVE_HINT		HYPSTUB_U(0x00010000)

#define SMCCC_CALL_VAL(type, cc, owner, func) \
	(((type) << SMCCC_TYPE_SHIFT) | ((cc) << SMCCC_CC_SHIFT) | \
	 (((owner) & SMCCC_OWNER_MASK) << SMCCC_OWNER_SHIFT) | \
	 ((func) & SMCCC_FUNC_MASK))

#define SMCCC_OWNER_ARCH		HYPSTUB_U(0)
#define SMCCC_OWNER_STANDARD		HYPSTUB_U(4)
#define SMCCC_OWNER_STANDARD_HYP	HYPSTUB_U(5)
#define SMCCC_OWNER_VENDOR_HYP		HYPSTUB_U(6)

/* SMCCC results, sign-extended to 64 bits in x0. */
#define SMCCC_RET_SUCCESS		0
#define SMCCC_RET_NOT_SUPPORTED		(-1)
#define SMCCC_RET_NOT_REQUIRED		(-2)
#define SMCCC_RET_INVALID_PARAMETER	(-3)

/*
 * The SMCCC version this stub follows (1.1: x4-x17 preserved), and since
 * ABI 1.3 the one it follows above firmware of SMCCC 1.2 or later with the
 * PSCI proxy (1.2: a forwarded call's x1-x17 in, x0-x17 out); since ABI
 * 1.4 decided when the stub is installed, not at the first SMCCC_VERSION.
 */
#define HYPSTUB_SMCCC_VERSION	HYPSTUB_U(0x10001)
#define HYPSTUB_SMCCC_VERSION_1_2	HYPSTUB_U(0x10002)

/* Arm Architecture Service. */
#define SMCCC_VERSION \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_ARCH, 0x0000)
#define SMCCC_ARCH_FEATURES \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_ARCH, 0x0001)

/* General queries every service answers (function numbers). */
#define SMCCC_FUNC_CALL_COUNT	HYPSTUB_U(0xff00)
#define SMCCC_FUNC_CALL_UID	HYPSTUB_U(0xff01)
#define SMCCC_FUNC_REVISION	HYPSTUB_U(0xff03)

/* Standard Hypervisor Service: the general queries only. */
#define HYPSTUB_STD_HYP_CALL_COUNT \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_STANDARD_HYP, \
		       SMCCC_FUNC_CALL_COUNT)
#define HYPSTUB_STD_HYP_UID \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_STANDARD_HYP, \
		       SMCCC_FUNC_CALL_UID)
#define HYPSTUB_STD_HYP_REVISION \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_STANDARD_HYP, \
		       SMCCC_FUNC_REVISION)

/* hypstub's Vendor Specific Hypervisor Service (owner 6). */
#define HYPSTUB_VENDOR_CALL_COUNT \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_VENDOR_HYP, \
		       SMCCC_FUNC_CALL_COUNT)
#define HYPSTUB_VENDOR_UID \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_VENDOR_HYP, \
		       SMCCC_FUNC_CALL_UID)
#define HYPSTUB_VENDOR_REVISION \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_VENDOR_HYP, \
		       SMCCC_FUNC_REVISION)

/* Discovery, modelled on the RISC-V SBI base extension. */
#define HYPSTUB_GET_ABI_VERSION \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_VENDOR_HYP, 0x0000)
#define HYPSTUB_PROBE \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_VENDOR_HYP, 0x0001)
#define HYPSTUB_GET_CONFIG \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_VENDOR_HYP, 0x0002)

/* The stub operations as SMC64 fast calls. */
#define HYPSTUB_GET_VECTORS \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC64, SMCCC_OWNER_VENDOR_HYP, 0x0010)
#define HYPSTUB_SET_VECTORS \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC64, SMCCC_OWNER_VENDOR_HYP, 0x0011)
#define HYPSTUB_SOFT_RESTART \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC64, SMCCC_OWNER_VENDOR_HYP, 0x0012)
#define HYPSTUB_RESET_VECTORS \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC64, SMCCC_OWNER_VENDOR_HYP, 0x0013)

/*
 * Since 1.4: the same operations as SMC32 fast calls, for an AArch32
 * caller (a kernel in SVC above the stub in HYP mode), which may not make
 * SMC64 calls.  The AArch64 stub does not serve them.
 */
#define HYPSTUB_GET_VECTORS32 \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_VENDOR_HYP, 0x0010)
#define HYPSTUB_SET_VECTORS32 \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_VENDOR_HYP, 0x0011)
#define HYPSTUB_SOFT_RESTART32 \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_VENDOR_HYP, 0x0012)
#define HYPSTUB_RESET_VECTORS32 \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_VENDOR_HYP, 0x0013)

/* GET_CONFIG x1 flags: which optional parts this build has. */
#define HYPSTUB_CONFIG_LEGACY_PRE_4_12	HYPSTUB_UL(0x1)
#define HYPSTUB_CONFIG_DEBUG_UART	HYPSTUB_UL(0x2)
#define HYPSTUB_CONFIG_PSCI_PROXY	HYPSTUB_UL(0x4)	/* since 1.1 */

/*
 * UID 924ceac0-c2e1-4590-9cc3-8834b8e344ff, generated once for hypstub,
 * returned as SMCCC returns a UID: four 32-bit words in w0..w3, each the
 * little-endian reading of four bytes of the UUID in order.
 */
#define HYPSTUB_UID_0	HYPSTUB_U(0xc0ea4c92)
#define HYPSTUB_UID_1	HYPSTUB_U(0x9045e1c2)
#define HYPSTUB_UID_2	HYPSTUB_U(0x3488c39c)
#define HYPSTUB_UID_3	HYPSTUB_U(0xff44e3b8)

/* SET_VECTORS: a vector table is 2 KiB aligned.  SOFT_RESTART: 4-byte entry. */
#define HYPSTUB_VECTORS_ALIGN	HYPSTUB_U(0x800)
/* Since 1.4: on AArch32, HVBAR's alignment (32 bytes). */
#define HYPSTUB_VECTORS_ALIGN_AARCH32	HYPSTUB_U(0x20)
#define HYPSTUB_ENTRY_ALIGN	HYPSTUB_U(0x4)

/*
 * Since 1.2: the pass-on entry, this far into the stub's own vector table
 * (the VBAR_EL2 value HYPSTUB_GET_VECTORS reports while the stub owns
 * EL2).  An owner that has borrowed EL2 branches there, with the caller's
 * x30 stored at SP_EL2 - 8, to have the stub serve an HVC it does not
 * serve itself (docs/hyp-abi.rst, "Passing a call on to the stub").
 */
#define HYPSTUB_PASS_ON_OFFSET	HYPSTUB_U(0x3fc)

/*
 * Since 1.5: the same on AArch32, where it is the stub's own Hyp Trap
 * entry: the owner branches there with every register as the HVC left
 * them (a PC-relative `ldr pc` needs none), docs/hyp-abi.rst, "AArch32".
 */
#define HYPSTUB_PASS_ON_OFFSET_AARCH32	HYPSTUB_U(0x14)

#ifndef __ASSEMBLER__
/* C-only helpers. */
static inline unsigned int hypstub_smccc_owner(unsigned int function_id)
{
	return (function_id >> SMCCC_OWNER_SHIFT) & SMCCC_OWNER_MASK;
}

static inline int hypstub_smccc_is_fast(unsigned int function_id)
{
	return (function_id >> SMCCC_TYPE_SHIFT) & 1U;
}
#endif /* __ASSEMBLER__ */

#endif /* HYPSTUB_ABI_H */
