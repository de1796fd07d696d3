// The HTML report: one self-contained file an editor reads in a browser, on
// a phone or on paper. Layout (the browser tests in tests/browser/ rely on
// these ids, classes and data- attributes):
//
//   header#glance     counts: sources, contradictions by severity, reviewed
//   form#filters      severity, source and review-status selects
//   section#contradictions  article.card per contradiction: sides, quotes
//   section#within    article.card.within per finding inside one source
//   section#sources   table.sources: score, component bars (inline SVG),
//                     each component's evidence in a <details>
//   section#articles  details.reading per source: the article as read,
//                     clutter greyed, claim spans marked
//   section#corroborated, section#warnings
//
// Every string that came from input is written through HtmlWriter, which
// escapes it. The page's Content-Security-Policy allows no network request
// and no script but the report's own (by hash), so even markup that slipped
// through could not run.
#include <openssl/evp.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <map>
#include <set>
#include <string>

#include "engine/report/html_assets.h"
#include "engine/report/html_writer.h"
#include "engine/report/report_util.h"
#include "engine/report/report_writer.h"

namespace crosscheck {
namespace {

constexpr std::string_view kSeverities[] = {"high", "possible", "info"};
constexpr std::string_view kStatuses[] = {"unreviewed", "confirmed", "dismissed",
                                          "needs-work", "stale",     "waived"};

// "'sha256-...'" for a Content-Security-Policy source list: the base64 of
// the text's SHA-256 (OpenSSL, which the store links for its hashes too).
std::string CspHash(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr) != 1)
    return "'none'";  // no hash: the browser then runs nothing, which fails safe
  unsigned char base64[4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1];
  const int n = EVP_EncodeBlock(base64, digest, static_cast<int>(size));
  return "'sha256-" + std::string(reinterpret_cast<const char*>(base64), n) + "'";
}

std::string Percent(double value) {
  return std::to_string(static_cast<int>(std::lround(value * 100)));
}

// "confirmed", ..., "waived" or "unreviewed": what the status filter reads.
std::string_view StatusOf(const std::optional<Review>& review,
                          const std::optional<Waiver>& waiver) {
  if (review) return review->status;
  if (waiver) return "waived";
  return "unreviewed";
}

class HtmlReport {
 public:
  explicit HtmlReport(const Report& report) : report_(report) {
    for (const SourceReport& s : report.sources) sources_[s.id] = &s;
  }

  std::string Write();

 private:
  void Head();
  void Glance();
  void Filters();
  void FactCard(const FactFinding& fact, int n);
  void WithinCard(const WithinSourceFinding& finding, int n);
  void Quotes(const std::vector<Claim>& claims);
  void Quote(const Claim& claim);
  void ReviewLine(const std::optional<Review>& review,
                  const std::optional<Waiver>& waiver);
  void Sources();
  void Bars(const SourceReport& source);
  void Articles();
  void Reading(const SourceReport& source);
  void Corroborated();
  void Warnings();

  const Report& report_;
  std::map<std::string, const SourceReport*> sources_;
  HtmlWriter w_;
};

std::string HtmlReport::Write() {
  w_.Trusted("<!DOCTYPE html>\n");
  w_.Open("html", {{"lang", "en"}});
  Head();
  w_.Open("body");
  Glance();
  Filters();
  w_.Open("main");

  w_.Open("section", {{"id", "contradictions"}});
  w_.Element("h2", "Contradictions");
  int n = 0;
  for (const FactFinding& f : report_.facts)
    if (f.status == FactStatus::kContradiction) FactCard(f, ++n);
  if (n == 0) w_.Element("p", "None found.", {{"class", "muted"}});
  w_.Close("section");
  w_.Newline();

  if (!report_.within_source.empty()) {
    w_.Open("section", {{"id", "within"}});
    w_.Element("h2", "Within one source");
    for (const WithinSourceFinding& f : report_.within_source) WithinCard(f, ++n);
    w_.Close("section");
    w_.Newline();
  }
  Sources();
  Articles();
  Corroborated();
  Warnings();
  w_.Close("main");
  w_.Open("script");
  w_.Trusted(internal::kReportJs);
  w_.Close("script");
  w_.Close("body");
  w_.Close("html");
  w_.Newline();
  return w_.Release();
}

