#!/usr/bin/env python3
"""FETCH latency of issue 3: SESSIONS concurrent IMAPS sessions on one INBOX, each logged in and SELECTed
(read-only), all starting together, each sending FETCHES commands back to back for a random message:
  FETCH n (FLAGS UID RFC822.SIZE BODY.PEEK[HEADER] BODY.PEEK[TEXT]<0.1024>)
Prints "<prefix>fetch_p50_ms", "<prefix>fetch_p99_ms" (and the p90, max, count and FETCH/s).

The sessions can be spread over PROCESSES client processes (threads inside each; Python runs one thread at a
time per process). The load is the same whatever PROCESSES is: SESSIONS sessions, each with one FETCH
outstanding at any time. Measured here (mail-server/README.md, round 3): 10 processes did not lower our p99
and made Dovecot's worse (more runnable processes on 2 cores), so the default is 1.
  fetch_load.py --port 2993 --user a@x --password p [--sessions 50] [--processes 1] [--fetches 200] [--warmup 10] [--warmup-max 30]
"""
import argparse
import imaplib
import multiprocessing
import os
import random
import ssl
import statistics
import threading
import time


def options(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True, help="IMAPS port")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--processes", type=int, default=1, help="client processes sharing the sessions")
    parser.add_argument("--fetches", type=int, default=200,
                        help="timed FETCH commands per session (10,000 in all with 50 sessions: the p99 is then the "
                             "100th slowest, not the 20th, so one GC pause no longer decides it alone)")
    parser.add_argument("--prefix", default="", help="prefix of the printed figure names")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--warmup", type=int, default=int(os.environ.get("FETCH_WARMUP", "10")),
                        help="at least this many untimed rounds of 100 FETCH per session before the timed one (JIT "
                             "warm-up of a JVM server; the first round is printed as the cold figure)")
    parser.add_argument("--warmup-max", type=int, default=int(os.environ.get("FETCH_WARMUP_MAX", "30")),
                        help="at most this many warm-up rounds: after --warmup, rounds go on until the FETCH/s of "
                             "the last three are within 10 %% of each other (the server's steady state)")
    parser.add_argument("--client", choices=("lean", "imaplib"), default="lean",
                        help="lean: a minimal IMAP reader on the TLS socket (default); imaplib: Python's imaplib")
    return parser.parse_args(argv)


def context():
    tls = ssl.create_default_context()
    tls.check_hostname = False
    tls.verify_mode = ssl.CERT_NONE
    return tls


class LeanSession:
    """The little of IMAP this load needs, on the TLS socket: commands out, responses read up to the tagged
    line, literals ({n}) skipped by length. Far less Python per FETCH than imaplib (regular expressions and
    response bookkeeping per line), so the client's own CPU and GIL take less of the measured time."""

    def __init__(self, host, port, tls):
        import socket
        raw = socket.create_connection((host, port), timeout=120)
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = tls.wrap_socket(raw, server_hostname=host)
        self.buffer = bytearray()
        self.tag = 0
        self.line()  # greeting

    def line(self):
        while True:
            end = self.buffer.find(b"\r\n")
            if end >= 0:
                line = bytes(self.buffer[:end])
                del self.buffer[:end + 2]
                return line
            self.fill()

    def fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("server closed the connection")
        self.buffer += chunk

    def skip(self, count):
        while len(self.buffer) < count:
            self.fill()
        literal = bytes(self.buffer[:count])
        del self.buffer[:count]
        return literal

    def command(self, text):
        """Sends one command; returns (status line, untagged lines, literals) once the tagged line came."""
        self.tag += 1
        tag = b"L%d " % self.tag
        self.sock.sendall(tag + text.encode() + b"\r\n")
        lines, literals = [], []
        while True:
            line = self.line()
            while line.endswith(b"}") and b"{" in line:  # a literal follows, then the rest of the line
                count = int(line[line.rindex(b"{") + 1:-1])
                literals.append(self.skip(count))
                lines.append(line)
                line = self.line()
            if line.startswith(tag):
                if not line[len(tag):].startswith(b"OK"):
                    raise RuntimeError("%s -> %r" % (text, line))
                return line, lines, literals
            lines.append(line)

    def login(self, user, password):
        quote = lambda value: '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"')
        self.command("LOGIN %s %s" % (quote(user), quote(password)))

    def examine(self, mailbox):
        status, lines, literals = self.command("EXAMINE %s" % mailbox)
        for line in lines:
            if line.endswith(b" EXISTS"):
                return int(line.split()[1])
        raise RuntimeError("no EXISTS in %r" % lines)

    def fetch(self, number, items):
        status, lines, literals = self.command("FETCH %d %s" % (number, items))
        return lines, literals

    def logout(self):
        try:
            self.command("LOGOUT")
        except (OSError, ConnectionError, RuntimeError):
            pass  # James 3.8.1 may close right after BYE
        self.sock.close()


ITEMS = "(FLAGS UID RFC822.SIZE BODY.PEEK[HEADER] BODY.PEEK[TEXT]<0.1024>)"


def logout(connection):
    """James 3.8.1 may close the TLS connection right after its BYE, before the tagged OK."""
    try:
        connection.logout()
    except imaplib.IMAP4.abort:
        pass


