// sources.yaml: what a folder's curator states about its articles.
//
//   articles:
//     - file: nato-minnow-reels.txt     # required; inside the folder
//       id: nato                        # default: file name without extension
//       title: "..." | null             # null: the page has no title
//       byline, dateline, outlet, url: strings
//       published: 2022-09-07           # or published_year: 2023
//       notes: free text
//
// ParseManifest() validates everything up front and fails with
// "path:line:col: message"; a Manifest is immutable afterwards.
#ifndef CROSSCHECK_ENGINE_INGEST_MANIFEST_H_
#define CROSSCHECK_ENGINE_INGEST_MANIFEST_H_

#include <map>
#include <string>
#include <string_view>

#include "crosscheck/status.h"
#include "engine/ingest/article.h"

namespace crosscheck {
namespace internal {

struct ManifestEntry {
  std::string file;  // relative to the manifest's folder
  size_t line = 0;   // 1-based line of the entry, for messages
  ArticleOverrides overrides;
  std::string notes;
};

struct Manifest {
  std::string path;
  std::map<std::string, ManifestEntry> entries;  // by file name

  // The entry for `file_name`, or nullptr.
  const ManifestEntry* Find(const std::string& file_name) const {
    auto it = entries.find(file_name);
    return it == entries.end() ? nullptr : &it->second;
  }
};

// Parses manifest text. `path` names it in messages. Fails with
// InvalidArgument "path:line:col: message" on YAML syntax errors, wrong types,
// unknown keys, a missing or duplicate `file`, a `file` that is absolute or
// contains "..", or a bad date.
StatusOr<Manifest> ParseManifest(std::string_view text,
                                 const std::string& path);

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_MANIFEST_H_
