#!/bin/sh
# Measures what the wmon agent costs a worker JVM and prints a Markdown report: start-up time,
# CPU per heartbeat, retained heap, in-process JMX getter latency, each with and without the agent,
# and the time of one socket census with many sockets open.
#
# Usage: benchmarks/run.sh            full run (about 10 minutes with two JDKs)
#        QUICK=1 benchmarks/run.sh    smoke run with small counts (about 2 minutes)
#
# Environment: JAVA17 and JAVA25 (JDK folders; default: the java on PATH, and
# /usr/lib/jvm/temurin-25-jdk-amd64 when present), RUNS (start-up rounds, 21), PROBES (11),
# SECONDS_AGENT (60), BEATS (2000), PACED (beats 1 s apart after the loop, 20), READS (200000),
# PAIRS (5), SETTLE (10), SOCKETS (sockets open during the census benchmark, 1000), CENSUSES (2000),
# JMH=1 (also the JMH
# getter benchmark), SKIP_BUILD=1, MVN_FLAGS (extra Maven flags, e.g. -o).
#
# It starts its own redis-server on a free loopback port and stops it on exit; it never touches
# a Redis it did not start.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/benchmarks/target/wmon-benchmarks.jar
AGENT=$ROOT/agent/target/wmon-agent.jar

if [ "${QUICK:-0}" = 1 ]; then
    RUNS=${RUNS:-5}; PROBES=${PROBES:-3}; SECONDS_AGENT=${SECONDS_AGENT:-10}; BEATS=${BEATS:-500}
    READS=${READS:-50000}; PAIRS=${PAIRS:-1}; SETTLE=${SETTLE:-5}; PACED=${PACED:-5}; CENSUSES=${CENSUSES:-300}
fi
RUNS=${RUNS:-21}; PROBES=${PROBES:-11}; SECONDS_AGENT=${SECONDS_AGENT:-60}; BEATS=${BEATS:-2000}
READS=${READS:-200000}; PAIRS=${PAIRS:-5}; SETTLE=${SETTLE:-10}; PACED=${PACED:-20}
SOCKETS=${SOCKETS:-1000}; CENSUSES=${CENSUSES:-2000}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "building benchmarks and the agent jar..." >&2
    (cd "$ROOT" && ./mvnw -B -q ${MVN_FLAGS:-} -pl benchmarks -am package -DskipTests) >&2
fi
[ -f "$BENCH" ] && [ -f "$AGENT" ] || { echo "missing $BENCH or $AGENT" >&2; exit 1; }

if [ -n "${JAVA17:-}" ]; then
    J17=$JAVA17
elif [ -n "${JAVA_HOME:-}" ]; then
    J17=$JAVA_HOME
else
    J17=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
J25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JDKS=$J17
[ -x "$J25/bin/java" ] && JDKS="$J17,$J25"
JAVA="$J17/bin/java"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/wmon-bench.XXXXXX")
REDIS_PID=
cleanup() {
    [ -n "$REDIS_PID" ] && kill "$REDIS_PID" 2>/dev/null && wait "$REDIS_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT=$("$JAVA" -cp "$BENCH" io.wmon.bench.FreePort)
redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
i=0
until redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; do
    i=$((i + 1))
    [ $i -gt 50 ] && { echo "redis-server did not start:" >&2; cat "$WORK/redis.log" >&2; exit 1; }
    sleep 0.1
done
DOWN=$("$JAVA" -cp "$BENCH" io.wmon.bench.FreePort)
while [ "$DOWN" = "$PORT" ]; do DOWN=$("$JAVA" -cp "$BENCH" io.wmon.bench.FreePort); done
URL=redis://127.0.0.1:$PORT

ROWS=$WORK/rows.md
DETAILS=$WORK/details.txt
: >"$ROWS"
: >"$DETAILS"

# step NAME COMMAND...: runs one benchmark, rows to the table, notes and load to the details.
step() {
    name=$1
    shift
    echo "running: $name" >&2
    echo "## $name (load before: $(cut -d' ' -f1-3 /proc/loadavg))" >>"$DETAILS"
    "$@" >>"$ROWS" 2>>"$DETAILS" || { echo "$name failed; see below" >&2; cat "$DETAILS" >&2; exit 1; }
}

OLD_IFS=$IFS
step "start-up" "$JAVA" -cp "$BENCH" io.wmon.bench.startup.StartupBench --jdks "$JDKS" --agent "$AGENT" \
    --bench "$BENCH" --redis-port "$PORT" --down-port "$DOWN" --runs "$RUNS" --probes "$PROBES"
IFS=,
for J in $JDKS; do
    IFS=$OLD_IFS
    step "heartbeat loop ($J)" "$J/bin/java" -cp "$BENCH:$AGENT" io.wmon.bench.heartbeat.HeartbeatLoopBench \
        --redis "$URL" --beats "$BEATS" --paced "$PACED"
    step "agent heartbeat thread ($J)" "$J/bin/java" "-javaagent:$AGENT=redis=$URL,namespace=bench,interval=1s" \
        -cp "$BENCH" io.wmon.bench.heartbeat.AgentThreadBench --seconds "$SECONDS_AGENT"
    step "JMX getters ($J)" "$J/bin/java" "-javaagent:$AGENT=redis=$URL,namespace=bench" \
        -cp "$BENCH" io.wmon.bench.jmx.GetterLatencyBench --reads "$READS"
    step "socket census ($J)" "$J/bin/java" -cp "$BENCH:$AGENT" io.wmon.bench.census.CensusBench \
        --redis-port "$PORT" --sockets "$SOCKETS" --censuses "$CENSUSES"
    IFS=,
done
IFS=$OLD_IFS
step "heap" "$JAVA" -cp "$BENCH" io.wmon.bench.heap.HeapBench --jdks "$JDKS" --agent "$AGENT" --bench "$BENCH" \
    --redis-port "$PORT" --pairs "$PAIRS" --settle "$SETTLE"
if [ "${JMH:-0}" = 1 ]; then
    echo "running: JMH getters" >&2
    "$JAVA" -jar "$BENCH" GetterJmh -jvmArgsAppend "-javaagent:$AGENT=redis=$URL,namespace=bench" \
        >"$WORK/jmh.txt" 2>&1 || { cat "$WORK/jmh.txt" >&2; exit 1; }
    { echo "## JMH GetterJmh (Java 17, sample mode, ns/op)"; sed -n '/^Benchmark/,$p' "$WORK/jmh.txt"; } >>"$DETAILS"
fi

echo "# wmon agent benchmarks"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- JDKs: $JDKS; Redis: $(redis-server --version | awk '{print $3}') on 127.0.0.1:$PORT (own instance)"
echo "- busiest other processes at the end: $(ps -eo pcpu=,comm= --sort=-pcpu | head -5 | awk '{printf "%s %s%%; ", $2, $1}')"
echo
echo "| Figure | JDK | Without agent | With agent | Agent's cost | Target | Met |"
echo "|---|---|---|---|---|---|---|"
cat "$ROWS"
echo
echo "## Details"
echo
echo '```'
grep -v '^OpenJDK 64-Bit Server VM warning' "$DETAILS" | grep -v 'AgentLauncher start$' | grep -v '^INFO: wmon agent started'
echo '```'
