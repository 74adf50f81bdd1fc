#!/usr/bin/python3
"""Concurrent IMAP sessions of one user on one mailbox, every server response checked against a model.

N sessions (threads, Python's imaplib) of one account work on INBOX for a bounded time with a seeded
random mix of APPEND, STORE, EXPUNGE, COPY, MOVE, FETCH, SEARCH, NOOP, IDLE and CHECK (plain and UID
forms); a second mailbox takes copies and moves. Optional deliveries (SMTP or LMTP, smtplib) arrive
meanwhile. Each session keeps what the server told it (sequence number -> UID, announced keywords) and
checks every untagged response, in the order it arrived, against RFC 3501 / RFC 9051:

  exists-decrease        * n EXISTS below the count the session knows (only EXPUNGE may shrink it)
  expunge-unknown-seq    * n EXPUNGE with n outside 1..count
  expunge-during-<CMD>   * n EXPUNGE while answering FETCH, STORE or SEARCH (RFC 3501 7.4.1)
  expunge-no-command     * n EXPUNGE read before the next command was sent (RFC 3501 5.3)
  fetch-unknown-seq      * n FETCH with n > count (EXISTS must announce a message first)
  recent-beyond-exists   * n RECENT with n > count
  search-unknown-seq     * SEARCH (non-UID) naming a sequence number the session does not hold
  uid-mismatch           a FETCH's UID differs from the one known for that sequence number
  uid-order              UIDs not increasing with sequence numbers
  keyword-not-announced  a keyword in FETCH FLAGS never announced by FLAGS or PERMANENTFLAGS
  recent-twice           one message \\Recent in two sessions (checked at the end)
  content                a FETCHed Message-ID differs from the one APPENDed under that UID
  uidplus                APPENDUID / COPYUID malformed, or missing on an APPEND OK, or a UID given twice
  bad                    a tagged BAD (every command sent is well formed)
  uidvalidity            UIDVALIDITY changed during the run
  lost                   a message whose APPEND / COPY got OK is gone and no session was told (EXPUNGE)
  final-view             after the run, a session's view differs from the mailbox's UID list

A tagged NO is an error (counted with its text) except NO [EXPUNGEISSUED] (RFC 5530: another session
expunged a message the command names, and RFC 3501 lets a server refuse a FETCH/STORE/COPY of a message
it still has to report expunged; Dovecot answers so: "NO [EXPUNGEISSUED] Some of the requested messages
no longer exist"). Such NOs are counted apart (accepted_no). Connection failures, unexpected BYE and
failed deliveries are errors too. Every command and delivery is timed (send to tagged answer; IDLE
without its idle time); the longest wait is reported with its command.

The last line printed is one JSON object; the exit code is 0 only with no error and no violation
(--report-only: 0 whatever was found; 2 when the setup itself fails).

  imap_stress.py --port 993 --ca ca.pem --user u@example.gov.vn --password-file pw --sessions 10 \
      --seconds 30 --smtp 127.0.0.1:25 --reset      (--lmtp for Dovecot; --plain, --insecure; --trace FILE)
  imap_stress.py --self-test                        every check above fires on responses that break it
"""
import argparse
import collections
import imaplib
import json
import random
import re
import select
import smtplib
import ssl
import sys
import threading
import time

imaplib.Commands.setdefault("MOVE", ("SELECTED",))
imaplib.Commands.setdefault("IDLE", ("AUTH", "SELECTED"))
imaplib._MAXLINE = 10_000_000  # FETCH BODY[] of a batch can be long

SYSTEM_FLAGS = ["\\Seen", "\\Flagged", "\\Answered", "\\Draft", "\\Deleted"]
KEYWORDS = ["$Label1", "$Label2", "$Label3", "$Label4", "kw_a", "kw_b", "kw_c", "kw_d"]
NO_UNTAGGED_EXPUNGE = ("FETCH", "STORE", "SEARCH")  # non-UID forms, RFC 3501 7.4.1
MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(<[^>\r\n]*>)", re.I | re.M)


TRACE = None  # (file, lock) with --trace
TRACE_START = time.monotonic()


def trace(name, direction, line):
    if TRACE is not None:
        with TRACE[1]:
            TRACE[0].write("%9.3f %s %s %s\n" % (time.monotonic() - TRACE_START, name, direction,
                                                 line.decode("utf-8", "replace")))


