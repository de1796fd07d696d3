// The SQLite store: one file, no setup, one run at a time.
//
// Durability. journal_mode=WAL lets readers (an editor listing findings)
// work while a run writes, and a commit is one append to the -wal file.
// synchronous=FULL fsyncs the WAL at every commit. NORMAL would already be
// safe against the crash this code must survive (SIGKILL: what write()
// handed the kernel is in the page cache and reaches the file), but after a
// power cut or a kernel crash it can lose the last commits. Most of a run can
// be redone from the inbox; editors' review decisions cannot, and the write
// rate here (a transaction per article, a few per run otherwise) makes one
// fsync per commit cheap.
//
// Atomicity. Every write is one BEGIN IMMEDIATE transaction: it takes the
// write lock up front, so two connections never both read and then fail to
// upgrade (SQLITE_BUSY_SNAPSHOT, which the busy timeout cannot wait out),
// and a record is either wholly there or not at all.
//
// The run lock is a row (run, host, pid, boot id, process start time, since)
// rather than a transaction held for the whole run, which would block every
// other writer (editors recording reviews) for hours. A row survives its
// process, so BeginRun checks whether the holder still exists (see
// store_internal::CheckLiveness) and takes over a stale lock.
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <thread>

#include "engine/store/store.h"
#include "engine/store/store_internal.h"

namespace crosscheck {
namespace store_internal {
namespace {

// Migration steps, in order. A released step never changes: stores out
// there were built by it. Each runs in its own transaction together with
// the user_version it sets, so an upgrade interrupted at any point leaves a
// store at some complete version.
constexpr Migration kMigrations[] = {
    {1, R"sql(
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
)sql"},
    // Review decisions: the current one per finding key, and every one ever
    // made in an append-only log the database itself guards.
    {2, R"sql(
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  finding_key TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'dismissed', 'needs-work')),
  note TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  reviewed_at TEXT NOT NULL,
  evidence_hash TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be updated');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted');
END;
CREATE TABLE reviews (
  finding_key TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'dismissed', 'needs-work')),
  note TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  reviewed_at TEXT NOT NULL,
  evidence_hash TEXT NOT NULL,
  audit_id INTEGER NOT NULL REFERENCES audit_log(id)
);
PRAGMA user_version = 2;
)sql"},
    // The run lock, and an index for finding pending articles.
    {3, R"sql(
CREATE TABLE run_lock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  run_id INTEGER NOT NULL REFERENCES runs(id),
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  boot_id TEXT NOT NULL,
  proc_start TEXT NOT NULL,
  since TEXT NOT NULL
);
CREATE INDEX articles_pending ON articles(id) WHERE processed_run IS NULL;
PRAGMA user_version = 3;
)sql"},
    // Extracts are binary (EncodeExtract) and bound as BLOBs; the column's
    // TEXT affinity leaves blobs alone. Rows of older versions are JSON,
    // which DecodeExtract refuses, so the next run analyses those articles
    // again from their stored bytes.
    // And an article may be saved without its claims (ClaimStage).
    {4, R"sql(
ALTER TABLE articles ADD COLUMN claims_made INTEGER NOT NULL DEFAULT 1;
CREATE INDEX articles_without_claims ON articles(id) WHERE claims_made = 0;
PRAGMA user_version = 4;
)sql"},
    // Runs record only the scores that changed (Store::SaveScores). The
    // full sets older runs recorded lose the records that repeat the same
    // source's record of the finished run before, which changes no
    // LoadScores() answer.
    {5, R"sql(
CREATE INDEX IF NOT EXISTS scores_by_source ON scores(source_id, run_id);
DELETE FROM scores WHERE rowid IN (
  SELECT id FROM (
    SELECT s.rowid AS id, s.score AS score, s.data AS data,
           lag(s.run_id) OVER w AS prev_run, lag(s.score) OVER w AS prev_score,
           lag(s.data) OVER w AS prev_data
    FROM scores s JOIN runs r ON r.id = s.run_id
    WHERE r.finished_at IS NOT NULL
    WINDOW w AS (PARTITION BY s.source_id ORDER BY s.run_id))
  WHERE prev_run IS NOT NULL AND prev_score = score AND prev_data = data);
PRAGMA user_version = 5;
)sql"},
};
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) ==
                  kStoreSchemaVersion,
              "one migration step per schema version");

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

