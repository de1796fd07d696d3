// One article's bytes -> a Document: the pipeline every format shares.
//
//   text/markdown: text = bytes (a UTF-8 BOM is cut, with an OffsetRun);
//                  one block per line
//   html:          ExtractHtml()
//   then MarkClutter(), FindMetadata(), the overrides (manifest or JSONL
//   fields win over what was found), SplitSentences() over body and title
//   blocks.
// Pure; thread-safe.
#ifndef CROSSCHECK_ENGINE_INGEST_ARTICLE_H_
#define CROSSCHECK_ENGINE_INGEST_ARTICLE_H_

#include <optional>
#include <string>
#include <string_view>

#include "crosscheck/document.h"

namespace crosscheck {
namespace internal {

// Values a manifest entry or a JSONL line states about an article. Unset
// fields leave what ingest found.
struct ArticleOverrides {
  std::optional<std::string> id;
  std::optional<std::string> title;  // set and empty: "the page has no title"
  std::optional<std::string> byline;
  std::optional<std::string> dateline;
  std::optional<std::string> outlet;
  std::optional<std::string> url;
  ReferenceDate published;  // known() when stated
};

// Builds the Document for `content` in `format` ("txt", "md" or "html").
// Sets everything but id, path, line and format, which the caller knows.
// REQUIRES: CheckContent(content) found no problem.
Document AnalyzeArticle(std::string_view content, std::string_view format,
                        const ArticleOverrides& overrides);

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_ARTICLE_H_
