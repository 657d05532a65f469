/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the module's C and its EL2 code (el2.S) share: the one call that
 * only the module's own vectors answer, and the blob's symbols.
 */
#ifndef HYPSTUB_MODULE_EL2_H
#define HYPSTUB_MODULE_EL2_H

#include "abi/hypstub.h"

/*
 * HYPSTUB_MOD_WHOAMI: answered by el2.S only, never by the stub, so an
 * answer proves the module's vectors are live on that CPU.  x0 = 0,
 * x1 = CurrentEL, x2 = VBAR_EL2, x3 = HCR_EL2.  A vendor hypervisor
 * service number that abi/hypstub.h leaves unused: should it ever reach
 * the stub (the borrow did not take), the stub answers -1
 * (SMCCC_RET_NOT_SUPPORTED) and the module reports that.
 */
#define HYPSTUB_MOD_WHOAMI \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, SMCCC_SMC64, SMCCC_OWNER_VENDOR_HYP, 0xfe00)

#ifndef __ASSEMBLER__
/* The EL2 code, as built into the module; copied out before use. */
extern const char hypstub_el2_start[];
extern const char hypstub_el2_stub_vbar[];
extern const char hypstub_el2_end[];
#endif

#endif /* HYPSTUB_MODULE_EL2_H */
