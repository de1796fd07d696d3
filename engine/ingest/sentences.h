// Sentence splitting inside one block.
//
// A sentence ends at '.', '!', '?' or an ellipsis (with any closing quotes
// and brackets that follow) when whitespace and then an upper-case letter, a
// digit, an opening quote or bracket come next; it never ends after a title
// or month abbreviation ("Mr.", "Jan."), a single-letter initial ("J.") or
// inside a dotted acronym ("F.B.I."); after an acronym or "Inc."/"etc." it
// ends only when a common sentence-opening word ("The", "He", ...) follows.
// The rest of a block is a sentence even without a final period.
// A sentence is at most kMaxSentenceBytes long: a longer run without a
// sentence end (a table flattened into one paragraph, a page of numbers) is
// cut into pieces at whitespace, nothing dropped. Every claim carries its
// sentence and the rules look through it per value, so an unbounded
// sentence costs values times its length (a 256 KB one: 8 GB).
// Pure function; thread-safe.
#ifndef CROSSCHECK_ENGINE_INGEST_SENTENCES_H_
#define CROSSCHECK_ENGINE_INGEST_SENTENCES_H_

#include <string_view>
#include <vector>

#include "crosscheck/document.h"

namespace crosscheck {
namespace internal {

// Far above any sentence of the corpora (the longest BBC paragraph is 2.6 KB).
inline constexpr size_t kMaxSentenceBytes = 4096;

// Appends to *out the sentences of text[block.start, block.end), as spans
// into `text` trimmed of surrounding whitespace. Pieces without a letter or
// digit (a stray quote) are dropped.
// REQUIRES: block.end <= text.size().
void SplitSentences(std::string_view text, Span block, std::vector<Span>* out);

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_SENTENCES_H_
