#!/usr/bin/env bash
# Measures `./capstan server` from launch to the first `ok` from /readyz, and its resident memory
# once ready, on an empty data directory. Usage: bin/measure-startup.sh [runs]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
dir=$(mktemp -d)
trap 'pkill -f "data-dir $dir" || true; rm -rf "$dir"' EXIT
for run in $(seq 0 "$runs"); do
  rm -rf "$dir"/*
  start=$(date +%s%N)
  "$root/capstan" server --port 0 --data-dir "$dir" >"$dir.log" 2>&1 &
  until [ -f "$dir/kubeconfig.yaml" ]; do sleep 0.01; done
  url=$(grep -o 'http://[0-9.:]*' "$dir/kubeconfig.yaml")
  until curl -sf "$url/readyz" >/dev/null; do sleep 0.01; done
  end=$(date +%s%N)
  rss=$(ps -o rss= -p "$(pgrep -f "data-dir $dir" | tail -n 1)")
  # Run 0 builds the jar if needed and the class-data archive; it is not reported.
  [ "$run" = 0 ] || echo "run $run: $(( (end - start) / 1000000 )) ms to /readyz, RSS $(( rss / 1024 )) MB"
  pkill -f "data-dir $dir"
  wait 2>/dev/null || true
done
