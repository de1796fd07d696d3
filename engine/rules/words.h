// Word tokens with byte offsets, for entity and attribution scanning.
#ifndef CROSSCHECK_ENGINE_RULES_WORDS_H_
#define CROSSCHECK_ENGINE_RULES_WORDS_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck {

struct Word {
  size_t start = 0;  // byte offsets into the scanned text
  size_t end = 0;
  bool capitalized = false;  // first letter upper case
  bool all_caps = false;     // two or more letters, all upper case
  bool has_digit = false;
  bool dotted_acronym = false;  // "M.E.K.", "U.S."
  bool lower_hyphen_suffix = false;  // "Iraq-based", "Iran-backed"
};

// Splits `text` into words: letters and digits, with inner apostrophes and
// hyphens, and dotted acronyms ("M.E.K."). Everything else separates words.
std::vector<Word> SplitWords(std::string_view text);

// Name key used for matching aliases: dots of acronyms dropped, curly
// apostrophes made straight, a trailing possessive removed, spaces single.
std::string NameKey(std::string_view name);

// Lower-cases ASCII letters.
std::string AsciiLower(std::string_view text);

// A fixed list of words, looked up by string_view without building a
// string: open addressing over FNV-1a hashes, at most a quarter full. For
// the word lists the entity scan asks about every word it meets.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words);
  bool contains(std::string_view word) const;
  size_t count(std::string_view word) const { return contains(word) ? 1 : 0; }

 private:
  static uint64_t Hash(std::string_view word);
  std::vector<std::string> words_;
  std::vector<int32_t> slots_;  // index into words_, -1 when free
  size_t mask_ = 0;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_RULES_WORDS_H_
