// The binary extract a store keeps per article, and the analysed article
// `check` sets aside between its passes (engine/checker/extract_codec.cc).
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "engine/ingest/ingest.h"
#include "engine/checker/pipeline.h"

namespace crosscheck {
namespace {

// Two articles through the pipeline, as `check` and `run` make them.
class ExtractCodecTest : public testing::Test {
 protected:
  void SetUp() override {
    StatusOr<std::unique_ptr<Pipeline>> p = Pipeline::Create(CheckOptions{});
    ASSERT_TRUE(p.ok()) << p.status().message();
    pipeline_ = std::move(*p);
    const char* texts[] = {
        "Exiles settle in Albania\n\nTIRANA, 12 May 2022 - The MEK moved to Albania in "
        "2016, its spokesman Shahin Gobadi said on Tuesday. More than 3,000 members of the "
        "MEK live at the camp, he said, about 1,000 fewer than last year.\n",
        "Camp grows\n\nThe MEK came to Albania in 2013. Some 2,500 members live in the "
        "camp near Durres, officials said a week before the election.\n"};
    EntityIndex scan(pipeline_->rules());
    for (const char* text : texts) {
      StatusOr<Document> doc = ParseArticle(text, "txt", "a" + std::to_string(articles_.size()) + ".txt",
                                            "a" + std::to_string(articles_.size()));
      ASSERT_TRUE(doc.ok()) << doc.status().message();
      doc->published = {2022, 5, 12};
      articles_.push_back(pipeline_->Analyse(std::move(*doc), scan));
      extracts_.push_back(pipeline_->BeginExtract(articles_.back()));
    }
    index_ = std::make_unique<EntityIndex>(pipeline_->rules());
    for (const ArticleExtract& x : extracts_) AddToIndex(x, index_.get());
    index_->Finish();
    for (size_t i = 0; i < extracts_.size(); ++i)
      pipeline_->ExtractClaims(articles_[i], *index_, &extracts_[i]);
  }

