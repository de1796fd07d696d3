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
#include "engine/rules/entities.h"
#include "engine/rules/rule_set.h"

#include <re2/re2.h>
#include <re2/set.h>

namespace crosscheck {

// The values of one document, per sentence (Document::sentences order),
// offsets into Document::text.
using SentenceValues = std::vector<std::vector<Value>>;

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

  std::vector<Claim> Extract(const Document& doc, const SentenceValues& values,
                             const DocMentions& mentions,
                             const EntityIndex& entities) const;

  // Dates placed relative to a known event in `doc`.
  std::vector<RelativeDate> FindRelativeDates(const Document& doc,
                                              const SentenceValues& values,
                                              const DocMentions& mentions,
                                              const EntityIndex& entities) const;

  // The speaker a sentence attributes its words to, or "" ("Rama said",
  // "according to Microsoft", "he said" resolved to the person).
  std::string Speaker(const Document& doc, int sentence,
                      const DocMentions& mentions,
                      const EntityIndex& entities) const;

 private:
  explicit Matcher(const RuleSet& rules);
  const RuleSet& rules_;
  std::unique_ptr<re2::RE2::Set> triggers_;  // prefilter over all near patterns
  std::vector<std::pair<int, int>> trigger_owner_;  // set index -> fact, trigger
  std::vector<int> order_;  // facts by priority
  std::unique_ptr<re2::RE2> speech_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_RULES_MATCHER_H_
