#include "engine/ingest/clutter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/ingest/blocks.h"

namespace crosscheck {
namespace internal {
namespace {

// Kinds of every line block: "body" or the clutter kind.
std::vector<std::string> Kinds(const std::string& text) {
  std::vector<Block> blocks = SplitLineBlocks(text);
  MarkClutter(text, &blocks);
  std::vector<std::string> out;
  for (const Block& b : blocks) {
    out.push_back(b.kind == BlockKind::kClutter ? b.clutter_kind : "body");
  }
  return out;
}

using KindList = std::vector<std::string>;

TEST(ClutterTest, AdvertisementMarkers) {
  EXPECT_EQ(ClassifyClutterLine("- Advertisement -"), "advertisement");
  EXPECT_EQ(ClassifyClutterLine("ADVERTISEMENT"), "advertisement");
  EXPECT_EQ(ClassifyClutterLine("Sponsored"), "advertisement");
  EXPECT_EQ(ClassifyClutterLine("The advertisement ran for a week."), "");
}

TEST(ClutterTest, CommentSectionEndsTheArticle) {
  EXPECT_EQ(Kinds("Body text here.\nLeave a Reply\nNice post!\nThanks."),
            (KindList{"body", "comments", "comments", "comments"}));
  EXPECT_EQ(Kinds("Body.\n12 Comments\nMe too."),
            (KindList{"body", "comments", "comments"}));
  EXPECT_EQ(Kinds("Body.\nLeave a Comment"), (KindList{"body", "comments"}));
}

TEST(ClutterTest, EmailNoticeIsComments) {
  EXPECT_EQ(ClassifyClutterLine("Your email address will not be published. "
                                "Required fields are marked *"),
            "comments");
}

TEST(ClutterTest, CommentWidgetLinesAndEverythingAfter) {
  EXPECT_EQ(
      Kinds("An article sentence.\n"
            "admin in: How the Muslim Brotherhood betrayed Saudi Arabia?\n"
            "Great article with insight ...\n"
            "https://www.example.com/x/ in: Cross-region cooperation\n"
            "Hello there, just became aware of your blog."),
      (KindList{"body", "comments", "comments", "comments", "comments"}));
  // Prose with " in: " is not a widget line.
  EXPECT_EQ(Kinds("Intro.\nThe results came in: prices rose sharply."),
            (KindList{"body", "body"}));
  // The first " in: " counts, after other colons.
  EXPECT_EQ(Kinds("Intro.\nre:admin in: Reply title"), (KindList{"body", "comments"}));
  EXPECT_EQ(Kinds("Intro.\nNote: Ann Lee in: Reply title"), (KindList{"body", "body"}));
}

TEST(ClutterTest, SpamLinkRuns) {
  EXPECT_EQ(
      ClassifyClutterLine("wiibet.com1xbitgiris.orgbahis.com giri\xC5\x9F"),
      "spam_links");
  EXPECT_EQ(ClassifyClutterLine("https://a.example/x https://b.example/y see"),
            "spam_links");
  EXPECT_EQ(ClassifyClutterLine("Microsoft.com said the attack was large."),
            "");
}

TEST(ClutterTest, ShareAppeals) {
  EXPECT_EQ(ClassifyClutterLine(
                "By blocking RT, the EU aims to silence a critical source. If "
                "you like our articles, feel free to share them wherever you "
                "are active. Note: a long paragraph follows here."),
            "share_appeal");
  EXPECT_EQ(ClassifyClutterLine("Share this article"), "share_appeal");
  EXPECT_EQ(ClassifyClutterLine("Please donate to keep us going"),
            "share_appeal");
}

TEST(ClutterTest, RelatedLinksAndTheirHeadlines) {
  EXPECT_EQ(ClassifyClutterLine("Related Stories"), "related_links");
  EXPECT_EQ(ClassifyClutterLine("Recent Articles"), "related_links");
  EXPECT_EQ(ClassifyClutterLine("You may also like"), "related_links");
  EXPECT_EQ(ClassifyClutterLine("More on the subject \xE2\x80\x93 Albania cuts "
                                "diplomatic relations with Iran"),
            "related_links");
  EXPECT_EQ(ClassifyClutterLine("Related to this, the minister resigned."), "");
  EXPECT_EQ(Kinds("Body.\nRead more:\nAlbania expels Iranian diplomats\n"
                  "This is a long paragraph that is article text again."),
            (KindList{"body", "related_links", "related_links", "body"}));
}

TEST(ClutterTest, Credits) {
  EXPECT_EQ(ClassifyClutterLine("Credit: /"), "credit");
  EXPECT_EQ(ClassifyClutterLine("Source link"), "credit");
  EXPECT_EQ(ClassifyClutterLine("Photo: Reuters"), "credit");
}

TEST(ClutterTest, Breadcrumbs) {
  EXPECT_EQ(ClassifyClutterLine("Home \xC2\xBB Albania \xC2\xBB Crisis"),
            "navigation");
  EXPECT_EQ(ClassifyClutterLine("Home > World"), "navigation");
  EXPECT_EQ(ClassifyClutterLine("Prices > costs, he said."), "");
  // Found by their marks, counted with a space on each side, overlapping.
  EXPECT_EQ(ClassifyClutterLine("News \xE2\x80\xBA Europe \xE2\x80\xBA Albania"), "navigation");
  EXPECT_EQ(ClassifyClutterLine("a > > b"), "navigation");
  EXPECT_EQ(ClassifyClutterLine("a >> b > c"), "");
  EXPECT_EQ(ClassifyClutterLine("x \xC2\xBB\xC2\xBB y \xC2\xBB"), "");
}

TEST(ClutterTest, RepeatedCaptionsEveryOccurrence) {
  EXPECT_EQ(Kinds("Title line\nCaption here\nBody one.\nCaption here\n"
                  "Body one.\nCaption here"),
            (KindList{"body", "repeated_caption", "body", "repeated_caption",
                      "body", "repeated_caption"}));
}

TEST(ClutterTest, KeepsPresetKinds) {
  const std::string text = "Menu\nBody.";
  std::vector<Block> blocks = SplitLineBlocks(text);
  blocks[0].kind = BlockKind::kClutter;
  blocks[0].clutter_kind = "navigation";
  MarkClutter(text, &blocks);
  EXPECT_EQ(blocks[0].clutter_kind, "navigation");
  EXPECT_EQ(blocks[1].kind, BlockKind::kBody);
}

}  // namespace
}  // namespace internal
}  // namespace crosscheck
