#!/usr/bin/env bash
# Provisioning speed: `./congvu import` of N generated officials into a fresh Debian slapd, against the baseline
# of the same slapd loading the equivalent LDIF with `ldapadd`, in the same run. Rounds alternate the order so
# neither side always gets the warmer machine; the best round of each is compared.
#
#   bench/provisioning.sh [N]          (default 10000; ROUNDS=3 by default)
#
# Target (issue 2): >= 1,000 entries/s and >= 0.9x ldapadd.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-10000}
ROUNDS=${ROUNDS:-3}
DOMAIN=example.gov.vn
SUFFIX=dc=example,dc=gov,dc=vn
PW=bench-secret
WORK=$(mktemp -d /tmp/congvu-bench.XXXXXX)
SLAPD_PID=
cleanup() { [ -n "$SLAPD_PID" ] && kill "$SLAPD_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

command -v slapd >/dev/null || [ -x /usr/sbin/slapd ] || { echo "needs slapd and ldap-utils: apt-get install slapd ldap-utils" >&2; exit 1; }
"$ROOT/congvu" import --help >/dev/null   # builds if needed

echo "generating $N officials (CSV and equivalent LDIF)..."
python3 "$ROOT/bench/gen_officials.py" "$N" "$DOMAIN" "$WORK/officials.csv" "$WORK/officials.ldif"
ENTRIES=$(grep -c '^dn: ' "$WORK/officials.ldif")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

fresh_slapd() { # → sets PORT, SLAPD_PID
  [ -n "$SLAPD_PID" ] && { kill "$SLAPD_PID"; wait "$SLAPD_PID" 2>/dev/null || true; }
  rm -rf "$WORK/slapd"
  "$ROOT/config/ldap/local-slapd.sh" init "$WORK/slapd" "$SUFFIX" "$PW"
  PORT=$(free_port)
  "$ROOT/config/ldap/local-slapd.sh" run "$WORK/slapd" "$PORT" >/dev/null 2>&1 &
  SLAPD_PID=$!
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return; sleep 0.1; done
  echo "slapd did not start" >&2; exit 1
}

now() { date +%s.%N; }
since() { python3 -c "import sys; print(round($(now) - float(sys.argv[1]), 3))" "$1"; }

run_ldapadd() {
  fresh_slapd
  local t0; t0=$(now)
  ldapadd -x -H "ldap://127.0.0.1:$PORT" -D "cn=admin,$SUFFIX" -w "$PW" -f "$WORK/officials.ldif" >/dev/null
  T_ADD=$(since "$t0")
}

run_import() {
  fresh_slapd
  rm -f "$WORK/passwords.csv"
  local t0; t0=$(now)
  CONGVU_DOMAIN=$DOMAIN CONGVU_LDAP_URL="ldap://127.0.0.1:$PORT" CONGVU_LDAP_BIND_DN="cn=admin,$SUFFIX" \
    CONGVU_LDAP_BIND_PASSWORD=$PW "$ROOT/congvu" import "$WORK/officials.csv" \
    --passwords-out "$WORK/passwords.csv" > "$WORK/import.out"
  local t; t=$(since "$t0")
  grep -q "created $N," "$WORK/import.out" || { cat "$WORK/import.out" >&2; echo "import did not create $N" >&2; exit 1; }
  local got; got=$(ldapsearch -x -LLL -H "ldap://127.0.0.1:$PORT" -D "cn=admin,$SUFFIX" -w "$PW" -b "ou=people,$SUFFIX" \
    -s one '(objectClass=inetOrgPerson)' 1.1 | grep -c '^dn: ')
  [ "$got" = "$N" ] || { echo "slapd holds $got officials, expected $N" >&2; exit 1; }
  T_IMP=$t
}

best_add=; best_imp=
for r in $(seq "$ROUNDS"); do
  # functions, not $(…) subshells: the slapd they start must stay known to this shell for clean-up
  if [ $((r % 2)) = 1 ]; then run_ldapadd; run_import; else run_import; run_ldapadd; fi
  a=$T_ADD; i=$T_IMP
  printf 'round %d: ldapadd %.2f s, congvu import %.2f s\n' "$r" "$a" "$i"
  best_imp=$(python3 -c "print(min(x for x in [$i, ${best_imp:-$i}]))")
  best_add=$(python3 -c "print(min(x for x in [$a, ${best_add:-$a}]))")
done

# The default run's embedded directory (durable journal), for reference: same import, no baseline to compare.
run_embedded() {
  [ -n "$SLAPD_PID" ] && { kill "$SLAPD_PID"; wait "$SLAPD_PID" 2>/dev/null || true; SLAPD_PID=; }
  local home=$WORK/embedded port; port=$(free_port); rm -rf "$home"
  CONGVU_HOME=$home CONGVU_LDAP_PORT=$port CONGVU_DOMAIN=$DOMAIN java -Dcongvu.config="$ROOT/config" \
    -cp "$ROOT/directory/target/classes:$ROOT/directory/target/lib/*" vn.congvu.directory.embedded.EmbeddedDirectoryMain \
    2>"$WORK/embedded.log" &
  SLAPD_PID=$!
  for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
  rm -f "$WORK/passwords.csv"
  local t0; t0=$(now)
  CONGVU_HOME=$home CONGVU_LDAP_PORT=$port CONGVU_DOMAIN=$DOMAIN "$ROOT/congvu" import "$WORK/officials.csv" \
    --passwords-out "$WORK/passwords.csv" > "$WORK/import.out"
  T_EMB=$(since "$t0")
  grep -q "created $N," "$WORK/import.out" || { cat "$WORK/import.out" >&2; echo "embedded import did not create $N" >&2; exit 1; }
}
run_embedded
printf 'embedded directory (durable journal): congvu import %.2f s\n' "$T_EMB"

python3 - "$N" "$ENTRIES" "$best_add" "$best_imp" "$T_EMB" <<'PY'
import sys
n, entries, add, imp, emb = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
print()
print("officials: %d (LDIF entries incl. containers, units, groups: %d)" % (n, entries))
print("baseline  ldapadd of the equivalent LDIF : %6.2f s  %7.0f entries/s" % (add, entries / add))
print("congvu    import (whole command, JVM incl.): %6.2f s  %7.0f officials/s" % (imp, n / imp))
print("ratio     import speed / ldapadd speed   : %6.2f x   (target >= 0.90)" % (add / imp))
print("target    >= 1000 officials/s             : %s" % ("met" if n / imp >= 1000 else "NOT met"))
print("embedded  import into ./congvu up's directory: %6.2f s  %7.0f officials/s" % (emb, n / emb))
PY
