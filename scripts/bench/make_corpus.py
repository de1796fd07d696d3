#!/usr/bin/env python3
"""Writes a news corpus K times the size of a source corpus, for the scaling
benchmark (scripts/bench.sh). Never write it into the repository.

Input: a corpus laid out as <src>/news/<category>/<name>.txt (the BBC corpus,
../shared/corpus/bbc-news-2004): a title line, a blank line, paragraphs
separated by blank lines. Output: <out>/news/<category>/<name>-rNNN.txt for
replicas r = 0 .. K-1, the same layout, every file name unique (source ids
are file names, so no id repeats).

Replica 0 is the source corpus byte for byte, so the 1x run of a scaled
corpus is the source corpus's run.

Every replica r > 0 of an article must read as a different article, not as a
near-copy: copy detection would rightly find K-way copies otherwise, and the
scaling would measure copies, not size. So each replica article is rebuilt,
deterministically (seed, r, category and article index seed the choices):

  * Sentences: from donor articles of the same category drawn at random
    (articles of 5 sentences or more; the article itself may be one). The
    new article keeps the paragraph and sentence counts of the article it
    replaces (so sizes and their distribution stay the same). Each donor
    gives a run of consecutive sentences from a random start, at most a
    quarter of the new article and at most 40% of its own sentences, so that
    neither article contains the other as a copy does (a copy shares half
    its shingles: engine/score/copies.h); donors are drawn until the
    sentences suffice (at least 4), and their runs are interleaved sentence
    by sentence. The title is another random donor's title. The sentence
    pool is finite: at Kx each source sentence is used about K times, so a
    few replicas share three donors' runs and are found as copies (on the
    BBC corpus: 54 copies of 2,095 articles at 1x, 66 of 20,950 at 10x,
    1,181 of 209,500 at 100x; bench.sh reports them at each size).
  * People: capitalised words that follow a common first name or a title
    (Mr, Mrs, Ms, Dr, Sir, Lord) in the source corpus, are rarely written in
    lower case and not mostly alone (one in five of their occurrences
    follows a first name or title; "Islam" does not qualify) are surnames.
    Every surname and common first name is renamed from a fixed list, by a
    hash of (name, r): consistent within a replica (replica r is a world
    where "Blair" is always the same other person), different between
    replicas.
  * Places: a fixed list of cities is renamed the same way, from another
    fixed list of cities.
  * Years (1950-2029) shift by a replica's offset in -12..-1, 1..12, the same
    for a whole replica (so the order of events in a text holds).
  * Other numbers (counts, money, percentages, decimals) scale by a factor
    drawn per article from 0.5..2.0 (never within 10% of 1), keeping their
    thousands separators, decimals and significant digits ("500,000" may
    become "800,000", not "812,345"); day numbers beside a month name and
    times (10:30) are left alone.

The sentence splitter and the name finder are simple on purpose: the text
must be plausible for the engine's stages, not correct for a reader.

usage: make_corpus.py SRC OUT --replicas K [--seed N] [--jobs N]
Prints one JSON line: {"replicas", "articles", "bytes", "surnames", "seconds"}.
The output is the same whatever --jobs.
"""

import argparse
import collections
import hashlib
import json
import multiprocessing
import os
import random
import re
import sys
import time

FIRST_NAMES = """Adam Alan Alex Alexander Alistair Andrew Andy Ann Anna Anne Anthony
Barbara Ben Bill Bob Brian Carl Charles Charlie Chris Christopher Claire Colin Craig
Dan Daniel Darren David Dennis Derek Diane Dominic Donald Ed Edward Emma Eric Frank
Gary Geoff George Gerry Gordon Graham Greg Harry Helen Henry Hugh Ian Jack James Jane
Jason Jeff Jennifer Jim Joe John Jonathan Jose Julian Karen Kate Keith Ken Kevin Lee
Liam Linda Lisa Mark Martin Mary Matt Matthew Michael Mick Mike Nick Nicola Nigel Pat
Patrick Paul Pete Peter Phil Philip Richard Rob Robert Robin Roger Ronald Ruth Sam
Sarah Scott Sean Simon Stephen Steve Steven Stuart Susan Ted Terry Thomas Tim Tom Tony
Vincent Walter William""".split()

TITLES = "Mr Mrs Ms Dr Sir Lord".split()

