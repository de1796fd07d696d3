// rules: YAML rule packs, loaded and compiled once.
//
//   LoadRuleSet({"rules/generic", "rules/albania-2022"}) reads every *.yaml in
//   each pack folder (or a single file), follows `extends:` to sibling packs,
//   validates every key, compiles every pattern with RE2, and returns one
//   immutable RuleSet. All errors of all files are collected and returned in
//   one Status, each as "file:line:col: message".
//
// A pack file:
//   pack: albania-2022          # the pack's name (default: folder name)
//   extends: [generic]          # packs loaded first, from sibling folders
//   applies_to: [Albania, MEK]  # the pack's facts and descriptors apply only
//                               # to articles that contain one of these words
//   entities:
//     - id: mek                 # what claims about it are keyed by
//       name: MEK               # display name
//       type: org               # org | place | person | event | thing
//       aliases: [MEK, M.E.K.]  # case-sensitive names, matched as words
//       descriptors: [the group]# case-insensitive phrases that refer to it
//   facts:
//     - id: moved_year
//       label: year {subject} moved to where it is now
//       kind: year              # or a list: [count, quantity]
//       near:                   # trigger words within `window` bytes
//         - {pattern: '\bmoved\b', subject: before}
//       before: '\b(?:in|since)\s+$'   # must match the text ending at the value
//       after: '^\s+members\b'         # must match the text starting after it
//       exclude: ['\bprotection\b']    # vetoes, searched in the sentence
//       not_before: '\bfrom'           # vetoes anchored at the value, like
//       not_after: 'members of parliament\b'   # before/after
//       window: 100
//       subject: {type: org}    # or {entity: mek}; within: 25 (bytes)
//       tolerance: {absolute: 0} | {relative: 0.1}
//       severity: high          # high | possible | info
//       message: ...
//       counts_as: other_fact   # claims line up under that fact's key
//       unit: km                # the value's canonical unit must be this
//       scope: [headline, body, quote]   # where claims may come from
// A fact with the id of a fact in a pack this one extends overrides it field
// by field ("tolerance: {relative: 0.2}" alone changes only the tolerance).
//       examples:               # run by `crosscheck rules test`
//         - {text: "The MEK moved to Albania in 2016.", value: 2016, subject: mek}
//       not_examples:           # texts that must give no claim of this fact
//         - "They were given protection in 2004."
// Fact and trigger patterns are case-insensitive unless they start with (?-i).
//
//   scoring:                    # how sources are scored (engine/score/)
//     weights: {consistency: 0.3, independence: 0.15, ...}
//     anonymous: ["sources say", insiders say]    # phrases, any case
//     attribution: [said, told, according to]     # attribution verbs
//     clickbait:                # headline shapes
//       - {label: listicle, pattern: '^\d+ (?:things|reasons|ways)\b'}
// A later pack's scoring overrides an earlier one's key by key: a weight, or
// a whole list.
#ifndef CROSSCHECK_ENGINE_RULES_RULE_SET_H_
#define CROSSCHECK_ENGINE_RULES_RULE_SET_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "crosscheck/finding.h"
#include "crosscheck/status.h"
#include "crosscheck/value.h"

namespace re2 {
class RE2;
class Set;
}  // namespace re2

