#!/usr/bin/env python3
"""JDK 25's AOT cache against jdaemon's class-data archive, inside a test system (run by packaging/benchmark
where the JVM is 25 or later).

Subjects, started directly under /usr/bin/jsvc as _jdaemon (no init script, no start check: the class
sharing alone differs), interleaved, RUNS times each:
  floor    FloorDaemon with default options, as in measure.py
  archive  jdaemon as the package runs it: its JAVA_OPTS, its options file, the archive it dumped
  aot      the same, with an AOT cache (JEP 483) made by a training run (JEP 514's -XX:AOTCacheOutput) of
           org.jdaemon.Foreground up to its first record, instead of the archive
The AOT cache refuses jdaemon's -Xms2m; the aot subject is measured with the smallest initial heap that
starts, and the table says so.
Prints a Markdown table; usage: class_sharing.py RUNS OUTPUT.md
"""
import os
import shlex
import statistics
import subprocess
import sys
import time

from measure import BENCH, DATA, JAVA_HOME, JSVC, Floor, Subject, measure_start, run, summary

WORK = f"{DATA}/class-sharing"
CLASSPATH = "/usr/share/java/commons-daemon.jar:/usr/share/jdaemon/jdaemon.jar"
ARCHIVE = ["-XX:SharedArchiveFile=/var/cache/jdaemon/jdaemon.jsa", "-XX:+UnlockDiagnosticVMOptions",
           "-XX:ArchiveRelocationMode=0"]
OPTIONS_FILE = ["-XX:VMOptionsFile=/usr/share/jdaemon/jvm.options"]
AOT_CACHE = f"{WORK}/jdaemon.aot"
AOT_HEAP = "-Xms16m"


def java_opts():
    """JAVA_OPTS as /etc/default/jdaemon sets it."""
    out = subprocess.run(["sh", "-c", '. /etc/default/jdaemon; printf %s "$JAVA_OPTS"'], check=True,
                         capture_output=True, text=True).stdout
    return shlex.split(out)


def as_service_user(command):
    return ["runuser", "-u", "_jdaemon", "--"] + command


class Direct(Subject):
    """jdaemon under jsvc, started as the package does but for the class sharing OPTIONS."""

    def __init__(self, name, options):
        super().__init__(name, f"{WORK}/{name}.txt", f"/run/jdaemon-{name}.pid")
        self.options = options
        with open(f"{WORK}/{name}.properties", "w") as f:
            f.write(f"output.file = {self.output}\noutput.interval = 10s\n")

    def jsvc(self, *extra):
        return [JSVC, "-home", JAVA_HOME, "-user", "_jdaemon", "-pidfile", self.pidfile,
                "-outfile", f"{WORK}/{self.name}.out", "-errfile", "&1", *extra,
                "-cp", CLASSPATH, *OPTIONS_FILE, *self.options,
                "-Dlog4j2.configurationFile=/etc/jdaemon/log4j2.xml", f"-Djdaemon.log.dir={WORK}",
                "org.jdaemon.JDaemon", "--config", f"{WORK}/{self.name}.properties"]

    def start_command(self):
        return self.jsvc()

    def stop(self):
        run(self.jsvc("-stop"))

    def jvm_lines(self):
        """What the JVM printed on its own (its unified logging writes to stdout): lines that are not jdaemon's."""
        try:
            with open(f"{WORK}/{self.name}.out", errors="replace") as f:
                return [line for line in f if line.strip() and not line.startswith("jdaemon: ")]
        except FileNotFoundError:
            return []


