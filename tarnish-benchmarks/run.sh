#!/usr/bin/env bash
# Regenerates BENCHMARKS.md at the repository root.
#
#   tarnish-benchmarks/run.sh           full run (about 12 minutes; run it on a quiet machine)
#   tarnish-benchmarks/run.sh smoke     about a minute: checks the harness, figures too thin to quote
#
# The Spring worker-mode start-up is measured once more by another JDK's java: $BENCH_OTHER_JAVA if set
# (empty: not measured), else a JDK 25 under /usr/lib/jvm if there is one.
#
# The same as: ./mvnw -B -Pbenchmarks -pl sample-app,tarnish-benchmarks -am -DskipTests verify [-Dbench.mode=smoke]
# (sample-app is built too: the Spring worker-mode start-up runs its packaged jar).
#
# The JMH benchmarks (one benchmark at a time, for profiling) do not feed BENCHMARKS.md; after a build,
#   java -cp "$(cat tarnish-benchmarks/target/classpath.txt)" org.openjdk.jmh.Main SmallCallBenchmark -prof gc
# where target/classpath.txt is written by this script.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-full}"
command="tarnish-benchmarks/run.sh${1:+ $1}"
./mvnw -B -q -pl tarnish-benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile="$PWD/tarnish-benchmarks/target/deps.txt"
echo "$PWD/tarnish-benchmarks/target/classes:$(cat tarnish-benchmarks/target/deps.txt)" > tarnish-benchmarks/target/classpath.txt
if [ -z "${BENCH_OTHER_JAVA+set}" ]; then
    BENCH_OTHER_JAVA="$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1 || true)"
fi
exec ./mvnw -B -Pbenchmarks -pl sample-app,tarnish-benchmarks -am -DskipTests verify \
    -Dbench.mode="$mode" -Dbench.command="$command" -Dbench.otherJava="$BENCH_OTHER_JAVA"