NEW_FIRST_NAMES = """Aaron Abigail Adrian Agnes Albert Alice Amelia Amos Angus Arthur
Audrey Basil Beatrice Bernard Bridget Calum Carmen Cecil Clara Clive Cyril Daphne
Declan Delia Desmond Doris Edgar Edith Elaine Elliot Esther Ewan Felix Fergus Fiona
Floyd Gareth Gemma Gideon Gloria Harvey Hazel Hector Imogen Iris Isaac Ivor Jasper
Joan Judith Kieran Leon Leonard Lionel Lorna Lucas Mabel Malcolm Marcus Maurice Miles
Miriam Morris Muriel Neville Noel Norman Olive Oscar Owen Percy Quentin Rhona Rupert
Sheila Silas Stanley Stella Sybil Theo Tobias Trevor Una Ursula Vera Victor Wilfred
Yvonne""".split()

NEW_SURNAMES = """Abbott Acton Ainsworth Alder Ashby Ashworth Atherton Aylward Bagley
Bancroft Barlow Beckett Bellamy Benbow Blackwood Blakemore Bramley Brereton Brocklehurst
Calloway Carrick Catterall Chadwick Chalmers Cheswick Clayborne Colwell Cotterill
Crowther Dalby Danvers Dearden Denholm Dunmore Eastwood Elphick Farrant Fawcett
Fenwick Fairbairn Gaskell Gilmour Goodall Greenhalgh Hadley Halloran Harcourt
Hartigan Hebden Holloway Horsfall Hulbert Ibbotson Ingleby Jessop Kavanagh Kendrick
Kershaw Kilbride Lambourne Latimer Lethbridge Lockwood Loxley Maddox Mallory Marsden
Merrick Midgley Montague Mortlake Nettleton Newbold Oakley Ormerod Padgett Pemberton
Pickering Pilkington Quarmby Radcliffe Ramsden Redfern Rushworth Sandford Satterthwaite
Scarlett Shackleton Sowerby Stansfield Sutcliffe Tattersall Thackeray Thornbury
Tremayne Underhill Vickery Wadsworth Wainwright Whitfield Winstanley Wolstenholme
Yardley""".split()

PLACES = """London Paris Berlin Madrid Rome Moscow Tokyo Beijing Shanghai Delhi Mumbai
Sydney Melbourne Dublin Edinburgh Glasgow Cardiff Belfast Manchester Liverpool
Birmingham Leeds Newcastle Washington Chicago Brussels Amsterdam Geneva Zurich Milan
Barcelona Lisbon Athens Istanbul Cairo Johannesburg Toronto Singapore Seoul Bangkok
Dubai Frankfurt Vienna Stockholm Copenhagen Oslo Helsinki Warsaw Prague Budapest""".split()
PLACES += ["New York", "Los Angeles", "Hong Kong", "San Francisco", "Cape Town"]

NEW_PLACES = """Bristol Leicester Nottingham Sheffield Southampton Aberdeen Dundee Swansea
Derby Plymouth Lyon Marseille Toulouse Munich Hamburg Cologne Stuttgart Seville Valencia
Bilbao Naples Turin Bologna Porto Osaka Nagoya Sapporo Busan Chennai Kolkata Pune Perth
Adelaide Brisbane Auckland Vancouver Montreal Calgary Boston Houston Seattle Denver
Phoenix Rotterdam Antwerp Gothenburg Bergen Krakow Gdansk Brno Graz Basel Leipzig
Dresden Malaga Genoa Verona Kobe Yokohama Incheon Daegu Hyderabad Ottawa Winnipeg
Atlanta Dallas Miami Detroit Tampere Aarhus Malmo Lodz""".split()

