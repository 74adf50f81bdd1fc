"""IMAP SEARCH with Python's imaplib (and smtplib for arrivals) against the CongVu mail server over TLS.

Usage: imap_search.py MODE CA_PEM SUBMISSION_PORT IMAPS_PORT USER SENDER PASSWORD
MODE: fill (a mailbox of Vietnamese messages, each found by SEARCH right after its APPEND),
      check (the searches below, exact answers), arrive (APPEND, SMTP, EXPUNGE then SEARCH at once).
Prints "search MODE ok" at the end; exits non-zero with a message on the first wrong answer.
"""
import base64
import email.header
import imaplib
import quopri
import smtplib
import ssl
import sys
import time
import unicodedata

mode, ca, submission, imaps, user, sender, password = sys.argv[1:8]
context = ssl.create_default_context(cafile=ca)
BOX = "Tim"


def connect():
    imap = imaplib.IMAP4_SSL("127.0.0.1", int(imaps), ssl_context=context, timeout=60)
    imap.login(user, password)
    return imap


def close(imap):
    try:
        imap.logout()
    except imaplib.IMAP4.abort:
        pass


def encoded(text):
    return email.header.Header(text, "utf-8").encode(linesep="\r\n")


def message(subject, sender_header, body_headers, body, date, extra=""):
    return ("From: %s\r\nTo: Ban Chỉ đạo <ban.chi.dao@example.gov.vn>\r\nSubject: %s\r\nDate: %s\r\n%s"
            "MIME-Version: 1.0\r\n%s\r\n%s\r\n" % (sender_header, subject, date, extra, body_headers, body)).encode("utf-8")


def b64(text, charset="utf-8"):
    return base64.encodebytes(text.encode(charset)).decode("ascii").replace("\n", "\r\n")


def qp(octets):
    return quopri.encodestring(octets).decode("ascii").replace("\n", "\r\n")


