// SPDX-License-Identifier: BSD-2-Clause
/*
 * The conformance guest's AArch64 side in C: the entry states and EL2
 * registers it checks, the cases only AArch64 has (x0[63:32],
 * HVC_GET_ICH_VTR_EL2, the take-over register table, the pass-on entry)
 * and the counter.
 */
#include "cases.h"

#define CURRENT_EL_EL1		0x4
#define CURRENT_EL_EL2		0x8
#define DAIF_ALL_MASKED		0x3c0
#define SCTLR_M			BIT(0)
#define SCTLR_C			BIT(2)
#define SCTLR_I			BIT(12)
#define SCTLR_EL1_AT_ENTRY	0x30d00800UL
#define ESR_EC_SHIFT		26
#define ESR_EC_HVC64		0x16
#define ESR_ISS_IMM16		0xffffUL

static const char *vector_origin(ureg vector)
{
	switch (vector / 4) {
	case 0:
		return "current EL, SP0";
	case 1:
		return "current EL, SPx";
	case 2:
		return "lower EL, AArch64";
	default:
		return "lower EL, AArch32";
	}
}

static const char *vector_kind(ureg vector)
{
	switch (vector % 4) {
	case 0:
		return "synchronous";
	case 1:
		return "IRQ";
	case 2:
		return "FIQ";
	default:
		return "SError";
	}
}

void arch_describe_exception(struct text *what, ureg el, ureg vector)
{
	text_puts(what, vector_kind(vector));
	text_puts(what, " exception at EL");
	text_put_dec(what, el);
	text_puts(what, " from ");
	text_puts(what, vector_origin(vector));
}

const char *arch_syndrome_name(ureg el)
{
	(void)el;
	return "ESR";
}

const char *arch_return_name(ureg el)
{
	(void)el;
	return "ELR";
}

