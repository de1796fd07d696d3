#include "engine/compare/comparer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "engine/rules/rule_set.h"

namespace crosscheck {
namespace {

namespace fs = std::filesystem;

// Facts with known tolerances and severities, loaded once.
const RuleSet& TestRules() {
  static const RuleSet* rules = [] {
    const fs::path dir = fs::path(testing::TempDir()) /
                         ("crosscheck_comparer_" + std::to_string(getpid())) /
                         "facts";
    fs::create_directories(dir);
    std::ofstream(dir / "facts.yaml") <<
        "facts:\n"
        "  - id: moved_year\n"
        "    label: year {subject} moved\n"
        "    kind: year\n"
        "    before: '\\bin'\n"
        "    severity: high\n"
        "  - id: member_count\n"
        "    label: members of {subject}\n"
        "    kind: count\n"
        "    after: members\n"
        "    severity: high\n"
        "  - id: tolerant_count\n"
        "    kind: count\n"
        "    after: members\n"
        "    tolerance: {relative: 0.1}\n"
        "  - id: close_year\n"
        "    kind: year\n"
        "    before: '\\bin'\n"
        "    tolerance: {absolute: 1}\n"
        "  - id: began_year\n"
        "    kind: year\n"
        "    before: '\\bin'\n"
        "    severity: possible\n"
        "    message: sources may date different stages\n";
    StatusOr<RuleSet> r = LoadRuleSet({dir.string()});
    if (!r.ok()) ADD_FAILURE() << r.status().message();
    return r.ok() ? new RuleSet(std::move(r).value()) : new RuleSet();
  }();
  return *rules;
}

Claim MakeClaim(const std::string& source, const std::string& fact,
                ValueKind kind, double lo, double hi,
                Qualifier qualifier = Qualifier::kExact,
                const std::string& speaker = "") {
  Claim c;
  c.source = source;
  c.fact_id = fact;
  c.subject = "mek";
  c.key = "mek." + fact;
  c.label = fact + " of MEK";
  c.rule = "test/" + fact;
  c.value.kind = kind;
  c.value.lo = lo;
  c.value.hi = hi;
  c.value.qualifier = qualifier;
  c.fact_kind = kind;
  c.lo = lo;
  c.hi = hi;
  c.attributed_to = speaker;
  c.text = "value";
  c.sentence = "A sentence from " + source + ".";
  return c;
}

Claim Year(const std::string& source, double year, const std::string& fact = "moved_year",
           const std::string& speaker = "") {
  return MakeClaim(source, fact, ValueKind::kYear, year, year, Qualifier::kExact,
                   speaker);
}

std::vector<std::string> Displays(const FactFinding& f) {
  std::vector<std::string> out;
  for (const ValueGroup& g : f.values) out.push_back(g.display);
  return out;
}

const std::map<std::string, std::string> kNoCopies;

TEST(ComparerTest, ThreeYearsFromThreeSourcesContradict) {
  const CompareResult r = CompareClaims(
      {Year("nato", 2016), Year("rt", 2013), Year("cuts", 2014)}, TestRules(),
      kNoCopies);
  ASSERT_EQ(r.facts.size(), 1u);
  const FactFinding& f = r.facts[0];
  EXPECT_EQ(f.key, "mek.moved_year");
  EXPECT_EQ(f.label, "moved_year of MEK");
  EXPECT_EQ(f.status, FactStatus::kContradiction);
  EXPECT_EQ(f.severity, Severity::kHigh);
  EXPECT_EQ(Displays(f), (std::vector<std::string>{"2013", "2014", "2016"}));
  ASSERT_EQ(f.values.size(), 3u);
  EXPECT_EQ(f.values[0].claims.size(), 1u);
  EXPECT_EQ(f.values[0].claims[0].source, "rt");
  EXPECT_EQ(f.values[2].claims[0].source, "nato");
  EXPECT_EQ(f.values[0].kind, ValueKind::kYear);
  EXPECT_EQ(f.independent_sources, 3);
  EXPECT_TRUE(r.within_source.empty());
}

TEST(ComparerTest, SameValueFromSeveralSourcesSharesOneGroup) {
  const CompareResult r = CompareClaims(
      {Year("a", 2016), Year("b", 2013), Year("c", 2016), Year("d", 2016)},
      TestRules(), kNoCopies);
  ASSERT_EQ(r.facts.size(), 1u);
  ASSERT_EQ(r.facts[0].values.size(), 2u);
  EXPECT_EQ(r.facts[0].values[0].claims.size(), 1u);
  EXPECT_EQ(r.facts[0].values[1].claims.size(), 3u);
  EXPECT_EQ(r.facts[0].status, FactStatus::kContradiction);
}

TEST(ComparerTest, ApproximateCountContradictsVaguePlural) {
  // "about 1,000" is stated as 1000 (approx) and compared as [900, 1100];
  // "thousands" is [2000, inf). Widened again by the fact's 10% ([810, 1210]
  // and [1800, inf)) they still cannot overlap.
  const CompareResult r = CompareClaims(
      {MakeClaim("exit", "tolerant_count", ValueKind::kCount, 1000, 1000,
                 Qualifier::kApprox),
       MakeClaim("nato", "tolerant_count", ValueKind::kCount, 2000, kUnbounded,
                 Qualifier::kVague)},
      TestRules(), kNoCopies);
  ASSERT_EQ(r.facts.size(), 1u);
  const FactFinding& f = r.facts[0];
  EXPECT_EQ(f.status, FactStatus::kContradiction);
  ASSERT_EQ(f.values.size(), 2u);
  EXPECT_EQ(f.values[0].display, "about 1,000");
  EXPECT_NE(f.values[1].display.find("2,000 or more"), std::string::npos)
      << f.values[1].display;
  EXPECT_EQ(f.values[1].qualifier, Qualifier::kVague);
}

TEST(ComparerTest, ExactCountAgreesWithVaguePlural) {
  // 3,000 lies inside [2000, inf) (the shipped member_count has a relative
  // tolerance, like tolerant_count here).
  const CompareResult r = CompareClaims(
      {MakeClaim("cuts", "tolerant_count", ValueKind::kCount, 3000, 3000),
       MakeClaim("nato", "tolerant_count", ValueKind::kCount, 2000, kUnbounded,
                 Qualifier::kVague)},
      TestRules(), kNoCopies);
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].status, FactStatus::kAgreement);
  EXPECT_EQ(r.facts[0].severity, Severity::kInfo);
  EXPECT_EQ(r.facts[0].values.size(), 2u);
  EXPECT_TRUE(r.within_source.empty());
}

