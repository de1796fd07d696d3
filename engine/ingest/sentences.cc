#include "engine/ingest/sentences.h"

#include "engine/ingest/text_util.h"

namespace crosscheck {
namespace internal {
namespace {

// What a period after a word means.
enum class AbbrevKind {
  kNone,       // an ordinary word: the period may end the sentence
  kNeverEnds,  // "Mr.", "Jan.", "e.g.": a sentence never ends here
  kMayEnd,     // "U.S.", "Inc.", "etc.": ends only before an opener word
};

struct Abbrev {
  std::string_view word;  // lower case, without the final period
  AbbrevKind kind;
};

constexpr Abbrev kAbbrevs[] = {
    {"mr", AbbrevKind::kNeverEnds},   {"mrs", AbbrevKind::kNeverEnds},
    {"ms", AbbrevKind::kNeverEnds},   {"dr", AbbrevKind::kNeverEnds},
    {"st", AbbrevKind::kNeverEnds},   {"gen", AbbrevKind::kNeverEnds},
    {"gov", AbbrevKind::kNeverEnds},  {"sen", AbbrevKind::kNeverEnds},
    {"rep", AbbrevKind::kNeverEnds},  {"prof", AbbrevKind::kNeverEnds},
    {"lt", AbbrevKind::kNeverEnds},   {"col", AbbrevKind::kNeverEnds},
    {"capt", AbbrevKind::kNeverEnds}, {"sgt", AbbrevKind::kNeverEnds},
    {"no", AbbrevKind::kNeverEnds},   {"vs", AbbrevKind::kNeverEnds},
    {"e.g", AbbrevKind::kNeverEnds},  {"i.e", AbbrevKind::kNeverEnds},
    {"jan", AbbrevKind::kNeverEnds},  {"feb", AbbrevKind::kNeverEnds},
    {"aug", AbbrevKind::kNeverEnds},  {"sept", AbbrevKind::kNeverEnds},
    {"sep", AbbrevKind::kNeverEnds},  {"oct", AbbrevKind::kNeverEnds},
    {"nov", AbbrevKind::kNeverEnds},  {"dec", AbbrevKind::kNeverEnds},
    {"jr", AbbrevKind::kMayEnd},      {"sr", AbbrevKind::kMayEnd},
    {"inc", AbbrevKind::kMayEnd},     {"ltd", AbbrevKind::kMayEnd},
    {"co", AbbrevKind::kMayEnd},      {"corp", AbbrevKind::kMayEnd},
    {"etc", AbbrevKind::kMayEnd},     {"a.m", AbbrevKind::kMayEnd},
    {"p.m", AbbrevKind::kMayEnd},
};

// Words that open a sentence often and rarely follow an abbreviation inside
// one ("the U.S. The ..." vs "the U.S. Government").
constexpr std::string_view kOpeners[] = {
    "The",   "This",  "That",     "These",     "Those", "It",    "Its",
    "He",    "She",   "They",     "We",        "I",     "In",    "On",
    "At",    "But",   "And",      "A",         "An",    "His",   "Her",
    "Their", "There", "As",       "When",      "While", "After", "Before",
    "If",    "So",    "Yet",      "However",   "Doing", "Some",  "Many",
    "Now",   "Since", "Although", "Meanwhile", "Still", "Then",  "Our",
};

bool IsUtf8Upper(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return IsAsciiUpper(s[i]);
  if (i + 1 >= s.size()) return false;
  const unsigned char d = static_cast<unsigned char>(s[i + 1]);
  if (c == 0xC3) return d >= 0x80 && d <= 0x9E && d != 0x97;  // À-Þ
  if (c == 0xC4 || c == 0xC5) return (d & 1) == 0;  // Latin Extended-A, roughly
  return false;
}

// Length of an opening or closing quote at s[i] (ASCII or curly), or 0.
size_t QuoteLength(std::string_view s, size_t i) {
  if (s[i] == '"' || s[i] == '\'') return 1;
  if (i + 2 < s.size() && s.substr(i, 2) == "\xE2\x80") {
    const unsigned char c = static_cast<unsigned char>(s[i + 2]);
    if (c >= 0x98 && c <= 0x9F) return 3;  // ‘ ’ ‚ ‛ “ ” „ ‟
  }
  if (s.substr(i, 2) == "\xC2\xAB" || s.substr(i, 2) == "\xC2\xBB") return 2;
  return 0;
}

AbbrevKind ClassifyWordBeforePeriod(std::string_view word) {
  if (word.empty()) return AbbrevKind::kNone;
  // Single-letter initial: "J." in "Donald J. Trump".
  if (word.size() == 1 && IsAsciiUpper(word[0])) return AbbrevKind::kNeverEnds;
  for (const Abbrev& a : kAbbrevs) {
    if (EqualsIgnoreCase(word, a.word)) {
      // "No." only as a capitalised abbreviation ("No. 5"), not "said no."
      if (a.word == "no" && word[0] != 'N') return AbbrevKind::kNone;
      return a.kind;
    }
  }
  // Dotted acronyms: "F.B.I", "U.S", "M.E.K" (letters separated by dots).
  if (word.find('.') != std::string_view::npos) {
    bool acronym = true;
    for (size_t i = 0; i < word.size(); ++i) {
      const bool letter_slot = i % 2 == 0;
      if (letter_slot ? !IsAsciiAlpha(word[i]) : word[i] != '.') {
        acronym = false;
        break;
      }
    }
    if (acronym) return AbbrevKind::kMayEnd;
  }
  return AbbrevKind::kNone;
}

bool StartsWithOpener(std::string_view rest) {
  for (std::string_view w : kOpeners) {
    if (rest.size() >= w.size() && rest.substr(0, w.size()) == w &&
        (rest.size() == w.size() || !IsAsciiAlnum(rest[w.size()]))) {
      return true;
    }
  }
  return false;
}

}  // namespace

void SplitSentences(std::string_view text, Span block, std::vector<Span>* out) {
  // A piece without a letter or digit (a stray closing quote) is no sentence.
  const auto emit_piece = [&](size_t b, size_t e) {
    const Span s = TrimSpan(text, Span{b, e});
    for (size_t k = s.start; k < s.end; ++k) {
      const unsigned char c = static_cast<unsigned char>(text[k]);
      if (IsAsciiAlnum(text[k]) || (c >= 0xC3 && c != 0xE2)) {
        out->push_back(s);
        return;
      }
    }
  };
  // Pieces of at most kMaxSentenceBytes, cut at the last whitespace in the
  // second half of the limit, else at a character boundary.
  const auto emit = [&](size_t b, size_t e) {
    while (e - b > kMaxSentenceBytes) {
      size_t cut = b + kMaxSentenceBytes;
      size_t k = cut;
      while (k > b + kMaxSentenceBytes / 2 && !IsAsciiSpace(text[k])) --k;
      if (IsAsciiSpace(text[k])) {
        cut = k;
      } else {
        while (cut > b && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      }
      emit_piece(b, cut);
      b = cut;
    }
    emit_piece(b, e);
  };
  size_t start = block.start;
  size_t i = block.start;
  const size_t end = block.end;
  while (i < end) {
    // '.', '!', '?' or the first byte of "…".
    i = FindFirstOf<'.', '!', '?', 0xE2>(text, i, end);
    if (i >= end) break;
    const char c = text[i];
    size_t term_end;  // one past the terminator run
    if (c == '.' || c == '!' || c == '?') {
      term_end = i + 1;
    } else if (c == '\xE2' && text.substr(i, 3) == "\xE2\x80\xA6") {
      term_end = i + 3;
    } else {
      ++i;
      continue;
    }
    // Runs like "?!", "...", ".”" and ".)" belong to the sentence.
    while (term_end < end) {
      const char d = text[term_end];
      if (d == '.' || d == '!' || d == '?' || d == ')' || d == ']') {
        ++term_end;
      } else if (text.substr(term_end, 3) == "\xE2\x80\xA6") {
        term_end += 3;
      } else if (size_t q = QuoteLength(text, term_end);
                 q > 0 && term_end + q <= end) {
        term_end += q;
      } else {
        break;
      }
    }
    // Need whitespace, then an opener character.
    size_t next = term_end;
    while (next < end && IsAsciiSpace(text[next])) ++next;
    if (next == term_end || next >= end) {
      i = term_end;
      continue;
    }
    size_t first = next;  // first letter after any opening quote/bracket
    if (text[first] == '(' || text[first] == '[') {
      ++first;
    } else if (size_t q = QuoteLength(text, first); q > 0) {
      first += q;
    }
    const bool opener_char =
        first != next || (first < end && (IsUtf8Upper(text, first) ||
                                          IsAsciiDigit(text[first])));
    if (!opener_char) {
      i = term_end;
      continue;
    }
    if (c == '.' && term_end == i + 1) {
      // Word before the period, dots included ("U.S", "e.g").
      size_t ws = i;
      while (ws > block.start &&
             (IsAsciiAlnum(text[ws - 1]) || text[ws - 1] == '.')) {
        --ws;
      }
      const AbbrevKind kind = ClassifyWordBeforePeriod(text.substr(ws, i - ws));
      if (kind == AbbrevKind::kNeverEnds ||
          (kind == AbbrevKind::kMayEnd &&
           !StartsWithOpener(text.substr(next, end - next)))) {
        i = term_end;
        continue;
      }
    }
    emit(start, term_end);
    start = next;
    i = next;
  }
  emit(start, end);
}

}  // namespace internal
}  // namespace crosscheck
