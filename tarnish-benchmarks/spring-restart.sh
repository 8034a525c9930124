#!/usr/bin/env bash
# Whole-process figures of a Spring worker as users run it: the packaged sample, `java -jar`, a fresh
# cache. Prints the application's own start, then the ready time of the "native" task's worker at
# the start (beside the application), and after each of five restarts (the first restarted worker
# runs from the extracted jar and trains the class-data-sharing archive; later ones use it).
# Usage: ./mvnw -B -pl sample-app -am package -DskipTests && tarnish-benchmarks/spring-restart.sh [java [app arguments]]
# e.g. tarnish-benchmarks/spring-restart.sh java --tarnish.tasks.native.lean-jvm=false
set -euo pipefail
JAVA=${1:-java}
shift || true
JAR=$(ls "$(dirname "$0")"/../sample-app/target/tarnish-sample-app-*.jar | head -1)
DIR=$(mktemp -d)
PORT=${PORT:-18081}
trap 'kill $APP 2>/dev/null || true; rm -rf "$DIR"' EXIT
"$JAVA" -Dtarnish.cache.dir="$DIR/cache" -jar "$JAR" --server.port="$PORT" "$@" \
  --logging.level.dev.tarnish.internal.supervise.PoolEvents=debug > "$DIR/app.log" 2>&1 &
APP=$!
ready() { grep -c "of task 'native' ready in" "$DIR/app.log" || true; }
for _ in $(seq 1 240); do curl -sf "localhost:$PORT/actuator/health" > /dev/null 2>&1 && break; sleep 0.5; done
for _ in $(seq 1 120); do [ "$(ready)" -ge 1 ] && break; sleep 0.5; done
sleep 5
for _ in 1 2 3 4 5; do
  before=$(ready)
  curl -sf -X POST "localhost:$PORT/actuator/tarnish/native" > /dev/null
  for _ in $(seq 1 120); do [ "$(ready)" -gt "$before" ] && break; sleep 0.5; done
  sleep 6   # the retired worker stops (and, when training, writes its archive) before the next restart
done
echo "java: $("$JAVA" -version 2>&1 | head -1); machine: $(nproc) cores"
grep -m1 "Started SampleApplication" "$DIR/app.log" | sed 's/.*Started/application: Started/'
grep "of task 'native' ready in" "$DIR/app.log" | sed 's/.*Worker/worker/'
echo "cache: $(ls "$DIR/cache" | tr '\n' ' ')"
