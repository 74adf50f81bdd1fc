# Sourced by the IMAP benches (needs $here, their directory). bench_work NAME DOVECOT... makes $work
# (/tmp/NAME.XXXXXX) and prints the machine; on exit our server ($work/congvu, congvu-server.sh) and the private
# Dovecots named (directories under $work, private-dovecot.sh) are stopped and $work removed unless KEEP is set.
bench_work() {
    local name="$1"
    shift
    work="$(mktemp -d "/tmp/$name.XXXXXX")"
    chmod 755 "$work"   # Dovecot's users walk into its directories below
    bench_dovecots=("$@")
    trap bench_cleanup EXIT
    echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/')"
}

bench_cleanup() {
    "$here/congvu-server.sh" stop "$work/congvu" || true
    local dovecot
    for dovecot in "${bench_dovecots[@]}"; do
        "$here/private-dovecot.sh" stop "$work/$dovecot" || true
    done
    if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
