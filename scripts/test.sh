#!/usr/bin/env bash
# Installs everything the tests need on a Debian machine (apt: snmpd, snmp, snmpsim, influxdb, chromium, postgresql,
# and python3/make/g++ for better-sqlite3 without a prebuilt binary; npm ci) and runs every test: typecheck, unit, integration against real daemons, and the
# LibreNMS conformance suite when ../shared/fixtures/librenms exists.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
command -v snmpd >/dev/null 2>&1 || missing+=(snmpd)
command -v snmpbulkwalk >/dev/null 2>&1 || missing+=(snmp)
command -v snmpsimd >/dev/null 2>&1 || missing+=(snmpsim)
command -v influxd >/dev/null 2>&1 || missing+=(influxdb)
# The web page's browser test (test/integration/web-map.test.ts) drives Debian's chromium headless.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Scale-out tests (test/integration/cluster-*.test.ts, inventory on PostgreSQL) start a throwaway PostgreSQL.
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
# better-sqlite3 compiles itself when no prebuilt binary can be downloaded; that needs these.
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  # policy-rc.d keeps the packages' services from starting: the tests start their own daemons
  # on free loopback ports and must not find port 161/8086 taken by a system service.
  if [ -z "$SUDO" ] && [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "==> npm ci"
npm ci --no-audit --no-fund --loglevel=error

echo "==> typecheck and lint"
npm run -s typecheck
npm run -s lint

echo "==> tests (unit + integration + conformance)"
report="$(mktemp)"
status=0
npx vitest run --reporter=default --reporter=json --outputFile="$report" || status=$?
# One plain closing line that any CI log reader understands.
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);' "$report" || true
rm -f "$report"
exit "$status"
