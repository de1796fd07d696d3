#include "engine/store/store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/store/raw_db.h"
#include "tests/test_util.h"

namespace crosscheck {
namespace {

using ::testing::HasSubstr;
using testutil::RawDb;
using ::testing::Not;

std::unique_ptr<Store> MustOpen(const std::string& location,
                                const StoreOptions& options = {}) {
  StatusOr<std::unique_ptr<Store>> store = Store::Open(location, options);
  EXPECT_TRUE(store.ok()) << store.status().message();
  return store.ok() ? std::move(store).value() : nullptr;
}

template <typename T>
T Must(StatusOr<T> value) {
  EXPECT_TRUE(value.ok()) << value.status().message();
  return value.ok() ? std::move(value).value() : T{};
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Reads everything a child writes to `fd` until it exits.
std::string Drain(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof(buf))) > 0)
    out.append(buf, static_cast<size_t>(n));
  return out;
}

// A forked child that runs body(fd) with the write end of a pipe, then
// _exit(0) unless the body exits first; the parent gets the child's pid and
// the read end.
struct Child {
  pid_t pid = -1;
  int out = -1;
};
template <typename Body>
Child Spawn(Body body) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    body(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  if (pid < 0) {
    close(fds[0]);
    return {};
  }
  return {pid, fds[0]};
}

// Everything the child wrote until it closed the pipe; closes the read end.
std::string DrainAndClose(int fd) {
  const std::string out = Drain(fd);
  close(fd);
  return out;
}

void WriteLine(int fd, const std::string& line) {
  const std::string text = line + "\n";
  // Short lines: one write() is atomic on a pipe, so a kill never leaves
  // half a line.
  (void)!write(fd, text.data(), text.size());
}

TEST(StoreUtilTest, Sha256AndRedactedUrls) {
  EXPECT_EQ(Sha256Hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(
      RedactUrl("postgresql://alice:s3cret@db.example:5432/cc?sslmode=require"),
      "postgresql://alice@db.example:5432/cc?sslmode=require");
  EXPECT_EQ(RedactUrl("postgres://bob@/cc?host=/run/pg&password=x&port=5"),
            "postgres://bob@/cc?host=/run/pg&port=5");
  EXPECT_EQ(RedactUrl("postgresql:///cc?password=x"), "postgresql:///cc");
  EXPECT_EQ(RedactUrl("postgresql://host/cc"), "postgresql://host/cc");
}

// ---------------------------------------------------------------- SQLite

TEST(SqliteStoreTest, SameArticleTwiceIsOneArticle) {
  const std::string path = testutil::ScratchDir() + "/store.db";
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kStoreSchemaVersion);
  EXPECT_TRUE(Must(store->AddArticle("bbc", "inbox/a.txt", "Same text.")));
  // The same bytes again, even from elsewhere, are the same article.
  EXPECT_FALSE(Must(store->AddArticle("cnn", "inbox/copy.txt", "Same text.")));
  EXPECT_TRUE(Must(store->AddArticle("bbc", "inbox/b.txt", "Other text.")));
  // An article needs a source.
  const StatusOr<bool> sourceless = store->AddArticle("", "inbox/c.txt", "Third text.");
  ASSERT_FALSE(sourceless.ok());
  EXPECT_EQ(sourceless.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(sourceless.status().message(),
              HasSubstr("store " + path + ": article inbox/c.txt: empty source id"));

  const int64_t run = Must(store->BeginRun("{}"));
  const std::vector<StoreArticle> pending = Must(store->ClaimPending(run, 10));
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].path, "inbox/a.txt");
  EXPECT_EQ(pending[0].source_id, "bbc");
  EXPECT_EQ(pending[0].hash, Sha256Hex("Same text."));
  EXPECT_EQ(pending[0].content, "Same text.");
  // The duplicate brought no source of its own.
  RawDb raw(path);
  EXPECT_EQ(raw.QueryInt("SELECT count(*) FROM sources"), 1);
  EXPECT_EQ(raw.QueryText("PRAGMA journal_mode"), "wal");
}

TEST(SqliteStoreTest, PendingClaimExtractCycle) {
  const std::string path = testutil::ScratchDir() + "/store.db";
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  constexpr char kBinary[] = "bytes\0with a NUL and \xff";
  const std::string binary(kBinary, sizeof(kBinary) - 1);  // 22 bytes, NUL inside
  ASSERT_TRUE(Must(store->AddArticle("s", "binary.bin", binary)));
  for (int i = 1; i < 5; ++i) {
    ASSERT_TRUE(Must(store->AddArticle("s", "a" + std::to_string(i),
                                       "text " + std::to_string(i))));
  }
  const int64_t run = Must(store->BeginRun(R"({"inbox":"x"})"));
  std::vector<StoreArticle> batch = Must(store->ClaimPending(run, 2));
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0].content, binary);
  ASSERT_TRUE(store->SaveExtract(batch[0].id, run, R"({"n":0})").ok());
  // batch[1] is skipped (the pipeline failed on it): not handed out again
  // in this run.
  std::vector<StoreArticle> rest = Must(store->ClaimPending(run, 10));
  ASSERT_EQ(rest.size(), 3u);
  for (const StoreArticle& a : rest) {
    EXPECT_NE(a.id, batch[1].id);
    ASSERT_TRUE(
        store->SaveExtract(a.id, run, "{\"id\":" + std::to_string(a.id) + "}")
            .ok());
  }
  EXPECT_TRUE(Must(store->ClaimPending(run, 10)).empty());
  // An article added during the run is still claimed by it.
  ASSERT_TRUE(Must(store->AddArticle("s", "late", "late text")));
  ASSERT_EQ(Must(store->ClaimPending(run, 10)).size(), 1u);
  ASSERT_TRUE(store->FinishRun(run, "{}").ok());

  const auto extracts = Must(store->LoadExtracts());
  ASSERT_EQ(extracts.size(), 4u);
  EXPECT_EQ(extracts[0].first, batch[0].id);
  EXPECT_EQ(extracts[0].second, R"({"n":0})");

  // The next run gets what this one left: the skipped and the late article.
  const int64_t next = Must(store->BeginRun("{}"));
  const std::vector<StoreArticle> again = Must(store->ClaimPending(next, 10));
  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(again[0].id, batch[1].id);
  EXPECT_EQ(again[1].path, "late");

  // Errors name the store and the thing.
  const Status missing = store->SaveExtract(9999, next, "{}");
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.message(),
              HasSubstr("store " + path + ": no article 9999"));
  const Status finished = store->SaveExtract(again[0].id, run, "{}");
  EXPECT_EQ(finished.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(finished.message(),
              HasSubstr("run " + std::to_string(run) + " finished"));
}

