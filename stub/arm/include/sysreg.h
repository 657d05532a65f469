/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * CP15 access in HYP mode: each register by its (opc1, CRn, CRm, opc2)
 * encoding (ARMv7-A ARM, B4; ../shared/REFERENCE-aarch32.md).
 */
#ifndef HYPSTUB_ARM_SYSREG_H
#define HYPSTUB_ARM_SYSREG_H

#include <stdint.h>

#define __stringify_1(...)	#__VA_ARGS__
#define __stringify(...)	__stringify_1(__VA_ARGS__)

/* <register>: "opc1, CRn, CRm, opc2" of p15. */
#define CP15_MIDR	0, c0, c0, 0
#define CP15_MPIDR	0, c0, c0, 5
#define CP15_ID_PFR1	0, c0, c1, 1
#define CP15_SCTLR	0, c1, c0, 0
#define CP15_VPIDR	4, c0, c0, 0
#define CP15_VMPIDR	4, c0, c0, 5
#define CP15_HSCTLR	4, c1, c0, 0
#define CP15_HCR	4, c1, c1, 0
#define CP15_HDCR	4, c1, c1, 1
#define CP15_HCPTR	4, c1, c1, 2
#define CP15_HSTR	4, c1, c1, 3
#define CP15_HSR	4, c5, c2, 0
#define CP15_HDFAR	4, c6, c0, 0
#define CP15_HVBAR	4, c12, c0, 0
#define CP15_HTPIDR	4, c13, c0, 2
#define CP15_CNTHCTL	4, c14, c1, 0
#define CP15_CNTV_CTL	0, c14, c3, 1
#define CP15_ICC_HSRE	4, c12, c9, 5
#define CP15_ICH_HCR	4, c12, c11, 0

#define __cp15_read(op1, crn, crm, op2) ({				\
	uint32_t __val;							\
	__asm__ volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
			 : "=r"(__val));					\
	__val;								\
})
#define __cp15_write(val, op1, crn, crm, op2)				\
	__asm__ volatile("mcr p15, " #op1 ", %0, " #crn ", " #crm ", " #op2 \
			 : : "r"((uint32_t)(val)) : "memory")
#define read_cp15(reg)		__cp15_read(reg)
#define write_cp15(val, reg)	__cp15_write(val, reg)
/* The expansion step that splits CP15_* into its four fields. */
#define __cp15_read_x(...)	__cp15_read(__VA_ARGS__)

#define isb()	__asm__ volatile("isb" : : : "memory")
#define dsb()	__asm__ volatile("dsb sy" : : : "memory")

#define SCTLR_M			(1UL << 0)
#define SCTLR_C			(1UL << 2)
#define SCTLR_I			(1UL << 12)

#endif /* HYPSTUB_ARM_SYSREG_H */
