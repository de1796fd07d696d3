#include "engine/score/copies.h"

#include <algorithm>
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

// Every (shingle, article) pair, sorted. Shingles are hashes, so their top
// bits spread them evenly: one counting pass puts each pair into its bucket
// by the top kBucketBits, and sorting the small buckets in place is much
// cheaper than sorting the whole array (a copy detection over a store of
// 2,000 articles has about 800,000 pairs).
std::vector<std::pair<uint64_t, uint32_t>> SortedPostings(
    const std::vector<CopySource>& docs) {
  constexpr int kBucketBits = 12;
  constexpr int kShift = 64 - kBucketBits;
  std::vector<size_t> start((size_t{1} << kBucketBits) + 1, 0);
  for (const CopySource& d : docs)
    for (uint64_t h : *d.shingles) ++start[(h >> kShift) + 1];
  for (size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
  std::vector<std::pair<uint64_t, uint32_t>> out(start.back());
  std::vector<size_t> next(start.begin(), start.end() - 1);
  for (size_t i = 0; i < docs.size(); ++i)
    for (uint64_t h : *docs[i].shingles)
      out[next[h >> kShift]++] = {h, static_cast<uint32_t>(i)};
  for (size_t b = 0; b + 1 < start.size(); ++b)
    std::sort(out.begin() + static_cast<std::ptrdiff_t>(start[b]),
              out.begin() + static_cast<std::ptrdiff_t>(start[b + 1]));
  return out;
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
  // The inverted index as one sorted array of (shingle, article): runs of
  // equal shingles are the articles that share it.
  const std::vector<std::pair<uint64_t, uint32_t>> postings = SortedPostings(docs);
  // Shared shingle counts per pair (i < j). A shingle shared by very many
  // articles is boilerplate, not evidence of copying.
  std::unordered_map<uint64_t, int> shared;
  for (size_t run = 0; run < postings.size();) {
    size_t end = run + 1;
    while (end < postings.size() && postings[end].first == postings[run].first) ++end;
    if (end - run >= 2 && end - run <= 50) {
      for (size_t a = run; a < end; ++a)
        for (size_t b = a + 1; b < end; ++b)
          ++shared[(static_cast<uint64_t>(postings[a].second) << 32) | postings[b].second];
    }
    run = end;
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