// An extract saved without claims leaves its article pending at the second
// stage, until it is saved again with them.
TEST(SqliteStoreTest, ExtractsWithoutClaimsArePendingAtTheSecondStage) {
  auto store = MustOpen(testutil::ScratchDir() + "/store.db");
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(Must(store->AddArticle("s", "a" + std::to_string(i), std::to_string(i))));
  const int64_t run = Must(store->BeginRun("{}"));
  EXPECT_EQ(Must(store->CountPending(run, ClaimStage::kUnanalysed)), 3);
  const auto first = Must(store->ClaimPending(run, 10));
  ASSERT_EQ(first.size(), 3u);
  EXPECT_EQ(Must(store->CountPending(run, ClaimStage::kUnanalysed)), 0) << "all handed out";
  for (const StoreArticle& a : first)
    ASSERT_TRUE(store->SaveExtract(a.id, run, "partial", /*with_claims=*/false).ok());
  EXPECT_EQ(Must(store->CountPending(run, ClaimStage::kWithoutClaims)), 3);
  const auto second = Must(store->ClaimPending(run, 2, ClaimStage::kWithoutClaims));
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].id, first[0].id);
  EXPECT_EQ(second[0].content, "0");
  ASSERT_TRUE(store->SaveExtract(second[0].id, run, "whole").ok());
  EXPECT_EQ(Must(store->CountPending(run, ClaimStage::kWithoutClaims)), 1)
      << "the third, not yet handed out";
  const auto third = Must(store->ClaimPending(run, 10, ClaimStage::kWithoutClaims));
  ASSERT_EQ(third.size(), 1u);
  EXPECT_EQ(third[0].id, first[2].id);
  // A later run hands out what is still without claims: the second article.
  ASSERT_TRUE(store->FinishRun(run, "{}").ok());
  const int64_t next = Must(store->BeginRun("{}"));
  const auto left = Must(store->ClaimPending(next, 10, ClaimStage::kWithoutClaims));
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[0].id, first[1].id);
  EXPECT_TRUE(Must(store->ClaimPending(next, 10)).empty()) << "none is unanalysed";
}

TEST(SqliteStoreTest, RunsAndPreviousRun) {
  const std::string path = testutil::ScratchDir() + "/store.db";
  int64_t first = 0;
  int64_t abandoned = 0;
  {
    auto store = MustOpen(path);
    ASSERT_NE(store, nullptr);
    first = Must(store->BeginRun(R"({"n":1})"));
    EXPECT_EQ(Must(store->PreviousRun(first)), 0);
    // One run at a time per Store, too.
    EXPECT_EQ(store->BeginRun("{}").status().code(),
              StatusCode::kFailedPrecondition);
    ASSERT_TRUE(store->FinishRun(first, R"({"done":true})").ok());
    const Status twice = store->FinishRun(first, "{}");
    EXPECT_EQ(twice.code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(store->FinishRun(12345, "{}").code(), StatusCode::kNotFound);
    // A run abandoned by an error path: the lock goes with its Store.
    abandoned = Must(store->BeginRun("{}"));
  }
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  const int64_t third = Must(store->BeginRun("{}"));
  EXPECT_GT(third, abandoned);
  EXPECT_EQ(Must(store->PreviousRun(third)),
            first);  // unfinished runs don't count
  ASSERT_TRUE(store->FinishRun(third, "{}").ok());
  const int64_t fourth = Must(store->BeginRun("{}"));
  EXPECT_EQ(Must(store->PreviousRun(fourth)), third);
}

TEST(SqliteStoreTest, FindingsAndScoresRoundTrip) {
  const std::string path = testutil::ScratchDir() + "/store.db";
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  const int64_t run = Must(store->BeginRun("{}"));
  const std::vector<StoreFinding> findings = {
      {"date/bbc-vs-cnn", "h1", "conflict", R"({"a":1})"},
      {"count/deaths", "h2", "warning", R"({"b":[1,2]})"},
  };
  ASSERT_TRUE(store->SaveFindings(run, findings).ok());
  std::vector<StoreFinding> loaded = Must(store->LoadFindings(run));
  ASSERT_EQ(loaded.size(), 2u);  // by key
  EXPECT_EQ(loaded[0].key, "count/deaths");
  EXPECT_EQ(loaded[0].evidence_hash, "h2");
  EXPECT_EQ(loaded[0].level, "warning");
  EXPECT_EQ(loaded[0].json, R"({"b":[1,2]})");
  EXPECT_EQ(loaded[1].key, "date/bbc-vs-cnn");

  // A full set replaces the previous one; a bad set changes nothing.
  ASSERT_TRUE(store->SaveFindings(run, {{"only", "h3", "info", "{}"}}).ok());
  const Status dup =
      store->SaveFindings(run, {{"k", "", "", ""}, {"k", "", "", ""}});
  EXPECT_EQ(dup.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(dup.message(), HasSubstr("finding key k appears twice"));
  loaded = Must(store->LoadFindings(run));
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].key, "only");

  ASSERT_TRUE(
      store->SaveScores(run, {{"cnn", 70, R"({"x":1})"}, {"bbc", 91, "{}"}})
          .ok());
  const std::vector<StoreScore> scores = Must(store->LoadScores(run));
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_EQ(scores[0].source_id, "bbc");
  EXPECT_EQ(scores[0].score, 91);
  EXPECT_EQ(scores[1].json, R"({"x":1})");
  EXPECT_EQ(store->LoadScores(run + 1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->SaveScores(run, {{"a", 1, ""}, {"a", 2, ""}}).code(),
            StatusCode::kInvalidArgument);
}

// Runs record only the scores that changed; a source keeps its score
// through runs that recorded none for it, and an unfinished run's records
// count only for that run itself.
TEST(SqliteStoreTest, ScoresAsOfARunAreTheLatestRecordedByFinishedRuns) {
  const std::string path = testutil::ScratchDir() + "/scores.db";
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  auto run = [&](const std::vector<StoreScore>& scores, bool finish) {
    const int64_t r = Must(store->BeginRun("{}"));
    EXPECT_TRUE(store->SaveScores(r, scores).ok());
    if (finish) EXPECT_TRUE(store->FinishRun(r, "{}").ok());
    return r;
  };
  auto as_of = [&](int64_t r) {
    std::string out;
    for (const StoreScore& s : Must(store->LoadScores(r)))
      out += s.source_id + "=" + std::to_string(s.score) + s.json + " ";
    return out;
  };
  const int64_t r1 = run({{"cnn", 70, "{1}"}, {"bbc", 91, "{2}"}}, true);
  const int64_t r2 = run({{"cnn", 75, "{3}"}}, true);
  const int64_t r3 = run({{"bbc", 10, "{killed}"}}, false);  // killed before FinishRun
  store.reset();
  store = MustOpen(path);  // the dead run's lock is stale
  const int64_t r4 = run({{"rt", 40, "{4}"}}, true);
  EXPECT_EQ(as_of(r1), "bbc=91{2} cnn=70{1} ");
  EXPECT_EQ(as_of(r2), "bbc=91{2} cnn=75{3} ");
  EXPECT_EQ(as_of(r3), "bbc=10{killed} cnn=75{3} ");
  EXPECT_EQ(as_of(r4), "bbc=91{2} cnn=75{3} rt=40{4} ");
}

// What a version 4 store held: every source's score in every run, five
// runs of which the fourth was left unfinished. Returns the runs.
std::vector<int64_t> SaveVersion4Scores(const std::string& location) {
  auto store = MustOpen(location);
  EXPECT_NE(store, nullptr);
  const std::vector<std::vector<StoreScore>> full_sets = {
      {{"bbc", 91, "{a}"}, {"cnn", 70, "{b}"}},
      {{"bbc", 91, "{a}"}, {"cnn", 70, "{b}"}},   // all repeated
      {{"bbc", 91, "{a2}"}, {"cnn", 71, "{b}"}},  // data, then score changed
      {{"bbc", 91, "{a2}"}, {"cnn", 71, "{b}"}},  // an unfinished run's
      {{"bbc", 91, "{a2}"}, {"cnn", 70, "{b}"}}};
  std::vector<int64_t> runs;
  for (size_t i = 0; i < full_sets.size(); ++i) {
    const int64_t r = Must(store->BeginRun("{}"));
    EXPECT_TRUE(store->SaveScores(r, full_sets[i]).ok());
    if (i != 3) EXPECT_TRUE(store->FinishRun(r, "{}").ok());
    else store = MustOpen(location);  // left unfinished
    runs.push_back(r);
  }
  return runs;
}

// What version 4 read for each of those runs: its own full set.
const char* const kVersion4Scores[] = {"bbc=91{a} cnn=70{b}", "bbc=91{a} cnn=70{b}",
                                       "bbc=91{a2} cnn=71{b}", "bbc=91{a2} cnn=71{b}",
                                       "bbc=91{a2} cnn=70{b}"};

void ExpectVersion4Scores(Store& store, const std::vector<int64_t>& runs) {
  for (size_t i = 0; i < runs.size(); ++i) {
    std::string now;
    for (const StoreScore& s : Must(store.LoadScores(runs[i])))
      now += (now.empty() ? "" : " ") + s.source_id + "=" + std::to_string(s.score) + s.json;
    EXPECT_EQ(now, kVersion4Scores[i]) << "run " << runs[i];
  }
}

// A version 4 store kept every source's score in every run. The upgrade
// drops the records that repeat the finished run before (and no other),
// and every run's scores read back the same.
TEST(SqliteStoreTest, UpgradeToVersion5KeepsEveryRunsScores) {
  const std::string path = testutil::ScratchDir() + "/v4scores.db";
  const std::vector<int64_t> runs = SaveVersion4Scores(path);
  {
    RawDb raw(path);
    ASSERT_EQ(raw.QueryInt("SELECT count(*) FROM scores"), 10);
    ASSERT_EQ(raw.Exec("DROP INDEX scores_by_source; PRAGMA user_version = 4;"), "");
  }
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kStoreSchemaVersion);
  {
    RawDb raw(path);
    // Kept: run 1's two, run 3's two, the unfinished run's two, run 5's cnn.
    EXPECT_EQ(raw.QueryInt("SELECT count(*) FROM scores"), 7);
    EXPECT_EQ(raw.QueryText("PRAGMA integrity_check"), "ok");
  }
  ExpectVersion4Scores(*store, runs);
}

