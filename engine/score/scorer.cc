#include "engine/score/scorer.h"

#include "engine/ingest/text_util.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace crosscheck {
namespace {

using internal::Excerpt;

std::string Percent(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", x * 100);
  return buf;
}



Evidence At(const Document& doc, Span span, std::string text,
            std::string detail) {
  Evidence e;
  e.text = std::move(text);
  e.detail = std::move(detail);
  e.start = doc.OriginalOffset(span.start);
  e.end = doc.OriginalOffset(span.end);
  return e;
}

// What SourcingCounter's scan looks for, in its order.
std::vector<std::string> SourcingPhrases(const ScoringDef& scoring) {
  std::vector<std::string> phrases = scoring.anonymous;
  phrases.insert(phrases.end(), scoring.attribution.begin(), scoring.attribution.end());
  phrases.insert(phrases.end(), {"\"", "\xE2\x80\x9C"});
  return phrases;
}

}  // namespace

ScoreOptions ScoreOptionsFrom(const ScoringDef& scoring) {
  ScoreOptions o;
  for (const auto& [name, weight] : scoring.weights) {
    if (name == "consistency") o.consistency_weight = weight;
    else if (name == "independence") o.independence_weight = weight;
    else if (name == "hygiene") o.hygiene_weight = weight;
    else if (name == "transparency") o.transparency_weight = weight;
    else if (name == "language") o.language_weight = weight;
    else if (name == "sensationalism") o.sensationalism_weight = weight;
  }
  o.scoring = scoring;
  return o;
}

SourcingCounter::SourcingCounter(const ScoringDef& scoring)
    : anonymous_(scoring.anonymous),
      attribution_(scoring.attribution),
      scan_(SourcingPhrases(scoring)) {}

void SourcingCounter::Count(const Document& doc, SourceSignals* signals) const {
  std::vector<size_t> first(anonymous_.size());
  std::vector<size_t> next(attribution_.size());
  for (const Sentence& s : doc.sentences) {
    if (s.headline) continue;
    const std::string_view text = doc.Slice(s.span);
    size_t straight = 0;
    std::fill(first.begin(), first.end(), std::string::npos);
    std::fill(next.begin(), next.end(), 0);
    scan_.ForEachCaseBlind(text, [&](size_t found, size_t p) {
      if (found < first.size()) {  // an anonymous phrase, where it first occurs
        if (first[found] == std::string::npos) first[found] = p;
        return;
      }
      const size_t k = found - first.size();
      if (k < next.size()) {  // an attribution verb: whole words, not overlapping
        if (p < next[k]) return;
        const std::string& verb = attribution_[k];
        next[k] = p + verb.size();
        const bool starts = p == 0 || !internal::IsAsciiAlnum(text[p - 1]);
        const size_t e = p + verb.size();
        const bool ends = e == text.size() || !internal::IsAsciiAlnum(text[e]);
        if (starts && ends) ++signals->attributions[verb];
      } else if (k == next.size()) {  // '"': straight pairs count once per two
        ++straight;
      } else {  // U+201C
        ++signals->quotes;
      }
    });
    signals->quotes += static_cast<int>(straight / 2);
    // The anonymous phrases in the list's order.
    for (size_t k = 0; k < first.size(); ++k)
      if (first[k] != std::string::npos)
        signals->anonymous.push_back(
            Span{s.span.start + first[k], s.span.start + first[k] + anonymous_[k].size()});
  }
}

void CountSourcing(const Document& doc, const ScoringDef& scoring,
                   SourceSignals* signals) {
  SourcingCounter(scoring).Count(doc, signals);
}

