#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests.
#
#   scripts/pg_cluster.sh start DIR   creates DIR, initdb's a cluster in it,
#                                     starts it and prints its URL
#   scripts/pg_cluster.sh stop DIR    stops that cluster and removes DIR
#
# The server listens on a unix socket in DIR only (no TCP), so no port can
# clash with another cluster; trust authentication is safe for the same
# reason: only users who can enter DIR reach the socket. The cluster trades
# durability for speed (fsync off): it holds test data only.
#
# postgres refuses to run as root, so under uid 0 every server command runs
# as the unprivileged user "postgres" (created by the postgresql package),
# which owns DIR. PG_BIN overrides where initdb and pg_ctl are looked up.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
cmd=$1
dir=$2
# Marks a folder made by this script: stop removes nothing else.
marker=.crosscheck_pg_cluster
port=5432
db=crosscheck

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then
    echo "$PG_BIN"
  elif command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
  else
    # Debian keeps the server binaries out of PATH, one folder per version.
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$found" ] && [ -x "$found/initdb" ] || {
      echo "pg_cluster: no initdb found (install postgresql, or set PG_BIN)" >&2
      exit 1
    }
    echo "$found"
  fi
}

# Runs a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    bin=$(find_bin)
    if [ -e "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
      echo "pg_cluster: $dir exists and is not empty" >&2
      exit 1
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    # A unix socket path is limited to 107 bytes.
    if [ $(( ${#dir} + 20 )) -gt 107 ]; then
      echo "pg_cluster: $dir is too long for a unix socket path" >&2
      exit 1
    fi
    touch "$dir/$marker"
    if [ "$(id -u)" -eq 0 ]; then
      id postgres >/dev/null 2>&1 || {
        echo "pg_cluster: running as root needs the user 'postgres'" >&2
        exit 1
      }
      chown postgres: "$dir"
      # mktemp -d makes 0700 folders; the clients (root) need none of this,
      # but postgres must be able to reach DIR through its parents.
      chmod 0755 "$dir"
      runuser -u postgres -- test -x "$dir" || {
        echo "pg_cluster: user postgres cannot enter $dir (check the parent folders' permissions)" >&2
        exit 1
      }
    fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
      --locale=C --no-sync >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $dir -p $port -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200" \
      start >/dev/null || {
      cat "$dir/server.log" >&2
      exit 1
    }
    as_owner "$bin/createdb" -h "$dir" -p "$port" -U postgres "$db"
    echo "postgresql://postgres@/$db?host=$dir&port=$port"
    ;;
  stop)
    [ -d "$dir" ] || exit 0
    if [ ! -e "$dir/$marker" ]; then
      echo "pg_cluster: $dir was not made by pg_cluster.sh start; not removing it" >&2
      exit 1
    fi
    if [ -f "$dir/data/postmaster.pid" ]; then
      bin=$(find_bin)
      as_owner "$bin/pg_ctl" -D "$dir/data" -w -t 60 -m fast stop >/dev/null
    fi
    rm -rf "$dir"
    ;;
  *)
    usage
    ;;
esac