void HtmlReport::Head() {
  w_.Open("head");
  w_.Void("meta", {{"charset", "utf-8"}});
  w_.Void("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
  // Nothing may load from anywhere: no fonts, images, frames or fetches;
  // only this page's own style sheet and script, named by their hashes.
  const std::string csp = "default-src 'none'; style-src " + CspHash(internal::kReportCss) +
                          "; script-src " + CspHash(internal::kReportJs) +
                          "; img-src data:; base-uri 'none'; form-action 'none'";
  w_.Void("meta", {{"http-equiv", "Content-Security-Policy"}, {"content", csp}});
  w_.Void("meta", {{"name", "referrer"}, {"content", "no-referrer"}});
  w_.Void("meta", {{"name", "generator"}, {"content", "crosscheck"}});
  w_.Element("title", "crosscheck report: " + std::to_string(report_.sources.size()) +
                          " sources");
  w_.Open("style");
  w_.Trusted(internal::kReportCss);
  w_.Close("style");
  w_.Close("head");
  w_.Newline();
}

void HtmlReport::Glance() {
  std::map<std::string_view, int> by_severity;
  int reviewed = 0, findings = 0;
  for (const FactFinding& f : report_.facts) {
    if (f.status != FactStatus::kContradiction) continue;
    ++by_severity[SeverityName(f.severity)];
    ++findings;
    if (f.review || f.waiver) ++reviewed;
  }
  for (const WithinSourceFinding& f : report_.within_source) {
    ++findings;
    if (f.review) ++reviewed;
  }
  w_.Open("header", {{"id", "glance"}});
  w_.Element("h1", "crosscheck report");
  w_.Open("p", {{"class", "muted"}});
  // Outlets once each, in report order, with how many articles each gave.
  std::vector<std::pair<std::string_view, int>> outlets;
  for (const SourceReport& s : report_.sources) {
    const std::string_view name = s.outlet.empty() ? s.id : s.outlet;
    auto it = std::find_if(outlets.begin(), outlets.end(),
                           [&](const auto& o) { return o.first == name; });
    if (it == outlets.end()) outlets.emplace_back(name, 1);
    else ++it->second;
  }
  w_.Text("Sources compared: ");
  for (size_t i = 0; i < outlets.size(); ++i) {
    if (i > 0) w_.Text(", ");
    w_.Element("span", outlets[i].first, {{"class", "source"}});
    if (outlets[i].second > 1) w_.Text(" (" + std::to_string(outlets[i].second) + " articles)");
  }
  w_.Close("p");
  w_.Open("dl", {{"class", "counts"}});
  auto count = [&](std::string_view key, std::string_view label, int value) {
    w_.Open("div", {{"class", key}});
    w_.Element("dt", label);
    w_.Element("dd", std::to_string(value), {{"data-count", key}});
    w_.Close("div");
  };
  count("sources", "sources", static_cast<int>(report_.sources.size()));
  count("high", "high-severity contradictions", by_severity["high"]);
  count("possible", "possible contradictions", by_severity["possible"]);
  count("info", "minor differences", by_severity["info"]);
  count("within", "within one source", static_cast<int>(report_.within_source.size()));
  count("reviewed", "findings reviewed", reviewed);
  count("unreviewed", "not reviewed yet", findings - reviewed);
  w_.Close("dl");
  w_.Close("header");
  w_.Newline();
}

void HtmlReport::Filters() {
  w_.Open("form", {{"id", "filters"}, {"aria-label", "Filter the findings"}});
  auto select = [&](std::string_view id, std::string_view label,
                    const std::vector<std::string_view>& values) {
    w_.Open("label");
    w_.Text(label);
    w_.Open("select", {{"id", id}, {"name", id}});
    w_.Element("option", "all", {{"value", ""}});
    for (std::string_view v : values) w_.Element("option", v, {{"value", v}});
    w_.Close("select");
    w_.Close("label");
  };
  select("filter-severity", "Severity",
         std::vector<std::string_view>(std::begin(kSeverities), std::end(kSeverities)));
  std::vector<std::string_view> ids;
  for (const SourceReport& s : report_.sources) ids.push_back(s.id);
  select("filter-source", "Source", ids);
  select("filter-status", "Review status",
         std::vector<std::string_view>(std::begin(kStatuses), std::end(kStatuses)));
  w_.Element("button", "Show all", {{"type", "reset"}});
  w_.Element("output", "", {{"id", "filter-count"}, {"aria-live", "polite"}});
  w_.Close("form");
  w_.Newline();
}

void HtmlReport::ReviewLine(const std::optional<Review>& review,
                            const std::optional<Waiver>& waiver) {
  if (review) {
    w_.Open("p", {{"class", "review"}});
    w_.Element("strong", "Review: " + review->status);
    if (!review->by.empty()) {
      w_.Text(" by ");
      w_.Isolated(review->by);
    }
    if (!review->at.empty()) {
      w_.Text(" at ");
      w_.Isolated(review->at);
    }
    if (!review->note.empty()) {
      w_.Text(": ");
      w_.Isolated(review->note);
    }
    w_.Close("p");
  }
  if (waiver) {
    w_.Open("p", {{"class", "review"}});
    w_.Element("strong", "Waived (" + waiver->status + ")");
    if (!waiver->by.empty()) {
      w_.Text(" by ");
      w_.Isolated(waiver->by);
    }
    w_.Text(": ");
    w_.Isolated(waiver->reason);
    w_.Close("p");
  }
}

void HtmlReport::FactCard(const FactFinding& f, int n) {
  const std::string id = "fact-" + std::to_string(n);
  const std::string_view severity = SeverityName(f.severity);
  const std::string_view status = StatusOf(f.review, f.waiver);
  w_.Open("article", {{"class", "card"},
                      {"id", id},
                      {"data-fact", f.key},
                      {"data-severity", severity},
                      {"data-status", status}});
  w_.Open("header");
  w_.Element("h3", f.label, {{"class", "fact-label"}});
  w_.Element("span", severity, {{"class", "severity " + std::string(severity)}});
  w_.Element("span", status, {{"class", "status"}});
  w_.Close("header");
  w_.Open("p", {{"class", "meta"}});
  w_.Element("code", f.key, {{"class", "fact-key"}});
  w_.Text(" · " + std::to_string(f.values.size()) + " values from " +
          std::to_string(f.independent_sources) + " independent sources");
  w_.Close("p");
  if (!f.note.empty()) w_.Element("p", f.note, {{"class", "note"}});
  ReviewLine(f.review, f.waiver);
  w_.Open("div", {{"class", "sides"}});
  for (const ValueGroup& g : f.values) {
    w_.Open("div", {{"class", "side"}, {"data-value", g.display}});
    w_.Element("h4", g.display, {{"class", "value"}});
    Quotes(g.claims);
    w_.Close("div");
  }
  w_.Close("div");
  w_.Close("article");
  w_.Newline();
}

void HtmlReport::WithinCard(const WithinSourceFinding& f, int n) {
  const std::string_view severity = SeverityName(f.severity);
  const std::string_view status = StatusOf(f.review, std::nullopt);
  w_.Open("article", {{"class", "card within"},
                      {"id", "fact-" + std::to_string(n)},
                      {"data-fact", "within/" + f.source},
                      {"data-severity", severity},
                      {"data-status", status}});
  w_.Open("header");
  w_.Element("h3", f.finding, {{"class", "fact-label"}});
  w_.Element("span", severity, {{"class", "severity " + std::string(severity)}});
  w_.Element("span", status, {{"class", "status"}});
  w_.Close("header");
  ReviewLine(f.review, std::nullopt);
  Quotes(f.claims);
  w_.Close("article");
  w_.Newline();
}

void HtmlReport::Quotes(const std::vector<Claim>& claims) {
  w_.Open("ul");
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const Claim& c : claims)
    if (seen.emplace(c.source, c.sentence).second) Quote(c);
  w_.Close("ul");
}

