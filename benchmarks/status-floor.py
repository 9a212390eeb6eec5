#!/usr/bin/env python3
"""`wmon status --json` against the JVM's floor, side by side in one run, and its memory.

Starts its own redis-server on a free loopback port (never one it did not start), fills it with
WORKERS full worker records (benchmarks' FleetFill: every schema v1 field, through the agent's own
codec), then runs, ROUNDS times in a rotating order:
  - `bin/wmon -r URL -n floor status --json > /dev/null`, as a user would;
  - the bare reader: `wmon-bare-reader.jar` (ZRANGE + pipelined HGETALL with Jedis, nothing
    decoded), launched with bin/wmon's JVM flags (serial GC, C1 only) and a class-data archive of
    its own, made by a training run against this Redis;
  - peers, when installed: `rq info -W` over as many rq workers (registered by rq itself) and
    `Sidekiq::ProcessSet.new.size` over as many Sidekiq processes (the keys Sidekiq's heartbeat
    writes), in the same Redis.
It prints one Markdown table: median, min and max wall time of each, and the ratio of each median
to the bare reader's. Then the maximum RSS (`/usr/bin/time -v`, median of RSS_RUNS runs) of
`status --json` and of the text `status` at WORKERS and at BIG_WORKERS records, also for OTHER_WMON.

Usage: benchmarks/status-floor.py     (builds first: ./mvnw -pl benchmarks -am package -DskipTests)
Environment: WORKERS (10000), ROUNDS (21), BIG_WORKERS (100000; 0 skips the memory step),
PEERS (1; 0 skips rq and Sidekiq), RSS_RUNS (3, runs per memory figure), SKIP_BUILD=1, MVN_FLAGS (e.g. -o), OTHER_WMON (the bin/wmon of
another built checkout, e.g. an older commit, timed in the same rounds as one more row).
"""
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WMON = os.path.join(ROOT, "bin", "wmon")
CLI_JAR = os.path.join(ROOT, "cli", "target", "wmon.jar")
BENCH_JAR = os.path.join(ROOT, "benchmarks", "target", "wmon-benchmarks.jar")
BARE_JAR = os.path.join(ROOT, "benchmarks", "target", "wmon-bare-reader.jar")
PEERS_DIR = os.path.join(ROOT, "benchmarks", "peers")
WORKERS = int(os.environ.get("WORKERS", "10000"))
ROUNDS = int(os.environ.get("ROUNDS", "21"))
BIG_WORKERS = int(os.environ.get("BIG_WORKERS", "100000"))
PEERS = os.environ.get("PEERS", "1") != "0"
RSS_RUNS = int(os.environ.get("RSS_RUNS", "3"))
NS, BIG_NS = "floor", "floor-big"


def note(text):
    print(text, file=sys.stderr, flush=True)


def wmon_jvm_flags():
    """The JVM options bin/wmon gives a one-shot command, read from the launcher itself."""
    with open(WMON) as launcher:
        text = launcher.read()
    base = re.search(r'^opts="([^"$]*)"', text, re.M).group(1).split()
    one_shot = re.search(r'^\s+opts="\$opts ([^"]*)"\n\s*fi', text, re.M).group(1).split()
    return base + one_shot


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(cmd, env=None, quiet=True):
    out = subprocess.DEVNULL if quiet else subprocess.PIPE
    done = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, env=env, text=True)
    if done.returncode != 0:
        raise SystemExit("failed (exit %d): %s\n%s" % (done.returncode, " ".join(cmd), done.stderr))
    return done.stdout


def timed(cmd, env):
    start = time.perf_counter_ns()
    run(cmd, env)
    return (time.perf_counter_ns() - start) / 1e6


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def max_rss_kib(cmd):
    done = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    if done.returncode != 0:
        raise SystemExit("failed: %s\n%s" % (" ".join(cmd), done.stderr))
    return int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))


def median_rss_mib(cmd):
    """The median of RSS_RUNS runs' maximum RSS, MiB: one run's figure moves with the machine's load."""
    return statistics.median(max_rss_kib(cmd) for _ in range(RSS_RUNS)) / 1024


def peers(url, env):
    """The peer commands that can run here, each (name, command, env); a note for each that cannot."""
    found = []
    python = shutil.which("python3")
    rq = shutil.which("rq")
    if rq:
        with open(rq) as script:
            shebang = script.readline()
        if shebang.startswith("#!"):
            python = shebang[2:].strip().split()[0]
    if rq and subprocess.run([python, "-c", "import rq"], capture_output=True).returncode == 0:
        note(run([python, os.path.join(PEERS_DIR, "register-rq.py"), url, str(WORKERS)], quiet=False).strip())
        found.append(("`rq info -W` (rq %s)" % version([rq, "--version"]), [rq, "info", "-W", "-u", url], env))
    else:
        note("rq: not installed (apt-get install -y python3-rq); not measured")
    ruby_env = dict(env, REDIS_URL=url)
    if shutil.which("ruby") and subprocess.run(["ruby", "-e", 'require "sidekiq/api"'],
                                               capture_output=True).returncode == 0:
        note(run(["ruby", os.path.join(PEERS_DIR, "register-sidekiq.rb"), str(WORKERS)], ruby_env, quiet=False)
             .strip())
        sidekiq = run(["ruby", "-e", 'require "sidekiq"; print Sidekiq::VERSION'], quiet=False)
        found.append(("`Sidekiq::ProcessSet.new.size` (Sidekiq %s)" % sidekiq,
                      ["ruby", os.path.join(PEERS_DIR, "sidekiq-size.rb")], ruby_env))
    else:
        note("Sidekiq: not installed (apt-get install -y ruby-sidekiq); not measured")
    return found


