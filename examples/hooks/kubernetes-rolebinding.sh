#!/usr/bin/env bash
# kubernetes-rolebinding.sh remove|restore NAMESPACE ROLEBINDING
#   remove:  save the RoleBinding, then delete it (the revoke in examples/hooks/kubernetes.yaml)
#   restore: re-create it from that saved copy (its undo)
set -euo pipefail

if [[ $# -ne 3 || ( $1 != remove && $1 != restore ) ]]; then
    echo "usage: $0 remove|restore NAMESPACE ROLEBINDING" >&2
    exit 2
fi
verb=$1 ns=$2 name=$3
# Kubernetes object names: lowercase DNS labels/subdomains. Checking keeps paths sane.
for part in "$ns" "$name"; do
    if [[ ! $part =~ ^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$ ]]; then
        echo "$0: not a Kubernetes name: $part" >&2
        exit 2
    fi
done
dir="${XDG_STATE_HOME:-$HOME/.local/state}/nhitop/kubernetes/$ns"
saved="$dir/$name.yaml"

if [[ $verb == restore ]]; then
    if [[ ! -f $saved ]]; then
        echo "$0: no saved copy at $saved; nothing to restore" >&2
        exit 1
    fi
    # create, not apply: if someone re-created the binding meanwhile, say so instead of overwriting it.
    kubectl -n "$ns" create -f "$saved"
    exit 0
fi

mkdir -p -m 0700 "$dir"
tmp=$(mktemp "$dir/.$name.XXXXXX")
trap 'rm -f "$tmp"' EXIT
# Server-set fields would make the re-create fail; drop them from metadata.
kubectl -n "$ns" get rolebinding "$name" -o yaml \
    | sed -E '/^  (creationTimestamp|resourceVersion|uid|generation|selfLink):/d' >"$tmp"
mv "$tmp" "$saved"
trap - EXIT
kubectl -n "$ns" delete rolebinding "$name"
echo "saved to $saved"