SourceReport ScoreArticle(const Document& doc, const SourceSignals& signals,
                          int claims, const ScoreOptions& options) {
  SourceReport r;
  r.id = doc.id;
  r.title = doc.title;
  r.path = doc.path;
  r.outlet = doc.outlet;
  r.byline = doc.byline;
  r.url = doc.url;
  r.claims = claims;
  if (doc.published.known()) {
    char buf[32];
    if (doc.published.day)
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", doc.published.year,
                    doc.published.month, doc.published.day);
    else if (doc.published.month)
      std::snprintf(buf, sizeof buf, "%04d-%02d", doc.published.year,
                    doc.published.month);
    else
      std::snprintf(buf, sizeof buf, "%04d", doc.published.year);
    r.published = buf;
  }
  ScoreComponent hygiene{"hygiene", 1, options.hygiene_weight, {}};
  size_t clutter_bytes = 0, total_bytes = 0;
  std::set<std::string> kinds;
  for (const Block& b : doc.blocks) {
    total_bytes += b.span.size();
    if (b.kind != BlockKind::kClutter) continue;
    clutter_bytes += b.span.size();
    kinds.insert(b.clutter_kind);
    Evidence e = At(doc, b.span, b.clutter_kind, Excerpt(doc.Slice(b.span), 100));
    r.clutter.push_back(e);
    hygiene.evidence.push_back(std::move(e));
  }
  if (total_bytes > 0) {
    // Spam and comment spam weigh more than an advertisement marker.
    double penalty = 1.5 * static_cast<double>(clutter_bytes) / total_bytes;
    for (const std::string& k : kinds)
      penalty += (k == "spam_links" || k == "comments") ? 0.2 : 0.08;
    hygiene.value = std::max(0.0, 1.0 - penalty);
  }
  if (kinds.empty()) hygiene.evidence.push_back({"no clutter found", "", 0, 0});

  ScoreComponent transparency{"transparency", 0, options.transparency_weight, {}};
  double t = 0;
  if (!doc.byline.empty()) {
    t += 0.3;
    transparency.evidence.push_back({"byline: " + doc.byline, "", 0, 0});
  } else {
    transparency.evidence.push_back({"no byline", "", 0, 0});
  }
  if (!doc.dateline.empty()) {
    t += 0.1;
    transparency.evidence.push_back({"dateline: " + doc.dateline, "", 0, 0});
  }
  if (doc.published.known()) {
    t += 0.1;
    transparency.evidence.push_back({"publication date: " + r.published, "", 0, 0});
  }
  std::set<std::string> named;
  for (const auto& [speaker, span] : signals.speakers) {
    if (named.insert(speaker).second)
      transparency.evidence.push_back(
          At(doc, span, "named source: " + speaker, Excerpt(doc.Slice(span), 120)));
  }
  t += 0.2 * std::min(1.0, named.size() / 3.0);
  t += 0.2 * std::min(1.0, signals.quotes / 3.0);
  transparency.evidence.push_back(
      {std::to_string(signals.quotes) + " quoted passages", "", 0, 0});
  int attributions = 0;
  std::string verbs;
  for (const auto& [verb, n] : signals.attributions) {
    attributions += n;
    verbs += (verbs.empty() ? "" : ", ") + verb + " x" + std::to_string(n);
  }
  t += 0.1 * std::min(1.0, attributions / 5.0);
  transparency.evidence.push_back(
      {std::to_string(attributions) + " attribution verbs", verbs, 0, 0});
  for (const Span& s : signals.anonymous) {
    t -= 0.1;
    transparency.evidence.push_back(
        At(doc, s, "anonymous sourcing", std::string(doc.Slice(s))));
  }
  transparency.value = std::clamp(t, 0.0, 1.0);

  // Language and sensationalism: each finding costs a share of the
  // component, a name spelled two ways and a clickbait headline twice as
  // much; one kind costs at most two findings' worth, so a page of reader
  // comments full of "!" is not scored as ten faults.
  auto style = [&](const char* name, double weight, const std::vector<StyleFinding>& found,
                   const char* heavy_kind, const char* clean) {
    ScoreComponent c{name, 1, weight, {}};
    std::map<std::string, int> per_kind;
    for (const StyleFinding& f : found) {
      ++per_kind[f.kind];
      c.evidence.push_back(At(doc, f.span, f.kind + ": " + f.detail, Excerpt(f.text, 160)));
    }
    double penalty = 0;
    for (const auto& [kind, n] : per_kind)
      penalty += (kind == heavy_kind ? 0.3 : 0.15) * std::min(n, 2);
    c.value = std::max(0.0, 1.0 - penalty);
    if (found.empty()) c.evidence.push_back({clean, "", 0, 0});
    return c;
  };
  ScoreComponent language = style(
      "language", options.language_weight, signals.style.language,
      "name_spelled_two_ways", "no machine-translation or spinning artefact found");
  ScoreComponent sensationalism = style(
      "sensationalism", options.sensationalism_weight, signals.style.sensationalism,
      "clickbait_headline",
      "no clickbait headline, shouting or exclamation in the outlet's voice");

  r.components = {hygiene, transparency, language, sensationalism};
  return r;
}

