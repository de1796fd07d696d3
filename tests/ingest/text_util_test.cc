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

// Both skips against a byte at a time, from every offset of texts that mix
// letter runs of every length with upper case, digits, '@', '[', '`', '{'
// (the bytes around the letters) and UTF-8.
TEST(TextUtilTest, SkipAsciiLettersStopsAtTheFirstOtherByte) {
  const std::string pieces[] = {"a", "Z", "q", "@", "[", "`", "{", "7", " ", "\xC3\xA9", "\xFF"};
  uint32_t state = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const int n = static_cast<int>(state % 40);
    for (int k = 0; k < n; ++k) {
      state = state * 1664525u + 1013904223u;
      // Letters most of the time, so that runs of eight and more occur.
      text += pieces[(state >> 24) % 8 < 6 ? (state >> 16) % 3 : (state >> 16) % 11];
    }
    for (size_t i = 0; i <= text.size(); ++i) {
      size_t any = i, lower = i;
      while (any < text.size() && IsAsciiAlpha(text[any])) ++any;
      while (lower < text.size() && IsAsciiLower(text[lower])) ++lower;
      ASSERT_EQ(SkipAsciiLetters<false>(text, i), any) << text << " " << i;
      ASSERT_EQ(SkipAsciiLetters<true>(text, i), lower) << text << " " << i;
    }
    state = state * 1664525u + 1013904223u;
  }
}

}  // namespace
}  // namespace internal
}  // namespace crosscheck
