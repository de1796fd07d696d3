#include "engine/ingest/ingest.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <system_error>
#include <tuple>
#include <utility>

#include "engine/ingest/article.h"
#include "engine/ingest/jsonl.h"
#include "engine/ingest/manifest.h"
#include "engine/ingest/reader.h"

namespace crosscheck {

namespace fs = std::filesystem;
using internal::ArticleOverrides;
using internal::Manifest;

std::string Diagnostic::ToString() const {
  std::string out = path;
  if (line > 0) out += ":" + std::to_string(line);
  out += ": ";
  out += message;
  return out;
}

namespace {

constexpr char kManifestName[] = "sources.yaml";
constexpr int kMaxFolderDepth = 32;

// fs::path(path).stem() without building a path: the file name up to its
// last dot, unless that dot begins the name (".profile") or the name is
// "." or "..".
std::string FileStem(std::string_view path) {
  const size_t slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name == "." || name == "..") return std::string(name);
  const size_t dot = name.find_last_of('.');
  return std::string(dot == std::string_view::npos || dot == 0 ? name : name.substr(0, dot));
}

// Reads a file that holds one article into *body, with the checks a kept
// article passes; the diagnostic (at `level`) when it fails one.
std::optional<Diagnostic> ReadArticleFile(const std::string& path, Diagnostic::Level level,
                                          const IngestOptions& options, std::string* body) {
  auto problem = [&](size_t line, std::string message) {
    Diagnostic d;
    d.level = level;
    d.path = path;
    d.line = line;
    d.message = std::move(message);
    return d;
  };
  const std::string_view format = internal::FormatForPath(path);
  StatusOr<std::string> content = internal::ReadWholeFile(
      path, std::min(options.max_file_bytes, options.max_article_bytes));
  if (!content.ok())  // the message starts with "path: ", as a note's does
    return problem(0, content.status().message().substr(path.size() + 2));
  if (auto bad = internal::CheckContent(*content)) return problem(bad->line, bad->message);
  if (auto over_limit = internal::CheckBodyShape(*content, format == "html",
                                                 options.max_line_bytes,
                                                 options.max_html_depth))
    return problem(over_limit->line, over_limit->message);
  *body = std::move(content).value();
  return std::nullopt;
}

// One IngestPaths() call: collects documents and diagnostics, caches the
// manifest of each folder.
class Ingester {
 public:
  explicit Ingester(const IngestOptions& options) : options_(options) {}

