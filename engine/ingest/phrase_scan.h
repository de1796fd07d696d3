// Many phrases found in one pass over a text (PhraseScan): for the lists of
// phrases looked for in every sentence or line (the scoring's sourcing
// phrases, the clutter markers).
#ifndef CROSSCHECK_ENGINE_INGEST_PHRASE_SCAN_H_
#define CROSSCHECK_ENGINE_INGEST_PHRASE_SCAN_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck {

// Many phrases found in one pass over a text: where two bytes of the text
// begin a phrase, the phrases that begin with the first byte and go on with
// the second are compared. For the scoring lists (tens of phrases looked
// for in every sentence), where one find() per phrase per sentence cost
// more than the rest of the scoring, and the clutter markers of each line.
class PhraseScan {
 public:
  explicit PhraseScan(const std::vector<std::string>& phrases);

  // Calls f(k, at) for every occurrence of phrases[k] in `text`, overlapping
  // ones included, in order of `at` (then of k). Empty phrases never match.
  template <typename F>
  void ForEach(std::string_view text, F&& f) const {
    Scan(text, [](unsigned c) { return c; }, f);
  }

  // ForEach() over the text as AsciiLower() would make it, without making
  // it: a phrase that holds an upper-case ASCII letter never matches (no
  // lower-cased text holds one).
  template <typename F>
  void ForEachCaseBlind(std::string_view text, F&& f) const {
    Scan(text, [](unsigned c) { return c - 'A' < 26u ? c | 0x20 : c; }, f);
  }

 private:
  // A phrase as the scan compares it: its first two bytes are the text's
  // when it is tried, so only the rest is compared.
  struct Entry {
    uint32_t k;       // index in the phrases given
    uint32_t offset;  // of its bytes in bytes_
    uint32_t size;
    int32_t second;   // its second byte; -1 for a one-byte phrase
  };

  // The scan with each text byte mapped by `map` first.
  template <typename Map, typename F>
  void Scan(std::string_view text, Map map, F& f) const {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    unsigned next = n > 0 ? map(bytes[0]) : 0;
    for (size_t at = 0; at < n; ++at) {
      const unsigned c = next;
      next = at + 1 < n ? map(bytes[at + 1]) : 0;
      const unsigned pair = c << 8 | next;
      if (!(pairs_[pair >> 6] >> (pair & 63) & 1)) continue;
      for (uint32_t i = begin_[c]; i < begin_[c + 1]; ++i) {
        const Entry& e = entries_[i];
        if (e.size > n - at || (e.second >= 0 && static_cast<unsigned>(e.second) != next))
          continue;
        const char* p = bytes_.data() + e.offset;
        size_t j = 2;
        while (j < e.size && static_cast<unsigned char>(p[j]) == map(bytes[at + j])) ++j;
        if (j >= e.size) f(static_cast<size_t>(e.k), at);
      }
    }
  }

  std::string bytes_;            // every phrase's bytes, one after another
  std::vector<Entry> entries_;   // by first byte, then index
  uint32_t begin_[257] = {};     // entries_[begin_[c]..begin_[c + 1]) start with c
  // Bit (b0 << 8 | b1) is set when a phrase begins with bytes b0 b1 (any b1
  // for a one-byte phrase): most places in a text begin none, and one bit
  // test passes them by.
  uint64_t pairs_[1024] = {};
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_PHRASE_SCAN_H_
