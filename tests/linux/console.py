# SPDX-License-Identifier: BSD-2-Clause
"""A small expect-like driver for a QEMU serial console on stdio.

Console(argv, log_path) starts the command with its stdin and stdout (and
stderr) on pipes, and copies everything it prints, carriage returns
removed, to the log file as it arrives.  expect() waits for a regular
expression, send() types a line, wait_exit() waits for the command to end.
Every wait has a deadline; when one passes, the command is killed and
Timeout is raised, so nothing ever hangs.  Standard library only.
"""
import os
import re
import select
import subprocess
import time


class Timeout(Exception):
    """A deadline passed; the command has been killed."""


class Exited(Exception):
    """The command ended while something was still expected."""


class Console:
    def __init__(self, argv, log_path, idle_timeout=None):
        """idle_timeout: seconds without output that count as a hang."""
        self.log = open(log_path, "w", encoding="utf-8", errors="replace")
        self.log.write("# %s\n" % " ".join(argv))
        self.log.flush()
        self.proc = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, bufsize=0)
        self.text = ""  # the whole console so far, "\r" removed
        self.pos = 0  # expect() searches from here
        self.idle_timeout = idle_timeout
        self.last_output = time.monotonic()
        self.eof = False

    def _read(self, deadline):
        """Read what is there, waiting until deadline at most.

        Returns False once the deadline has passed."""
        now = time.monotonic()
        if self.idle_timeout is not None:
            deadline = min(deadline, self.last_output + self.idle_timeout)
        if now >= deadline:
            return False
        if self.eof:
            return True
        ready, _, _ = select.select([self.proc.stdout], [], [], deadline - now)
        if ready:
            data = os.read(self.proc.stdout.fileno(), 65536)
            if not data:
                self.eof = True
                return True
            chunk = data.decode("utf-8", errors="replace").replace("\r", "")
            self.text += chunk
            self.log.write(chunk)
            self.log.flush()
            self.last_output = time.monotonic()
        return True

    def _timeout(self, what, seconds):
        idle = (self.idle_timeout is not None and
                time.monotonic() - self.last_output >= self.idle_timeout)
        self.kill()
        if idle:
            raise Timeout("no console output for %d s while waiting for %s"
                          % (self.idle_timeout, what))
        raise Timeout("%s not seen within %d s" % (what, seconds))

    def expect(self, pattern, timeout):
        """Wait for pattern (a regex) in the output after the last match.

        Returns the match; raises Timeout, or Exited if the command ended."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            m = regex.search(self.text, self.pos)
            if m:
                self.pos = m.end()
                return m
            if self.eof:
                raise Exited("the command ended before %r was seen" % pattern)
            if not self._read(deadline):
                self._timeout(repr(pattern), timeout)

    def send(self, line):
        """Type line and Enter.  QEMU feeds the UART as the guest reads it."""
        self.proc.stdin.write(line.encode() + b"\r")
        self.proc.stdin.flush()

    def wait_exit(self, timeout):
        """Collect output until the command ends; returns its exit status."""
        deadline = time.monotonic() + timeout
        while not self.eof:
            if not self._read(deadline):
                self._timeout("the end of the run", timeout)
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._timeout("QEMU to exit after closing its output", timeout)

    def uboot_prompt(self, timeout):
        """Stop U-Boot's autoboot and wait for its prompt."""
        self.expect(r"Hit any key to stop autoboot", timeout)
        self.send("")
        self.expect(r"=> ", timeout)

    def uboot_command(self, line, timeout, want=None):
        """Type a command at U-Boot's prompt and wait for the next one.

        Returns (output, None), or (output, problem) when U-Boot reported
        an error or the output does not match the regex want."""
        self.send(line)
        start = self.pos
        self.expect(r"=> ", timeout)
        out = self.text[start:self.pos - 3]
        if re.search(r"(?i)error|fail|usage:|unknown command|not found", out) or \
                (want and not re.search(want, out)):
            return out, "U-Boot: %s: %s" % (
                line, " / ".join(out.split("\n")[1:]).strip())
        return out, None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.eof = True

    def close(self):
        self.kill()
        self.log.close()
