#include "engine/ingest/reader.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/ingest/test_util.h"

namespace crosscheck {
namespace internal {
namespace {

TEST(ReaderTest, AcceptsPlainUtf8) {
  EXPECT_FALSE(
      CheckContent("Hello, Tiran\xC3\xAB.\n\xE2\x80\x9Cquoted\xE2\x80\x9D\n")
          .has_value());
}

TEST(ReaderTest, RefusesEmptyAndBlankContent) {
  for (std::string_view s : {std::string_view(""), std::string_view(" \n\t\n"),
                             std::string_view("\xEF\xBB\xBF")}) {
    auto p = CheckContent(s);
    ASSERT_TRUE(p.has_value()) << "input size " << s.size();
    EXPECT_EQ(p->message, "empty file");
    EXPECT_EQ(p->line, 0u);
  }
}

// A file that may state nothing (a manifest, a rule file, claims) passes
// empty, and still meets every other check.
TEST(ReaderTest, EmptyOkLetsOnlyEmptinessThrough) {
  EXPECT_FALSE(CheckContent("", /*empty_ok=*/true).has_value());
  EXPECT_FALSE(CheckContent("\xEF\xBB\xBF \n\t\n", /*empty_ok=*/true).has_value());
  const auto utf16 = CheckContent(std::string("\xFF\xFEh\0", 4), /*empty_ok=*/true);
  ASSERT_TRUE(utf16.has_value());
  EXPECT_EQ(utf16->message.rfind("UTF-16", 0), 0u);
  const auto nul = CheckContent(std::string("a\n\0", 3), /*empty_ok=*/true);
  ASSERT_TRUE(nul.has_value());
  EXPECT_EQ(nul->line, 2u);
}

TEST(ReaderTest, NulByteIsBinaryWithItsLine) {
  const std::string s = std::string("line one\nline two\nab") + '\0' + "cd\n";
  auto p = CheckContent(s);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->line, 3u);
  EXPECT_EQ(p->message, "binary file (NUL byte at line 3)");
}

TEST(ReaderTest, InvalidUtf8NamesLineColumnAndByte) {
  // Latin-1 "é" (0xE9) after a multi-byte character on line 2: the column
  // counts characters, so "Tiranë " is 7 characters and the bad byte is 8th.
  auto p = CheckContent("ok\nTiran\xC3\xAB \xE9t\xC3\xA9\n");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->line, 2u);
  EXPECT_EQ(p->message, "invalid UTF-8 at line 2, column 8 (byte 0xE9)");
}

TEST(ReaderTest, RefusesOverlongSurrogateAndTruncatedSequences) {
  for (std::string_view bad :
       {std::string_view("a\xC0\xAF"), std::string_view("a\xED\xA0\x80"),
        std::string_view("a\xF4\x90\x80\x80"), std::string_view("a\xE2\x80"),
        std::string_view("a\x80")}) {
    auto p = CheckContent(bad);
    ASSERT_TRUE(p.has_value()) << bad.size();
    EXPECT_EQ(p->message.rfind("invalid UTF-8 at line 1, column 2", 0), 0u)
        << p->message;
  }
}

TEST(ReaderTest, RefusesUtf16ByteOrderMarks) {
  for (std::string_view bom : {std::string_view("\xFF\xFEh\0i\0", 6),
                               std::string_view("\xFE\xFF\0h", 4)}) {
    auto p = CheckContent(bom);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->message, "UTF-16 text is not supported; convert to UTF-8");
  }
}

TEST(ReaderTest, Utf8BomIsAccepted) {
  EXPECT_FALSE(CheckContent("\xEF\xBB\xBFTitle\n").has_value());
  EXPECT_EQ(Utf8BomSize("\xEF\xBB\xBFTitle"), 3u);
  EXPECT_EQ(Utf8BomSize("Title"), 0u);
}

TEST(ReaderTest, FormatFromExtension) {
  EXPECT_EQ(FormatForPath("a/b/story.txt"), "txt");
  EXPECT_EQ(FormatForPath("story.MD"), "md");
  EXPECT_EQ(FormatForPath("story.htm"), "html");
  EXPECT_EQ(FormatForPath("story.Html"), "html");
  EXPECT_EQ(FormatForPath("feed.jsonl"), "jsonl");
  EXPECT_EQ(FormatForPath("expected.yaml"), "");
  EXPECT_EQ(FormatForPath("README"), "");
  EXPECT_EQ(FormatForPath(".txt"), "");
  EXPECT_EQ(FormatForPath("dir.txt/README"), "");
}

TEST(ReaderTest, ReadWholeFileEnforcesTheLimit) {
  const std::string dir = testutil::ScratchDir();
  const std::string path = testutil::WriteFile(dir, "a.txt", "0123456789");
  auto ok = ReadWholeFile(path, 10);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "0123456789");
  auto big = ReadWholeFile(path, 9);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(big.status().message().find("file too large"), std::string::npos);
  auto missing = ReadWholeFile(dir + "/nope.txt", 100);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(ReaderTest, CheckLineLengthNamesTheFirstLongLine) {
  EXPECT_FALSE(CheckLineLength("", 4).has_value());
  EXPECT_FALSE(CheckLineLength("abcd\nefgh\r\n\nijkl", 4).has_value());
  auto p = CheckLineLength("abcd\nefgh\nijklm\nnopqrs\n", 4);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->line, 3u);
  EXPECT_EQ(p->message, "line 3 is 5 bytes long, over the limit of 4 bytes per line");
  auto last = CheckLineLength("ab\nabcde", 4);  // no final newline
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->line, 2u);
}

TEST(ReaderTest, ReadWholeFileRefusesWhatIsNotARegularFile) {
  const std::string dir = testutil::ScratchDir();
  auto folder = ReadWholeFile(dir, 100);
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(folder.status().message(), dir + ": not a regular file (a folder)");
  // Reading these would block (a FIFO without a writer) or never end.
  for (const std::string device : {"/dev/zero", "/dev/null"}) {
    auto read = ReadWholeFile(device, 100);
    ASSERT_FALSE(read.ok()) << device;
    EXPECT_NE(read.status().message().find("not a regular file"), std::string::npos);
  }
}

}  // namespace
}  // namespace internal
}  // namespace crosscheck
