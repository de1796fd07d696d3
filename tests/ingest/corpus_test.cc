// The five real pages of the albania-2022 corpus, with expectations checked
// by reading the pages (see sources.yaml there for what the texts settle).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "engine/ingest/ingest.h"
#include "tests/ingest/test_util.h"

namespace crosscheck {
namespace {

class CorpusTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(testutil::CorpusDir())) return;
    auto result = IngestPaths({testutil::CorpusDir()});
    ASSERT_TRUE(result.ok()) << result.status().message();
    result_ = new IngestResult(std::move(result).value());
  }
  static void TearDownTestSuite() {
    delete result_;
    result_ = nullptr;
  }
  void SetUp() override {
    if (result_ == nullptr) GTEST_SKIP() << "corpus not found";
  }

  static const Document& Doc(const std::string& id) {
    for (const Document& d : result_->documents) {
      if (d.id == id) return d;
    }
    ADD_FAILURE() << "no document " << id;
    static const Document kEmpty;
    return kEmpty;
  }

  // The block whose text starts with `prefix` (ADD_FAILURE when none).
  static const Block& BlockStarting(const Document& doc,
                                    std::string_view prefix) {
    for (const Block& b : doc.blocks) {
      if (doc.Slice(b.span).substr(0, prefix.size()) == prefix) return b;
    }
    ADD_FAILURE() << "no block starting " << prefix;
    static const Block kNone;
    return kNone;
  }

  static void ExpectClutter(const Document& doc, std::string_view prefix,
                            const std::string& kind) {
    const Block& b = BlockStarting(doc, prefix);
    EXPECT_EQ(b.kind, BlockKind::kClutter) << prefix;
    EXPECT_EQ(b.clutter_kind, kind) << prefix;
  }

  static bool HasSentence(const Document& doc, std::string_view text) {
    for (const Sentence& s : doc.sentences) {
      if (doc.Slice(s.span) == text) return true;
    }
    return false;
  }

  static bool AnySentenceContains(const Document& doc, std::string_view part) {
    for (const Sentence& s : doc.sentences) {
      if (doc.Slice(s.span).find(part) != std::string_view::npos) return true;
    }
    return false;
  }

  static IngestResult* result_;
};

IngestResult* CorpusTest::result_ = nullptr;

TEST_F(CorpusTest, ReadsFiveArticlesAndSkipsExpectedYaml) {
  std::vector<std::string> ids;
  for (const Document& d : result_->documents) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "albania-cuts-ties", "blog-repost-anas-samir",
                     "exit-news-second-attack", "nato-minnow-reels",
                     "rt-investigation"}));
  ASSERT_EQ(result_->diagnostics.size(), 1u);
  EXPECT_EQ(result_->diagnostics[0].level, Diagnostic::Level::kNote);
  EXPECT_EQ(result_->diagnostics[0].message, "skipped (not an article format)");
  EXPECT_EQ(std::filesystem::path(result_->diagnostics[0].path).filename(),
            "expected.yaml");
}

