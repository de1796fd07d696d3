// Page clutter: the parts of a scraped page that are not the article.
//
// MarkClutter() turns kBody blocks into kClutter blocks with a clutter_kind:
//   "advertisement"    "- Advertisement -", "ADVERTISEMENT", "Sponsored"
//   "spam_links"       >= 3 domain-like tokens ("bet.com", "x.org"), or
//                      mostly URLs
//   "share_appeal"     "feel free to share", "share this article",
//                      "support our journalism"; "donate"/"subscribe" in a
//                      short block
//   "related_links"    "Related Stories", "You may also like", "Read more:",
//                      "More on the subject – ..." and the short headline
//                      lines right after such a heading
//   "credit"           "Credit: /", "Photo: ...", "Source link"
//   "navigation"       breadcrumbs ("Home » Albania » ...")
//   "comments"         "Leave a Reply", "N Comments", a comment-widget line
//                      ("admin in: Post title") and EVERY block after it;
//                      "Your email address will not be published"
//   "repeated_caption" a short line (< 100 bytes, no final period) found two
//                      or more times in the page: every occurrence
// Blocks that are already clutter keep their kind. Pure; thread-safe.
#ifndef CROSSCHECK_ENGINE_INGEST_CLUTTER_H_
#define CROSSCHECK_ENGINE_INGEST_CLUTTER_H_

#include <string_view>
#include <vector>

#include "crosscheck/document.h"

namespace crosscheck {
namespace internal {

// Marks the clutter among `blocks` (spans into `text`).
void MarkClutter(std::string_view text, std::vector<Block>* blocks);

// The clutter kind of one block judged alone ("" when it looks like
// article text). Does not see comment sections, related-link followers or
// repeats, which need the whole page.
std::string_view ClassifyClutterLine(std::string_view line);

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_CLUTTER_H_
