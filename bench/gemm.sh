#!/usr/bin/env bash
# Matrix products through dln's engine against the raw OpenBLAS call with the
# core type dln selects, then raw OpenBLAS with the Prescott kernels that
# Debian's OpenBLAS 0.3.21 falls back to on CPUs it does not recognise.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup
swift build -c release --product dln-bench >/dev/null
echo "## Engine against raw OpenBLAS (core type chosen by dln)"
.build/release/dln-bench gemm
echo
echo "## Raw OpenBLAS with OPENBLAS_CORETYPE=Prescott (what the library picks by itself here)"
OPENBLAS_CORETYPE=Prescott .build/release/dln-bench gemm --raw-only