TEST_F(CorpusTest, NatoMinnowReels) {
  const Document& doc = Doc("nato-minnow-reels");
  EXPECT_EQ(doc.title, "A NATO Minnow Reels From Cyberattacks Linked to Iran");
  EXPECT_EQ(doc.dateline, "TIRANA, Albania");
  EXPECT_EQ(doc.published.year, 2023);
  EXPECT_EQ(doc.published.month, 0);
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kTitle);
  ASSERT_FALSE(doc.sentences.empty());
  EXPECT_TRUE(doc.sentences[0].headline);
  // The dateline paragraph stays body, dateline included.
  EXPECT_EQ(BlockStarting(doc, "TIRANA, Albania").kind, BlockKind::kBody);
  EXPECT_EQ(BlockStarting(doc, "Fatjona Mejdini contributed").kind,
            BlockKind::kByline);
  ExpectClutter(doc, "Leave a Reply", "comments");
  ExpectClutter(doc, "Your email address will not be published", "comments");
  ExpectClutter(doc, "wiibet.com", "spam_links");
  EXPECT_FALSE(AnySentenceContains(doc, "bet"));
  EXPECT_FALSE(AnySentenceContains(doc, "giri\xC5\x9F"));
  EXPECT_FALSE(AnySentenceContains(doc, "Leave a Reply"));
  EXPECT_TRUE(HasSentence(
      doc,
      "The United States classified it a terrorist outfit until 2012, but "
      "leaned on Albania to offer shelter to thousands of its members after "
      "their camp in Iraq came under attack from pro-Iran militias"));
  EXPECT_TRUE(HasSentence(doc,
                          "\xE2\x80\x9CIt just goes on and on,\xE2\x80\x9D "
                          "Mr. Rama lamented."));
  EXPECT_TRUE(
      AnySentenceContains(doc, "experts from the F.B.I. and other agencies"));
  EXPECT_TRUE(
      HasSentence(doc, "M.E.K. canceled the Free Iran event last year."));
  EXPECT_TRUE(AnySentenceContains(doc,
                                  "identifying M.E.K. as the "
                                  "\xE2\x80\x9Cprimary target.\xE2\x80\x9D"));
  EXPECT_TRUE(AnySentenceContains(doc,
                                  "Rudolph W. Giuliani, a former New York "
                                  "mayor and a onetime personal lawyer to "
                                  "former President Donald J. Trump."));
  EXPECT_TRUE(HasSentence(doc,
                          "He noted that they posted online a government "
                          "identification document generated on Jan. 29."));
  for (const Sentence& s : doc.sentences) {
    EXPECT_NE(doc.Slice(s.span).substr(0, 3), "Mr.") << doc.Slice(s.span);
    const std::string_view t = doc.Slice(s.span);
    EXPECT_FALSE(t.empty());
    EXPECT_NE(t.front(), ' ');
    EXPECT_NE(t.back(), ' ');
    // Never across blocks.
    const Block& b = doc.blocks[s.block];
    EXPECT_GE(s.span.start, b.span.start);
    EXPECT_LE(s.span.end, b.span.end);
  }
}

TEST_F(CorpusTest, BlogRepostAnasSamir) {
  const Document& doc = Doc("blog-repost-anas-samir");
  EXPECT_EQ(doc.byline, "Anas Samir");
  EXPECT_EQ(doc.title, "");
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kByline);
  for (const Sentence& s : doc.sentences) EXPECT_FALSE(s.headline);
  ExpectClutter(doc, "admin in: How the Muslim Brotherhood", "comments");
  ExpectClutter(doc, "Great article with insight", "comments");
  ExpectClutter(doc, "https://www.viagrapascherfr.com", "comments");
  ExpectClutter(doc, "Hello there, just became aware", "comments");
  EXPECT_FALSE(AnySentenceContains(doc, "viagra"));
  EXPECT_TRUE(AnySentenceContains(doc, "Mr. Rama lamented, "));
  // "... and M.E.K. The gravity ..." is two sentences.
  EXPECT_TRUE(HasSentence(doc,
                          "The attack against Albania was probably "
                          "\xE2\x80\x9Cretaliation for cyberattacks Iran "
                          "perceives were carried out by Israel\xE2\x80\x9D "
                          "and M.E.K."));
}

TEST_F(CorpusTest, AlbaniaCutsTies) {
  const Document& doc = Doc("albania-cuts-ties");
  EXPECT_EQ(doc.title,
            "Albania cuts ties to Iran, blaming it for massive cyberattack");
  EXPECT_EQ(doc.published.year, 2022);
  EXPECT_EQ(doc.published.month, 9);
  EXPECT_EQ(doc.published.day, 7);
  int ads = 0;
  for (const Block& b : doc.blocks) {
    if (doc.Slice(b.span) == "- Advertisement -") {
      ++ads;
      EXPECT_EQ(b.clutter_kind, "advertisement");
    }
  }
  EXPECT_EQ(ads, 3);
  ExpectClutter(doc, "Credit: /", "credit");
  ExpectClutter(doc, "Recent Articles", "related_links");
  ExpectClutter(doc, "Related Stories", "related_links");
  EXPECT_FALSE(AnySentenceContains(doc, "Advertisement"));
  EXPECT_TRUE(
      HasSentence(doc, "Iran has not yet responded to the allegations."));
  EXPECT_EQ(doc.dateline, "");
}

