#!/usr/bin/env bash
# Times a large Deployment on simulated nodes through kubectl: create until `rollout status`
# succeeds, then a template change until it succeeds again, and the server's RSS afterwards.
# Usage: bin/measure-rollout.sh [replicas] [nodes]   (defaults 1000 and 20)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
replicas=${1:-1000}
nodes=${2:-20}
kubectl=${KUBECTL:-kubectl}
dir=$(mktemp -d)
trap 'pkill -f "data-dir $dir" || true; rm -rf "$dir"' EXIT
"$root/capstan" server --port 0 --data-dir "$dir" --runtime simulated \
  --simulated-nodes "$nodes" >"$dir/server.log" 2>&1 &
until [ -f "$dir/kubeconfig.yaml" ]; do sleep 0.05; done
export KUBECONFIG=$dir/kubeconfig.yaml
until [ "$($kubectl get nodes --no-headers 2>/dev/null | grep -c ' Ready')" = "$nodes" ]; do
  sleep 0.1
done
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

start=$(date +%s%N)
$kubectl create deployment web --image=web:v1 --replicas="$replicas" >/dev/null
$kubectl rollout status deployment/web --timeout=30m >/dev/null
echo "create: $replicas replicas on $nodes simulated nodes available in $(ms "$start") ms"

start=$(date +%s%N)
$kubectl set image deployment/web web=web:v2 >/dev/null
$kubectl rollout status deployment/web --timeout=30m >/dev/null
echo "update: template change rolled out (25%/25%) in $(ms "$start") ms"

pid=$(pgrep -f "data-dir $dir" | tail -n 1)
echo "server RSS after the rollout: $(( $(ps -o rss= -p "$pid") / 1024 )) MB"
