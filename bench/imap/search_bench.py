"""IMAP SEARCH bench client (issue 25): the same seeded Vietnamese mailbox in any IMAP server, then SEARCH timings.

  search_bench.py fill    --port P --ca CA --user U --password-file F --count N [--sessions S] [--seed 25]
                          [--smtp HOST:PORT | --lmtp HOST:PORT]
  search_bench.py measure --port P --ca CA --user U --password-file F [--rounds R]

fill delivers N messages (about 20 KB of text each: Vietnamese subjects and bodies, a third base64, a third
quoted-printable, some text/html, RFC 2047 names and subjects) to INBOX from S sessions, by SMTP or LMTP when
given, else by APPEND; the same seed gives the same messages. measure runs each query of QUERIES R times (round-robin over the kinds, first round not counted:
it warms the server's caches and, on ours, waits for the index to catch up) and prints one JSON line:
{kind: {"p50_ms", "p99_ms", "hits": {query: count}}}.
"""
import argparse
import base64
import email.header
import imaplib
import json
import quopri
import random
import smtplib
import ssl
import sys
import textwrap
import threading
import time

WORDS = ("công văn chỉ đạo báo cáo tình hình sạt lở đất ngập úng mưa lớn lũ quét khẩn trương di dời dân cư "
         "khu vực nguy hiểm Ủy ban nhân dân tỉnh huyện xã phường Đảng ủy Ban Thường vụ Tỉnh ủy Hội đồng "
         "nhân dân triển khai thực hiện kế hoạch phòng chống thiên tai tìm kiếm cứu nạn năm nay quý "
         "tháng tuần đề nghị các cơ quan đơn vị địa phương nghiêm túc phối hợp chặt chẽ kịp thời "
         "thông tin tuyên truyền người dân chủ động ứng phó bảo đảm an toàn tính mạng tài sản nhà nước "
         "kinh phí hỗ trợ khắc phục hậu quả giao thông thủy lợi điện lực y tế giáo dục nông nghiệp "
         "môi trường tài nguyên quốc phòng an ninh trật tự xã hội đường dây nóng trực ban").split()
PLACES = ["Quảng Nam", "Quảng Ngãi", "Thừa Thiên Huế", "Hà Giang", "Lào Cai", "Yên Bái", "Nghệ An", "Hà Tĩnh",
          "Quảng Bình", "Đà Nẵng", "Cao Bằng", "Sơn La"]
TOPICS = ["phòng chống sạt lở", "khắc phục hậu quả mưa lũ", "bảo đảm an toàn hồ đập", "tổ chức trực ban",
          "di dời dân khỏi vùng nguy hiểm", "kiểm tra công tác chuẩn bị", "hỗ trợ người dân bị ảnh hưởng"]
KINDS = ["Chỉ đạo về", "Báo cáo", "Công văn", "Thông báo", "Kế hoạch", "Giấy mời họp"]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Đặng Thị Giang",
         "Vũ Văn Hải", "Bùi Thị Lan", "Đỗ Văn Minh", "Ngô Thị Nga"]
# Queries as officials type them, with diacritics (both servers: a case-insensitive substring) and without.
QUERIES = {
    "SUBJECT": ["Chỉ đạo", "Đảng ủy", "số 1234", "chi dao"],
    "BODY": ["sạt lở", "kịp thời", "Ban Thường vụ Tỉnh ủy", "sat lo"],
    "TEXT": ["Đảng ủy", "hồ đập", "dang uy"],
    "FROM": ["Nguyễn", "giang", "nguyen van an"],
}


def message(number, rng):
    name = rng.choice(NAMES)
    subject = "%s %s tại %s (số %d)" % (rng.choice(KINDS), rng.choice(TOPICS), rng.choice(PLACES), number)
    paragraphs = []
    size = 0
    while size < 20000:
        paragraph = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120)))
        paragraph = paragraph[0].upper() + paragraph[1:] + "."
        paragraphs.append(paragraph)
        size += len(paragraph.encode("utf-8")) + 2
    # lines within SMTP's 1,000 octets
    wrapped = ["\r\n".join(textwrap.wrap(p, 76)) for p in paragraphs]
    text = "\r\n\r\n".join(wrapped)
    style = number % 3
    html = number % 5 == 0
    if html:
        text = "<html><body>\r\n" + "\r\n".join("<p>%s</p>" % p for p in wrapped) + "\r\n</body></html>"
    octets = text.encode("utf-8")
    if style == 0:
        encoding, body = "base64", base64.encodebytes(octets).decode("ascii").replace("\n", "\r\n")
    elif style == 1:
        encoding, body = "quoted-printable", quopri.encodestring(octets.replace(b"\r\n", b"\n")).decode("ascii").replace("\n", "\r\n")
    else:
        encoding, body = "8bit", text
    local = "user%d" % NAMES.index(name)
    head = ("From: %s <%s@example.gov.vn>\r\nTo: Ban Chỉ huy <bch@example.gov.vn>\r\nSubject: %s\r\n"
            "Date: Mon, %d Jan 2024 08:%02d:00 +0700\r\nMessage-ID: <%d.bench@example.gov.vn>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/%s; charset=utf-8\r\nContent-Transfer-Encoding: %s\r\n\r\n"
            % (email.header.Header(name, "utf-8").encode(linesep="\r\n"), local, email.header.Header(subject, "utf-8").encode(linesep="\r\n"),
               1 + number % 28, number % 60, number, "html" if html else "plain", encoding))
    return (head + body + "\r\n").encode("utf-8")


