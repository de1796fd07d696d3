// Reading article files: size limits, encoding checks, format by extension.
//
// CheckContent() is the one gate every article's bytes pass before parsing;
// it refuses what later stages cannot read (empty, binary, UTF-16, invalid
// UTF-8) and names the line. CheckLineLength() adds the line limit of text
// articles. All functions are thread-compatible and pure except
// ReadWholeFile().
//
// Limits (IngestOptions carries them; these are the defaults). An input over
// a limit is refused with a message that names the limit; nothing is cut.
//   kMaxArticleBytes  one article: a .txt/.md/.html file, one JSONL line,
//                     a sources.yaml
//   kMaxLineBytes     one line of a text article (.txt, .md, a JSONL "text"):
//                     a line is a paragraph, and every claim carries its
//                     sentence, so a megabyte "paragraph" would cost claims
//                     times megabytes
//   kMaxHtmlDepth     nested HTML elements (html.h: CheckHtmlNesting)
#ifndef CROSSCHECK_ENGINE_INGEST_READER_H_
#define CROSSCHECK_ENGINE_INGEST_READER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "crosscheck/status.h"

namespace crosscheck {
namespace internal {

inline constexpr size_t kMaxArticleBytes = size_t{16} << 20;
inline constexpr size_t kMaxLineBytes = size_t{64} << 10;

// Why some content cannot be read as an article. `line` is 1-based, or 0
// when the problem has no line (an empty file).
struct ContentProblem {
  size_t line = 0;
  std::string message;  // e.g. "invalid UTF-8 at line 3, column 7 (byte 0xE9)"
};

// Returns the problem with `content`, or nullopt when it is readable UTF-8
// text. Checks, in order: UTF-16 BOM, empty (nothing but a UTF-8 BOM and
// whitespace), NUL bytes, invalid UTF-8 (overlongs, surrogates and code
// points above U+10FFFF are invalid). Columns count characters, from 1.
// With `empty_ok`, empty content passes (a manifest, rule file or claims
// file that states nothing).
std::optional<ContentProblem> CheckContent(std::string_view content, bool empty_ok = false);

// The first line of `content` longer than `max_bytes` (its newline, and a
// CR before it, not counted): "line 3 is 70000 bytes long, over the limit of
// 65536 bytes per line". nullopt when every line fits.
std::optional<ContentProblem> CheckLineLength(std::string_view content,
                                              size_t max_bytes);

// The limit an article body's shape must keep: HTML nested at most
// `max_html_depth` deep (html.h: CheckHtmlNesting), text lines of at most
// `max_line_bytes`.
std::optional<ContentProblem> CheckBodyShape(std::string_view body, bool html,
                                             size_t max_line_bytes, int max_html_depth);

// 3 when `content` starts with a UTF-8 byte order mark, else 0.
size_t Utf8BomSize(std::string_view content);

// "txt", "md", "html" or "jsonl" from the extension of `path` (any case;
// .htm and .markdown included), or "" for anything else.
std::string_view FormatForPath(std::string_view path);

// Reads the file at `path`. Every failure's message starts with "path: ".
// Fails with NotFound when it does not exist,
// ResourceExhausted "file too large (N bytes; limit M)" when it is larger
// than `max_bytes`, InvalidArgument when it is not a regular file (a folder,
// a FIFO, a device: reading those could block or never end), Internal when
// it cannot be read (with the system's reason: "Permission denied").
StatusOr<std::string> ReadWholeFile(const std::string& path, size_t max_bytes);

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_READER_H_
