// The values interface end to end, scored by the peers' own harness
// (../shared/peers/score_crosscheck.js) and by scripts/eval_values.js, which
// applies the peers' rules to their whole suites. Thresholds are issue 3's
// acceptance figures; the peers' best figures are in the messages.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

fs::path SharedDir() {
  if (const char* env = std::getenv("CROSSCHECK_SHARED"); env && *env) return env;
  return fs::path(CROSSCHECK_SOURCE_DIR) / ".." / "shared";
}

// Runs a command, returns its exit code; stdout+stderr into *output.
int RunCommand(const std::string& command, std::string* output) {
  // One log per test: ctest runs tests in parallel processes.
  const fs::path log =
      fs::path(testing::TempDir()) /
      ("crosscheck_values_e2e_" +
       std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) +
       ".log");
  const int status = std::system((command + " >" + log.string() + " 2>&1").c_str());
  std::ifstream in(log);
  std::stringstream s;
  s << in.rdbuf();
  *output = s.str();
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
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
    ASSERT_EQ(RunCommand("node --version", &out), 0)
        << "node is needed (scripts/setup.sh installs nodejs): " << out;
  }
};

TEST_F(PeerSuitesTest, CoreNewsSubsetBeatsThePeers) {
  std::string out;
  const int code = RunCommand("cd " + testing::TempDir() + " && node " +
                           (SharedDir() / "peers" / "score_crosscheck.js").string() +
                           " --no-peers --cmd '" + CROSSCHECK_BINARY + " values --jsonl'",
                       &out);
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
                       &out);
  ASSERT_EQ(code, 0) << out;
  EXPECT_GT(EvalPercent(out, "RT English DateTimeModel.json, case accuracy"), 77.8) << out;
  EXPECT_GT(EvalPercent(out, "Duckling time, day grain"), 60.6) << out;
  EXPECT_GT(EvalPercent(out, "Duckling numerals, lenient"), 77.1) << out;
}

}  // namespace
