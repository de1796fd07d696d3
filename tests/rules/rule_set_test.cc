#include "engine/rules/rule_set.h"
#include "tests/test_util.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck {
namespace {

namespace fs = std::filesystem;

using testutil::ScratchDir;  // tests/test_util.h
using testutil::WriteFile;

// A fact that is valid on its own, for packs whose subject is elsewhere.
constexpr std::string_view kValidFact =
    "  - id: opened_year\n"
    "    kind: year\n"
    "    before: '\\bin'\n";

// The errors of loading `paths`, which must fail with InvalidArgument.
std::string LoadErrors(const std::vector<std::string>& paths) {
  StatusOr<RuleSet> rules = LoadRuleSet(paths);
  if (rules.ok()) {
    ADD_FAILURE() << "the packs loaded; errors were expected";
    return "";
  }
  EXPECT_EQ(rules.status().code(), StatusCode::kInvalidArgument);
  return rules.status().message();
}

bool HasAlias(const EntityDef& e, const std::string& alias) {
  return std::find(e.aliases.begin(), e.aliases.end(), alias) != e.aliases.end();
}

TEST(RuleSetTest, ShippedPacksLoad) {
  StatusOr<RuleSet> rules = LoadRuleSet({CROSSCHECK_SOURCE_DIR "/rules"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  for (const char* id : {"moved_year", "member_count", "attack_year"}) {
    EXPECT_NE(rules->FindFact(id), nullptr) << id;
  }
  const EntityDef* mek = rules->FindEntity("mek");
  ASSERT_NE(mek, nullptr);
  EXPECT_EQ(mek->type, EntityType::kOrg);
  EXPECT_TRUE(HasAlias(*mek, "M.E.K."));
  // Places come from the generic pack.
  const EntityDef* albania = rules->FindEntity("albania");
  ASSERT_NE(albania, nullptr);
  EXPECT_EQ(albania->type, EntityType::kPlace);
  // generic is loaded first (albania-2022 extends it), and only once.
  EXPECT_EQ(rules->packs(), (std::vector<std::string>{"generic", "albania-2022"}));
}

TEST(RuleSetTest, ShippedStoryFactsOutrankGenericFacts) {
  StatusOr<RuleSet> rules = LoadRuleSet({CROSSCHECK_SOURCE_DIR "/rules"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const FactDef* story = rules->FindFact("attack_year");
  const FactDef* generic = rules->FindFact("moved_year");
  ASSERT_NE(story, nullptr);
  ASSERT_NE(generic, nullptr);
  EXPECT_EQ(story->pack, "albania-2022");
  EXPECT_EQ(generic->pack, "generic");
  EXPECT_GT(story->priority, generic->priority);
}

TEST(RuleSetTest, ShippedFactDetailsAreRead) {
  StatusOr<RuleSet> rules = LoadRuleSet({CROSSCHECK_SOURCE_DIR "/rules"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const FactDef* moved = rules->FindFact("moved_year");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(moved->compare_kind, ValueKind::kYear);
  // A year fact reads dates too.
  EXPECT_NE(std::find(moved->kinds.begin(), moved->kinds.end(), ValueKind::kDate),
            moved->kinds.end());
  EXPECT_EQ(moved->window, 60);
  EXPECT_EQ(moved->subject_type, EntityType::kOrg);
  EXPECT_EQ(moved->exclude.size(), 2u);  // protection; came to power/light
  EXPECT_NE(moved->before, nullptr);
  EXPECT_EQ(moved->after, nullptr);
  const FactDef* members = rules->FindFact("member_count");
  ASSERT_NE(members, nullptr);
  EXPECT_DOUBLE_EQ(members->tolerance_relative, 0.05);
  const FactDef* attack_date = rules->FindFact("attack_date");
  ASSERT_NE(attack_date, nullptr);
  EXPECT_EQ(attack_date->counts_as, "attack_year");
  EXPECT_EQ(attack_date->subject_entity, "albania-cyberattack");
}

TEST(RuleSetTest, YamlSyntaxErrorNamesFileLineAndColumn) {
  const std::string dir = ScratchDir();
  // Line 4 holds a second ':' in a plain scalar: not valid YAML.
  const std::string path = WriteFile(dir, "pack/bad.yaml",
                                     "pack: bad\n"
                                     "facts:\n"
                                     "  - id: opened_year\n"
                                     "    label: a: b\n"
                                     "    kind: year\n");
  const std::string message = LoadErrors({dir + "/pack"});
  EXPECT_EQ(message.rfind(path + ":4:", 0), 0u) << message;
}

TEST(RuleSetTest, UnknownKeySuggestsTheClosestKnownKey) {
  const std::string dir = ScratchDir();
  const std::string path = WriteFile(dir, "pack/typo.yaml",
                                     "facts:\n"
                                     "  - id: opened_year\n"
                                     "    kind: year\n"
                                     "    before: '\\bin'\n"
                                     "    tolerence: {absolute: 1}\n");
  const std::string message = LoadErrors({dir + "/pack"});
  // The key is on line 5, column 5.
  EXPECT_NE(message.find(path + ":5:5: unknown key 'tolerence' in fact"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("did you mean 'tolerance'"), std::string::npos) << message;
}

TEST(RuleSetTest, UnknownKeyFarFromAnyKnownKeyHasNoSuggestion) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "pack/typo.yaml",
            "facts:\n"
            "  - id: opened_year\n"
            "    kind: year\n"
            "    before: '\\bin'\n"
            "    flavour: sweet\n");
  const std::string message = LoadErrors({dir + "/pack"});
  EXPECT_NE(message.find("unknown key 'flavour'"), std::string::npos) << message;
  EXPECT_EQ(message.find("did you mean"), std::string::npos) << message;
}

TEST(RuleSetTest, InvalidPatternGivesFileLineAndRe2Reason) {
  const std::string dir = ScratchDir();
  const std::string path = WriteFile(dir, "pack/regex.yaml",
                                     "facts:\n"
                                     "  - id: opened_year\n"
                                     "    kind: year\n"
                                     "    near:\n"
                                     "      - '(unclosed'\n");
  const std::string message = LoadErrors({dir + "/pack"});
  EXPECT_NE(message.find(path + ":5:"), std::string::npos) << message;
  EXPECT_NE(message.find("invalid pattern '(unclosed'"), std::string::npos)
      << message;
  // RE2's own words for an unbalanced parenthesis.
  EXPECT_NE(message.find("missing )"), std::string::npos) << message;
}

TEST(RuleSetTest, ErrorsOfEveryFileComeInOneStatus) {
  const std::string dir = ScratchDir();
  const std::string a = WriteFile(dir, "pack/a.yaml",
                                  "facts:\n"
                                  "  - id: first\n"
                                  "    kind: yearz\n"
                                  "    before: '\\bin'\n");
  const std::string b = WriteFile(dir, "pack/b.yaml",
                                  "facts:\n"
                                  "  - id: second\n"
                                  "    kind: year\n"
                                  "    before: '(unclosed'\n");
  const std::string message = LoadErrors({dir + "/pack"});
  const size_t in_a = message.find(a + ":3:");
  const size_t in_b = message.find(b + ":4:");
  EXPECT_NE(in_a, std::string::npos) << message;
  EXPECT_NE(in_b, std::string::npos) << message;
  EXPECT_NE(message.find('\n'), std::string::npos) << message;
}

struct BadPackCase {
  const char* name;
  const char* yaml;
  const char* expected;  // part of the message
};

TEST(RuleSetTest, EachKindOfMistakeIsAnError) {
  const BadPackCase cases[] = {
      {"unknown kind",
       "facts:\n"
       "  - id: f\n"
       "    kind: yearly\n"
       "    before: '\\bin'\n",
       "unknown kind 'yearly'"},
      {"unknown severity",
       "facts:\n"
       "  - id: f\n"
       "    kind: year\n"
       "    before: '\\bin'\n"
       "    severity: urgent\n",
       "severity must be high, possible or info"},
      {"no near, before or after",
       "facts:\n"
       "  - id: f\n"
       "    kind: year\n",
       "fact 'f' needs at least one of near, before, after"},
      {"counts_as an unknown fact",
       "facts:\n"
       "  - id: f\n"
       "    kind: year\n"
       "    before: '\\bin'\n"
       "    counts_as: nowhere_fact\n",
       "fact 'f' counts as unknown fact 'nowhere_fact'"},
      {"extends a missing pack",
       "extends: [no-such-pack]\n"
       "facts:\n"
       "  - id: f\n"
       "    kind: year\n"
       "    before: '\\bin'\n",
       "extends 'no-such-pack': no pack folder"},
      {"subject entity unknown",
       "facts:\n"
       "  - id: f\n"
       "    kind: year\n"
       "    before: '\\bin'\n"
       "    subject: {entity: ghost}\n",
       "fact 'f' names unknown entity 'ghost'"},
      {"unknown entity type",
       "entities:\n"
       "  - {id: acme, type: company}\n"
       "facts:\n"
       "  - id: f\n"
       "    kind: year\n"
       "    before: '\\bin'\n",
       "unknown entity type 'company'"},
      {"no kind",
       "facts:\n"
       "  - id: f\n"
       "    before: '\\bin'\n",
       "fact 'f' has no 'kind'"},
      {"window out of range",
       "facts:\n"
       "  - id: f\n"
       "    kind: year\n"
       "    before: '\\bin'\n"
       "    window: 0\n",
       "window must be between 1 and 2000 bytes"},
      {"relative tolerance of 1",
       "facts:\n"
       "  - id: f\n"
       "    kind: count\n"
       "    after: members\n"
       "    tolerance: {relative: 1.5}\n",
       "tolerance must be >= 0"},
      {"trigger side",
       "facts:\n"
       "  - id: f\n"
       "    kind: year\n"
       "    near:\n"
       "      - {pattern: moved, subject: inside}\n",
       "trigger subject must be before, after or any"},
      {"entity without id",
       "entities:\n"
       "  - {name: Acme}\n"
       "facts:\n"
       "  - id: f\n"
       "    kind: year\n"
       "    before: '\\bin'\n",
       "entity without 'id'"},
  };
  const std::string dir = ScratchDir();
  int n = 0;
  for (const BadPackCase& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string pack = dir + "/case" + std::to_string(n++);
    const std::string path = WriteFile(pack, "rules.yaml", c.yaml);
    const std::string message = LoadErrors({pack});
    EXPECT_NE(message.find(c.expected), std::string::npos) << message;
    // Every error names the file it is in, with a line.
    EXPECT_EQ(message.rfind(path + ":", 0), 0u) << message;
  }
}

TEST(RuleSetTest, MissingPathIsAnError) {
  const std::string dir = ScratchDir();
  const std::string message = LoadErrors({dir + "/absent"});
  EXPECT_NE(message.find("no such rule file or folder"),
            std::string::npos)
      << message;
}

TEST(RuleSetTest, PacksWithoutFactsAreAnError) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "pack/entities.yaml",
            "entities:\n"
            "  - {id: acme, name: Acme}\n");
  const std::string message = LoadErrors({dir + "/pack"});
  EXPECT_NE(message.find("no facts"), std::string::npos);
}

TEST(RuleSetTest, StoryPackOutranksThePackItExtends) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "base/facts.yaml",
            "facts:\n"
            "  - id: base_year\n"
            "    kind: year\n"
            "    before: '\\bin'\n");
  WriteFile(dir, "story/story.yaml",
            "pack: story\n"
            "extends: [base]\n"
            "facts:\n"
            "  - id: story_year\n"
            "    kind: year\n"
            "    before: '\\bsince'\n");
  // Named alone, the story pack pulls in its sibling; named after it, the
  // sibling is not loaded twice.
  for (const std::vector<std::string>& paths :
       {std::vector<std::string>{dir + "/story"},
        std::vector<std::string>{dir + "/base", dir + "/story"},
        std::vector<std::string>{dir + "/story", dir + "/base"}}) {
    SCOPED_TRACE(paths.size() == 1 ? "story" : paths[0]);
    StatusOr<RuleSet> rules = LoadRuleSet(paths);
    ASSERT_TRUE(rules.ok()) << rules.status().message();
    EXPECT_EQ(rules->packs(), (std::vector<std::string>{"base", "story"}));
    const FactDef* base = rules->FindFact("base_year");
    const FactDef* story = rules->FindFact("story_year");
    ASSERT_NE(base, nullptr);
    ASSERT_NE(story, nullptr);
    EXPECT_EQ(base->pack, "base");
    EXPECT_EQ(story->pack, "story");
    EXPECT_GT(story->priority, base->priority);
    EXPECT_EQ(rules->facts().size(), 2u);
  }
}

TEST(RuleSetTest, LaterPackAddsAliasesToAnExistingEntity) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "base/base.yaml",
            "entities:\n"
            "  - id: acme\n"
            "    name: Acme\n"
            "    type: org\n"
            "    aliases: [Acme Corp]\n"
            "    descriptors: [the company]\n"
            "facts:\n" +
                std::string(kValidFact));
  WriteFile(dir, "story/story.yaml",
            "extends: [base]\n"
            "entities:\n"
            "  - id: acme\n"
            "    aliases: [ACME, Acme Corporation]\n"
            "    descriptors: [the firm]\n");
  StatusOr<RuleSet> rules = LoadRuleSet({dir + "/story"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const auto& entities = rules->entities();
  EXPECT_EQ(std::count_if(entities.begin(), entities.end(),
                          [](const EntityDef& e) { return e.id == "acme"; }),
            1);
  const EntityDef* acme = rules->FindEntity("acme");
  ASSERT_NE(acme, nullptr);
  EXPECT_EQ(acme->aliases,
            (std::vector<std::string>{"Acme Corp", "ACME", "Acme Corporation"}));
  EXPECT_EQ(acme->descriptors,
            (std::vector<std::string>{"the company", "the firm"}));
  // The story pack gave no name or type: the first ones stay.
  EXPECT_EQ(acme->name, "Acme");
  EXPECT_EQ(acme->type, EntityType::kOrg);
}

TEST(RuleSetTest, LaterFactWithTheSameIdReplacesTheEarlier) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "base/base.yaml",
            "facts:\n"
            "  - id: opened_year\n"
            "    kind: year\n"
            "    before: '\\bin'\n"
            "    severity: high\n");
  WriteFile(dir, "story/story.yaml",
            "extends: [base]\n"
            "facts:\n"
            "  - id: opened_year\n"
            "    kind: year\n"
            "    before: '\\bsince'\n"
            "    severity: info\n");
  StatusOr<RuleSet> rules = LoadRuleSet({dir + "/story"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  ASSERT_EQ(rules->facts().size(), 1u);
  const FactDef* fact = rules->FindFact("opened_year");
  ASSERT_NE(fact, nullptr);
  EXPECT_EQ(fact->pack, "story");
  EXPECT_EQ(fact->severity, Severity::kInfo);
}

TEST(RuleSetTest, EntityNameDefaultsToId) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "pack/p.yaml",
            "entities:\n"
            "  - {id: acme, aliases: Acme}\n"
            "facts:\n" +
                std::string(kValidFact) + "    label: year {subject} opened\n");
  StatusOr<RuleSet> rules = LoadRuleSet({dir + "/pack"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const EntityDef* acme = rules->FindEntity("acme");
  ASSERT_NE(acme, nullptr);
  EXPECT_EQ(acme->name, "acme");
  // A single string is a list of one.
  EXPECT_EQ(acme->aliases, (std::vector<std::string>{"Acme"}));
  EXPECT_EQ(rules->FindFact("opened_year")->label, "year {subject} opened");
  EXPECT_EQ(rules->FindEntity("nobody"), nullptr);
  EXPECT_EQ(rules->FindFact("nothing"), nullptr);
}

TEST(RuleSetTest, AppliesToScopesAPack) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "base/base.yaml", "facts:\n" + std::string(kValidFact));
  WriteFile(dir, "story/story.yaml",
            "extends: [base]\n"
            "applies_to: [Albania, M.E.K.]\n"
            "facts:\n"
            "  - id: story_year\n"
            "    kind: year\n"
            "    before: '\\bsince'\n");
  StatusOr<RuleSet> rules = LoadRuleSet({dir + "/story"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_TRUE(rules->PackApplies("base", "anything at all"));
  EXPECT_TRUE(rules->PackApplies("story", "Tirana, Albania, said"));
  EXPECT_TRUE(rules->PackApplies("story", "the M.E.K. moved"));
  EXPECT_FALSE(rules->PackApplies("story", "Albanians and Albanian"));
  EXPECT_FALSE(rules->PackApplies("story", "a dam in Wales"));
}

TEST(RuleSetTest, EmptyFileIsAnEmptyPack) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "pack/a_empty.yaml", "");
  WriteFile(dir, "pack/b_facts.yaml", "facts:\n" + std::string(kValidFact));
  StatusOr<RuleSet> rules = LoadRuleSet({dir + "/pack"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  EXPECT_EQ(rules->facts().size(), 1u);
}

}  // namespace
}  // namespace crosscheck

