// Article metadata from the top of the page: title, byline, publication
// date, dateline, outlet.
//
// FindMetadata() reads the blocks after MarkClutter() has run. From the first
// non-clutter blocks ("the header") it takes, in any order:
//   a date-only line           -> kDateline block, Document::published
//   "By Jane Doe" or a bare person's name ("Anas Samir")
//                              -> kByline block, Document::byline
//   a short line (< 200 bytes) not ending in '.', ':' or ';'
//                              -> kTitle block, Document::title; an outlet
//                                 suffix (" — RT EN", " | Outlet") goes to
//                                 Document::outlet when that is empty
// and stops at the first block that is none of these. Contributor lines
// ("X contributed reporting.") anywhere become kByline blocks. The first
// body block's leading "PLACE, Country —" becomes Document::dateline (the
// block stays body). Markdown headings ("# ...") are title blocks.
// Fields already set (from markup) are kept. Pure; thread-safe.
#ifndef CROSSCHECK_ENGINE_INGEST_METADATA_H_
#define CROSSCHECK_ENGINE_INGEST_METADATA_H_

#include <string_view>

#include "crosscheck/document.h"

namespace crosscheck {
namespace internal {

// REQUIRES: doc->blocks spans lie in doc->text.
void FindMetadata(Document* doc, bool markdown);

// True for a bare name like "Anas Samir": 2-3 capitalised words of
// letters (hyphen and apostrophe allowed inside), none a common page word.
bool IsPersonName(std::string_view line);

// Splits "Headline — Outlet" into headline and outlet. Returns false when
// there is no short outlet-like suffix.
bool SplitOutletSuffix(std::string_view title, std::string_view* headline,
                       std::string_view* outlet);

// The dateline at the start of a body paragraph: "TIRANA, Albania" from
// "TIRANA, Albania — Customers at ...", or "" when there is none.
std::string_view FindDateline(std::string_view paragraph);

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_METADATA_H_
