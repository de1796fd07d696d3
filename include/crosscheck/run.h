// Scheduled runs over a store: `crosscheck run --store S --inbox DIR`.
//
//   RunOptions options;
//   options.store = "crosscheck.db";          // or "postgresql://..."
//   options.inbox = {"inbox/"};
//   StatusOr<RunResult> r = RunStore(options);
//
// A run adds the inbox's articles to the store (an article already stored,
// by content, is not added again), analyses only the articles no run has
// analysed, reuses every other article's stored extract, checks the whole
// store's articles together, saves the findings and scores, and reports
// what changed since the previous finished run. Each article's extract is
// committed as soon as it is made, so a run killed at any point loses no
// committed work and the next run goes on from there.
#ifndef CROSSCHECK_RUN_H_
#define CROSSCHECK_RUN_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "crosscheck/checker.h"
#include "crosscheck/finding.h"
#include "crosscheck/status.h"

namespace crosscheck {

struct RunProgress {
  const char* stage = "";  // "adding", "analysing", "checking"
  size_t done = 0;
  size_t total = 0;
};

struct RunOptions {
  std::string store;               // SQLite file path or postgresql:// URL
  std::vector<std::string> inbox;  // files and folders; may be empty
  CheckOptions check;              // rules, waivers, size limit
  // Analyse every stored article again (after an upgrade of crosscheck that
  // changes what articles yield; rule changes are noticed by themselves).
  bool reanalyse = false;
  size_t batch = 32;          // articles claimed per store transaction
  int lock_wait_ms = 0;       // SQLite: wait this long for another run
  std::function<void(const RunProgress&)> progress;  // may be empty
};

// How a finding differs from the previous run's.
struct FindingChange {
  enum class Kind { kNew, kChanged, kGone };
  Kind kind = Kind::kNew;
  std::string key;
  std::string label;
  std::string level;                // severity now (before, when gone)
  std::vector<std::string> gained;  // "2016: rt, exit-news" (side or sources)
  std::vector<std::string> lost;
  std::string review;  // review status now: unreviewed, stale, confirmed...
};

struct ScoreChange {
  std::string source;
  int before = -1;  // -1: a new source
  int after = -1;   // -1: no longer in the store (never happens today)
};

struct RunResult {
  int64_t run = 0;
  int64_t previous_run = 0;  // 0: the store's first finished run
  size_t inbox_articles = 0;  // articles read from the inbox
  size_t added = 0;           // of those, new to the store
  size_t analysed = 0;        // articles this run analysed for the first time
  size_t reanalysed = 0;      // stored articles analysed again (clusters changed)
  // Shared (PostgreSQL) stores: articles whose claims this run made in its
  // second pass, under the clusters of every article analysed in the first.
  size_t claims_made = 0;
  size_t stored = 0;          // articles in the store, all checked
  Report report;              // the whole store's report, with review marks
  std::vector<FindingChange> changes;  // new, changed, gone; by key
  std::vector<ScoreChange> score_changes;
};

StatusOr<RunResult> RunStore(const RunOptions& options);

// Runs that stay resident (`watch`): the rules are compiled once, and what
// a run read of the store and made of it (every extract, the entity
// clusters, the copy sketches) is kept for the next, which then costs what
// its new articles cost, not what the store holds. Each Run() reports what
// RunStore() would. The store is read again when another connection wrote
// to it since (SQLite's data_version; a PostgreSQL store always), and the
// rules when a rule or waiver file changed.
class RunSession {
 public:
  // Compiles the rules and opens (or creates) the store.
  static StatusOr<std::unique_ptr<RunSession>> Open(const RunOptions& options);
  ~RunSession();
  RunSession(const RunSession&) = delete;
  RunSession& operator=(const RunSession&) = delete;

  StatusOr<RunResult> Run();

 private:
  RunSession();
  struct State;
  std::unique_ptr<State> state_;
};

// The key a store gives a within-source finding ("within/SOURCE/HASH"); a
// contradiction's key is its fact key.
std::string FindingKey(const WithinSourceFinding& finding);

// `crosscheck watch`: RunStore() once, then again whenever articles land in
// the inbox (inotify), one run per burst.
struct WatchOptions {
  RunOptions run;        // run.inbox: exactly one folder
  int settle_ms = 2000;  // a burst ends after this long without a new file
  int max_wait_ms = 30000;  // but a run starts at most this long after it began
  const std::atomic<bool>* stop = nullptr;  // set (e.g. by SIGTERM) to return
};
// Calls `on_run` with each run's result (or its error: a failed run does not
// end the watch). Returns when *stop is set, or on an error watching.
Status WatchInbox(const WatchOptions& options,
                  const std::function<void(StatusOr<RunResult>)>& on_run);

// Records an editor's decision on FINDING (a key from a run's report) in the
// store, against that finding's evidence in the latest finished run.
struct ReviewRequest {
  std::string store;
  std::string finding;
  std::string status;  // confirmed | dismissed | needs-work
  std::string note;
  std::string by;
};
StatusOr<Review> ReviewFinding(const ReviewRequest& request);

}  // namespace crosscheck

#endif  // CROSSCHECK_RUN_H_
