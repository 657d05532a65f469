/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Layouts and values the stub's assembly and C share.  Macros only; the C
 * side checks every offset against its struct with _Static_assert.
 */
#ifndef HYPSTUB_STUB_ASM_H
#define HYPSTUB_STUB_ASM_H

/* struct stub_frame's layout (STUB_FRAME_*): the architecture's arch-defs.h. */
#include "arch-defs.h"

/*
 * Each CPU's slot: the proxy's two kernel entries and contexts, one for
 * CPU_ON and one for the suspend calls (32 bytes), then its stack, the HVC
 * frame at the top.
 */
#define STUB_PERCPU_SIZE	512
/*
 * The context the proxy gives the firmware for the stub's CPU entry: the
 * top of the CPU's stack (16-byte aligned), its low bits saying which of
 * the slot's two entries to take.
 */
#define STUB_CPU_START_ON	0	/* PSCI CPU_ON */
#define STUB_CPU_START_RESUME	1	/* the suspend calls */
#define STUB_CPU_START_MASK	0xf	/* the low bits, clear in a stack top */
/*
 * What arch_smc_call() keeps on the stack: the frame and x30, x4..x17,
 * whether the firmware's x4..x17 are results (and 8 bytes of alignment).
 */
#define STUB_SMC_SAVE_SIZE	144

/* What stub_handle_lower_sync() asks the exit path to do. */
#define STUB_EXIT_RETURN	0
#define STUB_EXIT_PARK		1

/* SPSR_EL2 values: EL1h or EL2h, with D, A, I and F masked. */
#define STUB_SPSR_EL1H_DAIF	0x3c5
#define STUB_SPSR_EL2H_DAIF	0x3c9

#endif /* HYPSTUB_STUB_ASM_H */