// A prepared statement. Binding never fails with valid indices and sizes
// under SQLite's limits; the first failure is kept and reported by Step.
class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* stmt) : stmt_(stmt) {}

  Stmt& Bind(int index, int64_t value) {
    Keep(sqlite3_bind_int64(stmt_.get(), index, value));
    return *this;
  }
  Stmt& Bind(int index, std::string_view text) {
    Keep(sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(),
                             SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
  }
  Stmt& Bind(int index, const char* text) {
    return Bind(index, std::string_view(text));
  }
  Stmt& Bind(int index, const std::string& text) {
    return Bind(index, std::string_view(text));
  }
  // Article bytes need not be UTF-8: a BLOB keeps them exactly.
  Stmt& BindBlob(int index, std::string_view bytes) {
    Keep(sqlite3_bind_blob64(stmt_.get(), index, bytes.data(), bytes.size(),
                             SQLITE_TRANSIENT));
    return *this;
  }

  // Ready to run again with new bindings (a step's error was reported by
  // Step already).
  Stmt& Reset() {
    sqlite3_reset(stmt_.get());
    return *this;
  }

  sqlite3_stmt* get() const { return stmt_.get(); }
  int bind_error() const { return bind_error_; }

  int64_t Int(int column) const {
    return sqlite3_column_int64(stmt_.get(), column);
  }
  bool IsNull(int column) const {
    return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
  }
  std::string Text(int column) const {
    const void* data = sqlite3_column_blob(stmt_.get(), column);
    const int size = sqlite3_column_bytes(stmt_.get(), column);
    return data == nullptr ? std::string()
                           : std::string(static_cast<const char*>(data),
                                         static_cast<size_t>(size));
  }

 private:
  void Keep(int rc) {
    if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
  }

  std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt_;
  int bind_error_ = SQLITE_OK;
};

class SqliteStore;

// BEGIN IMMEDIATE ... COMMIT; rolls back when it goes out of scope
// uncommitted, so an early return never leaves a half-written record.
class Transaction {
 public:
  explicit Transaction(SqliteStore* store) : store_(store) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status Begin();
  Status Commit();

 private:
  SqliteStore* store_;
  bool open_ = false;
};

class SqliteStore : public Store {
 public:
  SqliteStore(std::string path, DbPtr db, const StoreOptions& options)
      : Store(std::move(path)), db_(std::move(db)), options_(options) {}
  ~SqliteStore() override;

  Status Init();

  int schema_version() const override { return schema_version_; }
  StatusOr<int64_t> BeginRun(const std::string& info_json) override;
  Status FinishRun(int64_t run, const std::string& summary_json) override;
  StatusOr<int64_t> PreviousRun(int64_t run) override;
  StatusOr<bool> ChangedByOthers() override;
  StatusOr<int64_t> CountPending(int64_t run, ClaimStage stage) override;
  StatusOr<std::vector<std::pair<int64_t, std::string>>> LoadExtracts()
      override;
  StatusOr<StoreArticle> LoadArticle(int64_t article) override;
  StatusOr<std::vector<StoreFinding>> LoadFindings(int64_t run) override;
  StatusOr<std::vector<StoreScore>> LoadScores(int64_t run) override;
  StatusOr<std::vector<ReviewDecision>> AuditLog() override;
  StatusOr<ReviewState> CurrentReview(
      const std::string& finding_key,
      const std::string& current_evidence_hash) override;

  // Constant SQL without values (BEGIN, PRAGMA, migration scripts).
  Status Exec(const char* sql, std::string_view what);

 protected:
  StatusOr<bool> DoAddArticle(const std::string& source_id, const std::string& path,
                              std::string_view content) override;
  StatusOr<std::vector<StoreArticle>> DoClaimPending(int64_t run, size_t max,
                                                     ClaimStage stage) override;
  Status DoSaveExtract(int64_t article, int64_t run, const std::string& extract,
                       bool with_claims) override;
  Status DoSaveFindings(int64_t run, const std::vector<StoreFinding>& findings) override;
  Status DoSaveScores(int64_t run, const std::vector<StoreScore>& scores) override;
  Status DoAddReview(const ReviewDecision& decision) override;

 private:
  Status Error(std::string_view what, int rc) const;
  // For an I/O error or a full disk: " (the system's reason)" and what to
  // do; "" for other codes.
  std::string OsReason(int rc) const;
  StatusOr<Stmt> Prepare(const char* sql);
  // True when a row is ready, false when the statement is done.
  StatusOr<bool> Step(Stmt& stmt, std::string_view what);
  // Steps a statement that returns no rows.
  Status Run(Stmt& stmt, std::string_view what);
  StatusOr<int> ReadUserVersion();
  Status Migrate();
  // NotFound for a run that does not exist; FailedPrecondition for a
  // finished one when `must_be_open`.
  Status CheckRun(int64_t run, bool must_be_open);
  // One attempt at the run lock: the new run, or FailedPrecondition naming
  // the live holder.
  StatusOr<int64_t> TryBeginRun(const std::string& info_json);

  DbPtr db_;
  StoreOptions options_;
  int schema_version_ = 0;
  int64_t locked_run_ = 0;  // the run whose lock this Store holds
  int64_t data_version_ = -1;  // PRAGMA data_version at the last ChangedByOthers()
  int64_t claim_run_ = 0;   // ClaimPending's run, and how far it has got
  int64_t claim_cursor_[2] = {0, 0};  // per ClaimStage
};

