#!/usr/bin/env bash
# Matrix products through dln's engine against the raw OpenBLAS call with the
# core type dln selects, then raw OpenBLAS with the core type the library
# picks by itself on this CPU (asked of the library, not assumed: Debian's
# OpenBLAS 0.3.21 falls back to Prescott on CPUs it does not know, and has
# been seen to pick Zen or Cooperlake on others).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup
swift build -c release --product dln-bench >/dev/null
own=$(env -u OPENBLAS_CORETYPE python3 -c "import ctypes; l = ctypes.CDLL('libopenblas.so.0'); \
l.openblas_get_corename.restype = ctypes.c_char_p; print(l.openblas_get_corename().decode())")
echo "## Engine against raw OpenBLAS (core type chosen by dln${OPENBLAS_CORETYPE:+, or OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE from the environment})"
.build/release/dln-bench gemm
echo
echo "## Raw OpenBLAS with the core type it picks by itself here: $own"
OPENBLAS_CORETYPE=$own .build/release/dln-bench gemm --raw-only