TEST(SqliteStoreTest, ReviewsAndAppendOnlyAuditLog) {
  const std::string path = testutil::ScratchDir() + "/store.db";
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(Must(store->CurrentReview("f1", "h1")).status, "unreviewed");

  ASSERT_TRUE(
      store->AddReview({"f1", "dismissed", "a known typo", "ana", "", "h1"})
          .ok());
  ReviewState state = Must(store->CurrentReview("f1", "h1"));
  EXPECT_EQ(state.status, "dismissed");
  ASSERT_TRUE(state.decision.has_value());
  EXPECT_EQ(state.decision->by, "ana");
  EXPECT_EQ(state.decision->note, "a known typo");
  EXPECT_FALSE(state.decision->at.empty());
  // New evidence: the dismissal no longer applies.
  state = Must(store->CurrentReview("f1", "h2"));
  EXPECT_EQ(state.status, "stale");
  EXPECT_EQ(state.decision->status, "dismissed");

  ASSERT_TRUE(store
                  ->AddReview({"f1", "confirmed", "", "bo",
                               "2024-05-01T10:00:00Z", "h2"})
                  .ok());
  EXPECT_EQ(Must(store->CurrentReview("f1", "h2")).status, "confirmed");
  const Status bad = store->AddReview({"f1", "maybe", "", "bo", "", "h2"});
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.message(), HasSubstr("store " + path));
  EXPECT_EQ(store->AddReview({"f2", "confirmed", "", "", "", "h"}).code(),
            StatusCode::kInvalidArgument);

  const std::vector<ReviewDecision> log = Must(store->AuditLog());
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].status, "dismissed");
  EXPECT_EQ(log[1].status, "confirmed");
  EXPECT_EQ(log[1].at, "2024-05-01T10:00:00Z");
  EXPECT_EQ(log[1].evidence_hash, "h2");

  // The database itself refuses to rewrite history.
  RawDb raw(path);
  EXPECT_THAT(raw.Exec("UPDATE audit_log SET status = 'confirmed'"),
              HasSubstr("append-only"));
  EXPECT_THAT(raw.Exec("DELETE FROM audit_log WHERE id = 1"),
              HasSubstr("append-only"));
  EXPECT_THAT(raw.Exec("DELETE FROM audit_log"), HasSubstr("append-only"));
  EXPECT_EQ(raw.QueryInt("SELECT count(*) FROM audit_log"), 2);
  EXPECT_EQ(raw.QueryText("SELECT status FROM audit_log WHERE id = 1"),
            "dismissed");
}

