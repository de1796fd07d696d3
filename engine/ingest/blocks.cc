#include "engine/ingest/blocks.h"

#include <cstring>

#include "engine/ingest/text_util.h"

namespace crosscheck {
namespace internal {

std::vector<Block> SplitLineBlocks(std::string_view text) {
  std::vector<Block> blocks;
  size_t pos = 0;
  while (pos < text.size()) {
    const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
    const size_t line_end = nl == nullptr
                                ? text.size()
                                : static_cast<const char*>(nl) - text.data();
    const Span span = TrimSpan(text, Span{pos, line_end});
    if (span.end > span.start) {
      Block b;
      b.span = span;
      blocks.push_back(std::move(b));
    }
    pos = line_end + 1;
  }
  return blocks;
}

}  // namespace internal
}  // namespace crosscheck