class Report:
    """What all sessions found; thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.errors = []
        self.error_count = 0
        self.violations = []
        self.violation_count = 0
        self.by_kind = collections.Counter()
        self.examples = collections.defaultdict(list)  # kind -> first 3
        self.accepted_no = collections.Counter()
        self.commands = collections.Counter()
        self.times = collections.defaultdict(list)
        self.longest = (0.0, "")
        self.deliveries = 0
        # Durability: UIDs created in each mailbox (APPENDUID / COPYUID), their Message-IDs, and what sessions
        # were told was expunged (UIDs, or open intervals of UIDs when the session did not know the UID yet).
        self.created = collections.defaultdict(dict)  # mailbox -> uid -> (message-id or None, what)
        self.expunged = set()
        self.expunged_between = []
        self.message_ids = {}  # INBOX uid -> Message-ID
        self.recent = collections.defaultdict(set)  # uid -> sessions that saw it \Recent
        self.uidvalidity = {}
        self.checked = 0  # created messages checked at the end
        self.untagged = collections.Counter()

    def error(self, text):
        with self.lock:
            self.error_count += 1
            if len(self.errors) < 20:
                self.errors.append(text)

    def violation(self, kind, text):
        with self.lock:
            self.violation_count += 1
            self.by_kind[kind] += 1
            if len(self.violations) < 20:
                self.violations.append("%s: %s" % (kind, text))
            if len(self.examples[kind]) < 3:
                self.examples[kind].append(text)

    def timed(self, name, seconds, where):
        with self.lock:
            self.commands[name] += 1
            self.times[name].append(seconds)
            if seconds > self.longest[0]:
                self.longest = (seconds, where)


def imap_set(numbers):
    """1,2,3,7,9,10 -> '1:3,7,9:10'."""
    numbers = sorted(set(numbers))
    out, start, prev = [], None, None
    for n in numbers:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            out.append("%d" % start if start == prev else "%d:%d" % (start, prev))
            start = prev = n
    if start is not None:
        out.append("%d" % start if start == prev else "%d:%d" % (start, prev))
    return ",".join(out)


def parse_set(text):
    """'1:3,7' -> [1, 2, 3, 7] (for COPYUID; '*' is not valid there)."""
    out = []
    for part in text.split(","):
        if ":" in part:
            a, b = (int(x) for x in part.split(":"))
            out.extend(range(min(a, b), max(a, b) + 1))
        else:
            out.append(int(part))
    return out


def tokens(parts):
    """Tokens of an untagged response given as [line, literal, line, ...]: '(' ')' atoms (str), strings
    (quoted or literal, bytes), None for NIL. Atoms keep bracketed sections whole: BODY[HEADER.FIELDS (X)]."""
    out = []
    for index, part in enumerate(parts):
        if index % 2 == 1:
            out.append(bytes(part))
            continue
        s = part
        m = re.search(rb"\{\d+\+?\}$", s)
        if m and index + 1 < len(parts):
            s = s[:m.start()]
        i = 0
        while i < len(s):
            c = s[i:i + 1]
            if c == b" ":
                i += 1
            elif c in (b"(", b")"):
                out.append(c.decode())
                i += 1
            elif c == b'"':
                j, buf = i + 1, bytearray()
                while j < len(s) and s[j:j + 1] != b'"':
                    if s[j:j + 1] == b"\\":
                        j += 1
                    buf += s[j:j + 1]
                    j += 1
                out.append(bytes(buf))
                i = j + 1
            else:
                j, depth = i, 0
                while j < len(s):
                    ch = s[j:j + 1]
                    if ch == b"[":
                        depth += 1
                    elif ch == b"]":
                        depth -= 1
                    elif depth <= 0 and ch in (b" ", b"(", b")"):
                        break
                    j += 1
                atom = s[i:j].decode("utf-8", "replace")
                out.append(None if atom.upper() == "NIL" else atom)
                i = j
    return out


def nest(toks):
    """Flat tokens -> nested lists."""
    stack = [[]]
    for t in toks:
        if t == "(":
            stack.append([])
        elif t == ")":
            if len(stack) > 1:
                done = stack.pop()
                stack[-1].append(done)
        else:
            stack[-1].append(t)
    while len(stack) > 1:
        done = stack.pop()
        stack[-1].append(done)
    return stack[0]


def text_of(parts, limit=300):
    shown = b" ".join(p if i % 2 == 0 else b"{%d bytes}" % len(p) for i, p in enumerate(parts))
    shown = shown.decode("utf-8", "replace")
    return shown if len(shown) <= limit else shown[:limit] + "..."


class Msg:
    __slots__ = ("uid",)

    def __init__(self):
        self.uid = None


class Session(imaplib.IMAP4_SSL):
    """imaplib with every response recorded in order, checked against the session's model as it arrives."""

    def __init__(self, name, args, report, tls):
        self.init_model(name, args, report)
        self.plain = tls is None
        imaplib.IMAP4_SSL.__init__(self, args.host, args.port, ssl_context=tls, timeout=args.timeout)

    def init_model(self, name, args, report):
        self.name = name
        self.report = report
        self.args = args
        self.msgs = []            # sequence number - 1 -> Msg
        self.keywords = set()     # announced keywords, lower case
        self.recent_msgs = []
        self.current = None       # (command name, is UID form, command line) while a command is in progress
        self.copyuid = []         # COPYUID codes of the command in progress (MOVE sends it untagged)
        self.raw = None
        self.uidvalidity = None
        self.caps = set()
        self.news = 0             # EXISTS, EXPUNGE and FETCH responses read
        self.waiting_continuation = False
        self.counted = True       # commands go into the figures

    def _create_socket(self, timeout):
        if self.plain:
            return imaplib.IMAP4._create_socket(self, timeout)
        return super()._create_socket(timeout)

    # -- recording -------------------------------------------------------------------------------------------

    def _get_line(self):
        line = super()._get_line()
        if self.raw is not None:
            self.raw.append(line)
        trace(self.name, "<", line)
        return line

    def read(self, size):
        data = super().read(size)
        if self.raw is not None:
            self.raw.append(data)
        trace(self.name, "<", b"{%d bytes}" % len(data))
        return data

    def send(self, data):
        if TRACE is not None:
            shown = data
            if self.current and self.current[0] == "AUTHENTICATE" and b" AUTHENTICATE " not in data[:30]:
                shown = b"(credentials)"
            trace(self.name, ">", shown.rstrip(b"\r\n") if len(shown) < 300 else b"{%d bytes}" % len(shown))
        super().send(data)

    def _get_response(self):
        self.raw = []
        try:
            resp = super()._get_response()
        finally:
            raw, self.raw = self.raw, None
        if raw and raw[0].startswith(b"* "):
            try:
                self.on_untagged(raw)
            except Exception as e:  # noqa: BLE001 - a response the model cannot read is reported, not fatal
                self.report.error("%s: cannot check %s: %r" % (self.where(), text_of(raw), e))
        return resp

    def input_pending(self, timeout=0.0):
        """Whether a response has (started to) arrive, waiting at most timeout seconds."""
        deadline = time.monotonic() + timeout
        while True:
            if self.buffered():
                return True
            left = deadline - time.monotonic()
            if left < 0:
                return False
            readable, _, _ = select.select([self.sock], [], [], left)
            if not readable:
                return False
            if self.buffered():
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.001)  # a TLS record without data yet (or EOF: the next read reports it)

    def buffered(self):
        self.sock.setblocking(False)
        try:
            return len(self.file.peek(1)) > 0
        except (ssl.SSLWantReadError, ssl.SSLWantWriteError, BlockingIOError, ssl.SSLError, OSError):
            return False
        finally:
            self.sock.settimeout(self.args.timeout)

    # -- the model -------------------------------------------------------------------------------------------

    def where(self):
        return "%s [%s] count=%d" % (self.name, self.current[2] if self.current else "no command in progress",
                                     len(self.msgs))

    def violation(self, kind, parts, why):
        self.report.violation(kind, "%s: %s -- %s" % (self.where(), text_of(parts), why))

    def on_untagged(self, parts):
        first = parts[0]
        m = re.match(rb"\* (\d+) ([A-Za-z]+)", first)
        kind = (m.group(2) if m else first[2:].split(b" ", 1)[0]).upper().decode("ascii", "replace")
        with self.report.lock:
            self.report.untagged[kind] += 1
        if m:
            number = int(m.group(1))
            self.news += 1
            if kind == "EXISTS":
                if number < len(self.msgs):
                    self.violation("exists-decrease", parts, "EXISTS below the %d messages known" % len(self.msgs))
                    del self.msgs[number:]
                else:
                    self.msgs.extend(Msg() for _ in range(number - len(self.msgs)))
            elif kind == "RECENT":
                if number > len(self.msgs):
                    self.violation("recent-beyond-exists", parts, "RECENT above EXISTS")
            elif kind == "EXPUNGE":
                self.on_expunge(number, parts)
            elif kind == "FETCH":
                self.on_fetch(number, parts)
            return
        toks = tokens(parts)
        if len(toks) < 2:
            return
        kind = (toks[1] or "").upper()
        if kind == "FLAGS":
            for flag in nest(toks[2:])[0] if len(toks) > 2 else []:
                if isinstance(flag, str) and not flag.startswith("\\"):
                    self.keywords.add(flag.lower())
        elif kind == "CAPABILITY":
            self.caps = set(t.upper() for t in toks[2:] if isinstance(t, str))
        elif kind == "SEARCH":
            if self.current and not self.current[1] and self.current[0] == "SEARCH":
                for n in toks[2:]:
                    if isinstance(n, str) and n.isdigit() and not 1 <= int(n) <= len(self.msgs):
                        self.violation("search-unknown-seq", parts, "SEARCH returned %s" % n)
        elif kind in ("OK", "NO", "BAD"):
            line = first.decode("utf-8", "replace")
            code = re.match(r"\* \w+ \[([A-Za-z-]+)(?: ([^\]]*))?\]", line)
            if code:
                name, value = code.group(1).upper(), code.group(2) or ""
                if name == "PERMANENTFLAGS":
                    for flag in value.strip("()").split():
                        if not flag.startswith("\\"):
                            self.keywords.add(flag.lower())
                elif name == "UIDVALIDITY":
                    self.set_uidvalidity(int(value), parts)
                elif name == "COPYUID":
                    self.copyuid.append(value)
        elif kind == "BYE":
            if not (self.current and self.current[0] == "LOGOUT"):
                self.report.error("%s: unexpected %s" % (self.where(), text_of(parts)))

    def set_uidvalidity(self, value, parts):
        if self.uidvalidity is not None and self.uidvalidity != value:
            self.violation("uidvalidity", parts, "UIDVALIDITY was %d" % self.uidvalidity)
            self.uidvalidity = value
            return
        self.uidvalidity = value
        with self.report.lock:
            known = self.report.uidvalidity.setdefault(self.args.mailbox, value)
        if known != value:
            self.violation("uidvalidity", parts, "another session had UIDVALIDITY %d" % known)

    def on_expunge(self, n, parts):
        if self.current is None:
            self.violation("expunge-no-command", parts, "EXPUNGE sent while no command was in progress")
        elif self.waiting_continuation:
            self.violation("expunge-no-command", parts, "EXPUNGE before the literal's continuation (RFC 3501 5.3)")
        elif not self.current[1] and self.current[0] in NO_UNTAGGED_EXPUNGE:
            self.violation("expunge-during-" + self.current[0], parts,
                           "EXPUNGE while answering %s (RFC 3501 7.4.1)" % self.current[0])
        if not 1 <= n <= len(self.msgs):
            self.violation("expunge-unknown-seq", parts, "no message %d in this session" % n)
            return
        msg = self.msgs.pop(n - 1)
        with self.report.lock:
            if msg.uid is not None:
                self.report.expunged.add(msg.uid)
            else:
                below = max((m.uid for m in self.msgs[:n - 1] if m.uid is not None), default=0)
                above = min((m.uid for m in self.msgs[n - 1:] if m.uid is not None), default=1 << 62)
                self.report.expunged_between.append((below, above))

    def on_fetch(self, n, parts):
        if not 1 <= n <= len(self.msgs):
            self.violation("fetch-unknown-seq", parts, "FETCH for a message no EXISTS announced")
            return
        msg = self.msgs[n - 1]
        items = nest(tokens(parts)[3:])
        items = items[0] if items and isinstance(items[0], list) else []
        values = {}
        for i in range(0, len(items) - 1, 2):
            if isinstance(items[i], str):
                values[items[i].upper()] = items[i + 1]
        uid = values.get("UID")
        if isinstance(uid, str) and uid.isdigit():
            uid = int(uid)
            if msg.uid is None:
                below = max((m.uid for m in self.msgs[:n - 1] if m.uid is not None), default=0)
                above = min((m.uid for m in self.msgs[n:] if m.uid is not None), default=1 << 62)
                if not below < uid < above:
                    self.violation("uid-order", parts, "UID %d of message %d not between %d and %d"
                                   % (uid, n, below, above))
                msg.uid = uid
            elif msg.uid != uid:
                self.violation("uid-mismatch", parts, "message %d has UID %d in this session" % (n, msg.uid))
        flags = values.get("FLAGS")
        if isinstance(flags, list):
            for flag in flags:
                if not isinstance(flag, str):
                    continue
                if flag.lower() == "\\recent":
                    self.recent_msgs.append(msg)
                elif not flag.startswith("\\") and flag.lower() not in self.keywords:
                    self.violation("keyword-not-announced", parts, "keyword %s never in FLAGS / PERMANENTFLAGS"
                                   % flag)
        for key, value in values.items():
            if key.startswith("BODY[") and isinstance(value, bytes) and msg.uid is not None:
                found = MESSAGE_ID.search(value)
                with self.report.lock:
                    expected = self.report.message_ids.get(msg.uid)
                    what = self.report.created[self.args.mailbox].get(msg.uid, (None, "?"))[1]
                got = found.group(1).decode("ascii", "replace") if found else None
                if got and expected and got != expected:
                    self.violation("content", parts, "Message-ID %s, but UID %d was created as %s (%s)"
                                   % (got, msg.uid, expected, what))

    # -- commands --------------------------------------------------------------------------------------------

    def drain(self):
        """Reads what arrived while no command was in progress (RFC 3501 5.3: anything but EXPUNGE is allowed)."""
        self.current = None
        while self.input_pending(0):
            self._get_response()

    def run(self, label, name, *args, literal=None):
        """Sends one command, waits for its tagged answer; returns (type, text). Records the time taken."""
        self.drain()
        line = " ".join([name] + [a for a in args if a is not None])
        uid = name == "UID"
        command = args[0] if uid else name
        self.current = (command.upper(), uid, line[:120])
        self.copyuid = []
        started = time.monotonic()
        try:
            if literal is not None:
                self.literal = literal
                # RFC 3501 5.3: no command is in progress while a literal's continuation is negotiated.
                self.waiting_continuation = True
            tag = self._command(name, *args)
            self.waiting_continuation = False
            typ, data = self._get_tagged_response(tag)
        finally:
            self.untagged_responses.clear()
        elapsed = time.monotonic() - started
        if self.counted:
            self.report.timed(label, elapsed, "%s %s" % (self.name, line[:120]))
        text = (data[0] or b"").decode("utf-8", "replace") if data else ""
        self.check_answer(label, typ, text)
        self.current = None
        return typ, text

    def check_answer(self, label, typ, text):
        if typ == "BAD":
            self.report.violation("bad", "%s: %s %s" % (self.where(), typ, text))
        elif typ == "NO":
            if text.upper().startswith("[EXPUNGEISSUED]"):
                with self.report.lock:
                    self.report.accepted_no[label] += 1
            else:
                self.report.error("%s: NO %s" % (self.where(), text))

    def idle_once(self, wait):
        """IDLE until an untagged response arrives or `wait` seconds pass, then DONE. The wait is not counted as
        the command's time: only the continuation's and DONE's answers are."""
        self.drain()
        self.current = ("IDLE", False, "IDLE")
        started = time.monotonic()
        tag = self._command("IDLE")
        while self._get_response() is not None:
            if self.tagged_commands.get(tag):
                typ, data = self.tagged_commands.pop(tag)
                self.report.timed("IDLE", time.monotonic() - started, self.name + " IDLE")
                self.check_answer("IDLE", typ, (data[0] or b"").decode("utf-8", "replace"))
                self.current = None
                return
        answered = time.monotonic() - started
        if self.input_pending(wait):
            self._get_response()
        done = time.monotonic()
        self.send(b"DONE\r\n")
        typ, data = self._get_tagged_response(tag)
        self.untagged_responses.clear()
        elapsed = answered + time.monotonic() - done
        self.report.timed("IDLE", elapsed, self.name + " IDLE (continuation + DONE)")
        self.check_answer("IDLE", typ, (data[0] or b"").decode("utf-8", "replace"))
        self.current = None