// An unbounded end stays unbounded whatever the tolerance (a relative
// tolerance of 0 times infinity must not turn the bound into NaN).
TEST(ComparerTest, UnboundedValueOverlapsWithoutTolerance) {
  struct Case {
    const char* name;
    Claim a, b;
  };
  const Case cases[] = {
      {"3,000 vs thousands",
       MakeClaim("cuts", "member_count", ValueKind::kCount, 3000, 3000),
       MakeClaim("nato", "member_count", ValueKind::kCount, 2000, kUnbounded,
                 Qualifier::kVague)},
      {"2016 vs from 2013",
       MakeClaim("a", "moved_year", ValueKind::kYear, 2016, 2016),
       MakeClaim("b", "moved_year", ValueKind::kYear, 2013, kUnbounded)},
      {"10 vs fewer than 50",
       MakeClaim("a", "member_count", ValueKind::kCount, 10, 10),
       MakeClaim("b", "member_count", ValueKind::kCount, -kUnbounded, 49,
                 Qualifier::kFewerThan)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const CompareResult r = CompareClaims({c.a, c.b}, TestRules(), kNoCopies);
    ASSERT_EQ(r.facts.size(), 1u);
    EXPECT_EQ(r.facts[0].status, FactStatus::kAgreement);
  }
}

TEST(ComparerTest, QualifiersDecideHowValuesAreCompared) {
  struct Case {
    double a_lo, a_hi;
    Qualifier a_q;
    double b_lo, b_hi;
    Qualifier b_q;
    bool overlap;
  };
  const Case cases[] = {
      // "about 1,000" covers 900..1,100.
      {1000, 1000, Qualifier::kApprox, 1090, 1090, Qualifier::kExact, true},
      {1000, 1000, Qualifier::kApprox, 1150, 1150, Qualifier::kExact, false},
      // "more than 1,000" excludes 1,000 itself; "at least 1,000" includes it.
      {1000, kUnbounded, Qualifier::kMoreThan, 1000, 1000, Qualifier::kExact, false},
      {1000, kUnbounded, Qualifier::kAtLeast, 1000, 1000, Qualifier::kExact, true},
      {1000, kUnbounded, Qualifier::kMoreThan, 1001, 1001, Qualifier::kExact, true},
      // "fewer than 3 million" excludes 3 million; "up to" includes it.
      {-kUnbounded, 3e6, Qualifier::kFewerThan, 3e6, 3e6, Qualifier::kExact, false},
      {-kUnbounded, 3e6, Qualifier::kAtMost, 3e6, 3e6, Qualifier::kExact, true},
      // Two open intervals on the same side always overlap.
      {-kUnbounded, 10, Qualifier::kFewerThan, -kUnbounded, 50, Qualifier::kFewerThan, true},
  };
  for (const Case& c : cases) {
    ValueGroup a, b;
    a.lo = c.a_lo, a.hi = c.a_hi, a.qualifier = c.a_q;
    b.lo = c.b_lo, b.hi = c.b_hi, b.qualifier = c.b_q;
    SCOPED_TRACE(std::to_string(c.a_lo) + ".." + std::to_string(c.a_hi) + " vs " +
                 std::to_string(c.b_lo) + ".." + std::to_string(c.b_hi));
    EXPECT_EQ(Overlap(ComparedInterval(a, nullptr), ComparedInterval(b, nullptr)),
              c.overlap);
    EXPECT_EQ(Overlap(ComparedInterval(b, nullptr), ComparedInterval(a, nullptr)),
              c.overlap);
  }
}

TEST(ComparerTest, ToleranceDecidesWhetherCloseCountsAgree) {
  struct Case {
    const char* fact;
    double a, b;
    FactStatus status;
  };
  const Case cases[] = {
      // relative 0.1: [900, 1100] and [945, 1155] overlap.
      {"tolerant_count", 1000, 1050, FactStatus::kAgreement},
      // [900, 1100] and [1350, 1650] do not.
      {"tolerant_count", 1000, 1500, FactStatus::kContradiction},
      // No tolerance: 1000 and 1050 differ.
      {"member_count", 1000, 1050, FactStatus::kContradiction},
      // absolute 1 year: 2013 and 2014 may be one event.
      {"close_year", 2013, 2014, FactStatus::kAgreement},
      {"close_year", 2013, 2016, FactStatus::kContradiction},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.fact) + " " + std::to_string(c.a) + " vs " +
                 std::to_string(c.b));
    const ValueKind kind = std::string(c.fact) == "close_year" ? ValueKind::kYear
                                                                : ValueKind::kCount;
    const CompareResult r = CompareClaims(
        {MakeClaim("a", c.fact, kind, c.a, c.a), MakeClaim("b", c.fact, kind, c.b, c.b)},
        TestRules(), kNoCopies);
    ASSERT_EQ(r.facts.size(), 1u);
    EXPECT_EQ(r.facts[0].status, c.status);
  }
}

