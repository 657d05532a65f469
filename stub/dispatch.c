// SPDX-License-Identifier: BSD-2-Clause
/*
 * The hypercall dispatcher: every decision the stub takes on a call.
 *
 * STUB_SMCCC_CALLS is the one list of served SMCCC calls.  It generates the
 * dispatch switch, the PROBE and SMCCC_ARCH_FEATURES answers and the call
 * counts, so discovery cannot disagree with dispatch.  The legacy Linux stub
 * numbers map to the same operations, and stub_write_result() is the only
 * writer of result registers.  Runs at EL2 with the MMU off on any number
 * of CPUs at once: there is no writable state here.
 */
#include "stub.h"
#include "psci.h"

_Static_assert(offsetof(struct stub_frame, x[0]) == STUB_FRAME_X(0), "frame");
_Static_assert(offsetof(struct stub_frame, x[4]) == STUB_FRAME_X(4), "frame");
_Static_assert(offsetof(struct stub_frame, lr) == STUB_FRAME_LR, "frame");
_Static_assert(sizeof(struct stub_frame) == STUB_FRAME_SIZE, "frame");
_Static_assert(STUB_FRAME_SIZE % 16 == 0, "SP stays 16-byte aligned");

#define ESR_EC_SHIFT		26
#define ESR_EC_MASK		0x3fU
#define ESR_EC_HVC64		0x16U
/* ESR_EL2 of `hvc #0` from AArch64: EC 0x16, IL set, immediate 0. */
#define ESR_HVC0		0x5a000000U

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

/* The optional group and its entries, side by side. */
#if IS_ENABLED(CONFIG_HYPSTUB_STD_HYP_SERVICE)
#define STUB_STD_HYP_CALLS(X)						\
	X(HYPSTUB_STD_HYP_CALL_COUNT, STUB_OP_CALL_COUNT)		\
	X(HYPSTUB_STD_HYP_UID, STUB_OP_UID)				\
	X(HYPSTUB_STD_HYP_REVISION, STUB_OP_REVISION)
#else
#define STUB_STD_HYP_CALLS(X)
#endif

#define STUB_SMCCC_CALLS(X)						\
	X(SMCCC_VERSION, STUB_OP_SMCCC_VERSION)				\
	X(SMCCC_ARCH_FEATURES, STUB_OP_ARCH_FEATURES)			\
	STUB_STD_HYP_CALLS(X)						\
	X(HYPSTUB_GET_ABI_VERSION, STUB_OP_GET_ABI_VERSION)		\
	X(HYPSTUB_PROBE, STUB_OP_PROBE)					\
	X(HYPSTUB_GET_CONFIG, STUB_OP_GET_CONFIG)			\
	X(HYPSTUB_VENDOR_CALL_COUNT, STUB_OP_CALL_COUNT)		\
	X(HYPSTUB_VENDOR_UID, STUB_OP_UID)				\
	X(HYPSTUB_VENDOR_REVISION, STUB_OP_REVISION)			\
	X(HYPSTUB_GET_VECTORS, STUB_OP_GET_VECTORS)			\
	X(HYPSTUB_SET_VECTORS, STUB_OP_SET_VECTORS)			\
	X(HYPSTUB_SOFT_RESTART, STUB_OP_SOFT_RESTART)			\
	X(HYPSTUB_RESET_VECTORS, STUB_OP_RESET_VECTORS)

/* Linux's stub numbers since v4.12, and the numbering before it. */
static const uint8_t stub_legacy_ops[] = {
	[HVC_SET_VECTORS] = STUB_OP_SET_VECTORS,
	[HVC_SOFT_RESTART] = STUB_OP_SOFT_RESTART,
	[HVC_RESET_VECTORS] = STUB_OP_RESET_VECTORS,
	[HVC_FINALISE_EL2] = STUB_OP_NONE,
	[HVC_GET_ICH_VTR_EL2] = STUB_OP_GET_ICH_VTR,
};