void arch_setup(struct suite *s)
{
	static const u8 pa_range_bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	u64 parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	u64 gic = (read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf;

	/* Reserved PARange values: assume the largest the architecture has. */
	s->pa_limit = 1UL << (parange < ARRAY_SIZE(pa_range_bits) ?
			      pa_range_bits[parange] : 52);
	s->gic_sysregs = gic != 0;
	case_diag("ID_AA64MMFR0_EL1.PARange ", parange);
	case_diag("ID_AA64PFR0_EL1.GIC ", gic);
}

/* ID_AA64PFR0_EL1.EL3: is there firmware below to ask? */
bool arch_has_el3(void)
{
	return ((read_sysreg(id_aa64pfr0_el1) >> 12) & 0xf) != 0;
}

void arch_frame_reg_name(struct text *t, unsigned int reg)
{
	if (reg == 31) {
		text_puts(t, "SP");
	} else {
		text_puts(t, "x");
		text_put_dec(t, reg);
	}
}

/* Every register of the frame may hold any value. */
void arch_fill_frame(struct hvc_frame *in)
{
	(void)in;
}

u64 arch_counter(void)
{
	return read_sysreg(cntvct_el0);
}

u64 arch_counter_freq(void)
{
	return read_sysreg(cntfrq_el0);
}

/* Aff2, Aff3, everything: no build has a slot for these. */
const ureg arch_no_slot_mpidrs[] = { 0x10000, 0x100000000UL, 0xff00ffffffUL };
const unsigned int arch_nr_no_slot_mpidrs = ARRAY_SIZE(arch_no_slot_mpidrs);

void arch_check_secondary(struct tcase *t,
			  const volatile struct secondary_record *rec)
{
	check_value(t, "CurrentEL on CPU 1", CURRENT_EL_EL1, rec->current_el);
	check_value(t, "x1 on CPU 1", 0, rec->r[1]);
	check_value(t, "x2 on CPU 1", 0, rec->r[2]);
	check_value(t, "x3 on CPU 1", 0, rec->r[3]);
	check_value(t, "DAIF on CPU 1", DAIF_ALL_MASKED, rec->daif);
	check_value(t, "SPSel on CPU 1", 1, rec->spsel);
	check_value(t, "SCTLR_EL1 on CPU 1", SCTLR_EL1_AT_ENTRY,
		    rec->sctlr_el1);
}

void arch_check_soft_restart(struct tcase *t,
			     const volatile struct soft_restart_record *rec)
{
	check_value(t, "CurrentEL at the target", CURRENT_EL_EL2,
		    rec->current_el);
	check_value(t, "SCTLR_EL2 M, C, I at the target", 0,
		    rec->sctlr_el2 & (SCTLR_M | SCTLR_C | SCTLR_I));
	check_value(t, "DAIF at the target", DAIF_ALL_MASKED, rec->daif);
	check_value(t, "SPSel at the target", 1, rec->spsel);
	check_true(t, "SP_EL2 at the target non-zero, 16-byte aligned",
		   rec->sp && !(rec->sp & 15), rec->sp);
	case_diag("SP_EL2 at the SOFT_RESTART target ", rec->sp);
	/* Both restarts get the stub's stack top for this CPU. */
	if (suite.restart_sp) {
		check_value(t, "SP_EL2 against the previous SOFT_RESTART",
			    suite.restart_sp, rec->sp);
	}
	suite.restart_sp = rec->sp;
}

/* WHOAMI: x1 = CurrentEL, x2 = ESR_EL2, x3 = VBAR_EL2, x4 = SP_EL2. */
void arch_check_whoami(struct tcase *t, const struct hvc_frame *out)
{
	ureg esr = out->r[2], sp = out->r[4];

	check_value(t, "CurrentEL under the guest's vectors", CURRENT_EL_EL2,
		    out->r[1]);
	check_value(t, "ESR_EL2.EC of the HVC", ESR_EC_HVC64,
		    esr >> ESR_EC_SHIFT);
	check_value(t, "ESR_EL2 imm16 of the HVC", 0, esr & ESR_ISS_IMM16);
	check_true(t, "SP_EL2 non-zero, 16-byte aligned", sp && !(sp & 15), sp);
	case_diag("SP_EL2 under the guest's vectors ", sp);
	/* The stub at rest leaves the same SP_EL2 every time. */
	if (suite.takeover_sp) {
		check_value(t, "SP_EL2 against the previous take-over",
			    suite.takeover_sp, sp);
	}
	suite.takeover_sp = sp;
}

void arch_while_guest_owns(struct tcase *t)
{
	const struct call ich_vtr = {
		.nargs = 1,
		.arg = { GUEST_EL2_ICH_VTR },
		.results = BIT(0) | BIT(1),
		.checked = BIT(0) | BIT(1),
		.want = { 0, suite.ich_vtr },
	};
	struct hvc_frame out;

	/*
	 * Every HVC now goes to the new owner, which passes what it does not
	 * serve on to the stub: the stub's answer, every register kept.
	 */
	call_x0(t, "SMCCC_VERSION passed on while the guest owns EL2", IMM_0,
		SMCCC_VERSION, 0, 1, smccc_version_want());
	if (suite.have_ich_vtr) {
		call(t, "ICH_VTR_EL2 read at EL2 against the stub's answer",
		     &ich_vtr, &out);
	}
}

void arch_save_stub_vectors(ureg saved)
{
	guest_el2_stub_vbar = saved;
}

/* The guest's RESET_VECTORS emulation, its own call here. */
void arch_give_back(struct tcase *t, ureg saved, bool legacy)
{
	(void)legacy;
	give_el2_back(t, saved);
}

void case_entry_state(struct tcase *t)
{
	const struct entry_record *e = &guest_entry_record;

	case_diag("DTB at ", e->r[0]);
	if (check_true(t, "x0 (DTB) non-zero and 8-byte aligned",
		       e->r[0] && !(e->r[0] & 7), e->r[0])) {
		u32 magic = *(volatile u32 *)e->r[0];

		check_value(t, "DTB magic", FDT_MAGIC,
			    __builtin_bswap32(magic));
	}
	check_value(t, "x1 at entry", 0, e->r[1]);
	check_value(t, "x2 at entry", 0, e->r[2]);
	check_value(t, "x3 at entry", 0, e->r[3]);
	check_value(t, "CurrentEL at entry", CURRENT_EL_EL1, e->current_el);
	check_value(t, "DAIF at entry", DAIF_ALL_MASKED, e->daif);
	check_value(t, "SPSel at entry", 1, e->spsel);
	check_value(t, "SCTLR_EL1 at entry", SCTLR_EL1_AT_ENTRY, e->sctlr_el1);
}


/* Only w0 is the function ID: bits 63:32 of x0 are ignored. */
void case_x0_upper_bits(struct tcase *t)
{
	call_x0(t, "SMCCC_VERSION with x0[63:32] all ones", IMM_0,
		UPPER_BITS | SMCCC_VERSION, 0, 1, smccc_version_want());
	call_x0(t, "SMCCC_VERSION with x0[63:32] = 0x12345678", IMM_0,
		0x1234567800000000UL | SMCCC_VERSION, 0, 1,
		smccc_version_want());
	call_x0(t, "GET_ABI_VERSION with x0[63:32] all ones", IMM_0,
		UPPER_BITS | HYPSTUB_GET_ABI_VERSION, 0, 1,
		HYPSTUB_ABI_VERSION);
	call_x0(t, "legacy 5 with x0[63:32] all ones", IMM_0, UPPER_BITS | 5,
		0, 1, HVC_STUB_ERR);
	stub_serves(t);
	/* The stub owns EL2 here: resetting to its own vectors is harmless. */
	call_x0(t, "legacy RESET_VECTORS with x0[63:32] all ones", IMM_0,
		UPPER_BITS | suite.legacy->reset_vectors, 0, 1, 0);
	vectors_unchanged(t);
}


void case_get_ich_vtr(struct tcase *t)
{
	struct hvc_frame out;
	struct call c = {
		.nargs = 1,
		.arg = { HVC_GET_ICH_VTR_EL2 },
		.results = BIT(0),
		.checked = BIT(0),
		.want = { HVC_STUB_ERR },
	};

	if (suite.pre_4_12) {
		t->skip = "pre-4.12 numbering has no GET_ICH_VTR_EL2";
		return;
	}
	if (!suite.gic_sysregs) {
		/* No GICv3 system registers: refused, x1 untouched. */
		call(t, "HVC_GET_ICH_VTR_EL2 without GICv3 sysregs", &c, &out);
		stub_serves(t);
		return;
	}
	c.results = BIT(0) | BIT(1);
	c.want[0] = 0;
	if (!call(t, "HVC_GET_ICH_VTR_EL2", &c, &out)) {
		return;
	}
	/* PRIbits (31:29) is the priority bit count - 1, at least 4: never 0. */
	check_true(t, "ICH_VTR_EL2 (x1) non-zero", out.r[1] != 0, out.r[1]);
	suite.have_ich_vtr = true;
	suite.ich_vtr = out.r[1];
	case_diag("ICH_VTR_EL2 from the stub ", out.r[1]);
}


/* Which of the registers that need a feature this CPU has. */
static u64 el2_features(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);
	u64 pfr1 = read_sysreg(id_aa64pfr1_el1);
	u64 mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	u64 pmuver = (read_sysreg(id_aa64dfr0_el1) >> 8) & 0xf;
	u64 isar1 = read_sysreg(id_aa64isar1_el1);
	u64 isar2 = read_sysreg(s3_0_c0_c6_2);		/* ID_AA64ISAR2_EL1 */
	u64 flags = 0;

	if ((pfr0 >> 24) & 0xf) {
		flags |= BIT(GUEST_EL2_HAS_GICV3_BIT);
	}
	if ((pfr0 >> 32) & 0xf) {
		flags |= BIT(GUEST_EL2_HAS_SVE_BIT);
	}
	if ((pfr1 >> 24) & 0xf) {
		flags |= BIT(GUEST_EL2_HAS_SME_BIT);
	}
	if ((mmfr0 >> 56) & 0xf) {
		flags |= BIT(GUEST_EL2_HAS_FGT_BIT);
	}
	if (pmuver != 0 && pmuver != 0xf) {
		flags |= BIT(GUEST_EL2_HAS_PMU_BIT);
	}
	/* APA, API, GPA, GPI; APA3, GPA3. */
	if ((isar1 & 0xff000ff0UL) || (isar2 & 0xff00UL)) {
		flags |= BIT(GUEST_EL2_HAS_PAUTH_BIT);
	}
	return flags;
}