// Schema version 1, exactly as its migration step created it, written here
// by hand so that a change to that step cannot go unnoticed.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  first_seen TEXT NOT NULL
);
CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  info TEXT NOT NULL,
  summary TEXT
);
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  source_id TEXT NOT NULL REFERENCES sources(id),
  path TEXT NOT NULL,
  content BLOB NOT NULL,
  added_at TEXT NOT NULL,
  processed_run INTEGER REFERENCES runs(id)
);
CREATE TABLE extracts (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id),
  run_id INTEGER NOT NULL REFERENCES runs(id),
  data TEXT NOT NULL
);
CREATE TABLE findings (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  key TEXT NOT NULL,
  evidence_hash TEXT NOT NULL,
  level TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (run_id, key)
);
CREATE TABLE scores (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  source_id TEXT NOT NULL,
  score INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (run_id, source_id)
);
PRAGMA user_version = 1;
INSERT INTO sources VALUES ('bbc', '2024-01-01T00:00:00Z');
INSERT INTO runs VALUES (1, '2024-01-01T00:00:00Z', '2024-01-01T00:05:00Z', '{"v":1}', '{}');
INSERT INTO articles VALUES
  (1, '7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed', 'bbc', 'inbox/one.txt', X'6F6E65', '2024-01-01T00:00:00Z', 1),
  (2, '3fc4ccfe745870e2c0d99f71f30ff0656c8dedd41cc1d7d3d376b0dbe685e2f3', 'bbc', 'inbox/two.txt', X'74776F', '2024-01-01T00:00:00Z', NULL);
INSERT INTO extracts VALUES (1, 1, '{"claims":3}');
INSERT INTO findings VALUES (1, 'f/one', 'e1', 'conflict', '{}');
INSERT INTO scores VALUES (1, 'bbc', 88, '{}');
)sql";

TEST(SqliteStoreTest, UpgradesVersion1FileInPlace) {
  const std::string path = testutil::ScratchDir() + "/old.db";
  {
    RawDb raw(path);
    ASSERT_EQ(raw.Exec(kVersion1), "");
  }
  auto store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kStoreSchemaVersion);
  {
    RawDb raw(path);
    EXPECT_EQ(raw.QueryInt("PRAGMA user_version"), kStoreSchemaVersion);
    EXPECT_EQ(raw.QueryInt("SELECT count(*) FROM articles"), 2);
    EXPECT_EQ(raw.QueryText("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(raw.QueryText("PRAGMA foreign_key_check"), "");
  }
  // The old rows read back through the new code...
  const auto extracts = Must(store->LoadExtracts());
  ASSERT_EQ(extracts.size(), 1u);
  EXPECT_EQ(extracts[0].second, R"({"claims":3})");
  const auto findings = Must(store->LoadFindings(1));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].key, "f/one");
  EXPECT_EQ(Must(store->LoadScores(1))[0].score, 88);
  // ...and what version 1 lacked works on them.
  const int64_t run = Must(store->BeginRun("{}"));
  EXPECT_EQ(run, 2);
  EXPECT_EQ(Must(store->PreviousRun(run)), 1);
  const auto pending = Must(store->ClaimPending(run, 10));
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].content, "two");
  EXPECT_FALSE(
      Must(store->AddArticle("bbc", "x", "one")));  // hashed in version 1 too
  ASSERT_TRUE(
      store->AddReview({"f/one", "dismissed", "", "ana", "", "e1"}).ok());
  EXPECT_EQ(Must(store->CurrentReview("f/one", "e1")).status, "dismissed");
  // Opening again is a no-op.
  store.reset();
  store = MustOpen(path);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(Must(store->AuditLog()).size(), 1u);
}

TEST(SqliteStoreTest, RefusesNewerSchemaAndForeignDatabases) {
  const std::string dir = testutil::ScratchDir();
  {
    RawDb raw(dir + "/newer.db");
    ASSERT_EQ(raw.Exec("CREATE TABLE t (x); PRAGMA user_version = 99;"), "");
  }
  StatusOr<std::unique_ptr<Store>> newer = Store::Open(dir + "/newer.db");
  ASSERT_FALSE(newer.ok());
  EXPECT_THAT(newer.status().message(), HasSubstr(dir + "/newer.db"));
  EXPECT_THAT(newer.status().message(), HasSubstr("schema version 99"));
  {
    RawDb raw(dir + "/other.db");
    ASSERT_EQ(raw.Exec("CREATE TABLE customers (name TEXT)"), "");
  }
  const std::string before = ReadAll(dir + "/other.db");
  StatusOr<std::unique_ptr<Store>> other = Store::Open(dir + "/other.db");
  ASSERT_FALSE(other.ok());
  EXPECT_THAT(other.status().message(),
              HasSubstr("database of something else"));
  EXPECT_EQ(ReadAll(dir + "/other.db"), before);
}

TEST(SqliteStoreTest, SecondRunOnSameFileRefusesClearly) {
  const std::string path = testutil::ScratchDir() + "/store.db";
  auto first = MustOpen(path);
  auto second = MustOpen(path);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  const int64_t run = Must(first->BeginRun("{}"));
  StatusOr<int64_t> refused = second->BeginRun("{}");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  const std::string expected = "store " + path + ": is in use by run " +
                               std::to_string(run) + " (pid " +
                               std::to_string(getpid());
  EXPECT_THAT(refused.status().message(), HasSubstr(expected));
  EXPECT_THAT(refused.status().message(), HasSubstr(") since 20"));
  // Other writes go on meanwhile: an editor can review during a run.
  ASSERT_TRUE(second->AddReview({"k", "confirmed", "", "ana", "", "h"}).ok());
  ASSERT_TRUE(first->FinishRun(run, "{}").ok());
  const int64_t next = Must(second->BeginRun("{}"));
  EXPECT_GT(next, run);
}

TEST(SqliteStoreTest, SecondRunWaitsWhenAskedTo) {
  const std::string path = testutil::ScratchDir() + "/store.db";
  auto first = MustOpen(path);
  StoreOptions patient;
  patient.run_lock_wait_ms = 20000;
  auto second = MustOpen(path, patient);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  const int64_t run = Must(first->BeginRun("{}"));
  std::thread finisher([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_TRUE(first->FinishRun(run, "{}").ok());
  });
  const auto start = std::chrono::steady_clock::now();
  StatusOr<int64_t> next = second->BeginRun("{}");
  finisher.join();
  ASSERT_TRUE(next.ok()) << next.status().message();
  EXPECT_GE(std::chrono::steady_clock::now() - start,
            std::chrono::milliseconds(250));
}

