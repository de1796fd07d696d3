#include "engine/ingest/text_util.h"

#include <gtest/gtest.h>

namespace crosscheck {
namespace internal {
namespace {

TEST(TextUtilTest, TrimAndCase) {
  EXPECT_EQ(TrimSpace(" \t a b \r\n"), "a b");
  EXPECT_EQ(TrimSpace("   "), "");
  EXPECT_TRUE(EqualsIgnoreCase("Leave A Reply", "leave a reply"));
  EXPECT_TRUE(StartsWithIgnoreCase("Credit: /", "credit:"));
  EXPECT_TRUE(EndsWithIgnoreCase("x.COM", ".com"));
  EXPECT_EQ(FindIgnoreCase("Feel Free To Share", "free to"), 5u);
  EXPECT_EQ(FindIgnoreCase("abc", "abcd"), std::string_view::npos);
}

TEST(TextUtilTest, TrimSpanKeepsOffsets) {
  const std::string_view text = "  ab  ";
  const Span s = TrimSpan(text, Span{0, text.size()});
  EXPECT_EQ(s.start, 2u);
  EXPECT_EQ(s.end, 4u);
}

TEST(TextUtilTest, LastSignificantCharLooksThroughQuotes) {
  EXPECT_EQ(LastSignificantChar("Thank you.\xE2\x80\x9D"), '.');
  EXPECT_EQ(LastSignificantChar("(done!)"), '!');
  EXPECT_EQ(LastSignificantChar("itself\xE2\x80\xA6"), '.');
  EXPECT_EQ(LastSignificantChar("Title"), 'e');
  EXPECT_EQ(LastSignificantChar("\"\""), '\0');
  EXPECT_EQ(LastSignificantChar("giri\xC5\x9F"), '\x80');
}

}  // namespace
}  // namespace internal
}  // namespace crosscheck