class Worker(threading.Thread):
    """One session's random mix; reconnects (a new session, a new model) after a connection failure."""

    def __init__(self, index, args, report, tls, clock):
        super().__init__(name="session-%d" % index, daemon=True)
        self.index = index
        self.args = args
        self.report = report
        self.tls = tls
        self.clock = clock
        self.rnd = random.Random(args.seed * 1000 + index)
        self.session = None
        self.sessions = []
        self.generation = 0
        self.final_uids = None

    # -- connection ------------------------------------------------------------------------------------------

    def connect(self):
        self.generation += 1
        name = "s%d" % self.index + ("" if self.generation == 1 else ".%d" % self.generation)
        s = Session(name, self.args, self.report, self.tls)
        authenticate(s, self.args)
        self.session = s
        s.run("CAPABILITY", "CAPABILITY")  # the list after LOGIN (Dovecot's greeting lists fewer)
        self.sessions.append(s)
        s.msgs = []
        typ, text = s.run("SELECT", "SELECT", self.args.mailbox)
        if typ != "OK":
            raise imaplib.IMAP4.error("SELECT %s: %s %s" % (self.args.mailbox, typ, text))
        s.state = "SELECTED"  # imaplib's own select() would set it
        self.learn_uids(force=True)

    def caps(self):
        return self.session.caps

    def close(self):
        if self.session is not None:
            try:
                self.session.current = ("LOGOUT", False, "LOGOUT")
                self.session.logout()
            except Exception:
                pass
            try:
                self.session.shutdown()
            except Exception:
                pass

    # -- choosing messages ------------------------------------------------------------------------------------

    def seqs(self, most=6):
        count = len(self.session.msgs)
        if count == 0:
            return None
        r = self.rnd.random()
        if r < 0.45:
            return str(self.rnd.randint(1, count))
        if r < 0.8:
            a = self.rnd.randint(1, count)
            b = min(count, a + self.rnd.randint(1, most))
            return "%d:%d" % (a, b)
        return imap_set(self.rnd.sample(range(1, count + 1), min(count, self.rnd.randint(2, most))))

    def uids(self, most=6):
        known = [m.uid for m in self.session.msgs if m.uid is not None]
        if not known:
            return None
        r = self.rnd.random()
        if r < 0.45:
            return str(self.rnd.choice(known))
        if r < 0.8:
            a = self.rnd.randrange(len(known))
            b = min(len(known) - 1, a + self.rnd.randint(1, most))
            return "%d:%d" % (known[a], known[b])
        return imap_set(self.rnd.sample(known, min(len(known), self.rnd.randint(2, most))))

    def flag_list(self, allow_deleted=True):
        pool = SYSTEM_FLAGS if allow_deleted else SYSTEM_FLAGS[:-1]
        chosen = self.rnd.sample(pool, self.rnd.randint(0, 2)) + self.rnd.sample(KEYWORDS, self.rnd.randint(0, 2))
        if not chosen:
            chosen = [self.rnd.choice(KEYWORDS)]
        return "(" + " ".join(chosen) + ")"

    # -- the mix ----------------------------------------------------------------------------------------------

    def learn_uids(self, force=False):
        """FETCH UID and FLAGS of messages whose UID the session does not know yet (newly announced)."""
        s = self.session
        unknown = [i + 1 for i, m in enumerate(s.msgs) if m.uid is None]
        if unknown and (force or self.rnd.random() < 0.85):
            s.run("FETCH", "FETCH", "%d:%d" % (unknown[0], len(s.msgs)), "(UID FLAGS)")

    def append(self):
        s = self.session
        number = self.clock.next_number()
        message_id = "<stress-%d-%d@%s>" % (self.args.seed, number, self.args.tag)
        size = self.rnd.choice([1, 1, 1, 4, 40])
        body = "".join("Dong %d cua thu kiem tra %d.\r\n" % (i, number) for i in range(size * 20))
        message = ("From: stress@example.gov.vn\r\nTo: %s\r\nSubject: stress %d\r\nMessage-ID: %s\r\n"
                   "Date: %s\r\n\r\n%s" % (self.args.user, number, message_id,
                                            time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime()), body))
        flags = None
        if self.rnd.random() < 0.5:
            flags = self.flag_list(allow_deleted=False)
        args = [self.args.mailbox] + ([flags] if flags else [])
        typ, text = s.run("APPEND", "APPEND", *args, literal=message.encode())
        if typ != "OK":
            return
        s.current = ("APPEND", False, "APPEND %s %s" % (" ".join(args), message_id))  # what reports name
        m = re.search(r"\[APPENDUID (\d+) (\d+)\]", text, re.I)
        if not m:
            if "UIDPLUS" in self.caps():
                self.report.violation("uidplus", "%s: APPEND OK without APPENDUID: %s" % (s.where(), text))
        else:
            validity, uid = int(m.group(1)), int(m.group(2))
            self.created(self.args.mailbox, validity, [uid], [message_id], "APPEND " + message_id)
        s.current = None

    def created(self, mailbox, validity, uids, message_ids, what):
        s = self.session
        with self.report.lock:
            known = self.report.uidvalidity.setdefault(mailbox, validity)
            mine = self.report.created[mailbox]
            again = [(uid, mine[uid][1]) for uid in uids if uid in mine]
            for uid, mid in zip(uids, message_ids):
                mine.setdefault(uid, (mid, what))
                if mailbox == self.args.mailbox and mid:
                    self.report.message_ids.setdefault(uid, mid)
        for uid, before in again:
            self.report.violation("uidplus", "%s: %s: %s UID %d was already given by %s" % (
                s.where(), what, mailbox, uid, before))
        if known != validity:
            self.report.violation("uidvalidity", "%s: %s: UIDVALIDITY %d, known %d" % (s.where(), what, validity, known))

    def copy(self, uid_form, move):
        s = self.session
        target = self.args.other if move or self.rnd.random() < 0.6 else self.args.mailbox
        chosen = self.uids() if uid_form else self.seqs()
        if chosen is None:
            return
        verb = "MOVE" if move else "COPY"
        if uid_form:
            typ, text = s.run("UID " + verb, "UID", verb, chosen, target)
        else:
            typ, text = s.run(verb, verb, chosen, target)
        if typ != "OK":
            return
        s.current = (verb, uid_form, "%s%s %s %s" % ("UID " if uid_form else "", verb, chosen, target))
        codes = list(s.copyuid)
        m = re.search(r"\[COPYUID ([^\]]*)\]", text, re.I)
        if m:
            codes.append(m.group(1))
        for code in codes:
            parts = code.split()
            try:
                validity, src, dst = int(parts[0]), parse_set(parts[1]), parse_set(parts[2])
            except (IndexError, ValueError):
                self.report.violation("uidplus", "%s: malformed COPYUID %s" % (s.where(), code))
                continue
            if len(parts) != 3 or len(src) != len(dst):
                self.report.violation("uidplus", "%s: COPYUID %s: %d source UIDs, %d new" % (
                    s.where(), code, len(src), len(dst)))
                continue
            if uid_form:
                wanted = set(parse_set(chosen))
                if not set(src) <= wanted:
                    self.report.violation("uidplus", "%s: COPYUID %s names UIDs not asked for" % (s.where(), code))
            with self.report.lock:
                mids = [self.report.message_ids.get(u) for u in src]
            self.created(target, validity, dst, mids, "%s %s" % (verb, code))
        s.current = None

    def step(self):
        s = self.session
        count = len(s.msgs)
        caps = self.caps()
        choices = [("APPEND", 10 if count < self.args.max_messages else 2),
                   ("STORE", 10), ("UID STORE", 8), ("EXPUNGE", 3), ("UID EXPUNGE", 2),
                   ("COPY", 3), ("UID COPY", 3), ("FETCH", 14), ("UID FETCH", 12), ("SEARCH", 4),
                   ("UID SEARCH", 4), ("NOOP", 4), ("IDLE", 2), ("CHECK", 1)]
        if "MOVE" in caps:
            choices += [("MOVE", 2), ("UID MOVE", 2)]
        if count > self.args.max_messages:
            choices.append(("PURGE", 20))
        total = sum(w for _, w in choices)
        pick = self.rnd.uniform(0, total)
        for op, weight in choices:
            pick -= weight
            if pick <= 0:
                break
        if op == "APPEND":
            self.append()
        elif op in ("STORE", "UID STORE"):
            chosen = self.uids() if op == "UID STORE" else self.seqs()
            if chosen is None:
                return
            item = self.rnd.choice(["+FLAGS", "+FLAGS", "-FLAGS", "FLAGS"])
            if self.rnd.random() < 0.3:
                item += ".SILENT"
            flags = self.flag_list(allow_deleted=self.rnd.random() < 0.3)
            if op == "UID STORE":
                s.run(op, "UID", "STORE", chosen, item, flags)
            else:
                s.run(op, "STORE", chosen, item, flags)
        elif op == "PURGE":
            s.run("STORE", "STORE", "1:%d" % min(count, 20), "+FLAGS.SILENT", "(\\Deleted)")
            s.run("EXPUNGE", "EXPUNGE")
        elif op == "EXPUNGE":
            s.run(op, "EXPUNGE")
        elif op == "UID EXPUNGE":
            chosen = self.uids(most=20)
            if chosen is not None and "UIDPLUS" in caps:
                s.run(op, "UID", "EXPUNGE", chosen)
        elif op in ("COPY", "UID COPY"):
            self.copy(op.startswith("UID"), move=False)
        elif op in ("MOVE", "UID MOVE"):
            self.copy(op.startswith("UID"), move=True)
        elif op in ("FETCH", "UID FETCH"):
            items = self.rnd.choice(["(FLAGS)", "(UID FLAGS)", "(UID ENVELOPE)", "(FLAGS INTERNALDATE RFC822.SIZE)",
                                     "(UID FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])",
                                     "(UID RFC822.SIZE BODY.PEEK[])"])
            chosen = self.uids() if op == "UID FETCH" else self.seqs()
            if chosen is None:
                return
            if op == "UID FETCH":
                s.run(op, "UID", "FETCH", chosen, items)
            else:
                s.run(op, "FETCH", chosen, items)
        elif op in ("SEARCH", "UID SEARCH"):
            criteria = [["ALL"], ["UNSEEN"], ["DELETED"], ["FLAGGED"], ["KEYWORD", self.rnd.choice(KEYWORDS)],
                        ["NOT", "SEEN", "KEYWORD", self.rnd.choice(KEYWORDS)], ["OR", "SEEN", "FLAGGED"],
                        ["HEADER", "Message-ID", "stress-%d-" % self.args.seed]]
            if count:
                criteria.append([self.seqs(most=30)])
            chosen = self.rnd.choice(criteria)
            if op == "UID SEARCH":
                s.run(op, "UID", "SEARCH", *chosen)
            else:
                s.run(op, "SEARCH", *chosen)
        elif op == "NOOP":
            s.run(op, "NOOP")
        elif op == "CHECK":
            s.run(op, "CHECK")
        elif op == "IDLE":
            if "IDLE" in caps:
                s.idle_once(self.rnd.uniform(0.02, 0.3))
        self.learn_uids()

    def run(self):
        try:
            self.connect()
        except Exception as e:  # noqa: BLE001 - reported, the session is lost
            self.report.error("s%d: connect: %r" % (self.index, e))
            self.session = None
        while self.session is not None and time.monotonic() < self.clock.deadline:
            try:
                self.step()
            except (imaplib.IMAP4.abort, OSError, imaplib.IMAP4.error) as e:
                s = self.session
                self.report.error("%s: connection failed: %s" % (s.where(), e))
                self.close()
                try:
                    self.connect()
                except Exception as e2:  # noqa: BLE001
                    self.report.error("s%d: reconnect: %r" % (self.index, e2))
                    self.session = None
        self.clock.stopped()
        self.clock.all_stopped.wait(self.args.timeout * 3)
        self.finish()

    def finish(self):
        """No one changes the mailbox now: read every pending update, then the whole UID list."""
        s = self.session
        if s is None:
            return
        s.counted = False  # after the run: not part of the figures
        try:
            # Until three NOOPs in a row bring no news (a server may tell sessions a little late), 10 s at most.
            quiet, deadline = 0, time.monotonic() + 10
            while quiet < 3 and time.monotonic() < deadline:
                before = s.news
                s.run("NOOP", "NOOP")
                quiet = quiet + 1 if s.news == before else 0
                time.sleep(0.3)
            if s.msgs:
                s.run("FETCH", "FETCH", "1:%d" % len(s.msgs), "(UID)")
            self.final_uids = [m.uid for m in s.msgs]
        except (imaplib.IMAP4.abort, OSError, imaplib.IMAP4.error) as e:
            self.report.error("%s: final NOOP/FETCH: %s" % (s.where(), e))
        self.close()


