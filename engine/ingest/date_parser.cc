#include "engine/ingest/date_parser.h"

#include <vector>

#include "engine/ingest/text_util.h"

namespace crosscheck {
namespace internal {
namespace {

constexpr std::string_view kMonths[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

bool ParseDigits(std::string_view s, size_t n, int* out) {
  if (s.size() != n) return false;
  int v = 0;
  for (char c : s) {
    if (!IsAsciiDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

bool ValidDate(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
         d <= DaysInMonth(y, m);
}

// Splits at spaces and commas; keeps '.' and ':' inside tokens.
std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (IsAsciiSpace(s[i]) || s[i] == ',')) ++i;
    const size_t b = i;
    while (i < s.size() && !IsAsciiSpace(s[i]) && s[i] != ',') ++i;
    if (i > b) out.push_back(s.substr(b, i - b));
  }
  return out;
}

bool IsWeekday(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  static constexpr std::string_view kDays[] = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
      "sunday", "mon",     "tue",       "tues",     "wed",    "thu",
      "thur",   "thurs",   "fri",       "sat",      "sun"};
  for (auto d : kDays) {
    if (EqualsIgnoreCase(w, d)) return true;
  }
  return false;
}

// A day number "22", "22nd", "1st".
bool ParseDay(std::string_view w, int* day) {
  size_t n = 0;
  while (n < w.size() && IsAsciiDigit(w[n])) ++n;
  if (n == 0 || n > 2) return false;
  const std::string_view rest = w.substr(n);
  if (!rest.empty() && !EqualsIgnoreCase(rest, "st") &&
      !EqualsIgnoreCase(rest, "nd") && !EqualsIgnoreCase(rest, "rd") &&
      !EqualsIgnoreCase(rest, "th")) {
    return false;
  }
  return ParseDigits(w.substr(0, n), n, day);
}

// Time-of-day and zone tokens that may follow the date on a date line.
bool IsTimeToken(std::string_view w) {
  static constexpr std::string_view kWords[] = {
      "a.m",  "p.m", "a.m.", "p.m.", "am",  "pm", "gmt", "utc", "bst", "cet",
      "cest", "est", "edt",  "pst",  "pdt", "et", "pt",  "|",   "-",   "at"};
  for (auto k : kWords) {
    if (EqualsIgnoreCase(w, k)) return true;
  }
  // 9:15, 21:15:00, 10am, 9.15pm, +02:00
  size_t i = 0;
  if (!w.empty() && (w[0] == '+' || w[0] == '-')) i = 1;
  size_t digits = 0;
  for (; i < w.size(); ++i) {
    if (IsAsciiDigit(w[i])) {
      ++digits;
    } else if (w[i] != ':' && w[i] != '.') {
      break;
    }
  }
  if (digits == 0) return false;
  const std::string_view rest = w.substr(i);
  return rest.empty() || EqualsIgnoreCase(rest, "am") ||
         EqualsIgnoreCase(rest, "pm") || EqualsIgnoreCase(rest, "a.m") ||
         EqualsIgnoreCase(rest, "p.m") || EqualsIgnoreCase(rest, "a.m.") ||
         EqualsIgnoreCase(rest, "p.m.") || EqualsIgnoreCase(rest, "h");
}

}  // namespace

int MonthFromName(std::string_view word) {
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  if (word.size() < 3) return 0;
  for (int m = 0; m < 12; ++m) {
    const std::string_view name = kMonths[m];
    if (EqualsIgnoreCase(word, name)) return m + 1;
    if (word.size() == 3 && EqualsIgnoreCase(word, name.substr(0, 3))) {
      return m + 1;
    }
  }
  if (EqualsIgnoreCase(word, "sept")) return 9;
  return 0;
}

bool ParseIsoDate(std::string_view s, ReferenceDate* date) {
  s = TrimSpace(s);
  int y = 0, m = 0, d = 0;
  if (s.size() < 4 || !ParseDigits(s.substr(0, 4), 4, &y) || y < 1) {
    return false;
  }
  if (s.size() == 4) {
    *date = ReferenceDate{y, 0, 0};
    return true;
  }
  if (s[4] != '-' || s.size() < 7 || !ParseDigits(s.substr(5, 2), 2, &m) ||
      m < 1 || m > 12) {
    return false;
  }
  if (s.size() == 7) {
    *date = ReferenceDate{y, m, 0};
    return true;
  }
  if (s[7] != '-' || s.size() < 10 || !ParseDigits(s.substr(8, 2), 2, &d) ||
      !ValidDate(y, m, d)) {
    return false;
  }
  if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') {
    return false;
  }
  *date = ReferenceDate{y, m, d};
  return true;
}

bool ParseDateLine(std::string_view line, ReferenceDate* date) {
  line = TrimSpace(line);
  if (line.empty() || line.size() > 80) return false;
  std::vector<std::string_view> t = Tokens(line);
  size_t i = 0;
  // Leading words: "Published:", "Updated on", "Thursday,".
  while (i < t.size()) {
    std::string_view w = t[i];
    if (!w.empty() && w.back() == ':') w.remove_suffix(1);
    if (EqualsIgnoreCase(w, "published") || EqualsIgnoreCase(w, "updated") ||
        EqualsIgnoreCase(w, "posted") || EqualsIgnoreCase(w, "on") ||
        EqualsIgnoreCase(w, "date") || IsWeekday(w)) {
      ++i;
      continue;
    }
    break;
  }
  if (i >= t.size()) return false;
  ReferenceDate found;
  size_t used = 0;
  int day = 0, year = 0;
  if (ParseIsoDate(t[i], &found) && t[i].size() >= 10) {
    used = 1;
  } else if (i + 2 < t.size() && ParseDay(t[i], &day) &&
             MonthFromName(t[i + 1]) != 0 &&
             ParseDigits(t[i + 2], 4, &year)) {  // 22 Sep 2022
    found = ReferenceDate{year, MonthFromName(t[i + 1]), day};
    used = 3;
  } else if (i + 2 < t.size() && MonthFromName(t[i]) != 0 &&
             ParseDay(t[i + 1], &day) &&
             ParseDigits(t[i + 2], 4, &year)) {  // Sep 22, 2022
    found = ReferenceDate{year, MonthFromName(t[i]), day};
    used = 3;
  } else {
    return false;
  }
  if (!ValidDate(found.year, found.month, found.day)) return false;
  for (size_t k = i + used; k < t.size(); ++k) {
    if (!IsTimeToken(t[k])) return false;
  }
  *date = found;
  return true;
}

}  // namespace internal
}  // namespace crosscheck