void HtmlReport::Quote(const Claim& c) {
  w_.Open("li", {{"class", "quote"}, {"data-source", c.source}});
  w_.Element("span", c.source, {{"class", "source"}});
  if (!c.attributed_to.empty()) {
    w_.Open("span", {{"class", "speaker"}});
    w_.Text("according to ");
    w_.Isolated(c.attributed_to);
    w_.Close("span");
  }
  auto it = sources_.find(c.source);
  if (it != sources_.end() && !it->second->copy_of.empty()) {
    w_.Open("span", {{"class", "copy"}});
    w_.Text("copies ");
    w_.Isolated(it->second->copy_of);
    w_.Text(" (" + Percent(it->second->copy_overlap) + "% overlap)");
    w_.Close("span");
  }
  if (c.waiver) {
    w_.Open("span", {{"class", "speaker"}});
    w_.Text("claim waived (" + c.waiver->status + "): ");
    w_.Isolated(c.waiver->reason);
    w_.Close("span");
  }
  w_.Open("blockquote", {{"class", "sentence"}});
  const size_t at = ValueOffsetInSentence(c);
  if (at == std::string::npos) {
    w_.Text(c.sentence);
  } else {
    w_.Text(std::string_view(c.sentence).substr(0, at));
    w_.Element("mark", c.text, {{"class", "value"}});
    w_.Text(std::string_view(c.sentence).substr(at + c.text.size()));
  }
  w_.Close("blockquote");
  w_.Open("small", {{"class", "muted"}});
  w_.Text("bytes " + std::to_string(c.start) + "–" + std::to_string(c.end) + " · " +
          c.rule);
  w_.Close("small");
  w_.Close("li");
}

