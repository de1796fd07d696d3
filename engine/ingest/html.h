// HTML pages: gumbo parse tree -> text blocks with a map to the HTML bytes.
//
// Text of block elements (p, h1-h6, li, blockquote, td, figcaption, pre, and
// the loose text of a div) becomes one block each, blocks separated by "\n\n";
// whitespace collapses to single spaces. script/style/noscript/template (and
// other non-content elements) are dropped. nav/footer/aside/form, and
// elements whose class or id names navigation or menus, give clutter blocks
// ("navigation"); class/id "comment" gives "comments". The first <h1> is a
// title block; rel=author and class/id "byline"/"author" give byline blocks.
// Every text byte has an OffsetRun back to the HTML; where an entity was
// decoded the run's sizes differ.
// Pure function; thread-safe (gumbo keeps no global state).
#ifndef CROSSCHECK_ENGINE_INGEST_HTML_H_
#define CROSSCHECK_ENGINE_INGEST_HTML_H_

#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/document.h"

namespace crosscheck {
namespace internal {

struct HtmlPage {
  std::string text;
  std::vector<OffsetRun> offsets;  // sorted by text_start
  std::vector<Block> blocks;       // kBody unless the markup says otherwise
  std::string h1;                  // text of the first <h1>, if any
  std::string og_title;            // <meta property="og:title">
  std::string title_element;       // <title>
  std::string byline;              // meta author, rel=author or .byline
  std::string published;           // raw: article:published_time, <time
                                   // datetime>, or meta name=date
};

// Extracts the page. `base_offset` is added to every original offset (the
// size of a BOM that was cut off before `html`).
HtmlPage ExtractHtml(std::string_view html, size_t base_offset);

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_HTML_H_