// A child takes the lock and is SIGKILLed; the parent must not be blocked,
// whether the child has been reaped yet or is still a zombie.
TEST(SqliteStoreTest, StaleLockOfKilledProcessIsTakenOver) {
  const std::string path = testutil::ScratchDir() + "/store.db";
  ASSERT_NE(MustOpen(path), nullptr);  // create it, then close before fork
  for (const bool reap_first : {true, false}) {
    const Child child = Spawn([&](int out) {
      StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
      if (!store.ok()) _exit(2);
      StatusOr<int64_t> run = (*store)->BeginRun("{}");
      if (!run.ok()) {
        WriteLine(out, "error " + run.status().message());
        _exit(3);
      }
      WriteLine(out, std::to_string(*run));
      raise(SIGKILL);
      _exit(4);
    });
    ASSERT_GE(child.pid, 0);
    const std::string reported = DrainAndClose(child.out);
    ASSERT_THAT(reported, Not(HasSubstr("error"))) << reported;
    const int64_t child_run = std::stoll(reported);
    int status = 0;
    if (reap_first) {
      ASSERT_EQ(waitpid(child.pid, &status, 0), child.pid);
    } else {
      // Wait for its death but leave it a zombie (WNOWAIT).
      siginfo_t info{};
      ASSERT_EQ(
          waitid(P_PID, static_cast<id_t>(child.pid), &info, WEXITED | WNOWAIT), 0);
    }
    {
      RawDb raw(path);
      EXPECT_EQ(raw.QueryInt("SELECT pid FROM run_lock"), child.pid);
    }
    auto store = MustOpen(path);
    ASSERT_NE(store, nullptr);
    StatusOr<int64_t> run = store->BeginRun("{}");
    ASSERT_TRUE(run.ok()) << run.status().message();
    EXPECT_GT(*run, child_run);
    ASSERT_TRUE(store->FinishRun(*run, "{}").ok());
    EXPECT_NE(Must(store->PreviousRun(*run + 1)), child_run);
    if (!reap_first) ASSERT_EQ(waitpid(child.pid, &status, 0), child.pid);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  }
}

// The lock's liveness check beyond "does the pid exist".
TEST(SqliteStoreTest, LockHolderChecks) {
  const std::string path = testutil::ScratchDir() + "/store.db";
  auto holder = MustOpen(path);
  auto other = MustOpen(path);
  ASSERT_NE(holder, nullptr);
  ASSERT_NE(other, nullptr);
  RawDb raw(path);
  const int64_t run = Must(holder->BeginRun("{}"));
  // Another host: this one cannot tell, so it refuses and says why.
  ASSERT_EQ(raw.Exec("UPDATE run_lock SET host = 'elsewhere'"), "");
  StatusOr<int64_t> refused = other->BeginRun("{}");
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("on host elsewhere"));
  EXPECT_THAT(refused.status().message(),
              HasSubstr("run " + std::to_string(run)));
  // A live pid that started at another time is a reused pid: stale.
  ASSERT_TRUE(holder->FinishRun(run, "{}").ok());
  const int64_t second = Must(holder->BeginRun("{}"));
  ASSERT_EQ(raw.Exec("UPDATE run_lock SET proc_start = '1'"), "");
  const int64_t third = Must(other->BeginRun("{}"));
  EXPECT_GT(third, second);
  // A lock from before a reboot is stale whatever its pid.
  ASSERT_EQ(raw.Exec("UPDATE run_lock SET boot_id = 'another-boot'"), "");
  auto third_store = MustOpen(path);
  ASSERT_NE(third_store, nullptr);
  EXPECT_TRUE(third_store->BeginRun("{}").ok());
}

