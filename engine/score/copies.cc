#include "engine/score/copies.h"

#include <sys/mman.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <new>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "engine/rules/words.h"

namespace crosscheck {
namespace {

// Allocates arrays of 2 MiB or more in whole, aligned 2 MiB pages that the
// kernel is asked to back with huge pages (transparent huge pages, where
// they are enabled for madvise). The copy index's band table and
// fingerprints are read at random: on the BBC corpus replicated 100 times
// they are 330 MiB, and in 4 KiB pages most reads also missed the TLB and
// walked the page tables (adding took 9.6 s, then 7.3 s).
template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHuge = size_t{2} << 20;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding
  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHuge) return static_cast<T*>(::operator new(bytes, std::align_val_t{alignof(T)}));
    const size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
    void* p = std::aligned_alloc(kHuge, rounded);
    if (p == nullptr) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    madvise(p, rounded, MADV_HUGEPAGE);  // advice: failure changes nothing
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHuge) {
      ::operator delete(p, std::align_val_t{alignof(T)});
    } else {
      std::free(p);
    }
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const { return false; }
};

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
constexpr int kBandRows = CopySketch::kBandRows;
constexpr int kBands = CopySketch::kBands;
constexpr int kSketch = CopySketch::kBuckets;  // 384 buckets
constexpr int kValueBits = 40;

// Asks for the cache line at `p` ahead of its use. The index is too big for
// the caches on a big corpus (1.5 KiB an article), and its reads are random.
// GCC 12 drops __builtin_prefetch from CopyIndex::Add as if it were dead code
// (it vanishes at -O2, and with a table index at -O3 too), so x86 gets the
// instruction written out.
inline void PrefetchLine(const void* p) {
#if defined(__x86_64__) || defined(__i386__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#else
  __builtin_prefetch(p);
#endif
}

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

}  // namespace

// An article's sketch as LSH needs it: one key per band (the band's three
// buckets hashed together; articles that agree on a whole band share the
// key), and the low 8 bits of every bucket, to estimate a pair's
// similarity (EstimatedJaccard).
//
// With 128 bands of 3, a pair of Jaccard similarity s shares a band key with
// probability 1 - (1 - s^3)^128: 0.992 at 1/3 (a copy holding half of an
// original of its own length), 0.64 at 0.2, 0.12 at 0.1 and 0.016 at 0.05.
// Bands of 2 made four times more candidates of Jaccard 0.1 (articles that
// share a few sentences), and their number grows faster than the corpus
// when sentences recur (wire copy, quotes).
CopySketch SketchForCopies(const std::vector<uint64_t>& shingles) {
  CopySketch out;
  const std::array<uint64_t, kSketch> sketch = Sketch(shingles);
  // Two buckets to a byte: their low nibbles in the first half, their high
  // ones in the second (Fingerprints below says why).
  constexpr int kHalf = kSketch / 2;
  for (int j = 0; j < kHalf; ++j) {
    const auto a = static_cast<uint8_t>(sketch[2 * j]), b = static_cast<uint8_t>(sketch[2 * j + 1]);
    out.fingerprints[j] = static_cast<uint8_t>((a & 0x0f) | (b << 4));
    out.fingerprints[kHalf + j] = static_cast<uint8_t>((a >> 4) | (b & 0xf0));
  }
  for (int band = 0; band < kBands; ++band) {
    uint64_t key = Mix(static_cast<uint64_t>(band) + 1);
    for (int r = 0; r < kBandRows; ++r) key = Mix(key ^ sketch[band * kBandRows + r]);
    out.band_keys[band] = key;
  }
  return out;
}

namespace {

// An article's 384 one-byte bucket fingerprints as the copy index keeps
// them: CopySketch::fingerprints, the low nibbles of all buckets in one
// half, the high nibbles in the other, on whole cache lines. Two buckets
// agree when both their nibbles do.
//
// The share of buckets that agree estimates a pair's Jaccard similarity,
// give or take sqrt(s(1-s)/kSketch) (0.024 at 1/3), plus up to 1/256 for
// fingerprints that agree by chance. Chance only raises the estimate, so it
// lets more pairs on to the exact comparison, which alone decides: it costs
// time, never a copy.
//
// A corpus whose sentences recur meets many candidates (30 million on the
// BBC corpus replicated 100 times, 150 an article), nearly all far below a
// copy's similarity, and each candidate's fingerprints are a random read.
// So a candidate is measured on its low halves first (three cache lines
// instead of six): the buckets whose low nibbles agree are at least those
// that agree, so a pair too far below on the low halves is too far below on
// the whole, and this turns down four candidates in five on that corpus
// without reading the rest. The whole count then decides as before.
struct alignas(64) Fingerprints {
  static constexpr int kBytes = kSketch / 2;
  std::array<uint8_t, kBytes> low, high;

