#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
"""Keep docs/hyp-abi.rst in step with abi/hypstub.h.

usage: check-doc.py <abi header> <rst>

The header's values are obtained from the C compiler ($HOSTCC, else cc),
never by parsing C here: `cc -E -dM` lists the macros, and a generated C
program prints the value of every one that is an integer constant.

Checks, each problem reported on one line (exit 1; exit 0 when none):
  (a) every contract macro (numeric, named HVC_*, SMCCC_* or HYPSTUB_*)
      appears in the rst by name on a line, or in a table row, that also
      holds its value (compared as numbers: 0x8600ff01 == 0x8600FF01, -1);
  (b) wherever the rst writes NAME = value or NAME (value), the value is
      the header's;
  (c) every row of the function listing table (the first list-table or
      grid table after the "Function listing" heading, with the columns
      name, number or ID, since) names a macro of the header with that
      value, and its "since" is a version no newer than
      HYPSTUB_ABI_VERSION_MAJOR.MINOR;
  (d) every call of the header is in that listing: an HVC_* number below
      HYPSTUB_LEGACY_LIMIT, or a macro whose value is a well-formed 32-bit
      SMCCC fast-call ID (bit 31 set, bits 23:16 clear);
  (e) every HVC_/SMCCC_/HYPSTUB_ name the rst mentions exists in the header,
      unless the rst lists it in a comment line
      ".. check-doc: not-in-header: NAME NAME ..." (names that belong to
      Linux or to SMCCC, not to this header);
  (f) the header defines no numeric macro outside those three prefixes.

Skipped, because they are not contract numbers: function-like macros
(HYPSTUB_U, HYPSTUB_UL, SMCCC_CALL_VAL: construction helpers, usable from
C and assembly) and macros that are not integer constants (the include
guard HYPSTUB_ABI_H, empty).
"""

import os
import re
import subprocess
import sys
import tempfile

PREFIXES = ("HVC_", "SMCCC_", "HYPSTUB_")
NAME = r"(?<![A-Za-z0-9_])((?:HVC|SMCCC|HYPSTUB)_[A-Z0-9_]*[A-Z0-9])"
DIGITS = r"(0[xX][0-9a-fA-F]+|[0-9]+)"
# A number stands alone: not part of x1, 4.12, HVC_PRE412 or 2KiB.
ALONE = r"(?![A-Za-z0-9_]|\.[0-9])"
NAME_RE = re.compile(NAME + r"(?![A-Za-z0-9_])")
NUMBER_RE = re.compile(r"(?<![A-Za-z0-9_.])(-?)" + DIGITS + ALONE)
# "NAME = value", "NAME (value)", with or without ``literal`` quotes.
STATED_RE = re.compile(NAME + r"`*\s*(?:=|\()\s*`*(-?)\s*" + DIGITS + ALONE)
SINCE_RE = re.compile(r"^([0-9]+)\.([0-9]+)$")
ALLOW_RE = re.compile(r"^\s*\.\.\s+check-doc:\s*not-in-header:(.*)$")
DEFINE_RE = re.compile(r"^#define\s+([A-Za-z_][A-Za-z0-9_]*)(\(?)\s*(.*)$")


class Failure(Exception):
    """An error that stops the check (compiler or file problem)."""


def compiler():
    return os.environ.get("HOSTCC") or "cc"


def first_error(stderr):
    """The compiler's first error line, so that a problem stays one line."""
    lines = stderr.strip().splitlines()
    for line in lines:
        if "error" in line:
            return line.strip()
    return lines[0].strip() if lines else "no message"


def run(cmd, **kwargs):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    except OSError as err:
        raise Failure("cannot run %s: %s" % (cmd[0], err))


def defined_macros(header):
    """Every macro the header defines, and the object-like ones with a body."""
    cmd = [compiler(), "-E", "-dM", "-x", "c"]
    base = run(cmd + [os.devnull])
    mine = run(cmd + [header])
    if base.returncode != 0 or mine.returncode != 0:
        raise Failure("%s -E -dM %s failed: %s" %
                      (compiler(), header, first_error(mine.stderr or base.stderr)))
    builtin = set()
    for line in base.stdout.splitlines():
        match = DEFINE_RE.match(line)
        if match:
            builtin.add(match.group(1))
    names = set()
    candidates = []
    for line in mine.stdout.splitlines():
        match = DEFINE_RE.match(line)
        if not match or match.group(1) in builtin:
            continue
        name, function_like, body = match.groups()
        names.add(name)
        if not function_like and body.strip():
            candidates.append(name)
    return names, sorted(candidates)


