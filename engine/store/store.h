// The store: what scheduled runs remember between them.
//
// crosscheck runs daily from cron: new articles arrive in an inbox, a run
// processes only the articles it has not seen, reports what changed since the
// previous run, and editors' review decisions must survive later runs. The
// store keeps all of that:
//
//   articles   by SHA-256 of their bytes (the same article twice is one),
//              with their source, path, and the run that processed them;
//   extracts   each article's extracted data (opaque JSON from the pipeline);
//   runs       start/finish times and two opaque JSON documents;
//   findings   each run's full set, keyed, with an evidence hash;
//   scores     each source's score, recorded by the runs that changed it;
//   reviews    the latest decision per finding key, and an append-only
//              audit log of every decision.
//
// Two back ends behind one interface:
//
//   SQLite (a file path; the default, no setup). WAL journal, synchronous=
//   FULL, foreign keys on, every write one BEGIN IMMEDIATE transaction. One
//   run at a time: BeginRun takes a run lock row (run, host, pid, since);
//   a second BeginRun waits up to StoreOptions::run_lock_wait_ms, then fails
//   naming the holder. A lock whose process is gone (killed, rebooted, pid
//   reused) is stale and taken over.
//
//   PostgreSQL ("postgresql://..." or "postgres://..."), for several workers
//   on several machines sharing one store. Runs take no exclusive lock;
//   workers claim articles with SELECT ... FOR UPDATE SKIP LOCKED inside a
//   transaction that stays open until the claimed articles' extracts are
//   saved and commits with them. A worker that dies holds nothing: its
//   connection ends, the transaction rolls back, the articles are pending
//   again (see ClaimPending).
//
// Errors name the store: the file path, or the URL without its password.
// A Store is used from one thread at a time; give each thread its own.
#ifndef CROSSCHECK_ENGINE_STORE_STORE_H_
#define CROSSCHECK_ENGINE_STORE_STORE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crosscheck/status.h"

namespace crosscheck {

// The schema version this build creates and upgrades older stores to.
inline constexpr int kStoreSchemaVersion = 5;

struct StoreArticle {
  int64_t id = 0;
  std::string hash;  // SHA-256 of content, lowercase hex
  std::string source_id;
  std::string path;
  std::string content;
};

struct StoreFinding {
  std::string key;            // stable across runs: what reviews refer to
  std::string evidence_hash;  // changes when the finding's evidence does
  std::string level;
  std::string json;
};

struct StoreScore {
  std::string source_id;
  int score = 0;
  std::string json;
};

// Review statuses an editor can record.
inline constexpr std::string_view kReviewConfirmed = "confirmed";
inline constexpr std::string_view kReviewDismissed = "dismissed";
inline constexpr std::string_view kReviewNeedsWork = "needs-work";

struct ReviewDecision {
  std::string finding_key;
  std::string status;  // confirmed | dismissed | needs-work
  std::string note;
  std::string by;
  std::string at;             // ISO 8601 UTC; AddReview fills it in when empty
  std::string evidence_hash;  // the finding's evidence hash when reviewed
};

// A finding's review state now, given its current evidence hash.
struct ReviewState {
  // "unreviewed"; "stale" when the evidence changed since the latest
  // decision; else that decision's status. A dismissed finding stays
  // dismissed on later runs unless its evidence changes.
  std::string status;
  std::optional<ReviewDecision> decision;  // the latest decision, if any
};

struct StoreOptions {
  // SQLite: how long a write waits for another connection's transaction.
  // Transactions are short, so this only matters under heavy contention.
  int busy_timeout_ms = 10000;
  // SQLite: how long BeginRun waits for another run to finish before it
  // fails; 0 fails at once (two overlapping cron runs: the second says why
  // and exits rather than piling up).
  int run_lock_wait_ms = 0;
};

// Which pending articles ClaimPending() returns.
enum class ClaimStage {
  kUnanalysed,     // no extract yet
  kWithoutClaims,  // an extract saved without claims (a shared store's
                   // first pass: see engine/checker/run.cc)
};

class Store {
 public:
  // "path/to/file.db" (SQLite; created if missing, its folder must exist) or
  // "postgresql://..." / "postgres://..." (libpq URL). Creates the schema or
  // upgrades an older one in place. An existing file that is not an SQLite
  // database is refused and left untouched.
  static StatusOr<std::unique_ptr<Store>> Open(
      const std::string& location, const StoreOptions& options = {});

  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The file path, or the URL without its password: what errors name.
  const std::string& location() const { return location_; }
  virtual int schema_version() const = 0;

  // Starts a run. SQLite: takes the run lock (see StoreOptions). A Store
  // destroyed before FinishRun releases the lock and leaves the run
  // unfinished, which PreviousRun ignores.
  virtual StatusOr<int64_t> BeginRun(const std::string& info_json) = 0;
  // Marks the run finished and releases the lock.
  virtual Status FinishRun(int64_t run, const std::string& summary_json) = 0;
  // The last finished run started before `run`; 0 when there is none.
  virtual StatusOr<int64_t> PreviousRun(int64_t run) = 0;
  // Whether another connection (another process, or another Store on the
  // same file) may have changed the store since the previous call on this
  // Store; true on the first call. A resident run (RunSession) keeps what it
  // read of the store between runs only while this says false. SQLite: PRAGMA
  // data_version. PostgreSQL: always true (other workers share the store).
  virtual StatusOr<bool> ChangedByOthers() = 0;

