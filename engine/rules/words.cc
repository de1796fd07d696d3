#include "engine/rules/words.h"

#include <utf8proc.h>

#include "engine/ingest/text_util.h"

#include <algorithm>
#include <array>
#include <cstring>

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

// What a character is to the word splitter.
enum : uint8_t {
  kLetter = 1,
  kUpper = 2,   // an upper-case letter (kLetter too)
  kDigit = 4,
  kJoiner = 8,  // an apostrophe (' or U+2019) or a hyphen
  kHyphen = 16,
};

constexpr std::array<uint8_t, 128> kAsciiClass = [] {
  std::array<uint8_t, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kLetter | kUpper;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  t['\''] = kJoiner;
  t['-'] = kJoiner | kHyphen;
  return t;
}();

// The class of the character at text[i]; sets *n to its length (1 for a
// bad byte, which is of no class).
inline uint8_t ClassAt(std::string_view text, size_t i, size_t* n) {
  const unsigned char b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) {  // ASCII: most text
    *n = 1;
    return kAsciiClass[b];
  }
  int32_t cp;
  *n = Decode(text, i, &cp);
  if (cp == 0x2019) return kJoiner;
  return (IsLetter(cp) ? kLetter : 0) | (IsUpper(cp) ? kUpper : 0);
}

// SplitWords() onto the end of *out.
void AppendWords(std::string_view text, std::vector<Word>* out) {
  std::vector<Word>& words = *out;
  size_t i = 0;
  while (i < text.size()) {
    size_t n;
    const uint8_t first = ClassAt(text, i, &n);
    if (!(first & (kLetter | kDigit))) {
      i += n;
      continue;
    }
    // Written in place, field by field: a Word built on the stack and
    // copied made the copy's wide load wait on the narrow stores before it,
    // a fifth of this function's time.
    Word& w = words.emplace_back();
    w.start = i;
    w.capitalized = first & kUpper;
    // Dotted acronym: L.L.(L.)* with single upper-case letters.
    if (first & kUpper) {
      size_t j = i;
      int groups = 0;
      while (j + 1 < text.size()) {
        size_t n1;
        if (!(ClassAt(text, j, &n1) & kUpper) || j + n1 >= text.size() ||
            text[j + n1] != '.')
          break;
        j += n1 + 1;
        ++groups;
      }
      if (groups >= 2) {
        w.end = j;
        w.dotted_acronym = true;
        w.all_caps = true;
        i = j;
        continue;
      }
    }
    int letters = 0, uppers = 0;
    bool after_hyphen = false;
    size_t j = i;
    while (j < text.size()) {
      size_t m;
      const uint8_t c = ClassAt(text, j, &m);
      if (c & (kLetter | kDigit)) {
        if (c & kLetter) {
          ++letters;
          if (c & kUpper) ++uppers;
          else if (after_hyphen) w.lower_hyphen_suffix = true;
        } else {
          w.has_digit = true;
        }
        after_hyphen = false;
        j += m;
        // The rest of a run of lower-case ASCII letters: most of the bytes
        // of a text.
        const size_t run_end = internal::SkipAsciiLetters</*kLowerOnly=*/true>(text, j);
        letters += static_cast<int>(run_end - j);
        j = run_end;
        continue;
      }
      // Inner apostrophe or hyphen joins two word parts.
      if ((c & kJoiner) && j + m < text.size()) {
        size_t m2;
        if (ClassAt(text, j + m, &m2) & (kLetter | kDigit)) {
          after_hyphen = c & kHyphen;
          j += m;
          continue;
        }
      }
      break;
    }
    w.end = j;
    w.all_caps = letters >= 2 && uppers == letters;
    i = j;
  }
}

}  // namespace

void SplitWords(std::string_view text, std::vector<Word>* out) {
  out->clear();
  out->reserve(text.size() / 6 + 1);  // English: a word per 6 bytes or so
  AppendWords(text, out);
}

std::vector<Word> SplitWords(std::string_view text) {
  std::vector<Word> words;
  SplitWords(text, &words);
  return words;
}

SentenceWords::SentenceWords(const Document& doc) {
  words_.reserve(doc.text.size() / 6 + 1);
  begin_.reserve(doc.sentences.size() + 1);
  begin_.push_back(0);
  for (const Sentence& s : doc.sentences) {
    AppendWords(doc.Slice(s.span), &words_);
    begin_.push_back(words_.size());
  }
}