TEST(ComparerTest, OneSourceAloneIsSingle) {
  const CompareResult r =
      CompareClaims({Year("a", 2016), Year("a", 2016)}, TestRules(), kNoCopies);
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].status, FactStatus::kSingle);
  EXPECT_EQ(r.facts[0].severity, Severity::kInfo);
  EXPECT_EQ(r.facts[0].independent_sources, 1);
  ASSERT_EQ(r.facts[0].values.size(), 1u);
  EXPECT_EQ(r.facts[0].values[0].claims.size(), 2u);
  EXPECT_TRUE(r.within_source.empty());
}

TEST(ComparerTest, SourceContradictingOnlyItselfIsAWithinSourceFinding) {
  const CompareResult r =
      CompareClaims({Year("a", 2013), Year("a", 2016)}, TestRules(), kNoCopies);
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_NE(r.facts[0].status, FactStatus::kContradiction);
  EXPECT_EQ(r.facts[0].status, FactStatus::kSingle);
  ASSERT_EQ(r.within_source.size(), 1u);
  const WithinSourceFinding& w = r.within_source[0];
  EXPECT_EQ(w.source, "a");
  EXPECT_EQ(w.severity, Severity::kPossible);
  EXPECT_EQ(w.claims.size(), 2u);
  EXPECT_EQ(w.finding, "gives 2013 and 2016 for moved_year of MEK");
}

