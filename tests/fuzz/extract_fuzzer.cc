// libFuzzer target: the binary extract decoder (a store row may be damaged
// or written by another version). Anything it accepts is a whole extract:
// it encodes and decodes again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/checker/pipeline.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  crosscheck::StatusOr<crosscheck::ArticleExtract> x = crosscheck::DecodeExtract(bytes);
  if (!x.ok()) {
    if (x.status().message().empty()) std::abort();
    return 0;
  }
  if (!crosscheck::DecodeExtract(crosscheck::EncodeExtract(*x)).ok()) std::abort();
  return 0;
}