  static Fingerprints Of(const CopySketch& sketch) {
    Fingerprints out;
    std::memcpy(out.low.data(), sketch.fingerprints.data(), kBytes);
    std::memcpy(out.high.data(), sketch.fingerprints.data() + kBytes, kBytes);
    return out;
  }
};
static_assert(sizeof(Fingerprints) == 384 && Fingerprints::kBytes % 64 == 0);

// The zero nibbles of word(0) .. word(Fingerprints::kBytes / 8 - 1), 64-bit
// words. Branch-free and without popcount (__builtin_popcountll is a
// library call without -mpopcnt): each zero nibble's low bit is set, the
// nibbles summed into bytes, the bytes once at the end. (SSE2 made it no
// faster: the reads are what cost.)
template <typename Word>
int ZeroNibbles(Word word) {
  constexpr uint64_t kLow3 = 0x7777777777777777ULL;
  constexpr uint64_t kLowNibbles = 0x0f0f0f0f0f0f0f0fULL;
  uint64_t sums = 0;  // per byte: at most 2 a word, 48 in all
  for (int k = 0; k < Fingerprints::kBytes / 8; ++k) {
    const uint64_t t = word(k);
    // Bit 3 of a nibble is set exactly when the nibble is zero.
    const uint64_t zero = ~(((t & kLow3) + kLow3) | t | kLow3) >> 3;
    sums += (zero & kLowNibbles) + ((zero >> 4) & kLowNibbles);
  }
  sums = (sums & 0x00ff00ff00ff00ffULL) + ((sums >> 8) & 0x00ff00ff00ff00ffULL);
  return static_cast<int>((sums * 0x0001000100010001ULL) >> 48);
}

// Sorts 64-bit hashes, least significant byte first: eight passes of
// counting and placing, all eight counts taken in one read. For the few
// hundred shingles of an article that is three times faster than
// std::sort, which had been a third of the shingles' cost; short lists
// are left to std::sort. `scratch` (any contents) is the second buffer;
// the two may be swapped.
void SortHashes(std::vector<uint64_t>* hashes, std::vector<uint64_t>* scratch) {
  std::vector<uint64_t>& v = *hashes;
  const size_t n = v.size();
  if (n < 64) {
    std::sort(v.begin(), v.end());
    return;
  }
  uint32_t counts[8][256] = {};
  for (const uint64_t h : v)
    for (int b = 0; b < 8; ++b) ++counts[b][(h >> (8 * b)) & 0xff];
  std::vector<uint64_t>& other = *scratch;
  other.resize(n);
  uint64_t* from = v.data();
  uint64_t* to = other.data();
  for (int b = 0; b < 8; ++b) {
    uint32_t* count = counts[b];
    if (count[(from[0] >> (8 * b)) & 0xff] == n) continue;  // one value: in order already
    uint32_t at = 0;
    for (int d = 0; d < 256; ++d) {
      const uint32_t c = count[d];
      count[d] = at;
      at += c;
    }
    for (size_t i = 0; i < n; ++i) {
      const uint64_t h = from[i];
      to[count[(h >> (8 * b)) & 0xff]++] = h;
    }
    std::swap(from, to);
  }
  if (from != v.data()) v.swap(other);
}

uint64_t Load64(const uint8_t* p) {
  uint64_t x;
  std::memcpy(&x, p, 8);
  return x;
}

// Buckets whose low nibbles agree: at least SameBuckets(a, b).
int SameLowNibbles(const Fingerprints& a, const Fingerprints& b) {
  return ZeroNibbles([&](int k) {
    return Load64(a.low.data() + 8 * k) ^ Load64(b.low.data() + 8 * k);
  });
}

int SameBuckets(const Fingerprints& a, const Fingerprints& b) {
  return ZeroNibbles([&](int k) {
    return (Load64(a.low.data() + 8 * k) ^ Load64(b.low.data() + 8 * k)) |
           (Load64(a.high.data() + 8 * k) ^ Load64(b.high.data() + 8 * k));
  });
}

// Shingles two sorted, unique lists share; 0 as soon as fewer than `needed`
// are still possible.
//
// Without branches on the comparisons: which list steps on is a coin toss
// for two lists that are not copies, and a mispredicted branch a step made
// the 700,000 exact comparisons of the BBC corpus replicated 100 times the
// copy index's second cost after its probes.
int SharedCount(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b, int needed) {
  const uint64_t* x = a.data();
  const uint64_t* y = b.data();
  const size_t na = a.size(), nb = b.size();
  size_t i = 0, j = 0;
  int n = 0;
  while (i < na && j < nb) {
    if (n + static_cast<int>(std::min(na - i, nb - j)) < needed) return 0;
    const uint64_t u = x[i], v = y[j];
    n += u == v;
    i += u <= v;
    j += v <= u;
  }
  return n >= needed ? n : 0;
}

}  // namespace

