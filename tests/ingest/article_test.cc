#include "engine/ingest/article.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/ingest/test_util.h"

namespace crosscheck {
namespace internal {
namespace {

TEST(ArticleTest, MarkdownHeadlineSentenceLeavesOutTheHashes) {
  const Document doc = AnalyzeArticle("# The Title\n\nFirst. Second.\n", "md",
                                      ArticleOverrides());
  EXPECT_EQ(doc.title, "The Title");
  EXPECT_EQ(testutil::SentenceTexts(doc),
            (std::vector<std::string>{"The Title", "First.", "Second."}));
  EXPECT_TRUE(doc.sentences[0].headline);
  EXPECT_EQ(doc.sentences[0].span.start, 2u);  // offsets into the file
  EXPECT_EQ(doc.sentences[0].block, 0);
  EXPECT_EQ(doc.sentences[1].block, 1);
}

TEST(ArticleTest, NullTitleTurnsTheGuessedTitleIntoBody) {
  ArticleOverrides o;
  o.title = "";
  const Document doc =
      AnalyzeArticle("Looks Like A Title Here\n\nBody.\n", "txt", o);
  EXPECT_EQ(doc.title, "");
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kBody);
  for (const Sentence& s : doc.sentences) EXPECT_FALSE(s.headline);
  EXPECT_EQ(testutil::SentenceTexts(doc),
            (std::vector<std::string>{"Looks Like A Title Here", "Body."}));
}

TEST(ArticleTest, StatedTitleMarksItsLine) {
  ArticleOverrides o;
  o.title = "Short Name";  // would otherwise read as a byline
  const Document doc =
      AnalyzeArticle("Intro line.\nShort Name\nBody.\n", "txt", o);
  EXPECT_EQ(doc.title, "Short Name");
  EXPECT_EQ(doc.blocks[1].kind, BlockKind::kTitle);
  ASSERT_FALSE(doc.sentences.empty());
  EXPECT_TRUE(doc.sentences[1].headline);
}

TEST(ArticleTest, OverridesWin) {
  ArticleOverrides o;
  o.outlet = "Stated";
  o.dateline = "ROME";
  o.byline = "Ann Lee";
  o.url = "https://example.org";
  o.published = ReferenceDate{2021, 5, 4};
  const Document doc = AnalyzeArticle(
      "Headline \xE2\x80\x94 Found\n\n1 Jan 2020\n\nPARIS \xE2\x80\x94 It "
      "rained.\n",
      "txt", o);
  EXPECT_EQ(doc.title, "Headline");
  EXPECT_EQ(doc.outlet, "Stated");
  EXPECT_EQ(doc.dateline, "ROME");
  EXPECT_EQ(doc.byline, "Ann Lee");
  EXPECT_EQ(doc.url, "https://example.org");
  EXPECT_EQ(doc.published.year, 2021);
  EXPECT_EQ(doc.published.day, 4);
}

TEST(ArticleTest, WithoutOverridesFoundValuesStay) {
  const Document doc = AnalyzeArticle(
      "Headline \xE2\x80\x94 Found\n\n1 Jan 2020\n\nPARIS \xE2\x80\x94 It "
      "rained.\n",
      "txt", ArticleOverrides());
  EXPECT_EQ(doc.outlet, "Found");
  EXPECT_EQ(doc.dateline, "PARIS");
  EXPECT_EQ(doc.published.year, 2020);
  EXPECT_EQ(doc.published.month, 1);
}

TEST(ArticleTest, HtmlTitleFromTitleElementWhenNoH1) {
  const Document doc = AnalyzeArticle(
      "<html><head><title>A Story | The Outlet</title></head>"
      "<body><p>Text here.</p></body></html>",
      "html", ArticleOverrides());
  EXPECT_EQ(doc.title, "A Story");
  EXPECT_EQ(doc.outlet, "The Outlet");
  EXPECT_EQ(testutil::SentenceTexts(doc),
            (std::vector<std::string>{"Text here."}));
}

TEST(ArticleTest, HtmlBylineAndPublishedFromMarkup) {
  const Document doc = AnalyzeArticle(
      "<html><head><meta name=author content=\"By Jane Doe\">"
      "<meta name=date content=\"2022-09-07\"></head>"
      "<body><h1>Head</h1><p>Text.</p></body></html>",
      "html", ArticleOverrides());
  EXPECT_EQ(doc.byline, "Jane Doe");
  EXPECT_EQ(doc.published.month, 9);
  EXPECT_EQ(doc.title, "Head");
}

}  // namespace
}  // namespace internal
}  // namespace crosscheck
