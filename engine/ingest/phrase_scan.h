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
// begin a phrase, the phrases that begin with the first byte are compared.
// For the scoring lists (tens of phrases looked for in every sentence),
// where one find() per phrase per sentence cost more than the rest of the
// scoring.
class PhraseScan {
 public:
  // REQUIRES: `phrases` outlives the scan (it is kept by pointer).
  explicit PhraseScan(const std::vector<std::string>& phrases);

  // Calls f(k, at) for every occurrence of phrases[k] in `text`, overlapping
  // ones included, in order of `at` (then of k). Empty phrases never match.
  template <typename F>
  void ForEach(std::string_view text, F&& f) const {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    for (size_t at = 0; at < text.size(); ++at) {
      const unsigned c = bytes[at];
      const unsigned pair = c << 8 | (at + 1 < text.size() ? bytes[at + 1] : 0);
      if (!(pairs_[pair >> 6] >> (pair & 63) & 1)) continue;
      for (uint32_t i = begin_[c]; i < begin_[c + 1]; ++i) {
        const std::string& p = (*phrases_)[order_[i]];
        if (p.size() > text.size() - at || text.compare(at, p.size(), p) != 0)
          continue;
        f(static_cast<size_t>(order_[i]), at);
      }
    }
  }

  // ForEach() over the text as AsciiLower() would make it, without making
  // it. REQUIRES: no phrase holds an upper-case ASCII letter.
  template <typename F>
  void ForEachCaseBlind(std::string_view text, F&& f) const {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    unsigned next = n > 0 ? LowerByte(bytes[0]) : 0;
    for (size_t at = 0; at < n; ++at) {
      const unsigned c = next;
      next = at + 1 < n ? LowerByte(bytes[at + 1]) : 0;
      const unsigned pair = c << 8 | next;
      if (!(pairs_[pair >> 6] >> (pair & 63) & 1)) continue;
      for (uint32_t i = begin_[c]; i < begin_[c + 1]; ++i) {
        const std::string& p = (*phrases_)[order_[i]];
        if (p.size() > n - at) continue;
        size_t j = 1;
        while (j < p.size() && static_cast<unsigned char>(p[j]) == LowerByte(bytes[at + j])) ++j;
        if (j == p.size()) f(static_cast<size_t>(order_[i]), at);
      }
    }
  }

 private:
  static unsigned LowerByte(unsigned c) { return c - 'A' < 26u ? c | 0x20 : c; }

  const std::vector<std::string>* phrases_;
  std::vector<uint32_t> order_;  // phrase indexes by first byte, then index
  uint32_t begin_[257] = {};     // order_[begin_[c]..begin_[c + 1]) start with c
  // Bit (b0 << 8 | b1) is set when a phrase begins with bytes b0 b1 (any b1
  // for a one-byte phrase): most places in a text begin none, and one bit
  // test passes them by.
  uint64_t pairs_[1024] = {};
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_PHRASE_SCAN_H_
