// ingest: files and folders in, Documents out.
//
//   IngestPaths(paths) -> for each file: read, check encoding, parse by
//   extension (.txt .md .html/.htm .jsonl), apply sources.yaml from the same
//   folder, find title/byline/dateline/published, split blocks, mark clutter,
//   split sentences.
//
// Problems with one article are Diagnostics; the rest go on. A Status error
// is returned only when the run cannot go on (a path that does not exist, a
// broken sources.yaml).
#ifndef CROSSCHECK_ENGINE_INGEST_INGEST_H_
#define CROSSCHECK_ENGINE_INGEST_INGEST_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crosscheck/document.h"
#include "crosscheck/status.h"
#include "engine/ingest/article.h"
#include "engine/ingest/html.h"
#include "engine/ingest/reader.h"

namespace crosscheck {

struct IngestOptions {
  size_t max_file_bytes = size_t{256} << 20;  // larger files are refused
  // Limits on one article (see reader.h); an article over one is refused
  // with a message naming the limit, never cut. A .jsonl file may hold many
  // articles: max_file_bytes bounds it, max_article_bytes each line.
  size_t max_article_bytes = internal::kMaxArticleBytes;
  size_t max_line_bytes = internal::kMaxLineBytes;  // .txt, .md, JSONL "text"
  int max_html_depth = internal::kMaxHtmlDepth;
  // Also return each article's input (IngestResult::inputs), for a store
  // that must be able to analyse the article again without its file.
  bool keep_inputs = false;
  // False: documents carry only id, path, line and format (with keep_inputs,
  // to analyse later with AnalyzeInput() only the articles that need it).
  bool analyse = true;
  // With keep_inputs and not analyse: a file that holds one article is
  // listed, not read (its input has no body yet, IngestResult::deferred
  // says so), for ReadDeferred() to read on any thread; a .jsonl file is
  // still read at once. Source ids are then not made unique either:
  // MakeIdsUnique() does it once the reads are known.
  bool defer_reading = false;
};

// What one article was made from: the bytes AnalyzeArticle() read and what a
// manifest entry or JSONL line said about it. AnalyzeInput() of it gives the
// same Document again.
struct ArticleInput {
  std::string format;  // "txt", "md" or "html": how `body` is read
  std::string body;
  internal::ArticleOverrides overrides;
};

struct Diagnostic {
  enum class Level { kNote, kWarning, kError };
  Level level = Level::kWarning;
  std::string path;
  size_t line = 0;  // 1-based; 0 when there is no line
  std::string message;
  // "path:line: message" (or "path: message").
  std::string ToString() const;
};

// defer_reading: a listed file still to be read, how a failure to read it
// is reported, and where among the diagnostics it goes.
struct DeferredRead {
  bool pending = false;
  Diagnostic::Level level = Diagnostic::Level::kWarning;
  size_t diagnostic_at = 0;  // the number of diagnostics before it
  size_t listed = 0;         // files listed before it (ties at diagnostic_at)
};

struct IngestResult {
  std::vector<Document> documents;     // in a stable order: path, then line
  std::vector<Diagnostic> diagnostics; // notes (skipped files), warnings, errors
  std::vector<ArticleInput> inputs;    // keep_inputs: inputs[i] made documents[i]
  std::vector<DeferredRead> deferred;  // defer_reading: deferred[i] for documents[i]
};

// Reads every path (file or folder; folders are read with their subfolders,
// in name order, hidden entries skipped, each folder once however many
// symbolic links lead to it). Source ids are unique: a repeated id gets a
// "-2", "-3" suffix and a warning.
// A file named on the command line that cannot be read as an article gives
// an kError diagnostic; a bad file found inside a folder gives a kWarning.
StatusOr<IngestResult> IngestPaths(const std::vector<std::string>& paths,
                                   const IngestOptions& options = {});

// Reads the body of a deferred file (at `path`) into *body with the checks
// IngestPaths() makes; when the file cannot be an article, the diagnostic
// IngestPaths() would have recorded.
std::optional<Diagnostic> ReadDeferred(const std::string& path, const DeferredRead& how,
                                       const IngestOptions& options, std::string* body);

// Puts the diagnostics of deferred files that could not be read where
// IngestPaths() would have recorded them among `diagnostics` (its own).
void PlaceDeferredProblems(std::vector<std::pair<DeferredRead, Diagnostic>> problems,
                           std::vector<Diagnostic>* diagnostics);

// A source's identity as MakeIdsUnique() sees and changes it.
struct SourceIdentity {
  std::string* id = nullptr;
  const std::string* path = nullptr;
  size_t line = 0;
};
// Gives a source id that an earlier source has a "-2", "-3" suffix and a
// warning, as IngestPaths() does (sources in path, line order).
void MakeIdsUnique(const std::vector<SourceIdentity>& sources,
                   std::vector<Diagnostic>* diagnostics);

// Parses one article from memory. `format` is "txt", "md" or "html".
// `path` is used in messages only. Fails on empty, binary or invalid UTF-8
// input, and on input over the default limits (IngestOptions), with a
// message naming path and line.
StatusOr<Document> ParseArticle(std::string_view content,
                                std::string_view format, std::string_view path,
                                std::string_view id);

// The Document `input` makes, with the identity the caller knows.
// REQUIRES: input.body passed the checks ingest makes (it came from ingest).
Document AnalyzeInput(const ArticleInput& input, std::string id,
                      std::string path, size_t line, std::string format);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_INGEST_H_
