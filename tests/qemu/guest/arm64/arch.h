/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The conformance guest on AArch64: the register frame, the records the
 * assembly fills, the guest's own EL2 calls, and the numbers the shared
 * cases take from the architecture (guest.h includes this).
 */
#ifndef GUEST_ARCH_H
#define GUEST_ARCH_H

#define GUEST_ARCH_NAME		"AArch64"

/*
 * struct hvc_frame: x0..x30 then SP, as the call helpers load them before
 * the HVC and store them after it.
 */
#define FRAME_REGS		32
#define FRAME_X(n)		((n) * 8)
#define FRAME_SP		248
#define FRAME_SIZE		256

/*
 * struct soft_restart_record: what the SOFT_RESTART target saw at EL2.
 * The target writes it with plain aligned stores: the MMU is off at EL1
 * and EL2 alike, so both see the same memory with no cache maintenance
 * needed under QEMU.
 */
#define SRR_X0			0
#define SRR_X2			16
#define SRR_CURRENT_EL		32
#define SRR_SCTLR_EL2		40
#define SRR_DAIF		48
#define SRR_SPSEL		56
#define SRR_SP			64
#define SRR_RAN			72
#define SRR_SIZE		80

/* struct entry_record: the state the installer entered the guest in. */
#define ER_X0			0
#define ER_X2			16
#define ER_CURRENT_EL		32
#define ER_DAIF			40
#define ER_SPSEL		48
#define ER_SCTLR_EL1		56
#define ER_LOAD_ADDRESS		64
#define ER_SIZE			72

/*
 * struct secondary_record: what CPU 1 saw when the stub's PSCI proxy
 * started it (secondary.S), and what the stub answered it.  CPU 1 writes
 * it, CPU 0 reads it: both run with the MMU off, so plain stores and a
 * dsb are all the sharing needs.
 */
#define SEC_X0			0	/* x0..x3 at entry */
#define SEC_X2			16
#define SEC_CURRENT_EL		32
#define SEC_DAIF		40
#define SEC_SPSEL		48
#define SEC_SCTLR_EL1		56
#define SEC_MPIDR		64
#define SEC_ABI_VERSION		72	/* x0 of HYPSTUB_GET_ABI_VERSION */
#define SEC_VECTORS_X0		80	/* x0, x1 of HYPSTUB_GET_VECTORS */
#define SEC_VECTORS_X1		88
#define SEC_RAN			96	/* 1 once the above are written */
#define SEC_OFF_RETURNED	104	/* 1 if PSCI CPU_OFF returned... */
#define SEC_OFF_X0		112	/* ...with this x0 */
#define SEC_SIZE		120

/* The guest's own EL2 calls besides guest.h's WHOAMI and GIVE_BACK. */
#define GUEST_EL2_ICH_VTR	0xe22	/* x0 = 0, x1 = ICH_VTR_EL2 */
#define GUEST_EL2_READ_STATE	0xe23	/* x1 = GUEST_EL2_HAS_*, x2 = struct
					 * el2_state to fill; x0 = 0 */
#define GUEST_EL2_USE		0xe24	/* keep, then change, some EL2 regs */
#define GUEST_EL2_RESTORE	0xe25	/* put them back */
/* Any other number the guest's vectors pass on to the stub. */

/* GUEST_EL2_READ_STATE x1: the registers that exist only with a feature. */
#define GUEST_EL2_HAS_GICV3_BIT	0
#define GUEST_EL2_HAS_SVE_BIT	1
#define GUEST_EL2_HAS_SME_BIT	2
#define GUEST_EL2_HAS_FGT_BIT	3
#define GUEST_EL2_HAS_PMU_BIT	4
#define GUEST_EL2_HAS_PAUTH_BIT	5	/* not read: decides HCR_EL2 */
/* What GUEST_EL2_USE writes into TPIDR_EL2 and VTTBR_EL2. */
#define GUEST_EL2_MARKER	0x00000000cafe0000

