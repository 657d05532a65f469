// SPDX-License-Identifier: BSD-2-Clause
/*
 * The hypercall dispatcher: every decision the stub takes on a call.
 *
 * STUB_SMCCC_CALLS is the one list of served SMCCC calls.  It generates the
 * lookup table (and the comparisons ahead of it for the calls marked hot),
 * the PROBE and SMCCC_ARCH_FEATURES answers and the call counts, so
 * discovery cannot disagree with dispatch.  STUB_LEGACY_CALLS maps the
 * legacy Linux stub numbers to the same operations, and stub_write_result()
 * is the only writer of result registers.  Runs at EL2 with the MMU off on
 * any number of CPUs at once: there is no writable state here.
 *
 * make bench holds the HVC path to an instruction budget, so the work is
 * split hot and cold: stub_handle_lower_sync() serves the calls a kernel
 * repeats at run time, and refuses the unknown ones, as a leaf with no
 * stack frame; every other call goes on to stub_serve_cold(), which is
 * built for size.
 */
#include "stub.h"
#include "psci.h"

_Static_assert(offsetof(struct stub_frame, x[0]) == STUB_FRAME_X(0), "frame");
_Static_assert(offsetof(struct stub_frame, x[4]) == STUB_FRAME_X(4), "frame");
_Static_assert(offsetof(struct stub_frame, lr) == STUB_FRAME_LR, "frame");
_Static_assert(sizeof(struct stub_frame) == STUB_FRAME_SIZE, "frame");
_Static_assert(STUB_FRAME_SIZE % 16 == 0, "SP stays 16-byte aligned");

/* The exception class in ESR_EL2 (AArch64) or HSR (AArch32). */
#define STUB_SYNDROME_EC_SHIFT	26
#define STUB_SYNDROME_EC_MASK	0x3fU

/* Bits 23:16 are reserved under SMCCC 1.1 (bit 16 is the SVE hint from 1.3). */
#define STUB_FAST_RESERVED	(SMCCC_FAST_RESERVED_MASK | SMCCC_SVE_HINT)
/* The owner bits clear in both owner 0 and owner 4, the firmware's. */
#define STUB_NOT_FIRMWARE_OWNERS \
	((SMCCC_OWNER_MASK & ~SMCCC_OWNER_STANDARD) << SMCCC_OWNER_SHIFT)
/*
 * Set in no call the proxy may pass on: those bits, and on AArch32 the
 * SMC64 bit, since an AArch32 caller cannot make an SMC64 call.
 */
#define STUB_NOT_FORWARDED \
	(STUB_NOT_FIRMWARE_OWNERS | STUB_FAST_RESERVED | \
	 (STUB_CALLER_AARCH32 ? (uint32_t)SMCCC_SMC64 << SMCCC_CC_SHIFT : 0))

enum stub_op {
	STUB_OP_NONE,
	STUB_OP_SMCCC_VERSION,
	STUB_OP_ARCH_FEATURES,
	STUB_OP_CALL_COUNT,
	STUB_OP_UID,
	STUB_OP_REVISION,
	STUB_OP_GET_ABI_VERSION,
	STUB_OP_PROBE,
	STUB_OP_GET_CONFIG,
	STUB_OP_GET_VECTORS,
	STUB_OP_GET_VECTORS_X0,		/* pre-4.12 legacy: VBAR_EL2 in x0 */
	STUB_OP_SET_VECTORS,
	STUB_OP_SOFT_RESTART,
	STUB_OP_RESET_VECTORS,
	STUB_OP_GET_ICH_VTR,
};

/*
 * X(function ID, operation, hot).  A hot call is compared with the ID
 * before the table is read, in list order, so hot calls come first: the
 * cheapest classification there is, but paid for by every call that goes
 * on to the table, so kept to the two queries make bench holds to the
 * tightest budget.  The optional group and its entries sit side by side.
 */
#if IS_ENABLED(CONFIG_HYPSTUB_STD_HYP_SERVICE)
#define STUB_STD_HYP_CALLS(X)						\
	X(HYPSTUB_STD_HYP_CALL_COUNT, STUB_OP_CALL_COUNT, 0)		\
	X(HYPSTUB_STD_HYP_UID, STUB_OP_UID, 0)				\
	X(HYPSTUB_STD_HYP_REVISION, STUB_OP_REVISION, 0)
#else
#define STUB_STD_HYP_CALLS(X)
#endif

