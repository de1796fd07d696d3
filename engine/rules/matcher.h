// Matcher: turns the values found in a document's sentences into Claims.
//
// For every sentence that holds values, the near-triggers of all facts are
// matched in one pass with an RE2::Set (a prefilter: it says which triggers
// occur); only those triggers are then searched for positions. A value
// becomes at most one claim: the highest-priority fact that accepts it (a
// story pack outranks the generic pack it extends; within a pack, the
// earlier fact wins).
//
// Built once from a RuleSet; Extract() is const and thread-safe.
#ifndef CROSSCHECK_ENGINE_RULES_MATCHER_H_
#define CROSSCHECK_ENGINE_RULES_MATCHER_H_

#include <memory>
#include <vector>

#include "crosscheck/document.h"
#include "crosscheck/finding.h"
#include "crosscheck/status.h"
#include "engine/normalize/normalizer.h"
#include "engine/rules/entities.h"
#include "engine/rules/rule_set.h"

#include <re2/re2.h>
#include <re2/set.h>

namespace crosscheck {

// "on July 23, a week before the cyberattack": a date placed relative to an
// event the entity model knows. compare checks it against the date the same
// article gives the event.
struct RelativeDate {
  Claim anchor;             // the date ("July 23"); key and fact are empty
  int64_t offset_days = 0;  // the event is anchor + offset_days
  std::string entity;       // the event's entity id
  std::string phrase;       // "a week before the cyberattack"
};

class Matcher {
 public:
  // REQUIRES: `rules` outlives the Matcher.
  static StatusOr<std::unique_ptr<Matcher>> Create(const RuleSet& rules);
  ~Matcher();

  // `speakers` is Speakers() of the same document.
  std::vector<Claim> Extract(const Document& doc, const SentenceValues& values,
                             const DocMentions& mentions,
                             const EntityIndex& entities,
                             const std::vector<std::string>& speakers) const;

  // Dates placed relative to a known event in `doc`.
  std::vector<RelativeDate> FindRelativeDates(const Document& doc,
                                              const SentenceValues& values,
                                              const DocMentions& mentions,
                                              const EntityIndex& entities) const;

  // The speaker each sentence attributes its words to, or "" ("Rama said",
  // "according to Microsoft", "he said" resolved to the person).
  std::vector<std::string> Speakers(const Document& doc,
                                    const DocMentions& mentions,
                                    const EntityIndex& entities) const;

 private:
  explicit Matcher(const RuleSet& rules);
  std::string Speaker(const Document& doc, int sentence,
                      const DocMentions& mentions,
                      const EntityIndex& entities) const;
  const RuleSet& rules_;
  std::unique_ptr<re2::RE2::Set> triggers_;  // prefilter over all near patterns
  std::vector<std::pair<int, int>> trigger_owner_;  // set index -> fact, trigger
  std::vector<int> order_;  // facts by priority
  std::unique_ptr<re2::RE2> speech_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_RULES_MATCHER_H_
