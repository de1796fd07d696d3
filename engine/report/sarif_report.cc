// SARIF 2.1.0: contradictions as results a CI system (code scanning, review
// bots) pins to the lines of the article files.
//
// Decisions an editor took travel as SARIF suppressions, so a consumer that
// fails a build on unsuppressed results agrees with `--fail-on`:
//   waiver (reviewed or not_applicable), review dismissed -> status accepted
//     (the result is suppressed: decided, nothing to do);
//   review needs-work, stale -> status underReview (still shown: the
//     decision is pending or no longer holds);
//   review confirmed -> no suppression (a confirmed contradiction is the
//     most important result to keep in view).
// Every decision is also copied whole into result.properties.
#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/report/exports.h"
#include "engine/report/report_util.h"
#include "engine/store/store.h"

namespace crosscheck {
namespace {

using Json = nlohmann::ordered_json;

constexpr char kSarifSchema[] = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr char kToolVersion[] = "0.1.0";  // as `crosscheck --version`
// The project's public page. SARIF wants an absolute URI here and the
// project has no public home yet: empty leaves tool.driver.informationUri out.
constexpr char kInformationUri[] = "";
constexpr char kWithinSourceRule[] = "within-source";
constexpr char kFingerprintName[] = "crosscheckFinding/v1";

std::string_view Level(Severity severity) {
  switch (severity) {
    case Severity::kHigh: return "error";
    case Severity::kPossible: return "warning";
    case Severity::kInfo: return "note";
  }
  return "warning";
}

// A relative path stays a relative reference (CI systems resolve it against
// the checkout); an absolute one becomes a file:// URI. RFC 3986: every
// byte but the unreserved ones and '/' is percent-encoded (so ':' in a first
// segment cannot read as a scheme, and UTF-8 bytes become %XX as RFC 3987
// maps an IRI to a URI).
std::string PathUri(const std::string& path) {
  const std::string encoded = internal::PercentEncode(path, "/");
  return !path.empty() && path.front() == '/' ? "file://" + encoded : encoded;
}

bool IsJsonlPath(std::string_view path) {
  constexpr std::string_view kExt = ".jsonl";
  if (path.size() < kExt.size()) return false;
  const std::string_view tail = path.substr(path.size() - kExt.size());
  return std::equal(tail.begin(), tail.end(), kExt.begin(), [](char a, char b) {
    return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b;
  });
}

// UTF-16 code units in UTF-8 `bytes`: one per character, two for a
// character outside the BMP (a 4-byte sequence). A stray byte counts as one,
// as the U+FFFD a decoder puts in its place.
size_t Utf16Units(std::string_view bytes) {
  size_t units = 0;
  for (unsigned char c : bytes) {
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    units += c >= 0xF0 && c <= 0xF4 ? 2 : 1;
  }
  return units;
}

// Line starts of one file, found once; SARIF's default newlineSequences are
// "\r\n" and "\n", so a line starts after every '\n'.
class LineIndex {
 public:
  explicit LineIndex(std::string_view file) : file_(file) {
    starts_.push_back(0);
    for (size_t i = 0; i < file.size(); ++i)
      if (file[i] == '\n') starts_.push_back(i + 1);
  }
  // 1-based line and UTF-16 column of byte `offset`.
  void Position(size_t offset, size_t* line, size_t* column) const {
    const size_t index =
        std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin() - 1;
    *line = index + 1;
    *column = 1 + Utf16Units(file_.substr(starts_[index], offset - starts_[index]));
  }

 private:
  std::string_view file_;
  std::vector<size_t> starts_;
};

class SarifWriter {
 public:
  SarifWriter(const Report& report, const std::map<std::string, std::string>* files)
      : report_(report), files_(files) {
    for (const SourceReport& s : report.sources) paths_[s.id] = s.path;
  }

  Json Write();

 private:
  Json FactResult(const FactFinding& f);
  Json WithinSourceResult(const WithinSourceFinding& w);
  Json Location(const Claim& c, const std::string& message, int id);
  Json Region(const Claim& c, const std::string& path);
  const LineIndex* IndexFor(const std::string& path, const Claim& c);
  int RuleIndex(const std::string& id, const std::string& description);
  Json Rules() const;