class Clock:
    def __init__(self, seconds, parties):
        self.started = time.monotonic()
        self.deadline = self.started + seconds
        self.lock = threading.Lock()
        self.number = 0
        self.waiting = parties
        self.all_stopped = threading.Event()
        self.stop_time = None

    def next_number(self):
        with self.lock:
            self.number += 1
            return self.number

    def stopped(self):
        with self.lock:
            self.waiting -= 1
            if self.waiting == 0:
                self.stop_time = time.monotonic()
                self.all_stopped.set()


class Deliveries(threading.Thread):
    """SMTP (MX-style, no AUTH) or LMTP deliveries to the user at a steady rate."""

    def __init__(self, args, report, clock, lmtp):
        super().__init__(name="deliveries", daemon=True)
        self.args, self.report, self.clock, self.lmtp = args, report, clock, lmtp
        host, _, port = (args.lmtp if lmtp else args.smtp).rpartition(":")
        self.host, self.port = host or "127.0.0.1", int(port)

    def connect(self):
        kind = smtplib.LMTP if self.lmtp else smtplib.SMTP  # LMTP's ehlo() says LHLO
        c = kind(self.host, self.port, local_hostname="stress.example", timeout=self.args.timeout)
        c.ehlo()
        return c

    def run(self):
        client = None
        period = 1.0 / self.args.delivery_rate
        next_at = time.monotonic()
        n = 0
        try:
            while time.monotonic() < self.clock.deadline:
                now = time.monotonic()
                if now < next_at:
                    time.sleep(max(0.0, min(next_at, self.clock.deadline) - now))
                    continue
                next_at += period
                n += 1
                message_id = "<delivery-%d-%d@%s>" % (self.args.seed, n, self.args.tag)
                text = ("From: sender@example.net\r\nTo: %s\r\nSubject: delivery %d\r\nMessage-ID: %s\r\n\r\n"
                        "Thu den %d.\r\n" % (self.args.user, n, message_id, n))
                started = time.monotonic()
                try:
                    if client is None:
                        client = self.connect()
                    refused = client.sendmail("sender@example.net", [self.args.rcpt], text.encode())
                    if refused:
                        self.report.error("delivery %d refused: %r" % (n, refused))
                    else:
                        with self.report.lock:
                            self.report.deliveries += 1
                except (smtplib.SMTPException, OSError) as e:
                    self.report.error("delivery %d: %r" % (n, e))
                    try:
                        client.close()
                    except Exception:
                        pass
                    client = None
                self.report.timed("DELIVERY", time.monotonic() - started, "delivery %d" % n)
        finally:
            if client is not None:
                try:
                    client.quit()
                except Exception:
                    pass
            self.clock.stopped()