void HtmlReport::Sources() {
  w_.Open("section", {{"id", "sources"}});
  w_.Element("h2", "Sources");
  w_.Open("table", {{"class", "sources"}});
  w_.Open("thead");
  w_.Open("tr");
  for (std::string_view h : {"Source", "Score", "Components", "Evidence", "Copy of", "Claims"})
    w_.Element("th", h);
  w_.Close("tr");
  w_.Close("thead");
  w_.Open("tbody");
  for (const SourceReport& s : report_.sources) {
    w_.Open("tr", {{"data-source", s.id}});
    w_.Open("td");
    w_.Element("strong", s.id, {{"class", "source"}});
    if (!s.outlet.empty() || !s.published.empty()) {
      w_.Open("div", {{"class", "outlet"}});
      w_.Isolated(s.outlet);
      if (!s.outlet.empty() && !s.published.empty()) w_.Text(" · ");
      w_.Isolated(s.published);
      w_.Close("div");
    }
    if (!s.title.empty()) {
      w_.Open("div", {{"class", "title"}});
      // Only web addresses become links; anything else (javascript:, data:)
      // stays text.
      if (const std::string url = internal::WebUrl(s.url); !url.empty()) {
        w_.Element("a", s.title,
                   {{"href", url}, {"rel", "noopener noreferrer"}, {"target", "_blank"}});
      } else {
        w_.Text(s.title);
      }
      w_.Close("div");
    }
    w_.Close("td");
    w_.Element("td", std::to_string(s.score), {{"class", "score"}});
    w_.Open("td");
    Bars(s);
    w_.Close("td");
    w_.Open("td", {{"class", "evidence"}});
    for (const ScoreComponent& c : s.components) {
      w_.Open("details", {{"class", "component"}, {"data-component", c.name}});
      w_.Element("summary", c.name + ": " + Percent(c.value) + "/100 · weight " +
                                Percent(c.weight) + "%");
      w_.Open("ul");
      for (const Evidence& e : c.evidence) {
        w_.Open("li");
        w_.Isolated(e.text);
        if (!e.detail.empty()) {
          w_.Text(": “");
          w_.Isolated(e.detail);
          w_.Text("”");
        }
        if (e.end > e.start)
          w_.Element("small",
                     " (bytes " + std::to_string(e.start) + "–" + std::to_string(e.end) + ")",
                     {{"class", "muted"}});
        w_.Close("li");
      }
      if (c.evidence.empty()) w_.Element("li", "no evidence recorded", {{"class", "muted"}});
      w_.Close("ul");
      w_.Close("details");
    }
    w_.Close("td");
    w_.Open("td");
    if (s.copy_of.empty()) {
      w_.Text("—");
    } else {
      w_.Open("span", {{"class", "copy"}});
      w_.Isolated(s.copy_of);
      w_.Close("span");
      w_.Text(" (" + Percent(s.copy_overlap) + "% overlap)");
    }
    w_.Close("td");
    w_.Element("td", std::to_string(s.claims));
    w_.Close("tr");
    w_.Newline();
  }
  w_.Close("tbody");
  w_.Close("table");
  w_.Close("section");
  w_.Newline();
}