def client(args, seeds, start, results):
    """One client process: its share of the sessions, one thread each; latencies (s) sent to results."""
    tls = context()
    ready = threading.Barrier(len(seeds))
    latencies = []
    lock = threading.Lock()
    failures = []

    def session(seed):
        try:
            rng = random.Random(seed)
            if args.client == "lean":
                connection = LeanSession(args.host, args.port, tls)
                connection.login(args.user, args.password)
                total = connection.examine("INBOX")
            else:
                connection = imaplib.IMAP4_SSL(args.host, args.port, ssl_context=tls, timeout=120)
                connection.login(args.user, args.password)
                typ, data = connection.select("INBOX", readonly=True)
                total = int(data[0])
        except Exception as e:  # the barrier must still be passed, or every session waits forever
            failures.append(repr(e))
            ready.abort()
            start.abort()
            raise
        if ready.wait() == 0:
            start.wait()  # one thread per process meets the other processes
        ready.wait()
        mine = []
        for _ in range(args.fetches):
            number = rng.randint(1, total)
            t0 = time.perf_counter()
            if args.client == "lean":
                lines, literals = connection.fetch(number, ITEMS)
                mine.append(time.perf_counter() - t0)
                # the header and the first 1024 bytes of the text (the bench's messages are 20 KB)
                if len(literals) != 2 or len(literals[1]) != 1024 or not lines[0].startswith(b"* %d FETCH" % number):
                    failures.append("FETCH %d: %r" % (number, lines[:1]))
            else:
                typ, data = connection.fetch(str(number), ITEMS)
                mine.append(time.perf_counter() - t0)
                if typ != "OK" or not data or data[0] is None:
                    failures.append("FETCH %d: %s %r" % (number, typ, data[:1]))
        if args.client == "lean":
            connection.logout()
        else:
            logout(connection)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=session, args=(seed,)) for seed in seeds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((latencies, failures))


def run(args, on_start=None):
    """Returns (latencies in s, wall time in s of the whole load). on_start() is called when every session
    is logged in and has its mailbox selected, just before the FETCH commands start."""
    processes = max(1, min(args.processes, args.sessions))
    shares = [list(range(args.seed + index, args.seed + args.sessions, processes)) for index in range(processes)]
    methods = multiprocessing.get_all_start_methods()
    mp = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    start = mp.Barrier(processes + 1)
    results = mp.Queue()
    workers = [mp.Process(target=client, args=(args, share, start, results)) for share in shares]
    for worker in workers:
        worker.start()
    start.wait(timeout=600)
    t0 = time.perf_counter()
    if on_start:
        on_start()
    latencies, failures = [], []
    for _ in workers:
        mine, failed = results.get(timeout=900)
        latencies.extend(mine)
        failures.extend(failed)
    wall = time.perf_counter() - t0
    for worker in workers:
        worker.join()
    if failures:
        raise SystemExit("FETCH load failed: %s" % "; ".join(failures[:5]))
    if len(latencies) != args.sessions * args.fetches:
        raise SystemExit("FETCH load: %d latencies, expected %d" % (len(latencies), args.sessions * args.fetches))
    return latencies, wall


def percentile(ordered, fraction):
    return ordered[max(0, int(len(ordered) * fraction) - 1)]


def report(args, latencies, wall):
    ordered = sorted(latencies)
    p = args.prefix
    print("%sfetch_p50_ms %.1f" % (p, 1000 * statistics.median(ordered)))
    print("%sfetch_p90_ms %.1f" % (p, 1000 * percentile(ordered, 0.90)))
    print("%sfetch_p99_ms %.1f" % (p, 1000 * percentile(ordered, 0.99)))
    print("%sfetch_max_ms %.1f" % (p, 1000 * ordered[-1]))
    print("%sfetch_per_s %.0f (%d FETCH, %d sessions in %d client processes, %s client)"
          % (p, len(ordered) / wall, len(ordered), args.sessions, max(1, min(args.processes, args.sessions)),
             args.client),
          flush=True)


def warm_up(args):
    """Untimed rounds (100 FETCH per session, the seed moved on each time) until the server is in its steady
    state: at least args.warmup, then until the last three rounds' FETCH/s are within 10 % of each other, at most
    args.warmup_max. A JVM server answers its first thousands of FETCH before its JIT has compiled them, and
    under this load its compiler threads share 2 cores with 50 sessions' work: measured here, our server went
    from ~2,300 FETCH/s after 25,000 FETCH to ~4,500 after 100,000 (mail-server/README.md, round 7). The first
    round is reported as <prefix>fetch_cold_*, the count as <prefix>fetch_warmup_rounds."""
    rates = []
    for round_number in range(max(args.warmup, args.warmup_max)):
        if round_number >= args.warmup and len(rates) >= 3 and max(rates[-3:]) < 1.10 * min(rates[-3:]):
            break
        rounds = argparse.Namespace(**vars(args))
        rounds.fetches = 100
        rounds.seed = args.seed + 1000 * (round_number + 1)
        latencies, wall = run(rounds)
        rates.append(len(latencies) / wall)
        if round_number == 0:
            ordered = sorted(latencies)
            print("%sfetch_cold_p50_ms %.1f" % (args.prefix, 1000 * statistics.median(ordered)))
            print("%sfetch_cold_p99_ms %.1f" % (args.prefix, 1000 * percentile(ordered, 0.99)), flush=True)
    if rates:
        print("%sfetch_warmup_rounds %d (FETCH/s per round: %s)"
              % (args.prefix, len(rates), " ".join("%.0f" % rate for rate in rates)), flush=True)


if __name__ == "__main__":
    arguments = options()
    warm_up(arguments)
    report(arguments, *run(arguments))
