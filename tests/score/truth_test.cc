// Truth discovery on small hand-made claim matrices. The expected numbers
// are worked out by hand from the papers' formulas in the comments (Yin et
// al. KDD 2007 for TruthFinder, Dong et al. PVLDB 2009 for Accu/AccuCopy),
// not copied from the program's output.
#include "engine/score/truth.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "tests/score/copy_scenario.h"

namespace crosscheck {
namespace {

ClaimTable Table(const std::string& tsv, const std::string& tolerance = "") {
  ClaimTable t;
  std::istringstream in(tsv);
  EXPECT_TRUE(t.Read(in, "claims.tsv").ok());
  FuseTolerance tol;
  EXPECT_TRUE(ParseFuseTolerance(tolerance, &tol).ok());
  t.Finish(tol);
  return t;
}

std::string Chosen(const ClaimTable& t, const FuseResult& r, const std::string& item) {
  const int64_t i = t.FindItem(item);
  EXPECT_GE(i, 0) << item;
  return i < 0 ? "" : t.value(r.chosen[static_cast<size_t>(i)]).text;
}

size_t SourceId(const ClaimTable& t, const std::string& name) {
  for (size_t s = 0; s < t.source_count(); ++s)
    if (t.source(s) == name) return s;
  ADD_FAILURE() << name;
  return 0;
}

TEST(FuseToleranceTest, ParsesKindsAndUnits) {
  FuseTolerance t;
  ASSERT_TRUE(ParseFuseTolerance("time=10m,number=1%", &t).ok());
  EXPECT_EQ(t.time_minutes, 10);
  EXPECT_DOUBLE_EQ(t.number_relative, 0.01);
  ASSERT_TRUE(ParseFuseTolerance("time=1.5h, number=5", &t).ok());
  EXPECT_EQ(t.time_minutes, 90);
  EXPECT_EQ(t.number_absolute, 5);
  EXPECT_EQ(t.number_relative, 0);
  ASSERT_TRUE(ParseFuseTolerance("", &t).ok());
  EXPECT_EQ(t.time_minutes, 0);
  ASSERT_TRUE(ParseFuseTolerance("exact", &t).ok());
  EXPECT_EQ(t.number_relative, 0);
  for (const char* bad : {"speed=3", "time=abc", "time", "number=-1%", "time=10s"}) {
    const Status st = ParseFuseTolerance(bad, &t);
    EXPECT_FALSE(st.ok()) << bad;
  }
}

TEST(ClaimTableTest, MalformedLineIsAnErrorWithItsLine) {
  ClaimTable t;
  std::istringstream in("# comment\ns1\titem\t1\n\ns2\titem\n");
  const Status st = t.Read(in, "claims.tsv");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("claims.tsv:4:"), std::string::npos) << st.message();
  std::istringstream empty_field("s1\t\t5\n");
  const Status st2 = t.Read(empty_field, "c.tsv");
  ASSERT_FALSE(st2.ok());
  EXPECT_NE(st2.message().find("c.tsv:1: field 2 is empty"), std::string::npos) << st2.message();
}

TEST(ClaimTableTest, ValuesAreTypedAndOneSourceSayingAValueTwiceIsOneClaim) {
  const ClaimTable t = Table(
      "s1\tf|dep\t2011-12-08T18:55Z\n"
      "s1\tf|dep\t2011-12-08T18:55Z\n"
      "s2\tf|dep\t2011-12-08T19:05Z\n"
      "s1\tc|pop\t478403\n"
      "s1\tb|authors\tknuth, donald\n");
  EXPECT_EQ(t.claim_count(), 4u);
  EXPECT_EQ(t.value_count(), 4u);
  const uint32_t dep = t.item_first(static_cast<size_t>(t.FindItem("f|dep")));
  EXPECT_EQ(t.value(dep).kind, FuseKind::kTime);
  // 2011-12-08 is day 15316 since 1970-01-01; 18:55 is 1135 minutes.
  EXPECT_EQ(t.value(dep).number, 15316.0 * 1440 + 1135);
  EXPECT_EQ(t.value(t.item_first(static_cast<size_t>(t.FindItem("c|pop")))).kind,
            FuseKind::kNumber);
  EXPECT_EQ(t.value(t.item_first(static_cast<size_t>(t.FindItem("b|authors")))).kind,
            FuseKind::kString);
}

TEST(VoteTest, NearTimesCountTogetherAndTiesGoToTheSmallest) {
  const std::string tsv =
      "s1\tf|dep\t2011-12-08T10:00Z\n"
      "s2\tf|dep\t2011-12-08T10:05Z\n"
      "s3\tf|dep\t2011-12-08T10:30Z\n"
      "s4\tf|dep\t2011-12-08T10:30Z\n";
  // Exact: 10:30 has two votes, the others one each.
  const ClaimTable exact = Table(tsv);
  EXPECT_EQ(Chosen(exact, Fuse(exact, FuseMethod::kVote), "f|dep"), "2011-12-08T10:30Z");
  // Within 10 minutes 10:00 and 10:05 support each other: 2, 2, 2 -> a tie
  // of all three, which goes to the earliest.
  const ClaimTable near = Table(tsv, "time=10m");
  EXPECT_EQ(Chosen(near, Fuse(near, FuseMethod::kVote), "f|dep"), "2011-12-08T10:00Z");
  // A fifth source at 10:04 makes 10:00 and 10:05 three each: 10:00 wins on the tie rule,
  // 10:30 (two) loses.
  const ClaimTable more = Table(tsv + "s5\tf|dep\t2011-12-08T10:04Z\n", "time=10m");
  const FuseResult r = Fuse(more, FuseMethod::kVote);
  EXPECT_EQ(Chosen(more, r, "f|dep"), "2011-12-08T10:00Z");
  // Reliability under vote: the share of a source's claims that won.
  EXPECT_EQ(r.reliability[SourceId(more, "s1")], 1.0);
  EXPECT_EQ(r.reliability[SourceId(more, "s3")], 0.0);
}

TEST(VoteTest, StringsTieByteWiseAndNumbersBeforeStrings) {
  const ClaimTable t = Table(
      "s1\tb|authors\tknuth\n"
      "s2\tb|authors\tdonald knuth\n"
      "s1\tp|n\t200\n"
      "s2\tp|n\t1000\n"
      "s3\tp|n\tunknown\n");
  const FuseResult r = Fuse(t, FuseMethod::kVote);
  EXPECT_EQ(Chosen(t, r, "b|authors"), "donald knuth");
  EXPECT_EQ(Chosen(t, r, "p|n"), "200");  // 200 < 1000 numerically, not as text
}

TEST(TruthFinderTest, OneIterationMatchesTheFormulasByHand) {
  // One item, v1 claimed by s1 and s2, v2 by s3; trust 0.9 for all.
  // tau = -ln(1 - 0.9) = 2.302585; sigma(v1) = 4.605170, sigma(v2) = 2.302585.
  // sigma*(v1) = 4.605170 + 0.5 * (0 - 0.5 * 2.302585) = 4.029524
  // sigma*(v2) = 2.302585 + 0.5 * (0 - 0.5 * 4.605170) = 1.151293
  // conf = 1 / (1 + e^(-0.3 sigma*)): v1 1 / (1 + e^-1.208857) = 1 / 1.298538
  // = 0.770097, v2 1 / (1 + e^-0.345388) = 0.585499.
  // Trust after one round: s1 = s2 = 0.770097, s3 = 0.585499.
  const ClaimTable t = Table("s1\tx\tv1\ns2\tx\tv1\ns3\tx\tv2\n");
  FuseOptions o;
  o.max_iterations = 1;
  const FuseResult r = Fuse(t, FuseMethod::kTruthFinder, o);
  EXPECT_NEAR(r.reliability[SourceId(t, "s1")], 0.770097, 1e-6);
  EXPECT_NEAR(r.reliability[SourceId(t, "s2")], 0.770097, 1e-6);
  EXPECT_NEAR(r.reliability[SourceId(t, "s3")], 0.585499, 1e-6);
  EXPECT_EQ(Chosen(t, r, "x"), "v1");
}

TEST(AccuTest, OneIterationMatchesTheFormulasByHand) {
  // Accuracy 0.8 and n = 100 false values: each vote is ln(100 * 0.8 / 0.2)
  // = ln 400. C(v1) = 2 ln 400, C(v2) = ln 400; 100 + 1 - 2 = 99 false
  // values nobody claimed count e^0 each.
  // P(v1) = 400^2 / (400^2 + 400 + 99) = 160000 / 160499 = 0.996891
  // P(v2) = 400 / 160499 = 0.002492. A source's accuracy is the mean P of
  // its values.
  const ClaimTable t = Table("s1\tx\tv1\ns2\tx\tv1\ns3\tx\tv2\n");
  FuseOptions o;
  o.max_iterations = 1;
  const FuseResult r = Fuse(t, FuseMethod::kAccu, o);
  EXPECT_NEAR(r.confidence[t.item_first(0)], 160000.0 / 160499, 1e-9);
  EXPECT_NEAR(r.confidence[t.item_first(0) + 1], 400.0 / 160499, 1e-9);
  EXPECT_NEAR(r.reliability[SourceId(t, "s1")], 160000.0 / 160499, 1e-9);
  EXPECT_NEAR(r.reliability[SourceId(t, "s3")], 400.0 / 160499, 1e-9);
}

TEST(AccuCopyTest, ThreeCopiersOfAFalseValueLoseToTwoIndependentSources) {
  const ClaimTable t = Table(CopyScenarioTsv());  // see copy_scenario.h
  // Majority: three "f" against two "t" on items 6-8.
  const FuseResult vote = Fuse(t, FuseMethod::kVote);
  for (const char* item : {"i6", "i7", "i8"}) EXPECT_EQ(Chosen(t, vote, item), "f") << item;
  // With copy detection the copiers' shared votes are discounted.
  const FuseResult copy = Fuse(t, FuseMethod::kAccuCopy);
  for (int i = 1; i <= 12; ++i)
    EXPECT_EQ(Chosen(t, copy, "i" + std::to_string(i)), "t") << "i" << i;
  // The copy pairs are the three copier pairs, and no pair with a or b.
  std::vector<std::string> pairs;
  for (const CopyPair& p : copy.copies) {
    std::string x = t.source(p.a), y = t.source(p.b);
    if (x > y) std::swap(x, y);
    pairs.push_back(x + "-" + y);
    EXPECT_EQ(p.shared_items, 13u);
    EXPECT_EQ(p.same_values, 13u);
  }
  std::sort(pairs.begin(), pairs.end());
  EXPECT_EQ(pairs, (std::vector<std::string>{"c1-c2", "c1-c3", "c2-c3"}));
  EXPECT_GT(copy.reliability[SourceId(t, "b")], copy.reliability[SourceId(t, "c1")]);
}

TEST(AccuTest, AttributeAccuracyJudgesASourceOnTheAttributeAtHand) {
  // s1 is wrong on every gate and right on departures, s3 the reverse;
  // on d3 they disagree alone ("p" against "q").
  //   gates g1-g6:  s2 s3 s4 "g", s1 "h"
  //   dep d1-d2:    s1 s2 s4 "t", s3 "f"
  //   dep d3:       s1 "p", s3 "q"
  // Round 1, accuracy 0.8 and n = 100 for all: a vote is w = ln 400, and
  // with 100 + 1 - 2 = 99 unclaimed values at e^0,
  //   P(g) = P(t) = 400^3 / (400^3 + 400 + 99) = 0.99999220,
  //   P(h) = P(f) = 400 / 64000499 = 6.2500e-6, P(p) = P(q) = 400 / 899 = 0.44493882.
  // Round 2 on d3 with accuracies per attribute (dep: 3 claims each):
  //   A(s1) = (2 * 0.99999220 + 0.44493882) / 3 = 0.81497441, vote ln(100 A / (1 - A))
  //   = 6.0878328, e^ = 440.46578; A(s3) = (2 * 6.25e-6 + 0.44493882) / 3 = 0.14831711,
  //   e^ = 17.414593. P(p) = 440.46578 / (440.46578 + 17.414593 + 99) = 0.79095224.
  // With one accuracy over all 9 claims s3 (6 gates right) outweighs s1:
  //   A(s1) = (6 * 6.25e-6 + 2 * 0.99999220 + 0.44493882) / 9 = 0.27166230, e^ = 37.298949;
  //   A(s3) = (6 * 0.99999220 + 2 * 6.25e-6 + 0.44493882) / 9 = 0.71610050, e^ = 252.23733;
  //   P(q) = 252.23733 / (37.298949 + 252.23733 + 99) = 0.64919891.
  std::string tsv;
  for (int i = 1; i <= 6; ++i) {
    const std::string item = "g" + std::to_string(i) + "|gate";
    for (const char* s : {"s2", "s3", "s4"}) tsv += std::string(s) + "\t" + item + "\tg\n";
    tsv += "s1\t" + item + "\th\n";
  }
  for (int i = 1; i <= 2; ++i) {
    const std::string item = "d" + std::to_string(i) + "|dep";
    for (const char* s : {"s1", "s2", "s4"}) tsv += std::string(s) + "\t" + item + "\tt\n";
    tsv += "s3\t" + item + "\tf\n";
  }
  tsv += "s1\td3|dep\tp\ns3\td3|dep\tq\n";
  const ClaimTable t = Table(tsv);
  const uint32_t p = t.item_first(static_cast<size_t>(t.FindItem("d3|dep")));
  ASSERT_EQ(t.value(p).text, "p");
  FuseOptions o;
  o.max_iterations = 2;
  const FuseResult overall = Fuse(t, FuseMethod::kAccu, o);
  EXPECT_EQ(Chosen(t, overall, "d3|dep"), "q");
  EXPECT_NEAR(overall.confidence[p + 1], 0.64919891, 1e-6);
  o.accu_attribute_accuracy = 1;
  o.attribute_prior_claims = 0;  // the plain per-attribute mean, as above
  const FuseResult per_attribute = Fuse(t, FuseMethod::kAccu, o);
  EXPECT_EQ(Chosen(t, per_attribute, "d3|dep"), "p");
  EXPECT_NEAR(per_attribute.confidence[p], 0.79095224, 1e-6);
  // The reported reliability stays the one over all claims: s1 after
  // round 2 is still below s3 overall.
  EXPECT_LT(per_attribute.reliability[SourceId(t, "s1")],
            per_attribute.reliability[SourceId(t, "s3")]);
}

TEST(AccuCopyTest, RestartLeavesAnEvenSplitForTheFixedPointItIsSureOf) {
  // Six sources agree on six x items; on four y items r0-r2 say "t" and
  // w0-w2 "f". The first vote is even, and so is every later round: the
  // iteration stops at even odds (the tie rule picks "f" at P = 0.49;
  // about 7.95 of the 10 items expected right). Restarting from the
  // runner-up "t", certain, gives r0-r2 a high accuracy on y and w0-w2 a
  // low one; w0-w2 then share 4 false values and are taken for copies of
  // each other: a fixed point that expects all 10 items right, kept. (An
  // even split is where the restart shows plainly; on Flight it finds the
  // fixed point where the large groups that share the runway departure
  // time are copies, which the iteration from the vote never reaches.)
  std::string tsv;
  for (int i = 0; i < 6; ++i)
    for (const char* s : {"r0", "r1", "r2", "w0", "w1", "w2"})
      tsv += std::string(s) + "\tx" + std::to_string(i) + "|x\tt\n";
  for (int i = 0; i < 4; ++i) {
    const std::string item = "y" + std::to_string(i) + "|y";
    for (const char* s : {"r0", "r1", "r2"}) tsv += std::string(s) + "\t" + item + "\tt\n";
    for (const char* s : {"w0", "w1", "w2"}) tsv += std::string(s) + "\t" + item + "\tf\n";
  }
  const ClaimTable t = Table(tsv);
  FuseOptions o;
  o.copy_restarts = 0;
  const FuseResult plain = Fuse(t, FuseMethod::kAccuCopy, o);
  EXPECT_EQ(Chosen(t, plain, "y0|y"), "f");
  EXPECT_LT(plain.confidence[plain.chosen[static_cast<size_t>(t.FindItem("y0|y"))]], 0.6);
  const FuseResult restarted = Fuse(t, FuseMethod::kAccuCopy);
  for (int i = 0; i < 4; ++i) {
    const std::string item = "y" + std::to_string(i) + "|y";
    EXPECT_EQ(Chosen(t, restarted, item), "t") << item;
    EXPECT_GT(restarted.confidence[restarted.chosen[static_cast<size_t>(t.FindItem(item))]],
              0.99);
  }
  std::vector<std::string> pairs;
  for (const CopyPair& c : restarted.copies) pairs.push_back(t.source(c.a) + "-" + t.source(c.b));
  std::sort(pairs.begin(), pairs.end());
  EXPECT_EQ(pairs, (std::vector<std::string>{"w0-w1", "w0-w2", "w1-w2"}));
}

TEST(AccuCopyTest, RestartKeepsAClearMajority) {
  // The copy scenario with attributes: items 1-8 "|a", 9-13 "|b". A
  // restart from the runner-up of either attribute must come back (or be
  // less sure): the answers stay those of the scenario.
  std::string tsv;
  std::istringstream in(CopyScenarioTsv());
  std::string line;
  while (std::getline(in, line)) {
    const size_t a = line.find('\t'), b = line.find('\t', a + 1);
    const int i = std::stoi(line.substr(a + 2, b - a - 2));
    tsv += line.substr(0, b) + (i <= 8 ? "|a" : "|b") + line.substr(b) + "\n";
  }
  const ClaimTable t = Table(tsv);
  const FuseResult r = Fuse(t, FuseMethod::kAccuCopy);
  for (int i = 1; i <= 13; ++i) {
    const std::string item = "i" + std::to_string(i) + (i <= 8 ? "|a" : "|b");
    EXPECT_EQ(Chosen(t, r, item), "t") << item;
  }
}

TEST(GoldTest, ScoresWithTheToleranceAndCountsUnmatchedItems) {
  const ClaimTable t = Table(
      "s1\tf|dep\t2011-12-08T10:00Z\n"
      "s1\tc|pop\t1000\n",
      "time=10m,number=1%");
  GoldTable gold;
  std::istringstream in(
      "f|dep\t2011-12-08T10:09Z\n"  // within 10 minutes
      "c|pop\t1020\n"               // 2% off: wrong
      "nowhere\t5\n");
  ASSERT_TRUE(gold.Read(in, "gold.tsv").ok());
  const GoldScore s = ScoreAgainstGold(t, Fuse(t, FuseMethod::kVote), gold);
  EXPECT_EQ(s.total, 2u);
  EXPECT_EQ(s.correct, 1u);
  EXPECT_EQ(s.unmatched, 1u);
}

}  // namespace
}  // namespace crosscheck
