// ArticleExtract <-> JSON, lossless: what a store keeps per article.
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "engine/checker/pipeline.h"

namespace crosscheck {
namespace {

using Json = nlohmann::json;

// JSON has no infinity: unbounded ends are null.
Json Number(double x) { return std::isinf(x) ? Json(nullptr) : Json(x); }
double NumberFrom(const Json& j, double if_null) {
  return j.is_null() ? if_null : j.get<double>();
}

Json DateJson(const ReferenceDate& d) { return Json::array({d.year, d.month, d.day}); }
ReferenceDate DateFrom(const Json& j) {
  return {j.at(0).get<int>(), j.at(1).get<int>(), j.at(2).get<int>()};
}

Json ValueJson(const Value& v) {
  return {{"start", v.start}, {"end", v.end}, {"kind", static_cast<int>(v.kind)},
          {"lo", Number(v.lo)}, {"hi", Number(v.hi)},
          {"qualifier", static_cast<int>(v.qualifier)}, {"unit", v.unit},
          {"ref", v.resolved_from_reference}};
}
Value ValueFrom(const Json& j) {
  Value v;
  v.start = j.at("start").get<size_t>();
  v.end = j.at("end").get<size_t>();
  v.kind = static_cast<ValueKind>(j.at("kind").get<int>());
  v.lo = NumberFrom(j.at("lo"), -kUnbounded);
  v.hi = NumberFrom(j.at("hi"), kUnbounded);
  v.qualifier = static_cast<Qualifier>(j.at("qualifier").get<int>());
  v.unit = j.at("unit").get<std::string>();
  v.resolved_from_reference = j.at("ref").get<bool>();
  return v;
}

Json ClaimJson(const Claim& c) {
  return {{"source", c.source}, {"fact", c.fact_id}, {"subject", c.subject},
          {"key", c.key}, {"label", c.label}, {"rule", c.rule},
          {"value", ValueJson(c.value)}, {"fact_kind", static_cast<int>(c.fact_kind)},
          {"lo", Number(c.lo)}, {"hi", Number(c.hi)}, {"text", c.text},
          {"sentence", c.sentence}, {"start", c.start}, {"end", c.end},
          {"sentence_start", c.sentence_start}, {"sentence_end", c.sentence_end},
          {"attributed_to", c.attributed_to}, {"headline", c.headline}};
}
Claim ClaimFrom(const Json& j) {
  Claim c;
  c.source = j.at("source").get<std::string>();
  c.fact_id = j.at("fact").get<std::string>();
  c.subject = j.at("subject").get<std::string>();
  c.key = j.at("key").get<std::string>();
  c.label = j.at("label").get<std::string>();
  c.rule = j.at("rule").get<std::string>();
  c.value = ValueFrom(j.at("value"));
  c.fact_kind = static_cast<ValueKind>(j.at("fact_kind").get<int>());
  c.lo = NumberFrom(j.at("lo"), -kUnbounded);
  c.hi = NumberFrom(j.at("hi"), kUnbounded);
  c.text = j.at("text").get<std::string>();
  c.sentence = j.at("sentence").get<std::string>();
  c.start = j.at("start").get<size_t>();
  c.end = j.at("end").get<size_t>();
  c.sentence_start = j.at("sentence_start").get<size_t>();
  c.sentence_end = j.at("sentence_end").get<size_t>();
  c.attributed_to = j.at("attributed_to").get<std::string>();
  c.headline = j.at("headline").get<bool>();
  return c;
}

Json EvidenceJson(const Evidence& e) {
  return Json::array({e.text, e.detail, e.start, e.end});
}
Evidence EvidenceFrom(const Json& j) {
  return {j.at(0).get<std::string>(), j.at(1).get<std::string>(),
          j.at(2).get<size_t>(), j.at(3).get<size_t>()};
}

Json SourceJson(const SourceReport& s) {
  Json components = Json::array();
  for (const ScoreComponent& c : s.components) {
    Json evidence = Json::array();
    for (const Evidence& e : c.evidence) evidence.push_back(EvidenceJson(e));
    components.push_back(
        {{"name", c.name}, {"value", c.value}, {"weight", c.weight}, {"evidence", evidence}});
  }
  Json clutter = Json::array();
  for (const Evidence& e : s.clutter) clutter.push_back(EvidenceJson(e));
  return {{"id", s.id}, {"title", s.title}, {"path", s.path}, {"outlet", s.outlet},
          {"byline", s.byline}, {"published", s.published}, {"claims", s.claims},
          {"components", components}, {"clutter", clutter}};
}
SourceReport SourceFrom(const Json& j) {
  SourceReport s;
  s.id = j.at("id").get<std::string>();
  s.title = j.at("title").get<std::string>();
  s.path = j.at("path").get<std::string>();
  s.outlet = j.at("outlet").get<std::string>();
  s.byline = j.at("byline").get<std::string>();
  s.published = j.at("published").get<std::string>();
  s.claims = j.at("claims").get<int>();
  for (const Json& c : j.at("components")) {
    ScoreComponent component;
    component.name = c.at("name").get<std::string>();
    component.value = c.at("value").get<double>();
    component.weight = c.at("weight").get<double>();
    for (const Json& e : c.at("evidence")) component.evidence.push_back(EvidenceFrom(e));
    s.components.push_back(std::move(component));
  }
  for (const Json& e : j.at("clutter")) s.clutter.push_back(EvidenceFrom(e));
  return s;
}

std::string HexShingles(const std::vector<uint64_t>& shingles) {
  std::string out(shingles.size() * 16, '0');
  static const char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < shingles.size(); ++i)
    for (int d = 0; d < 16; ++d)
      out[i * 16 + d] = kHex[(shingles[i] >> (60 - 4 * d)) & 0xf];
  return out;
}
StatusOr<std::vector<uint64_t>> ShinglesFrom(const std::string& hex) {
  if (hex.size() % 16 != 0) return Status::InvalidArgument("shingles: bad length");
  std::vector<uint64_t> out(hex.size() / 16);
  for (size_t i = 0; i < out.size(); ++i) {
    uint64_t v = 0;
    for (int d = 0; d < 16; ++d) {
      const char ch = hex[i * 16 + d];
      int x;
      if (ch >= '0' && ch <= '9') x = ch - '0';
      else if (ch >= 'a' && ch <= 'f') x = ch - 'a' + 10;
      else return Status::InvalidArgument("shingles: not hex");
      v = (v << 4) | static_cast<uint64_t>(x);
    }
    out[i] = v;
  }
  return out;
}

}  // namespace

