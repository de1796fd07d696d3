// `crosscheck fuse` end to end: summary lines, the JSON report, and bad
// input (exit 2, file and line named).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/e2e_util.h"

namespace crosscheck::e2e {
namespace {

// Two independent sources against three copiers of false values (the same
// scenario as tests/score/truth_test.cc, in TSV).
std::string CopyClaims() {
  std::string tsv = "# source\titem\tvalue\n";
  for (int i = 1; i <= 13; ++i) {
    const std::string item = "i" + std::to_string(i);
    tsv += "a\t" + item + "\t" + (i == 13 ? "a13" : "t") + "\n";
    tsv += "b\t" + item + "\tt\n";
    if (i >= 9 && i <= 12) tsv += "d\t" + item + "\tt\ne\t" + item + "\tt\n";
    const char* copied = i >= 6 && i <= 8 ? "f" : i >= 9 && i <= 12 ? "g" : "t";
    for (const char* c : {"c1", "c2", "c3"})
      tsv += std::string(c) + "\t" + item + "\t" + copied + "\n";
  }
  return tsv;
}

std::vector<std::vector<std::string>> MethodLines(const std::string& out) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream cs(line);
    std::string cell;
    while (std::getline(cs, cell, '\t')) cells.push_back(cell);
    if (!cells.empty() && cells[0] == "method") rows.push_back(cells);
  }
  return rows;
}

TEST(FuseCommandTest, AllMethodsPrintOneLineAndCopyDetectionWins) {
  const fs::path dir = TempDir("fuse_all");
  WriteAll(dir / "claims.tsv", CopyClaims());
  std::string gold;
  for (int i = 1; i <= 13; ++i) gold += "i" + std::to_string(i) + "\tt\n";
  WriteAll(dir / "gold.tsv", gold);
  const RunResult run = Crosscheck("fuse --input " + Quote((dir / "claims.tsv").string()) +
                                       " --gold " + Quote((dir / "gold.tsv").string()) +
                                       " --method all",
                                   "fuse_all");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto rows = MethodLines(run.out);
  ASSERT_EQ(rows.size(), 4u) << run.out;
  EXPECT_EQ(rows[0][1], "vote");
  // Vote loses items 6-8 to the copiers ("f"): 10 of 13.
  EXPECT_EQ(rows[0][2], "10");
  EXPECT_EQ(rows[0][3], "13");
  EXPECT_EQ(rows[3][1], "accucopy");
  EXPECT_EQ(rows[3][2], "13");
}

TEST(FuseCommandTest, JsonReportCarriesValuesReliabilitiesAndCopies) {
  const fs::path dir = TempDir("fuse_json");
  WriteAll(dir / "claims.tsv", CopyClaims());
  const RunResult run = Crosscheck(
      "fuse --input " + Quote((dir / "claims.tsv").string()) + " --format json", "fuse_json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::json report = nlohmann::json::parse(run.out);
  EXPECT_EQ(report["format"], "crosscheck.fuse/1");
  EXPECT_EQ(report["sources"], 7);
  EXPECT_EQ(report["items"], 13);
  const auto& m = report["methods"][0];
  EXPECT_EQ(m["method"], "accucopy");
  ASSERT_EQ(m["items"].size(), 13u);
  for (const auto& item : m["items"]) EXPECT_EQ(item["value"], "t") << item;
  ASSERT_EQ(m["copies"].size(), 3u);
  for (const auto& c : m["copies"]) {
    EXPECT_EQ(c["a"].get<std::string>().substr(0, 1), "c");
    EXPECT_EQ(c["b"].get<std::string>().substr(0, 1), "c");
  }
  // The summary line went to stderr, not into the JSON.
  EXPECT_NE(run.err.find("method\taccucopy"), std::string::npos) << run.err;
}

TEST(FuseCommandTest, BadInputExitsTwoNamingFileAndLine) {
  const fs::path dir = TempDir("fuse_bad");
  WriteAll(dir / "claims.tsv", "s1\ti\t1\ns2\ti\t2\ns3\ti\n");
  WriteAll(dir / "empty.tsv", "# nothing\n\n");
  WriteAll(dir / "ok.tsv", "s1\ti\t1\n");
  struct Case {
    std::string args, message;
  } cases[] = {
      {"--input " + Quote((dir / "claims.tsv").string()), "claims.tsv:3: expected 3"},
      {"--input " + Quote((dir / "missing.tsv").string()), "cannot read"},
      {"--input " + Quote((dir / "empty.tsv").string()), "no claims"},
      {"--input " + Quote((dir / "ok.tsv").string()) + " --tolerance speed=3", "kind must be"},
      {"--input " + Quote((dir / "ok.tsv").string()) + " --param nope=1", "unknown"},
      {"--input " + Quote((dir / "ok.tsv").string()) + " --gold " +
           Quote((dir / "claims.tsv").string()),
       "claims.tsv:1: expected 2"},
  };
  for (const Case& c : cases) {
    const RunResult run = Crosscheck("fuse " + c.args, "fuse_bad");
    EXPECT_EQ(run.exit_code, 2) << c.args;
    EXPECT_NE(run.err.find(c.message), std::string::npos) << c.args << "\n" << run.err;
  }
}

}  // namespace
}  // namespace crosscheck::e2e
