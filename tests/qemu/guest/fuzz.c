// SPDX-License-Identifier: BSD-2-Clause
/*
 * Fuzz mode of the conformance guest: a seeded generator throws calls of
 * every class at the stub and checks each answer against a model of
 * docs/hyp-abi.rst written here, apart from the stub's own dispatcher:
 * the results of the call, every other register (x1..x30, SP) preserved,
 * constant answers the same every time, and, every so often, the stub
 * still serving with its own vectors.
 *
 * Classes: random 32-bit IDs (with random bits 63:32 of x0 on AArch64);
 * fast calls of every SMCCC owner, SMC32 and SMC64, with and without
 * reserved bits 23:16; the stub's own calls; legacy numbers; firmware calls
 * the PSCI proxy passes on, compared with the same call made with SMC.
 * Every other register of the frame is random (on AArch32, the SPSRs and
 * CPSR as arch_fill_frame() makes them valid).  Never a call that changes anything: SET_VECTORS and
 * SOFT_RESTART only with an address they must refuse (VBAR_EL2 is checked
 * afterwards), and of the firmware's calls only queries (no CPU_ON,
 * CPU_OFF, suspend, reset or off).  Above an AArch32 pre-4.12 build, where
 * Linux arm's pre-4.12 scheme makes every r0 with bit 31 clear the new
 * HVBAR, each such r0 is made no vector table first (0, or not 32-byte
 * aligned), and r0 = -1, the scheme's read of HVBAR, is one more class.
 *
 * The count and the seed come from the semihosting command line
 * ("fuzz=N seed=S", set by tests/qemu/run-conformance.sh); without it
 * there is no fuzz case.  One TAP case: the seed, the count and the
 * violations, the first ones each on a diagnostic line.
 */
#include "cases.h"
#define SHOWN_VIOLATIONS	16
#define SERVING_EVERY		4096

/* PSCI functions (Arm DEN0022) that only ask: the ones fuzzing may pass on. */
static const u8 psci_queries[] = {
	0x00,	/* PSCI_VERSION */
	0x04,	/* AFFINITY_INFO */
	0x06,	/* MIGRATE_INFO_TYPE */
	0x07,	/* MIGRATE_INFO_UP_CPU */
	0x0a,	/* PSCI_FEATURES */
};

/* The firmware's Arm Architecture calls the proxy passes on. */
static const u32 firmware_arch_calls[] = {
	0x80000002, 0x80008000, 0x80007fff, 0x80003fff,
};

static struct {
	u64 state;		/* xorshift64* */
	u64 calls, violations;
	struct stub_facts facts;
	ureg smccc_version;	/* the first answers, which must not change */
	ureg config;
} fz;

static u64 rnd(void)
{
	fz.state ^= fz.state >> 12;
	fz.state ^= fz.state << 25;
	fz.state ^= fz.state >> 27;
	return fz.state * 0x2545f4914f6cdd1dUL;
}

static unsigned int pick(unsigned int n)
{
	return (unsigned int)(rnd() >> 32) % n;
}

/* The calls the stub itself serves, as PROBE and the counts see them. */
static bool stub_serves_id(u32 id)
{
	switch (id) {
	case SMCCC_VERSION:
	case SMCCC_ARCH_FEATURES:
	case HYPSTUB_GET_ABI_VERSION:
	case HYPSTUB_PROBE:
	case HYPSTUB_GET_CONFIG:
	case HYPSTUB_VENDOR_CALL_COUNT:
	case HYPSTUB_VENDOR_UID:
	case HYPSTUB_VENDOR_REVISION:
	case GUEST_GET_VECTORS:
	case GUEST_SET_VECTORS:
	case GUEST_SOFT_RESTART:
	case GUEST_RESET_VECTORS:
		return true;
	case HYPSTUB_STD_HYP_CALL_COUNT:
	case HYPSTUB_STD_HYP_UID:
	case HYPSTUB_STD_HYP_REVISION:
		return fz.facts.std_hyp;
	default:
		return false;
	}
}

static bool firmware_arch_call(u32 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(firmware_arch_calls); i++) {
		if (firmware_arch_calls[i] == id) {
			return true;
		}
	}
	return false;
}

static bool address_ok(ureg address, ureg align)
{
	return address != 0 && (address & (align - 1)) == 0 &&
	       (!fz.facts.pa_limit || address < fz.facts.pa_limit);
}

