#!/usr/bin/env python3
"""APPEND load: SESSIONS imaplib sessions over IMAPS, each appending COUNT messages of about 2×SIZE bytes (Vietnamese
subject and text, UTF-8, quoted-printable) to one folder, one APPEND after another per session, every answer
checked (tagged OK with APPENDUID). Prints one JSON line: messages, seconds, msg_per_s, errors."""
import argparse, imaplib, json, quopri, ssl, sys, threading, time

WORDS = ("Chỉ đạo của Ủy ban nhân dân tỉnh về phòng chống sạt lở đất, Đảng ủy khối cơ quan, "
         "công văn đến, tổ chức thực hiện nghiêm túc, báo cáo kết quả trước ngày ").split()


def message(session, number, size):
    text = []
    length = 0
    i = number
    while length < size:
        word = WORDS[i % len(WORDS)]
        text.append(word)
        length += len(word.encode()) + 1
        i = i * 7 + 3
    body = quopri.encodestring(" ".join(text).encode()).decode("ascii")
    return ("From: Van thu <van.thu@example.gov.vn>\r\nTo: stress@example.gov.vn\r\n"
            "Subject: =?UTF-8?B?%s?=\r\nMessage-ID: <append-%d-%d@bench>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n%s\r\n"
            % (__import__("base64").b64encode(("Chỉ đạo số %d" % number).encode()).decode(), session, number,
               body.replace("\n", "\r\n"))).encode()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--ca", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--sessions", type=int, default=1)
    p.add_argument("--count", type=int, default=500, help="messages per session")
    p.add_argument("--size", type=int, default=10000)
    p.add_argument("--folder", default="INBOX")
    a = p.parse_args()
    ctx = ssl.create_default_context(cafile=a.ca)
    errors = []
    ready = threading.Barrier(a.sessions + 1)
    bodies = [[message(s, n, a.size) for n in range(a.count)] for s in range(a.sessions)]

    def run(s):
        try:
            c = imaplib.IMAP4_SSL("127.0.0.1", a.port, ssl_context=ctx)
            c.login(a.user, a.password)
        except Exception as e:  # the barrier still has to be met
            errors.append("login: %s" % e)
            ready.wait()
            return
        ready.wait()
        for body in bodies[s]:
            try:
                typ, data = c.append(a.folder, None, None, body)
                if typ != "OK" or b"APPENDUID" not in data[0]:
                    errors.append("%s %s" % (typ, data))
            except Exception as e:
                errors.append(str(e))
                return
        c.logout()

    threads = [threading.Thread(target=run, args=(s,)) for s in range(a.sessions)]
    for t in threads:
        t.start()
    ready.wait()
    start = time.monotonic()
    for t in threads:
        t.join()
    seconds = time.monotonic() - start
    done = a.sessions * a.count - len(errors)
    print(json.dumps({"sessions": a.sessions, "messages": done, "bytes": len(bodies[0][0]), "seconds": round(seconds, 3),
                      "msg_per_s": round(done / seconds, 1), "errors": len(errors), "first_errors": errors[:3]}))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
