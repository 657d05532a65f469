// SPDX-License-Identifier: BSD-2-Clause
/*
 * The conformance cases: every call of hypstub's ABI (docs/hyp-abi.rst),
 * its refusals, the hand-over of EL2 and back, and the PSCI proxy: firmware
 * calls over HVC against the same calls made with SMC (QEMU answers them),
 * and a real PSCI CPU_ON of CPU 1 through the stub.  What a build leaves
 * out (GET_CONFIG, PROBE) decides which answers are expected.
 *
 * Every HVC goes through call(): every register of the frame (x1..x30 and
 * SP on AArch64; r1..r14 and the banked registers of every mode on
 * AArch32, <arch>/arch.h) carries a sentinel (fresh for each call) unless
 * it is an argument, and afterwards every register that is not a result of
 * the call must still hold what it was loaded with.  What differs between
 * the architectures is in <arch>/arch.c: the entry states, the EL2/HYP
 * registers, and the cases only one of them has.
 * Each case prints exactly one TAP line; the first failure it meets is its
 * detail, later ones are counted.
 *
 * No table here holds a pointer: the guest is position independent and
 * carries no relocations, so names are stored as arrays.
 */
#include "cases.h"

/* How long CPU 0 waits for CPU 1 at most: the run never hangs on it. */
#define SECONDARY_WAIT_SECONDS	5

static const struct legacy_numbers linux_4_12_numbers = {
	.set_vectors = HVC_SET_VECTORS,
	.soft_restart = HVC_SOFT_RESTART,
	.reset_vectors = HVC_RESET_VECTORS,
};

static const struct legacy_numbers pre_4_12_numbers = {
	.set_vectors = HVC_PRE412_SET_VECTORS,
	.soft_restart = HVC_PRE412_SOFT_RESTART,
	.reset_vectors = HVC_PRE412_RESET_VECTORS,
};

struct suite suite;

/* guest.h: no call of the guest's own is a vector table in any scheme. */
#define GUEST_NOT_A_TABLE(number) \
	(((number) & (HYPSTUB_VECTORS_ALIGN_AARCH32 - 1)) != 0)
_Static_assert(GUEST_NOT_A_TABLE(GUEST_EL2_WHOAMI) &&
	       GUEST_NOT_A_TABLE(GUEST_EL2_GIVE_BACK) &&
	       GUEST_NOT_A_TABLE(GUEST_EL2_READ_STATE),
	       "the guest's EL2 calls are not 32-byte aligned");
#undef GUEST_NOT_A_TABLE

static ureg sentinel(unsigned int reg)
{
	return GUEST_SENTINEL_BASE |
	       ((ureg)(suite.seq & 0xffff) << GUEST_SEQ_SHIFT) | reg;
}

static ureg restart_arg(unsigned int reg)
{
	return GUEST_RESTART_ARG_BASE |
	       ((ureg)(suite.seq & 0xffff) << GUEST_SEQ_SHIFT) | reg;
}

void issue(enum hvc_imm imm, const struct hvc_frame *in,
		  struct hvc_frame *out)
{
	switch (imm) {
	case IMM_1:
		guest_hvc1(in, out);
		break;
	case IMM_FFFF:
		guest_hvc_ffff(in, out);
		break;
	default:
		guest_hvc0(in, out);
		break;
	}
}

void fill_frame(struct hvc_frame *in, const ureg *arg, unsigned int nargs)
{
	unsigned int reg;

	suite.seq++;
	for (reg = 0; reg < FRAME_REGS; reg++) {
		in->r[reg] = reg < nargs ? arg[reg] : sentinel(reg);
	}
	arch_fill_frame(in);
}

/* Count a failure; only the first one becomes the case's detail. */
static bool first_failure(struct tcase *t)
{
	return t->failures++ == 0;
}

void fail_value(struct tcase *t, const char *what, u64 want, u64 got)
{
	if (!first_failure(t)) {
		return;
	}
	text_puts(&t->detail, what);
	text_puts(&t->detail, ": expected ");
	text_put_hex(&t->detail, want);
	text_puts(&t->detail, " got ");
	text_put_hex(&t->detail, got);
}

bool check_value(struct tcase *t, const char *what, u64 want, u64 got)
{
	if (want == got) {
		return true;
	}
	fail_value(t, what, want, got);
	return false;
}

bool check_true(struct tcase *t, const char *what, bool cond, u64 got)
{
	if (cond) {
		return true;
	}
	if (first_failure(t)) {
		text_puts(&t->detail, what);
		text_puts(&t->detail, ": got ");
		text_put_hex(&t->detail, got);
	}
	return false;
}

static void fail_register(struct tcase *t, const char *what, const char *how,
			  unsigned int reg, ureg want, ureg got)
{
	if (!first_failure(t)) {
		return;
	}
	text_puts(&t->detail, what);
	text_puts(&t->detail, ": ");
	arch_frame_reg_name(&t->detail, reg);
	text_puts(&t->detail, how);
	text_puts(&t->detail, " expected ");
	text_put_hex(&t->detail, want);
	text_puts(&t->detail, " got ");
	text_put_hex(&t->detail, got);
}

/*
 * Make the call described by @c and check every register: results with a
 * known value against want[], every other register (x1..x30, unused
 * result registers, SP) against what it was loaded with.
 */
bool call(struct tcase *t, const char *what, const struct call *c,
	  struct hvc_frame *out)
{
	unsigned int before = t->failures;
	struct hvc_frame in;
	unsigned int reg;

	fill_frame(&in, c->arg, c->nargs);
	issue(c->imm, &in, out);
	for (reg = 0; reg < FRAME_REGS; reg++) {
		if (reg < CALL_REGS && (c->results & BIT(reg))) {
			if ((c->checked & BIT(reg)) &&
			    out->r[reg] != c->want[reg]) {
				fail_register(t, what, "", reg, c->want[reg],
					      out->r[reg]);
			}
		} else if (out->r[reg] != in.r[reg]) {
			fail_register(t, what, " not preserved:", reg,
				      in.r[reg], out->r[reg]);
		}
	}
	return t->failures == before;
}

/* A call whose only result is x0, with a known value. */
bool call_x0(struct tcase *t, const char *what, enum hvc_imm imm, ureg x0,
	     ureg x1, unsigned int nargs, ureg want)
{
	const struct call c = {
		.imm = imm,
		.nargs = nargs,
		.arg = { x0, x1 },
		.results = BIT(0),
		.checked = BIT(0),
		.want = { want },
	};
	struct hvc_frame out;

	return call(t, what, &c, &out);
}

/* Call for the suite's own bookkeeping: no checks, the cases do those. */
void raw_call(ureg x0, ureg x1, struct hvc_frame *out)
{
	const ureg arg[2] = { x0, x1 };
	struct hvc_frame in;

	fill_frame(&in, arg, 2);
	issue(IMM_0, &in, out);
}

/*
 * The SMCCC version the stub must answer (ABI 1.3, docs/hyp-abi.rst
 * SMCCC_VERSION): 1.1 on a CPU without EL3 (no firmware to ask, QEMU's
 * PSCI here); with EL3, 1.1 or 1.2 as the firmware below reports, and the
 * same answer every time after the first.
 */
ureg smccc_version_want(void)
{
	static ureg seen;
	struct hvc_frame in = { 0 }, out;

	if (!arch_has_el3()) {
		return HYPSTUB_SMCCC_VERSION;
	}
	if (seen == 0) {
		arch_fill_frame(&in);
		in.r[0] = SMCCC_VERSION;
		guest_hvc0(&in, &out);
		seen = out.r[0] == HYPSTUB_SMCCC_VERSION_1_2 ?
		       HYPSTUB_SMCCC_VERSION_1_2 : HYPSTUB_SMCCC_VERSION;
	}
	return seen;
}

/* After a refused or odd call: the stub must still answer as before. */
bool stub_serves(struct tcase *t)
{
	return call_x0(t, "SMCCC_VERSION afterwards", IMM_0, SMCCC_VERSION, 0,
		       1, smccc_version_want());
}