std::string NameKey(std::string_view name) {
  std::string out;
  NameKey(name, &out);
  return out;
}

void NameKey(std::string_view name, std::string* key) {
  std::string& out = *key;
  out.clear();
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
}

std::string AsciiLower(std::string_view text) {
  std::string out;
  AsciiLower(text, &out);
  return out;
}

std::string_view AsciiLower(std::string_view text, std::string* buf) {
  buf->assign(text);
  for (char& c : *buf)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return *buf;
}

namespace {

// The bytes eight at a time, each word mixed in by a multiplication, the
// last (up to eight) bytes as two overlapping halves, the length mixed in
// first so that overlaps cannot alias; finished as splitmix64, so that both
// the low bits (a table's home) and the high ones (KeyTable's check) are
// mixed. FNV-1a's loop, a multiplication a byte, took half of a lookup of
// the short words the entity scan asks about.
uint64_t Hash(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ (static_cast<uint64_t>(n) * 0xBF58476D1CE4E5B9ULL);
  while (n > 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  uint64_t tail = 0;
  if (n >= 4) {
    uint32_t first, last;
    std::memcpy(&first, p, 4);
    std::memcpy(&last, p + n - 4, 4);
    tail = (static_cast<uint64_t>(first) << 32) | last;
  } else if (n > 0) {
    tail = (static_cast<uint64_t>(static_cast<unsigned char>(p[0])) << 16) |
           (static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8) |
           static_cast<unsigned char>(p[n - 1]);
  }
  h = (h ^ tail) * 0xC4CEB9FE1A85EC53ULL;
  h ^= h >> 30;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 27;
  h *= 0x94D049BB133111EBULL;
  return h ^ (h >> 31);
}

}  // namespace

int KeyTable::Find(std::string_view key) const { return Find(key, Hash(key)); }

int KeyTable::Find(std::string_view key, uint64_t h) const {
  if (slots_.empty()) return -1;
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot s = slots_[i];
    if (s.id < 0) return -1;
    if (s.check == static_cast<uint32_t>(h >> 32) && keys_[static_cast<size_t>(s.id)] == key)
      return s.id;
  }
}

std::pair<int, bool> KeyTable::Insert(std::string_view key) {
  const uint64_t h = Hash(key);
  if (const int id = Find(key, h); id >= 0) return {id, false};
  if (2 * (keys_.size() + 1) > slots_.size()) Grow(std::max<size_t>(16, 2 * slots_.size()));
  const auto id = static_cast<int32_t>(keys_.size());
  Place(h, id);
  keys_.emplace_back(key);
  return {id, true};
}

void KeyTable::Reserve(size_t keys, size_t spread) {
  keys_.reserve(keys);
  size_t size = std::max<size_t>(16, slots_.size());
  while (size < std::max<size_t>(spread, 2) * keys) size *= 2;
  if (size > slots_.size()) Grow(size);
}

void KeyTable::Grow(size_t slots) {
  slots_.assign(slots, Slot{0, -1});
  for (size_t id = 0; id < keys_.size(); ++id) Place(Hash(keys_[id]), static_cast<int32_t>(id));
}

void KeyTable::Place(uint64_t hash, int32_t id) {
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].id >= 0) i = (i + 1) & mask;
  slots_[i] = {static_cast<uint32_t>(hash >> 32), id};
}

WordSet::WordSet(std::initializer_list<std::string_view> words) {
  table_.Reserve(words.size(), 4);
  for (const std::string_view w : words) table_.Insert(w);
}

void HashFilter::insert(std::string_view s) {
  if (2 * (size_ + 1) > slots_.size()) {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(std::max<size_t>(64, 2 * old.size()), 0);
    size_ = 0;
    for (const uint64_t h : old)
      if (h != 0) Put(h);
  }
  Put(Hash(s) | 1);  // never 0, the free mark
}

void HashFilter::Put(uint64_t h) {
  size_t i = h & (slots_.size() - 1);
  for (; slots_[i] != 0; i = (i + 1) & (slots_.size() - 1))
    if (slots_[i] == h) return;
  slots_[i] = h;
  ++size_;
}

bool HashFilter::contains(std::string_view s) const {
  if (slots_.empty()) return false;
  const uint64_t h = Hash(s) | 1;
  for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
    if (slots_[i] == h) return true;
    if (slots_[i] == 0) return false;
  }
}

}  // namespace crosscheck
