#!/usr/bin/env bash
# Directive alert latency (issue 5): from the end of DATA (the client's final ".") of a [HỎA TỐC] [CHỈ ĐẠO] mail to
# a group of N officials, to each submit_sm at the SMSC. See bench/directive/directive.sh.
exec "$(dirname "$0")/directive/directive.sh" "$@"
