// `crosscheck fuse` end to end: summary lines, the JSON report, and bad
// input (exit 2, file and line named).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/e2e/e2e_util.h"
#include "tests/score/copy_scenario.h"

namespace crosscheck::e2e {
namespace {

// The claims of tests/score/copy_scenario.h under a comment line.
std::string CopyClaims() { return "# source\titem\tvalue\n" + CopyScenarioTsv(); }

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

// population_to_tsv.py --drop-restatements on a hand-made claims.txt, its
// lines out of claim-id order. City a, in id order: alice 100, ip 120, bot
// 120 (restates ip's value: dropped). City c: carol 50, ip2 60, dave 50 (a
// revert to an earlier value: kept), bot 50 (restates dave's: dropped).
// City b: bot 7, its first claim, kept. So 8 claims in, 6 out; and vote
// on a goes from 120 (2 votes to 1) to the tie 100-120, which the tie rule
// gives to the smaller, 100.
TEST(PopulationAdapterTest, DropRestatementsKeepsRevertsAndFirstClaims) {
  const fs::path dir = TempDir("pop_adapter");
  const auto line = [](int id, const std::string& city, int value, const std::string& source) {
    return std::to_string(id) + "|\t|\t" + city + "|\tPopulation2000|\t" + std::to_string(value) +
           "|\t" + source + "|\tnull|\t\n";
  };
  WriteAll(dir / "claims.txt", line(3, "a, x", 120, "9: Bot") + line(1, "a, x", 100, "1: Alice") +
                                   line(2, "a, x", 120, "0 (10.0.0.1)") +
                                   line(5, "b, x", 7, "9: Bot") + line(6, "c, x", 50, "2: Carol") +
                                   line(7, "c, x", 60, "0 (10.0.0.2)") +
                                   line(8, "c, x", 50, "3: Dave") + line(9, "c, x", 50, "9: Bot"));
  WriteAll(dir / "gold.txt", "a, x, 2000, 100\r\n");
  const std::string adapter =
      "python3 " + Quote((SourceDir() / "scripts" / "truth" / "population_to_tsv.py").string()) +
      " --shared " + Quote(dir.string()) + " --out-gold " + Quote((dir / "gold.tsv").string());
  for (const bool drop : {false, true}) {
    SCOPED_TRACE(drop ? "--drop-restatements" : "all claims");
    const fs::path out = dir / (drop ? "dropped.tsv" : "all.tsv");
    const RunResult convert =
        Shell(adapter + " --out-claims " + Quote(out.string()) +
                  (drop ? " --drop-restatements" : ""),
              "pop_adapter_convert");
    ASSERT_EQ(convert.exit_code, 0) << convert.err;
    const std::string expected =
        drop ? "1: Alice\ta, x|Population2000\t100\n"
               "0 (10.0.0.1)\ta, x|Population2000\t120\n"
               "9: Bot\tb, x|Population2000\t7\n"
               "2: Carol\tc, x|Population2000\t50\n"
               "0 (10.0.0.2)\tc, x|Population2000\t60\n"
               "3: Dave\tc, x|Population2000\t50\n"
             : "1: Alice\ta, x|Population2000\t100\n"
               "0 (10.0.0.1)\ta, x|Population2000\t120\n"
               "9: Bot\ta, x|Population2000\t120\n"
               "9: Bot\tb, x|Population2000\t7\n"
               "2: Carol\tc, x|Population2000\t50\n"
               "0 (10.0.0.2)\tc, x|Population2000\t60\n"
               "3: Dave\tc, x|Population2000\t50\n"
               "9: Bot\tc, x|Population2000\t50\n";
    EXPECT_EQ(ReadAll(out), expected);
    const RunResult run = Crosscheck("fuse --method vote --input " + Quote(out.string()) +
                                         " --gold " + Quote((dir / "gold.tsv").string()),
                                     "pop_adapter");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto rows = MethodLines(run.out);
    ASSERT_EQ(rows.size(), 1u) << run.out;
    EXPECT_EQ(rows[0][2], drop ? "1" : "0");  // a, x: gold 100
  }
}

// The public benchmarks through the adapters in scripts/truth/. Vote must
// reproduce the figures the data set's README measured independently
// (Population: 242/301 exact and 252/301 within 1%, ties to the smallest
// value), and TruthFinder and Accu DAFNA-EA's reference implementation
// (0.8505 and 0.8472 with tolerance 0.01).
class TruthBenchmarkTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(SharedDir() / "benchmarks" / "truth" / "population" / "claims.txt"))
      GTEST_SKIP() << "no ../shared/benchmarks beside the repository";
  }
  std::vector<std::vector<std::string>> Fuse(const std::string& adapter, const std::string& args,
                                             const std::string& name,
                                             const std::string& adapter_args = "") {
    const fs::path dir = TempDir(name);
    const RunResult convert = Shell(
        "python3 " + Quote((SourceDir() / "scripts" / "truth" / adapter).string()) + " " +
            adapter_args + " --shared " + Quote(SharedDir().string()) + " --out-claims " +
            Quote((dir / "claims.tsv").string()) + " --out-gold " +
            Quote((dir / "gold.tsv").string()),
        name + "_convert");
    EXPECT_EQ(convert.exit_code, 0) << convert.err;
    const RunResult run = Crosscheck("fuse --input " + Quote((dir / "claims.tsv").string()) +
                                         " --gold " + Quote((dir / "gold.tsv").string()) + " " +
                                         args,
                                     name);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return MethodLines(run.out);
  }
};

