// SPDX-License-Identifier: BSD-2-Clause
/*
 * The conformance guest's AArch32 side in C: the entry states and HYP
 * registers it checks, the cases only AArch32 has (every SMC64 ID refused,
 * the HYP register table), the frame's register names and valid PSR
 * values and the counter.
 */
#include "cases.h"

#define SCTLR_M			BIT(0)
#define SCTLR_C			BIT(2)
#define HSR_EC_SHIFT		26
#define HSR_EC_HVC		0x12
#define HSR_ISS_IMM16		0xffffUL
/* The PSR bits a sentinel may set: N, Z, C, V, Q and GE[3:0]. */
#define PSR_FLAGS		0xf80f0000UL
#define PSR_AIF			(PSR_A | PSR_I | PSR_F)

static u32 read_cpsr(void)
{
	u32 cpsr;

	asm volatile("mrs %0, cpsr" : "=r"(cpsr));
	return cpsr;
}

#define read_cp15(op1, crn, crm, op2) ({				\
	u32 __val;							\
	asm volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2	\
		     : "=r"(__val));					\
	__val;								\
})

/* The exception vector by offset / 4, as arm/head.S and arm/hyp.S number them. */
static const char vector_names[8][24] = {
	"reset", "undefined instruction", "SVC or HVC", "prefetch abort",
	"data abort", "HYP trap", "IRQ", "FIQ",
};

void arch_describe_exception(struct text *what, ureg el, ureg vector)
{
	text_puts(what, vector < 8 ? vector_names[vector] : "unknown");
	text_puts(what, el == 2 ? " exception in HYP" : " exception at PL1");
}

const char *arch_syndrome_name(ureg el)
{
	return el == 2 ? "HSR" : "FSR";
}

const char *arch_return_name(ureg el)
{
	return el == 2 ? "ELR_hyp" : "LR";
}

void arch_setup(struct suite *s)
{
	u32 pfr1 = read_cp15(0, c0, c1, 1);

	/* Every 32-bit address is in reach (LPAE or not): no PA limit. */
	s->pa_limit = 0;
	s->gic_sysregs = (pfr1 >> 28) != 0;
	case_diag("MIDR ", read_cp15(0, c0, c0, 0));
	case_diag("ID_PFR1 ", pfr1);
}

/* ID_PFR1.Security: is there a Monitor below to ask? */
bool arch_has_el3(void)
{
	return ((read_cp15(0, c0, c1, 1) >> 4) & 0xf) != 0;
}

/* The frame's registers by index (arm/arch.h): no pointers in the table. */
static const char frame_names[FRAME_REGS][10] = {
	"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10",
	"r11", "r12", "SP_svc", "LR_svc", "SP_usr", "LR_usr",
	"SP_abt", "LR_abt", "SPSR_abt", "SP_und", "LR_und", "SPSR_und",
	"SP_irq", "LR_irq", "SPSR_irq", "r8_fiq", "r9_fiq", "r10_fiq",
	"r11_fiq", "r12_fiq", "SP_fiq", "LR_fiq", "SPSR_fiq", "SPSR_svc",
	"CPSR",
};

void arch_frame_reg_name(struct text *t, unsigned int reg)
{
	text_puts(t, reg < FRAME_REGS ? frame_names[reg] : "?");
}

/*
 * The SPSRs take the sentinel's flags and a valid SVC state; CPSR is the
 * caller's own with the sentinel's flags (arm/hvc.S writes only those).
 */
void arch_fill_frame(struct hvc_frame *in)
{
	unsigned int reg;

	for (reg = 0; reg < FRAME_REGS; reg++) {
		if (FRAME_IS_SPSR(reg)) {
			in->r[reg] = (in->r[reg] & PSR_FLAGS) | PSR_AIF |
				     PSR_MODE_SVC;
		}
	}
	in->r[FRAME_CPSR_INDEX] = (in->r[FRAME_CPSR_INDEX] & PSR_FLAGS) |
				  (read_cpsr() & ~PSR_FLAGS);
}

