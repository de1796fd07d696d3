#include "engine/normalize/tokenizer.h"

#include "engine/ingest/text_util.h"

#include <cassert>
#include <cstdint>
#include <cstring>

namespace crosscheck {
namespace internal {
namespace {

// Byte classes, one table lookup per byte on the hot path.
enum : uint8_t { kOther = 0, kSpace = 1, kLetter = 2, kDigit = 3, kHigh = 4 };
struct ByteClasses {
  uint8_t of[256];
  constexpr ByteClasses() : of() {
    for (int c = 0; c < 256; ++c) {
      uint8_t k = kOther;
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        k = kSpace;
      else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        k = kLetter;
      else if (c >= '0' && c <= '9')
        k = kDigit;
      else if (c >= 0x80)
        k = kHigh;
      of[c] = k;
    }
  }
};
constexpr ByteClasses kClass;
inline uint8_t ClassOf(char c) { return kClass.of[static_cast<unsigned char>(c)]; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return ClassOf(c) == kLetter; }

// Decodes the UTF-8 sequence at text[pos]; returns its length (1 for invalid
// bytes, whose code point is then reported as 0xFFFD).
size_t DecodeUtf8(std::string_view text, size_t pos, uint32_t* cp) {
  const auto b0 = static_cast<unsigned char>(text[pos]);
  size_t len = 0;
  uint32_t c = 0;
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  } else if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    c = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    c = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    c = b0 & 0x07;
  } else {
    *cp = 0xFFFD;
    return 1;
  }
  if (pos + len > text.size()) {
    *cp = 0xFFFD;
    return 1;
  }
  for (size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(text[pos + i]);
    if ((b & 0xC0) != 0x80) {
      *cp = 0xFFFD;
      return 1;
    }
    c = (c << 6) | (b & 0x3F);
  }
  *cp = c;
  return len;
}

bool IsSpaceCodePoint(uint32_t cp) {
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

// Non-ASCII code points that are punctuation or symbols rather than letters:
// Latin-1 punctuation/symbols (£ ² ³ ° « »), × ÷, general punctuation
// (’ “ ” – — …), currency signs (€), letter-like symbols and arrows.
bool IsSymbolCodePoint(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
         (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
         cp == 0xFFFD || (cp >= 0xFE30 && cp <= 0xFE6F) ||
         (cp >= 0x1F000 && cp <= 0x1FAFF);
}

// Scans a number starting at text[pos] (a digit). Fills `tok` and returns the
// end offset.
size_t ScanNumber(std::string_view text, size_t pos, Token* tok) {
  const size_t n = text.size();
  size_t p = pos;
  double value = 0;
  while (p < n && IsDigit(text[p])) value = value * 10 + (text[p++] - '0');
  int digits = static_cast<int>(p - pos);
  // Clock time: 9:15, 21:30:05.
  if (digits <= 2 && p + 2 < n && text[p] == ':' && IsDigit(text[p + 1]) &&
      IsDigit(text[p + 2]) && (p + 3 >= n || !IsDigit(text[p + 3]))) {
    p += 3;
    if (p + 2 < n && text[p] == ':' && IsDigit(text[p + 1]) &&
        IsDigit(text[p + 2]) && (p + 3 >= n || !IsDigit(text[p + 3]))) {
      p += 3;
    }
    tok->type = TokenType::kTime;
    return p;
  }
  tok->type = TokenType::kNumber;
  // Thousands separators: exactly three digits after each comma, and the
  // first group no longer than three digits ("1,234,567", not "22,24,26").
  if (digits <= 3) {
    while (p + 3 < n && text[p] == ',' && IsDigit(text[p + 1]) &&
           IsDigit(text[p + 2]) && IsDigit(text[p + 3]) &&
           (p + 4 >= n || !IsDigit(text[p + 4]))) {
      for (size_t k = 1; k <= 3; ++k) value = value * 10 + (text[p + k] - '0');
      digits += 3;
      p += 4;
      tok->grouped = true;
    }
  }
  if (p + 1 < n && text[p] == '.' && IsDigit(text[p + 1])) {
    ++p;
    double scale = 0.1;
    while (p < n && IsDigit(text[p])) {
      value += scale * (text[p++] - '0');
      scale /= 10;
    }
    tok->decimal = true;
    while (p + 1 < n && text[p] == '.' && IsDigit(text[p + 1])) {
      ++p;
      while (p < n && IsDigit(text[p])) ++p;
      tok->version = true;
    }
  }
  tok->number = value;
  tok->int_digits = static_cast<uint8_t>(digits > 255 ? 255 : digits);
  return p;
}

}  // namespace

void Tokenize(std::string_view text, std::vector<Token>* tokens,
              TokenMarks* marks, uint32_t lead_flags,
              uint32_t lead_before_flags) {
  assert(text.size() < UINT32_MAX && "Token offsets are 32-bit");
  tokens->clear();
  if (marks != nullptr) {
    marks->numbers.clear();
    marks->leads.clear();
  }
  // A word that leads only before a number, a '-' or a lexicon word waits
  // here for the next token (it is always the token before it).
  constexpr uint32_t kNone = UINT32_MAX;
  uint32_t pending = kNone;
  auto settle = [&](bool next_qualifies) {
    if (pending != kNone && next_qualifies) marks->leads.push_back(pending);
    pending = kNone;
  };
  tokens->reserve(text.size() / 4 + 8);
  const LexTable& lexicon = LexiconTable();
  const size_t n = text.size();
  size_t pos = 0;
  while (pos < n) {
    const char c = text[pos];
    const uint8_t cls = ClassOf(c);
    if (cls == kSpace) {
      ++pos;
      continue;
    }
    // Tokens are written in place (emplace_back, then field by field):
    // building one on the stack and copying it made the 32-byte copy wait on
    // the narrower stores before it, a third of this loop's time.
    if (cls == kDigit) {
      Token& tok = tokens->emplace_back();
      tok.start = static_cast<uint32_t>(pos);
      pos = ScanNumber(text, pos, &tok);
      tok.end = static_cast<uint32_t>(pos);
      if (marks != nullptr) {
        settle(tok.type == TokenType::kNumber);
        if (tok.type == TokenType::kNumber) {
          const auto index = static_cast<uint32_t>(tokens->size() - 1);
          marks->numbers.push_back(index);
          marks->leads.push_back(index);
        }
      }
      continue;
    }
    uint32_t cp = 0;
    size_t len = DecodeUtf8(text, pos, &cp);
    if (cp >= 0x80 && IsSpaceCodePoint(cp)) {
      pos += len;
      continue;
    }
    const bool letter = cp < 0x80 ? IsAsciiLetter(c) : !IsSymbolCodePoint(cp);
    if (!letter) {
      Token& tok = tokens->emplace_back();
      tok.start = static_cast<uint32_t>(pos);
      tok.end = static_cast<uint32_t>(pos + len);
      tok.type = TokenType::kPunct;
      if (marks != nullptr) {
        settle(c == '-');
        if (c == '-' || c == '.' || c == '$' || c == '\xC2' || c == '\xE2')
          marks->leads.push_back(static_cast<uint32_t>(tokens->size() - 1));
      }
      pos += len;
      continue;
    }
    // A word: letters until a digit, space, punctuation or symbol (ASCII
    // letters are the fast path).
    size_t p = pos + len;
    bool ascii = cp < 0x80;
    p = SkipAsciiLetters</*kLowerOnly=*/false>(text, p);
    while (p < n) {
      const uint8_t k = ClassOf(text[p]);
      if (k == kLetter) {
        ++p;
        continue;
      }
      if (k != kHigh) break;
      ascii = false;
      uint32_t cp2 = 0;
      const size_t len2 = DecodeUtf8(text, p, &cp2);
      if (IsSymbolCodePoint(cp2) || IsSpaceCodePoint(cp2)) break;
      p += len2;
    }
    const std::string_view word = text.substr(pos, p - pos);
    Token& tok = tokens->emplace_back();
    tok.start = static_cast<uint32_t>(pos);
    tok.end = static_cast<uint32_t>(p);
    tok.type = TokenType::kWord;
    // No lexicon word is longer than 24 bytes.
    tok.lex = word.size() <= 24
                  ? lexicon.Find(word, LexHash(word, n - pos), ascii)
                  : nullptr;
    if (marks != nullptr) {
      settle(tok.lex != nullptr);
      if (tok.lex != nullptr) {
        const auto index = static_cast<uint32_t>(tokens->size() - 1);
        if (tok.lex->flags & lead_flags)
          marks->leads.push_back(index);
        else if (tok.lex->flags & lead_before_flags)
          pending = index;
      }
    }
    pos = p;
  }
}

}  // namespace internal
}  // namespace crosscheck
