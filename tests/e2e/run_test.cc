// `crosscheck run` and `crosscheck review` end to end, on real SQLite files
// (and a real PostgreSQL server when CROSSCHECK_PG_URL names one; see
// scripts/pg_cluster.sh): batches, kills, two runs at once, reviews.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "engine/store/store.h"
#include "tests/store/raw_db.h"
#include "tests/e2e/e2e_util.h"

namespace crosscheck {
namespace e2e {
namespace {

using Json = nlohmann::json;

// A name for Shell()'s output folder that no test running in parallel uses.
std::string Unique(const std::string& what) {
  return std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
         what;
}

fs::path Albania() { return SharedDir() / "corpus" / "albania-2022"; }
fs::path Bbc() { return SharedDir() / "corpus" / "bbc-news-2004"; }


// "new KEY" / "changed KEY" with each gained and lost entry, sorted: the
// changes part of `run --format json`, compact enough to compare with a
// list worked out by hand.
std::vector<std::string> Changes(const Json& run) {
  std::vector<std::string> out;
  for (const Json& c : run.at("changes")) {
    std::string line = c.at("change").get<std::string>() + " " + c.at("key").get<std::string>();
    for (const Json& g : c.at("gained")) line += " +[" + g.get<std::string>() + "]";
    for (const Json& l : c.at("lost")) line += " -[" + l.get<std::string>() + "]";
    out.push_back(line);
  }
  return out;
}

// Starts crosscheck with `args`, stdout and stderr to files; returns its pid.
pid_t Spawn(const std::vector<std::string>& args, const std::string& out,
            const std::string& err) {
  std::vector<std::string> argv{CROSSCHECK_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> pointers;
  for (std::string& a : argv) pointers.push_back(a.data());
  pointers.push_back(nullptr);
  std::fflush(stdout);  // or the child writes the parent's buffer again
  const pid_t pid = fork();
  if (pid == 0) {
    if (!freopen(out.c_str(), "w", stdout) || !freopen(err.c_str(), "w", stderr)) _exit(126);
    execv(pointers[0], pointers.data());
    _exit(127);
  }
  return pid;
}

class RunTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(Albania())) GTEST_SKIP() << "no ../shared/corpus/albania-2022";
    dir_ = TempDir(Unique(std::to_string(getpid())));  // two suites may run at once
    inbox_ = dir_ / "inbox";
    fs::create_directories(inbox_);
    fs::copy_file(Albania() / "sources.yaml", inbox_ / "sources.yaml");
  }

  void Deliver(const std::string& file) {
    fs::copy_file(Albania() / file, inbox_ / file);
  }

  // `run` on the test's store and inbox; the changes as JSON.
  Json Run(const std::string& extra = "", int want_exit = 0) {
    RunResult r = Crosscheck("run --store " + Quote(Store()) + " --inbox " +
                                 Quote(inbox_.string()) + " --format json " + extra, Unique("run"));
    EXPECT_EQ(r.exit_code, want_exit) << r.err;
    return r.out.empty() ? Json() : Json::parse(r.out);
  }

  std::string Store() const { return (dir_ / "crosscheck.db").string(); }

