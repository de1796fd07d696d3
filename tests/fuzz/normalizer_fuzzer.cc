// libFuzzer target: Normalizer::Extract on arbitrary bytes, with a reference
// date taken from the first bytes. Besides not crashing (ASan/UBSan catch
// memory and arithmetic faults), every output must keep the contract of
// normalizer.h: values sorted by start, not overlapping, inside the text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/normalize/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const crosscheck::Normalizer* normalizer = new crosscheck::Normalizer();
  crosscheck::ReferenceDate ref;
  if (size >= 3) {
    // Year 0 (unknown), year-only, month-only and full references all occur.
    ref.year = data[0] % 4 == 0 ? 0 : 1900 + data[0] % 200;
    ref.month = data[1] % 13;
    ref.day = ref.month == 0 ? 0 : data[2] % 29;
    data += 3;
    size -= 3;
  }
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t last_end = 0;
  for (const crosscheck::Value& v : normalizer->Extract(text, ref)) {
    if (v.start >= v.end || v.end > text.size() || v.start < last_end) std::abort();
    if (v.lo > v.hi) std::abort();  // NaN never compares, so it passes here...
    if (v.lo != v.lo || v.hi != v.hi) std::abort();  // ...and is caught here
    last_end = v.end;
  }
  return 0;
}
