// `crosscheck rules test`: runs the examples inside rule files.
//
// Each example text goes through the real pipeline (ingest's sentence
// splitter, the normalizer, entity resolution, the matcher) on its own; it
// passes when it gives a claim of its fact with the expected value (and
// subject, qualifier, when given), or for a not_example, when it gives no
// claim of the fact. A fact none of whose examples gives a claim "never
// fires": coverage fails.
#ifndef CROSSCHECK_ENGINE_CHECKER_RULE_TESTER_H_
#define CROSSCHECK_ENGINE_CHECKER_RULE_TESTER_H_

#include <string>
#include <vector>

#include "crosscheck/status.h"
#include "engine/rules/rule_set.h"

namespace crosscheck {

struct ExampleResult {
  const FactDef* fact = nullptr;
  const RuleExample* example = nullptr;
  bool passed = false;
  std::string message;  // why it failed, or what it gave
};

struct RuleTestReport {
  std::vector<ExampleResult> results;
  std::vector<const FactDef*> never_fire;  // no positive example gives a claim
  int passed = 0;
  int failed = 0;
  bool ok() const { return failed == 0 && never_fire.empty(); }
};

// REQUIRES: `rules` outlives the report (it points into it).
StatusOr<RuleTestReport> TestRuleExamples(const RuleSet& rules);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_CHECKER_RULE_TESTER_H_