#define STUB_SMCCC_CALLS(X)						\
	X(HYPSTUB_VENDOR_UID, STUB_OP_UID, 1)				\
	X(SMCCC_VERSION, STUB_OP_SMCCC_VERSION, 1)			\
	X(SMCCC_ARCH_FEATURES, STUB_OP_ARCH_FEATURES, 0)		\
	STUB_STD_HYP_CALLS(X)						\
	X(HYPSTUB_GET_ABI_VERSION, STUB_OP_GET_ABI_VERSION, 0)		\
	X(HYPSTUB_PROBE, STUB_OP_PROBE, 0)				\
	X(HYPSTUB_GET_CONFIG, STUB_OP_GET_CONFIG, 0)			\
	X(HYPSTUB_VENDOR_CALL_COUNT, STUB_OP_CALL_COUNT, 0)		\
	X(HYPSTUB_VENDOR_REVISION, STUB_OP_REVISION, 0)			\
	X(STUB_ID_GET_VECTORS, STUB_OP_GET_VECTORS, 0)			\
	X(STUB_ID_SET_VECTORS, STUB_OP_SET_VECTORS, 0)			\
	X(STUB_ID_SOFT_RESTART, STUB_OP_SOFT_RESTART, 0)		\
	X(STUB_ID_RESET_VECTORS, STUB_OP_RESET_VECTORS, 0)

/*
 * Linux's stub numbers since v4.12, or the numbering before it: X(number,
 * operation, hot), numbers from 0 up without a gap.  KVM sets its vectors
 * on every CPU it brings up.
 */
#if IS_ENABLED(CONFIG_HYPSTUB_LEGACY_PRE_4_12)
#define STUB_LEGACY_CALLS(X)						\
	X(HVC_PRE412_GET_VECTORS, STUB_OP_GET_VECTORS_X0, 0)		\
	X(HVC_PRE412_SET_VECTORS, STUB_OP_SET_VECTORS, 1)		\
	X(HVC_PRE412_SOFT_RESTART, STUB_OP_SOFT_RESTART, 0)		\
	X(HVC_PRE412_RESET_VECTORS, STUB_OP_RESET_VECTORS, 0)
#else
#define STUB_LEGACY_CALLS(X)						\
	X(HVC_SET_VECTORS, STUB_OP_SET_VECTORS, 1)			\
	X(HVC_SOFT_RESTART, STUB_OP_SOFT_RESTART, 0)			\
	X(HVC_RESET_VECTORS, STUB_OP_RESET_VECTORS, 0)			\
	STUB_ARCH_LEGACY_CALLS(X)
#endif

/*
 * Linux arm before v4.12 had no stub numbers: r0 = -1 read HVBAR, any
 * other r0 set it.  An AArch32 build with the pre-4.12 option serves that
 * instead of the list above, but for r0 with bit 31 set, which stays SMCCC.
 */
#define STUB_PRE412_AARCH32 \
	(STUB_CALLER_AARCH32 && IS_ENABLED(CONFIG_HYPSTUB_LEGACY_PRE_4_12))

/*
 * The SMCCC table is a perfect hash of the list, one word per slot: the
 * served ID with its operation in bits 23:16, which are reserved, so zero,
 * in every served ID.  The slot folds the three 5-bit fields that tell the
 * served calls apart: function bits 4:0, function bits 12:8 (set in the
 * general queries, 0xff00 up) and owner bits 27:23.  A call added on a
 * slot already taken fails the build below, and the fields must be chosen
 * again.  An empty slot holds 0, which no fast call matches.
 */
#define STUB_SLOTS		32U
/* id ^ id >> 8 ^ id >> 23, in the form that takes two instructions. */
#define STUB_SLOT(id)		(((id) ^ (((id) ^ ((id) >> 15)) >> 8)) % STUB_SLOTS)
#define STUB_OP_SHIFT		16
#define STUB_OP_FIELD		(0xffU << STUB_OP_SHIFT)

#define STUB_CHECK_ENTRY(id, op, hot)					\
	_Static_assert(((id) & STUB_OP_FIELD) == 0 && (op) <= 0xff &&	\
		       ((id) >> SMCCC_TYPE_SHIFT) == SMCCC_FAST_CALL,	\
		       "a table entry: a fast call, bits 23:16 clear");
STUB_SMCCC_CALLS(STUB_CHECK_ENTRY)
#undef STUB_CHECK_ENTRY
#define STUB_SLOT_BIT(id, op, hot)	| (1U << STUB_SLOT(id))
#define STUB_ONE(id, op, hot)		+ 1
_Static_assert(__builtin_popcount(0 STUB_SMCCC_CALLS(STUB_SLOT_BIT)) ==
	       0 STUB_SMCCC_CALLS(STUB_ONE),
	       "two SMCCC calls share a slot of stub_smccc_table");
