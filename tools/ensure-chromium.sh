#!/usr/bin/env bash
# The explorer's browser tests drive Debian's chromium (/usr/bin/chromium) with
# playwright-core; this makes sure it exists, installing it when missing and
# when we are allowed to (root, or passwordless sudo), like ensure-redis.sh.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = 0 ]; then apt=(apt-get); elif sudo -n true 2>/dev/null; then apt=(sudo -n apt-get); else
  echo "chromium is missing and cannot be installed here: the explorer's browser tests will fail (apt-get install -y chromium)" >&2; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
"${apt[@]}" update -qq >/dev/null
"${apt[@]}" install -y -qq chromium >/dev/null
test -x /usr/bin/chromium