static bool get_vectors(struct tcase *t, const char *what, ureg *vbar)
{
	static const struct call c = {
		.nargs = 1,
		.arg = { GUEST_GET_VECTORS },
		.results = BIT(0) | BIT(1),
		.checked = BIT(0),
		.want = { SMCCC_RET_SUCCESS },
	};
	struct hvc_frame out;

	if (!call(t, what, &c, &out)) {
		return false;
	}
	*vbar = out.r[1];
	return true;
}

/*
 * Linux arm's pre-4.12 scheme (suite.pre412_arm): the stub's answer to an
 * r0 with bit 31 clear that is no vector table (0, or not 32-byte
 * aligned), by its range (docs/hyp-abi.rst, "Pre-4.12 set-vectors on
 * AArch32").  HVBAR stays as it was.
 */
ureg pre412_arm_refusal(ureg r0)
{
	return r0 < HYPSTUB_LEGACY_LIMIT ? HVC_STUB_ERR : INVALID_PARAMETER;
}

/*
 * In that scheme, whether the stub takes @r0 for the new HVBAR.  The guest
 * never sends it such an r0 but its own table's: the next HVC would go to
 * whatever lies there.
 */
static bool pre412_arm_installs(ureg r0)
{
	return !(r0 & BIT(31)) && r0 != 0 && !(r0 & (GUEST_VECTORS_ALIGN - 1));
}

/* r0 = -1 in that scheme: HVBAR in r0, every other register kept. */
static bool pre412_arm_get(struct tcase *t, const char *what, ureg want)
{
	return call_x0(t, what, IMM_0, HVC_PRE412_AARCH32_GET_VECTORS, 0, 1,
		       want);
}

bool vectors_unchanged(struct tcase *t)
{
	ureg vbar;

	if (!get_vectors(t, "GET_VECTORS afterwards", &vbar)) {
		return false;
	}
	if (!check_value(t, "the vectors (GET_VECTORS r1) afterwards",
			 suite.stub_vectors, vbar)) {
		return false;
	}
	/* And as that scheme's own read sees them. */
	return !suite.pre412_arm ||
	       pre412_arm_get(t, "r0 = -1 (pre-4.12 read) afterwards",
			      suite.stub_vectors);
}

/*
 * If a call that should have been refused installed the guest's vectors,
 * the guest owns EL2: hand it back so the later cases still test the stub.
 */
void recover_stub_vectors(void)
{
	struct hvc_frame out;

	/* The stub answers WHOAMI, a legacy number, with HVC_STUB_ERR. */
	raw_call(GUEST_EL2_WHOAMI, 0, &out);
	if (out.r[0] != 0) {
		return;
	}
	raw_call(GUEST_EL2_GIVE_BACK, suite.stub_vectors, &out);
	if (out.r[0] == SMCCC_RET_SUCCESS) {
		console_puts("# the guest's EL2 vectors had been installed; "
			     "gave EL2 back\n");
	}
}

void cases_facts(struct stub_facts *facts)
{
	facts->config = suite.config;
	facts->stub_vectors = suite.stub_vectors;
	facts->pa_limit = suite.pa_limit;
	facts->ich_vtr = suite.ich_vtr;
	facts->pre_4_12 = suite.pre_4_12;
	facts->pre412_arm = suite.pre412_arm;
	facts->std_hyp = suite.std_hyp;
	facts->psci_proxy = suite.psci_proxy;
	facts->gic_sysregs = suite.gic_sysregs;
}

static void setup(void)
{
	struct hvc_frame out;

	arch_setup(&suite);
	raw_call(HYPSTUB_GET_CONFIG, 0, &out);
	suite.config = out.r[0] == SMCCC_RET_SUCCESS ? out.r[1] : 0;
	suite.pre_4_12 = suite.config & HYPSTUB_CONFIG_LEGACY_PRE_4_12;
	suite.pre412_arm = suite.pre_4_12 && GUEST_PRE412_ADDRESS_SCHEME;
	suite.legacy = suite.pre_4_12 ? &pre_4_12_numbers : &linux_4_12_numbers;
	if (suite.pre412_arm) {
		/* No numbers: every use of them is behind suite.pre412_arm. */
		suite.legacy = 0;
	}
	suite.psci_proxy = suite.config & HYPSTUB_CONFIG_PSCI_PROXY;

	raw_call(GUEST_GET_VECTORS, 0, &out);
	suite.stub_vectors = out.r[0] == SMCCC_RET_SUCCESS ? out.r[1] : 0;

	raw_call(HYPSTUB_PROBE, HYPSTUB_STD_HYP_CALL_COUNT, &out);
	suite.std_hyp = out.r[0] == SMCCC_RET_SUCCESS;

	case_diag("loaded at ", guest_entry_record.load_address);
	case_diag("GET_CONFIG flags ", suite.config);
	case_diag("stub vectors ", suite.stub_vectors);
	case_diag("guest EL2 vectors ", (ureg)guest_el2_vectors);
	if (suite.pre412_arm) {
		console_puts("# pre-4.12 on AArch32: Linux arm's scheme, "
			     "r0 = -1 reads HVBAR, r0 with bit 31 clear sets "
			     "it; no legacy numbers\n");
	}
	if (!suite.std_hyp) {
		console_puts("# PROBE: standard hypervisor service not built, "
			     "expecting -1 from its queries\n");
	}
	if (suite.psci_proxy) {
		console_puts("# PSCI proxy built: firmware calls over HVC "
			     "expected to answer as over SMC\n");
	} else {
		console_puts("# no PSCI proxy: firmware calls over HVC "
			     "expected to answer -1\n");
	}
}

/* ---- Entry state and the SMCCC queries ------------------------------- */

static void case_smccc_version(struct tcase *t)
{
	call_x0(t, "SMCCC_VERSION", IMM_0, SMCCC_VERSION, 0, 1,
		smccc_version_want());
}

/* Standard hypervisor group: consistent with what PROBE says about it. */
static void check_std_hyp_probe(struct tcase *t, ureg id)
{
	call_x0(t, "PROBE", IMM_0, HYPSTUB_PROBE, id, 2,
		suite.std_hyp ? 0 : NOT_SUPPORTED);
}

static void case_std_hyp_count(struct tcase *t)
{
	check_std_hyp_probe(t, HYPSTUB_STD_HYP_CALL_COUNT);
	call_x0(t, "Std Hyp call count", IMM_0, HYPSTUB_STD_HYP_CALL_COUNT,
		0, 1, suite.std_hyp ? 3 : NOT_SUPPORTED);
}

/* The group is not built: the call answers -1 and only x0 changes. */
static void expect_not_supported(struct call *c)
{
	c->results = BIT(0);
	c->checked = BIT(0);
	c->want[0] = NOT_SUPPORTED;
}

const struct call uid_call_template = {
	.nargs = 1,
	.results = BIT(0) | BIT(1) | BIT(2) | BIT(3),
	.checked = BIT(0) | BIT(1) | BIT(2) | BIT(3),
	.want = { HYPSTUB_UID_0, HYPSTUB_UID_1, HYPSTUB_UID_2, HYPSTUB_UID_3 },
};

static void case_std_hyp_uid(struct tcase *t)
{
	struct call c = uid_call_template;
	struct hvc_frame out;

	check_std_hyp_probe(t, HYPSTUB_STD_HYP_UID);
	c.arg[0] = HYPSTUB_STD_HYP_UID;
	if (!suite.std_hyp) {
		expect_not_supported(&c);
	}
	call(t, "Std Hyp UID", &c, &out);
}

static const struct call revision_call_template = {
	.nargs = 1,
	.results = BIT(0) | BIT(1),
	.checked = BIT(0) | BIT(1),
	.want = { HYPSTUB_ABI_VERSION_MAJOR, HYPSTUB_ABI_VERSION_MINOR },
};

static void case_std_hyp_revision(struct tcase *t)
{
	struct call c = revision_call_template;
	struct hvc_frame out;

	check_std_hyp_probe(t, HYPSTUB_STD_HYP_REVISION);
	c.arg[0] = HYPSTUB_STD_HYP_REVISION;
	if (!suite.std_hyp) {
		expect_not_supported(&c);
	}
	call(t, "Std Hyp revision", &c, &out);
}

static void case_vendor_count(struct tcase *t)
{
	call_x0(t, "Vendor call count", IMM_0, HYPSTUB_VENDOR_CALL_COUNT, 0, 1,
		10);
}