static bool read_el2_state(struct tcase *t, u64 features,
			   struct el2_state *state)
{
	const struct call c = {
		.nargs = 3,
		.arg = { GUEST_EL2_READ_STATE, features, (ureg)state },
		.results = BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(4),
		.checked = BIT(0),
		.want = { 0 },
	};
	struct hvc_frame out;
	unsigned int i;

	for (i = 0; i < sizeof(*state) / 8; i++) {
		((volatile u64 *)state)[i] = 0x5e5e5e5e5e5e5e5eUL;
	}
	return call(t, "guest EL2 READ_STATE", &c, &out);
}

#define HCR_EL2_STUB		0x0000000080000000UL	/* RW */
#define HCR_EL2_PAUTH		0x0000030000000000UL	/* APK, API */
#define SCTLR_EL2_STUB		0x30c50830UL
#define CPTR_EL2_STUB		0x32ffUL
#define CPTR_EL2_TSM		BIT(12)
#define CNTHCTL_EL2_STUB	0x3UL			/* EL1PCTEN, EL1PCEN */
#define CNTHP_CTL_ENABLE_IMASK	0x3UL
#define ICC_SRE_EL2_SRE_ENABLE	0x9UL
#define ZCR_SMCR_LEN		0xfUL
#define SMCR_EL2_FA64		BIT(31)