TEST_F(TruthBenchmarkTest, PopulationReproducesThePublishedBaselines) {
  const auto exact = Fuse("population_to_tsv.py", "--method vote", "pop_exact");
  ASSERT_EQ(exact.size(), 1u);
  EXPECT_EQ(exact[0][2] + "/" + exact[0][3], "242/301");
  const auto tolerant = Fuse("population_to_tsv.py", "--method all --tolerance number=1%", "pop_1");
  ASSERT_EQ(tolerant.size(), 4u);
  EXPECT_EQ(tolerant[0][2] + "/" + tolerant[0][3], "252/301");  // vote
  EXPECT_EQ(tolerant[1][4], "0.8505");                          // truthfinder
  EXPECT_EQ(tolerant[2][4], "0.8472");                          // accu
  EXPECT_GE(std::stoi(tolerant[3][2]), 256);  // accucopy (255 before its extensions)
}

TEST_F(TruthBenchmarkTest, PopulationWithoutRestatementsPassesEightySevenPercent) {
  // population_to_tsv.py --drop-restatements drops the 4,749 claims that
  // repeat the item's previous value in edit order (bots re-saving the
  // infobox as they found it). Measured when written: vote 266, truthfinder
  // 271, accu 273, accucopy 251 of 301 (number=1%, ties to the smallest
  // value); MistakeLCAm, the best published, is 86.13%, 262/301 would be
  // 87%.
  const auto rows = Fuse("population_to_tsv.py", "--method all --tolerance number=1%",
                         "pop_restated", "--drop-restatements");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0][2] + "/" + rows[0][3], "266/301");  // vote
  EXPECT_GE(std::stoi(rows[1][2]), 262);                // truthfinder
  EXPECT_GE(std::stoi(rows[2][2]), 262);                // accu
}

TEST_F(TruthBenchmarkTest, FlightSnapshotAccuCopyFindsTheAirlineDepartureTimes) {
  // 2011-12-08, the snapshot of Li et al. Table 7 (vote .864, AccuCopy
  // .943 without trust). Vote must agree with the adapter's README
  // (457/540); AccuCopy with attribute accuracy and restarts reached
  // 517/540 = .957 when written (it was 442 before): at least .95.
  if (!fs::exists(SharedDir() / "benchmarks" / "truth" / "flight" / "claims" / "20111208.txt"))
    GTEST_SKIP() << "no Flight data";
  const auto rows = Fuse("flight_to_tsv.py", "--method all --tolerance time=10m", "flight",
                         "20111208");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0][2] + "/" + rows[0][3], "457/540");
  EXPECT_EQ(rows[3][1], "accucopy");
  EXPECT_GE(std::stoi(rows[3][2]), 513);
  // Its time (rows[3][5]) is a benchmark figure (scripts/bench_truth.sh), not
  // a test: a shared machine cannot promise seconds.
}

TEST_F(TruthBenchmarkTest, BookWithCopyDetectionReachesNinetyOfOneHundred) {
  // Strict whole author lists (Dong et al. 2009): vote .71 there, their
  // best (SIM, AccuCopy with similarity) .89. AccuCopy made 90 with n =
  // 100 and no prior on accuracy, 92 with its defaults since.
  const auto rows = Fuse("book_to_tsv.py", "--method all", "book");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[3][1], "accucopy");
  EXPECT_GE(std::stoi(rows[3][2]), 92);
  EXPECT_EQ(rows[3][3], "100");
  EXPECT_GT(std::stoi(rows[3][2]), std::stoi(rows[0][2]));  // beats vote
}

}  // namespace
}  // namespace crosscheck::e2e
