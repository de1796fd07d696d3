#include "engine/report/report_util.h"

#include <cctype>
#include <cmath>

namespace crosscheck::internal {

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