#undef STUB_SLOT_BIT

static const uint32_t stub_smccc_table[STUB_SLOTS] = {
#define STUB_ENTRY(id, op, hot)	[STUB_SLOT(id)] = (id) | (op) << STUB_OP_SHIFT,
	STUB_SMCCC_CALLS(STUB_ENTRY)
#undef STUB_ENTRY
};

static const uint8_t stub_legacy_ops[] = {
#define STUB_ENTRY(number, op, hot)	[number] = (op),
	STUB_LEGACY_CALLS(STUB_ENTRY)
#undef STUB_ENTRY
};
_Static_assert(sizeof(stub_legacy_ops) == 0 STUB_LEGACY_CALLS(STUB_ONE),
	       "legacy numbers without a gap");
#undef STUB_ONE

/* The UID as the four result registers take it, for one load per pair. */
static const uint64_t stub_uid[4] = {
	HYPSTUB_UID_0, HYPSTUB_UID_1, HYPSTUB_UID_2, HYPSTUB_UID_3,
};

/* The served operation of SMCCC function ID @id, or STUB_OP_NONE. */
static inline __attribute__((always_inline)) enum stub_op
stub_table_lookup(uint32_t id)
{
	/* A match has bits 23:16 clear, like every served ID. */
	uint32_t entry = stub_smccc_table[STUB_SLOT(id)];

	if ((entry & ~STUB_OP_FIELD) != id) {
		return STUB_OP_NONE;
	}
	return (enum stub_op)((entry & STUB_OP_FIELD) >> STUB_OP_SHIFT);
}

/* The same, the hot calls first. */
static inline __attribute__((always_inline)) enum stub_op
stub_lookup(uint32_t id)
{
#define STUB_HOT(id_, op, hot)						\
	if ((hot) && id == (id_)) {					\
		return (op);						\
	}
	STUB_SMCCC_CALLS(STUB_HOT)
#undef STUB_HOT
	return stub_table_lookup(id);
}

/* The operation of legacy stub number @number, or STUB_OP_NONE. */
static inline __attribute__((always_inline)) enum stub_op
stub_legacy_lookup(uint32_t number)
{
#define STUB_HOT(number_, op, hot)					\
	if ((hot) && number == (number_)) {				\
		return (op);						\
	}
	STUB_LEGACY_CALLS(STUB_HOT)
#undef STUB_HOT
	if (number >= sizeof(stub_legacy_ops)) {
		return STUB_OP_NONE;
	}
	return (enum stub_op)stub_legacy_ops[number];
}

/* Calls served for @owner, the general queries included: a constant. */
static inline __attribute__((always_inline)) uint64_t
stub_call_count(unsigned int owner)
{
#define STUB_COUNT(id, op, hot)	+ (hypstub_smccc_owner(id) == owner)
	return 0 STUB_SMCCC_CALLS(STUB_COUNT);
#undef STUB_COUNT
}

static uint64_t stub_config_flags(void)
{
	uint64_t flags = 0;

	if (IS_ENABLED(CONFIG_HYPSTUB_LEGACY_PRE_4_12)) {
		flags |= HYPSTUB_CONFIG_LEGACY_PRE_4_12;
	}
	if (IS_ENABLED(CONFIG_HYPSTUB_DEBUG_UART)) {
		flags |= HYPSTUB_CONFIG_DEBUG_UART;
	}
	if (IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY)) {
		flags |= HYPSTUB_CONFIG_PSCI_PROXY;
	}
	return flags;
}

/*
 * Refuses the call in @frame with SMCCC @error (-1 or -3), in the form its
 * path uses: HVC_STUB_ERR for a legacy stub number.  Out of line, reading
 * the call from the frame again, so that no hot path keeps the ID live.
 */
static __attribute__((noinline, cold)) stub_reg_t
stub_refuse(struct stub_frame *frame, int64_t error)
{
	if ((uint32_t)frame->x[0] < HYPSTUB_LEGACY_LIMIT) {
		error = HVC_STUB_ERR;
	}
	stub_write_result(frame, 1, (uint64_t)error, 0, 0, 0);
	return STUB_EXIT_RETURN;
}

/*
 * The operations off the hot path, in pieces small enough for the free
 * tail of a vector slot (where scripts/stub-layout.py puts them).
 */

/*
 * SET_VECTORS, every numbering: @vectors (x1, or r0 in Linux arm's pre-4.12
 * scheme) a reachable address aligned to STUB_VECTORS_ALIGN.
 */