u64 arch_counter(void)
{
	u32 lo, hi;

	asm volatile("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((u64)hi << 32) | lo;
}

u64 arch_counter_freq(void)
{
	return read_cp15(0, c14, c0, 0);
}

/* Aff2, Aff1, everything: no build has a slot for these. */
const ureg arch_no_slot_mpidrs[] = { 0x10000, 0x100, 0xffffff };
const unsigned int arch_nr_no_slot_mpidrs = ARRAY_SIZE(arch_no_slot_mpidrs);

/* SVC, A/I/F masked, ARM state. */
static void check_svc_masked(struct tcase *t, const char *what, u32 cpsr)
{
	check_value(t, what, PSR_AIF | PSR_MODE_SVC,
		    cpsr & (PSR_AIF | PSR_T | PSR_MODE_MASK));
}

void arch_check_secondary(struct tcase *t,
			  const volatile struct secondary_record *rec)
{
	check_svc_masked(t, "CPSR mode, A/I/F, T on CPU 1", rec->cpsr);
	check_value(t, "SCTLR.M on CPU 1", 0, rec->sctlr & SCTLR_M);
	case_diag("CPSR on CPU 1 ", rec->cpsr);
}

void arch_check_soft_restart(struct tcase *t,
			     const volatile struct soft_restart_record *rec)
{
	check_value(t, "CPSR mode, A/I/F, T at the target",
		    PSR_AIF | PSR_MODE_HYP,
		    rec->cpsr & (PSR_AIF | PSR_T | PSR_MODE_MASK));
	check_value(t, "HSCTLR.M at the target", 0, rec->hsctlr & SCTLR_M);
	case_diag("HSCTLR at the SOFT_RESTART target ", rec->hsctlr);
	case_diag("SP_hyp at the SOFT_RESTART target ", rec->sp);
}

/* WHOAMI: r1 = CPSR, r2 = HSR, r3 = HVBAR, r4 = SP_hyp. */
void arch_check_whoami(struct tcase *t, const struct hvc_frame *out)
{
	ureg hsr = out->r[2];

	check_value(t, "CPSR mode under the guest's vectors", PSR_MODE_HYP,
		    out->r[1] & PSR_MODE_MASK);
	check_value(t, "HSR.EC of the HVC", HSR_EC_HVC, hsr >> HSR_EC_SHIFT);
	check_value(t, "HSR imm16 of the HVC", 0, hsr & HSR_ISS_IMM16);
	case_diag("SP_hyp under the guest's vectors ", out->r[4]);
	if (suite.takeover_sp) {
		check_value(t, "SP_hyp against the previous take-over",
			    suite.takeover_sp, out->r[4]);
	}
	suite.takeover_sp = out->r[4];
}

/* The pass-on entry the guest's Hyp Trap entry loads into PC (hyp.S). */
extern ureg guest_el2_stub_pass_on;

void arch_save_stub_vectors(ureg saved)
{
	guest_el2_stub_vbar = saved;
	guest_el2_stub_pass_on = saved + HYPSTUB_PASS_ON_OFFSET_AARCH32;
}

/*
 * Every HVC now goes to the new owner, which passes what it does not serve
 * on to the stub (HYPSTUB_PASS_ON_OFFSET_AARCH32): the stub's answer,
 * every register of every mode kept, LR_usr too.  The stub reports HVBAR
 * as it is, the guest's.
 */
void arch_while_guest_owns(struct tcase *t)
{
	call_x0(t, "SMCCC_VERSION passed on while the guest owns HYP", IMM_0,
		SMCCC_VERSION, 0, 1, smccc_version_want());
	check_passed_on(t);
}

/*
 * Give HYP back the documented way: RESET_VECTORS, which reaches the owner
 * (the guest's vectors), whose emulation writes the stub's HVBAR back.
 */
void arch_give_back(struct tcase *t, ureg saved, bool legacy)
{
	(void)saved;
	if (legacy) {
		call_x0(t, "legacy RESET_VECTORS to the owner", IMM_0,
			suite.legacy->reset_vectors, 0, 1, 0);
	} else {
		call_x0(t, "HYPSTUB_RESET_VECTORS32 to the owner", IMM_0,
			GUEST_RESET_VECTORS, 0, 1, 0);
	}
}

/* ---- The cases only AArch32 has ---------------------------------------- */

void case_entry_state(struct tcase *t)
{
	const struct entry_record *e = &guest_entry_record;

	case_diag("DTB at ", e->r[2]);
	check_value(t, "r0 at entry", 0, e->r[0]);
	check_value(t, "r1 at entry (machine type)", 0xffffffffUL, e->r[1]);
	if (check_true(t, "r2 (DTB) non-zero and 8-byte aligned",
		       e->r[2] && !(e->r[2] & 7), e->r[2])) {
		u32 magic = *(volatile u32 *)e->r[2];

		check_value(t, "DTB magic", FDT_MAGIC,
			    __builtin_bswap32(magic));
	}
	check_svc_masked(t, "CPSR mode, A/I/F, T at entry", e->cpsr);
	check_value(t, "SCTLR M, C at entry", 0,
		    e->sctlr & (SCTLR_M | SCTLR_C));
	case_diag("CPSR at entry ", e->cpsr);
}

/*
 * An SMC64 ID from AArch32 is invalid (SMCCC): -1, nothing else changes,
 * even for the stub's own SMC64 forms with arguments they would accept on
 * AArch64: the vectors stay the stub's, the restart target never runs,
 * CPU 1 stays off.
 */
void case_smc64_refused(struct tcase *t)
{
	static const u32 smc64_ids[] = {
		HYPSTUB_GET_VECTORS,
		HYPSTUB_SOFT_RESTART,	/* with a good target */
		HYPSTUB_RESET_VECTORS,
		0xc6000000,	/* owner 6 function 0 as SMC64 */
		0xc0000000,	/* SMCCC_VERSION as SMC64 */
		0xc0000001,	/* ARCH_FEATURES as SMC64 */
		0xc500ff00,	/* Std Hyp call count as SMC64 */
		0xc600ff01,	/* Vendor UID as SMC64 */
		PSCI_0_2_AFFINITY_INFO64,
		PSCI_0_2_CPU_ON64,	/* of CPU 1 */
		0xffffffff,	/* a pre-4.12 build: its read of HVBAR */
	};
	volatile struct soft_restart_record *rec = &guest_soft_restart_record;
	const ureg target = (ureg)guest_soft_restart_target;
	unsigned int i;

	rec->ran = 0;
	/* SET_VECTORS64 with the guest's table: must not install it. */
	call_x0(t, "HYPSTUB_SET_VECTORS (SMC64) with the guest's vectors",
		IMM_0, HYPSTUB_SET_VECTORS, (ureg)guest_el2_vectors, 2,
		NOT_SUPPORTED);
	if (!stub_serves(t)) {
		recover_stub_vectors();
	}
	vectors_unchanged(t);
	for (i = 0; i < ARRAY_SIZE(smc64_ids); i++) {
		const bool cpu_on = smc64_ids[i] == PSCI_0_2_CPU_ON64;
		/*
		 * In Linux arm's pre-4.12 scheme r0 = -1 is no SMCCC ID but
		 * HVC_PRE412_AARCH32_GET_VECTORS: HVBAR, nothing else.
		 */
		const bool get = suite.pre412_arm &&
				 smc64_ids[i] == HVC_PRE412_AARCH32_GET_VECTORS;
		const struct call c = {
			.nargs = 4,
			.arg = { smc64_ids[i], cpu_on ? CPU1_MPIDR : target,
				 cpu_on ? (ureg)guest_secondary_entry : 0,
				 GUEST_CPU1_CONTEXT },
			.results = BIT(0),
			.checked = BIT(0),
			.want = { get ? suite.stub_vectors : NOT_SUPPORTED },
		};
		struct hvc_frame out;

		call(t, "an SMC64 ID", &c, &out);
		stub_serves(t);
	}
	check_value(t, "SOFT_RESTART (SMC64) target ran", 0, rec->ran);
	vectors_unchanged(t);
	if (cpu1_state_by_smc() != PSCI_INVALID_PARAMETERS) {
		check_value(t, "CPU 1 AFFINITY_INFO over SMC afterwards",
			    PSCI_AFFINITY_OFF, cpu1_state_by_smc());
	}
}

#define CNTHCTL_PL1PCEN_PCTEN	0x3UL

/* Borrow HYP, have the guest's HYP code fill @state, give HYP back. */
static bool read_hyp_state(struct tcase *t, struct hyp_state *state)
{
	const struct call c = {
		.nargs = 3,
		.arg = { GUEST_EL2_READ_STATE, 0, (ureg)state },
		.results = BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(4),
		.checked = BIT(0),
		.want = { 0 },
	};
	struct hvc_frame out;
	unsigned int i;
	ureg saved;
	bool read;

	for (i = 0; i < sizeof(*state) / 4; i++) {
		((volatile u32 *)state)[i] = 0x5e5e5e5e;
	}
	if (!borrow_el2(t, &saved)) {
		return false;
	}
	read = call(t, "guest HYP READ_STATE", &c, &out);
	give_el2_back(t, saved);
	stub_serves(t);
	vectors_unchanged(t);
	return read;
}

#define CNTHCTL_PL1PCEN_PCTEN	0x3UL

/*
 * The HYP registers as the installer programs them (arm-common: "as
 * Linux's arm hyp-stub install programs them"), read by the guest's HYP
 * code while it owns HYP; and every one the same on a second borrow,
 * after the first gave HYP back.
 */
void case_hyp_registers(struct tcase *t)
{
	static struct hyp_state state, again;
	unsigned int i;

	if (!read_hyp_state(t, &state)) {
		return;
	}
	check_value(t, "HVBAR under the guest's vectors",
		    (ureg)guest_el2_vectors, state.hvbar);
	check_value(t, "HCR", 0, state.hcr);
	check_value(t, "HSTR", 0, state.hstr);
	check_value(t, "HSCTLR.M", 0, state.hsctlr & SCTLR_M);
	check_value(t, "CNTHCTL PL1PCEN, PL1PCTEN", CNTHCTL_PL1PCEN_PCTEN,
		    state.cnthctl & CNTHCTL_PL1PCEN_PCTEN);
	check_value(t, "VPIDR (MIDR in HYP)", state.midr, state.vpidr);
	check_value(t, "VMPIDR (MPIDR in HYP)", state.mpidr, state.vmpidr);
	case_diag("HCPTR ", state.hcptr);
	case_diag("HSCTLR ", state.hsctlr);
	case_diag("HDCR ", state.hdcr);
	case_diag("SP_hyp ", state.sp);
	if (!read_hyp_state(t, &again)) {
		return;
	}
	for (i = 0; i < sizeof(state) / 4; i++) {
		if (((u32 *)&again)[i] != ((u32 *)&state)[i]) {
			fail_value(t, "a HYP register after the give-back, at "
				   "byte offset", i * 4, ((u32 *)&again)[i]);
		}
	}
}

/*
 * libgcc's 64-bit division calls these on a division by zero, which the
 * guest never makes; defining them keeps libgcc's Linux versions (which
 * raise a signal) out of the link.
 */
void __aeabi_idiv0(void);
void __aeabi_ldiv0(void);

void __aeabi_idiv0(void)
{
	console_puts("Bail out! division by zero\n");
	guest_exit(255);
}

void __aeabi_ldiv0(void)
{
	__aeabi_idiv0();
}
