#include "engine/score/scorer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>

namespace crosscheck {
namespace {

std::string Percent(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f%%", x * 100);
  return buf;
}

std::string Excerpt(std::string_view text, size_t max = 120) {
  if (text.size() <= max) return std::string(text);
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
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

}  // namespace

void CountSourcing(const Document& doc, SourceSignals* signals) {
  static const char* const kAnonymous[] = {
      "sources say",   "sources said",   "insiders say", "insiders said",
      "people familiar with", "a source close", "sources close",
      "many people are saying", "officials who spoke on condition",
      "on condition of anonymity", "an unnamed", "it is said", "rumoured",
      "rumored"};
  for (const Sentence& s : doc.sentences) {
    if (s.headline) continue;
    const std::string_view text = doc.Slice(s.span);
    // Opening quotation marks: straight pairs count once per two.
    size_t straight = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text.compare(i, 3, "\xE2\x80\x9C") == 0) ++signals->quotes;
      if (text[i] == '"') ++straight;
    }
    signals->quotes += static_cast<int>(straight / 2);
    std::string lower(text);
    for (char& c : lower)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    for (const char* phrase : kAnonymous) {
      const size_t p = lower.find(phrase);
      if (p != std::string::npos) {
        signals->anonymous.push_back(Span{s.span.start + p,
                                          s.span.start + p + std::strlen(phrase)});
      }
    }
  }
}

SourceReport ScoreSource(const Document& doc, const SourceSignals& signals,
                         const std::vector<FactFinding>& facts,
                         const std::map<std::string, CopyRelation>& copies,
                         int claims, const ScoreOptions& options) {
  SourceReport r;
  r.id = doc.id;
  r.title = doc.title;
  r.path = doc.path;
  r.outlet = doc.outlet;
  r.byline = doc.byline;
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
  const auto copy = copies.find(doc.id);
  if (copy != copies.end()) {
    r.copy_of = copy->second.original;
    r.copy_overlap = copy->second.containment;
  }

  // Consistency: on each fact shared with other independent sources, is the
  // source's value backed by more independent sources than the strongest
  // value that contradicts it? (2016 backed by two sources agrees with the
  // weight of evidence against 2013 and 2014 backed by one each.)
  ScoreComponent consistency{"consistency", 0, options.consistency_weight, {}};
  int compared = 0;
  double agreed = 0;
  // Whether two groups can both hold is compare's verdict (ValueGroup::
  // conflicts), so the score and the findings never disagree.
  auto conflict = [](const FactFinding& f, size_t a, size_t b) {
    const auto& c = f.values[a].conflicts;
    return std::find(c.begin(), c.end(), static_cast<int>(b)) != c.end();
  };
  auto voters = [&](const FactFinding& f, size_t g) {
    std::set<std::string> out;  // independent sources whose value fits g
    for (size_t other = 0; other < f.values.size(); ++other) {
      if (conflict(f, g, other)) continue;
      for (const Claim& c : f.values[other].claims)
        if (!copies.count(c.source)) out.insert(c.source);
    }
    return out;
  };
  for (const FactFinding& f : facts) {
    if (f.status == FactStatus::kSingle) continue;
    for (size_t gi = 0; gi < f.values.size(); ++gi) {
      const ValueGroup& mine = f.values[gi];
      const auto own = std::find_if(mine.claims.begin(), mine.claims.end(),
                                    [&](const Claim& c) { return c.source == doc.id; });
      if (own == mine.claims.end()) continue;
      std::set<std::string> support = voters(f, gi);
      support.insert(doc.id);
      size_t strongest = 0;
      for (size_t other = 0; other < f.values.size(); ++other) {
        if (!conflict(f, gi, other)) continue;
        std::set<std::string> against = voters(f, other);
        against.erase(doc.id);
        strongest = std::max(strongest, against.size());
      }
      if (support.size() <= 1 && strongest == 0) continue;  // nobody else
      ++compared;
      double score = 0;
      std::string verdict;
      if (support.size() > strongest) {
        score = 1;
        verdict = "agrees with the weight of";
      } else if (support.size() == strongest) {
        score = 0.5;
        verdict = "is as strong as the alternative among";
      } else {
        verdict = "is outweighed among";
      }
      agreed += score;
      Evidence e;
      e.text = f.key + ": " + mine.display + " " + verdict +
               " the independent sources (" + std::to_string(support.size()) +
               " back it, counting this one; the strongest contradicting value has " +
               std::to_string(strongest) + ")";
      e.detail = Excerpt(own->sentence, 200);
      e.start = own->start;
      e.end = own->end;
      consistency.evidence.push_back(std::move(e));
      break;  // one verdict per fact
    }
  }
  if (compared == 0) {
    consistency.value = options.no_evidence_consistency;
    consistency.evidence.push_back(
        {"no claim shared with an independent source", "", 0, 0});
  } else {
    consistency.value = agreed / compared;
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
          At(doc, span, "named source: " + speaker, Excerpt(doc.Slice(span))));
  }
  t += 0.3 * std::min(1.0, named.size() / 3.0);
  t += 0.2 * std::min(1.0, signals.quotes / 3.0);
  transparency.evidence.push_back(
      {std::to_string(signals.quotes) + " quoted passages", "", 0, 0});
  for (const Span& s : signals.anonymous) {
    t -= 0.1;
    transparency.evidence.push_back(
        At(doc, s, "anonymous sourcing", std::string(doc.Slice(s))));
  }
  transparency.value = std::clamp(t, 0.0, 1.0);

  r.components = {consistency, independence, hygiene, transparency};
  double sum = 0, weights = 0;
  for (const ScoreComponent& c : r.components) {
    sum += c.value * c.weight;
    weights += c.weight;
  }
  r.score = weights > 0 ? static_cast<int>(std::lround(100 * sum / weights)) : 0;
  return r;
}

}  // namespace crosscheck
