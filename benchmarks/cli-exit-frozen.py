#!/usr/bin/env python3
"""How long `bin/wmon status --continuous` takes to exit after SIGINT and after SIGTERM while the
Redis it reads is frozen (SIGSTOP) and a refresh cycle is stuck in a read.

Usage: benchmarks/cli-exit-frozen.py [ROUNDS]   (build first: ./mvnw -B install -DskipTests)
Starts its own redis-server on a random loopback port and stops it; prints each run and the medians.
"""
import os, random, signal, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WMON = os.path.join(ROOT, "bin", "wmon")
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def default_sigint():
    # A shell starts background jobs with SIGINT ignored; a user's Ctrl-C reaches a foreground one.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


port = 20000 + random.randint(0, 9999)
redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                          "--appendonly", "no"], stdout=subprocess.DEVNULL)
time.sleep(0.4)
results = {}
try:
    for sig in (signal.SIGINT, signal.SIGTERM):
        for run in range(ROUNDS):
            wmon = subprocess.Popen([WMON, "-r", "redis://127.0.0.1:%d" % port, "status", "-c", "-i", "1"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=default_sigint)
            time.sleep(2.5)
            os.kill(redis.pid, signal.SIGSTOP)
            time.sleep(1.2)  # the next cycle is now waiting on the frozen server
            start = time.monotonic()
            os.kill(wmon.pid, sig)
            try:
                code = wmon.wait(timeout=15)
            except subprocess.TimeoutExpired:
                wmon.kill()
                code = "still running after 15 s"
            millis = (time.monotonic() - start) * 1000
            os.kill(redis.pid, signal.SIGCONT)
            results.setdefault(sig.name, []).append(millis)
            print("%s run %d: exit %s after %.0f ms" % (sig.name, run + 1, code, millis), flush=True)
            time.sleep(0.5)
finally:
    os.kill(redis.pid, signal.SIGCONT)
    redis.terminate()
for name, values in results.items():
    print("%s: median %.0f ms, max %.0f ms over %d runs" % (name, statistics.median(values), max(values),
                                                            len(values)))
