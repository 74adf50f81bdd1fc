#!/usr/bin/env python3
"""APPEND until the server dies, then check what it kept (CrashRecoveryTest).

  append_crash.py append --port P --ca CA --user U --password-file F --sessions N --log LOG
      N imaplib sessions append numbered messages (1-60 KB, some with flags and an old internal date) to INBOX
      and to Sent until their connection breaks; LOG gets "SENT id" before each APPEND and "OK id" after its
      tagged OK, flushed at once.
  append_crash.py check --port P --ca CA --user U --password-file F --log LOG
      reads INBOX and Sent and prints one JSON line: every acknowledged message present once, byte for byte,
      with its flags and internal date; anything present that was never sent, or is not what was sent."""
import argparse, email.utils, hashlib, imaplib, json, re, ssl, sys, threading, time

FOLDERS = ("INBOX", "Sent")
OLD_DATE = '"01-Mar-2019 08:30:00 +0700"'


def folder_of(msg_id):
    return FOLDERS[int(msg_id.split("-")[0]) % 2]


def flags_of(msg_id):
    n = int(msg_id.split("-")[1])
    return ("\\Seen", "\\Flagged") if n % 3 == 0 else ()


def date_of(msg_id):
    return OLD_DATE if int(msg_id.split("-")[1]) % 4 == 0 else None


def content(msg_id):
    seed = int(hashlib.sha256(msg_id.encode()).hexdigest()[:8], 16)
    lines = 20 + seed % 800   # about 1 to 60 KB
    body = "".join("Dong %d cua thu %s: bao cao ket qua thuc hien chi dao %08x.\r\n" % (i, msg_id, seed ^ i)
                   for i in range(lines))
    return ("From: Van thu <van.thu@example.gov.vn>\r\nTo: official@example.gov.vn\r\n"
            "Subject: Crash %s\r\nMessage-ID: <%s@append-crash>\r\nDate: Mon, 07 Dec 2026 10:00:00 +0700\r\n"
            "\r\n%s" % (msg_id, msg_id, body)).encode()


def connect(a):
    c = imaplib.IMAP4_SSL("127.0.0.1", a.port, ssl_context=ssl.create_default_context(cafile=a.ca), timeout=60)
    c.login(a.user, open(a.password_file, encoding="utf-8").read().strip())
    return c


def append(a):
    log = open(a.log, "a", buffering=1, encoding="ascii")
    lock = threading.Lock()
    c = connect(a)
    for folder in FOLDERS[1:]:
        c.create(folder)
    c.logout()

    def write(line):
        with lock:
            log.write(line + "\n")
            log.flush()

    def run(s):
        try:
            c = connect(a)
        except Exception:
            return
        n = 0
        while True:
            msg_id = "%d-%d" % (s, n)
            flags = "(%s)" % " ".join(flags_of(msg_id)) if flags_of(msg_id) else None
            write("SENT " + msg_id)
            try:
                typ, data = c.append(folder_of(msg_id), flags, date_of(msg_id), content(msg_id))
            except Exception:
                return   # the server went away
            if typ == "OK":
                write("OK " + msg_id)
            else:
                write("NO %s %s" % (msg_id, data))
            n += 1

    threads = [threading.Thread(target=run, args=(s,)) for s in range(a.sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return 0


def check(a):
    sent, acknowledged = set(), set()
    for line in open(a.log, encoding="ascii"):
        kind, _, rest = line.strip().partition(" ")
        if kind == "SENT":
            sent.add(rest)
        elif kind == "OK":
            acknowledged.add(rest)
    c = connect(a)
    seen, problems = {}, []
    for folder in FOLDERS:
        typ, _ = c.select('"%s"' % folder, readonly=True)
        if typ != "OK":
            problems.append("cannot select %s" % folder)
            continue
        typ, data = c.uid("FETCH", "1:*", "(FLAGS INTERNALDATE BODY.PEEK[])")
        for item in data:
            if not isinstance(item, tuple):
                continue
            meta, raw = item[0].decode("ascii", "replace"), item[1]
            m = re.search(rb"Message-ID: <([0-9]+-[0-9]+)@append-crash>", raw)
            if not m:
                problems.append("%s: a message that was never sent: %r" % (folder, raw[:80]))
                continue
            msg_id = m.group(1).decode()
            seen[msg_id] = seen.get(msg_id, 0) + 1
            if msg_id not in sent:
                problems.append("%s: %s was never sent" % (folder, msg_id))
            if folder != folder_of(msg_id):
                problems.append("%s in %s, not in %s" % (msg_id, folder, folder_of(msg_id)))
            if raw != content(msg_id):
                problems.append("%s: %d octets, not the %d sent" % (msg_id, len(raw), len(content(msg_id))))
            flags = set(re.search(r"FLAGS \(([^)]*)\)", meta).group(1).split()) - {"\\Recent"}
            if flags != set(flags_of(msg_id)):
                problems.append("%s: flags %s, not %s" % (msg_id, sorted(flags), sorted(flags_of(msg_id))))
            if date_of(msg_id):
                internal = email.utils.parsedate_to_datetime(
                    re.search(r'INTERNALDATE "([^"]+)"', meta).group(1).replace("-", " ", 2))
                if internal.timestamp() != email.utils.parsedate_to_datetime("01 Mar 2019 08:30:00 +0700").timestamp():
                    problems.append("%s: internal date %s" % (msg_id, internal))
    c.logout()
    missing = sorted(acknowledged - set(seen))
    duplicated = sorted(m for m, count in seen.items() if count > 1)
    print(json.dumps({"sent": len(sent), "acknowledged": len(acknowledged), "present": len(seen),
                      "present_not_acknowledged": len(set(seen) - acknowledged), "missing": missing[:20],
                      "duplicated": duplicated[:20], "problems": problems[:20]}))
    return 1 if missing or duplicated or problems else 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=("append", "check"))
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--ca", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password-file", required=True)
    p.add_argument("--sessions", type=int, default=4)
    p.add_argument("--log", required=True)
    a = p.parse_args()
    return append(a) if a.mode == "append" else check(a)


if __name__ == "__main__":
    sys.exit(main())
