// Helpers for the ingest tests: scratch folders and files under
// testing::TempDir(), and the path of the shared corpus.
#ifndef CROSSCHECK_TESTS_INGEST_TEST_UTIL_H_
#define CROSSCHECK_TESTS_INGEST_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "crosscheck/document.h"

namespace crosscheck {
namespace testutil {

// A fresh, empty folder named after the running test.
inline std::string ScratchDir() {
  const testing::TestInfo* info =
      testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) /
      ("crosscheck_ingest_" + std::to_string(getpid()) + "_" +
       info->test_suite_name() + "_" + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

inline std::string WriteFile(const std::string& dir, const std::string& name,
                             std::string_view bytes) {
  const std::string path = (std::filesystem::path(dir) / name).string();
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

inline std::string CorpusDir() {
  return CROSSCHECK_SOURCE_DIR "/../shared/corpus/albania-2022";
}

// Text of every sentence, for "contains" checks.
inline std::vector<std::string> SentenceTexts(const Document& doc) {
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) {
    out.emplace_back(doc.Slice(s.span));
  }
  return out;
}

}  // namespace testutil
}  // namespace crosscheck

#endif  // CROSSCHECK_TESTS_INGEST_TEST_UTIL_H_
