#!/usr/bin/env bash
# Mail server against a private Postfix (issue 3): delivery throughput and ratio, LOGIN+SELECT, FETCH
# latency, RSS. See bench/mail/mail-bench.sh. Full size: bench/mail.sh 10000 20000
exec "$(dirname "$0")/mail/mail-bench.sh" "$@"