  const Report& report_;
  const std::map<std::string, std::string>* files_;
  std::map<std::string, std::string> paths_;  // source id -> path
  std::map<std::string, LineIndex> line_indexes_;
  std::vector<std::pair<std::string, std::string>> rules_;  // id, description
};

int SarifWriter::RuleIndex(const std::string& id, const std::string& description) {
  for (size_t i = 0; i < rules_.size(); ++i)
    if (rules_[i].first == id) return static_cast<int>(i);
  rules_.emplace_back(id, description);
  return static_cast<int>(rules_.size() - 1);
}

Json SarifWriter::Rules() const {
  Json rules = Json::array();
  for (const auto& [id, description] : rules_)
    rules.push_back({{"id", id}, {"shortDescription", {{"text", description}}}});
  return rules;
}

// The file's line index when the file was given and holds the claim's text
// at the claim's offsets; null otherwise (no lines then, only bytes).
const LineIndex* SarifWriter::IndexFor(const std::string& path, const Claim& c) {
  if (files_ == nullptr) return nullptr;
  const auto file = files_->find(path);
  if (file == files_->end()) return nullptr;
  const std::string& bytes = file->second;
  if (c.end <= c.start || c.end > bytes.size() ||
      bytes.compare(c.start, c.end - c.start, c.text) != 0)
    return nullptr;
  auto it = line_indexes_.find(path);
  if (it == line_indexes_.end()) it = line_indexes_.emplace(path, LineIndex(bytes)).first;
  return &it->second;
}

Json SarifWriter::Region(const Claim& c, const std::string& path) {
  Json region = Json::object();
  if (const LineIndex* index = IndexFor(path, c)) {
    size_t line = 0, column = 0;
    index->Position(c.start, &line, &column);
    region["startLine"] = line;
    region["startColumn"] = column;
    index->Position(c.end, &line, &column);
    region["endLine"] = line;
    region["endColumn"] = column;  // the column after the region's last character
  }
  region["byteOffset"] = c.start;
  region["byteLength"] = c.end > c.start ? c.end - c.start : 0;
  return region;
}

// `id` < 0: none (the result's own location); related locations number
// from 1.
Json SarifWriter::Location(const Claim& c, const std::string& message, int id) {
  Json location = Json::object();
  if (id >= 0) location["id"] = id;
  const auto path = paths_.find(c.source);
  const bool known = path != paths_.end() && !path->second.empty();
  // A .jsonl source's offsets index the article text inside one JSON line,
  // not the file: a region would point at the wrong bytes. They go in the
  // properties instead.
  const bool jsonl = known && IsJsonlPath(path->second);
  if (known) {
    Json physical;
    physical["artifactLocation"] = {{"uri", PathUri(path->second)}};
    if (!jsonl) physical["region"] = Region(c, path->second);
    location["physicalLocation"] = std::move(physical);
  }
  location["message"] = {{"text", message}};
  if (jsonl) location["properties"] = {{"textStart", c.start}, {"textEnd", c.end}};
  return location;
}

// "river-post: 1958", with the speaker when the sentence names one.
std::string ClaimMessage(const Claim& c, const std::string& value) {
  std::string text = c.source + ": " + value;
  if (!c.attributed_to.empty()) text += " (according to " + c.attributed_to + ")";
  return text;
}

// "1962 (valley-herald, wire-brenna)": a side's value and its sources, each
// source once, in the order the side lists them.
std::string SideText(const ValueGroup& g) {
  std::vector<std::string> sources;
  for (const Claim& c : g.claims)
    if (std::find(sources.begin(), sources.end(), c.source) == sources.end())
      sources.push_back(c.source);
  std::string text = g.display + " (";
  for (size_t i = 0; i < sources.size(); ++i) text += (i ? ", " : "") + sources[i];
  return text + ")";
}

// Stable across runs and orderings: the fact and its values, sorted.
std::string FactFingerprint(const FactFinding& f) {
  std::vector<std::string> values;
  for (const ValueGroup& g : f.values) values.push_back(g.display);
  std::sort(values.begin(), values.end());
  std::string text = f.key;
  for (const std::string& v : values) text += '\x1f' + v;
  return Sha256Hex(text);
}

Json WaiverJson(const Waiver& w) {
  return {{"status", w.status}, {"reason", w.reason}, {"by", w.by}, {"origin", w.origin}};
}

Json ReviewJson(const Review& r) {
  return {{"status", r.status}, {"note", r.note}, {"by", r.by}, {"at", r.at}};
}

// The decisions on a finding as SARIF suppressions (see the top of the file).
Json Suppressions(const std::optional<Waiver>& waiver, const std::optional<Review>& review) {
  Json out = Json::array();
  if (waiver) {
    out.push_back(
        {{"kind", "external"}, {"status", "accepted"}, {"justification", waiver->reason}});
  }
  if (review && review->status != "confirmed") {
    const char* status = review->status == "dismissed" ? "accepted" : "underReview";
    out.push_back({{"kind", "external"}, {"status", status}, {"justification", review->note}});
  }
  return out;
}

// Fills result.suppressions and result.properties' decision entries.
void AddDecisions(const std::optional<Waiver>& waiver, const std::optional<Review>& review,
                  Json* result) {
  Json suppressions = Suppressions(waiver, review);
  if (!suppressions.empty()) (*result)["suppressions"] = std::move(suppressions);
  if (waiver) (*result)["properties"]["waiver"] = WaiverJson(*waiver);
  if (review) (*result)["properties"]["review"] = ReviewJson(*review);
}

Json SarifWriter::FactResult(const FactFinding& f) {
  const Claim* first = nullptr;
  for (const ValueGroup& g : f.values)
    if (first == nullptr && !g.claims.empty()) first = &g.claims.front();
  const std::string rule = first != nullptr && !first->rule.empty() ? first->rule : "contradiction";
  std::string message = f.label + ": ";
  for (size_t i = 0; i < f.values.size(); ++i)
    message += (i ? " vs " : "") + SideText(f.values[i]);

  Json result;
  result["ruleId"] = rule;
  result["ruleIndex"] = RuleIndex(rule, "Sources give values for the same fact that cannot "
                                        "both hold (" + rule + ")");
  result["level"] = std::string(Level(f.severity));
  result["message"] = {{"text", message}};
  Json related = Json::array();
  for (const ValueGroup& g : f.values) {
    for (const Claim& c : g.claims) {
      if (&c == first) {
        result["locations"] = Json::array({Location(c, ClaimMessage(c, g.display), -1)});
      } else {
        const int id = static_cast<int>(related.size()) + 1;
        related.push_back(Location(c, ClaimMessage(c, g.display), id));
      }
    }
  }
  if (!related.empty()) result["relatedLocations"] = std::move(related);
  result["partialFingerprints"] = {{kFingerprintName, FactFingerprint(f)}};
  result["properties"] = {{"key", f.key},
                          {"label", f.label},
                          {"severity", std::string(SeverityName(f.severity))}};
  if (!f.note.empty()) result["properties"]["note"] = f.note;
  AddDecisions(f.waiver, f.review, &result);
  return result;
}

Json SarifWriter::WithinSourceResult(const WithinSourceFinding& w) {
  Json result;
  result["ruleId"] = kWithinSourceRule;
  result["ruleIndex"] =
      RuleIndex(kWithinSourceRule, "An article gives values for one fact that cannot both hold");
  result["level"] = std::string(Level(w.severity));
  result["message"] = {{"text", w.source + " " + w.finding}};
  Json related = Json::array();
  for (size_t i = 0; i < w.claims.size(); ++i) {
    const Claim& c = w.claims[i];
    if (i == 0) {
      result["locations"] = Json::array({Location(c, ClaimMessage(c, c.text), -1)});
    } else {
      related.push_back(Location(c, ClaimMessage(c, c.text), static_cast<int>(i)));
    }
  }
  if (!related.empty()) result["relatedLocations"] = std::move(related);
  result["partialFingerprints"] = {
      {kFingerprintName, Sha256Hex(std::string(kWithinSourceRule) + '\x1f' + w.source +
                                   '\x1f' + w.finding)}};
  result["properties"] = {{"source", w.source},
                          {"severity", std::string(SeverityName(w.severity))}};
  AddDecisions(std::nullopt, w.review, &result);
  return result;
}

Json SarifWriter::Write() {
  Json results = Json::array();
  for (const FactFinding& f : report_.facts)
    if (f.status == FactStatus::kContradiction) results.push_back(FactResult(f));
  for (const WithinSourceFinding& w : report_.within_source)
    results.push_back(WithinSourceResult(w));

  Json driver;
  driver["name"] = "crosscheck";
  if (kInformationUri[0] != '\0') driver["informationUri"] = kInformationUri;
  driver["version"] = kToolVersion;
  driver["rules"] = Rules();
  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["columnKind"] = "utf16CodeUnits";
  run["results"] = std::move(results);

  Json root;
  root["$schema"] = kSarifSchema;
  root["version"] = "2.1.0";
  root["runs"] = Json::array({std::move(run)});
  return root;
}

}  // namespace

std::string WriteSarifReport(const Report& report,
                             const std::map<std::string, std::string>* files) {
  SarifWriter writer(report, files);
  // Invalid UTF-8 never reaches here (ingest refuses it); replace to be safe.
  return writer.Write().dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace crosscheck