// One bar per component, its length the component's value (0..100 px).
void HtmlReport::Bars(const SourceReport& s) {
  constexpr int kRow = 14, kLabel = 78, kLength = 100;
  const std::string height = std::to_string(kRow * static_cast<int>(s.components.size()));
  const std::string width = std::to_string(kLabel + kLength + 26);
  std::string summary = "score components of " + s.id + ":";
  for (const ScoreComponent& c : s.components)
    summary += " " + c.name + " " + Percent(c.value);
  w_.Open("svg", {{"class", "bars"},
                  {"xmlns", "http://www.w3.org/2000/svg"},
                  {"width", width},
                  {"height", height},
                  {"viewbox", "0 0 " + width + " " + height},
                  {"role", "img"},
                  {"aria-label", summary}});
  for (size_t i = 0; i < s.components.size(); ++i) {
    const ScoreComponent& c = s.components[i];
    const std::string y = std::to_string(static_cast<int>(i) * kRow + 2);
    const std::string text_y = std::to_string(static_cast<int>(i) * kRow + 11);
    const int length = static_cast<int>(std::lround(std::clamp(c.value, 0.0, 1.0) * kLength));
    w_.Element("text", c.name, {{"x", "0"}, {"y", text_y}});
    w_.Open("rect", {{"class", "track"}, {"x", std::to_string(kLabel)}, {"y", y},
                     {"width", std::to_string(kLength)}, {"height", "10"}});
    w_.Close("rect");
    w_.Open("rect", {{"class", "bar"}, {"data-component", c.name},
                     {"x", std::to_string(kLabel)}, {"y", y},
                     {"width", std::to_string(length)}, {"height", "10"}});
    w_.Element("title", c.name + ": " + Percent(c.value) + "/100");
    w_.Close("rect");
    w_.Element("text", Percent(c.value),
               {{"x", std::to_string(kLabel + kLength + 4)}, {"y", text_y}});
  }
  w_.Close("svg");
}

void HtmlReport::Articles() {
  bool any = false;
  for (const SourceReport& s : report_.sources) any |= !s.reading.empty();
  w_.Open("section", {{"id", "articles"}});
  w_.Element("h2", "Articles as read");
  if (!any) {
    w_.Element("p",
               "The articles' text is not part of this report (a store run keeps "
               "only what the checks need).",
               {{"class", "muted"}});
  } else {
    w_.Element("p",
               "Page clutter (advertisements, link spam, comments, share appeals) "
               "is greyed out: crosscheck does not read claims from it. Claims "
               "are highlighted.",
               {{"class", "muted"}});
  }
  for (const SourceReport& s : report_.sources)
    if (!s.reading.empty()) Reading(s);
  w_.Close("section");
  w_.Newline();
}