  Status AddPath(const std::string& path) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      return Status::NotFound(path + ": no such file or directory");
    }
    if (fs::is_directory(st)) return AddFolder(path);
    const fs::path parent = fs::path(path).parent_path();
    const Manifest* manifest = nullptr;
    CC_RETURN_IF_ERROR(
        LoadManifest(parent.empty() ? "." : parent.string(), &manifest));
    AddFile(path, Diagnostic::Level::kError, manifest);
    return Status::Ok();
  }

  IngestResult Finish() {
    std::vector<size_t> order(result_.documents.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    const std::vector<Document>& docs = result_.documents;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return docs[a].path != docs[b].path ? docs[a].path < docs[b].path
                                          : docs[a].line < docs[b].line;
    });
    std::vector<Document> sorted;
    std::vector<ArticleInput> sorted_inputs;
    sorted.reserve(order.size());
    for (size_t i : order) {
      sorted.push_back(std::move(result_.documents[i]));
      if (options_.keep_inputs)
        sorted_inputs.push_back(std::move(result_.inputs[i]));
    }
    if (options_.defer_reading) {
      std::vector<DeferredRead> sorted_deferred;
      sorted_deferred.reserve(order.size());
      for (size_t i : order) sorted_deferred.push_back(result_.deferred[i]);
      result_.deferred = std::move(sorted_deferred);
    }
    result_.documents = std::move(sorted);
    result_.inputs = std::move(sorted_inputs);
    if (!options_.defer_reading) {
      std::vector<SourceIdentity> all;
      for (Document& d : result_.documents) all.push_back({&d.id, &d.path, d.line});
      MakeIdsUnique(all, &result_.diagnostics);
    }
    return std::move(result_);
  }

 private:
  void Note(Diagnostic::Level level, const std::string& path, size_t line,
            std::string message) {
    Diagnostic d;
    d.level = level;
    d.path = path;
    d.line = line;
    d.message = std::move(message);
    result_.diagnostics.push_back(std::move(d));
  }

  // Reads a folder and, depth first in name order, its subfolders. Hidden
  // entries (".git") are skipped; a folder reached twice through symbolic
  // links is read once.
  Status AddFolder(const std::string& dir, int depth = 0) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    if (!ec && !visited_.insert(canonical.string()).second) {
      Note(Diagnostic::Level::kNote, dir, 0, "skipped (folder already read)");
      return Status::Ok();
    }
    if (depth > kMaxFolderDepth) {
      Note(Diagnostic::Level::kWarning, dir, 0,
           "skipped (more than " + std::to_string(kMaxFolderDepth) +
               " folders deep)");
      return Status::Ok();
    }
    // Each entry's name, and whether it is a folder, taken once: sorting
    // the directory_entry objects by path().filename() made two paths a
    // comparison, and listing the BBC corpus cost twice what it does now.
    struct Entry {
      std::string name;
      bool folder = false;
    };
    std::vector<Entry> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end;
         it.increment(ec)) {
      std::error_code type_ec;
      entries.push_back({it->path().filename().string(), it->is_directory(type_ec)});
    }
    if (ec) {
      // A folder named on the command line must be read; one found inside
      // it is like a bad file there: a warning, and the rest go on.
      if (depth == 0) return Status::Internal(dir + ": cannot list: " + ec.message());
      Note(Diagnostic::Level::kWarning, dir, 0, "cannot list: " + ec.message());
      return Status::Ok();
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.name < b.name; });
    const Manifest* manifest = nullptr;
    CC_RETURN_IF_ERROR(LoadManifest(dir, &manifest));
    // fs::path(dir) / name: a separator unless dir ends in one.
    const std::string prefix = dir.empty() || dir.back() == '/' ? dir : dir + '/';
    for (const Entry& e : entries) {
      const std::string& name = e.name;
      const std::string path = prefix + name;
      if (name == kManifestName) continue;
      if (!name.empty() && name[0] == '.') continue;
      if (e.folder) {
        CC_RETURN_IF_ERROR(AddFolder(path, depth + 1));
        continue;
      }
      if (internal::FormatForPath(name).empty()) {
        Note(Diagnostic::Level::kNote, path, 0,
             "skipped (not an article format)");
        continue;
      }
      AddFile(path, Diagnostic::Level::kWarning, manifest);
    }
    return Status::Ok();
  }

  // Loads (once) the sources.yaml of `dir`; *manifest stays null when there
  // is none. Fails on a broken manifest.
  Status LoadManifest(const std::string& dir, const Manifest** manifest) {
    auto cached = manifests_.find(dir);
    if (cached != manifests_.end()) {
      *manifest = cached->second.get();
      return Status::Ok();
    }
    std::unique_ptr<Manifest>& slot = manifests_[dir];
    const std::string path = (fs::path(dir) / kManifestName).string();
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return Status::Ok();
    StatusOr<std::string> read = internal::ReadWholeFile(
        path, std::min(options_.max_file_bytes, options_.max_article_bytes));
    if (!read.ok()) return read.status();
    const std::string text = std::move(read).value();
    if (auto problem = internal::CheckContent(text, /*empty_ok=*/true)) {
      return Status::InvalidArgument(
          path +
          (problem->line > 0 ? ":" + std::to_string(problem->line) : "") +
          ": " + problem->message);
    }
    CC_ASSIGN_OR_RETURN(Manifest parsed, internal::ParseManifest(text, path));
    for (const auto& [file, entry] : parsed.entries) {
      if (!fs::exists(fs::path(dir) / file, ec)) {
        Note(Diagnostic::Level::kWarning, path, entry.line,
             "'" + file + "' is listed but does not exist");
      }
    }
    slot = std::make_unique<Manifest>(std::move(parsed));
    *manifest = slot.get();
    return Status::Ok();
  }

  void AddFile(const std::string& path, Diagnostic::Level level,
               const Manifest* manifest) {
    const std::string_view format = internal::FormatForPath(path);
    if (format.empty()) {
      Note(level, path, 0, "not an article format (.txt .md .html .jsonl)");
      return;
    }
    const internal::ManifestEntry* entry =
        manifest == nullptr
            ? nullptr
            : manifest->Find(fs::path(path).filename().string());
    const ArticleOverrides none;
    ArticleInput input{std::string(format), "", entry == nullptr ? none : entry->overrides};
    std::string id = entry != nullptr && entry->overrides.id.has_value()
                         ? *entry->overrides.id
                         : FileStem(path);
    if (format == "jsonl") {
      // Many articles (each line is checked against the article limit).
      StatusOr<std::string> content = internal::ReadWholeFile(path, options_.max_file_bytes);
      if (!content.ok()) {  // the message starts with "path: ", as a note's does
        Note(level, path, 0, content.status().message().substr(path.size() + 2));
        return;
      }
      // A bad byte refuses only its line (ParseJsonl checks each), unless
      // the whole file is unreadable.
      if (auto problem = internal::CheckContent(*content)) {
        if (problem->line == 0 || problem->message.rfind("UTF-16", 0) == 0) {
          Note(level, path, problem->line, std::move(problem->message));
          return;
        }
      }
      AddJsonl(path, *content, level);
      return;
    }
    if (options_.defer_reading && options_.keep_inputs && !options_.analyse) {
      Keep(std::move(input), std::move(id), path, 0, std::string(format),
           {true, level, result_.diagnostics.size(), listed_++});
      return;
    }
    if (std::optional<Diagnostic> problem = ReadArticleFile(path, level, options_, &input.body)) {
      result_.diagnostics.push_back(std::move(*problem));
      return;
    }
    Keep(std::move(input), std::move(id), path, 0, std::string(format));
  }

  // Analyses one article and keeps it (and, if asked, what it was made of
  // and whether it is still to be read).
  void Keep(ArticleInput input, std::string id, const std::string& path,
            size_t line, std::string format, DeferredRead deferred = {}) {
    if (options_.defer_reading) result_.deferred.push_back(deferred);
    if (options_.analyse) {
      result_.documents.push_back(
          AnalyzeInput(input, std::move(id), path, line, std::move(format)));
    } else {
      Document doc;
      doc.id = std::move(id);
      doc.path = path;
      doc.line = line;
      doc.format = std::move(format);
      result_.documents.push_back(std::move(doc));
    }
    if (options_.keep_inputs) result_.inputs.push_back(std::move(input));
  }

  void AddJsonl(const std::string& path, std::string_view content,
                Diagnostic::Level level) {
    std::vector<internal::JsonlRecord> records;
    std::vector<internal::JsonlProblem> problems;
    internal::JsonlLimits limits;
    limits.max_line_bytes = options_.max_article_bytes;
    limits.max_text_line_bytes = options_.max_line_bytes;
    limits.max_html_depth = options_.max_html_depth;
    internal::ParseJsonl(content, &records, &problems, limits);
    if (records.empty() && !problems.empty()) {
      // Nothing readable: one diagnostic for the file, at the file's level.
      Note(level, path, problems.front().line,
           problems.front().message + " (and no line of the file is a readable "
           "article: " + std::to_string(problems.size()) + " bad lines)");
      return;
    }
    for (internal::JsonlProblem& p : problems) {
      Note(Diagnostic::Level::kWarning, path, p.line, std::move(p.message));
    }
    const std::string stem = FileStem(path);
    for (internal::JsonlRecord& r : records) {
      std::string id = r.overrides.id.has_value()
                           ? *r.overrides.id
                           : stem + "-" + std::to_string(r.line);
      Keep({r.is_html ? "html" : "txt", std::move(r.body), std::move(r.overrides)},
           std::move(id), path, r.line, "jsonl");
    }
    if (records.empty() && problems.empty()) {
      Note(Diagnostic::Level::kWarning, path, 0, "no articles in the file");
    }
  }

  const IngestOptions& options_;
  IngestResult result_;
  std::map<std::string, std::unique_ptr<Manifest>> manifests_;
  std::set<std::string> visited_;  // canonical folders already read
  size_t listed_ = 0;               // files deferred so far
};

}  // namespace