TEST(SqliteStoreTest, BadLocationsFailClearlyAndTouchNothing) {
  const std::string dir = testutil::ScratchDir();

  StatusOr<std::unique_ptr<Store>> folder = Store::Open(dir);
  ASSERT_FALSE(folder.ok());
  EXPECT_THAT(folder.status().message(),
              HasSubstr("store " + dir + ": is a folder"));

  const std::string missing = dir + "/no/such/folder/store.db";
  StatusOr<std::unique_ptr<Store>> nofolder = Store::Open(missing);
  ASSERT_FALSE(nofolder.ok());
  EXPECT_EQ(nofolder.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(nofolder.status().message(), HasSubstr("store " + missing));
  EXPECT_FALSE(std::filesystem::exists(dir + "/no"));

  EXPECT_FALSE(Store::Open("").ok());

  const std::string text =
      testutil::WriteFile(dir, "notes.txt", "Not a database.\nJust notes.\n");
  struct stat before {};
  ASSERT_EQ(stat(text.c_str(), &before), 0);
  StatusOr<std::unique_ptr<Store>> notdb = Store::Open(text);
  ASSERT_FALSE(notdb.ok());
  EXPECT_EQ(notdb.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(notdb.status().message(),
              HasSubstr("store " + text + ": is not an SQLite database"));
  struct stat after {};
  ASSERT_EQ(stat(text.c_str(), &after), 0);
  EXPECT_EQ(ReadAll(text), "Not a database.\nJust notes.\n");
  EXPECT_EQ(after.st_mtim.tv_sec, before.st_mtim.tv_sec);
  EXPECT_EQ(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
  EXPECT_FALSE(std::filesystem::exists(text + "-wal"));
  EXPECT_FALSE(std::filesystem::exists(text + "-shm"));

  // Too short to hold even a header.
  const std::string tiny = testutil::WriteFile(dir, "tiny.db", "SQLite");
  EXPECT_FALSE(Store::Open(tiny).ok());
  EXPECT_EQ(ReadAll(tiny), "SQLite");
}

TEST(SqliteStoreTest, UnreadableFileFailsClearly) {
  const std::string dir = testutil::ScratchDir();
  const std::string path = dir + "/store.db";
  ASSERT_NE(MustOpen(path), nullptr);
  const std::string before = ReadAll(path);
  ASSERT_EQ(chmod(path.c_str(), 0), 0);
  // Root reads anything: drop to an unprivileged user in a child to see
  // what a user without access sees.
  const Child child = Spawn([&](int out) {
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(2);
    StatusOr<std::unique_ptr<Store>> store = Store::Open(path);
    WriteLine(out, store.ok() ? "opened" : store.status().message());
    _exit(0);
  });
  ASSERT_GE(child.pid, 0);
  const std::string message = DrainAndClose(child.out);
  int status = 0;
  ASSERT_EQ(waitpid(child.pid, &status, 0), child.pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  // "cannot read the file: Permission denied", or just "Permission denied"
  // where the user cannot even enter the scratch folder.
  EXPECT_THAT(message, HasSubstr("store " + path + ": "));
  EXPECT_THAT(message, HasSubstr("Permission denied"));
  ASSERT_EQ(chmod(path.c_str(), 0644), 0);
  EXPECT_EQ(ReadAll(path), before);
}

// A child writes in a loop and is SIGKILLed at random moments, several
// times. Each time the file must open cleanly, pass integrity_check, and
// hold every record whose commit the child had seen return.
TEST(StoreCrashTest, SigkillAtRandomMomentsLosesNothingCommitted) {
  const std::string path = testutil::ScratchDir() + "/store.db";
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  std::set<std::string> articles;
  std::set<std::string> reviews;
  for (int round = 0; round < 8; ++round) {
    const Child child = Spawn([&](int out) {
      StatusOr<std::unique_ptr<Store>> opened = Store::Open(path);
      if (!opened.ok()) {
        WriteLine(out, "E " + opened.status().message());
        _exit(2);
      }
      Store& store = **opened;
      StatusOr<int64_t> run = store.BeginRun("{}");
      if (!run.ok()) {
        WriteLine(out, "E " + run.status().message());
        _exit(3);
      }
      const std::string padding(2000, 'x');
      for (int i = 0;; ++i) {
        const std::string name =
            "r" + std::to_string(round) + "/" + std::to_string(i);
        StatusOr<bool> added = store.AddArticle("src", name, name + padding);
        StatusOr<std::vector<StoreArticle>> batch =
            store.ClaimPending(*run, 10);
        if (!added.ok() || !batch.ok()) {
          WriteLine(out, "E adding " + name);
          _exit(4);
        }
        for (const StoreArticle& a : *batch) {
          if (!store.SaveExtract(a.id, *run, "{\"path\":\"" + a.path + "\"}")
                   .ok()) {
            WriteLine(out, "E saving " + a.path);
            _exit(5);
          }
          WriteLine(out, "A " + a.path);
        }
        if (i % 3 == 0) {
          if (!store.AddReview({name, "dismissed", "", "crash", "", "h"})
                   .ok()) {
            WriteLine(out, "E review " + name);
            _exit(6);
          }
          WriteLine(out, "R " + name);
        }
      }
    });
    ASSERT_GE(child.pid, 0);
    // Round 0 may die while creating the schema; later rounds mid-writes.
    std::this_thread::sleep_for(std::chrono::microseconds(random() % 150000));
    kill(child.pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(child.pid, &status, 0), child.pid);
    std::istringstream lines(DrainAndClose(child.out));
    for (std::string line; std::getline(lines, line);) {
      ASSERT_NE(line[0], 'E') << line;
      (line[0] == 'A' ? articles : reviews).insert(line.substr(2));
    }
    ASSERT_TRUE(WIFSIGNALED(status)) << "round " << round;

    RawDb raw(path);
    EXPECT_EQ(raw.QueryText("PRAGMA integrity_check"), "ok")
        << "round " << round;
    if (!articles.empty() || !reviews.empty()) {
      EXPECT_EQ(
          raw.QueryInt("SELECT count(*) FROM extracts e JOIN articles a "
                       "ON a.id = e.article_id AND a.processed_run = e.run_id"),
          raw.QueryInt(
              "SELECT count(*) FROM articles WHERE processed_run IS NOT NULL"));
    }
    auto store = MustOpen(path);
    ASSERT_NE(store, nullptr) << "round " << round;
    std::set<std::string> saved;
    for (const auto& [id, json] : Must(store->LoadExtracts()))
      saved.insert(json);
    for (const std::string& name : articles) {
      EXPECT_EQ(saved.count("{\"path\":\"" + name + "\"}"), 1u) << name;
    }
    std::set<std::string> logged;
    for (const ReviewDecision& d : Must(store->AuditLog()))
      logged.insert(d.finding_key);
    for (const std::string& name : reviews)
      EXPECT_EQ(logged.count(name), 1u) << name;
  }
  RecordProperty("articles_committed", static_cast<int>(articles.size()));
  RecordProperty("reviews_committed", static_cast<int>(reviews.size()));
  EXPECT_FALSE(articles.empty()) << "no round got as far as a commit";
}

// ------------------------------------------------------------ PostgreSQL

// Each test gets its own schema in the database CROSSCHECK_PG_URL names
// (ctest runs tests in parallel processes), dropped afterwards.
class PgStoreTest : public testing::Test {
 protected:
  void SetUp() override {
    const char* base = std::getenv("CROSSCHECK_PG_URL");
    if (base == nullptr || *base == '\0') {
      GTEST_SKIP()
          << "CROSSCHECK_PG_URL is not set; `scripts/pg_cluster.sh start DIR` "
             "starts a throwaway server and prints one";
    }
    static int counter = 0;
    schema_ =
        "cc_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    admin_ = PQconnectdb(base);
    ASSERT_EQ(PQstatus(admin_), CONNECTION_OK) << PQerrorMessage(admin_);
    PQsetNoticeProcessor(
        admin_, [](void*, const char*) {}, nullptr);
    ASSERT_EQ(Admin("CREATE SCHEMA " + schema_), "");
    ASSERT_EQ(Admin("SET search_path TO " + schema_), "");
    const std::string url = base;
    url_ = url + (url.find('?') == std::string::npos ? "?" : "&") +
           "options=-csearch_path%3D" + schema_;
  }

  void TearDown() override {
    if (admin_ == nullptr) return;
    Admin("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    PQfinish(admin_);
  }

  // Runs SQL on the test's own connection (search_path set to the schema);
  // returns the error message, empty on success.
  std::string Admin(const std::string& sql) {
    PGresult* result = PQexec(admin_, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    std::string error = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK
                            ? ""
                            : PQresultErrorMessage(result);
    PQclear(result);
    return error;
  }
  int64_t AdminInt(const std::string& sql) {
    PGresult* result = PQexec(admin_, sql.c_str());
    int64_t value = -1;
    if (PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) > 0) {
      value = std::stoll(PQgetvalue(result, 0, 0));
    }
    PQclear(result);
    return value;
  }

  // Two Stores on the test's schema holding articles "x" and "y", and a run.
  void TwoWorkersOnTwoArticles(std::unique_ptr<Store>* a, std::unique_ptr<Store>* b,
                               int64_t* run) {
    *a = MustOpen(url_);
    *b = MustOpen(url_);
    ASSERT_NE(*a, nullptr);
    ASSERT_NE(*b, nullptr);
    ASSERT_TRUE(Must((*a)->AddArticle("s", "x", "x")));
    ASSERT_TRUE(Must((*a)->AddArticle("s", "y", "y")));
    *run = Must((*a)->BeginRun("{}"));
  }

  std::string schema_;
  std::string url_;
  PGconn* admin_ = nullptr;
};

TEST(PgStoreErrorTest, ConnectErrorNamesUrlWithoutPassword) {
  StatusOr<std::unique_ptr<Store>> store = Store::Open(
      "postgresql://alice:s3cret@/nodb?host=/nonexistent-dir&password=s3cret");
  ASSERT_FALSE(store.ok());
  EXPECT_THAT(store.status().message(),
              HasSubstr("store postgresql://alice@/nodb?host=/nonexistent-dir: "
                        "cannot connect"));
  EXPECT_THAT(store.status().message(), Not(HasSubstr("s3cret")));
}

TEST_F(PgStoreTest, RoundTrip) {
  auto store = MustOpen(url_);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kStoreSchemaVersion);
  const std::string binary("bin\0\xff\x01 data", 11);
  EXPECT_TRUE(Must(store->AddArticle("bbc", "a.txt", binary)));
  EXPECT_FALSE(Must(store->AddArticle("cnn", "copy.txt", binary)));
  EXPECT_TRUE(Must(store->AddArticle("bbc", "b.txt", "other")));
  EXPECT_EQ(AdminInt("SELECT count(*) FROM sources"), 1);

  const int64_t first = Must(store->BeginRun(R"({"n":1})"));
  std::vector<StoreArticle> batch = Must(store->ClaimPending(first, 10));
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch[0].content, binary);
  EXPECT_EQ(batch[0].hash, Sha256Hex(binary));
  ASSERT_TRUE(store->SaveExtract(batch[0].id, first, R"({"x":1})").ok());
  // Not durable until the whole batch is saved.
  EXPECT_EQ(AdminInt("SELECT count(*) FROM extracts"), 0);
  // Extracts are bytes (bytea): NUL and 0xff survive.
  const std::string extract("CXE1\0\xff\x80 x", 9);
  ASSERT_TRUE(store->SaveExtract(batch[1].id, first, extract).ok());
  EXPECT_EQ(AdminInt("SELECT count(*) FROM extracts"), 2);
  EXPECT_TRUE(Must(store->ClaimPending(first, 10)).empty());

  ASSERT_TRUE(store
                  ->SaveFindings(first, {{"b", "h1", "conflict", "{}"},
                                         {"a", "h2", "info", R"({"k":1})"}})
                  .ok());
  ASSERT_TRUE(store->SaveScores(first, {{"bbc", 90, "{}"}}).ok());
  ASSERT_TRUE(store->FinishRun(first, "{}").ok());
  EXPECT_EQ(store->FinishRun(first, "{}").code(),
            StatusCode::kFailedPrecondition);
  const int64_t second = Must(store->BeginRun("{}"));
  EXPECT_EQ(Must(store->PreviousRun(second)), first);
  EXPECT_EQ(Must(store->PreviousRun(first)), 0);
  const auto findings = Must(store->LoadFindings(first));
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].key, "a");
  EXPECT_EQ(findings[0].json, R"({"k":1})");
  EXPECT_EQ(Must(store->LoadScores(first))[0].score, 90);
  const auto extracts = Must(store->LoadExtracts());
  ASSERT_EQ(extracts.size(), 2u);
  EXPECT_EQ(extracts[0].second, R"({"x":1})");
  EXPECT_EQ(extracts[1].second, extract);
  EXPECT_EQ(store->LoadFindings(999).status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(
      store->AddReview({"a", "dismissed", "fine", "ana", "", "h2"}).ok());
  EXPECT_EQ(Must(store->CurrentReview("a", "h2")).status, "dismissed");
  EXPECT_EQ(Must(store->CurrentReview("a", "h9")).status, "stale");
  EXPECT_EQ(Must(store->CurrentReview("b", "h1")).status, "unreviewed");
  ASSERT_TRUE(store->AddReview({"a", "needs-work", "", "bo", "", "h9"}).ok());
  EXPECT_EQ(Must(store->CurrentReview("a", "h9")).status, "needs-work");
  const auto log = Must(store->AuditLog());
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0].by, "ana");
  EXPECT_THAT(Admin("UPDATE audit_log SET note = 'rewritten'"),
              HasSubstr("append-only"));
  EXPECT_THAT(Admin("DELETE FROM audit_log"), HasSubstr("append-only"));
  EXPECT_THAT(Admin("TRUNCATE audit_log CASCADE"), HasSubstr("append-only"));
  EXPECT_EQ(AdminInt("SELECT count(*) FROM audit_log"), 2);

  // A second Store on the same schema finds it current.
  auto again = MustOpen(url_);
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(again->schema_version(), kStoreSchemaVersion);
}