def connect(args):
    context = ssl.create_default_context(cafile=args.ca)
    imap = imaplib.IMAP4_SSL("127.0.0.1", args.port, ssl_context=context, timeout=600)
    with open(args.password_file) as f:
        imap.login(args.user, f.read().strip())
    return imap


def fill(args):
    failures = []
    started = time.time()

    def session(numbers):
        try:
            if args.smtp or args.lmtp:
                host, port = (args.smtp or args.lmtp).rsplit(":", 1)
                client = smtplib.SMTP(host, int(port), timeout=600) if args.smtp else smtplib.LMTP(host, int(port), timeout=600)
                client.ehlo() if args.smtp else client.ehlo_or_helo_if_needed()
                for number in numbers:
                    refused = client.sendmail("sender@example.net", [args.user],
                                              message(number, random.Random(args.seed * 1000003 + number)))
                    if refused:
                        raise RuntimeError("message %d refused: %s" % (number, refused))
                client.quit()
                return
            imap = connect(args)
            for number in numbers:
                status, data = imap.append("INBOX", None, None, message(number, random.Random(args.seed * 1000003 + number)))
                if status != "OK":
                    raise RuntimeError("APPEND %d: %s %s" % (number, status, data))
            imap.logout()
        except Exception as e:  # reported by the main thread
            failures.append(repr(e))

    threads = [threading.Thread(target=session, args=(range(s, args.count, args.sessions),)) for s in range(args.sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        sys.exit("fill failed: %s" % failures[:3])
    seconds = time.time() - started
    print(json.dumps({"messages": args.count, "seconds": round(seconds, 1), "per_s": round(args.count / seconds, 1)}))


def search(imap, kind, query):
    imap.literal = query.encode("utf-8")
    started = time.perf_counter()
    status, data = imap.uid("SEARCH", "CHARSET", "UTF-8", kind)
    elapsed = (time.perf_counter() - started) * 1000
    if status != "OK":
        raise RuntimeError("SEARCH %s %s: %s" % (kind, query, data))
    return elapsed, len(data[0].split())


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(args):
    imap = connect(args)
    imap.select("INBOX")
    started = time.perf_counter()
    first, _ = search(imap, "SUBJECT", "khởi động")
    result = {"first_search_ms": round(first, 1)}
    times = {kind: [] for kind in QUERIES}
    hits = {kind: {} for kind in QUERIES}
    for round_number in range(args.rounds + 1):
        for kind, queries in QUERIES.items():
            for query in queries:
                elapsed, count = search(imap, kind, query)
                hits[kind][query] = count
                if round_number > 0:
                    times[kind].append(elapsed)
    for kind in QUERIES:
        result[kind] = {"p50_ms": round(percentile(times[kind], 50), 1), "p99_ms": round(percentile(times[kind], 99), 1),
                        "samples": len(times[kind]), "hits": hits[kind]}
    result["seconds"] = round(time.perf_counter() - started, 1)
    imap.logout()
    print(json.dumps(result, ensure_ascii=False))


parser = argparse.ArgumentParser()
parser.add_argument("action", choices=["fill", "measure", "sample"])
parser.add_argument("--port", type=int)
parser.add_argument("--ca")
parser.add_argument("--user")
parser.add_argument("--password-file")
parser.add_argument("--count", type=int, default=20000)
parser.add_argument("--sessions", type=int, default=4)
parser.add_argument("--seed", type=int, default=25)
parser.add_argument("--rounds", type=int, default=5)
parser.add_argument("--smtp")
parser.add_argument("--lmtp")
arguments = parser.parse_args()
if arguments.action == "fill":
    fill(arguments)
elif arguments.action == "measure":
    measure(arguments)
else:
    sys.stdout.buffer.write(message(arguments.count, random.Random(arguments.seed * 1000003 + arguments.count)))
