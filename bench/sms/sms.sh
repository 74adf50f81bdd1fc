#!/usr/bin/env bash
# SMS gateway throughput (issue 4), in one run, against local SMSC peers that answer at once (the npm
# "smpp" package: bench/sms/peer.js), with the outbox durable (SQLite file under a fresh CONGVU_HOME, as shipped):
#   0. warm-up: WARMUP (5) rounds of the two loads below, so the gateway is measured JIT-compiled;
#   1. one notice to N numbers through the API: submit_sm/s from API accept to the last submit_sm at the peer;
#   2. SMALL notices of one recipient each from THREADS clients: messages/s and API latency p50/p99;
#   3. the TPS limit: a second gateway limited to TPS_LIMIT (200) sends a 5-second notice; the rate at the peer;
#      then two gateway nodes (one outbox, a Hazelcast pair) share TPS_PAIR (100): the pair's rate, each number once;
#   4. the baseline: Debian's Kannel (bearerbox + smsbox, smsc type smpp, no store) fed N messages through
#      smsbox sendsms with THREADS x 2 parallel keep-alive clients; prints our rate / Kannel's.
# Each figure is printed next to its target, with the CPU each side spent per 1000 messages (steadier than
# rates on a shared machine) and the load average. Logins go through a real embedded directory (one official
# in notice-senders), as in production.
#
#   bench/sms.sh                       N=20000 SMALL=2000 THREADS=16 WARMUP=5 TPS_LIMIT=200 TPS_PAIR=100 by default
#
# Targets (issue 4): the N-number notice >= 10,000 submit_sm/s and >= 1.0x Kannel; small notices
# >= 2,000/s with p99 < 50 ms; the TPS limit within 5%; gateway RSS < 512 MB. Figures measured so far and
# what limits them: bench/sms/README.md.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
N=${N:-20000}
SMALL=${SMALL:-2000}
THREADS=${THREADS:-16}
# the JVM options the launcher gives it (config/gateway/jvm.options: RSS under the 512 MB target), or these
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-$(grep -v '^#' "$ROOT/config/gateway/jvm.options" | tr '\n' ' ')}
WORK=$(mktemp -d /tmp/congvu-smsbench.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP:-}" ]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
say() { printf '[sms-bench] %s\n' "$*" >&2; }
die() { printf '[sms-bench] error: %s\n' "$*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { # port seconds name
  for _ in $(seq 1 $(($2 * 10))); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  die "$3 did not open port $1 in $2 s (logs in $WORK)"
}
json() { python3 -c "import json,sys; print(json.loads(sys.argv[1])$2)" "$1"; }

# ---- prerequisites ----
command -v node >/dev/null || die "needs node and npm: apt-get install nodejs npm"
if [ ! -d "$ROOT/sms-gateway/src/test/node/node_modules/smpp" ]; then
  (cd "$ROOT/sms-gateway/src/test/node" && npm install --no-audit --no-fund --loglevel=error)
fi
command -v bearerbox >/dev/null || [ -x /usr/sbin/bearerbox ] || die "needs Kannel: apt-get install kannel"
export PATH=$PATH:/usr/sbin
JAR=$ROOT/sms-gateway/target/congvu-sms-gateway.jar
DIRJAR=$(ls "$ROOT"/directory/target/congvu-directory-*.jar 2>/dev/null | grep -v -- -tests.jar | head -n 1 || true)
if [ ! -f "$JAR" ] || [ -z "$DIRJAR" ] || [ ! -d "$ROOT/directory/target/lib" ]; then
  say "building the gateway and the directory"
  (cd "$ROOT" && ./mvnw -B -q -pl directory,sms-gateway -am package -DskipTests)
  DIRJAR=$(ls "$ROOT"/directory/target/congvu-directory-*.jar | grep -v -- -tests.jar | head -n 1)
fi

