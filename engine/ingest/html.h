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

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/document.h"
#include "engine/ingest/reader.h"

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

// How deep elements may nest: gumbo parses a page in time that grows with
// its size times its depth (100,000 nested <div>s, 600 KB, take 15 s) and
// the extraction walks the tree recursively.
inline constexpr int kMaxHtmlDepth = 1000;

// Refuses a page whose elements nest deeper than `max_depth` before gumbo
// sees it: "HTML elements nested more than 1000 deep at line 7 (the
// limit)". The depth is counted from the tags as written, with the parser's
// main rules: void elements, self-closing tags inside <svg>/<math>, and
// elements the parser closes by itself (p, li, td, tr, option, a, h1-h6...)
// do not count; an end tag closes its element and those opened inside it
// unless a scope boundary (table, object...; for span, b and the like any
// block element) lies between; comments and the text of script, style,
// textarea, title and the like are skipped. It counts at least as deep as
// the parser nests for the pages it was tried on, but it is not the parser:
// a page made to defeat it nests deeper only at a cost in time (the
// extraction walks the tree without recursion). nullopt when the page is
// within the limit.
std::optional<ContentProblem> CheckHtmlNesting(std::string_view html, int max_depth);

// Extracts the page. Expects a page CheckHtmlNesting() passed (a deeper one
// is slow to parse). `base_offset` is added to every original offset (the
// size of a BOM that was cut off before `html`).
HtmlPage ExtractHtml(std::string_view html, size_t base_offset);

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_HTML_H_
