// SPDX-License-Identifier: BSD-2-Clause
/*
 * The hypercall dispatcher: every decision the stub takes on a call.
 *
 * One sorted const table maps SMCCC function IDs to operations; the legacy
 * Linux stub numbers map to the same operations.  Discovery answers
 * (SMCCC_ARCH_FEATURES, PROBE, call counts) are read from that table, and
 * stub_write_result() is the only place that writes result registers.
 * Runs at EL2 with the MMU off on any CPU at once: no writable state here.
 */
#include "stub.h"

_Static_assert(offsetof(struct stub_frame, x[0]) == STUB_FRAME_X(0), "frame");
_Static_assert(offsetof(struct stub_frame, x[18]) == STUB_FRAME_X(18), "frame");
_Static_assert(offsetof(struct stub_frame, lr) == STUB_FRAME_LR, "frame");
_Static_assert(sizeof(struct stub_frame) == STUB_FRAME_SIZE, "frame");
_Static_assert(STUB_FRAME_SIZE % 16 == 0, "SP stays 16-byte aligned");

#define ESR_EC_SHIFT		26
#define ESR_EC_MASK		0x3fU
#define ESR_EC_HVC64		0x16U
#define ESR_HVC_IMM_MASK	0xffffU

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
	STUB_OP_SET_VECTORS,
	STUB_OP_SOFT_RESTART,
	STUB_OP_RESET_VECTORS,
	STUB_OP_GET_ICH_VTR,
};

struct stub_call {
	uint32_t function_id;
	uint32_t op;
};

/* Sorted by function ID (binary search; tests/unit checks the order). */
static const struct stub_call stub_calls[] = {
	{ SMCCC_VERSION, STUB_OP_SMCCC_VERSION },
	{ SMCCC_ARCH_FEATURES, STUB_OP_ARCH_FEATURES },
#if IS_ENABLED(CONFIG_HYPSTUB_STD_HYP_SERVICE)
	{ HYPSTUB_STD_HYP_CALL_COUNT, STUB_OP_CALL_COUNT },
	{ HYPSTUB_STD_HYP_UID, STUB_OP_UID },
	{ HYPSTUB_STD_HYP_REVISION, STUB_OP_REVISION },
#endif
	{ HYPSTUB_GET_ABI_VERSION, STUB_OP_GET_ABI_VERSION },
	{ HYPSTUB_PROBE, STUB_OP_PROBE },
	{ HYPSTUB_GET_CONFIG, STUB_OP_GET_CONFIG },
	{ HYPSTUB_VENDOR_CALL_COUNT, STUB_OP_CALL_COUNT },
	{ HYPSTUB_VENDOR_UID, STUB_OP_UID },
	{ HYPSTUB_VENDOR_REVISION, STUB_OP_REVISION },
	{ HYPSTUB_GET_VECTORS, STUB_OP_GET_VECTORS },
	{ HYPSTUB_SET_VECTORS, STUB_OP_SET_VECTORS },
	{ HYPSTUB_SOFT_RESTART, STUB_OP_SOFT_RESTART },
	{ HYPSTUB_RESET_VECTORS, STUB_OP_RESET_VECTORS },
};

#define STUB_NR_CALLS	(sizeof(stub_calls) / sizeof(stub_calls[0]))

/* Linux's stub numbers since v4.12, and the numbering before it. */
static const uint8_t stub_legacy_ops[] = {
	[HVC_SET_VECTORS] = STUB_OP_SET_VECTORS,
	[HVC_SOFT_RESTART] = STUB_OP_SOFT_RESTART,
	[HVC_RESET_VECTORS] = STUB_OP_RESET_VECTORS,
	[HVC_FINALISE_EL2] = STUB_OP_NONE,
	[HVC_GET_ICH_VTR_EL2] = STUB_OP_GET_ICH_VTR,
};

static const uint8_t stub_pre412_ops[] = {
	[HVC_PRE412_GET_VECTORS] = STUB_OP_GET_VECTORS,
	[HVC_PRE412_SET_VECTORS] = STUB_OP_SET_VECTORS,
	[HVC_PRE412_SOFT_RESTART] = STUB_OP_SOFT_RESTART,
	[HVC_PRE412_RESET_VECTORS] = STUB_OP_RESET_VECTORS,
};

