// score: a 0-100 score per source, each component with its evidence.
//
//   consistency   does the source agree with the weight of independent
//                 sources on the facts it shares with them?
//   independence  is it a near-copy of another source (then its claims are
//                 not a second vote)?
//   hygiene       how much of the page is clutter (spam, ads, comment spam,
//                 share appeals)?
//   transparency  byline, dateline, date, named and quoted sources,
//                 attribution verbs; anonymous sourcing counts against it.
//   language      machine-translation and spinning artefacts (style.h);
//   sensationalism  clickbait headlines, capitals, exclamation (style.h).
// The total is the weighted mean of the components, times 100. Weights and
// word lists come from the packs' scoring: section (rules/generic/scoring.yaml).
#ifndef CROSSCHECK_ENGINE_SCORE_SCORER_H_
#define CROSSCHECK_ENGINE_SCORE_SCORER_H_

#include <map>
#include <string>
#include <vector>

#include "crosscheck/document.h"
#include "crosscheck/finding.h"
#include "engine/ingest/phrase_scan.h"
#include "engine/rules/rule_set.h"
#include "engine/score/consistency.h"
#include "engine/score/copies.h"
#include "engine/score/style.h"

namespace crosscheck {

struct ScoreOptions {
  // Defaults as in rules/generic/scoring.yaml; a pack's weights replace them.
  double consistency_weight = 0.30;
  double independence_weight = 0.15;
  double hygiene_weight = 0.15;
  double transparency_weight = 0.15;
  double language_weight = 0.15;
  double sensationalism_weight = 0.10;
  double no_evidence_consistency = 0.5;  // when no fact is shared
  ScoringDef scoring;  // word lists and headline patterns
};

// The options a rule set's scoring: section gives.
ScoreOptions ScoreOptionsFrom(const ScoringDef& scoring);

// What the rules stage saw in one article, beside its claims.
struct SourceSignals {
  std::vector<std::pair<std::string, Span>> speakers;  // named speaker, sentence
  int quotes = 0;                   // quoted passages in the body
  std::vector<Span> anonymous;      // "sources say", "insiders"
  std::map<std::string, int> attributions;  // "said" -> 5
  // The style findings (Pipeline::Analyse() finds them, where the words are
  // split and the names known).
  ArticleStyle style;
};

// Counts quotes, attribution verbs and anonymous sourcing (the phrases of
// `scoring`, matched in ASCII lower case) in the body sentences of a
// document: all of them in one pass over each sentence. Made once for a
// scoring section and used for every article.
class SourcingCounter {
 public:
  explicit SourcingCounter(const ScoringDef& scoring);
  SourcingCounter(const SourcingCounter&) = delete;
  SourcingCounter& operator=(const SourcingCounter&) = delete;

  void Count(const Document& doc, SourceSignals* signals) const;

 private:
  std::vector<std::string> anonymous_, attribution_;  // the scoring's phrases
  // The anonymous phrases, then the attribution verbs, then '"' and U+201C.
  PhraseScan scan_;
};

// SourcingCounter(scoring).Count(doc, signals).
void CountSourcing(const Document& doc, const ScoringDef& scoring,
                   SourceSignals* signals);

// The part of a source's score that needs only its own article: its
// metadata and the hygiene, transparency, language and sensationalism
// components (in that order), without a total.
SourceReport ScoreArticle(const Document& doc, const SourceSignals& signals,
                          int claims, const ScoreOptions& options = {});
// The part that needs the corpus: puts consistency and independence in
// front of the article's components and computes the total. `consistency`
// is the source's entry of FuseFindings(), or null when it shares no fact
// with an independent source.
void AddCorpusComponents(const SourceConsistency* consistency,
                         const std::map<std::string, CopyRelation>& copies,
                         const ScoreOptions& options, SourceReport* report);
// The same with the source's entry of `fused` (FuseFindings()), if it has one.
void AddCorpusComponents(const std::map<std::string, SourceConsistency>& fused,
                         const std::map<std::string, CopyRelation>& copies,
                         const ScoreOptions& options, SourceReport* report);
// Both: scores one source.
SourceReport ScoreSource(const Document& doc, const SourceSignals& signals,
                         const SourceConsistency* consistency,
                         const std::map<std::string, CopyRelation>& copies,
                         int claims, const ScoreOptions& options = {});
// Truth discovery over `facts` once, then AddCorpusComponents() for every
// source ScoreArticle() began.
void ScoreSources(const std::vector<FactFinding>& facts,
                  const std::map<std::string, CopyRelation>& copies,
                  const ScoreOptions& options, std::vector<SourceReport>* sources);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_SCORE_SCORER_H_
