#include "engine/report/html_writer.h"

#include <cassert>

#include "engine/report/report_util.h"

namespace crosscheck {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

[[maybe_unused]] bool IsName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

}  // namespace

void AppendEscapedHtml(std::string_view text, std::string* out) {
  out->reserve(out->size() + text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const size_t n = internal::Utf8Length(text, i);
      if (n == 0) {
        out->append(kReplacement);
        ++i;
      } else {
        out->append(text.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '&': out->append("&amp;"); break;
      case '<': out->append("&lt;"); break;
      case '>': out->append("&gt;"); break;
      case '"': out->append("&quot;"); break;
      case '\'': out->append("&#39;"); break;
      case '\t': case '\n': out->push_back(static_cast<char>(c)); break;
      case '\r':
        if (i + 1 == text.size() || text[i + 1] != '\n') out->push_back('\n');
        break;
      default:
        if (c < 0x20 || c == 0x7F) out->append(kReplacement);
        else out->push_back(static_cast<char>(c));
    }
    ++i;
  }
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  AppendEscapedHtml(text, &out);
  return out;
}

void HtmlWriter::Tag(std::string_view tag, const Attributes& attributes) {
  assert(IsName(tag));
  out_.push_back('<');
  out_.append(tag);
  for (const auto& [name, value] : attributes) {
    assert(IsName(name));
    out_.push_back(' ');
    out_.append(name);
    out_.append("=\"");
    AppendEscapedHtml(value, &out_);
    out_.push_back('"');
  }
  out_.push_back('>');
}

void HtmlWriter::Open(std::string_view tag, const Attributes& attributes) {
  Tag(tag, attributes);
}

void HtmlWriter::Void(std::string_view tag, const Attributes& attributes) {
  Tag(tag, attributes);
}

void HtmlWriter::Close(std::string_view tag) {
  assert(IsName(tag));
  out_.append("</");
  out_.append(tag);
  out_.push_back('>');
}

void HtmlWriter::Element(std::string_view tag, std::string_view text,
                         const Attributes& attributes) {
  Tag(tag, attributes);
  Text(text);
  Close(tag);
}

}  // namespace crosscheck
