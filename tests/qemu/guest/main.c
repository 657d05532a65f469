// SPDX-License-Identifier: BSD-2-Clause
/*
 * Conformance guest: TAP output and the way out of QEMU.
 *
 * Output contract with tests/qemu/run-conformance.sh: the plan `1..N`
 * first, one `ok N - name` or `not ok N - name: detail` per case, then
 * `conformance: P passed, F failed` alone on a line, then a semihosting
 * exit with code F.  A guest fault prints `Bail out!` and exits with 255.
 */
#include "guest.h"

/*
 * Arm semihosting: SYS_EXIT_EXTENDED takes a {reason, code} block on both
 * architectures (AArch32's plain SYS_EXIT has no code), GET_CMDLINE a
 * {buffer, size} block.  The instruction is <arch>/arch.c's.
 */
#define SEMIHOSTING_SYS_GET_CMDLINE		0x15
#define SEMIHOSTING_SYS_EXIT_EXTENDED		0x20
#define ADP_STOPPED_APPLICATION_EXIT		0x20026

#define EXIT_BAIL_OUT				255

static struct {
	unsigned int reported;
	unsigned int passed;
	unsigned int failed;
} tap;

/*
 * Set before the semihosting HLT: when semihosting is off the HLT is
 * UNDEFINED and lands in the unexpected-exception path, which then powers
 * off through PSCI instead of reporting a fault.
 */
static volatile int exit_in_progress;

