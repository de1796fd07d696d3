#include "engine/report/explain.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace crosscheck {
namespace {

std::string Fixed(double x, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
  return buf;
}

std::string Pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string PadLeft(const std::string& s, size_t width) {
  return s.size() < width ? std::string(width - s.size(), ' ') + s : s;
}

}  // namespace

std::string EscapeTerminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char buf[16];
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
      ++i;
      continue;
    }
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    // Decode one UTF-8 sequence; anything malformed is shown byte by byte.
    const size_t len = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    bool valid = len > 0 && i + len <= text.size();
    uint32_t cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; valid && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      valid = (cc & 0xC0) == 0x80;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (valid && ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
                  (cp >= 0xD800 && cp <= 0xDFFF)))
      valid = false;
    if (!valid) {
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
      ++i;
      continue;
    }
    const bool c1 = cp >= 0x80 && cp <= 0x9F;
    const bool bidi = cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
                      (cp >= 0x2066 && cp <= 0x2069);
    if (c1) {
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(cp));
      out += buf;
    } else if (bidi) {
      std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(text.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string WriteExplanation(const SourceReport& s) {
  std::ostringstream out;
  out << EscapeTerminal(s.id) << ": score " << s.score << "/100";
  if (!s.title.empty()) out << " \xE2\x80\x94 \"" << EscapeTerminal(s.title) << "\"";
  out << "\n";
  if (!s.path.empty()) out << "file: " << EscapeTerminal(s.path) << "\n";
  if (!s.copy_of.empty())
    out << "copy of: " << EscapeTerminal(s.copy_of) << " (" << Fixed(100 * s.copy_overlap, 0)
        << "% of its word sequences)\n";
  out << "\nThe score is the weighted mean of the components, times 100 (weights from the\n"
         "rule packs' scoring: section):\n\n";
  double sum = 0, weights = 0;
  for (const ScoreComponent& c : s.components) {
    sum += c.value * c.weight;
    weights += c.weight;
  }
  out << "  " << Pad("component", 16) << PadLeft("value", 6) << PadLeft("weight", 8)
      << PadLeft("points", 8) << "\n";
  for (const ScoreComponent& c : s.components) {
    const double points = weights > 0 ? 100 * c.value * c.weight / weights : 0;
    out << "  " << Pad(c.name, 16) << PadLeft(Fixed(c.value, 2), 6)
        << PadLeft(Fixed(c.weight, 2), 8) << PadLeft(Fixed(points, 1), 8) << "\n";
  }
  out << "  " << Pad("total", 16) << PadLeft("", 6) << PadLeft(Fixed(weights, 2), 8)
      << PadLeft(Fixed(weights > 0 ? 100 * sum / weights : 0, 1), 8) << "  -> " << s.score
      << "\n";
  for (const ScoreComponent& c : s.components) {
    out << "\n" << c.name << " " << std::lround(c.value * 100) << "/100 (weight "
        << Fixed(c.weight, 2) << ")\n";
    for (const Evidence& e : c.evidence) {
      out << "  - " << EscapeTerminal(e.text);
      if (e.end > e.start) out << " [bytes " << e.start << "-" << e.end << "]";
      out << "\n";
      if (!e.detail.empty()) out << "      \"" << EscapeTerminal(e.detail) << "\"\n";
    }
  }
  return out.str();
}

}  // namespace crosscheck
