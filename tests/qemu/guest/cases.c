// SPDX-License-Identifier: BSD-2-Clause
/*
 * The conformance cases: every call of hypstub's ABI (docs/hyp-abi.rst),
 * its refusals, the hand-over of EL2 and back, and the PSCI proxy: firmware
 * calls over HVC against the same calls made with SMC (QEMU answers them),
 * and a real PSCI CPU_ON of CPU 1 through the stub.  What a build leaves
 * out (GET_CONFIG, PROBE) decides which answers are expected.
 *
 * Every HVC goes through call(): x1..x30 and SP carry sentinels (fresh for
 * each call) unless they are arguments, and afterwards every register that
 * is not a result of the call must still hold what it was loaded with.
 * Each case prints exactly one TAP line; the first failure it meets is its
 * detail, later ones are counted.
 *
 * No table here holds a pointer: the guest is position independent and
 * carries no relocations, so names are stored as arrays.
 */
#include <stdbool.h>

#include "guest.h"

#define SENTINEL_BASE		0x5e5e000000000000UL
#define RESTART_ARG_BASE	0x5a5a00000000a000UL

/* SMCCC results are sign-extended to 64 bits. */
#define RET(v)			((u64)(s64)(v))
#define NOT_SUPPORTED		RET(SMCCC_RET_NOT_SUPPORTED)
#define INVALID_PARAMETER	RET(SMCCC_RET_INVALID_PARAMETER)

#define UPPER_BITS		0xffffffff00000000UL

/* PSCI results (Arm DEN0022), and the CPU the proxy's cases start. */
#define PSCI_SUCCESS		0
#define PSCI_INVALID_PARAMETERS	RET(-2)
#define PSCI_INVALID_ADDRESS	RET(-9)
#define PSCI_AFFINITY_OFF	1
#define CPU1_MPIDR		0x1UL
#define CPU1_CONTEXT		0xc0de5ec0dec0de01UL
#define MPIDR_AFFINITY_MASK	0xff00ffffffUL
/* How long CPU 0 waits for CPU 1 at most: the run never hangs on it. */
#define SECONDARY_WAIT_SECONDS	5

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
#define FDT_MAGIC		0xd00dfeedU

enum hvc_imm {
	IMM_0,
	IMM_1,
	IMM_FFFF,
};

/* One HVC: what goes in, which of x0..x4 are results and their values. */
struct call {
	enum hvc_imm imm;
	unsigned int nargs;		/* x0..x[nargs - 1] from arg[] */
	u64 arg[5];
	unsigned int results;		/* registers the call may change */
	unsigned int checked;		/* results with a known value */
	u64 want[5];
};

/* The stub's legacy numbering, chosen by GET_CONFIG bit 0. */
struct legacy_numbers {
	u64 set_vectors;
	u64 soft_restart;
	u64 reset_vectors;
};

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

static struct {
	unsigned int seq;
	u64 pa_limit;			/* 2^PA bits (ID_AA64MMFR0_EL1) */
	u64 stub_vectors;		/* VBAR_EL2 as first reported */
	u64 config;			/* GET_CONFIG flags */
	bool pre_4_12;
	const struct legacy_numbers *legacy;
	bool std_hyp;			/* PROBE says the group is built */
	bool gic_sysregs;		/* ID_AA64PFR0_EL1.GIC != 0 */
	bool psci_proxy;		/* GET_CONFIG says the proxy is built */
	bool have_ich_vtr;
	u64 ich_vtr;			/* the stub's GET_ICH_VTR_EL2 answer */
	u64 takeover_sp;		/* SP_EL2 seen by the guest's vectors */
	u64 restart_sp;			/* SP_EL2 at the SOFT_RESTART target */
} suite;

static u64 sentinel(unsigned int reg)
{
	return SENTINEL_BASE | ((u64)(suite.seq & 0xffff) << 16) | reg;
}

static u64 restart_arg(unsigned int reg)
{
	return RESTART_ARG_BASE | ((u64)(suite.seq & 0xffff) << 16) | reg;
}