  fs::path dir_, inbox_;
};

// Acceptance 1: three batches; after each, only the new articles are
// analysed and the changes are exactly the new findings. The expected
// changes were worked out by hand from the five texts (the values each one
// states are listed in ../shared/corpus/albania-2022/expected.yaml), and the
// state after each batch must also equal a stateless `check` of the inbox.
TEST_F(RunTest, ThreeBatchesProcessOnlyTheNewArticlesAndReportOnlyWhatChanged) {
  // Batch 1: RT says the MEK moved in 2013, Albania-cuts-ties 2014; RT says
  // 2 groups, Albania-cuts-ties 4; Albania-cuts-ties dates the attack two
  // ways. Their member counts ("about 3,000", "3,000") agree, and so do
  // their attack years (2022).
  Deliver("rt-investigation.txt");
  Deliver("albania-cuts-ties.txt");
  Json run = Run();
  EXPECT_EQ(run["articles"]["added"], 2);
  EXPECT_EQ(run["articles"]["analysed"], 2);
  EXPECT_EQ(run["articles"]["stored"], 2);
  EXPECT_TRUE(run["previous_run"].is_null());
  const std::vector<std::string> batch1 = Changes(run);
  ASSERT_EQ(batch1.size(), 3u) << testing::PrintToString(batch1);
  EXPECT_EQ(batch1[0],
            "new albania-cyberattack.attack_groups +[2: rt-investigation] "
            "+[4: albania-cuts-ties]");
  EXPECT_EQ(batch1[1], "new mek.moved_year +[2013: rt-investigation] +[2014: albania-cuts-ties]");
  EXPECT_EQ(batch1[2].rfind("new within/albania-cuts-ties/", 0), 0u) << batch1[2];

  // Batch 2: Exit News and the NYT-based piece both say 2016; Exit News says
  // about 1,000 members, the NYT piece "thousands"; the NYT piece dates the
  // attack to 2021.
  Deliver("exit-news-second-attack.txt");
  Deliver("nato-minnow-reels.txt");
  run = Run();
  EXPECT_EQ(run["articles"]["added"], 2);
  EXPECT_EQ(run["articles"]["analysed"], 2) << "the first batch is not analysed again";
  EXPECT_EQ(run["articles"]["stored"], 4);
  EXPECT_EQ(run["previous_run"], 1);
  EXPECT_EQ(Changes(run),
            (std::vector<std::string>{
                "new albania-cyberattack.attack_year +[2021: nato-minnow-reels] "
                "+[2022: albania-cuts-ties, exit-news-second-attack, rt-investigation]",
                "new mek.member_count +[about 1,000: exit-news-second-attack] "
                "+[vague: 2,000 or more: nato-minnow-reels] +[3,000: albania-cuts-ties] "
                "+[about 3,000: rt-investigation]",
                "changed mek.moved_year +[2016: exit-news-second-attack, nato-minnow-reels]"}));

  // Batch 3: the blog repost copies the NYT piece: it joins the NYT side of
  // every finding and adds no new one.
  Deliver("blog-repost-anas-samir.txt");
  run = Run();
  EXPECT_EQ(run["articles"]["added"], 1);
  EXPECT_EQ(run["articles"]["analysed"], 1);
  EXPECT_EQ(run["articles"]["stored"], 5);
  EXPECT_EQ(Changes(run),
            (std::vector<std::string>{
                "changed albania-cyberattack.attack_year +[2021: blog-repost-anas-samir]",
                "changed mek.member_count +[vague: 2,000 or more: blog-repost-anas-samir]",
                "changed mek.moved_year +[2016: blog-repost-anas-samir]"}));

  // Nothing new: nothing analysed, nothing changed.
  run = Run("--report " + Quote((dir_ / "report.json").string()));
  EXPECT_EQ(run["articles"]["added"], 0);
  EXPECT_EQ(run["articles"]["analysed"], 0);
  EXPECT_TRUE(run["changes"].empty());
  EXPECT_TRUE(run["score_changes"].empty());

  // The store's report is the stateless check's, byte for byte.
  RunResult check = Crosscheck("check " + Quote(inbox_.string()) + " --format json", Unique("check"));
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(ReadAll(dir_ / "report.json"), check.out);
  EXPECT_EQ(Contradictions(Json::parse(check.out)).size(), 4u);
}

// --jobs changes how many threads analyse, not what a store run reports.
TEST_F(RunTest, TheThreadCountDoesNotChangeTheReport) {
  for (const char* f : {"nato-minnow-reels.txt", "rt-investigation.txt", "exit-news-second-attack.txt",
                        "albania-cuts-ties.txt", "blog-repost-anas-samir.txt"})
    Deliver(f);
  std::string first;
  for (const char* jobs : {"1", "3"}) {
    const fs::path report = dir_ / (std::string("report-j") + jobs + ".json");
    RunResult r = Crosscheck("run --store " + Quote((dir_ / (std::string("j") + jobs + ".db")).string()) +
                                 " --inbox " + Quote(inbox_.string()) + " --jobs " + jobs +
                                 " --format json --report " + Quote(report.string()),
                             Unique(std::string("jobs") + jobs));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string text = ReadAll(report);
    ASSERT_GT(text.size(), 1000u);
    if (first.empty()) first = text;
    else EXPECT_TRUE(text == first) << "--jobs " << jobs << " differs from --jobs 1";
  }
}

TEST_F(RunTest, FailOnNewFindingsForCron) {
  Deliver("rt-investigation.txt");
  Deliver("albania-cuts-ties.txt");
  Run("--fail-on high", 1);   // mek.moved_year 2013 vs 2014 is new and high
  Run("--fail-on high", 0);   // the same again is not new
  Deliver("exit-news-second-attack.txt");
  Run("--fail-on high", 1);   // mek.member_count is new and high
}

// Acceptance 6: a review survives later runs, shows in both reports and in
// the audit log; a dismissed finding stays dismissed until its evidence
// changes.
TEST_F(RunTest, ReviewsSurviveRunsShowInReportsAndTheAuditLog) {
  Deliver("rt-investigation.txt");
  Deliver("albania-cuts-ties.txt");
  Run();
  RunResult wrong = Crosscheck("review mek.moved --store " + Quote(Store()) +
                                   " --status dismissed --by ana", Unique("review_wrong"));
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("did you mean: mek.moved_year"), std::string::npos) << wrong.err;
  RunResult review = Crosscheck("review mek.moved_year --store " + Quote(Store()) +
                                    " --status dismissed --by 'Ana K' --note 'RT <b>is</b> wrong'", Unique("review"));
  ASSERT_EQ(review.exit_code, 0) << review.err;

