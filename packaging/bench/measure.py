#!/usr/bin/env python3
"""Measures the installed jdaemon beside its two peers, inside a test system (run by packaging/benchmark).

Subjects, all started and stopped the way an admin would, in the same run:
  jdaemon  the package: service jdaemon start|stop|reload under the init script; systemctl
           start|stop|reload under systemd (Debian's `service` adds its own systemctl calls there)
  floor    FloorDaemon (no library) under the same /usr/bin/jsvc, default JVM options, jsvc -stop
  seed     the tutorial's daemon ported to Python 3 (shared/peers/seed_daemon.py), stopped by SIGTERM
Record arrival times come from inotify, so waiting costs no CPU and no polling interval.
Prints a Markdown table; usage: measure.py RUNS OUTPUT.md
"""
import ctypes
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

BENCH = "/opt/jdaemon-bench"
DATA = "/var/lib/jdaemon"
CONFIG = "/etc/jdaemon/jdaemon.properties"
LOG = "/var/log/jdaemon/jdaemon.log"
JSVC = "/usr/bin/jsvc"
JAVA_HOME = os.path.dirname(os.path.dirname(os.path.realpath("/usr/bin/java")))

IN_MODIFY, IN_MOVED_TO, IN_CREATE = 0x2, 0x80, 0x100
libc = ctypes.CDLL("libc.so.6", use_errno=True)


class Records:
    """Complete records appended to one file, each with the monotonic time it was seen."""

    def __init__(self, path, from_end=False):
        self.path = path
        self.fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0 or libc.inotify_add_watch(
                self.fd, os.path.dirname(path).encode(), IN_MODIFY | IN_CREATE | IN_MOVED_TO) < 0:
            raise OSError(ctypes.get_errno(), "inotify on " + path)
        self.offset = os.path.getsize(path) if from_end and os.path.exists(path) else 0
        self.partial = b""
        self.seen = []  # (time, line)

    def close(self):
        os.close(self.fd)

    def _read_new(self, now):
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                data = f.read()
        except FileNotFoundError:
            return
        self.offset += len(data)
        *lines, self.partial = (self.partial + data).split(b"\n")
        self.seen.extend((now, line.decode()) for line in lines)

    def wait(self, predicate, timeout):
        """Waits until predicate(seen) holds; returns the time of the record that made it hold."""
        deadline = time.monotonic() + timeout
        self._read_new(time.monotonic())
        while not predicate(self.seen):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self.path}: {len(self.seen)} records after {timeout} s")
            if select.select([self.fd], [], [], left)[0]:
                now = time.monotonic()
                try:
                    os.read(self.fd, 65536)
                except BlockingIOError:
                    pass
                self._read_new(now)
        return self.seen[-1][0]


def run(command, check=True):
    return subprocess.run(command, check=check, stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):  # gone before, or while, it was read
        return False


def read_pid(pidfile):
    try:
        with open(pidfile) as f:
            return int(f.read().split()[0])
    except (FileNotFoundError, IndexError, ValueError):
        return None


def parent(pid):
    with open(f"/proc/{pid}/stat") as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


class Subject:
    def __init__(self, name, output, pidfile):
        self.name, self.output, self.pidfile = name, output, pidfile

    def processes(self):
        """Every process of the running service: the pidfile's, and jsvc's controller above it."""
        pid = read_pid(self.pidfile)
        if pid is None or not alive(pid):
            return []
        pids = [pid]
        controller = parent(pid)
        if controller > 1 and os.path.realpath(f"/proc/{controller}/exe") == JSVC:
            pids.append(controller)
        return pids


def systemd_runs():
    return os.path.isdir("/run/systemd/system")


class Jdaemon(Subject):
    def __init__(self):
        super().__init__("jdaemon", f"{DATA}/test.txt", "/run/jdaemon/jdaemon.pid")
        self.command = ["systemctl"] if systemd_runs() else ["service", "jdaemon"]
        self.unit = ["jdaemon"] if systemd_runs() else []

    def service(self, action):
        return self.command + [action] + self.unit

    def configure(self, interval="10s", message="hello"):
        with open(CONFIG, "w") as f:
            f.write(f"output.interval = {interval}\noutput.message = {message}\n")

    def start_command(self):
        return self.service("start")

    def starts_logged(self):
        try:
            with open(LOG) as f:
                return sum(1 for line in f if " started as user " in line)
        except FileNotFoundError:
            return 0

    def wait_until_logging(self, before):
        """Until log4j2 has started (after readiness) and logged the start: start-up, not the schedule."""
        deadline = time.monotonic() + 30
        while self.starts_logged() <= before:
            if time.monotonic() > deadline:
                raise TimeoutError("jdaemon: no start logged 30 s after start")
            time.sleep(0.01)

    def stop(self):
        run(self.service("stop"))