def value_program(header, names):
    lines = ["#include <stdio.h>", '#include "%s"' % os.path.abspath(header),
             "int main(void)", "{"]
    for name in names:
        # The % rejects anything that is not an integer constant expression.
        lines.append('\t_Static_assert(((%s) %% 1) == 0, "%s");' % (name, name))
        lines.append('\tif ((%s) < 0) printf("%s %%lld\\n", (long long)(%s));'
                     % (name, name, name))
        lines.append('\telse printf("%s %%llu\\n", (unsigned long long)(%s));'
                     % (name, name))
    lines += ["\treturn 0;", "}", ""]
    return "\n".join(lines)


def compile_and_run(header, names, workdir):
    source = os.path.join(workdir, "values.c")
    binary = os.path.join(workdir, "values")
    with open(source, "w") as out:
        out.write(value_program(header, names))
    built = run([compiler(), "-std=c11", "-w", "-o", binary, source])
    if built.returncode != 0:
        return None, built.stderr
    ran = run([binary])
    if ran.returncode != 0:
        raise Failure("value program failed: %s" % ran.stderr.strip())
    values = {}
    for line in ran.stdout.splitlines():
        name, value = line.split()
        values[name] = int(value)
    return values, ""


def header_values(header):
    """All macro names of the header, and its numeric macros (name -> int)."""
    names, candidates = defined_macros(header)
    with tempfile.TemporaryDirectory(prefix="check-doc.") as workdir:
        values, _ = compile_and_run(header, candidates, workdir)
        if values is not None:
            return names, values
        # Some macro is not an integer constant: find out which, one by one.
        numeric = []
        for name in candidates:
            one, _ = compile_and_run(header, [name], workdir)
            if one is not None:
                numeric.append(name)
        values, error = compile_and_run(header, numeric, workdir)
        if values is None:
            raise Failure("cannot compile the header's values: %s" % first_error(error))
        return names, values


def number(sign, digits):
    value = int(digits, 16) if digits[:2].lower() == "0x" else int(digits, 10)
    return -value if sign else value


def numbers_in(text):
    return {number(sign, digits) for sign, digits in NUMBER_RE.findall(text)}


def list_table_rows(lines, start):
    """Rows of the list-table whose directive is lines[start]: [(line, [cells])]."""
    indent = len(lines[start]) - len(lines[start].lstrip())
    rows = []
    row_indent = None
    i = start + 1
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        depth = len(line) - len(line.lstrip())
        if stripped and depth <= indent:
            break
        if stripped.startswith("* -") and (row_indent is None or depth == row_indent):
            row_indent = depth
            rows.append((i + 1, [stripped[3:].strip()]))
        elif rows and stripped.startswith("-") and depth == row_indent + 2:
            rows[-1][1].append(stripped[1:].strip())
        elif rows and stripped:
            rows[-1][1][-1] += " " + stripped
        # Before the first row: the directive's options (:header-rows: ...).
        i += 1
    return rows, i


def grid_table_rows(lines, start):
    """Rows of the grid table starting at lines[start]: [(line, [cells])]."""
    rows = []
    cells = None
    first = None
    i = start
    while i < len(lines) and lines[i].lstrip()[:1] in ("+", "|"):
        stripped = lines[i].strip()
        if stripped.startswith("+"):
            if cells is not None:
                rows.append((first, [" ".join(c.split()) for c in cells]))
            cells = None
        else:
            parts = stripped.strip("|").split("|")
            if cells is None:
                cells = [""] * len(parts)
                first = i + 1
            for col, part in enumerate(parts[:len(cells)]):
                cells[col] += " " + part.strip()
        i += 1
    return rows, i


def rst_units(lines):
    """Every line, plus every table row joined into one piece of text."""
    units = [(n + 1, line) for n, line in enumerate(lines)]
    tables = []
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped.startswith(".. list-table::"):
            rows, end = list_table_rows(lines, i)
        elif stripped.startswith("+-") or stripped.startswith("+="):
            rows, end = grid_table_rows(lines, i)
        else:
            i += 1
            continue
        tables.append((i + 1, rows))
        units += [(n, " ".join(cells)) for n, cells in rows]
        i = max(end, i + 1)
    return units, tables


def listing_table(lines, tables):
    """The first table after the "Function listing" heading."""
    for n, line in enumerate(lines):
        if line.strip().lower() != "function listing":
            continue
        if n + 1 < len(lines) and re.match(r"^([=\-~^\"'`#*+])\1+\s*$", lines[n + 1]):
            for first, rows in tables:
                if first > n + 1:
                    return rows
    return None


def clean(cell):
    return cell.replace("`", "").replace("*", "").strip()