Transaction::~Transaction() {
  if (open_) (void)store_->Exec("ROLLBACK", "rolling back");
}

Status Transaction::Begin() {
  CC_RETURN_IF_ERROR(store_->Exec("BEGIN IMMEDIATE", "starting a transaction"));
  open_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  CC_RETURN_IF_ERROR(store_->Exec("COMMIT", "committing"));
  open_ = false;
  return Status::Ok();
}

Status SqliteStore::Error(std::string_view what, int rc) const {
  std::string message(what);
  message += ": ";
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    message += "the database is locked by another connection (waited " +
               std::to_string(options_.busy_timeout_ms) + " ms)";
    return Status::FailedPrecondition(Describe(message));
  }
  // The failing call was the connection's latest, so its message applies.
  message += db_ != nullptr ? sqlite3_errmsg(db_.get()) : sqlite3_errstr(rc);
  message += OsReason(rc);
  if (primary == SQLITE_CONSTRAINT)
    return Status::InvalidArgument(Describe(message));
  return Status::Internal(Describe(message));
}

std::string SqliteStore::OsReason(int rc) const {
  const int primary = rc & 0xff;
  if (primary != SQLITE_IOERR && primary != SQLITE_FULL) return "";
  // "disk I/O error" alone does not tell a full disk or a file size limit
  // (EFBIG) from a failing disk, and SQLite keeps the errno of a failed
  // write only in the file, so say what the system allows now.
  std::string out;
  if (const int err = db_ != nullptr ? sqlite3_system_errno(db_.get()) : 0; err != 0)
    out += std::string(" (") + std::strerror(err) + ")";
  const bool writing = primary == SQLITE_FULL || rc == SQLITE_IOERR_WRITE ||
                       rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_TRUNCATE ||
                       rc == SQLITE_IOERR_SHMSIZE;
  if (!writing) return out;
  std::string facts;
  struct rlimit limit {};
  if (getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
    facts += "file size limit (ulimit -f) " + std::to_string(limit.rlim_cur) + " bytes";
  std::filesystem::path dir = std::filesystem::path(location()).parent_path();
  if (dir.empty()) dir = ".";
  struct statvfs fs {};
  if (statvfs(dir.c_str(), &fs) == 0)
    facts += (facts.empty() ? "" : ", ") +
             std::to_string(static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize) +
             " bytes free on the store's file system";
  if (!facts.empty()) out += " [" + facts + "]";
  return out + "; what was committed before is kept: make room and run again";
}

Status SqliteStore::Exec(const char* sql, std::string_view what) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string message(what);
  if (err != nullptr) {
    message += ": ";
    message += err;
    sqlite3_free(err);
  }
  const int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    return Error(what, rc);
  message += OsReason(rc);
  return Status::Internal(Describe(message));
}

StatusOr<Stmt> SqliteStore::Prepare(const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_.get(), sql, -1, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return Error("preparing a statement", rc);
  }
  return Stmt(stmt);
}

