// ArticleExtract <-> bytes, lossless: what a store keeps per article; and
// AnalysedArticle <-> bytes, lossless: what `check` sets aside between its
// two passes over the articles (checker.cc).
//
// A store reads every extract on every run, so the encoding is binary and
// flat: unsigned varints (LEB128) for sizes, offsets and enums, zigzag
// varints for signed numbers, doubles as their 8 IEEE bytes (infinity and
// all), strings and lists length-prefixed, shingles as 8 raw bytes each.
// Decoding checks every length against what is left, so a damaged or
// truncated row is an error, never a wild read or a huge allocation.
//
//   extract := "CXE2" id path line published pipeline mentions links
//              person_keys firm_keys shingles context claims relative source
//   analysed := "CXA2" document values mentions style
#include <cstring>

#include "engine/checker/pipeline.h"

namespace crosscheck {
namespace {

// Shingles and doubles are copied as the host's bytes: a store file moves
// between little-endian machines (x86-64, arm64) only.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "extracts are little-endian");

constexpr char kMagic[] = "CXE2";

class Writer {
 public:
  void Raw(std::string_view bytes) { out_.append(bytes); }
  void Unsigned(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void Signed(int64_t v) {
    Unsigned((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void Bool(bool b) { out_.push_back(b ? '\1' : '\0'); }
  void Double(double d) {
    char bytes[sizeof d];
    std::memcpy(bytes, &d, sizeof d);
    out_.append(bytes, sizeof d);
  }
  void String(std::string_view s) {
    Unsigned(s.size());
    out_.append(s);
  }
  void Strings(const std::vector<std::string>& list) {
    Unsigned(list.size());
    for (const std::string& s : list) String(s);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reads what Writer wrote. The first failure sticks: later reads return
// zeros, and ok() says whether everything read was there.
class Reader {
 public:
  // `what` is said when the bytes do not start as Expect() wants.
  Reader(std::string_view in, const char* what) : in_(in), what_(what) {}

  bool ok() const { return ok_; }
  bool AtEnd() const { return pos_ == in_.size(); }
  const std::string& error() const { return error_; }

  bool Expect(std::string_view bytes) {
    if (in_.substr(0, bytes.size()) != bytes) return Fail(what_);
    pos_ = bytes.size();
    return true;
  }
  uint64_t Unsigned() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!ok_ || pos_ >= in_.size()) {
        Fail("truncated");
        return 0;
      }
      const auto byte = static_cast<unsigned char>(in_[pos_++]);
      v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    Fail("bad number");
    return 0;
  }
  int64_t Signed() {
    const uint64_t u = Unsigned();
    return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
  }
  int Int() {
    const int64_t v = Signed();
    if (v < INT32_MIN || v > INT32_MAX) {
      Fail("number out of range");
      return 0;
    }
    return static_cast<int>(v);
  }
  size_t Size() { return static_cast<size_t>(Unsigned()); }
  // An enum's value, checked against its last enumerator.
  template <typename E>
  E Enum(E last) {
    const uint64_t v = Unsigned();
    if (v > static_cast<uint64_t>(last)) {
      Fail("bad enum value");
      return E{};
    }
    return static_cast<E>(v);
  }
  bool Bool() {
    const uint64_t v = Unsigned();
    if (v > 1) {
      Fail("bad flag");
      return false;
    }
    return v == 1;
  }
  double Double() {
    double d = 0;
    if (Take(sizeof d)) std::memcpy(&d, in_.data() + pos_ - sizeof d, sizeof d);
    return d;
  }
  std::string String() {
    const size_t n = Size();
    if (!Take(n)) return {};
    return std::string(in_.substr(pos_ - n, n));
  }
  // A list's length, when at least `min_bytes` per element are left.
  size_t Count(size_t min_bytes = 1) {
    const size_t n = Size();
    if (ok_ && n > (in_.size() - pos_) / min_bytes) {
      Fail("bad list length");
      return 0;
    }
    return n;
  }
  std::vector<std::string> Strings() {
    std::vector<std::string> out(Count());
    for (std::string& s : out) s = String();
    return out;
  }
  void Shingles(std::vector<uint64_t>* out) {
    const size_t n = Count(sizeof(uint64_t));
    if (!Take(n * sizeof(uint64_t))) return;
    out->resize(n);
    if (n > 0) std::memcpy(out->data(), in_.data() + pos_ - n * sizeof(uint64_t),
                           n * sizeof(uint64_t));
  }

 private:
  bool Take(size_t n) {
    if (!ok_) return false;
    if (n > in_.size() - pos_) return Fail("truncated");
    pos_ += n;
    return true;
  }
  bool Fail(const char* what) {
    if (ok_) error_ = std::string(what) + " at byte " + std::to_string(pos_);
    ok_ = false;
    return false;
  }

  std::string_view in_;
  const char* what_;
  size_t pos_ = 0;
  bool ok_ = true;
  std::string error_;
};

void Put(Writer& w, const ReferenceDate& d) {
  w.Signed(d.year);
  w.Signed(d.month);
  w.Signed(d.day);
}
void Get(Reader& r, ReferenceDate* d) {
  d->year = r.Int();
  d->month = r.Int();
  d->day = r.Int();
}

void Put(Writer& w, const Value& v) {
  w.Unsigned(v.start);
  w.Unsigned(v.end);
  w.Unsigned(static_cast<uint64_t>(v.kind));
  w.Double(v.lo);
  w.Double(v.hi);
  w.Unsigned(static_cast<uint64_t>(v.qualifier));
  w.String(v.unit);
  w.Bool(v.resolved_from_reference);
}
void Get(Reader& r, Value* v) {
  v->start = r.Size();
  v->end = r.Size();
  v->kind = r.Enum(ValueKind::kDuration);
  v->lo = r.Double();
  v->hi = r.Double();
  v->qualifier = r.Enum(Qualifier::kVague);
  v->unit = r.String();
  v->resolved_from_reference = r.Bool();
}

void Put(Writer& w, const Claim& c) {
  w.String(c.source);
  w.String(c.fact_id);
  w.String(c.subject);
  w.String(c.key);
  w.String(c.label);
  w.String(c.rule);
  Put(w, c.value);
  w.Unsigned(static_cast<uint64_t>(c.fact_kind));
  w.Double(c.lo);
  w.Double(c.hi);
  w.String(c.text);
  w.String(c.sentence);
  w.Unsigned(c.start);
  w.Unsigned(c.end);
  w.Unsigned(c.sentence_start);
  w.Unsigned(c.sentence_end);
  w.String(c.attributed_to);
  w.Bool(c.headline);
}
void Get(Reader& r, Claim* c) {
  c->source = r.String();
  c->fact_id = r.String();
  c->subject = r.String();
  c->key = r.String();
  c->label = r.String();
  c->rule = r.String();
  Get(r, &c->value);
  c->fact_kind = r.Enum(ValueKind::kDuration);
  c->lo = r.Double();
  c->hi = r.Double();
  c->text = r.String();
  c->sentence = r.String();
  c->start = r.Size();
  c->end = r.Size();
  c->sentence_start = r.Size();
  c->sentence_end = r.Size();
  c->attributed_to = r.String();
  c->headline = r.Bool();
}

void Put(Writer& w, const std::vector<Evidence>& list) {
  w.Unsigned(list.size());
  for (const Evidence& e : list) {
    w.String(e.text);
    w.String(e.detail);
    w.Unsigned(e.start);
    w.Unsigned(e.end);
  }
}
void Get(Reader& r, std::vector<Evidence>* list) {
  list->resize(r.Count(4));
  for (Evidence& e : *list) {
    e.text = r.String();
    e.detail = r.String();
    e.start = r.Size();
    e.end = r.Size();
  }
}

// The article's own part of its source report (ScoreArticle()); the score,
// the copy relation and the corpus components are made at assembly.
void Put(Writer& w, const SourceReport& s) {
  w.String(s.id);
  w.String(s.title);
  w.String(s.path);
  w.String(s.outlet);
  w.String(s.byline);
  w.String(s.url);
  w.String(s.published);
  w.Signed(s.claims);
  w.Unsigned(s.components.size());
  for (const ScoreComponent& c : s.components) {
    w.String(c.name);
    w.Double(c.value);
    w.Double(c.weight);
    Put(w, c.evidence);
  }
  Put(w, s.clutter);
}
void Get(Reader& r, SourceReport* s) {
  s->id = r.String();
  s->title = r.String();
  s->path = r.String();
  s->outlet = r.String();
  s->byline = r.String();
  s->url = r.String();
  s->published = r.String();
  s->claims = r.Int();
  s->components.resize(r.Count(18));
  for (ScoreComponent& c : s->components) {
    c.name = r.String();
    c.value = r.Double();
    c.weight = r.Double();
    Get(r, &c.evidence);
  }
  Get(r, &s->clutter);
}

void Put(Writer& w, Span span) {
  w.Unsigned(span.start);
  w.Unsigned(span.end);
}
void Get(Reader& r, Span* span) {
  span->start = r.Size();
  span->end = r.Size();
}

void Put(Writer& w, const Document& d) {
  w.String(d.id);
  w.String(d.path);
  w.Unsigned(d.line);
  w.String(d.format);
  w.String(d.text);
  w.Unsigned(d.offsets.size());
  for (const OffsetRun& o : d.offsets) {
    w.Unsigned(o.text_start);
    w.Unsigned(o.text_size);
    w.Unsigned(o.original_start);
    w.Unsigned(o.original_size);
  }
  for (const std::string* s : {&d.title, &d.byline, &d.dateline, &d.outlet, &d.url})
    w.String(*s);
  Put(w, d.published);
  w.Unsigned(d.blocks.size());
  for (const Block& b : d.blocks) {
    Put(w, b.span);
    w.Unsigned(static_cast<uint64_t>(b.kind));
    w.String(b.clutter_kind);
  }
  w.Unsigned(d.sentences.size());
  for (const Sentence& s : d.sentences) {
    Put(w, s.span);
    w.Signed(s.block);
    w.Bool(s.headline);
  }
}
void Get(Reader& r, Document* d) {
  d->id = r.String();
  d->path = r.String();
  d->line = r.Size();
  d->format = r.String();
  d->text = r.String();
  d->offsets.resize(r.Count(4));
  for (OffsetRun& o : d->offsets) {
    o.text_start = r.Size();
    o.text_size = r.Size();
    o.original_start = r.Size();
    o.original_size = r.Size();
  }
  for (std::string* s : {&d->title, &d->byline, &d->dateline, &d->outlet, &d->url})
    *s = r.String();
  Get(r, &d->published);
  d->blocks.resize(r.Count(4));
  for (Block& b : d->blocks) {
    Get(r, &b.span);
    b.kind = r.Enum(BlockKind::kClutter);
    b.clutter_kind = r.String();
  }
  d->sentences.resize(r.Count(4));
  for (Sentence& s : d->sentences) {
    Get(r, &s.span);
    s.block = r.Int();
    s.headline = r.Bool();
  }
}

void Put(Writer& w, const Mention& m) {
  w.Unsigned(m.start);
  w.Unsigned(m.end);
  w.Unsigned(m.outer_start);
  w.Unsigned(static_cast<uint64_t>(m.kind));
  w.String(m.key);
  w.Signed(m.entity);
  for (const bool b : {m.person_hint, m.tentative, m.indefinite, m.person_pronoun,
                       m.possessive, m.attributive})
    w.Bool(b);
  w.Signed(m.appositive);
}
void Get(Reader& r, Mention* m) {
  m->start = r.Size();
  m->end = r.Size();
  m->outer_start = r.Size();
  m->kind = r.Enum(MentionKind::kPronoun);
  m->key = r.String();
  m->entity = r.Int();
  for (bool* b : {&m->person_hint, &m->tentative, &m->indefinite, &m->person_pronoun,
                  &m->possessive, &m->attributive})
    *b = r.Bool();
  m->appositive = r.Int();
}

void PutLinks(Writer& w, const std::vector<std::pair<std::string, std::string>>& links) {
  w.Unsigned(links.size());
  for (const auto& [a, b] : links) {
    w.String(a);
    w.String(b);
  }
}
void GetLinks(Reader& r, std::vector<std::pair<std::string, std::string>>* links) {
  links->resize(r.Count(2));
  for (auto& [a, b] : *links) {
    a = r.String();
    b = r.String();
  }
}

constexpr char kAnalysedMagic[] = "CXA2";

void Put(Writer& w, const std::vector<StyleFinding>& found) {
  w.Unsigned(found.size());
  for (const StyleFinding& f : found) {
    w.String(f.kind);
    Put(w, f.span);
    w.String(f.text);
    w.String(f.detail);
  }
}
void Get(Reader& r, std::vector<StyleFinding>* found) {
  found->resize(r.Count(5));  // Put(StyleFinding): at least 5 bytes
  for (StyleFinding& f : *found) {
    f.kind = r.String();
    Get(r, &f.span);
    f.text = r.String();
    f.detail = r.String();
  }
}
constexpr char kSourceMagic[] = "CXS1";

// What a decoder returns once it has read everything: `value`, or what
// went wrong, named by `what`.
template <typename T>
StatusOr<T> Decoded(const Reader& r, const char* what, T value) {
  if (!r.ok()) return Status::InvalidArgument(std::string(what) + ": " + r.error());
  if (!r.AtEnd()) return Status::InvalidArgument(std::string(what) + ": bytes after the end");
  return value;
}

}  // namespace

std::string EncodeExtract(const ArticleExtract& x) {
  Writer w;
  w.Raw(kMagic);
  w.String(x.id);
  w.String(x.path);
  w.Unsigned(x.line);
  Put(w, x.published);
  w.String(x.pipeline);
  w.Unsigned(x.mentions.size());
  for (const MentionKey& m : x.mentions) {
    w.Unsigned(static_cast<uint64_t>(m.kind));
    w.String(m.key);
    w.Signed(m.entity);
    w.Bool(m.tentative);
    w.Signed(m.count);
  }
  PutLinks(w, x.links);
  w.Strings(x.person_keys);
  w.Strings(x.firm_keys);
  w.Unsigned(x.shingles.size());
  w.Raw(std::string_view(reinterpret_cast<const char*>(x.shingles.data()),
                         x.shingles.size() * sizeof(uint64_t)));
  w.String(x.context);
  w.Unsigned(x.claims.size());
  for (const Claim& c : x.claims) Put(w, c);
  w.Unsigned(x.relative.size());
  for (const RelativeDate& d : x.relative) {
    Put(w, d.anchor);
    w.Signed(d.offset_days);
    w.String(d.entity);
    w.String(d.phrase);
  }
  Put(w, x.source);
  return w.Take();
}

StatusOr<ArticleExtract> DecodeExtract(std::string_view bytes) {
  ArticleExtract x;
  Reader r(bytes, "not an extract");
  if (r.Expect(kMagic)) {
    x.id = r.String();
    x.path = r.String();
    x.line = r.Size();
    Get(r, &x.published);
    x.pipeline = r.String();
    x.mentions.resize(r.Count(5));
    for (MentionKey& m : x.mentions) {
      m.kind = r.Enum(MentionKind::kPronoun);
      m.key = r.String();
      m.entity = r.Int();
      m.tentative = r.Bool();
      m.count = r.Int();
    }
    GetLinks(r, &x.links);
    x.person_keys = r.Strings();
    x.firm_keys = r.Strings();
    r.Shingles(&x.shingles);
    x.context = r.String();
    x.claims.resize(r.Count(40));
    for (Claim& c : x.claims) Get(r, &c);
    x.relative.resize(r.Count(40));
    for (RelativeDate& d : x.relative) {
      Get(r, &d.anchor);
      d.offset_days = r.Signed();
      d.entity = r.String();
      d.phrase = r.String();
    }
    Get(r, &x.source);
  }
  return Decoded(r, "extract", std::move(x));
}

std::string EncodeAnalysed(const AnalysedArticle& a) {
  Writer w;
  w.Raw(kAnalysedMagic);
  Put(w, a.doc);
  w.Unsigned(a.values.size());
  for (const std::vector<Value>& in_sentence : a.values) {
    w.Unsigned(in_sentence.size());
    for (const Value& v : in_sentence) Put(w, v);
  }
  w.Unsigned(a.mentions.by_sentence.size());
  for (const std::vector<Mention>& in_sentence : a.mentions.by_sentence) {
    w.Unsigned(in_sentence.size());
    for (const Mention& m : in_sentence) Put(w, m);
  }
  PutLinks(w, a.mentions.links);
  w.Strings(a.mentions.person_keys);
  w.Strings(a.mentions.firm_keys);
  Put(w, a.style.language);
  Put(w, a.style.sensationalism);
  return w.Take();
}

StatusOr<AnalysedArticle> DecodeAnalysed(std::string_view bytes) {
  AnalysedArticle a;
  Reader r(bytes, "not an analysed article");
  if (r.Expect(kAnalysedMagic)) {
    Get(r, &a.doc);
    a.values.resize(r.Count());
    for (std::vector<Value>& in_sentence : a.values) {
      in_sentence.resize(r.Count(22));  // Put(Value): at least 22 bytes
      for (Value& v : in_sentence) Get(r, &v);
    }
    a.mentions.by_sentence.resize(r.Count());
    for (std::vector<Mention>& in_sentence : a.mentions.by_sentence) {
      in_sentence.resize(r.Count(13));  // Put(Mention): at least 13
      for (Mention& m : in_sentence) Get(r, &m);
    }
    GetLinks(r, &a.mentions.links);
    a.mentions.person_keys = r.Strings();
    a.mentions.firm_keys = r.Strings();
    Get(r, &a.style.language);
    Get(r, &a.style.sensationalism);
  }
  return Decoded(r, "analysed article", std::move(a));
}

std::string EncodeSource(const SourceReport& source) {
  Writer w;
  w.Raw(kSourceMagic);
  Put(w, source);
  return w.Take();
}

StatusOr<SourceReport> DecodeSource(std::string_view bytes) {
  SourceReport source;
  Reader r(bytes, "not a source report");
  if (r.Expect(kSourceMagic)) Get(r, &source);
  return Decoded(r, "source report", std::move(source));
}

}  // namespace crosscheck
