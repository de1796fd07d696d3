// normalize: finds numbers, quantities, years, dates and durations in text and
// resolves each to an interval (see crosscheck/value.h).
//
// Built once, immutable; Extract() is const and thread-safe.
#ifndef CROSSCHECK_ENGINE_NORMALIZE_NORMALIZER_H_
#define CROSSCHECK_ENGINE_NORMALIZE_NORMALIZER_H_

#include <string_view>
#include <vector>

#include "crosscheck/document.h"
#include "crosscheck/value.h"

namespace crosscheck {

// The values of one document, per sentence (Document::sentences order),
// offsets into Document::text.
using SentenceValues = std::vector<std::vector<Value>>;

class Normalizer {
 public:
  Normalizer();
  ~Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  // Returns the values in `text`, sorted by start, not overlapping. Offsets are
  // relative to `text`. Relative expressions ("last year", "July 15" without
  // a year, "on Tuesday") resolve against `reference`; with an unknown
  // reference they are left out (a bare "July 15" has no year to take).
  std::vector<Value> Extract(std::string_view text,
                             const ReferenceDate& reference) const;

  // The values of every sentence of `doc` (never of clutter, which has no
  // sentences), resolved against its publication date, with offsets into
  // Document::text.
  SentenceValues ExtractSentences(const Document& doc) const;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_NORMALIZE_NORMALIZER_H_
