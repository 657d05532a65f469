/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the module's C and its EL2 code (<arch>/el2.S) share: the one call
 * that only the module's own vectors answer, and the blob's symbols; and,
 * through hypstub-arch.h (kernel/arm64/ or kernel/arm/, whichever Kbuild's
 * SRCARCH names), what differs by architecture.
 */
#ifndef HYPSTUB_MODULE_EL2_H
#define HYPSTUB_MODULE_EL2_H

#include "abi/hypstub.h"
#include "hypstub-arch.h"

/*
 * HYPSTUB_MOD_WHOAMI: answered by el2.S only, never by the stub, so an
 * answer proves the module's vectors are live on that CPU.  Results: 0,
 * then the level (arm64: CurrentEL; arm: CPSR, mode HYP), the vector base
 * (VBAR_EL2, HVBAR) and HCR_EL2 or HCR.  A vendor hypervisor service
 * number that abi/hypstub.h leaves unused, in the calling convention of
 * the architecture (SMC64, SMC32): should it ever reach the stub (the
 * borrow did not take), the stub answers -1 (SMCCC_RET_NOT_SUPPORTED)
 * and the module reports that.
 */
#define HYPSTUB_MOD_WHOAMI \
	SMCCC_CALL_VAL(SMCCC_FAST_CALL, HYPSTUB_MOD_WHOAMI_CC, SMCCC_OWNER_VENDOR_HYP, 0xfe00)

#ifndef __ASSEMBLER__
/* The EL2 code, as built into the module; copied out before use. */
extern const char hypstub_el2_start[];
extern const char hypstub_el2_stub_vbar[];
extern const char hypstub_el2_end[];
#endif

#endif /* HYPSTUB_MODULE_EL2_H */