StatusOr<IngestResult> IngestPaths(const std::vector<std::string>& paths,
                                   const IngestOptions& options) {
  Ingester ingester(options);
  for (const std::string& path : paths) {
    CC_RETURN_IF_ERROR(ingester.AddPath(path));
  }
  return ingester.Finish();
}

std::optional<Diagnostic> ReadDeferred(const std::string& path, const DeferredRead& how,
                                       const IngestOptions& options, std::string* body) {
  return ReadArticleFile(path, how.level, options, body);
}

void PlaceDeferredProblems(std::vector<std::pair<DeferredRead, Diagnostic>> problems,
                           std::vector<Diagnostic>* diagnostics) {
  // By where each was listed; files listed between the same two diagnostics
  // in listing order (folders are walked in name order, depth first, while
  // documents are kept in path order).
  std::sort(problems.begin(), problems.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first.diagnostic_at, a.first.listed) <
           std::tie(b.first.diagnostic_at, b.first.listed);
  });
  std::vector<Diagnostic> merged;
  merged.reserve(diagnostics->size() + problems.size());
  size_t next = 0;
  for (size_t k = 0; k <= diagnostics->size(); ++k) {
    for (; next < problems.size() && problems[next].first.diagnostic_at == k; ++next)
      merged.push_back(std::move(problems[next].second));
    if (k < diagnostics->size()) merged.push_back(std::move((*diagnostics)[k]));
  }
  diagnostics->swap(merged);
}

