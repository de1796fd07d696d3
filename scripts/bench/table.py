#!/usr/bin/env python3
"""The table of scripts/bench.sh: machine, stages, end to end, scaling, and
issue 8's acceptance figures, as plain text (stdout and --txt) and JSON
(--json).

Inputs: --stages, Google Benchmark's JSON of tests/bench/pipeline_benchmark.cc
(medians when it ran repetitions), and --stages-scaled LABEL=FILE the same
over scaled corpora; --results, the JSON lines of
scripts/bench/run_check.py (label "1x" is the corpus itself, "10x" ... the
scaled corpora); --notes, lines to print under the table (skipped sizes).
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess

# Stage benchmarks in pipeline order: (name, label, where check runs it, part
# of the sum). Normalise and entity scan are parts of Analyse + BeginExtract.
STAGES = [
    ("BM_RulesLoad", "rules: load (Pipeline::Create)", "serial", True),
    ("BM_IngestList", "ingest: list files", "serial", True),
    ("BM_IngestRead", "ingest: read files (ReadDeferred)", "jobs", True),
    ("BM_IngestAnalyse", "ingest: analyse (AnalyzeInput)", "jobs", True),
    ("BM_Normalise", "  normalise (ExtractSentences)", "jobs", False),
    ("BM_EntityScan", "  entity scan (Scan)", "jobs", False),
    ("BM_AnalyseBeginExtract", "Analyse + BeginExtract", "jobs", True),
    ("BM_CopySketch", "copies: sketch (SketchForCopies)", "jobs", True),
    ("BM_CopyIndex", "copies: index (CopyIndex::Add)", "serial", True),
    ("BM_EntityIndexBuild", "entity index (AddToIndex, Finish)", "serial", True),
    ("BM_ExtractClaims", "ExtractClaims", "jobs", True),
    ("BM_Assemble", "Assemble (compare, score)", "serial", True),
    ("BM_AssembleCompare", "  compare (CompareClaims...)", "serial", False),
    ("BM_AssembleScore", "  score (ScoreSources)", "serial", False),
    ("BM_WriteJsonReport", "JSON report writer", "serial", True),
]
WHOLE = ("BM_CheckInProcess", "Check() + JSON, in process", "jobs=1")


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = 0
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = int(line.split()[1]) // 1024
    except OSError:
        pass
    return {"cpu": model, "nproc": os.cpu_count(), "mem_mib": mem,
            "kernel": platform.release(), "load": os.getloadavg()}


def commit(root):
    try:
        head = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return head + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def load_stages(path):
    """{name: {"cpu_ms", "wall_ms", "mbps", "articles_s", "reps", ...}}."""
    if not path or not os.path.exists(path):
        return {}, {}
    with open(path) as f:
        data = json.load(f)
    out = {}
    for b in data.get("benchmarks", []):
        name = b.get("run_name", b["name"]).split("/")[0]
        if b.get("error_occurred"):
            out[name] = {"error": b.get("error_message", "failed")}
            continue
        is_median = b.get("aggregate_name") == "median"
        if b.get("run_type") == "aggregate" and not is_median:
            continue
        if name in out and not is_median:
            continue  # a repetition's own figure; the median wins
        scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b.get("time_unit", "ns")]
        out[name] = {
            "cpu_ms": b["cpu_time"] * scale, "wall_ms": b["real_time"] * scale,
            "mbps": b.get("bytes_per_second", 0) / 1e6,
            "articles_s": b.get("articles/s", 0),
            "reps": b.get("repetitions", 1) if is_median else 1,
            "counters": {k: b[k] for k in ("values", "claims", "facts", "report_bytes")
                         if k in b},
        }
    return out, data.get("context", {})


def load_results(path):
    """One row per (label, jobs): a size measured more than once (bench.sh
    runs 1x again after each larger size) has its runs pooled, medians over
    all of them."""
    rows = []
    if path and os.path.exists(path):
        with open(path) as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                same = next((x for x in rows
                             if x["label"] == r["label"] and x["jobs"] == r["jobs"]), None)
                if same is None:
                    rows.append(r)
                    continue
                same["walls"] += r["walls"]
                same["cpus"] += r["cpus"]
                same["runs"] += r["runs"]
                same["wall"] = statistics.median(same["walls"])
                same["cpu"] = statistics.median(same["cpus"])
                same["rss_kib"] = max(same["rss_kib"], r["rss_kib"])
                same["identical"] = same["identical"] and r["identical"]
    return rows


def fmt_table(header, rows, right=None):
    """Columns aligned; text left, numbers right (`right`: column indices)."""
    right = set(range(1, len(header))) if right is None else set(right)
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    lines = []
    for r in [header] + rows:
        cells = [str(c).rjust(w) if i in right else str(c).ljust(w)
                 for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells).rstrip())
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def scale_of(label):
    return float(label[:-1]) if label.endswith("x") else 1.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--root", required=True)
    p.add_argument("--corpus", required=True)
    p.add_argument("--stages")
    p.add_argument("--stages-scaled", action="append", default=[],
                   help="LABEL=FILE: the stage benchmark over a scaled corpus")
    p.add_argument("--results")
    p.add_argument("--notes", default="")
    p.add_argument("--txt")
    p.add_argument("--json")
    p.add_argument("--load-start", default="")
    p.add_argument("--seconds", type=float, default=0)
    args = p.parse_args()

    m = machine()
    stages, context = load_stages(args.stages)
    results = load_results(args.results)
    out = []
    now = datetime.datetime.now().astimezone()
    out.append(f"crosscheck benchmark, {now:%Y-%m-%d %H:%M %Z}")
    out.append(f"machine: {m['cpu']}, nproc {m['nproc']}, {m['mem_mib'] / 1024:.1f} GiB, "
               f"Linux {m['kernel']}; load average {args.load_start or '?'} at start, "
               f"{m['load'][0]:.2f} at end")
    out.append(f"build:   build-bench/ (Release), commit {commit(args.root)}")
    base = [r for r in results if r["label"] == "1x"]
    if base:
        out.append(f"corpus:  {args.corpus}: {base[0]['articles']:,} articles, "
                   f"{base[0]['bytes'] / 1e6:.2f} MB")
    out.append("MB = 10^6 bytes of article input, MB/s = input MB / seconds; MiB = 2^20 bytes "
               "(memory, reports). Other jobs on the machine make the figures noisy.")

    # Stages.
    summary = {"machine": m, "stages": {}, "stages_scaled": {}, "runs": results}
    scaled = []  # (label, stages) of the stage runs over scaled corpora
    for spec in args.stages_scaled:
        label, path = spec.split("=", 1)
        st, _ = load_stages(path)
        if st:
            scaled.append((label, st))
            summary["stages_scaled"][label] = st
    if stages:
        reps = max((s.get("reps", 1) for s in stages.values()), default=1)
        out.append("")
        out.append(f"STAGES: Google Benchmark, one thread, whole corpus in memory, "
                   f"{'median of %d' % reps if reps > 1 else '1 repetition'}"
                   f"{' (scaled corpora: 1 repetition)' if scaled else ''}; MB/s from CPU time")
        ok = {k: v for k, v in stages.items() if "error" not in v}
        summed = [name for name, _, _, in_sum in STAGES if in_sum and name in ok]
        total = sum(ok[n]["cpu_ms"] for n in summed)
        serial = sum(ok[n]["cpu_ms"] for n, _, where, in_sum in STAGES
                     if in_sum and where == "serial" and n in ok)
        corpus_mb = {}  # label -> MB the stages read
        if ok:
            any_stage = next(iter(ok.values()))
            corpus_mb["1x"] = any_stage["mbps"] * any_stage["cpu_ms"] / 1e3
        for label, st in scaled:
            any_stage = next((v for v in st.values() if "error" not in v), None)
            if any_stage:
                corpus_mb[label] = any_stage["mbps"] * any_stage["cpu_ms"] / 1e3
        header = ["stage", "runs on", "cpu ms", "wall ms", "MB/s", "articles/s", "share"]
        for label, _ in scaled:
            header += [f"MB/s {label}", f"t/size {label}"]
        rows = []
        for name, label, where, in_sum in STAGES + [WHOLE + (False,)]:
            s = stages.get(name)
            if s is None:
                continue
            if "error" in s:
                rows.append([label, where, "error: " + s["error"]] + [""] * (len(header) - 3))
                continue
            summary["stages"][name] = s
            row = [label, "--jobs" if where == "jobs" else where, f"{s['cpu_ms']:.1f}",
                   f"{s['wall_ms']:.1f}", f"{s['mbps']:.1f}", f"{s['articles_s']:,.0f}",
                   f"{100 * s['cpu_ms'] / total:.0f}%" if in_sum and total else ""]
            for slabel, st in scaled:
                k = st.get(name)
                if not k or "error" in k or not corpus_mb.get(slabel):
                    row += ["-", "-"]
                    continue
                ratio = (k["cpu_ms"] / s["cpu_ms"]) / (corpus_mb[slabel] / corpus_mb["1x"])
                row += [f"{k['mbps']:.1f}", f"{ratio:.2f}"]
            rows.append(row)
            if name == STAGES[-1][0] and total:
                row = ["sum of the stages", "", f"{total:.1f}", "",
                       f"{corpus_mb['1x'] / (total / 1e3):.1f}", "", "100%"]
                for slabel, st in scaled:
                    if not corpus_mb.get(slabel) or any(
                            n not in st or "error" in st[n] for n in summed):
                        row += ["-", "-"]
                        continue
                    sum_k = sum(st[n]["cpu_ms"] for n in summed)
                    row += [f"{corpus_mb[slabel] / (sum_k / 1e3):.1f}",
                            f"{(sum_k / total) / (corpus_mb[slabel] / corpus_mb['1x']):.2f}"]
                rows.append(row)
        out += fmt_table(header, rows, right=set(range(2, len(header))))
        if total:
            bound = total / (serial + (total - serial) / 2)
            summary["amdahl_2"] = bound
            out.append(f"serial share of the sum {100 * serial / total:.0f}%: two threads "
                       f"can be at most {bound:.2f}x one (Amdahl), from these figures")
        if scaled:
            out.append("t/size Nx: (CPU time at Nx / at 1x) / (size ratio); above 1 the stage "
                       "grows faster than the corpus")
        counters = {k: v for s in ok.values() if "counters" in s
                    for k, v in s["counters"].items()}
        if counters:
            out.append("per corpus (1x): " + ", ".join(f"{k} {v:,.0f}" for k, v in
                                                       sorted(counters.items())))

    # End to end and scaling.
    def row_of(label, jobs):
        return next((r for r in results if r["label"] == label and r["jobs"] == jobs), None)

    if results:
        out.append("")
        out.append("END TO END and SCALING: whole process, `crosscheck check PATH --format json "
                   "--out FILE --jobs J`, median wall time of the runs, peak RSS the max; 1x runs "
                   "before the larger sizes and again after each")
        rows = []
        labels = []
        for r in results:
            if r["label"] not in labels:
                labels.append(r["label"])
        for r in results:
            b = row_of("1x", r["jobs"])
            one = row_of(r["label"], 1)
            mbps = r["bytes"] / 1e6 / r["wall"]
            size_ratio = r["bytes"] / b["bytes"] if b else 0
            superlin = (r["wall"] / b["wall"]) / size_ratio if b and r["label"] != "1x" else None
            cpu_superlin = ((r["cpu"] / b["cpu"]) / size_ratio
                            if b and r["label"] != "1x" and b["cpu"] > 0 else None)
            rss_ratio = r["rss_kib"] / b["rss_kib"] if b else None
            speedup = one["wall"] / r["wall"] if one and r["jobs"] != 1 else None
            r.update(mbps=mbps, articles_s=r["articles"] / r["wall"], superlinearity=superlin,
                     cpu_superlinearity=cpu_superlin, rss_ratio=rss_ratio, speedup=speedup)
            rows.append([r["label"], r["jobs"], f"{r['articles']:,}", f"{r['bytes'] / 1e6:.1f}",
                         r["runs"], f"{r['wall']:.2f}", f"{r['cpu']:.2f}", f"{mbps:.2f}",
                         f"{r['articles_s']:,.0f}",
                         f"{superlin:.2f}" if superlin is not None else "-",
                         f"{cpu_superlin:.2f}" if cpu_superlin is not None else "-",
                         f"{r['rss_kib'] / 1024:.0f}",
                         f"{rss_ratio:.1f}" if rss_ratio is not None else "-",
                         f"{r['report_bytes'] / 2**20:.1f}", f"{r['copies']:,}",
                         f"{speedup:.2f}x" if speedup else "-",
                         "yes" if r["identical"] else "NO"])
        out += fmt_table(["size", "jobs", "articles", "MB", "runs", "wall s", "cpu s", "MB/s",
                          "articles/s", "t/size", "cpu/size", "RSS MiB", "RSS/1x", "report MiB", "copies",
                          "vs j1", "same"], rows)
        out.append("t/size: (wall time / wall time at 1x) / (size / size at 1x), same jobs; "
                   "cpu/size: the same with CPU time (user + system), steadier under load; "
                   "RSS/1x: peak RSS / peak RSS at 1x; copies: sources the report marks as "
                   "copies; same: every report byte-identical to the first (both --jobs, "
                   "every run); vs j1: wall-time speedup over --jobs 1")

        # Acceptance.
        out.append("")
        out.append("ISSUE 8 ACCEPTANCE (figures of this run)")

        def verdict(ok):
            return "pass" if ok else "FAIL"
        j1, j2 = row_of("1x", 1), row_of("1x", 2)
        if j1:
            out.append(f"  1. 1x, one thread >= 50 MB/s: {j1['mbps']:.2f} MB/s  {verdict(j1['mbps'] >= 50)}")
        if j1 and j2:
            out.append(f"     two threads >= 1.8x one: {j2['speedup']:.2f}x  "
                       f"{verdict(j2['speedup'] >= 1.8)}")
        for label in labels:
            if label == "1x":
                continue
            for j in sorted({r["jobs"] for r in results}):
                r, b = row_of(label, j), row_of("1x", j)
                if not r or not b:
                    continue
                budget = 2 * b["rss_kib"] * 1024 + r["report_bytes"]
                out.append(f"  2. {label} --jobs {j}: t/size {r['superlinearity']:.2f} <= 1.2  "
                           f"{verdict(r['superlinearity'] <= 1.2)} (cpu/size "
                           f"{r['cpu_superlinearity'] or 0:.2f}); peak RSS "
                           f"{r['rss_kib'] / 1024:.0f} MiB <= 2 x {b['rss_kib'] / 1024:.0f} + report "
                           f"{r['report_bytes'] / 2**20:.0f} = {budget / 2**20:.0f} MiB  "
                           f"{verdict(r['rss_kib'] * 1024 <= budget)}")
        out.append("  3. values against chrono-node: bash scripts/bench_values.sh")
        out.append("  4. 1,000 rules >= 1/3 the speed of 10: bash scripts/bench_rules.sh")
        if any(not r["identical"] for r in results):
            out.append("  REPORTS DIFFER between runs or --jobs: see stderr")
    for note in [n for n in args.notes.split("\n") if n.strip()]:
        out.append("note: " + note)
    if args.seconds:
        out.append(f"bench.sh took {args.seconds:.0f} s")

    text = "\n".join(out) + "\n"
    print(text, end="")
    if args.txt:
        with open(args.txt, "w") as f:
            f.write(text)
    if args.json:
        summary["context"] = context
        summary["notes"] = [n for n in args.notes.split("\n") if n.strip()]
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=2)


if __name__ == "__main__":
    main()
