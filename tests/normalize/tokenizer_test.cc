// The tokenizer's word boundaries, number shapes, lexicon lookups and marks.
// Word scanning reads eight bytes at a time and lexicon hashes read past the
// word, so the boundary tests put every byte value at every offset of a
// block and check against a byte-at-a-time definition.
#include "engine/normalize/tokenizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/normalize/lexicon.h"

namespace crosscheck::internal {
namespace {

std::vector<Token> Tokens(std::string_view text, TokenMarks* marks = nullptr,
                          uint32_t lead_flags = 0) {
  std::vector<Token> out;
  Tokenize(text, &out, marks, lead_flags);
  return out;
}

std::string_view TextOf(std::string_view text, const Token& t) {
  return text.substr(t.start, t.end - t.start);
}

bool AsciiLetter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

TEST(TokenizerTest, WordEndsAtFirstNonLetterAtEveryOffsetOfABlock) {
  // Prefix of k letters, then byte b, then more letters: for an ASCII byte
  // the first word is the k letters (or k + 1 + the rest when b is a
  // letter). Bytes >= 0x80 are left out here: alone they are invalid UTF-8.
  const std::string tail = "bcdefghijklmnopq";
  for (int b = 1; b < 0x80; ++b) {
    for (size_t k = 1; k <= 17; ++k) {
      std::string text(k, 'a');
      text.push_back(static_cast<char>(b));
      text += tail;
      const std::vector<Token> toks = Tokens(text);
      ASSERT_FALSE(toks.empty());
      ASSERT_EQ(toks[0].type, TokenType::kWord);
      const size_t want = AsciiLetter(static_cast<unsigned char>(b))
                              ? text.size()
                              : k;
      EXPECT_EQ(toks[0].end, want) << "byte " << b << " after " << k << " letters";
    }
  }
}

TEST(TokenizerTest, NonAsciiLettersContinueAWordAndSymbolsEndIt) {
  const std::string text = "caf\xC3\xA9s na\xC3\xAFve cost \xE2\x82\xAC" "5 "
                           "abcdefgh\xE2\x80\x94ijk";
  const std::vector<Token> toks = Tokens(text);
  ASSERT_EQ(toks.size(), 8u);
  EXPECT_EQ(TextOf(text, toks[0]), "caf\xC3\xA9s");
  EXPECT_EQ(TextOf(text, toks[1]), "na\xC3\xAFve");
  EXPECT_EQ(TextOf(text, toks[2]), "cost");
  EXPECT_EQ(toks[3].type, TokenType::kPunct);  // the euro sign
  EXPECT_EQ(TextOf(text, toks[3]), "\xE2\x82\xAC");
  EXPECT_EQ(toks[4].type, TokenType::kNumber);
  EXPECT_EQ(TextOf(text, toks[5]), "abcdefgh");  // an em dash ends it
  EXPECT_EQ(toks[6].type, TokenType::kPunct);
  EXPECT_EQ(TextOf(text, toks[7]), "ijk");
}

TEST(TokenizerTest, InvalidUtf8IsPunctuationAndNeverJoinsAWord) {
  const std::string text = "ab\xFF" "cd\xC3";
  const std::vector<Token> toks = Tokens(text);
  ASSERT_EQ(toks.size(), 4u);
  EXPECT_EQ(TextOf(text, toks[0]), "ab");
  EXPECT_EQ(toks[1].type, TokenType::kPunct);
  EXPECT_EQ(TextOf(text, toks[2]), "cd");
  EXPECT_EQ(toks[3].type, TokenType::kPunct);  // truncated sequence at the end
}

TEST(TokenizerTest, NumbersKeepTheirShape) {
  const std::string text = "1,234,567 22,24 2.5 2.3.1 9:15 2016";
  const std::vector<Token> toks = Tokens(text);
  ASSERT_GE(toks.size(), 7u);
  EXPECT_EQ(toks[0].number, 1234567);
  EXPECT_TRUE(toks[0].grouped);
  EXPECT_EQ(toks[1].number, 22);  // "22,24" is not one number
  EXPECT_EQ(TextOf(text, toks[2]), ",");
  EXPECT_EQ(toks[3].number, 24);
  EXPECT_TRUE(toks[4].decimal);
  EXPECT_DOUBLE_EQ(toks[4].number, 2.5);
  EXPECT_TRUE(toks[5].version);
  EXPECT_EQ(toks[6].type, TokenType::kTime);
  EXPECT_EQ(toks.back().int_digits, 4);
}

TEST(TokenizerTest, LexiconLookupIgnoresCaseAtEveryLengthAndPosition) {
  // Words of 1..24 bytes take different hash paths (one block, several
  // blocks, a masked tail near the end of the text or a byte loop at it).
  for (const std::string word :
       {"a", "in", "million", "thousand", "thousands", "September", "approximately"}) {
    const Lex* want = LookupWord(word);
    ASSERT_NE(want, nullptr) << word;
    std::string upper = word;
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    for (const std::string& form : {word, upper}) {
      for (const std::string& text : {form, " " + form, form + " tail text here", "x " + form + "."}) {
        const std::vector<Token> toks = Tokens(text);
        bool found = false;
        for (const Token& t : toks)
          if (TextOf(text, t) == form) {
            found = true;
            EXPECT_EQ(t.lex, want) << "'" << form << "' in '" << text << "'";
          }
        EXPECT_TRUE(found) << text;
      }
    }
  }
}

TEST(TokenizerTest, WordsThatDifferOnlyInNonLetterBitsAreNotLexiconWords) {
  // Bit 0x20 lower-cases letters in the hash; these differ from lexicon
  // words only in that bit or only past eight bytes.
  for (const std::string text : {"millio", "millionn", "thousandx", "thousanD", "septembers"}) {
    const std::vector<Token> toks = Tokens(text);
    ASSERT_EQ(toks.size(), 1u);
    EXPECT_EQ(toks[0].lex, LookupWord(text)) << text;
  }
  EXPECT_EQ(Tokens("millionn")[0].lex, nullptr);
  EXPECT_EQ(Tokens("thousandx")[0].lex, nullptr);
  EXPECT_NE(Tokens("thousanD")[0].lex, nullptr);
}

TEST(TokenizerTest, MarksListNumbersAndPossibleLeads) {
  const std::string text = "About 5 people, the rest - $3 or \xC2\xA3" "4 in May.";
  TokenMarks marks;
  const std::vector<Token> toks = Tokens(text, &marks, kPhraseStart | kMonthName);
  std::vector<std::string_view> numbers, leads;
  for (uint32_t i : marks.numbers) numbers.push_back(TextOf(text, toks[i]));
  for (uint32_t i : marks.leads) leads.push_back(TextOf(text, toks[i]));
  EXPECT_EQ(numbers, (std::vector<std::string_view>{"5", "3", "4"}));
  EXPECT_EQ(leads, (std::vector<std::string_view>{"About", "5", "-", "$", "3",
                                                  "\xC2\xA3", "4", "in", "May", "."}));
}

TEST(TokenizerTest, StopWordsLeadOnlyBeforeANumberADashOrALexiconWord) {
  // "the" (a stop word) before an unknown word, a comma or the end is no
  // lead; before a number, '-' or a lexicon word it is.
  const std::string text = "the rest, the 5, the-end, the first, of the";
  TokenMarks marks;
  std::vector<Token> toks;
  Tokenize(text, &toks, &marks, /*lead_flags=*/0, /*lead_before_flags=*/kOneStop);
  std::vector<std::string> leads;
  for (uint32_t i : marks.leads) {
    std::string next = i + 1 < toks.size() ? std::string(TextOf(text, toks[i + 1])) : "";
    leads.push_back(std::string(TextOf(text, toks[i])) + ">" + next);
  }
  EXPECT_EQ(leads, (std::vector<std::string>{"the>5", "5>,", "the>-", "->end",
                                             "the>first", "of>the"}));
}

}  // namespace
}  // namespace crosscheck::internal