class Floor(Subject):
    def __init__(self):
        super().__init__("floor", f"{DATA}/floor.txt", "/run/jdaemon-floor.pid")
        self.interval_ms = 10000

    def configure(self, interval_ms=10000):
        self.interval_ms = interval_ms

    def jsvc(self, *options):
        return [JSVC, "-home", JAVA_HOME, "-user", "_jdaemon", "-pidfile", self.pidfile, *options,
                "-cp", f"/usr/share/java/commons-daemon.jar:{BENCH}/floor.jar",
                "FloorDaemon", self.output, str(self.interval_ms)]

    def start_command(self):
        return self.jsvc()

    def stop(self):
        run(self.jsvc("-stop"))


class Seed(Subject):
    def __init__(self):
        super().__init__("seed", f"{DATA}/seed.txt", f"{DATA}/seed.pid")
        self.interval_s = "10"

    def configure(self, interval_s="10"):
        self.interval_s = interval_s

    def start_command(self):
        return ["runuser", "-u", "_jdaemon", "--", "python3", f"{BENCH}/seed_daemon.py",
                self.interval_s, self.output, "hello", self.pidfile]

    def stop(self):
        pid = read_pid(self.pidfile)
        if pid is not None:
            os.kill(pid, signal.SIGTERM)
            while alive(pid):
                time.sleep(0.0005)
        os.remove(self.pidfile)


def remove(path):
    if os.path.exists(path):
        os.remove(path)


def measure_start(subject):
    """Until the first record, and until the start command returned: a thread waits for the command,
    so that the record's arrival is seen when it happens, whichever comes first."""
    remove(subject.output)
    records = Records(subject.output)
    begin = time.monotonic()
    command = subprocess.Popen(subject.start_command(), stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    returned = []
    waiter = threading.Thread(target=lambda: returned.append((command.wait(), time.monotonic())))
    waiter.start()
    first = records.wait(lambda seen: len(seen) >= 1, 30)
    records.close()
    waiter.join()
    status, at = returned[0]
    if status != 0:
        raise RuntimeError(f"{subject.name}: start exited {status}")
    return first - begin, at - begin


def measure_stop(subject):
    """Until the command returned, every process of the service is gone and the pidfile removed (a
    zombie counts as gone: it holds nothing, only waits for its parent to reap it)."""
    pids = subject.processes()
    if not pids:
        raise RuntimeError(f"{subject.name}: not running before stop")
    begin = time.monotonic()
    subject.stop()
    while any(alive(pid) for pid in pids) or os.path.exists(subject.pidfile):
        time.sleep(0.0002)
        if time.monotonic() - begin > 90:
            raise RuntimeError(f"{subject.name}: still running 90 s after stop")
    return time.monotonic() - begin


def measure_reload(jdaemon, n):
    message = f"reload-{n}"
    jdaemon.configure(message=message)
    records = Records(jdaemon.output)
    begin = time.monotonic()
    run(jdaemon.service("reload"))
    returned = time.monotonic()
    seen = records.wait(lambda seen: any(line == message for _, line in seen), 10)
    records.close()
    return seen - begin, max(0.0, seen - returned)


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pids):
    ticks = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def jvm_heap_and_metaspace(pid):
    """Heap and metaspace in use, in KiB, as the JVM itself reports them (jcmd, as the JVM's user)."""
    def jcmd(command):
        return subprocess.run(["runuser", "-u", "_jdaemon", "--", os.path.join(JAVA_HOME, "bin", "jcmd"), str(pid),
                               command], capture_output=True, text=True, timeout=30).stdout

    heap_info = jcmd("GC.heap_info")
    # "total 1234K, used 56K" (JDK 17, 21; JDK 25's Serial), "committed 1234K, used 56K" (JDK 25's G1).
    heap = sum(int(k) for k in re.findall(r"(?:total|capacity|committed) \d+K, used (\d+)K",
                                          heap_info.split("Metaspace")[0]))
    # JDK 25's heap_info no longer ends with the metaspace: its own command says it.
    meta = re.search(r"Metaspace\s+used (\d+)K", heap_info) or re.search(r"Metaspace\s+used (\d+)K", jcmd("VM.metaspace"))
    if not meta:
        return None, None
    return heap, int(meta.group(1))


