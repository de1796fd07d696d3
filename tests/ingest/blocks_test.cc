#include "engine/ingest/blocks.h"

#include <gtest/gtest.h>

#include <string>

namespace crosscheck {
namespace internal {
namespace {

TEST(BlocksTest, EveryNonBlankLineIsABlock) {
  const std::string text = "Title\r\n\r\n  First para.\nSecond para.\n\n\n";
  const std::vector<Block> blocks = SplitLineBlocks(text);
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(text.substr(blocks[0].span.start, blocks[0].span.size()), "Title");
  EXPECT_EQ(text.substr(blocks[1].span.start, blocks[1].span.size()),
            "First para.");
  EXPECT_EQ(blocks[1].span.start, text.find("First"));
  EXPECT_EQ(text.substr(blocks[2].span.start, blocks[2].span.size()),
            "Second para.");
  for (const Block& b : blocks) EXPECT_EQ(b.kind, BlockKind::kBody);
}

TEST(BlocksTest, NoTrailingNewline) {
  const std::vector<Block> blocks = SplitLineBlocks("a\nb");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[1].span.start, 2u);
  EXPECT_EQ(blocks[1].span.end, 3u);
}

}  // namespace
}  // namespace internal
}  // namespace crosscheck