static void case_vendor_uid(struct tcase *t)
{
	struct call c = uid_call_template;
	struct hvc_frame out;

	c.arg[0] = HYPSTUB_VENDOR_UID;
	call(t, "Vendor UID", &c, &out);
}

static void case_vendor_revision(struct tcase *t)
{
	struct call c = revision_call_template;
	struct hvc_frame out;

	c.arg[0] = HYPSTUB_VENDOR_REVISION;
	call(t, "Vendor revision", &c, &out);
}

static void case_abi_version(struct tcase *t)
{
	call_x0(t, "GET_ABI_VERSION", IMM_0, HYPSTUB_GET_ABI_VERSION, 0, 1,
		HYPSTUB_ABI_VERSION);
}

static void case_get_config(struct tcase *t)
{
	static const struct call c = {
		.nargs = 1,
		.arg = { HYPSTUB_GET_CONFIG },
		.results = BIT(0) | BIT(1),
		.checked = BIT(0),
		.want = { SMCCC_RET_SUCCESS },
	};
	const ureg known = HYPSTUB_CONFIG_LEGACY_PRE_4_12 |
			  HYPSTUB_CONFIG_DEBUG_UART |
			  HYPSTUB_CONFIG_PSCI_PROXY;
	struct hvc_frame out;

	if (!call(t, "GET_CONFIG", &c, &out)) {
		return;
	}
	check_value(t, "GET_CONFIG flags outside the defined bits", 0,
		    out.r[1] & ~known);
	check_value(t, "GET_CONFIG flags against the first reading",
		    suite.config, out.r[1]);
}

static void case_get_vectors(struct tcase *t)
{
	ureg vbar;

	if (!get_vectors(t, "GET_VECTORS", &vbar)) {
		return;
	}
	check_true(t, "the vectors non-zero", vbar != 0, vbar);
	check_value(t, "the vectors' alignment", 0,
		    vbar & (GUEST_VECTORS_ALIGN - 1));
	if (suite.pa_limit) {
		check_true(t, "the vectors below 2^PA", vbar < suite.pa_limit,
			   vbar);
	}
	check_true(t, "the vectors are not the guest's table",
		   vbar != (ureg)guest_el2_vectors, vbar);
}

/*
 * Linux arm's pre-4.12 scheme: r0 = -1 reads HVBAR, and the numbers of
 * either numbering are addresses that are no vector table (0, or not
 * 32-byte aligned), refused with HVC_STUB_ERR whatever r1 holds: a current
 * kernel's SET_VECTORS of a good table, its SOFT_RESTART to a good target
 * (which must not run), its RESET_VECTORS; 3 and 4 as well.
 */
static void legacy_numbering_pre412_arm(struct tcase *t)
{
	static const char what[][48] = {
		"0 (SET_VECTORS, r1 = the guest's table)",
		"1 (SOFT_RESTART, r1 = a good target)",
		"2 (RESET_VECTORS)",
		"3 (pre-4.12 arm64 RESET_VECTORS)",
		"4",
	};
	volatile struct soft_restart_record *rec = &guest_soft_restart_record;
	const ureg r1[ARRAY_SIZE(what)] = {
		(ureg)guest_el2_vectors, (ureg)guest_soft_restart_target,
	};
	unsigned int number;

	pre412_arm_get(t, "r0 = -1 (HVC_PRE412_AARCH32_GET_VECTORS)",
		       suite.stub_vectors);
	rec->ran = 0;
	for (number = 0; number < ARRAY_SIZE(what); number++) {
		call_x0(t, what[number], IMM_0, number, r1[number], 2,
			HVC_STUB_ERR);
		stub_serves(t);
	}
	check_value(t, "SOFT_RESTART target ran", 0, rec->ran);
}

/*
 * The legacy numbering the stub answers must be the one GET_CONFIG bit 0
 * names.  Number 0 tells them apart: SET_VECTORS (refused here, x1 = 0)
 * from v4.12 on, GET_VECTORS before (on AArch32, no number at all).
 */
static void case_legacy_numbering(struct tcase *t)
{
	if (suite.pre412_arm) {
		legacy_numbering_pre412_arm(t);
	} else if (suite.pre_4_12) {
		/* A legacy result is x0 alone: x1 keeps its sentinel. */
		const struct call c = {
			.nargs = 1,
			.arg = { HVC_PRE412_GET_VECTORS },
			.results = BIT(0),
			.checked = BIT(0),
			.want = { suite.stub_vectors },
		};
		struct hvc_frame out;

		call(t, "pre-4.12 GET_VECTORS (0)", &c, &out);
		call_x0(t, "4 under pre-4.12 numbering", IMM_0,
			HVC_GET_ICH_VTR_EL2, 0, 1, HVC_STUB_ERR);
		stub_serves(t);
	} else {
		call_x0(t, "HVC_SET_VECTORS(0)", IMM_0, HVC_SET_VECTORS, 0, 2,
			HVC_STUB_ERR);
		stub_serves(t);
		call_x0(t, "HVC_FINALISE_EL2", IMM_0, HVC_FINALISE_EL2, 0, 1,
			HVC_STUB_ERR);
		stub_serves(t);
	}
	vectors_unchanged(t);
}

/* hvc #imm with imm != 0 is not a stub call, even with a valid x0/x1. */
static void case_hvc_imm_set_vectors(struct tcase *t)
{
	call_x0(t, "hvc #1 HYPSTUB_SET_VECTORS", IMM_1, GUEST_SET_VECTORS,
		(ureg)guest_el2_vectors, 2, NOT_SUPPORTED);
	if (suite.pre412_arm) {
		/* The pre-4.12 scheme's calls are r0 itself. */
		call_x0(t, "hvc #1 r0 = the guest's vectors (pre-4.12 set)",
			IMM_1, (ureg)guest_el2_vectors, 0, 1, NOT_SUPPORTED);
		call_x0(t, "hvc #0xffff r0 = the guest's vectors", IMM_FFFF,
			(ureg)guest_el2_vectors, 0, 1, NOT_SUPPORTED);
		call_x0(t, "hvc #1 r0 = -1 (pre-4.12 read)", IMM_1,
			HVC_PRE412_AARCH32_GET_VECTORS, 0, 1, NOT_SUPPORTED);
	} else {
		call_x0(t, "hvc #0xffff legacy SET_VECTORS", IMM_FFFF,
			suite.legacy->set_vectors, (ureg)guest_el2_vectors, 2,
			NOT_SUPPORTED);
	}
	if (!stub_serves(t)) {
		recover_stub_vectors();
	}
	vectors_unchanged(t);
}

/* ---- Tables ----------------------------------------------------------- */

struct id_answer {
	char name[56];
	ureg id;
	ureg want;
};

static const struct id_answer arch_features_cases[] = {
	{ "SMCCC_VERSION", SMCCC_VERSION, 0 },
	{ "SMCCC_ARCH_FEATURES", SMCCC_ARCH_FEATURES, 0 },
#if GUEST_UPPER_BITS
	{ "SMCCC_VERSION, x1[63:32] all ones", UPPER_BITS | SMCCC_VERSION, 0 },
#endif
	/* SOC_ID and the workarounds: case_arch_features_firmware. */
	{ "arch 0x80000003", 0x80000003, NOT_SUPPORTED },
	{ "SMC64 SMCCC_ARCH_SOC_ID 0xc0000002", 0xc0000002, NOT_SUPPORTED },
	{ "SMCCC_VERSION with SVE hint", 0x80010000, NOT_SUPPORTED },
	{ "legacy number 0", 0, NOT_SUPPORTED },
	{ "PSCI_VERSION", 0x84000000, NOT_SUPPORTED },
	{ "HYPSTUB_GET_ABI_VERSION (owner 6)", HYPSTUB_GET_ABI_VERSION,
	  NOT_SUPPORTED },
	{ "HYPSTUB_VENDOR_UID (owner 6)", HYPSTUB_VENDOR_UID, NOT_SUPPORTED },
};

