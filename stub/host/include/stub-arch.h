/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The HVC-path arch accessors for a host build: prototypes only, defined
 * by the unit tests' fake (tests/unit/fake_arch.c), for both
 * architectures' builds of the core.  The target's inline versions are in
 * stub/arm64/include/stub-arch.h and stub/arm/include/stub-arch.h.
 */
#ifndef HYPSTUB_STUB_ARCH_H
#define HYPSTUB_STUB_ARCH_H

#include <stdint.h>

uint64_t arch_read_vbar_el2(void);
void arch_write_vbar_el2(uint64_t vbar);
uint64_t arch_stub_vectors(void);
uint64_t arch_stub_cpu_entry(void);
uint64_t arch_read_id_aa64mmfr0(void);
uint64_t arch_read_id_aa64pfr0(void);
/* AArch32: ID_PFR1 (the Security Extensions, so EL3, for STUB_HAS_EL3()). */
uint64_t arch_read_id_pfr1(void);
uint64_t arch_read_ich_vtr_el2(void);
void arch_prepare_soft_restart(uint64_t entry);

#endif /* HYPSTUB_STUB_ARCH_H */