  // A later run with an unrelated change: still dismissed, in the run's
  // findings, in the JSON report and in the Markdown report (escaped).
  fs::remove(inbox_ / "rt-investigation.txt");  // gone from the inbox, not from the store
  Json run = Run("--report " + Quote((dir_ / "report.json").string()));
  std::string status;
  for (const Json& f : run["findings"])
    if (f["key"] == "mek.moved_year") status = f["review"]["status"];
  EXPECT_EQ(status, "dismissed");
  const Json report = Json::parse(ReadAll(dir_ / "report.json"));
  bool seen = false;
  for (const Json& f : report["facts"])
    if (f["key"] == "mek.moved_year") {
      seen = true;
      EXPECT_EQ(f["review"]["status"], "dismissed");
      EXPECT_EQ(f["review"]["by"], "Ana K");
      EXPECT_EQ(f["review"]["note"], "RT <b>is</b> wrong");
    }
  EXPECT_TRUE(seen);
  RunResult md = Crosscheck("run --store " + Quote(Store()) + " --report " +
                                Quote((dir_ / "report.md").string()), Unique("md"));
  ASSERT_EQ(md.exit_code, 0) << md.err;
  const std::string markdown = ReadAll(dir_ / "report.md");
  EXPECT_NE(markdown.find("**Review: dismissed** by Ana K"), std::string::npos);
  EXPECT_NE(markdown.find("RT &lt;b&gt;is&lt;/b&gt; wrong"), std::string::npos);
  EXPECT_EQ(markdown.find("<b>"), std::string::npos);
  // The HTML report: the card's status is what the status filter reads.
  RunResult html = Crosscheck("run --store " + Quote(Store()) + " --report " +
                                  Quote((dir_ / "report.html").string()), Unique("html"));
  ASSERT_EQ(html.exit_code, 0) << html.err;
  const std::string page = ReadAll(dir_ / "report.html");
  EXPECT_NE(page.find("data-fact=\"mek.moved_year\" data-severity=\"high\" "
                      "data-status=\"dismissed\""),
            std::string::npos);
  EXPECT_NE(page.find("<strong>Review: dismissed</strong> by <bdi>Ana K</bdi>"), std::string::npos);
  EXPECT_NE(page.find("RT &lt;b&gt;is&lt;/b&gt; wrong"), std::string::npos);
  EXPECT_EQ(page.find("<b>"), std::string::npos);

  // New evidence on the dismissed finding (Exit News: 2016): the decision
  // no longer holds, the finding is stale and fails a cron run again.
  Deliver("exit-news-second-attack.txt");
  run = Run("--fail-on high", 1);
  for (const Json& c : run["changes"])
    if (c["key"] == "mek.moved_year") status = c["review"];
  EXPECT_EQ(status, "stale");

