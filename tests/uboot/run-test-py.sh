#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# run-test-py.sh <U-Boot work dir> <hypstub tree>
# U-Boot's own test/py framework (test/py/test.py, with pytest from Debian's
# python3-pytest) runs the series' test/py/tests/test_hypstub.py, from the
# patched U-Boot tree that make uboot built, against that build's
# u-boot.bin in QEMU.  The hook scripts that test.py calls to reach a board
# (u-boot-test-console, -reset, -flash: U-Boot's u-boot-test-hooks, which
# Debian does not package) are tests/uboot/hooks: a fresh QEMU virt machine
# with virtualization=on per console.  The board environment hands the test
# the UID and ABI version of abi/hypstub.h and the machine's CPU count.
# Passes only when every test in test_hypstub.py ran and passed (a skip,
# e.g. for a missing CONFIG_CMD_HYPSTUB, fails), beside test/py's own
# test_version.
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: $0 <U-Boot work dir> <hypstub tree>" >&2
	exit 2
fi
work=$(realpath "$1") hypstub=$(realpath "$2")
python=${PYTHON:-/usr/bin/python3}
build=$work/build
results=$work/test-py

if [ ! -f "$work/source" ] || [ ! -f "$build/u-boot.bin" ]; then
	echo "test-py: no U-Boot build in $work (make uboot first)" >&2
	exit 1
fi
src=$(cat "$work/source")
test_file=$src/test/py/tests/test_hypstub.py
if [ ! -f "$test_file" ]; then
	echo "test-py: $test_file missing: $src does not hold uboot/patches" >&2
	exit 1
fi
if ! "$python" -c 'import pytest, filelock, pkg_resources' 2>/dev/null; then
	echo "test-py: U-Boot's test.py needs python3-pytest, python3-filelock and python3-pkg-resources (bash scripts/setup.sh)" >&2
	exit 1
fi

# The machine's CPU count, for tests/uboot/hooks/u-boot-test-console and
# for the test, which reads it back from hypstub info (U-Boot's /cpus).
export HYPSTUB_TEST_SMP=${HYPSTUB_TEST_SMP:-2}
rm -rf "$results"
mkdir -p "$results/py"
# test/py's board environment: u_boot_boardenv_<board type>_<identity>.
abi=$(sed -n 's/^#define HYPSTUB_ABI_VERSION_\(MAJOR\|MINOR\)[[:space:]]*HYPSTUB_U(\([0-9]*\)).*/\2/p' \
	"$hypstub/abi/hypstub.h" | paste -sd.)
case $abi in
*.*) ;;
*) echo "test-py: no HYPSTUB_ABI_VERSION_MAJOR/MINOR in $hypstub/abi/hypstub.h" >&2; exit 1 ;;
esac
uid=$(sed -n 's/^#define HYPSTUB_UID_[0-3][[:space:]]*HYPSTUB_U(0x\([0-9a-fA-F]*\)).*/\1/p' \
	"$hypstub/abi/hypstub.h" | paste -sd' ')
case $uid in
*' '*' '*' '*) ;;
*) echo "test-py: no HYPSTUB_UID_0..3 in $hypstub/abi/hypstub.h" >&2; exit 1 ;;
esac
cat >"$results/py/u_boot_boardenv_qemu_arm64_hypstub.py" <<EOF
# Written by tests/uboot/run-test-py.sh from abi/hypstub.h: what
# test_hypstub.py expects the stub to answer.
env__hypstub_abi_version = '$abi'
env__hypstub_uid = '$uid'
env__hypstub_cpus = $HYPSTUB_TEST_SMP
EOF

echo "test-py: U-Boot's test.py, test_version and test_hypstub.py (ABI $abi), QEMU through tests/uboot/hooks"
status=0
PATH=$hypstub/tests/uboot/hooks:$PATH PYTHONPATH=$results/py PYTHONDONTWRITEBYTECODE=1 \
	"$python" "$src/test/py/test.py" --bd qemu_arm64 --id hypstub \
	--build-dir "$build" --result-dir "$results" \
	--persistent-data-dir "$results/persistent" \
	-p no:cacheprovider -o 'python_files=test_000_version.py test_hypstub.py' -v -rA \
	--junitxml "$results/junit.xml" >"$results/pytest.log" 2>&1 || status=$?
grep -E '^(PASSED|FAILED|SKIPPED|ERROR) |^E  |^=+ .* in [0-9.]+s' "$results/pytest.log" | sed 's/^/  /' || true
if [ "$status" -ne 0 ]; then
	tail -n 40 "$results/pytest.log" >&2
	echo "test-py: test.py failed (status $status; $results/pytest.log, $results/test-log.html)" >&2
	exit 1
fi

# Every test function of test_hypstub.py must have run and passed.
"$python" - "$results/junit.xml" "$test_file" <<'EOF'
import re, sys
import xml.etree.ElementTree as ET
junit, test_file = sys.argv[1], sys.argv[2]
wanted = re.findall(r"(?m)^def (test_\w+)\(", open(test_file).read())
outcome = {}
for case in ET.parse(junit).iter("testcase"):
    bad = [c.tag for c in case if c.tag in ("failure", "error", "skipped")]
    outcome[case.get("name")] = bad[0] if bad else "passed"
problems = ["%s: %s" % (name, outcome.get(name, "not run")) for name in wanted
            if outcome.get(name) != "passed"]
if not wanted or outcome.get("test_version") != "passed":
    problems.append("test_version: %s" % outcome.get("test_version", "not run"))
if problems:
    sys.exit("test-py: " + "; ".join(problems))
print("test-py: ran test_version, " + ", ".join(wanted))
print("test-py: %d passed, 0 failed" % (len(wanted) + 1))
EOF
