#!/usr/bin/env bash
# Save RoleBinding $2 in namespace $1, then delete it. The saved copy is what
# kubernetes-restore-rolebinding.sh re-creates (the undo of examples/hooks/kubernetes.yaml).
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 NAMESPACE ROLEBINDING" >&2
    exit 2
fi
ns=$1 name=$2
# Kubernetes object names: lowercase DNS labels/subdomains. Checking keeps paths sane.
for part in "$ns" "$name"; do
    if [[ ! $part =~ ^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$ ]]; then
        echo "$0: not a Kubernetes name: $part" >&2
        exit 2
    fi
done

dir="${XDG_STATE_HOME:-$HOME/.local/state}/nhitop/kubernetes/$ns"
mkdir -p -m 0700 "$dir"
saved="$dir/$name.yaml"
tmp=$(mktemp "$dir/.$name.XXXXXX")
trap 'rm -f "$tmp"' EXIT

# Server-set fields would make the re-create fail; drop them from metadata.
kubectl -n "$ns" get rolebinding "$name" -o yaml \
    | sed -E '/^  (creationTimestamp|resourceVersion|uid|generation|selfLink):/d' >"$tmp"
mv "$tmp" "$saved"
trap - EXIT

kubectl -n "$ns" delete rolebinding "$name"
echo "saved to $saved"
