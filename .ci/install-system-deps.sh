#!/usr/bin/env bash
# Install the Debian packages the test suite needs, only those that are missing: xmllint
# (JUnit schema check), subunit and python3-junitxml (subunit stream checks), redis-server
# (the Redis example of docs/sidecars.md), tmux (watch mode's keys in a real terminal), PostgreSQL (sidecar suites, through
# install-postgres.sh). Under CI the tests fail, rather than skip, when one is missing.
set -euo pipefail
here=$(dirname "$0")
missing=()
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v subunit-stats >/dev/null 2>&1 || missing+=(subunit python3-subunit)
python3 -c 'import junitxml' >/dev/null 2>&1 || missing+=(python3-junitxml)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v prove >/dev/null 2>&1 || missing+=(perl)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
sh "$here/install-postgres.sh"
