#!/usr/bin/env python3
"""Book author lists (Yin et al. KDD 2007, AbeBooks 2007) -> crosscheck fuse TSV.

Usage:
  book_to_tsv.py --shared DIR --out-claims F --out-gold F [--form surname|initial] [--show ISBN]

DIR is the shared folder (DIR/benchmarks/truth/book/), or that book folder itself,
or its parent. Writes

  claims: store<TAB>ISBN10|authors<TAB>canonical author list   (no header)
  gold:   ISBN10|authors<TAB>canonical author list

Input: book.txt, 4 tab-separated columns (store, ISBN, title, author text);
book_golden.txt, 'ISBN<TAB>last, first;  last, first;  ' records separated by blank
lines (lower case, from the covers).

Items: the ISBN as ISBN-10. 154 of the 1,265 ISBN strings of book.txt and 10 of the
100 gold ISBNs are ISBN-13 (978 prefix, none of them also listed as ISBN-10):
they are converted (check digit recomputed), so all 100 gold books match an item.

Author lists. Stores write the same list in many ways: 'Knuth, Donald E.',
'Donald E. Knuth', 'KNUTH', 'Haag, Stephen; Perry, James T', 'Haag, Stephen/ Perry,
James T.', 'HAAG, STEPHEN PERRY, JAMES T. SOSINSKY, BARRIE' (pairs run together),
'Alfred V. Aho, Ravi Sethi, Jeffrey D. Ullman', 'Beauchemin, BobSullivan, Dan'
(no separator at all), 'Carter, Eric, and Lippert, Eric', 'By (author) Eberly,
David H.', 'Melton, Jim (Author)'. The parser:
  1. drops non-values ('Not Available', 'N/A', 'unknown', '0', empty: no claim),
     parenthesised roles, 'By', 'UNKNOWN', 'Jr.', 'Ph.D.', and 'et al'/'etc.'
     (a list cut short with 'et al' keeps only the authors it names, so it is a
     wrong whole list under strict scoring, as it should be);
  2. splits run-together names ('BobSullivan' -> 'Bob; Sullivan', 'D.Pulsipher'),
     except after Mc/Mac/De/La/... ('McDiarmid', 'DeRose');
  3. splits on ';', '/', '|', '&', ' and ', newlines;
  4. reads each piece's commas: 'Last, First' (one name); 'First Last, First Last'
     (several names); 'Last, First Last2, First2 Last3, First3' (the surname of the
     next author ends each middle piece); 'Last, First, Last2, First2' (pairs);
     a piece without comma is 'First [Middle] Last' ('van Dam' keeps its particle)
     or 'Last First M.' when it ends with an initial.
Canonical form (decision): the surnames in order, lower case, accents and
apostrophes removed, '; ' separated: 'haag; perry; sosinsky; estevez'. Given names
are left out because stores abbreviate them at will (James T. / James / J.), while
a missing, extra or reordered author, or a misspelt surname, still changes the
string: this is the strict whole-list comparison of Dong et al. 2009 up to given
names. The alternative '--form initial' keeps the first initial ('haag s; perry j');
it reaches fewer gold lists (see below). Duplicate names in one list (same surname
and initial, e.g. 'Clark, Thomas; Clark, Tom') are kept once.

Duplicates: a store lists some books several times; its first value per book is
kept (631 later different values dropped). HTML entities ('St&uuml;tzle',
'Bryant &amp; O'Hallaron') are decoded first.

Measured (default surname form): 33,971 rows, 0 malformed; 895 stores, 1,265 books;
817 listings give no author value; 24,283 claims from 876 stores on 1,263 items
(Dong et al. 2009: 24,364 listings, 877 stores, 1,263 books after removing
duplicates). Gold: 100 books, all 100 match an item.
Reachable gold lists (equal to at least one claimed list after normalisation):
99 of 100 with the surname form (not 044450673X, a 7-author proceedings volume
that no store lists whole); 97 with --form initial (also 007223217X and
0072255099, whose stores abbreviate 'Wm. Arthur' as 'Art' or drop the given name).
This bounds any method's score. Majority vote (vote.py, exact, ties to the
lexicographically smallest list): 78/100 in both forms (Dong et al.: NAIVE .71).
All 22 misses of vote are partial lists: many stores list the first author alone
('Han' for Han & Kamber) or drop the last ones, and vote picks that shorter list.
"""
import html
import os
import re
import sys
import unicodedata

from adapter_util import find_root, parser, report_bad