  std::unique_ptr<Pipeline> pipeline_;
  std::vector<AnalysedArticle> articles_;
  std::vector<ArticleExtract> extracts_;
  std::unique_ptr<EntityIndex> index_;
};

TEST_F(ExtractCodecTest, RoundTripKeepsEverything) {
  ArticleExtract x = extracts_[0];
  x.source.url = "https://example.org/mek?a=1&b=2";
  // The test is only worth something when the extract has all its parts.
  ASSERT_GE(x.claims.size(), 2u);
  ASSERT_FALSE(x.mentions.empty());
  ASSERT_FALSE(x.shingles.empty());
  ASSERT_FALSE(x.source.components.empty());
  bool unbounded = false;
  for (const Claim& c : x.claims) unbounded |= std::isinf(c.hi) || std::isinf(c.value.hi);
  ASSERT_TRUE(unbounded) << "'More than 3,000' should have no upper end";

  const std::string bytes = EncodeExtract(x);
  StatusOr<ArticleExtract> back = DecodeExtract(bytes);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(EncodeExtract(*back), bytes);
  EXPECT_EQ(back->id, "a0");
  EXPECT_EQ(back->published.year, 2022);
  EXPECT_EQ(back->published.month, 5);
  EXPECT_EQ(back->source.url, "https://example.org/mek?a=1&b=2");
  EXPECT_EQ(back->shingles, x.shingles);
  EXPECT_EQ(back->context, x.context);
  ASSERT_EQ(back->claims.size(), x.claims.size());
  for (size_t i = 0; i < x.claims.size(); ++i) {
    EXPECT_EQ(back->claims[i].key, x.claims[i].key);
    EXPECT_EQ(back->claims[i].text, x.claims[i].text);
    EXPECT_EQ(back->claims[i].sentence, x.claims[i].sentence);
    EXPECT_EQ(back->claims[i].attributed_to, x.claims[i].attributed_to);
    EXPECT_EQ(back->claims[i].lo, x.claims[i].lo);
    EXPECT_EQ(back->claims[i].hi, x.claims[i].hi);  // infinity stays infinity
    EXPECT_EQ(back->claims[i].value.qualifier, x.claims[i].value.qualifier);
  }
  ASSERT_EQ(back->mentions.size(), x.mentions.size());
  for (size_t i = 0; i < x.mentions.size(); ++i) {
    EXPECT_EQ(back->mentions[i].key, x.mentions[i].key);
    EXPECT_EQ(back->mentions[i].count, x.mentions[i].count);
    EXPECT_EQ(back->mentions[i].entity, x.mentions[i].entity);
  }
  ASSERT_EQ(back->source.components.size(), x.source.components.size());
  for (size_t i = 0; i < x.source.components.size(); ++i) {
    EXPECT_EQ(back->source.components[i].name, x.source.components[i].name);
    EXPECT_EQ(back->source.components[i].value, x.source.components[i].value);
    EXPECT_EQ(back->source.components[i].evidence.size(),
              x.source.components[i].evidence.size());
  }
  // A decoded extract is as good as a fresh one: its claims stand under the
  // same clusters.
  EXPECT_TRUE(pipeline_->ClaimsValid(*back, *index_));
}

TEST_F(ExtractCodecTest, RelativeDatesRoundTrip) {
  // The shipped packs find relative dates only around story events; the
  // codec does not care where one came from.
  ArticleExtract x = extracts_[1];
  RelativeDate d;
  d.anchor = x.claims.at(0);
  d.offset_days = -7;
  d.entity = "election";
  d.phrase = "a week before the election";
  x.relative.push_back(d);
  const std::string bytes = EncodeExtract(x);
  StatusOr<ArticleExtract> back = DecodeExtract(bytes);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(EncodeExtract(*back), bytes);
  ASSERT_EQ(back->relative.size(), 1u);
  EXPECT_EQ(back->relative[0].offset_days, -7);
  EXPECT_EQ(back->relative[0].phrase, "a week before the election");
  EXPECT_EQ(back->relative[0].anchor.text, x.claims[0].text);
}

TEST_F(ExtractCodecTest, EveryTruncationIsAnErrorNotACrash) {
  const std::string bytes = EncodeExtract(extracts_[0]);
  for (size_t n = 0; n < bytes.size(); ++n) {
    StatusOr<ArticleExtract> x = DecodeExtract(std::string_view(bytes).substr(0, n));
    ASSERT_FALSE(x.ok()) << "a prefix of " << n << " of " << bytes.size() << " bytes decoded";
    EXPECT_EQ(x.status().code(), StatusCode::kInvalidArgument);
  }
  EXPECT_FALSE(DecodeExtract(bytes + "x").ok()) << "bytes after the end";
}

TEST_F(ExtractCodecTest, DamagedBytesAreErrorsOrValidExtracts) {
  const std::string bytes = EncodeExtract(extracts_[1]);
  size_t refused = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (const char with : {'\xff', '\x80', '\x00'}) {
      std::string damaged = bytes;
      if (damaged[i] == with) continue;
      damaged[i] = with;
      StatusOr<ArticleExtract> x = DecodeExtract(damaged);
      if (!x.ok()) {
        ++refused;
        continue;
      }
      // Whatever decoded is a whole extract: it encodes and decodes again.
      EXPECT_TRUE(DecodeExtract(EncodeExtract(*x)).ok()) << "byte " << i;
    }
  }
  EXPECT_GT(refused, 0u);
}

TEST_F(ExtractCodecTest, RefusesOlderRowsAndImpossibleLengths) {
  // Stores of schema version 3 kept JSON; a run analyses those again.
  StatusOr<ArticleExtract> json = DecodeExtract(R"({"id":"a","claims":[]})");
  ASSERT_FALSE(json.ok());
  EXPECT_NE(json.status().message().find("not an extract"), std::string::npos);
  // Extracts of the first binary layout ("CXE1", before source URLs) too.
  std::string first = EncodeExtract(extracts_[0]);
  first[3] = '1';
  StatusOr<ArticleExtract> old = DecodeExtract(first);
  ASSERT_FALSE(old.ok());
  EXPECT_NE(old.status().message().find("not an extract"), std::string::npos);

  // A list length of 2^62 must not allocate: "bad list length".
  std::string bytes = "CXE2";
  for (int field = 0; field < 2; ++field) bytes += '\0';  // id, path
  bytes += '\0';                                          // line
  bytes += std::string(3, '\0');                          // published
  bytes += '\0';                                          // pipeline
  bytes += std::string("\x80\x80\x80\x80\x80\x80\x80\x80\x40", 9);  // mentions: 2^62
  StatusOr<ArticleExtract> huge = DecodeExtract(bytes);
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("bad list length"), std::string::npos)
      << huge.status().message();
}