def version(cmd):
    return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().split()[-1]


def main():
    if os.environ.get("SKIP_BUILD") != "1":
        note("building the CLI, its class-data archive and the benchmarks...")
        run([os.path.join(ROOT, "mvnw"), "-B", "-q"] + os.environ.get("MVN_FLAGS", "").split()
            + ["-pl", "benchmarks", "-am", "package", "-DskipTests"], dict(os.environ))
    for jar in (CLI_JAR, BENCH_JAR, BARE_JAR):
        if not os.path.isfile(jar):
            raise SystemExit("missing %s; build with ./mvnw -pl benchmarks -am package -DskipTests" % jar)
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
    flags = wmon_jvm_flags()
    work = tempfile.mkdtemp(prefix="wmon-floor.")
    port = free_port()
    url = "redis://127.0.0.1:%d" % port
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no", "--dir", work], stdout=subprocess.DEVNULL)
    try:
        for _ in range(50):
            if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True).stdout \
                    .strip() == "PONG":
                break
            time.sleep(0.1)
        else:
            raise SystemExit("redis-server did not start on port %d" % port)
        env = dict(os.environ)
        env.pop("WMON_JAVA_OPTS", None)
        fill = [java, "-cp", CLI_JAR + ":" + BENCH_JAR, "io.wmon.bench.floor.FleetFill", "--port", str(port)]
        note(run(fill + ["--namespace", NS, "--workers", str(WORKERS)], quiet=False).strip())

        archive = os.path.join(work, "wmon-bare-reader.jsa")
        bare = [java] + flags + ["-XX:SharedArchiveFile=" + archive, "-jar", BARE_JAR, "127.0.0.1", str(port), NS]
        # A static archive, as the CLI's (cli/pom.xml): the classes one training run loaded, then -Xshare:dump.
        classlist = os.path.join(work, "wmon-bare-reader.classlist")
        run([java] + flags + ["-XX:DumpLoadedClassList=" + classlist, "-jar", BARE_JAR, "127.0.0.1", str(port), NS])
        run([java, "-Xshare:dump", "-XX:SharedClassListFile=" + classlist, "-XX:SharedArchiveFile=" + archive,
             "-XX:+UseSerialGC", "-Xlog:disable", "-cp", BARE_JAR])
        note("bare reader: " + run(bare, quiet=False).strip())
        commands = [("`bin/wmon status --json`", [WMON, "-r", url, "-n", NS, "status", "--json"], env),
                    ("bare Jedis reader (same JVM flags, own CDS archive)", bare, env)]
        other = os.environ.get("OTHER_WMON")
        if other:
            commands.append(("`bin/wmon status --json` of %s" % other, [other, "-r", url, "-n", NS, "status", "--json"],
                             env))
        if PEERS:
            commands += peers(url, env)
        for _, cmd, cmd_env in commands:  # one untimed run each: page cache, Redis's own warm-up
            run(cmd, cmd_env)

        times = {name: [] for name, _, _ in commands}
        load_before = loadavg()
        for r in range(ROUNDS):
            shift = r % len(commands)
            for name, cmd, cmd_env in commands[shift:] + commands[:shift]:
                times[name].append(timed(cmd, cmd_env))
        load_after = loadavg()
        floor = statistics.median(times[commands[1][0]])
        wmon_to_bare = sorted(w / b for w, b in zip(times[commands[0][0]], times[commands[1][0]]))

        print("# `wmon status --json` against the floor")
        print()
        print("- date: %s; commit: %s" % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                                          run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], quiet=False)
                                          .strip()))
        print("- machine: %d cores; load average before / after the rounds: %s / %s"
              % (os.cpu_count(), load_before, load_after))
        print("- %s workers (full records); %d rounds, the order rotated each round; JVM flags of bin/wmon: %s"
              % (format(WORKERS, ","), ROUNDS, " ".join(flags)))
        print()
        print("| command | median ms | min ms | max ms | median / bare reader's |")
        print("|---|---|---|---|---|")
        for name, _, _ in commands:
            t = times[name]
            print("| %s | %.0f | %.0f | %.0f | %.2f |" % (name, statistics.median(t), min(t), max(t),
                                                         statistics.median(t) / floor))
        print()
        print("wmon / bare reader within each round: median %.2f, min %.2f, max %.2f"
              % (statistics.median(wmon_to_bare), wmon_to_bare[0], wmon_to_bare[-1]))

        if BIG_WORKERS > 0:
            note(run(fill + ["--namespace", BIG_NS, "--workers", str(BIG_WORKERS)], quiet=False).strip())
            print()
            print("| max RSS (`/usr/bin/time -v`), MiB, median of %d | %s workers | %s workers | ratio |"
                  % (RSS_RUNS, format(WORKERS, ","), format(BIG_WORKERS, ",")))
            print("|---|---|---|---|")
            launchers = [("", WMON)] + ([(" of %s" % other, other)] if other else [])
            for label, extra in (("`status --json`", ["--json"]), ("`status` (text)", [])):
                for suffix, launcher in launchers:
                    small = median_rss_mib([launcher, "-r", url, "-n", NS, "status"] + extra)
                    big = median_rss_mib([launcher, "-r", url, "-n", BIG_NS, "status"] + extra)
                    print("| %s%s | %.0f | %.0f | %.2f |" % (label, suffix, small, big, big / small))
    finally:
        redis.terminate()
        redis.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
