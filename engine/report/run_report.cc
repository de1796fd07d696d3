#include "engine/report/run_report.h"

#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/report/report_writer.h"

namespace crosscheck {
namespace {

using Json = nlohmann::json;

const char* KindName(FindingChange::Kind kind) {
  switch (kind) {
    case FindingChange::Kind::kNew: return "new";
    case FindingChange::Kind::kChanged: return "changed";
    case FindingChange::Kind::kGone: return "gone";
  }
  return "";
}

// The current findings with their review state, by key.
struct Listed {
  std::string key, label, level;
  const std::optional<Review>* review;
};

std::vector<Listed> Findings(const Report& report) {
  std::vector<Listed> out;
  for (const FactFinding& f : report.facts)
    if (f.status == FactStatus::kContradiction)
      out.push_back({f.key, f.label, std::string(SeverityName(f.severity)), &f.review});
  for (const WithinSourceFinding& w : report.within_source)
    out.push_back({FindingKey(w), w.finding, std::string(SeverityName(w.severity)),
                   &w.review});
  return out;
}

}  // namespace

std::string WriteRunJson(const RunResult& r, int indent) {
  Json root;
  root["schema"] = "crosscheck.run/1";
  root["run"] = r.run;
  root["previous_run"] = r.previous_run == 0 ? Json(nullptr) : Json(r.previous_run);
  root["articles"] = {{"inbox", r.inbox_articles}, {"added", r.added},
                      {"analysed", r.analysed}, {"reanalysed", r.reanalysed},
                      {"claims_made", r.claims_made}, {"stored", r.stored}};
  Json changes = Json::array();
  for (const FindingChange& c : r.changes)
    changes.push_back({{"change", KindName(c.kind)}, {"key", c.key}, {"label", c.label},
                       {"severity", c.level}, {"gained", c.gained}, {"lost", c.lost},
                       {"review", c.kind == FindingChange::Kind::kGone ? Json(nullptr)
                                                                        : Json(c.review)}});
  root["changes"] = std::move(changes);
  Json scores = Json::array();
  for (const ScoreChange& s : r.score_changes)
    scores.push_back({{"source", s.source},
                      {"before", s.before < 0 ? Json(nullptr) : Json(s.before)},
                      {"after", s.after < 0 ? Json(nullptr) : Json(s.after)}});
  root["score_changes"] = std::move(scores);
  Json findings = Json::array();
  for (const Listed& l : Findings(r.report)) {
    Json review = nullptr;
    if (*l.review)
      review = {{"status", (*l.review)->status}, {"note", (*l.review)->note},
                {"by", (*l.review)->by}, {"at", (*l.review)->at}};
    findings.push_back(
        {{"key", l.key}, {"label", l.label}, {"severity", l.level}, {"review", review}});
  }
  root["findings"] = std::move(findings);
  root["warnings"] = r.report.warnings;
  root["errors"] = r.report.errors;
  return root.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string WriteRunMarkdown(const RunResult& r) {
  std::ostringstream out;
  out << "# crosscheck run " << r.run << "\n\n";
  out << r.inbox_articles << " articles in the inbox, " << r.added << " new; "
      << r.analysed << " analysed, " << r.reanalysed << " analysed again; ";
  if (r.claims_made > 0) out << "claims made for " << r.claims_made << "; ";
  out << r.stored << " in the store. ";
  if (r.previous_run == 0) out << "First run of this store.\n\n";
  else out << "Compared with run " << r.previous_run << ".\n\n";
  out << "## Changes\n\n";
  if (r.changes.empty()) out << "No finding is new, changed or gone.\n\n";
  for (const FindingChange& c : r.changes) {
    out << "- **" << KindName(c.kind) << "** " << EscapeMarkdown(c.key) << " — "
        << EscapeMarkdown(c.label) << " · severity **" << c.level << "**";
    if (c.kind != FindingChange::Kind::kGone) out << " · review: " << EscapeMarkdown(c.review);
    out << "\n";
    for (const std::string& g : c.gained) out << "  - \\+ " << EscapeMarkdown(g) << "\n";
    for (const std::string& l : c.lost) out << "  - − " << EscapeMarkdown(l) << "\n";
  }
  if (!r.changes.empty()) out << "\n";
  out << "## Score changes\n\n";
  if (r.score_changes.empty()) out << "None.\n\n";
  else {
    out << "| source | before | after |\n| --- | ---: | ---: |\n";
    for (const ScoreChange& s : r.score_changes)
      out << "| " << EscapeMarkdown(s.source) << " | "
          << (s.before < 0 ? std::string("new") : std::to_string(s.before)) << " | "
          << (s.after < 0 ? std::string("gone") : std::to_string(s.after)) << " |\n";
    out << "\n";
  }
  out << "## Findings and their review\n\n";
  const std::vector<Listed> listed = Findings(r.report);
  if (listed.empty()) out << "None.\n\n";
  for (const Listed& l : listed) {
    out << "- " << EscapeMarkdown(l.key) << " — " << EscapeMarkdown(l.label) << " · "
        << l.level << " · " << (*l.review ? ReviewLine(**l.review) : "unreviewed") << "\n";
  }
  if (!r.report.warnings.empty()) {
    out << "\n## Warnings\n\n";
    for (const std::string& w : r.report.warnings) out << "- " << EscapeMarkdown(w) << "\n";
  }
  return out.str();
}

}  // namespace crosscheck
