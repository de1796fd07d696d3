// Helpers shared by the unit tests: a scratch folder per test and files in it.
#ifndef CROSSCHECK_TESTS_TEST_UTIL_H_
#define CROSSCHECK_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace crosscheck {
namespace testutil {

// A fresh, empty folder named after the running test (and the process, as
// ctest runs tests in parallel processes).
inline std::string ScratchDir() {
  const testing::TestInfo* info =
      testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) /
      ("crosscheck_" + std::to_string(getpid()) + "_" + info->test_suite_name() +
       "_" + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

// Writes `bytes` to dir/name, creating folders; returns the path.
inline std::string WriteFile(const std::string& dir, const std::string& name,
                             std::string_view bytes) {
  const std::filesystem::path path = std::filesystem::path(dir) / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path.string();
}

}  // namespace testutil
}  // namespace crosscheck

#endif  // CROSSCHECK_TESTS_TEST_UTIL_H_