static const struct id_answer probe_cases[] = {
	{ "SMCCC_VERSION", SMCCC_VERSION, 0 },
	{ "SMCCC_ARCH_FEATURES", SMCCC_ARCH_FEATURES, 0 },
	{ "HYPSTUB_GET_ABI_VERSION", HYPSTUB_GET_ABI_VERSION, 0 },
	{ "HYPSTUB_PROBE", HYPSTUB_PROBE, 0 },
	{ "HYPSTUB_GET_CONFIG", HYPSTUB_GET_CONFIG, 0 },
	{ "HYPSTUB_VENDOR_CALL_COUNT", HYPSTUB_VENDOR_CALL_COUNT, 0 },
	{ "HYPSTUB_VENDOR_UID", HYPSTUB_VENDOR_UID, 0 },
	{ "HYPSTUB_VENDOR_REVISION", HYPSTUB_VENDOR_REVISION, 0 },
	{ "HYPSTUB_GET_VECTORS" GUEST_OP_SUFFIX, GUEST_GET_VECTORS, 0 },
	{ "HYPSTUB_SET_VECTORS" GUEST_OP_SUFFIX, GUEST_SET_VECTORS, 0 },
	{ "HYPSTUB_SOFT_RESTART" GUEST_OP_SUFFIX, GUEST_SOFT_RESTART, 0 },
	{ "HYPSTUB_RESET_VECTORS" GUEST_OP_SUFFIX, GUEST_RESET_VECTORS, 0 },
#if GUEST_UPPER_BITS
	{ "HYPSTUB_PROBE, x1[63:32] all ones", UPPER_BITS | HYPSTUB_PROBE, 0 },
#endif
	{ "vendor 0x86000003", 0x86000003, NOT_SUPPORTED },
	{ "vendor 0x8600ff02", 0x8600ff02, NOT_SUPPORTED },
	{ "vendor SMC64 0xc6000014", 0xc6000014, NOT_SUPPORTED },
	{ "GET_VECTORS in the other form " GUEST_OTHER_FORM,
	  GUEST_OTHER_GET_VECTORS, NOT_SUPPORTED },
	{ "KVM hyp init 0xc6000000", 0xc6000000, NOT_SUPPORTED },
	{ "SMCCC_ARCH_WORKAROUND_1", 0x80008000, NOT_SUPPORTED },
	{ "PSCI_VERSION", 0x84000000, NOT_SUPPORTED },
	{ "SiP 0x82000000", 0x82000000, NOT_SUPPORTED },
	{ "legacy number 0", 0, NOT_SUPPORTED },
	{ "legacy number 1", 1, NOT_SUPPORTED },
	{ "legacy number 4", 4, NOT_SUPPORTED },
	{ "SMCCC_VERSION with SVE hint", 0x80010000, NOT_SUPPORTED },
	{ "GET_CONFIG with bit 17 set", 0x86020002, NOT_SUPPORTED },
	{ "yielding 0x06000000", 0x06000000, NOT_SUPPORTED },
	{ "0xffffffff", 0xffffffff, NOT_SUPPORTED },
};

/* Calls that must be refused without side effect, x1..x3 sentinels. */
struct rejected_call {
	char name[56];
	enum hvc_imm imm;
	ureg x0;
	ureg want;
};

static const struct rejected_call rejected_calls[] = {
	{ "SiP fast call 0x82000000", IMM_0, 0x82000000, NOT_SUPPORTED },
	{ "SiP SMC64 0xc2000000", IMM_0, 0xc2000000, NOT_SUPPORTED },
	{ "OEM 0x83000000", IMM_0, 0x83000000, NOT_SUPPORTED },
	/* PSCI over HVC depends on the proxy: the PSCI_CASES below. */
	{ "PSCI_VERSION with bit 16 (SVE hint)", IMM_0, 0x84010000,
	  NOT_SUPPORTED },
	{ "yielding PSCI-like 0x04000000", IMM_0, 0x04000000, NOT_SUPPORTED },
	{ "hvc #1 PSCI_VERSION", IMM_1, PSCI_0_2_VERSION, NOT_SUPPORTED },
	{ "Std Hyp function 0 0x85000000", IMM_0, 0x85000000, NOT_SUPPORTED },
	{ "Std Hyp count as SMC64 0xc500ff00", IMM_0, 0xc500ff00,
	  NOT_SUPPORTED },
	{ "vendor 0x86000003", IMM_0, 0x86000003, NOT_SUPPORTED },
	{ "vendor 0x8600ff02", IMM_0, 0x8600ff02, NOT_SUPPORTED },
	{ "GET_VECTORS in the other form " GUEST_OTHER_FORM, IMM_0,
	  GUEST_OTHER_GET_VECTORS, NOT_SUPPORTED },
	{ "SET_VECTORS in the other form " GUEST_OTHER_FORM, IMM_0,
	  GUEST_OTHER_SET_VECTORS, NOT_SUPPORTED },
	{ "vendor SMC64 0xc6000014", IMM_0, 0xc6000014, NOT_SUPPORTED },
	{ "KVM hyp init 0xc6000000", IMM_0, 0xc6000000, NOT_SUPPORTED },
	{ "arch SMC64 0xc0000000", IMM_0, 0xc0000000, NOT_SUPPORTED },
	{ "Trusted Application 0xb0000000", IMM_0, 0xb0000000,
	  NOT_SUPPORTED },
	{ "Trusted OS 0xbf00ffff", IMM_0, 0xbf00ffff, NOT_SUPPORTED },
	{ "SMCCC_VERSION with bit 17 (reserved)", IMM_0, 0x80020000,
	  NOT_SUPPORTED },
	{ "SMCCC_VERSION with bit 23 (reserved)", IMM_0, 0x80800000,
	  NOT_SUPPORTED },
	{ "GET_ABI_VERSION with bits 23:17 set", IMM_0, 0x86fe0000,
	  NOT_SUPPORTED },
	{ "SMCCC_VERSION with bit 16 (SVE hint)", IMM_0, 0x80010000,
	  NOT_SUPPORTED },
	{ "GET_VECTORS with bit 16 (SVE hint)", IMM_0, 0xc6010010,
	  NOT_SUPPORTED },
	{ "yielding 0x01000000", IMM_0, 0x01000000, NOT_SUPPORTED },
	{ "yielding vendor 0x06000000", IMM_0, 0x06000000, NOT_SUPPORTED },
	{ "yielding SMC64 0x46000010", IMM_0, 0x46000010, NOT_SUPPORTED },
	{ "yielding 0x7fffffff", IMM_0, 0x7fffffff, NOT_SUPPORTED },
	{ "legacy 5", IMM_0, 5, HVC_STUB_ERR },
	{ "legacy 0x100", IMM_0, 0x100, HVC_STUB_ERR },
	{ "legacy 0xe1f (the guest's own EL2 call)", IMM_0, GUEST_EL2_WHOAMI,
	  HVC_STUB_ERR },
	{ "legacy 0xfff", IMM_0, 0xfff, HVC_STUB_ERR },
	{ "legacy 0xffffff", IMM_0, 0xffffff, HVC_STUB_ERR },
#if GUEST_UPPER_BITS
	{ "legacy 0xffffff with x0[63:32] all ones", IMM_0,
	  UPPER_BITS | 0xffffff, HVC_STUB_ERR },
#endif
	{ "hvc #1 SMCCC_VERSION", IMM_1, SMCCC_VERSION, NOT_SUPPORTED },
	{ "hvc #1 legacy 5", IMM_1, 5, NOT_SUPPORTED },
	{ "hvc #0xffff GET_ABI_VERSION", IMM_FFFF, HYPSTUB_GET_ABI_VERSION,
	  NOT_SUPPORTED },
};

/* What the AArch32 pre-4.12 run says of the cases it has no call for. */
#define NO_PRE412_ARM_SOFT_RESTART					\
	"Linux arm's pre-4.12 scheme has no SOFT_RESTART "		\
	"(r0 = 1 or 2 is refused: the legacy numbering case)"
#define NO_PRE412_ARM_RESET_VECTORS					\
	"Linux arm's pre-4.12 scheme has no RESET_VECTORS "		\
	"(r0 = 2 or 3 is refused: the legacy numbering case)"

