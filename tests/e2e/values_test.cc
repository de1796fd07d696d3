// The values interface end to end, scored by the peers' own harness
// (../shared/peers/score_crosscheck.js) and by scripts/eval_values.js, which
// applies the peers' rules to their whole suites. Thresholds are issue 3's
// acceptance figures; the peers' best figures are in the messages.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "tests/e2e/e2e_util.h"

namespace {

using namespace crosscheck::e2e;  // NOLINT: test helpers

// Runs a command; returns its exit code, stdout and stderr into *output.
int RunCommand(const std::string& command, const std::string& name,
               std::string* output) {
  const RunResult r = Shell(command, name);
  *output = r.out + r.err;
  return r.exit_code;
}

double Percent(const std::string& text, const std::string& label) {
  const std::regex re(label + R"(\s+\d+/\d+ = ([0-9.]+)%)");
  std::smatch m;
  if (!std::regex_search(text, m, re)) return -1;
  return std::stod(m[1]);
}

double EvalPercent(const std::string& text, const std::string& label) {
  const std::regex re(label + R"([^\n]*?\s(\d+)/(\d+) ([0-9.]+)%)");
  std::smatch m;
  if (!std::regex_search(text, m, re)) return -1;
  return 100.0 * std::stod(m[1]) / std::stod(m[2]);
}

class PeerSuitesTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(SharedDir() / "peers" / "score_crosscheck.js"))
      GTEST_SKIP() << "no ../shared/peers beside the repository";
    std::string out;
    ASSERT_EQ(RunCommand("node --version", "node_version", &out), 0)
        << "node is needed (scripts/setup.sh installs nodejs): " << out;
  }
};

TEST_F(PeerSuitesTest, CoreNewsSubsetBeatsThePeers) {
  std::string out;
  const int code = RunCommand("cd " + testing::TempDir() + " && node " +
                           (SharedDir() / "peers" / "score_crosscheck.js").string() +
                           " --no-peers --cmd '" + CROSSCHECK_BINARY + " values --jsonl'",
                       "score_crosscheck", &out);
  ASSERT_EQ(code, 0) << out;  // 1 would mean the protocol was broken
  const double numbers = Percent(out, "core numbers");
  const double dates = Percent(out, "core dates");
  EXPECT_GE(numbers, 95.0) << "best peer 74.1%\n" << out;
  EXPECT_GE(dates, 90.0) << "best peer 86.7%\n" << out;
  // Every negative case empty.
  for (const char* row : {"cardinal_commas_negative", "no_number_negative",
                          "no_date_negative"}) {
    const std::regex re(std::string(row) + R"(\s+(\d+)/(\d+))");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(out, m, re)) << row << "\n" << out;
    EXPECT_EQ(m[1], m[2]) << row;
  }
}

TEST_F(PeerSuitesTest, WholeSuitesBeatThePeers) {
  std::string out;
  const int code = RunCommand("node " + (fs::path(CROSSCHECK_SOURCE_DIR) / "scripts" /
                                  "eval_values.js").string() +
                           " --bin " + CROSSCHECK_BINARY + " --shared " +
                           SharedDir().string(),
                       "eval_values", &out);
  ASSERT_EQ(code, 0) << out;
  EXPECT_GT(EvalPercent(out, "RT English DateTimeModel.json, case accuracy"), 77.8) << out;
  EXPECT_GT(EvalPercent(out, "Duckling time, day grain"), 60.6) << out;
  EXPECT_GT(EvalPercent(out, "Duckling numerals, lenient"), 77.1) << out;
}

}  // namespace
