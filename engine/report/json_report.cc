#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/report/explain.h"
#include "engine/report/report_util.h"
#include "engine/report/report_writer.h"

namespace crosscheck {
namespace {

using Json = nlohmann::ordered_json;

Json WaiverJson(const std::optional<Waiver>& w) {
  if (!w) return nullptr;
  Json j;
  j["status"] = w->status;
  j["reason"] = w->reason;
  j["by"] = internal::JsonNullable(w->by);
  j["origin"] = w->origin;
  return j;
}

Json ReviewJson(const Review& r) {
  return {{"status", r.status}, {"note", r.note}, {"by", r.by}, {"at", r.at}};
}

Json ClaimJson(const Claim& c) {
  Json j;
  j["source"] = c.source;
  j["text"] = c.text;
  j["sentence"] = c.sentence;
  j["start"] = c.start;
  j["end"] = c.end;
  j["sentence_start"] = c.sentence_start;
  j["sentence_end"] = c.sentence_end;
  j["attributed_to"] = internal::JsonNullable(c.attributed_to);
  j["rule"] = c.rule;
  j["value_kind"] = std::string(KindName(c.value.kind));
  j["qualifier"] = std::string(QualifierName(c.value.qualifier));
  j["headline"] = c.headline;
  j["waiver"] = WaiverJson(c.waiver);
  return j;
}

Json EvidenceJson(const Evidence& e) {
  Json j;
  j["text"] = e.text;
  if (!e.detail.empty()) j["detail"] = e.detail;
  if (e.end > e.start) {
    j["start"] = e.start;
    j["end"] = e.end;
  }
  return j;
}

Json SourceJson(const SourceReport& s) {
  Json j;
  j["id"] = s.id;
  j["title"] = internal::JsonNullable(s.title);
  j["path"] = s.path;
  j["outlet"] = internal::JsonNullable(s.outlet);
  j["byline"] = internal::JsonNullable(s.byline);
  j["url"] = internal::JsonNullable(s.url);
  j["published"] = internal::JsonNullable(s.published);
  j["score"] = s.score;
  Json components = Json::array();
  for (const ScoreComponent& c : s.components) {
    Json cj;
    cj["name"] = c.name;
    cj["value"] = std::round(c.value * 1000) / 1000;
    cj["weight"] = c.weight;
    Json ev = Json::array();
    for (const Evidence& e : c.evidence) ev.push_back(EvidenceJson(e));
    cj["evidence"] = std::move(ev);
    components.push_back(std::move(cj));
  }
  j["components"] = std::move(components);
  j["copy_of"] = internal::JsonNullable(s.copy_of);
  if (!s.copy_of.empty())
    j["copy_overlap"] = std::round(s.copy_overlap * 1000) / 1000;
  j["claims"] = s.claims;
  Json clutter = Json::array();
  for (const Evidence& e : s.clutter) clutter.push_back(EvidenceJson(e));
  j["clutter"] = std::move(clutter);
  return j;
}

}  // namespace

std::string WriteSourceJson(const SourceReport& source) {
  return SourceJson(source).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string WriteJsonReport(const Report& report) {
  Json root;
  root["schema"] = "crosscheck.report/1";
  Json sources = Json::array();
  for (const SourceReport& s : report.sources) sources.push_back(SourceJson(s));
  root["sources"] = std::move(sources);
  Json facts = Json::array();
  for (const FactFinding& f : report.facts) {
    Json j;
    j["key"] = f.key;
    j["label"] = f.label;
    j["status"] = std::string(FactStatusName(f.status));
    j["severity"] = std::string(SeverityName(f.severity));
    if (!f.note.empty()) j["note"] = f.note;
    j["independent_sources"] = f.independent_sources;
    j["waiver"] = WaiverJson(f.waiver);
    if (f.review) j["review"] = ReviewJson(*f.review);
    Json values = Json::array();
    for (const ValueGroup& g : f.values) {
      Json v;
      v["display"] = g.display;
      v["kind"] = std::string(KindName(g.kind));
      v["lo"] = internal::JsonBound(g.kind, g.lo);
      v["hi"] = internal::JsonBound(g.kind, g.hi);
      v["unit"] = internal::JsonNullable(g.unit);
      v["qualifier"] = std::string(QualifierName(g.qualifier));
      Json claims = Json::array();
      for (const Claim& c : g.claims) claims.push_back(ClaimJson(c));
      v["claims"] = std::move(claims);
      values.push_back(std::move(v));
    }
    j["values"] = std::move(values);
    facts.push_back(std::move(j));
  }
  root["facts"] = std::move(facts);
  Json within = Json::array();
  for (const WithinSourceFinding& w : report.within_source) {
    Json j;
    j["source"] = w.source;
    j["finding"] = w.finding;
    j["severity"] = std::string(SeverityName(w.severity));
    if (w.review) j["review"] = ReviewJson(*w.review);
    Json claims = Json::array();
    for (const Claim& c : w.claims) claims.push_back(ClaimJson(c));
    j["claims"] = std::move(claims);
    within.push_back(std::move(j));
  }
  root["within_source"] = std::move(within);
  root["warnings"] = report.warnings;
  root["rule_packs"] = report.rule_packs;
  // Invalid UTF-8 never reaches here (ingest refuses it); replace to be safe.
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace crosscheck