std::vector<uint64_t> Shingles(const Document& doc, int shingle_words) {
  return Shingles(doc, SentenceWords(doc), shingle_words);
}

std::vector<uint64_t> Shingles(const Document& doc, const SentenceWords& words,
                               int shingle_words) {
  std::vector<uint64_t> word_hashes;
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    if (s.headline) continue;
    const std::string_view text = doc.Slice(s.span);
    for (const Word& w : words.of(si))
      word_hashes.push_back(
          Fnv1a(text.substr(w.start, w.end - w.start), 1469598103934665603ULL));
  }
  std::vector<uint64_t> out;
  const size_t n = static_cast<size_t>(shingle_words);
  if (word_hashes.size() >= n) out.reserve(word_hashes.size() - n + 1);
  for (size_t i = 0; i + n <= word_hashes.size(); ++i) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t j = 0; j < n; ++j) {
      h ^= word_hashes[i + j] + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    }
    out.push_back(h);
  }
  SortHashes(&out, &word_hashes);  // the word hashes are done with
  out.erase(std::unique(out.begin(), out.end()), out.end());
  out.shrink_to_fit();  // kept for every article until the report
  return out;
}

std::vector<CopyRelation> DetectCopies(const std::vector<CopySource>& docs,
                                       const CopyOptions& options) {
  CopyIndex index(options);
  index.Reserve(docs.size());
  std::vector<uint64_t> keys(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) {
    keys[i] = i;
    index.Add(i, docs[i].shingles);
  }
  return index.pairs().Relations(docs, keys);
}

// Band key -> article, many articles to a key: open addressing with linear
// probing in one flat array of 8-byte slots (most band keys belong to one
// article, and a node or a vector per key made adding the BBC corpus three
// times slower). A slot keeps the band key's high 32 bits and the article's
// slot + 2 (0: a free slot, 1: a tombstone), and its home comes from those
// bits: two band keys alike in them make a candidate more, which the
// sketches and the exact comparison then turn down. At most 4 slots in 5
// are taken: 128 bands cost an article 1.25 KiB (1.5 KiB at 7 in 10; the
// index is most of check's memory on a big corpus, and adding 210,000
// articles took 7.3 s at either load). Removed entries stay as tombstones
// until the next growth.
class BandTable {
 public:
  // Calls f(other) for each article `other` under band_key, then files
  // `article` under it too, in one walk: at the first free or emptied slot
  // of the run just read.
  template <typename F>
  void ForEachThenInsert(uint64_t band_key, uint32_t article, F&& f) {
    Put(Tag(band_key), article + 2, f);
  }
  // Fetches the slot ForEachThenInsert(band_key) starts from, and the line
  // after it: at the BBC corpus x100 a walk goes on past its home's line in
  // one put of six (11 slots on average: a band key that many articles
  // share fills a run), and fetching both lines made adding its sketches
  // 3.2 -> 2.8 s. (Measured before the candidates' filters were split, the
  // second line had made no difference.)
  void Prefetch(uint64_t band_key) const {
    if (slots_.empty()) return;
    const size_t home = Home(Tag(band_key));
    PrefetchLine(&slots_[home]);
    PrefetchLine(&slots_[std::min(home + kSlotsPerLine, slots_.size() - 1)]);
  }
  void Reserve(size_t entries) {
    if (Full(entries + tombstones_)) Grow(entries);
  }
  void Erase(uint64_t band_key, uint32_t article) {
    if (slots_.empty()) return;
    const uint32_t tag = Tag(band_key);
    for (size_t i = Home(tag);; i = Next(i)) {
      Slot& s = slots_[i];
      if (s.article == kFree) return;
      if (s.tag == tag && s.article == article + 2) {
        s.article = kTombstone;
        --used_;
        ++tombstones_;
        return;
      }
    }
  }

