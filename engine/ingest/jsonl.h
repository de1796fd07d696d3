// JSONL article files: one JSON object per line.
//
//   {"id": "...", "title": "...", "outlet": "...", "byline": "...",
//    "published": "2022-09-07" | "2022" | "2022-09-07T10:00:00Z",
//    "url": "...", "text": "..."}           (or "html": "<p>...")
//
// ParseJsonl() keeps going past bad lines: each one becomes a problem
// "LINE: message" for the caller to report; blank lines are ignored.
#ifndef CROSSCHECK_ENGINE_INGEST_JSONL_H_
#define CROSSCHECK_ENGINE_INGEST_JSONL_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/ingest/article.h"
#include "engine/ingest/html.h"
#include "engine/ingest/reader.h"

namespace crosscheck {
namespace internal {

struct JsonlRecord {
  size_t line = 0;   // 1-based
  std::string body;  // the decoded "text" or "html" field
  bool is_html = false;
  ArticleOverrides overrides;  // id, title, byline, outlet, url, published
};

struct JsonlProblem {
  size_t line = 0;
  std::string message;
};

// Limits on one line's article (reader.h, html.h).
struct JsonlLimits {
  size_t max_line_bytes = kMaxArticleBytes;     // the JSON line itself
  size_t max_text_line_bytes = kMaxLineBytes;   // a line of its "text"
  int max_html_depth = kMaxHtmlDepth;           // nesting of its "html"
};

// Parses `content` (a whole .jsonl file, already checked as UTF-8). Good
// lines go to *records, bad ones (invalid JSON, not an object, no string
// "text"/"html", a field of the wrong type, a bad date, NUL in the text, a
// line over a limit) to *problems. Thread-safe.
void ParseJsonl(std::string_view content, std::vector<JsonlRecord>* records,
                std::vector<JsonlProblem>* problems,
                const JsonlLimits& limits = JsonlLimits());

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_JSONL_H_
