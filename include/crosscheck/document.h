// Documents: what the ingest stage makes of one article.
//
// A Document keeps the text that later stages read (`text`) and a map back to
// byte offsets in the original file, so every claim can point at the exact
// bytes it came from. For .txt and .md files `text` is the file itself; for
// .html it is the extracted text; for .jsonl it is the line's text/html field.
// The page is split into blocks (paragraphs, headings, lines); clutter blocks
// (spam, ads, comments, share appeals...) never yield sentences.
#ifndef CROSSCHECK_DOCUMENT_H_
#define CROSSCHECK_DOCUMENT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/value.h"

namespace crosscheck {

struct Span {
  size_t start = 0;  // byte offsets into Document::text, end exclusive
  size_t end = 0;
  size_t size() const { return end - start; }
};

enum class BlockKind {
  kBody,
  kTitle,
  kByline,
  kDateline,
  kClutter,
};

// "body", "title", "byline", "dateline" or "clutter".
std::string_view BlockKindName(BlockKind kind);

struct Block {
  Span span;
  BlockKind kind = BlockKind::kBody;
  // For clutter: "advertisement", "spam_links", "comments", "share_appeal",
  // "related_links", "repeated_caption", "navigation", "credit".
  std::string clutter_kind;
};

struct Sentence {
  Span span;
  int block = 0;          // index into Document::blocks
  bool headline = false;  // the sentence is the title
};

// One piece of the map from `text` back to the original file: text bytes
// [text_start, text_start + text_size) came from original bytes
// [original_start, original_start + original_size). The sizes differ where
// HTML entities were decoded.
struct OffsetRun {
  size_t text_start = 0;
  size_t text_size = 0;
  size_t original_start = 0;
  size_t original_size = 0;
};

struct Document {
  std::string id;      // source id: manifest id, JSONL id, or file stem
  std::string path;    // file it came from (JSONL: the .jsonl file)
  size_t line = 0;     // JSONL: 1-based line number; 0 otherwise
  std::string format;  // "txt", "md", "html", "jsonl"

  std::string text;
  std::vector<OffsetRun> offsets;  // empty: text offsets are file offsets

  std::string title;
  std::string byline;
  std::string dateline;  // "TIRANA, Albania"
  std::string outlet;
  std::string url;
  ReferenceDate published;  // may be year-only or unknown

  std::vector<Block> blocks;        // in text order; every non-blank line
  std::vector<Sentence> sentences;  // body and title sentences only

  // Maps an offset in `text` to a byte offset in the original file.
  size_t OriginalOffset(size_t text_offset) const;
  std::string_view Slice(Span span) const {
    return std::string_view(text).substr(span.start, span.end - span.start);
  }
};

}  // namespace crosscheck

#endif  // CROSSCHECK_DOCUMENT_H_