MONTHS = ("January February March April May June July August September October "
          "November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()

CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")
MULTI_WORD_PLACES = re.compile(r"\b(?:%s)\b" % "|".join(p for p in PLACES if " " in p))
SENTENCE_END = re.compile(r"(?<=[.!?])([\"']?)\s+(?=[\"'A-Z0-9£$])")
YEAR = re.compile(r"(?<![\d.,£$])\b(19[5-9]\d|20[0-2]\d)\b(?![\d%]|[.,]\d)")
NUMBER = re.compile(r"(?<![\d.,:/])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d:/]|,\d)")
MONTH_BEFORE = re.compile(r"(?:%s)\.?\s+$" % "|".join(MONTHS))
MONTH_AFTER = re.compile(r"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:%s)\b" % "|".join(MONTHS))


def stable_hash(*parts):
    text = "\x1f".join(str(p) for p in parts).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


def split_sentences(paragraph):
    # SENTENCE_END keeps a closing quote with its sentence.
    out, start = [], 0
    for m in SENTENCE_END.finditer(paragraph):
        out.append(paragraph[start:m.start()] + m.group(1))
        start = m.end()
    out.append(paragraph[start:])
    return [s for s in out if s.strip()]


def read_corpus(src):
    """{category: [(name, title, [[sentence, ...] per paragraph])]}, sorted."""
    news = os.path.join(src, "news")
    corpus = {}
    for category in sorted(os.listdir(news)):
        folder = os.path.join(news, category)
        if not os.path.isdir(folder):
            continue
        articles = []
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
            if not blocks:
                continue
            title, paragraphs = blocks[0], [split_sentences(b) for b in blocks[1:]]
            paragraphs = [p for p in paragraphs if p]
            if paragraphs:
                articles.append((name, title, paragraphs))
        if articles:
            corpus[category] = articles
    return corpus


def find_surnames(corpus):
    """Capitalised words that follow a first name or a title and are rarely
    written in lower case."""
    after = collections.Counter()
    capitalised = collections.Counter()
    lower = collections.Counter()
    firsts = set(FIRST_NAMES) | set(TITLES)
    for articles in corpus.values():
        for _, title, paragraphs in articles:
            for text in [title] + [s for p in paragraphs for s in p]:
                words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
                for a, b in zip(words, words[1:]):
                    if a in firsts and CAPITALISED.fullmatch(b):
                        after[b] += 1
                for w in words:
                    if w.islower():
                        lower[w] += 1
                    elif CAPITALISED.fullmatch(w):
                        capitalised[w] += 1
    skip = set(FIRST_NAMES) | set(TITLES) | set(PLACES) | set(MONTHS)
    return sorted(w for w, n in after.items()
                  if w not in skip and len(w) > 2 and lower[w.lower()] * 5 < n
                  and n * 5 >= capitalised[w])


class Replica:
    """The renaming and the year shift of one replica."""

    def __init__(self, r, surnames):
        self.r = r
        k = (r - 1) % 24
        self.year_shift = k - 12 if k < 12 else k - 11  # -12..-1, 1..12
        mapping = {}
        for name in surnames:
            mapping[name] = NEW_SURNAMES[stable_hash("surname", name, r) % len(NEW_SURNAMES)]
        for name in FIRST_NAMES:
            mapping[name] = NEW_FIRST_NAMES[stable_hash("first", name, r) % len(NEW_FIRST_NAMES)]
        for name in PLACES:
            mapping[name] = NEW_PLACES[stable_hash("place", name, r) % len(NEW_PLACES)]
        self.mapping = mapping

    def rename(self, text):
        # Multi-word places first, then one dictionary look-up per
        # capitalised word (one alternation of ~2,000 names is slow in re).
        text = MULTI_WORD_PLACES.sub(lambda m: self.mapping[m.group(0)], text)
        mapping = self.mapping
        return CAPITALISED.sub(lambda m: mapping.get(m.group(0), m.group(0)), text)


def make_scaler(factor):
    """A NUMBER.sub() callback for `text` that scales by `factor`."""
    def scale(text, m):
        before, after = text[:m.start()], text[m.end():]
        if before.endswith(":") or after.startswith(":"):
            return m.group(0)  # a time, a score
        whole, frac = m.group(1), m.group(2) or ""
        value = int(whole.replace(",", ""))
        if value <= 31 and (MONTH_BEFORE.search(before[-12:]) or MONTH_AFTER.match(after[:16])):
            return m.group(0)  # a day of the month
        if frac:
            places = len(frac) - 1
            scaled = float(whole.replace(",", "") + frac) * factor
            return f"{scaled:,.{places}f}" if "," in whole else f"{scaled:.{places}f}"
        if value == 0:
            return m.group(0)
        # As many significant digits as the original ("£500,000" stays round).
        digits = str(value)
        keep = max(1, len(digits.rstrip("0")))
        scaled = value * factor
        step = 10 ** max(0, len(str(int(scaled))) - keep)
        scaled = max(1, int(round(scaled / step)) * step)
        return f"{scaled:,}" if "," in whole else str(scaled)
    return scale


def vary_numbers(text, scale, year_shift):
    """Years shifted, then every other number scaled (make_scaler)."""
    out, last = [], 0
    for m in YEAR.finditer(text):
        piece = text[last:m.start()]
        out.append(NUMBER.sub(lambda n, t=piece: scale(t, n), piece))
        out.append(str(int(m.group(1)) + year_shift))
        last = m.end()
    piece = text[last:]
    out.append(NUMBER.sub(lambda n, t=piece: scale(t, n), piece))
    return "".join(out)


MIN_DONOR_SENTENCES = 5  # shorter articles give no sentences (see rebuild)


def sentences_of(article):
    return [s for p in article[2] for s in p]


def rebuild(articles, donors_pool, i, r, category, seed, replica):
    """Replica r of article i of a category, as text.

    No donor gives more than a quarter of the new article nor more than 40%
    of its own sentences, so neither contains the other the way a copy does
    (engine/score/copies.h: a copy shares half its shingles), and two
    replicas are copies only when they share three donors and the runs they
    took from them; sentences are interleaved from the donors in turn.
    """
    rng = random.Random(f"{seed}/{r}/{category}/{i}")
    factor = rng.uniform(0.5, 2.0)
    if abs(factor - 1) < 0.1:
        factor = 1.1 + (factor - 0.9) * 4  # 1.1 .. 1.9
    scale = make_scaler(factor)

    shape = [len(p) for p in articles[i][2]]
    slots = sum(shape)
    cap = max(1, slots // 4)
    runs, used, total = [], set(), 0
    while total < slots:
        if len(used) >= len(donors_pool):
            used.clear()  # a tiny corpus: donors give again
        d = rng.choice(donors_pool)
        if d in used:
            continue
        used.add(d)
        flat = sentences_of(articles[d])
        quota = min(cap, max(1, len(flat) * 2 // 5), slots - total)
        start = rng.randrange(len(flat) - quota + 1)
        runs.append(flat[start:start + quota])
        total += quota
    interleaved = []
    for k in range(max(len(run) for run in runs)):
        interleaved.extend(run[k] for run in runs if k < len(run))

    def vary(text):
        return vary_numbers(replica.rename(text), scale, replica.year_shift)

    paragraphs, at = [], 0
    for n in shape:
        paragraphs.append(vary(" ".join(interleaved[at:at + n])))
        at += n
    title = vary(articles[rng.choice(donors_pool)][1])
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


_STATE = {}  # what every replica needs; set before the worker processes fork


def write_replica(r):
    """Writes replica r; returns (articles, bytes)."""
    src, out, seed, corpus, surnames = (_STATE[k] for k in
                                        ("src", "out", "seed", "corpus", "surnames"))
    replica = Replica(r, surnames) if r else None
    articles_written = bytes_written = 0
    for category, articles in corpus.items():
        folder = os.path.join(out, "news", category)
        donors_pool = [j for j, a in enumerate(articles)
                       if len(sentences_of(a)) >= MIN_DONOR_SENTENCES]
        if len(donors_pool) < 3:
            donors_pool = list(range(len(articles)))
        for i, (name, _, _) in enumerate(articles):
            if r == 0:
                with open(os.path.join(src, "news", category, name), "rb") as f:
                    data = f.read()
            else:
                data = rebuild(articles, donors_pool, i, r, category, seed,
                               replica).encode("utf-8")
            with open(os.path.join(folder, f"{name[:-4]}-r{r:03d}.txt"), "wb") as f:
                f.write(data)
            articles_written += 1
            bytes_written += len(data)
    return articles_written, bytes_written


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("src")
    parser.add_argument("out")
    parser.add_argument("--replicas", type=int, required=True)
    parser.add_argument("--seed", type=int, default=2004)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes writing replicas (default: every core)")
    args = parser.parse_args()
    if args.replicas < 1:
        parser.error("--replicas must be at least 1")

    start = time.time()
    corpus = read_corpus(args.src)
    if not corpus:
        sys.exit(f"make_corpus: no articles under {args.src}/news/<category>/")
    for category in corpus:
        os.makedirs(os.path.join(args.out, "news", category), exist_ok=True)
    _STATE.update(src=args.src, out=args.out, seed=args.seed, corpus=corpus,
                  surnames=find_surnames(corpus))
    replicas = range(args.replicas)
    if args.jobs > 1 and args.replicas > 1:
        with multiprocessing.get_context("fork").Pool(min(args.jobs, args.replicas)) as pool:
            counts = pool.map(write_replica, replicas, chunksize=1)
    else:
        counts = [write_replica(r) for r in replicas]
    print(json.dumps({"replicas": args.replicas,
                      "articles": sum(a for a, _ in counts),
                      "bytes": sum(b for _, b in counts),
                      "surnames": len(_STATE["surnames"]),
                      "seconds": round(time.time() - start, 1)}))


if __name__ == "__main__":
    main()
