#include "engine/score/copies.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ingest/ingest.h"

namespace crosscheck {
namespace {

Document Parse(std::string_view text, std::string_view id,
               ReferenceDate published = {}) {
  StatusOr<Document> doc = ParseArticle(text, "txt", "test.txt", id);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  Document d = doc.ok() ? std::move(doc).value() : Document{};
  d.published = published;
  return d;
}

// An original report and a shorter, partly reworded copy of it.
constexpr std::string_view kOriginal =
    "Albania cuts ties with Iran over cyberattack\n"
    "\n"
    "Albania cut diplomatic ties with Iran on Wednesday after an investigation "
    "concluded that the Islamic Republic was behind a cyberattack on government "
    "servers in July. Prime Minister Edi Rama said the attack was designed to "
    "paralyse public services, erase digital records and incite chaos across "
    "the country. He ordered every Iranian diplomat and embassy employee to "
    "leave Albania within twenty four hours.\n"
    "\n"
    "The United States condemned the attack and promised to take further "
    "action to hold Iran accountable for the breach. The dissident group has "
    "lived in a closed camp near the port city of Durres since it moved there "
    "from Iraq several years ago. Officials in Tirana declined to say how much "
    "data had been lost in the attack or how long the repairs would take. "
    "Analysts said the decision to sever ties was the first of its kind in "
    "response to a cyberattack.\n";

constexpr std::string_view kCopy =
    "Tirana expels Iranian diplomats\n"
    "\n"
    "Albania has cut diplomatic ties with Iran after an investigation "
    "concluded that the Islamic Republic was behind a cyberattack on government "
    "servers in July. Prime Minister Edi Rama said the attack was designed to "
    "paralyse public services, erase digital records and incite chaos across "
    "the country. Every Iranian diplomat and embassy employee must leave "
    "Albania within twenty four hours. The dissident group has lived in a "
    "closed camp near the port city of Durres since it moved there from Iraq.\n";

constexpr std::string_view kUnrelated =
    "Dam fails after heavy rain\n"
    "\n"
    "The Brenna Dam failed on Tuesday after three days of heavy rain in the "
    "upper valley. Water from the reservoir flooded two villages downstream "
    "and forced hundreds of families to leave their homes overnight. The "
    "regional water board said engineers had warned about cracks in the "
    "spillway last spring. Rescue teams worked through the night with boats "
    "and helicopters to reach people stranded on rooftops and hills.\n";

std::vector<CopyRelation> Detect(const std::vector<const Document*>& docs) {
  std::vector<std::vector<uint64_t>> shingles;
  for (const Document* d : docs)
    shingles.push_back(Shingles(*d, CopyOptions().shingle_words));
  std::vector<CopySource> sources;
  for (size_t i = 0; i < docs.size(); ++i)
    sources.push_back({&docs[i]->id, docs[i]->published, &shingles[i]});
  return DetectCopies(sources);
}

TEST(CopiesTest, ShinglesAreSortedUniqueAndCaseBlind) {
  const Document lower = Parse("the cat sat on the mat.", "lower");
  const Document upper = Parse("THE Cat SAT on THE mat.", "upper");
  const std::vector<uint64_t> a = Shingles(lower, 4);
  // Six words make three shingles of four.
  EXPECT_EQ(a.size(), 3u);
  EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
  EXPECT_EQ(a, Shingles(upper, 4));
  EXPECT_EQ(Shingles(lower, 6).size(), 1u);
  EXPECT_TRUE(Shingles(lower, 7).empty());
  // Repeated passages give one shingle each.
  const Document repeated = Parse("one two three four one two three four.", "rep");
  EXPECT_EQ(Shingles(repeated, 4).size(), 4u);
}

// An article's shingles are sorted by a radix sort from 64 of them on: a
// long text with repeats gives strictly increasing shingles, as many as it
// has distinct runs of words.
TEST(CopiesTest, ManyShinglesAreSortedAndUnique) {
  std::string text;
  std::vector<std::string> words;
  for (int i = 0; i < 900; ++i) {
    // Word i % 300 (repeats from word 300 on), and every 7th "Dam" in capitals.
    const int w = i % 300;
    words.push_back(w % 7 == 0 ? "dam" : "w" + std::to_string(w * 7919 % 1000));
    text += (w % 7 == 0 ? "DAM" : words.back()) + " ";
  }
  text += ".";
  const std::vector<uint64_t> s = Shingles(Parse(text, "long"), 5);
  std::set<std::string> runs;
  for (size_t i = 0; i + 5 <= words.size(); ++i)
    runs.insert(words[i] + " " + words[i + 1] + " " + words[i + 2] + " " + words[i + 3] + " " +
                words[i + 4]);
  ASSERT_GT(runs.size(), 256u);
  EXPECT_EQ(s.size(), runs.size());
  EXPECT_TRUE(std::adjacent_find(s.begin(), s.end(), std::greater_equal<uint64_t>()) == s.end());
}

TEST(CopiesTest, HeadlineIsNotShingled) {
  const Document doc =
      Parse("A headline of five words\n\nBody text has six words here.", "doc");
  ASSERT_FALSE(doc.sentences.empty());
  ASSERT_TRUE(doc.sentences[0].headline);
  // Only the body's six words: three shingles.
  EXPECT_EQ(Shingles(doc, 4).size(), 3u);
}

TEST(CopiesTest, LaterPublishedRewordedCondensationIsTheCopy) {
  const Document original = Parse(kOriginal, "nyt", {2022, 9, 8});
  const Document copy = Parse(kCopy, "blog", {2022, 9, 10});
  for (const std::vector<const Document*>& docs :
       {std::vector<const Document*>{&original, &copy},
        std::vector<const Document*>{&copy, &original}}) {
    SCOPED_TRACE(docs[0]->id + " first");
    const std::vector<CopyRelation> r = Detect(docs);
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].copy, "blog");
    EXPECT_EQ(r[0].original, "nyt");
    EXPECT_GE(r[0].shared, CopyOptions().min_shared);
    EXPECT_GE(r[0].containment, CopyOptions().min_containment);
    EXPECT_LE(r[0].containment, 1.0);
  }
}

