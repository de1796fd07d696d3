#include "engine/rules/words.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crosscheck {
namespace {

std::vector<std::string> Texts(std::string_view text,
                               const std::vector<Word>& words) {
  std::vector<std::string> out;
  for (const Word& w : words) out.emplace_back(text.substr(w.start, w.end - w.start));
  return out;
}

TEST(WordsTest, SplitsAcronymsHyphensAndApostrophes) {
  // U+2019 (right single quotation mark) is three bytes: E2 80 99.
  const std::string text =
      "M.E.K. moved; Iraq-based group\xE2\x80\x99s People\xE2\x80\x99s";
  const std::vector<Word> words = SplitWords(text);
  ASSERT_EQ(Texts(text, words),
            (std::vector<std::string>{"M.E.K.", "moved", "Iraq-based",
                                      "group\xE2\x80\x99s",
                                      "People\xE2\x80\x99s"}));
  // Offsets, counted by hand: "M.E.K." 0-6, "moved" 7-12, "; " 12-14,
  // "Iraq-based" 14-24, "group’s" 25-34, "People’s" 35-45.
  EXPECT_EQ(words[0].start, 0u);
  EXPECT_EQ(words[0].end, 6u);
  EXPECT_EQ(words[2].start, 14u);
  EXPECT_EQ(words[2].end, 24u);
  EXPECT_EQ(words[4].start, 35u);
  EXPECT_EQ(words[4].end, text.size());

  EXPECT_TRUE(words[0].dotted_acronym);
  EXPECT_TRUE(words[0].all_caps);
  EXPECT_TRUE(words[0].capitalized);

  EXPECT_FALSE(words[1].capitalized);
  EXPECT_FALSE(words[1].dotted_acronym);
  EXPECT_FALSE(words[1].lower_hyphen_suffix);

  EXPECT_TRUE(words[2].capitalized);
  EXPECT_TRUE(words[2].lower_hyphen_suffix);
  EXPECT_FALSE(words[2].all_caps);

  EXPECT_FALSE(words[3].capitalized);
  EXPECT_TRUE(words[4].capitalized);
  EXPECT_FALSE(words[4].all_caps);
}

struct SplitCase {
  const char* text;
  std::vector<std::string> words;
};

TEST(WordsTest, SplitTable) {
  const SplitCase cases[] = {
      {"", {}},
      {" ,.;- ", {}},
      {"U.S. and U.K.", {"U.S.", "and", "U.K."}},
      // One letter and a dot is an initial, not an acronym.
      {"J. Smith", {"J", "Smith"}},
      // A trailing apostrophe or hyphen does not join.
      {"the groups' homes", {"the", "groups", "homes"}},
      {"well- known", {"well", "known"}},
      {"don't", {"don't"}},
      {"Mujahideen-e-Khalq", {"Mujahideen-e-Khalq"}},
      {"some 1,000 members", {"some", "1", "000", "members"}},
      {"63-year-old", {"63-year-old"}},
      {"Durr\xC3\xABs port", {"Durr\xC3\xABs", "port"}},
      {"(MEK)", {"MEK"}},
  };
  for (const SplitCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(Texts(c.text, SplitWords(c.text)), c.words);
  }
}

TEST(WordsTest, WordFlags) {
  {
    const std::string text = "MEK";
    const std::vector<Word> w = SplitWords(text);
    ASSERT_EQ(w.size(), 1u);
    EXPECT_TRUE(w[0].all_caps);
    EXPECT_FALSE(w[0].dotted_acronym);
  }
  {
    // One capital letter is not "all caps".
    const std::vector<Word> w = SplitWords("A");
    ASSERT_EQ(w.size(), 1u);
    EXPECT_TRUE(w[0].capitalized);
    EXPECT_FALSE(w[0].all_caps);
  }
  {
    // A capitalised part after the hyphen keeps a name whole.
    const std::vector<Word> w = SplitWords("Iran-Iraq");
    ASSERT_EQ(w.size(), 1u);
    EXPECT_FALSE(w[0].lower_hyphen_suffix);
  }
  {
    const std::vector<Word> w = SplitWords("2016 F-16");
    ASSERT_EQ(w.size(), 2u);
    EXPECT_TRUE(w[0].has_digit);
    EXPECT_FALSE(w[0].capitalized);
    EXPECT_TRUE(w[1].has_digit);
    EXPECT_TRUE(w[1].capitalized);
  }
  {
    // Non-ASCII capitals count as capitals.
    const std::vector<Word> w = SplitWords("\xC3\x89mile");
    ASSERT_EQ(w.size(), 1u);
    EXPECT_TRUE(w[0].capitalized);
  }
}

TEST(WordsTest, BadUtf8SeparatesWords) {
  const std::string text = "abc\xFF" "def";
  EXPECT_EQ(Texts(text, SplitWords(text)),
            (std::vector<std::string>{"abc", "def"}));
}

// Runs of lower-case letters are skipped eight bytes at a time: the byte
// that ends one is found wherever it falls in its block of eight and
// whatever follows, the bytes just outside 'a'..'z' end it, and letters
// that are not lower-case ASCII (upper case, UTF-8) go on with the word.
TEST(WordsTest, ALowerCaseRunEndsAtTheFirstOtherByteWhereverItIs) {
  struct Case {
    std::string mark;
    bool joins;  // the mark is part of the word
  };
  const Case cases[] = {{"`", false},  {"{", false}, {"@", false}, {"[", false},
                        {" ", false},  {"\x7F", false}, {"\xFF", false}, {"\xE2\x80\x94", false},
                        {"Q", true},   {"\xC3\xA9", true}, {"7", true}};
  for (const Case& c : cases) {
    for (size_t before = 1; before <= 20; ++before) {
      const std::string text = std::string(before, 'a') + c.mark + "bc";
      SCOPED_TRACE(text);
      const std::vector<Word> words = SplitWords(text);
      if (c.joins) {
        ASSERT_EQ(words.size(), 1u);
        EXPECT_EQ(words[0].end, text.size());
      } else {
        ASSERT_EQ(words.size(), 2u);
        EXPECT_EQ(words[0].end, before);
        EXPECT_EQ(words[1].start, before + c.mark.size());
        EXPECT_EQ(words[1].end, text.size());
      }
    }
  }
}

struct NameKeyCase {
  const char* name;
  const char* key;
};

TEST(WordsTest, NameKeyTable) {
  const NameKeyCase cases[] = {
      {"M.E.K.", "MEK"},
      {"Albania\xE2\x80\x99s", "Albania"},
      {"Albania's", "Albania"},
      {"People\xE2\x80\x99s Mujahideen", "People's Mujahideen"},
      {"People's  Mujahideen", "People's Mujahideen"},
      {"  U.S. ", "US"},
      {"Edi\nRama", "Edi Rama"},
      {"Mujahedeen Khalq", "Mujahedeen Khalq"},
      {"'s", "'s"},
      {"", ""},
  };
  for (const NameKeyCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(NameKey(c.name), c.key);
  }
}

TEST(WordsTest, AsciiLowerLeavesOtherBytes) {
  EXPECT_EQ(AsciiLower("M.E.K. Said"), "m.e.k. said");
  EXPECT_EQ(AsciiLower("\xC3\x89mile"), "\xC3\x89mile");
}

}  // namespace
}  // namespace crosscheck

