// The fixed vocabulary the normalize stage recognises: number words, ordinal
// words, month and weekday names, units, counted nouns, label words.
//
// One static, immutable table built on first use (thread-safe static
// initialisation); lookups are case-insensitive and allocation-free.
#ifndef CROSSCHECK_ENGINE_NORMALIZE_LEXICON_H_
#define CROSSCHECK_ENGINE_NORMALIZE_LEXICON_H_

#include <cstdint>
#include <cstring>
#include <string_view>

#include "crosscheck/value.h"
#include "engine/ingest/text_util.h"  // EqualsIgnoreCase

namespace crosscheck {
namespace internal {

// Bit flags of a lexicon entry; one word may carry several ("second" is an
// ordinal and a duration unit, "m" a unit and a money multiplier).
enum LexFlag : uint32_t {
  kCardinalWord = 1u << 0,  // zero..nineteen, twenty..ninety (cardinal)
  kHundredWord = 1u << 1,   // hundred, dozen (multiplies the pending group)
  kScaleWord = 1u << 2,     // thousand, million, billion, trillion, bn, bln
  kOrdinalWord = 1u << 3,   // first..twentieth, thirtieth.. (ordinal)
  kMonthName = 1u << 4,     // January.. (month), full names
  kMonthAbbr = 1u << 5,     // Jan, Feb, Sept.. (month)
  kWeekdayName = 1u << 6,   // Sunday..Saturday (weekday, 0 = Sunday)
  kUnitWord = 1u << 7,      // a unit after a number (unit, unit_kind, factor)
  kCountedNoun = 1u << 8,   // people, members...: a number before it counts
  kLabelWord = 1u << 9,     // Article, Chapter...: a number after it is a name
  kGluedMultiplier = 1u << 10,  // M, bn, k glued to digits ("10M")
  kMoneyMultiplier = 1u << 11,  // m, b: a multiplier only after a currency
  kVaguePlural = 1u << 12,      // dozens, hundreds, thousands... (vague_lo)
  kOrdinalSuffix = 1u << 13,    // st, nd, rd, th
  kFraction = 1u << 14,         // half, third(s), quarter(s)
  kSeasonWord = 1u << 15,       // summer, winter... (season = first month)
  kOneStop = 1u << 16,      // after "one", a word that shows it is not a count
  kPhraseStart = 1u << 17,  // may start a number phrase ("more", "some", "a")
  kDateWord = 1u << 18,     // may start a date phrase ("last", "since", "end")
  // A value on its own, or the word that completes one after a preposition
  // ("yesterday", "tonight", "Easter", "at present").
  kAnchorWord = 1u << 19,
};

struct Lex {
  uint32_t flags = 0;
  double cardinal = 0;    // kCardinalWord/kHundredWord/kScaleWord value
  int ordinal = 0;        // kOrdinalWord
  int month = 0;          // kMonthName/kMonthAbbr, 1..12
  int weekday = -1;       // kWeekdayName
  int season = 0;         // kSeasonWord: first month (12 for winter)
  std::string_view unit;  // kUnitWord: canonical unit ("km", "h", "USD")
  ValueKind unit_kind = ValueKind::kQuantity;  // kQuantity/kDuration/kMoney
  double unit_factor = 1;      // value in the canonical unit per one of this
  bool unit_singular = false;  // "year", "hour": usable in "63-year-old"
  double multiplier = 0;       // kGluedMultiplier/kMoneyMultiplier/kScaleWord
  double vague_lo = 0;         // kVaguePlural
};

// Returns the entry for `word` (compared case-insensitively), or nullptr.
const Lex* LookupWord(std::string_view word);

// The hash lookups use, over a word's bytes: whole 8-byte groups with bit
// 0x20 set (which lower-cases ASCII letters; words are letters only), mixed
// by multiplication, and the length. Reading 8 bytes at a time keeps it off
// the per-byte path of the tokenizer. Equal words up to ASCII case have equal
// hashes; a hit is confirmed with EqualsIgnoreCase, except for words of at
// most 8 ASCII letters: for those the hash is a bijection of the lower-cased
// word (one multiply by an odd constant, one xorshift), so equal hashes are
// equal words.
//
// `readable` is how many bytes from word.data() may be read (at least
// word.size()); with 8 or more past the last whole group, the tail is one
// masked load instead of a byte loop.
inline uint64_t LexHash(std::string_view word, size_t readable = 0) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ word.size();
  size_t i = 0;
  for (; i + 8 <= word.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, word.data() + i, 8);
    h = (h ^ (w | 0x2020202020202020ull)) * 0xFF51AFD7ED558CCDull;
  }
  if (i < word.size()) {
    const size_t tail = word.size() - i;  // 1..7 bytes
    const uint64_t mask = (uint64_t{1} << (8 * tail)) - 1;
    uint64_t w = 0;  // little-endian, lower-cased the same way
    if (readable >= i + 8) {
      std::memcpy(&w, word.data() + i, 8);
      w = (w | 0x2020202020202020ull) & mask;
    } else {
      for (size_t k = word.size(); k-- > i;)
        w = (w << 8) | (static_cast<unsigned char>(word[k]) | 0x20u);
    }
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
  }
  return h ^ (h >> 32);
}

// The lexicon's open-addressing table, for lookups inlined into a hot loop:
// fetch it once with LexiconTable(), then Find() per word. The probed array
// holds 8 bytes a slot (a 32-bit hash tag and an entry index) and is half
// full, so it stays in L1 cache (32 KiB); the entries are read only when a
// tag matches. With 32-byte slots the probe was a sixth of the tokenizer.
struct LexTable {
  struct Entry {
    uint64_t hash = 0;
    std::string_view key;  // lower case, static storage
    const Lex* lex = nullptr;
  };
  const uint64_t* slots = nullptr;  // hash >> 32 << 32 | entry index + 1; 0 empty
  const Entry* entries = nullptr;
  size_t mask = 0;

  // The entry for `word` whose LexHash is `hash`, or nullptr.
  // `ascii_letters`: the word is only ASCII letters, so a hash match on a
  // word of at most 8 bytes needs no byte comparison (see LexHash).
  const Lex* Find(std::string_view word, uint64_t hash, bool ascii_letters) const {
    if (word.size() > 24) return nullptr;  // no lexicon word is longer
    const bool exact = ascii_letters && word.size() <= 8;
    const uint64_t tag = hash >> 32;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const uint64_t slot = slots[i];
      if (slot == 0) return nullptr;
      if ((slot >> 32) != tag) continue;
      const Entry& e = entries[static_cast<uint32_t>(slot) - 1];
      if (e.hash == hash && (exact || EqualsIgnoreCase(e.key, word))) return e.lex;
    }
  }
};

// The table, built on first use (thread-safe); it lives for the process.
const LexTable& LexiconTable();

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_NORMALIZE_LEXICON_H_
