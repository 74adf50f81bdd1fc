#!/usr/bin/env bash
# SMS gateway throughput against the npm smpp peer, with Kannel as the baseline (issue 4). See bench/sms/sms.sh.
exec "$(dirname "$0")/sms/sms.sh" "$@"
