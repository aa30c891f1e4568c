#!/usr/bin/env bash
# Usage: run-as-nobody.sh BINARY [ARGS...]
# Runs BINARY as uid/gid 65534 with no supplementary groups. The binary is copied into a
# private world-readable temporary folder first, because the build tree may not be
# reachable for that user (a clone under /root). Exit status is the binary's.
set -euo pipefail
bin=$1; shift
if [ "$(id -u)" != 0 ]; then
    echo "run-as-nobody.sh: must be started as root to switch to uid 65534" >&2
    exit 77
fi
tmp=$(mktemp -d /tmp/nsx-nobody.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
cp "$bin" "$tmp/"
chmod 755 "$tmp/$(basename "$bin")"
cd "$tmp"
HOME=$tmp setpriv --reuid=65534 --regid=65534 --clear-groups "$tmp/$(basename "$bin")" "$@"
