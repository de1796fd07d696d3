// libFuzzer target: ParseArticle (text, Markdown and HTML ingest) on
// arbitrary bytes, the format chosen by the first byte. Bad input must come
// back as an error Status; a Document must keep its own invariants: spans
// inside the text, sentences inside their blocks, original offsets inside
// the file. (Offsets may step back on broken markup: gumbo gives "<" in
// "<\x05\x05" an original position before the replacement characters it
// emitted first. They stay inside the file, which is what readers rely on.)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "engine/ingest/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr std::string_view kFormats[] = {"txt", "md", "html"};
  const std::string_view format = kFormats[data[0] % 3];
  const std::string_view content(reinterpret_cast<const char*>(data + 1), size - 1);
  crosscheck::StatusOr<crosscheck::Document> doc =
      crosscheck::ParseArticle(content, format, "fuzz", "fuzz");
  if (!doc.ok()) {
    if (doc.status().message().empty()) std::abort();  // errors say what is wrong
    return 0;
  }
  const size_t n = doc->text.size();
  for (const crosscheck::Block& b : doc->blocks)
    if (b.span.start > b.span.end || b.span.end > n) std::abort();
  for (const crosscheck::Sentence& s : doc->sentences) {
    if (s.span.start >= s.span.end || s.span.end > n) std::abort();
    if (s.block < 0 || static_cast<size_t>(s.block) >= doc->blocks.size()) std::abort();
    const crosscheck::Span block = doc->blocks[static_cast<size_t>(s.block)].span;
    if (s.span.start < block.start || s.span.end > block.end) std::abort();
  }
  for (size_t i = 0; i <= n; i += 1 + n / 64)
    if (doc->OriginalOffset(i) > content.size()) std::abort();
  return 0;
}