/*
 * struct el2_state: the EL2 registers of docs/hyp-abi.rst's take-over
 * table, as the guest's EL2 code reads them while it owns EL2.
 */
#define ES_VBAR			0
#define ES_HCR			8
#define ES_SCTLR_EL2		16
#define ES_CPTR			24
#define ES_MDCR			32
#define ES_CNTHCTL		40
#define ES_CNTVOFF		48
#define ES_CNTHP_CTL		56
#define ES_VTTBR		64
#define ES_HSTR			72
#define ES_VPIDR		80
#define ES_VMPIDR		88
#define ES_MIDR			96
#define ES_MPIDR		104
#define ES_TPIDR		112
#define ES_SP			120
#define ES_PMCR			128
#define ES_ICC_SRE		136
#define ES_ICH_HCR		144
#define ES_ZCR			152
#define ES_SMCR			160
#define ES_HFGRTR		168
#define ES_HFGWTR		176
#define ES_HFGITR		184
#define ES_HDFGRTR		192
#define ES_HDFGWTR		200
#define ES_SIZE			208

/* SPSR_EL2 for the SOFT_RESTART target's return: EL1h, DAIF masked. */
#define GUEST_SPSR_EL1H_MASKED	0x3c5

/*
 * What the shared cases take from the architecture.  The stub operations
 * are SMC64 calls here; their SMC32 forms (the AArch32 ones) are refused.
 */
#define GUEST_GET_VECTORS	HYPSTUB_GET_VECTORS
#define GUEST_SET_VECTORS	HYPSTUB_SET_VECTORS
#define GUEST_SOFT_RESTART	HYPSTUB_SOFT_RESTART
#define GUEST_RESET_VECTORS	HYPSTUB_RESET_VECTORS
#define GUEST_OTHER_GET_VECTORS	HYPSTUB_GET_VECTORS32	/* SMC32 */
#define GUEST_OTHER_SET_VECTORS	HYPSTUB_SET_VECTORS32
#define GUEST_VECTORS_ALIGN	HYPSTUB_VECTORS_ALIGN
#define GUEST_PSCI_CPU_ON	PSCI_0_2_CPU_ON64
#define GUEST_PSCI_AFFINITY_INFO	PSCI_0_2_AFFINITY_INFO64
/* x0[63:32] exist and must be ignored; HVC_GET_ICH_VTR_EL2 is served. */
#define GUEST_UPPER_BITS	1
#define UPPER_BITS		0xffffffff00000000UL
#define GUEST_ICH_VTR_CALL	1
/* SMC64 IDs are served (AArch32 refuses them all). */
#define GUEST_SMC64_REFUSED	0
/* Addresses at and above 2^PA fit the register: refused as well. */
#define GUEST_BAD_PA_ADDRESSES	1
/* A pre-4.12 build serves the pre-4.12 numbers 0-3 (no address scheme). */
#define GUEST_PRE412_ADDRESS_SCHEME	0
#define GUEST_SENTINEL_BASE	0x5e5e000000000000UL
#define GUEST_RESTART_ARG_BASE	0x5a5a00000000a000UL
#define GUEST_SEQ_SHIFT		16
#define GUEST_CPU1_CONTEXT	0xc0de5ec0dec0de01UL
#define GUEST_MPIDR_AFFINITY_MASK	0xff00ffffffUL
/* What the stub runs in, for the case names. */
#define GUEST_EL2		"EL2"
#define GUEST_OP_SUFFIX		""
/*
 * The instructions of main.c's semihosting call and SMCs, their first
 * registers, and what an SMC to SMCCC 1.0 firmware may change.
 */
#define GUEST_REG0		"x0"
#define GUEST_REG1		"x1"
#define GUEST_REG2		"x2"
#define GUEST_REG3		"x3"
#define GUEST_SEMIHOSTING_INSN	"hlt #0xf000"
#define GUEST_SMC_INSN		"smc #0"
#define GUEST_SMC_CLOBBERS	"x4", "x5", "x6", "x7", "x8", "x9", "x10", \
				"x11", "x12", "x13", "x14", "x15", "x16", "x17"