  // The audit log holds the decision, with who, when and the note.
  StatusOr<std::unique_ptr<crosscheck::Store>> store = crosscheck::Store::Open(Store());
  ASSERT_TRUE(store.ok()) << store.status().message();
  StatusOr<std::vector<ReviewDecision>> log = (*store)->AuditLog();
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].finding_key, "mek.moved_year");
  EXPECT_EQ((*log)[0].status, "dismissed");
  EXPECT_EQ((*log)[0].by, "Ana K");
  EXPECT_FALSE((*log)[0].at.empty());
}

// A stored article is analysed again when a new one changes the entity
// clusters its claims and scores were made under: "Mr Smith" in article a is
// "Smith" until article b ties "John Smith" and "Mr Smith" together; then
// a's named source is "John Smith", as a stateless check of both says.
TEST_F(RunTest, AStoredArticleIsAnalysedAgainWhenItsClustersChange) {
  auto named_sources = [](const Json& report, const std::string& source) {
    std::vector<std::string> out;
    for (const Json& s : report["sources"])
      if (s["id"] == source)
        for (const Json& c : s["components"])
          if (c["name"] == "transparency")
            for (const Json& e : c["evidence"])
              if (e["text"].get<std::string>().rfind("named source: ", 0) == 0)
                out.push_back(e["text"]);
    return out;
  };
  WriteAll(inbox_ / "a.txt",
           "Flood in the valley\n\nThe river burst its banks on Monday. Mr Smith said "
           "3,000 people were evacuated from the town.\n");
  Json run = Run("--report " + Quote((dir_ / "1.json").string()));
  EXPECT_EQ(named_sources(Json::parse(ReadAll(dir_ / "1.json")), "a"),
            std::vector<std::string>{"named source: Smith"});
  WriteAll(inbox_ / "b.txt",
           "Valley flood\n\nJohn Smith, the mayor, said on Tuesday that about 5,000 people "
           "were evacuated from the town. Mr Smith said the river was still rising.\n");
  run = Run("--report " + Quote((dir_ / "2.json").string()));
  EXPECT_EQ(run["articles"]["analysed"], 1);
  EXPECT_EQ(run["articles"]["reanalysed"], 1) << "a, under the new clusters";
  const std::string report = ReadAll(dir_ / "2.json");
  EXPECT_EQ(named_sources(Json::parse(report), "a"),
            std::vector<std::string>{"named source: John Smith"});
  RunResult check = Crosscheck("check " + Quote(inbox_.string()) + " --format json",
                               Unique("check"));
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(report, check.out);
  // A third run reuses both extracts.
  run = Run();
  EXPECT_EQ(run["articles"]["analysed"], 0);
  EXPECT_EQ(run["articles"]["reanalysed"], 0);
}

// A store written by schema version 3 kept its extracts as JSON. The
// upgrade keeps those rows; the run refuses them and analyses the articles
// again from their stored bytes, and nothing changes in what it reports.
TEST_F(RunTest, JsonExtractsOfVersion3AreAnalysedAgainAfterTheUpgrade) {
  Deliver("rt-investigation.txt");
  Deliver("albania-cuts-ties.txt");
  Json run = Run();
  ASSERT_EQ(run["articles"]["analysed"], 2);
  ASSERT_EQ(testutil::RawDb(Store()).Exec(
                "UPDATE extracts SET data = '{\"id\":\"rt-investigation\",\"claims\":[]}';"
                "DROP INDEX articles_without_claims;"
                "ALTER TABLE articles DROP COLUMN claims_made;"
                "PRAGMA user_version = 3;"),
            "");
  run = Run("--report " + Quote((dir_ / "report.json").string()));
  EXPECT_EQ(run["articles"]["analysed"], 0);
  EXPECT_EQ(run["articles"]["reanalysed"], 2);
  EXPECT_TRUE(run["changes"].empty()) << run["changes"].dump();
  RunResult check = Crosscheck("check " + Quote(inbox_.string()) + " --format json",
                               Unique("check"));
  ASSERT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(ReadAll(dir_ / "report.json"), check.out);
  run = Run();
  EXPECT_EQ(run["articles"]["reanalysed"], 0) << "saved in the new encoding";
}

