#!/usr/bin/env bash
# Installs what the end-to-end tests drive besides Capstan itself, into .tools/ in the checkout:
# Debian's kubectl 1.20 (unpacked, so it never replaces a newer kubectl already on PATH) and
# Debian's static busybox (the HTTP server and shell the process-runtime tests run as pods).
# A kubectl 1.32 on PATH, when the machine has one, is used as well.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
mkdir -p "$tools"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Unpacks Debian package $1 into .tools/$2 unless $3 (a path inside it) already exists.
unpack() {
  [ -e "$tools/$2/$3" ] && return
  (cd "$work" && { apt-get download "$1" >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null && apt-get download "$1" >/dev/null; }; })
  dpkg -x "$work/$1"_*.deb "$tools/$2"
}

unpack kubernetes-client kubectl-1.20 usr/bin/kubectl
unpack busybox-static busybox bin/busybox
usage=$("$tools/busybox/bin/busybox" 2>&1 || true)
echo "${usage%%$'\n'*}"
"$tools/kubectl-1.20/usr/bin/kubectl" version --client --short 2>/dev/null \
  || "$tools/kubectl-1.20/usr/bin/kubectl" version --client
