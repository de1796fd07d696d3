// PhraseScan (engine/ingest/phrase_scan.h) against the naive search.
#include "engine/ingest/phrase_scan.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/rules/words.h"  // AsciiLower

namespace crosscheck {
namespace {

// Every occurrence of every phrase by trying each at each place.
std::vector<std::pair<size_t, size_t>> Naive(std::string_view text,
                                             const std::vector<std::string>& phrases) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t at = 0; at < text.size(); ++at)
    for (size_t k = 0; k < phrases.size(); ++k)
      if (!phrases[k].empty() && text.substr(at, phrases[k].size()) == phrases[k])
        out.emplace_back(k, at);
  return out;
}

// A text of `n` bytes drawn from `alphabet` (a small one, so that phrases
// meet often); `seed` steps on.
std::string RandomText(uint32_t* seed, size_t n, std::string_view alphabet) {
  std::string text;
  for (size_t i = 0; i < n; ++i) {
    *seed = *seed * 1103515245 + 12345;
    text.push_back(alphabet[(*seed >> 16) % alphabet.size()]);
  }
  return text;
}

TEST(PhraseScanTest, FindsWhatTryingEveryPhraseEverywhereFinds) {
  const std::vector<std::string> phrases = {"sources say", "said", "a", "aa", "ab", "",
                                            "b", "bab", "said", "\xE2\x80\x9C", "x"};
  const PhraseScan scan(phrases);
  auto found = [&](std::string_view text) {
    std::vector<std::pair<size_t, size_t>> out;
    scan.ForEach(text, [&](size_t k, size_t at) { out.emplace_back(k, at); });
    return out;
  };
  // Overlapping, repeated, at both ends, a phrase as long as the text, and
  // one that runs past the end.
  for (std::string_view text : {"", "a", "x", "aab", "babab", "sources said",
                                "sources say, said \xE2\x80\x9Cit\xE2\x80\x9D said",
                                "sources sa", "ba"})
    EXPECT_EQ(found(text), Naive(text, phrases)) << text;
  uint32_t seed = 12345;
  for (int round = 0; round < 200; ++round) {
    const std::string text = RandomText(&seed, round % 40, "absaid x");
    ASSERT_EQ(found(text), Naive(text, phrases)) << text;
  }
  // No phrases: nothing, whatever the text.
  const std::vector<std::string> none;
  const PhraseScan empty(none);
  bool called = false;
  empty.ForEach("any text", [&](size_t, size_t) { called = true; });
  EXPECT_FALSE(called);
}

// ForEachCaseBlind() finds what ForEach() finds in the text lower-cased,
// with the same offsets: upper-case letters at the start, inside and at
// the end of phrases, and bytes that only look like letters shifted by 32.
// A phrase with a capital ("Said", "sA") is found nowhere.
TEST(PhraseScanTest, CaseBlindFindsWhatTheLowerCasedTextHolds) {
  const std::vector<std::string> phrases = {"sources say", "said", "a", "ab", "b",
                                            "\xE2\x80\x9C", "\"", "@", "[x", "{",
                                            "Said", "sA"};
  const PhraseScan scan(phrases);
  auto blind = [&](std::string_view text) {
    std::vector<std::pair<size_t, size_t>> out;
    scan.ForEachCaseBlind(text, [&](size_t k, size_t at) { out.emplace_back(k, at); });
    return out;
  };
  for (std::string_view text : {"", "A", "SOURCES SAY", "Sources Said \"it\"", "SaId",
                                "\xE2\x80\x9C" "Ab\xE2\x80\x9D", "`@[X{", "sources sA"})
    EXPECT_EQ(blind(text), Naive(AsciiLower(text), phrases)) << text;
  uint32_t seed = 99;
  for (int round = 0; round < 300; ++round) {
    const std::string text = RandomText(&seed, round % 40, "aAbBsSiIdD @[{`x\"");
    ASSERT_EQ(blind(text), Naive(AsciiLower(text), phrases)) << text;
  }
}

}  // namespace
}  // namespace crosscheck