start_peer() { # name → PEER_PORT, PEER_LOG
  PEER_PORT=$(free_port)
  PEER_LOG=$WORK/peer-$1.log
  node "$HERE/peer.js" "$PEER_PORT" >"$PEER_LOG" 2>&1 &
  PEER_PID=$!
  PIDS+=($PEER_PID)
  wait_port "$PEER_PORT" 20 "the SMSC peer"
}
peer_field() { # log field → value of the last stats line (0 before the first)
  local last
  last=$(tail -n 1 "$1" 2>/dev/null || true)
  [ -n "$last" ] && json "$last" "['$2']" || echo 0
}
wait_count() { # log target seconds
  for _ in $(seq 1 $(($3 * 10))); do
    [ "$(peer_field "$1" count)" -ge "$2" ] && return 0
    sleep 0.1
  done
  die "the peer got $(peer_field "$1" count) of $2 submit_sm in $3 s"
}

# ---- directory with one notice sender ----
export CONGVU_HOME=$WORK/home CONGVU_CONFIG=$ROOT/config CONGVU_DOMAIN=example.gov.vn
export CONGVU_LDAP_PORT=$(free_port)
mkdir -p "$CONGVU_HOME"
say "starting the embedded directory"
java -Xmx256m -Dcongvu.config="$CONGVU_CONFIG" -cp "$DIRJAR:$ROOT/directory/target/lib/*" \
  vn.congvu.directory.embedded.EmbeddedDirectoryMain >"$WORK/directory.log" 2>&1 &
PIDS+=($!)
wait_port "$CONGVU_LDAP_PORT" 60 "the embedded directory"
printf 'uid,full_name,mail,mobile,unit,title,groups\nbench.sender,Nguyen Van Bench,bench.sender@example.gov.vn,0912000000,,Chanh van phong,notice-senders\n' \
  >"$WORK/sender.csv"