/* Bad addresses for SET_VECTORS and SOFT_RESTART, relative to the guest. */
enum bad_address {
	BAD_ZERO,
	BAD_MISALIGNED_SMALL,		/* + 4 (vectors) / + 2 (entry) */
	BAD_MISALIGNED_ODD,		/* + 1 */
	BAD_MISALIGNED_HALF,		/* + half the alignment / + 3 (entry) */
#if GUEST_BAD_PA_ADDRESSES
	/*
	 * Addresses the PA cannot reach, where a register can hold them
	 * (AArch64).  On AArch32 every 32-bit address is in reach.
	 */
	BAD_PA_LIMIT,			/* 2^PA exactly */
	BAD_ABOVE_PA_LIMIT,		/* 2^PA + the guest's address */
	BAD_ALL_ONES,			/* highest aligned address */
#endif
	NR_BAD_ADDRESSES,
};

static const char bad_address_names[NR_BAD_ADDRESSES][40] = {
	[BAD_ZERO] = "0",
	[BAD_MISALIGNED_SMALL] = "misaligned (+4 or +2)",
	[BAD_MISALIGNED_ODD] = "misaligned (+1)",
	[BAD_MISALIGNED_HALF] = "misaligned (+half the alignment or +3)",
#if GUEST_BAD_PA_ADDRESSES
	[BAD_PA_LIMIT] = "2^PA",
	[BAD_ABOVE_PA_LIMIT] = "2^PA + own address",
	[BAD_ALL_ONES] = "highest aligned 64-bit address",
#endif
};

static ureg bad_address(enum bad_address kind, ureg good, ureg align)
{
	switch (kind) {
	case BAD_ZERO:
		return 0;
	case BAD_MISALIGNED_SMALL:
		return good + (align > 4 ? 4 : 2);
	case BAD_MISALIGNED_ODD:
		return good + 1;
	case BAD_MISALIGNED_HALF:
		return good + (align > 4 ? align / 2 : 3);
#if GUEST_BAD_PA_ADDRESSES
	case BAD_PA_LIMIT:
		return suite.pa_limit;
	case BAD_ABOVE_PA_LIMIT:
		return suite.pa_limit + good;
	case BAD_ALL_ONES:
		return ~(align - 1);
#endif
	default:
		return 0;
	}
}

static void id_answer_case(struct tcase *t, ureg function, const char *what,
			   const struct id_answer *a)
{
	call_x0(t, what, IMM_0, function, a->id, 2, a->want);
}

/*
 * In Linux arm's pre-4.12 scheme an r0 with bit 31 clear made with hvc #0
 * is a set-vectors of HVBAR = r0: refused by the scheme's rule when it is
 * no vector table, and not made when it is one.
 */
static void rejected_call_case(struct tcase *t, const struct rejected_call *r)
{
	const bool address = suite.pre412_arm && r->imm == IMM_0 &&
			     !(r->x0 & BIT(31));
	ureg want = r->want;

	if (address) {
		if (pre412_arm_installs(r->x0)) {
			t->skip = "a vector table's address in Linux arm's "
				  "pre-4.12 scheme (32-byte aligned, bit 31 "
				  "clear): the stub would take it as HVBAR";
			return;
		}
		want = pre412_arm_refusal(r->x0);
	}
	call_x0(t, r->name, r->imm, r->x0, 0, 1, want);
	stub_serves(t);
	if (address) {
		vectors_unchanged(t);
	}
}

static void set_vectors_refused_case(struct tcase *t, enum bad_address kind,
				     bool legacy)
{
	ureg addr = bad_address(kind, (ureg)guest_el2_vectors,
				GUEST_VECTORS_ALIGN);

	if (legacy && suite.pre412_arm) {
		/* The pre-4.12 scheme's set-vectors: r0 is the address. */
		call_x0(t, "pre-4.12 set-vectors (r0 = the address)", IMM_0,
			addr, 0, 1, pre412_arm_refusal(addr));
	} else if (legacy) {
		call_x0(t, "legacy SET_VECTORS", IMM_0,
			suite.legacy->set_vectors, addr, 2, HVC_STUB_ERR);
	} else {
		call_x0(t, "HYPSTUB_SET_VECTORS", IMM_0, GUEST_SET_VECTORS,
			addr, 2, INVALID_PARAMETER);
	}
	if (!stub_serves(t)) {
		recover_stub_vectors();
	}
	vectors_unchanged(t);
}

static void soft_restart_refused_case(struct tcase *t, enum bad_address kind,
				      bool legacy)
{
	volatile struct soft_restart_record *rec = &guest_soft_restart_record;
	ureg entry = bad_address(kind, (ureg)guest_soft_restart_target,
				 HYPSTUB_ENTRY_ALIGN);
	struct call c = {
		.nargs = 5,
		.arg = { GUEST_SOFT_RESTART, entry, restart_arg(2),
			 restart_arg(3), restart_arg(4) },
		.results = BIT(0),
		.checked = BIT(0),
		.want = { INVALID_PARAMETER },
	};
	struct hvc_frame out;

	if (legacy && suite.pre412_arm) {
		t->skip = NO_PRE412_ARM_SOFT_RESTART;
		return;
	}
	rec->ran = 0;
	if (legacy) {
		c.arg[0] = suite.legacy->soft_restart;
		c.want[0] = HVC_STUB_ERR;
	}
	call(t, legacy ? "legacy SOFT_RESTART" : "HYPSTUB_SOFT_RESTART", &c,
	     &out);
	check_value(t, "SOFT_RESTART target ran", 0, rec->ran);
	stub_serves(t);
	vectors_unchanged(t);
}

/* ---- The PSCI proxy ---------------------------------------------------- */

/*
 * A firmware call over HVC with x1..x3 as given and x0 its only result:
 * @proxied with the PSCI proxy, -1 without it.  Every other register must
 * be preserved either way.
 */
bool firmware_call(struct tcase *t, const char *what, ureg x0, ureg x1,
		   ureg x2, ureg x3, ureg proxied)
{
	const struct call c = {
		.nargs = 4,
		.arg = { x0, x1, x2, x3 },
		.results = BIT(0),
		.checked = BIT(0),
		.want = { suite.psci_proxy ? proxied : NOT_SUPPORTED },
	};
	struct hvc_frame out;

	return call(t, what, &c, &out);
}

/* x0 of a firmware call over HVC, for polling: no checks. */
static ureg firmware_call_x0(ureg x0, ureg x1, ureg x2)
{
	const ureg arg[3] = { x0, x1, x2 };
	struct hvc_frame in, out;

	fill_frame(&in, arg, 3);
	issue(IMM_0, &in, &out);
	return out.r[0];
}

/* CPU 1 as the firmware sees it: OFF, ON, or -2 when there is none. */
ureg cpu1_state_by_smc(void)
{
	return guest_smc_x0(GUEST_PSCI_AFFINITY_INFO, CPU1_MPIDR, 0);
}

/* A refused CPU_ON must not have started CPU 1 (when QEMU has one). */
static void cpu1_still_off(struct tcase *t)
{
	ureg state = cpu1_state_by_smc();

	if (state != PSCI_INVALID_PARAMETERS) {
		check_value(t, "CPU 1 AFFINITY_INFO over SMC afterwards",
			    PSCI_AFFINITY_OFF, state);
	}
}

/*
 * A bounded wait for CPU 1: SECONDARY_WAIT_SECONDS of the generic timer,
 * and a spin count as well, should the counter stand still.
 */
struct wait {
	u64 start;
	u64 ticks;
	u64 spins;
};

static void wait_start(struct wait *w)
{
	u64 freq = arch_counter_freq();

	if (freq == 0) {
		freq = 62500000;	/* QEMU's, should CNTFRQ be unset */
	}
	w->ticks = SECONDARY_WAIT_SECONDS * freq;
	w->spins = 0;
	w->start = arch_counter();
}

/* Whether the wait may go on. */
static bool wait_more(struct wait *w)
{
	return ++w->spins < (1ULL << 32) &&
	       arch_counter() - w->start <= w->ticks;
}

static void case_psci_version(struct tcase *t)
{
	ureg firmware = guest_smc_x0(PSCI_0_2_VERSION, 0, 0);

	case_diag("PSCI_VERSION over SMC ", firmware);
	/* The comparison below means something only if the firmware answers. */
	check_true(t, "PSCI_VERSION over SMC answered",
		   firmware != NOT_SUPPORTED, firmware);
	firmware_call(t, "PSCI_VERSION over HVC", PSCI_0_2_VERSION,
		      sentinel(1), sentinel(2), sentinel(3), firmware);
	stub_serves(t);
}

