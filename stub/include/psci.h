/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The firmware calls the PSCI proxy forwards or looks into (Arm DEN0022
 * PSCI, DEN0028 SMCCC).  They belong to the firmware, not to hypstub's ABI,
 * so they live here rather than in abi/hypstub.h.
 */
#ifndef HYPSTUB_PSCI_H
#define HYPSTUB_PSCI_H

#include "abi/hypstub.h"

#define PSCI_FN32(n)	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC32, SMCCC_OWNER_STANDARD, (n))
#define PSCI_FN64(n)	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC64, SMCCC_OWNER_STANDARD, (n))

/* The calls that carry an entry point (entry and context in x2/x3 or x1/x2). */
#define PSCI_CPU_SUSPEND		0x01	/* x1 state, x2 entry, x3 context */
#define PSCI_CPU_ON			0x03	/* x1 MPIDR, x2 entry, x3 context */
#define PSCI_FEATURES			0x0a	/* x1 function ID */
#define PSCI_CPU_DEFAULT_SUSPEND	0x0c	/* x1 entry, x2 context */
#define PSCI_SYSTEM_SUSPEND		0x0e	/* x1 entry, x2 context */
/* Owner 4 functions 0x50-0x5f are the TRNG interface (DEN0098): x0-x3 results. */
#define STD_TRNG_FIRST			0x50
#define STD_TRNG_LAST			0x5f

#define PSCI_RET_INVALID_PARAMETERS	(-2)
#define PSCI_RET_INVALID_ADDRESS	(-9)

/* Arm Architecture calls that belong to the firmware (SMCCC 1.1, 1.2). */
#define SMCCC_ARCH_SOC_ID		0x80000002U
#define SMCCC_ARCH_WORKAROUND_1		0x80008000U
#define SMCCC_ARCH_WORKAROUND_2		0x80007fffU
#define SMCCC_ARCH_WORKAROUND_3		0x80003fffU

#ifndef __ASSEMBLER__
/*
 * Whether the PSCI proxy forwards @function_id to the firmware: every
 * Standard Secure Service call (PSCI, TRNG) and the Arm Architecture calls
 * that only the firmware can answer.
 */
static inline int stub_proxy_forwards(unsigned int function_id)
{
	if (hypstub_smccc_owner(function_id) == SMCCC_OWNER_STANDARD) {
		return 1;
	}
	return function_id == SMCCC_ARCH_SOC_ID ||
	       function_id == SMCCC_ARCH_WORKAROUND_1 ||
	       function_id == SMCCC_ARCH_WORKAROUND_2 ||
	       function_id == SMCCC_ARCH_WORKAROUND_3;
}
#endif /* __ASSEMBLER__ */

#endif /* HYPSTUB_PSCI_H */
