#include "engine/ingest/manifest.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include "engine/ingest/date_parser.h"

namespace crosscheck {
namespace internal {
namespace {

Status ErrorAt(const std::string& path, const YAML::Mark& mark,
               const std::string& message) {
  if (mark.is_null()) return Status::InvalidArgument(path + ": " + message);
  return Status::InvalidArgument(path + ":" + std::to_string(mark.line + 1) +
                                 ":" + std::to_string(mark.column + 1) + ": " +
                                 message);
}

// A scalar string value; `allow_null` lets `key: null` (or `key:`) through
// as nullopt.
StatusOr<std::optional<std::string>> StringField(const YAML::Node& node,
                                                 const std::string& key,
                                                 const std::string& path,
                                                 bool allow_null) {
  if (node.IsNull()) {
    if (allow_null) return std::optional<std::string>();
    return ErrorAt(path, node.Mark(), "'" + key + "' must not be null");
  }
  if (!node.IsScalar()) {
    return ErrorAt(path, node.Mark(), "'" + key + "' must be a string");
  }
  return std::optional<std::string>(node.Scalar());
}

StatusOr<ManifestEntry> ParseEntry(const YAML::Node& item,
                                   const std::string& path) {
  if (!item.IsMap()) {
    return ErrorAt(path, item.Mark(),
                   "each entry of 'articles' must be a mapping");
  }
  ManifestEntry entry;
  entry.line = item.Mark().line + 1;
  bool has_file = false;
  for (const auto& kv : item) {
    const YAML::Node& key_node = kv.first;
    const YAML::Node& value = kv.second;
    if (!key_node.IsScalar()) {
      return ErrorAt(path, key_node.Mark(), "keys must be strings");
    }
    const std::string key = key_node.Scalar();
    if (key == "published_year") {
      if (!value.IsScalar()) {
        return ErrorAt(path, value.Mark(), "'published_year' must be a year");
      }
      ReferenceDate year;
      if (value.Scalar().size() != 4 || !ParseIsoDate(value.Scalar(), &year)) {
        return ErrorAt(path, value.Mark(),
                       "'published_year' must be a year like 2022, not '" +
                           value.Scalar() + "'");
      }
      if (!entry.overrides.published.known()) entry.overrides.published = year;
      continue;
    }
    const bool nullable = key == "title" || key == "notes" ||
                          key == "published" || key == "byline" ||
                          key == "dateline" || key == "outlet" || key == "url";
    if (key != "file" && key != "id" && !nullable) {
      return ErrorAt(path, key_node.Mark(), "unknown key '" + key + "'");
    }
    CC_ASSIGN_OR_RETURN(std::optional<std::string> s,
                        StringField(value, key, path, nullable));
    if (key == "file") {
      const std::string& f = *s;
      if (f.empty() || f[0] == '/' || f.find("..") != std::string::npos ||
          f.find('\\') != std::string::npos) {
        return ErrorAt(
            path, value.Mark(),
            "'file' must name a file inside the folder, not '" + f + "'");
      }
      entry.file = f;
      has_file = true;
    } else if (key == "id") {
      if (s->empty()) return ErrorAt(path, value.Mark(), "'id' is empty");
      entry.overrides.id = *s;
    } else if (key == "title") {
      entry.overrides.title = s.value_or("");  // null: no title
    } else if (key == "notes") {
      entry.notes = s.value_or("");
    } else if (!s.has_value()) {
      continue;  // an explicit null states nothing
    } else if (key == "published") {
      ReferenceDate date;
      if (s->size() != 10 || !ParseIsoDate(*s, &date)) {
        return ErrorAt(
            path, value.Mark(),
            "'published' must be a date YYYY-MM-DD, not '" + *s + "'");
      }
      entry.overrides.published = date;  // wins over published_year
    } else if (key == "byline") {
      entry.overrides.byline = *s;
    } else if (key == "dateline") {
      entry.overrides.dateline = *s;
    } else if (key == "outlet") {
      entry.overrides.outlet = *s;
    } else if (key == "url") {
      entry.overrides.url = *s;
    }
  }
  if (!has_file) return ErrorAt(path, item.Mark(), "entry has no 'file'");
  return entry;
}

}  // namespace

StatusOr<Manifest> ParseManifest(std::string_view text,
                                 const std::string& path) {
  Manifest manifest;
  manifest.path = path;
  // yaml-cpp throws; nothing below lets an exception out.
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    if (root.IsNull()) return manifest;  // an empty manifest states nothing
    if (!root.IsMap()) {
      return ErrorAt(path, root.Mark(), "expected a mapping with 'articles:'");
    }
    for (const auto& kv : root) {
      if (!kv.first.IsScalar() || kv.first.Scalar() != "articles") {
        return ErrorAt(path, kv.first.Mark(),
                       "unknown key '" +
                           (kv.first.IsScalar() ? kv.first.Scalar() : "?") +
                           "' (expected 'articles')");
      }
    }
    const YAML::Node articles = root["articles"];
    if (articles.IsNull()) return manifest;
    if (!articles.IsSequence()) {
      return ErrorAt(path, articles.Mark(), "'articles' must be a list");
    }
    for (const YAML::Node& item : articles) {
      CC_ASSIGN_OR_RETURN(ManifestEntry entry, ParseEntry(item, path));
      const YAML::Mark mark = item.Mark();
      if (manifest.entries.count(entry.file) > 0) {
        return ErrorAt(path, mark, "'" + entry.file + "' is listed twice");
      }
      std::string file = entry.file;
      manifest.entries.emplace(std::move(file), std::move(entry));
    }
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp says only "bad file".
    return ErrorAt(path, e.mark,
                   "nested more than " + std::to_string(e.depth()) +
                       " levels deep (the YAML reader's limit)");
  } catch (const YAML::Exception& e) {
    return ErrorAt(path, e.mark, e.msg);
  }
  return manifest;
}

}  // namespace internal
}  // namespace crosscheck