/*
 * docs/hyp-abi.rst, "Taking EL2 over and giving it back": every register
 * of the table holds the stub's value, as a borrower finds it.
 */
static void check_el2_table(struct tcase *t, u64 features,
			    const struct el2_state *s)
{
	u64 cptr = CPTR_EL2_STUB, mdcr = 0, hcr = HCR_EL2_STUB;

	if (features & BIT(GUEST_EL2_HAS_PAUTH_BIT)) {
		hcr |= HCR_EL2_PAUTH;
	}
	check_value(t, "HCR_EL2", hcr, s->hcr);
	check_value(t, "SCTLR_EL2", SCTLR_EL2_STUB, s->sctlr_el2);
	if (features & BIT(GUEST_EL2_HAS_SME_BIT)) {
		cptr &= ~CPTR_EL2_TSM;
	}
	check_value(t, "CPTR_EL2", cptr, s->cptr);
	if (features & BIT(GUEST_EL2_HAS_PMU_BIT)) {
		mdcr = (s->pmcr >> 11) & 0x1f;	/* HPMN = PMCR_EL0.N */
	}
	check_value(t, "MDCR_EL2", mdcr, s->mdcr);
	check_value(t, "CNTHCTL_EL2", CNTHCTL_EL2_STUB, s->cnthctl);
	check_value(t, "CNTVOFF_EL2", 0, s->cntvoff);
	check_value(t, "CNTHP_CTL_EL2 ENABLE, IMASK", 0,
		    s->cnthp_ctl & CNTHP_CTL_ENABLE_IMASK);
	check_value(t, "VTTBR_EL2", 0, s->vttbr);
	check_value(t, "HSTR_EL2", 0, s->hstr);
	check_value(t, "VPIDR_EL2 (MIDR_EL1 at EL2)", s->midr, s->vpidr);
	check_value(t, "VMPIDR_EL2 (MPIDR_EL1 at EL2)", s->mpidr, s->vmpidr);
	check_true(t, "SP_EL2 non-zero, 16-byte aligned",
		   s->sp && !(s->sp & 15), s->sp);
	check_value(t, "TPIDR_EL2 (the top of the stub's stack, SP_EL2)",
		    s->sp, s->tpidr);
	check_value(t, "VBAR_EL2 under the guest's vectors",
		    (ureg)guest_el2_vectors, s->vbar);
	if (features & BIT(GUEST_EL2_HAS_GICV3_BIT)) {
		check_value(t, "ICC_SRE_EL2 SRE, Enable", ICC_SRE_EL2_SRE_ENABLE,
			    s->icc_sre & ICC_SRE_EL2_SRE_ENABLE);
		check_value(t, "ICH_HCR_EL2", 0, s->ich_hcr);
	}
	if (features & BIT(GUEST_EL2_HAS_SVE_BIT)) {
		check_value(t, "ZCR_EL2.LEN", ZCR_SMCR_LEN, s->zcr & ZCR_SMCR_LEN);
	}
	if (features & BIT(GUEST_EL2_HAS_SME_BIT)) {
		u64 fa64 = read_sysreg(s3_0_c0_c4_5) >> 63;	/* SMFR0.FA64 */

		check_value(t, "SMCR_EL2.LEN", ZCR_SMCR_LEN,
			    s->smcr & ZCR_SMCR_LEN);
		check_value(t, "SMCR_EL2.FA64", fa64 ? SMCR_EL2_FA64 : 0,
			    s->smcr & SMCR_EL2_FA64);
	}
	if (features & BIT(GUEST_EL2_HAS_FGT_BIT)) {
		check_value(t, "HFGRTR_EL2", 0, s->hfgrtr);
		check_value(t, "HFGWTR_EL2", 0, s->hfgwtr);
		check_value(t, "HFGITR_EL2", 0, s->hfgitr);
		check_value(t, "HDFGRTR_EL2", 0, s->hdfgrtr);
		check_value(t, "HDFGWTR_EL2", 0, s->hdfgwtr);
	}
}

