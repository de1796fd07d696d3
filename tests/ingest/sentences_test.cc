#include "engine/ingest/sentences.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crosscheck {
namespace internal {
namespace {

std::vector<std::string> Split(std::string_view text) {
  std::vector<Span> spans;
  SplitSentences(text, Span{0, text.size()}, &spans);
  std::vector<std::string> out;
  for (const Span& s : spans) out.emplace_back(text.substr(s.start, s.size()));
  return out;
}

using Sentences = std::vector<std::string>;

TEST(SentencesTest, SplitsAtFinalPunctuation) {
  EXPECT_EQ(Split("One. Two! Three? 4 is a digit."),
            (Sentences{"One.", "Two!", "Three?", "4 is a digit."}));
}

TEST(SentencesTest, RestOfBlockIsASentenceWithoutPeriod) {
  EXPECT_EQ(Split("First one. And a last one with no period"),
            (Sentences{"First one.", "And a last one with no period"}));
}

TEST(SentencesTest, ClosingQuoteBelongsToTheSentence) {
  EXPECT_EQ(Split("He said \xE2\x80\x9CIt is over.\xE2\x80\x9D Then he left."),
            (Sentences{"He said \xE2\x80\x9CIt is over.\xE2\x80\x9D",
                       "Then he left."}));
  EXPECT_EQ(Split("\"Go.\" She went."), (Sentences{"\"Go.\"", "She went."}));
}

TEST(SentencesTest, OpeningQuoteStartsASentence) {
  EXPECT_EQ(Split("It ended. \xE2\x80\x9CWhy?\xE2\x80\x9D he asked."),
            (Sentences{"It ended.", "\xE2\x80\x9CWhy?\xE2\x80\x9D he asked."}));
}

TEST(SentencesTest, NoSplitBeforeLowerCase) {
  EXPECT_EQ(Split("It costs 3.5 dollars, e.g. here. Fine."),
            (Sentences{"It costs 3.5 dollars, e.g. here.", "Fine."}));
}

TEST(SentencesTest, NoSplitAfterTitlesAndMonths) {
  EXPECT_EQ(
      Split(
          "\xE2\x80\x9CIt just goes on and on,\xE2\x80\x9D Mr. Rama lamented."),
      (Sentences{"\xE2\x80\x9CIt just goes on and on,\xE2\x80\x9D Mr. Rama "
                 "lamented."}));
  EXPECT_EQ(Split("Dr. Who met Gen. Smith on Jan. 29 and Sept. 3. He left."),
            (Sentences{"Dr. Who met Gen. Smith on Jan. 29 and Sept. 3.",
                       "He left."}));
}

TEST(SentencesTest, NoSplitAfterInitials) {
  EXPECT_EQ(
      Split("Speakers included Rudolph W. Giuliani and Donald J. Trump. "
            "Both came."),
      (Sentences{"Speakers included Rudolph W. Giuliani and Donald J. Trump.",
                 "Both came."}));
}

TEST(SentencesTest, DottedAcronyms) {
  EXPECT_EQ(Split("Experts from the F.B.I. and other agencies came."),
            (Sentences{"Experts from the F.B.I. and other agencies came."}));
  EXPECT_EQ(Split("It named M.E.K. as the target. M.E.K. canceled the event."),
            (Sentences{"It named M.E.K. as the target.",
                       "M.E.K. canceled the event."}));
  // Acronym at the end of a sentence, then a common opener: split.
  EXPECT_EQ(
      Split("It refused to evict M.E.K. Doing that would hurt."),
      (Sentences{"It refused to evict M.E.K.", "Doing that would hurt."}));
  // Acronym then a proper noun: kept together (accepted imperfection).
  EXPECT_EQ(Split("The U.S. Government agreed."),
            (Sentences{"The U.S. Government agreed."}));
}

TEST(SentencesTest, EllipsisAndRuns) {
  EXPECT_EQ(
      Split("Welcome to hell\xE2\x80\xA6You serpents! Really?! Yes... Fine"),
      (Sentences{"Welcome to hell\xE2\x80\xA6You serpents!", "Really?!",
                 "Yes...", "Fine"}));
  EXPECT_EQ(Split("It waited\xE2\x80\xA6 Then it struck."),
            (Sentences{"It waited\xE2\x80\xA6", "Then it struck."}));
}

TEST(SentencesTest, StaysInsideTheBlockAndTrims) {
  const std::string text = "Before.\n\n  Inside one. Inside two.  \n\nAfter.";
  const size_t b = text.find("  Inside");
  const size_t e = text.find("\n\nAfter");
  std::vector<Span> spans;
  SplitSentences(text, Span{b, e}, &spans);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(text.substr(spans[0].start, spans[0].size()), "Inside one.");
  EXPECT_EQ(text.substr(spans[1].start, spans[1].size()), "Inside two.");
  EXPECT_EQ(spans[0].start, b + 2);
}

// Terminators are looked for eight bytes at a time: each is found wherever
// it falls in its block of eight, and none past the block's end counts.
TEST(SentencesTest, ATerminatorIsFoundAtEveryOffset) {
  for (const std::string mark : {".", "!", "?", "\xE2\x80\xA6"}) {
    for (size_t before = 1; before <= 20; ++before) {
      const std::string first = "A" + std::string(before, 'x') + mark;
      SCOPED_TRACE(first);
      EXPECT_EQ(Split(first + " Bravo went on and on and on"),
                (Sentences{first, "Bravo went on and on and on"}));
      // The block ends right before the mark: one sentence, the mark left out.
      const std::string text = first + " Bravo.";
      std::vector<Span> spans;
      SplitSentences(text, Span{0, first.size() - mark.size()}, &spans);
      ASSERT_EQ(spans.size(), 1u);
      EXPECT_EQ(spans[0].end, first.size() - mark.size());
    }
  }
}

TEST(SentencesTest, StrayQuoteIsNoSentence) {
  EXPECT_EQ(Split("It said: \xE2\x80\x9CThe end.\xE2\x80\x9D \xE2\x80\x9C"),
            (Sentences{"It said: \xE2\x80\x9CThe end.\xE2\x80\x9D"}));
}

TEST(SentencesTest, LongRunsAreCutAtWhitespaceNothingDropped) {
  std::string text;
  while (text.size() < 3 * kMaxSentenceBytes) text += "built in 1962 and ";
  const Sentences pieces = Split(text);
  ASSERT_GE(pieces.size(), 3u);
  std::string joined;
  for (size_t i = 0; i < pieces.size(); ++i) {
    EXPECT_LE(pieces[i].size(), kMaxSentenceBytes);
    if (i + 1 < pieces.size()) EXPECT_GT(pieces[i].size(), kMaxSentenceBytes / 2);
    joined += pieces[i] + " ";
  }
  EXPECT_EQ(joined, text);  // cut at spaces only; every word kept
}

TEST(SentencesTest, LongRunWithoutSpacesIsCutAtACharacterBoundary) {
  std::string text;
  while (text.size() < 2 * kMaxSentenceBytes) text += "\xC3\xAB";  // ë
  text += "a";  // shift the cuts off even offsets
  const Sentences pieces = Split(text);
  ASSERT_GE(pieces.size(), 2u);
  std::string joined;
  for (const std::string& p : pieces) {
    EXPECT_LE(p.size(), kMaxSentenceBytes);
    EXPECT_NE(static_cast<unsigned char>(p[0]) & 0xC0, 0x80) << "starts inside a character";
    joined += p;
  }
  EXPECT_EQ(joined, text);
}

}  // namespace
}  // namespace internal
}  // namespace crosscheck