StatusOr<std::string> ExtractToJson(const ArticleExtract& x) {
  Json mentions = Json::array();
  for (const MentionKey& m : x.mentions)
    mentions.push_back(Json::array(
        {static_cast<int>(m.kind), m.key, m.entity, m.tentative, m.count}));
  Json links = Json::array();
  for (const auto& [a, b] : x.links) links.push_back(Json::array({a, b}));
  Json claims = Json::array();
  for (const Claim& c : x.claims) claims.push_back(ClaimJson(c));
  Json relative = Json::array();
  for (const RelativeDate& r : x.relative)
    relative.push_back({{"anchor", ClaimJson(r.anchor)}, {"offset_days", r.offset_days},
                        {"entity", r.entity}, {"phrase", r.phrase}});
  Json j = {{"id", x.id}, {"path", x.path}, {"line", x.line},
            {"published", DateJson(x.published)}, {"pipeline", x.pipeline},
            {"mentions", mentions}, {"links", links}, {"person_keys", x.person_keys},
            {"firm_keys", x.firm_keys}, {"shingles", HexShingles(x.shingles)},
            {"context", x.context}, {"claims", claims}, {"relative", relative},
            {"source", SourceJson(x.source)}};
  try {
    return j.dump(-1, ' ', false, Json::error_handler_t::strict);
  } catch (const Json::exception& e) {  // text that is not UTF-8
    return Status::Internal("extract of " + x.path + ": " + e.what());
  }
}

StatusOr<ArticleExtract> ExtractFromJson(std::string_view json) {
  ArticleExtract x;
  try {
    const Json j = Json::parse(json);
    x.id = j.at("id").get<std::string>();
    x.path = j.at("path").get<std::string>();
    x.line = j.at("line").get<size_t>();
    x.published = DateFrom(j.at("published"));
    x.pipeline = j.at("pipeline").get<std::string>();
    for (const Json& m : j.at("mentions"))
      x.mentions.push_back({static_cast<MentionKind>(m.at(0).get<int>()),
                            m.at(1).get<std::string>(), m.at(2).get<int>(),
                            m.at(3).get<bool>(), m.at(4).get<int>()});
    for (const Json& l : j.at("links"))
      x.links.emplace_back(l.at(0).get<std::string>(), l.at(1).get<std::string>());
    x.person_keys = j.at("person_keys").get<std::vector<std::string>>();
    x.firm_keys = j.at("firm_keys").get<std::vector<std::string>>();
    CC_ASSIGN_OR_RETURN(x.shingles, ShinglesFrom(j.at("shingles").get<std::string>()));
    x.context = j.at("context").get<std::string>();
    for (const Json& c : j.at("claims")) x.claims.push_back(ClaimFrom(c));
    for (const Json& r : j.at("relative")) {
      RelativeDate d;
      d.anchor = ClaimFrom(r.at("anchor"));
      d.offset_days = r.at("offset_days").get<int64_t>();
      d.entity = r.at("entity").get<std::string>();
      d.phrase = r.at("phrase").get<std::string>();
      x.relative.push_back(std::move(d));
    }
    x.source = SourceFrom(j.at("source"));
  } catch (const Json::exception& e) {
    return Status::InvalidArgument(std::string("extract: ") + e.what());
  }
  return x;
}

}  // namespace crosscheck
