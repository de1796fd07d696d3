// Helpers for the end-to-end tests: run the real crosscheck binary through
// the shell, with files written under the test temp folder.
#ifndef CROSSCHECK_TESTS_E2E_E2E_UTIL_H_
#define CROSSCHECK_TESTS_E2E_E2E_UTIL_H_

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

namespace crosscheck {
namespace e2e {

namespace fs = std::filesystem;

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void WriteAll(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
}

inline std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out.push_back(c);
  }
  return out + "'";
}

inline fs::path TempDir(const std::string& name) {
  fs::path dir = fs::path(testing::TempDir()) / ("crosscheck_e2e_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Runs a shell command; stdout and stderr are captured through files.
inline RunResult Shell(const std::string& command, const std::string& name) {
  const fs::path dir = TempDir("run_" + name);
  const std::string full = command + " >" + Quote((dir / "out").string()) + " 2>" +
                           Quote((dir / "err").string());
  RunResult r;
  const int status = std::system(full.c_str());
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadAll(dir / "out");
  r.err = ReadAll(dir / "err");
  return r;
}

inline RunResult Crosscheck(const std::string& args, const std::string& name) {
  return Shell(Quote(CROSSCHECK_BINARY) + " " + args, name);
}

inline fs::path SourceDir() { return CROSSCHECK_SOURCE_DIR; }

// The contradictions of a JSON report, as key -> side display -> sources.
using Sides = std::map<std::string, std::map<std::string, std::set<std::string>>>;

inline Sides Contradictions(const nlohmann::json& report) {
  Sides out;
  for (const nlohmann::json& f : report.at("facts")) {
    if (f.at("status") != "contradiction") continue;
    auto& sides = out[f.at("key").get<std::string>()];
    for (const nlohmann::json& g : f.at("values"))
      for (const nlohmann::json& c : g.at("claims"))
        sides[g.at("display").get<std::string>()].insert(c.at("source").get<std::string>());
  }
  return out;
}

inline fs::path SharedDir() {
  if (const char* env = std::getenv("CROSSCHECK_SHARED"); env && *env) return env;
  return SourceDir() / ".." / "shared";
}

}  // namespace e2e
}  // namespace crosscheck

#endif  // CROSSCHECK_TESTS_E2E_E2E_UTIL_H_
