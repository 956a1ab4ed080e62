#!/usr/bin/env bash
# The README's screen captures, taken from the real program: nhitop --demo in a detached
# tmux window at 110x32, driven with the keys an operator would press. Prints each screen
# between markers; paste them into README.md. Takes about three minutes (the last screen
# waits for a revoke's grace period to pass).
#   scripts/readme-screens.sh [path/to/nhitop]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-}
if [[ -z "$BIN" ]]; then
    swift build -c release --product nhitop --scratch-path .build-bench >/dev/null
    BIN=.build-bench/release/nhitop
fi
command -v tmux >/dev/null || { echo "readme-screens: tmux is needed" >&2; exit 1; }
WORK=$(mktemp -d)
SESSION=nhitop-readme-$$
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$WORK"' EXIT
# A config with the AWS hooks, private as nhitop requires; a practice ledger of its own.
cp examples/hooks/aws.yaml "$WORK/aws.yaml"
chmod 600 "$WORK/aws.yaml"
export XDG_STATE_HOME="$WORK/state" USER=alice LOGNAME=alice

tmux new-session -d -s "$SESSION" -x 110 -y 32 \
    "TERM=xterm-256color $BIN --demo --seed 1 --config $WORK/aws.yaml; sleep 600"
keys() { tmux send-keys -t "$SESSION" "$@"; sleep 0.7; }
shot() { echo "=== $1"; tmux capture-pane -t "$SESSION" -p; echo; }

sleep 15
keys j j                      # the operator chooses a row: the selection stays on it
sleep 60                      # the leaked-key incident starts about 50 s in and rises
shot "dashboard: a row chosen, the incident rising, 75 s in"
keys g Enter                  # the riskiest identity, full-screen
shot "identity view"
keys Escape A                 # every alert since start
shot "alerts pane"
keys A / "payments" Enter     # back to the table; filter the table and the feed
shot "filter /payments"
keys Escape / "svc-reporting" Enter R   # the leaked key's user: the revoke plan
shot "revoke plan"
# Choose the deny-list hook, keep the suggested reason, confirm: the demo traffic does not
# obey the deny-list, so after the grace period the revoke shows STILL ACTIVE.
keys j Enter
keys Enter
keys y
sleep 3
keys Escape Escape
sleep 75
shot "STILL ACTIVE after the grace"
keys L
shot "revocations pane"
