// SPDX-License-Identifier: BSD-2-Clause
/*
 * make bench-workload: a real workload, to measure what the stub's PSCI
 * proxy costs a kernel resident above it (scripts/bench-workload.py).
 *
 * usage: workload [pipe round trips] [forks]
 *
 * Each workload is timed by the program itself with
 * clock_gettime(CLOCK_MONOTONIC) around its whole loop, and reported on one
 * line:  workload <name> <iterations> <nanoseconds>
 *   pipe-2cpu  one byte back and forth between two processes pinned to
 *              CPU 0 and CPU 1 through two pipes: each side mostly sleeps,
 *              so each CPU switches between its process and idle
 *   pipe-1cpu  the same with both processes pinned to CPU 0: every message
 *              is a switch between two address spaces, where Linux applies
 *              its Spectre v2 branch predictor hardening (on cortex-a57
 *              under TF-A: SMCCC ARCH_WORKAROUND_1 through the conduit)
 *   fork       fork, the child exits at once, the parent waits for it
 *              (pinned to CPU 0, the child inherits it)
 * Every process runs SCHED_FIFO at one priority, so that a wake-up never
 * preempts the running process: it switches only when it blocks.  Under
 * the default policy, CFS decides at each wake-up whether the woken process
 * preempts the waker, from virtual runtimes that carry the history of the
 * whole boot; a few instructions more anywhere (the stub's, say) change
 * those decisions for the rest of the run and the cost of an iteration
 * with them (by 2 to 4 % here), which would hide the proxy's cost.  For
 * the same reason tests/linux/init turns address randomisation off before
 * it runs the program (it also lifts the RT throttling).
 * Each timed loop lies between two markers, brk #0x4800 + 2n before and
 * brk #0x4801 + 2n after (n: 0 pipe-2cpu, 1 pipe-1cpu, 2 fork), which the
 * program's SIGTRAP handler steps over: under QEMU -d int they show where
 * each loop's exceptions (the stub's HVCs among them) begin and end
 * (scripts/bench-workload.py counts them).  Outside the clock readings.
 * A failed system call prints "workload FAILED: ..." and exits 1.
 *
 * Static (glibc from libc6-dev-arm64-cross): the initramfs has no loader.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#define DEFAULT_ROUND_TRIPS 20000
#define DEFAULT_FORKS 2000

static void fail(const char *what)
{
	printf("workload FAILED: %s: %s\n", what, strerror(errno));
	fflush(stdout);
	exit(1);
}

static long long now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		fail("clock_gettime");
	}
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) != 0) {
		fail("sched_setaffinity");
	}
}

#define MARK(n) __asm__ volatile("brk %0" : : "i"(0x4800 + (n)) : "memory")

static void step_over_brk(int sig, siginfo_t *info, void *context)
{
	ucontext_t *uc = context;

	(void)sig;
	(void)info;
	uc->uc_mcontext.pc += 4;
}

/* brk takes only an immediate: one for each end of each phase. */
static void mark(int phase, int end)
{
	switch (phase * 2 + end) {
	case 0:
		MARK(0);
		break;
	case 1:
		MARK(1);
		break;
	case 2:
		MARK(2);
		break;
	case 3:
		MARK(3);
		break;
	case 4:
		MARK(4);
		break;
	default:
		MARK(5);
		break;
	}
}

static void markers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = step_over_brk;
	sa.sa_flags = SA_SIGINFO;
	if (sigaction(SIGTRAP, &sa, NULL) != 0) {
		fail("sigaction SIGTRAP");
	}
}

/* Inherited by every child forked after it. */
static void realtime(void)
{
	struct sched_param param = { .sched_priority = 1 };

	if (sched_setscheduler(0, SCHED_FIFO, &param) != 0) {
		fail("sched_setscheduler SCHED_FIFO");
	}
}

static void transfer(int fd, int writing)
{
	char byte = 'x';
	ssize_t n;

	do {
		n = writing ? write(fd, &byte, 1) : read(fd, &byte, 1);
	} while (n < 0 && errno == EINTR);
	if (n != 1) {
		if (n == 0) {
			errno = EPIPE;
		}
		fail(writing ? "pipe write" : "pipe read");
	}
}

static void wait_for(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fail("waitpid");
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		errno = ECHILD;
		fail("child did not exit with 0");
	}
}

/* The parent on cpu_parent, the child on cpu_child; n round trips. */
static void pipe_pingpong(const char *name, int phase, int cpu_parent, int cpu_child, long n)
{
	int ping[2], pong[2];
	long long start, end;
	pid_t pid;
	long i;

	if (pipe(ping) != 0 || pipe(pong) != 0) {
		fail("pipe");
	}
	pid = fork();
	if (pid < 0) {
		fail("fork");
	}
	if (pid == 0) {
		pin(cpu_child);
		for (i = 0; i < n; i++) {
			transfer(ping[0], 0);
			transfer(pong[1], 1);
		}
		_exit(0);
	}
	pin(cpu_parent);
	/* One untimed round trip: both sides on their CPUs and waiting. */
	transfer(ping[1], 1);
	transfer(pong[0], 0);
	mark(phase, 0);
	start = now_ns();
	for (i = 1; i < n; i++) {
		transfer(ping[1], 1);
		transfer(pong[0], 0);
	}
	end = now_ns();
	mark(phase, 1);
	wait_for(pid);
	close(ping[0]);
	close(ping[1]);
	close(pong[0]);
	close(pong[1]);
	printf("workload %s %ld %lld\n", name, n - 1, end - start);
	fflush(stdout);
}

static void fork_exit(long n)
{
	long long start, end;
	pid_t pid;
	long i;

	pin(0);
	mark(2, 0);
	start = now_ns();
	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0) {
			fail("fork");
		}
		if (pid == 0) {
			_exit(0);
		}
		wait_for(pid);
	}
	end = now_ns();
	mark(2, 1);
	printf("workload fork %ld %lld\n", n, end - start);
	fflush(stdout);
}

static long count(const char *arg, long fallback)
{
	char *end;
	long n;

	if (!arg) {
		return fallback;
	}
	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno || *end || n < 2 || n > 100000000) {
		printf("workload FAILED: bad count \"%s\" (2..100000000)\n", arg);
		exit(2);
	}
	return n;
}

int main(int argc, char **argv)
{
	long trips = count(argc > 1 ? argv[1] : NULL, DEFAULT_ROUND_TRIPS);
	long forks = count(argc > 2 ? argv[2] : NULL, DEFAULT_FORKS);

	if (argc > 3) {
		printf("usage: workload [pipe round trips] [forks]\n");
		return 2;
	}
	if (sysconf(_SC_NPROCESSORS_ONLN) < 2) {
		printf("workload FAILED: needs 2 CPUs online\n");
		return 1;
	}
	markers();
	realtime();
	pipe_pingpong("pipe-2cpu", 0, 0, 1, trips);
	pipe_pingpong("pipe-1cpu", 1, 0, 0, trips);
	fork_exit(forks);
	return 0;
}