/* The stub implements SMCCC_VERSION itself, whatever the firmware says. */
static void case_psci_features_smccc_version(struct tcase *t)
{
	case_diag("PSCI_FEATURES(SMCCC_VERSION) over SMC ",
		  guest_smc_x0(PSCI_1_0_FEATURES, SMCCC_VERSION, 0));
	firmware_call(t, "PSCI_FEATURES(SMCCC_VERSION) over HVC",
		      PSCI_1_0_FEATURES, SMCCC_VERSION, 0, 0,
		      SMCCC_RET_SUCCESS);
#if GUEST_UPPER_BITS
	/* An SMC32 call: only w1 counts. */
	firmware_call(t, "PSCI_FEATURES(SMCCC_VERSION), x1[63:32] all ones",
		      PSCI_1_0_FEATURES, UPPER_BITS | SMCCC_VERSION, 0, 0,
		      SMCCC_RET_SUCCESS);
#endif
	stub_serves(t);
}

static void case_psci_features_forwarded(struct tcase *t)
{
	static const u32 asked[] = {
		PSCI_0_2_VERSION, PSCI_0_2_CPU_ON64, PSCI_0_2_CPU_OFF,
		PSCI_0_2_AFFINITY_INFO64, PSCI_1_0_FEATURES, 0x8400ffff,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(asked); i++) {
		firmware_call(t, "PSCI_FEATURES over HVC", PSCI_1_0_FEATURES,
			      asked[i], 0, 0,
			      guest_smc_x0(PSCI_1_0_FEATURES, asked[i], 0));
	}
	stub_serves(t);
}

/* SMCCC_ARCH_FEATURES of the firmware's calls: the firmware's answer. */
static void case_arch_features_firmware(struct tcase *t)
{
	static const u32 firmware_ids[] = {
		0x80000002,	/* SMCCC_ARCH_SOC_ID */
		0x80008000,	/* SMCCC_ARCH_WORKAROUND_1 */
		0x80007fff,	/* SMCCC_ARCH_WORKAROUND_2 */
		0x80003fff,	/* SMCCC_ARCH_WORKAROUND_3 */
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(firmware_ids); i++) {
		ureg firmware = guest_smc_x0(SMCCC_ARCH_FEATURES, firmware_ids[i], 0);

		firmware_call(t, "ARCH_FEATURES over HVC", SMCCC_ARCH_FEATURES,
			      firmware_ids[i], 0, 0, firmware);
	}
	/* The call itself too: SOC_ID with w1 = 0, the SoC ID version. */
	firmware_call(t, "SMCCC_ARCH_SOC_ID over HVC", firmware_ids[0], 0, 0,
		      0, guest_smc_x0(firmware_ids[0], 0, 0));
	stub_serves(t);
}

/* TRNG answers in x0..x3; only x0 is compared (the rest is the firmware's). */
static void case_trng_version(struct tcase *t)
{
	struct call c = {
		.nargs = 1,
		.arg = { TRNG_VERSION },
		.results = BIT(0),
		.checked = BIT(0),
		.want = { NOT_SUPPORTED },
	};
	struct hvc_frame out;

	if (suite.psci_proxy) {
		c.results = BIT(0) | BIT(1) | BIT(2) | BIT(3);
		c.want[0] = guest_smc_x0(TRNG_VERSION, 0, 0);
	}
	call(t, "TRNG_VERSION over HVC", &c, &out);
	stub_serves(t);
}

static void case_cpu_on_no_slot(struct tcase *t)
{
	ureg entry = (ureg)guest_secondary_entry;
	unsigned int i;

	for (i = 0; i < arch_nr_no_slot_mpidrs; i++) {
		firmware_call(t, "CPU_ON over HVC", GUEST_PSCI_CPU_ON,
			      arch_no_slot_mpidrs[i], entry, GUEST_CPU1_CONTEXT,
			      PSCI_INVALID_PARAMETERS);
	}
	firmware_call(t, "CPU_ON32 over HVC, Aff2 set", PSCI_0_2_CPU_ON32,
		      0x10000, entry, GUEST_CPU1_CONTEXT, PSCI_INVALID_PARAMETERS);
	cpu1_still_off(t);
	stub_serves(t);
}

/*
 * Refused by the stub itself: QEMU would start CPU 1 at any address, so
 * CPU 1 staying off shows that no SMC was made.
 */
static void case_cpu_on_bad_entry(struct tcase *t)
{
	ureg entry = (ureg)guest_secondary_entry;
	unsigned int i;

	for (i = 0; i < NR_BAD_ADDRESSES; i++) {
		firmware_call(t, "CPU_ON over HVC, bad entry",
			      GUEST_PSCI_CPU_ON, CPU1_MPIDR,
			      bad_address(i, entry, HYPSTUB_ENTRY_ALIGN),
			      GUEST_CPU1_CONTEXT, PSCI_INVALID_ADDRESS);
	}
#if GUEST_UPPER_BITS
	/* An SMC32 call's entry is w2: 0 here. */
	firmware_call(t, "CPU_ON32 over HVC, entry 1 << 32",
		      PSCI_0_2_CPU_ON32, CPU1_MPIDR, 1UL << 32,
		      GUEST_CPU1_CONTEXT, PSCI_INVALID_ADDRESS);
#endif
	cpu1_still_off(t);
	stub_serves(t);
}

/*
 * CPU 1 started through the proxy runs secondary.S at EL1 with the stub
 * installed, reports, and switches itself off through the proxy.  Without
 * the proxy the call answers -1 and CPU 1 stays off.
 */
void cpu_on_secondary(struct tcase *t)
{
	volatile struct secondary_record *rec = &guest_secondary_record;
	ureg entry = (ureg)guest_secondary_entry;
	ureg state = cpu1_state_by_smc();
	struct wait w;

	if (state == PSCI_INVALID_PARAMETERS) {
		t->skip = "QEMU has no CPU 1 (-smp 1)";
		return;
	}
	if (!check_value(t, "CPU 1 AFFINITY_INFO over SMC before CPU_ON",
			 PSCI_AFFINITY_OFF, state)) {
		return;
	}
	rec->ran = 0;
	rec->off_returned = 0;
	firmware_call(t, "AFFINITY_INFO(CPU 1) over HVC before CPU_ON",
		      GUEST_PSCI_AFFINITY_INFO, CPU1_MPIDR, 0, 0,
		      PSCI_AFFINITY_OFF);
	if (!firmware_call(t, "CPU_ON(CPU 1) over HVC", GUEST_PSCI_CPU_ON,
			   CPU1_MPIDR, entry, GUEST_CPU1_CONTEXT, PSCI_SUCCESS) ||
	    !suite.psci_proxy) {
		/* Without the proxy, -1 was right: CPU 1 must still be off. */
		cpu1_still_off(t);
		stub_serves(t);
		return;
	}
	wait_start(&w);
	while (!rec->ran && wait_more(&w)) {
		;
	}
	if (!rec->ran) {
		fail_value(t, "CPU 1 never reached its entry; its "
			   "AFFINITY_INFO over SMC", PSCI_AFFINITY_OFF,
			   cpu1_state_by_smc());
		return;
	}
	check_value(t, "r0 on CPU 1 (the context)", GUEST_CPU1_CONTEXT, rec->r[0]);
	arch_check_secondary(t, rec);
	check_value(t, "MPIDR affinity on CPU 1", CPU1_MPIDR,
		    rec->mpidr & GUEST_MPIDR_AFFINITY_MASK);
	/* The stub answers CPU 1's HVCs: it is installed there too. */
	check_value(t, "GET_ABI_VERSION over HVC on CPU 1",
		    HYPSTUB_ABI_VERSION, rec->abi_version);
	check_value(t, "GET_VECTORS x0 on CPU 1", SMCCC_RET_SUCCESS,
		    rec->vectors_x0);
	check_value(t, "GET_VECTORS x1 on CPU 1 (the stub's vectors)",
		    suite.stub_vectors, rec->vectors_x1);
	case_diag("CPU 1 ran with the stub; its MPIDR ", rec->mpidr);

	/* CPU 1 switches itself off with CPU_OFF over HVC: wait for it. */
	wait_start(&w);
	while (!rec->off_returned &&
	       firmware_call_x0(GUEST_PSCI_AFFINITY_INFO, CPU1_MPIDR, 0) !=
	       PSCI_AFFINITY_OFF && wait_more(&w)) {
		;
	}
	if (rec->off_returned) {
		fail_value(t, "PSCI CPU_OFF over HVC returned on CPU 1; r0",
			   0, rec->off_x0);
	}
	firmware_call(t, "AFFINITY_INFO(CPU 1) over HVC after CPU_OFF",
		      GUEST_PSCI_AFFINITY_INFO, CPU1_MPIDR, 0, 0,
		      PSCI_AFFINITY_OFF);
	check_value(t, "CPU 1 AFFINITY_INFO over SMC after CPU_OFF",
		    PSCI_AFFINITY_OFF, cpu1_state_by_smc());
}

