// RawDb: a store file opened with SQLite itself, behind the Store's back.
#ifndef CROSSCHECK_TESTS_STORE_RAW_DB_H_
#define CROSSCHECK_TESTS_STORE_RAW_DB_H_

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <string>

namespace crosscheck {
namespace testutil {

// Direct SQLite access, for what the Store must not allow or for building
// old files.
class RawDb {
 public:
  explicit RawDb(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
  }
  ~RawDb() { sqlite3_close(db_); }

  // Returns the error message, empty on success.
  std::string Exec(const std::string& sql) {
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    std::string message =
        rc == SQLITE_OK ? "" : (err != nullptr ? err : "error");
    sqlite3_free(err);
    return message;
  }
  std::string QueryText(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW &&
        sqlite3_column_text(stmt, 0) != nullptr) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out;
  }
  int64_t QueryInt(const std::string& sql) {
    const std::string text = QueryText(sql);
    return text.empty() ? -1 : std::stoll(text);
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace testutil
}  // namespace crosscheck

#endif  // CROSSCHECK_TESTS_STORE_RAW_DB_H_