StatusOr<bool> SqliteStore::Step(Stmt& stmt, std::string_view what) {
  if (stmt.bind_error() != SQLITE_OK) return Error(what, stmt.bind_error());
  const int rc = sqlite3_step(stmt.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Error(what, rc);
}

Status SqliteStore::Run(Stmt& stmt, std::string_view what) {
  CC_ASSIGN_OR_RETURN(const bool row, Step(stmt, what));
  (void)row;
  return Status::Ok();
}

StatusOr<int> SqliteStore::ReadUserVersion() {
  CC_ASSIGN_OR_RETURN(Stmt stmt, Prepare("PRAGMA user_version"));
  CC_ASSIGN_OR_RETURN(const bool row, Step(stmt, "reading the schema version"));
  return row ? static_cast<int>(stmt.Int(0)) : 0;
}

Status SqliteStore::Init() {
  sqlite3_extended_result_codes(db_.get(), 1);
  if (sqlite3_db_readonly(db_.get(), "main") == 1) {
    return Status::FailedPrecondition(
        Describe("the file is read-only; a store must be writable"));
  }
  sqlite3_busy_timeout(db_.get(), std::max(0, options_.busy_timeout_ms));
  // Reading the schema first turns "not a database" and corruption into an
  // error before any pragma below writes to the file.
  int64_t objects = 0;
  {
    // Scoped: a statement that has returned a row holds a read transaction
    // until it is finalized, and journal_mode cannot change inside one.
    CC_ASSIGN_OR_RETURN(Stmt probe,
                        Prepare("SELECT count(*) FROM sqlite_master"));
    CC_ASSIGN_OR_RETURN(const bool has_row, Step(probe, "reading the schema"));
    if (has_row) objects = probe.Int(0);
  }
  CC_ASSIGN_OR_RETURN(const int version, ReadUserVersion());
  if (version == 0 && objects > 0) {
    return Status::FailedPrecondition(Describe(
        "is an SQLite database of something else (it has tables but no "
        "crosscheck schema version); refusing to change it"));
  }
  CC_RETURN_IF_ERROR(RefuseNewerSchema(version));

  CC_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys = ON", "enabling foreign keys"));
  {
    CC_ASSIGN_OR_RETURN(Stmt stmt, Prepare("PRAGMA journal_mode = WAL"));
    CC_ASSIGN_OR_RETURN(const bool row, Step(stmt, "switching to WAL"));
    if (!row || stmt.Text(0) != "wal") {
      return Status::Internal(Describe(
          "cannot use WAL journaling here (got \"" + (row ? stmt.Text(0) : "") +
          "\"); is the file on a network file system?"));
    }
  }
  CC_RETURN_IF_ERROR(Exec("PRAGMA synchronous = FULL", "setting synchronous"));
  return Migrate();
}

Status SqliteStore::Migrate() {
  CC_ASSIGN_OR_RETURN(int version, ReadUserVersion());
  for (const Migration& step : kMigrations) {
    if (step.version <= version) continue;
    Transaction txn(this);
    CC_RETURN_IF_ERROR(txn.Begin());
    // Another process may have upgraded while this one waited for the lock.
    CC_ASSIGN_OR_RETURN(version, ReadUserVersion());
    if (step.version <= version) continue;
    CC_RETURN_IF_ERROR(Exec(step.sql, "upgrading the schema to version " +
                                          std::to_string(step.version)));
    CC_RETURN_IF_ERROR(txn.Commit());
    version = step.version;
  }
  schema_version_ = version;
  return Status::Ok();
}

SqliteStore::~SqliteStore() {
  // A run abandoned without FinishRun (an error path) frees the store for
  // the next run; the run itself stays unfinished.
  if (locked_run_ != 0 && db_ != nullptr) {
    auto stmt = Prepare("DELETE FROM run_lock WHERE run_id = ? AND pid = ?");
    if (stmt.ok()) {
      stmt->Bind(1, locked_run_).Bind(2, static_cast<int64_t>(getpid()));
      (void)Run(*stmt, "releasing the run lock");
    }
  }
}

Status SqliteStore::CheckRun(int64_t run, bool must_be_open) {
  CC_ASSIGN_OR_RETURN(Stmt stmt,
                      Prepare("SELECT finished_at FROM runs WHERE id = ?"));
  stmt.Bind(1, run);
  CC_ASSIGN_OR_RETURN(const bool row, Step(stmt, "reading a run"));
  if (!row) return Status::NotFound(Describe("no run " + std::to_string(run)));
  if (must_be_open && !stmt.IsNull(0)) {
    return Status::FailedPrecondition(Describe("run " + std::to_string(run) +
                                               " finished at " + stmt.Text(0)));
  }
  return Status::Ok();
}

StatusOr<int64_t> SqliteStore::TryBeginRun(const std::string& info_json) {
  Transaction txn(this);
  CC_RETURN_IF_ERROR(txn.Begin());
  CC_ASSIGN_OR_RETURN(
      Stmt holder,
      Prepare("SELECT run_id, host, pid, boot_id, proc_start, since "
              "FROM run_lock WHERE id = 1"));
  CC_ASSIGN_OR_RETURN(const bool held, Step(holder, "reading the run lock"));
  if (held) {
    ProcessIdentity who;
    const int64_t run = holder.Int(0);
    who.host = holder.Text(1);
    who.pid = static_cast<pid_t>(holder.Int(2));
    who.boot_id = holder.Text(3);
    who.start_time = holder.Text(4);
    const std::string since = holder.Text(5);
    const Liveness liveness = CheckLiveness(who);
    if (liveness != Liveness::kGone) {
      std::string message = "is in use by run " + std::to_string(run) +
                            " (pid " + std::to_string(who.pid);
      if (liveness == Liveness::kUnknown) {
        message += " on host " + who.host + ") since " + since +
                   "; this host cannot tell whether that process still runs";
      } else {
        message += who.pid == getpid() ? ", this process" : "";
        message += ") since " + since;
      }
      return Status::FailedPrecondition(Describe(message));
    }
    // Stale: its process is gone, and so is any claim it had (SQLite claims
    // are not stored). Its run stays unfinished.
    CC_ASSIGN_OR_RETURN(Stmt drop,
                        Prepare("DELETE FROM run_lock WHERE id = 1"));
    CC_RETURN_IF_ERROR(Run(drop, "removing a stale run lock"));
  }
  const std::string now = UtcNow();
  CC_ASSIGN_OR_RETURN(
      Stmt insert,
      Prepare("INSERT INTO runs (started_at, info) VALUES (?, ?)"));
  insert.Bind(1, now).Bind(2, info_json);
  CC_RETURN_IF_ERROR(Run(insert, "starting a run"));
  const int64_t run = sqlite3_last_insert_rowid(db_.get());
  const ProcessIdentity self = SelfIdentity();
  CC_ASSIGN_OR_RETURN(
      Stmt lock,
      Prepare(
          "INSERT INTO run_lock (id, run_id, host, pid, boot_id, proc_start, "
          "since) VALUES (1, ?, ?, ?, ?, ?, ?)"));
  lock.Bind(1, run).Bind(2, self.host).Bind(3, static_cast<int64_t>(self.pid));
  lock.Bind(4, self.boot_id).Bind(5, self.start_time).Bind(6, now);
  CC_RETURN_IF_ERROR(Run(lock, "taking the run lock"));
  CC_RETURN_IF_ERROR(txn.Commit());
  return run;
}

StatusOr<int64_t> SqliteStore::BeginRun(const std::string& info_json) {
  if (locked_run_ != 0) {
    return Status::FailedPrecondition(
        Describe("run " + std::to_string(locked_run_) +
                 " is still in progress on this connection; finish it first"));
  }
  const auto deadline =
      std::chrono::steady_clock::now() +
      std::chrono::milliseconds(std::max(0, options_.run_lock_wait_ms));
  while (true) {
    StatusOr<int64_t> run = TryBeginRun(info_json);
    if (run.ok()) {
      locked_run_ = *run;
      return run;
    }
    if (run.status().code() != StatusCode::kFailedPrecondition ||
        std::chrono::steady_clock::now() >= deadline) {
      return run.status();
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

Status SqliteStore::FinishRun(int64_t run, const std::string& summary_json) {
  Transaction txn(this);
  CC_RETURN_IF_ERROR(txn.Begin());
  CC_RETURN_IF_ERROR(CheckRun(run, /*must_be_open=*/true));
  CC_ASSIGN_OR_RETURN(
      Stmt finish,
      Prepare("UPDATE runs SET finished_at = ?, summary = ? WHERE id = ?"));
  finish.Bind(1, UtcNow()).Bind(2, summary_json).Bind(3, run);
  CC_RETURN_IF_ERROR(Run(finish, "finishing a run"));
  CC_ASSIGN_OR_RETURN(Stmt unlock,
                      Prepare("DELETE FROM run_lock WHERE run_id = ?"));
  unlock.Bind(1, run);
  CC_RETURN_IF_ERROR(Run(unlock, "releasing the run lock"));
  CC_RETURN_IF_ERROR(txn.Commit());
  if (locked_run_ == run) locked_run_ = 0;
  return Status::Ok();
}

StatusOr<int64_t> SqliteStore::PreviousRun(int64_t run) {
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      Prepare(
          "SELECT max(id) FROM runs WHERE id < ? AND finished_at IS NOT NULL"));
  stmt.Bind(1, run);
  CC_ASSIGN_OR_RETURN(const bool row, Step(stmt, "finding the previous run"));
  return row && !stmt.IsNull(0) ? stmt.Int(0) : int64_t{0};
}

StatusOr<bool> SqliteStore::ChangedByOthers() {
  CC_ASSIGN_OR_RETURN(Stmt stmt, Prepare("PRAGMA data_version"));
  CC_ASSIGN_OR_RETURN(const bool row, Step(stmt, "reading the data version"));
  if (!row) return Error("reading the data version", SQLITE_ERROR);
  const int64_t version = stmt.Int(0);
  const bool changed = data_version_ < 0 || version != data_version_;
  data_version_ = version;
  return changed;
}

StatusOr<bool> SqliteStore::DoAddArticle(const std::string& source_id, const std::string& path,
                                         std::string_view content) {
  const std::string hash = Sha256Hex(content);
  const std::string now = UtcNow();
  Transaction txn(this);
  CC_RETURN_IF_ERROR(txn.Begin());
  CC_ASSIGN_OR_RETURN(Stmt source,
                      Prepare("INSERT INTO sources (id, first_seen) VALUES (?, "
                              "?) ON CONFLICT DO NOTHING"));
  source.Bind(1, source_id).Bind(2, now);
  CC_RETURN_IF_ERROR(Run(source, "adding a source"));
  CC_ASSIGN_OR_RETURN(
      Stmt article,
      Prepare("INSERT INTO articles (hash, source_id, path, content, added_at) "
              "VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING"));
  article.Bind(1, hash).Bind(2, source_id).Bind(3, path).BindBlob(4, content);
  article.Bind(5, now);
  CC_RETURN_IF_ERROR(Run(article, "adding article " + path));
  // A copy of a stored article: the rollback also drops a source row that
  // only this copy would have brought in.
  if (sqlite3_changes(db_.get()) == 0) return false;
  CC_RETURN_IF_ERROR(txn.Commit());
  return true;
}

// A row of SELECT id, hash, source_id, path, content FROM articles.
StoreArticle ArticleRow(Stmt& stmt) {
  StoreArticle a;
  a.id = stmt.Int(0);
  a.hash = stmt.Text(1);
  a.source_id = stmt.Text(2);
  a.path = stmt.Text(3);
  a.content = stmt.Text(4);
  return a;
}

StatusOr<std::vector<StoreArticle>> SqliteStore::DoClaimPending(int64_t run, size_t max,
                                                                ClaimStage stage) {
  CC_RETURN_IF_ERROR(CheckRun(run, /*must_be_open=*/true));
  // One run at a time holds the store, so claiming needs no row locks: the
  // cursor (ids only grow) keeps this run from getting an article twice.
  if (run != claim_run_) {
    claim_run_ = run;
    claim_cursor_[0] = claim_cursor_[1] = 0;
  }
  int64_t& cursor = claim_cursor_[static_cast<int>(stage)];
  std::vector<StoreArticle> out;
  if (max == 0) return out;
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      Prepare(stage == ClaimStage::kUnanalysed
                  ? "SELECT id, hash, source_id, path, content FROM articles "
                    "WHERE processed_run IS NULL AND id > ? ORDER BY id LIMIT ?"
                  : "SELECT id, hash, source_id, path, content FROM articles "
                    "WHERE claims_made = 0 AND processed_run IS NOT NULL AND id > ? "
                    "ORDER BY id LIMIT ?"));
  stmt.Bind(1, cursor);
  stmt.Bind(2, static_cast<int64_t>(
                   std::min<size_t>(max, std::numeric_limits<int64_t>::max())));
  while (true) {
    CC_ASSIGN_OR_RETURN(const bool row, Step(stmt, "reading pending articles"));
    if (!row) break;
    StoreArticle a = ArticleRow(stmt);
    cursor = a.id;
    out.push_back(std::move(a));
  }
  return out;
}

StatusOr<int64_t> SqliteStore::CountPending(int64_t run, ClaimStage stage) {
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      Prepare(stage == ClaimStage::kUnanalysed
                  ? "SELECT count(*) FROM articles WHERE processed_run IS NULL AND id > ?"
                  : "SELECT count(*) FROM articles WHERE claims_made = 0 "
                    "AND processed_run IS NOT NULL AND id > ?"));
  stmt.Bind(1, run == claim_run_ ? claim_cursor_[static_cast<int>(stage)] : int64_t{0});
  CC_ASSIGN_OR_RETURN(const bool row, Step(stmt, "counting pending articles"));
  return row ? stmt.Int(0) : int64_t{0};
}

Status SqliteStore::DoSaveExtract(int64_t article, int64_t run, const std::string& extract,
                                  bool with_claims) {
  Transaction txn(this);
  CC_RETURN_IF_ERROR(txn.Begin());
  CC_RETURN_IF_ERROR(CheckRun(run, /*must_be_open=*/true));
  CC_ASSIGN_OR_RETURN(
      Stmt mark,
      Prepare("UPDATE articles SET processed_run = ?, claims_made = ? WHERE id = ?"));
  mark.Bind(1, run).Bind(2, int64_t{with_claims ? 1 : 0}).Bind(3, article);
  CC_RETURN_IF_ERROR(Run(mark, "marking article " + std::to_string(article)));
  if (sqlite3_changes(db_.get()) == 0) {
    return Status::NotFound(Describe("no article " + std::to_string(article)));
  }
  CC_ASSIGN_OR_RETURN(
      Stmt save,
      Prepare(
          "INSERT INTO extracts (article_id, run_id, data) VALUES (?, ?, ?) "
          "ON CONFLICT (article_id) DO UPDATE SET run_id = excluded.run_id, "
          "data = excluded.data"));
  save.Bind(1, article).Bind(2, run).BindBlob(3, extract);
  CC_RETURN_IF_ERROR(
      Run(save, "saving the extract of article " + std::to_string(article)));
  return txn.Commit();
}

StatusOr<std::vector<std::pair<int64_t, std::string>>>
SqliteStore::LoadExtracts() {
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      Prepare("SELECT article_id, data FROM extracts ORDER BY article_id"));
  std::vector<std::pair<int64_t, std::string>> out;
  while (true) {
    CC_ASSIGN_OR_RETURN(const bool row, Step(stmt, "reading extracts"));
    if (!row) break;
    out.emplace_back(stmt.Int(0), stmt.Text(1));
  }
  return out;
}