static void guest_el2_call(struct tcase *t, const char *what, u64 number)
{
	const struct call c = {
		.nargs = 1,
		.arg = { number },
		.results = BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(4),
		.checked = BIT(0),
		.want = { 0 },
	};
	struct hvc_frame out;

	call(t, what, &c, &out);
}

/*
 * The register table across a borrow: as documented when the guest takes
 * EL2; the stub serving calls passed on to it while a borrower's HCR_EL2,
 * SCTLR_EL2, TPIDR_EL2, VTTBR_EL2, HSTR_EL2 and CNTHP_CTL_EL2 are live;
 * and every register as before once the borrower put them back and gave
 * EL2 back (read by taking EL2 over once more).
 */
void case_el2_register_table(struct tcase *t)
{
	static struct el2_state before, after;
	u64 features = el2_features();
	ureg saved;
	unsigned int i;

	case_diag("EL2 features (GUEST_EL2_HAS_* bits) ", features);
	if (!borrow_el2(t, &saved)) {
		return;
	}
	if (read_el2_state(t, features, &before)) {
		check_el2_table(t, features, &before);
		case_diag("SP_EL2 and TPIDR_EL2 ", before.sp);
	}
	guest_el2_call(t, "guest EL2 USE (change HCR_EL2, SCTLR_EL2, ...)",
		       GUEST_EL2_USE);
	/* With a borrower's registers live. */
	check_passed_on(t);
	guest_el2_call(t, "guest EL2 RESTORE", GUEST_EL2_RESTORE);
	give_el2_back(t, saved);
	if (!stub_serves(t) || !vectors_unchanged(t)) {
		return;
	}

	if (!borrow_el2(t, &saved)) {
		return;
	}
	if (read_el2_state(t, features, &after)) {
		for (i = 0; i < sizeof(after) / 8; i++) {
			if (((u64 *)&after)[i] != ((u64 *)&before)[i]) {
				fail_value(t, "a register of the table after the "
					   "give-back, at byte offset",
					   i * 8, ((u64 *)&after)[i]);
			}
		}
		case_diag("registers compared across the borrow ",
			  sizeof(after) / 8);
	}
	give_el2_back(t, saved);
	stub_serves(t);
	vectors_unchanged(t);
}

/* A RESET_VECTORS the owner passes on ends the borrow: the stub's again. */
void case_reset_vectors_passed_on(struct tcase *t)
{
	const struct call whoami_stub = {
		.nargs = 1,
		.arg = { GUEST_EL2_WHOAMI },
		.results = BIT(0),
		.checked = BIT(0),
		.want = { HVC_STUB_ERR },
	};
	struct hvc_frame out;
	unsigned int legacy;
	ureg saved;

	for (legacy = 0; legacy < 2; legacy++) {
		if (!borrow_el2(t, &saved)) {
			return;
		}
		if (legacy) {
			call_x0(t, "legacy RESET_VECTORS passed on", IMM_0,
				suite.legacy->reset_vectors, 0, 1, 0);
		} else {
			call_x0(t, "HYPSTUB_RESET_VECTORS passed on", IMM_0,
				HYPSTUB_RESET_VECTORS, 0, 1, SMCCC_RET_SUCCESS);
		}
		if (!call(t, "WHOAMI afterwards reaches the stub", &whoami_stub,
			  &out)) {
			recover_stub_vectors();
		}
		vectors_unchanged(t);
	}
	stub_serves(t);
}

/*
 * PSCI CPU_ON of CPU 1 while CPU 0's EL2 is borrowed: the guest's vectors
 * pass it on, the proxy starts CPU 1, and CPU 1 comes up with the stub
 * (its GET_VECTORS answers the stub's vectors); CPU 0 keeps its borrow.
 */
void case_cpu_on_while_borrowed(struct tcase *t)
{
	ureg saved;

	if (cpu1_state_by_smc() == PSCI_INVALID_PARAMETERS) {
		t->skip = "QEMU has no CPU 1 (-smp 1)";
		return;
	}
	if (!borrow_el2(t, &saved)) {
		return;
	}
	cpu_on_secondary(t);
	still_borrowed(t);
	give_el2_back(t, saved);
	stub_serves(t);
	vectors_unchanged(t);
}

