/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Included first into every AArch32 target C file (stub/arm/arch.mk):
 * every symbol the stub and the loader declare is their own (-fpie), so
 * hidden, and GCC reaches it PC-relative, never through a GOT the stub
 * does not have.  Not for the host builds, whose C library it would hide.
 */
#pragma GCC visibility push(hidden)