TEST(CopiesTest, PublicationDateDecidesOverContainment) {
  // The longer text was published later: it copies the shorter one.
  const Document longer = Parse(kOriginal, "nyt", {2022, 9, 12});
  const Document shorter = Parse(kCopy, "blog", {2022, 9, 10});
  const std::vector<CopyRelation> r = Detect({&longer, &shorter});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].copy, "nyt");
  EXPECT_EQ(r[0].original, "blog");
  // Its containment is its own share found in the other: below the copy's.
  const Document earlier = Parse(kOriginal, "nyt", {2022, 9, 8});
  const std::vector<CopyRelation> other = Detect({&shorter, &earlier});
  ASSERT_EQ(other.size(), 1u);
  EXPECT_LT(r[0].containment, other[0].containment);
}

TEST(CopiesTest, ContainmentDecidesWhenDatesCannot) {
  struct Case {
    const char* name;
    ReferenceDate original, copy;
  };
  const Case cases[] = {
      {"unknown dates", {}, {}},
      {"same day", {2022, 9, 8}, {2022, 9, 8}},
      {"one date unknown", {2022, 9, 12}, {}},
      // Year-only dates cannot order two articles of one year.
      {"years only", {2022, 0, 0}, {2021, 0, 0}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Document original = Parse(kOriginal, "nyt", c.original);
    const Document copy = Parse(kCopy, "blog", c.copy);
    for (const std::vector<const Document*>& docs :
         {std::vector<const Document*>{&original, &copy},
          std::vector<const Document*>{&copy, &original}}) {
      const std::vector<CopyRelation> r = Detect(docs);
      ASSERT_EQ(r.size(), 1u);
      EXPECT_EQ(r[0].copy, "blog");
      EXPECT_EQ(r[0].original, "nyt");
    }
  }
}

TEST(CopiesTest, UnrelatedTextsAreNotCopies) {
  const Document a = Parse(kOriginal, "nyt", {2022, 9, 8});
  const Document b = Parse(kUnrelated, "dam", {2022, 9, 10});
  EXPECT_TRUE(Detect({&a, &b}).empty());
  const Document c = Parse(kCopy, "blog", {2022, 9, 10});
  // Beside a real pair, the unrelated text stays out.
  const std::vector<CopyRelation> r = Detect({&a, &b, &c});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].copy, "blog");
}

TEST(CopiesTest, SharingAFewPhrasesIsNotCopying) {
  // One sentence in common: too few shared shingles.
  const Document a = Parse(kOriginal, "nyt", {2022, 9, 8});
  const Document b = Parse(std::string(kUnrelated) +
                               "Prime Minister Edi Rama said the attack was "
                               "designed to paralyse public services.\n",
                           "dam", {2022, 9, 10});
  EXPECT_TRUE(Detect({&a, &b}).empty());
}

