/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The conformance guest on AArch32 (ARMv7 with the Virtualization
 * Extensions, the guest in SVC above the stub in HYP): the register frame,
 * the records the assembly fills, the guest's own HYP calls, and the
 * numbers the shared cases take from the architecture (guest.h includes
 * this).
 */
#ifndef GUEST_ARCH_H
#define GUEST_ARCH_H

#define GUEST_ARCH_NAME		"AArch32"

/*
 * struct hvc_frame: r0..r14 of SVC (r13 = SP_svc, r14 = LR_svc), then the
 * banked registers of every other mode in FRAME_BANKED's order, then
 * SPSR_svc and CPSR, as arm/hvc.S loads them before the HVC and stores
 * them after it.  LR_usr matters most: HYP mode has no LR of its own and
 * uses the USR/SYS r14.
 */
#define FRAME_REGS		36
#define FRAME_R(n)		((n) * 4)
#define FRAME_SP		FRAME_R(13)
#define FRAME_LR		FRAME_R(14)
#define FRAME_BANKED_FIRST	15
#define FRAME_BANKED		SP_usr, LR_usr, SP_abt, LR_abt, SPSR_abt, \
				SP_und, LR_und, SPSR_und, SP_irq, LR_irq, \
				SPSR_irq, r8_fiq, r9_fiq, r10_fiq, r11_fiq, \
				r12_fiq, SP_fiq, LR_fiq, SPSR_fiq
#define FRAME_SPSR_SVC		FRAME_R(34)
#define FRAME_CPSR		FRAME_R(35)
#define FRAME_SIZE		FRAME_R(36)
/* The frame's SPSRs and CPSR: arch_fill_frame() keeps them valid. */
#define FRAME_IS_SPSR(n)	((n) == 19 || (n) == 22 || (n) == 25 || \
				 (n) == 33 || (n) == 34)
#define FRAME_CPSR_INDEX	35

/* struct soft_restart_record: what the SOFT_RESTART target saw in HYP. */
#define SRR_R0			0
#define SRR_CPSR		16
#define SRR_HSCTLR		20
#define SRR_SP			24
#define SRR_RAN			28
#define SRR_SIZE		32

/* struct entry_record: the state the loader entered the guest in. */
#define ER_R0			0
#define ER_CPSR			16
#define ER_SCTLR		20
#define ER_LOAD_ADDRESS		24
#define ER_SIZE			28

/*
 * struct secondary_record: what CPU 1 saw when the stub's PSCI proxy
 * started it (arm/secondary.S), and what the stub answered it.
 */
#define SEC_R0			0	/* r0..r3 at entry */
#define SEC_CPSR		16
#define SEC_SCTLR		20
#define SEC_MPIDR		24
#define SEC_ABI_VERSION		28	/* r0 of HYPSTUB_GET_ABI_VERSION */
#define SEC_VECTORS_X0		32	/* r0, r1 of GET_VECTORS32 */
#define SEC_VECTORS_X1		36
#define SEC_RAN			40	/* 1 once the above are written */
#define SEC_OFF_RETURNED	44	/* 1 if PSCI CPU_OFF returned... */
#define SEC_OFF_X0		48	/* ...with this r0 */
#define SEC_SIZE		52

/*
 * The guest's own HYP calls besides guest.h's WHOAMI (r1 = CPSR, r2 = HSR,
 * r3 = HVBAR, r4 = SP_hyp) and GIVE_BACK.
 */
#define GUEST_EL2_READ_STATE	0xe23	/* r2 = struct hyp_state to fill */

/* struct hyp_state: the HYP registers the installer programs. */
#define HS_HVBAR		0
#define HS_HCR			4
#define HS_HCPTR		8
#define HS_HSTR			12
#define HS_HSCTLR		16
#define HS_HDCR			20
#define HS_CNTHCTL		24
#define HS_VPIDR		28
#define HS_VMPIDR		32
#define HS_MIDR			36
#define HS_MPIDR		40
#define HS_SP			44
#define HS_SIZE			48

#define PSR_MODE_MASK		0x1f
#define PSR_MODE_SVC		0x13
#define PSR_MODE_HYP		0x1a
#define PSR_T			0x20
#define PSR_F			0x40
#define PSR_I			0x80
#define PSR_A			0x100
/* SPSR_hyp for the SOFT_RESTART target's return: SVC, A/I/F masked. */
#define GUEST_SPSR_SVC_MASKED	(PSR_A | PSR_I | PSR_F | PSR_MODE_SVC)

/*
 * What the shared cases take from the architecture.  The stub operations
 * are the SMC32 forms here (ABI 1.4); every SMC64 ID answers -1.
 */
