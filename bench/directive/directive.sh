#!/usr/bin/env bash
# Directive alert latency: the whole system as `./congvu up` starts it, against a fresh Debian slapd holding N
# generated officials (imported with `./congvu import`) and the npm "smpp" SMSC peer (sms-gateway/src/test/node/
# smsc.js, receipts on). An issuer sends ROUNDS directive mails over submission (STARTTLS + AUTH) to a group of the
# N officials; for each, the time from the end of DATA (the client's final ".") to every submit_sm at the peer, and
# when the 250 came. Not from the 250: the mail server answers DATA after processing the mail, alerts included.
# The gateway's TPS limit is 200.
#
#   bench/directive.sh [N] [ROUNDS]      (defaults 500 and 5, after one warm-up round shown apart; WARMUP=0 for none)
#
# Targets (issue 5): the first recipient's submit_sm within 2 s (p99), all N submitted within 5 s.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${1:-500}
ROUNDS=${2:-5}
TPS=${TPS:-200}
DOMAIN=example.gov.vn
SUFFIX=dc=example,dc=gov,dc=vn
LDAP_PW=bench-secret
GROUP=bench-directive
ISSUER=bench.issuer
PEER_DIR=$ROOT/sms-gateway/src/test/node

for tool in node python3 openssl; do
  command -v $tool >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
[ -x /usr/sbin/slapd ] || { echo "needs slapd and ldap-utils: apt-get install slapd ldap-utils" >&2; exit 1; }
[ -d "$PEER_DIR/node_modules/smpp" ] || { echo "needs the npm smpp package: (cd $PEER_DIR && npm ci)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/congvu-directive-bench.XXXXXX)
SLAPD_PID= PEER_PID= UP_PID=
cleanup() {
  [ -z "$UP_PID" ] || { kill -TERM "$UP_PID" 2>/dev/null; wait "$UP_PID" 2>/dev/null || true; }
  exec 7>&- 2>/dev/null || true   # the peer exits when its stdin closes
  [ -z "$PEER_PID" ] || wait "$PEER_PID" 2>/dev/null || true
  [ -z "$SLAPD_PID" ] || { kill "$SLAPD_PID" 2>/dev/null; wait "$SLAPD_PID" 2>/dev/null || true; }
  if [ -n "${KEEP:-}" ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

read -r P_SLAPD P_SMTP P_SUB P_SMTPS P_IMAP P_IMAPS P_WEBADMIN P_HTTP P_CLUSTER P_GATEWAY P_POP3 P_POP3S < <(python3 -c '
import socket
s = [socket.socket() for _ in range(12)]
for x in s: x.bind(("127.0.0.1", 0))
print(" ".join(str(x.getsockname()[1]) for x in s))')

echo "slapd on $P_SLAPD, $N officials in group $GROUP..."
"$ROOT/config/ldap/local-slapd.sh" init "$WORK/slapd" "$SUFFIX" "$LDAP_PW" >/dev/null
"$ROOT/config/ldap/local-slapd.sh" run "$WORK/slapd" "$P_SLAPD" >"$WORK/slapd.log" 2>&1 &
SLAPD_PID=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$P_SLAPD") 2>/dev/null && break; sleep 0.1; done

python3 "$ROOT/bench/gen_officials.py" "$N" "$DOMAIN" "$WORK/generated.csv" "$WORK/unused.ldif"
{
  awk -F, -v OFS=, -v g="$GROUP" 'NR > 1 { $7 = g } { print }' "$WORK/generated.csv"
  echo "$ISSUER,Nguyễn Văn Chánh,$ISSUER@$DOMAIN,0912999999,TINH/VP-TU,Chánh Văn phòng,directive-issuers,active"
} > "$WORK/officials.csv"

export CONGVU_HOME=$WORK/home CONGVU_DOMAIN=$DOMAIN
export CONGVU_LDAP_URL=ldap://127.0.0.1:$P_SLAPD CONGVU_LDAP_BIND_DN=cn=admin,$SUFFIX CONGVU_LDAP_BIND_PASSWORD=$LDAP_PW
export CONGVU_SMTP_PORT=$P_SMTP CONGVU_SUBMISSION_PORT=$P_SUB CONGVU_SMTPS_PORT=$P_SMTPS CONGVU_IMAP_PORT=$P_IMAP
export CONGVU_POP3_PORT=$P_POP3 CONGVU_POP3S_PORT=$P_POP3S
export CONGVU_IMAPS_PORT=$P_IMAPS CONGVU_WEBADMIN_PORT=$P_WEBADMIN CONGVU_HTTP_PORT=$P_HTTP CONGVU_CLUSTER_PORT=$P_CLUSTER
export CONGVU_GATEWAY_PORT=$P_GATEWAY
export CONGVU_SMSC_HOST=127.0.0.1 CONGVU_SMSC_SYSTEM_ID=bench CONGVU_SMSC_PASSWORD=bench-pw CONGVU_SMSC_TPS=$TPS
export CONGVU_BRANDNAME=UBNDTINH

"$ROOT/congvu" import "$WORK/officials.csv" --passwords-out "$WORK/passwords.csv" >"$WORK/import.out" 2>&1 \
  || { cat "$WORK/import.out" >&2; echo "import failed" >&2; exit 1; }
ISSUER_PW=$(awk -F, -v u="$ISSUER" '$1 == u { print $3 }' "$WORK/passwords.csv")

mkfifo "$WORK/peer.in"
(cd "$PEER_DIR" && SMSC_SYSTEM_ID=bench SMSC_PASSWORD=bench-pw exec node smsc.js hex) \
  <"$WORK/peer.in" >"$WORK/peer.jsonl" 2>"$WORK/peer.err" &
PEER_PID=$!
exec 7>"$WORK/peer.in"
for _ in $(seq 100); do grep -q '"listening"' "$WORK/peer.jsonl" 2>/dev/null && break; sleep 0.1; done
export CONGVU_SMSC_PORT
CONGVU_SMSC_PORT=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["port"])' "$WORK/peer.jsonl")

echo "starting ./congvu up (TPS limit $TPS; logs in $CONGVU_HOME/logs)..."
"$ROOT/congvu" up >"$WORK/up.out" 2>&1 &
UP_PID=$!
for _ in $(seq 3000); do
  grep -q "CongVu is running" "$WORK/up.out" && grep -q '"bind"' "$WORK/peer.jsonl" && break
  kill -0 "$UP_PID" 2>/dev/null || { cat "$WORK/up.out" >&2; echo "./congvu up stopped" >&2; exit 1; }
  sleep 0.1
done
grep -q '"bind"' "$WORK/peer.jsonl" || { echo "the gateway did not bind to the peer" >&2; exit 1; }

openssl pkcs12 -in "$CONGVU_HOME/mail/var/tls/keystore.p12" -nokeys -passin "file:$CONGVU_HOME/mail/var/tls/keystore.secret" \
  -out "$WORK/mail-cert.pem" 2>/dev/null

python3 "$ROOT/bench/directive/measure.py" --smtp-port "$P_SUB" --cafile "$WORK/mail-cert.pem" \
  --user "$ISSUER@$DOMAIN" --password "$ISSUER_PW" --to "$GROUP@$DOMAIN" --peer-log "$WORK/peer.jsonl" \
  --audit-dir "$CONGVU_HOME/audit" --webadmin-port "$P_WEBADMIN" --recipients "$N" --rounds "$ROUNDS" --tps "$TPS" --warmup "${WARMUP:-1}"
