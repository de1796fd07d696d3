// libFuzzer target: the YAML rule loader on arbitrary bytes (written to a
// scratch file, since packs are read from disk). Every failure is a Status
// naming the file; yaml-cpp and RE2 errors never escape or crash. The
// scratch file lives in $TMPDIR (scripts/fuzz.sh: build-fuzz/tmp), else /tmp.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/rules/rule_set.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = [] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/crosscheck_rules_fuzz_" +
           std::to_string(getpid()) + ".yaml";
  }();
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
  crosscheck::StatusOr<crosscheck::RuleSet> rules = crosscheck::LoadRuleSet({path});
  if (!rules.ok() && rules.status().message().find(path) == std::string::npos &&
      rules.status().message() != "no facts in rule packs")
    std::abort();
  return 0;
}
