// Resident runs (RunSession, what `watch` uses) against fresh runs: after
// every batch, a session that kept the store's extracts, clusters and copy
// sketches in memory reports byte for byte what a fresh RunStore() on a copy
// of the same store reports, and what `check` says of the same articles.
// Also: the pieces that make it incremental (EntityIndex finished in parts,
// CopyIndex grown and shrunk) give what building them at once gives.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "crosscheck/checker.h"
#include "crosscheck/run.h"
#include "engine/checker/pipeline.h"
#include "engine/ingest/ingest.h"
#include "engine/report/report_writer.h"
#include "engine/report/run_report.h"
#include "engine/score/copies.h"
#include "tests/store/raw_db.h"

namespace crosscheck {
namespace {

namespace fs = std::filesystem;

fs::path SourceDir() { return CROSSCHECK_SOURCE_DIR; }

fs::path FreshDir(const std::string& name) {
  const fs::path dir = fs::path(testing::TempDir()) / ("crosscheck_session_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// An SQLite store copied with its write-ahead log (a session keeps its
// connection open, so recent commits may be in the log only).
void CopyStore(const std::string& from, const fs::path& to) {
  fs::copy_file(from, to);
  if (fs::exists(from + "-wal")) fs::copy_file(from + "-wal", to.string() + "-wal");
}

void WriteAll(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// Every article file of the repository's own corpora (the three test
// stories and the example corpus), in name order.
std::vector<fs::path> ArticleFiles() {
  std::vector<fs::path> files;
  for (const fs::path& root : {SourceDir() / "tests" / "data" / "stories",
                               SourceDir() / "examples" / "corpus"})
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      const std::string ext = e.path().extension().string();
      if (e.is_regular_file() && (ext == ".txt" || ext == ".html" || ext == ".md"))
        files.push_back(e.path());
    }
  std::sort(files.begin(), files.end());
  return files;
}

// The run's JSON without what differs between two stores by design (run
// numbers).
std::string Comparable(const RunResult& r) {
  RunResult copy = r;
  copy.run = 0;
  copy.previous_run = 0;
  copy.reanalysed = 0;  // which articles a run analyses again may differ
  copy.analysed = 0;
  return WriteRunJson(copy) + WriteJsonReport(r.report);
}

TEST(RunSessionTest, ResidentRunsReportWhatFreshRunsReport) {
  const fs::path dir = FreshDir("batches");
  const fs::path inbox = dir / "inbox";
  fs::create_directories(inbox);
  RunOptions options;
  options.store = (dir / "resident.db").string();
  options.inbox = {inbox.string()};
  StatusOr<std::unique_ptr<RunSession>> session = RunSession::Open(options);
  ASSERT_TRUE(session.ok()) << session.status().message();

  // Five batches: the articles shuffled (so clusters grow in no tidy
  // order), then two articles that change a stored one's clusters ("Mr
  // Smith" becomes "John Smith"), then nothing new.
  std::vector<fs::path> files = ArticleFiles();
  ASSERT_GE(files.size(), 15u);
  std::mt19937 rng(7);
  std::shuffle(files.begin(), files.end(), rng);
  std::vector<std::vector<std::pair<std::string, std::string>>> batches(5);
  for (size_t i = 0; i < files.size(); ++i)
    batches[i % 3].push_back({std::to_string(i) + "-" + files[i].filename().string(),
                              ReadAll(files[i])});
  batches[3].push_back({"smith-a.txt",
                        "Flood in the valley\n\nThe river burst its banks on Monday. Mr Smith "
                        "said 3,000 people were evacuated from the town.\n"});
  batches[3].push_back({"smith-b.txt",
                        "Valley flood\n\nJohn Smith, the mayor, said on Tuesday that about "
                        "5,000 people were evacuated from the town. Mr Smith said the river "
                        "was still rising.\n"});
  size_t total = 0, analysed_again = 0;
  for (size_t b = 0; b < batches.size(); ++b) {
    SCOPED_TRACE("batch " + std::to_string(b + 1));
    for (const auto& [name, text] : batches[b]) WriteAll(inbox / name, text);
    total += batches[b].size();
    // The fresh run works on a copy of the resident store as it was before
    // this batch, so both see the same stored runs and findings.
    const fs::path fresh_store = dir / ("fresh" + std::to_string(b) + ".db");
    CopyStore(options.store, fresh_store);
    StatusOr<RunResult> resident = (*session)->Run();
    ASSERT_TRUE(resident.ok()) << resident.status().message();
    RunOptions fresh_options = options;
    fresh_options.store = fresh_store.string();
    StatusOr<RunResult> fresh = RunStore(fresh_options);
    ASSERT_TRUE(fresh.ok()) << fresh.status().message();
    EXPECT_EQ(resident->stored, total);
    EXPECT_EQ(resident->analysed, batches[b].size()) << "only the new articles";
    EXPECT_EQ(Comparable(*resident), Comparable(*fresh));
    analysed_again += resident->reanalysed;
    StatusOr<Report> checked = Check({inbox.string()});
    ASSERT_TRUE(checked.ok()) << checked.status().message();
    EXPECT_EQ(WriteJsonReport(resident->report), WriteJsonReport(*checked));
  }
  // The Smith batch changed a stored article's clusters, and the session
  // noticed without reading the store again.
  EXPECT_GE(analysed_again, 1u);
  // The last run changed no score, so it recorded none.
  testutil::RawDb raw(options.store);
  EXPECT_EQ(raw.QueryInt("SELECT count(*) FROM scores WHERE run_id = (SELECT max(id) FROM runs)"),
            0);
  EXPECT_EQ(raw.QueryInt("SELECT count(DISTINCT source_id) FROM scores"),
            static_cast<int64_t>(total));
}

TEST(RunSessionTest, AnotherWriterMakesTheSessionReadTheStoreAgain) {
  const fs::path dir = FreshDir("other_writer");
  const std::vector<fs::path> files = ArticleFiles();
  RunOptions mine;
  mine.store = (dir / "s.db").string();
  mine.inbox = {(dir / "mine").string()};
  WriteAll(dir / "mine" / "a.txt", ReadAll(files[0]));
  StatusOr<std::unique_ptr<RunSession>> session = RunSession::Open(mine);
  ASSERT_TRUE(session.ok()) << session.status().message();
  ASSERT_TRUE((*session)->Run().ok());
  // Another process's run adds two articles to the same store.
  RunOptions other = mine;
  other.inbox = {(dir / "other").string()};
  WriteAll(dir / "other" / "b.txt", ReadAll(files[1]));
  WriteAll(dir / "other" / "c.txt", ReadAll(files[2]));
  StatusOr<RunResult> theirs = RunStore(other);
  ASSERT_TRUE(theirs.ok()) << theirs.status().message();
  ASSERT_EQ(theirs->stored, 3u);
  // The session's next run has nothing new in its inbox, but reports all
  // three articles, as a fresh run does.
  StatusOr<RunResult> again = (*session)->Run();
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->stored, 3u);
  EXPECT_EQ(again->previous_run, theirs->run);
  const fs::path copy = dir / "copy.db";
  CopyStore(mine.store, copy);
  RunOptions fresh = mine;
  fresh.store = copy.string();
  StatusOr<RunResult> fresh_run = RunStore(fresh);
  ASSERT_TRUE(fresh_run.ok());
  EXPECT_EQ(WriteJsonReport(again->report), WriteJsonReport(fresh_run->report));
}

TEST(RunSessionTest, EditedRulesAreUsedByTheNextRun) {
  const fs::path dir = FreshDir("rules");
  fs::copy(SourceDir() / "rules", dir / "rules", fs::copy_options::recursive);
  RunOptions options;
  options.store = (dir / "s.db").string();
  options.inbox = {(dir / "inbox").string()};
  options.check.rule_paths = {(dir / "rules").string()};
  const std::vector<fs::path> files = ArticleFiles();
  WriteAll(dir / "inbox" / "a.txt", ReadAll(files[0]));
  WriteAll(dir / "inbox" / "b.txt", ReadAll(files[1]));
  StatusOr<std::unique_ptr<RunSession>> session = RunSession::Open(options);
  ASSERT_TRUE(session.ok()) << session.status().message();
  StatusOr<RunResult> first = (*session)->Run();
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_EQ(first->analysed, 2u);
  StatusOr<RunResult> same = (*session)->Run();
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->reanalysed, 0u);
  // Any change to a rule file is a new pipeline: every article is analysed
  // again, as a fresh process would.
  fs::path any_rule_file;
  for (const auto& e : fs::recursive_directory_iterator(dir / "rules"))
    if (e.path().extension() == ".yaml") any_rule_file = e.path();
  std::ofstream(any_rule_file, std::ios::app) << "\n# edited\n";
  StatusOr<RunResult> edited = (*session)->Run();
  ASSERT_TRUE(edited.ok()) << edited.status().message();
  EXPECT_EQ(edited->reanalysed, 2u);
}

// Extracts of the repository's own articles, through the pipeline.
std::vector<ArticleExtract> Extracts(const Pipeline& pipeline) {
  std::vector<ArticleExtract> out;
  const EntityIndex scanner(pipeline.rules());
  for (const fs::path& f : ArticleFiles()) {
    StatusOr<Document> doc = ParseArticle(ReadAll(f), f.extension().string().substr(1),
                                          f.string(), f.stem().string());
    if (!doc.ok()) continue;
    out.push_back(pipeline.BeginExtract(pipeline.Analyse(std::move(*doc), scanner)));
  }
  return out;
}

// What ClusterOf() gives each mention, as ClaimContext() sees it.
std::map<std::string, std::string> Views(const std::vector<ArticleExtract>& extracts,
                                         const EntityIndex& index) {
  std::map<std::string, std::string> out;
  for (const ArticleExtract& x : extracts)
    for (const MentionKey& k : x.mentions) {
      Mention m;
      m.kind = k.kind;
      m.key = k.key;
      m.entity = k.entity;
      m.tentative = k.tentative;
      const int c = index.ClusterOf(m);
      out[k.key + "/" + std::to_string(k.entity) + "/" + std::to_string(k.tentative)] =
          c < 0 ? "-" : index.cluster(c).id + "|" + index.cluster(c).name;
    }
  return out;
}

TEST(EntityIndexPartsTest, FinishedInPartsInAnyOrderEqualsFinishedAtOnce) {
  StatusOr<std::unique_ptr<Pipeline>> p = Pipeline::Create(CheckOptions{});
  ASSERT_TRUE(p.ok()) << p.status().message();
  const std::vector<ArticleExtract> extracts = Extracts(**p);
  ASSERT_GE(extracts.size(), 15u);
  EntityIndex at_once((*p)->rules());
  for (const ArticleExtract& x : extracts) AddToIndex(x, &at_once);
  at_once.Finish();
  const std::map<std::string, std::string> want = Views(extracts, at_once);

  // Backwards, finished after every article: each Finish() lists every
  // mention whose view changed since the one before.
  EntityIndex parts((*p)->rules());
  std::vector<ArticleExtract> seen;
  std::map<std::string, std::string> before;
  for (auto it = extracts.rbegin(); it != extracts.rend(); ++it) {
    AddToIndex(*it, &parts);
    seen.push_back(*it);
    parts.Finish();
    const EntityIndex::Changes& changes = parts.changes();
    const std::map<std::string, std::string> now = Views(seen, parts);
    if (!changes.all) {
      std::set<std::string> listed(changes.keys.begin(), changes.keys.end());
      listed.insert(changes.firm_keys.begin(), changes.firm_keys.end());
      std::set<int> entities(changes.entities.begin(), changes.entities.end());
      for (const ArticleExtract& x : seen)
        for (const MentionKey& k : x.mentions) {
          const std::string id =
              k.key + "/" + std::to_string(k.entity) + "/" + std::to_string(k.tentative);
          const auto old = before.find(id);
          if (old == before.end() || old->second == now.at(id)) continue;
          EXPECT_TRUE(k.entity >= 0 ? entities.count(k.entity) > 0 : listed.count(k.key) > 0)
              << k.key << ": " << old->second << " -> " << now.at(id) << " not listed";
        }
    }
    before = now;
  }
  EXPECT_EQ(before, want);
}

// Names made to compete for ids: "Ab", "AB" and "ab" share the slug "ab",
// "Ab 2" is "ab-2", which the second "ab" cluster would take as well, and
// so on. Random counts, links and person keys, in random order, finished
// at random points: each time, the index finished in parts gives every
// name the cluster (id, name, type) that an index given everything at once
// gives, and lists every name whose view changed.
TEST(EntityIndexPartsTest, CompetingIdsSettleAsIfAddedAtOnce) {
  StatusOr<std::unique_ptr<Pipeline>> p = Pipeline::Create(CheckOptions{});
  ASSERT_TRUE(p.ok()) << p.status().message();
  const RuleSet& rules = (*p)->rules();
  const std::vector<std::string> keys = {"Ab",   "AB",     "Ab 2", "AB 2",  "Ab 3", "Ab 2 2",
                                         "Ab 22", "Cd",    "CD",   "Cd 2",  "Ab Cd", "AB CD 2"};
  struct Op {
    int kind;  // 0 name, 1 link, 2 person key
    std::string a, b;
    int count;
  };
  auto view = [](const EntityIndex& index, const std::string& key) {
    Mention m;
    m.key = key;
    const int c = index.ClusterOf(m);
    if (c < 0) return std::string("-");
    const Cluster& cl = index.cluster(c);
    return cl.id + "|" + cl.name + "|" + std::to_string(static_cast<int>(cl.type));
  };
  auto apply = [](const Op& op, EntityIndex* index) {
    if (op.kind == 0) index->AddName(op.a, -1, op.count);
    else if (op.kind == 1) index->AddRelations({{op.a, op.b}}, {}, {});
    else index->AddRelations({}, {op.a}, {});
  };
  std::mt19937 rng(11);
  int finishes = 0, renames = 0;
  for (int trial = 0; trial < 60; ++trial) {
    std::vector<Op> ops;
    EntityIndex parts(rules);
    std::map<std::string, std::string> before;
    for (int step = 0; step < 40; ++step) {
      Op op{static_cast<int>(rng() % 10 < 7 ? 0 : rng() % 10 < 7 ? 1 : 2),
            keys[rng() % keys.size()], keys[rng() % keys.size()], 1 + static_cast<int>(rng() % 3)};
      ops.push_back(op);
      apply(op, &parts);
      if (rng() % 4 != 0 && step != 39) continue;
      parts.Finish();
      ++finishes;
      EntityIndex at_once(rules);
      for (const Op& o : ops) apply(o, &at_once);
      at_once.Finish();
      std::map<std::string, std::string> now;
      for (const std::string& key : keys) {
        now[key] = view(parts, key);
        EXPECT_EQ(now[key], view(at_once, key)) << "trial " << trial << " step " << step;
      }
      const EntityIndex::Changes& changes = parts.changes();
      if (!changes.all) {
        const std::set<std::string> listed(changes.keys.begin(), changes.keys.end());
        for (const auto& [key, v] : now) {
          const auto old = before.find(key);
          const std::string was = old == before.end() ? "-" : old->second;
          if (was == v) continue;
          renames += was != "-" && v != "-";
          EXPECT_TRUE(listed.count(key)) << key << ": " << was << " -> " << v << " not listed";
        }
      }
      before = now;
    }
  }
  EXPECT_GT(finishes, 500);
  EXPECT_GT(renames, 100);  // the test saw ids move
}

TEST(CopyIndexTest, GrownShrunkAndGrownAgainItFindsWhatDetectCopiesFinds) {
  // The BBC business section has real copies; without ../shared, the
  // repository's corpora (one copy).
  std::vector<Document> docs;
  const fs::path bbc = SourceDir() / ".." / "shared" / "corpus" / "bbc-news-2004" / "news" / "business";
  std::vector<fs::path> files;
  if (fs::is_directory(bbc)) {
    for (const auto& e : fs::directory_iterator(bbc)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
  } else {
    files = ArticleFiles();
  }
  for (const fs::path& f : files) {
    StatusOr<Document> doc =
        ParseArticle(ReadAll(f), f.extension().string().substr(1), f.string(), f.stem().string());
    if (doc.ok()) docs.push_back(std::move(*doc));
  }
  std::vector<std::vector<uint64_t>> shingles;
  for (const Document& d : docs) shingles.push_back(Shingles(d, CopyOptions().shingle_words));
  std::vector<CopySource> sources;
  std::vector<uint64_t> keys;
  for (size_t i = 0; i < docs.size(); ++i) {
    sources.push_back({&docs[i].id, docs[i].published, &shingles[i]});
    keys.push_back(1000 + i);
  }
  auto text = [](const std::vector<CopyRelation>& rs) {
    std::string out;
    for (const CopyRelation& r : rs)
      out += r.copy + " < " + r.original + " " + std::to_string(r.shared) + "\n";
    return out;
  };
  const std::string want = text(DetectCopies(sources));
  ASSERT_FALSE(want.empty()) << "the corpus should hold copies";

  // Added in a shuffled order; half taken out; added again.
  std::vector<size_t> order(docs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(3);
  std::shuffle(order.begin(), order.end(), rng);
  CopyIndex index;
  for (const size_t i : order) index.Add(keys[i], &shingles[i]);
  EXPECT_EQ(text(index.pairs().Relations(sources, keys)), want);
  for (size_t n = 0; n < order.size() / 2; ++n) index.Remove(keys[order[n]]);
  for (size_t n = 0; n < order.size() / 2; ++n) EXPECT_FALSE(index.Contains(keys[order[n]]));
  for (size_t n = 0; n < order.size() / 2; ++n) index.Add(keys[order[n]], &shingles[order[n]]);
  EXPECT_EQ(text(index.pairs().Relations(sources, keys)), want);

  // The same with the shingles outside the index, as `check` keeps them (in
  // its temporary file): each article's copy is gone once Add() returns, and
  // the index asks the loader for an article's shingles only to compare it
  // exactly or to remove it.
  CopyIndex loading;
  std::map<uint64_t, std::vector<uint64_t>> stored;
  size_t loads = 0;
  loading.LoadShinglesWith([&](uint64_t key, std::vector<uint64_t>* out) {
    ++loads;
    *out = stored.at(key);
  });
  auto add = [&](size_t i) {
    stored[keys[i]] = shingles[i];
    std::vector<uint64_t> passed = shingles[i];
    loading.Add(keys[i], &passed);
    passed.assign(passed.size(), 0);  // freed or reused by the caller
  };
  for (const size_t i : order) add(i);
  EXPECT_EQ(text(loading.pairs().Relations(sources, keys)), want);
  EXPECT_GT(loads, 0u);
  EXPECT_LT(loads, docs.size() * 4) << "the sketches should spare most comparisons";
  for (size_t n = 0; n < order.size() / 2; ++n) loading.Remove(keys[order[n]]);
  for (size_t n = 0; n < order.size() / 2; ++n) add(order[n]);
  EXPECT_EQ(text(loading.pairs().Relations(sources, keys)), want);
}

}  // namespace
}  // namespace crosscheck
