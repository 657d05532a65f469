/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * hypstub QEMU conformance guest: what the shared C (main.c, cases.c,
 * fuzz.c, console.c) and each architecture's code (arm64/, arm/) agree on.
 * The ABI numbers themselves come from abi/hypstub.h only; the register
 * frame, the records the assembly fills and the architecture's numbers
 * come from <arch>/arch.h, found first on the include path.
 *
 * The shared part is macros only, usable from .S and .c; the C part sits
 * behind __ASSEMBLER__.
 */
#ifndef GUEST_H
#define GUEST_H

#include <hypstub.h>

#ifndef __ASSEMBLER__
typedef unsigned long long u64;
typedef unsigned int u32;
typedef unsigned char u8;
/* A general-purpose register of the guest's architecture: x<n> or r<n>. */
typedef unsigned long ureg;
typedef long sreg;
#endif

#include "arch.h"

/*
 * Calls served by the guest's own EL2/HYP vectors once it has taken EL2
 * over.  They are legacy-range numbers the stub does not implement, so a
 * call that reaches the stub instead (a SET_VECTORS that claimed success
 * but did nothing) answers HVC_STUB_ERR and the case fails visibly.  None
 * is a multiple of 32: under Linux arm's pre-4.12 scheme (an AArch32
 * pre-4.12 build), where an r0 with bit 31 clear is the new HVBAR, the
 * stub refuses such an r0 with the same HVC_STUB_ERR instead of taking
 * it for a vector table.  Each fits a cmp immediate so the handler needs
 * no scratch register.  arch.h may add numbers of its own from 0xe22 on.
 */
#define GUEST_EL2_WHOAMI	0xe1f	/* x0 = 0, x1..x4: arch.h says */
#define GUEST_EL2_GIVE_BACK	0xe21	/* vectors = x1; x0 = 0 */

/*
 * PSCI function IDs (Arm DEN0022) the guest calls, over SMC directly
 * (QEMU answers) and over HVC through the stub's PSCI proxy.  They are the
 * firmware's numbers, not hypstub's: abi/hypstub.h does not hold them.
 */
#define PSCI_0_2_VERSION		0x84000000
#define PSCI_0_2_CPU_OFF		0x84000002
#define PSCI_0_2_CPU_ON32		0x84000003
#define PSCI_0_2_CPU_ON64		0xc4000003
#define PSCI_0_2_AFFINITY_INFO32	0x84000004
#define PSCI_0_2_AFFINITY_INFO64	0xc4000004
#define PSCI_0_2_SYSTEM_OFF		0x84000008
#define PSCI_1_0_FEATURES		0x8400000a
#define TRNG_VERSION			0x84000050

/*
 * The call helpers <arch>/hvc.S instantiates (its hvc_helper macro), one
 * per immediate, as declared below.
 */
#define GUEST_HVC_HELPERS	hvc_helper guest_hvc0, 0; \
				hvc_helper guest_hvc1, 1; \
				hvc_helper guest_hvc_ffff, 0xffff

/* Exception stacks: one for EL1/PL1, one for the guest's own EL2/HYP code. */
#define GUEST_STACK_SIZE		0x4000
#define GUEST_EXCEPTION_STACK_SIZE	0x1000

#ifndef __ASSEMBLER__

/*
 * The guest is linked as a PIE and must carry no dynamic relocation:
 * hidden visibility makes the compiler reach every global PC-relatively
 * instead of through a GOT.
 */
#pragma GCC visibility push(hidden)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BIT(n)		(1UL << (n))

/*
 * Every register the call helpers load before the HVC and store after it,
 * in arch.h's order (FRAME_REGS of them): r[0..4] are the call's
 * arguments and results; the stub must preserve every other one.
 */
struct hvc_frame {
	ureg r[FRAME_REGS];
};

/* <arch>/hvc.S: load every register from @in, issue the HVC, store all into @out. */
void guest_hvc0(const struct hvc_frame *in, struct hvc_frame *out);
void guest_hvc1(const struct hvc_frame *in, struct hvc_frame *out);
void guest_hvc_ffff(const struct hvc_frame *in, struct hvc_frame *out);

/*
 * <arch>/: the EL2/HYP code.  guest_soft_restart_target is entered at EL2
 * (in HYP) with r0..r3 set by the stub; it records what it finds in
 * guest_soft_restart_record, then returns to EL1 (SVC) at guest_hvc0's
 * return point, which stores the registers and restores the C environment
 * as for any HVC.
 */
extern const char guest_el2_vectors[];
extern ureg guest_el2_stub_vbar;
extern const char guest_soft_restart_target[];
extern struct soft_restart_record guest_soft_restart_record;

/* <arch>/head.S */
extern struct entry_record guest_entry_record;

/* <arch>/secondary.S: where the PSCI proxy's CPU_ON sends CPU 1. */
extern const char guest_secondary_entry[];
extern struct secondary_record guest_secondary_record;

/* console.c: PL011 output and a small fixed-size text buffer. */
void console_putc(char c);
void console_puts(const char *s);
void console_put_hex(u64 value);
void console_put_dec(u64 value);

struct text {
	char buf[200];
	unsigned int len;
};

void text_reset(struct text *t);
void text_puts(struct text *t, const char *s);
void text_put_hex(struct text *t, u64 value);
void text_put_dec(struct text *t, u64 value);

/* <arch>/arch.c: what an unexpected exception was, its registers' names. */
void arch_describe_exception(struct text *what, ureg el, ureg vector);
const char *arch_syndrome_name(ureg el);
const char *arch_return_name(ureg el);

/* main.c */
void guest_main(void) __attribute__((noreturn));
void guest_exit(unsigned int code) __attribute__((noreturn));
void guest_unexpected_exception(ureg el, ureg vector, ureg esr, ureg elr,
				ureg far, ureg spsr) __attribute__((noreturn));


/* cases.c */
unsigned int cases_planned(void);
void cases_run(void);

/* What the stub said of itself at the start (cases.c's setup). */
struct stub_facts {
	ureg config;			/* GET_CONFIG flags */
	ureg stub_vectors;
	u64 pa_limit;			/* 2^PA; 0: no limit below the register */
	ureg ich_vtr;			/* when gic_sysregs */
	_Bool pre_4_12, std_hyp, psci_proxy, gic_sysregs;
	_Bool pre412_arm;		/* Linux arm's pre-4.12 scheme */
};

void cases_facts(struct stub_facts *facts);
/* r0 of the call made with SMC (QEMU answers it), r3 = 0 (main.c). */
ureg guest_smc_x0(ureg x0, ureg x1, ureg x2);

/* main.c: the TAP side of a case. */
struct tcase {
	unsigned int failures;
	const char *skip;
	struct text detail;
};

void case_report(struct tcase *t, const char *name);
void case_diag(const char *s, u64 value);

/* fuzz.c: @count seeded calls against the document's model. */
void fuzz_run(struct tcase *t, u64 count, u64 seed);

_Static_assert(sizeof(struct hvc_frame) == FRAME_SIZE, "hvc_frame size");

#endif /* __ASSEMBLER__ */

#endif /* GUEST_H */