// Version 4 turned extracts.data from TEXT (JSON) into BYTEA: a version 3
// schema's rows come through the upgrade as their bytes.
TEST_F(PgStoreTest, UpgradeFromVersion3KeepsTextExtractsAsBytes) {
  {
    auto store = MustOpen(url_);
    ASSERT_NE(store, nullptr);
    EXPECT_TRUE(Must(store->AddArticle("bbc", "a.txt", "one")));
    const int64_t run = Must(store->BeginRun("{}"));
    const auto batch = Must(store->ClaimPending(run, 10));
    ASSERT_EQ(batch.size(), 1u);
    ASSERT_TRUE(store->SaveExtract(batch[0].id, run, "placeholder").ok());
  }
  // Back to what version 3 had.
  ASSERT_EQ(Admin("ALTER TABLE extracts ALTER COLUMN data TYPE TEXT "
                  "USING convert_from(data, 'UTF8')"), "");
  ASSERT_EQ(Admin(R"(UPDATE extracts SET data = '{"claims":["é"]}')"), "");
  ASSERT_EQ(Admin("DROP INDEX articles_without_claims"), "");
  ASSERT_EQ(Admin("ALTER TABLE articles DROP COLUMN claims_made"), "");
  ASSERT_EQ(Admin("UPDATE schema_version SET version = 3"), "");
  auto store = MustOpen(url_);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kStoreSchemaVersion);
  EXPECT_EQ(AdminInt("SELECT count(*) FROM information_schema.columns WHERE "
                     "table_name = 'extracts' AND column_name = 'data' AND "
                     "data_type = 'bytea' AND table_schema = current_schema()"), 1);
  const auto extracts = Must(store->LoadExtracts());
  ASSERT_EQ(extracts.size(), 1u);
  EXPECT_EQ(extracts[0].second, R"({"claims":["é"]})");
}

TEST_F(PgStoreTest, UpgradeToVersion5KeepsEveryRunsScores) {
  const std::vector<int64_t> runs = SaveVersion4Scores(url_);
  ASSERT_EQ(AdminInt("SELECT count(*) FROM scores"), 10);
  ASSERT_EQ(Admin("DROP INDEX scores_by_source"), "");
  ASSERT_EQ(Admin("UPDATE schema_version SET version = 4"), "");
  auto store = MustOpen(url_);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->schema_version(), kStoreSchemaVersion);
  EXPECT_EQ(AdminInt("SELECT count(*) FROM scores"), 7);
  ExpectVersion4Scores(*store, runs);
}

