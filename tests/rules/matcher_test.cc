#include "engine/rules/matcher.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ingest/ingest.h"
#include "engine/normalize/normalizer.h"
#include "engine/rules/entities.h"
#include "engine/rules/rule_set.h"
#include "tests/test_util.h"

namespace crosscheck {
namespace {

namespace fs = std::filesystem;

using testutil::ScratchDir;  // tests/test_util.h
using testutil::WriteFile;

SentenceValues FindValues(const Document& doc) {
  static const Normalizer* normalizer = new Normalizer();
  return normalizer->ExtractSentences(doc);
}

// The whole rules stage over a small corpus: ingest, values, entities,
// claims.
struct Extraction {
  std::vector<Document> docs;
  std::vector<std::vector<Claim>> claims;  // per document
  std::vector<Claim> all;
  std::vector<std::string> speakers;  // Matcher::Speaker of each sentence of doc 0
};

Extraction Extract(const RuleSet& rules, const std::vector<std::string>& texts) {
  Extraction run;
  for (size_t i = 0; i < texts.size(); ++i) {
    StatusOr<Document> doc =
        ParseArticle(texts[i], "txt", "test.txt", "doc" + std::to_string(i));
    EXPECT_TRUE(doc.ok()) << doc.status().message();
    if (doc.ok()) run.docs.push_back(std::move(doc).value());
  }
  StatusOr<std::unique_ptr<Matcher>> matcher = Matcher::Create(rules);
  EXPECT_TRUE(matcher.ok()) << matcher.status().message();
  if (!matcher.ok()) return run;
  EntityIndex index(rules);
  std::vector<DocMentions> mentions;
  std::vector<SentenceValues> values;
  for (const Document& d : run.docs) {
    values.push_back(FindValues(d));
    mentions.push_back(index.Scan(d));
    index.Add(mentions.back());
  }
  index.Finish();
  for (size_t i = 0; i < run.docs.size(); ++i) {
    const std::vector<std::string> speakers =
        (*matcher)->Speakers(run.docs[i], mentions[i], index);
    if (i == 0) run.speakers = speakers;
    run.claims.push_back(
        (*matcher)->Extract(run.docs[i], values[i], mentions[i], index, speakers));
    for (const Claim& c : run.claims.back()) run.all.push_back(c);
  }
  return run;
}

const RuleSet& GenericRules() {
  static const RuleSet* rules = [] {
    StatusOr<RuleSet> r = LoadRuleSet({CROSSCHECK_SOURCE_DIR "/rules/generic"});
    if (!r.ok()) ADD_FAILURE() << r.status().message();
    return r.ok() ? new RuleSet(std::move(r).value()) : new RuleSet();
  }();
  return *rules;
}

const RuleSet& ShippedRules() {
  static const RuleSet* rules = [] {
    StatusOr<RuleSet> r = LoadRuleSet({CROSSCHECK_SOURCE_DIR "/rules"});
    if (!r.ok()) ADD_FAILURE() << r.status().message();
    return r.ok() ? new RuleSet(std::move(r).value()) : new RuleSet();
  }();
  return *rules;
}

std::vector<std::string> Keys(const std::vector<Claim>& claims) {
  std::vector<std::string> out;
  for (const Claim& c : claims) out.push_back(c.key);
  return out;
}

TEST(MatcherTest, GenericPackKeysMovedYearByAcronym) {
  const std::string text =
      "Former members describe M.E.K., which in 2016 moved many of its "
      "followers to Albania.";
  Extraction run = Extract(GenericRules(), {text});
  ASSERT_EQ(run.all.size(), 1u) << testing::PrintToString(Keys(run.all));
  const Claim& c = run.all[0];
  EXPECT_EQ(c.key, "mek.moved_year");
  EXPECT_EQ(c.fact_id, "moved_year");
  EXPECT_EQ(c.subject, "mek");
  EXPECT_EQ(c.rule, "generic/moved_year");
  EXPECT_EQ(c.label, "year MEK moved to where it is now");
  EXPECT_EQ(c.fact_kind, ValueKind::kYear);
  EXPECT_EQ(c.value.kind, ValueKind::kYear);
  EXPECT_EQ(c.lo, 2016);
  EXPECT_EQ(c.hi, 2016);
  EXPECT_EQ(c.text, "2016");
  EXPECT_EQ(c.sentence, text);
  EXPECT_EQ(c.source, "doc0");
  // A .txt file: offsets in the file are offsets in the text.
  EXPECT_EQ(c.start, text.find("2016"));
  EXPECT_EQ(c.end, text.find("2016") + 4);
  EXPECT_EQ(c.sentence_start, 0u);
  EXPECT_EQ(c.sentence_end, text.size());
  EXPECT_TRUE(c.attributed_to.empty());
  EXPECT_FALSE(c.headline);
}

TEST(MatcherTest, FoundingYearOfAnOwnerIsNotTheDamsBuildYear) {
  Extraction run = Extract(GenericRules(),
                    {"The dam, owned by a cooperative founded in 1958, holds water."});
  for (const Claim& c : run.all) {
    SCOPED_TRACE(c.key);
    EXPECT_NE(c.fact_id, "built_year");
  }
  // Nothing named in the sentence can be a subject: no claim at all.
  EXPECT_TRUE(run.all.empty()) << testing::PrintToString(Keys(run.all));
}

TEST(MatcherTest, ExcludeVetoesTheFact) {
  const std::string base =
      "Former members describe M.E.K., which in 2016 moved many of its "
      "followers to Albania";
  Extraction kept = Extract(GenericRules(), {base + "."});
  ASSERT_EQ(kept.all.size(), 1u);
  EXPECT_EQ(kept.all[0].fact_id, "moved_year");
  // moved_year excludes sentences that speak of "protection".
  Extraction vetoed = Extract(GenericRules(), {base + " under UN protection."});
  for (const Claim& c : vetoed.all) EXPECT_NE(c.fact_id, "moved_year") << c.key;
}

TEST(MatcherTest, ValueOutsideTheTriggerWindowIsNotClaimed) {
  // moved_year's window is 60 bytes: "moved" is far from 2016 here.
  const std::string text =
      "Former members describe M.E.K., which moved many of its followers, its "
      "offices, its archives and its radio station to Albania in 2016.";
  Extraction run = Extract(GenericRules(), {text});
  for (const Claim& c : run.all) EXPECT_NE(c.fact_id, "moved_year") << c.key;
}

// A base pack and a story pack that extends it, both able to claim a year
// after "in" about Acme.
std::string WritePriorityPacks(const std::string& dir) {
  WriteFile(dir, "base/facts.yaml",
            "facts:\n"
            "  - id: opened_year\n"
            "    label: year {subject} opened\n"
            "    kind: year\n"
            "    before: '\\bin'\n"
            "    subject: {type: any}\n");
  WriteFile(dir, "story/story.yaml",
            "extends: [base]\n"
            "entities:\n"
            "  - {id: acme, name: Acme Works, type: org, aliases: [Acme]}\n"
            "facts:\n"
            "  - id: plant_year\n"
            "    label: year {subject} opened its plant\n"
            "    kind: year\n"
            "    before: '\\bin'\n"
            "    near: ['\\bplant\\b']\n"
            "    subject: {entity: acme}\n"
            "  - id: plant_opening\n"
            "    counts_as: plant_year\n"
            "    kind: year\n"
            "    before: '\\bsince'\n"
            "    subject: {entity: acme}\n");
  return dir + "/story";
}

TEST(MatcherTest, StoryFactOutranksGenericFactOnTheSameValue) {
  const std::string dir = ScratchDir();
  StatusOr<RuleSet> rules = LoadRuleSet({WritePriorityPacks(dir)});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  Extraction run = Extract(*rules, {"The town said Acme opened a plant in 2001."});
  ASSERT_EQ(run.all.size(), 1u) << testing::PrintToString(Keys(run.all));
  EXPECT_EQ(run.all[0].key, "acme.plant_year");
  EXPECT_EQ(run.all[0].rule, "story/plant_year");
  EXPECT_EQ(run.all[0].label, "year Acme Works opened its plant");
  EXPECT_EQ(run.all[0].lo, 2001);
  // Without the story fact's trigger, the base fact takes the value.
  Extraction base = Extract(*rules, {"The town said Acme opened an office in 2003."});
  ASSERT_EQ(base.all.size(), 1u) << testing::PrintToString(Keys(base.all));
  EXPECT_EQ(base.all[0].key, "acme.opened_year");
  EXPECT_EQ(base.all[0].rule, "base/opened_year");
}

TEST(MatcherTest, CountsAsKeysTheClaimUnderTheOtherFact) {
  const std::string dir = ScratchDir();
  StatusOr<RuleSet> rules = LoadRuleSet({WritePriorityPacks(dir)});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  Extraction run = Extract(*rules, {"The town said Acme has run the works since 1999."});
  ASSERT_EQ(run.all.size(), 1u) << testing::PrintToString(Keys(run.all));
  EXPECT_EQ(run.all[0].key, "acme.plant_year");
  EXPECT_EQ(run.all[0].fact_id, "plant_year");
  EXPECT_EQ(run.all[0].label, "year Acme Works opened its plant");
  // The rule that matched is still the one named.
  EXPECT_EQ(run.all[0].rule, "story/plant_opening");
}

TEST(MatcherTest, SpeakerOfTheSentenceIsAttached) {
  Extraction run = Extract(ShippedRules(),
                    {"Albania sought support from Microsoft. Microsoft concluded "
                     "that two Iranian groups were behind the attack."});
  ASSERT_EQ(run.docs[0].sentences.size(), 2u);
  ASSERT_EQ(run.all.size(), 1u) << testing::PrintToString(Keys(run.all));
  const Claim& c = run.all[0];
  EXPECT_EQ(c.key, "albania-cyberattack.attack_groups");
  EXPECT_EQ(c.lo, 2);
  EXPECT_EQ(c.attributed_to, "Microsoft");
  EXPECT_EQ(run.speakers, (std::vector<std::string>{"", "Microsoft"}));
}

// A single capitalised word opening the sentence is not an entity on its own
// ("Former members..."), but it is when it speaks right before the verb.
TEST(MatcherTest, SentenceInitialSpeakerIsAttached) {
  Extraction run = Extract(ShippedRules(),
                    {"Microsoft concluded that two Iranian groups were behind "
                     "the attack on Albania."});
  ASSERT_EQ(run.all.size(), 1u) << testing::PrintToString(Keys(run.all));
  EXPECT_EQ(run.all[0].key, "albania-cyberattack.attack_groups");
  EXPECT_EQ(run.all[0].attributed_to, "Microsoft");
}

TEST(MatcherTest, SpeakerPhrases) {
  struct Case {
    const char* text;
    std::vector<std::string> speakers;
  };
  const Case cases[] = {
      {"Mr Jon Smith said the works opened.", {"Jon Smith"}},
      {"The works opened, said Jon Smith.", {"Jon Smith"}},
      {"The works opened, according to Jon Smith.", {"Jon Smith"}},
      {"Mr Jon Smith said the works opened. He said more.",
       {"Jon Smith", "Jon Smith"}},
      // The one told is not the speaker.
      {"The works opened, the company told Mr Jon Smith.", {""}},
      {"The works opened last week.", {""}},
      // A place is never a speaker.
      {"The works opened, Germany said.", {""}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Extraction run = Extract(GenericRules(), {c.text});
    EXPECT_EQ(run.speakers, c.speakers);
  }
}

// Titles are not part of a name ("Mr Jon Smith" is "Jon Smith"), but they
// do not separate a speaker from the verb before it.
TEST(MatcherTest, TitledSpeakerAfterTheVerbIsAttached) {
  struct Case {
    const char* text;
    std::vector<std::string> speakers;
  };
  const Case cases[] = {
      {"The works opened, said Mr Jon Smith.", {"Jon Smith"}},
      {"The works opened, according to Mr Jon Smith.", {"Jon Smith"}},
      {"The works opened, said Prime Minister Edi Rama.", {"Edi Rama"}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Extraction run = Extract(GenericRules(), {c.text});
    EXPECT_EQ(run.speakers, c.speakers);
  }
}

TEST(MatcherTest, StoryPackAppliesOnlyToItsStory) {
  // The attack_groups fact and the "the attack" descriptor belong to the
  // albania-2022 pack, which applies to articles naming Albania or the MEK.
  Extraction elsewhere = Extract(ShippedRules(),
                          {"Investigators concluded that two groups were behind "
                           "the attack on the bank."});
  for (const Claim& c : elsewhere.all) EXPECT_NE(c.fact_id, "attack_groups") << c.key;
  Extraction here = Extract(ShippedRules(),
                     {"Investigators concluded that two groups were behind "
                      "the attack on Albania."});
  ASSERT_EQ(here.all.size(), 1u) << testing::PrintToString(Keys(here.all));
  EXPECT_EQ(here.all[0].key, "albania-cyberattack.attack_groups");
}

TEST(MatcherTest, ClaimsLineUpAcrossDocuments) {
  Extraction run = Extract(
      ShippedRules(),
      {"Former members describe M.E.K., which in 2016 moved many of its "
       "followers to Albania.",
       "Since 2013, the People's Mujahideen have resided in Albania."});
  ASSERT_EQ(run.claims.size(), 2u);
  ASSERT_EQ(run.claims[0].size(), 1u) << testing::PrintToString(Keys(run.claims[0]));
  ASSERT_EQ(run.claims[1].size(), 1u) << testing::PrintToString(Keys(run.claims[1]));
  EXPECT_EQ(run.claims[0][0].key, "mek.moved_year");
  EXPECT_EQ(run.claims[1][0].key, "mek.moved_year");
  EXPECT_EQ(run.claims[0][0].lo, 2016);
  EXPECT_EQ(run.claims[1][0].lo, 2013);
  EXPECT_EQ(run.claims[1][0].source, "doc1");
}

TEST(MatcherTest, DateInAYearFactComparesAsItsYear) {
  Extraction run = Extract(GenericRules(),
                    {"Former members describe M.E.K., which in July 2016 moved "
                     "many of its followers to Albania."});
  ASSERT_EQ(run.all.size(), 1u) << testing::PrintToString(Keys(run.all));
  EXPECT_EQ(run.all[0].key, "mek.moved_year");
  EXPECT_EQ(run.all[0].fact_kind, ValueKind::kYear);
  EXPECT_EQ(run.all[0].lo, 2016);
  EXPECT_EQ(run.all[0].hi, 2016);
}

}  // namespace
}  // namespace crosscheck

namespace crosscheck {
namespace {

TEST(MatcherTest, ScopeAndUnitLimitWhereAFactReads) {
  const std::string dir = ScratchDir();
  WriteFile(dir, "pack/facts.yaml",
            "entities:\n"
            "  - {id: varga, name: Varga Bridge, type: thing, aliases: [Varga Bridge]}\n"
            "facts:\n"
            "  - id: length\n"
            "    kind: quantity\n"
            "    unit: km\n"
            "    scope: [body]\n"
            "    near: ['\\blong\\b']\n"
            "    subject: {entity: varga}\n");
  StatusOr<RuleSet> rules = LoadRuleSet({dir + "/pack"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  // Body, in km: read. In metres: not this fact's unit. In a quotation: out
  // of scope.
  Extraction body = Extract(*rules, {"The Varga Bridge is 3 km long."});
  ASSERT_EQ(body.all.size(), 1u);
  EXPECT_DOUBLE_EQ(body.all[0].lo, 3);
  EXPECT_TRUE(Extract(*rules, {"The Varga Bridge is 300 m long."}).all.empty());
  EXPECT_TRUE(
      Extract(*rules, {"\xE2\x80\x9CThe Varga Bridge is 3 km long,\xE2\x80\x9D he said."})
          .all.empty());
}

}  // namespace
}  // namespace crosscheck
