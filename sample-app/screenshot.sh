#!/usr/bin/env bash
# Starts the packaged sample, makes some calls (and a crash), and takes a screenshot of its page in
# headless Chromium (Debian's `chromium`), to look at the page as a visitor sees it, live chart included.
#
#   ./mvnw -B -pl sample-app -am -DskipTests package && sample-app/screenshot.sh [out.png]
set -euo pipefail
cd "$(dirname "$0")"
out="${1:-target/sample-page.png}"
port="${PORT:-18080}"
command -v chromium >/dev/null || { echo "needs Debian's chromium: apt-get install chromium" >&2; exit 2; }
java -jar target/tarnish-sample-app-0.1.0-SNAPSHOT.jar --server.port="$port" > target/screenshot-app.log 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true' EXIT
base="http://localhost:$port"
for _ in $(seq 1 120); do
  curl -fs "$base/actuator/health/tarnish" | grep -q '"UP"' && break
  sleep 1
done
# Traffic for the chart while the page is open: calls every few hundred milliseconds, and one crash.
(
  for i in $(seq 1 40); do
    curl -fs -X POST "$base/api/native/ok" > /dev/null || true
    curl -fs "$base/api/greeting?name=screenshot" > /dev/null || true
    [ "$i" = 15 ] && curl -s -X POST "$base/api/native/segfault" > /dev/null
    sleep 0.3
  done
) &
traffic=$!
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --window-size=1280,1400 \
  --virtual-time-budget=12000 --screenshot="$out" "$base/" 2> target/screenshot-chromium.log
wait "$traffic" || true
echo "wrote $out"
