// Claims as JSON Lines: one self-contained object per claim, so a downstream
// tool can stream, grep or load them into a table without walking the
// report's nesting. Each line repeats its fact's key, label, status and
// severity for that reason.
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/report/exports.h"
#include "engine/report/report_util.h"

namespace crosscheck {
namespace {

using Json = nlohmann::ordered_json;

Json ClaimLine(const FactFinding& f, const ValueGroup& g, const Claim& c) {
  Json j;
  j["source"] = c.source;
  j["key"] = f.key;
  j["label"] = f.label;
  j["rule"] = c.rule;
  j["text"] = c.text;
  j["sentence"] = c.sentence;
  j["start"] = c.start;
  j["end"] = c.end;
  // The claim's own interval in the kind its fact compares in (a date
  // under a year fact is its year), which is what the fact was decided on.
  j["kind"] = std::string(KindName(c.fact_kind));
  j["lo"] = internal::JsonBound(c.fact_kind, c.lo);
  j["hi"] = internal::JsonBound(c.fact_kind, c.hi);
  j["unit"] = internal::JsonNullable(c.value.unit);
  j["qualifier"] = std::string(QualifierName(c.value.qualifier));
  j["display"] = g.display;
  j["attributed_to"] = internal::JsonNullable(c.attributed_to);
  j["headline"] = c.headline;
  // A not_applicable claim took no part in the verdict; say so.
  j["waiver"] = c.waiver ? Json(c.waiver->status) : Json(nullptr);
  j["status"] = std::string(FactStatusName(f.status));
  j["severity"] = std::string(SeverityName(f.severity));
  return j;
}

}  // namespace

std::string WriteClaimsJsonl(const Report& report) {
  std::string out;
  for (const FactFinding& f : report.facts) {
    for (const ValueGroup& g : f.values) {
      for (const Claim& c : g.claims) {
        // dump() with no indent writes no raw newline: one in a string
        // comes out as \n, so a line is always one claim.
        out += ClaimLine(f, g, c).dump(-1, ' ', false, Json::error_handler_t::replace);
        out += '\n';
      }
    }
  }
  return out;
}

}  // namespace crosscheck