// `watch`: one run at the start, then one per burst of new articles (two
// files at once and a third 300 ms later are one burst), files in a new
// subfolder too; SIGTERM ends it with exit 0.
TEST_F(RunTest, WatchRunsOncePerBurstUntilSigterm) {
  const std::string out = (dir_ / "watch.jsonl").string();
  const pid_t pid = Spawn({"watch", inbox_.string(), "--store", Store(), "--format", "json",
                           "--settle", "1"},
                          out, "/dev/null");
  // Waits until the watch has written `n` runs; returns them.
  auto runs = [&](size_t n) {
    std::vector<Json> lines;
    for (int i = 0; i < 300 && lines.size() < n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      lines.clear();
      std::istringstream in(ReadAll(out));
      for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(Json::parse(line));
    }
    return lines;
  };
  ASSERT_EQ(runs(1).size(), 1u) << "the first run, on an empty inbox";
  Deliver("rt-investigation.txt");
  Deliver("albania-cuts-ties.txt");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Deliver("exit-news-second-attack.txt");
  std::vector<Json> lines = runs(2);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1]["articles"]["added"], 3) << "one run for the whole burst";
  fs::create_directories(inbox_ / "later");
  fs::copy_file(Albania() / "nato-minnow-reels.txt", inbox_ / "later" / "nato-minnow-reels.txt");
  lines = runs(3);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2]["articles"]["added"], 1);
  EXPECT_EQ(lines[2]["articles"]["stored"], 4);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_EQ(runs(3).size(), 3u) << "no run after the stop";
}

// ------------------------------------------------------------ the BBC corpus

class BbcRunTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(Bbc())) GTEST_SKIP() << "no ../shared/corpus/bbc-news-2004";
    dir_ = TempDir(Unique(std::to_string(getpid())));  // two suites may run at once
  }

  // Starts `crosscheck run` on `store` over the BBC corpus; returns its pid.
  pid_t Start(const std::string& store, const std::string& out) {
    return Spawn({"run", "--store", store, "--inbox", Bbc().string(), "--format", "json",
                  "--out", out},
                 "/dev/null", out + ".err");
  }

  static int Wait(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  // The whole report of the store, via a run with nothing new.
  std::string Report(const std::string& store, const std::string& name) {
    const std::string report = (dir_ / (name + ".json")).string();
    RunResult r = Crosscheck("run --store " + Quote(store) + " --format json --report " +
                                 Quote(report),
                             Unique(name));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ReadAll(report);
  }

  fs::path dir_;
};

// Acceptance 2: SIGKILL at random points during a run, five times. After
// each kill the store opens, and every extract committed before is still
// there; the run that finally completes reports what one uninterrupted run
// reports.
TEST_F(BbcRunTest, KilledRunsLoseNothingAndTheRerunEndsTheSame) {
  const std::string reference = (dir_ / "reference.db").string();
  ASSERT_EQ(Wait(Start(reference, (dir_ / "reference-run.json").string())), 0);
  const std::string expected = Report(reference, "reference-report");

  const std::string killed = (dir_ / "killed.db").string();
  std::mt19937 random(20261121);
  std::set<int64_t> committed;
  for (int round = 0; round < 5; ++round) {
    const pid_t pid = Start(killed, (dir_ / "killed-run.json").string());
    const int delay_ms = std::uniform_int_distribution<int>(100, 1500)(random);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    Wait(pid);
    StatusOr<std::unique_ptr<crosscheck::Store>> store = crosscheck::Store::Open(killed);
    ASSERT_TRUE(store.ok()) << "round " << round << ": " << store.status().message();
    auto extracts = (*store)->LoadExtracts();
    ASSERT_TRUE(extracts.ok()) << extracts.status().message();
    std::set<int64_t> now;
    for (const auto& [id, json] : *extracts) now.insert(id);
    for (int64_t id : committed) EXPECT_TRUE(now.count(id)) << "lost article " << id;
    committed = now;
    std::cout << "round " << round << ": killed after " << delay_ms << " ms, "
              << now.size() << " extracts committed\n";
  }
  // The rerun completes the store; its report is the uninterrupted one's.
  ASSERT_EQ(Wait(Start(killed, (dir_ / "rerun.json").string())), 0);
  EXPECT_EQ(Report(killed, "rerun-report"), expected);
}