#define GUEST_GET_VECTORS	HYPSTUB_GET_VECTORS32
#define GUEST_SET_VECTORS	HYPSTUB_SET_VECTORS32
#define GUEST_SOFT_RESTART	HYPSTUB_SOFT_RESTART32
#define GUEST_RESET_VECTORS	HYPSTUB_RESET_VECTORS32
#define GUEST_OTHER_GET_VECTORS	HYPSTUB_GET_VECTORS	/* SMC64 */
#define GUEST_OTHER_SET_VECTORS	HYPSTUB_SET_VECTORS
#define GUEST_VECTORS_ALIGN	HYPSTUB_VECTORS_ALIGN_AARCH32
#define GUEST_PSCI_CPU_ON	PSCI_0_2_CPU_ON32
#define GUEST_PSCI_AFFINITY_INFO	PSCI_0_2_AFFINITY_INFO32
/* No upper register half; number 4 is not served on AArch32. */
#define GUEST_UPPER_BITS	0
#define GUEST_ICH_VTR_CALL	0
#define GUEST_SMC64_REFUSED	1
/* Every 32-bit address is in the PA's reach. */
#define GUEST_BAD_PA_ADDRESSES	0
/*
 * A pre-4.12 build (GET_CONFIG) serves Linux arm's pre-4.12 scheme here,
 * not arm64's pre-4.12 numbers: r0 = -1 reads HVBAR into r0, an r0 with
 * bit 31 clear is the new HVBAR (docs/hyp-abi.rst, "Pre-4.12 numbering").
 */
#define GUEST_PRE412_ADDRESS_SCHEME	1
#define GUEST_SENTINEL_BASE	0x5e000000UL
#define GUEST_RESTART_ARG_BASE	0x5a000000UL
#define GUEST_SEQ_SHIFT		8
#define GUEST_CPU1_CONTEXT	0xc0de5e01UL
#define GUEST_MPIDR_AFFINITY_MASK	0xffffffUL
/* What the stub runs in, for the case names. */
#define GUEST_EL2		"HYP"
#define GUEST_OP_SUFFIX		"32"
/*
 * The instructions of main.c's semihosting call (ARM state; QEMU takes it
 * before it is an exception) and SMCs, their first registers, and what an
 * SMC may change besides r0..r3.
 */
#define GUEST_REG0		"r0"
#define GUEST_REG1		"r1"
#define GUEST_REG2		"r2"
#define GUEST_REG3		"r3"
#define GUEST_SEMIHOSTING_INSN	"svc #0x123456"
#define GUEST_SMC_INSN		".arch_extension sec\n\tsmc #0"
#define GUEST_SMC_CLOBBERS	"ip"
#define GUEST_OTHER_FORM	"(SMC64)"

/* The cases of arm/arch.c, where cases.c's lists take them. */
#define ARCH_ENTRY_CASES(X)						\
	X(case_entry_state, "entry state set by the loader")
#define ARCH_EARLY_CASES(X)						\
	X(case_smc64_refused, "every SMC64 ID answers -1 from AArch32")
#define ARCH_OWNER_CASES(X)						\
	X(case_hyp_registers, "HYP registers as the installer programs them")

#ifdef __ASSEMBLER__
	/*
	 * \reg = the address of \sym, PC-relatively, with \reg alone: the
	 * offset is a link-time constant next to the code.
	 */
	.macro	adr_far reg, sym
	ldr	\reg, 88801f
88800:	add	\reg, pc, \reg
	b	88802f
88801:	.word	\sym - (88800b + 8)
88802:
	.endm
#else

struct soft_restart_record {
	u32 r[4];
	u32 cpsr;
	u32 hsctlr;
	u32 sp;
	u32 ran;
};

struct entry_record {
	u32 r[4];
	u32 cpsr;
	u32 sctlr;
	u32 load_address;
};

struct secondary_record {
	u32 r[4];
	u32 cpsr;
	u32 sctlr;
	u32 mpidr;
	u32 abi_version;
	u32 vectors_x0;
	u32 vectors_x1;
	u32 ran;
	u32 off_returned;
	u32 off_x0;
};

struct hyp_state {
	u32 hvbar, hcr, hcptr, hstr, hsctlr, hdcr, cnthctl, vpidr, vmpidr;
	u32 midr, mpidr, sp;
};

_Static_assert(__builtin_offsetof(struct soft_restart_record, cpsr) ==
	       SRR_CPSR, "srr cpsr");
_Static_assert(__builtin_offsetof(struct soft_restart_record, ran) == SRR_RAN,
	       "srr ran");
_Static_assert(sizeof(struct soft_restart_record) == SRR_SIZE, "srr size");
_Static_assert(__builtin_offsetof(struct entry_record, load_address) ==
	       ER_LOAD_ADDRESS, "er load_address");
_Static_assert(sizeof(struct entry_record) == ER_SIZE, "er size");
_Static_assert(__builtin_offsetof(struct secondary_record, mpidr) ==
	       SEC_MPIDR, "sec mpidr");
_Static_assert(__builtin_offsetof(struct secondary_record, ran) == SEC_RAN,
	       "sec ran");
_Static_assert(sizeof(struct secondary_record) == SEC_SIZE, "sec size");
_Static_assert(__builtin_offsetof(struct hyp_state, midr) == HS_MIDR,
	       "hs midr");
_Static_assert(sizeof(struct hyp_state) == HS_SIZE, "hs size");

#endif /* __ASSEMBLER__ */

#endif /* GUEST_ARCH_H */
