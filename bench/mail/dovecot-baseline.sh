#!/usr/bin/env bash
# The FETCH baseline of bench/mail.sh: Debian's Dovecot as a private instance (bench/imap/private-dovecot.sh:
# own config, base_dir, log and Maildir in a temporary directory, IMAPS on a free loopback port, self-signed
# certificate; it never reads /etc/dovecot nor starts the system service), an INBOX of MAILBOX
# messages of 20 KB in the format bench/mail/mail_bench.py sends, and the FETCH load of fetch_load.py
# (same sessions, FETCH items and client processes as ours). Prints the figures prefixed "dovecot_".
# Usage: dovecot-baseline.sh MAILBOX [fetch_load.py options, e.g. --processes 1]
#   DOVECOT_MORE_LOADS="OPTIONS;OPTIONS" runs the load again with each set of options (client comparisons).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mailbox="${1:-20000}"
shift || true

base="$(mktemp -d /tmp/dovecot-bench.XXXXXX)"
chmod 755 "$base"   # the dovecot and dovenull users walk into it
user="bench@example.gov.vn"; password="Bench-2026"
stop() {
    local status=$?
    [ "$status" = 0 ] || tail -20 "$base/dovecot/dovecot.log" >&2 || true
    "$here/../imap/private-dovecot.sh" stop "$base/dovecot"
    rm -rf "$base"
}
trap stop EXIT

# The private instance (bench/imap/private-dovecot.sh installs dovecot-imapd if missing), then its Maildir
# filled with MAILBOX messages as mail_bench.py sends them (headers, then the same 20,000-character body).
"$here/../imap/private-dovecot.sh" start "$base/dovecot" "$user" "$password" >/dev/null
# shellcheck disable=SC1091
. "$base/dovecot/env"
port="$IMAPS_PORT"
python3 - "$MAIL_DIR" "$mailbox" "$user" <<'PY'
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
PY
chown -R dovecot:dovecot "$base/dovecot/home"

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
