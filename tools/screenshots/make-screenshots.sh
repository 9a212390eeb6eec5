#!/usr/bin/env bash
# Makes the JConsole screenshots in docs/img/ again: starts its own redis-server, one example worker
# with the wmon agent, opens a JMX port on 127.0.0.1 in it with jcmd, and starts an Xvfb display, then
# runs JConsoleShots.java, which runs JConsole in its own JVM, connects it to that port and saves the PNGs.
#
#   ./mvnw -B -DskipTests package              # first: the agent and example-worker jars
#   tools/screenshots/make-screenshots.sh      # writes docs/img/jconsole-*.png
#
# Needs a JDK 17+ with the jdk.jconsole module (JAVA_HOME, else java on the PATH), redis-server and
# Xvfb (Debian: apt-get install -y redis-server xvfb). Not part of the Maven build or CI: it needs a
# display. Everything it starts is stopped when it ends, also when it fails or is interrupted.
# OUT_DIR=dir writes the PNGs elsewhere; they replace the old ones only when every one was made.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${OUT_DIR:-$root/docs/img}
agent_jar=$root/agent/target/wmon-agent.jar
worker_jar=$root/example-worker/target/wmon-example-worker.jar

fail() {
    echo "make-screenshots: $*" >&2
    exit 1
}

for jar in "$agent_jar" "$worker_jar"; do
    [ -f "$jar" ] || fail "$jar not found; build it first with ./mvnw -B -DskipTests package"
done
command -v redis-server >/dev/null || fail "redis-server not found (Debian: apt-get install -y redis-server)"
command -v Xvfb >/dev/null || fail "Xvfb not found (Debian: apt-get install -y xvfb)"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java=$JAVA_HOME/bin/java
else
    java=$(command -v java) || fail "no java: set JAVA_HOME to a JDK 17+"
fi
"$java" --list-modules | grep -q '^jdk.jconsole@' \
    || fail "$java has no jdk.jconsole module (a JRE, or a headless JDK): set JAVA_HOME to a full JDK"
jcmd=$(dirname "$(readlink -f "$java")")/jcmd
[ -x "$jcmd" ] || fail "no jcmd beside $java"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wmon-screens.XXXXXX")
pids=()

# Stops what this script started, newest first: the driver (and its JConsole), the worker (its
# input closed first, so it ends as it would normally), redis-server, Xvfb.
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    set +e
    exec 3>&-
    local i pid
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        pid=${pids[i]}
        stop "$pid"
    done
    if [ "$status" -ne 0 ]; then
        for log in "$tmp"/*.log; do
            [ -s "$log" ] && { echo "--- $(basename "$log")" >&2; tail -n 20 "$log" >&2; }
        done
    fi
    rm -rf "$tmp"
    exit "$status"
}

# Asks process $1 to stop, waits up to 10 s, then kills it.
stop() {
    local pid=$1 tries=0
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 50 ]; do
        sleep 0.2
        tries=$((tries + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A TCP port on 127.0.0.1 that nothing listens on (never 6379, which a developer's own Redis may hold).
free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 40000))
        [ "$port" -eq 6379 ] && continue
        if ! (: <>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    fail "no free TCP port found"
}

# Polls the command $2… every 0.2 s until it succeeds; fails after $1 seconds naming what it waited for.
wait_for() {
    local seconds=$1 what=$2
    shift 2
    local tries=$((seconds * 5))
    until "$@" 2>/dev/null; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || fail "gave up after $seconds s waiting for $what"
        sleep 0.2
    done
}

redis_answers() {
    local reply
    exec 8<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf 'PING\r\n' >&8
    read -r -t 2 reply <&8 || true
    exec 8>&-
    [ "${reply%$'\r'}" = "+PONG" ]
}

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$tmp/redis.log" 2>&1 &
pids+=($!)
wait_for 20 "redis-server on port $redis_port" redis_answers "$redis_port"

Xvfb -displayfd 4 -screen 0 1280x800x24 -nolisten tcp 4>"$tmp/display" >"$tmp/xvfb.log" 2>&1 &
pids+=($!)
wait_for 20 "Xvfb to report its display" test -s "$tmp/display"
display=:$(head -n 1 "$tmp/display")

jmx_port=$(free_port)
[ "$jmx_port" -ne "$redis_port" ] || jmx_port=$(free_port)
mkfifo "$tmp/worker.in"
"$java" "-javaagent:$agent_jar=redis=redis://127.0.0.1:$redis_port,id=demo-1,interval=2s" \
    -Xmx64m -XX:+UseSerialGC \
    -jar "$worker_jar" --stdin <"$tmp/worker.in" >"$tmp/worker.log" 2>&1 &
pids+=($!)
exec 3>"$tmp/worker.in" # held open for the worker's whole life: its end of input would end it
wait_for 30 "the example worker to start with the agent" grep -q 'agent=true' "$tmp/worker.log"
worker_pid=$(sed -n 's/^ready pid=\([0-9]*\).*/\1/p' "$tmp/worker.log")

# The JMX port opened as docs/apm.md tells users to, in the running worker. Unauthenticated and
# without TLS, on loopback only: fine for a throwaway worker on this machine.
"$jcmd" "$worker_pid" ManagementAgent.start "jmxremote.port=$jmx_port" jmxremote.host=127.0.0.1 \
    jmxremote.authenticate=false jmxremote.ssl=false >"$tmp/jcmd.log" 2>&1 \
    || fail "jcmd $worker_pid ManagementAgent.start failed: $(cat "$tmp/jcmd.log")"

mkdir -p "$tmp/img"
DISPLAY=$display "$java" \
    --add-exports jdk.jconsole/sun.tools.jconsole=ALL-UNNAMED \
    -Duser.language=en -Duser.country=US \
    -Dawt.useSystemAAFontSettings=on -Dswing.aatext=true \
    "$here/JConsoleShots.java" "127.0.0.1:$jmx_port" "$tmp/worker.in" "$tmp/img" >"$tmp/driver.log" 2>&1 &
driver=$!
pids+=("$driver")
if ! wait "$driver"; then
    failed=${TMPDIR:-/tmp}/wmon-screens-failed.png
    [ -f "$tmp/img/failed.png" ] && mv "$tmp/img/failed.png" "$failed" && echo "the screen at the failure: $failed" >&2
    fail "JConsoleShots failed"
fi
cat "$tmp/driver.log"

mkdir -p "$out"
cp "$tmp"/img/*.png "$out"/
echo "make-screenshots: $(ls "$tmp"/img | wc -l) screenshots in $out"
