#include "engine/rules/words.h"

#include <utf8proc.h>

namespace crosscheck {
namespace {

// Decodes one code point at text[i]; returns its length (1 for bad bytes).
size_t Decode(std::string_view text, size_t i, int32_t* cp) {
  if (static_cast<unsigned char>(text[i]) < 0x80) {  // ASCII: most text
    *cp = static_cast<unsigned char>(text[i]);
    return 1;
  }
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i);
  const utf8proc_ssize_t n = utf8proc_iterate(p, text.size() - i, cp);
  if (n <= 0) {
    *cp = -1;
    return 1;
  }
  return static_cast<size_t>(n);
}

bool IsLetter(int32_t cp) {
  if (cp < 0) return false;
  if (cp < 128) return (cp | 32) >= 'a' && (cp | 32) <= 'z';
  const utf8proc_category_t c = utf8proc_category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool IsUpper(int32_t cp) {
  if (cp < 0) return false;
  if (cp < 128) return cp >= 'A' && cp <= 'Z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

bool IsDigit(int32_t cp) { return cp >= '0' && cp <= '9'; }
bool IsApostrophe(int32_t cp) { return cp == '\'' || cp == 0x2019; }

}  // namespace

std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> words;
  words.reserve(text.size() / 6 + 1);  // English: a word per 6 bytes or so
  size_t i = 0;
  while (i < text.size()) {
    int32_t cp;
    size_t n = Decode(text, i, &cp);
    if (!IsLetter(cp) && !IsDigit(cp)) {
      i += n;
      continue;
    }
    Word w;
    w.start = i;
    w.capitalized = IsUpper(cp);
    int letters = 0, uppers = 0;
    bool after_hyphen = false;
    // Dotted acronym: L.L.(L.)* with single letters.
    {
      size_t j = i;
      int groups = 0;
      while (j + 1 < text.size()) {
        int32_t c1;
        const size_t n1 = Decode(text, j, &c1);
        if (!IsUpper(c1) || j + n1 >= text.size() || text[j + n1] != '.') break;
        j += n1 + 1;
        ++groups;
      }
      if (groups >= 2) {
        w.end = j;
        w.dotted_acronym = true;
        w.all_caps = true;
        words.push_back(w);
        i = j;
        continue;
      }
    }
    size_t j = i;
    while (j < text.size()) {
      int32_t c;
      const size_t m = Decode(text, j, &c);
      if (IsLetter(c) || IsDigit(c)) {
        if (IsLetter(c)) {
          ++letters;
          if (IsUpper(c)) ++uppers;
          else if (after_hyphen) w.lower_hyphen_suffix = true;
        } else {
          w.has_digit = true;
        }
        after_hyphen = false;
        j += m;
        continue;
      }
      // Inner apostrophe or hyphen joins two word parts.
      if ((IsApostrophe(c) || c == '-') && j + m < text.size()) {
        int32_t next;
        Decode(text, j + m, &next);
        if (IsLetter(next) || IsDigit(next)) {
          after_hyphen = (c == '-');
          j += m;
          continue;
        }
      }
      break;
    }
    w.end = j;
    w.all_caps = letters >= 2 && uppers == letters;
    words.push_back(w);
    i = j;
  }
  return words;
}

std::string NameKey(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool space = false;
  for (size_t i = 0; i < name.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c == '.') continue;
    if (c == ' ' || c == '\t' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) {
      out.push_back(' ');
      space = false;
    }
    // U+2019 RIGHT SINGLE QUOTATION MARK -> '
    if (c == 0xE2 && i + 2 < name.size() &&
        static_cast<unsigned char>(name[i + 1]) == 0x80 &&
        static_cast<unsigned char>(name[i + 2]) == 0x99) {
      out.push_back('\'');
      i += 2;
      continue;
    }
    out.push_back(static_cast<char>(c));
  }
  if (out.size() > 2 && out.compare(out.size() - 2, 2, "'s") == 0)
    out.resize(out.size() - 2);
  return out;
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

uint64_t WordSet::Hash(std::string_view word) {
  uint64_t h = 1469598103934665603ULL;
  for (const char c : word) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h ^ (h >> 29);
}

WordSet::WordSet(std::initializer_list<std::string_view> words) {
  size_t size = 16;
  while (size < 4 * words.size()) size *= 2;
  slots_.assign(size, -1);
  mask_ = size - 1;
  for (const std::string_view w : words) {
    if (contains(w)) continue;
    size_t i = Hash(w) & mask_;
    while (slots_[i] >= 0) i = (i + 1) & mask_;
    slots_[i] = static_cast<int32_t>(words_.size());
    words_.emplace_back(w);
  }
}

bool WordSet::contains(std::string_view word) const {
  for (size_t i = Hash(word) & mask_;; i = (i + 1) & mask_) {
    const int32_t at = slots_[i];
    if (at < 0) return false;
    if (words_[at] == word) return true;
  }
}

}  // namespace crosscheck
