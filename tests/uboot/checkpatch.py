#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""checkpatch.py <U-Boot tree> <patch>...

Runs U-Boot's own scripts/checkpatch.pl on each patch of the series, from
the U-Boot tree, so that the tree's .checkpatch.conf applies (--u-boot
--strict --no-tree and U-Boot's ignores), and prints checkpatch's totals
line for each.  A patch passes when checkpatch reports no error, and every
warning and check it reports is justified in the patch's commit message,
as U-Boot contributors do, one line per kind:

    - LIVETREE (1 warning) on fdtdec_add_reserved_memory(): <why>

naming checkpatch's type (what --show-types prints) and how many of that
kind the patch is expected to draw.  The counts must match exactly both
ways: a new warning, one more of a justified kind, or a justification left
behind after its warning went away all fail.  Every reStructuredText page
a patch creates (doc/usage/cmd/hypstub.rst) must also parse without a
docutils warning.  Exit status 0 when every patch passes, 1 otherwise, 2 on
bad usage.
"""

import collections
import io
import os
import re
import subprocess
import sys

try:
    import docutils.core
    import docutils.utils
except ImportError:
    docutils = None

REPORT = re.compile(r"^(ERROR|WARNING|CHECK):([A-Z0-9_]+): ", re.M)
TOTAL = re.compile(r"^total: (\d+) errors, (\d+) warnings, (\d+) checks, (\d+) lines checked$",
                   re.M)
JUSTIFIED = re.compile(r"^- ([A-Z0-9_]+) \((\d+) (error|warning|check)s?\)")
LEVEL = {"ERROR": "error", "WARNING": "warning", "CHECK": "check"}


def commit_message(patch_text):
    """The commit message of a git format-patch file: its body up to '---'."""
    head, sep, _ = patch_text.partition("\n---\n")
    if not sep:
        return None
    # The body starts after the mail headers' blank line.
    _, _, body = head.partition("\n\n")
    return body


def justifications(message):
    """{(level, type): count} from the message's justification lines."""
    found = collections.Counter()
    for line in message.splitlines():
        m = JUSTIFIED.match(line)
        if m:
            found[(m.group(3), m.group(1))] += int(m.group(2))
    return found


def new_rst_files(patch_text):
    """{path: text} of the reStructuredText files a patch creates."""
    files = {}
    for diff in re.split(r"(?m)^diff --git ", patch_text)[1:]:
        m = re.search(r"(?m)^\+\+\+ b/(\S+\.rst)$", diff)
        if m and re.search(r"(?m)^new file mode ", diff):
            body = diff[m.end():]
            files[m.group(1)] = "".join(line[1:] + "\n" for line in body.splitlines()
                                        if line.startswith("+"))
    return files


def rst_problems(path, text):
    """docutils' warnings and errors on one page (U-Boot's doc/ builds with
    Sphinx; a command page uses no Sphinx-only markup)."""
    if docutils is None:
        return ["%s: not checked: docutils missing (python3-docutils)" % path]
    stream = io.StringIO()
    docutils.core.publish_doctree(text, source_path=path, settings_overrides={
        "report_level": docutils.utils.Reporter.WARNING_LEVEL,
        "halt_level": docutils.utils.Reporter.SEVERE_LEVEL + 1,
        "warning_stream": stream})
    return ["%s: %s" % (path, line) for line in stream.getvalue().splitlines() if line.strip()]


def check_patch(tree, patch):
    """Returns (totals line or None, lines reported, [problems])."""
    name = os.path.basename(patch)
    with open(patch, encoding="utf-8", errors="replace") as f:
        text = f.read()
    message = commit_message(text)
    if message is None:
        return None, 0, ["%s: not a git format-patch file (no '---' after the message)" % name]
    run = subprocess.run(["perl", os.path.join("scripts", "checkpatch.pl"), "--show-types",
                          "--color=never", patch],
                         cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True)
    out = run.stdout
    total = TOTAL.search(out)
    if not total:
        return None, 0, ["%s: checkpatch.pl printed no totals line (status %d):\n%s"
                      % (name, run.returncode, out[-2000:])]
    reported = collections.Counter((LEVEL[m.group(1)], m.group(2)) for m in REPORT.finditer(out))
    counted = dict(zip(("error", "warning", "check"), (int(total.group(i)) for i in (1, 2, 3))))
    problems = []
    for level in counted:
        listed = sum(n for (lv, _), n in reported.items() if lv == level)
        if listed != counted[level]:
            problems.append("%s: checkpatch counted %d %ss but listed %d"
                            % (name, counted[level], level, listed))
    expected = justifications(message)
    for (level, kind), n in sorted(reported.items()):
        if level == "error":
            problems.append("%s: %d error%s %s: errors cannot be justified"
                            % (name, n, "s" if n > 1 else "", kind))
        elif expected.get((level, kind), 0) != n:
            problems.append("%s: %d %s%s %s, %d justified in the commit message"
                            % (name, n, level, "s" if n > 1 else "", kind,
                               expected.get((level, kind), 0)))
    for (level, kind), n in sorted(expected.items()):
        if (level, kind) not in reported:
            problems.append("%s: the commit message justifies %d %s %s that checkpatch "
                            "no longer reports" % (name, n, kind, level))
    if problems:
        details = "\n".join("    " + line for line in out.splitlines()
                            if REPORT.match(line) or line.startswith("#"))
        problems.append("%s: checkpatch.pl said:\n%s" % (name, details))
    for path, page in sorted(new_rst_files(text).items()):
        problems += ["%s: %s" % (name, p) for p in rst_problems(path, page)]
    return total.group(0), sum(reported.values()), problems


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    tree, patches = argv[1], argv[2:]
    if not os.path.isfile(os.path.join(tree, "scripts", "checkpatch.pl")) or \
            not os.path.isfile(os.path.join(tree, ".checkpatch.conf")):
        print("checkpatch: %s is not a U-Boot tree (scripts/checkpatch.pl, .checkpatch.conf)"
              % tree, file=sys.stderr)
        return 2
    failed = 0
    for patch in patches:
        total, reported, problems = check_patch(tree, os.path.abspath(patch))
        name = os.path.basename(patch)
        note = "" if problems else " (each justified)" if reported else " (clean)"
        print("checkpatch: %s: %s%s" % (name, total or "not checked", note))
        for problem in problems:
            print("checkpatch: FAIL " + problem)
        failed += bool(problems)
    print("checkpatch: %d passed, %d failed" % (len(patches) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
