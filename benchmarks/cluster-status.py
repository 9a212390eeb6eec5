#!/usr/bin/env python3
"""`wmon status --json` on a Redis Cluster, with its namespace's slot settled and then half migrated.

Starts its own three-master cluster on free loopback ports (never one it did not start), fills the
namespace `bench` with WORKERS full worker records (benchmarks' FleetFill, on the node that serves the
namespace's slot), then times ROUNDS runs of `bin/wmon -r redis-cluster://… -n bench status --json`
(stdout to /dev/null), interleaved with OTHER_WMON (the bin/wmon of another built checkout) when given:
  1. settled: the slot on one node, as always;
  2. migrating: the slot set importing on another master and migrating on its owner, and half of its
     keys (the registry among them) moved there with MIGRATE, the rest not: the read meets ASK.
It prints one Markdown table: wall and CPU (user+system) medians with min-max, runs that failed, and
the ratio of bin/wmon to OTHER_WMON within each round.

Usage: benchmarks/cluster-status.py     (after ./mvnw -B -pl benchmarks -am package -DskipTests)
Environment: WORKERS (10000), ROUNDS (21), OTHER_WMON (e.g. /path/to/older/checkout/bin/wmon).
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WMON = os.path.join(ROOT, "bin", "wmon")
WORKERS = int(os.environ.get("WORKERS", "10000"))
ROUNDS = int(os.environ.get("ROUNDS", "21"))
OTHER = os.environ.get("OTHER_WMON")
NAMESPACE = "bench"
REGISTRY = "wmon:{%s}:workers" % NAMESPACE


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(port, *args):
    out = subprocess.run(["redis-cli", "-p", str(port), *args], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def start_cluster(workdir):
    ports = []
    while len(ports) < 3:
        port = free_port()
        if port < 55535 and port not in ports:  # the bus port is port + 10000
            ports.append(port)
    for port in ports:
        node = os.path.join(workdir, str(port))
        os.makedirs(node)
        subprocess.run(["redis-server", "--port", str(port), "--cluster-enabled", "yes", "--cluster-config-file",
                        "nodes.conf", "--save", "", "--appendonly", "no", "--daemonize", "yes", "--dir", node,
                        "--logfile", "log"], check=True)
    for port in ports:
        for _ in range(100):
            if subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).returncode == 0:
                break
            time.sleep(0.05)
    subprocess.run(["redis-cli", "--cluster", "create", *["127.0.0.1:%d" % p for p in ports], "--cluster-yes"],
                   check=True, capture_output=True)
    for _ in range(200):
        if all("cluster_state:ok" in cli(p, "cluster", "info") for p in ports):
            return ports
        time.sleep(0.1)
    sys.exit("the cluster did not become ok")


def slot_owner(ports, slot):
    """The port of the master that serves slot, from CLUSTER NODES."""
    for line in cli(ports[0], "cluster", "nodes").splitlines():
        fields = line.split()
        if "master" in fields[2]:
            for field in fields[8:]:
                first, _, last = field.partition("-")
                if field[0].isdigit() and int(first) <= slot <= int(last or first):
                    return int(fields[1].split("@")[0].rsplit(":", 1)[1])
    sys.exit("no master serves slot %d" % slot)


def begin_migration(ports, slot):
    source = slot_owner(ports, slot)
    target = next(p for p in ports if p != source)
    source_id, target_id = cli(source, "cluster", "myid"), cli(target, "cluster", "myid")
    cli(target, "cluster", "setslot", str(slot), "importing", source_id)
    cli(source, "cluster", "setslot", str(slot), "migrating", target_id)
    cli(source, "migrate", "127.0.0.1", str(target), "", "0", "5000", "replace", "keys", REGISTRY)
    total = int(cli(source, "cluster", "countkeysinslot", str(slot)))
    while int(cli(source, "cluster", "countkeysinslot", str(slot))) > total // 2:
        keys = cli(source, "cluster", "getkeysinslot", str(slot), "100").split()
        cli(source, "migrate", "127.0.0.1", str(target), "", "0", "5000", "replace", "keys", *keys)
    return int(cli(target, "cluster", "countkeysinslot", str(slot))), int(cli(source, "cluster", "countkeysinslot", str(slot)))


def timed(binary, url):
    start = time.monotonic()
    proc = subprocess.Popen([binary, "-r", url, "-n", NAMESPACE, "status", "--json"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return (time.monotonic() - start) * 1000, (usage.ru_utime + usage.ru_stime) * 1000, status == 0


def measure(url):
    binaries = {"bin/wmon": WMON}
    if OTHER:
        binaries["OTHER_WMON"] = OTHER
    runs = {name: [] for name in binaries}
    for r in range(ROUNDS):
        names = list(binaries) if r % 2 == 0 else list(reversed(list(binaries)))
        for name in names:
            runs[name].append(timed(binaries[name], url))
    return runs


def median_range(values):
    return "%d ms (%d-%d)" % (statistics.median(values), min(values), max(values)) if values else "-"


def rows(phase, runs):
    for name, results in runs.items():
        ok = [r for r in results if r[2]]
        yield "| %s | %s | %s | %s | %d of %d |" % (phase, name, median_range([r[0] for r in ok]),
                                                   median_range([r[1] for r in ok]), len(results) - len(ok), len(results))
    if "OTHER_WMON" in runs:
        pairs = [(a, b) for a, b in zip(runs["bin/wmon"], runs["OTHER_WMON"]) if a[2] and b[2]]
        if pairs:
            wall = [a[0] / b[0] for a, b in pairs]
            cpu = [a[1] / b[1] for a, b in pairs]
            yield "| %s | bin/wmon / OTHER_WMON within a round | %.3f (%.3f-%.3f) | %.3f (%.3f-%.3f) | |" % (
                phase, statistics.median(wall), min(wall), max(wall), statistics.median(cpu), min(cpu), max(cpu))


def main():
    if shutil.which("redis-server") is None or shutil.which("redis-cli") is None:
        sys.exit("needs redis-server and redis-cli on the PATH")
    workdir = tempfile.mkdtemp(prefix="wmon-cluster-bench-")
    ports = []
    try:
        ports = start_cluster(workdir)
        url = "redis-cluster://" + ",".join("127.0.0.1:%d" % p for p in ports)
        slot = int(cli(ports[0], "cluster", "keyslot", REGISTRY))
        owner = slot_owner(ports, slot)
        classpath = os.path.join(ROOT, "cli", "target", "wmon.jar") + ":" + os.path.join(ROOT, "benchmarks", "target", "wmon-benchmarks.jar")
        subprocess.run(["java", "-cp", classpath, "io.wmon.bench.floor.FleetFill", "--host", "127.0.0.1", "--port",
                        str(owner), "--namespace", NAMESPACE, "--workers", str(WORKERS)], check=True, capture_output=True)
        print("| phase, %d workers | binary | wall, median (min-max) | CPU, median (min-max) | failed |" % WORKERS)
        print("|---|---|---|---|---|")
        for row in rows("settled", measure(url)):
            print(row, flush=True)
        moved, left = begin_migration(ports, slot)
        for row in rows("migrating (%d keys moved, %d not)" % (moved, left), measure(url)):
            print(row, flush=True)
    finally:
        for port in ports:
            subprocess.run(["redis-cli", "-p", str(port), "shutdown", "nosave"], capture_output=True)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
