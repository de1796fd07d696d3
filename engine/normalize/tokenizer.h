// Tokenizer for the normalize stage: splits UTF-8 prose into words, numbers,
// clock times and punctuation, each with byte offsets into the text.
//
// Numbers keep their shape (digit count, thousands separators, decimals) so
// the pattern logic can tell "2016" (a year) from "2,016" (a count) and
// "v2.3.1" (a version string) from "2.3". Words carry a pointer into the
// static lexicon (lexicon.h) when they are known words, so matchers compare
// flags instead of strings.
#ifndef CROSSCHECK_ENGINE_NORMALIZE_TOKENIZER_H_
#define CROSSCHECK_ENGINE_NORMALIZE_TOKENIZER_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/normalize/lexicon.h"

namespace crosscheck {
namespace internal {

enum class TokenType : uint8_t {
  kWord,    // letters (ASCII or non-ASCII letters); digits end a word
  kNumber,  // 1000, 1,234,567, 2.5
  kTime,    // 9:15, 21:30:05
  kPunct,   // one punctuation or symbol character (ASCII or UTF-8)
};

// 32 bytes: a news megabyte has ~190,000 tokens, so their size is memory
// traffic. Offsets are 32-bit: Extract() takes texts under 4 GiB (sentences
// and paragraphs; the reader refuses larger files long before).
struct Token {
  uint32_t start = 0;
  uint32_t end = 0;  // exclusive
  // kNumber only.
  double number = 0;
  // kWord only: the lexicon entry, or nullptr for unknown words.
  const Lex* lex = nullptr;
  TokenType type = TokenType::kPunct;
  // kNumber only.
  uint8_t int_digits = 0;  // digits before the decimal point, commas excluded
  bool grouped = false;    // had thousands separators ("1,000")
  bool decimal = false;    // had a decimal part ("2.5")
  bool version = false;    // several dots ("2.3.1"): never a value
};

// Indices into a token list, filled by Tokenize, so the scanner visits the
// few tokens that matter instead of every token.
struct TokenMarks {
  std::vector<uint32_t> numbers;  // the kNumber tokens, in order
  // The tokens a value may start at, in order: every kNumber, every word
  // whose lexicon flags meet Tokenize's `lead_flags`, every word whose flags
  // meet `lead_before_flags` when the next token is a number, a '-' or a
  // lexicon word, and the punctuation that can lead a value ('-', '.', '$',
  // '£', '€' and other 0xC2/0xE2 symbols). A superset: the scanner still
  // vets each one.
  std::vector<uint32_t> leads;
};

// Appends the tokens of `text` to `*tokens` (cleared first), and when
// `marks` is given, their marks (cleared first; see TokenMarks).
// REQUIRES: text.size() < 4 GiB (Normalizer::Extract cuts longer texts). Whitespace
// (including U+00A0 and the U+2000 spaces) separates tokens and is dropped.
// Never fails; invalid UTF-8 bytes become punctuation tokens.
void Tokenize(std::string_view text, std::vector<Token>* tokens,
              TokenMarks* marks = nullptr, uint32_t lead_flags = 0,
              uint32_t lead_before_flags = 0);

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_NORMALIZE_TOKENIZER_H_
