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
root="$(cd "$here/../.." && pwd)"
count="${1:-20000}"
sessions="${SESSIONS:-4}"
rounds="${ROUNDS:-5}"
seed="${SEED:-25}"
client="$here/search_bench.py"
domain=example.gov.vn
suffix=dc=example,dc=gov,dc=vn
user="tim@$domain"
password="Tim-2026"
ldap_password="bench-secret"

work="$(mktemp -d /tmp/congvu-search-bench.XXXXXX)"
chmod 755 "$work"   # Dovecot's users walk into its directory below
server="" slapd=""
cleanup() {
    [ -z "$server" ] || { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
    [ -z "$slapd" ] || { kill "$slapd" 2>/dev/null || true; wait "$slapd" 2>/dev/null || true; }
    "$here/private-dovecot.sh" stop "$work/dovecot" || true
    if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

need=()
for tool in python3:python3 openssl:openssl ldapadd:ldap-utils slappasswd:slapd; do
    command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
[ -x /usr/sbin/slapd ] || need+=(slapd)
[ ${#need[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
jar="$(ls "$root"/mail-server/target/congvu-mail-server-*.jar 2>/dev/null | head -1 || true)"
if [ -z "$jar" ] || [ -n "$(find "$root/mail-server/src/main" "$root/directory/src/main" -newer "$jar" -type f | head -1)" ]; then
    echo "building the mail server..."
    (cd "$root" && ./mvnw -B -q -pl mail-server -am package -DskipTests)
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"

ldap_port="$(free_port)"
"$root/config/ldap/local-slapd.sh" init "$work/slapd" "$suffix" "$ldap_password" >/dev/null
"$root/config/ldap/local-slapd.sh" run "$work/slapd" "$ldap_port" > "$work/slapd.log" 2>&1 &
slapd=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$ldap_port") 2>/dev/null && break; sleep 0.1; done
{
    cat "$root/config/ldap/base.ldif"
    printf '\ndn: uid=tim,ou=people,%s\nobjectClass: inetOrgPerson\nobjectClass: congvuAccount\nuid: tim\n' "$suffix"
    printf 'cn: Le Van Tim\nsn: Tim\nmail: %s\nuserPassword: %s\ncongvuAccountStatus: active\n' \
        "$user" "$(slappasswd -s "$password")"
} > "$work/accounts.ldif"
ldapadd -x -H "ldap://127.0.0.1:$ldap_port" -D "cn=admin,$suffix" -w "$ldap_password" -f "$work/accounts.ldif" >/dev/null

export CONGVU_HOME="$work/congvu" CONGVU_MAIL_CONF="$root/config/james" CONGVU_DOMAIN="$domain"
export CONGVU_LDAP_URL="ldap://127.0.0.1:$ldap_port" CONGVU_LDAP_BIND_DN="cn=admin,$suffix"
export CONGVU_LDAP_BIND_PASSWORD="$ldap_password"
export CONGVU_SMTP_PORT="$(free_port)" CONGVU_SUBMISSION_PORT="$(free_port)" CONGVU_SMTPS_PORT="$(free_port)"
export CONGVU_IMAP_PORT="$(free_port)" CONGVU_IMAPS_PORT="$(free_port)" CONGVU_WEBADMIN_PORT="$(free_port)"
mkdir -p "$work/lib" "$CONGVU_HOME"
cp "$root"/mail-server/target/lib/*.jar "$root"/mail-server/target/congvu-mail-server-*.jar "$work/lib/"
# The JVM's arguments in a file, so its command line names this bench's directory (see concurrency.sh).
{ grep -v '^#' "$root/config/james/jvm.options"; printf '%s\n' ${CONGVU_MAIL_JAVA_OPTS:-} -cp "$work/lib/*" \
    vn.congvu.mail.james.CongVuMailServerMain; } > "$work/java.args"
java "@$work/java.args" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 240); do grep -q "JAMES server started" "$work/server.log" && break; sleep 0.5; done
grep -q "JAMES server started" "$work/server.log" || { tail -50 "$work/server.log"; exit 1; }
openssl pkcs12 -in "$CONGVU_HOME/mail/var/tls/keystore.p12" -nokeys \
    -passin "file:$CONGVU_HOME/mail/var/tls/keystore.secret" -out "$work/congvu-ca.pem" 2>/dev/null

"$here/private-dovecot.sh" start "$work/dovecot" "$user" "$password" mdbox
# shellcheck disable=SC1091
. "$work/dovecot/env"
printf '%s\n' "$password" > "$work/password"

ours=(--port "$CONGVU_IMAPS_PORT" --ca "$work/congvu-ca.pem" --user "$user" --password-file "$work/password")
dove=(--port "$IMAPS_PORT" --ca "$CA" --user "$user" --password-file "$work/password")
fill_ours=(--smtp "127.0.0.1:$CONGVU_SMTP_PORT") fill_dove=(--lmtp "127.0.0.1:$LMTP_PORT") by="SMTP / LMTP"
[ "${FILL:-}" != append ] || { fill_ours=() fill_dove=() by=APPEND; }
echo "== fill: $count messages by $by from $sessions connections"
python3 "$client" fill "${ours[@]}" "${fill_ours[@]}" --count "$count" --sessions "$sessions" --seed "$seed" | tee "$work/fill-ours.json"
python3 "$client" fill "${dove[@]}" "${fill_dove[@]}" --count "$count" --sessions "$sessions" --seed "$seed" | tee "$work/fill-dovecot.json"
echo "== SEARCH, $rounds rounds of each query (the first search in ours waits for the index to catch up)"
python3 "$client" measure "${ours[@]}" --rounds "$rounds" | tee "$work/ours.json"
python3 "$client" measure "${dove[@]}" --rounds "$rounds" | tee "$work/dovecot.json"
kill -0 "$server" 2>/dev/null || { echo "our server is gone; its log ends:" >&2; tail -20 "$work/server.log" >&2; exit 1; }
index_kb="$(du -sk "$CONGVU_HOME/mail/var/store/search" | cut -f1)"
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
