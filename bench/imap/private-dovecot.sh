#!/usr/bin/env bash
# A private Dovecot (Debian's dovecot-imapd and dovecot-lmtpd, installed if missing) for IMAP baselines: own
# config, base_dir, log, passwd-file and Maildir under DIR, IMAPS and LMTP on free loopback ports, a
# self-signed certificate for 127.0.0.1. It never reads /etc/dovecot nor touches the system service.
#   private-dovecot.sh start DIR [USER [PASSWORD [FORMAT]]]   writes DIR/env (IMAPS_PORT, LMTP_PORT, CA, IMAP_USER,
#                                                             IMAP_PASSWORD, MAIL_DIR); FORMAT: maildir (default),
#                                                             mdbox or sdbox, stored in DIR/home/stress/FORMAT
#   private-dovecot.sh stop DIR                               stops it (DIR is left for the caller to remove)
# More accounts (a migration's old server): DOVECOT_USERS="login:password ..." adds users, each with its own home
# under DIR/home/<login>; DOVECOT_MASTER="name:password" adds a master user who logs in as "login*name".
set -euo pipefail
action="${1:?start|stop}"
dir="${2:?directory}"

case "$action" in
stop)
    [ -f "$dir/dovecot.conf" ] || exit 0
    dovecot -c "$dir/dovecot.conf" stop >/dev/null 2>&1 || true
    for _ in $(seq 1 50); do [ -f "$dir/run/master.pid" ] || break; sleep 0.2; done
    exit 0
    ;;
start) ;;
*) echo "usage: $0 start|stop DIR [USER [PASSWORD]]" >&2; exit 64 ;;
esac

user="${3:-stress@example.gov.vn}"
password="${4:-Stress-2026}"
format="${5:-maildir}"
case "$format" in maildir) mail_dir=Maildir ;; mdbox|sdbox) mail_dir="$format" ;; *) echo "format: maildir, mdbox or sdbox" >&2; exit 64 ;; esac
need=()
command -v dovecot >/dev/null || need+=(dovecot-imapd)
[ -e /usr/lib/dovecot/lmtp ] || need+=(dovecot-lmtpd)
command -v openssl >/dev/null || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
    # Installing dovecot-core may start the system service: stop and disable it, ours is private.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
    if command -v systemctl >/dev/null && systemctl is-active --quiet dovecot 2>/dev/null; then
        systemctl disable --now dovecot >/dev/null 2>&1 || true
    fi
fi

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
mkdir -p "$dir/run" "$dir/state" "$dir/home/stress/$mail_dir"
chmod 755 "$dir"   # the dovecot and dovenull users walk into it
imaps_port="$(free_port)"
lmtp_port="$(free_port)"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
uid="$(id -u dovecot)"; gid="$(id -g dovecot)"
# passwd-file: user:password:uid:gid:gecos:home:shell (passdb and userdb, so LMTP can look the user up).
echo "$user:{PLAIN}$password:$uid:$gid::$dir/home/stress::" > "$dir/passwd"
for entry in ${DOVECOT_USERS:-}; do
    mkdir -p "$dir/home/${entry%%:*}/$mail_dir"
    echo "${entry%%:*}:{PLAIN}${entry#*:}:$uid:$gid::$dir/home/${entry%%:*}::" >> "$dir/passwd"
done
chmod 644 "$dir/passwd"
master_passdb=
if [ -n "${DOVECOT_MASTER:-}" ]; then
    echo "${DOVECOT_MASTER%%:*}:{PLAIN}${DOVECOT_MASTER#*:}" > "$dir/master-passwd"
    chmod 644 "$dir/master-passwd"
    # pass = yes: the user logged in as must exist in the ordinary passdb too.
    master_passdb="auth_master_user_separator = *
passdb {
  driver = passwd-file
  args = $dir/master-passwd
  master = yes
  pass = yes
}"
fi
chown -R dovecot:dovecot "$dir/home"

cat > "$dir/dovecot.conf" <<EOF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
default_internal_user = dovecot
default_login_user = dovenull
ssl = required
ssl_cert = <$dir/cert.pem
ssl_key = <$dir/key.pem
auth_mechanisms = plain
$master_passdb
passdb {
  driver = passwd-file
  args = $dir/passwd
}
userdb {
  driver = passwd-file
  args = $dir/passwd
}
mail_location = $format:~/$mail_dir
first_valid_uid = 1
postmaster_address = postmaster@example.gov.vn
# Many sessions of one user from one address (the default allows 10).
protocol imap {
  mail_max_userip_connections = 1000
}
service imap-login {
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $imaps_port
    ssl = yes
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0600
  }
  inet_listener lmtp {
    address = 127.0.0.1
    port = $lmtp_port
  }
}
EOF
dovecot -c "$dir/dovecot.conf"
for _ in $(seq 1 50); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $imaps_port), 1).close()" 2>/dev/null && break
    sleep 0.2
done
cat > "$dir/env" <<EOF
IMAPS_PORT=$imaps_port
LMTP_PORT=$lmtp_port
CA=$dir/cert.pem
IMAP_USER=$user
IMAP_PASSWORD=$password
MAIL_DIR=$dir/home/stress/$mail_dir
EOF
echo "dovecot: IMAPS 127.0.0.1:$imaps_port, LMTP 127.0.0.1:$lmtp_port, $user, $format (log $dir/dovecot.log)"
