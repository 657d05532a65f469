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
 *   stub's SMCCC 1.1 promises even above SMCCC 1.0 firmware; above
 *   firmware of SMCCC 1.2 or later (ABI 1.3) the stub follows 1.2 instead:
 *   the caller's x1-x17 go to the firmware and x0-x17 come back, x0-x3
 *   whole, as the firmware answered (but for the entry calls, whose x1-x3
 *   the stub rewrote: those get x0 only, as before).
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

/*
 * SMCCC_VERSION is the firmware's only if PSCI_FEATURES says so (SMCCC 1.0
 * firmware may not know it).  A CPU without EL3 has no firmware to ask
 * (SMC would be UNDEFINED), and a stub without the proxy passes nothing
 * on: 1.1 then, as before ABI 1.3.  Install-time code: the answer is the
 * table's, which is what SMCCC_VERSION reads.
 */
STUB_INSTALL void stub_probe_firmware(void)
{
	struct stub_frame call;
	uint64_t version = HYPSTUB_SMCCC_VERSION;

	if (IS_ENABLED(CONFIG_HYPSTUB_PSCI_PROXY) &&
	    STUB_HAS_EL3()) {
		call.x[0] = PSCI_FN32(PSCI_FEATURES);
		call.x[1] = SMCCC_VERSION;
		arch_smc_call(&call, 0);
		if (call.x[0] == SMCCC_RET_SUCCESS) {
			call.x[0] = SMCCC_VERSION;
			arch_smc_call(&call, 0);
			if ((int32_t)call.x[0] >= (int32_t)HYPSTUB_SMCCC_VERSION_1_2) {
				version = HYPSTUB_SMCCC_VERSION_1_2;
			}
		}
	}
	stub_cpus.smccc_version = version;
}

void stub_proxy_call(struct stub_frame *frame, uint32_t function_id)
{
	struct stub_frame call;
	unsigned int function = function_id & SMCCC_FUNC_MASK;
	/* SMCCC 1.2 (ABI 1.3): every result register is the firmware's. */
	uint64_t v1_2 = stub_cpus.smccc_version == HYPSTUB_SMCCC_VERSION_1_2;
	unsigned int results = v1_2 ? 4 : 1;
	int64_t error = 0;

	/* An SMC32 call's arguments are the low 32 bits of x1..x4. */
	stub_reg_t mask = ((function_id >> SMCCC_CC_SHIFT) & 1U) == SMCCC_SMC32 ?
			  (stub_reg_t)0xffffffffU : (stub_reg_t)-1;

	call.x[1] = frame->x[1] & mask;
	call.x[2] = frame->x[2] & mask;
	call.x[3] = frame->x[3] & mask;
	call.x[4] = frame->x[4] & mask;
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
		 * Entry calls go on in the form arch-defs.h names (PSCI 0.2
		 * has both): SMC64 where the stub may lie above 4 GiB.
		 */
		/* x1-x3 that the stub rewrote do not go back: x0 only. */
		case PSCI_CPU_ON:
			error = stub_proxy_entry(&call, stub_cpu_index(call.x[1]), 2,
						 STUB_CPU_START_ON);
			call.x[0] = STUB_PSCI_ENTRY_FN(function);
			results = 1;
			break;
		case PSCI_CPU_SUSPEND:
			error = stub_proxy_entry(&call, stub_cpu_index(arch_read_mpidr()), 2,
						 STUB_CPU_START_RESUME);
			call.x[0] = STUB_PSCI_ENTRY_FN(function);
			results = 1;
			break;
		case PSCI_CPU_DEFAULT_SUSPEND:
		case PSCI_SYSTEM_SUSPEND:
			error = stub_proxy_entry(&call, stub_cpu_index(arch_read_mpidr()), 1,
						 STUB_CPU_START_RESUME);
			call.x[0] = STUB_PSCI_ENTRY_FN(function);
			results = 1;
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
	arch_smc_call(&call, v1_2);
	stub_write_result(frame, results, call.x[0], call.x[1], call.x[2],
			  call.x[3]);
	if (v1_2) {
		frame->x[4] = call.x[4];
	}
}
