#!/usr/bin/env bash
# Installs the load generator and the reference proxy the benchmarks compare against: Debian's
# wrk and haproxy, system-wide (needs root), unless they are already on PATH.
set -euo pipefail
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v haproxy >/dev/null || missing+=(haproxy)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi
wrk --version 2>&1 | head -n 1 || true
haproxy -v | head -n 1