TEST(ComparerTest, SelfContradictionBesideOtherSourcesIsReportedToo) {
  const CompareResult r = CompareClaims(
      {Year("a", 2013), Year("a", 2016), Year("b", 2016)}, TestRules(), kNoCopies);
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].status, FactStatus::kContradiction);
  ASSERT_EQ(r.within_source.size(), 1u);
  EXPECT_EQ(r.within_source[0].source, "a");
  // Only a's claims are quoted.
  for (const Claim& c : r.within_source[0].claims) EXPECT_EQ(c.source, "a");
}

TEST(ComparerTest, DifferentSpeakersDowngradeToPossible) {
  const CompareResult r = CompareClaims(
      {MakeClaim("cuts", "member_count", ValueKind::kCount, 4, 4, Qualifier::kExact,
                 "Edi Rama"),
       MakeClaim("rt", "member_count", ValueKind::kCount, 2, 2, Qualifier::kExact,
                 "Microsoft")},
      TestRules(), kNoCopies);
  ASSERT_EQ(r.facts.size(), 1u);
  const FactFinding& f = r.facts[0];
  EXPECT_EQ(f.status, FactStatus::kContradiction);
  EXPECT_EQ(f.severity, Severity::kPossible);
  EXPECT_NE(f.note.find("Edi Rama"), std::string::npos) << f.note;
  EXPECT_NE(f.note.find("Microsoft"), std::string::npos) << f.note;
  EXPECT_NE(f.note.find("Microsoft: 2"), std::string::npos) << f.note;
  EXPECT_NE(f.note.find("Edi Rama: 4"), std::string::npos) << f.note;
}

TEST(ComparerTest, SpeakerOnOneSideOnlyKeepsSeverity) {
  struct Case {
    const char* name;
    std::string speaker_a, speaker_b;
  };
  const Case cases[] = {
      {"one side unattributed", "Edi Rama", ""},
      {"same speaker both sides", "Edi Rama", "Edi Rama"},
      {"nobody attributed", "", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const CompareResult r = CompareClaims(
        {MakeClaim("a", "member_count", ValueKind::kCount, 4, 4, Qualifier::kExact,
                   c.speaker_a),
         MakeClaim("b", "member_count", ValueKind::kCount, 2, 2, Qualifier::kExact,
                   c.speaker_b)},
        TestRules(), kNoCopies);
    ASSERT_EQ(r.facts.size(), 1u);
    EXPECT_EQ(r.facts[0].status, FactStatus::kContradiction);
    EXPECT_EQ(r.facts[0].severity, Severity::kHigh);
  }
}

TEST(ComparerTest, FactSeverityAndMessageAreKept) {
  const CompareResult r = CompareClaims(
      {Year("a", 2021, "began_year"), Year("b", 2022, "began_year")}, TestRules(),
      kNoCopies);
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].status, FactStatus::kContradiction);
  EXPECT_EQ(r.facts[0].severity, Severity::kPossible);
  EXPECT_EQ(r.facts[0].note, "sources may date different stages");
}

TEST(ComparerTest, CopiesAreNotIndependentSources) {
  const CompareResult r = CompareClaims(
      {Year("nato", 2016), Year("blog", 2016), Year("rt", 2013)}, TestRules(),
      {{"blog", "nato"}});
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_EQ(r.facts[0].independent_sources, 2);
  // A copy of a source that says nothing here counts as independent.
  const CompareResult alone = CompareClaims({Year("blog", 2016), Year("rt", 2013)},
                                            TestRules(), {{"blog", "nato"}});
  ASSERT_EQ(alone.facts.size(), 1u);
  EXPECT_EQ(alone.facts[0].independent_sources, 2);
}

