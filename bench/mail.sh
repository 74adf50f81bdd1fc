#!/usr/bin/env bash
# Mail server delivery throughput, LOGIN+SELECT time and FETCH latency (issue 3). See bench/mail/mail-bench.sh.
# Not yet in it: the Postfix baseline and ratio the issue asks for.
exec "$(dirname "$0")/mail/mail-bench.sh" "$@"
