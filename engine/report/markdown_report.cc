#include <map>
#include <set>
#include <sstream>

#include "engine/report/report_util.h"
#include "engine/report/report_writer.h"

namespace crosscheck {

std::string EscapeMarkdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  bool line_start = true;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\n':
      case '\r':
        out.push_back(' ');
        break;
      case '\\': case '`': case '*': case '_': case '[': case ']':
      case '(': case ')': case '#': case '|': case '!': case '~':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '+': case '-':
        if (line_start) out.push_back('\\');
        out.push_back(c);
        break;
      default:
        out.push_back(c);
    }
    line_start = false;
  }
  return out;
}

namespace {

// The sentence with the value's words in bold (both escaped).
std::string Quote(const Claim& c) {
  const size_t offset = ValueOffsetInSentence(c);
  const std::string& s = c.sentence;
  if (offset == std::string::npos) return EscapeMarkdown(s);
  return EscapeMarkdown(s.substr(0, offset)) + "**" + EscapeMarkdown(c.text) +
         "**" + EscapeMarkdown(s.substr(offset + c.text.size()));
}

}  // namespace

size_t ValueOffsetInSentence(const Claim& c) {
  const std::string& s = c.sentence;
  if (c.text.empty()) return std::string::npos;
  const size_t offset = c.start - c.sentence_start;
  if (c.start >= c.sentence_start && offset + c.text.size() <= s.size() &&
      s.compare(offset, c.text.size(), c.text) == 0)
    return offset;
  return s.find(c.text);
}

std::string ReviewLine(const Review& r) {
  std::string out = "**Review: " + EscapeMarkdown(r.status) + "**";
  if (!r.by.empty()) out += " by " + EscapeMarkdown(r.by);
  if (!r.at.empty()) out += " at " + EscapeMarkdown(r.at);
  if (!r.note.empty()) out += ": " + EscapeMarkdown(r.note);
  return out;
}

namespace {

void WriteFact(std::ostringstream& out, const FactFinding& f) {
  out << "### " << EscapeMarkdown(f.label) << "\n\n";
  out << "`" << f.key << "` · " << FactStatusName(f.status) << " · severity **"
      << SeverityName(f.severity) << "**\n\n";
  if (f.waiver) {
    out << "**Waived (" << EscapeMarkdown(f.waiver->status)
        << (f.waiver->by.empty() ? "" : ", " + EscapeMarkdown(f.waiver->by)) << "):** "
        << EscapeMarkdown(f.waiver->reason) << "\n\n";
  }
  if (f.review) out << ReviewLine(*f.review) << "\n\n";
  if (!f.note.empty()) out << "> " << EscapeMarkdown(f.note) << "\n\n";
  for (const ValueGroup& g : f.values) {
    std::set<std::string> sources;
    for (const Claim& c : g.claims) sources.insert(c.source);
    out << "- **" << EscapeMarkdown(g.display) << "** — ";
    bool first = true;
    for (const std::string& s : sources) {
      out << (first ? "" : ", ") << EscapeMarkdown(s);
      first = false;
    }
    out << "\n";
    std::set<std::string> seen;
    for (const Claim& c : g.claims) {
      if (!seen.insert(c.source + "\n" + c.sentence).second) continue;
      out << "  - " << EscapeMarkdown(c.source);
      if (!c.attributed_to.empty())
        out << " (attributed to " << EscapeMarkdown(c.attributed_to) << ")";
      out << ", bytes " << c.start << "–" << c.end << ": “" << Quote(c) << "”";
      if (c.waiver)
        out << " — waived (" << EscapeMarkdown(c.waiver->status)
            << "): " << EscapeMarkdown(c.waiver->reason);
      out << "\n";
    }
  }
  out << "\n";
}

}  // namespace

std::string WriteMarkdownReport(const Report& report) {
  std::ostringstream out;
  int contradictions = 0, agreements = 0;
  for (const FactFinding& f : report.facts) {
    if (f.status == FactStatus::kContradiction) ++contradictions;
    if (f.status == FactStatus::kAgreement) ++agreements;
  }
  out << "# crosscheck report\n\n";
  out << report.sources.size() << " sources · " << contradictions
      << " contradictions · " << agreements << " corroborated facts · "
      << report.within_source.size() << " within-source findings\n\n";
  out << "## Contradictions\n\n";
  if (contradictions == 0) out << "None found.\n\n";
  for (const FactFinding& f : report.facts)
    if (f.status == FactStatus::kContradiction) WriteFact(out, f);
  if (!report.within_source.empty()) {
    out << "## Within one source\n\n";
    for (const WithinSourceFinding& w : report.within_source) {
      out << "- **" << EscapeMarkdown(w.source) << "** " << EscapeMarkdown(w.finding)
          << "\n";
      if (w.review) out << "  - " << ReviewLine(*w.review) << "\n";
      std::set<std::string> seen;
      for (const Claim& c : w.claims)
        if (seen.insert(c.sentence).second)
          out << "  - “" << Quote(c) << "”\n";
    }
    out << "\n";
  }
  out << "## Sources\n\n";
  // One column per component, named as the first source names them (every
  // source has the same components in the same order).
  out << "| source | score |";
  std::string rule = "| --- | ---: |";
  if (!report.sources.empty())
    for (const ScoreComponent& c : report.sources.front().components) {
      out << " " << EscapeMarkdown(c.name) << " |";
      rule += " ---: |";
    }
  out << " copy of | claims |\n" << rule << " --- | ---: |\n";
  for (const SourceReport& s : report.sources) {
    out << "| " << EscapeMarkdown(s.id) << " | " << s.score;
    for (const ScoreComponent& c : s.components)
      out << " | " << static_cast<int>(c.value * 100 + 0.5);
    out << " | " << (s.copy_of.empty() ? "—" : EscapeMarkdown(s.copy_of)) << " | "
        << s.claims << " |\n";
  }
  out << "\n";
  for (const SourceReport& s : report.sources) {
    out << "### " << EscapeMarkdown(s.id) << "\n\n";
    if (!s.title.empty()) out << "*" << EscapeMarkdown(s.title) << "*\n\n";
    for (const ScoreComponent& c : s.components) {
      out << "- " << c.name << " " << static_cast<int>(c.value * 100 + 0.5)
          << "/100\n";
      for (const Evidence& e : c.evidence) {
        out << "  - " << EscapeMarkdown(e.text);
        if (!e.detail.empty()) out << ": “" << EscapeMarkdown(e.detail) << "”";
        if (e.end > e.start) out << " (bytes " << e.start << "–" << e.end << ")";
        out << "\n";
      }
    }
    out << "\n";
  }
  if (agreements > 0) {
    out << "## Corroborated\n\n";
    for (const FactFinding& f : report.facts) {
      if (f.status != FactStatus::kAgreement) continue;
      const internal::Corroboration said = internal::Corroborate(f);
      out << "- " << EscapeMarkdown(f.label) << ": " << EscapeMarkdown(said.values) << " (";
      bool first = true;
      for (std::string_view s : said.sources) {
        out << (first ? "" : ", ") << EscapeMarkdown(s);
        first = false;
      }
      out << ")\n";
    }
    out << "\n";
  }
  if (!report.warnings.empty()) {
    out << "## Warnings\n\n";
    for (const std::string& w : report.warnings)
      out << "- " << EscapeMarkdown(w) << "\n";
  }
  return out.str();
}

}  // namespace crosscheck