def train(options):
    """The training run: Foreground to its first record, then SIGTERM; the JVM writes the cache as it exits."""
    config = f"{WORK}/training.properties"
    with open(config, "w") as f:
        f.write(f"output.file = {WORK}/training.txt\noutput.interval = 10s\n")
    jvm = subprocess.Popen(as_service_user([f"{JAVA_HOME}/bin/java", *OPTIONS_FILE, *options,
                                            f"-XX:AOTCacheOutput={AOT_CACHE}", "-cp", CLASSPATH,
                                            "-Dlog4j2.configurationFile=/etc/jdaemon/log4j2.xml",
                                            f"-Djdaemon.log.dir={WORK}", "org.jdaemon.Foreground",
                                            "--config", config]),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not os.path.exists(f"{WORK}/training.txt"):
        if time.monotonic() > deadline or jvm.poll() is not None:
            raise RuntimeError("the training run wrote no record")
        time.sleep(0.05)
    time.sleep(1)
    subprocess.run(["pkill", "-TERM", "-P", str(jvm.pid)], check=False)
    jvm.wait(60)
    if not os.path.exists(AOT_CACHE):
        raise RuntimeError(f"the training run made no {AOT_CACHE}")


def starts(subject):
    """Whether the subject's JVM gets to a first record within 10 s; ends it either way (jsvc's controller
    of a JVM that could not be created would try again every 60 s)."""
    subprocess.run(subject.start_command(), check=False)
    deadline = time.monotonic() + 10
    while not os.path.exists(subject.output) and time.monotonic() < deadline:
        time.sleep(0.05)
    started = os.path.exists(subject.output)
    subprocess.run(["pkill", "-KILL", "-f", subject.pidfile], check=False)
    if os.path.exists(subject.pidfile):
        os.remove(subject.pidfile)
    return started


def main():
    runs, out_path = int(sys.argv[1]), sys.argv[2]
    os.makedirs(WORK, exist_ok=True)
    subprocess.run(["chown", "_jdaemon:_jdaemon", WORK], check=True)
    opts = java_opts()
    aot_opts = [AOT_HEAP if o.startswith("-Xms") else o for o in opts]
    train(aot_opts)
    floor, archive = Floor(), Direct("archive", [*ARCHIVE, *opts])
    aot_small = Direct("aot-small-heap", [f"-XX:AOTCache={AOT_CACHE}", *opts])
    aot = Direct("aot", [f"-XX:AOTCache={AOT_CACHE}", *aot_opts])
    small_heap_starts = starts(aot_small)
    subjects = [floor, archive, aot]
    firsts = {s.name: [] for s in subjects}
    for n in range(runs):
        for subject in subjects:
            firsts[subject.name].append(measure_start(subject)[0])
            subject.stop()
        print(f"class sharing: run {n + 1}/{runs} done", file=sys.stderr, flush=True)

    floor_median = statistics.median(firsts["floor"])
    rows = ["| start → first record, jsvc directly (ms) | median (min–max) | / floor | lines the JVM printed itself |",
            "|---|---|---|---|"]
    labels = {"floor": "floor (FloorDaemon, default options)",
              "archive": "jdaemon, its class-data archive (as shipped)",
              "aot": f"jdaemon, AOT cache instead, `{AOT_HEAP}`"}
    for subject in subjects:
        med, low, high = summary(firsts[subject.name], 1000)
        lines = "" if subject is floor else str(len(subject.jvm_lines()))
        rows.append(f"| {labels[subject.name]} | {med} ({low}–{high}) | "
                    f"{statistics.median(firsts[subject.name]) / floor_median:.2f} | {lines} |")
    refusal = aot_small.jvm_lines()
    rows.append(f"| jdaemon, AOT cache with its own `{' '.join(o for o in opts if o.startswith('-Xms'))}` | "
                f"{'starts' if small_heap_starts else 'the JVM refuses to start'} | | "
                f"{len(refusal)}{': ' + refusal[0].strip() if refusal else ''} |")
    table = (f"JDK 25's AOT cache against the archive, {runs} runs each, interleaved "
             f"(`packaging/bench/class_sharing.py`; training: `org.jdaemon.Foreground` to its first record).\n\n"
             + "\n".join(rows) + "\n")
    with open(out_path, "w") as f:
        f.write(table)
    print(table)


if __name__ == "__main__":
    main()
