#!/usr/bin/env bash
# Deny every session of IAM role $1 issued before now, the way the IAM console's
# "Revoke active sessions" does: an inline policy named AWSRevokeOlderSessions with
#   Deny * on * if aws:TokenIssueTime < now.
# Running it again moves "now" forward. Remove the policy with
#   aws iam delete-role-policy --role-name ROLE --policy-name AWSRevokeOlderSessions
# Used by examples/hooks/aws.yaml; nhitop runs it without a shell, the role name as one argument.
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 ROLE_NAME" >&2
    exit 2
fi
role=$1
# IAM role names: 1-64 of these characters. Checking keeps anything odd out of the call.
if [[ ! $role =~ ^[A-Za-z0-9+=,.@_-]{1,64}$ ]]; then
    echo "$0: not an IAM role name: $role" >&2
    exit 2
fi

now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
policy=$(printf '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],"Condition":{"DateLessThan":{"aws:TokenIssueTime":"%s"}}}]}' "$now")

aws iam put-role-policy --role-name "$role" --policy-name AWSRevokeOlderSessions --policy-document "$policy"
echo "role $role: sessions issued before $now are denied"
