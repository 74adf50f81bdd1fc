#!/usr/bin/env python3
"""Sends directive mails over submission and reads, in the SMSC peer's log, when each alert's submit_sm arrived.

Per round: the time from the end of DATA (the moment the client has sent the final ".") to the first recipient's
submit_sm and to each of the N. Not from the 250: the mail server processes a mail before it answers DATA, alerts
included, so its 250 can come after the first submit_sm. The round ends when all N arrived and the mail server's
spool is empty (every mailbox delivery done), so rounds do not overlap. Prints every figure next to its target."""
import argparse
import datetime, glob, json, os, smtplib, ssl, sys, time, urllib.request
from email.message import EmailMessage
from email.utils import make_msgid


class TimedSMTP(smtplib.SMTP):
    """Notes when the last bytes of DATA, the final ".", were handed to the connection."""
    data_sent = None

    def send(self, s):
        super().send(s)
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.data_sent = time.time()


def submits(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if '"submit_sm"' in line:
                out.append(json.loads(line))
    return out


def spool_size(webadmin_port):
    with urllib.request.urlopen("http://127.0.0.1:%d/mailQueues/spool" % webadmin_port, timeout=10) as r:
        return json.load(r)["size"]


def stored_at(audit_dir, message_id):
    """When the gateway stored the alerts of this mail (its record in the audit trail), as epoch seconds; None if
    not found."""
    for path in sorted(glob.glob(os.path.join(audit_dir, "audit-*-gateway.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if (record.get("action") == "directive-alerted" and record.get("subject", "").startswith("notice ")
                        and record.get("detail", "").startswith("message " + message_id)):
                    return datetime.datetime.fromisoformat(record["at"].replace("Z", "+00:00")).timestamp()
    return None


def percentile(values, p):
    """Nearest rank."""
    v = sorted(values)
    return v[max(0, min(len(v) - 1, int(-(-p * len(v) // 100)) - 1))]


def main():
    a = argparse.ArgumentParser()
    for name in ("--user", "--password", "--to", "--peer-log", "--cafile", "--audit-dir"):
        a.add_argument(name, required=True)
    for name in ("--smtp-port", "--webadmin-port", "--recipients", "--rounds", "--tps"):
        a.add_argument(name, type=int, required=True)
    a.add_argument("--warmup", type=int, default=1)
    args = a.parse_args()
    tls = ssl.create_default_context(cafile=args.cafile)
    n = args.recipients

    state = {"seen": len(submits(args.peer_log))}
    stages = []

    def one_round(label):
        msg = EmailMessage()
        msg["From"] = args.user
        msg["To"] = args.to
        msg["Subject"] = "[HỎA TỐC] [CHỈ ĐẠO] Đo thời gian cảnh báo, %s" % label
        msg["Message-ID"] = make_msgid(label.replace(" ", "-"), domain=args.user.split("@")[1])
        msg.set_content("Văn bản chỉ đạo thử nghiệm (bench/directive.sh).\n")
        with TimedSMTP("127.0.0.1", args.smtp_port, timeout=120) as smtp:
            smtp.starttls(context=tls)
            smtp.login(args.user, args.password)
            smtp.send_message(msg)
            t250 = time.time()  # send_message returns on the 250 that ends DATA
            t0 = smtp.data_sent
        deadline = t0 + 120
        while True:
            got = submits(args.peer_log)[state["seen"]:]
            if len(got) >= n or time.time() > deadline:
                break
            time.sleep(0.05)
        if len(got) < n:
            sys.exit("%s: only %d of %d alerts reached the SMSC within 120 s" % (label, len(got), n))
        while spool_size(args.webadmin_port) > 0 and time.time() < deadline:
            time.sleep(0.2)
        time.sleep(1)  # a duplicate would show now
        got = submits(args.peer_log)[state["seen"]:]
        state["seen"] += len(got)
        dests = {s["dest"] for s in got}
        if len(got) != n or len(dests) != n:
            sys.exit("%s: %d submit_sm to %d numbers, expected exactly one to each of %d" % (label, len(got), len(dests), n))
        lat = sorted(s["t"] / 1000.0 - t0 for s in got)
        stored = stored_at(args.audit_dir, msg["Message-ID"])
        where = "" if stored is None else ", alerts stored by the gateway after %.3f s" % (stored - t0)
        print("%-10s first %.3f s, p50 %.3f s, p99 %.3f s, all %d in %.3f s (250 after %.3f s%s)"
              % (label + ":", lat[0], percentile(lat, 50), percentile(lat, 99), n, lat[-1], t250 - t0, where))
        stages.append(stored - t0 if stored is not None else None)
        return lat

    print("directive alert latency: %d recipients, TPS limit %d, %d round(s) after %d warm-up; from the end of DATA "
          "(the client's final \".\") to each submit_sm at the npm SMSC" % (n, args.tps, args.rounds, args.warmup))
    for w in range(1, args.warmup + 1):
        one_round("warm-up %d" % w)  # the first directive after start: JIT, LDAP and HTTP connections; not counted
    firsts, alls, every = [], [], []
    for r in range(1, args.rounds + 1):
        lat = one_round("round %d" % r)
        firsts.append(lat[0])
        alls.append(lat[-1])
        every.extend(lat)

    def verdict(ok):
        return "met" if ok else "NOT met"
    print()
    print("first recipient      p50 %6.3f s  p99 %6.3f s   target p99 < 2 s: %s"
          % (percentile(firsts, 50), percentile(firsts, 99), verdict(percentile(firsts, 99) < 2)))
    print("every recipient      p50 %6.3f s  p99 %6.3f s   (%d alerts)" % (percentile(every, 50), percentile(every, 99), len(every)))
    print("all %d submitted    p50 %6.3f s  max %6.3f s   target < 5 s: %s"
          % (n, percentile(alls, 50), max(alls), verdict(max(alls) < 5)))
    print("(%d submits at %d TPS need at least %.2f s)" % (n, args.tps, n / float(args.tps)))
    counted = [x for x in stages[args.warmup:] if x is not None]
    if counted:
        print("where the first recipient's time goes: end of DATA -> alerts stored in the gateway p50 %.3f s "
              "(mail server: group expansion, directive mailet, hand-over), the rest in the gateway"
              % percentile(counted, 50))


if __name__ == "__main__":
    main()