/* x0 (the ID) for one call, by class. */
static ureg make_id(void)
{
#if GUEST_UPPER_BITS
	ureg upper = pick(4) == 0 ? rnd() << 32 : 0;
#else
	ureg upper = 0;
#endif
	u32 owner, func, cc;

	switch (pick(6)) {
	case 0:		/* anything at all */
		return rnd();
	case 1:		/* a fast call of any owner, maybe with reserved bits */
		owner = (u32)pick(64);
		cc = (u32)pick(2);
		func = pick(2) ? (u32)pick(0x20) : (u32)rnd() & 0xffff;
		if (pick(2)) {
			func |= 0xff00;			/* the general queries */
		}
		return upper | SMCCC_CALL_VAL(1U, cc, owner, func) |
		       (pick(8) == 0 ? ((u32)rnd() & 0x00ff0000U) : 0);
	case 2:		/* the stub's own, both conventions' forms */
		owner = pick(2) ? SMCCC_OWNER_VENDOR_HYP : SMCCC_OWNER_STANDARD_HYP;
		func = pick(2) ? (u32)pick(0x20) : 0xff00 | (u32)pick(4);
		return upper | SMCCC_CALL_VAL(1U, (u32)pick(2), owner, func);
	case 3:		/* legacy numbers, mostly the small ones */
		if (fz.facts.pre412_arm && pick(4) == 0) {
			return HVC_PRE412_AARCH32_GET_VECTORS;
		}
		return upper | (pick(2) ? pick(8) : pick(HYPSTUB_LEGACY_LIMIT));
	case 4:		/* the Arm Architecture service */
		return upper | (pick(2) ? firmware_arch_calls[pick(4)] :
				SMCCC_CALL_VAL(1U, (u32)pick(2), 0U, (u32)pick(4)));
	default:	/* the firmware's queries, or unknown PSCI numbers */
		func = pick(2) ? psci_queries[pick(ARRAY_SIZE(psci_queries))] :
				 0x20 + (u32)pick(0x30);
		return upper | SMCCC_CALL_VAL(1U, (u32)pick(2), SMCCC_OWNER_STANDARD, func);
	}
}

/* The firmware's answer to @in, made with SMC: what the proxy must return. */
static ureg firmware_x0(u32 id, const struct hvc_frame *in)
{
	ureg x1 = in->r[1], x2 = in->r[2];

	if (!((id >> SMCCC_CC_SHIFT) & 1U)) {
		x1 = (u32)x1;
		x2 = (u32)x2;
	}
	return guest_smc_x0(id, x1, x2);
}

/*
 * What docs/hyp-abi.rst says @in must answer: the result registers in
 * @results, those with a known value in @want.  Refuses to generate
 * (returns false) a call that would change the machine.
 */