// A claim's words in the article's text coordinates.
struct ClaimSpan {
  size_t start, end;
  std::string_view key;
};

void HtmlReport::Reading(const SourceReport& s) {
  std::vector<ClaimSpan> spans;
  auto add = [&](const Claim& c) {
    if (c.source == s.id && c.value.end > c.value.start)
      spans.push_back({c.value.start, c.value.end, c.key});
  };
  for (const FactFinding& f : report_.facts)
    for (const ValueGroup& g : f.values)
      for (const Claim& c : g.claims) add(c);
  for (const WithinSourceFinding& f : report_.within_source)
    for (const Claim& c : f.claims) add(c);
  std::sort(spans.begin(), spans.end(), [](const ClaimSpan& a, const ClaimSpan& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  // Sorted and without overlaps: of two overlapping spans the first wins.
  std::vector<ClaimSpan> marks;
  for (const ClaimSpan& sp : spans)
    if (marks.empty() || sp.start >= marks.back().end) marks.push_back(sp);

  w_.Open("details", {{"class", "reading"}, {"data-source", s.id}});
  w_.Open("summary");
  w_.Isolated(s.id);
  if (!s.title.empty()) {
    w_.Text(" — ");
    w_.Isolated(s.title);
  }
  w_.Close("summary");
  size_t m = 0;
  for (const ReadingBlock& b : s.reading) {
    HtmlWriter::Attributes attributes = {{"class", "block"}, {"data-kind", b.kind}};
    if (!b.clutter_kind.empty()) attributes.push_back({"data-clutter", b.clutter_kind});
    w_.Open("p", attributes);
    const size_t end = b.start + b.text.size();
    size_t at = b.start;
    while (m < marks.size() && marks[m].end <= b.start) ++m;
    for (; m < marks.size() && marks[m].start < end; ++m) {
      const size_t from = std::max(marks[m].start, at);
      const size_t to = std::min(marks[m].end, end);
      if (from >= to) continue;
      w_.Text(std::string_view(b.text).substr(at - b.start, from - at));
      w_.Element("mark", std::string_view(b.text).substr(from - b.start, to - from),
                 {{"class", "claim"}, {"data-fact", marks[m].key}});
      at = to;
      if (marks[m].end > end) break;  // goes on into the next block
    }
    w_.Text(std::string_view(b.text).substr(at - b.start));
    w_.Close("p");
    w_.Newline();
  }
  w_.Close("details");
}

void HtmlReport::Corroborated() {
  bool any = false;
  for (const FactFinding& f : report_.facts) any |= f.status == FactStatus::kAgreement;
  if (!any) return;
  w_.Open("section", {{"id", "corroborated"}});
  w_.Element("h2", "Corroborated");
  w_.Open("ul");
  for (const FactFinding& f : report_.facts) {
    if (f.status != FactStatus::kAgreement) continue;
    const internal::Corroboration said = internal::Corroborate(f);
    w_.Open("li", {{"data-fact", f.key}});
    w_.Element("span", f.label, {{"class", "fact-label"}});
    w_.Text(": ");
    w_.Isolated(said.values);
    w_.Text(" (");
    bool first = true;
    for (std::string_view s : said.sources) {
      if (!first) w_.Text(", ");
      first = false;
      w_.Isolated(s);
    }
    w_.Text(")");
    w_.Close("li");
  }
  w_.Close("ul");
  w_.Close("section");
  w_.Newline();
}

void HtmlReport::Warnings() {
  if (report_.warnings.empty()) return;
  w_.Open("section", {{"id", "warnings"}});
  w_.Element("h2", "Warnings");
  w_.Open("ul", {{"class", "warnings"}});
  for (const std::string& warning : report_.warnings) w_.Element("li", warning);
  w_.Close("ul");
  w_.Close("section");
  w_.Newline();
}

}  // namespace

std::string WriteHtmlReport(const Report& report) { return HtmlReport(report).Write(); }

}  // namespace crosscheck
