#!/usr/bin/env bash
# Migration throughput (issue 25): one mailbox of MESSAGES messages (~SIZE octets of Vietnamese text each, old
# INTERNALDATEs, some \Seen) on a private Dovecot, copied into CongVu by `./congvu migrate` (its Java CLI, mbsync
# under it, the master login), and, in the same run, into a second private Dovecot by mbsync with the same
# channel settings (the config the CLI generates, with Dovecot as the near side). Prints messages per second of
# each and the ratio ours/Dovecot; every message is counted on both targets.
#
#   bench/imap/migrate.sh            MESSAGES=20000 SIZE=20000 KEEP=1 (keeps the work directory)
#
# Target: ours/Dovecot >= 0.5.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
messages="${MESSAGES:-20000}"
size="${SIZE:-20000}"
domain=example.gov.vn
official=bench
password="Bench-2026"

# shellcheck disable=SC1091
. "$here/work-dir.sh"
bench_work congvu-migrate-bench old copy
command -v mbsync >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q isync >/dev/null

"$here/congvu-server.sh" start "$work/congvu" "$official@$domain" "$password"
# shellcheck disable=SC1091
. "$work/congvu/env"
# What the migration CLI reads, as ./congvu migrate gives it.
export CONGVU_HOME="$SERVER_HOME" CONGVU_IMAPS_PORT="$IMAPS_PORT" CONGVU_DOMAIN="$domain"

# The old server, filled as Maildir files (fast; Dovecot indexes them on first SELECT), and the Dovecot target.
"$here/private-dovecot.sh" start "$work/old" "old@$domain" "$password" >/dev/null
"$here/private-dovecot.sh" start "$work/copy" "copy@$domain" "$password" >/dev/null
# shellcheck disable=SC1091
old_port="$(. "$work/old/env"; echo "$IMAPS_PORT")"; copy_port="$(. "$work/copy/env"; echo "$IMAPS_PORT")"
echo "filling the old mailbox: $messages messages of ~$size octets..."
python3 - "$work/old/home/stress/Maildir" "$messages" "$size" <<'PY'
import os, random, sys, time
maildir, count, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(25)
words = ("công văn số quyết định ủy ban nhân dân tỉnh thành phố sở tài chính kế hoạch đầu tư báo cáo tình hình "
         "thực hiện nhiệm vụ năm đề nghị các đơn vị khẩn trương triển khai theo đúng quy định pháp luật hiện hành "
         "đồng chí giám đốc phó chủ tịch thường trực hội đồng nhân dân kính gửi trân trọng").split()
os.makedirs(maildir + "/cur", exist_ok=True)
start = time.mktime((2015, 1, 1, 8, 0, 0, 0, 0, 0))
for i in range(count):
    lines, length = [], 0
    while length < size:
        line = " ".join(random.choice(words) for _ in range(12)).capitalize() + "."
        lines.append(line); length += len(line.encode()) + 2
    body = "\r\n".join(lines) + "\r\n"
    head = ("From: Van phong <vanphong@old.vn>\r\nTo: bench@example.gov.vn\r\nSubject: Cong van so %d\r\n"
            "Message-ID: <bench-%d@old.vn>\r\nDate: Thu, 1 Jan 2015 08:00:00 +0700\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" % (i, i))
    data = (head + body).encode()
    flags = "S" if i % 3 else ""
    name = "%s/cur/%d.M%dP1.bench,S=%d:2,%s" % (maildir, start + i * 3600, i, len(data), flags)
    with open(name, "wb") as f:
        f.write(data)
    os.utime(name, (start + i * 3600, start + i * 3600))
PY
chown -R dovecot:dovecot "$work/old/home"
du -sh "$work/old/home/stress/Maildir" | sed 's/^/old mailbox: /'

count() { # port ca user: messages in INBOX
    python3 - "$1" "$2" "$3" "$password" <<'PY'
import imaplib, ssl, sys
port, ca, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
ctx = ssl.create_default_context(cafile=ca); ctx.check_hostname = False
m = imaplib.IMAP4_SSL("127.0.0.1", port, ssl_context=ctx); m.login(user, password)
print(m.status("INBOX", "(MESSAGES)")[1][0].decode().split("MESSAGES ")[1].rstrip(")"))
PY
}
# Dovecot indexes the Maildir before either run, so neither pays for it.
echo "old server: $(count "$old_port" "$work/old/cert.pem" "old@$domain") messages"

# Dovecot -> Dovecot: mbsync with the channel settings the CLI writes (PipelineDepth as MbsyncConfig's).
printf '%s' "$password" > "$work/password"; chmod 600 "$work/password"
mkdir -p "$work/state"
cat > "$work/mbsyncrc" <<CONF
IMAPAccount old
Host localhost
Port $old_port
User old@$domain
PassCmd "cat '$work/password'"
SSLType IMAPS
CertificateFile $work/old/cert.pem

IMAPStore old
Account old

IMAPAccount copy
Host localhost
Port $copy_port
User copy@$domain
PassCmd "cat '$work/password'"
SSLType IMAPS
CertificateFile $work/copy/cert.pem
AuthMechs LOGIN
PipelineDepth 16

IMAPStore copy
Account copy

Channel migrate
Far :old:
Near :copy:
Patterns *
Create Near
Remove None
Expunge None
Sync Pull New Flags
CopyArrivalDate yes
SyncState $work/state/
CONF
echo "== Dovecot -> Dovecot (mbsync)"
t0=$(date +%s.%N)
mbsync -q -c "$work/mbsyncrc" migrate
t1=$(date +%s.%N)
dovecot_count="$(count "$copy_port" "$work/copy/cert.pem" "copy@$domain")"

echo "== Dovecot -> CongVu (./congvu migrate)"
printf 'uid,login,password\n%s,old@%s,%s\n' "$official" "$domain" "$password" > "$work/officials.csv"
t2=$(date +%s.%N)
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$SERVER_LIB/*" vn.congvu.mail.migration.MigrateCommand \
    "$work/officials.csv" --from "imaps://localhost:$old_port" --from-ca "$work/old/cert.pem" --report "$work/report.txt" \
    | grep -v '^progress' | sed 's/^/    /'
t3=$(date +%s.%N)
ours_count="$(count "$CONGVU_IMAPS_PORT" "$CA" "$official@$domain")"
echo "machine after: $(uptime | sed 's/.*load/load/')"

python3 - "$messages" "$t0" "$t1" "$t2" "$t3" "$dovecot_count" "$ours_count" <<'PY'
import sys
n = int(sys.argv[1]); t0, t1, t2, t3 = map(float, sys.argv[2:6]); dc, oc = int(sys.argv[6]), int(sys.argv[7])
d, o = n / (t1 - t0), n / (t3 - t2)
print("Dovecot -> Dovecot  %6d messages in %6.1f s: %6.1f msg/s" % (dc, t1 - t0, d))
print("Dovecot -> CongVu   %6d messages in %6.1f s: %6.1f msg/s" % (oc, t3 - t2, o))
print("ratio ours/Dovecot: %.2f (target >= 0.5)" % (o / d))
if dc != n or oc != n:
    print("MISSING MESSAGES: expected %d on both targets" % n); sys.exit(1)
PY
