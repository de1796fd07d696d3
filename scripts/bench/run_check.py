#!/usr/bin/env python3
"""Times whole `crosscheck check` processes for scripts/bench.sh.

For each repeat, runs `BIN check PATH --format json --out FILE --jobs J` once
for every J in --jobs, alternating the order between repeats (1,2 then 2,1)
so that the machine's noise falls on every J alike. Each run is timed by this
process around one spawn: wall clock (perf_counter) and, from wait4(), the
child's user+system CPU time and peak resident set (ru_maxrss). No other
process starts inside the timed span.

Every report must be byte-identical to the first (--jobs must not change the
output, nor a repeat): the first report is kept, each later one is compared
to it and deleted. A difference is printed loudly on stderr (first differing
byte, `cmp`), both reports are kept in --keep-dir when given, and the exit
status is 1. A run that exits non-zero stops the measurement: its command and
stderr are printed and the exit status is 2.

Appends one JSON line per J to --result: label, jobs, runs, wall (median and
all), cpu (median), peak RSS in KiB (max over runs), input bytes (given),
articles, report bytes, the report's sources and copies (sources with
a copy_of), and identical (true/false). Articles are the report's sources.
The page cache is warmed (every input file read once) before the first run.

usage: run_check.py --bin BIN --path DIR --label L --jobs 1,2 --repeat N
                    --bytes B --work DIR --result FILE [--keep-dir DIR]
"""

import argparse
import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys
import time


def run_once(cmd, stderr_path):
    with open(stderr_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def count_report(path):
    """(sources, copies) of a JSON report, read line by line: the report is
    pretty-printed with one "copy_of" per source (it may be larger than the
    memory Python would need to load it)."""
    sources = copies = 0
    with open(path, "rb") as f:
        for line in f:
            if b'"copy_of":' in line:
                sources += 1
                if b'"copy_of": "' in line or b'"copy_of":"' in line:
                    copies += 1
    return sources, copies


def warm_page_cache(path):
    """Reads every file under `path` once, so the first timed run does not
    pay for the disk and later ones not."""
    for folder, _, files in os.walk(path):
        for name in files:
            with open(os.path.join(folder, name), "rb") as f:
                while f.read(1 << 20):
                    pass


def first_difference(a, b):
    out = subprocess.run(["cmp", a, b], capture_output=True, text=True)
    return (out.stdout + out.stderr).strip() or "differ"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True)
    p.add_argument("--path", required=True)
    p.add_argument("--label", required=True)
    p.add_argument("--jobs", default="1,2")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--bytes", type=int, required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--result", required=True)
    p.add_argument("--keep-dir")
    args = p.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    os.makedirs(args.work, exist_ok=True)
    warm_page_cache(args.path)

    reference = os.path.join(args.work, f"{args.label}-reference.json")
    runs = {j: [] for j in jobs}
    identical = True
    for rep in range(args.repeat):
        order = jobs if rep % 2 == 0 else list(reversed(jobs))
        for j in order:
            out = os.path.join(args.work, f"{args.label}-j{j}-{rep}.json")
            errs = os.path.join(args.work, f"{args.label}-j{j}-{rep}.stderr")
            cmd = [args.bin, "check", args.path, "--format", "json", "--out", out,
                   "--jobs", str(j)]
            print(f"bench: {args.label} --jobs {j} run {rep + 1}/{args.repeat}",
                  file=sys.stderr, flush=True)
            code, wall, cpu, rss = run_once(cmd, errs)
            if code != 0:
                sys.stderr.write(f"bench: FAILED (exit {code}): {' '.join(cmd)}\n")
                with open(errs, errors="replace") as f:
                    sys.stderr.write(f.read()[-4000:])
                return 2
            with open(errs, errors="replace") as f:
                warnings = f.read()
            if warnings.strip():  # check prints warnings; none expected here
                sys.stderr.write(f"bench: {args.label} --jobs {j} said on stderr:\n"
                                 + warnings[:2000])
            runs[j].append((wall, cpu, rss))
            if not os.path.exists(reference):
                os.replace(out, reference)
                continue
            if not filecmp.cmp(reference, out, shallow=False):
                identical = False
                sys.stderr.write(
                    "\n" + "!" * 72 + "\n"
                    f"bench: REPORTS DIFFER: {args.label} --jobs {j} run {rep + 1} against "
                    f"the first run ({jobs[0]}): {first_difference(reference, out)}\n"
                    f"  command: {' '.join(cmd)}\n")
                if args.keep_dir:
                    os.makedirs(args.keep_dir, exist_ok=True)
                    shutil.copy(reference, os.path.join(args.keep_dir, f"{args.label}-reference.json"))
                    shutil.copy(out, os.path.join(args.keep_dir, os.path.basename(out)))
                    sys.stderr.write(f"  both reports kept in {args.keep_dir}\n")
                sys.stderr.write("!" * 72 + "\n\n")
            os.remove(out)

    report_bytes = os.path.getsize(reference)
    sources, copies = count_report(reference)
    with open(args.result, "a") as f:
        for j in jobs:
            walls = [w for w, _, _ in runs[j]]
            f.write(json.dumps({
                "label": args.label, "jobs": j, "runs": len(walls),
                "wall": statistics.median(walls), "walls": walls,
                "cpu": statistics.median(c for _, c, _ in runs[j]),
                "cpus": [c for _, c, _ in runs[j]],
                "rss_kib": max(r for _, _, r in runs[j]),
                "bytes": args.bytes, "articles": sources,
                "report_bytes": report_bytes, "sources": sources, "copies": copies,
                "identical": identical}) + "\n")
    os.remove(reference)
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
