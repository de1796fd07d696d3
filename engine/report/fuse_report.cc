#include "engine/report/fuse_report.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace crosscheck {

std::string FuseSummaryLine(const FuseRun& run) {
  char buf[160];
  const std::string name(FuseMethodName(run.result.method));
  if (run.gold) {
    std::snprintf(buf, sizeof buf, "method\t%s\t%zu\t%zu\t%.4f\t%.3f\n", name.c_str(),
                  run.gold->correct, run.gold->total, run.gold->precision(), run.seconds);
  } else {
    std::snprintf(buf, sizeof buf, "method\t%s\t-\t-\t-\t%.3f\n", name.c_str(), run.seconds);
  }
  return buf;
}

std::string FuseReportJson(const ClaimTable& table, const FuseTolerance& tolerance,
                           const std::vector<FuseRun>& runs) {
  using Json = nlohmann::ordered_json;
  Json report = {
      {"format", "crosscheck.fuse/1"},
      {"claims", table.claim_count()},
      {"sources", table.source_count()},
      {"items", table.item_count()},
      {"values", table.value_count()},
      {"tolerance",
       {{"time_minutes", tolerance.time_minutes},
        {"number_relative", tolerance.number_relative},
        {"number_absolute", tolerance.number_absolute}}},
      {"tie_rule",
       "equal support: the smallest number or time, else the byte-wise smallest string"},
  };
  Json methods = Json::array();
  for (const FuseRun& run : runs) {
    const FuseResult& r = run.result;
    Json m = {{"method", FuseMethodName(r.method)},
              {"iterations", r.iterations},
              {"seconds", run.seconds}};
    if (run.gold)
      m["gold"] = {{"total", run.gold->total},
                   {"correct", run.gold->correct},
                   {"unmatched", run.gold->unmatched},
                   {"precision", run.gold->precision()}};
    Json items = Json::array();
    for (size_t i = 0; i < r.chosen.size(); ++i)
      items.push_back({{"item", table.item(i)},
                       {"value", table.value(r.chosen[i]).text},
                       {"confidence", r.confidence[r.chosen[i]]}});
    Json sources = Json::array();
    for (size_t s = 0; s < r.reliability.size(); ++s)
      sources.push_back({{"source", table.source(s)}, {"reliability", r.reliability[s]}});
    Json copies = Json::array();
    for (const CopyPair& c : r.copies)
      copies.push_back({{"a", table.source(c.a)},
                        {"b", table.source(c.b)},
                        {"probability", c.probability},
                        {"shared_items", c.shared_items},
                        {"same_values", c.same_values}});
    m["items"] = std::move(items);
    m["sources"] = std::move(sources);
    m["copies"] = std::move(copies);
    methods.push_back(std::move(m));
  }
  report["methods"] = std::move(methods);
  // Claims come from arbitrary files: invalid UTF-8 is replaced, not thrown.
  return report.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace crosscheck
