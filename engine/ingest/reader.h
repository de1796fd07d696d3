// Reading article files: size limit, encoding checks, format by extension.
//
// CheckContent() is the one gate every article's bytes pass before parsing;
// it refuses what later stages cannot read (empty, binary, UTF-16, invalid
// UTF-8) and names the line. All functions are thread-compatible and pure
// except ReadWholeFile().
#ifndef CROSSCHECK_ENGINE_INGEST_READER_H_
#define CROSSCHECK_ENGINE_INGEST_READER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "crosscheck/status.h"

namespace crosscheck {
namespace internal {

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
std::optional<ContentProblem> CheckContent(std::string_view content);

// 3 when `content` starts with a UTF-8 byte order mark, else 0.
size_t Utf8BomSize(std::string_view content);

// "txt", "md", "html" or "jsonl" from the extension of `path` (any case;
// .htm and .markdown included), or "" for anything else.
std::string_view FormatForPath(std::string_view path);

// Reads the file at `path`. Fails with NotFound when it does not exist,
// ResourceExhausted when it is larger than `max_bytes`, Internal when it
// cannot be read.
StatusOr<std::string> ReadWholeFile(const std::string& path, size_t max_bytes);

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_READER_H_
