#!/usr/bin/env bash
# The console's browser suite (npm run test:console) drives Debian's Chromium and reads the printed
# summary with pdftotext/pdfinfo (poppler-utils). Installs what is missing with apt-get, nothing else:
# idempotent (a second run does nothing), quiet and non-interactive, so .ci/run can call it every time.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
{ command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; } || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-chromium: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
  as_root=(sudo -n)
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-chromium: installing ${missing[*]}" >&2
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# apt's chatter goes to a log that is shown only when something fails.
if ! { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
command -v chromium >/dev/null && command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null