namespace crosscheck {
namespace {

TEST(WordSetTest, HoldsExactlyItsWords) {
  const WordSet set{"The", "the", "Mr", "spokesman", "fly-half", "I", "Mr"};
  for (std::string_view w : {"The", "the", "Mr", "spokesman", "fly-half", "I"})
    EXPECT_TRUE(set.contains(w)) << w;
  for (std::string_view w : {"THE", "Th", "Thee", "", "M", "Mrs", "spokesmen", "fly", "i"})
    EXPECT_FALSE(set.contains(w)) << w;
  EXPECT_EQ(set.count(std::string("Mr")), 1u);
  EXPECT_EQ(set.count("Mrs"), 0u);
  // More words than the smallest table holds: each found, its near misses not.
  const WordSet months{"January", "February", "March", "April", "May", "June", "July",
                       "August", "September", "October", "November", "December", "Jan",
                       "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
                       "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                       "Saturday", "Sunday"};
  for (std::string_view w : {"January", "Sept", "Sep", "Sunday", "Dec", "May"})
    EXPECT_TRUE(months.contains(w)) << w;
  for (std::string_view w : {"january", "Janu", "Mondays", "Se", "Sundays", "Mayor"})
    EXPECT_FALSE(months.contains(w)) << w;
}

TEST(KeyTableTest, IdsInTheOrderFirstInsertedThroughGrowth) {
  KeyTable table;
  EXPECT_EQ(table.Find(""), -1);
  EXPECT_EQ(table.Find("Blair"), -1);
  // Thousands of keys, many alike (the table doubles ten times), an empty
  // one and one with a NUL byte among them.
  std::vector<std::string> keys = {"", std::string("a\0b", 3)};
  for (int i = 0; i < 5000; ++i) keys.push_back("name " + std::to_string(i * 7919 % 10007));
  for (size_t i = 0; i < keys.size(); ++i) {
    const auto [id, inserted] = table.Insert(keys[i]);
    EXPECT_EQ(id, static_cast<int>(i)) << keys[i];
    EXPECT_TRUE(inserted) << keys[i];
  }
  ASSERT_EQ(table.size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(table.Find(keys[i]), static_cast<int>(i)) << keys[i];
    EXPECT_EQ(table.key(static_cast<int>(i)), keys[i]);
    EXPECT_EQ(table.Insert(keys[i]), std::make_pair(static_cast<int>(i), false)) << keys[i];
  }
  EXPECT_EQ(table.size(), keys.size());
  for (std::string_view absent : std::initializer_list<std::string_view>{
           "a", std::string_view("a\0", 2), "name", "name 1 ", "Name 0", "name 10007"})
    EXPECT_EQ(table.Find(absent), -1) << absent;
  // Room made beforehand changes no id.
  KeyTable reserved;
  reserved.Reserve(3, 8);
  EXPECT_EQ(reserved.Insert("x").first, 0);
  EXPECT_EQ(reserved.Insert("y").first, 1);
  reserved.Reserve(1000);
  EXPECT_EQ(reserved.Find("x"), 0);
  EXPECT_EQ(reserved.Find("y"), 1);
  EXPECT_EQ(reserved.Insert("z").first, 2);
}

TEST(WordsTest, SplitIntoABufferClearsItFirst) {
  const std::string_view text = "The M.E.K. moved to Albania's Manez camp \xE2\x80\x94 in 2013.";
  std::vector<Word> words = SplitWords("left over from another sentence");
  SplitWords(text, &words);
  EXPECT_EQ(Texts(text, words), Texts(text, SplitWords(text)));
  EXPECT_EQ(Texts(text, words),
            (std::vector<std::string>{"The", "M.E.K.", "moved", "to", "Albania's", "Manez",
                                      "camp", "in", "2013"}));
  SplitWords("", &words);
  EXPECT_TRUE(words.empty());
}

TEST(WordsTest, SentenceWordsAreEachSentencesSplit) {
  Document doc;
  doc.text = "U.S. forces left.\nThe M.E.K. came in 2013; its well-known camp grew. Ok";
  // Sentences as spans, one empty, and the last without a full stop.
  for (const auto& [a, b] : std::vector<std::pair<size_t, size_t>>{
           {0, 17}, {18, 18}, {18, 68}, {69, 71}}) {
    Sentence s;
    s.span = {a, b};
    doc.sentences.push_back(s);
  }
  const SentenceWords split(doc);
  ASSERT_EQ(split.sentences(), doc.sentences.size());
  size_t total = 0;
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const std::string_view text = doc.Slice(doc.sentences[i].span);
    const SentenceWords::Range range = split.of(i);
    const std::vector<Word> alone = SplitWords(text);
    EXPECT_EQ(Texts(text, std::vector<Word>(range.begin(), range.end())), Texts(text, alone));
    ASSERT_EQ(range.size(), alone.size());
    for (size_t k = 0; k < range.size(); ++k) {
      EXPECT_EQ(range[k].start, alone[k].start);
      EXPECT_EQ(range[k].all_caps, alone[k].all_caps);
      EXPECT_EQ(range[k].lower_hyphen_suffix, alone[k].lower_hyphen_suffix);
    }
    total += range.size();
  }
  EXPECT_TRUE(split.of(1).empty());
  EXPECT_EQ(Texts(doc.Slice(doc.sentences[0].span),
                  std::vector<Word>(split.of(0).begin(), split.of(0).end())),
            (std::vector<std::string>{"U.S.", "forces", "left"}));
  EXPECT_EQ(Texts(doc.Slice(doc.sentences[2].span),
                  std::vector<Word>(split.of(2).begin(), split.of(2).end())),
            (std::vector<std::string>{"The", "M.E.K.", "came", "in", "2013", "its",
                                      "well-known", "camp", "grew"}));
  EXPECT_EQ(total, 3u + 0u + 9u + 1u);
}

TEST(HashFilterTest, HoldsWhatWasInsertedThroughGrowth) {
  HashFilter filter;
  EXPECT_FALSE(filter.contains(""));
  EXPECT_FALSE(filter.contains("Iran"));
  // Every prefix of a few hundred keys: the table grows several times.
  std::vector<std::string> keys;
  for (int i = 0; i < 300; ++i) keys.push_back("Place " + std::to_string(i * 7919));
  for (const std::string& k : keys)
    for (size_t n = 1; n <= k.size(); ++n) filter.insert(std::string_view(k).substr(0, n));
  for (const std::string& k : keys)
    for (size_t n = 1; n <= k.size(); ++n)
      EXPECT_TRUE(filter.contains(std::string_view(k).substr(0, n))) << k << " " << n;
  for (std::string_view w : {"", "place", "Place  1", "Place 7918", "Placed", "P1", "Iran"})
    EXPECT_FALSE(filter.contains(w)) << w;
  filter.insert("Place 0");  // again: no change
  EXPECT_TRUE(filter.contains("Place 0"));
}

}  // namespace
}  // namespace crosscheck