StatusOr<StoreArticle> SqliteStore::LoadArticle(int64_t article) {
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      Prepare("SELECT id, hash, source_id, path, content FROM articles WHERE id = ?"));
  stmt.Bind(1, article);
  CC_ASSIGN_OR_RETURN(const bool row, Step(stmt, "reading an article"));
  if (!row) return Status::NotFound(Describe("no article " + std::to_string(article)));
  return ArticleRow(stmt);
}

Status SqliteStore::DoSaveFindings(int64_t run,
                                 const std::vector<StoreFinding>& findings) {
  Transaction txn(this);
  CC_RETURN_IF_ERROR(txn.Begin());
  CC_RETURN_IF_ERROR(CheckRun(run, /*must_be_open=*/true));
  CC_ASSIGN_OR_RETURN(Stmt clear,
                      Prepare("DELETE FROM findings WHERE run_id = ?"));
  clear.Bind(1, run);
  CC_RETURN_IF_ERROR(Run(clear, "replacing findings"));
  CC_ASSIGN_OR_RETURN(
      Stmt insert, Prepare("INSERT INTO findings (run_id, key, evidence_hash, level, data) "
                           "VALUES (?, ?, ?, ?, ?)"));
  for (const StoreFinding& f : findings) {
    insert.Reset()
        .Bind(1, run)
        .Bind(2, f.key)
        .Bind(3, f.evidence_hash)
        .Bind(4, f.level)
        .Bind(5, f.json);
    CC_RETURN_IF_ERROR(Run(insert, "saving finding " + f.key));
  }
  return txn.Commit();
}

