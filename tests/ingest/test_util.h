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
#include "tests/test_util.h"

namespace crosscheck {
namespace testutil {

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