namespace crosscheck {
namespace {

// Issue 4: each kind of error is reported with file:line:column pointing at
// the offending node (lines and columns counted by hand in each text).
struct LocatedErrorCase {
  const char* name;
  const char* yaml;
  const char* location;  // ":line:column:" after the file name
  const char* message;
};

TEST(RuleSetTest, EachErrorKindNamesFileLineAndColumn) {
  const LocatedErrorCase cases[] = {
      {"syntax", "facts:\n  - id: f\n    kind: [year\n", ":4:1:", ""},
      {"unknown key",
       "facts:\n  - id: f\n    kind: year\n    before: '\\bin'\n    tolerence: {relative: 0.1}\n",
       ":5:5:", "did you mean 'tolerance'"},
      {"bad regex", "facts:\n  - id: f\n    kind: year\n    before: '(unclosed'\n",
       ":4:13:", "missing )"},
      {"missing field", "facts:\n  - id: f\n    before: '\\bin'\n", ":2:5:",
       "fact 'f' has no 'kind'"},
      {"wrong type", "facts:\n  - id: f\n    kind: year\n    before: '\\bin'\n    window: wide\n",
       ":5:13:", "window must be a whole number"},
      {"wrong type of list", "facts: {id: f}\n", ":1:8:", "facts must be a list"},
      {"example without value",
       "facts:\n  - id: f\n    kind: year\n    before: '\\bin'\n    examples:\n"
       "      - {text: in 2016}\n",
       ":6:9:", "example without 'value'"},
  };
  for (const LocatedErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string dir = ScratchDir() + "/" + c.name;
    const std::string file = WriteFile(dir, "pack.yaml", c.yaml);
    const std::string m = LoadErrors({dir});
    EXPECT_NE(m.find(file + c.location), std::string::npos) << m;
    EXPECT_NE(m.find(c.message), std::string::npos) << m;
  }
}

TEST(RuleSetTest, ExamplesAreRead) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "pack.yaml",
            "facts:\n"
            "  - id: opened_year\n"
            "    kind: year\n"
            "    before: '\\bin'\n"
            "    examples:\n"
            "      - {text: The hall opened in 1990., value: 1990, subject: hall}\n"
            "    not_examples:\n"
            "      - The hall is 1990 metres long.\n");
  StatusOr<RuleSet> rules = LoadRuleSet({dir});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const FactDef& f = rules->facts()[0];
  ASSERT_EQ(f.examples.size(), 2u);
  EXPECT_TRUE(f.examples[0].must_match);
  EXPECT_EQ(f.examples[0].value, "1990");
  EXPECT_EQ(f.examples[0].subject, "hall");
  EXPECT_NE(f.examples[0].origin.find("pack.yaml:6:9"), std::string::npos);
  EXPECT_FALSE(f.examples[1].must_match);
  EXPECT_EQ(f.examples[1].text, "The hall is 1990 metres long.");
}

}  // namespace
}  // namespace crosscheck

