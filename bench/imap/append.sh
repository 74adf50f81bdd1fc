#!/usr/bin/env bash
# APPEND, one after another, from 1 and from 8 sessions of one official (issue 25), ours against a private Dovecot
# (mdbox) in the same run with the same client (append_load.py: ~20 KB Vietnamese messages, every answer checked).
# Each server first takes a warm-up of the same load that is not reported (our JIT; Dovecot's caches).
#   bench/imap/append.sh [MESSAGES_PER_SESSION]     default 500; KEEP=1 keeps the work directory
# Target: ours/Dovecot msg/s >= 0.5 with 1 and with 8 sessions.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
count="${1:-500}"
user="stress@example.gov.vn"
password="Stress-2026"
# shellcheck disable=SC1091
. "$here/work-dir.sh"
bench_work congvu-append-bench dovecot
"$here/congvu-server.sh" start "$work/congvu" "$user" "$password"
"$here/private-dovecot.sh" start "$work/dovecot" "$user" "$password" mdbox

# run SERVER SESSIONS: one append_load.py run; its JSON line into $work/SERVER-SESSIONS.json.
run() {
    # shellcheck disable=SC1090
    . "$work/$1/env"
    python3 "$here/append_load.py" --port "$IMAPS_PORT" --ca "$CA" --user "$user" --password "$password" \
        --sessions "$2" --count "$count" > "$work/$1-$2.json" || true
}
for server in congvu dovecot; do
    run "$server" 8 >/dev/null   # warm-up
    for sessions in 1 8; do
        run "$server" "$sessions"
        echo "$server, $sessions sessions: $(cat "$work/$server-$sessions.json")"
    done
done
echo "machine after: $(uptime | sed 's/.*load/load/')"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
def load(name):
    try:
        return json.load(open("%s/%s.json" % (work, name)))
    except (OSError, ValueError):
        return None
print()
print("sessions | ours msg/s | errors | Dovecot msg/s | errors | ours/Dovecot [>= 0.5]")
for n in (1, 8):
    o, d = load("congvu-%d" % n), load("dovecot-%d" % n)
    if not o or not d:
        print("%d | failed" % n)
        continue
    print("%d | %.1f | %d | %.1f | %d | %.2f" % (n, o["msg_per_s"], o["errors"], d["msg_per_s"], d["errors"],
                                                o["msg_per_s"] / d["msg_per_s"]))
PY
