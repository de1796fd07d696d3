#include "engine/report/report_util.h"

#include <cctype>
#include <cmath>

namespace crosscheck::internal {

size_t Utf8Length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  size_t n = 0;
  if (b >= 0xC2 && b <= 0xDF) n = 2;
  else if (b >= 0xE0 && b <= 0xEF) n = 3;
  else if (b >= 0xF0 && b <= 0xF4) n = 4;
  else return 0;
  if (i + n > text.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  // Overlong forms, surrogates and code points beyond U+10FFFF.
  if (b == 0xE0 && byte(i + 1) < 0xA0) return 0;
  if (b == 0xED && byte(i + 1) > 0x9F) return 0;
  if (b == 0xF0 && byte(i + 1) < 0x90) return 0;
  if (b == 0xF4 && byte(i + 1) > 0x8F) return 0;
  return n;
}

nlohmann::ordered_json JsonBound(ValueKind kind, double x) {
  if (std::isinf(x)) return nullptr;
  if (kind == ValueKind::kDate || kind == ValueKind::kDateRange)
    return IsoDate(static_cast<int64_t>(x));
  if (std::fabs(x - std::round(x)) < 1e-9 && std::fabs(x) < 9e15)
    return static_cast<int64_t>(std::llround(x));
  return x;
}

nlohmann::ordered_json JsonNullable(const std::string& s) {
  if (s.empty()) return nullptr;
  return s;
}

std::string PercentEncode(std::string_view bytes, std::string_view keep) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size());
  for (unsigned char c : bytes) {
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum || c == '-' || c == '.' || c == '_' || c == '~' ||
        keep.find(static_cast<char>(c)) != std::string_view::npos) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string WebUrl(std::string_view url) {
  auto starts_with = [url](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != prefix[i]) return false;
    return true;
  };
  if (!starts_with("http://") && !starts_with("https://")) return "";
  // Reserved characters and '%' stay: the URL is already a URL.
  return PercentEncode(url, ":/?#[]@!$&'()*+,;=%");
}

Corroboration Corroborate(const FactFinding& fact) {
  Corroboration out;
  for (const ValueGroup& g : fact.values) {
    out.values += (out.values.empty() ? "" : ", ") + g.display;
    for (const Claim& c : g.claims) out.sources.insert(c.source);
  }
  return out;
}

}  // namespace crosscheck::internal