namespace crosscheck {
namespace {

TEST(RuleSetTest, ExtendingPackOverridesOnlyTheFieldsItGives) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "base/facts.yaml",
            "facts:\n"
            "  - id: members\n"
            "    label: members of {subject}\n"
            "    kind: count\n"
            "    after: 'members\\b'\n"
            "    subject: {type: org}\n"
            "    tolerance: {relative: 0.05}\n"
            "    severity: high\n");
  WriteFile(dir, "story/story.yaml",
            "extends: [base]\n"
            "facts:\n"
            "  - id: members\n"
            "    tolerance: {relative: 0.2}\n");
  StatusOr<RuleSet> rules = LoadRuleSet({dir + "/story"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  ASSERT_EQ(rules->facts().size(), 1u);
  const FactDef& f = rules->facts()[0];
  EXPECT_EQ(f.pack, "story");
  EXPECT_DOUBLE_EQ(f.tolerance_relative, 0.2);
  // Everything else comes from the base pack.
  EXPECT_EQ(f.label, "members of {subject}");
  EXPECT_EQ(f.compare_kind, ValueKind::kCount);
  EXPECT_NE(f.after, nullptr);
  EXPECT_EQ(f.subject_type, EntityType::kOrg);
  EXPECT_EQ(f.severity, Severity::kHigh);
}

TEST(RuleSetTest, SameFactIdTwiceInOnePackIsAnError) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "pack/a.yaml",
            "facts:\n  - id: f\n    kind: year\n    before: '\\bin'\n");
  WriteFile(dir, "pack/b.yaml",
            "facts:\n  - id: f\n    kind: year\n    before: '\\bsince'\n");
  const std::string message = LoadErrors({dir + "/pack"});
  EXPECT_NE(message.find("b.yaml:2:9: fact 'f' is defined twice"),
            std::string::npos)
      << message;
}