// Article k: `words` words drawn from a vocabulary by a generator seeded
// with k, so two articles share a 4-word run only by chance.
std::string DistinctText(int k, int words) {
  static const char* const kWords[] = {
      "river", "council", "budget", "harbour", "station", "festival", "bridge", "market",
      "school", "factory", "orchard", "library", "airport", "stadium", "museum", "village",
      "minister", "engineer", "teacher", "farmer", "opened", "closed", "delayed", "praised",
      "funded", "planned", "north", "south", "old", "new", "quiet", "busy"};
  uint32_t state = 2654435761u * static_cast<uint32_t>(k + 1);
  std::string text = "Report " + std::to_string(k) + "\n\n";
  for (int w = 0; w < words; ++w) {
    state = state * 1664525u + 1013904223u;
    text += kWords[state >> 27];
    text += (w % 12 == 11) ? ". " : " ";
  }
  return text + ".\n";
}

TEST(CopiesTest, SixtyCopiesOfOneStoryAllFindTheirOriginal) {
  // A story syndicated sixty times: every text shares every shingle with
  // fifty-nine others. Each later copy points at an earlier one.
  std::vector<Document> docs;
  docs.reserve(60);
  for (int i = 0; i < 60; ++i)
    docs.push_back(Parse(kOriginal, "outlet-" + std::to_string(100 + i),
                         {2022, 9, 1 + i % 28}));
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  const std::vector<CopyRelation> r = Detect(ptrs);
  // All but one: the three texts of the first day have no earlier one, and
  // between identical texts of one day the order decides.
  EXPECT_EQ(r.size(), docs.size() - 1);
  std::set<std::string> copies;
  for (const CopyRelation& c : r) copies.insert(c.copy);
  EXPECT_EQ(copies.size(), r.size());
  EXPECT_FALSE(copies.count("outlet-156"));  // the last of the first day's
  for (const CopyRelation& c : r) EXPECT_DOUBLE_EQ(c.containment, 1.0) << c.copy;
}

TEST(CopiesTest, AFooterSharedByEveryArticleIsNotCopying) {
  // Two hundred different articles with the same long footer: the footer is
  // under half of each, so nobody copies anybody.
  const std::string footer =
      "Follow our newsroom for the latest updates on this and other stories, "
      "sign up for the morning newsletter, and write to the editors with tips, "
      "corrections and questions about how we report the news every day.\n";
  std::vector<Document> docs;
  docs.reserve(200);
  for (int k = 0; k < 200; ++k)
    docs.push_back(Parse(DistinctText(k, 80) + "\n" + footer, "a" + std::to_string(k)));
  std::vector<const Document*> ptrs;
  for (const Document& d : docs) ptrs.push_back(&d);
  EXPECT_TRUE(Detect(ptrs).empty());
}

// Every pair of the BBC corpus's politics and tech sections compared
// exactly: each pair that shares enough to be a copy must show up in what
// the sketches found (both articles in a relation). Skipped without
// ../shared.
TEST(CopiesTest, SketchesFindWhatComparingAllPairsFinds) {
  const char* env = std::getenv("CROSSCHECK_SHARED");
  const std::filesystem::path shared =
      env != nullptr && *env ? env : CROSSCHECK_SOURCE_DIR "/../shared";
  const std::filesystem::path news = shared / "corpus/bbc-news-2004/news";
  if (!std::filesystem::is_directory(news)) GTEST_SKIP() << "no " << news;
  std::vector<Document> docs;
  for (const char* section : {"politics", "tech"}) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(news / section))
      files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      docs.push_back(Parse(text.str(), f.stem().string()));
    }
  }
  ASSERT_GT(docs.size(), 700u);
  std::vector<std::vector<uint64_t>> shingles;
  for (const Document& d : docs) shingles.push_back(Shingles(d, CopyOptions().shingle_words));
  std::vector<CopySource> sources;
  for (size_t i = 0; i < docs.size(); ++i) sources.push_back({&docs[i].id, {}, &shingles[i]});
  std::set<std::string> involved;
  for (const CopyRelation& r : DetectCopies(sources)) {
    involved.insert(r.copy);
    involved.insert(r.original);
  }
  const CopyOptions options;
  int qualifying = 0;
  for (size_t i = 0; i < docs.size(); ++i) {
    for (size_t j = i + 1; j < docs.size(); ++j) {
      int both = 0;
      for (auto a = shingles[i].begin(), b = shingles[j].begin();
           a != shingles[i].end() && b != shingles[j].end();) {
        if (*a < *b) ++a;
        else if (*b < *a) ++b;
        else ++both, ++a, ++b;
      }
      const double shared_n = both;
      if (both < options.min_shared) continue;
      if (std::max(shared_n / shingles[i].size(), shared_n / shingles[j].size()) <
          options.min_containment)
        continue;
      ++qualifying;
      EXPECT_TRUE(involved.count(docs[i].id) && involved.count(docs[j].id))
          << docs[i].id << " and " << docs[j].id << " share " << both;
    }
  }
  EXPECT_GT(qualifying, 10);  // the sections hold real copies
}