StatusOr<std::vector<StoreFinding>> SqliteStore::LoadFindings(int64_t run) {
  CC_RETURN_IF_ERROR(CheckRun(run, /*must_be_open=*/false));
  CC_ASSIGN_OR_RETURN(
      Stmt stmt, Prepare("SELECT key, evidence_hash, level, data FROM findings "
                         "WHERE run_id = ? ORDER BY key"));
  stmt.Bind(1, run);
  std::vector<StoreFinding> out;
  while (true) {
    CC_ASSIGN_OR_RETURN(const bool row, Step(stmt, "reading findings"));
    if (!row) break;
    out.push_back({stmt.Text(0), stmt.Text(1), stmt.Text(2), stmt.Text(3)});
  }
  return out;
}

Status SqliteStore::DoSaveScores(int64_t run,
                               const std::vector<StoreScore>& scores) {
  Transaction txn(this);
  CC_RETURN_IF_ERROR(txn.Begin());
  CC_RETURN_IF_ERROR(CheckRun(run, /*must_be_open=*/true));
  CC_ASSIGN_OR_RETURN(Stmt clear,
                      Prepare("DELETE FROM scores WHERE run_id = ?"));
  clear.Bind(1, run);
  CC_RETURN_IF_ERROR(Run(clear, "replacing scores"));
  CC_ASSIGN_OR_RETURN(Stmt insert, Prepare("INSERT INTO scores (run_id, source_id, score, "
                                           "data) VALUES (?, ?, ?, ?)"));
  for (const StoreScore& s : scores) {
    insert.Reset()
        .Bind(1, run)
        .Bind(2, s.source_id)
        .Bind(3, static_cast<int64_t>(s.score))
        .Bind(4, s.json);
    CC_RETURN_IF_ERROR(Run(insert, "saving the score of " + s.source_id));
  }
  return txn.Commit();
}