void AddCorpusComponents(const SourceConsistency* fused,
                         const std::map<std::string, CopyRelation>& copies,
                         const ScoreOptions& options, SourceReport* report) {
  SourceReport& r = *report;
  const auto copy = copies.find(r.id);
  if (copy != copies.end()) {
    r.copy_of = copy->second.original;
    r.copy_overlap = copy->second.containment;
  }

  // Consistency: the source's reliability by truth discovery over the facts
  // it shares with independent sources (consistency.h).
  ScoreComponent consistency{"consistency", 0, options.consistency_weight, {}};
  if (fused == nullptr || fused->compared == 0) {
    consistency.value = options.no_evidence_consistency;
    consistency.evidence.push_back(
        {"no claim shared with an independent source", "", 0, 0});
  } else {
    consistency.value = fused->reliability;
    consistency.evidence.push_back(
        {"reliability " + Percent(fused->reliability) + " by truth discovery (Accu) over " +
             std::to_string(fused->compared) + " shared fact" +
             (fused->compared == 1 ? "" : "s"),
         "the mean probability that what it states holds, with one pseudo-claim at 80%", 0, 0});
    for (const Evidence& e : fused->evidence) consistency.evidence.push_back(e);
  }

  ScoreComponent independence{"independence", 1, options.independence_weight, {}};
  if (!r.copy_of.empty()) {
    independence.value = 0;
    independence.evidence.push_back(
        {"near-copy of " + r.copy_of + ": " + Percent(r.copy_overlap) +
             " of its word sequences (" + std::to_string(copy->second.shared) +
             " shingles) also occur there",
         "its claims are not counted as a second vote", 0, 0});
  } else {
    independence.evidence.push_back({"no near-copy of another source found", "", 0, 0});
  }

  r.components.insert(r.components.begin(), {consistency, independence});
  double sum = 0, weights = 0;
  for (const ScoreComponent& c : r.components) {
    sum += c.value * c.weight;
    weights += c.weight;
  }
  r.score = weights > 0 ? static_cast<int>(std::lround(100 * sum / weights)) : 0;
}

void AddCorpusComponents(const std::map<std::string, SourceConsistency>& fused,
                         const std::map<std::string, CopyRelation>& copies,
                         const ScoreOptions& options, SourceReport* report) {
  const auto it = fused.find(report->id);
  AddCorpusComponents(it == fused.end() ? nullptr : &it->second, copies, options, report);
}

SourceReport ScoreSource(const Document& doc, const SourceSignals& signals,
                         const SourceConsistency* fused,
                         const std::map<std::string, CopyRelation>& copies,
                         int claims, const ScoreOptions& options) {
  SourceReport r = ScoreArticle(doc, signals, claims, options);
  AddCorpusComponents(fused, copies, options, &r);
  return r;
}

void ScoreSources(const std::vector<FactFinding>& facts,
                  const std::map<std::string, CopyRelation>& copies,
                  const ScoreOptions& options, std::vector<SourceReport>* sources) {
  const std::map<std::string, SourceConsistency> fused = FuseFindings(facts, copies);
  for (SourceReport& r : *sources) AddCorpusComponents(fused, copies, options, &r);
}

}  // namespace crosscheck
