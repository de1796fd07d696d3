#include "engine/ingest/jsonl.h"

#include <cstring>
#include <nlohmann/json.hpp>

#include "engine/ingest/date_parser.h"
#include "engine/ingest/reader.h"
#include "engine/ingest/text_util.h"

namespace crosscheck {
namespace internal {
namespace {

using Json = nlohmann::json;

// Reads an optional string field. Returns false (with *error) when the field
// is there but not a string (null is allowed and means "not stated").
bool OptionalString(const Json& object, const char* key,
                    std::optional<std::string>* out, std::string* error) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return true;
  if (!it->is_string()) {
    *error = std::string("\"") + key + "\" must be a string";
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

// Parses one non-blank line; returns "" or the problem.
std::string ParseLine(std::string_view line, const JsonlLimits& limits,
                      JsonlRecord* record) {
  // nlohmann-json throws on bad input; keep it inside this function.
  Json object;
  try {
    object = Json::parse(line.begin(), line.end());
  } catch (const Json::exception& e) {
    return std::string("invalid JSON: ") + e.what();
  }
  if (!object.is_object()) return "not a JSON object";
  std::string error;
  std::optional<std::string> text, html;
  if (!OptionalString(object, "text", &text, &error) ||
      !OptionalString(object, "html", &html, &error)) {
    return error;
  }
  if (!text.has_value() && !html.has_value()) {
    return "no \"text\" or \"html\" field";
  }
  record->is_html = !text.has_value();
  record->body = std::move(record->is_html ? *html : *text);
  if (TrimSpace(record->body).empty()) return "empty text";
  if (std::memchr(record->body.data(), '\0', record->body.size()) != nullptr) {
    return "NUL byte in the text";
  }
  if (auto over = CheckBodyShape(record->body, record->is_html, limits.max_text_line_bytes,
                                 limits.max_html_depth))
    return (record->is_html ? "\"html\": " : "\"text\": ") + over->message;
  ArticleOverrides& o = record->overrides;
  auto id = object.find("id");
  if (id != object.end() && id->is_number_integer()) {
    o.id = std::to_string(id->get<long long>());
  } else if (!OptionalString(object, "id", &o.id, &error)) {
    return error;
  }
  if (!OptionalString(object, "title", &o.title, &error) ||
      !OptionalString(object, "byline", &o.byline, &error) ||
      !OptionalString(object, "dateline", &o.dateline, &error) ||
      !OptionalString(object, "outlet", &o.outlet, &error) ||
      !OptionalString(object, "url", &o.url, &error)) {
    return error;
  }
  // A JSON null title means "not stated" here, unlike the manifest.
  if (o.title.has_value() && o.title->empty()) o.title.reset();
  auto published = object.find("published");
  if (published != object.end() && !published->is_null()) {
    std::string value;
    if (published->is_number_integer()) {
      value = std::to_string(published->get<long long>());
    } else if (published->is_string()) {
      value = published->get<std::string>();
    } else {
      return "\"published\" must be a date string";
    }
    if (!ParseIsoDate(value, &o.published)) {
      return "\"published\" is not a date (YYYY-MM-DD, YYYY or ISO "
             "datetime): " +
             value;
    }
  }
  return "";
}

}  // namespace

void ParseJsonl(std::string_view content, std::vector<JsonlRecord>* records,
                std::vector<JsonlProblem>* problems, const JsonlLimits& limits) {
  content = content.substr(Utf8BomSize(content));
  size_t pos = 0, line_no = 0;
  while (pos < content.size()) {
    ++line_no;
    const void* nl =
        std::memchr(content.data() + pos, '\n', content.size() - pos);
    const size_t end = nl == nullptr
                           ? content.size()
                           : static_cast<const char*>(nl) - content.data();
    const std::string_view line = TrimSpace(content.substr(pos, end - pos));
    pos = end + 1;
    if (line.empty()) continue;
    JsonlRecord record;
    record.line = line_no;
    std::string problem;
    if (line.size() > limits.max_line_bytes) {
      // Not parsed: a JSON parser holds several times the line in memory.
      problem = "line too large (" + std::to_string(line.size()) +
                " bytes; limit " + std::to_string(limits.max_line_bytes) +
                " bytes for one article)";
    } else if (auto bad = CheckContent(line)) {
      // CheckContent counts lines within `line`; the caller names the line.
      problem = bad->message;
      const std::string at_line_one = "at line 1, ";
      if (const size_t p = problem.find(at_line_one); p != std::string::npos)
        problem.replace(p, at_line_one.size(), "at ");
      if (problem.rfind("binary file", 0) == 0)
        problem = "binary data in the line (NUL byte)";
    } else {
      problem = ParseLine(line, limits, &record);
    }
    if (problem.empty()) {
      records->push_back(std::move(record));
    } else {
      problems->push_back(JsonlProblem{line_no, problem});
    }
  }
}

}  // namespace internal
}  // namespace crosscheck