java -XX:TieredStopAtLevel=1 -Dcongvu.config="$CONGVU_CONFIG" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$DIRJAR:$ROOT/directory/target/lib/*" vn.congvu.directory.provisioning.ImportCommand "$WORK/sender.csv" \
  --passwords-out "$WORK/passwords.csv" >"$WORK/import.log" 2>&1 || die "import failed: $(cat "$WORK/import.log")"
USER_LOGIN=bench.sender@example.gov.vn
PASSWORD=$(tail -n 1 "$WORK/passwords.csv" | cut -d, -f3)

# ---- the gateway against its peer ----
cpu_ms() { # utime+stime of the given pids, in ms
  local t=0 p
  for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  echo $((t * 1000 / $(getconf CLK_TCK)))
}
start_gateway() { # log tps [outbox-url] → GW_PID, URL (waits until its SMSC bind is up); default outbox as shipped
  GATEWAY_PORT=$(free_port)
  say "starting the gateway (SMSC peer on $PEER_PORT, TPS limit $2)"
  env ${3:+CONGVU_GATEWAY_DB_URL=$3} CONGVU_GATEWAY_PORT=$GATEWAY_PORT CONGVU_SMSC_HOST=127.0.0.1 CONGVU_SMSC_PORT=$PEER_PORT \
    CONGVU_CLUSTER_PORT=${CLUSTER_PORT:-$(free_port)} CONGVU_SMSC_TPS=$2 java $GATEWAY_JAVA_OPTS -jar "$JAR" >"$1.log" 2>&1 &
  GW_PID=$!
  PIDS+=($GW_PID)
  URL=http://127.0.0.1:$GATEWAY_PORT/api/v1/notices
  for _ in $(seq 1 1200); do
    curl -sf "http://127.0.0.1:$GATEWAY_PORT/actuator/health" 2>/dev/null \
      | python3 -c 'import json,sys; sys.exit(json.load(sys.stdin)["components"]["smsc"]["status"] != "UP")' 2>/dev/null && return 0
    kill -0 "$GW_PID" 2>/dev/null || die "the gateway stopped: $(tail -n 20 "$1.log")"
    sleep 0.1
  done
  die "the gateway did not bind to its SMSC peer in 120 s (log: $1.log)"
}
start_peer gateway
GW_PEER_LOG=$PEER_LOG
GW_PEER_PID=$PEER_PID
start_gateway "$WORK/gateway" 0

# A gateway runs for months: measure it compiled, not its first minute in the JIT (which alone is several
# times slower). WARMUP rounds of the same two loads go first; Kannel (C) needs none. Five: the gateway's JVM
# compiles with C2 only (config/gateway/jvm.options), after 10,000 calls of a method, so the request path of
# small notices is compiled only after some 10,000 of them: each round sends three times SMALL of them.
WARMUP=${WARMUP:-5}
say "warm-up: $WARMUP x (one notice to $N numbers + $((SMALL * 3)) one-recipient notices)"
for w in $(seq 1 "$WARMUP"); do
  BASE=$(peer_field "$GW_PEER_LOG" count)
  # one digit of the round in the number prefix: a longer prefix would make 11-digit numbers (refused)
  python3 "$HERE/load.py" notice "$URL" "$USER_LOGIN" "$PASSWORD" "$N" "090$((w % 10))" >/dev/null
  python3 "$HERE/load.py" gateway "$URL" "$USER_LOGIN" "$PASSWORD" $((SMALL * 3)) "$THREADS" "091$((w % 10))" >/dev/null
  wait_count "$GW_PEER_LOG" $((BASE + N + SMALL * 3)) 300
done

say "one notice to $N numbers"
python3 "$HERE/thread_cpu.py" snap "$GW_PID" "$WORK/threads.json"
C0=$(cpu_ms "$GW_PID")
P0=$(cpu_ms "$GW_PEER_PID")
BASE=$(peer_field "$GW_PEER_LOG" count)
BIG=$(python3 "$HERE/load.py" notice "$URL" "$USER_LOGIN" "$PASSWORD" "$N" 0913)
[ "$(json "$BIG" "['status']")" = 202 ] || die "notice refused: $BIG"
wait_count "$GW_PEER_LOG" $((BASE + N)) 300
BIG_RATE=$(python3 -c "print(round($N * 1000 / max(1, $(peer_field "$GW_PEER_LOG" last) - $(json "$BIG" "['start']"))))")

BIG_CPU=$(( $(cpu_ms "$GW_PID") - C0 ))
BIG_PEER_CPU=$(( $(cpu_ms "$GW_PEER_PID") - P0 ))
BIG_THREADS=$(python3 "$HERE/thread_cpu.py" diff "$GW_PID" "$WORK/threads.json" "$N")

say "$SMALL notices of one recipient from $THREADS clients"
python3 "$HERE/thread_cpu.py" snap "$GW_PID" "$WORK/threads-small.json"
C0=$(cpu_ms "$GW_PID")
BASE=$(peer_field "$GW_PEER_LOG" count)
SMALLRUN=$(python3 "$HERE/load.py" gateway "$URL" "$USER_LOGIN" "$PASSWORD" "$SMALL" "$THREADS" 0914)
wait_count "$GW_PEER_LOG" $((BASE + SMALL)) 300
SMALL_RATE=$(python3 -c "print(round($SMALL * 1000 / max(1, $(peer_field "$GW_PEER_LOG" last) - $(json "$SMALLRUN" "['start']"))))")
SMALL_CPU=$(( $(cpu_ms "$GW_PID") - C0 ))
SMALL_THREADS=$(python3 "$HERE/thread_cpu.py" diff "$GW_PID" "$WORK/threads-small.json" "$SMALL")
RSS_MB=$(( $(ps -o rss= -p "$GW_PID") / 1024 ))
kill "$GW_PID"
wait "$GW_PID" 2>/dev/null || true

# ---- the TPS limit: a gateway limited to TPS_LIMIT, a notice of 5 seconds' worth ----
TPS_LIMIT=${TPS_LIMIT:-200}
start_peer tps
TPS_PEER_LOG=$PEER_LOG
# its own outbox, opened with the options shipped in config/gateway/application.yml
OUTBOX_OPTIONS=$(sed -n 's/.*outbox\.db\(?[^}]*\)}.*/\1/p' "$ROOT/config/gateway/application.yml")
start_gateway "$WORK/gateway-tps" "$TPS_LIMIT" "jdbc:sqlite:$WORK/tps-outbox.db$OUTBOX_OPTIONS"
say "one notice to $((TPS_LIMIT * 5)) numbers with the TPS limit at $TPS_LIMIT/s"
python3 "$HERE/load.py" notice "$URL" "$USER_LOGIN" "$PASSWORD" $((TPS_LIMIT * 5)) 0919 >/dev/null
wait_count "$TPS_PEER_LOG" $((TPS_LIMIT * 5)) 120
# from the first submit_sm to the last at the peer: count - 1 intervals
TPS_RATE=$(python3 -c "print(round(($TPS_LIMIT * 5 - 1) * 1000 / max(1, $(peer_field "$TPS_PEER_LOG" last) - $(peer_field "$TPS_PEER_LOG" first)), 1))")
kill "$GW_PID"
wait "$GW_PID" 2>/dev/null || true