TEST_F(CorpusTest, RtInvestigation) {
  const Document& doc = Doc("rt-investigation");
  EXPECT_EQ(doc.title, "Investigation of a suspected Iranian cyber attack");
  EXPECT_EQ(doc.outlet, "RT EN");
  EXPECT_EQ(doc.published.year, 2022);
  EXPECT_EQ(doc.published.month, 9);
  EXPECT_EQ(doc.published.day, 22);
  EXPECT_EQ(BlockStarting(doc, "22 Sep 2022 9:15 p.m").kind,
            BlockKind::kDateline);
  ASSERT_FALSE(doc.sentences.empty());
  EXPECT_TRUE(doc.sentences[0].headline);
  EXPECT_EQ(doc.Slice(doc.sentences[0].span),
            "Investigation of a suspected Iranian cyber attack");
  ExpectClutter(doc, "By blocking RT, the EU aims to silence", "share_appeal");
  ExpectClutter(doc, "Source link", "credit");
  ExpectClutter(doc, "More on the subject", "related_links");
  EXPECT_FALSE(AnySentenceContains(doc, "feel free to share"));
  EXPECT_FALSE(AnySentenceContains(doc, "Austria"));
  EXPECT_TRUE(HasSentence(doc,
                          "Since 2013, the People\xE2\x80\x99s Mujahideen "
                          "have resided in Albania, in a hermetically sealed "
                          "camp near Tirana."));
}

TEST_F(CorpusTest, ExitNewsSecondAttack) {
  const Document& doc = Doc("exit-news-second-attack");
  EXPECT_EQ(
      doc.title,
      "Albania-Iran Political Crisis Intensifies After Second Cyberattack");
  EXPECT_EQ(doc.outlet, "Exit News");  // from the manifest
  EXPECT_EQ(doc.published.year, 2022);
  EXPECT_EQ(doc.published.month, 9);
  EXPECT_EQ(doc.published.day, 11);
  ExpectClutter(doc, "Home \xC2\xBB Albania \xC2\xBB", "navigation");
  EXPECT_EQ(BlockStarting(doc, "Albania-Iran Political Crisis").kind,
            BlockKind::kTitle);
  int captions = 0;
  for (const Block& b : doc.blocks) {
    if (doc.Slice(b.span) == "Exit news on Albania Cyber-attack") {
      ++captions;
      EXPECT_EQ(b.clutter_kind, "repeated_caption");
    }
  }
  EXPECT_EQ(captions, 3);
  ExpectClutter(doc, "You may also like", "related_links");
  ExpectClutter(doc, "Leave a Comment", "comments");
  EXPECT_FALSE(AnySentenceContains(doc, "Exit news on"));
  EXPECT_TRUE(
      HasSentence(doc,
                  "The U.S. government is supporting Albania\xE2\x80\x99s "
                  "efforts to mitigate and recover.\xE2\x80\x9D a "
                  "statement on Twitter reads."));
}

TEST_F(CorpusTest, SentenceOffsetsPointIntoTheFiles) {
  for (const Document& doc : result_->documents) {
    EXPECT_TRUE(doc.offsets.empty()) << doc.id;
    EXPECT_EQ(doc.format, "txt");
    for (const Sentence& s : doc.sentences) {
      ASSERT_LE(s.span.end, doc.text.size());
      EXPECT_LT(s.span.start, s.span.end);
    }
  }
}

}  // namespace
}  // namespace crosscheck