  // Adds the article unless its content hash is already stored (whatever
  // its source or path); true when it was new.
  StatusOr<bool> AddArticle(const std::string& source_id, const std::string& path,
                            std::string_view content) {
    if (source_id.empty())
      return Status::InvalidArgument(Describe("article " + path + ": empty source id"));
    return DoAddArticle(source_id, path, content);
  }
  // Up to `max` articles at `stage`, oldest first, never one this Store
  // already returned for this run and stage (so an article the pipeline
  // skips is not handed out again and again; the next run retries it).
  //
  // PostgreSQL: the articles are row-locked (FOR UPDATE SKIP LOCKED) in a
  // transaction on a second connection, so concurrent workers get disjoint
  // sets. That transaction commits when every claimed article has been
  // saved, or at the next ClaimPending, FinishRun or destruction; until then
  // the saved extracts are not durable. If the worker dies, the
  // transaction and its locks vanish with the connection and the articles
  // are pending again: nothing is lost and nothing is half-claimed.
  StatusOr<std::vector<StoreArticle>> ClaimPending(
      int64_t run, size_t max, ClaimStage stage = ClaimStage::kUnanalysed) {
    return DoClaimPending(run, max, stage);
  }
  // Stores the article's extract and marks it processed by `run` (an
  // unfinished run), atomically. Saving again replaces the extract.
  // `with_claims` false: the extract has no claims yet, and the article is
  // pending at ClaimStage::kWithoutClaims until it is saved again with them.
  Status SaveExtract(int64_t article, int64_t run, const std::string& extract,
                     bool with_claims = true) {
    return DoSaveExtract(article, run, extract, with_claims);
  }
  // Articles at `stage` that this Store has not returned for `run`
  // (PostgreSQL: including those other workers hold but have not saved).
  virtual StatusOr<int64_t> CountPending(int64_t run, ClaimStage stage) = 0;
  // Every stored extract as (article id, bytes), by article id.
  virtual StatusOr<std::vector<std::pair<int64_t, std::string>>>
  LoadExtracts() = 0;
  // One stored article, content included (to analyse it again).
  virtual StatusOr<StoreArticle> LoadArticle(int64_t article) = 0;

  // Replaces the run's findings with this full set (keys unique).
  Status SaveFindings(int64_t run, const std::vector<StoreFinding>& findings);
  virtual StatusOr<std::vector<StoreFinding>> LoadFindings(int64_t run) = 0;
  // Records the run's scores (sources unique), replacing any this run
  // recorded before. A run records only the scores that changed: a source
  // it does not give keeps the score it had as of the run before.
  Status SaveScores(int64_t run, const std::vector<StoreScore>& scores);
  // Each source's score as of `run`: its latest record from `run` or a
  // finished run before it (an unfinished run's records are ignored), by
  // source id (byte order).
  virtual StatusOr<std::vector<StoreScore>> LoadScores(int64_t run) = 0;

  // Records a decision: appends it to the audit log and makes it the key's
  // current decision, in one transaction.
  Status AddReview(const ReviewDecision& decision);
  // Every decision ever recorded, oldest first. The log is append-only: the
  // database itself refuses UPDATE and DELETE on it.
  virtual StatusOr<std::vector<ReviewDecision>> AuditLog() = 0;
  virtual StatusOr<ReviewState> CurrentReview(
      const std::string& finding_key,
      const std::string& current_evidence_hash) = 0;

 protected:
  explicit Store(std::string location) : location_(std::move(location)) {}

  // "store <location>: <message>", the prefix every error carries.
  std::string Describe(std::string_view message) const;
  // FailedPrecondition when `version` is newer than this build knows: a
  // store is never downgraded.
  Status RefuseNewerSchema(int version) const;

  // REQUIRES: source_id is not empty.
  virtual StatusOr<bool> DoAddArticle(const std::string& source_id, const std::string& path,
                                      std::string_view content) = 0;
  virtual StatusOr<std::vector<StoreArticle>> DoClaimPending(int64_t run, size_t max,
                                                             ClaimStage stage) = 0;
  virtual Status DoSaveExtract(int64_t article, int64_t run,
                               const std::string& extract, bool with_claims) = 0;
  // REQUIRES: the input passed the checks of the public method (unique
  // keys and sources; a decision with a key, a known status, who, and when).
  virtual Status DoSaveFindings(int64_t run, const std::vector<StoreFinding>& findings) = 0;
  virtual Status DoSaveScores(int64_t run, const std::vector<StoreScore>& scores) = 0;
  virtual Status DoAddReview(const ReviewDecision& decision) = 0;

 private:
  std::string location_;
};

// SHA-256 of `bytes` as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view bytes);

// A libpq URL with any password removed (user:secret@ and password=...),
// for error messages and logs.
std::string RedactUrl(std::string_view url);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_STORE_STORE_H_