void MakeIdsUnique(const std::vector<SourceIdentity>& sources,
                   std::vector<Diagnostic>* diagnostics) {
  // Source ids stay unique: two folders may both hold "report.txt".
  std::map<std::string, std::string> ids;  // id -> path that has it
  for (const SourceIdentity& s : sources) {
    std::string id = *s.id;
    for (int n = 2; ids.count(id); ++n) id = *s.id + "-" + std::to_string(n);
    if (id != *s.id) {
      Diagnostic note;
      note.level = Diagnostic::Level::kWarning;
      note.path = *s.path;
      note.line = s.line;
      note.message = "duplicate source id '" + *s.id + "' (also " + ids[*s.id] +
                     "); this article is '" + id + "'";
      diagnostics->push_back(std::move(note));
      *s.id = id;
    }
    ids.emplace(id, *s.path);
  }
}

Document AnalyzeInput(const ArticleInput& input, std::string id,
                      std::string path, size_t line, std::string format) {
  Document doc =
      internal::AnalyzeArticle(input.body, input.format, input.overrides);
  doc.id = std::move(id);
  doc.path = std::move(path);
  doc.line = line;
  doc.format = std::move(format);
  return doc;
}

StatusOr<Document> ParseArticle(std::string_view content,
                                std::string_view format, std::string_view path,
                                std::string_view id) {
  if (format != "txt" && format != "md" && format != "html") {
    return Status::InvalidArgument(std::string(path) +
                                   ": unsupported format '" +
                                   std::string(format) + "'");
  }
  const IngestOptions limits;
  if (content.size() > limits.max_article_bytes) {
    return Status::ResourceExhausted(
        std::string(path) + ": article too large (" + std::to_string(content.size()) +
        " bytes; limit " + std::to_string(limits.max_article_bytes) + ")");
  }
  std::optional<internal::ContentProblem> problem = internal::CheckContent(content);
  if (!problem) {
    problem = internal::CheckBodyShape(content, format == "html", limits.max_line_bytes,
                                       limits.max_html_depth);
  }
  if (problem) {
    std::string where(path);
    if (problem->line > 0) where += ":" + std::to_string(problem->line);
    return Status::InvalidArgument(where + ": " + problem->message);
  }
  Document doc = internal::AnalyzeArticle(content, format, ArticleOverrides());
  doc.id = id.empty() ? FileStem(path) : std::string(id);
  doc.path = std::string(path);
  doc.format = std::string(format);
  return doc;
}

}  // namespace crosscheck
