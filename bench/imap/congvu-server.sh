#!/usr/bin/env bash
# Our mail server for benchmarks, from the built jars (config/james/jvm.options plus CONGVU_MAIL_JAVA_OPTS, embedded
# Derby), every port free on loopback; its account a directory account in a throwaway slapd
# (config/ldap/local-slapd.sh), or with --local-accounts a local account created through WebAdmin (no slapd).
#   congvu-server.sh start DIR [--local-accounts] [USER [PASSWORD]]
#                                      writes DIR/env (IMAPS_PORT, IMAP_PORT, SMTP_PORT, SUBMISSION_PORT,
#                                      WEBADMIN_PORT, CA, IMAP_USER, IMAP_PASSWORD, SERVER_PID, SLAPD_PID (empty
#                                      with local accounts), SERVER_LOG, SERVER_HOME: its CONGVU_HOME, SERVER_LIB:
#                                      its jars)
#   congvu-server.sh stop DIR          stops it (and its slapd), waiting until they are gone
# The JVM's arguments are in a file: its command line then names DIR, not the main class, so a
# `pkill -f CongVuMailServerMain` aimed at another server on a shared machine does not stop this one mid-run.
set -euo pipefail
action="${1:?start|stop}"
dir="${2:?directory}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ "$action" = stop ]; then
    [ -f "$dir/env" ] || exit 0
    # shellcheck disable=SC1091
    . "$dir/env"
    for pid in "$SERVER_PID" ${SLAPD_PID:-}; do
        kill "$pid" 2>/dev/null || true
        # up to a minute: James' shutdown, so that what runs next has the machine to itself
        for _ in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    done
    exit 0
fi
[ "$action" = start ] || { echo "usage: $0 start|stop DIR [--local-accounts] [USER [PASSWORD]]" >&2; exit 64; }
shift 2
accounts=directory
if [ "${1:-}" = --local-accounts ]; then accounts=local; shift; fi

domain=example.gov.vn
suffix=dc=example,dc=gov,dc=vn
user="${1:-stress@$domain}"
password="${2:-Stress-2026}"
ldap_password="bench-secret"
need=()
tools=(python3:python3 curl:curl openssl:openssl)
[ "$accounts" = local ] || tools+=(ldapadd:ldap-utils slappasswd:slapd)
for tool in "${tools[@]}"; do
    command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
[ "$accounts" = local ] || [ -x /usr/sbin/slapd ] || need+=(slapd)
[ ${#need[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
jar="$(ls "$root"/mail-server/target/congvu-mail-server-*.jar 2>/dev/null | head -1 || true)"
if [ -z "$jar" ] || [ -n "$(find "$root/mail-server/src/main" "$root/directory-client/src/main" -newer "$jar" -type f | head -1)" ]; then
    echo "building the mail server..." >&2
    (cd "$root" && ./mvnw -B -q -pl mail-server -am package -DskipTests)
fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mkdir -p "$dir"

slapd=""
directory_environment=(CONGVU_MAIL_ACCOUNTS=local)
if [ "$accounts" = directory ]; then
    # The directory: one official with a known password.
    ldap_port="$(free_port)"
    "$root/config/ldap/local-slapd.sh" init "$dir/slapd" "$suffix" "$ldap_password" >/dev/null
    "$root/config/ldap/local-slapd.sh" run "$dir/slapd" "$ldap_port" > "$dir/slapd.log" 2>&1 &
    slapd=$!
    for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$ldap_port") 2>/dev/null && break; sleep 0.1; done
    local_part="${user%@*}"
    {
        cat "$root/config/ldap/base.ldif"
        printf '\ndn: uid=%s,ou=people,%s\nobjectClass: inetOrgPerson\nobjectClass: congvuAccount\nuid: %s\n' \
            "$local_part" "$suffix" "$local_part"
        printf 'cn: Bench Official\nsn: Official\nmail: %s\nuserPassword: %s\ncongvuAccountStatus: active\n' \
            "$user" "$(slappasswd -s "$password")"
    } > "$dir/accounts.ldif"
    ldapadd -x -H "ldap://127.0.0.1:$ldap_port" -D "cn=admin,$suffix" -w "$ldap_password" -f "$dir/accounts.ldif" >/dev/null
    directory_environment=(CONGVU_LDAP_URL="ldap://127.0.0.1:$ldap_port" CONGVU_LDAP_BIND_DN="cn=admin,$suffix"
        CONGVU_LDAP_BIND_PASSWORD="$ldap_password")
fi

home="$dir/congvu"
imaps="$(free_port)" imap="$(free_port)" smtp="$(free_port)" submission="$(free_port)" webadmin="$(free_port)"
mkdir -p "$dir/lib" "$home"
: > "$dir/server.log"
cp "$root"/mail-server/target/lib/*.jar "$root"/mail-server/target/congvu-mail-server-*.jar "$dir/lib/"
{ grep -v '^#' "$root/config/james/jvm.options"; printf '%s\n' ${CONGVU_MAIL_JAVA_OPTS:-} -cp "$dir/lib/*" \
    vn.congvu.mail.server.CongVuMailServerMain; } > "$dir/java.args"
env "${directory_environment[@]}" CONGVU_HOME="$home" CONGVU_MAIL_CONF="$root/config/james" CONGVU_DOMAIN="$domain" \
CONGVU_SMTP_PORT="$smtp" CONGVU_SUBMISSION_PORT="$submission" CONGVU_SMTPS_PORT="$(free_port)" \
CONGVU_IMAP_PORT="$imap" CONGVU_IMAPS_PORT="$imaps" CONGVU_WEBADMIN_PORT="$webadmin" \
CONGVU_POP3_PORT="$(free_port)" CONGVU_POP3S_PORT="$(free_port)" \
    java "@$dir/java.args" >> "$dir/server.log" 2>&1 &
server=$!
cat > "$dir/env" <<ENV
IMAPS_PORT=$imaps
IMAP_PORT=$imap
SMTP_PORT=$smtp
SUBMISSION_PORT=$submission
WEBADMIN_PORT=$webadmin
CA=$dir/ca.pem
IMAP_USER=$user
IMAP_PASSWORD=$password
SERVER_PID=$server
SLAPD_PID=$slapd
SERVER_LOG=$dir/server.log
SERVER_HOME=$home
SERVER_LIB=$dir/lib
ENV
for _ in $(seq 1 240); do grep -q "JAMES server started" "$dir/server.log" && break; sleep 0.5; done
grep -q "JAMES server started" "$dir/server.log" || { tail -50 "$dir/server.log" >&2; exit 1; }
openssl pkcs12 -in "$home/mail/var/tls/keystore.p12" -nokeys \
    -passin "file:$home/mail/var/tls/keystore.secret" -out "$dir/ca.pem" 2>/dev/null
if [ "$accounts" = local ]; then
    curl -sf -XPUT "http://127.0.0.1:$webadmin/users/$user" -H 'Content-Type: application/json' \
        --data "{\"password\":\"$password\"}"
fi
