#!/usr/bin/env python3
"""FETCH latency of issue 3: SESSIONS concurrent IMAPS sessions on one INBOX, each logged in and SELECTed
(read-only), all starting together, each sending FETCHES commands back to back for a random message:
  FETCH n (FLAGS UID RFC822.SIZE BODY.PEEK[HEADER] BODY.PEEK[TEXT]<0.1024>)
Prints "<prefix>fetch_p50_ms", "<prefix>fetch_p99_ms" (and the p90, max, count and FETCH/s).

The sessions are spread over PROCESSES client processes (threads inside each): Python runs one thread
at a time per process (GIL), so 50 sessions in one process measure the client's own queue as much as
the server (measured against Dovecot, see mail-server/README.md). The load is the same whatever
PROCESSES is: SESSIONS sessions, each with one FETCH outstanding at any time.
  fetch_load.py --port 2993 --user a@x --password p [--sessions 50] [--processes 10] [--fetches 40]
"""
import argparse
import imaplib
import multiprocessing
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
    parser.add_argument("--processes", type=int, default=10, help="client processes sharing the sessions")
    parser.add_argument("--fetches", type=int, default=40, help="FETCH commands per session")
    parser.add_argument("--prefix", default="", help="prefix of the printed figure names")
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args(argv)


def context():
    tls = ssl.create_default_context()
    tls.check_hostname = False
    tls.verify_mode = ssl.CERT_NONE
    return tls


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
            typ, data = connection.fetch(str(number),
                                         "(FLAGS UID RFC822.SIZE BODY.PEEK[HEADER] BODY.PEEK[TEXT]<0.1024>)")
            mine.append(time.perf_counter() - t0)
            if typ != "OK" or not data or data[0] is None:
                failures.append("FETCH %d: %s %r" % (number, typ, data[:1]))
        logout(connection)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=session, args=(seed,)) for seed in seeds]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    results.put((latencies, failures))


def run(args):
    """Returns (latencies in s, wall time in s of the whole load)."""
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
    print("%sfetch_per_s %.0f (%d FETCH, %d sessions in %d client processes)"
          % (p, len(ordered) / wall, len(ordered), args.sessions, max(1, min(args.processes, args.sessions))),
          flush=True)


if __name__ == "__main__":
    arguments = options()
    report(arguments, *run(arguments))
