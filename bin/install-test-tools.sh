#!/usr/bin/env bash
# Installs what the end-to-end tests drive besides Capstan itself, into .tools/ in the checkout:
# Debian's kubectl 1.20 (unpacked, so it never replaces a newer kubectl already on PATH).
# A kubectl 1.32 on PATH, when the machine has one, is used as well.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
mkdir -p "$tools"

if [ ! -x "$tools/kubectl-1.20/usr/bin/kubectl" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && { apt-get download kubernetes-client >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null && apt-get download kubernetes-client >/dev/null; }; })
  dpkg -x "$work"/kubernetes-client_*.deb "$tools/kubectl-1.20"
fi
"$tools/kubectl-1.20/usr/bin/kubectl" version --client --short 2>/dev/null \
  || "$tools/kubectl-1.20/usr/bin/kubectl" version --client
