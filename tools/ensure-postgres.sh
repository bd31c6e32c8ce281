#!/usr/bin/env bash
# The history store tests start their own PostgreSQL server on 127.0.0.1
# (initdb + postgres in a temporary folder); this makes sure the binaries exist
# (Debian's package), installing it when missing and when we are allowed to
# (root, or passwordless sudo).
set -euo pipefail
found() {
  command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1 && return 0
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null
}
if found; then exit 0; fi
if [ "$(id -u)" = 0 ]; then apt=(apt-get); elif sudo -n true 2>/dev/null; then apt=(sudo -n apt-get); else
  echo "PostgreSQL is missing and cannot be installed here: the PostgreSQL history tests will fail" >&2; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" update -qq >/dev/null
"${apt[@]}" install -y -qq postgresql >/dev/null
found
