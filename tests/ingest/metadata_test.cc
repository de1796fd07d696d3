#include "engine/ingest/metadata.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/ingest/blocks.h"
#include "engine/ingest/clutter.h"

namespace crosscheck {
namespace internal {
namespace {

Document Analyze(const std::string& text, bool markdown = false) {
  Document doc;
  doc.text = text;
  doc.blocks = SplitLineBlocks(doc.text);
  MarkClutter(doc.text, &doc.blocks);
  FindMetadata(&doc, markdown);
  return doc;
}

TEST(MetadataTest, FirstShortLineIsTheTitle) {
  const Document doc = Analyze(
      "A NATO Minnow Reels\n\nTIRANA, Albania \xE2\x80\x94 "
      "Customers got a shock.\n");
  EXPECT_EQ(doc.title, "A NATO Minnow Reels");
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kTitle);
  EXPECT_EQ(doc.dateline, "TIRANA, Albania");
  EXPECT_EQ(doc.blocks[1].kind, BlockKind::kBody);
}

TEST(MetadataTest, OutletSuffixGoesToOutlet) {
  const Document doc = Analyze(
      "Investigation of a suspected Iranian cyber attack \xE2\x80\x94 RT EN\n"
      "22 Sep 2022 9:15 p.m\nBody sentence here.");
  EXPECT_EQ(doc.title, "Investigation of a suspected Iranian cyber attack");
  EXPECT_EQ(doc.outlet, "RT EN");
  EXPECT_EQ(doc.blocks[1].kind, BlockKind::kDateline);
  EXPECT_EQ(doc.published.year, 2022);
  EXPECT_EQ(doc.published.month, 9);
  EXPECT_EQ(doc.published.day, 22);
}

TEST(MetadataTest, BareNameIsBylineNotTitle) {
  const Document doc =
      Analyze("Anas Samir\nAlbania, a small country, was hit.");
  EXPECT_EQ(doc.byline, "Anas Samir");
  EXPECT_EQ(doc.title, "");
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kByline);
}

TEST(MetadataTest, ByLine) {
  const Document doc =
      Analyze("Headline Here\nBy Jane Doe and John Roe\nText.");
  EXPECT_EQ(doc.title, "Headline Here");
  EXPECT_EQ(doc.byline, "Jane Doe and John Roe");
  EXPECT_EQ(doc.blocks[1].kind, BlockKind::kByline);
}

// Known limit: a two- or three-word title-case headline straight above the
// first paragraph reads as a name. A manifest title fixes such a page.
TEST(MetadataTest, ShortTitleCaseHeadlineReadsAsAName) {
  const Document doc =
      Analyze("Crisis Intensifies\nThe system was back online.");
  EXPECT_EQ(doc.byline, "Crisis Intensifies");
}

TEST(MetadataTest, ContributorLineIsByline) {
  const Document doc =
      Analyze("Title\nBody.\nFatjona Mejdini contributed reporting.");
  EXPECT_EQ(doc.blocks[2].kind, BlockKind::kByline);
  EXPECT_EQ(doc.byline, "");
}

TEST(MetadataTest, BreadcrumbIsSkippedBeforeTheTitle) {
  const Document doc = Analyze(
      "Home \xC2\xBB Albania \xC2\xBB Crisis Intensifies\n\n"
      "Crisis Intensifies After Second Attack\n\nThe system was back online.");
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kClutter);
  EXPECT_EQ(doc.title, "Crisis Intensifies After Second Attack");
  EXPECT_EQ(doc.blocks[1].kind, BlockKind::kTitle);
}

TEST(MetadataTest, ParagraphIsNotATitle) {
  const Document doc = Analyze("This is a sentence.\nAnother.");
  EXPECT_EQ(doc.title, "");
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kBody);
}

TEST(MetadataTest, MarkdownHeadings) {
  const Document doc =
      Analyze("# The Title\n\nText.\n\n## A section\n\nMore.", true);
  EXPECT_EQ(doc.title, "The Title");
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kTitle);
  EXPECT_EQ(doc.blocks[2].kind, BlockKind::kTitle);
  EXPECT_EQ(doc.blocks[1].kind, BlockKind::kBody);
}

TEST(MetadataTest, PersonNames) {
  EXPECT_TRUE(IsPersonName("Anas Samir"));
  EXPECT_TRUE(IsPersonName("Fatjona Mejdini"));
  EXPECT_TRUE(IsPersonName("Mary-Jane O'Neil Smith"));
  EXPECT_FALSE(IsPersonName("Related Stories"));
  EXPECT_FALSE(IsPersonName("Recent Articles"));
  EXPECT_FALSE(IsPersonName("Samir"));
  EXPECT_FALSE(IsPersonName("Anas Samir said"));
  EXPECT_FALSE(IsPersonName("RT EN"));
  EXPECT_FALSE(IsPersonName("A B C D"));
}

TEST(MetadataTest, Datelines) {
  EXPECT_EQ(FindDateline("TIRANA, Albania \xE2\x80\x94 Customers at a bank"),
            "TIRANA, Albania");
  EXPECT_EQ(FindDateline("NEW YORK (Reuters) - Stocks fell."), "NEW YORK");
  EXPECT_EQ(FindDateline("WASHINGTON \xE2\x80\x94 The vote"), "WASHINGTON");
  EXPECT_EQ(
      FindDateline("The attack \xE2\x80\x94 an aggression \xE2\x80\x94 hit."),
      "");
  EXPECT_EQ(FindDateline("No dash in this paragraph."), "");
}

TEST(MetadataTest, OutletSuffixes) {
  std::string_view headline, outlet;
  ASSERT_TRUE(SplitOutletSuffix("Story | Exit News", &headline, &outlet));
  EXPECT_EQ(headline, "Story");
  EXPECT_EQ(outlet, "Exit News");
  EXPECT_FALSE(
      SplitOutletSuffix("Albania-Iran Political Crisis", &headline, &outlet));
  EXPECT_FALSE(SplitOutletSuffix(
      "Iran - a state that hacks its neighbours often", &headline, &outlet));
}

}  // namespace
}  // namespace internal
}  // namespace crosscheck