/* Arm semihosting: the operation in r0/w0, its block in r1/x1. */
static ureg semihosting(ureg op, ureg arg)
{
	register ureg r0 asm(GUEST_REG0) = op;
	register ureg r1 asm(GUEST_REG1) = arg;

	asm volatile(GUEST_SEMIHOSTING_INSN : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

/*
 * The firmware's own answer, r0/x0: the call made with SMC from EL1 or
 * SVC, which QEMU answers itself (no EL3; HCR(_EL2).TSC is clear).
 */
ureg guest_smc_x0(ureg x0, ureg x1, ureg x2)
{
	register ureg r0 asm(GUEST_REG0) = x0;
	register ureg r1 asm(GUEST_REG1) = x1;
	register ureg r2 asm(GUEST_REG2) = x2;
	register ureg r3 asm(GUEST_REG3) = 0;

	asm volatile(GUEST_SMC_INSN
		     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
		     :
		     : GUEST_SMC_CLOBBERS, "memory");
	return r0;
}

static void psci_system_off(void) __attribute__((noreturn));
static void psci_system_off(void)
{
	guest_smc_x0(PSCI_0_2_SYSTEM_OFF, 0, 0);
	for (;;) {
		asm volatile("wfi");
	}
}

void guest_exit(unsigned int code)
{
	ureg block[2] = { ADP_STOPPED_APPLICATION_EXIT, code };

	exit_in_progress = 1;
	semihosting(SEMIHOSTING_SYS_EXIT_EXTENDED, (ureg)block);
	psci_system_off();
}

void guest_unexpected_exception(ureg el, ureg vector, ureg esr, ureg elr,
				ureg far, ureg spsr)
{
	static volatile int power_off_tried;
	struct text what;

	/*
	 * The semihosting HLT was UNDEFINED: power off instead.  Should the
	 * SMC fault too, park rather than loop; the runner's timeout ends it.
	 */
	if (exit_in_progress) {
		if (power_off_tried) {
			for (;;) {
				asm volatile("wfi");
			}
		}
		power_off_tried = 1;
		psci_system_off();
	}
	text_reset(&what);
	arch_describe_exception(&what, el, vector);
	console_puts("Bail out! unexpected ");
	console_puts(what.buf);
	console_puts(": ");
	console_puts(arch_syndrome_name(el));
	console_puts("=");
	console_put_hex(esr);
	console_puts(" ");
	console_puts(arch_return_name(el));
	console_puts("=");
	console_put_hex(elr);
	console_puts(" FAR=");
	console_put_hex(far);
	console_puts(" SPSR=");
	console_put_hex(spsr);
	console_puts("\n");
	guest_exit(EXIT_BAIL_OUT);
}

void case_report(struct tcase *t, const char *name)
{
	tap.reported++;
	if (t->failures) {
		tap.failed++;
		console_puts("not ok ");
	} else {
		tap.passed++;
		console_puts("ok ");
	}
	console_put_dec(tap.reported);
	console_puts(" - ");
	console_puts(name);
	if (t->failures) {
		console_puts(": ");
		console_puts(t->detail.buf);
		if (t->failures > 1) {
			console_puts(" (+");
			console_put_dec(t->failures - 1);
			console_puts(" more)");
		}
	} else if (t->skip) {
		console_puts(" # SKIP ");
		console_puts(t->skip);
	}
	console_puts("\n");
}

void case_diag(const char *s, u64 value)
{
	console_puts("# ");
	console_puts(s);
	console_put_hex(value);
	console_puts("\n");
}

/*
 * The number after "<key>=" in the semihosting command line, or 0.  The
 * runner sets it with -semihosting-config arg=...; when semihosting is
 * off the HLT is UNDEFINED and the guest bails out, so only ask when the
 * runner enabled it (it always does).
 */
static u64 cmdline_number(const char *cmdline, const char *key)
{
	const char *p = cmdline;
	u64 value = 0;
	unsigned int i;

	while (*p) {
		for (i = 0; key[i] && p[i] == key[i]; i++) {
		}
		if (!key[i] && p[i] == '=' && (p == cmdline || p[-1] == ' ')) {
			for (p += i + 1; *p >= '0' && *p <= '9'; p++) {
				value = value * 10 + (u64)(*p - '0');
			}
			return value;
		}
		p++;
	}
	return 0;
}

static void read_cmdline(char *buf, ureg size)
{
	volatile ureg block[2] = { (ureg)buf, size - 1 };
	ureg ret;

	ret = semihosting(SEMIHOSTING_SYS_GET_CMDLINE, (ureg)block);
	buf[ret == 0 && block[1] < size ? block[1] : 0] = '\0';
}

void guest_main(void)
{
	static char cmdline[256];
	unsigned int planned = cases_planned();
	u64 fuzz_calls, fuzz_seed;

	read_cmdline(cmdline, sizeof(cmdline));
	fuzz_calls = cmdline_number(cmdline, "fuzz");
	fuzz_seed = cmdline_number(cmdline, "seed");
	planned += fuzz_calls ? 1 : 0;
	console_puts("1..");
	console_put_dec(planned);
	console_puts("\n# hypstub conformance guest (" GUEST_ARCH_NAME ")\n");

	cases_run();
	if (fuzz_calls) {
		struct tcase t = { 0 };

		text_reset(&t.detail);
		fuzz_run(&t, fuzz_calls, fuzz_seed);
		case_report(&t, "fuzz: seeded random calls answered as docs/hyp-abi.rst says");
	}

	if (tap.reported != planned) {
		/* A bug in the guest: the runner sees the count mismatch too. */
		console_puts("# planned ");
		console_put_dec(planned);
		console_puts(" cases but reported ");
		console_put_dec(tap.reported);
		console_puts("\n");
	}
	console_puts("conformance: ");
	console_put_dec(tap.passed);
	console_puts(" passed, ");
	console_put_dec(tap.failed);
	console_puts(" failed\n");
	guest_exit(tap.failed > EXIT_BAIL_OUT - 1 ? EXIT_BAIL_OUT - 1 :
						    tap.failed);
}

/*
 * The compiler may call these for structure copies and initialisers even
 * in a freestanding build.  Byte accesses only: always aligned, which
 * Device memory (MMU off) requires.
 */
void *memset(void *dst, int c, unsigned long n);
void *memcpy(void *dst, const void *src, unsigned long n);

void *memset(void *dst, int c, unsigned long n)
{
	volatile u8 *d = dst;

	while (n--) {
		*d++ = (u8)c;
	}
	return dst;
}

void *memcpy(void *dst, const void *src, unsigned long n)
{
	volatile u8 *d = dst;
	const u8 *s = src;

	while (n--) {
		*d++ = *s++;
	}
	return dst;
}
