#!/usr/bin/env python3
"""How long a resident `crosscheck watch` takes to process one new article.

Starts `crosscheck watch INBOX --store STORE --settle 0 --format json`, waits
for its first run (which reads the whole store), then N times moves a new
article into the inbox (written under a hidden name, then renamed, as a
feed fetcher would) and times the wait until the watch prints that run's
line. Each article is BASE with a new first line, so each is new to the
store. Prints one figure per article and the median, in milliseconds, and
checks that each run analysed exactly one article.

usage: watch_latency.py CROSSCHECK STORE INBOX BASE_ARTICLE [N]
"""
import json
import os
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    binary, store, inbox, base = sys.argv[1:5]
    n = int(sys.argv[5]) if len(sys.argv) == 6 else 5
    with open(base, encoding="utf-8") as f:
        body = f.read()
    os.makedirs(inbox, exist_ok=True)
    watch = subprocess.Popen(
        [binary, "watch", inbox, "--store", store, "--settle", "0", "--format", "json"],
        stdout=subprocess.PIPE, text=True)
    try:
        t0 = time.perf_counter()
        first = watch.stdout.readline()
        if not first:
            sys.exit("watch_latency: the watch ended before its first run")
        print(f"first run (reads the store): {1000 * (time.perf_counter() - t0):.1f} ms")
        times = []
        for i in range(n):
            name = f"update-{os.getpid()}-{i}.txt"
            hidden = os.path.join(inbox, "." + name)
            with open(hidden, "w", encoding="utf-8") as f:
                f.write(f"Update {i}: the council said on Monday that {1000 + i} homes "
                        f"would be built by 2006.\n")
                f.write(body)
            t0 = time.perf_counter()
            os.rename(hidden, os.path.join(inbox, name))
            line = watch.stdout.readline()
            ms = 1000 * (time.perf_counter() - t0)
            if not line:
                sys.exit("watch_latency: the watch ended")
            articles = json.loads(line)["articles"]
            if articles["analysed"] != 1:
                sys.exit(f"watch_latency: run analysed {articles['analysed']} articles, not 1")
            times.append(ms)
            print(f"article {i + 1}: {ms:.1f} ms (analysed again: {articles['reanalysed']})")
        print(f"median: {statistics.median(times):.1f} ms")
    finally:
        watch.terminate()
        watch.wait()


if __name__ == "__main__":
    main()
