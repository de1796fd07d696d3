// Consistency: how reliable each source is on the facts it shares with
// others, by truth discovery over the article pipeline's own findings.
//
// Each fact stated by at least two independent sources is a data item; each
// of its value groups is a value; two groups that compare found compatible
// ("thousands" and "3,000") support each other, and the groups of a
// "possible" contradiction (different speakers, stages of one campaign) are
// all compatible: the checker does not hold one side against the other.
// Copies do not vote (their claims repeat their original's). Accu, the same
// code as `crosscheck fuse --method accu`, then gives each value a
// probability; a source's reliability is Accu's accuracy, the mean
// probability of the values it states (with `prior_claims` pseudo-claims at
// `accu_initial`), for copies too.
#ifndef CROSSCHECK_ENGINE_SCORE_CONSISTENCY_H_
#define CROSSCHECK_ENGINE_SCORE_CONSISTENCY_H_

#include <map>
#include <string>
#include <vector>

#include "crosscheck/finding.h"
#include "engine/score/copies.h"
#include "engine/score/truth.h"

namespace crosscheck {

struct SourceConsistency {
  double reliability = 0;  // in [0, 1]; meaningful when compared > 0
  int compared = 0;        // facts it shares with independent sources
  std::vector<Evidence> evidence;  // one per fact
};

// Options the article pipeline uses: a source is judged on a handful of
// facts, so one pseudo-claim keeps a single fact from deciding it alone.
FuseOptions ArticleFuseOptions();

// Per source id (only sources with a claim on a shared fact appear).
std::map<std::string, SourceConsistency> FuseFindings(
    const std::vector<FactFinding>& facts,
    const std::map<std::string, CopyRelation>& copies,
    const FuseOptions& options = ArticleFuseOptions());

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_SCORE_CONSISTENCY_H_
