#!/usr/bin/env bash
# Concurrent IMAP sessions of one official on one mailbox (issue 19), against a private Dovecot with the same
# client and load: errors, protocol violations, longest wait, commands per second. See bench/imap/concurrency.sh.
exec "$(dirname "$0")/imap/concurrency.sh" "$@"