namespace crosscheck {

// kNotPlace is only for subjects: anything named but a place.
enum class EntityType { kAny, kOrg, kPlace, kPerson, kEvent, kThing, kNotPlace };
std::string_view EntityTypeName(EntityType type);

struct EntityDef {
  std::string id;
  std::string name;
  EntityType type = EntityType::kOrg;
  std::vector<std::string> aliases;
  std::vector<std::string> descriptors;
  std::vector<std::string> descriptor_packs;  // pack of each descriptor
  std::string origin;  // file:line
};

// Which side of the trigger the subject is named on.
enum class SubjectSide { kAny, kBefore, kAfter };

struct Trigger {
  std::string pattern;
  SubjectSide subject = SubjectSide::kAny;
  std::shared_ptr<const re2::RE2> re;
};

// A test inside a rule file: the text must (or, for not_examples, must not)
// give a claim of the fact. `value` is "2016", "1000", "2022-07-15" or
// "lo..hi" (an empty side is unbounded).
struct RuleExample {
  std::string text;
  std::string value;      // empty for not_examples
  std::string qualifier;  // optional: exact, approx, more_than...
  std::string subject;    // optional: the entity id the claim must have
  std::string published;  // optional: the reference date, YYYY-MM-DD
  bool must_match = true;
  std::string origin;     // file:line:col
};

struct FactDef {
  std::string id;
  std::string pack;
  std::string label;
  // Claims of this fact line up under another fact's key and label: two ways
  // of stating one fact ("the July 15 attack", "the attack began in 2021").
  std::string counts_as;
  std::string origin;  // file:line
  std::vector<ValueKind> kinds;  // value kinds accepted
  ValueKind compare_kind = ValueKind::kCount;  // the first kind listed
  std::vector<Trigger> near;
  std::shared_ptr<const re2::RE2> before;
  std::shared_ptr<const re2::RE2> after;
  std::vector<std::shared_ptr<const re2::RE2>> exclude;
  // Vetoes anchored at the value, like before/after: "40 members of
  // parliament" is not a member count.
  std::vector<std::shared_ptr<const re2::RE2>> not_before;
  std::vector<std::shared_ptr<const re2::RE2>> not_after;
  int window = 100;
  std::string subject_entity;  // required entity id, or ""
  EntityType subject_type = EntityType::kAny;
  SubjectSide subject_side = SubjectSide::kAny;
  int subject_within = 0;  // > 0: the subject is named within this many bytes
  double tolerance_absolute = 0;
  double tolerance_relative = 0;
  Severity severity = Severity::kHigh;
  std::string message;
  int priority = 0;  // higher wins when two facts claim one value
  std::vector<RuleExample> examples;  // examples and not_examples
  std::string unit;  // when set, the value's canonical unit must be this
  // Where claims may come from: bit 0 headline, bit 1 body, bit 2 quote (a
  // value inside quotation marks). Clutter never yields claims.
  unsigned scope = 7;
};

// The scoring section of the packs (see above); empty until a pack sets it.
struct ScoringDef {
  std::vector<std::pair<std::string, double>> weights;  // component, weight
  std::vector<std::string> anonymous;    // lowercase phrases
  std::vector<std::string> attribution;  // lowercase words or phrases
  struct Pattern {
    std::string label;
    std::string pattern;
    std::shared_ptr<const re2::RE2> re;
  };
  std::vector<Pattern> clickbait;
  std::string origin;  // file:line of the last scoring section read
};

// The score components a weight may name.
const std::vector<std::string>& ScoreComponentNames();

inline constexpr unsigned kScopeHeadline = 1, kScopeBody = 2, kScopeQuote = 4;

// Immutable after LoadRuleSet(); all methods are const and thread-safe.
class RuleSet {
 public:
  RuleSet();
  ~RuleSet();
  RuleSet(RuleSet&&) noexcept;
  RuleSet& operator=(RuleSet&&) noexcept;
  RuleSet(const RuleSet&) = delete;
  RuleSet& operator=(const RuleSet&) = delete;

  const std::vector<EntityDef>& entities() const { return entities_; }
  const std::vector<FactDef>& facts() const { return facts_; }
  const std::vector<std::string>& packs() const { return packs_; }
  const ScoringDef& scoring() const { return scoring_; }
  const EntityDef* FindEntity(const std::string& id) const;
  const FactDef* FindFact(const std::string& id) const;
  // True when `pack` applies to an article with this text: the pack has no
  // applies_to list, or one of its words occurs in the text as a word.
  bool PackApplies(const std::string& pack, std::string_view text) const;

 private:
  friend StatusOr<RuleSet> LoadRuleSet(const std::vector<std::string>& paths);
  std::vector<EntityDef> entities_;
  std::vector<FactDef> facts_;
  std::vector<std::string> packs_;
  ScoringDef scoring_;
  std::unordered_map<std::string, std::vector<std::string>> scopes_;
  std::unordered_map<std::string, size_t> entity_index_;
};

// Loads packs from folders or files. Errors: every problem in every file,
// one per line, "file:line:col: message".
StatusOr<RuleSet> LoadRuleSet(const std::vector<std::string>& paths);

// The folder of the shipped packs: $CROSSCHECK_RULES, then
// <exe>/../share/crosscheck/rules, then the source tree's rules/.
std::string DefaultRulesDir();

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_RULES_RULE_SET_H_