static __attribute__((noinline)) stub_reg_t
stub_set_vectors(struct stub_frame *frame, stub_reg_t vectors)
{
	if (!stub_address_ok(vectors, STUB_VECTORS_ALIGN)) {
		return stub_refuse(frame, SMCCC_RET_INVALID_PARAMETER);
	}
	arch_write_vbar_el2(vectors);
	stub_write_result(frame, 1, SMCCC_RET_SUCCESS, 0, 0, 0);
	return STUB_EXIT_RETURN;
}

/* SOFT_RESTART, both numberings: x1 a reachable 4-byte-aligned entry. */
static __attribute__((noinline, cold)) stub_reg_t
stub_soft_restart(struct stub_frame *frame)
{
	uint64_t entry = frame->x[1];

	if (!stub_address_ok(entry, HYPSTUB_ENTRY_ALIGN)) {
		return stub_refuse(frame, SMCCC_RET_INVALID_PARAMETER);
	}
	/* x2, x3, x4 become x0, x1, x2; x3 = 0 as booting.rst wants. */
	stub_write_result(frame, 4, frame->x[2], frame->x[3], frame->x[4], 0);
	arch_prepare_soft_restart(entry);
	return STUB_EXIT_RETURN;
}

/*
 * A call the stub does not serve that may be the firmware's: passed on
 * when the PSCI proxy forwards @id (a fast call of owner 0 or 4, bits
 * 23:16 clear, or the Arm Architecture call ARCH_FEATURES asks about),
 * else refused.
 */
static __attribute__((noinline, cold)) stub_reg_t
stub_serve_firmware(struct stub_frame *frame, uint32_t id)
{
	if (!stub_proxy_forwards(id)) {
		return stub_refuse(frame, SMCCC_RET_NOT_SUPPORTED);
	}
	stub_proxy_call(frame, (uint32_t)frame->x[0]);
	return STUB_EXIT_RETURN;
}

/*
 * ARCH_FEATURES (@op) or PROBE of the call in x1: the stub's answer from
 * its table, or, for the Arm Architecture calls only the firmware can
 * answer (the workarounds, SOC_ID), the firmware's, through the proxy.
 */
static __attribute__((noinline, cold)) stub_reg_t
stub_serve_query(struct stub_frame *frame, enum stub_op op)
{
	uint32_t queried = (uint32_t)frame->x[1];

	if (op == STUB_OP_ARCH_FEATURES &&
	    hypstub_smccc_owner(queried) != SMCCC_OWNER_ARCH) {
		return stub_refuse(frame, SMCCC_RET_NOT_SUPPORTED);
	}
	if (stub_table_lookup(queried) != STUB_OP_NONE) {
		stub_write_result(frame, 1, SMCCC_RET_SUCCESS, 0, 0, 0);
		return STUB_EXIT_RETURN;
	}
	/* None of the firmware's calls is in the table. */
	if (op == STUB_OP_ARCH_FEATURES && IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY)) {
		return stub_serve_firmware(frame, queried);
	}
	return stub_refuse(frame, SMCCC_RET_NOT_SUPPORTED);
}

/*
 * Carries out @op, any but the hot ones (which it need not know), for the
 * call in @frame, an SMCCC call or a legacy stub number.
 */
static __attribute__((noinline, cold)) stub_reg_t
stub_serve_cold(struct stub_frame *frame, enum stub_op op)
{
	uint64_t x0 = SMCCC_RET_SUCCESS, x1 = 0;
	unsigned int count = 1;

	switch (op) {
	case STUB_OP_ARCH_FEATURES:
	case STUB_OP_PROBE:
		return stub_serve_query(frame, op);
	case STUB_OP_SOFT_RESTART:
		return stub_soft_restart(frame);
	case STUB_OP_CALL_COUNT:
		/* The call counts of the vendor and standard hypervisor services. */
		x0 = stub_call_count(SMCCC_OWNER_STANDARD_HYP);
		if (hypstub_smccc_owner((uint32_t)frame->x[0]) ==
		    SMCCC_OWNER_VENDOR_HYP) {
			x0 = stub_call_count(SMCCC_OWNER_VENDOR_HYP);
		}
		break;
	case STUB_OP_REVISION:
		x0 = HYPSTUB_ABI_VERSION_MAJOR;
		x1 = HYPSTUB_ABI_VERSION_MINOR;
		count = 2;
		break;
	case STUB_OP_GET_ABI_VERSION:
		x0 = HYPSTUB_ABI_VERSION;
		break;
	case STUB_OP_GET_CONFIG:
		x1 = stub_config_flags();
		count = 2;
		break;
	case STUB_OP_GET_VECTORS:
		x1 = arch_read_vbar_el2();
		count = 2;
		break;
	case STUB_OP_GET_VECTORS_X0:
		x0 = arch_read_vbar_el2();
		break;
	case STUB_OP_RESET_VECTORS:
		arch_write_vbar_el2(arch_stub_vectors());
		break;
	case STUB_OP_GET_ICH_VTR:
		/* ICH_VTR_EL2 is UNDEFINED without the GICv3 system registers. */
		if (!STUB_HAS_GICV3_SYSREGS()) {
			return stub_refuse(frame, SMCCC_RET_NOT_SUPPORTED);
		}
		x1 = arch_read_ich_vtr_el2();
		count = 2;
		break;
	default:
		return stub_refuse(frame, SMCCC_RET_NOT_SUPPORTED);
	}
	stub_write_result(frame, count, x0, x1, 0, 0);
	return STUB_EXIT_RETURN;
}