def authenticate(s, args):
    """AUTHENTICATE PLAIN: UTF-8 passwords work (imaplib's LOGIN sends ASCII only)."""
    secret = ("\0%s\0%s" % (args.user, args.password)).encode("utf-8")
    s.current = ("AUTHENTICATE", False, "AUTHENTICATE PLAIN")
    s.authenticate("PLAIN", lambda _challenge: secret)
    s.current = None


def connect_plain(args, tls, name):
    s = Session(name, args, Report(), tls)
    authenticate(s, args)
    return s


def prepare(args, tls):
    """Creates the second mailbox; with --reset empties both mailboxes first."""
    s = connect_plain(args, tls, "setup")
    s.create(args.other)  # NO when it exists: fine
    if args.reset:
        for mailbox in (args.mailbox, args.other):
            typ, data = s.select(mailbox)
            if typ == "OK" and int(data[0] or 0) > 0:
                s.store("1:*", "+FLAGS.SILENT", "(\\Deleted)")
                s.expunge()
    s.logout()


def listing(args, tls, mailbox):
    """UIDVALIDITY and UID list of a mailbox, read-only (EXAMINE does not take \\Recent)."""
    s = connect_plain(args, tls, "verify")
    typ, data = s.select(mailbox, readonly=True)
    validity = s.untagged_responses.get("UIDVALIDITY", [None])[0]
    typ, data = s.uid("SEARCH", "ALL")
    uids = [int(x) for x in (data[0] or b"").split()] if typ == "OK" else None
    s.logout()
    return (int(validity) if validity else None), uids


