#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/checker/parallel.h"
#include "engine/report/explain.h"
#include "engine/report/report_util.h"
#include "engine/report/report_writer.h"

namespace crosscheck {
namespace {

using Json = nlohmann::ordered_json;

// Writes JSON exactly as nlohmann's dump(2, ' ', false, replace) writes the
// same ordered_json, without building that tree first: the report of a big
// corpus goes straight into one string, in a fraction of the time and
// memory. Keys come out in the order they are written.
class PrettyJson {
 public:
  explicit PrettyJson(std::string* out) : out_(*out) {}

  // A writer into `out` that goes on from where this one stands, for a run
  // of items made apart and appended after what this one wrote: `first`
  // when nothing is in the innermost open container before them.
  PrettyJson Continued(std::string* out, bool first) const {
    PrettyJson part(out);
    part.open_ = open_;
    part.open_.back() = first;
    return part;
  }
  // Items were appended to the innermost open container (by Continued()
  // writers).
  void Filled() { open_.back() = false; }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }

  PrettyJson& Key(std::string_view key) {
    Item();
    Escaped(key);
    out_ += ": ";
    after_key_ = true;
    return *this;
  }

  void String(std::string_view s) {
    Value();
    Escaped(s);
  }
  // null for "".
  void Nullable(const std::string& s) {
    if (s.empty()) Null();
    else String(s);
  }
  void Null() {
    Value();
    out_ += "null";
  }
  void Bool(bool b) {
    Value();
    out_ += b ? "true" : "false";
  }
  template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
  void Int(T n) {
    Value();
    out_ += std::to_string(n);
  }
  // nlohmann's own number format (shortest round trip, "1.0" for whole).
  void Double(double d) { Scalar(Json(d)); }
  // A scalar made by the shared helpers (internal::JsonBound).
  void Scalar(const Json& j) {
    Value();
    out_ += j.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  void Strings(const std::vector<std::string>& list) {
    BeginArray();
    for (const std::string& s : list) String(s);
    EndArray();
  }

 private:
  // Before a key or an array element: the separator and the indent.
  void Item() {
    if (open_.empty()) return;
    out_ += open_.back() ? "\n" : ",\n";
    open_.back() = false;
    out_.append(2 * open_.size(), ' ');
  }
  void Value() {
    if (after_key_) after_key_ = false;
    else Item();
  }
  void Open(char bracket) {
    Value();
    out_ += bracket;
    open_.push_back(true);
  }
  void Close(char bracket) {
    const bool empty = open_.back();
    open_.pop_back();
    if (!empty) {
      out_ += '\n';
      out_.append(2 * open_.size(), ' ');
    }
    out_ += bracket;
  }
  void Escaped(std::string_view s) {
    if (!ValidUtf8(s)) {  // nlohmann's replacement rules, as before
      out_ += Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
      return;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    out_ += '"';
    for (const char c : s) {
      const auto u = static_cast<unsigned char>(c);
      switch (c) {
        case '"': out_ += "\\\""; break;
        case '\\': out_ += "\\\\"; break;
        case '\b': out_ += "\\b"; break;
        case '\f': out_ += "\\f"; break;
        case '\n': out_ += "\\n"; break;
        case '\r': out_ += "\\r"; break;
        case '\t': out_ += "\\t"; break;
        default:
          if (u < 0x20) {
            out_ += "\\u00";
            out_ += kHex[u >> 4];
            out_ += kHex[u & 15];
          } else {
            out_ += c;
          }
      }
    }
    out_ += '"';
  }
  static bool ValidUtf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
      if (static_cast<unsigned char>(s[i]) < 0x80) {
        ++i;
      } else if (const size_t n = internal::Utf8Length(s, i); n > 0) {
        i += n;
      } else {
        return false;
      }
    }
    return true;
  }

