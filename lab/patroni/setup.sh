#!/usr/bin/env sh
# One-time set-up for `./racelab chaos --patroni` on Debian 12 (run as root):
#   - Debian's patroni (3.0.2), etcd-server (3.4) and PostgreSQL 15 (/usr/lib/postgresql/15/bin);
#   - the unprivileged system user the lab runs etcd, Patroni and PostgreSQL as when it runs as
#     root (initdb and Patroni refuse to run as root).
# The lab downloads nothing itself: when these are missing, chaos --patroni fails naming this script.
set -eu
if ! command -v patroni >/dev/null || ! command -v etcd >/dev/null \
    || [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y patroni etcd-server postgresql \
    || { apt-get update && apt-get install -y patroni etcd-server postgresql; }
fi
# The packages' own services are not the lab's: it starts its own on free loopback ports.
if id racefree-lab >/dev/null 2>&1; then :; else
  useradd --system --no-create-home --shell /usr/sbin/nologin racefree-lab
fi
echo "chaos --patroni is ready: patroni $(patroni --version | cut -d' ' -f2), $(etcd --version | head -1)"
