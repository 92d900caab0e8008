#!/usr/bin/env bash
# Installs what the tests drive besides Capstan itself. Into .tools/ in the checkout: Debian's
# kubectl 1.20 (unpacked, so it never replaces a newer kubectl already on PATH) and Debian's static
# busybox (the HTTP server and shell the process-runtime tests run as pods). System-wide, when run
# as root: containerd, runc and the CNI plugins for the containerd runtime's tests, and etcd for the
# etcd store's. A kubectl 1.32 on PATH, when the machine has one, is used as well.
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

# The containerd runtime's tests start a private containerd of their own (as root), the etcd
# store's tests a private etcd: Debian's containerd (with ctr), runc, the CNI plugins and etcd,
# installed system-wide but never started as services here.
missing=()
command -v containerd >/dev/null || missing+=(containerd)
command -v runc >/dev/null || missing+=(runc)
[ -x /usr/lib/cni/bridge ] || missing+=(containernetworking-plugins)
command -v etcd >/dev/null || missing+=(etcd-server)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -qq >/dev/null \
      && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
fi
containerd --version 2>/dev/null || echo "containerd: not installed (its tests will be skipped)"
if version=$(etcd --version 2>/dev/null); then
  echo "${version%%$'\n'*}"
else
  echo "etcd: not installed (its tests will be skipped)"
fi