def timing(subject, records_wanted=1000, interval=0.010):
    records = Records(subject.output, from_end=True)
    records.wait(lambda seen: len(seen) >= records_wanted + 1, 120)
    records.close()
    arrivals = [t for t, _ in records.seen[1:records_wanted + 1]]
    origin = arrivals[0]
    lateness = sorted((t - (origin + i * interval)) * 1000 for i, t in enumerate(arrivals))
    # Slots the records span, less the records seen: a skipped slot lengthens the span by an
    # interval, while one late record (a long gap, then a short one) does not.
    missing = round((arrivals[-1] - origin) / interval) + 1 - len(arrivals)
    drift = ((arrivals[-1] - origin) - (len(arrivals) - 1) * interval) * 1000
    return {"missing": missing, "p50": lateness[len(lateness) // 2],
            "p99": lateness[int(len(lateness) * 0.99) - 1], "max": lateness[-1], "drift": drift}


def summary(values, scale=1.0, digits=0):
    values = [v * scale for v in values]
    fmt = f"{{:.{digits}f}}"
    return fmt.format(statistics.median(values)), fmt.format(min(values)), fmt.format(max(values))


def main():
    runs, out_path = int(sys.argv[1]), sys.argv[2]
    jdaemon, floor, seed = Jdaemon(), Floor(), Seed()
    subjects = [jdaemon, floor, seed]
    jdaemon.configure()
    jdaemon.stop()
    results = {s.name: {"start": [], "returned": [], "stop": []} for s in subjects}
    reloads, reloads_after_return = [], []

    for n in range(runs):
        for subject in subjects:
            first, returned = measure_start(subject)
            results[subject.name]["start"].append(first)
            results[subject.name]["returned"].append(returned)
            time.sleep(1)
            if subject is jdaemon:
                total, after = measure_reload(jdaemon, n)
                reloads.append(total)
                reloads_after_return.append(after)
                jdaemon.configure()
                run(jdaemon.service("reload"))
            results[subject.name]["stop"].append(measure_stop(subject))
        print(f"run {n + 1}/{runs} done", file=sys.stderr, flush=True)

    for subject in subjects:
        measure_start(subject)
    time.sleep(30)
    memory = {}
    for subject in subjects:
        pids = subject.processes()
        rss = sum(status_kib(pid, "VmRSS") for pid in pids)
        threads = sum(status_kib(pid, "Threads") for pid in pids)
        heap, meta = jvm_heap_and_metaspace(pids[0]) if subject is not seed else (None, None)
        memory[subject.name] = {"rss": rss, "heap": heap, "meta": meta, "threads": threads,
                                "cpu0": cpu_seconds(pids), "pids": pids}
    time.sleep(60)
    for subject in subjects:
        m = memory[subject.name]
        m["cpu"] = cpu_seconds(m["pids"]) - m["cpu0"]

    timings = {}
    for subject in subjects:
        subject.stop()
    for subject, setup in ((jdaemon, lambda: jdaemon.configure(interval="10ms")),
                           (floor, lambda: floor.configure(10)), (seed, lambda: seed.configure("0.01"))):
        setup()
        logged = jdaemon.starts_logged()
        measure_start(subject)
        if subject is jdaemon:
            # jdaemon is ready before log4j2 has started; the schedule is judged once it has.
            jdaemon.wait_until_logging(logged)
        timings[subject.name] = timing(subject)
        subject.stop()
    jdaemon.configure()
    floor.configure()
    seed.configure()

    table = render(runs, results, reloads, reloads_after_return, memory, timings)
    with open(out_path, "w") as f:
        f.write(table)
    print(table)


def ratio(a, b):
    return f"{a / b:.2f}" if b else "n/a"


def render(runs, results, reloads, reloads_after_return, memory, timings):
    ms = lambda values: summary(values, 1000)  # noqa: E731
    rows = ["| figure | jdaemon median (min–max) | floor | seed | jdaemon / floor | target | met |",
            "|---|---|---|---|---|---|---|"]

    def timed(figure, key, target, limit):
        cells = {n: ms(results[n][key]) for n in ("jdaemon", "floor", "seed")}
        med = {n: statistics.median(results[n][key]) for n in cells}
        met = limit(med["jdaemon"], med["floor"])
        rows.append(f"| {figure} (ms) | {cells['jdaemon'][0]} ({cells['jdaemon'][1]}–{cells['jdaemon'][2]}) | "
                    f"{cells['floor'][0]} ({cells['floor'][1]}–{cells['floor'][2]}) | "
                    f"{cells['seed'][0]} ({cells['seed'][1]}–{cells['seed'][2]}) | "
                    f"{ratio(med['jdaemon'], med['floor'])} | {target} | {'yes' if met else 'NO'} |")

    timed("start → first record", "start", "≤ 1.5 × floor", lambda j, f: j <= 1.5 * f)
    # The floor's and the seed's start commands return before their daemon runs: jdaemon's is held to
    # the floor's time to a first record, as an admin waits for that.
    cells = {n: ms(results[n]["returned"]) for n in ("jdaemon", "floor", "seed")}
    returned, floor_first = statistics.median(results["jdaemon"]["returned"]), statistics.median(results["floor"]["start"])
    rows.append(f"| start command returns (ms) | {cells['jdaemon'][0]} ({cells['jdaemon'][1]}–{cells['jdaemon'][2]}) | "
                f"{cells['floor'][0]} ({cells['floor'][1]}–{cells['floor'][2]}) | "
                f"{cells['seed'][0]} ({cells['seed'][1]}–{cells['seed'][2]}) | "
                f"{ratio(returned, floor_first)} of the floor's first record | ≤ 1.5 × floor's start → first record | "
                f"{'yes' if returned <= 1.5 * floor_first else 'NO'} |")
    timed("stop → gone, pidfile removed", "stop", "≤ 150 ms", lambda j, f: j <= 0.150)
    total, after = ms(reloads), ms(reloads_after_return)
    rows.append(f"| reload → first new record (ms), from invocation | {total[0]} ({total[1]}–{total[2]}) | n/a | n/a "
                f"| | | |")
    rows.append(f"| reload → first new record (ms), after the command returned | {after[0]} ({after[1]}–{after[2]}) "
                f"| n/a | n/a | | ≤ 50 ms | {'yes' if statistics.median(reloads_after_return) <= 0.050 else 'NO'} |")
    j, f, s = memory["jdaemon"], memory["floor"], memory["seed"]
    rows.append(f"| memory: RSS of all service processes at 30 s (MiB) | {j['rss'] / 1024:.1f} | {f['rss'] / 1024:.1f} | "
                f"{s['rss'] / 1024:.1f} | {ratio(j['rss'], f['rss'])} | ≤ 1.0 × floor | "
                f"{'yes' if j['rss'] <= f['rss'] else 'NO'} |")
    heap = lambda m: "n/a" if m["heap"] is None else f"{m['heap'] / 1024:.1f} / {m['meta'] / 1024:.1f}"  # noqa: E731
    rows.append(f"| JVM heap / metaspace in use (MiB) | {heap(j)} | {heap(f)} | n/a | | | |")
    rows.append(f"| idle: CPU seconds over 60 s at a 10 s interval | {j['cpu']:.2f} | {f['cpu']:.2f} | {s['cpu']:.2f} | "
                f"| ≤ 0.06 (0.1 % of a core) | {'yes' if j['cpu'] <= 0.06 else 'NO'} |")
    rows.append(f"| threads | {j['threads']} | {f['threads']} | {s['threads']} | | | |")
    t = timings
    for key, label in (("missing", "timing: records missing of 1000 at 10 ms"), ("p50", "timing: p50 lateness (ms)"),
                       ("p99", "timing: p99 lateness (ms)"), ("max", "timing: max lateness (ms)"),
                       ("drift", "timing: drift after 1000 records (ms)")):
        targets = {"missing": ("0", lambda v: v == 0), "p99": ("≤ 2 ms", lambda v: v <= 2),
                   "drift": ("≤ 5 ms", lambda v: abs(v) <= 5)}
        target, check = targets.get(key, ("", None))
        cell = lambda v: str(v) if key == "missing" else f"{v:.2f}"  # noqa: E731
        met = "" if check is None else ("yes" if check(t["jdaemon"][key]) else "NO")
        rows.append(f"| {label} | {cell(t['jdaemon'][key])} | {cell(t['floor'][key])} | {cell(t['seed'][key])} "
                    f"| | {target} | {met} |")
    return (f"{runs} runs of start, stop and reload, interleaved; medians with (min–max).\n\n"
            + "\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