TEST(CopiesTest, ACopyIndexKeepsEveryArticleOfACommonBandKey) {
  // Twelve copies of one story, one a day: every band key is shared by all
  // twelve, so each addition meets the others in every band (once as a
  // candidate), and a removal must take an article out of runs of twelve.
  // Between identical texts each copy keeps the first pair it is in,
  // (earliest present, itself): every copy must point at the earliest
  // article in the index, which it can only do if that pair was found.
  constexpr int kCopies = 12;
  std::vector<Document> docs;
  docs.reserve(kCopies);
  for (int i = 0; i < kCopies; ++i)
    docs.push_back(Parse(kOriginal, "day-" + std::to_string(10 + i), {2022, 9, 1 + i}));
  std::vector<std::vector<uint64_t>> shingles;
  for (const Document& d : docs) shingles.push_back(Shingles(d, CopyOptions().shingle_words));
  CopyIndex index;
  // Relations among the articles `present`, as "copy<original" lines.
  auto relations = [&](const std::vector<int>& present) {
    std::vector<CopySource> sources;
    std::vector<uint64_t> keys;
    for (const int i : present) {
      sources.push_back({&docs[i].id, docs[i].published, &shingles[i]});
      keys.push_back(static_cast<uint64_t>(i));
    }
    std::string out;
    for (const CopyRelation& r : index.pairs().Relations(sources, keys))
      out += r.copy + "<" + r.original + " ";
    return out;
  };
  auto expected = [&](const std::vector<int>& present) {
    std::string out;
    for (size_t k = 1; k < present.size(); ++k)
      out += docs[present[k]].id + "<" + docs[present[0]].id + " ";
    return out;
  };
  // Added newest first, so that each addition meets the later ones.
  for (int i = kCopies - 1; i >= 0; --i) index.Add(static_cast<uint64_t>(i), &shingles[i]);
  std::vector<int> all(kCopies);
  for (int i = 0; i < kCopies; ++i) all[i] = i;
  EXPECT_EQ(relations(all), expected(all));
  // The earliest three and every other of the rest taken out: the copies
  // left point at day-13, through pairs the index found when day-13 was
  // added (it met the later ones, already in), which must stay.
  std::vector<int> left;
  for (int i = 0; i < kCopies; ++i) {
    if (i < 3 || i % 2 == 0) {
      index.Remove(static_cast<uint64_t>(i));
    } else {
      left.push_back(i);
    }
  }
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(index.Contains(static_cast<uint64_t>(i)));
  EXPECT_EQ(relations(left), expected(left));
  // Added again: each meets the others once more, none twice.
  for (int i = 0; i < kCopies; ++i)
    if (i < 3 || i % 2 == 0) index.Add(static_cast<uint64_t>(i), &shingles[i]);
  EXPECT_EQ(relations(all), expected(all));
}

TEST(CopiesTest, ACopyIndexFindsCopiesAcrossManyAdditions) {
  // The index notes which candidate each addition already met with a count
  // of additions that wraps round: copies of one original added 255 apart
  // must each still meet it. Unrelated articles fill in.
  std::vector<Document> docs;
  docs.reserve(800);
  std::vector<size_t> copies;
  docs.push_back(Parse(kOriginal, "original", {2022, 9, 1}));
  for (int k = 1; k < 800; ++k) {
    if (k == 1 || k == 256 || k == 511 || k == 766) {
      copies.push_back(docs.size());
      docs.push_back(Parse(kOriginal, "copy-" + std::to_string(k), {2022, 9, 2}));
    } else {
      docs.push_back(Parse(DistinctText(k, 40), "other-" + std::to_string(k)));
    }
  }
  std::vector<std::vector<uint64_t>> shingles;
  for (const Document& d : docs) shingles.push_back(Shingles(d, CopyOptions().shingle_words));
  CopyIndex index;
  for (size_t i = 0; i < docs.size(); ++i) index.Add(i, &shingles[i]);
  for (const size_t c : copies) {
    const std::vector<CopySource> sources = {{&docs[0].id, docs[0].published, &shingles[0]},
                                             {&docs[c].id, docs[c].published, &shingles[c]}};
    const std::vector<CopyRelation> r = index.pairs().Relations(sources, {0, c});
    ASSERT_EQ(r.size(), 1u) << docs[c].id;
    EXPECT_EQ(r[0].copy, docs[c].id);
    EXPECT_EQ(r[0].original, "original");
  }
}

TEST(CopiesTest, NoDocumentsNoCopies) {
  EXPECT_TRUE(DetectCopies(std::vector<CopySource>{}).empty());
  const Document a = Parse(kOriginal, "nyt");
  EXPECT_TRUE(Detect({&a}).empty());
}

}  // namespace
}  // namespace crosscheck
