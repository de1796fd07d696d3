// `crosscheck rules lint|test` end to end, on the shipped packs and on packs
// written here.
#include <gtest/gtest.h>

#include <string>

#include "tests/e2e/e2e_util.h"

namespace {

using namespace crosscheck::e2e;  // NOLINT: test helpers

TEST(RulesCommandTest, ShippedPacksLintAndPassTheirExamplesWithFullCoverage) {
  RunResult lint = Crosscheck("rules lint", "rules_lint_shipped");
  EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;
  EXPECT_NE(lint.out.find("facts"), std::string::npos) << lint.out;
  RunResult test = Crosscheck("rules test " + Quote((SourceDir() / "rules").string()),
                              "rules_test_shipped");
  EXPECT_EQ(test.exit_code, 0) << test.out << test.err;
  EXPECT_EQ(test.out.find("FAIL"), std::string::npos) << test.out;
  // "coverage N/N facts fire"
  const size_t at = test.out.find("coverage ");
  ASSERT_NE(at, std::string::npos) << test.out;
  const std::string rest = test.out.substr(at + 9);
  const size_t slash = rest.find('/');
  const size_t space = rest.find(' ', slash);
  EXPECT_EQ(rest.substr(0, slash), rest.substr(slash + 1, space - slash - 1)) << test.out;
}

TEST(RulesCommandTest, FailingExampleAndSilentFactFailWithTheirLines) {
  const fs::path dir = TempDir("rules_failing");
  WriteAll(dir / "pack" / "facts.yaml",
           "facts:\n"
           "  - id: opened_year\n"
           "    label: year {subject} opened\n"
           "    kind: year\n"
           "    before: '\\bin'\n"
           "    near: [{pattern: '\\bopened\\b', subject: before}]\n"
           "    subject: {type: any}\n"
           "    examples:\n"
           "      - {text: The Varga Hall opened in 1990., value: 1990}\n"
           "      - {text: The Varga Hall opened in 1990., value: 1991}\n"
           "  - id: closed_year\n"
           "    kind: year\n"
           "    before: '\\bin'\n"
           "    near: ['\\bclosed\\b']\n");
  RunResult r = Crosscheck("rules test " + Quote((dir / "pack").string()), "rules_failing");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  // The second example expects 1991: its own line is named.
  EXPECT_NE(r.out.find("facts.yaml:10:9: FAIL opened_year"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("facts.yaml:11:5: FAIL closed_year never fires (no examples)"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 passed, 1 failed; coverage 1/2 facts fire"), std::string::npos)
      << r.out;
}

TEST(RulesCommandTest, NotExampleThatMatchesFails) {
  const fs::path dir = TempDir("rules_not_example");
  WriteAll(dir / "pack" / "facts.yaml",
           "facts:\n"
           "  - id: opened_year\n"
           "    kind: year\n"
           "    before: '\\bin'\n"
           "    subject: {type: any}\n"
           "    examples:\n"
           "      - {text: The Varga Hall opened in 1990., value: 1990}\n"
           "    not_examples:\n"
           "      - The Varga Hall was sold in 2001.\n");
  RunResult r = Crosscheck("rules test " + Quote((dir / "pack").string()), "rules_not");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("facts.yaml:9:9: FAIL opened_year: not_example: must not match"),
            std::string::npos) << r.out;
}

TEST(RulesCommandTest, BrokenPackExitsTwoWithEveryError) {
  const fs::path dir = TempDir("rules_broken");
  WriteAll(dir / "pack" / "a.yaml", "facts:\n  - id: f\n    kind: yearly\n    before: x\n");
  WriteAll(dir / "pack" / "b.yaml", "facts:\n  - id: g\n    kind: year\n    after: '(x'\n");
  for (const char* verb : {"lint", "test"}) {
    SCOPED_TRACE(verb);
    RunResult r = Crosscheck(std::string("rules ") + verb + " " +
                                 Quote((dir / "pack").string()),
                             std::string("rules_broken_") + verb);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("a.yaml:3:11: unknown kind 'yearly'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("b.yaml:4:12: invalid pattern '(x'"), std::string::npos) << r.err;
  }
}

}  // namespace

namespace {

// Issue 4: three stories of our own (tests/data/stories/, README there), each
// with contradictions, traps and (wildfire) a near-copy; the generic pack
// alone must find every contradiction and report nothing else.
class StoriesTest : public testing::TestWithParam<const char*> {};

TEST_P(StoriesTest, GenericPackFindsEveryContradictionAndNoTrap) {
  const std::string story = GetParam();
  if (!fs::exists(SharedDir() / "tools" / "eval_report.py"))
    GTEST_SKIP() << "no ../shared/tools/eval_report.py";
  const fs::path dir = SourceDir() / "tests" / "data" / "stories" / story;
  const fs::path report = TempDir("story_" + story) / "report.json";
  RunResult run = Crosscheck("check " + Quote(dir.string()) + " --rules " +
                                 Quote((SourceDir() / "rules" / "generic").string()) +
                                 " --format json --out " + Quote(report.string()),
                             "story_run_" + story);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  RunResult eval = Shell(python + " " + Quote((SharedDir() / "tools" / "eval_report.py").string()) +
                             " " + Quote(report.string()) + " " +
                             Quote((dir / "expected.yaml").string()) +
                             " --max-unexpected 0 --need-copies",
                         "story_eval_" + story);
  EXPECT_EQ(eval.exit_code, 0) << eval.out << eval.err;
}

INSTANTIATE_TEST_SUITE_P(All, StoriesTest,
                         testing::Values("wildfire", "strike", "election"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