StatusOr<std::vector<StoreScore>> SqliteStore::LoadScores(int64_t run) {
  CC_RETURN_IF_ERROR(CheckRun(run, /*must_be_open=*/false));
  CC_ASSIGN_OR_RETURN(Stmt stmt,
                      Prepare("SELECT source_id, score, data, max(run_id) FROM scores "
                              "WHERE run_id <= ?1 AND (run_id = ?1 OR run_id IN "
                              "(SELECT id FROM runs WHERE finished_at IS NOT NULL)) "
                              "GROUP BY source_id ORDER BY source_id"));
  // SQLite takes score and data from the row that has the max(run_id).
  stmt.Bind(1, run);
  std::vector<StoreScore> out;
  while (true) {
    CC_ASSIGN_OR_RETURN(const bool row, Step(stmt, "reading scores"));
    if (!row) break;
    out.push_back({stmt.Text(0), static_cast<int>(stmt.Int(1)), stmt.Text(2)});
  }
  return out;
}

Status SqliteStore::DoAddReview(const ReviewDecision& decision) {
  Transaction txn(this);
  CC_RETURN_IF_ERROR(txn.Begin());
  CC_ASSIGN_OR_RETURN(
      Stmt log,
      Prepare("INSERT INTO audit_log (finding_key, status, note, reviewer, "
              "reviewed_at, evidence_hash) VALUES (?, ?, ?, ?, ?, ?)"));
  log.Bind(1, decision.finding_key)
      .Bind(2, decision.status)
      .Bind(3, decision.note);
  log.Bind(4, decision.by).Bind(5, decision.at).Bind(6, decision.evidence_hash);
  CC_RETURN_IF_ERROR(Run(log, "logging the review of " + decision.finding_key));
  const int64_t audit_id = sqlite3_last_insert_rowid(db_.get());
  CC_ASSIGN_OR_RETURN(
      Stmt current,
      Prepare(
          "INSERT INTO reviews (finding_key, status, note, reviewer, "
          "reviewed_at, "
          "evidence_hash, audit_id) VALUES (?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (finding_key) DO UPDATE SET status = excluded.status, "
          "note = excluded.note, reviewer = excluded.reviewer, "
          "reviewed_at = excluded.reviewed_at, "
          "evidence_hash = excluded.evidence_hash, audit_id = "
          "excluded.audit_id"));
  current.Bind(1, decision.finding_key)
      .Bind(2, decision.status)
      .Bind(3, decision.note);
  current.Bind(4, decision.by).Bind(5, decision.at).Bind(6, decision.evidence_hash);
  current.Bind(7, audit_id);
  CC_RETURN_IF_ERROR(
      Run(current, "recording the review of " + decision.finding_key));
  return txn.Commit();
}

