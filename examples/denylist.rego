# Deny every identity nhitop's built-in `denylist` hook has revoked.
#
# nhitop writes the revoked identities to an OPA data document (by default beside the ledger,
# ~/.local/state/nhitop/denylist.json, or `--denylist FILE`), atomically, on each revoke and undo:
#
#   {"nhitop": {"revoked": {"agent:billing-bot": {"action_id": "…", "at": "2026-11-29T14:32:40Z",
#                                                 "by": "alice", "reason": "…"}}}}
#
# Run OPA with this policy and that document as data, reloading it when it changes, with decision
# logs on the console:
#
#   opa run --server --watch --set decision_logs.console=true \
#       examples/denylist.rego ~/.local/state/nhitop/denylist.json 2>&1 | tee opa-decisions.log
#
# (`examples/denylist.json` is a small sample document to try it with. Without --watch, or on
# another host, push the document instead:
#   jq .nhitop denylist.json | curl -sS -X PUT --data-binary @- localhost:8181/v1/data/nhitop )
#
# Ask for the whole package, so the decision carries the reason as well as `allow`:
#
#   curl -sS localhost:8181/v1/data/nhitop/denylist -d '{"input": {"subject": "agent:billing-bot", "action": "read"}}'
#   → {"result": {"allow": false, "deny": ["agent:billing-bot was revoked by alice at …: …"], …}}
#
# Each decision is logged with that result; nhitop reads `result.allow` (or a bare boolean when
# you query `…/denylist/allow`) and the identity from the same input fields as below. Follow the
# log with `nhitop opa-decisions.log`: the revoked agent's next tool call shows as DENY, and its
# row turns from REVOKED/pending to effective. An allow for it after the grace period means some
# path does not go through this policy: nhitop raises STILL ACTIVE.
#
# OPA v1 syntax (`if`, `contains`, `in`); `import rego.v1` keeps it loadable by OPA 0.59+ too.

package nhitop.denylist

import rego.v1

# The input fields nhitop's OPA decision-log parser takes the identity from, in its order.
identity_paths := [
	["subject"],
	["principal"],
	["identity"],
	["user"],
	["attributes", "source", "principal"],
]

# A field holds a name, or an object with `name`, `id` or `sub` (as nhitop reads it).
name_of(v) := v if {
	is_string(v)
	v != ""
} else := v.name if {
	is_string(v.name)
} else := v.id if {
	is_string(v.id)
} else := v.sub if {
	is_string(v.sub)
}

# The `sub` of a bearer JWT, as nhitop reads it when no field names the caller. Not verified
# here: this can only add a deny. Base `allow` on verified claims (io.jwt.decode_verify).
bearer_subject := payload.sub if {
	auth := input.attributes.request.http.headers.authorization
	startswith(lower(auth), "bearer ")
	[_, payload, _] := io.jwt.decode(trim_space(substring(auth, 7, -1)))
	is_string(payload.sub)
}

# The identity the request is made as: the first one found.
identity := ids[0] if {
	from_fields := [id | some path in identity_paths; id := name_of(object.get(input, path, null))]
	from_bearer := [sub | sub := bearer_subject]
	ids := array.concat(from_fields, from_bearer)
}

# The revocation in force for this identity, if any.
revocation := data.nhitop.revoked[identity]

deny contains msg if {
	r := revocation
	msg := sprintf("%s was revoked by %s at %s: %s (nhitop action %s)", [identity, r.by, r.at, r.reason, r.action_id])
}

default allow := false

# A revoked identity is never allowed, whatever the rest of the policy says.
allow if {
	count(deny) == 0
	example_allow
}

# Stand-in for your real policy: read-only tool calls are allowed.
example_allow if input.action in {"read", "list", "describe"}