  std::string& out_;
  std::vector<bool> open_;  // per open container: nothing in it yet
  bool after_key_ = false;
};

void WriteWaiver(const std::optional<Waiver>& w, PrettyJson& j) {
  if (!w) {
    j.Null();
    return;
  }
  j.BeginObject();
  j.Key("status").String(w->status);
  j.Key("reason").String(w->reason);
  j.Key("by").Nullable(w->by);
  j.Key("origin").String(w->origin);
  j.EndObject();
}

void WriteReview(const Review& r, PrettyJson& j) {
  j.BeginObject();
  j.Key("status").String(r.status);
  j.Key("note").String(r.note);
  j.Key("by").String(r.by);
  j.Key("at").String(r.at);
  j.EndObject();
}

void WriteClaim(const Claim& c, PrettyJson& j) {
  j.BeginObject();
  j.Key("source").String(c.source);
  j.Key("text").String(c.text);
  j.Key("sentence").String(c.sentence);
  j.Key("start").Int(c.start);
  j.Key("end").Int(c.end);
  j.Key("sentence_start").Int(c.sentence_start);
  j.Key("sentence_end").Int(c.sentence_end);
  j.Key("attributed_to").Nullable(c.attributed_to);
  j.Key("rule").String(c.rule);
  j.Key("value_kind").String(KindName(c.value.kind));
  j.Key("qualifier").String(QualifierName(c.value.qualifier));
  j.Key("headline").Bool(c.headline);
  WriteWaiver(c.waiver, j.Key("waiver"));
  j.EndObject();
}

void WriteEvidence(const Evidence& e, PrettyJson& j) {
  j.BeginObject();
  j.Key("text").String(e.text);
  if (!e.detail.empty()) j.Key("detail").String(e.detail);
  if (e.end > e.start) {
    j.Key("start").Int(e.start);
    j.Key("end").Int(e.end);
  }
  j.EndObject();
}

void WriteSource(const SourceReport& s, PrettyJson& j) {
  j.BeginObject();
  j.Key("id").String(s.id);
  j.Key("title").Nullable(s.title);
  j.Key("path").String(s.path);
  j.Key("outlet").Nullable(s.outlet);
  j.Key("byline").Nullable(s.byline);
  j.Key("url").Nullable(s.url);
  j.Key("published").Nullable(s.published);
  j.Key("score").Int(s.score);
  j.Key("components").BeginArray();
  for (const ScoreComponent& c : s.components) {
    j.BeginObject();
    j.Key("name").String(c.name);
    j.Key("value").Double(std::round(c.value * 1000) / 1000);
    j.Key("weight").Double(c.weight);
    j.Key("evidence").BeginArray();
    for (const Evidence& e : c.evidence) WriteEvidence(e, j);
    j.EndArray();
    j.EndObject();
  }
  j.EndArray();
  j.Key("copy_of").Nullable(s.copy_of);
  if (!s.copy_of.empty()) j.Key("copy_overlap").Double(std::round(s.copy_overlap * 1000) / 1000);
  j.Key("claims").Int(s.claims);
  j.Key("clutter").BeginArray();
  for (const Evidence& e : s.clutter) WriteEvidence(e, j);
  j.EndArray();
  j.EndObject();
}

}  // namespace

std::string WriteSourceJson(const SourceReport& source) {
  std::string out;
  PrettyJson j(&out);
  WriteSource(source, j);
  return out + "\n";
}

std::string WriteJsonReport(const Report& report) {
  std::string out;
  WriteJsonReport(report, [&](std::string_view piece) { out += piece; }, 1);
  return out;
}

