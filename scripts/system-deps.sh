#!/usr/bin/env bash
# System packages the tests use: Debian's chromium (browser tests), Noto CJK fonts (readable
# screenshots) and nginx (the hosting test). Installed with apt-get when missing and we are
# root on Debian; otherwise say what is missing and let the tests report it.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "note: ${missing[*]} not installed (apt-get install ${missing[*]}); the browser/hosting tests need them" >&2
fi