def self_test():
    """Feeds the model responses that break each rule (and a run that breaks none): every check must fire."""
    args = argparse.Namespace(mailbox="INBOX", other="Other", timeout=5)
    failures = []

    def session(report):
        s = Session.__new__(Session)
        s.init_model("t", args, report)
        return s

    def expect(kind, steps, end=None, errors=0):
        report = Report()
        s = session(report)
        for step in steps:
            if isinstance(step, tuple) and step and step[0] == "cmd":
                s.current = step[1]
            elif isinstance(step, tuple) and step and step[0] == "answer":
                s.check_answer(step[1], step[2], step[3])
            elif callable(step):
                step(report, s)
            else:
                s.on_untagged(step if isinstance(step, list) else [step])
        if end:
            end(report, s)
        got = dict(report.by_kind)
        wanted = {kind: 1} if kind else {}
        if got != wanted or report.error_count != errors:
            failures.append("%s: expected %s and %d errors, got %s %s" % (kind or "clean run", wanted, errors, got,
                                                                          report.errors))
        return report

    fetch = ("cmd", ("FETCH", False, "FETCH 1:3 (FLAGS)"))
    uid_fetch = ("cmd", ("FETCH", True, "UID FETCH 1:* (FLAGS)"))
    noop = ("cmd", ("NOOP", False, "NOOP"))
    store = ("cmd", ("STORE", False, "STORE 1 +FLAGS (kw_a)"))
    search = ("cmd", ("SEARCH", False, "SEARCH ALL"))
    three = [noop, b"* FLAGS (\\Seen \\Deleted $Label1)", b"* 3 EXISTS",
             b"* 1 FETCH (UID 10 FLAGS (\\Seen))", b"* 2 FETCH (UID 11 FLAGS ())", b"* 3 FETCH (FLAGS () UID 12)"]

    def msgid(report, s):
        report.message_ids[10] = "<a@x>"

    def end_of_run(present, expunged=(), between=(), views=None, recent=None):
        def check(report, s):
            report.created["INBOX"].update({10: ("<a@x>", "APPEND"), 11: ("<b@x>", "APPEND")})
            report.expunged.update(expunged)
            report.expunged_between.extend(between)
            other = session(report)
            other.name = "u"
            if recent:
                for who in (s, other)[:recent]:
                    m = Msg()
                    m.uid = 10
                    who.recent_msgs.append(m)
            check_end(args, report, [([s], views), ([other], None)], {"INBOX": (None, present)})
        return check

    expect(None, three + [uid_fetch, b"* 2 EXPUNGE", b"* 3 EXISTS", b"* 3 RECENT", noop,
                          b"* OK [PERMANENTFLAGS (\\Seen kw_new \\*)] Flags permitted.",
                          b"* 3 FETCH (FLAGS (kw_new $label1 \\Recent))", search, b"* SEARCH 1 3",
                          b"* 4 EXISTS", b"* 4 FETCH (UID 13)", msgid,
                          [b"* 1 FETCH (UID 10 BODY[HEADER.FIELDS (MESSAGE-ID)] {20}", b"Message-ID: <a@x>\r\n\r\n",
                           b")"], ("answer", "FETCH", "NO", "[EXPUNGEISSUED] Some messages were expunged")],
           end=end_of_run([10, 12, 13], views=[10, 12, 13], recent=1))
    expect("exists-decrease", three + [b"* 2 EXISTS"])
    expect("expunge-unknown-seq", three + [b"* 4 EXPUNGE"])
    expect("expunge-during-FETCH", three + [fetch, b"* 1 EXPUNGE"])
    expect("expunge-during-STORE", three + [store, b"* 1 EXPUNGE"])
    expect("expunge-during-SEARCH", three + [search, b"* 1 EXPUNGE"])
    expect("expunge-no-command", three + [("cmd", None), b"* 1 EXPUNGE"])

    def continuation(report, s):
        s.waiting_continuation = True
    expect("expunge-no-command", three + [("cmd", ("APPEND", False, "APPEND INBOX {9}")), continuation,
                                          b"* 1 EXPUNGE"])
    expect("fetch-unknown-seq", three + [b"* 4 FETCH (FLAGS (\\Seen))"])
    expect("recent-beyond-exists", three + [b"* 4 RECENT"])
    expect("search-unknown-seq", three + [search, b"* SEARCH 2 4"])
    expect("uid-mismatch", three + [b"* 2 FETCH (UID 12)"])
    expect("uid-order", [noop, b"* 3 EXISTS", b"* 1 FETCH (UID 10)", b"* 3 FETCH (UID 20)", b"* 2 FETCH (UID 30)"])
    expect("keyword-not-announced", three + [b"* 1 FETCH (FLAGS (\\Seen kw_b))"])
    expect("content", three + [msgid, [b"* 1 FETCH (UID 10 BODY[] {25}", b"Message-ID: <other@x>\r\n\r\n",
                                        b" FLAGS ())"]])
    expect("uidvalidity", [noop, b"* OK [UIDVALIDITY 5] UIDs valid", b"* OK [UIDVALIDITY 6] UIDs valid"])
    expect("bad", three + [("answer", "FETCH", "BAD", "FETCH failed. Invalid messageset")])
    expect("lost", three, end=end_of_run([10]))
    expect(None, three, end=end_of_run([10], expunged=[11]))
    expect(None, three, end=end_of_run([11], between=[(9, 11)]))
    expect("final-view", three, end=end_of_run([10, 11], views=[10]))
    expect("recent-twice", three, end=end_of_run([10, 11], recent=2))
    expect(None, three + [("answer", "STORE", "NO", "STORE failed. Save failed.")], errors=1)
    for f in failures:
        print("self-test FAILED: " + f)
    print("self-test: %s" % ("ok" if not failures else "%d failures" % len(failures)))
    sys.exit(1 if failures else 0)


