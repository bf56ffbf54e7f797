#!/bin/sh
# Runs every benchmark in turn against the built libraries; each prints its figures and ratios.
set -e
cd "$(dirname "$0")/.."
for bench in bench/*.bench.ts; do
  echo "== $bench"
  node --import tsx "$bench"
done
