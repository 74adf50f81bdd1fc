"""Python's poplib against the CongVu mail server's POP3 ports, verifying the server certificate.

Usage: pop3_client.py CA_PEM POP3_PORT POP3S_PORT USER PASSWORD MUST_CHANGE_USER MUST_CHANGE_PASSWORD SUBJECT...
The official USER holds exactly the messages whose subjects are given. The script checks: no USER before TLS
(and none offered by CAPA), STLS then USER/PASS, STAT/LIST/UIDL/TOP/RETR, DELE of the first message kept after QUIT,
POP3S with the rest, a wrong password and a password that must first be changed refused with [AUTH].
Prints one line: "deleted <subject>" and then "pop3 ok"; exits non-zero with a message on the first failure.
"""
import email
import email.policy
import poplib
import ssl
import sys

ca, plain_port, tls_port, user, password, must_change, must_change_password = sys.argv[1:8]
subjects = sys.argv[8:]
context = ssl.create_default_context(cafile=ca)  # 127.0.0.1 is in the certificate's SAN


def fail(why):
    sys.exit(why)


def subject_of(lines):
    message = email.message_from_bytes(b"\r\n".join(lines), policy=email.policy.default)
    return str(message["Subject"])


def refused(pop, login, secret):
    pop.user(login)
    try:
        pop.pass_(secret)
    except poplib.error_proto as e:
        return e.args[0].decode()
    fail("%s was let in with a wrong or unusable password" % login)


pop = poplib.POP3("127.0.0.1", int(plain_port), timeout=30)
if not pop.getwelcome().startswith(b"+OK") or b"JAMES" in pop.getwelcome().upper():
    fail("greeting names the software: %r" % pop.getwelcome())
capa = pop.capa()
if "STLS" not in capa or "USER" in capa:
    fail("before TLS CAPA must offer STLS and not USER: %r" % capa)
try:
    pop.user(user)
    fail("USER accepted before TLS")
except poplib.error_proto as e:
    if b"[AUTH]" not in e.args[0]:
        fail("USER before TLS: %r" % e.args[0])
pop.stls(context=context)
if "USER" not in pop.capa():
    fail("after STLS CAPA must offer USER")
pop.user(user)
pop.pass_(password)
count, size = pop.stat()
if count != len(subjects):
    fail("STAT says %d messages, %d were delivered" % (count, len(subjects)))
listed = pop.list()[1]
uidls = [line.split()[1] for line in pop.uidl()[1]]
if len(listed) != count or len(set(uidls)) != count:
    fail("LIST %r / UIDL %r do not match STAT %d" % (listed, uidls, count))
seen = []
for number in range(1, count + 1):
    top = pop.top(number, 0)[1]
    whole = pop.retr(number)[1]
    if subject_of(top) != subject_of(whole):
        fail("TOP and RETR of %d disagree" % number)
    seen.append(subject_of(whole))
if sorted(seen) != sorted(subjects):
    fail("RETR gave %r, expected %r" % (seen, subjects))
deleted = seen[0]
pop.dele(1)
pop.quit()

pop = poplib.POP3_SSL("127.0.0.1", int(tls_port), context=context, timeout=30)
pop.user(user)
pop.pass_(password)
left = [line.split()[1] for line in pop.uidl()[1]]
if left != uidls[1:]:
    fail("after DELE and QUIT the UIDs are %r, expected %r" % (left, uidls[1:]))
pop.quit()

pop = poplib.POP3_SSL("127.0.0.1", int(tls_port), context=context, timeout=30)
wrong = refused(pop, user, password + "-sai")
if not wrong.startswith("-ERR [AUTH]"):
    fail("wrong password answered %r" % wrong)
change = refused(pop, must_change, must_change_password)
if not change.startswith("-ERR [AUTH]") or change == wrong:
    fail("a password to change must say so, not %r" % change)
print(change)
pop.quit()
print("deleted " + deleted)
print("pop3 ok")