static const uint8_t stub_pre412_ops[] = {
	[HVC_PRE412_GET_VECTORS] = STUB_OP_GET_VECTORS_X0,
	[HVC_PRE412_SET_VECTORS] = STUB_OP_SET_VECTORS,
	[HVC_PRE412_SOFT_RESTART] = STUB_OP_SOFT_RESTART,
	[HVC_PRE412_RESET_VECTORS] = STUB_OP_RESET_VECTORS,
};

static inline enum stub_op stub_lookup(uint32_t function_id)
{
	switch (function_id) {
#define STUB_CASE(id, op)	case id: return op;
	STUB_SMCCC_CALLS(STUB_CASE)
#undef STUB_CASE
	default:
		return STUB_OP_NONE;
	}
}

static enum stub_op stub_legacy_lookup(uint32_t number)
{
	if (IS_ENABLED(CONFIG_HYPSTUB_LEGACY_PRE_4_12)) {
		if (number < sizeof(stub_pre412_ops)) {
			return (enum stub_op)stub_pre412_ops[number];
		}
		return STUB_OP_NONE;
	}
	if (number < sizeof(stub_legacy_ops)) {
		return (enum stub_op)stub_legacy_ops[number];
	}
	return STUB_OP_NONE;
}

/* Calls served for @owner, the general queries included. */
static uint64_t stub_call_count(unsigned int owner)
{
#define STUB_COUNT(id, op)	+ (hypstub_smccc_owner(id) == owner)
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
 * Carries out @op with SMCCC results.  Returns 0 when it wrote its
 * results, or the SMCCC error (-1, -3) it refused the call with, which
 * the caller reports in the form its path uses.
 */
static inline __attribute__((always_inline)) int64_t
stub_do(enum stub_op op, uint32_t function_id, struct stub_frame *frame)
{
	uint64_t arg1 = frame->x[1];

	switch (op) {
	case STUB_OP_SMCCC_VERSION:
		stub_write_result(frame, 1, HYPSTUB_SMCCC_VERSION, 0, 0, 0);
		return 0;
	case STUB_OP_ARCH_FEATURES:
		if (hypstub_smccc_owner((uint32_t)arg1) != SMCCC_OWNER_ARCH) {
			return SMCCC_RET_NOT_SUPPORTED;
		}
		/* The workarounds and SOC_ID: the firmware's own answer. */
		if (IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY) &&
		    stub_proxy_forwards((uint32_t)arg1)) {
			stub_proxy_call(frame, function_id);
			return 0;
		}
		if (stub_lookup((uint32_t)arg1) == STUB_OP_NONE) {
			return SMCCC_RET_NOT_SUPPORTED;
		}
		stub_write_result(frame, 1, SMCCC_RET_SUCCESS, 0, 0, 0);
		return 0;
	case STUB_OP_CALL_COUNT:
		stub_write_result(frame, 1,
				  stub_call_count(hypstub_smccc_owner(function_id)),
				  0, 0, 0);
		return 0;
	case STUB_OP_UID:
		stub_write_result(frame, 4, HYPSTUB_UID_0, HYPSTUB_UID_1,
				  HYPSTUB_UID_2, HYPSTUB_UID_3);
		return 0;
	case STUB_OP_REVISION:
		stub_write_result(frame, 2, HYPSTUB_ABI_VERSION_MAJOR,
				  HYPSTUB_ABI_VERSION_MINOR, 0, 0);
		return 0;
	case STUB_OP_GET_ABI_VERSION:
		stub_write_result(frame, 1, HYPSTUB_ABI_VERSION, 0, 0, 0);
		return 0;
	case STUB_OP_PROBE:
		if (stub_lookup((uint32_t)arg1) == STUB_OP_NONE) {
			return SMCCC_RET_NOT_SUPPORTED;
		}
		stub_write_result(frame, 1, SMCCC_RET_SUCCESS, 0, 0, 0);
		return 0;
	case STUB_OP_GET_CONFIG:
		stub_write_result(frame, 2, SMCCC_RET_SUCCESS,
				  stub_config_flags(), 0, 0);
		return 0;
	case STUB_OP_GET_VECTORS:
		stub_write_result(frame, 2, SMCCC_RET_SUCCESS,
				  arch_read_vbar_el2(), 0, 0);
		return 0;
	case STUB_OP_GET_VECTORS_X0:
		stub_write_result(frame, 1, arch_read_vbar_el2(), 0, 0, 0);
		return 0;
	case STUB_OP_SET_VECTORS:
		if (!stub_address_ok(arg1, HYPSTUB_VECTORS_ALIGN)) {
			return SMCCC_RET_INVALID_PARAMETER;
		}
		arch_write_vbar_el2(arg1);
		stub_write_result(frame, 1, SMCCC_RET_SUCCESS, 0, 0, 0);
		return 0;
	case STUB_OP_SOFT_RESTART:
		if (!stub_address_ok(arg1, HYPSTUB_ENTRY_ALIGN)) {
			return SMCCC_RET_INVALID_PARAMETER;
		}
		/* x2, x3, x4 become x0, x1, x2; x3 = 0 as booting.rst wants. */
		stub_write_result(frame, 4, frame->x[2], frame->x[3],
				  frame->x[4], 0);
		arch_prepare_soft_restart(arg1);
		return 0;
	case STUB_OP_RESET_VECTORS:
		arch_write_vbar_el2(arch_stub_vectors());
		stub_write_result(frame, 1, SMCCC_RET_SUCCESS, 0, 0, 0);
		return 0;
	case STUB_OP_GET_ICH_VTR:
		/* ICH_VTR_EL2 is UNDEFINED without the GICv3 system registers. */
		if (!stub_id_has_gicv3(arch_read_id_aa64pfr0())) {
			return SMCCC_RET_NOT_SUPPORTED;
		}
		stub_write_result(frame, 2, SMCCC_RET_SUCCESS,
				  arch_read_ich_vtr_el2(), 0, 0);
		return 0;
	case STUB_OP_NONE:
	default:
		return SMCCC_RET_NOT_SUPPORTED;
	}
}

