// Line blocks for plain text and Markdown: every non-blank line is a block.
//
// Scraped pages often put a whole paragraph on one line and separate
// paragraphs by one or by two newlines, so a line is the unit. Spans exclude
// the line break and surrounding whitespace ("\r" included).
#ifndef CROSSCHECK_ENGINE_INGEST_BLOCKS_H_
#define CROSSCHECK_ENGINE_INGEST_BLOCKS_H_

#include <string_view>
#include <vector>

#include "crosscheck/document.h"

namespace crosscheck {
namespace internal {

// Returns one kBody block per non-blank line of `text`, in order.
std::vector<Block> SplitLineBlocks(std::string_view text);

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_BLOCKS_H_
