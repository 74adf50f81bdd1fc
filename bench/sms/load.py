#!/usr/bin/env python3
"""HTTP load for bench/sms.sh: N requests from T threads, each thread on one keep-alive connection.

  load.py gateway URL USER PASSWORD N THREADS PREFIX   POST one-recipient notices (JSON, HTTP Basic)
  load.py notice  URL USER PASSWORD COUNT PREFIX       POST one notice to COUNT numbers
  load.py kannel  URL USER PASSWORD N THREADS PREFIX   GET Kannel smsbox /cgi-bin/sendsms
Prints one JSON line: requests, failures, seconds, p50_ms, p99_ms, start (epoch ms), client_cpu_ms (its own CPU).
"""
import base64, http.client, json, resource, sys, threading, time, urllib.parse

def conn(url):
    u = urllib.parse.urlparse(url)
    return u, http.client.HTTPConnection(u.hostname, u.port, timeout=60)

def numbers(prefix, start, count):
    return ["%s%06d" % (prefix, i) for i in range(start, start + count)]

def run(kind, url, user, password, n, threads, prefix):
    auth = "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
    latencies, failures = [], [0]
    lock = threading.Lock()
    def worker(k):
        u, c = conn(url)
        mine = []
        for i in range(k, n, threads):
            number = "%s%06d" % (prefix, i)
            t = time.perf_counter()
            if kind == "gateway":
                body = json.dumps({"text": "Thong bao so %d" % i, "numbers": [number]})
                c.request("POST", u.path, body, {"Authorization": auth, "Content-Type": "application/json"})
                ok = 202
            else:
                q = urllib.parse.urlencode({"username": user, "password": password, "from": "CONGVU",
                                            "to": "84" + number[1:], "text": "Thong bao so %d" % i})
                c.request("GET", u.path + "?" + q)
                ok = 202
            r = c.getresponse()
            r.read()
            mine.append(time.perf_counter() - t)
            if r.status not in (ok, 200):
                with lock:
                    failures[0] += 1
        with lock:
            latencies.extend(mine)
    start = time.time()
    t0 = time.perf_counter()
    ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in ts: t.start()
    for t in ts: t.join()
    seconds = time.perf_counter() - t0
    latencies.sort()
    pick = lambda q: round(latencies[min(len(latencies) - 1, int(len(latencies) * q))] * 1000, 1) if latencies else None
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {"requests": n, "failures": failures[0], "seconds": round(seconds, 3), "p50_ms": pick(0.5),
            "p99_ms": pick(0.99), "start": int(start * 1000),
            "client_cpu_ms": round((usage.ru_utime + usage.ru_stime) * 1000)}

def notice(url, user, password, count, prefix):
    auth = "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
    u, c = conn(url)
    body = json.dumps({"text": "Thong bao khan toan tinh", "numbers": numbers(prefix, 0, count)})
    start = time.time()
    t = time.perf_counter()
    c.request("POST", u.path, body, {"Authorization": auth, "Content-Type": "application/json"})
    r = c.getresponse()
    answer = r.read().decode()
    return {"status": r.status, "accept_ms": round((time.perf_counter() - t) * 1000, 1), "start": int(start * 1000),
            "answer": answer[:200]}

if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "notice":
        print(json.dumps(notice(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])))
    else:
        print(json.dumps(run(kind, sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), sys.argv[7])))