namespace {

// Where the JSON writer takes the i-th source from: sets *source to it, in
// *buffer when it has to be made.
using SourceAt =
    std::function<Status(size_t i, SourceReport* buffer, const SourceReport** source)>;

Status WriteJson(const Report& report, size_t sources, const SourceAt& source_at,
                 const std::function<void(std::string_view)>& sink, int jobs) {
  std::string out;
  PrettyJson j(&out);
  auto flush_if_big = [&] {
    if (out.size() < (size_t{1} << 20)) return;
    sink(out);
    out.clear();
  };
  j.BeginObject();
  j.Key("schema").String("crosscheck.report/1");
  j.Key("sources").BeginArray();
  // The sources, a run of them at a time on every thread, each run by a
  // writer that goes on from where this one stands; handed on in order.
  // A source that cannot be had stops the output there.
  constexpr size_t kRun = 64;
  const size_t runs = (sources + kRun - 1) / kRun;
  std::vector<std::string> written(runs);
  std::vector<Status> made(runs);
  Status status;
  sink(out);
  out.clear();
  ParallelForOrdered(
      runs, jobs,
      [&](size_t r) {
        // Written here, and stored once: runs side by side on two threads
        // would write to one cache line with every byte.
        std::string text;
        Status got;
        PrettyJson part = j.Continued(&text, r == 0);
        SourceReport buffer;
        for (size_t i = r * kRun; i < std::min(sources, (r + 1) * kRun) && got.ok(); ++i) {
          const SourceReport* source = nullptr;
          got = source_at(i, &buffer, &source);
          if (got.ok()) WriteSource(*source, part);
        }
        written[r] = std::move(text);
        made[r] = std::move(got);
      },
      [&](size_t r) {
        if (status.ok()) status = made[r];
        if (status.ok()) sink(written[r]);
        std::string().swap(written[r]);
      });
  if (!status.ok()) return status;
  if (sources > 0) j.Filled();
  j.EndArray();
  j.Key("facts").BeginArray();
  for (const FactFinding& f : report.facts) {
    flush_if_big();
    j.BeginObject();
    j.Key("key").String(f.key);
    j.Key("label").String(f.label);
    j.Key("status").String(FactStatusName(f.status));
    j.Key("severity").String(SeverityName(f.severity));
    if (!f.note.empty()) j.Key("note").String(f.note);
    j.Key("independent_sources").Int(f.independent_sources);
    WriteWaiver(f.waiver, j.Key("waiver"));
    if (f.review) WriteReview(*f.review, j.Key("review"));
    j.Key("values").BeginArray();
    for (const ValueGroup& g : f.values) {
      j.BeginObject();
      j.Key("display").String(g.display);
      j.Key("kind").String(KindName(g.kind));
      j.Key("lo").Scalar(internal::JsonBound(g.kind, g.lo));
      j.Key("hi").Scalar(internal::JsonBound(g.kind, g.hi));
      j.Key("unit").Nullable(g.unit);
      j.Key("qualifier").String(QualifierName(g.qualifier));
      j.Key("claims").BeginArray();
      for (const Claim& c : g.claims) WriteClaim(c, j);
      j.EndArray();
      j.EndObject();
    }
    j.EndArray();
    j.EndObject();
  }
  j.EndArray();
  j.Key("within_source").BeginArray();
  for (const WithinSourceFinding& w : report.within_source) {
    j.BeginObject();
    j.Key("source").String(w.source);
    j.Key("finding").String(w.finding);
    j.Key("severity").String(SeverityName(w.severity));
    if (w.review) WriteReview(*w.review, j.Key("review"));
    j.Key("claims").BeginArray();
    for (const Claim& c : w.claims) WriteClaim(c, j);
    j.EndArray();
    j.EndObject();
  }
  j.EndArray();
  j.Key("warnings").Strings(report.warnings);
  j.Key("rule_packs").Strings(report.rule_packs);
  j.EndObject();
  out += '\n';
  sink(out);
  return Status::Ok();
}

}  // namespace

void WriteJsonReport(const Report& report,
                     const std::function<void(std::string_view)>& sink, int jobs) {
  Status written = WriteJson(
      report, report.sources.size(),
      [&](size_t i, SourceReport*, const SourceReport** source) {
        *source = &report.sources[i];
        return Status::Ok();
      },
      sink, jobs);
  assert(written.ok());  // report.sources cannot fail
  (void)written;
}

Status WriteJsonReport(const Report& report, const SourceStream& sources,
                       const std::function<void(std::string_view)>& sink, int jobs) {
  return WriteJson(
      report, sources.size(),
      [&](size_t i, SourceReport* buffer, const SourceReport** source) {
        StatusOr<SourceReport> got = sources.Get(i);
        if (!got.ok()) return got.status();
        *buffer = std::move(got).value();
        *source = buffer;
        return Status::Ok();
      },
      sink, jobs);
}

}  // namespace crosscheck
