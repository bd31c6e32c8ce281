#!/usr/bin/env bash
# The shared-cache tests start their own redis-server on 127.0.0.1; this makes
# sure the binary exists (Debian's package), installing it when missing and
# when we are allowed to (root, or passwordless sudo).
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ]; then apt=(apt-get); elif sudo -n true 2>/dev/null; then apt=(sudo -n apt-get); else
  echo "redis-server is missing and cannot be installed here: the Redis tests will fail" >&2; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" update -qq >/dev/null
"${apt[@]}" install -y -qq redis-server >/dev/null
command -v redis-server >/dev/null