static bool model(struct hvc_frame *in, ureg *want, unsigned int *results,
		  unsigned int *checked)
{
	u32 id = (u32)in->r[0], arg = (u32)in->r[1], func = id & 0xffff;
	unsigned int owner = hypstub_smccc_owner(id);
	const bool pre412 = fz.facts.pre_4_12;

	*results = BIT(0);
	*checked = BIT(0);
	want[0] = NOT_SUPPORTED;
	if (fz.facts.pre412_arm && !(id & BIT(31))) {
		/*
		 * Linux arm's pre-4.12 scheme: HVBAR = r0.  Never a vector
		 * table: an aligned r0 gets some of bits 4:0 set, and is
		 * refused by its range.
		 */
		if (id != 0 && !(id & (GUEST_VECTORS_ALIGN - 1))) {
			id |= 1U + pick(GUEST_VECTORS_ALIGN - 1);
			in->r[0] = id;
		}
		want[0] = id < HYPSTUB_LEGACY_LIMIT ? HVC_STUB_ERR :
						      INVALID_PARAMETER;
		return true;
	}
	if (fz.facts.pre412_arm && id == HVC_PRE412_AARCH32_GET_VECTORS) {
		want[0] = fz.facts.stub_vectors;	/* HVBAR, in r0 */
		return true;
	}
	if (id < HYPSTUB_LEGACY_LIMIT) {
		want[0] = HVC_STUB_ERR;
		/* The numbers that install or restart: never with a good address. */
		if ((pre412 && (id == HVC_PRE412_SET_VECTORS || id == HVC_PRE412_SOFT_RESTART)) ||
		    (!pre412 && (id == HVC_SET_VECTORS || id == HVC_SOFT_RESTART))) {
			if (address_ok(in->r[1], HYPSTUB_ENTRY_ALIGN)) {
				in->r[1] |= 1;
			}
		} else if (pre412 && id == HVC_PRE412_GET_VECTORS) {
			want[0] = fz.facts.stub_vectors;
		} else if (id == (pre412 ? HVC_PRE412_RESET_VECTORS : HVC_RESET_VECTORS)) {
			want[0] = 0;
		} else if (GUEST_ICH_VTR_CALL && !pre412 &&
			   id == HVC_GET_ICH_VTR_EL2 && fz.facts.gic_sysregs) {
			*results = *checked = BIT(0) | BIT(1);
			want[0] = 0;
			want[1] = fz.facts.ich_vtr;
		}
		return true;
	}
	if (!hypstub_smccc_is_fast(id) || (id & 0x00ff0000U)) {
		return true;				/* yielding, reserved bits */
	}
	if (GUEST_SMC64_REFUSED && ((id >> SMCCC_CC_SHIFT) & 1U)) {
		return true;				/* SMC64 from AArch32 */
	}
	if (!stub_serves_id(id)) {
		if (!fz.facts.psci_proxy) {
			return true;
		}
		if (owner == SMCCC_OWNER_STANDARD) {
			unsigned int i;
			bool query = func >= 0x20 && (func < 0x50 || func > 0x5f);

			for (i = 0; i < ARRAY_SIZE(psci_queries); i++) {
				query |= func == psci_queries[i];
			}
			if (!query) {
				return false;
			}
			want[0] = func == 0x0a && arg == SMCCC_VERSION ? 0 :
				  firmware_x0(id, in);
		} else if (firmware_arch_call(id)) {
			want[0] = firmware_x0(id, in);
		}
		return true;
	}
	switch (id) {
	case SMCCC_VERSION:
		want[0] = fz.smccc_version;
		break;
	case SMCCC_ARCH_FEATURES:
		if (hypstub_smccc_owner(arg) != SMCCC_OWNER_ARCH) {
			break;
		}
		if (fz.facts.psci_proxy && firmware_arch_call(arg)) {
			want[0] = guest_smc_x0(SMCCC_ARCH_FEATURES, arg, 0);
		} else if (arg == SMCCC_VERSION || arg == SMCCC_ARCH_FEATURES) {
			want[0] = 0;
		}
		break;
	case HYPSTUB_VENDOR_CALL_COUNT:
		want[0] = 10;
		break;
	case HYPSTUB_STD_HYP_CALL_COUNT:
		want[0] = 3;
		break;
	case HYPSTUB_VENDOR_UID:
	case HYPSTUB_STD_HYP_UID:
		*results = *checked = BIT(0) | BIT(1) | BIT(2) | BIT(3);
		want[0] = HYPSTUB_UID_0;
		want[1] = HYPSTUB_UID_1;
		want[2] = HYPSTUB_UID_2;
		want[3] = HYPSTUB_UID_3;
		break;
	case HYPSTUB_VENDOR_REVISION:
	case HYPSTUB_STD_HYP_REVISION:
		*results = *checked = BIT(0) | BIT(1);
		want[0] = HYPSTUB_ABI_VERSION_MAJOR;
		want[1] = HYPSTUB_ABI_VERSION_MINOR;
		break;
	case HYPSTUB_GET_ABI_VERSION:
		want[0] = HYPSTUB_ABI_VERSION;
		break;
	case HYPSTUB_PROBE:
		want[0] = stub_serves_id(arg) ? 0 : NOT_SUPPORTED;
		break;
	case HYPSTUB_GET_CONFIG:
		*results = *checked = BIT(0) | BIT(1);
		want[0] = 0;
		want[1] = fz.config;
		break;
	case GUEST_GET_VECTORS:
		*results = *checked = BIT(0) | BIT(1);
		want[0] = 0;
		want[1] = fz.facts.stub_vectors;
		break;
	case GUEST_SET_VECTORS:
	case GUEST_SOFT_RESTART:
		if (address_ok(in->r[1], HYPSTUB_ENTRY_ALIGN)) {
			in->r[1] |= 1;
		}
		want[0] = INVALID_PARAMETER;
		break;
	case GUEST_RESET_VECTORS:
		want[0] = 0;
		break;
	}
	return true;
}

