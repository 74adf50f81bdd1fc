#!/usr/bin/env python3
"""Mail server load: SMTP delivery throughput, then IMAP LOGIN+SELECT and FETCH latency.

Against a running server (ports as arguments). Prints one line per figure.
  mail_bench.py --smtp 2587 --imaps 2993 --user a@x --password p --messages 10000 --mailbox 20000
Delivery: 8 clients, STARTTLS + AUTH once per connection, 20 KB messages to the user itself;
messages/s counted until all are visible over IMAP (--warmup N: N more before, printed as the cold figure). Then the INBOX is filled up to --mailbox messages
(not timed) for LOGIN+SELECT and FETCH: 50 concurrent IMAPS sessions fetching random messages
(headers + 1 KB of body), by fetch_load.py (sessions spread over client processes).
Baseline (Postfix): --plain (no TLS, no AUTH) --maildir DIR (count what is in DIR/new and DIR/cur)
--delivery-only.
"""
import argparse
import concurrent.futures
import imaplib
import os
import random
import smtplib
import socket
import ssl
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--host", default="127.0.0.1")
parser.add_argument("--smtp", type=int, required=True)
parser.add_argument("--imaps", type=int)
parser.add_argument("--user", default="bench@example.gov.vn")
parser.add_argument("--password")
parser.add_argument("--messages", type=int, default=10000)
parser.add_argument("--mailbox", type=int, default=0, help="INBOX size for SELECT/FETCH (topped up, not timed)")
parser.add_argument("--plain", action="store_true", help="no STARTTLS, no AUTH")
parser.add_argument("--maildir", help="count delivered messages in this Maildir instead of over IMAP")
parser.add_argument("--delivery-only", action="store_true")
parser.add_argument("--warmup", type=int, default=0,
                    help="first deliver this many messages the same way, timed and printed as the cold figure")
parser.add_argument("--prefix", default="", help="prefix of the printed figure names")
parser.add_argument("--clients", type=int, default=8)
parser.add_argument("--sessions", type=int, default=50)
parser.add_argument("--fetches", type=int, default=200, help="timed FETCH commands per session")
parser.add_argument("--fetch-processes", type=int, default=int(os.environ.get("FETCH_PROCESSES", "1")),
                    help="client processes sharing the FETCH sessions (fetch_load.py)")
parser.add_argument("--server-pid", type=int, help="report the server's CPU time per FETCH (Linux /proc)")
parser.add_argument("--fetch-client", default=os.environ.get("FETCH_CLIENT", "lean"), choices=("lean", "imaplib"))
parser.add_argument("--cafile", help="trust this certificate (default: no verification)")
args = parser.parse_args()

if args.cafile:
    context = ssl.create_default_context(cafile=args.cafile)
else:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE

BODY = ("Noi dung van ban chi dao ve viec trien khai ke hoach cong tac nam 2026.\r\n" * 300)[:20000]


def imap():
    connection = imaplib.IMAP4_SSL(args.host, args.imaps, ssl_context=context, timeout=120)
    connection.login(args.user, args.password)
    return connection


def logout(connection):
    """James 3.8.1 may close the TLS connection right after its BYE, before the tagged OK."""
    try:
        connection.logout()
    except imaplib.IMAP4.abort:
        pass


def count():
    if args.maildir:
        return sum(len(os.listdir(os.path.join(args.maildir, sub)))
                   for sub in ("new", "cur") if os.path.isdir(os.path.join(args.maildir, sub)))
    connection = imap()
    status, data = connection.status("INBOX", "(MESSAGES)")
    logout(connection)
    return int(data[0].split()[-1].strip(b")"))


def send(messages):
    """8 clients, one connection each, sending `messages` between them."""
    def sender(index):
        smtp = smtplib.SMTP(args.host, args.smtp, timeout=120)
        if not args.plain:
            smtp.starttls(context=context)
            smtp.login(args.user, args.password)
        # Without it, over TLS the last record of each message waited for the server's delayed ACK (Nagle):
        # ~40 ms per message per connection, which capped Postfix and us alike at ~160 msg/s with 8 clients.
        smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for number in range(index, messages, args.clients):
            smtp.sendmail(args.user, [args.user],
                          "From: %s\r\nTo: %s\r\nSubject: bench %d\r\nMessage-ID: <bench-%d-%f@bench>\r\n\r\n%s"
                          % (args.user, args.user, number, number, time.time(), BODY))
        smtp.quit()

    with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
        list(pool.map(sender, range(args.clients)))


def await_count(expected):
    while count() < expected:
        time.sleep(0.5)


def timed_delivery(messages):
    """(accepted/s, delivered/s) of `messages` sent by the clients, delivered = all visible over IMAP."""
    before = count()
    start = time.time()
    send(messages)
    accepted = time.time()
    await_count(before + messages)
    delivered = time.time()
    return messages / (accepted - start), messages / (delivered - start), before + messages


if args.warmup:
    # A fresh JVM runs its first thousands of messages interpreted and compiles them meanwhile: the same load on
    # the same account first, printed as the cold figure, then the timed run on the warm server.
    accepted_per_s, delivered_per_s, _ = timed_delivery(args.warmup)
    print("%scold_smtp_accepted_per_s %.0f" % (args.prefix, accepted_per_s))
    print("%scold_delivered_per_s %.0f" % (args.prefix, delivered_per_s), flush=True)
accepted_per_s, delivered_per_s, stored = timed_delivery(args.messages)
print("%ssmtp_accepted_per_s %.0f" % (args.prefix, accepted_per_s))
print("%sdelivered_per_s %.0f" % (args.prefix, delivered_per_s), flush=True)
if args.delivery_only:
    raise SystemExit(0)

total = max(stored, args.mailbox)
if total > stored:
    send(total - stored)
    await_count(total)

for label in ("first", "second"):
    t0 = time.time()
    connection = imap()
    typ, data = connection.select("INBOX")
    t1 = time.time()
    logout(connection)
    print("login_select_%s_s %.2f (%s messages)" % (label, t1 - t0, data[0].decode()), flush=True)

# FETCH latency: fetch_load.py (50 sessions spread over client processes, see there), the same load the
# Dovecot baseline of mail-bench.sh gets.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fetch_load  # noqa: E402

load = fetch_load.options(["--host", args.host, "--port", str(args.imaps), "--user", args.user,
                           "--password", args.password, "--sessions", str(args.sessions),
                           "--fetches", str(args.fetches), "--processes", str(args.fetch_processes),
                           "--client", args.fetch_client])


def server_cpu_s():
    """CPU time (user + system) the server process has used so far, from /proc (Linux)."""
    with open("/proc/%d/stat" % args.server_pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


fetch_load.warm_up(load)
cpu = []
latencies, wall = fetch_load.run(load, on_start=(lambda: cpu.append(server_cpu_s())) if args.server_pid else None)
fetch_load.report(load, latencies, wall)
if args.server_pid:
    # from the moment all 50 sessions have their mailbox selected to the last LOGOUT, per FETCH
    print("server_cpu_ms_per_fetch %.2f" % (1000 * (server_cpu_s() - cpu[0]) / len(latencies)))
