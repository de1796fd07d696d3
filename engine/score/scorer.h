// score: a 0-100 score per source, each component with its evidence.
//
//   consistency   does the source agree with the weight of independent
//                 sources on the facts it shares with them?
//   independence  is it a near-copy of another source (then its claims are
//                 not a second vote)?
//   hygiene       how much of the page is clutter (spam, ads, comment spam,
//                 share appeals)?
//   transparency  byline, dateline, date, named and quoted sources;
//                 anonymous sourcing counts against it.
// The total is the weighted mean of the components, times 100.
#ifndef CROSSCHECK_ENGINE_SCORE_SCORER_H_
#define CROSSCHECK_ENGINE_SCORE_SCORER_H_

#include <map>
#include <string>
#include <vector>

#include "crosscheck/document.h"
#include "crosscheck/finding.h"
#include "engine/score/copies.h"

namespace crosscheck {

struct ScoreOptions {
  double consistency_weight = 0.4;
  double independence_weight = 0.2;
  double hygiene_weight = 0.2;
  double transparency_weight = 0.2;
  double no_evidence_consistency = 0.5;  // when no fact is shared
};

// What the rules stage saw in one article, beside its claims.
struct SourceSignals {
  std::vector<std::pair<std::string, Span>> speakers;  // named speaker, sentence
  int quotes = 0;                   // quoted passages in the body
  std::vector<Span> anonymous;      // "sources say", "insiders"
};

// Counts quotes and anonymous sourcing in the body sentences of `doc`.
void CountSourcing(const Document& doc, SourceSignals* signals);

SourceReport ScoreSource(const Document& doc, const SourceSignals& signals,
                         const std::vector<FactFinding>& facts,
                         const std::map<std::string, CopyRelation>& copies,
                         int claims, const ScoreOptions& options = {});

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_SCORE_SCORER_H_