# ---- the limit shared by two gateway nodes (one outbox, one SMSC account, a Hazelcast pair): TPS_PAIR ----
TPS_PAIR=${TPS_PAIR:-100}
start_peer pair
PAIR_PEER_LOG=$PEER_LOG
PAIR_DB="jdbc:sqlite:$WORK/pair-outbox.db$OUTBOX_OPTIONS"
CP1=$(free_port)
CP2=$(free_port)
CLUSTER_PORT=$CP1 CONGVU_CLUSTER_MEMBERS=127.0.0.1:$CP2 start_gateway "$WORK/gateway-pair-a" "$TPS_PAIR" "$PAIR_DB"
PAIR_A=$GW_PID
URL_A=$URL
CLUSTER_PORT=$CP2 CONGVU_CLUSTER_MEMBERS=127.0.0.1:$CP1 start_gateway "$WORK/gateway-pair-b" "$TPS_PAIR" "$PAIR_DB"
PAIR_B=$GW_PID
for _ in $(seq 1 600); do grep -q 'joined; 2 member' "$WORK/gateway-pair-a.log" && break; sleep 0.1; done
grep -q 'joined; 2 member' "$WORK/gateway-pair-a.log" || die "the two gateway nodes did not form a cluster (logs in $WORK)"
say "one notice to $((TPS_PAIR * 5)) numbers through two gateway nodes sharing the TPS limit of $TPS_PAIR/s"
python3 "$HERE/load.py" notice "$URL_A" "$USER_LOGIN" "$PASSWORD" $((TPS_PAIR * 5)) 0917 >/dev/null
wait_count "$PAIR_PEER_LOG" $((TPS_PAIR * 5)) 120
sleep 1  # a message sent twice would arrive now
PAIR_COUNT=$(peer_field "$PAIR_PEER_LOG" count)
PAIR_RATE=$(python3 -c "print(round(($TPS_PAIR * 5 - 1) * 1000 / max(1, $(peer_field "$PAIR_PEER_LOG" last) - $(peer_field "$PAIR_PEER_LOG" first)), 1))")
PAIR_SPLIT=$(peer_field "$PAIR_PEER_LOG" sessions)
kill "$PAIR_A" "$PAIR_B"
wait "$PAIR_A" "$PAIR_B" 2>/dev/null || true

# ---- Kannel against its own peer ----
start_peer kannel
KANNEL_PEER_LOG=$PEER_LOG
SMSBOX_PORT=$(free_port)
SENDSMS_PORT=$(free_port)
cat >"$WORK/kannel.conf" <<CONF
group = core
admin-port = $(free_port)
admin-password = bench
admin-interface = 127.0.0.1
smsbox-port = $SMSBOX_PORT
smsbox-interface = 127.0.0.1
log-file = "$WORK/bearerbox.log"
log-level = 2

group = smsc
smsc = smpp
smsc-id = peer
host = 127.0.0.1
port = $PEER_PORT
transceiver-mode = true
smsc-username = kannel
smsc-password = bench
system-type = ""
source-addr-ton = 5
source-addr-npi = 0
dest-addr-ton = 1
dest-addr-npi = 1
max-pending-submits = 10

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = $SMSBOX_PORT
sendsms-port = $SENDSMS_PORT
sendsms-interface = 127.0.0.1
log-file = "$WORK/smsbox.log"
log-level = 2