def cp1258(text):
    """windows-1258 writes most Vietnamese letters as a base letter and a combining tone mark."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        marks = unicodedata.normalize("NFD", char)
        for at in range(1, len(marks)):
            base = unicodedata.normalize("NFC", marks[:at] + marks[at + 1:])
            try:
                out += base.encode("cp1258") + marks[at].encode("cp1258")
                break
            except UnicodeEncodeError:
                pass
        else:
            raise UnicodeEncodeError("cp1258", char, 0, 1, "no base and mark")
    return out


MESSAGES = [
    message(encoded("Chỉ đạo về phòng chống sạt lở"), encoded("Nguyễn Văn An") + " <an@example.gov.vn>",
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n",
            b64("Đề nghị Đảng ủy các xã khẩn trương di dời dân khỏi vùng sạt lở đất."),
            "Tue, 02 Jan 2024 08:00:00 +0700"),
    message(encoded("Báo cáo tình hình lũ lụt"), "binh@example.gov.vn",
            "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n",
            qp("<p>Mưa lớn gây <b>ngập</b> úng tại Quảng Nam</p>".encode("utf-8")),
            "Fri, 05 Jan 2024 08:00:00 +0700"),
    message("chi dao", "chanh.van.phong@example.gov.vn",
            "Content-Type: text/plain; charset=us-ascii\r\n",
            "Noi dung khong dau: sat lo dat", "Wed, 10 Jan 2024 08:00:00 +0700"),
    message(encoded(unicodedata.normalize("NFD", "Thông báo của Đảng ủy")), "vp@example.gov.vn",
            "Content-Type: text/plain; charset=windows-1258\r\nContent-Transfer-Encoding: quoted-printable\r\n",
            qp(cp1258("Họp Ban Thường vụ mở rộng")), "Mon, 15 Jan 2024 08:00:00 +0700",
            "X-Muc-Do: " + encoded("Khẩn") + "\r\n"),
    message(encoded("Công văn số 12"), "an@example.gov.vn",
            "Content-Type: multipart/mixed; boundary=ranh-gioi\r\n",
            "--ranh-gioi\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nCaf\xe9 r\xe9union\r\n"
            "--ranh-gioi\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + b64("du lieu nhi phan") + "--ranh-gioi--", "Sat, 20 Jan 2024 08:00:00 +0700",
            "Cc: " + encoded("Trần Thị Bình") + " <binh@example.gov.vn>\r\n"),
]
# the ISO-8859-1 part of message 5 as its octets, not UTF-8
MESSAGES[4] = MESSAGES[4].replace("Café réunion".encode("utf-8"), "Café réunion".encode("iso-8859-1"))


def fail(text):
    sys.exit(text)


def uids(imap, *criteria, literal=None):
    imap.literal = literal.encode("utf-8") if literal is not None else None
    if literal is not None:
        status, data = imap.uid("SEARCH", "CHARSET", "UTF-8", *criteria)
    else:
        status, data = imap.uid("SEARCH", *criteria)
    if status != "OK":
        fail("SEARCH %s %s: %s %s" % (criteria, literal, status, data))
    return sorted(int(uid) for uid in data[0].split())


def expect(imap, wanted, *criteria, literal=None):
    got = uids(imap, *criteria, literal=literal)
    if got != wanted:
        fail("UID SEARCH %s %s found %s, not %s" % (" ".join(criteria), literal or "", got, wanted))


def numbers(imap, *criteria):
    status, data = imap.search(None, *criteria)
    if status != "OK":
        fail("SEARCH %s: %s" % (criteria, data))
    return sorted(int(number) for number in data[0].split())


def append(imap, octets):
    status, data = imap.append(BOX, None, None, octets)
    if status != "OK" or b"APPENDUID" not in data[0]:
        fail("APPEND: %s %s" % (status, data))
    return int(data[0].split()[2].rstrip(b"]"))


if mode == "fill":
    imap = connect()
    imap.create(BOX)
    imap.select(BOX)
    for number, octets in enumerate(MESSAGES, 1):
        uid = append(imap, octets)
        if uid != number:
            fail("APPEND gave UID %d for message %d" % (uid, number))
        imap.noop()
        expect(imap, list(range(1, number + 1)), "ALL")
    expect(imap, [1, 3], "SUBJECT", '"chi dao"')  # right after the last APPEND's tagged OK
    close(imap)

elif mode == "check":
    imap = connect()
    imap.select(BOX)
    expect(imap, [1, 3], "SUBJECT", '"chi dao"')
    expect(imap, [1, 3], "SUBJECT", '"CHI DAO"')
    expect(imap, [1], "SUBJECT", literal="Chỉ đạo")
    expect(imap, [1], "SUBJECT", literal="CHỈ ĐẠO")
    expect(imap, [1, 3], "BODY", '"sat lo"')
    expect(imap, [1], "BODY", literal="sạt lở")
    expect(imap, [1], "BODY", literal=unicodedata.normalize("NFD", "sạt lở"))
    expect(imap, [4], "SUBJECT", '"dang uy"')
    expect(imap, [4], "SUBJECT", literal="Đảng ủy")
    expect(imap, [1, 4], "TEXT", '"dang uy"')
    expect(imap, [1, 2, 3, 4, 5], "TO", '"ban chi dao"')
    expect(imap, [1], "FROM", '"nguyen van an"')
    expect(imap, [1, 5], "FROM", '"an@example"')
    expect(imap, [5], "CC", '"tran thi binh"')
    expect(imap, [], "BCC", '"an"')
    expect(imap, [2], "BODY", '"ngap ung"')
    expect(imap, [], "BODY", '"<b>"')
    expect(imap, [4], "BODY", '"hop ban thuong vu"')
    expect(imap, [4], "BODY", literal="Thường vụ")
    expect(imap, [5], "BODY", literal="Café")
    expect(imap, [5], "BODY", '"cafe reunion"')
    expect(imap, [], "BODY", '"nhi phan"')
    expect(imap, [4], "HEADER", "X-Muc-Do", '"khan"')
    expect(imap, [4], "HEADER", "X-Muc-Do", '""')
    expect(imap, [1, 3, 4], "SUBJECT", "d")
    expect(imap, [2, 5], "OR", "SUBJECT", '"lu lut"', "SUBJECT", '"so 12"')
    expect(imap, [2, 4, 5], "NOT", "SUBJECT", '"chi dao"')
    expect(imap, [2], "NOT", "OR", "SUBJECT", '"chi dao"', "OR", "FROM", "an@", "SUBJECT", "dang")
    expect(imap, [3], "SENTSINCE", "5-Jan-2024", "SUBJECT", '"chi dao"')
    expect(imap, [1], "SENTBEFORE", "3-Jan-2024", "BODY", '"sat lo"')
    expect(imap, [1], "UID", "1:2", "BODY", '"sat lo"')
    expect(imap, [], "SUBJECT", '"khong co"')
    if numbers(imap, "2:4", "SUBJECT", '"chi dao"') != [3]:
        fail("SEARCH 2:4 SUBJECT chi dao")
    if numbers(imap, "*", "TEXT", "an") != [5]:
        fail("SEARCH * TEXT an")
    imap.store("2", "+FLAGS", "(\\Seen)")
    expect(imap, [2], "SEEN", "TEXT", '"quang nam"')
    expect(imap, [], "UNSEEN", "TEXT", '"quang nam"')
    imap.store("2", "-FLAGS", "(\\Seen)")
    close(imap)

elif mode == "arrive":
    imap = connect()
    imap.select(BOX)
    uid = append(imap, message(encoded("Khẩn: di dời dân vùng lũ"), "an@example.gov.vn",
                               "Content-Type: text/plain; charset=utf-8\r\n", "Trước 17 giờ", "Mon, 22 Jan 2024 08:00:00 +0700"))
    expect(imap, [uid], "SUBJECT", '"di doi dan"')
    expect(imap, [uid], "BODY", literal="Trước 17")
    imap.uid("STORE", str(uid), "+FLAGS.SILENT", "(\\Deleted)")
    imap.expunge()
    expect(imap, [], "SUBJECT", '"di doi dan"')
    expect(imap, [], "BODY", '"truoc 17"')

    token = "ma%d" % time.time_ns()
    mail = ("From: %s\r\nTo: %s\r\nSubject: %s\r\nMIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n%s"
            % (sender, user, encoded("Cảnh báo sạt lở " + token), b64("Mức độ khẩn cấp " + token)))
    imap.select("INBOX")
    before = numbers(imap, "ALL")
    with smtplib.SMTP("127.0.0.1", int(submission), timeout=60) as smtp:
        smtp.starttls(context=context)
        smtp.login(sender, password)
        smtp.sendmail(sender, [user], mail.encode("ascii"))
    deadline = time.time() + 60
    while len(numbers(imap, "ALL")) == len(before):  # delivered: the mailbox has one more message
        if time.time() > deadline:
            fail("the message sent by SMTP did not arrive")
        imap.noop()
    if len(uids(imap, "SUBJECT", '"canh bao sat lo %s"' % token)) != 1:
        fail("the message that arrived by SMTP is not found by its subject")
    if len(uids(imap, "BODY", '"muc do khan cap %s"' % token)) != 1:
        fail("the message that arrived by SMTP is not found by its body")
    close(imap)

print("search %s ok" % mode)