TEST(ComparerTest, ContradictionsComeFirstThenByKey) {
  std::vector<Claim> claims = {
      Year("a", 2016, "close_year"),
      Year("b", 2016, "close_year"),   // agreement
      Year("a", 2013),                 // contradiction on moved_year
      Year("b", 2016),
      MakeClaim("a", "member_count", ValueKind::kCount, 10, 10),  // single
  };
  const CompareResult r = CompareClaims(claims, TestRules(), kNoCopies);
  ASSERT_EQ(r.facts.size(), 3u);
  EXPECT_EQ(r.facts[0].key, "mek.moved_year");
  EXPECT_EQ(r.facts[0].status, FactStatus::kContradiction);
  EXPECT_EQ(r.facts[1].key, "mek.close_year");
  EXPECT_EQ(r.facts[1].status, FactStatus::kAgreement);
  EXPECT_EQ(r.facts[2].key, "mek.member_count");
  EXPECT_EQ(r.facts[2].status, FactStatus::kSingle);
}

TEST(ComparerTest, DifferentUnitsNeverContradict) {
  Claim pounds = MakeClaim("a", "member_count", ValueKind::kMoney, 64e6, 64e6);
  pounds.value.unit = "GBP";
  Claim dollars = MakeClaim("b", "member_count", ValueKind::kMoney, 120e6, 120e6);
  dollars.value.unit = "USD";
  const CompareResult r = CompareClaims({pounds, dollars}, TestRules(), kNoCopies);
  ASSERT_EQ(r.facts.size(), 1u);
  EXPECT_NE(r.facts[0].status, FactStatus::kContradiction);
  EXPECT_EQ(r.facts[0].values.size(), 2u);
}

TEST(ComparerTest, NoClaimsNoFindings) {
  const CompareResult r = CompareClaims({}, TestRules(), kNoCopies);
  EXPECT_TRUE(r.facts.empty());
  EXPECT_TRUE(r.within_source.empty());
}

struct DisplayCase {
  const char* name;
  ValueKind kind;
  double lo, hi;
  Qualifier qualifier;
  const char* unit;
  const char* display;
};

TEST(ComparerTest, DisplayValueTable) {
  const double day = static_cast<double>(DaysFromCivil(2022, 7, 15));
  const DisplayCase cases[] = {
      {"exact count", ValueKind::kCount, 3000, 3000, Qualifier::kExact, "", "3,000"},
      {"big count", ValueKind::kCount, 1234567, 1234567, Qualifier::kExact, "",
       "1,234,567"},
      {"small count", ValueKind::kCount, 4, 4, Qualifier::kExact, "", "4"},
      {"approx", ValueKind::kCount, 1000, 1000, Qualifier::kApprox, "", "about 1,000"},
      {"range", ValueKind::kCount, 10, 20, Qualifier::kExact, "", "10-20"},
      {"year", ValueKind::kYear, 2016, 2016, Qualifier::kExact, "", "2016"},
      {"years", ValueKind::kYear, 2013, 2014, Qualifier::kExact, "", "2013-2014"},
      {"year from", ValueKind::kYear, 2013, kUnbounded, Qualifier::kExact, "",
       "from 2013"},
      {"date", ValueKind::kDate, day, day, Qualifier::kExact, "", "2022-07-15"},
      {"date range", ValueKind::kDateRange, day, day + 2, Qualifier::kExact, "",
       "2022-07-15..2022-07-17"},
      {"quantity", ValueKind::kQuantity, 5, 5, Qualifier::kExact, "km", "5 km"},
      {"percent", ValueKind::kPercent, 12, 12, Qualifier::kExact, "%", "12%"},
      {"at least", ValueKind::kCount, 30000, kUnbounded, Qualifier::kAtLeast, "",
       "at least 30,000"},
      {"up to", ValueKind::kCount, 0, 500, Qualifier::kAtMost, "", "up to 500"},
  };
  for (const DisplayCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(DisplayValue(c.kind, c.lo, c.hi, c.qualifier, c.unit), c.display);
  }
  const std::string vague = DisplayValue(ValueKind::kCount, 2000, kUnbounded,
                                         Qualifier::kVague, "");
  EXPECT_NE(vague.find("2,000 or more"), std::string::npos) << vague;
}

TEST(ComparerTest, FactStatusNames) {
  EXPECT_EQ(FactStatusName(FactStatus::kContradiction), "contradiction");
  EXPECT_EQ(FactStatusName(FactStatus::kAgreement), "agreement");
  EXPECT_EQ(FactStatusName(FactStatus::kSingle), "single");
}

}  // namespace
}  // namespace crosscheck