#define GUEST_OTHER_FORM	"(SMC32)"

/* The cases of arm64/arch.c, where cases.c's lists take them. */
#define ARCH_ENTRY_CASES(X)						\
	X(case_entry_state, "entry state set by the installer")		\
	X(case_x0_upper_bits, "x0[63:32] ignored")
#define ARCH_EARLY_CASES(X)						\
	X(case_get_ich_vtr, "HVC_GET_ICH_VTR_EL2")
#define ARCH_OWNER_CASES(X)						\
	X(case_el2_register_table,					\
	  "EL2 registers as the take-over table says, before and after") \
	X(case_reset_vectors_passed_on,					\
	  "RESET_VECTORS passed on by the owner gives EL2 back")	\
	X(case_cpu_on_while_borrowed,					\
	  "PSCI CPU_ON passed on while CPU 0's EL2 is borrowed")

#ifndef __ASSEMBLER__

#define read_sysreg(reg) ({					\
	u64 __val;						\
	asm volatile("mrs %0, " #reg : "=r"(__val));		\
	__val;							\
})

struct soft_restart_record {
	u64 r[4];
	u64 current_el;
	u64 sctlr_el2;
	u64 daif;
	u64 spsel;
	u64 sp;
	u64 ran;
};

struct entry_record {
	u64 r[4];
	u64 current_el;
	u64 daif;
	u64 spsel;
	u64 sctlr_el1;
	u64 load_address;
};

struct secondary_record {
	u64 r[4];
	u64 current_el;
	u64 daif;
	u64 spsel;
	u64 sctlr_el1;
	u64 mpidr;
	u64 abi_version;
	u64 vectors_x0;
	u64 vectors_x1;
	u64 ran;
	u64 off_returned;
	u64 off_x0;
};

struct el2_state {
	u64 vbar, hcr, sctlr_el2, cptr, mdcr, cnthctl, cntvoff, cnthp_ctl;
	u64 vttbr, hstr, vpidr, vmpidr, midr, mpidr, tpidr, sp, pmcr;
	u64 icc_sre, ich_hcr, zcr, smcr;
	u64 hfgrtr, hfgwtr, hfgitr, hdfgrtr, hdfgwtr;
};


_Static_assert(__builtin_offsetof(struct soft_restart_record, r[2]) == SRR_X2,
	       "srr x2");
_Static_assert(__builtin_offsetof(struct soft_restart_record, current_el) ==
	       SRR_CURRENT_EL, "srr current_el");
_Static_assert(__builtin_offsetof(struct soft_restart_record, sctlr_el2) ==
	       SRR_SCTLR_EL2, "srr sctlr_el2");
_Static_assert(__builtin_offsetof(struct soft_restart_record, daif) ==
	       SRR_DAIF, "srr daif");
_Static_assert(__builtin_offsetof(struct soft_restart_record, spsel) ==
	       SRR_SPSEL, "srr spsel");
_Static_assert(__builtin_offsetof(struct soft_restart_record, sp) == SRR_SP,
	       "srr sp");
_Static_assert(__builtin_offsetof(struct soft_restart_record, ran) == SRR_RAN,
	       "srr ran");
_Static_assert(sizeof(struct soft_restart_record) == SRR_SIZE, "srr size");
_Static_assert(__builtin_offsetof(struct entry_record, r[2]) == ER_X2,
	       "er x2");
_Static_assert(__builtin_offsetof(struct entry_record, current_el) ==
	       ER_CURRENT_EL, "er current_el");
_Static_assert(__builtin_offsetof(struct entry_record, daif) == ER_DAIF,
	       "er daif");
_Static_assert(__builtin_offsetof(struct entry_record, spsel) == ER_SPSEL,
	       "er spsel");
_Static_assert(__builtin_offsetof(struct entry_record, sctlr_el1) ==
	       ER_SCTLR_EL1, "er sctlr_el1");
