#include "engine/ingest/phrase_scan.h"

#include <algorithm>

namespace crosscheck {

PhraseScan::PhraseScan(const std::vector<std::string>& phrases) {
  for (const std::string& p : phrases)
    if (!p.empty()) ++begin_[static_cast<unsigned char>(p[0]) + 1];
  for (size_t c = 1; c <= 256; ++c) begin_[c] += begin_[c - 1];
  entries_.resize(begin_[256]);
  uint32_t fill[256];
  std::copy(begin_, begin_ + 256, fill);
  for (size_t k = 0; k < phrases.size(); ++k) {
    const std::string& p = phrases[k];
    if (p.empty()) continue;
    const unsigned b0 = static_cast<unsigned char>(p[0]);
    entries_[fill[b0]++] = {static_cast<uint32_t>(k), static_cast<uint32_t>(bytes_.size()),
                            static_cast<uint32_t>(p.size()),
                            p.size() > 1 ? static_cast<unsigned char>(p[1]) : -1};
    bytes_ += p;
    if (p.size() == 1) {  // any second byte
      std::fill(pairs_ + b0 * 4, pairs_ + b0 * 4 + 4, ~uint64_t{0});
      continue;
    }
    const unsigned pair = b0 << 8 | static_cast<unsigned char>(p[1]);
    pairs_[pair >> 6] |= uint64_t{1} << (pair & 63);
  }
}

}  // namespace crosscheck