struct stub_result {
	uint64_t x[4];
	unsigned int count;	/* x0..x(count-1) are results */
	int refused;		/* x0 is an SMCCC error code */
};

static enum stub_op stub_lookup(uint32_t function_id)
{
	size_t lo = 0, hi = STUB_NR_CALLS;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (stub_calls[mid].function_id == function_id) {
			return (enum stub_op)stub_calls[mid].op;
		}
		if (stub_calls[mid].function_id < function_id) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return STUB_OP_NONE;
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

static uint64_t stub_call_count(uint32_t function_id)
{
	unsigned int owner = hypstub_smccc_owner(function_id);
	uint64_t count = 0;
	size_t i;

	for (i = 0; i < STUB_NR_CALLS; i++) {
		if (hypstub_smccc_owner(stub_calls[i].function_id) == owner) {
			count++;
		}
	}
	return count;
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
	return flags;
}

/* A physical address the CPU can reach, with the alignment a call needs. */
static int stub_address_ok(uint64_t address, uint64_t align)
{
	unsigned int pa_bits = stub_pa_bits(arch_read_id_aa64mmfr0());

	return address != 0 && (address & (align - 1)) == 0 &&
	       (address >> pa_bits) == 0;
}

static void stub_set(struct stub_result *res, unsigned int count, uint64_t x0,
		     uint64_t x1, uint64_t x2, uint64_t x3)
{
	res->x[0] = x0;
	res->x[1] = x1;
	res->x[2] = x2;
	res->x[3] = x3;
	res->count = count;
	res->refused = 0;
}

static void stub_status(struct stub_result *res, int64_t status)
{
	stub_set(res, 1, (uint64_t)status, 0, 0, 0);
}

static void stub_refuse(struct stub_result *res, int64_t error)
{
	stub_status(res, error);
	res->refused = 1;
}

/*
 * Carries out @op with the SMCCC result convention (x0 status, then
 * values).  SOFT_RESTART rewrites the frame's x0..x3 for its target.
 */
static void stub_do(enum stub_op op, uint32_t function_id,
		    struct stub_frame *frame, struct stub_result *res)
{
	uint64_t arg1 = frame->x[1];
	uint64_t ich_vtr;