static void issue(enum hvc_imm imm, const struct hvc_frame *in,
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

static void fill_frame(struct hvc_frame *in, const u64 *arg, unsigned int nargs)
{
	unsigned int reg;

	suite.seq++;
	for (reg = 0; reg < 31; reg++) {
		in->x[reg] = reg < nargs ? arg[reg] : sentinel(reg);
	}
	in->sp = sentinel(31);
}

/* Count a failure; only the first one becomes the case's detail. */
static bool first_failure(struct tcase *t)
{
	return t->failures++ == 0;
}

static void fail_value(struct tcase *t, const char *what, u64 want, u64 got)
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

static bool check_value(struct tcase *t, const char *what, u64 want, u64 got)
{
	if (want == got) {
		return true;
	}
	fail_value(t, what, want, got);
	return false;
}

static bool check_true(struct tcase *t, const char *what, bool cond, u64 got)
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
			  unsigned int reg, u64 want, u64 got)
{
	if (!first_failure(t)) {
		return;
	}
	text_puts(&t->detail, what);
	text_puts(&t->detail, ": ");
	if (reg == 31) {
		text_puts(&t->detail, "SP");
	} else {
		text_puts(&t->detail, "x");
		text_put_dec(&t->detail, reg);
	}
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
static bool call(struct tcase *t, const char *what, const struct call *c,
		 struct hvc_frame *out)
{
	unsigned int before = t->failures;
	struct hvc_frame in;
	unsigned int reg;

	fill_frame(&in, c->arg, c->nargs);
	issue(c->imm, &in, out);
	for (reg = 0; reg < 31; reg++) {
		if (c->results & BIT(reg)) {
			if (reg < ARRAY_SIZE(c->want) && (c->checked & BIT(reg)) &&
			    out->x[reg] != c->want[reg]) {
				fail_register(t, what, "", reg, c->want[reg],
					      out->x[reg]);
			}
		} else if (out->x[reg] != in.x[reg]) {
			fail_register(t, what, " not preserved:", reg,
				      in.x[reg], out->x[reg]);
		}
	}
	if (out->sp != in.sp) {
		fail_register(t, what, " not preserved:", 31, in.sp, out->sp);
	}
	return t->failures == before;
}

/* A call whose only result is x0, with a known value. */
static bool call_x0(struct tcase *t, const char *what, enum hvc_imm imm,
		    u64 x0, u64 x1, unsigned int nargs, u64 want)
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
static void raw_call(u64 x0, u64 x1, struct hvc_frame *out)
{
	const u64 arg[2] = { x0, x1 };
	struct hvc_frame in;

	fill_frame(&in, arg, 2);
	issue(IMM_0, &in, out);
}

/*
 * The SMCCC version the stub must answer (ABI 1.3, docs/hyp-abi.rst
 * SMCCC_VERSION): 1.1 on a CPU without EL3 (ID_AA64PFR0_EL1.EL3 0: no
 * firmware to ask, QEMU's PSCI here); with EL3, 1.1 or 1.2 as the firmware
 * below reports, and the same answer every time after the first.
 */
static u64 smccc_version_want(void)
{
	static u64 seen;
	struct hvc_frame in = { 0 }, out;

	if (((read_sysreg(id_aa64pfr0_el1) >> 12) & 0xf) == 0) {
		return HYPSTUB_SMCCC_VERSION;
	}
	if (seen == 0) {
		in.x[0] = SMCCC_VERSION;
		guest_hvc0(&in, &out);
		seen = out.x[0] == HYPSTUB_SMCCC_VERSION_1_2 ?
		       HYPSTUB_SMCCC_VERSION_1_2 : HYPSTUB_SMCCC_VERSION;
	}
	return seen;
}

/* After a refused or odd call: the stub must still answer as before. */
static bool stub_serves(struct tcase *t)
{
	return call_x0(t, "SMCCC_VERSION afterwards", IMM_0, SMCCC_VERSION, 0,
		       1, smccc_version_want());
}

static bool get_vectors(struct tcase *t, const char *what, u64 *vbar)
{
	static const struct call c = {
		.nargs = 1,
		.arg = { HYPSTUB_GET_VECTORS },
		.results = BIT(0) | BIT(1),
		.checked = BIT(0),
		.want = { SMCCC_RET_SUCCESS },
	};
	struct hvc_frame out;

	if (!call(t, what, &c, &out)) {
		return false;
	}
	*vbar = out.x[1];
	return true;
}

static bool vectors_unchanged(struct tcase *t)
{
	u64 vbar;

	if (!get_vectors(t, "GET_VECTORS afterwards", &vbar)) {
		return false;
	}
	return check_value(t, "VBAR_EL2 (GET_VECTORS x1) afterwards",
			   suite.stub_vectors, vbar);
}

/*
 * If a call that should have been refused installed the guest's vectors,
 * the guest owns EL2: hand it back so the later cases still test the stub.
 */
static void recover_stub_vectors(void)
{
	struct hvc_frame out;

	/* The stub answers WHOAMI, a legacy number, with HVC_STUB_ERR. */
	raw_call(GUEST_EL2_WHOAMI, 0, &out);
	if (out.x[0] != 0) {
		return;
	}
	raw_call(GUEST_EL2_GIVE_BACK, suite.stub_vectors, &out);
	if (out.x[0] == SMCCC_RET_SUCCESS) {
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
	facts->std_hyp = suite.std_hyp;
	facts->psci_proxy = suite.psci_proxy;
	facts->gic_sysregs = suite.gic_sysregs;
}

static void setup(void)
{
	static const u8 pa_range_bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	u64 parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	u64 gic = (read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf;
	struct hvc_frame out;

	/* Reserved PARange values: assume the largest the architecture has. */
	suite.pa_limit = 1UL << (parange < ARRAY_SIZE(pa_range_bits) ?
				 pa_range_bits[parange] : 52);
	suite.gic_sysregs = gic != 0;

	raw_call(HYPSTUB_GET_CONFIG, 0, &out);
	suite.config = out.x[0] == SMCCC_RET_SUCCESS ? out.x[1] : 0;
	suite.pre_4_12 = suite.config & HYPSTUB_CONFIG_LEGACY_PRE_4_12;
	suite.legacy = suite.pre_4_12 ? &pre_4_12_numbers : &linux_4_12_numbers;
	suite.psci_proxy = suite.config & HYPSTUB_CONFIG_PSCI_PROXY;

	raw_call(HYPSTUB_GET_VECTORS, 0, &out);
	suite.stub_vectors = out.x[0] == SMCCC_RET_SUCCESS ? out.x[1] : 0;

	raw_call(HYPSTUB_PROBE, HYPSTUB_STD_HYP_CALL_COUNT, &out);
	suite.std_hyp = out.x[0] == SMCCC_RET_SUCCESS;

	case_diag("loaded at ", guest_entry_record.load_address);
	case_diag("ID_AA64MMFR0_EL1.PARange ", parange);
	case_diag("ID_AA64PFR0_EL1.GIC ", gic);
	case_diag("GET_CONFIG flags ", suite.config);
	case_diag("stub vectors ", suite.stub_vectors);
	case_diag("guest EL2 vectors ", (u64)guest_el2_vectors);
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

static void case_entry_state(struct tcase *t)
{
	const struct entry_record *e = &guest_entry_record;

	case_diag("DTB at ", e->x[0]);
	if (check_true(t, "x0 (DTB) non-zero and 8-byte aligned",
		       e->x[0] && !(e->x[0] & 7), e->x[0])) {
		u32 magic = *(volatile u32 *)e->x[0];

		check_value(t, "DTB magic", FDT_MAGIC,
			    __builtin_bswap32(magic));
	}
	check_value(t, "x1 at entry", 0, e->x[1]);
	check_value(t, "x2 at entry", 0, e->x[2]);
	check_value(t, "x3 at entry", 0, e->x[3]);
	check_value(t, "CurrentEL at entry", CURRENT_EL_EL1, e->current_el);
	check_value(t, "DAIF at entry", DAIF_ALL_MASKED, e->daif);
	check_value(t, "SPSel at entry", 1, e->spsel);
	check_value(t, "SCTLR_EL1 at entry", SCTLR_EL1_AT_ENTRY, e->sctlr_el1);
}

static void case_smccc_version(struct tcase *t)
{
	call_x0(t, "SMCCC_VERSION", IMM_0, SMCCC_VERSION, 0, 1,
		smccc_version_want());
}

/* Only w0 is the function ID: bits 63:32 of x0 are ignored. */
static void case_x0_upper_bits(struct tcase *t)
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

/* Standard hypervisor group: consistent with what PROBE says about it. */
static void check_std_hyp_probe(struct tcase *t, u64 id)
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

static const struct call uid_call_template = {
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
	const u64 known = HYPSTUB_CONFIG_LEGACY_PRE_4_12 |
			  HYPSTUB_CONFIG_DEBUG_UART |
			  HYPSTUB_CONFIG_PSCI_PROXY;
	struct hvc_frame out;

	if (!call(t, "GET_CONFIG", &c, &out)) {
		return;
	}
	check_value(t, "GET_CONFIG flags outside the defined bits", 0,
		    out.x[1] & ~known);
	check_value(t, "GET_CONFIG flags against the first reading",
		    suite.config, out.x[1]);
}

static void case_get_vectors(struct tcase *t)
{
	u64 vbar;

	if (!get_vectors(t, "GET_VECTORS", &vbar)) {
		return;
	}
	check_true(t, "VBAR_EL2 non-zero", vbar != 0, vbar);
	check_value(t, "VBAR_EL2 2 KiB alignment", 0,
		    vbar & (HYPSTUB_VECTORS_ALIGN - 1));
	check_true(t, "VBAR_EL2 below 2^PA", vbar < suite.pa_limit, vbar);
	check_true(t, "VBAR_EL2 is not the guest's table",
		   vbar != (u64)guest_el2_vectors, vbar);
}

/*
 * The legacy numbering the stub answers must be the one GET_CONFIG bit 0
 * names.  Number 0 tells them apart: SET_VECTORS (refused here, x1 = 0)
 * from v4.12 on, GET_VECTORS before.
 */
static void case_legacy_numbering(struct tcase *t)
{
	if (suite.pre_4_12) {
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

static void case_get_ich_vtr(struct tcase *t)
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
	check_true(t, "ICH_VTR_EL2 (x1) non-zero", out.x[1] != 0, out.x[1]);
	suite.have_ich_vtr = true;
	suite.ich_vtr = out.x[1];
	case_diag("ICH_VTR_EL2 from the stub ", out.x[1]);
}

/* hvc #imm with imm != 0 is not a stub call, even with a valid x0/x1. */
static void case_hvc_imm_set_vectors(struct tcase *t)
{
	call_x0(t, "hvc #1 HYPSTUB_SET_VECTORS", IMM_1, HYPSTUB_SET_VECTORS,
		(u64)guest_el2_vectors, 2, NOT_SUPPORTED);
	call_x0(t, "hvc #0xffff legacy SET_VECTORS", IMM_FFFF,
		suite.legacy->set_vectors, (u64)guest_el2_vectors, 2,
		NOT_SUPPORTED);
	if (!stub_serves(t)) {
		recover_stub_vectors();
	}
	vectors_unchanged(t);
}

/* ---- Tables ----------------------------------------------------------- */

struct id_answer {
	char name[56];
	u64 id;
	u64 want;
};

static const struct id_answer arch_features_cases[] = {
	{ "SMCCC_VERSION", SMCCC_VERSION, 0 },
	{ "SMCCC_ARCH_FEATURES", SMCCC_ARCH_FEATURES, 0 },
	{ "SMCCC_VERSION, x1[63:32] all ones", UPPER_BITS | SMCCC_VERSION, 0 },
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
	{ "HYPSTUB_GET_VECTORS", HYPSTUB_GET_VECTORS, 0 },
	{ "HYPSTUB_SET_VECTORS", HYPSTUB_SET_VECTORS, 0 },
	{ "HYPSTUB_SOFT_RESTART", HYPSTUB_SOFT_RESTART, 0 },
	{ "HYPSTUB_RESET_VECTORS", HYPSTUB_RESET_VECTORS, 0 },
	{ "HYPSTUB_PROBE, x1[63:32] all ones", UPPER_BITS | HYPSTUB_PROBE, 0 },
	{ "vendor 0x86000003", 0x86000003, NOT_SUPPORTED },
	{ "vendor 0x8600ff02", 0x8600ff02, NOT_SUPPORTED },
	{ "vendor SMC64 0xc6000014", 0xc6000014, NOT_SUPPORTED },
	{ "GET_VECTORS as SMC32 0x86000010", 0x86000010, NOT_SUPPORTED },
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
	u64 x0;
	u64 want;
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
	{ "GET_VECTORS as SMC32 0x86000010", IMM_0, 0x86000010,
	  NOT_SUPPORTED },
	{ "SET_VECTORS as SMC32 0x86000011", IMM_0, 0x86000011,
	  NOT_SUPPORTED },
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
	{ "legacy 0xe20 (the guest's own EL2 call)", IMM_0, GUEST_EL2_WHOAMI,
	  HVC_STUB_ERR },
	{ "legacy 0xfff", IMM_0, 0xfff, HVC_STUB_ERR },
	{ "legacy 0xffffff", IMM_0, 0xffffff, HVC_STUB_ERR },
	{ "legacy 0xffffff with x0[63:32] all ones", IMM_0,
	  UPPER_BITS | 0xffffff, HVC_STUB_ERR },
	{ "hvc #1 SMCCC_VERSION", IMM_1, SMCCC_VERSION, NOT_SUPPORTED },
	{ "hvc #1 legacy 5", IMM_1, 5, NOT_SUPPORTED },
	{ "hvc #0xffff GET_ABI_VERSION", IMM_FFFF, HYPSTUB_GET_ABI_VERSION,
	  NOT_SUPPORTED },
};

/* Bad addresses for SET_VECTORS and SOFT_RESTART, relative to the guest. */
enum bad_address {
	BAD_ZERO,
	BAD_MISALIGNED_SMALL,		/* + 4 (vectors) / + 2 (entry) */
	BAD_MISALIGNED_ODD,		/* + 1 */
	BAD_MISALIGNED_HALF,		/* + 0x400 (vectors) / + 3 (entry) */
	BAD_PA_LIMIT,			/* 2^PA exactly */
	BAD_ABOVE_PA_LIMIT,		/* 2^PA + the guest's address */
	BAD_ALL_ONES,			/* highest aligned address */
	NR_BAD_ADDRESSES,
};

static const char bad_address_names[NR_BAD_ADDRESSES][40] = {
	[BAD_ZERO] = "0",
	[BAD_MISALIGNED_SMALL] = "misaligned (+4 or +2)",
	[BAD_MISALIGNED_ODD] = "misaligned (+1)",
	[BAD_MISALIGNED_HALF] = "misaligned (+0x400 or +3)",
	[BAD_PA_LIMIT] = "2^PA",
	[BAD_ABOVE_PA_LIMIT] = "2^PA + own address",
	[BAD_ALL_ONES] = "highest aligned 64-bit address",
};

static u64 bad_address(enum bad_address kind, u64 good, u64 align)
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
	case BAD_PA_LIMIT:
		return suite.pa_limit;
	case BAD_ABOVE_PA_LIMIT:
		return suite.pa_limit + good;
	default:
		return ~(align - 1);
	}
}

static void id_answer_case(struct tcase *t, u64 function, const char *what,
			   const struct id_answer *a)
{
	call_x0(t, what, IMM_0, function, a->id, 2, a->want);
}

static void rejected_call_case(struct tcase *t, const struct rejected_call *r)
{
	call_x0(t, r->name, r->imm, r->x0, 0, 1, r->want);
	stub_serves(t);
}

static void set_vectors_refused_case(struct tcase *t, enum bad_address kind,
				     bool legacy)
{
	u64 addr = bad_address(kind, (u64)guest_el2_vectors,
			       HYPSTUB_VECTORS_ALIGN);

	if (legacy) {
		call_x0(t, "legacy SET_VECTORS", IMM_0,
			suite.legacy->set_vectors, addr, 2, HVC_STUB_ERR);
	} else {
		call_x0(t, "HYPSTUB_SET_VECTORS", IMM_0, HYPSTUB_SET_VECTORS,
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
	u64 entry = bad_address(kind, (u64)guest_soft_restart_target,
				HYPSTUB_ENTRY_ALIGN);
	struct call c = {
		.nargs = 5,
		.arg = { HYPSTUB_SOFT_RESTART, entry, restart_arg(2),
			 restart_arg(3), restart_arg(4) },
		.results = BIT(0),
		.checked = BIT(0),
		.want = { INVALID_PARAMETER },
	};
	struct hvc_frame out;

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
 * The firmware's own answer, x0: the call made with SMC at EL1, which QEMU
 * answers itself (no EL3; HCR_EL2.TSC is clear).
 */
u64 guest_smc_x0(u64 x0, u64 x1, u64 x2)
{
	register u64 r0 asm("x0") = x0;
	register u64 r1 asm("x1") = x1;
	register u64 r2 asm("x2") = x2;
	register u64 r3 asm("x3") = 0;

	/* SMCCC 1.0 firmware may change x1..x17. */
	asm volatile("smc #0"
		     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		       "x13", "x14", "x15", "x16", "x17", "memory");
	return r0;
}

/*
 * A firmware call over HVC with x1..x3 as given and x0 its only result:
 * @proxied with the PSCI proxy, -1 without it.  Every other register must
 * be preserved either way.
 */
static bool firmware_call(struct tcase *t, const char *what, u64 x0, u64 x1,
			  u64 x2, u64 x3, u64 proxied)
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
static u64 firmware_call_x0(u64 x0, u64 x1, u64 x2)
{
	const u64 arg[3] = { x0, x1, x2 };
	struct hvc_frame in, out;

	fill_frame(&in, arg, 3);
	issue(IMM_0, &in, &out);
	return out.x[0];
}

/* CPU 1 as the firmware sees it: OFF, ON, or -2 when there is none. */
static u64 cpu1_state_by_smc(void)
{
	return guest_smc_x0(PSCI_0_2_AFFINITY_INFO64, CPU1_MPIDR, 0);
}

/* A refused CPU_ON must not have started CPU 1 (when QEMU has one). */
static void cpu1_still_off(struct tcase *t)
{
	u64 state = cpu1_state_by_smc();

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
	u64 freq = read_sysreg(cntfrq_el0);

	if (freq == 0) {
		freq = 62500000;	/* QEMU's, should CNTFRQ_EL0 be unset */
	}
	w->ticks = SECONDARY_WAIT_SECONDS * freq;
	w->spins = 0;
	w->start = read_sysreg(cntvct_el0);
}

/* Whether the wait may go on. */
static bool wait_more(struct wait *w)
{
	return ++w->spins < (1UL << 32) &&
	       read_sysreg(cntvct_el0) - w->start <= w->ticks;
}

static void case_psci_version(struct tcase *t)
{
	u64 firmware = guest_smc_x0(PSCI_0_2_VERSION, 0, 0);

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
	/* An SMC32 call: only w1 counts. */
	firmware_call(t, "PSCI_FEATURES(SMCCC_VERSION), x1[63:32] all ones",
		      PSCI_1_0_FEATURES, UPPER_BITS | SMCCC_VERSION, 0, 0,
		      SMCCC_RET_SUCCESS);
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
		u64 firmware = guest_smc_x0(SMCCC_ARCH_FEATURES, firmware_ids[i], 0);

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
	/* Aff2, Aff3, everything: no build has a slot for these. */
	static const u64 mpidrs[] = { 0x10000, 0x100000000UL, 0xff00ffffffUL };
	u64 entry = (u64)guest_secondary_entry;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mpidrs); i++) {
		firmware_call(t, "CPU_ON64 over HVC", PSCI_0_2_CPU_ON64,
			      mpidrs[i], entry, CPU1_CONTEXT,
			      PSCI_INVALID_PARAMETERS);
	}
	firmware_call(t, "CPU_ON32 over HVC, Aff2 set", PSCI_0_2_CPU_ON32,
		      0x10000, entry, CPU1_CONTEXT, PSCI_INVALID_PARAMETERS);
	cpu1_still_off(t);
	stub_serves(t);
}

/*
 * Refused by the stub itself: QEMU would start CPU 1 at any address, so
 * CPU 1 staying off shows that no SMC was made.
 */
static void case_cpu_on_bad_entry(struct tcase *t)
{
	u64 entry = (u64)guest_secondary_entry;
	unsigned int i;

	for (i = 0; i < NR_BAD_ADDRESSES; i++) {
		firmware_call(t, "CPU_ON64 over HVC, bad entry",
			      PSCI_0_2_CPU_ON64, CPU1_MPIDR,
			      bad_address(i, entry, HYPSTUB_ENTRY_ALIGN),
			      CPU1_CONTEXT, PSCI_INVALID_ADDRESS);
	}
	/* An SMC32 call's entry is w2: 0 here. */
	firmware_call(t, "CPU_ON32 over HVC, entry 1 << 32",
		      PSCI_0_2_CPU_ON32, CPU1_MPIDR, 1UL << 32, CPU1_CONTEXT,
		      PSCI_INVALID_ADDRESS);
	cpu1_still_off(t);
	stub_serves(t);
}

/*
 * CPU 1 started through the proxy runs secondary.S at EL1 with the stub
 * installed, reports, and switches itself off through the proxy.  Without
 * the proxy the call answers -1 and CPU 1 stays off.
 */
static void cpu_on_secondary(struct tcase *t)
{
	volatile struct secondary_record *rec = &guest_secondary_record;
	u64 entry = (u64)guest_secondary_entry;
	u64 state = cpu1_state_by_smc();
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
	firmware_call(t, "AFFINITY_INFO64(CPU 1) over HVC before CPU_ON",
		      PSCI_0_2_AFFINITY_INFO64, CPU1_MPIDR, 0, 0,
		      PSCI_AFFINITY_OFF);
	if (!firmware_call(t, "CPU_ON64(CPU 1) over HVC", PSCI_0_2_CPU_ON64,
			   CPU1_MPIDR, entry, CPU1_CONTEXT, PSCI_SUCCESS) ||
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
		fail_value(t, "CPU 1 never reached its entry at EL1; its "
			   "AFFINITY_INFO over SMC", PSCI_AFFINITY_OFF,
			   cpu1_state_by_smc());
		return;
	}
	check_value(t, "CurrentEL on CPU 1", CURRENT_EL_EL1, rec->current_el);
	check_value(t, "x0 on CPU 1 (the context)", CPU1_CONTEXT, rec->x[0]);
	check_value(t, "x1 on CPU 1", 0, rec->x[1]);
	check_value(t, "x2 on CPU 1", 0, rec->x[2]);
	check_value(t, "x3 on CPU 1", 0, rec->x[3]);
	check_value(t, "DAIF on CPU 1", DAIF_ALL_MASKED, rec->daif);
	check_value(t, "SPSel on CPU 1", 1, rec->spsel);
	check_value(t, "SCTLR_EL1 on CPU 1", SCTLR_EL1_AT_ENTRY,
		    rec->sctlr_el1);
	check_value(t, "MPIDR_EL1 affinity on CPU 1", CPU1_MPIDR,
		    rec->mpidr & MPIDR_AFFINITY_MASK);
	/* The stub answers CPU 1's HVCs: it is installed there too. */
	check_value(t, "GET_ABI_VERSION over HVC on CPU 1",
		    HYPSTUB_ABI_VERSION, rec->abi_version);
	check_value(t, "GET_VECTORS x0 on CPU 1", SMCCC_RET_SUCCESS,
		    rec->vectors_x0);
	check_value(t, "GET_VECTORS x1 on CPU 1 (the stub's vectors)",
		    suite.stub_vectors, rec->vectors_x1);
	case_diag("CPU 1 ran at EL1 with the stub; its MPIDR_EL1 ", rec->mpidr);

	/* CPU 1 switches itself off with CPU_OFF over HVC: wait for it. */
	wait_start(&w);
	while (!rec->off_returned &&
	       firmware_call_x0(PSCI_0_2_AFFINITY_INFO64, CPU1_MPIDR, 0) !=
	       PSCI_AFFINITY_OFF && wait_more(&w)) {
		;
	}
	if (rec->off_returned) {
		fail_value(t, "PSCI CPU_OFF over HVC returned on CPU 1; x0",
			   0, rec->off_x0);
	}
	firmware_call(t, "AFFINITY_INFO64(CPU 1) over HVC after CPU_OFF",
		      PSCI_0_2_AFFINITY_INFO64, CPU1_MPIDR, 0, 0,
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
			HYPSTUB_RESET_VECTORS, 0, 1, SMCCC_RET_SUCCESS);
	}
	vectors_unchanged(t);
	stub_serves(t);
}

static void case_reset_vectors_legacy(struct tcase *t)
{
	reset_vectors_case(t, true);
}

static void case_reset_vectors_smccc(struct tcase *t)
{
	reset_vectors_case(t, false);
}

/* HVCs served by the guest's vectors while it owns EL2. */
static void while_guest_owns_el2(struct tcase *t, u64 mine)
{
	struct hvc_frame out;
	const struct call whoami = {
		.nargs = 1,
		.arg = { GUEST_EL2_WHOAMI },
		.results = BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(4),
		.checked = BIT(0) | BIT(1) | BIT(3),
		.want = { 0, CURRENT_EL_EL2, 0, mine },
	};
	const struct call ich_vtr = {
		.nargs = 1,
		.arg = { GUEST_EL2_ICH_VTR },
		.results = BIT(0) | BIT(1),
		.checked = BIT(0) | BIT(1),
		.want = { 0, suite.ich_vtr },
	};

	if (call(t, "guest EL2 WHOAMI", &whoami, &out)) {
		u64 esr = out.x[2], sp = out.x[4];

		check_value(t, "ESR_EL2.EC of the HVC", ESR_EC_HVC64,
			    esr >> ESR_EC_SHIFT);
		check_value(t, "ESR_EL2 imm16 of the HVC", 0,
			    esr & ESR_ISS_IMM16);
		check_true(t, "SP_EL2 non-zero, 16-byte aligned",
			   sp && !(sp & 15), sp);
		case_diag("SP_EL2 under the guest's vectors ", sp);
		/* The stub at rest leaves the same SP_EL2 every time. */
		if (suite.takeover_sp) {
			check_value(t, "SP_EL2 against the previous take-over",
				    suite.takeover_sp, sp);
		}
		suite.takeover_sp = sp;
	}
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

static void take_over_case(struct tcase *t, bool legacy)
{
	u64 mine = (u64)guest_el2_vectors, saved;
	bool installed;

	if (!get_vectors(t, "GET_VECTORS (save)", &saved)) {
		return;
	}
	check_value(t, "saved VBAR_EL2", suite.stub_vectors, saved);
	guest_el2_stub_vbar = saved;
	if (legacy) {
		installed = call_x0(t, "legacy SET_VECTORS(guest vectors)",
				    IMM_0, suite.legacy->set_vectors, mine, 2,
				    0);
	} else {
		installed = call_x0(t, "HYPSTUB_SET_VECTORS(guest vectors)",
				    IMM_0, HYPSTUB_SET_VECTORS, mine, 2,
				    SMCCC_RET_SUCCESS);
	}
	if (installed) {
		while_guest_owns_el2(t, mine);
		/* The guest's RESET_VECTORS emulation: back to @saved. */
		call_x0(t, "guest EL2 GIVE_BACK", IMM_0, GUEST_EL2_GIVE_BACK,
			saved, 2, 0);
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

/* Take EL2 over with HYPSTUB_SET_VECTORS, passing calls on to @saved's stub. */
static bool borrow_el2(struct tcase *t, u64 *saved)
{
	if (!get_vectors(t, "GET_VECTORS (save)", saved)) {
		return false;
	}
	guest_el2_stub_vbar = *saved;
	if (!call_x0(t, "HYPSTUB_SET_VECTORS(guest vectors)", IMM_0,
		     HYPSTUB_SET_VECTORS, (u64)guest_el2_vectors, 2,
		     SMCCC_RET_SUCCESS)) {
		recover_stub_vectors();
		return false;
	}
	return true;
}

static void give_el2_back(struct tcase *t, u64 saved)
{
	call_x0(t, "guest EL2 GIVE_BACK", IMM_0, GUEST_EL2_GIVE_BACK, saved, 2,
		0);
}

/* The guest's own vectors still hold EL2 on this CPU. */
static void still_borrowed(struct tcase *t)
{
	const struct call whoami = {
		.nargs = 1,
		.arg = { GUEST_EL2_WHOAMI },
		.results = BIT(0) | BIT(1) | BIT(2) | BIT(3) | BIT(4),
		.checked = BIT(0) | BIT(3),
		.want = { 0, 0, 0, (u64)guest_el2_vectors },
	};
	struct hvc_frame out;

	call(t, "guest EL2 WHOAMI: VBAR_EL2 still the guest's", &whoami, &out);
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
		.arg = { GUEST_EL2_READ_STATE, features, (u64)state },
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
		    (u64)guest_el2_vectors, s->vbar);
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
static void case_el2_register_table(struct tcase *t)
{
	static struct el2_state before, after;
	struct call uid = uid_call_template;
	const struct call vectors = {
		.nargs = 1,
		.arg = { HYPSTUB_GET_VECTORS },
		.results = BIT(0) | BIT(1),
		.checked = BIT(0) | BIT(1),
		.want = { SMCCC_RET_SUCCESS, (u64)guest_el2_vectors },
	};
	u64 features = el2_features(), saved;
	struct hvc_frame out;
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
	uid.arg[0] = HYPSTUB_VENDOR_UID;
	call(t, "Vendor UID passed on, a borrower's registers live", &uid,
	     &out);
	call_x0(t, "GET_ABI_VERSION passed on", IMM_0, HYPSTUB_GET_ABI_VERSION,
		0, 1, HYPSTUB_ABI_VERSION);
	/* The stub reports VBAR_EL2 as it is: the borrower's. */
	call(t, "GET_VECTORS passed on", &vectors, &out);
	if (suite.psci_proxy) {
		firmware_call(t, "PSCI_VERSION passed on", PSCI_0_2_VERSION,
			      0, 0, 0, guest_smc_x0(PSCI_0_2_VERSION, 0, 0));
	}
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
static void case_reset_vectors_passed_on(struct tcase *t)
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
	u64 saved;

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
static void case_cpu_on_while_borrowed(struct tcase *t)
{
	u64 saved;

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

/*
 * SOFT_RESTART into the guest's target at EL2.  The target records what it
 * found and erets to EL1 at the call helper's return point, so the call
 * looks like any other HVC from here; only what it recorded is checked,
 * since a restart promises nothing about the other registers.
 */
static void soft_restart_case(struct tcase *t, bool legacy)
{
	volatile struct soft_restart_record *rec = &guest_soft_restart_record;
	const u64 arg[5] = {
		legacy ? suite.legacy->soft_restart : HYPSTUB_SOFT_RESTART,
		(u64)guest_soft_restart_target,
		restart_arg(2),
		restart_arg(3),
		restart_arg(4),
	};
	struct hvc_frame in, out;
	u64 sctlr;

	rec->ran = 0;
	fill_frame(&in, arg, ARRAY_SIZE(arg));
	issue(IMM_0, &in, &out);

	if (!rec->ran) {
		fail_value(t, "SOFT_RESTART did not reach its target; x0",
			   0, out.x[0]);
		stub_serves(t);
		return;
	}
	check_value(t, "x0 at the target (x2 of the call)", in.x[2], rec->x[0]);
	check_value(t, "x1 at the target (x3 of the call)", in.x[3], rec->x[1]);
	check_value(t, "x2 at the target (x4 of the call)", in.x[4], rec->x[2]);
	check_value(t, "x3 at the target", 0, rec->x[3]);
	check_value(t, "CurrentEL at the target", CURRENT_EL_EL2,
		    rec->current_el);
	sctlr = rec->sctlr_el2;
	check_value(t, "SCTLR_EL2 M, C, I at the target", 0,
		    sctlr & (SCTLR_M | SCTLR_C | SCTLR_I));
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
	stub_serves(t);
	vectors_unchanged(t);
}

static void case_soft_restart_legacy(struct tcase *t)
{
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

#define EARLY_CASES(X)							\
	X(case_entry_state, "entry state set by the installer")		\
	X(case_smccc_version, "SMCCC_VERSION is 1.1")			\
	X(case_x0_upper_bits, "x0[63:32] ignored")			\
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
	X(case_get_ich_vtr, "HVC_GET_ICH_VTR_EL2")			\
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
	  "legacy RESET_VECTORS while the stub owns EL2")		\
	X(case_reset_vectors_smccc,					\
	  "HYPSTUB_RESET_VECTORS while the stub owns EL2")		\
	X(case_take_over_legacy,					\
	  "take EL2 over with legacy SET_VECTORS and give it back")	\
	X(case_take_over_smccc,						\
	  "take EL2 over with HYPSTUB_SET_VECTORS and give it back")	\
	X(case_el2_register_table,					\
	  "EL2 registers as the take-over table says, before and after") \
	X(case_reset_vectors_passed_on,					\
	  "RESET_VECTORS passed on by the owner gives EL2 back")	\
	X(case_cpu_on_while_borrowed,					\
	  "PSCI CPU_ON passed on while CPU 0's EL2 is borrowed")	\
	X(case_soft_restart_legacy, "legacy SOFT_RESTART into EL2")	\
	X(case_soft_restart_smccc, "HYPSTUB_SOFT_RESTART into EL2")

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
