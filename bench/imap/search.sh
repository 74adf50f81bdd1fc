#!/usr/bin/env bash
# IMAP SEARCH on a large Vietnamese mailbox (issue 25), ours (text index) against a private Dovecot (no FTS
# plugin) in the same run, with the same client and the same messages: bench/imap/search_bench.py fills INBOX
# by APPEND from several sessions, then times UID SEARCH CHARSET UTF-8 SUBJECT, BODY, TEXT and FROM (queries with
# and without diacritics) and prints p50/p99, ours/Dovecot, the hits of each query and our index size on disk.
# The fill goes by SMTP to ours (MX port) and LMTP to Dovecot (it has no SMTP), the same client and messages;
# FILL=append fills both by IMAP APPEND instead.
# Ours runs from the built jars (config/james/jvm.options, embedded Derby) on a directory account in a
# throwaway slapd (config/ldap/local-slapd.sh).
#
#   bench/imap/search.sh [MESSAGES]          default 20000
#   SESSIONS=4 (fill connections)  ROUNDS=5 (timed rounds of every query)  SEED=25  KEEP=1
#
# Target: our p50 <= Dovecot's p50 for each kind.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
count="${1:-20000}"
sessions="${SESSIONS:-4}"
rounds="${ROUNDS:-5}"
seed="${SEED:-25}"
client="$here/search_bench.py"
user="tim@example.gov.vn"
password="Tim-2026"

# shellcheck disable=SC1091
. "$here/work-dir.sh"
bench_work congvu-search-bench dovecot

"$here/congvu-server.sh" start "$work/congvu" "$user" "$password"
# shellcheck disable=SC1091
. "$work/congvu/env"
ours_port="$IMAPS_PORT" ours_ca="$CA" ours_smtp="$SMTP_PORT"

"$here/private-dovecot.sh" start "$work/dovecot" "$user" "$password" mdbox
# shellcheck disable=SC1091
. "$work/dovecot/env"
printf '%s\n' "$password" > "$work/password"

ours=(--port "$ours_port" --ca "$ours_ca" --user "$user" --password-file "$work/password")
dove=(--port "$IMAPS_PORT" --ca "$CA" --user "$user" --password-file "$work/password")
fill_ours=(--smtp "127.0.0.1:$ours_smtp") fill_dove=(--lmtp "127.0.0.1:$LMTP_PORT") by="SMTP / LMTP"
[ "${FILL:-}" != append ] || { fill_ours=() fill_dove=() by=APPEND; }
echo "== fill: $count messages by $by from $sessions connections"
python3 "$client" fill "${ours[@]}" "${fill_ours[@]}" --count "$count" --sessions "$sessions" --seed "$seed" | tee "$work/fill-ours.json"
python3 "$client" fill "${dove[@]}" "${fill_dove[@]}" --count "$count" --sessions "$sessions" --seed "$seed" | tee "$work/fill-dovecot.json"
echo "== SEARCH, $rounds rounds of each query (the first search in ours waits for the index to catch up)"
python3 "$client" measure "${ours[@]}" --rounds "$rounds" | tee "$work/ours.json"
python3 "$client" measure "${dove[@]}" --rounds "$rounds" | tee "$work/dovecot.json"
kill -0 "$SERVER_PID" 2>/dev/null || { echo "our server is gone; its log ends:" >&2; tail -20 "$SERVER_LOG" >&2; exit 1; }
index_kb="$(du -sk "$SERVER_HOME/mail/var/store/search" | cut -f1)"
dovecot_kb="$(du -sk "$MAIL_DIR" | cut -f1)"
echo "machine after: $(uptime | sed 's/.*load/load/')"

python3 - "$work" "$count" "$index_kb" "$dovecot_kb" <<'PY'
import json, sys
work, count, index_kb, dovecot_kb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
load = lambda name: json.load(open("%s/%s.json" % (work, name)))
ours, dove = load("ours"), load("dovecot")
fill_ours, fill_dove = load("fill-ours"), load("fill-dovecot")
print()
print("== Summary: %d messages, UID SEARCH CHARSET UTF-8 (ms; target: ours p50 <= Dovecot p50)" % count)
print("kind | ours p50 | ours p99 | Dovecot p50 | Dovecot p99 | p50 ours/Dovecot | target")
for kind in ("SUBJECT", "BODY", "TEXT", "FROM"):
    o, d = ours[kind], dove[kind]
    ratio = o["p50_ms"] / d["p50_ms"] if d["p50_ms"] else float("inf")
    print("%s | %.1f | %.1f | %.1f | %.1f | %.3f | %s" % (kind, o["p50_ms"], o["p99_ms"], d["p50_ms"], d["p99_ms"],
                                                     ratio, "met" if o["p50_ms"] <= d["p50_ms"] else "NOT met"))
print()
print("hits per query (ours: no diacritics also finds them; Dovecot: substring as typed)")
for kind in ("SUBJECT", "BODY", "TEXT", "FROM"):
    for query, hits in ours[kind]["hits"].items():
        print("  %s %s: ours %d, Dovecot %d" % (kind, query, hits, dove[kind]["hits"].get(query, -1)))
print()
print("fill: ours %.1f msg/s, Dovecot %.1f msg/s" % (fill_ours["per_s"], fill_dove["per_s"]))
print("first SEARCH after the fill (ours: index catch-up): ours %.0f ms, Dovecot %.0f ms"
      % (ours["first_search_ms"], dove["first_search_ms"]))
print("our index on disk: %.1f MB, %.2f MB per 1,000 messages (Dovecot's mail store: %.1f MB per 1,000)"
      % (index_kb / 1024, index_kb / 1024 / count * 1000, dovecot_kb / 1024 / count * 1000))
PY