 private:
  static constexpr uint32_t kFree = 0, kTombstone = 1;
  struct Slot {
    uint32_t tag;
    uint32_t article;  // + 2
  };
  static constexpr size_t kSlotsPerLine = 64 / sizeof(Slot);
  static uint32_t Tag(uint64_t band_key) { return static_cast<uint32_t>(band_key >> 32); }
  // Any table size (a power of two would waste up to half of a table sized
  // for a big corpus): the hash scaled to the size.
  size_t Home(uint32_t tag) const {
    return static_cast<size_t>((static_cast<unsigned __int128>(Mix(tag)) * slots_.size()) >> 64);
  }
  size_t Next(size_t i) const { return i + 1 == slots_.size() ? 0 : i + 1; }
  bool Full(size_t entries) const { return 5 * entries > 4 * slots_.size(); }
  void Grow(size_t entries) {
    std::vector<Slot, HugePageAllocator<Slot>> old;
    old.swap(slots_);
    // Room for `entries` at 4 in 5, or for half as many again as there are
    // when the table grows by itself.
    const size_t want = std::max(entries, (used_ + 1) * 3 / 2);
    slots_.assign(std::max<size_t>(1024, want / 4 * 5 + 10), Slot{0, kFree});
    used_ = 0;
    tombstones_ = 0;
    for (const Slot& s : old)
      if (s.article > kTombstone) Put(s.tag, s.article, [](uint32_t) {});
  }
  // Walks the run from the tag's home to its first free slot, calling
  // f(article) for each entry of the tag, and puts `stored` in the first
  // free or emptied slot of the run.
  template <typename F>
  void Put(uint32_t tag, uint32_t stored, F&& f) {
    if (Full(used_ + tombstones_ + 1)) Grow(used_ + 1);
    size_t i = Home(tag);
    size_t put = slots_.size();  // none yet
    for (;; i = Next(i)) {
      const Slot& s = slots_[i];
      if (s.article == kFree) break;
      if (s.article == kTombstone) {
        if (put == slots_.size()) put = i;
        continue;
      }
      if (s.tag == tag) f(s.article - 2);
    }
    if (put == slots_.size()) {
      put = i;
    } else {
      --tombstones_;
    }
    slots_[put] = {tag, stored};
    ++used_;
  }

  std::vector<Slot, HugePageAllocator<Slot>> slots_;
  size_t used_ = 0;
  size_t tombstones_ = 0;
};
struct CopyIndex::State {
  struct Article {
    uint64_t key = 0;
    const std::vector<uint64_t>* shingles = nullptr;  // null with a loader
    bool sketched = false;  // false: too short to be compared
    std::vector<uint64_t> partners;  // keys it has a passed pair with
  };
  // By slot, apart from the rest so that a candidate's read is its
  // fingerprints alone.
  std::vector<Fingerprints, HugePageAllocator<Fingerprints>> fingerprints;
  std::vector<Article, HugePageAllocator<Article>> articles;   // by slot; a free slot has no shingles
  std::vector<uint32_t> free_slots;
  std::vector<size_t> shingle_counts;  // by slot, beside the fingerprints
  // By slot: the last Add() that met the article as a candidate, counted
  // modulo 255 and zeroed when the count wraps (a byte a slot, 210 KB at
  // the BBC corpus x100 where a 4-byte count took 840, read 42 million
  // times at random).
  std::vector<uint8_t> met;
  uint8_t adds = 0;
  std::unordered_map<uint64_t, uint32_t> slot_of;  // key -> slot
  // Add()'s scratch, kept for its capacity.
  std::vector<uint32_t> candidates;
  struct Near {
    uint32_t slot;
    int needed;
    double least;
  };
  std::vector<Near> near;
  std::vector<uint64_t> loaded;
  BandTable band;
  CopyPairs pairs;
  std::function<void(uint64_t, std::vector<uint64_t>*)> loader;

  // The article's shingles: its pointer's, or the loader's into *buffer.
  const std::vector<uint64_t>& ShinglesOf(const Article& a, std::vector<uint64_t>* buffer) const {
    if (a.shingles != nullptr) return *a.shingles;
    buffer->clear();
    loader(a.key, buffer);
    return *buffer;
  }
};

