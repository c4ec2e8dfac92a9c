#!/bin/sh
# Make PostgreSQL server binaries available for the sidecar tests: a no-op when trial-ts can
# already find them (PGBIN, pg_config, PATH, /usr/lib/postgresql/*/bin, Homebrew), otherwise
# Debian's `postgresql` package through apt-get. Idempotent and quiet; never starts a service
# and never creates users (the package's own `postgres` user is what runs the server as root).
set -eu

have_server() {
  for dir in "${PGBIN:-}" "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/*/bin; do
    [ -n "$dir" ] && [ -x "$dir/postgres" ] && [ -x "$dir/initdb" ] && return 0
  done
  command -v postgres >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1
}

if have_server; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-postgres: no PostgreSQL binaries and no apt-get; install PostgreSQL (or set PGBIN) to run the sidecar tests" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null

have_server || { echo "install-postgres: postgresql installed but postgres/initdb still not found" >&2; exit 1; }
