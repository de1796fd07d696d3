// ArticleExtract <-> bytes, lossless: what a store keeps per article.
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
#include <cstring>

#include "engine/checker/pipeline.h"

namespace crosscheck {
namespace {

// Shingles and doubles are copied as the host's bytes: a store file moves
// between little-endian machines (x86-64, arm64) only.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "extracts are little-endian");

constexpr char kMagic[] = "CXE2";
constexpr size_t kMagicSize = sizeof(kMagic) - 1;

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
  explicit Reader(std::string_view in) : in_(in) {}

  bool ok() const { return ok_; }
  bool AtEnd() const { return pos_ == in_.size(); }
  const std::string& error() const { return error_; }

  bool Expect(std::string_view bytes) {
    if (in_.substr(0, bytes.size()) != bytes) return Fail("not an extract");
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
  w.Unsigned(x.links.size());
  for (const auto& [a, b] : x.links) {
    w.String(a);
    w.String(b);
  }
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
  Reader r(bytes);
  if (r.Expect(std::string_view(kMagic, kMagicSize))) {
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
    x.links.resize(r.Count(2));
    for (auto& [a, b] : x.links) {
      a = r.String();
      b = r.String();
    }
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
  if (r.ok() && !r.AtEnd()) return Status::InvalidArgument("extract: bytes after the end");
  if (!r.ok()) return Status::InvalidArgument("extract: " + r.error());
  return x;
}

}  // namespace crosscheck