def check(header, rst):
    problems = []
    names, values = header_values(header)
    with open(rst, encoding="utf-8") as source:
        lines = source.read().splitlines()
    units, tables = rst_units(lines)
    contract = {n: v for n, v in values.items() if n.startswith(PREFIXES)}

    # (f) the namespace rule for the header itself.
    for name in sorted(set(values) - set(contract)):
        problems.append("%s: numeric macro %s is outside the HVC_/SMCCC_/HYPSTUB_ "
                        "namespaces" % (header, name))

    # (a) every contract macro documented with its value.
    for name in sorted(contract):
        word = re.compile(r"(?<![A-Za-z0-9_])%s(?![A-Za-z0-9_])" % re.escape(name))
        holders = [text for _, text in units if word.search(text)]
        if not holders:
            problems.append("%s: %s (%s) is not documented" %
                            (rst, name, show(contract[name])))
        elif not any(contract[name] in numbers_in(text) for text in holders):
            problems.append("%s: %s never appears with its value %s on one line "
                            "or table row" % (rst, name, show(contract[name])))

    # (b) explicit "NAME = value" / "NAME (value)" must be right.
    for line_number, line in enumerate(lines, 1):
        for name, sign, digits in STATED_RE.findall(line):
            said = number(sign, digits)
            if name in contract and said != contract[name]:
                problems.append("%s:%d: says %s is %s, the header has %s" %
                                (rst, line_number, name, show(said),
                                 show(contract[name])))

    # (c) the function listing against the header.
    rows = listing_table(lines, tables)
    listed = {}
    if rows is None:
        problems.append("%s: no table after a \"Function listing\" heading" % rst)
        rows = []
    major = values.get("HYPSTUB_ABI_VERSION_MAJOR")
    minor = values.get("HYPSTUB_ABI_VERSION_MINOR")
    for line_number, cells in rows:
        if len(cells) < 3:
            problems.append("%s:%d: listing row needs name, number or ID, since" %
                            (rst, line_number))
            continue
        name, ident, since = clean(cells[0]), clean(cells[1]), clean(cells[2])
        if name.lower() == "name":
            continue
        if name in listed:
            problems.append("%s:%d: %s is listed twice" % (rst, line_number, name))
        ids = numbers_in(ident)
        listed[name] = ids
        if name not in values:
            problems.append("%s:%d: listed call %s is not a macro of %s" %
                            (rst, line_number, name, header))
        elif len(ids) != 1:
            problems.append("%s:%d: %s: cannot read one number from \"%s\"" %
                            (rst, line_number, name, ident))
        elif values[name] not in ids:
            problems.append("%s:%d: %s is listed as %s, the header has %s" %
                            (rst, line_number, name, ident, show(values[name])))
        version = SINCE_RE.match(since)
        if not version:
            problems.append("%s:%d: %s: \"since\" is \"%s\", not a version M.m" %
                            (rst, line_number, name, since))
        elif major is not None and minor is not None and \
                (int(version.group(1)), int(version.group(2))) > (major, minor):
            problems.append("%s:%d: %s: since %s is newer than the header's "
                            "ABI %d.%d" % (rst, line_number, name, since, major, minor))

    # (d) every call of the header in the listing.
    limit = values.get("HYPSTUB_LEGACY_LIMIT")
    for name in sorted(contract):
        value = contract[name]
        legacy = name.startswith("HVC_") and limit is not None and 0 <= value < limit
        fast_id = 0 <= value <= 0xffffffff and value & 0x80000000 and \
            not value & 0x00ff0000
        if (legacy or fast_id) and name not in listed and rows:
            problems.append("%s: call %s (%s) is missing from the function "
                            "listing" % (rst, name, show(value)))

    # (e) names the rst uses must be the header's, or declared foreign.
    foreign = set()
    for line in lines:
        match = ALLOW_RE.match(line)
        if match:
            foreign.update(match.group(1).split())
    for name in sorted(foreign & names):
        problems.append("%s: %s is declared not-in-header but %s defines it" %
                        (rst, name, header))
    reported = set()
    for line_number, line in enumerate(lines, 1):
        if ALLOW_RE.match(line):
            continue
        for name in NAME_RE.findall(line):
            if name in names or name in foreign or name in reported:
                continue
            reported.add(name)
            problems.append("%s:%d: %s is not a macro of %s" %
                            (rst, line_number, name, header))
    return problems


def show(value):
    return str(value) if value < 0 else "%#x" % value


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: %s <abi header> <rst>\n" % argv[0])
        return 2
    try:
        problems = check(argv[1], argv[2])
    except (Failure, OSError) as err:
        problems = ["check-doc: %s" % err]
    for problem in problems:
        print(problem)
    if problems:
        print("check-doc: %d problem(s)" % len(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