_Static_assert(__builtin_offsetof(struct entry_record, load_address) ==
	       ER_LOAD_ADDRESS, "er load_address");
_Static_assert(sizeof(struct entry_record) == ER_SIZE, "er size");
_Static_assert(__builtin_offsetof(struct secondary_record, r[2]) == SEC_X2,
	       "sec x2");
_Static_assert(__builtin_offsetof(struct secondary_record, current_el) ==
	       SEC_CURRENT_EL, "sec current_el");
_Static_assert(__builtin_offsetof(struct secondary_record, daif) == SEC_DAIF,
	       "sec daif");
_Static_assert(__builtin_offsetof(struct secondary_record, spsel) ==
	       SEC_SPSEL, "sec spsel");
_Static_assert(__builtin_offsetof(struct secondary_record, sctlr_el1) ==
	       SEC_SCTLR_EL1, "sec sctlr_el1");
_Static_assert(__builtin_offsetof(struct secondary_record, mpidr) ==
	       SEC_MPIDR, "sec mpidr");
_Static_assert(__builtin_offsetof(struct secondary_record, abi_version) ==
	       SEC_ABI_VERSION, "sec abi_version");
_Static_assert(__builtin_offsetof(struct secondary_record, vectors_x0) ==
	       SEC_VECTORS_X0, "sec vectors_x0");
_Static_assert(__builtin_offsetof(struct secondary_record, vectors_x1) ==
	       SEC_VECTORS_X1, "sec vectors_x1");
_Static_assert(__builtin_offsetof(struct secondary_record, ran) == SEC_RAN,
	       "sec ran");
_Static_assert(__builtin_offsetof(struct secondary_record, off_returned) ==
	       SEC_OFF_RETURNED, "sec off_returned");
_Static_assert(__builtin_offsetof(struct secondary_record, off_x0) ==
	       SEC_OFF_X0, "sec off_x0");
_Static_assert(sizeof(struct secondary_record) == SEC_SIZE, "sec size");
_Static_assert(__builtin_offsetof(struct el2_state, hcr) == ES_HCR, "es hcr");
_Static_assert(__builtin_offsetof(struct el2_state, sctlr_el2) == ES_SCTLR_EL2,
	       "es sctlr_el2");
_Static_assert(__builtin_offsetof(struct el2_state, mdcr) == ES_MDCR, "es mdcr");
_Static_assert(__builtin_offsetof(struct el2_state, cntvoff) == ES_CNTVOFF,
	       "es cntvoff");
_Static_assert(__builtin_offsetof(struct el2_state, vttbr) == ES_VTTBR,
	       "es vttbr");
_Static_assert(__builtin_offsetof(struct el2_state, vpidr) == ES_VPIDR,
	       "es vpidr");
_Static_assert(__builtin_offsetof(struct el2_state, midr) == ES_MIDR, "es midr");
_Static_assert(__builtin_offsetof(struct el2_state, tpidr) == ES_TPIDR,
	       "es tpidr");
_Static_assert(__builtin_offsetof(struct el2_state, pmcr) == ES_PMCR, "es pmcr");
_Static_assert(__builtin_offsetof(struct el2_state, icc_sre) == ES_ICC_SRE,
	       "es icc_sre");
_Static_assert(__builtin_offsetof(struct el2_state, zcr) == ES_ZCR, "es zcr");
_Static_assert(__builtin_offsetof(struct el2_state, smcr) == ES_SMCR, "es smcr");
_Static_assert(__builtin_offsetof(struct el2_state, hfgrtr) == ES_HFGRTR,
	       "es hfgrtr");
_Static_assert(__builtin_offsetof(struct el2_state, hfgitr) == ES_HFGITR,
	       "es hfgitr");
_Static_assert(__builtin_offsetof(struct el2_state, hdfgwtr) == ES_HDFGWTR,
	       "es hdfgwtr");
_Static_assert(sizeof(struct el2_state) == ES_SIZE, "es size");

#endif /* __ASSEMBLER__ */

#endif /* GUEST_ARCH_H */
