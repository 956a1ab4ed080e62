#!/usr/bin/env bash
# Re-create RoleBinding $2 in namespace $1 from the copy kubernetes-remove-rolebinding.sh saved.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 NAMESPACE ROLEBINDING" >&2
    exit 2
fi
ns=$1 name=$2
for part in "$ns" "$name"; do
    if [[ ! $part =~ ^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$ ]]; then
        echo "$0: not a Kubernetes name: $part" >&2
        exit 2
    fi
done

saved="${XDG_STATE_HOME:-$HOME/.local/state}/nhitop/kubernetes/$ns/$name.yaml"
if [[ ! -f $saved ]]; then
    echo "$0: no saved copy at $saved; nothing to restore" >&2
    exit 1
fi
# create, not apply: if someone re-created the binding meanwhile, say so instead of overwriting it.
kubectl -n "$ns" create -f "$saved"
