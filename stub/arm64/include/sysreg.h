/* SPDX-License-Identifier: BSD-2-Clause */
/* System register access; registers the assembler may not know by encoding. */
#ifndef HYPSTUB_ARM64_SYSREG_H
#define HYPSTUB_ARM64_SYSREG_H

#include <stdint.h>

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

/* Two-level, so that SYS_* names expand to their s3_* encodings. */
#define read_sysreg(reg) ({						\
	uint64_t __val;							\
	__asm__ volatile("mrs %0, " __stringify(reg) : "=r"(__val));	\
	__val;								\
})

#define write_sysreg(val, reg)						\
	__asm__ volatile("msr " __stringify(reg) ", %0"			\
			 : : "r"((uint64_t)(val)))

#define isb()	__asm__ volatile("isb" : : : "memory")

#define SYS_ID_AA64PFR1_EL1	s3_0_c0_c4_1
#define SYS_ID_AA64SMFR0_EL1	s3_0_c0_c4_5
#define SYS_ID_AA64ISAR2_EL1	s3_0_c0_c6_2
#define SYS_ZCR_EL2		s3_4_c1_c2_0
#define SYS_SMCR_EL2		s3_4_c1_c2_6
#define SYS_HFGRTR_EL2		s3_4_c1_c1_4
#define SYS_HFGWTR_EL2		s3_4_c1_c1_5
#define SYS_HFGITR_EL2		s3_4_c1_c1_6
#define SYS_HDFGRTR_EL2		s3_4_c3_c1_4
#define SYS_HDFGWTR_EL2		s3_4_c3_c1_5
#define SYS_ICC_SRE_EL2		s3_4_c12_c9_5
#define SYS_ICH_HCR_EL2		s3_4_c12_c11_0
#define SYS_ICH_VTR_EL2		s3_4_c12_c11_1

#define SCTLR_M			(1UL << 0)
#define SCTLR_C			(1UL << 2)
#define SCTLR_I			(1UL << 12)

#endif /* HYPSTUB_ARM64_SYSREG_H */