// What `check` writes to its temporary file between passes must give back
// the very article: the claims made from the decoded one are the claims
// made from the original, byte for byte.
TEST_F(ExtractCodecTest, AnalyseAndBeginMakesWhatTheTwoStepsMake) {
  // check's first pass splits each document into words once for the scan
  // and the shingles; a store run takes the two steps apart.
  EntityIndex scan(pipeline_->rules());
  for (size_t i = 0; i < articles_.size(); ++i) {
    AnalysedArticle together;
    const ArticleExtract x =
        pipeline_->AnalyseAndBegin(articles_[i].doc, scan, &together);
    const AnalysedArticle apart = pipeline_->Analyse(articles_[i].doc, scan);
    const ArticleExtract y = pipeline_->BeginExtract(apart);
    EXPECT_EQ(EncodeAnalysed(together), EncodeAnalysed(apart)) << i;
    EXPECT_EQ(EncodeExtract(x), EncodeExtract(y)) << i;
    EXPECT_FALSE(x.shingles.empty());
    EXPECT_FALSE(together.mentions.by_sentence.empty());
  }
}

TEST_F(ExtractCodecTest, AnalysedArticleRoundTripGivesTheSameClaims) {
  // An HTML page too: entities make text offsets differ from file offsets
  // (Document::offsets), and a boilerplate block has a clutter kind.
  StatusOr<Document> html = ParseArticle(
      "<html><head><title>Camp &amp; exiles</title></head><body>"
      "<article><h1>Camp &amp; exiles</h1><p>The MEK came to Albania in 2014, "
      "Mr Shahin Gobadi said. About 2,800 members &mdash; some say 3,000 &mdash; "
      "live at Ashraf 3.</p></article><div class=\"share\">Share on Facebook</div>"
      "</body></html>",
      "html", "page.html", "page");
  ASSERT_TRUE(html.ok()) << html.status().message();
  EntityIndex scan(pipeline_->rules());
  std::vector<AnalysedArticle> all = articles_;
  all.push_back(pipeline_->Analyse(std::move(*html), scan));
  ASSERT_FALSE(all.back().doc.offsets.empty());
  // And one with style findings of both kinds, which Analyse() finds.
  StatusOr<Document> bait = ParseArticle(
      "You Won't Believe What Happened Next!\n\nThe MEK alleged In an August 4 report "
      "that 3,000 members live at the camp. This is TOTALLY UNACCEPTABLE, officials said.\n",
      "txt", "bait.txt", "bait");
  ASSERT_TRUE(bait.ok()) << bait.status().message();
  all.push_back(pipeline_->Analyse(std::move(*bait), scan));
  ASSERT_FALSE(all.back().style.language.empty());
  ASSERT_FALSE(all.back().style.sensationalism.empty());

  for (const AnalysedArticle& a : all) {
    const std::string bytes = EncodeAnalysed(a);
    StatusOr<AnalysedArticle> back = DecodeAnalysed(bytes);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(EncodeAnalysed(*back), bytes);
    EXPECT_EQ(back->doc.id, a.doc.id);
    EXPECT_EQ(back->doc.text, a.doc.text);
    EXPECT_EQ(back->doc.title, a.doc.title);
    EXPECT_EQ(back->doc.published.year, a.doc.published.year);
    ASSERT_EQ(back->doc.sentences.size(), a.doc.sentences.size());
    for (size_t s = 0; s < a.doc.sentences.size(); ++s) {
      EXPECT_EQ(back->doc.sentences[s].span.start, a.doc.sentences[s].span.start);
      EXPECT_EQ(back->doc.sentences[s].span.end, a.doc.sentences[s].span.end);
      EXPECT_EQ(back->doc.sentences[s].headline, a.doc.sentences[s].headline);
    }
    ASSERT_EQ(back->doc.blocks.size(), a.doc.blocks.size());
    for (size_t b = 0; b < a.doc.blocks.size(); ++b) {
      EXPECT_EQ(back->doc.blocks[b].kind, a.doc.blocks[b].kind);
      EXPECT_EQ(back->doc.blocks[b].clutter_kind, a.doc.blocks[b].clutter_kind);
    }
    for (size_t o = 0; o < a.doc.text.size(); o += 7)
      EXPECT_EQ(back->doc.OriginalOffset(o), a.doc.OriginalOffset(o));
    ASSERT_EQ(back->values.size(), a.values.size());
    size_t values = 0;
    for (size_t s = 0; s < a.values.size(); ++s) {
      ASSERT_EQ(back->values[s].size(), a.values[s].size());
      for (size_t v = 0; v < a.values[s].size(); ++v, ++values) {
        EXPECT_EQ(back->values[s][v].kind, a.values[s][v].kind);
        EXPECT_EQ(back->values[s][v].lo, a.values[s][v].lo);
        EXPECT_EQ(back->values[s][v].hi, a.values[s][v].hi);  // infinity too
        EXPECT_EQ(back->values[s][v].start, a.values[s][v].start);
      }
    }
    EXPECT_GT(values, 0u);
    ASSERT_EQ(back->mentions.by_sentence.size(), a.mentions.by_sentence.size());
    size_t mentions = 0;
    for (size_t s = 0; s < a.mentions.by_sentence.size(); ++s) {
      ASSERT_EQ(back->mentions.by_sentence[s].size(), a.mentions.by_sentence[s].size());
      for (size_t m = 0; m < a.mentions.by_sentence[s].size(); ++m, ++mentions) {
        const Mention& x = a.mentions.by_sentence[s][m];
        const Mention& y = back->mentions.by_sentence[s][m];
        EXPECT_EQ(y.key, x.key);
        EXPECT_EQ(y.kind, x.kind);
        EXPECT_EQ(y.entity, x.entity);
        EXPECT_EQ(y.start, x.start);
        EXPECT_EQ(y.outer_start, x.outer_start);
        EXPECT_EQ(y.person_hint, x.person_hint);
        EXPECT_EQ(y.appositive, x.appositive);
      }
    }
    EXPECT_GT(mentions, 0u);
    EXPECT_EQ(back->mentions.links, a.mentions.links);
    EXPECT_EQ(back->mentions.person_keys, a.mentions.person_keys);
    EXPECT_EQ(back->mentions.firm_keys, a.mentions.firm_keys);
    for (const auto& [x, y] : {std::pair(&a.style.language, &back->style.language),
                               std::pair(&a.style.sensationalism, &back->style.sensationalism)}) {
      ASSERT_EQ(y->size(), x->size());
      for (size_t f = 0; f < x->size(); ++f) {
        EXPECT_EQ((*y)[f].kind, (*x)[f].kind);
        EXPECT_EQ((*y)[f].span.start, (*x)[f].span.start);
        EXPECT_EQ((*y)[f].span.end, (*x)[f].span.end);
        EXPECT_EQ((*y)[f].text, (*x)[f].text);
        EXPECT_EQ((*y)[f].detail, (*x)[f].detail);
      }
    }
  }

  // The claims, speakers and score of the decoded articles.
  for (size_t i = 0; i < articles_.size(); ++i) {
    StatusOr<AnalysedArticle> back = DecodeAnalysed(EncodeAnalysed(articles_[i]));
    ASSERT_TRUE(back.ok());
    ArticleExtract x = pipeline_->BeginExtract(*back);
    pipeline_->ExtractClaims(*back, *index_, &x);
    EXPECT_EQ(EncodeExtract(x), EncodeExtract(extracts_[i]));
  }
  ASSERT_GE(extracts_[0].claims.size(), 2u);
}

TEST_F(ExtractCodecTest, AnalysedArticleCutShortIsAnErrorAtEveryLength) {
  const std::string bytes = EncodeAnalysed(articles_[0]);
  for (size_t n = 0; n < bytes.size(); ++n) {
    StatusOr<AnalysedArticle> cut = DecodeAnalysed(std::string_view(bytes).substr(0, n));
    ASSERT_FALSE(cut.ok()) << "decoded from " << n << " of " << bytes.size() << " bytes";
  }
  StatusOr<AnalysedArticle> extract = DecodeAnalysed(EncodeExtract(extracts_[0]));
  ASSERT_FALSE(extract.ok());
  EXPECT_NE(extract.status().message().find("not an analysed article"), std::string::npos)
      << extract.status().message();
  StatusOr<AnalysedArticle> longer = DecodeAnalysed(bytes + "x");
  ASSERT_FALSE(longer.ok());
  EXPECT_NE(longer.status().message().find("bytes after the end"), std::string::npos);
}

}  // namespace
}  // namespace crosscheck
