#include "engine/ingest/text_util.h"

namespace crosscheck {
namespace internal {

std::string Excerpt(std::string_view text, size_t max) {
  if (text.size() <= max) return std::string(text);
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

char LastSignificantChar(std::string_view s) {
  s = TrimSpace(s);
  while (!s.empty()) {
    const char c = s.back();
    if (c == '"' || c == '\'' || c == ')' || c == ']') {
      s.remove_suffix(1);
      continue;
    }
    // ” (E2 80 9D), ’ (E2 80 99), » (C2 BB)
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\x9D") {
      s.remove_suffix(3);
      continue;
    }
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\x99") {
      s.remove_suffix(3);
      continue;
    }
    break;
  }
  if (s.empty()) return '\0';
  if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE2\x80\xA6") return '.';
  const char c = s.back();
  return (static_cast<unsigned char>(c) & 0x80) ? '\x80' : c;
}

}  // namespace internal
}  // namespace crosscheck