TEST_F(PgStoreTest, ThreeWorkersProcessEachArticleExactlyOnce) {
  auto store = MustOpen(url_);
  ASSERT_NE(store, nullptr);
  constexpr int kArticles = 200;
  for (int i = 0; i < kArticles; ++i) {
    ASSERT_TRUE(Must(store->AddArticle("s", "a" + std::to_string(i),
                                       "article " + std::to_string(i))));
  }
  const int64_t run = Must(store->BeginRun("{}"));
  std::mutex mu;
  std::map<int64_t, int> processed;
  std::vector<int> per_worker(3, 0);
  std::vector<std::string> errors;
  std::vector<std::thread> workers;
  for (int w = 0; w < 3; ++w) {
    workers.emplace_back([&, w] {
      StatusOr<std::unique_ptr<Store>> opened = Store::Open(url_);
      if (!opened.ok()) {
        std::lock_guard<std::mutex> lock(mu);
        errors.push_back(opened.status().message());
        return;
      }
      Store& mine = **opened;
      while (true) {
        StatusOr<std::vector<StoreArticle>> batch = mine.ClaimPending(run, 7);
        if (!batch.ok() || batch->empty()) {
          if (!batch.ok()) {
            std::lock_guard<std::mutex> lock(mu);
            errors.push_back(batch.status().message());
          }
          return;
        }
        for (const StoreArticle& a : *batch) {
          {
            std::lock_guard<std::mutex> lock(mu);
            ++processed[a.id];
            ++per_worker[w];
          }
          std::this_thread::sleep_for(std::chrono::microseconds(300));
          const Status saved = mine.SaveExtract(
              a.id, run, "{\"worker\":" + std::to_string(w) + "}");
          if (!saved.ok()) {
            std::lock_guard<std::mutex> lock(mu);
            errors.push_back(saved.message());
          }
        }
      }
    });
  }
  for (std::thread& t : workers) t.join();
  EXPECT_TRUE(errors.empty()) << errors.front();
  ASSERT_EQ(processed.size(), static_cast<size_t>(kArticles));
  for (const auto& [id, times] : processed)
    EXPECT_EQ(times, 1) << "article " << id;
  EXPECT_EQ(Must(store->LoadExtracts()).size(), static_cast<size_t>(kArticles));
  EXPECT_EQ(
      AdminInt("SELECT count(*) FROM articles WHERE processed_run IS NULL"), 0);
  int busy = 0;
  for (const int n : per_worker) busy += n > 0;
  EXPECT_GE(busy, 2) << "the workers did not run concurrently";
}

// A worker SIGKILLed mid-batch loses its claim with its connection: the
// articles, including those it had "saved", are pending again.
TEST_F(PgStoreTest, DeadWorkerLeavesNothingClaimed) {
  auto store = MustOpen(url_);
  ASSERT_NE(store, nullptr);
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(Must(store->AddArticle("s", "a" + std::to_string(i),
                                       "text " + std::to_string(i))));
  }
  const int64_t run = Must(store->BeginRun("{}"));
  const Child child = Spawn([&](int out) {
    // Its own connections; never touches (nor closes) the parent's.
    StatusOr<std::unique_ptr<Store>> worker = Store::Open(url_);
    if (!worker.ok()) _exit(2);
    StatusOr<std::vector<StoreArticle>> batch = (*worker)->ClaimPending(run, 5);
    if (!batch.ok() || batch->size() != 5) _exit(3);
    if (!(*worker)->SaveExtract((*batch)[0].id, run, "{}").ok()) _exit(4);
    WriteLine(out, "claimed");
    raise(SIGKILL);
    _exit(5);
  });
  ASSERT_GE(child.pid, 0);
  ASSERT_EQ(DrainAndClose(child.out), "claimed\n");
  int status = 0;
  ASSERT_EQ(waitpid(child.pid, &status, 0), child.pid);
  ASSERT_TRUE(WIFSIGNALED(status));
  // The server notices the closed socket at once, but asynchronously.
  size_t claimable = 0;
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (claimable < 10 && std::chrono::steady_clock::now() < deadline) {
    auto probe = MustOpen(url_);
    ASSERT_NE(probe, nullptr);
    claimable = Must(probe->ClaimPending(run, 100)).size();
    if (claimable < 10)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(claimable, 10u);
  EXPECT_EQ(AdminInt("SELECT count(*) FROM extracts"), 0);
}

// The second stage between two workers: a batch one holds is skipped by the
// other and still counted as pending until it is saved with claims.
TEST_F(PgStoreTest, SecondStageClaimsAreDisjointAndCountedUntilSaved) {
  std::unique_ptr<Store> a, b;
  int64_t run = 0;
  ASSERT_NO_FATAL_FAILURE(TwoWorkersOnTwoArticles(&a, &b, &run));
  for (const StoreArticle& art : Must(a->ClaimPending(run, 10)))
    ASSERT_TRUE(a->SaveExtract(art.id, run, "partial", /*with_claims=*/false).ok());
  EXPECT_EQ(Must(b->CountPending(run, ClaimStage::kUnanalysed)), 0);
  EXPECT_EQ(Must(b->CountPending(run, ClaimStage::kWithoutClaims)), 2);
  const auto mine = Must(a->ClaimPending(run, 1, ClaimStage::kWithoutClaims));
  ASSERT_EQ(mine.size(), 1u);
  const auto theirs = Must(b->ClaimPending(run, 10, ClaimStage::kWithoutClaims));
  ASSERT_EQ(theirs.size(), 1u) << "the one a holds is skipped";
  EXPECT_NE(theirs[0].id, mine[0].id);
  ASSERT_TRUE(b->SaveExtract(theirs[0].id, run, "whole").ok());
  // b waits for a: a's article is still without claims.
  EXPECT_EQ(Must(b->CountPending(run, ClaimStage::kWithoutClaims)), 1);
  ASSERT_TRUE(a->SaveExtract(mine[0].id, run, "whole").ok());
  EXPECT_EQ(Must(b->CountPending(run, ClaimStage::kWithoutClaims)), 0);
  EXPECT_TRUE(Must(b->ClaimPending(run, 10, ClaimStage::kWithoutClaims)).empty());
}

TEST_F(PgStoreTest, SavingAnotherWorkersArticleRefuses) {
  std::unique_ptr<Store> a, b;
  int64_t run = 0;
  ASSERT_NO_FATAL_FAILURE(TwoWorkersOnTwoArticles(&a, &b, &run));
  const auto mine = Must(a->ClaimPending(run, 1));
  ASSERT_EQ(mine.size(), 1u);
  const auto theirs = Must(b->ClaimPending(run, 10));  // skips the locked one
  ASSERT_EQ(theirs.size(), 1u);
  EXPECT_NE(theirs[0].id, mine[0].id);
  const Status refused = b->SaveExtract(mine[0].id, run, "{}");
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_THAT(refused.message(), HasSubstr("claimed by another worker"));
  EXPECT_EQ(b->SaveExtract(424242, run, "{}").code(), StatusCode::kNotFound);
  ASSERT_TRUE(a->SaveExtract(mine[0].id, run, "{}").ok());
  ASSERT_TRUE(b->SaveExtract(theirs[0].id, run, "{}").ok());
  EXPECT_EQ(Must(a->LoadExtracts()).size(), 2u);
}

}  // namespace
}  // namespace crosscheck