/*
 * Not `hvc #0`: report and park if it is no HVC at all, refuse it with
 * NOT_SUPPORTED, whatever w0 says, if it is an HVC with another immediate
 * (SMCCC reserves them).
 */
static __attribute__((noinline, cold)) stub_reg_t
stub_not_hvc0(struct stub_frame *frame, stub_reg_t esr)
{
	if (((esr >> STUB_SYNDROME_EC_SHIFT) & STUB_SYNDROME_EC_MASK) !=
	    STUB_SYNDROME_EC_HVC) {
		stub_report_unexpected(STUB_VEC_LOWER_SYNC);
		return STUB_EXIT_PARK;
	}
	stub_write_result(frame, 1, (uint64_t)SMCCC_RET_NOT_SUPPORTED, 0, 0, 0);
	return STUB_EXIT_RETURN;
}

stub_reg_t stub_handle_lower_sync(struct stub_frame *frame, stub_reg_t esr)
{
	uint32_t function_id = (uint32_t)frame->x[0];
	const uint64_t *uid = stub_uid;
	enum stub_op op;

	if (__builtin_expect((uint32_t)esr != STUB_SYNDROME_HVC0, 0)) {
		return stub_not_hvc0(frame, esr);
	}
	if (__builtin_expect(hypstub_smccc_is_fast(function_id), 1)) {
		op = stub_lookup(function_id);
		if (STUB_PRE412_AARCH32 && op == STUB_OP_NONE &&
		    function_id == HVC_PRE412_AARCH32_GET_VECTORS) {
			return stub_serve_cold(frame, STUB_OP_GET_VECTORS_X0);
		}
		if (op == STUB_OP_NONE) {
			/*
			 * Owners 0 and 4 hold the firmware's calls, which
			 * the PSCI proxy may forward; stub_serve_firmware()
			 * decides.  With reserved bits set, none is.
			 */
			if (IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY) &&
			    (function_id & STUB_NOT_FORWARDED) == 0) {
				return stub_serve_firmware(frame, function_id);
			}
			stub_write_result(frame, 1,
					  (uint64_t)SMCCC_RET_NOT_SUPPORTED,
					  0, 0, 0);
			return STUB_EXIT_RETURN;
		}
	} else if (STUB_PRE412_AARCH32) {
		/* Linux arm before v4.12: r0 is the new HVBAR itself. */
		return stub_set_vectors(frame, frame->x[0]);
	} else {
		/*
		 * A legacy stub number; a number past the list, or a
		 * yielding call, finds no operation and is refused.
		 */
		op = stub_legacy_lookup(function_id);
	}

	switch (op) {
	case STUB_OP_SMCCC_VERSION:
		/* Asked of the firmware at install (stub_probe_firmware()). */
		stub_write_result(frame, 1, stub_cpus.smccc_version, 0, 0, 0);
		return STUB_EXIT_RETURN;
	case STUB_OP_UID:
		/*
		 * Loaded, two words a load, not built from immediates: the
		 * empty asm hides the array's contents from the compiler.
		 */
		__asm__("" : "+r"(uid));
		stub_write_result(frame, 4, uid[0], uid[1], uid[2], uid[3]);
		return STUB_EXIT_RETURN;
	case STUB_OP_SET_VECTORS:
		return stub_set_vectors(frame, frame->x[1]);
	case STUB_OP_NONE:
		return stub_refuse(frame, SMCCC_RET_NOT_SUPPORTED);
	default:
		return stub_serve_cold(frame, op);
	}
}
