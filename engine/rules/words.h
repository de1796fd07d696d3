// Word tokens with byte offsets, for entity and attribution scanning.
#ifndef CROSSCHECK_ENGINE_RULES_WORDS_H_
#define CROSSCHECK_ENGINE_RULES_WORDS_H_

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crosscheck/document.h"
#include "engine/ingest/phrase_scan.h"  // PhraseScan, for the word lists' users

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
// The same into `out` (cleared first), which keeps its capacity: for loops
// over sentences.
void SplitWords(std::string_view text, std::vector<Word>* out);

// The words of every sentence of a document, split once for the stages
// that each read them all (the entity scan and the shingles; the two style
// checks). Offsets are into each sentence's text, doc.Slice(span).
class SentenceWords {
 public:
  // A sentence's words, as a view.
  class Range {
   public:
    Range(const Word* begin, const Word* end) : begin_(begin), end_(end) {}
    const Word* begin() const { return begin_; }
    const Word* end() const { return end_; }
    size_t size() const { return static_cast<size_t>(end_ - begin_); }
    bool empty() const { return begin_ == end_; }
    const Word& operator[](size_t i) const { return begin_[i]; }

   private:
    const Word* begin_;
    const Word* end_;
  };

  explicit SentenceWords(const Document& doc);
  // REQUIRES: sentence < doc.sentences.size() of the document split.
  Range of(size_t sentence) const {
    return {words_.data() + begin_[sentence], words_.data() + begin_[sentence + 1]};
  }
  size_t sentences() const { return begin_.size() - 1; }

 private:
  std::vector<Word> words_;
  std::vector<size_t> begin_;  // sentence i: words_[begin_[i], begin_[i + 1])
};

// Name key used for matching aliases: dots of acronyms dropped, curly
// apostrophes made straight, a trailing possessive removed, spaces single.
std::string NameKey(std::string_view name);
// The same into `*out`, which keeps its capacity.
void NameKey(std::string_view name, std::string* out);

// Lower-cases ASCII letters.
std::string AsciiLower(std::string_view text);
// The same into `*buf` (which keeps its capacity), as a view of it.
std::string_view AsciiLower(std::string_view text, std::string* buf);

// Strings -> ids 0, 1, 2... in the order they were first inserted, looked
// up by string_view without building a string. Open addressing over 64-bit
// hashes of the bytes, at most half full: a slot holds the hash's high 32
// bits and the id, the strings wait apart in a vector by id, so a lookup
// reads a slot or two and compares the one string whose bits match.
// (unordered_map reads a bucket, the node before and the node, and
// allocates a node a key: the entity index's names of the BBC corpus x100
// are millions.)
class KeyTable {
 public:
  KeyTable() = default;
  // `key`'s id; -1 when it is not in.
  int Find(std::string_view key) const;
  // `key`'s id, and whether it was put in by this call.
  std::pair<int, bool> Insert(std::string_view key);
  const std::string& key(int id) const { return keys_[static_cast<size_t>(id)]; }
  size_t size() const { return keys_.size(); }
  // Room for `keys` keys in all, the table at most 1/`spread` full once
  // they are in (2, the least: half full).
  void Reserve(size_t keys, size_t spread = 2);

 private:
  struct Slot {
    uint32_t check;  // the hash's high bits
    int32_t id;      // -1: a free slot
  };
  int Find(std::string_view key, uint64_t hash) const;  // hash: Hash(key)
  void Grow(size_t slots);  // to `slots`, a power of two
  void Place(uint64_t hash, int32_t id);  // REQUIRES: a free slot
  std::vector<Slot> slots_;  // a power of two of them, or none
  std::vector<std::string> keys_;  // by id
};

// A fixed list of words, at most a quarter full (the lookups that fail,
// most of them, end sooner): for the word lists the entity scan asks about
// every word it meets.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words);
  bool contains(std::string_view word) const { return table_.Find(word) >= 0; }
  size_t count(std::string_view word) const { return contains(word) ? 1 : 0; }

 private:
  KeyTable table_;
};

// A set of strings kept as 64-bit hashes only: contains() is never wrong
// about a string added, and wrong about another one time in 2^64 or so. A
// filter in front of an exact search that most lookups fail.
class HashFilter {
 public:
  void insert(std::string_view s);
  bool contains(std::string_view s) const;

 private:
  void Put(uint64_t h);  // REQUIRES: a free slot
  std::vector<uint64_t> slots_;  // open addressing, at most half full; 0 free
  size_t size_ = 0;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_RULES_WORDS_H_
