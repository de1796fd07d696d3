#include "engine/score/copies.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "engine/rules/words.h"

namespace crosscheck {
namespace {

uint64_t Fnv1a(std::string_view s, uint64_t h) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 'A' && u <= 'Z') u = static_cast<unsigned char>(u - 'A' + 'a');
    h ^= u;
    h *= 1099511628211ULL;
  }
  return h;
}

int64_t PublishedDay(const ReferenceDate& d) {
  if (!d.known()) return -1;
  return DaysFromCivil(d.year, d.month ? d.month : 1, d.day ? d.day : 1);
}

// MinHash by one permutation: each shingle, mixed again, falls into one of
// kSketch buckets by its top bits and the bucket keeps the smallest rest.
// Two articles' buckets hold the same value with probability about their
// Jaccard similarity. A bucket no shingle fell into takes the value of the
// next filled one to its right (rotation densification), so short articles
// get a full sketch too.
constexpr int kSketchBits = 7;
constexpr int kSketch = 1 << kSketchBits;  // 128 buckets
constexpr int kValueBits = 64 - kSketchBits;
constexpr int kBandRows = 2;  // 64 bands of 2 buckets
constexpr int kBands = kSketch / kBandRows;

uint64_t Mix(uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::array<uint64_t, kSketch> Sketch(const std::vector<uint64_t>& shingles) {
  constexpr uint64_t kEmpty = ~uint64_t{0};
  std::array<uint64_t, kSketch> sketch;
  sketch.fill(kEmpty);
  for (uint64_t h : shingles) {
    const uint64_t m = Mix(h);
    uint64_t& slot = sketch[m >> kValueBits];
    slot = std::min(slot, m & ((uint64_t{1} << kValueBits) - 1));
  }
  for (int b = 0; b < kSketch; ++b) {
    for (int step = 1; sketch[b] == kEmpty && step < kSketch; ++step) {
      const uint64_t next = sketch[(b + step) % kSketch];
      // The distance goes into the value, so that two articles borrow alike
      // only when they borrow from the same distance.
      if (next != kEmpty && next < (uint64_t{1} << kValueBits))
        sketch[b] = next + (static_cast<uint64_t>(step) << kValueBits);
    }
  }
  return sketch;
}

// Candidate pairs (i < j): articles that agree on both buckets of at least
// one band. With 64 bands of 2, a pair of Jaccard similarity s is a
// candidate with probability 1 - (1 - s^2)^64: 0.93 at 0.2, 0.9994 at 1/3
// (a copy holding half of an original of its own length), 0.006 at 0.01.
// (32 bands missed one of the 54 copies in the BBC corpus: 0.97 at 1/3.)
// Cost: one sort of 64 keys per article, plus the pairs found.
std::vector<uint64_t> CandidatePairs(const std::vector<CopySource>& docs,
                                     size_t min_shingles) {
  std::vector<std::pair<uint64_t, uint32_t>> keys;
  keys.reserve(docs.size() * kBands);
  for (size_t i = 0; i < docs.size(); ++i) {
    if (docs[i].shingles->size() < min_shingles) continue;
    const std::array<uint64_t, kSketch> sketch = Sketch(*docs[i].shingles);
    for (int band = 0; band < kBands; ++band) {
      uint64_t key = Mix(static_cast<uint64_t>(band) + 1);
      for (int r = 0; r < kBandRows; ++r)
        key = Mix(key ^ sketch[band * kBandRows + r]);
      keys.emplace_back(key, static_cast<uint32_t>(i));
    }
  }
  std::sort(keys.begin(), keys.end());
  std::vector<uint64_t> pairs;
  for (size_t run = 0; run < keys.size();) {
    size_t end = run + 1;
    while (end < keys.size() && keys[end].first == keys[run].first) ++end;
    for (size_t a = run; a < end; ++a)
      for (size_t b = a + 1; b < end; ++b)
        pairs.push_back((static_cast<uint64_t>(keys[a].second) << 32) | keys[b].second);
    run = end;
  }
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  return pairs;
}

// Shingles two sorted, unique lists share.
int SharedCount(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  int n = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

}  // namespace

std::vector<uint64_t> Shingles(const Document& doc, int shingle_words) {
  std::vector<uint64_t> word_hashes;
  for (const Sentence& s : doc.sentences) {
    if (s.headline) continue;
    const std::string_view text = doc.Slice(s.span);
    for (const Word& w : SplitWords(text))
      word_hashes.push_back(
          Fnv1a(text.substr(w.start, w.end - w.start), 1469598103934665603ULL));
  }
  std::vector<uint64_t> out;
  const size_t n = static_cast<size_t>(shingle_words);
  for (size_t i = 0; i + n <= word_hashes.size(); ++i) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t j = 0; j < n; ++j) {
      h ^= word_hashes[i + j] + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    }
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<CopyRelation> DetectCopies(const std::vector<CopySource>& docs,
                                       const CopyOptions& options) {
  // Only pairs whose MinHash sketches agree somewhere are compared, and
  // those exactly.
  std::vector<std::pair<uint64_t, int>> shared;
  for (uint64_t pair : CandidatePairs(docs, static_cast<size_t>(options.min_shared))) {
    const size_t i = pair >> 32, j = pair & 0xffffffffu;
    const int count = SharedCount(*docs[i].shingles, *docs[j].shingles);
    if (count >= options.min_shared) shared.emplace_back(pair, count);
  }
  std::unordered_map<int, CopyRelation> best;  // copy index -> relation
  for (const auto& [pair, count] : shared) {
    if (count < options.min_shared) continue;
    const int i = static_cast<int>(pair >> 32), j = static_cast<int>(pair & 0xffffffffu);
    const double in_j = static_cast<double>(count) / docs[i].shingles->size();  // i in j
    const double in_i = static_cast<double>(count) / docs[j].shingles->size();  // j in i
    if (std::max(in_j, in_i) < options.min_containment) continue;
    int copy = i, original = j;
    const int64_t di = PublishedDay(docs[i].published), dj = PublishedDay(docs[j].published);
    if (di >= 0 && dj >= 0 && di != dj &&
        docs[i].published.month != 0 && docs[j].published.month != 0) {
      if (di < dj) std::swap(copy, original);  // the later one copies
    } else if (in_i > in_j) {
      std::swap(copy, original);  // the one more contained in the other
    }
    const double containment = copy == i ? in_j : in_i;
    CopyRelation r{*docs[copy].id, *docs[original].id, containment, count};
    auto it = best.find(copy);
    if (it == best.end() || it->second.shared < count) best[copy] = r;
  }
  std::vector<CopyRelation> out;
  for (auto& [index, r] : best) out.push_back(std::move(r));
  // A copy of a copy points at its original; cycles are broken by id order.
  std::sort(out.begin(), out.end(), [](const CopyRelation& a, const CopyRelation& b) {
    return a.copy < b.copy;
  });
  std::vector<CopyRelation> kept;
  for (const CopyRelation& r : out) {
    const bool original_is_copy_of_this = std::any_of(
        out.begin(), out.end(), [&](const CopyRelation& o) {
          return o.copy == r.original && o.original == r.copy;
        });
    if (original_is_copy_of_this && r.copy > r.original) continue;
    kept.push_back(r);
  }
  return kept;
}

}  // namespace crosscheck
