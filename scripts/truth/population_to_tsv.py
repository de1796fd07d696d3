#!/usr/bin/env python3
"""Population (Pasternack & Roth, Wikipedia city-population edits; DAFNA-EA copy) -> crosscheck fuse TSV.

Usage:
  population_to_tsv.py --shared DIR --out-claims F --out-gold F [--drop-restatements]

DIR is the shared folder (DIR/benchmarks/truth/population/), or that population
folder itself, or its parent. Writes

  claims: source<TAB>city, state|Population<YEAR><TAB>integer    (no header)
  gold:   city, state|Population<YEAR><TAB>integer

Input (see the data set's README): claims.txt has fields separated by the
two-character separator '|<TAB>' and ends each line with '|<TAB>':
  claimId |\\t (empty) |\\t city |\\t Population<YEAR> |\\t value |\\t source |\\t null |\\t
gold.txt is 'city, state, YEAR, value' (CRLF); the city contains a comma, so the
last two fields are split off from the right.

Decisions:
- Item = 'city|property', city as given (already lower case, trimmed), property as
  given except that 'Population/2006' (174 claims, all non-US cities such as prague)
  is written 'Population2006' like everywhere else. That merges no gold item. Odd
  properties such as 'Population007' are kept as they are (no guessing).
- Value = the integer as a plain decimal (int() of the field; all 49,955 values are
  digit strings). Source = the editor string as given ('81676: Beirne',
  '0 (68.162.248.83)'), with tabs and runs of spaces collapsed.
- Every claim line is kept (no editor has two claims for one item in this file,
  so Pasternack & Roth's "latest claim of each editor per city-year" keeps all).
- --drop-restatements drops a claim whose value equals the value of the item's
  previous claim (claim ids are in edit order): the editor left the infobox value
  as it found it, which is no independent evidence for it. Most such claims are
  bots' (CapitalBot 3,619 of its 25,820; CapitalR 464, Detroiterbot 140,
  MJCdetroit 92, ArkyBot 41). A value restored after a different one (a revert)
  is kept. 49,955 -> 45,206 claims; every item keeps its first claim.
- Gold: only the gold lines whose item has at least one claim are written, so
  every scorer's total is the same: 301 of the 308 lines (the 7 others, e.g.
  'st. joseph, missouri' 2000, have no claims and are listed on stderr).

Measured: 49,955 claim lines, 0 malformed, 0 empty values; 4,264 sources;
41,196 cities; 42,826 items (42,832 as given: 6 'Population/YEAR' items merge into
their 'PopulationYEAR' twin); gold 308 lines, 301 matched and written.
Majority vote (scripts/truth/vote.py) on the 301: exact with ties toward the
smallest value 242/301 = 0.804; number=1% (x supports v if |x - v| <= 0.01 |v|)
252/301 = 0.837: both equal to the README's figures.
With --drop-restatements (45,206 claims, number=1%, same tie rule), crosscheck fuse:
vote 266, truthfinder 271, accu 273, accucopy 251 of 301 (all claims: 252, 256, 255, 256).
"""
import os
import re
import sys

from adapter_util import find_root, parser, report_bad

SEP = "|\t"


def field(s):
    """Trim and collapse whitespace (tabs and newlines included)."""
    return " ".join(s.split())


_PROP = re.compile(r"^Population/?(\w+)$")


def convert(root, out_claims, out_gold, drop_restatements=False, log=sys.stderr):
    bad = []
    rows = []        # claim id, source, item, value, city
    restated = 0
    items = set()
    sources = set()
    cities = set()
    merged_props = 0
    n = 0
    cpath = os.path.join(root, "claims.txt")
    with open(cpath, "rb") as f, open(out_claims, "w", encoding="utf-8", newline="\n") as out:
        for lineno, b in enumerate(f, 1):
            try:
                line = b.decode("utf-8")
            except UnicodeDecodeError:
                line = b.decode("latin-1")
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("#"):
                continue
            p = line.split(SEP)
            # 7 fields, each followed by '|\t', so the split leaves an 8th empty one.
            if len(p) != 8 or p[7].strip():
                bad.append("%s:%d: %d fields (separator '|<TAB>' expected 7 times)" % (cpath, lineno, len(p) - 1))
                continue
            city, prop, val, src = field(p[2]), field(p[3]), field(p[4]).replace(",", ""), field(p[5])
            m = _PROP.match(prop)
            if not city or not src or not m:
                bad.append("%s:%d: empty city/source or property %r" % (cpath, lineno, prop))
                continue
            if "/" in prop:
                merged_props += 1
                prop = "Population" + m[1]
            if not val:
                continue                       # no value, no claim
            if not re.fullmatch(r"\d+", val):
                bad.append("%s:%d: value %r is not an integer" % (cpath, lineno, val))
                continue
            if not re.fullmatch(r"\d+", p[0].strip()):
                bad.append("%s:%d: claim id %r is not an integer" % (cpath, lineno, p[0]))
                continue
            rows.append((int(p[0]), src, city + "|" + prop, int(val), city))
        # Edit order (the file is already in claim-id order; sorted to be sure).
        rows.sort(key=lambda r: r[0])
        previous = {}
        for _, src, item, val, city in rows:
            if drop_restatements and previous.get(item) == val:
                restated += 1
                continue
            previous[item] = val
            out.write("%s\t%s\t%d\n" % (src, item, val))
            n += 1
            items.add(item)
            sources.add(src)
            cities.add(city)

    gpath = os.path.join(root, "gold.txt")
    gold = {}
    unmatched = []
    glines = 0
    with open(gpath, "rb") as f:
        for lineno, b in enumerate(f, 1):
            line = b.decode("utf-8", "replace").strip()
            if not line or line.startswith("#"):
                continue
            glines += 1
            parts = line.rsplit(",", 2)
            if len(parts) != 3 or not parts[1].strip().isdigit() or not parts[2].strip().isdigit():
                bad.append("%s:%d: expected 'city, state, YEAR, value'" % (gpath, lineno))
                continue
            item = field(parts[0]) + "|Population" + parts[1].strip()
            v = int(parts[2].strip())
            if item in gold and gold[item] != v:
                bad.append("%s:%d: %s has two gold values" % (gpath, lineno, item))
                continue
            if item not in items:
                unmatched.append(item)
                continue
            gold[item] = v
    with open(out_gold, "w", encoding="utf-8", newline="\n") as out:
        for item in sorted(gold):
            out.write("%s\t%d\n" % (item, gold[item]))

    p = lambda *a: print(*a, file=log)
    p("population: %d claims, %d sources, %d cities, %d items ('Population/YEAR' written "
      "'PopulationYEAR' in %d claims)" % (n, len(sources), len(cities), len(items), merged_props))
    if drop_restatements:
        p("  --drop-restatements: %d claims restating the item's previous value dropped" % restated)
    p("  gold: %d lines, %d matched an item and written, %d without claims: %s"
      % (glines, len(gold), len(unmatched), "; ".join(unmatched)))
    report_bad(p, bad)
    return {"claims": n, "items": len(items), "sources": len(sources), "gold": len(gold), "bad": len(bad)}


def main(argv=None):
    ap = parser(__doc__)
    ap.add_argument("--out-gold", required=True)
    ap.add_argument("--drop-restatements", action="store_true",
                    help="drop claims that repeat the item's previous value (edit order)")
    a = ap.parse_args(argv)
    convert(find_root(a.shared, "population_to_tsv", "population", ["claims.txt", "gold.txt"]),
            a.out_claims, a.out_gold, a.drop_restatements)


if __name__ == "__main__":
    main()