	switch (op) {
	case STUB_OP_SMCCC_VERSION:
		stub_status(res, HYPSTUB_SMCCC_VERSION);
		break;
	case STUB_OP_ARCH_FEATURES:
		if (hypstub_smccc_owner((uint32_t)arg1) == SMCCC_OWNER_ARCH &&
		    hypstub_smccc_is_fast((uint32_t)arg1) &&
		    stub_lookup((uint32_t)arg1) != STUB_OP_NONE) {
			stub_status(res, SMCCC_RET_SUCCESS);
		} else {
			stub_refuse(res, SMCCC_RET_NOT_SUPPORTED);
		}
		break;
	case STUB_OP_CALL_COUNT:
		stub_status(res, (int64_t)stub_call_count(function_id));
		break;
	case STUB_OP_UID:
		stub_set(res, 4, HYPSTUB_UID_0, HYPSTUB_UID_1, HYPSTUB_UID_2,
			 HYPSTUB_UID_3);
		break;
	case STUB_OP_REVISION:
		stub_set(res, 2, HYPSTUB_ABI_VERSION_MAJOR,
			 HYPSTUB_ABI_VERSION_MINOR, 0, 0);
		break;
	case STUB_OP_GET_ABI_VERSION:
		stub_status(res, HYPSTUB_ABI_VERSION);
		break;
	case STUB_OP_PROBE:
		if (stub_lookup((uint32_t)arg1) != STUB_OP_NONE) {
			stub_status(res, SMCCC_RET_SUCCESS);
		} else {
			stub_refuse(res, SMCCC_RET_NOT_SUPPORTED);
		}
		break;
	case STUB_OP_GET_CONFIG:
		stub_set(res, 2, SMCCC_RET_SUCCESS, stub_config_flags(), 0, 0);
		break;
	case STUB_OP_GET_VECTORS:
		stub_set(res, 2, SMCCC_RET_SUCCESS, arch_read_vbar_el2(), 0, 0);
		break;
	case STUB_OP_SET_VECTORS:
		if (!stub_address_ok(arg1, HYPSTUB_VECTORS_ALIGN)) {
			stub_refuse(res, SMCCC_RET_INVALID_PARAMETER);
			break;
		}
		arch_write_vbar_el2(arg1);
		stub_status(res, SMCCC_RET_SUCCESS);
		break;
	case STUB_OP_SOFT_RESTART:
		if (!stub_address_ok(arg1, HYPSTUB_ENTRY_ALIGN)) {
			stub_refuse(res, SMCCC_RET_INVALID_PARAMETER);
			break;
		}
		/* x2, x3, x4 become x0, x1, x2; x3 = 0 as booting.rst wants. */
		stub_set(res, 4, frame->x[2], frame->x[3], frame->x[4], 0);
		arch_prepare_soft_restart(arg1);
		break;
	case STUB_OP_RESET_VECTORS:
		arch_write_vbar_el2(arch_stub_vectors());
		stub_status(res, SMCCC_RET_SUCCESS);
		break;
	case STUB_OP_GET_ICH_VTR:
		/* ICH_VTR_EL2 is UNDEFINED without the GICv3 system registers. */
		if (((arch_read_id_aa64pfr0() >> 24) & 0xf) == 0) {
			stub_refuse(res, SMCCC_RET_NOT_SUPPORTED);
			break;
		}
		ich_vtr = arch_read_ich_vtr_el2();
		stub_set(res, 2, SMCCC_RET_SUCCESS, ich_vtr, 0, 0);
		break;
	case STUB_OP_NONE:
	default:
		stub_refuse(res, SMCCC_RET_NOT_SUPPORTED);
		break;
	}
}

/* The only writer of result registers; the rest of the frame is kept. */
static void stub_write_result(struct stub_frame *frame,
			      const struct stub_result *res)
{
	unsigned int i;

	for (i = 0; i < res->count; i++) {
		frame->x[i] = res->x[i];
	}
}

/* Legacy path: failures read HVC_STUB_ERR, pre-4.12 GET_VECTORS is x0. */
static void stub_legacy_result(enum stub_op op, struct stub_result *res)
{
	if (res->refused) {
		stub_status(res, HVC_STUB_ERR);
	} else if (op == STUB_OP_GET_VECTORS) {
		stub_status(res, (int64_t)res->x[1]);
	}
}

static void stub_dispatch(struct stub_frame *frame)
{
	uint32_t function_id = (uint32_t)frame->x[0];
	struct stub_result res;
	enum stub_op op;

	if (function_id < HYPSTUB_LEGACY_LIMIT) {
		op = stub_legacy_lookup(function_id);
		stub_do(op, function_id, frame, &res);
		stub_legacy_result(op, &res);
	} else if (!hypstub_smccc_is_fast(function_id) ||
		   (function_id & (SMCCC_FAST_RESERVED_MASK | SMCCC_SVE_HINT))) {
		/*
		 * Yielding calls are not served; bits 23:16 are reserved
		 * under SMCCC 1.1 (bit 16 becomes the SVE hint only in 1.3).
		 */
		stub_refuse(&res, SMCCC_RET_NOT_SUPPORTED);
	} else {
		op = stub_lookup(function_id);
		stub_do(op, function_id, frame, &res);
	}
	stub_write_result(frame, &res);
}

uint64_t stub_handle_lower_sync(struct stub_frame *frame, uint64_t esr)
{
	struct stub_result res;

	if (((esr >> ESR_EC_SHIFT) & ESR_EC_MASK) != ESR_EC_HVC64) {
		stub_report_unexpected(STUB_VEC_SYNC_EL1_64);
		return STUB_EXIT_PARK;
	}
	if ((esr & ESR_HVC_IMM_MASK) != 0) {
		/* SMCCC reserves HVC immediates other than 0. */
		stub_refuse(&res, SMCCC_RET_NOT_SUPPORTED);
		stub_write_result(frame, &res);
		return STUB_EXIT_RETURN;
	}
	stub_dispatch(frame);
	return STUB_EXIT_RETURN;
}