static void case_cpu_on_secondary(struct tcase *t)
{
	cpu_on_secondary(t);
	stub_serves(t);
	vectors_unchanged(t);
}

/* ---- Owning EL2: reset, take over and give back, soft restart --------- */

static void reset_vectors_case(struct tcase *t, bool legacy)
{
	if (legacy) {
		call_x0(t, "legacy RESET_VECTORS", IMM_0,
			suite.legacy->reset_vectors, 0, 1, 0);
	} else {
		call_x0(t, "HYPSTUB_RESET_VECTORS", IMM_0,
			GUEST_RESET_VECTORS, 0, 1, SMCCC_RET_SUCCESS);
	}
	vectors_unchanged(t);
	stub_serves(t);
}

static void case_reset_vectors_legacy(struct tcase *t)
{
	if (suite.pre412_arm) {
		t->skip = NO_PRE412_ARM_RESET_VECTORS;
		return;
	}
	reset_vectors_case(t, true);
}

static void case_reset_vectors_smccc(struct tcase *t)
{
	reset_vectors_case(t, false);
}

/* HVCs served by the guest's vectors while it owns EL2. */
static void while_guest_owns_el2(struct tcase *t, ureg mine)
{
	struct hvc_frame out;
	const struct call whoami = {
		.nargs = 1,
		.arg = { GUEST_EL2_WHOAMI },
		.results = BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(4),
		.checked = BIT(0) | BIT(3),
		.want = { 0, 0, 0, mine },
	};

	if (call(t, "guest EL2 WHOAMI", &whoami, &out)) {
		arch_check_whoami(t, &out);
	}
	arch_while_guest_owns(t);
}

/*
 * Linux arm's pre-4.12 scheme, as a pre-4.12 KVM took HYP over and gave it
 * back: __hyp_get_vectors() (r0 = -1) saves the stub's table,
 * __hyp_set_vectors(mine) (r0 = the guest's table) installs the guest's,
 * and __hyp_set_vectors(saved), served by the owner's vectors, puts the
 * stub's back.  While the guest owns HYP, r0 = -1 reaches its vectors,
 * which answer with their own table (arm/hyp.S), as KVM's did.
 */
static void take_over_pre412_arm(struct tcase *t)
{
	const ureg mine = (ureg)guest_el2_vectors;
	const struct call get = {
		.nargs = 1,
		.arg = { HVC_PRE412_AARCH32_GET_VECTORS },
		.results = BIT(0),
	};
	struct hvc_frame out;
	ureg saved;

	if (!call(t, "r0 = -1 (save)", &get, &out) ||
	    !check_value(t, "saved vectors (r0 after r0 = -1)",
			 suite.stub_vectors, out.r[0])) {
		return;
	}
	saved = out.r[0];
	arch_save_stub_vectors(saved);
	if (call_x0(t, "r0 = the guest's vectors (set)", IMM_0, mine, 0, 1,
		    0) &&
	    pre412_arm_get(t, "r0 = -1 under the guest's vectors", mine)) {
		while_guest_owns_el2(t, mine);
		call_x0(t, "r0 = the saved vectors, to the owner (give back)",
			IMM_0, saved, 0, 1, 0);
	} else {
		recover_stub_vectors();
	}
	stub_serves(t);
	vectors_unchanged(t);
}

static void take_over_case(struct tcase *t, bool legacy)
{
	ureg mine = (ureg)guest_el2_vectors, saved;
	bool installed;

	if (legacy && suite.pre412_arm) {
		take_over_pre412_arm(t);
		return;
	}
	if (!get_vectors(t, "GET_VECTORS (save)", &saved)) {
		return;
	}
	check_value(t, "saved vectors", suite.stub_vectors, saved);
	arch_save_stub_vectors(saved);
	if (legacy) {
		installed = call_x0(t, "legacy SET_VECTORS(guest vectors)",
				    IMM_0, suite.legacy->set_vectors, mine, 2,
				    0);
	} else {
		installed = call_x0(t, "HYPSTUB_SET_VECTORS(guest vectors)",
				    IMM_0, GUEST_SET_VECTORS, mine, 2,
				    SMCCC_RET_SUCCESS);
	}
	if (installed) {
		while_guest_owns_el2(t, mine);
		/* The guest's RESET_VECTORS emulation: back to @saved. */
		arch_give_back(t, saved, legacy);
	} else {
		recover_stub_vectors();
	}
	stub_serves(t);
	vectors_unchanged(t);
}

static void case_take_over_legacy(struct tcase *t)
{
	take_over_case(t, true);
}

static void case_take_over_smccc(struct tcase *t)
{
	take_over_case(t, false);
}

void check_passed_on(struct tcase *t)
{
	struct call uid = uid_call_template;
	const struct call vectors = {
		.nargs = 1,
		.arg = { GUEST_GET_VECTORS },
		.results = BIT(0) | BIT(1),
		.checked = BIT(0) | BIT(1),
		.want = { SMCCC_RET_SUCCESS, (ureg)guest_el2_vectors },
	};
	struct hvc_frame out;

	uid.arg[0] = HYPSTUB_VENDOR_UID;
	call(t, "Vendor UID passed on", &uid, &out);
	call_x0(t, "GET_ABI_VERSION passed on", IMM_0, HYPSTUB_GET_ABI_VERSION,
		0, 1, HYPSTUB_ABI_VERSION);
	call(t, "GET_VECTORS passed on", &vectors, &out);
	if (suite.psci_proxy) {
		firmware_call(t, "PSCI_VERSION passed on", PSCI_0_2_VERSION,
			      0, 0, 0, guest_smc_x0(PSCI_0_2_VERSION, 0, 0));
	}
}

/* Take EL2 over with HYPSTUB_SET_VECTORS, passing calls on to @saved's stub. */
bool borrow_el2(struct tcase *t, ureg *saved)
{
	if (!get_vectors(t, "GET_VECTORS (save)", saved)) {
		return false;
	}
	arch_save_stub_vectors(*saved);
	if (!call_x0(t, "HYPSTUB_SET_VECTORS(guest vectors)", IMM_0,
		     GUEST_SET_VECTORS, (ureg)guest_el2_vectors, 2,
		     SMCCC_RET_SUCCESS)) {
		recover_stub_vectors();
		return false;
	}
	return true;
}

void give_el2_back(struct tcase *t, ureg saved)
{
	call_x0(t, "guest EL2 GIVE_BACK", IMM_0, GUEST_EL2_GIVE_BACK, saved, 2,
		0);
}

/* The guest's own vectors still hold EL2 on this CPU. */
void still_borrowed(struct tcase *t)
{
	const struct call whoami = {
		.nargs = 1,
		.arg = { GUEST_EL2_WHOAMI },
		.results = BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(4),
		.checked = BIT(0) | BIT(3),
		.want = { 0, 0, 0, (ureg)guest_el2_vectors },
	};
	struct hvc_frame out;

	call(t, "guest EL2 WHOAMI: the vectors still the guest's", &whoami,
	     &out);
}

/*
 * SOFT_RESTART into the guest's target at EL2.  The target records what it
 * found and erets to EL1 at the call helper's return point, so the call
 * looks like any other HVC from here; only what it recorded is checked,
 * since a restart promises nothing about the other registers.
 */