group = sendsms-user
username = bench
password = bench
CONF
say "starting Kannel (bearerbox + smsbox)"
bearerbox "$WORK/kannel.conf" >"$WORK/bearerbox.out" 2>&1 &
PIDS+=($!)
KANNEL_PIDS=($!)
wait_port "$SMSBOX_PORT" 30 "bearerbox"
smsbox "$WORK/kannel.conf" >"$WORK/smsbox.out" 2>&1 &
PIDS+=($!)
KANNEL_PIDS+=($!)
wait_port "$SENDSMS_PORT" 30 "smsbox"
KURL=http://127.0.0.1:$SENDSMS_PORT/cgi-bin/sendsms
python3 "$HERE/load.py" kannel "$KURL" bench bench 500 "$THREADS" 0918 >/dev/null
wait_count "$KANNEL_PEER_LOG" 500 60
say "Kannel: $N messages through sendsms from $((THREADS * 2)) clients"
BASE=$(peer_field "$KANNEL_PEER_LOG" count)
KC0=$(cpu_ms "${KANNEL_PIDS[@]}")
KRUN=$(python3 "$HERE/load.py" kannel "$KURL" bench bench "$N" $((THREADS * 2)) 0915)
[ "$(json "$KRUN" "['failures']")" = 0 ] || die "Kannel refused requests: $KRUN"
wait_count "$KANNEL_PEER_LOG" $((BASE + N)) 300
KANNEL_RATE=$(python3 -c "print(round($N * 1000 / max(1, $(peer_field "$KANNEL_PEER_LOG" last) - $(json "$KRUN" "['start']"))))")
KANNEL_CPU=$(( $(cpu_ms "${KANNEL_PIDS[@]}") - KC0 ))

verdict() { python3 -c "import sys; print('met' if $1 else 'NOT met')"; }
echo
echo "CongVu SMS gateway vs Kannel, one run, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "one notice to $N numbers, API accept -> last submit_sm: $BIG_RATE submit_sm/s (accept $(json "$BIG" "['accept_ms']") ms)   target >= 10000: $(verdict "$BIG_RATE >= 10000")"
echo "Kannel 1.4 sendsms, $N messages, same peer kind:       $KANNEL_RATE msg/s"
echo "gateway / Kannel: $(python3 -c "print(round($BIG_RATE / max(1, $KANNEL_RATE), 2))")x   target >= 1.0x: $(verdict "$BIG_RATE >= $KANNEL_RATE")"
echo "CPU per 1000 messages: gateway $((BIG_CPU * 1000 / N)) ms (outbox on SQLite, durable), Kannel $((KANNEL_CPU * 1000 / N)) ms (bearerbox + smsbox, no store)"
echo "$BIG_THREADS"
echo "  the peer (node, npm smpp) spent $((BIG_PEER_CPU * 1000 / N)) ms per 1000 submit_sm of the gateway's notice"
echo "$SMALL one-recipient notices, $THREADS clients: $SMALL_RATE msg/s   target >= 2000: $(verdict "$SMALL_RATE >= 2000")"
echo "  API latency p50 $(json "$SMALLRUN" "['p50_ms']") ms, p99 $(json "$SMALLRUN" "['p99_ms']") ms   target p99 < 50: $(verdict "$(json "$SMALLRUN" "['p99_ms']") < 50"); gateway CPU $((SMALL_CPU * 1000 / SMALL)) µs per notice, the Python client $(( $(json "$SMALLRUN" "['client_cpu_ms']") * 1000 / SMALL)) µs"
echo "$SMALL_THREADS" | sed 's/per 1000 messages/per 1000 notices/'
echo "TPS limit $TPS_LIMIT/s: measured $TPS_RATE submit_sm/s at the peer ($(python3 -c "print(round(($TPS_RATE - $TPS_LIMIT) * 100 / $TPS_LIMIT, 1))")%)   target within 5%: $(verdict "abs($TPS_RATE - $TPS_LIMIT) <= $TPS_LIMIT * 0.05")"
echo "TPS limit $TPS_PAIR/s shared by two gateway nodes: measured $PAIR_RATE submit_sm/s at the peer ($(python3 -c "print(round(($PAIR_RATE - $TPS_PAIR) * 100 / $TPS_PAIR, 1))")%), $PAIR_COUNT submit_sm for $((TPS_PAIR * 5)) numbers (per SMSC session: $PAIR_SPLIT)   target within 5%, each once: $(verdict "abs($PAIR_RATE - $TPS_PAIR) <= $TPS_PAIR * 0.05 and $PAIR_COUNT == $TPS_PAIR * 5")"
echo "gateway RSS after the runs: $RSS_MB MB   target < 512: $(verdict "$RSS_MB < 512")"
