// libFuzzer target: the JSONL article reader on arbitrary (UTF-8 checked)
// bytes. Every line is either a record or a problem naming its line; nothing
// is dropped silently.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "engine/ingest/jsonl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  std::vector<crosscheck::internal::JsonlRecord> records;
  std::vector<crosscheck::internal::JsonlProblem> problems;
  crosscheck::internal::ParseJsonl(content, &records, &problems);
  size_t lines = 0;
  for (char c : content) lines += c == '\n';
  if (!content.empty() && content.back() != '\n') ++lines;
  if (records.size() + problems.size() > lines) std::abort();
  for (const auto& p : problems)
    if (p.message.empty()) std::abort();
  return 0;
}
