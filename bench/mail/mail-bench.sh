#!/usr/bin/env bash
# Starts a fresh mail server (embedded Derby, local accounts) on free loopback ports with its own
# data directory, runs mail_bench.py against it and prints the figures and the server's RSS.
# Usage: bench/mail.sh [MESSAGES]   (build first: ./mvnw -pl mail-server -am package -DskipTests)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
messages="${1:-10000}"
data="$(mktemp -d)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export CONGVU_HOME="$data" CONGVU_MAIL_CONF="$root/config/james" CONGVU_MAIL_ACCOUNTS=local
export CONGVU_SMTP_PORT="$(free_port)" CONGVU_SUBMISSION_PORT="$(free_port)" CONGVU_SMTPS_PORT="$(free_port)"
export CONGVU_IMAP_PORT="$(free_port)" CONGVU_IMAPS_PORT="$(free_port)" CONGVU_WEBADMIN_PORT="$(free_port)"
: > "$data/server.log"
java -Xmx1g ${CONGVU_MAIL_JAVA_OPTS:-} -cp "$root/mail-server/target/lib/*:$(ls "$root"/mail-server/target/congvu-mail-server-*.jar | head -1)" \
    vn.congvu.mail.james.CongVuMailServerMain > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do grep -q "JAMES server started" "$data/server.log" && break; sleep 0.5; done
grep -q "JAMES server started" "$data/server.log" || { tail -50 "$data/server.log"; exit 1; }
user="bench@example.gov.vn"; password="Bench-2026"
curl -sf -XPUT "http://127.0.0.1:$CONGVU_WEBADMIN_PORT/users/$user" -H 'Content-Type: application/json' \
    --data "{\"password\":\"$password\"}"
python3 "$here/mail_bench.py" --submission "$CONGVU_SUBMISSION_PORT" --imaps "$CONGVU_IMAPS_PORT" \
    --user "$user" --password "$password" --messages "$messages"
echo "server_rss_mb $(( $(ps -o rss= -p $server) / 1024 ))"
