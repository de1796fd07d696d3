// Small byte-level helpers shared by the ingest files. ASCII only: the
// classifiers compare against ASCII markers, and UTF-8 continuation bytes are
// never ASCII, so a byte test cannot split a character.
#ifndef CROSSCHECK_ENGINE_INGEST_TEXT_UTIL_H_
#define CROSSCHECK_ENGINE_INGEST_TEXT_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "crosscheck/document.h"

namespace crosscheck {
namespace internal {

inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiAlpha(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
inline bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
inline char AsciiLower(char c) {
  return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

// Bit 7 of each byte of `v` that is zero, and maybe of bytes above one.
inline uint64_t ZeroBytes(uint64_t v) {
  return (v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull;
}

// The first offset in [i, end) whose byte is one of `Bytes`, else `end`
// (REQUIRES: end <= s.size()). Eight bytes at a time (SWAR), for scans
// that look only at a few rare bytes of a text (sentence ends, quotes): a
// byte equal to x makes w ^ x*ones zero there, and the lowest byte the zero
// test marks is always a true zero (a false mark needs a true zero below).
template <unsigned char... Bytes>
size_t FindFirstOf(std::string_view s, size_t i, size_t end) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  while (i + 8 <= end) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    const uint64_t hits = (ZeroBytes(w ^ (Bytes * kOnes)) | ...);
    if (hits != 0) return i + (static_cast<size_t>(__builtin_ctzll(hits)) >> 3);
    i += 8;
  }
  while (i < end && ((static_cast<unsigned char>(s[i]) != Bytes) && ...)) ++i;
  return i;
}

// The first offset from `i` whose byte is not an ASCII letter (with
// kLowerOnly: not a lower-case one), eight bytes at a time (SWAR): most of
// a text's bytes are in runs of letters, and a byte at a time the loop's
// exit was a mispredicted branch a word. Bytes >= 0x80 end a run (their
// callers decode UTF-8 letters themselves).
template <bool kLowerOnly>
size_t SkipAsciiLetters(std::string_view s, size_t i) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  while (i + 8 <= s.size()) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    // Lower-cased (unless kLowerOnly), bit 7 cleared so that the additions
    // never carry into the next byte; bytes >= 0x80 are excluded by ~w.
    const uint64_t x = (kLowerOnly ? w : w | 0x20 * kOnes) & 0x7F * kOnes;
    // Bit 7 of each byte: x >= 'a' (0x61) and not x >= 0x7B.
    const uint64_t letters = (x + 0x1F * kOnes) & ~(x + 0x05 * kOnes) & ~w & 0x80 * kOnes;
    const uint64_t stops = ~letters & 0x80 * kOnes;
    if (stops != 0) return i + (static_cast<size_t>(__builtin_ctzll(stops)) >> 3);
    i += 8;
  }
  for (; i < s.size(); ++i) {
    const unsigned c = static_cast<unsigned char>(s[i]) | (kLowerOnly ? 0u : 0x20u);
    if (c - 'a' >= 26u) break;
  }
  return i;
}

// Returns `s` without leading and trailing ASCII whitespace.
inline std::string_view TrimSpace(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && IsAsciiSpace(s[b])) ++b;
  while (e > b && IsAsciiSpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// Narrows `span` (into `text`) to exclude surrounding ASCII whitespace.
inline Span TrimSpan(std::string_view text, Span span) {
  while (span.start < span.end && IsAsciiSpace(text[span.start])) ++span.start;
  while (span.end > span.start && IsAsciiSpace(text[span.end - 1])) --span.end;
  return span;
}

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

inline bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

inline bool EndsWithIgnoreCase(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         EqualsIgnoreCase(s.substr(s.size() - suffix.size()), suffix);
}

// Position of `needle` in `s` ignoring ASCII case, or npos. `needle` must be
// lower case.
inline size_t FindIgnoreCase(std::string_view s, std::string_view needle,
                             size_t from = 0) {
  if (needle.empty()) return from <= s.size() ? from : std::string_view::npos;
  const char first = needle[0];
  for (size_t i = from; i + needle.size() <= s.size(); ++i) {
    if (AsciiLower(s[i]) != first) continue;
    size_t k = 1;
    while (k < needle.size() && AsciiLower(s[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

// The last character of `s` that is not whitespace, a closing quote or a
// closing bracket (ASCII and UTF-8 curly quotes); an ellipsis (U+2026) counts
// as '.'. Returns '\0' when there is none, and '\x80' for other non-ASCII.
char LastSignificantChar(std::string_view s);

// `text` cut to at most `max` bytes at a character boundary, with "..."
// after a cut (for quotes in evidence).
std::string Excerpt(std::string_view text, size_t max);

}  // namespace internal
}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_INGEST_TEXT_UTIL_H_
