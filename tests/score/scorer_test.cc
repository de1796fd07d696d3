#include "engine/score/scorer.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/ingest/ingest.h"

namespace crosscheck {
namespace {

Document Parse(std::string_view text, std::string_view id) {
  StatusOr<Document> doc = ParseArticle(text, "txt", "test.txt", id);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(doc).value() : Document{};
}

constexpr std::string_view kClean =
    "Dam fails after heavy rain\n"
    "\n"
    "The Brenna Dam failed on Tuesday after three days of rain.\n"
    "Workers said the spillway had been blocked for weeks.\n";

// Same body, with an advertisement marker and a share appeal between lines.
constexpr std::string_view kCluttered =
    "Dam fails after heavy rain\n"
    "\n"
    "The Brenna Dam failed on Tuesday after three days of rain.\n"
    "ADVERTISEMENT\n"
    "Workers said the spillway had been blocked for weeks.\n"
    "Share this article on Facebook\n";

const ScoreComponent* Component(const SourceReport& r, const std::string& name) {
  for (const ScoreComponent& c : r.components)
    if (c.name == name) return &c;
  ADD_FAILURE() << "no component " << name;
  return nullptr;
}

bool HasEvidence(const ScoreComponent& c, const std::string& part) {
  for (const Evidence& e : c.evidence)
    if (e.text.find(part) != std::string::npos) return true;
  return false;
}

SourceReport Score(const Document& doc,
                   const std::map<std::string, CopyRelation>& copies = {},
                   const std::vector<FactFinding>& facts = {},
                   const SourceSignals& signals = {}, int claims = 0) {
  const std::map<std::string, SourceConsistency> fused = FuseFindings(facts, copies);
  const auto it = fused.find(doc.id);
  return ScoreSource(doc, signals, it == fused.end() ? nullptr : &it->second, copies,
                     claims);
}

TEST(ScorerTest, ComponentsInOrderWithWeights) {
  const SourceReport r = Score(Parse(kClean, "clean"));
  ASSERT_EQ(r.components.size(), 6u);
  EXPECT_EQ(r.components[0].name, "consistency");
  EXPECT_EQ(r.components[1].name, "independence");
  EXPECT_EQ(r.components[2].name, "hygiene");
  EXPECT_EQ(r.components[3].name, "transparency");
  EXPECT_EQ(r.components[4].name, "language");
  EXPECT_EQ(r.components[5].name, "sensationalism");
  const ScoreOptions defaults;
  EXPECT_DOUBLE_EQ(r.components[0].weight, defaults.consistency_weight);
  EXPECT_DOUBLE_EQ(r.components[3].weight, defaults.transparency_weight);
  EXPECT_DOUBLE_EQ(r.components[5].weight, defaults.sensationalism_weight);
  EXPECT_EQ(r.id, "clean");
  EXPECT_EQ(r.title, "Dam fails after heavy rain");
  for (const ScoreComponent& c : r.components) {
    SCOPED_TRACE(c.name);
    EXPECT_GE(c.value, 0.0);
    EXPECT_LE(c.value, 1.0);
    EXPECT_FALSE(c.evidence.empty());
  }
}

TEST(ScorerTest, CopyHasNoIndependence) {
  const Document doc = Parse(kClean, "blog");
  const std::map<std::string, CopyRelation> copies = {
      {"blog", CopyRelation{"blog", "nyt", 0.82, 40}}};
  const SourceReport r = Score(doc, copies);
  EXPECT_EQ(r.copy_of, "nyt");
  EXPECT_DOUBLE_EQ(r.copy_overlap, 0.82);
  const ScoreComponent* independence = Component(r, "independence");
  ASSERT_NE(independence, nullptr);
  EXPECT_EQ(independence->value, 0.0);
  ASSERT_FALSE(independence->evidence.empty());
  EXPECT_NE(independence->evidence[0].text.find("near-copy of nyt"), std::string::npos)
      << independence->evidence[0].text;
  EXPECT_NE(independence->evidence[0].text.find("82%"), std::string::npos)
      << independence->evidence[0].text;
  // The original itself is independent.
  const SourceReport original = Score(Parse(kClean, "nyt"), copies);
  EXPECT_TRUE(original.copy_of.empty());
  EXPECT_EQ(Component(original, "independence")->value, 1.0);
  EXPECT_GT(original.score, r.score);
}

TEST(ScorerTest, ClutterLowersHygieneWithEvidenceAndOffsets) {
  const Document clean = Parse(kClean, "clean");
  const Document cluttered = Parse(kCluttered, "cluttered");
  const SourceReport a = Score(clean);
  const SourceReport b = Score(cluttered);
  const ScoreComponent* ha = Component(a, "hygiene");
  const ScoreComponent* hb = Component(b, "hygiene");
  ASSERT_NE(ha, nullptr);
  ASSERT_NE(hb, nullptr);
  EXPECT_EQ(ha->value, 1.0);
  EXPECT_TRUE(HasEvidence(*ha, "no clutter found"));
  EXPECT_TRUE(a.clutter.empty());
  EXPECT_LT(hb->value, 1.0);
  EXPECT_GE(hb->value, 0.0);
  EXPECT_LT(b.score, a.score);

  // The advertisement marker is evidence, with its bytes in the file.
  const size_t ad = kCluttered.find("ADVERTISEMENT");
  const size_t share = kCluttered.find("Share this article");
  bool saw_ad = false, saw_share = false;
  for (const Evidence& e : hb->evidence) {
    if (e.text == "advertisement") {
      saw_ad = true;
      EXPECT_EQ(e.start, ad);
      EXPECT_EQ(e.end, ad + std::string_view("ADVERTISEMENT").size());
      EXPECT_EQ(e.detail, "ADVERTISEMENT");
    }
    if (e.text == "share_appeal") {
      saw_share = true;
      EXPECT_EQ(e.start, share);
      EXPECT_GT(e.end, e.start);
    }
  }
  EXPECT_TRUE(saw_ad);
  EXPECT_TRUE(saw_share);
  // The same evidence is listed as the page's clutter.
  ASSERT_EQ(b.clutter.size(), 2u);
  EXPECT_EQ(b.clutter[0].text, "advertisement");
  EXPECT_EQ(b.clutter[0].start, ad);
  EXPECT_EQ(b.clutter[1].text, "share_appeal");
}

TEST(ScorerTest, BylineRaisesTransparency) {
  Document without = Parse(kClean, "a");
  Document with = without;
  with.byline = "Jane Doe";
  const SourceReport a = Score(without);
  const SourceReport b = Score(with);
  const ScoreComponent* ta = Component(a, "transparency");
  const ScoreComponent* tb = Component(b, "transparency");
  ASSERT_NE(ta, nullptr);
  ASSERT_NE(tb, nullptr);
  EXPECT_GT(tb->value, ta->value);
  EXPECT_NEAR(tb->value - ta->value, 0.3, 1e-9);
  EXPECT_TRUE(HasEvidence(*tb, "byline: Jane Doe"));
  EXPECT_TRUE(HasEvidence(*ta, "no byline"));
  EXPECT_EQ(b.byline, "Jane Doe");
  EXPECT_GE(b.score, a.score);
}

TEST(ScorerTest, BylineFromTheArticleIsUsed) {
  const Document doc = Parse(
      "Dam fails after heavy rain\nBy Jane Doe\n\nThe Brenna Dam failed on Tuesday.\n",
      "a");
  ASSERT_EQ(doc.byline, "Jane Doe");
  const SourceReport r = Score(doc);
  EXPECT_TRUE(HasEvidence(*Component(r, "transparency"), "byline: Jane Doe"));
}

TEST(ScorerTest, DateAndNamedSourcesRaiseTransparency) {
  Document doc = Parse(kClean, "a");
  const double base = Component(Score(doc), "transparency")->value;
  doc.published = {2022, 9, 8};
  SourceSignals signals;
  signals.speakers.push_back({"Edi Rama", doc.sentences.back().span});
  const SourceReport r = ScoreSource(doc, signals, {}, {}, 0);
  EXPECT_EQ(r.published, "2022-09-08");
  const ScoreComponent* t = Component(r, "transparency");
  // 0.1 for the date, 0.2 * 1/3 for one named source.
  EXPECT_NEAR(t->value - base, 0.1 + 0.2 / 3, 1e-9);
  EXPECT_TRUE(HasEvidence(*t, "publication date: 2022-09-08"));
  EXPECT_TRUE(HasEvidence(*t, "named source: Edi Rama"));
}

TEST(ScorerTest, PublishedIsIsoAtTheKnownGrain) {
  Document doc = Parse(kClean, "a");
  doc.published = {2022, 9, 0};
  EXPECT_EQ(Score(doc).published, "2022-09");
  doc.published = {2022, 0, 0};
  EXPECT_EQ(Score(doc).published, "2022");
  doc.published = {};
  EXPECT_EQ(Score(doc).published, "");
}

// CountSourcing() of `doc` with these anonymous phrases and attribution verbs.
SourceSignals Sourcing(const Document& doc, std::vector<std::string> anonymous,
                       std::vector<std::string> attribution) {
  ScoringDef scoring;
  scoring.anonymous = std::move(anonymous);
  scoring.attribution = std::move(attribution);
  SourceSignals signals;
  CountSourcing(doc, scoring, &signals);
  return signals;
}

TEST(ScorerTest, CountSourcingFindsQuotesAndAnonymousSources) {
  const Document doc = Parse(
      "Dam fails\n"
      "\n"
      "\xE2\x80\x9CIt broke,\xE2\x80\x9D said one engineer. \"We knew,\" said another.\n"
      "Sources say the board ignored warnings, insiders said.\n",
      "a");
  const SourceSignals signals =
      Sourcing(doc, {"sources say", "insiders said"}, {"said", "according to"});
  EXPECT_EQ(signals.quotes, 2);
  // "said" three times as a word; "according to" never.
  EXPECT_EQ(signals.attributions, (std::map<std::string, int>{{"said", 3}}));
  ASSERT_EQ(signals.anonymous.size(), 2u);
  EXPECT_EQ(doc.Slice(signals.anonymous[0]), "Sources say");
  EXPECT_EQ(doc.Slice(signals.anonymous[1]), "insiders said");
  // Anonymous sourcing counts against transparency: 0.1 each.
  Document bylined = doc;
  bylined.byline = "Jane Doe";
  const double without = Component(Score(bylined), "transparency")->value;
  SourceSignals anonymous_only;
  anonymous_only.anonymous = signals.anonymous;
  const SourceReport r = Score(bylined, {}, {}, anonymous_only);
  const ScoreComponent* t = Component(r, "transparency");
  EXPECT_NEAR(without - t->value, 0.2, 1e-9);
  EXPECT_TRUE(HasEvidence(*t, "anonymous sourcing"));
}

TEST(ScorerTest, CountSourcingCountsWholeWordsWithoutOverlap) {
  const Document doc = Parse(
      "Dam fails\n"
      "\n"
      "He said he said he said. Unsaid, saidx and SAID count once; Said so.\n"
      "An unnamed source, then an unnamed official: rumoured twice, rumoured.\n",
      "a");
  // "he said he" occurs at 0 and 8, overlapping: the second is not counted
  // (the search goes on after each occurrence, as it always has).
  const SourceSignals signals =
      Sourcing(doc, {"an unnamed", "rumoured", "unnamed source"}, {"he said he", "said"});
  EXPECT_EQ(signals.attributions,
            (std::map<std::string, int>{{"he said he", 1}, {"said", 5}}));
  // Each phrase once a sentence, where it first occurs, in the list's order.
  ASSERT_EQ(signals.anonymous.size(), 3u);
  EXPECT_EQ(doc.Slice(signals.anonymous[0]), "An unnamed");
  EXPECT_EQ(doc.Slice(signals.anonymous[1]), "rumoured");
  EXPECT_EQ(doc.Slice(signals.anonymous[2]), "unnamed source");
  EXPECT_LT(signals.anonymous[0].start, signals.anonymous[2].start);
  EXPECT_LT(signals.anonymous[2].start, signals.anonymous[1].start);
}

// The text is matched lower-cased, so a phrase with an upper-case letter
// (the rule loader lower-cases the packs' phrases; a ScoringDef made in
// code may not) matches nothing; the quotes are counted in the same pass.
TEST(ScorerTest, CountSourcingMatchesLowerCaseTextOnly) {
  const Document doc = Parse(
      "Dam fails\n"
      "\n"
      "SOURCES SAY \"it broke\" and \"it held\" \"; Said the board, \xE2\x80\x9CNo.\xE2\x80\x9D\n",
      "a");
  const SourceSignals signals = Sourcing(doc, {"Sources say", "sources say"}, {"Said", "said"});
  EXPECT_EQ(signals.attributions, (std::map<std::string, int>{{"said", 1}}));
  ASSERT_EQ(signals.anonymous.size(), 1u);
  EXPECT_EQ(doc.Slice(signals.anonymous[0]), "SOURCES SAY");
  EXPECT_EQ(signals.quotes, 1 + 5 / 2);  // one opening curly quote, five straight ones
}

// A fact where `doc` says 2016, two independent sources agree, one
// contradicts; `copy` also says 2013 but copies "rt".
std::vector<FactFinding> MovedYearFacts() {
  auto claim = [](const std::string& source) {
    Claim c;
    c.source = source;
    c.sentence = "moved in that year";
    return c;
  };
  ValueGroup y2013;
  y2013.display = "2013";
  y2013.lo = y2013.hi = 2013;
  y2013.claims = {claim("rt"), claim("copy")};
  ValueGroup y2016;
  y2016.display = "2016";
  y2016.lo = y2016.hi = 2016;
  y2016.claims = {claim("me"), claim("nato"), claim("exit")};
  FactFinding f;
  f.key = "mek.moved_year";
  f.status = FactStatus::kContradiction;
  y2013.conflicts = {1};  // compare's verdict: 2013 and 2016 cannot both hold
  y2016.conflicts = {0};
  f.values = {y2013, y2016};
  return {f};
}

TEST(ScorerTest, ConsistencyIsTheTruthDiscoveryReliability) {
  const std::vector<FactFinding> facts = MovedYearFacts();
  const std::map<std::string, CopyRelation> copies = {
      {"copy", CopyRelation{"copy", "rt", 0.9, 50}}};
  // Worked by hand (Accu, n = 100 false values, A0 = 0.8, one pseudo-claim
  // at 0.8). The copy does not vote: 2013 {rt} against 2016 {me, nato, exit}.
  // Round 1: each vote ln(100 * 0.8 / 0.2) = 5.99; P(2016) = 1 / (1 +
  // e^-11.98 + 99 e^-17.97) = 0.999992, P(2013) = 6.3e-6. Accuracy: rt
  // (0 + 0.8) / 2 = 0.4, the 2016 sources (1 + 0.8) / 2 = 0.9. Round 2 only
  // widens the gap (votes ln 66.7 = 4.2 against 3 ln 900 = 20.4), so the
  // fixed point is 0.9 and 0.4; the copy states 2013 and gets 0.4 too.
  const SourceReport me = Score(Parse(kClean, "me"), copies, facts);
  const ScoreComponent* c = Component(me, "consistency");
  EXPECT_NEAR(c->value, 0.9, 1e-4);
  ASSERT_EQ(c->evidence.size(), 2u);
  EXPECT_NE(c->evidence[0].text.find("reliability 90% by truth discovery (Accu) over 1 shared fact"),
            std::string::npos) << c->evidence[0].text;
  EXPECT_NE(c->evidence[1].text.find(
                "mek.moved_year: says 2016, the value truth discovery prefers "
                "(probability that it holds 1.00; 2016 stated by exit, me, nato)"),
            std::string::npos)
      << c->evidence[1].text;
  const SourceReport rt = Score(Parse(kClean, "rt"), copies, facts);
  EXPECT_NEAR(Component(rt, "consistency")->value, 0.4, 1e-4);
  EXPECT_LT(rt.score, me.score);
  const SourceReport copy = Score(Parse(kClean, "copy"), copies, facts);
  const ScoreComponent* cc = Component(copy, "consistency");
  EXPECT_NEAR(cc->value, 0.4, 1e-4);
  EXPECT_NE(cc->evidence[1].text.find("; truth discovery prefers 2016"), std::string::npos);
  EXPECT_NE(cc->evidence[1].text.find("a copy of rt, so it does not vote"), std::string::npos);
  // Nothing shared: the neutral value.
  const SourceReport alone = Score(Parse(kClean, "alone"), copies, facts);
  EXPECT_EQ(Component(alone, "consistency")->value,
            ScoreOptions().no_evidence_consistency);
}

TEST(ScorerTest, ThreeCopiesOfAFalseValueLoseToTwoIndependentTrueOnes) {
  // 2013 is stated by "orig" and by three near-copies of it; 2016 by two
  // independent sources. Counted as votes 2013 would win 4 to 2; the copies
  // do not vote, so it is 1 against 2 and 2016 is preferred.
  std::vector<FactFinding> facts = MovedYearFacts();
  auto claim = [](const std::string& source) {
    Claim c;
    c.source = source;
    return c;
  };
  facts[0].values[0].claims = {claim("orig"), claim("c1"), claim("c2"), claim("c3")};
  facts[0].values[1].claims = {claim("a"), claim("b")};
  std::map<std::string, CopyRelation> copies;
  for (const char* c : {"c1", "c2", "c3"}) copies[c] = CopyRelation{c, "orig", 0.95, 80};
  const std::map<std::string, SourceConsistency> fused = FuseFindings(facts, copies);
  ASSERT_EQ(fused.size(), 6u);
  EXPECT_GT(fused.at("a").reliability, 0.85);
  EXPECT_LT(fused.at("orig").reliability, 0.45);
  for (const char* c : {"c1", "c2", "c3"}) EXPECT_LT(fused.at(c).reliability, 0.45) << c;
  // Without the copy relation the four sources outvote the two.
  const std::map<std::string, SourceConsistency> naive = FuseFindings(facts, {});
  EXPECT_GT(naive.at("orig").reliability, naive.at("a").reliability);
}

TEST(ScorerTest, CompatibleGroupsSupportEachOtherAndPossibleSidesDoNotConflict) {
  auto claim = [](const std::string& source) {
    Claim c;
    c.source = source;
    return c;
  };
  // "thousands" {x} is compatible with "3,000" {y, z}; both conflict with
  // "about 1,000" {w}. Whoever states one of the first two is credited with
  // the probability that the truth is either.
  ValueGroup thousands, three, one;
  thousands.display = "vague: 2,000 or more";
  thousands.claims = {claim("x")};
  thousands.conflicts = {2};
  three.display = "3,000";
  three.claims = {claim("y"), claim("z")};
  three.conflicts = {2};
  one.display = "about 1,000";
  one.claims = {claim("w")};
  one.conflicts = {0, 1};
  FactFinding count;
  count.key = "mek.member_count";
  count.status = FactStatus::kContradiction;
  count.severity = Severity::kHigh;
  count.values = {thousands, three, one};
  std::map<std::string, SourceConsistency> fused = FuseFindings({count}, {});
  EXPECT_GT(fused.at("x").reliability, 0.85);
  EXPECT_NEAR(fused.at("x").reliability, fused.at("y").reliability, 0.01);
  EXPECT_LT(fused.at("w").reliability, 0.45);
  EXPECT_NE(fused.at("x").evidence[0].text.find("compatible with 3,000"), std::string::npos)
      << fused.at("x").evidence[0].text;
  // The same sides as a possible contradiction: nobody is held wrong.
  count.severity = Severity::kPossible;
  fused = FuseFindings({count}, {});
  for (const char* s : {"x", "y", "z", "w"}) EXPECT_NEAR(fused.at(s).reliability, 0.9, 0.01) << s;
  EXPECT_NE(fused.at("w").evidence[0].text.find("possible contradiction: both may hold"),
            std::string::npos);
}

TEST(ScorerTest, ScoreStaysWithinZeroToHundred) {
  Document best = Parse(kClean, "best");
  best.byline = "Jane Doe";
  best.dateline = "TIRANA, Albania";
  best.published = {2022, 9, 8};
  SourceSignals praise;
  for (const char* who : {"Edi Rama", "Microsoft", "NATO"})
    praise.speakers.push_back({who, best.sentences.back().span});
  praise.quotes = 5;
  const SourceReport top = Score(best, {}, MovedYearFacts(), praise, 3);
  Document worst = Parse(std::string(kCluttered) + "Leave a Reply\nBuy cheap pills\n",
                         "rt");
  SourceSignals shady;
  for (int i = 0; i < 20; ++i) shady.anonymous.push_back(worst.sentences.back().span);
  const std::map<std::string, CopyRelation> copies = {
      {"rt", CopyRelation{"rt", "nato", 1.0, 100}}};
  const SourceReport bottom = Score(worst, copies, MovedYearFacts(), shady, 1);
  for (const SourceReport* r : {&top, &bottom}) {
    SCOPED_TRACE(r->id);
    EXPECT_GE(r->score, 0);
    EXPECT_LE(r->score, 100);
    for (const ScoreComponent& c : r->components) {
      EXPECT_GE(c.value, 0.0) << c.name;
      EXPECT_LE(c.value, 1.0) << c.name;
    }
  }
  EXPECT_GT(top.score, bottom.score);
  EXPECT_EQ(Component(bottom, "transparency")->value, 0.0);
  EXPECT_EQ(top.claims, 3);
}

}  // namespace
}  // namespace crosscheck