def main():
    if "--self-test" in sys.argv[1:]:
        self_test()  # needs no server, so none of the required options
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--user", required=True)
    p.add_argument("--password")
    p.add_argument("--password-file", help="read the password (UTF-8, first line) from this file")
    p.add_argument("--ca", help="CA file to verify the server's certificate (implicit TLS)")
    p.add_argument("--insecure", action="store_true", help="implicit TLS without verifying the certificate")
    p.add_argument("--plain", action="store_true", help="no TLS at all")
    p.add_argument("--sessions", type=int, default=2)
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--mailbox", default="INBOX")
    p.add_argument("--other", default="Stress-Other", help="target of COPY / MOVE (created if missing)")
    p.add_argument("--max-messages", type=int, default=150, help="INBOX size around which the mix starts purging")
    p.add_argument("--smtp", help="host:port: MX-style SMTP deliveries to --rcpt during the run")
    p.add_argument("--lmtp", help="host:port: LMTP deliveries (Dovecot) to --rcpt during the run")
    p.add_argument("--delivery-rate", type=float, default=5, help="deliveries per second")
    p.add_argument("--rcpt", help="recipient of deliveries (default: --user)")
    p.add_argument("--timeout", type=float, default=120, help="socket timeout (s)")
    p.add_argument("--reset", action="store_true", help="empty both mailboxes before the run")
    p.add_argument("--tag", default="stress.example", help="domain part of the Message-IDs")
    p.add_argument("--report-only", action="store_true", help="exit 0 whatever was found")
    p.add_argument("--trace", help="write every line sent and received, per session, to this file")
    p.add_argument("--self-test", action="store_true", help="check the model on canned responses, then exit")
    args = p.parse_args()
    args.rcpt = args.rcpt or args.user
    if args.password_file:
        with open(args.password_file, encoding="utf-8") as f:
            args.password = f.readline().rstrip("\r\n")
    if args.password is None:
        p.error("--password or --password-file is required")
    if args.trace:
        global TRACE
        TRACE = (open(args.trace, "w", encoding="utf-8"), threading.Lock())

    if args.plain:
        tls = None
    elif args.ca:
        tls = ssl.create_default_context(cafile=args.ca)
    else:
        tls = ssl.create_default_context()
        if args.insecure:
            tls.check_hostname = False
            tls.verify_mode = ssl.CERT_NONE
    report = Report()
    try:
        prepare(args, tls)
    except Exception as e:  # noqa: BLE001
        print("setup failed: %r" % e, flush=True)
        print(json.dumps({"setup_failed": repr(e)}))
        sys.exit(2)

    delivering = bool(args.smtp or args.lmtp)
    clock = Clock(args.seconds, args.sessions + (1 if delivering else 0))
    workers = [Worker(i + 1, args, report, tls, clock) for i in range(args.sessions)]
    for w in workers:
        w.start()
    if delivering:
        Deliveries(args, report, clock, lmtp=bool(args.lmtp)).start()
    for w in workers:
        w.join(args.seconds + args.timeout * 6)
    elapsed = (clock.stop_time or time.monotonic()) - clock.started

    verify(args, tls, report, workers)
    summarize(args, report, elapsed)


