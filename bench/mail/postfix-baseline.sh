#!/usr/bin/env bash
# The baseline of bench/mail.sh: the same delivery load (8 clients, MESSAGES of 20 KB to one address)
# against Debian's Postfix delivering to a Maildir, as a private instance on a free loopback port
# (its own config, queue and Maildir in a temporary directory; no AUTH, no TLS). Stopped on exit;
# it never touches /etc/postfix or port 25. Prints "postfix_delivered_per_s N".
# With "tls-auth", Postfix gets the very load our server gets: STARTTLS, then AUTH PLAIN (Cyrus SASL, a
# private sasldb) once per connection, TLS-only AUTH; prints "postfix_tls_auth_delivered_per_s N".
# Usage: postfix-baseline.sh MESSAGES [plain|tls-auth]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
messages="${1:-10000}"
mode="${2:-plain}"

if ! command -v postfix >/dev/null; then
    # "No configuration": the package installs no main.cf and starts no system instance.
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix >/dev/null
fi
if [ "$mode" = tls-auth ] && ! command -v saslpasswd2 >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q sasl2-bin libsasl2-modules >/dev/null
fi

base="$(mktemp -d /tmp/postfix-bench.XXXXXX)"
chmod 755 "$base"   # the postfix and nobody users walk into it
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p "$base/etc" "$base/queue" "$base/data" "$base/maildir"
chown postfix "$base/data"
chown nobody:nogroup "$base/maildir"
stop() {
    local master; master="$(cat "$base/queue/pid/master.pid" 2>/dev/null | tr -d ' ')" || true
    postfix -c "$base/etc" stop >/dev/null 2>&1 || true
    for _ in $(seq 1 50); do [ -n "$master" ] && kill -0 "$master" 2>/dev/null || break; sleep 0.2; done
    rm -rf "$base"
}
trap stop EXIT

cat > "$base/etc/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $base/queue
data_directory = $base/data
maillog_file = $base/postfix.log
maillog_file_prefixes = $base
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = bench.localdomain
mydestination =
local_recipient_maps =
alias_maps =
alias_database =
relay_domains =
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_peername_lookup = no
message_size_limit = 26214400
virtual_mailbox_domains = example.gov.vn
virtual_mailbox_base = $base/maildir
virtual_mailbox_maps = static:bench/
virtual_uid_maps = static:$(id -u nobody)
virtual_gid_maps = static:$(id -g nobody)
EOF
# Only what a Maildir delivery needs, none chrooted; the one listener is 127.0.0.1:$port.
cat > "$base/etc/master.cf" <<EOF
127.0.0.1:$port inet n - n - - smtpd
cleanup   unix n - n - 0 cleanup
qmgr      unix n - n 300 1 qmgr
rewrite   unix - - n - - trivial-rewrite
bounce    unix - - n - 0 bounce
defer     unix - - n - 0 bounce
trace     unix - - n - 0 bounce
verify    unix - - n - 1 verify
flush     unix n - n 1000? 0 flush
proxymap  unix - - n - - proxymap
showq     unix n - n - - showq
error     unix - - n - - error
retry     unix - - n - - error
discard   unix - - n - - discard
smtp      unix - - n - - smtp
relay     unix - - n - - smtp
virtual   unix - n n - - virtual
anvil     unix - - n - 1 anvil
scache    unix - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
EOF
client_options=(--plain --prefix postfix_)
if [ "$mode" = tls-auth ]; then
    # The same credentials and certificate kind (self-signed RSA 2048) as our server's bench account.
    mkdir -p "$base/etc/sasl"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=bench.localdomain \
        -keyout "$base/etc/key.pem" -out "$base/etc/cert.pem" 2>/dev/null
    chmod 644 "$base/etc/key.pem"
    echo "Bench-2026" | saslpasswd2 -p -c -f "$base/etc/sasl/sasldb2" -u example.gov.vn bench
    chown postfix "$base/etc/sasl/sasldb2"
    printf 'pwcheck_method: auxprop\nauxprop_plugin: sasldb\nsasldb_path: %s\nmech_list: PLAIN LOGIN\n' \
        "$base/etc/sasl/sasldb2" > "$base/etc/sasl/smtpd.conf"
    sed -i '/^smtpd_relay_restrictions/d' "$base/etc/main.cf"
    echo "tlsmgr    unix - - n 1000? 1 tlsmgr" >> "$base/etc/master.cf"
    cat >> "$base/etc/main.cf" <<EOF
smtpd_tls_security_level = may
smtpd_tls_cert_file = $base/etc/cert.pem
smtpd_tls_key_file = $base/etc/key.pem
smtpd_tls_auth_only = yes
smtpd_sasl_auth_enable = yes
smtpd_sasl_type = cyrus
smtpd_sasl_path = smtpd
cyrus_sasl_config_path = $base/etc/sasl
smtpd_sasl_local_domain =
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
EOF
    client_options=(--user bench@example.gov.vn --password Bench-2026 --prefix postfix_tls_auth_)
fi
postfix -c "$base/etc" check
postfix -c "$base/etc" start
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done

python3 "$here/mail_bench.py" --smtp "$port" "${client_options[@]}" --maildir "$base/maildir/bench" \
    --messages "$messages" --delivery-only