CopyIndex::CopyIndex(const CopyOptions& options)
    : options_(options), state_(std::make_unique<State>()) {}
CopyIndex::~CopyIndex() = default;

bool CopyIndex::Contains(uint64_t key) const { return state_->slot_of.count(key) > 0; }

void CopyIndex::Reserve(size_t articles) {
  state_->articles.reserve(articles);
  state_->fingerprints.reserve(articles);
  state_->shingle_counts.reserve(articles);
  state_->slot_of.reserve(articles);
  state_->band.Reserve(articles * kBands);
}

void CopyIndex::Add(uint64_t key, const std::vector<uint64_t>* shingles) {
  Add(key, shingles, SketchForCopies(*shingles));
}

void CopyIndex::Add(uint64_t key, const std::vector<uint64_t>* shingles,
                    const CopySketch& sketch) {
  Remove(key);
  State& st = *state_;
  uint32_t slot;
  if (!st.free_slots.empty()) {
    slot = st.free_slots.back();
    st.free_slots.pop_back();
  } else {
    slot = static_cast<uint32_t>(st.articles.size());
    st.articles.emplace_back();
    st.fingerprints.emplace_back();
    st.shingle_counts.push_back(0);
  }
  st.slot_of[key] = slot;
  State::Article& added = st.articles[slot];
  added.key = key;
  added.shingles = st.loader ? nullptr : shingles;
  const size_t added_count = st.shingle_counts[slot] = shingles->size();
  // Articles under min_shared shingles cannot share enough to be a copy.
  if (shingles->size() < static_cast<size_t>(options_.min_shared)) return;
  added.sketched = true;
  const Fingerprints& added_fingerprints = st.fingerprints[slot] = Fingerprints::Of(sketch);
  // A copy holds min_containment of its shingles in the other article, so
  // the pair shares at least that share of the shorter one.
  auto needed = [&](size_t a_count, size_t b_count) {
    const size_t shorter = std::min(a_count, b_count);
    return std::max(options_.min_shared,
                    static_cast<int>(std::ceil(
                        options_.min_containment * static_cast<double>(shorter) - 1e-9)));
  };
  // Only articles met in a band are candidates. Articles that merely share a
  // few sentences meet in a band too, and where sentences recur (wire copy,
  // quotes) their number grows faster than the corpus: the sketches rule out
  // those too far below the similarity a copy needs (3.5 standard errors and
  // 0.01) before any exact comparison.
  //
  // Every read here is at random in arrays far bigger than the caches on a
  // big corpus (the BBC corpus replicated 100 times: 200 band hits an
  // article, 146 candidates, 27 of them past the low halves, 3.5 compared
  // exactly), so each step reads only what it needs and asks for it a few
  // items ahead: the bands' slots; then the candidates' low halves; then the
  // high halves of those that pass.
  std::vector<uint32_t>& candidates = st.candidates;
  candidates.clear();
  // An article met in several bands is a candidate once: st.met[other] is
  // the last Add() that met it (sorting each Add's 200 band hits instead
  // took half as long as the walks themselves).
  st.met.resize(st.articles.size());
  if (++st.adds == 0) {  // wrapped round
    std::fill(st.met.begin(), st.met.end(), 0);
    st.adds = 1;
  }
  constexpr int kBandsAhead = 16;
  for (int b = 0; b < kBandsAhead; ++b) st.band.Prefetch(sketch.band_keys[b]);
  for (int b = 0; b < kBands; ++b) {
    if (b + kBandsAhead < kBands) st.band.Prefetch(sketch.band_keys[b + kBandsAhead]);
    st.band.ForEachThenInsert(sketch.band_keys[b], slot, [&](uint32_t other) {
      if (other == slot || st.met[other] == st.adds) return;
      st.met[other] = st.adds;
      candidates.push_back(other);
    });
  }
  std::vector<State::Near>& near = st.near;
  near.clear();
  constexpr size_t kAhead = 8;
  for (size_t c = 0; c < candidates.size(); ++c) {
    if (c + kAhead < candidates.size()) {
      const uint32_t ahead = candidates[c + kAhead];
      PrefetchLine(&st.shingle_counts[ahead]);
      const uint8_t* low = st.fingerprints[ahead].low.data();
      for (int line = 0; line < Fingerprints::kBytes; line += 64) PrefetchLine(low + line);
    }
    const uint32_t other = candidates[c];
    const size_t other_count = st.shingle_counts[other];
    const int n = needed(added_count, other_count);
    const double need = n / (static_cast<double>(added_count + other_count) - n);
    const double least = need - 3.5 * std::sqrt(need * (1 - need) / kSketch) - 0.01;
    if (static_cast<double>(SameLowNibbles(added_fingerprints, st.fingerprints[other])) /
            kSketch >= least)
      near.push_back({other, n, least});
  }
  std::vector<uint64_t>& loaded = st.loaded;
  for (size_t c = 0; c < near.size(); ++c) {
    if (c + kAhead < near.size()) {
      const uint8_t* high = st.fingerprints[near[c + kAhead].slot].high.data();
      for (int line = 0; line < Fingerprints::kBytes; line += 64) PrefetchLine(high + line);
    }
    const uint32_t other_slot = near[c].slot;
    if (static_cast<double>(SameBuckets(added_fingerprints, st.fingerprints[other_slot])) /
            kSketch < near[c].least)
      continue;
    State::Article& other = st.articles[other_slot];
    const uint64_t other_key = other.key;
    const int n = near[c].needed;
    const bool added_first = key < other_key;
    const std::vector<uint64_t>& other_shingles = st.ShinglesOf(other, &loaded);
    const std::vector<uint64_t>& a = added_first ? *shingles : other_shingles;
    const std::vector<uint64_t>& b = added_first ? other_shingles : *shingles;
    const int count = SharedCount(a, b, n);
    if (count == 0) continue;  // fewer than a copy needs
    PassedPair p{count, static_cast<double>(count) / a.size(),
                 static_cast<double>(count) / b.size()};
    if (std::max(p.in_b, p.in_a) < options_.min_containment) continue;
    st.pairs.pairs_[{std::min(key, other_key), std::max(key, other_key)}] = p;
    added.partners.push_back(other_key);
    other.partners.push_back(key);
  }
}