// Acceptance 3: a second run on a store another run holds refuses at once,
// naming the holder (exit 3), or with --wait waits its turn; the store stays
// whole.
TEST_F(BbcRunTest, TwoRunsAtOnceOnOneSqliteStore) {
  const std::string store = (dir_ / "store.db").string();
  const pid_t first = Start(store, (dir_ / "first.json").string());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  RunResult second = Crosscheck("run --store " + Quote(store), Unique("second"));
  RunResult waiting = Crosscheck("run --store " + Quote(store) + " --wait 120 --format json", Unique("waiting"));
  ASSERT_EQ(Wait(first), 0);
  EXPECT_EQ(second.exit_code, 3) << second.err;
  EXPECT_NE(second.err.find("is in use by run 1 (pid"), std::string::npos) << second.err;
  // The waiting run got the store after the first one: it is run 2 (the
  // refused one never began) and found everything done.
  ASSERT_EQ(waiting.exit_code, 0) << waiting.err;
  const Json w = Json::parse(waiting.out);
  EXPECT_EQ(w["run"], 2);
  EXPECT_EQ(w["previous_run"], 1);
  EXPECT_EQ(w["articles"]["analysed"], 0);
  EXPECT_EQ(w["articles"]["stored"], 2095);
}

// Acceptance 4: three workers share one PostgreSQL store. No article is
// analysed twice, and the store's report equals a single worker's.
TEST_F(BbcRunTest, ThreePostgresWorkersMatchOneWorker) {
  const char* base = std::getenv("CROSSCHECK_PG_URL");
  if (base == nullptr || *base == '\0') GTEST_SKIP() << "CROSSCHECK_PG_URL is not set";
  // One schema per store, dropped afterwards.
  PGconn* admin = PQconnectdb(base);
  ASSERT_EQ(PQstatus(admin), CONNECTION_OK) << PQerrorMessage(admin);
  PQsetNoticeProcessor(admin, [](void*, const char*) {}, nullptr);
  auto exec = [&](const std::string& sql) {
    PGresult* r = PQexec(admin, sql.c_str());
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok;
  };
  const std::string tag = std::to_string(getpid());
  auto url = [&](const std::string& schema) {
    const std::string b = base;
    return b + (b.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
           schema;
  };
  const std::string one = "cc_run_one_" + tag, three = "cc_run_three_" + tag;
  ASSERT_TRUE(exec("CREATE SCHEMA " + one));
  ASSERT_TRUE(exec("CREATE SCHEMA " + three));

  ASSERT_EQ(Wait(Start(url(one), (dir_ / "one.json").string())), 0);
  const std::string expected = Report(url(one), "one-report");

  // The schema must exist before three workers race to create the tables.
  ASSERT_EQ(Crosscheck("run --store " + Quote(url(three)), Unique("init")).exit_code, 0);
  std::vector<pid_t> workers;
  for (int w = 0; w < 3; ++w)
    workers.push_back(Start(url(three), (dir_ / ("worker" + std::to_string(w) + ".json")).string()));
  int analysed = 0, claims_made = 0;
  for (int w = 0; w < 3; ++w) {
    ASSERT_EQ(Wait(workers[w]), 0) << ReadAll(dir_ / ("worker" + std::to_string(w) + ".json.err"));
    const Json r = Json::parse(ReadAll(dir_ / ("worker" + std::to_string(w) + ".json")));
    analysed += r["articles"]["analysed"].get<int>();
    claims_made += r["articles"]["claims_made"].get<int>();
    std::cout << "worker " << w << " analysed " << r["articles"]["analysed"] << ", made claims for "
              << r["articles"]["claims_made"] << ", analysed again "
              << r["articles"]["reanalysed"] << "\n";
    // Claims made once every article was analysed stand under the final
    // clusters: nothing to analyse a third time.
    EXPECT_EQ(r["articles"]["reanalysed"], 0) << "worker " << w;
  }
  EXPECT_EQ(analysed, 2095) << "every article analysed exactly once";
  EXPECT_EQ(claims_made, 2095) << "every article's claims made exactly once";
  EXPECT_EQ(Report(url(three), "three-report"), expected);

  exec("DROP SCHEMA " + one + " CASCADE");
  exec("DROP SCHEMA " + three + " CASCADE");
  PQfinish(admin);
}

}  // namespace
}  // namespace e2e
}  // namespace crosscheck