NONE_RE = re.compile(r"^(?:not available|n/?a|none|unknown|various|anonymous|0|-+|\.+|null)$", re.I)
PAREN_RE = re.compile(r"\([^)]*\)?")
SUFFIX_RE = re.compile(r"\b(?:II|III|IV|JR|Jr|SR|Sr)\b\.?")
DROP_RE = re.compile(r"\b(?:by|unknown|et\.? al\.?|etc\.?|and others|jr\.?|sr\.?|ph\.? ?d\.?|"
                     r"editors?|eds?\.|edited|translator|author)(?=\W|$)", re.I)
PARTICLES = {"van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "st.", "st"}
NO_SPLIT = {"Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Der", "Den", "O", "Fitz"}
CAMEL_RE = re.compile(r"(?<![A-Za-z'])([A-Z][a-z]+)(?=[A-Z][a-z]+)")
INITIAL_DOT_RE = re.compile(r"(?<=\b[A-Z]\.)(?=[A-Z][A-Za-z'\-]{2,},)")
STRONG_RE = re.compile(r"\s*(?:;|/|\||&|\n|\s-\s|\band\b|\bwith\b)\s*", re.I)
INITIAL_RE = re.compile(r"^(?:[A-Za-z]\.?|(?:[A-Za-z]\.){1,3}[A-Za-z]?|[A-Z]{2})$")


def isbn10(s):
    """ISBN-13 with 978 prefix -> ISBN-10; ISBN-10 as is (upper-case X); else None."""
    s = s.replace("-", "").strip().upper()
    if re.fullmatch(r"\d{9}[\dX]", s):
        return s
    if re.fullmatch(r"978\d{10}", s):
        core = s[3:12]
        ck = (11 - sum((10 - i) * int(c) for i, c in enumerate(core)) % 11) % 11
        return core + ("X" if ck == 10 else str(ck))
    return None


def is_initial(w):
    return bool(INITIAL_RE.match(w))


def _camel(m):
    return m.group(1) if m.group(1) in NO_SPLIT else m.group(1) + "; "


def plain_name(p):
    """'First M. Last', 'Last First M.', 'Last' -> (last, first)."""
    w = p.split()
    if not w:
        return None
    if len(w) == 1:
        return (w[0], "")
    if len(w) >= 2 and is_initial(w[-1]) and not is_initial(w[0]):
        return (w[0], " ".join(w[1:]))                 # 'Ferdinandi Patricia L.'
    k = len(w) - 1
    while k > 1 and w[k - 1].lower() in PARTICLES:     # 'Andries van Dam'
        k -= 1
    return (" ".join(w[k:]), " ".join(w[:k]))


def comma_names(chunk):
    """One piece (no strong separator) -> list of (last, first)."""
    parts = [p.strip() for p in chunk.split(",")]
    parts = [p for p in parts if p and not DROP_ONLY_RE.match(p)]
    if not parts:
        return []
    if len(parts) == 1:
        n = plain_name(parts[0])
        return [n] if n else []
    words = [p.split() for p in parts]
    if len(parts) == 2:
        a, b = words
        if len(a) >= 2 and len(b) >= 2 and not is_initial(a[-1]) and not is_initial(b[-1]):
            return [plain_name(parts[0]), plain_name(parts[1])]   # 'David Makofske, Kevin Almeroth'
        return [(parts[0], parts[1])]                             # 'Knuth, Donald E.'
    mids = words[1:-1]
    if len(words[0]) == 1 and all(len(m) >= 2 and not is_initial(m[-1]) for m in mids):
        # 'HAAG, STEPHEN PERRY, JAMES T. SOSINSKY, BARRIE'
        out, last = [], parts[0]
        for m in mids:
            out.append((last, " ".join(m[:-1])))
            last = m[-1]
        out.append((last, parts[-1]))
        return out
    if all(len(w) == 1 for w in words) and len(words) % 2 == 1:
        return [(p, "") for p in parts]                           # 'Arnold,Gosling,Holmes'
    out, i = [], 0
    while i < len(parts):
        if len(words[i]) == 1 and i + 1 < len(parts) and (len(words[i + 1]) == 1 or is_initial(words[i + 1][-1])
                                                          or len(words[i + 1]) <= 3):
            out.append((parts[i], parts[i + 1]))                  # 'Mel, H.X., Burnett, Doris'
            i += 2
        else:
            n = plain_name(parts[i])
            if n:
                out.append(n)
            i += 1
    return out


DROP_ONLY_RE = re.compile(r"^(?:jr\.?|sr\.?|ii|iii|iv|ph\.? ?d\.?|et al\.?|etc\.?)$", re.I)


def parse_authors(raw):
    """Free author text -> list of (last, first), or None when the store gives no value."""
    s = " ".join(html.unescape(raw).replace("\t", " ").split())
    if not s or NONE_RE.match(s):
        return None
    s = PAREN_RE.sub(" ", s)
    s = DROP_RE.sub(" ", s)
    s = SUFFIX_RE.sub(" ", s)
    s = CAMEL_RE.sub(_camel, s)
    s = INITIAL_DOT_RE.sub("; ", s)
    names = []
    for chunk in STRONG_RE.split(s):
        chunk = chunk.strip(" ,.;")
        if chunk:
            names.extend(n for n in comma_names(chunk) if n and n[0].strip(" ,."))
    return names or None


def fold(s):
    """Lower case, accents and apostrophes removed, only letters, digits, '-' and spaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("'", "").replace("\u2019", "").replace("`", "")
    s = re.sub(r"[^a-z0-9\- ]+", " ", s)
    return " ".join(s.split())


def canonical(names, form="surname"):
    out, seen = [], []
    for last, first in names:
        last, f = fold(last), fold(first)[:1]
        if not last or last.isdigit():
            continue
        # The same name twice in one list ('Clark, Thomas; Clark, Tom', a list repeated)
        # is kept once; two authors with one surname ('Campbell, Dave; Campbell, Mary')
        # differ in the initial and both stay.
        if any(l == last and (g == f or not g or not f) for l, g in seen):
            continue
        seen.append((last, f))
        out.append(last + " " + f if form == "initial" and f else last)
    return "; ".join(out) if out else None


def read_lines(path):
    with open(path, "rb") as f:
        for lineno, b in enumerate(f, 1):
            try:
                yield lineno, b.decode("utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                yield lineno, b.decode("latin-1").rstrip("\r\n")


def convert(root, out_claims, out_gold, form="surname", show=None, log=sys.stderr):
    p = lambda *a: print(*a, file=log)
    bad = []
    seen = {}
    values = {}          # item -> set of claimed canonical values
    sources = set()
    books = set()
    none = dups = 0
    cpath = os.path.join(root, "book.txt")
    with open(out_claims, "w", encoding="utf-8", newline="\n") as out:
        for lineno, line in read_lines(cpath):
            if not line.strip() or line.startswith("#"):
                continue
            f = line.split("\t")
            if len(f) != 4:
                bad.append("%s:%d: %d fields, expected 4" % (cpath, lineno, len(f)))
                continue
            src = " ".join(f[0].split())
            isbn = isbn10(f[1])
            if not src or isbn is None:
                bad.append("%s:%d: bad store or ISBN %r" % (cpath, lineno, f[1]))
                continue
            books.add(isbn)
            names = parse_authors(f[3])
            v = canonical(names, form) if names else None
            if show and isbn == isbn10(show):
                p("  show %-30s %-60r -> %s" % (src[:30], f[3], v))
            if v is None:
                none += 1
                continue
            item = isbn + "|authors"
            key = (src, item)
            if key in seen:
                dups += seen[key] != v
                continue
            seen[key] = v
            out.write("%s\t%s\t%s\n" % (src, item, v))
            sources.add(src)
            values.setdefault(item, set()).add(v)

    gpath = os.path.join(root, "book_golden.txt")
    gold = {}
    for lineno, line in read_lines(gpath):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        isbn = isbn10(f[0]) if len(f) == 2 else None
        names = parse_authors(f[1]) if isbn else None
        if not names:
            bad.append("%s:%d: expected 'ISBN<TAB>last, first;  ...'" % (gpath, lineno))
            continue
        gold[isbn + "|authors"] = canonical(names, form)
    matched = {i: v for i, v in gold.items() if i in values}
    with open(out_gold, "w", encoding="utf-8", newline="\n") as out:
        for item in sorted(matched):
            out.write("%s\t%s\n" % (item, matched[item]))
    reach = [i for i, v in matched.items() if v in values[i]]
    p("book (%s form): %d claims, %d stores, %d books (%d items with a claim), %d listings without an "
      "author value, %d later different values of a store for a book dropped"
      % (form, len(seen), len(sources), len(books), len(values), none, dups))
    p("  gold: %d books, %d match an item; reachable (gold list equals a claimed list): %d"
      % (len(gold), len(matched), len(reach)))
    for i in sorted(set(matched) - set(reach)):
        p("    unreachable %s gold %r" % (i, matched[i]))
    report_bad(p, bad)
    return {"claims": len(seen), "sources": len(sources), "items": len(values), "gold": len(matched),
            "reachable": len(reach)}


def main(argv=None):
    ap = parser(__doc__)
    ap.add_argument("--out-gold", required=True)
    ap.add_argument("--form", choices=("surname", "initial"), default="surname",
                    help="canonical author form (default: surnames only)")
    ap.add_argument("--show", metavar="ISBN", help="print the raw and canonical lists of one book")
    a = ap.parse_args(argv)
    convert(find_root(a.shared, "book_to_tsv", "book", ["book.txt", "book_golden.txt"]),
            a.out_claims, a.out_gold, a.form, a.show)


if __name__ == "__main__":
    main()
