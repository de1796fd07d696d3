"""What the truth-benchmark adapters (scripts/truth/*_to_tsv.py) share: the
command line, finding a data set under ../shared, and the malformed-line
summary."""
import argparse
import os
import sys


def parser(doc):
    """An ArgumentParser with --shared, --out-claims and --out-gold."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                     "..", "..", "..", "shared"))
    ap.add_argument("--out-claims", required=True)
    return ap


def find_root(shared, prog, name, needed):
    """The folder of data set `name` under `shared` (benchmarks/truth/NAME,
    NAME, or `shared` itself) that holds every path in `needed`."""
    for cand in (os.path.join(shared, "benchmarks", "truth", name), os.path.join(shared, name), shared):
        if all(os.path.exists(os.path.join(cand, n)) for n in needed):
            return cand
    sys.exit("%s: no %s under %s (expected benchmarks/truth/%s/)" % (prog, "/".join(needed), shared, name))


def report_bad(p, bad):
    """Prints how many malformed lines were skipped and the first ten."""
    if bad:
        p("  %d malformed lines skipped:" % len(bad))
        for b in bad[:10]:
            p("    " + b)
