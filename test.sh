#!/usr/bin/env bash
# The one test command: installs what the suite needs, restores, builds, runs every test project,
# and ends with one line "N passed, N failed" summed over all projects. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

need_apt=()
command -v kubectl >/dev/null 2>&1 || { echo "kubectl is required (it is preinstalled on this project's machines)"; exit 1; }
# Chromium is needed once e2e tests exist; install it through apt, never by a browser download.
if [ -d e2e ] && ls e2e/*/*.csproj >/dev/null 2>&1; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  # Chinese glyphs for the zh-CN pages and screenshots.
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need_apt+=(fonts-noto-cjk)
fi
# node and npm build the front-end bundle (xterm.js, CodeMirror); they are preinstalled on this project's machines.
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing: ${need_apt[*]}"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null; fi
fi

results=artifacts/test-results
rm -rf "$results"; mkdir -p "$results"

echo "== restore and build"
if ! dotnet build Dashboard.sln -c Debug -nologo -v q; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

status=0
for proj in $(ls tests/*/*.csproj e2e/*/*.csproj 2>/dev/null); do
  name=$(basename "$proj" .csproj)
  grep -q "BenchmarkDotNet" "$proj" && continue   # benchmarks are run on purpose, not in the suite
  echo "== $name"
  dotnet test "$proj" --no-build -nologo -v q --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    -- RunConfiguration.TestSessionTimeout=1500000 || status=1
  [ -f "$results/$name.trx" ] || { echo "$name produced no results"; status=1; }
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  e=$(echo "$counters" | sed -n 's/.* error="\([0-9]*\)".*/\1/p'); t=$(echo "$counters" | sed -n 's/.* timeout="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0}))
done
if [ "$failed" -gt 0 ] && command -v python3 >/dev/null 2>&1; then
  # Name each failed test with the first lines of its message, so a red run says what broke.
  python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for trx in glob.glob(sys.argv[1] + "/*.trx"):
    for r in ET.parse(trx).getroot().iterfind(".//t:UnitTestResult", ns):
        if r.get("outcome") != "Passed":
            msg = r.find(".//t:Message", ns)
            text = (msg.text or "").strip().splitlines()[:6] if msg is not None else []
            print("FAILED " + r.get("testName", "?"))
            for line in text: print("    " + line)
PY
fi
[ "$failed" -gt 0 ] && status=1
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
exit $status
