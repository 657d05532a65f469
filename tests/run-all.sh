#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
#
# Runs the named suites (make check-<suite> each), carries on past a failed
# one so that every result is seen, and ends with "check: N passed, M failed".
set -u
MAKE=${MAKE:-make}
passed=0
failed=0
failed_names=()
for suite in "$@"; do
	echo "=== check-$suite"
	if $MAKE --no-print-directory "check-$suite"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failed_names+=("$suite")
	fi
done
if [ "$failed" -ne 0 ]; then
	echo "failed suites: ${failed_names[*]}"
fi
echo "check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