/*
 * Not `hvc #0`: report and park if it is no HVC at all, refuse it with
 * NOT_SUPPORTED if it is an HVC with another immediate (SMCCC reserves
 * them).  Out of line, so that the HVC path stays a leaf with no frame.
 */
static __attribute__((noinline, cold)) uint64_t
stub_not_hvc0(struct stub_frame *frame, uint64_t esr)
{
	if (((esr >> ESR_EC_SHIFT) & ESR_EC_MASK) != ESR_EC_HVC64) {
		stub_report_unexpected(STUB_VEC_SYNC_EL1_64);
		return STUB_EXIT_PARK;
	}
	stub_write_result(frame, 1, (uint64_t)SMCCC_RET_NOT_SUPPORTED, 0, 0, 0);
	return STUB_EXIT_RETURN;
}

uint64_t stub_handle_lower_sync(struct stub_frame *frame, uint64_t esr)
{
	uint32_t function_id = (uint32_t)frame->x[0];
	int64_t error;

	if (__builtin_expect((uint32_t)esr != ESR_HVC0, 0)) {
		return stub_not_hvc0(frame, esr);
	}
	if (__builtin_expect(hypstub_smccc_is_fast(function_id), 1)) {
		/*
		 * Bits 23:16 are reserved under SMCCC 1.1 (bit 16 becomes
		 * the SVE hint only in 1.3).
		 */
		if (function_id & (SMCCC_FAST_RESERVED_MASK | SMCCC_SVE_HINT)) {
			error = SMCCC_RET_NOT_SUPPORTED;
		} else {
			enum stub_op op = stub_lookup(function_id);

			if (IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY) &&
			    op == STUB_OP_NONE &&
			    stub_proxy_forwards(function_id)) {
				stub_proxy_call(frame, function_id);
				error = 0;
			} else {
				error = stub_do(op, function_id, frame);
			}
		}
	} else if (function_id < HYPSTUB_LEGACY_LIMIT) {
		error = stub_do(stub_legacy_lookup(function_id), function_id,
				frame);
		if (error != 0) {
			error = HVC_STUB_ERR;
		}
	} else {
		/* Yielding calls are not served. */
		error = SMCCC_RET_NOT_SUPPORTED;
	}
	if (error != 0) {
		stub_write_result(frame, 1, (uint64_t)error, 0, 0, 0);
	}
	return STUB_EXIT_RETURN;
}
