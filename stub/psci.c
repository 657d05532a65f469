// SPDX-License-Identifier: BSD-2-Clause
/*
 * The PSCI proxy: a kernel at EL1 above the stub uses HVC as its PSCI and
 * SMCCC conduit, and the stub passes each firmware call on with SMC.
 *
 * Three things are not passed on unchanged:
 * - a call that names an entry point (CPU_ON, CPU_SUSPEND,
 *   CPU_DEFAULT_SUSPEND, SYSTEM_SUSPEND) gets the stub's own CPU entry
 *   instead, with that CPU's stack (and whether it starts or resumes) as
 *   context: the firmware starts CPUs at EL2, and the stub must install
 *   itself there before it enters the kernel's entry at EL1 with the
 *   kernel's context (stub_cpu_start);
 * - PSCI_FEATURES(SMCCC_VERSION) answers SUCCESS, because the stub itself
 *   implements SMCCC_VERSION whatever the firmware's SMCCC version is;
 * - the caller's x4-x17 are kept across the SMC (arch_smc_call), as the
 *   stub's SMCCC 1.1 promises even above SMCCC 1.0 firmware.
 * Every answer about firmware features (ARCH_FEATURES of the workarounds,
 * TRNG, SOC_ID) is the firmware's own.
 */
#include "stub.h"
#include "psci.h"

/*
 * Points the call's entry (in x[@reg]) and context (in x[@reg + 1]) at the
 * stub's CPU entry for slot @index, after keeping the caller's pair in that
 * slot: the CPU_ON pair or the resume pair, as @start (STUB_CPU_START_*)
 * says, which the context tells the CPU entry.  0, or the PSCI error the
 * call is refused with.
 */
static int64_t stub_proxy_entry(struct stub_frame *call, long index,
				unsigned int reg, unsigned int start)
{
	if (index < 0) {
		return PSCI_RET_INVALID_PARAMETERS;	/* a CPU with no slot */
	}
	if (!stub_address_ok(call->x[reg], HYPSTUB_ENTRY_ALIGN)) {
		return PSCI_RET_INVALID_ADDRESS;
	}
	stub_cpu_set_resume(index, start, call->x[reg], call->x[reg + 1]);
	call->x[reg] = arch_stub_cpu_entry();
	call->x[reg + 1] = stub_cpu_stack_top(index) | start;
	return 0;
}

void stub_proxy_call(struct stub_frame *frame, uint32_t function_id)
{
	struct stub_frame call;
	unsigned int function = function_id & SMCCC_FUNC_MASK;
	unsigned int results = 1;
	int64_t error = 0;
	unsigned int i;

	/* An SMC32 call's arguments are the low 32 bits of x1..x4. */
	for (i = 1; i < 5; i++) {
		call.x[i] = frame->x[i];
		if (((function_id >> SMCCC_CC_SHIFT) & 1U) == SMCCC_SMC32) {
			call.x[i] = (uint32_t)call.x[i];
		}
	}
	call.x[0] = function_id;
	if (hypstub_smccc_owner(function_id) == SMCCC_OWNER_STANDARD) {
		switch (function) {
		case PSCI_FEATURES:
			if ((uint32_t)call.x[1] == SMCCC_VERSION) {
				stub_write_result(frame, 1, SMCCC_RET_SUCCESS, 0,
						  0, 0);
				return;
			}
			break;
		/*
		 * The stub's entry and stack may lie above 4 GiB: entry
		 * calls go on as their SMC64 forms (PSCI 0.2 has both).
		 */
		case PSCI_CPU_ON:
			error = stub_proxy_entry(&call, stub_cpu_index(call.x[1]), 2,
						 STUB_CPU_START_ON);
			call.x[0] = PSCI_FN64(function);
			break;
		case PSCI_CPU_SUSPEND:
			error = stub_proxy_entry(&call, stub_cpu_index(arch_read_mpidr()), 2,
						 STUB_CPU_START_RESUME);
			call.x[0] = PSCI_FN64(function);
			break;
		case PSCI_CPU_DEFAULT_SUSPEND:
		case PSCI_SYSTEM_SUSPEND:
			error = stub_proxy_entry(&call, stub_cpu_index(arch_read_mpidr()), 1,
						 STUB_CPU_START_RESUME);
			call.x[0] = PSCI_FN64(function);
			break;
		default:
			if (function >= STD_TRNG_FIRST && function <= STD_TRNG_LAST) {
				results = 4;
			}
			break;
		}
	}
	if (error != 0) {
		stub_write_result(frame, 1, (uint64_t)error, 0, 0, 0);
		return;
	}
	arch_smc_call(&call);
	stub_write_result(frame, results, call.x[0], call.x[1], call.x[2],
			  call.x[3]);
}
