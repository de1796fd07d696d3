#include "crosscheck/document.h"

#include <algorithm>

namespace crosscheck {

std::string_view BlockKindName(BlockKind kind) {
  switch (kind) {
    case BlockKind::kTitle: return "title";
    case BlockKind::kByline: return "byline";
    case BlockKind::kDateline: return "dateline";
    case BlockKind::kClutter: return "clutter";
    case BlockKind::kBody: break;
  }
  return "body";
}

size_t Document::OriginalOffset(size_t text_offset) const {
  if (offsets.empty()) return text_offset;
  // Last run that starts at or before text_offset.
  auto it = std::upper_bound(
      offsets.begin(), offsets.end(), text_offset,
      [](size_t off, const OffsetRun& run) { return off < run.text_start; });
  if (it == offsets.begin()) return offsets.front().original_start;
  const OffsetRun& run = *(it - 1);
  const size_t into = text_offset - run.text_start;
  if (into >= run.text_size) return run.original_start + run.original_size;
  if (run.text_size == run.original_size) return run.original_start + into;
  // Decoded entities: the bytes do not line up; point at the run's start.
  return run.original_start;
}

}  // namespace crosscheck
