"""Python's standard mail clients against the CongVu mail server, verifying the server certificate.

Usage: mail_clients.py CA_PEM SUBMISSION_PORT SMTPS_PORT IMAP_PORT IMAPS_PORT SENDER RECIPIENT PASSWORD
Exits non-zero with a message on the first failure.
"""
import email.message
import email.policy
import imaplib
import smtplib
import ssl
import sys
import time



def close(imap):
    """LOGOUT; James 3.8.1 sometimes closes the TLS connection right after its BYE, before the tagged OK."""
    try:
        imap.logout()
    except imaplib.IMAP4.abort:
        pass


ca, submission, smtps, imap_port, imaps, sender, recipient, password = sys.argv[1:9]
context = ssl.create_default_context(cafile=ca)  # hostname 127.0.0.1 is in the certificate's SAN

subject = "Thông báo từ Python %d" % time.time_ns()
message = email.message.EmailMessage()
message["From"] = sender
message["To"] = recipient
message["Subject"] = subject
message.set_content("Nội dung thông báo.")

with smtplib.SMTP("127.0.0.1", int(submission), timeout=30) as smtp:
    smtp.starttls(context=context)
    smtp.login(sender, password)
    smtp.send_message(message)

with smtplib.SMTP_SSL("127.0.0.1", int(smtps), context=context, timeout=30) as smtp:
    smtp.login(sender, password)
    try:
        smtp.sendmail(recipient, [recipient], "Subject: spoof\r\n\r\nx\r\n")
        sys.exit("sending as someone else was accepted")
    except smtplib.SMTPSenderRefused:
        pass

imap = imaplib.IMAP4("127.0.0.1", int(imap_port), timeout=30)
imap.starttls(ssl_context=context)
imap.login(recipient, password)
close(imap)

deadline = time.time() + 60
found = []
while time.time() < deadline and not found:
    imap = imaplib.IMAP4_SSL("127.0.0.1", int(imaps), ssl_context=context, timeout=30)
    imap.login(recipient, password)
    imap.select("INBOX")
    imap.literal = subject.encode("utf-8")  # non-ASCII search text goes as a literal
    status, data = imap.uid("SEARCH", "CHARSET", "UTF-8", "SUBJECT")
    found = data[0].split()
    if found:
        status, fetched = imap.uid("FETCH", found[0], "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        header = email.message_from_bytes(fetched[0][1], policy=email.policy.default)
        if header["Subject"] != subject:
            sys.exit("subject came back as %r" % header["Subject"])
        imap.uid("STORE", found[0], "+FLAGS", "(\\Flagged)")
        status, flags = imap.uid("FETCH", found[0], "(FLAGS)")
        if b"\\Flagged" not in flags[0]:
            sys.exit("flag not stored: %r" % flags)
    close(imap)
    time.sleep(0.3)
if not found:
    sys.exit("message never arrived")
print("python clients ok")
