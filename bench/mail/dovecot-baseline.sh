#!/usr/bin/env bash
# The FETCH baseline of bench/mail.sh: Debian's Dovecot (dovecot-imapd, installed if missing) as a private
# instance (own config, base_dir, log and Maildir in a temporary directory, IMAPS on a free loopback port,
# self-signed certificate; it never reads /etc/dovecot nor starts the system service), an INBOX of MAILBOX
# messages of 20 KB in the format bench/mail/mail_bench.py sends, and the FETCH load of fetch_load.py
# (same sessions, FETCH items and client processes as ours). Prints the figures prefixed "dovecot_".
# Usage: dovecot-baseline.sh MAILBOX [fetch_load.py options, e.g. --processes 1]
#   DOVECOT_MORE_LOADS="OPTIONS;OPTIONS" runs the load again with each set of options (client comparisons).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mailbox="${1:-20000}"
shift || true

command -v dovecot >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q dovecot-imapd >/dev/null
command -v openssl >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q openssl >/dev/null

base="$(mktemp -d /tmp/dovecot-bench.XXXXXX)"
chmod 755 "$base"   # the dovecot and dovenull users walk into it
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
user="bench@example.gov.vn"; password="Bench-2026"
stop() {
    local status=$?
    [ "$status" = 0 ] || tail -20 "$base/dovecot.log" >&2 || true
    [ -f "$base/dovecot.conf" ] && dovecot -c "$base/dovecot.conf" stop >/dev/null 2>&1 || true
    for _ in $(seq 1 50); do [ -S "$base/run/master" ] || [ -f "$base/run/master.pid" ] || break; sleep 0.2; done
    rm -rf "$base"
}
trap stop EXIT

mkdir -p "$base/run" "$base/state" "$base/home"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -keyout "$base/key.pem" -out "$base/cert.pem" 2>/dev/null
echo "$user:{PLAIN}$password" > "$base/passwd"
chmod 644 "$base/passwd"

# The Maildir: MAILBOX messages as mail_bench.py sends them (headers, then the same 20,000-character body).
python3 - "$base/home/bench/Maildir" "$mailbox" "$user" <<'EOF'
import os, sys, time
maildir, count, user = sys.argv[1], int(sys.argv[2]), sys.argv[3]
body = ("Noi dung van ban chi dao ve viec trien khai ke hoach cong tac nam 2026.\r\n" * 300)[:20000]
for sub in ("new", "cur", "tmp"):
    os.makedirs(os.path.join(maildir, sub), exist_ok=True)
now = int(time.time())
for number in range(count):
    text = ("From: %s\r\nTo: %s\r\nSubject: bench %d\r\nMessage-ID: <bench-%d-%f@bench>\r\n\r\n%s"
            % (user, user, number, number, time.time(), body)).replace("\r\n", "\n")
    with open(os.path.join(maildir, "new", "%d.M%dP1.bench" % (now, number)), "w") as f:
        f.write(text)
EOF
chown -R dovecot:dovecot "$base/home"

cat > "$base/dovecot.conf" <<EOF
base_dir = $base/run
state_dir = $base/state
log_path = $base/dovecot.log
protocols = imap
listen = 127.0.0.1
default_internal_user = dovecot
default_login_user = dovenull
ssl = required
ssl_cert = <$base/cert.pem
ssl_key = <$base/key.pem
auth_mechanisms = plain
passdb {
  driver = passwd-file
  args = $base/passwd
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=$base/home/bench
}
mail_location = maildir:~/Maildir
first_valid_uid = 1
# 50 sessions of one user from one address (the default allows 10).
protocol imap {
  mail_max_userip_connections = 1000
}
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $port
    ssl = yes
  }
}
EOF
dovecot -c "$base/dovecot.conf"
for _ in $(seq 1 50); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1).close()" 2>/dev/null && break
    sleep 0.2
done
# The first SELECT moves new/ to cur/ and builds Dovecot's index (not timed; ours has its store too).
python3 - "$port" "$user" "$password" <<'EOF'
import imaplib, ssl, sys
tls = ssl.create_default_context(); tls.check_hostname = False; tls.verify_mode = ssl.CERT_NONE
c = imaplib.IMAP4_SSL("127.0.0.1", int(sys.argv[1]), ssl_context=tls, timeout=600)
c.login(sys.argv[2], sys.argv[3])
typ, data = c.select("INBOX")
c.fetch("1:*", "(FLAGS RFC822.SIZE)")
print("dovecot_mailbox %s" % data[0].decode())
c.logout()
EOF
python3 "$here/fetch_load.py" --port "$port" --user "$user" --password "$password" --prefix dovecot_ "$@"
# DOVECOT_MORE_LOADS="--processes 1;--client imaplib": more runs on the same instance, to compare clients.
IFS=';' read -ra more <<< "${DOVECOT_MORE_LOADS:-}"
for options in "${more[@]}"; do
    echo "[dovecot, fetch_load.py $options]"
    # shellcheck disable=SC2086
    python3 "$here/fetch_load.py" --port "$port" --user "$user" --password "$password" --prefix dovecot_ $options
done
