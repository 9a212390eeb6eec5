#!/bin/sh
# Benchmark (not a test) of `wmon status` over a big fleet; figures go to docs/cli.md, "Performance".
#
# Starts its own redis-server on a free loopback port (never 6379), writes WORKERS records with
# every v1 field (about 600 bytes each) the way the agent does, then measures
#   1. `bin/wmon status --json` as a whole process, RUNS times, and prints the median;
#   2. one `status --continuous --json` refresh cycle, from the generatedAtMillis of consecutive
#      documents (interval 0.001 s), median of the cycles after a warm-up; then the mean cycle
#      with the output (JSON, or the table) going to /dev/null.
# Usage: cli/src/test/bench/status-bench.sh   (after ./mvnw -B install -DskipTests)
# Environment: WORKERS (10000), RUNS (11), CYCLES (40), WMON_JAVA_OPTS (passed to bin/wmon).
set -eu
repo=$(cd "$(dirname "$0")/../../../.." && pwd)
workers=${WORKERS:-10000}
runs=${RUNS:-11}
cycles=${CYCLES:-40}
wmon="$repo/bin/wmon"

port=$(awk 'BEGIN { srand(); print 20000 + int(rand() * 20000) }')
dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" >"$dir/redis.log" 2>&1 &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null; wait "$redis_pid" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done
url="redis://127.0.0.1:$port"

# RESP for: HSET wmon:{bench}:worker:<id> <every field>; PEXPIRE it 1 h; ZADD the registry.
now=$(($(date +%s) * 1000))
awk -v n="$workers" -v now="$now" '
function resp(argc, args,   i, s) {
    s = "*" argc "\r\n"
    for (i = 1; i <= argc; i++) s = s "$" length(args[i]) "\r\n" args[i] "\r\n"
    return s
}
BEGIN {
    split("v 1 host bench-host-0001.example.internal pid 424242 started 0 beat 0 interval 5000 state busy " \
          "job job-000000000001 processed 123456 failed 78 agent 0.1.0-SNAPSHOT jvm 17.0.15 " \
          "heap_used 123456789 heap_max 4294967296 threads 42 cpu 0.125 pool_active 1 pool_idle 2 " \
          "pool_waiters 0 pool_max 4 pool_exhausted 0 app_pools 2 app_active 7 app_idle 8 pubsub 1 " \
          "rtt_us 350 breaker CLOSED labels team=payments;region=eu-west-1;tier=batch redis_sockets 11 " \
          "app_sockets 6 local_ports 50001,50002,50003,50004,50005,50006 leak 0", f, " ")
    for (w = 0; w < n; w++) {
        id = sprintf("bench-worker-%05d", w)
        key = "wmon:{bench}:worker:" id
        a[1] = "HSET"; a[2] = key; c = 2
        for (i = 1; i in f; i += 2) {
            v = f[i + 1]
            if (f[i] == "beat" || f[i] == "started") v = now - (w % 3000)
            a[++c] = f[i]; a[++c] = v
        }
        a[++c] = "id"; a[++c] = id
        printf "%s", resp(c, a)
        b[1] = "PEXPIRE"; b[2] = key; b[3] = "3600000"; printf "%s", resp(3, b)
        z[1] = "ZADD"; z[2] = "wmon:{bench}:workers"; z[3] = now; z[4] = id; printf "%s", resp(4, z)
    }
}' | redis-cli -p "$port" --pipe >/dev/null
echo "workers in the registry: $(redis-cli -p "$port" zcard 'wmon:{bench}:workers')"

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

"$wmon" -r "$url" -n bench status --json >/dev/null   # warms the page cache, not the JVM
i=0
: >"$dir/runs"
while [ "$i" -lt "$runs" ]; do
    start=$(date +%s%N)
    "$wmon" -r "$url" -n bench status --json >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000000)) >>"$dir/runs"
    i=$((i + 1))
done
echo "status --json, whole process, ms: $(sort -n "$dir/runs" | tr '\n' ' ')"
echo "status --json, whole process, median ms: $(median <"$dir/runs")"

"$wmon" -r "$url" -n bench status --continuous --json --interval 0.001 --max-cycles "$cycles" \
    | grep -o '"generatedAtMillis":[0-9]*' | cut -d: -f2 \
    | awk 'NR > 1 { print $1 - prev } { prev = $1 }' | tail -n +10 >"$dir/cycles"
echo "continuous cycle (after 10 warm-up cycles), ms: $(sort -n "$dir/cycles" | tr '\n' ' ')"
echo "continuous cycle, median ms: $(median <"$dir/cycles")"

# The same cycles without a reader on the pipe: (time of CYCLES + 10 cycles - time of 10) / CYCLES.
timed() {
    start=$(date +%s%N)
    "$wmon" -r "$url" -n bench status --continuous "$@" --interval 0.001 >/dev/null
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}
short=$(timed --json --max-cycles 10)
long=$(timed --json --max-cycles $((cycles + 10)))
echo "continuous cycle, JSON to /dev/null, mean ms: $(((long - short) / cycles))"
short=$(timed --max-cycles 10)
long=$(timed --max-cycles $((cycles + 10)))
echo "continuous cycle, table to /dev/null, mean ms: $(((long - short) / cycles))"
