// Copy detection: which articles are near-copies of another.
//
// Each article's body is cut into shingles of CopyOptions::shingle_words words.
// A MinHash sketch of each article's shingles, cut into bands (locality-
// sensitive hashing), names the pairs worth comparing: articles whose
// sketches agree on a whole band. Only those pairs are compared, exactly, so
// the cost grows with the number of articles and of similar pairs, not with
// all pairs. Article A copies B when the share of A's shingles that also
// occur in B (containment) reaches the threshold. The direction: the later
// publication date copies the earlier; with no dates to tell, the article
// more contained in the other is the copy.
//
// The sketch sees Jaccard similarity, not containment: a copy that holds
// half of an original of its own length (Jaccard 1/3) is found with
// probability 0.992, one that holds half of an original three times its
// length (Jaccard 0.2) with 0.64, five times (0.1) only with 0.12.
#ifndef CROSSCHECK_ENGINE_SCORE_COPIES_H_
#define CROSSCHECK_ENGINE_SCORE_COPIES_H_

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "crosscheck/document.h"
#include "engine/rules/words.h"

namespace crosscheck {

struct CopyOptions {
  int shingle_words = 4;
  double min_containment = 0.5;  // share of the copy's shingles in the original
  int min_shared = 20;           // and at least this many shingles shared
};

struct CopyRelation {
  std::string copy;      // source id of the copy
  std::string original;  // source id it copies
  double containment = 0;  // share of the copy's shingles found in the original
  int shared = 0;
};

// Shingle hashes of the body sentences of `doc`, sorted and unique.
std::vector<uint64_t> Shingles(const Document& doc, int shingle_words);
// The same with the document's words already split (`words` of `doc`).
std::vector<uint64_t> Shingles(const Document& doc, const SentenceWords& words,
                               int shingle_words);

// An article's MinHash sketch as the copy index keeps it: 128 band keys (3
// buckets each) and one byte of each of the 384 buckets, two buckets to a
// byte in each half (the low nibbles of buckets 0 and 1, 2 and 3... first,
// then their high nibbles). Made apart from the index (SketchForCopies) so
// that articles are sketched on every thread and only the index is filled
// on one.
struct CopySketch {
  static constexpr int kBands = 128;
  static constexpr int kBandRows = 3;
  static constexpr int kBuckets = kBands * kBandRows;
  std::array<uint64_t, kBands> band_keys;
  std::array<uint8_t, kBuckets> fingerprints;
};
CopySketch SketchForCopies(const std::vector<uint64_t>& shingles);

// One article as copy detection sees it; the pointers must outlive the call.
struct CopySource {
  const std::string* id = nullptr;
  ReferenceDate published;
  const std::vector<uint64_t>* shingles = nullptr;
};

// Each copy appears at most once, with the original it shares most with.
std::vector<CopyRelation> DetectCopies(const std::vector<CopySource>& docs,
                                       const CopyOptions& options = {});

// Two articles that passed the exact comparison: `shared` shingles, which
// are `in_b` of the first one's shingles (the first in the second) and
// `in_a` of the second one's.
struct PassedPair {
  int shared = 0;
  double in_b = 0, in_a = 0;
};

// The pairs a CopyIndex passed, apart from the index. They are few (only
// pairs that share enough to be copies), so `check` keeps them and frees the
// index and the shingles before the second pass.
class CopyPairs {
 public:
  // The relations among `sources` (keys[i] is sources[i]'s key), as
  // DetectCopies(sources) gives them; pairs with an article not in
  // `sources` are left out. Reads no shingles.
  std::vector<CopyRelation> Relations(const std::vector<CopySource>& sources,
                                      const std::vector<uint64_t>& keys) const;

 private:
  friend class CopyIndex;
  std::map<std::pair<uint64_t, uint64_t>, PassedPair> pairs_;  // (smaller key, larger)
};

// Copy detection that grows article by article: each article added is
// sketched and compared with the articles already in the index that meet it
// in a band, and the pairs that pass are kept. pairs().Relations() then
// gives what DetectCopies() gives over the same articles, whatever order
// they were added in; a resident store run (RunSession) adds only its new
// articles.
//
//   CopyIndex index;
//   for each article: index.Add(key, shingles);   // the caller's key
//   index.pairs().Relations(sources, keys);       // keys[i] is sources[i]'s
class CopyIndex {
 public:
  explicit CopyIndex(const CopyOptions& options = {});
  ~CopyIndex();
  CopyIndex(const CopyIndex&) = delete;
  CopyIndex& operator=(const CopyIndex&) = delete;

  // Adds the article `key` (replacing one under that key; any key but the
  // two largest uint64_t values). `shingles` must outlive the index or the
  // article's Remove(), unless LoadShinglesWith() was called first.
  void Add(uint64_t key, const std::vector<uint64_t>* shingles);
  // The same with the article's SketchForCopies(*shingles) made beforehand.
  void Add(uint64_t key, const std::vector<uint64_t>* shingles, const CopySketch& sketch);
  // Takes the article out, with the pairs it was in. No-op when absent.
  void Remove(uint64_t key);
  // From now on the index keeps no pointer to an added article's shingles
  // (the caller may free them once Add() returns): it asks `loader` for the
  // shingles of the article under a key when it must compare them exactly
  // (only pairs whose sketches come near a copy's similarity) or remove it.
  void LoadShinglesWith(std::function<void(uint64_t key, std::vector<uint64_t>* out)> loader);
  // Makes room for this many articles in all (a hint: adding goes faster).
  void Reserve(size_t articles);
  bool Contains(uint64_t key) const;

  // The pairs passed so far, among every article added.
  const CopyPairs& pairs() const;

 private:
  struct State;
  CopyOptions options_;
  std::unique_ptr<State> state_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_SCORE_COPIES_H_