def verify(args, tls, report, workers):
    """At the end: nothing lost, one \\Recent per message, every session's view equal to the mailbox."""
    try:
        finals = {args.mailbox: listing(args, tls, args.mailbox), args.other: listing(args, tls, args.other)}
    except Exception as e:  # noqa: BLE001
        report.error("final listing: %r" % e)
        return
    check_end(args, report, [(w.sessions, w.final_uids) for w in workers], finals)


def check_end(args, report, sessions, finals):
    """sessions: [(Session objects of one worker, its final UID list or None)]; finals: mailbox ->
    (UIDVALIDITY, UID list) read after the run."""
    final = finals[args.mailbox][1]
    for mailbox, created in report.created.items():
        now_validity, uids = finals.get(mailbox, (None, None))
        if uids is None:
            continue
        if report.uidvalidity.get(mailbox) not in (None, now_validity):
            report.violation("uidvalidity", "%s: UIDVALIDITY %s at the end, %s during the run"
                             % (mailbox, now_validity, report.uidvalidity.get(mailbox)))
            continue
        present = set(uids)
        for uid, (mid, what) in sorted(created.items()):
            report.checked += 1
            if uid in present:
                continue
            if mailbox == args.mailbox and (uid in report.expunged
                                            or any(lo < uid < hi for lo, hi in report.expunged_between)):
                continue
            report.violation("lost", "%s UID %d (%s, %s) is gone and no session was told it was expunged"
                             % (mailbox, uid, mid, what))
    for worker_sessions, final_uids in sessions:
        for s in worker_sessions:
            for msg in s.recent_msgs:
                if msg.uid is not None:
                    report.recent[msg.uid].add(s.name)
        if final_uids is not None and final is not None and final_uids != final:
            extra = [u for u in final_uids if u not in set(final)][:10]
            missing = [u for u in final if u not in set(final_uids)][:10]
            report.violation("final-view", "%s holds %d messages after its last NOOPs, the mailbox %d; only in "
                             "the session: %s; only in the mailbox: %s" % (worker_sessions[-1].name, len(final_uids), len(final),
                                                          extra, missing))
    for uid, names in sorted(report.recent.items()):
        if len(names) > 1:
            report.violation("recent-twice", "UID %d was \\Recent in sessions %s" % (uid, ", ".join(sorted(names))))


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(fraction * len(values)))] if values else 0.0


def summarize(args, report, elapsed):
    commands = sum(n for name, n in report.commands.items() if name != "DELIVERY")
    per_s = commands / elapsed if elapsed > 0 else 0.0
    print("%d sessions, %.1f s: %d commands (%.1f/s), %d deliveries, %d errors, %d violations"
          % (args.sessions, elapsed, commands, per_s, report.deliveries, report.error_count, report.violation_count))
    print("longest wait %.0f ms: %s" % (report.longest[0] * 1000, report.longest[1]))
    for name in sorted(report.commands):
        t = report.times[name]
        print("  %-12s %7d  p50 %7.1f ms  p99 %7.1f ms  max %8.1f ms%s" % (
            name, report.commands[name], percentile(t, 0.5) * 1000, percentile(t, 0.99) * 1000, max(t) * 1000,
            "  (NO [EXPUNGEISSUED] accepted: %d)" % report.accepted_no[name] if report.accepted_no[name] else ""))
    for kind, n in sorted(report.by_kind.items()):
        print("violation %s: %d" % (kind, n))
        for example in report.examples[kind]:
            print("  " + example)
    for e in report.errors:
        print("error: " + e)
    result = {
        "sessions": args.sessions,
        "seconds": round(elapsed, 2),
        "commands": commands,
        "commands_per_s": round(per_s, 1),
        "deliveries": report.deliveries,
        "errors": {"count": report.error_count, "first": report.errors[:20]},
        "violations": {"count": report.violation_count, "by_kind": dict(report.by_kind),
                       "first": report.violations[:20], "examples": dict(report.examples)},
        "accepted_no": dict(report.accepted_no),
        "untagged": dict(report.untagged),
        "created_checked": report.checked,
        "longest_wait_ms": round(report.longest[0] * 1000, 1),
        "longest_wait_command": report.longest[1],
        "per_command": dict(report.commands),
    }
    print(json.dumps(result, ensure_ascii=False), flush=True)
    ok = report.error_count == 0 and report.violation_count == 0
    sys.exit(0 if ok or args.report_only else 1)


if __name__ == "__main__":
    main()