TEST(RuleSetTest, UnitAndScopeAreRead) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "pack/a.yaml",
            "facts:\n"
            "  - id: length\n"
            "    kind: quantity\n"
            "    unit: km\n"
            "    scope: [body, headline]\n"
            "    near: ['\\blong\\b']\n"
            "  - id: g\n"
            "    kind: year\n"
            "    before: '\\bin'\n"
            "    scope: [bdy]\n");
  const std::string message = LoadErrors({dir + "/pack"});
  EXPECT_NE(message.find("a.yaml:10:12: unknown scope 'bdy'"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("did you mean 'body'"), std::string::npos);
  WriteFile(dir, "pack/a.yaml",
            "facts:\n"
            "  - id: length\n"
            "    kind: quantity\n"
            "    unit: km\n"
            "    scope: [body, headline]\n"
            "    near: ['\\blong\\b']\n");
  StatusOr<RuleSet> ok = LoadRuleSet({dir + "/pack"});
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->facts()[0].unit, "km");
  EXPECT_EQ(ok->facts()[0].scope, kScopeBody | kScopeHeadline);
}

}  // namespace
}  // namespace crosscheck

namespace crosscheck {
namespace {

TEST(RuleSetScoringTest, ShippedGenericPackSetsWeightsListsAndPatterns) {
  StatusOr<RuleSet> rules = LoadRuleSet({CROSSCHECK_SOURCE_DIR "/rules"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const ScoringDef& s = rules->scoring();
  ASSERT_EQ(s.weights.size(), 6u);
  double total = 0;
  for (const auto& [name, w] : s.weights) total += w;
  EXPECT_NEAR(total, 1.0, 1e-9);
  EXPECT_NE(std::find(s.anonymous.begin(), s.anonymous.end(), "insiders say"), s.anonymous.end());
  EXPECT_NE(std::find(s.attribution.begin(), s.attribution.end(), "according to"),
            s.attribution.end());
  EXPECT_GE(s.clickbait.size(), 5u);
  for (const ScoringDef::Pattern& p : s.clickbait) EXPECT_NE(p.re, nullptr) << p.label;
}

TEST(RuleSetScoringTest, LaterPackOverridesKeyByKey) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "base/facts.yaml",
            std::string("facts:\n") + std::string(kValidFact) +
                "scoring:\n"
                "  weights: {consistency: 0.5, language: 0.2}\n"
                "  anonymous: [sources say]\n"
                "  clickbait:\n"
                "    - {label: shock, pattern: '\\bshock'}\n");
  WriteFile(dir, "story/story.yaml",
            "extends: [base]\n"
            "scoring:\n"
            "  weights: {language: 0.4}\n"
            "  anonymous: [Insiders Say, a source close]\n");
  StatusOr<RuleSet> rules = LoadRuleSet({dir + "/story"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  const ScoringDef& s = rules->scoring();
  EXPECT_EQ(s.weights, (std::vector<std::pair<std::string, double>>{{"consistency", 0.5},
                                                                     {"language", 0.4}}));
  // A list is replaced whole, and phrases are matched in lowercase.
  EXPECT_EQ(s.anonymous, (std::vector<std::string>{"insiders say", "a source close"}));
  ASSERT_EQ(s.clickbait.size(), 1u);
  EXPECT_EQ(s.clickbait[0].label, "shock");
}

TEST(RuleSetScoringTest, MistakesNameFileLineAndColumn) {
  const std::string dir = ScratchDir();
  const std::string file = WriteFile(
      dir, "pack/facts.yaml",
      std::string("facts:\n") + std::string(kValidFact) +
          "scoring:\n"                                   // line 5
          "  weights: {consistncy: 0.5, hygiene: lots}\n"  // 6
          "  clickbait:\n"                               // 7
          "    - {label: bad, pattern: '(unclosed'}\n"   // 8
          "    - {label: no pattern}\n"                  // 9
          "  anonymus: [x]\n");                          // 10
  const std::string m = LoadErrors({dir + "/pack"});
  EXPECT_NE(m.find(file + ":6:13: unknown key 'consistncy' in weights (did you mean "
                          "'consistency'?)"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find(file + ":6:39: weight of hygiene must be a number from 0 to 100"),
            std::string::npos)
      << m;
  // Columns counted by hand: "  weights: {" puts 'consistncy' at 13 and
  // 'lots' at 39; the pattern's quote opens at 29.
  EXPECT_NE(m.find(file + ":8:29: invalid pattern '(unclosed': missing )"), std::string::npos)
      << m;
  EXPECT_NE(m.find(file + ":9:7: a clickbait item needs label: and pattern:"), std::string::npos)
      << m;
  EXPECT_NE(m.find(file + ":10:3: unknown key 'anonymus' in scoring (did you mean 'anonymous'?)"),
            std::string::npos)
      << m;
}

}  // namespace
}  // namespace crosscheck
