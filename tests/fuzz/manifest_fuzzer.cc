// libFuzzer target: the sources.yaml manifest loader on arbitrary bytes.
// yaml-cpp exceptions must never escape; accepted entries never name an
// absolute path or one that climbs out of the folder.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/ingest/manifest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  crosscheck::StatusOr<crosscheck::internal::Manifest> m =
      crosscheck::internal::ParseManifest(text, "sources.yaml");
  if (!m.ok()) {
    if (m.status().message().rfind("sources.yaml", 0) != 0) std::abort();  // names the file
    return 0;
  }
  for (const auto& [file, entry] : m->entries) {
    if (!file.empty() && file[0] == '/') std::abort();
    if (file.find("..") != std::string_view::npos) std::abort();
  }
  return 0;
}