void CopyIndex::Remove(uint64_t key) {
  State& st = *state_;
  const auto it = st.slot_of.find(key);
  if (it == st.slot_of.end()) return;
  const uint32_t slot = it->second;
  State::Article& gone = st.articles[slot];
  for (const uint64_t other_key : gone.partners) {
    st.pairs.pairs_.erase({std::min(key, other_key), std::max(key, other_key)});
    std::vector<uint64_t>& partners = st.articles[st.slot_of.at(other_key)].partners;
    partners.erase(std::remove(partners.begin(), partners.end(), key), partners.end());
  }
  // The band keys are not kept: the shingles give them again.
  if (gone.sketched) {
    std::vector<uint64_t> loaded;
    for (const uint64_t band_key : SketchForCopies(st.ShinglesOf(gone, &loaded)).band_keys)
      st.band.Erase(band_key, slot);
  }
  gone = State::Article();
  st.free_slots.push_back(slot);
  st.slot_of.erase(it);
}

const CopyPairs& CopyIndex::pairs() const { return state_->pairs; }

void CopyIndex::LoadShinglesWith(std::function<void(uint64_t, std::vector<uint64_t>*)> loader) {
  state_->loader = std::move(loader);
}

std::vector<CopyRelation> CopyPairs::Relations(const std::vector<CopySource>& docs,
                                               const std::vector<uint64_t>& keys) const {
  // The passed pairs among these articles, as positions (i < j) in their
  // order: the order DetectCopies() meets them in, which settles ties.
  std::unordered_map<uint64_t, int> position;
  for (size_t i = 0; i < keys.size(); ++i) position[keys[i]] = static_cast<int>(i);
  struct Found {
    int i, j;
    PassedPair pair;  // in_b: i in j
  };
  std::vector<Found> found;
  for (const auto& [ends, pair] : pairs_) {
    const auto a = position.find(ends.first), b = position.find(ends.second);
    if (a == position.end() || b == position.end()) continue;
    if (a->second < b->second) {
      found.push_back({a->second, b->second, pair});
    } else {
      found.push_back({b->second, a->second, {pair.shared, pair.in_a, pair.in_b}});
    }
  }
  std::sort(found.begin(), found.end(), [](const Found& x, const Found& y) {
    return std::tie(x.i, x.j) < std::tie(y.i, y.j);
  });

  // Each copy keeps the original it shares most with.
  std::unordered_map<int, CopyRelation> best;  // copy index -> relation
  for (const Found& f : found) {
    const int i = f.i, j = f.j, count = f.pair.shared;
    const double in_j = f.pair.in_b, in_i = f.pair.in_a;
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