StatusOr<std::vector<ReviewDecision>> SqliteStore::AuditLog() {
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      Prepare("SELECT finding_key, status, note, reviewer, reviewed_at, "
              "evidence_hash FROM audit_log ORDER BY id"));
  std::vector<ReviewDecision> out;
  while (true) {
    CC_ASSIGN_OR_RETURN(const bool row, Step(stmt, "reading the audit log"));
    if (!row) break;
    out.push_back({stmt.Text(0), stmt.Text(1), stmt.Text(2), stmt.Text(3),
                   stmt.Text(4), stmt.Text(5)});
  }
  return out;
}

StatusOr<ReviewState> SqliteStore::CurrentReview(
    const std::string& finding_key, const std::string& current_evidence_hash) {
  CC_ASSIGN_OR_RETURN(
      Stmt stmt,
      Prepare("SELECT finding_key, status, note, reviewer, reviewed_at, "
              "evidence_hash, "
              "CASE WHEN evidence_hash = ? THEN status ELSE 'stale' END "
              "FROM reviews WHERE finding_key = ?"));
  stmt.Bind(1, current_evidence_hash).Bind(2, finding_key);
  CC_ASSIGN_OR_RETURN(const bool row,
                      Step(stmt, "reading the review of " + finding_key));
  ReviewState state;
  if (!row) {
    state.status = "unreviewed";
    return state;
  }
  state.decision = ReviewDecision{stmt.Text(0), stmt.Text(1), stmt.Text(2),
                                  stmt.Text(3), stmt.Text(4), stmt.Text(5)};
  state.status = stmt.Text(6);
  return state;
}

// Refuses, before SQLite touches anything, what cannot be a store: a folder,
// a device, an unreadable file, a file that holds something else. SQLite
// itself would only find out at the first read, after creating -wal and
// -shm files next to it.
Status CheckPath(const std::string& path) {
  const std::string prefix = "store " + path + ": ";
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) {
      return Status::InvalidArgument(prefix + std::strerror(errno));
    }
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) parent = ".";
    std::error_code ec;
    if (!std::filesystem::is_directory(parent, ec)) {
      return Status::NotFound(prefix + "folder " + parent.string() +
                              " does not exist");
    }
    return Status::Ok();  // a new store
  }
  if (S_ISDIR(st.st_mode)) {
    return Status::InvalidArgument(prefix + "is a folder, not a store file");
  }
  if (!S_ISREG(st.st_mode)) {
    return Status::InvalidArgument(prefix + "is not a regular file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::InvalidArgument(
        prefix + "cannot read the file: " + std::strerror(errno));
  }
  if (st.st_size == 0) return Status::Ok();  // SQLite treats it as new
  static constexpr char kMagic[16] = "SQLite format 3";  // with its NUL
  char header[16] = {};
  in.read(header, sizeof(header));
  if (in.gcount() != sizeof(header) ||
      std::memcmp(header, kMagic, sizeof(header)) != 0) {
    return Status::InvalidArgument(
        prefix +
        "is not an SQLite database (it holds something else); "
        "left untouched");
  }
  if (access(path.c_str(), W_OK) != 0) {
    return Status::FailedPrecondition(
        prefix + "the file is not writable: " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path,
                                                 const StoreOptions& options) {
  CC_RETURN_IF_ERROR(CheckPath(path));
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  DbPtr db(raw);
  if (rc != SQLITE_OK) {
    return Status::InvalidArgument(
        "store " + path + ": cannot open: " +
        (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  auto store = std::make_unique<SqliteStore>(path, std::move(db), options);
  CC_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace store_internal
}  // namespace crosscheck
