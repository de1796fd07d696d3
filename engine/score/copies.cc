#include "engine/score/copies.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string_view>
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
// kSketch buckets and the bucket keeps the smallest value. Two articles'
// buckets hold the same value with probability about their Jaccard
// similarity. A bucket no shingle fell into takes the value of the next
// filled one to its right (rotation densification), so short articles get a
// full sketch too.
constexpr int kBandRows = 3;
constexpr int kBands = 128;
constexpr int kSketch = kBands * kBandRows;  // 384 buckets
constexpr int kValueBits = 40;

uint64_t Mix(uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::array<uint64_t, kSketch> Sketch(const std::vector<uint64_t>& shingles) {
  constexpr uint64_t kEmpty = ~uint64_t{0};
  constexpr uint64_t kValueMask = (uint64_t{1} << kValueBits) - 1;
  std::array<uint64_t, kSketch> sketch;
  sketch.fill(kEmpty);
  for (uint64_t h : shingles) {
    const uint64_t m = Mix(h);
    const size_t bucket = static_cast<size_t>(((m >> 32) * kSketch) >> 32);
    sketch[bucket] = std::min(sketch[bucket], m & kValueMask);
  }
  // Right to left, twice round, so that each empty bucket learns the
  // nearest filled one to its right and the distance to it; the distance
  // goes into the value, so that two articles borrow alike only when they
  // borrow from the same distance.
  int start = -1;
  for (int b = kSketch - 1; b >= 0 && start < 0; --b)
    if (sketch[b] != kEmpty) start = b;
  if (start < 0) return sketch;  // no shingle at all
  std::array<uint64_t, kSketch> out = sketch;
  int filled = start;
  for (int k = 1; k < kSketch; ++k) {
    const int b = (start - k + kSketch) % kSketch;
    if (sketch[b] != kEmpty) {
      filled = b;
      continue;
    }
    const int distance = (filled - b + kSketch) % kSketch;
    out[b] = sketch[filled] | (static_cast<uint64_t>(distance) << kValueBits);
  }
  return out;
}

// Every article's sketch, as LSH needs it: one key per band (the band's
// three buckets hashed together), sorted so that articles agreeing on a
// whole band stand side by side; and the low 16 bits of every bucket
// (kSketch per article, in article order), to estimate a pair's similarity
// (EstimatedJaccard). Articles under `min_shingles` shingles are left out.
//
// With 128 bands of 3, a pair of Jaccard similarity s shares a band key with
// probability 1 - (1 - s^3)^128: 0.992 at 1/3 (a copy holding half of an
// original of its own length), 0.64 at 0.2, 0.12 at 0.1 and 0.016 at 0.05.
// Bands of 2 made four times more candidates of Jaccard 0.1 (articles that
// share a few sentences), and their number grows faster than the corpus
// when sentences recur (wire copy, quotes).
struct Sketches {
  std::vector<std::pair<uint64_t, uint32_t>> band_keys;  // (key, article), sorted
  std::vector<uint16_t> fingerprints;
};

Sketches SketchAll(const std::vector<CopySource>& docs, size_t min_shingles) {
  Sketches out;
  out.band_keys.reserve(docs.size() * kBands);
  out.fingerprints.assign(docs.size() * kSketch, 0);
  for (size_t i = 0; i < docs.size(); ++i) {
    if (docs[i].shingles->size() < min_shingles) continue;
    const std::array<uint64_t, kSketch> sketch = Sketch(*docs[i].shingles);
    for (int k = 0; k < kSketch; ++k)
      out.fingerprints[i * kSketch + k] = static_cast<uint16_t>(sketch[k]);
    for (int band = 0; band < kBands; ++band) {
      uint64_t key = Mix(static_cast<uint64_t>(band) + 1);
      for (int r = 0; r < kBandRows; ++r)
        key = Mix(key ^ sketch[band * kBandRows + r]);
      out.band_keys.emplace_back(key, static_cast<uint32_t>(i));
    }
  }
  std::sort(out.band_keys.begin(), out.band_keys.end());
  return out;
}

// The share of two articles' sketch buckets that agree: their Jaccard
// similarity, give or take sqrt(s(1-s)/kSketch) (0.024 at 1/3), plus
// 1/65,536 for 16-bit fingerprints that agree by chance.
double EstimatedJaccard(const std::vector<uint16_t>& fingerprints, size_t i, size_t j) {
  const uint16_t* a = fingerprints.data() + i * kSketch;
  const uint16_t* b = fingerprints.data() + j * kSketch;
  int same = 0;
  for (int k = 0; k < kSketch; ++k) same += a[k] == b[k];
  return static_cast<double>(same) / kSketch;
}

// Shingles two sorted, unique lists share; 0 as soon as fewer than `needed`
// are still possible.
int SharedCount(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b, int needed) {
  int n = 0;
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (n + static_cast<int>(std::min(a.size() - i, b.size() - j)) < needed) return 0;
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
  return n >= needed ? n : 0;
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
  // A copy holds min_containment of its shingles in the other article, so
  // the pair shares at least that share of the shorter one.
  auto needed = [&](size_t i, size_t j) {
    const size_t shorter = std::min(docs[i].shingles->size(), docs[j].shingles->size());
    return std::max(options.min_shared,
                    static_cast<int>(std::ceil(
                        options.min_containment * static_cast<double>(shorter) - 1e-9)));
  };
  // Only pairs whose sketches agree on a band are candidates. Articles that
  // merely share a few sentences meet in a band too, and where sentences
  // recur (wire copy, quotes) their number grows faster than the corpus: the
  // sketches rule out those too far below the similarity a copy needs (3.5
  // standard errors and 0.01) before any exact comparison. A pair met in
  // several bands is looked at once per band.
  const Sketches sketches = SketchAll(docs, static_cast<size_t>(options.min_shared));
  const auto& keys = sketches.band_keys;
  std::vector<uint64_t> candidates;
  for (size_t run = 0; run < keys.size();) {
    size_t end = run + 1;
    while (end < keys.size() && keys[end].first == keys[run].first) ++end;
    for (size_t a = run; a < end; ++a) {
      for (size_t b = a + 1; b < end; ++b) {
        const size_t i = keys[a].second, j = keys[b].second;
        const double n = needed(i, j);
        const double need =
            n / (static_cast<double>(docs[i].shingles->size() + docs[j].shingles->size()) - n);
        if (EstimatedJaccard(sketches.fingerprints, i, j) >=
            need - 3.5 * std::sqrt(need * (1 - need) / kSketch) - 0.01)
          candidates.push_back((static_cast<uint64_t>(i) << 32) | j);
      }
    }
    run = end;
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

  // The candidates compared exactly; each copy keeps the original it shares
  // most with.
  std::unordered_map<int, CopyRelation> best;  // copy index -> relation
  for (const uint64_t pair : candidates) {
    const int i = static_cast<int>(pair >> 32), j = static_cast<int>(pair & 0xffffffffu);
    const int count = SharedCount(*docs[i].shingles, *docs[j].shingles, needed(i, j));
    if (count == 0) continue;  // fewer than a copy needs
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
  std::set<std::pair<std::string_view, std::string_view>> relations;
  for (const CopyRelation& r : out) relations.emplace(r.copy, r.original);
  std::vector<CopyRelation> kept;
  for (const CopyRelation& r : out) {
    const bool original_is_copy_of_this = relations.count({r.original, r.copy}) > 0;
    if (original_is_copy_of_this && r.copy > r.original) continue;
    kept.push_back(r);
  }
  return kept;
}

}  // namespace crosscheck