static void soft_restart_case(struct tcase *t, bool legacy)
{
	volatile struct soft_restart_record *rec = &guest_soft_restart_record;
	const ureg arg[5] = {
		legacy ? suite.legacy->soft_restart : GUEST_SOFT_RESTART,
		(ureg)guest_soft_restart_target,
		restart_arg(2),
		restart_arg(3),
		restart_arg(4),
	};
	struct hvc_frame in, out;

	rec->ran = 0;
	fill_frame(&in, arg, ARRAY_SIZE(arg));
	issue(IMM_0, &in, &out);

	if (!rec->ran) {
		fail_value(t, "SOFT_RESTART did not reach its target; r0",
			   0, out.r[0]);
		stub_serves(t);
		return;
	}
	check_value(t, "r0 at the target (r2 of the call)", in.r[2], rec->r[0]);
	check_value(t, "r1 at the target (r3 of the call)", in.r[3], rec->r[1]);
	check_value(t, "r2 at the target (r4 of the call)", in.r[4], rec->r[2]);
	check_value(t, "r3 at the target", 0, rec->r[3]);
	arch_check_soft_restart(t, rec);
	stub_serves(t);
	vectors_unchanged(t);
}

static void case_soft_restart_legacy(struct tcase *t)
{
	if (suite.pre412_arm) {
		t->skip = NO_PRE412_ARM_SOFT_RESTART;
		return;
	}
	soft_restart_case(t, true);
}

static void case_soft_restart_smccc(struct tcase *t)
{
	soft_restart_case(t, false);
}

/* At the very end: the stub serves as it did at the start. */
static void case_still_serving(struct tcase *t)
{
	call_x0(t, "GET_ABI_VERSION", IMM_0, HYPSTUB_GET_ABI_VERSION, 0, 1,
		HYPSTUB_ABI_VERSION);
	stub_serves(t);
	vectors_unchanged(t);
}

/* ---- The run, in order; the plan is counted from the same lists ------- */

/* <arch>/arch.h names the cases of <arch>/arch.c that go in between. */
#define EARLY_CASES(X)							\
	ARCH_ENTRY_CASES(X)						\
	X(case_smccc_version, "SMCCC_VERSION is 1.1")			\
	X(case_std_hyp_count, "Std Hyp call count")			\
	X(case_std_hyp_uid, "Std Hyp UID")				\
	X(case_std_hyp_revision, "Std Hyp revision")			\
	X(case_vendor_count, "Vendor call count is 10")			\
	X(case_vendor_uid, "Vendor UID is hypstub's")			\
	X(case_vendor_revision, "Vendor revision is the ABI version")	\
	X(case_abi_version, "GET_ABI_VERSION is the header's")		\
	X(case_get_config, "GET_CONFIG")				\
	X(case_get_vectors, "GET_VECTORS")				\
	X(case_legacy_numbering, "legacy numbering matches GET_CONFIG")	\
	ARCH_EARLY_CASES(X)						\
	X(case_hvc_imm_set_vectors, "hvc #imm != 0 never installs vectors")

#define PSCI_CASES(X)							\
	X(case_psci_version, "PSCI_VERSION over HVC")			\
	X(case_psci_features_smccc_version,				\
	  "PSCI_FEATURES(SMCCC_VERSION) over HVC")			\
	X(case_psci_features_forwarded,					\
	  "PSCI_FEATURES of PSCI calls over HVC")			\
	X(case_arch_features_firmware,					\
	  "ARCH_FEATURES of SOC_ID and the workarounds over HVC")	\
	X(case_trng_version, "TRNG_VERSION over HVC")			\
	X(case_cpu_on_no_slot, "PSCI CPU_ON over HVC, MPIDR with no slot") \
	X(case_cpu_on_bad_entry, "PSCI CPU_ON over HVC, bad entry point") \
	X(case_cpu_on_secondary, "PSCI CPU_ON of CPU 1 over HVC")

#define OWNER_CASES(X)							\
	X(case_reset_vectors_legacy,					\
	  "legacy RESET_VECTORS while the stub owns " GUEST_EL2)		\
	X(case_reset_vectors_smccc,					\
	  "HYPSTUB_RESET_VECTORS while the stub owns " GUEST_EL2)		\
	X(case_take_over_legacy,					\
	  "take " GUEST_EL2 " over with legacy SET_VECTORS and give it back")	\
	X(case_take_over_smccc,						\
	  "take " GUEST_EL2 " over with HYPSTUB_SET_VECTORS and give it back")	\
	ARCH_OWNER_CASES(X)						\
	X(case_soft_restart_legacy, "legacy SOFT_RESTART into " GUEST_EL2)	\
	X(case_soft_restart_smccc, "HYPSTUB_SOFT_RESTART into " GUEST_EL2)

#define FINAL_CASES(X)							\
	X(case_still_serving, "stub still serving, vectors unchanged")

#define COUNT_CASE(fn, name)	+ 1
#define RUN_CASE(fn, name)	run_case(name, fn);

static void run_case(const char *name, void (*fn)(struct tcase *))
{
	struct tcase t = { 0 };

	text_reset(&t.detail);
	fn(&t);
	case_report(&t, name);
}

static void start_case(struct tcase *t, struct text *name)
{
	t->failures = 0;
	t->skip = 0;
	text_reset(&t->detail);
	text_reset(name);
}

unsigned int cases_planned(void)
{
	return 0 EARLY_CASES(COUNT_CASE) PSCI_CASES(COUNT_CASE)
		OWNER_CASES(COUNT_CASE) FINAL_CASES(COUNT_CASE) +
	       ARRAY_SIZE(arch_features_cases) + ARRAY_SIZE(probe_cases) +
	       ARRAY_SIZE(rejected_calls) + 4 * NR_BAD_ADDRESSES;
}

void cases_run(void)
{
	struct text name;
	struct tcase t;
	unsigned int i, legacy;

	setup();

	EARLY_CASES(RUN_CASE)

	for (i = 0; i < ARRAY_SIZE(arch_features_cases); i++) {
		const struct id_answer *a = &arch_features_cases[i];

		start_case(&t, &name);
		text_puts(&name, "ARCH_FEATURES(");
		text_puts(&name, a->name);
		text_puts(&name, a->want ? ") is -1" : ") is 0");
		id_answer_case(&t, SMCCC_ARCH_FEATURES, "ARCH_FEATURES", a);
		case_report(&t, name.buf);
	}
	for (i = 0; i < ARRAY_SIZE(probe_cases); i++) {
		const struct id_answer *a = &probe_cases[i];

		start_case(&t, &name);
		text_puts(&name, "PROBE(");
		text_puts(&name, a->name);
		text_puts(&name, a->want ? ") is -1" : ") is 0");
		id_answer_case(&t, HYPSTUB_PROBE, "PROBE", a);
		case_report(&t, name.buf);
	}
	for (i = 0; i < ARRAY_SIZE(rejected_calls); i++) {
		start_case(&t, &name);
		text_puts(&name, "refused: ");
		text_puts(&name, rejected_calls[i].name);
		rejected_call_case(&t, &rejected_calls[i]);
		case_report(&t, name.buf);
	}

	PSCI_CASES(RUN_CASE)

	OWNER_CASES(RUN_CASE)

	/*
	 * Last: a stub that wrongly accepted one of these sends the next
	 * HVC, or the restart itself, to a bad address at EL2 and the run
	 * ends in a timeout, so every other case has reported by then.
	 */
	for (legacy = 0; legacy < 2; legacy++) {
		for (i = 0; i < NR_BAD_ADDRESSES; i++) {
			start_case(&t, &name);
			text_puts(&name, legacy ? "legacy SET_VECTORS refuses "
						: "HYPSTUB_SET_VECTORS refuses ");
			text_puts(&name, bad_address_names[i]);
			set_vectors_refused_case(&t, i, legacy);
			case_report(&t, name.buf);
		}
	}
	for (legacy = 0; legacy < 2; legacy++) {
		for (i = 0; i < NR_BAD_ADDRESSES; i++) {
			start_case(&t, &name);
			text_puts(&name, legacy ? "legacy SOFT_RESTART refuses "
						: "HYPSTUB_SOFT_RESTART refuses ");
			text_puts(&name, bad_address_names[i]);
			soft_restart_refused_case(&t, i, legacy);
			case_report(&t, name.buf);
		}
	}

	FINAL_CASES(RUN_CASE)
}
