#!/usr/bin/env python3
"""Majority vote over a crosscheck fuse claims TSV, scored against a gold TSV.

Usage:
  vote.py CLAIMS GOLD [--time-tolerance-min N] [--rel-tolerance R] [--tolerance SPEC] [--method-line]

An independent check of the truth-discovery adapters (flight_to_tsv.py,
population_to_tsv.py, book_to_tsv.py) and a baseline for `crosscheck fuse`.

CLAIMS: source<TAB>item<TAB>value per line, GOLD: item<TAB>value; '#' lines are
comments. Values are typed as the TSV contract says: 'YYYY-MM-DDTHH:MMZ' is a time,
a plain decimal is a number, anything else a string (compared byte for byte).

Vote: for each gold item that has claims, every distinct claimed value v gets the
number of claim lines whose value x supports it: x == v, or, with a tolerance,
|x - v| <= tolerance (times: N minutes; numbers: R * |v|, R = 0.01 for 1%).
The value with the most support wins; ties go to the smallest value (numbers and
times numerically, strings lexicographically by code point). The winner is correct
when it equals the gold value within the same tolerance (numbers: R * |gold|).
Every claim line counts once (the adapters already keep one value per source and
item); gold items without any claim are not scored and are counted on stderr.

Prints 'correct/total precision', e.g. '242/301 0.8040', or with --method-line the
line of the fuse contract: method<TAB>vote<TAB>correct<TAB>total<TAB>precision<TAB>seconds.

--tolerance takes fuse's spec ('time=10m', 'number=1%', 'exact', comma-separated:
'time=10m,number=1%') and sets the two options above.

Measured (see the adapters' docstrings): Population exact 242/301 = 0.804,
number=1% 252/301 = 0.837 (the README's figures); Book exact (surname lists)
78/100; Flight time=10m 457/540 = 0.846 on 2011-12-08 (Li et al.: .864), 451/540
without aa/ua/CO, mean over the 31 days 0.866 (Li et al.: .887). crosscheck fuse
--method vote gives the same counts on all of these.
"""
import argparse
import datetime as dt
import re
import sys
import time

TIME_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})Z$")
NUM_RE = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)$")
EPOCH = dt.datetime(1970, 1, 1)


def typed(v):
    """(kind, key): kind 0 time (minutes), 1 number, 2 string; key orders and compares."""
    m = TIME_RE.match(v)
    if m:
        try:
            t = dt.datetime(*map(int, m.groups()))
            return (0, (t - EPOCH).total_seconds() / 60)
        except ValueError:
            pass
    if NUM_RE.match(v):
        return (1, float(v))
    return (2, v)


def parse_spec(spec):
    """'time=10m,number=1%' -> (minutes or None, relative or None)."""
    tmin = rel = None
    for part in filter(None, (s.strip() for s in spec.split(","))):
        if part in ("exact", "none"):
            continue
        k, _, v = part.partition("=")
        if k == "time":
            m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(m|min|s|h)?", v)
            if not m:
                raise ValueError("time tolerance %r" % v)
            x = float(m[1])
            tmin = x / 60 if m[2] == "s" else x * 60 if m[2] == "h" else x
        elif k == "number":
            m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(%)?", v)
            if not m:
                raise ValueError("number tolerance %r" % v)
            rel = float(m[1]) / 100 if m[2] else float(m[1])
        elif k == "string":
            continue
        else:
            raise ValueError("unknown tolerance %r" % part)
    return tmin, rel


def read_tsv(path, ncols, what):
    """Yield the fields of each data line; malformed lines are reported and skipped."""
    bad = 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            p = line.split("\t")
            if len(p) != ncols or not all(p):
                bad += 1
                if bad <= 5:
                    print("vote: %s:%d: expected %d non-empty tab-separated fields (%s), skipped"
                          % (path, lineno, ncols, what), file=sys.stderr)
                continue
            yield p
    if bad:
        print("vote: %s: %d malformed lines skipped" % (path, bad), file=sys.stderr)


def close(a, b, tmin, rel):
    """Does value a support (or equal) value b, with b the reference for relative tolerance."""
    if a[0] != b[0]:
        return False
    if a[1] == b[1]:
        return True
    if a[0] == 0 and tmin is not None:
        return abs(a[1] - b[1]) <= tmin + 1e-9
    if a[0] == 1 and rel is not None:
        return abs(a[1] - b[1]) <= rel * abs(b[1]) + 1e-9
    return False


def vote(values, tmin, rel):
    """values: list of typed claim values -> winning typed value."""
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    cands = list(counts)
    if (tmin is None and rel is None) or len(cands) == 1:
        support = counts
    else:
        support = {c: sum(n for x, n in counts.items() if close(x, c, tmin, rel)) for c in cands}
    return min(cands, key=lambda c: (-support[c], c[0], c[1]))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("claims")
    ap.add_argument("gold")
    ap.add_argument("--time-tolerance-min", type=float, default=None)
    ap.add_argument("--rel-tolerance", type=float, default=None, help="0.01 for 1%%")
    ap.add_argument("--tolerance", default=None, help="fuse spec: time=10m,number=1%%,exact")
    ap.add_argument("--method-line", action="store_true",
                    help="print method<TAB>vote<TAB>correct<TAB>total<TAB>precision<TAB>seconds")
    a = ap.parse_args(argv)
    tmin, rel = a.time_tolerance_min, a.rel_tolerance
    if a.tolerance:
        try:
            t2, r2 = parse_spec(a.tolerance)
        except ValueError as e:
            ap.error(str(e))
        tmin = t2 if t2 is not None else tmin
        rel = r2 if r2 is not None else rel

    t0 = time.perf_counter()
    gold = {}
    for item, v in read_tsv(a.gold, 2, "item, value"):
        gold[item] = typed(v)
    claims = {}
    for src, item, v in read_tsv(a.claims, 3, "source, item, value"):
        if item in gold:
            claims.setdefault(item, []).append(typed(v))
    correct = total = 0
    for item, g in gold.items():
        vals = claims.get(item)
        if not vals:
            continue
        total += 1
        if close(vote(vals, tmin, rel), g, tmin, rel):
            correct += 1
    secs = time.perf_counter() - t0
    missing = len(gold) - total
    if missing:
        print("vote: %d gold items have no claim and are not scored" % missing, file=sys.stderr)
    prec = correct / total if total else 0.0
    if a.method_line:
        print("method\tvote\t%d\t%d\t%.4f\t%.3f" % (correct, total, prec, secs))
    else:
        print("%d/%d %.4f" % (correct, total, prec))


if __name__ == "__main__":
    main()
