#include "engine/compare/waivers.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "engine/compare/comparer.h"
#include "engine/rules/rule_set.h"

namespace crosscheck {
namespace {

namespace fs = std::filesystem;

std::string WriteWaivers(const std::string& name, const std::string& text) {
  const fs::path dir = fs::path(testing::TempDir()) /
                       ("crosscheck_waivers_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path p = dir / name;
  std::ofstream(p) << text;
  return p.string();
}

Claim MakeClaim(const std::string& source, double value, const std::string& text) {
  Claim c;
  c.source = source;
  c.fact_id = "member_count";
  c.key = "mek.member_count";
  c.label = "members";
  c.fact_kind = ValueKind::kCount;
  c.value.kind = ValueKind::kCount;
  c.lo = c.hi = c.value.lo = c.value.hi = value;
  c.text = text;
  return c;
}

TEST(WaiversTest, LoadsFindingAndClaimWaivers) {
  const std::string path = WriteWaivers("ok.yaml",
                                        "waivers:\n"
                                        "  - finding: mek.moved_year\n"
                                        "    status: reviewed\n"
                                        "    reason: Different transfers.\n"
                                        "    by: A. Editor\n"
                                        "  - claim: {finding: mek.member_count, source: exit, text: some 1000}\n"
                                        "    status: not_applicable\n"
                                        "    reason: Only the compound.\n");
  StatusOr<std::vector<WaiverRule>> rules = LoadWaivers({path});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  ASSERT_EQ(rules->size(), 2u);
  EXPECT_FALSE((*rules)[0].claim);
  EXPECT_EQ((*rules)[0].finding, "mek.moved_year");
  EXPECT_EQ((*rules)[0].waiver.by, "A. Editor");
  EXPECT_EQ((*rules)[0].waiver.origin, path + ":2:5");
  EXPECT_TRUE((*rules)[1].claim);
  EXPECT_EQ((*rules)[1].source, "exit");
  EXPECT_EQ((*rules)[1].text, "some 1000");
}

TEST(WaiversTest, EveryMistakeNamesFileLineAndColumn) {
  const std::string path = WriteWaivers("bad.yaml",
                                        "waivers:\n"
                                        "  - finding: a.b\n"
                                        "    status: done\n"
                                        "    reason: x\n"
                                        "  - claim: {finding: a.b}\n"
                                        "    status: reviewed\n"
                                        "    reason: y\n"
                                        "  - finding: a.b\n"
                                        "    status: reviewed\n"
                                        "    reasn: typo\n");
  StatusOr<std::vector<WaiverRule>> rules = LoadWaivers({path});
  ASSERT_FALSE(rules.ok());
  const std::string& m = rules.status().message();
  EXPECT_NE(m.find(path + ":3:13: status must be reviewed or not_applicable"),
            std::string::npos) << m;
  EXPECT_NE(m.find(path + ":5:12: claim without 'source'"), std::string::npos) << m;
  EXPECT_NE(m.find(path + ":10:5: unknown key 'reasn'"), std::string::npos) << m;
  EXPECT_NE(m.find(path + ":8:5: waiver without a 'reason'"), std::string::npos) << m;
  StatusOr<std::vector<WaiverRule>> syntax =
      LoadWaivers({WriteWaivers("syntax.yaml", "waivers: [\n")});
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.status().message().find("syntax.yaml:2:1:"), std::string::npos)
      << syntax.status().message();
}

TEST(WaiversTest, NotApplicableClaimTakesNoPartInTheVerdict) {
  StatusOr<RuleSet> rules = LoadRuleSet({CROSSCHECK_SOURCE_DIR "/rules/generic"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  std::vector<Claim> claims = {MakeClaim("cuts", 3000, "3,000"),
                               MakeClaim("exit", 1000, "some 1000")};
  EXPECT_EQ(CompareClaims(claims, *rules, {}).facts[0].status, FactStatus::kContradiction);

  WaiverRule w;
  w.claim = true;
  w.finding = "mek.member_count";
  w.source = "exit";
  w.waiver = {"not_applicable", "Only the compound.", "", "w.yaml:2:5"};
  std::vector<bool> used;
  WaiveClaims({w}, &claims, &used);
  EXPECT_TRUE(used[0]);
  const CompareResult r = CompareClaims(claims, *rules, {});
  ASSERT_EQ(r.facts.size(), 1u);
  // Only one source's claim still counts: nothing to contradict.
  EXPECT_EQ(r.facts[0].status, FactStatus::kSingle);
  // The waived claim is still listed, marked.
  size_t listed = 0, waived = 0;
  for (const ValueGroup& g : r.facts[0].values)
    for (const Claim& c : g.claims) {
      ++listed;
      waived += c.waiver.has_value();
    }
  EXPECT_EQ(listed, 2u);
  EXPECT_EQ(waived, 1u);
}

TEST(WaiversTest, FindingWaiverMarksWithoutHiding) {
  FactFinding f;
  f.key = "mek.moved_year";
  f.status = FactStatus::kContradiction;
  std::vector<FactFinding> findings = {f};
  WaiverRule w;
  w.finding = "mek.moved_year";
  w.waiver = {"reviewed", "Different transfers.", "A. Editor", "w.yaml:2:5"};
  WaiverRule stale;
  stale.finding = "gone.fact";
  stale.waiver = {"reviewed", "Old.", "", "w.yaml:6:5"};
  std::vector<bool> used;
  WaiveFindings({w, stale}, &findings, &used);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].status, FactStatus::kContradiction);
  ASSERT_TRUE(findings[0].waiver.has_value());
  EXPECT_EQ(findings[0].waiver->by, "A. Editor");
  EXPECT_TRUE(used[0]);
  EXPECT_FALSE(used[1]);
}

}  // namespace
}  // namespace crosscheck