static void violation(const char *what, ureg x0, unsigned int reg, ureg want,
		      ureg got)
{
	struct text name;

	if (fz.violations++ >= SHOWN_VIOLATIONS) {
		return;
	}
	text_reset(&name);
	arch_frame_reg_name(&name, reg);
	console_puts("# fuzz violation at call ");
	console_put_dec(fz.calls);
	console_puts(": r0 ");
	console_put_hex(x0);
	console_puts(what);
	console_puts(name.buf);
	console_puts(" expected ");
	console_put_hex(want);
	console_puts(" got ");
	console_put_hex(got);
	console_puts("\n");
}

static void one_call(void)
{
	struct hvc_frame in, out;
	unsigned int reg, results, checked;
	ureg want[4];

	do {
		for (reg = 1; reg < FRAME_REGS; reg++) {
			in.r[reg] = (ureg)rnd();
		}
		arch_fill_frame(&in);
		in.r[0] = make_id();
		if (pick(4) == 0) {
			/* An ID as the argument: its low 32 bits. */
			in.r[1] = (in.r[1] & ~(ureg)0xffffffffU) | (u32)make_id();
		}
	} while (!model(&in, want, &results, &checked));
	guest_hvc0(&in, &out);
	fz.calls++;
	for (reg = 0; reg < FRAME_REGS; reg++) {
		if (reg < 4 && (results & BIT(reg))) {
			if ((checked & BIT(reg)) && out.r[reg] != want[reg]) {
				violation(": result ", in.r[0], reg, want[reg], out.r[reg]);
			}
		} else if (out.r[reg] != in.r[reg]) {
			violation(": not preserved: ", in.r[0], reg, in.r[reg], out.r[reg]);
		}
	}
}

/* Still the stub's vectors, still answering: a clean call of each kind. */
static void still_serving(void)
{
	struct hvc_frame in = { 0 }, out;

	arch_fill_frame(&in);
	in.r[0] = GUEST_GET_VECTORS;
	guest_hvc0(&in, &out);
	if (out.r[0] != 0 || out.r[1] != fz.facts.stub_vectors) {
		violation(": GET_VECTORS ", GUEST_GET_VECTORS, 1,
			  fz.facts.stub_vectors, out.r[1]);
	}
	in.r[0] = SMCCC_VERSION;
	guest_hvc0(&in, &out);
	if (out.r[0] != fz.smccc_version) {
		violation(": SMCCC_VERSION ", SMCCC_VERSION, 0, fz.smccc_version,
			  out.r[0]);
	}
	if (fz.facts.pre412_arm) {
		in.r[0] = HVC_PRE412_AARCH32_GET_VECTORS;
		guest_hvc0(&in, &out);
		if (out.r[0] != fz.facts.stub_vectors) {
			violation(": r0 = -1 ",
				  HVC_PRE412_AARCH32_GET_VECTORS, 0,
				  fz.facts.stub_vectors, out.r[0]);
		}
	}
}

void fuzz_run(struct tcase *t, u64 count, u64 seed)
{
	struct hvc_frame in = { 0 }, out;

	cases_facts(&fz.facts);
	fz.state = seed ? seed : 1;
	fz.calls = fz.violations = 0;
	arch_fill_frame(&in);
	in.r[0] = SMCCC_VERSION;
	guest_hvc0(&in, &out);
	fz.smccc_version = out.r[0];
	in.r[0] = HYPSTUB_GET_CONFIG;
	guest_hvc0(&in, &out);
	fz.config = out.r[1];
	while (fz.calls < count) {
		one_call();
		if (fz.calls % SERVING_EVERY == 0) {
			still_serving();
		}
	}
	still_serving();
	console_puts("# fuzz seed ");
	console_put_dec(seed);
	console_puts(" (FUZZ_SEED= to run the same calls again), calls ");
	console_put_dec(fz.calls);
	console_puts(", violations ");
	console_put_dec(fz.violations);
	console_puts("\n");
	if (fz.violations) {
		t->failures = (unsigned int)fz.violations;
		text_puts(&t->detail, "violations: ");
		text_put_dec(&t->detail, fz.violations);
	}
}
