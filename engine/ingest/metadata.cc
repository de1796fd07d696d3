#include "engine/ingest/metadata.h"

#include <algorithm>
#include <string>

#include "engine/ingest/date_parser.h"
#include "engine/ingest/text_util.h"

namespace crosscheck {
namespace internal {
namespace {

constexpr std::string_view kDashes[] = {" \xE2\x80\x94 ", " \xE2\x80\x93 ",
                                        " -- ", " - ", " | "};

bool IsUpperAt(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return IsAsciiUpper(s[i]);
  if (i + 1 >= s.size()) return false;
  const unsigned char d = static_cast<unsigned char>(s[i + 1]);
  if (c == 0xC3) return d >= 0x80 && d <= 0x9E && d != 0x97;
  if (c == 0xC4 || c == 0xC5) return (d & 1) == 0;
  return false;
}

// Words that make a capitalised pair a page element, not a name.
bool IsPageWord(std::string_view w) {
  for (std::string_view k :
       {"news",     "home",   "articles", "stories", "comments",
        "menu",     "search", "related",  "recent",  "advertisement",
        "share",    "reply",  "login",    "more",    "latest",
        "breaking", "world",  "politics", "opinion", "business",
        "sport",    "sports", "video",    "live",    "updates",
        "the",      "of",     "and",      "in",      "on",
        "for",      "to",     "a",        "an",      "by"}) {
    if (EqualsIgnoreCase(w, k)) return true;
  }
  return false;
}

bool IsContributorLine(std::string_view line) {
  if (line.size() >= 200) return false;
  return FindIgnoreCase(line, "contributed reporting") !=
             std::string_view::npos ||
         FindIgnoreCase(line, "contributed to this report") !=
             std::string_view::npos ||
         StartsWithIgnoreCase(line, "additional reporting by ") ||
         StartsWithIgnoreCase(line, "reporting by ") ||
         StartsWithIgnoreCase(line, "editing by ");
}

// "By Jane Doe" / "By Jane Doe and John Roe" / "By JANE DOE, Reuters" ->
// the names.
bool ParseByLine(std::string_view line, std::string_view* who) {
  if (line.size() >= 120 || !StartsWithIgnoreCase(line, "by ")) return false;
  std::string_view rest = TrimSpace(line.substr(3));
  if (rest.empty() || !IsUpperAt(rest, 0)) return false;
  const char last = LastSignificantChar(rest);
  if (last == '.' || last == '!' || last == '?') return false;
  int words = 1;
  for (char c : rest) words += c == ' ';
  if (words > 8) return false;
  *who = rest;
  return true;
}

// A header line that can be the title.
bool IsTitleLike(std::string_view line) {
  if (line.size() >= 200) return false;
  const char last = LastSignificantChar(line);
  return last != '.' && last != ':' && last != ';' && last != ',';
}

// True when the next non-clutter block after `i` is a "By ..." or a date
// line.
bool NextIsByOrDateLine(const Document& doc, size_t i) {
  for (size_t k = i + 1; k < doc.blocks.size(); ++k) {
    const Block& b = doc.blocks[k];
    if (b.kind == BlockKind::kClutter) continue;
    const std::string_view line = TrimSpace(doc.Slice(b.span));
    std::string_view who;
    ReferenceDate date;
    return ParseByLine(line, &who) || ParseDateLine(line, &date);
  }
  return false;
}

}  // namespace

bool IsPersonName(std::string_view line) {
  line = TrimSpace(line);
  if (line.empty() || line.size() > 60) return false;
  int words = 0;
  size_t i = 0;
  while (i < line.size()) {
    size_t e = line.find(' ', i);
    if (e == std::string_view::npos) e = line.size();
    const std::string_view w = line.substr(i, e - i);
    if (w.empty() || !IsUpperAt(w, 0) || IsPageWord(w)) return false;
    for (size_t k = 0; k < w.size(); ++k) {
      const char c = w[k];
      if (IsAsciiAlpha(c) || (static_cast<unsigned char>(c) & 0x80)) continue;
      if ((c == '-' || c == '\'') && k > 0 && k + 1 < w.size()) continue;
      return false;
    }
    // All-capital words of 2+ letters are acronyms, not names.
    if (w.size() >= 2 && IsAsciiUpper(w[1])) return false;
    ++words;
    i = e + 1;
  }
  return words >= 2 && words <= 3;
}

bool SplitOutletSuffix(std::string_view title, std::string_view* headline,
                       std::string_view* outlet) {
  for (std::string_view dash : kDashes) {
    const size_t at = title.rfind(dash);
    if (at == std::string_view::npos || at == 0) continue;
    const std::string_view suffix = TrimSpace(title.substr(at + dash.size()));
    if (suffix.empty() || suffix.size() > 30 ||
        (!IsUpperAt(suffix, 0) && !IsAsciiDigit(suffix[0]))) {
      continue;
    }
    int words = 1;
    for (char c : suffix) words += c == ' ';
    if (words > 4) continue;
    *headline = TrimSpace(title.substr(0, at));
    *outlet = suffix;
    return true;
  }
  return false;
}

std::string_view FindDateline(std::string_view paragraph) {
  size_t at = std::string_view::npos;
  for (std::string_view dash : kDashes) {
    at = std::min(at, paragraph.substr(0, 80).find(dash));
  }
  if (at == std::string_view::npos || at < 2) return {};
  std::string_view prefix = TrimSpace(paragraph.substr(0, at));
  // Drop a trailing "(Reuters)".
  std::string_view place = prefix;
  if (!place.empty() && place.back() == ')') {
    const size_t open = place.rfind('(');
    if (open == std::string_view::npos) return {};
    place = TrimSpace(place.substr(0, open));
  }
  // PLACE in capitals: letters, spaces, dots, hyphens; then ", Region".
  const size_t comma = place.find(',');
  const std::string_view city = place.substr(0, comma);
  int letters = 0;
  for (char c : city) {
    if (IsAsciiUpper(c)) {
      ++letters;
    } else if (c != ' ' && c != '.' && c != '-' && c != '\'' &&
               !(static_cast<unsigned char>(c) & 0x80)) {
      return {};
    }
  }
  if (letters < 2) return {};
  if (comma != std::string_view::npos) {
    const std::string_view region = TrimSpace(place.substr(comma + 1));
    if (region.empty() || !IsUpperAt(region, 0)) return {};
    int words = 1;
    for (char c : region) {
      if (c == ' ') ++words;
      if (!IsAsciiAlpha(c) && c != ' ' && c != '.' && c != '-' &&
          !(static_cast<unsigned char>(c) & 0x80)) {
        return {};
      }
    }
    if (words > 3) return {};
  }
  return place;
}

void FindMetadata(Document* doc, bool markdown) {
  const std::string_view text = doc->text;
  const auto line_of = [&](const Block& b) {
    return TrimSpace(text.substr(b.span.start, b.span.size()));
  };
  bool have_title = !doc->title.empty();
  if (markdown) {
    for (Block& b : doc->blocks) {
      if (b.kind != BlockKind::kBody) continue;
      const std::string_view line = line_of(b);
      size_t level = 0;
      while (level < line.size() && line[level] == '#') ++level;
      if (level == 0 || level > 6 || level >= line.size() ||
          line[level] != ' ') {
        continue;
      }
      b.kind = BlockKind::kTitle;
      if (!have_title && level == 1) {
        doc->title = std::string(TrimSpace(line.substr(level + 1)));
        have_title = true;
      }
    }
  }
  // The header: leading non-clutter blocks until the first paragraph.
  bool have_byline = !doc->byline.empty();
  size_t first_body = doc->blocks.size();
  for (size_t i = 0; i < doc->blocks.size(); ++i) {
    Block& b = doc->blocks[i];
    if (b.kind == BlockKind::kClutter) continue;
    if (b.kind == BlockKind::kTitle) {
      have_title = true;
      continue;
    }
    if (b.kind == BlockKind::kByline || b.kind == BlockKind::kDateline) {
      continue;
    }
    const std::string_view line = line_of(b);
    ReferenceDate date;
    std::string_view who;
    if (ParseDateLine(line, &date)) {
      b.kind = BlockKind::kDateline;
      if (!doc->published.known()) doc->published = date;
    } else if (ParseByLine(line, &who)) {
      b.kind = BlockKind::kByline;
      if (!have_byline) doc->byline = std::string(who);
      have_byline = true;
    } else if (!have_byline && !have_title && IsPersonName(line) &&
               !NextIsByOrDateLine(*doc, i)) {
      // A bare name on top is the author ("Anas Samir"), unless a "By" or
      // date line follows, which makes it a (short) headline.
      b.kind = BlockKind::kByline;
      doc->byline = std::string(line);
      have_byline = true;
    } else if (!have_title && IsTitleLike(line)) {
      b.kind = BlockKind::kTitle;
      std::string_view headline = line, outlet;
      if (SplitOutletSuffix(line, &headline, &outlet) && doc->outlet.empty()) {
        doc->outlet = std::string(outlet);
      }
      doc->title = std::string(headline);
      have_title = true;
    } else {
      first_body = i;
      break;
    }
  }
  for (Block& b : doc->blocks) {
    if (b.kind == BlockKind::kBody && IsContributorLine(line_of(b))) {
      b.kind = BlockKind::kByline;
    }
  }
  if (doc->dateline.empty()) {
    for (size_t i = first_body; i < doc->blocks.size(); ++i) {
      if (doc->blocks[i].kind != BlockKind::kBody) continue;
      doc->dateline = std::string(FindDateline(line_of(doc->blocks[i])));
      break;
    }
  }
}

}  // namespace internal
}  // namespace crosscheck
