"""The other domain's side of the DKIM tests, with dkimpy (Debian python3-dkim) as the independent implementation.

  dkim_peer.py verify RECORD_LINE < message      verify with the TXT record as ./congvu dkim prints it; prints
                                                  "dkim pass" or "dkim fail" (exit 0 either way, 2 on misuse)
  dkim_peer.py sign KEY.pem DOMAIN SELECTOR < message > signed
                                                  sign relaxed/relaxed rsa-sha256 (From oversigned)
  dkim_peer.py sink PORT DIRECTORY [7bit]         a remote MX on 127.0.0.1:PORT (aiosmtpd): writes DIRECTORY/ready
                                                  once listening, each mail to DIRECTORY/<n>.eml; 7bit: without
                                                  8BITMIME in its EHLO (senders must re-encode 8bit mail)
"""
import os
import re
import sys

import dkim


def record_text(line):
    # 'sel._domainkey.d IN TXT "a" "b"' -> name, joined text
    name = line.split()[0].rstrip(".")
    return name, "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', line))


def verify(line):
    name, text = record_text(line)

    def dnsfunc(query, timeout=5):
        wanted = query.decode() if isinstance(query, bytes) else query
        return text.encode() if wanted.rstrip(".").lower() == name.lower() else None

    message = sys.stdin.buffer.read()
    ok = dkim.verify(message, dnsfunc=dnsfunc)
    print("dkim pass" if ok else "dkim fail")


def sign(key_file, domain, selector):
    message = sys.stdin.buffer.read()
    with open(key_file, "rb") as f:
        key = f.read()
    headers = [b"from", b"from", b"to", b"subject", b"date", b"message-id"]
    signature = dkim.sign(message, selector.encode(), domain.encode(), key,
                          canonicalize=(b"relaxed", b"relaxed"), include_headers=headers)
    sys.stdout.buffer.write(signature + message)


def sink(port, directory, seven_bit=False):
    import asyncio
    from aiosmtpd.controller import Controller

    class Store:
        count = 0

        async def handle_DATA(self, server, session, envelope):
            Store.count += 1
            path = os.path.join(directory, "%d.eml" % Store.count)
            with open(path + ".tmp", "wb") as f:
                f.write(envelope.original_content)
            os.rename(path + ".tmp", path)
            return "250 stored"

        async def handle_EHLO(self, server, session, envelope, hostname, responses):
            session.host_name = hostname
            return [r for r in responses if not (seven_bit and "8BITMIME" in r)]

    controller = Controller(Store(), hostname="127.0.0.1", port=int(port))
    controller.start()  # returns once the server answers
    open(os.path.join(directory, "ready"), "w").close()
    # until the test kills it
    asyncio.new_event_loop().run_until_complete(asyncio.Event().wait())


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "verify" and len(sys.argv) == 3:
        verify(sys.argv[2])
    elif command == "sign" and len(sys.argv) == 5:
        sign(*sys.argv[2:5])
    elif command == "sink" and len(sys.argv) in (4, 5):
        sink(sys.argv[2], sys.argv[3], sys.argv[4:] == ["7bit"])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
