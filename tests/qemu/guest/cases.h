/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What cases.c shares with the cases of one architecture (<arch>/arch.c):
 * the call description, the checks, the suite's facts about the stub, and
 * the steps the architecture's cases are built from.
 */
#ifndef GUEST_CASES_H
#define GUEST_CASES_H

#include <stdbool.h>

#include "guest.h"

/* SMCCC results, sign-extended to the register's width. */
#define RET(v)			((ureg)(sreg)(v))
#define NOT_SUPPORTED		RET(SMCCC_RET_NOT_SUPPORTED)
#define INVALID_PARAMETER	RET(SMCCC_RET_INVALID_PARAMETER)

/* PSCI results (Arm DEN0022), and the CPU the proxy's cases start. */
#define PSCI_SUCCESS		0
#define PSCI_INVALID_PARAMETERS	RET(-2)
#define PSCI_INVALID_ADDRESS	RET(-9)
#define PSCI_AFFINITY_OFF	1
#define CPU1_MPIDR		0x1UL
#define FDT_MAGIC		0xd00dfeedU

/* Argument and result registers: r0..r4 (x0..x4) of the frame. */
#define CALL_REGS		5

enum hvc_imm {
	IMM_0,
	IMM_1,
	IMM_FFFF,
};

/* One HVC: what goes in, which of r0..r4 are results and their values. */
struct call {
	enum hvc_imm imm;
	unsigned int nargs;		/* r0..r[nargs - 1] from arg[] */
	ureg arg[CALL_REGS];
	unsigned int results;		/* registers the call may change */
	unsigned int checked;		/* results with a known value */
	ureg want[CALL_REGS];
};

/* The stub's legacy numbering, chosen by GET_CONFIG bit 0. */
struct legacy_numbers {
	ureg set_vectors;
	ureg soft_restart;
	ureg reset_vectors;
};

struct suite {
	unsigned int seq;
	u64 pa_limit;			/* 2^PA; 0 when every address fits */
	ureg stub_vectors;		/* the stub's vectors as first reported */
	ureg config;			/* GET_CONFIG flags */
	bool pre_4_12;
	/*
	 * pre_4_12 on AArch32: Linux arm's pre-4.12 scheme, no numbers
	 * (GUEST_PRE412_ADDRESS_SCHEME); legacy is then NULL.
	 */
	bool pre412_arm;
	const struct legacy_numbers *legacy;
	bool std_hyp;			/* PROBE says the group is built */
	bool gic_sysregs;		/* GICv3 system registers */
	bool psci_proxy;		/* GET_CONFIG says the proxy is built */
	bool have_ich_vtr;
	ureg ich_vtr;			/* the stub's GET_ICH_VTR_EL2 answer */
	ureg takeover_sp;		/* SP at EL2/HYP under the guest's vectors */
	ureg restart_sp;		/* SP at EL2/HYP at the SOFT_RESTART target */
};

extern struct suite suite;
extern const struct call uid_call_template;

/* cases.c: the checks; only a case's first failure becomes its detail. */
void fail_value(struct tcase *t, const char *what, u64 want, u64 got);
bool check_value(struct tcase *t, const char *what, u64 want, u64 got);
bool check_true(struct tcase *t, const char *what, bool cond, u64 got);
bool call(struct tcase *t, const char *what, const struct call *c,
	  struct hvc_frame *out);
bool call_x0(struct tcase *t, const char *what, enum hvc_imm imm, ureg x0,
	     ureg x1, unsigned int nargs, ureg want);
void raw_call(ureg x0, ureg x1, struct hvc_frame *out);
void fill_frame(struct hvc_frame *in, const ureg *arg, unsigned int nargs);
void issue(enum hvc_imm imm, const struct hvc_frame *in, struct hvc_frame *out);
ureg smccc_version_want(void);
bool stub_serves(struct tcase *t);
bool vectors_unchanged(struct tcase *t);
ureg pre412_arm_refusal(ureg r0);
void recover_stub_vectors(void);
bool firmware_call(struct tcase *t, const char *what, ureg x0, ureg x1,
		   ureg x2, ureg x3, ureg proxied);
ureg cpu1_state_by_smc(void);
void cpu_on_secondary(struct tcase *t);
bool borrow_el2(struct tcase *t, ureg *saved);
void give_el2_back(struct tcase *t, ureg saved);
void still_borrowed(struct tcase *t);

/* <arch>/arch.c: what the architecture knows and checks. */
void arch_setup(struct suite *s);
bool arch_has_el3(void);
void arch_frame_reg_name(struct text *t, unsigned int reg);
/* Sentinels in place: make the registers that hold state (SPSR, CPSR) valid. */
void arch_fill_frame(struct hvc_frame *in);
u64 arch_counter(void);
u64 arch_counter_freq(void);
/* The MPIDRs no build has a slot for. */
extern const ureg arch_no_slot_mpidrs[];
extern const unsigned int arch_nr_no_slot_mpidrs;
void arch_check_secondary(struct tcase *t,
			  const volatile struct secondary_record *rec);
void arch_check_soft_restart(struct tcase *t,
			     const volatile struct soft_restart_record *rec);
/* The guest's WHOAMI answered under its own vectors (@out). */
void arch_check_whoami(struct tcase *t, const struct hvc_frame *out);
/* The calls the guest's vectors make while they own EL2/HYP. */
void arch_while_guest_owns(struct tcase *t);
/* Give EL2/HYP back to @saved as a RESET_VECTORS emulation would. */
void arch_give_back(struct tcase *t, ureg saved, bool legacy);
/*
 * The stub's vectors, saved before a take-over, where the guest's EL2/HYP
 * code finds them (to give them back, and to pass calls on).
 */
void arch_save_stub_vectors(ureg saved);
/*
 * Calls the guest's EL2/HYP vectors pass on to the stub while they own
 * it, answered by the stub: the vendor UID, GET_ABI_VERSION, GET_VECTORS
 * (the guest's vectors: EL2/HYP's as they are) and, with the proxy,
 * PSCI_VERSION.
 */
void check_passed_on(struct tcase *t);

#define DECLARE_CASE(fn, name)	void fn(struct tcase *t);
ARCH_ENTRY_CASES(DECLARE_CASE)
ARCH_EARLY_CASES(DECLARE_CASE)
ARCH_OWNER_CASES(DECLARE_CASE)

#endif /* GUEST_CASES_H */
