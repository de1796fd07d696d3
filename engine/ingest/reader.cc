#include "engine/ingest/reader.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "engine/ingest/html.h"
#include "engine/ingest/text_util.h"

namespace crosscheck {
namespace internal {
namespace {

// Line (1-based) and character column (1-based) of byte `pos`.
void LineAndColumn(std::string_view s, size_t pos, size_t* line,
                   size_t* column) {
  size_t l = 1, line_start = 0;
  for (const char* p = s.data();;) {
    const void* nl = std::memchr(p, '\n', s.data() + pos - p);
    if (nl == nullptr) break;
    ++l;
    p = static_cast<const char*>(nl) + 1;
    line_start = p - s.data();
  }
  size_t col = 1;
  for (size_t i = line_start; i < pos; ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++col;
  }
  *line = l;
  *column = col;
}

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid.
size_t ValidSequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;  // overlong
    if (c == 0xED) hi = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;  // overlong
    if (c == 0xF4) hi = 0x8F;  // > U+10FFFF
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  }
  return n;
}

}  // namespace

size_t Utf8BomSize(std::string_view content) {
  return content.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

std::optional<ContentProblem> CheckContent(std::string_view content, bool empty_ok) {
  if (content.size() >= 2 && (content.substr(0, 2) == "\xFF\xFE" ||
                              content.substr(0, 2) == "\xFE\xFF")) {
    return ContentProblem{1, "UTF-16 text is not supported; convert to UTF-8"};
  }
  if (!empty_ok && TrimSpace(content.substr(Utf8BomSize(content))).empty()) {
    return ContentProblem{0, "empty file"};
  }
  if (const void* nul = std::memchr(content.data(), '\0', content.size())) {
    size_t line, column;
    LineAndColumn(content, static_cast<const char*>(nul) - content.data(),
                  &line, &column);
    return ContentProblem{
        line, "binary file (NUL byte at line " + std::to_string(line) + ")"};
  }
  const size_t n = content.size();
  size_t i = 0;
  while (i < n) {
    // ASCII fast path, 8 bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, content.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if (static_cast<unsigned char>(content[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t len = ValidSequenceLength(content, i);
    if (len == 0) {
      size_t line, column;
      LineAndColumn(content, i, &line, &column);
      char hex[8];
      std::snprintf(hex, sizeof(hex), "0x%02X",
                    static_cast<unsigned char>(content[i]));
      return ContentProblem{
          line, "invalid UTF-8 at line " + std::to_string(line) + ", column " +
                    std::to_string(column) + " (byte " + hex + ")"};
    }
    i += len;
  }
  return std::nullopt;
}

std::optional<ContentProblem> CheckLineLength(std::string_view content,
                                              size_t max_bytes) {
  if (content.empty()) return std::nullopt;
  size_t line = 1, start = 0;
  while (start <= content.size()) {
    const void* nl = std::memchr(content.data() + start, '\n', content.size() - start);
    const size_t end =
        nl == nullptr ? content.size() : static_cast<const char*>(nl) - content.data();
    size_t length = end - start;
    if (length > 0 && content[end - 1] == '\r') --length;
    if (length > max_bytes) {
      return ContentProblem{line, "line " + std::to_string(line) + " is " +
                                      std::to_string(length) +
                                      " bytes long, over the limit of " +
                                      std::to_string(max_bytes) + " bytes per line"};
    }
    if (nl == nullptr) break;
    start = end + 1;
    ++line;
  }
  return std::nullopt;
}

std::string_view FormatForPath(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string_view name =
      slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = name.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  const std::string_view ext = name.substr(dot + 1);
  if (EqualsIgnoreCase(ext, "txt")) return "txt";
  if (EqualsIgnoreCase(ext, "md") || EqualsIgnoreCase(ext, "markdown")) {
    return "md";
  }
  if (EqualsIgnoreCase(ext, "html") || EqualsIgnoreCase(ext, "htm")) {
    return "html";
  }
  if (EqualsIgnoreCase(ext, "jsonl")) return "jsonl";
  return "";
}

std::optional<ContentProblem> CheckBodyShape(std::string_view body, bool html,
                                             size_t max_line_bytes, int max_html_depth) {
  return html ? CheckHtmlNesting(body, max_html_depth) : CheckLineLength(body, max_line_bytes);
}

StatusOr<std::string> ReadWholeFile(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  const std::filesystem::file_status st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st)) {
    if (!ec || ec == std::errc::no_such_file_or_directory) {
      return Status::NotFound(path + ": no such file or directory");
    }
    return Status::Internal(path + ": cannot read: " + ec.message());
  }
  // A FIFO or a device could block the run or never end.
  if (!std::filesystem::is_regular_file(st)) {
    return Status::InvalidArgument(
        path + ": not a regular file (" +
        (std::filesystem::is_directory(st) ? "a folder" : "a FIFO, socket or device") +
        ")");
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::Internal(path + ": cannot read: " + ec.message());
  if (size > max_bytes) {
    return Status::ResourceExhausted(path + ": file too large (" + std::to_string(size) +
                                     " bytes; limit " +
                                     std::to_string(max_bytes) + ")");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::Internal(path + ": cannot open: " + std::strerror(errno));
  }
  std::string data(static_cast<size_t>(size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  if (static_cast<size_t>(in.gcount()) != size) {
    return Status::Internal(path + ": short read");
  }
  // A file that grew since its size was taken (still being written) would
  // be read cut short: refuse it rather than read half an article.
  if (in.peek() != std::ifstream::traits_type::eof()) {
    return Status::Internal(path + ": changed while being read; try again");
  }
  return data;
}

}  // namespace internal
}  // namespace crosscheck
