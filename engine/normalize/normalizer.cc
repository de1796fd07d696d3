// Normalizer: tokenizer (tokenizer.h) + pattern logic over tokens.
//
// Extract() tokenizes once, marks number tokens that can never be values
// (identifiers such as "COVID-19", "G7", "1xbit", versions, phone numbers,
// comma lists), then walks the tokens left to right. At each token every
// matcher proposes a candidate; the longest wins (ties: the first matcher in
// the list), its tokens are consumed, and the walk resumes after it. A
// candidate may be a suppression (emit == false): it consumes tokens that
// must not yield values ("Article 5", "one of", "July 15" with no reference
// year) so that no shorter matcher picks them up again.
//
// Span conventions (the rules stage reads the words around a span):
//   - qualifiers are inside the span ("some 1000", "more than a thousand");
//   - prepositions are outside ("since 2013" -> "2013", "in September" ->
//     "September", "on Tuesday" -> "Tuesday"), except in ranges, where the
//     opening word is inside ("between 20 and 30", "From A to B");
//   - a span ends at the end of the number or its unit, so the counted noun
//     follows it ("3,000 members" -> "3,000");
//   - "thousands of" -> "thousands"; "the 1990s" -> "1990s";
//   - a clock time after a date belongs to the date ("22 Sep 2022 9:15 p.m").
#include "engine/normalize/normalizer.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "engine/normalize/lexicon.h"
#include "engine/normalize/tokenizer.h"

namespace crosscheck {
namespace {

using internal::EqualsIgnoreCase;
using internal::Lex;
using internal::Token;
using internal::TokenType;

// Qualifier as read from the text; kNearly ("nearly", "almost") is reported
// as kApprox.
enum class Qual {
  kNone,
  kApprox,
  kNearly,
  kMoreThan,
  kAtLeast,
  kFewerThan,
  kAtMost,
};

struct QualPhrase {
  std::string_view words[3];
  size_t count;
  Qual qual;
};

constexpr QualPhrase kQualPhrases[] = {
    {{"no", "more", "than"}, 3, Qual::kAtMost},
    {{"not", "more", "than"}, 3, Qual::kAtMost},
    {{"no", "fewer", "than"}, 3, Qual::kAtLeast},
    {{"no", "less", "than"}, 3, Qual::kAtLeast},
    {{"not", "less", "than"}, 3, Qual::kAtLeast},
    {{"in", "excess", "of"}, 3, Qual::kMoreThan},
    {{"as", "many", "as"}, 3, Qual::kAtMost},
    {{"more", "than"}, 2, Qual::kMoreThan},
    {{"just", "over"}, 2, Qual::kMoreThan},
    {{"well", "over"}, 2, Qual::kMoreThan},
    {{"upwards", "of"}, 2, Qual::kMoreThan},
    {{"over"}, 1, Qual::kMoreThan},
    {{"above"}, 1, Qual::kMoreThan},
    {{"at", "least"}, 2, Qual::kAtLeast},
    {{"fewer", "than"}, 2, Qual::kFewerThan},
    {{"less", "than"}, 2, Qual::kFewerThan},
    {{"just", "under"}, 2, Qual::kFewerThan},
    {{"under"}, 1, Qual::kFewerThan},
    {{"below"}, 1, Qual::kFewerThan},
    {{"up", "to"}, 2, Qual::kAtMost},
    {{"at", "most"}, 2, Qual::kAtMost},
    {{"an", "estimated"}, 2, Qual::kApprox},
    {{"estimated"}, 1, Qual::kApprox},
    {{"some"}, 1, Qual::kApprox},
    {{"about"}, 1, Qual::kApprox},
    {{"around"}, 1, Qual::kApprox},
    {{"roughly"}, 1, Qual::kApprox},
    {{"approximately"}, 1, Qual::kApprox},
    {{"circa"}, 1, Qual::kApprox},
    {{"close", "to"}, 2, Qual::kNearly},
    {{"nearly"}, 1, Qual::kNearly},
    {{"almost"}, 1, Qual::kNearly},
};

// Words before a bare month name that make it a date ("in September").
constexpr std::string_view kMonthPrepositions[] = {
    "in",     "since", "until", "till", "by",      "during",
    "before", "after", "from",  "of",   "through", "throughout",
    "late",   "early", "mid",   "since"};

// Words before "one" that make it a pronoun ("no one", "the one").
constexpr std::string_view kOnePronounBefore[] = {
    "no",   "any",   "every", "each",    "the",    "this",
    "that", "which", "only",  "someone", "anyone", "everyone"};

// Words before "a week" that make it a rate ("twice a week").
constexpr std::string_view kRateBefore[] = {"once", "twice", "thrice", "times",
                                            "per"};

// A value proposed by a matcher at one token.
struct Cand {
  bool ok = false;
  bool emit = true;    // false: consume tokens, report nothing
  size_t end_tok = 0;  // first token after the match
  Value value;
  // Calendar candidates without a year in the text: the month and days, so a
  // range ("from July 13 to August 10, 2022") can take the year of its end.
  bool partial = false;
  int month = 0;
  int day_lo = 0;  // 0 = whole month
  int day_hi = 0;
  // Number candidates: the multiplier that was applied ("3 million" -> 1e6).
  double scale = 1;
  bool plain_number = false;  // an exact count with no unit
};

struct Num {
  size_t end = 0;
  double value = 0;
  double scale = 1;
  bool plain4 = false;  // one 4-digit numeral: no separators, no multiplier
  bool ordinal = false;
  bool one_word = false;  // the single word "one"
};

bool IsIntegral(double v) { return std::floor(v) == v; }

// The interval states what the text states: an approximation keeps its
// number ("some 1000": 1000..1000, approx), a comparative keeps its bound on
// its own side ("more than 30": 30..inf, more_than; whether the bound is
// included is the qualifier's to say). How wide "about" is, is for compare.
void ApplyQualifier(Qual q, double n, Value* v) {
  v->lo = v->hi = n;
  switch (q) {
    case Qual::kNone:
      v->qualifier = Qualifier::kExact;
      break;
    case Qual::kApprox:
    case Qual::kNearly:
      v->qualifier = Qualifier::kApprox;
      break;
    case Qual::kMoreThan:
      v->hi = kUnbounded;
      v->qualifier = Qualifier::kMoreThan;
      break;
    case Qual::kAtLeast:
      v->hi = kUnbounded;
      v->qualifier = Qualifier::kAtLeast;
      break;
    case Qual::kFewerThan:
      v->lo = -kUnbounded;
      v->qualifier = Qualifier::kFewerThan;
      break;
    case Qual::kAtMost:
      v->lo = -kUnbounded;
      v->qualifier = Qualifier::kAtMost;
      break;
  }
}

int WeekdayOf(int64_t days) {  // 0 = Sunday; 1970-01-01 was a Thursday
  return static_cast<int>(((days % 7) + 7 + 4) % 7);
}

// One Extract() call: the text, its tokens and the reference. Not shared
// between threads; everything in it lives for one call.
class Scanner {
 public:
  Scanner(std::string_view text, const ReferenceDate& ref)
      : text_(text), ref_(ref) {
    internal::Tokenize(text, &toks_);
    MarkUsable();
  }

  std::vector<Value> Run() {
    std::vector<Value> out;
    size_t i = 0;
    const size_t n = toks_.size();
    while (i < n) {
      Cand best;
      Consider(&best, MatchLabel(i));
      Consider(&best, MatchRange(i));
      Consider(&best, MatchCalendar(i));
      Consider(&best, MatchRelative(i));
      Consider(&best, MatchNumberPhrase(i, /*allow_qualifier=*/true));
      if (!best.ok || best.end_tok <= i) {
        ++i;
        continue;
      }
      if (best.emit) out.push_back(best.value);
      i = best.end_tok;
    }
    return out;
  }

 private:
  // ---- token helpers ------------------------------------------------------

  static void Consider(Cand* best, const Cand& c) {
    if (c.ok && (!best->ok || c.end_tok > best->end_tok)) *best = c;
  }

  size_t size() const { return toks_.size(); }
  std::string_view Text(size_t j) const {
    return text_.substr(toks_[j].start, toks_[j].end - toks_[j].start);
  }
  bool IsWord(size_t j) const {
    return j < size() && toks_[j].type == TokenType::kWord;
  }
  bool IsNumber(size_t j) const {
    return j < size() && toks_[j].type == TokenType::kNumber;
  }
  bool IsWordEq(size_t j, std::string_view w) const {
    return IsWord(j) && EqualsIgnoreCase(Text(j), w);
  }
  bool IsPunct(size_t j, std::string_view p) const {
    return j < size() && toks_[j].type == TokenType::kPunct && Text(j) == p;
  }
  bool IsDash(size_t j) const {
    return IsPunct(j, "-") || IsPunct(j, "\xE2\x80\x93");  // - or en dash
  }
  bool Adjacent(size_t a, size_t b) const {
    return a < size() && b < size() && toks_[a].end == toks_[b].start;
  }
  const Lex* LexAt(size_t j) const {
    return IsWord(j) ? toks_[j].lex : nullptr;
  }
  bool HasFlag(size_t j, uint32_t flag) const {
    const Lex* l = LexAt(j);
    return l != nullptr && (l->flags & flag) != 0;
  }
  bool Capitalized(size_t j) const {
    const char c = text_[toks_[j].start];
    return c >= 'A' && c <= 'Z';
  }
  bool PrevWordIn(size_t j, const std::string_view* list, size_t count) const {
    if (j == 0 || !IsWord(j - 1)) return false;
    for (size_t k = 0; k < count; ++k) {
      if (IsWordEq(j - 1, list[k])) return true;
    }
    return false;
  }

  // Words ending in -ed, -ing or -ly after "one" are verbs or adverbs, so the
  // "one" is a pronoun ("one linked to Iran").
  bool LooksLikeVerb(size_t j) const {
    const std::string_view w = Text(j);
    auto ends = [&](std::string_view suf) {
      return w.size() > suf.size() + 1 &&
             EqualsIgnoreCase(w.substr(w.size() - suf.size()), suf);
    };
    return ends("ed") || ends("ing") || ends("ly");
  }

  Value MakeValue(size_t first, size_t last_excl, ValueKind kind) const {
    Value v;
    v.start = toks_[first].start;
    v.end = toks_[last_excl - 1].end;
    v.kind = kind;
    return v;
  }

  // ---- usable numbers -----------------------------------------------------

  // A number token is usable when it stands on its own: not glued to letters
  // ("G7", "4G", "1xbit"), not inside an identifier ("COVID-19", URLs),
  // not a version ("2.3.1"), not part of a comma list ("22,24,26") or a
  // phone number ("555-123-4567", "+1 555 ...").
  void MarkUsable() {
    const size_t n = size();
    usable_.assign(n, false);
    for (size_t j = 0; j < n; ++j) {
      if (!IsNumber(j) || toks_[j].version) continue;
      bool ok = true;
      if (j > 0 && Adjacent(j - 1, j)) {
        const Token& p = toks_[j - 1];
        const std::string_view pt = Text(j - 1);
        if (p.type == TokenType::kWord || p.type == TokenType::kNumber ||
            p.type == TokenType::kTime) {
          ok = false;
        } else if (pt == "/" || pt == "_" || pt == "@" || pt == "#" ||
                   pt == "\\" || pt == "." || pt == ":" || pt == "&" ||
                   pt == "=" || pt == "+") {
          ok = false;
        } else if (pt == "-" && j > 1 && Adjacent(j - 2, j - 1) &&
                   IsWord(j - 2)) {
          ok = false;  // COVID-19, F-16
        } else if (pt == "," && j > 1 && Adjacent(j - 2, j - 1) &&
                   IsNumber(j - 2)) {
          ok = false;  // 22,24,26
        }
      }
      if (ok && Adjacent(j, j + 1)) {
        const std::string_view nt = Text(j + 1);
        if (IsWord(j + 1)) {
          const Lex* l = toks_[j + 1].lex;
          const uint32_t glued =
              internal::kOrdinalSuffix | internal::kGluedMultiplier |
              internal::kMoneyMultiplier | internal::kUnitWord;
          ok = nt == "M" || nt == "s" || nt == "B" ||
               (l != nullptr && (l->flags & glued) != 0);
          // "1win", "4G": letters after the unit make it an identifier.
          if (ok && Adjacent(j + 1, j + 2) && IsWord(j + 2)) ok = false;
        } else if (IsNumber(j + 1)) {
          ok = false;
        } else if (nt == "/" || nt == "_" || nt == "@") {
          ok = false;
        } else if (nt == "," && Adjacent(j + 1, j + 2) && IsNumber(j + 2)) {
          ok = false;
        } else if (nt == "." && Adjacent(j + 1, j + 2) && IsWord(j + 2)) {
          ok = false;  // "3.com"
        }
      }
      usable_[j] = ok;
    }
    MarkPhoneChains();
  }

  // Next number linked to number j by one space or one adjacent '-' / '.';
  // returns size() when there is none.
  size_t LinkedNumber(size_t j) const {
    const size_t n = size();
    if (j + 1 < n && IsNumber(j + 1) &&
        toks_[j + 1].start == toks_[j].end + 1 && text_[toks_[j].end] == ' ') {
      return j + 1;
    }
    if (j + 2 < n && (IsPunct(j + 1, "-") || IsPunct(j + 1, ".")) &&
        Adjacent(j, j + 1) && Adjacent(j + 1, j + 2) && IsNumber(j + 2)) {
      return j + 2;
    }
    // "(555) 123-4567"
    if (j + 2 < n && IsPunct(j + 1, ")") && Adjacent(j, j + 1) &&
        IsNumber(j + 2) && toks_[j + 2].start == toks_[j + 1].end + 1) {
      return j + 2;
    }
    return n;
  }

  void MarkPhoneChains() {
    const size_t n = size();
    for (size_t j = 0; j < n; ++j) {
      if (!IsNumber(j)) continue;
      if (j > 0 && IsNumber(j - 1) && LinkedNumber(j - 1) == j) continue;
      if (j > 1 && IsNumber(j - 2) && LinkedNumber(j - 2) == j) continue;
      size_t len = 1;
      size_t k = j;
      while (LinkedNumber(k) < n) {
        k = LinkedNumber(k);
        ++len;
      }
      const bool plus = j > 0 && IsPunct(j - 1, "+") && Adjacent(j - 1, j);
      // ISO date 2022-09-07: 4-2-2 digits joined by '-'.
      const bool iso = len == 3 && toks_[j].int_digits == 4 &&
                       IsPunct(j + 1, "-") && k == j + 4;
      if ((len >= 3 && !iso) || (plus && len >= 2)) {
        for (size_t m = j; m <= k; ++m) usable_[m] = false;
      }
    }
  }

  // ---- numbers ------------------------------------------------------------

  // Parses a number at token j: digits ("3,000", "2.5", "10M", "1.2
  // billion") or words ("a thousand", "two hundred and two thousand",
  // "twenty-fifth"). `money`: a currency sign came first, so "m" and "b"
  // glued or after a space are multipliers.
  bool ParseNumber(size_t j, bool money, Num* num) const {
    if (j >= size()) return false;
    if (IsNumber(j)) {
      if (!usable_[j]) return false;
      const Token& t = toks_[j];
      num->value = t.number;
      num->end = j + 1;
      if (Adjacent(j, j + 1) && IsWord(j + 1)) {
        const std::string_view w = Text(j + 1);
        const Lex* l = toks_[j + 1].lex;
        const uint32_t f = l ? l->flags : 0;
        if ((f & internal::kOrdinalSuffix) && !t.decimal && !t.grouped) {
          num->ordinal = true;
          num->end = j + 2;
          return true;
        }
        if (w == "s") return false;  // decades are calendar values
        double mult = 0;
        if (w == "M") {
          mult = 1e6;
        } else if (w == "B" && money) {
          mult = 1e9;
        } else if (f & internal::kGluedMultiplier) {
          mult = l->multiplier;
        } else if ((money || HasFlag(j + 2, internal::kCountedNoun)) &&
                   (f & internal::kMoneyMultiplier)) {
          mult = l->multiplier;  // "$1m", "1.5m people"
        }
        if (mult > 0) {
          num->value *= mult;
          num->scale = mult;
          num->end = j + 2;
        }
      } else if (IsWord(j + 1)) {
        const Lex* l = toks_[j + 1].lex;
        const uint32_t f = l ? l->flags : 0;
        if ((f & internal::kScaleWord) ||
            (money && (f & internal::kMoneyMultiplier))) {
          const double mult =
              (f & internal::kScaleWord) ? l->cardinal : l->multiplier;
          num->value *= mult;
          num->scale = mult;
          num->end = j + 2;
        }
      }
      num->plain4 =
          !t.grouped && !t.decimal && t.int_digits == 4 && num->scale == 1;
      return true;
    }
    return ParseNumberWords(j, num);
  }

  bool ParseNumberWords(size_t j, Num* num) const {
    enum Last { kStart, kUnit, kTens, kHundred, kScale, kAnd };
    size_t k = j;
    bool a_prefix = false;
    if (IsWordEq(k, "a") || IsWordEq(k, "an")) {
      if (!HasFlag(k + 1, internal::kHundredWord | internal::kScaleWord)) {
        return false;
      }
      const Lex* l = LexAt(k + 1);
      if (l->cardinal < 100 && !(l->flags & internal::kHundredWord))
        return false;
      a_prefix = true;
      ++k;
    }
    double total = 0;
    double current = 0;
    Last last = kStart;
    bool any = false;
    double scale = 1;
    while (k < size() && IsWord(k)) {
      const Lex* l = toks_[k].lex;
      if (l == nullptr) break;
      const uint32_t f = l->flags;
      if (f & internal::kCardinalWord) {
        const double v = l->cardinal;
        if (v < 20) {
          if (!(last == kStart || last == kTens || last == kHundred ||
                last == kScale || last == kAnd)) {
            break;
          }
          if (last == kTens && (v == 0 || v >= 10)) break;
        } else if (!(last == kStart || last == kHundred || last == kScale ||
                     last == kAnd)) {
          break;
        }
        current += v;
        last = v < 20 ? kUnit : kTens;
        any = true;
        ++k;
        // "twenty-five", "twenty-fifth"
        if (last == kTens && IsPunct(k, "-") && Adjacent(k - 1, k) &&
            Adjacent(k, k + 1)) {
          const Lex* n2 = LexAt(k + 1);
          if (n2 != nullptr &&
              (((n2->flags & internal::kCardinalWord) && n2->cardinal >= 1 &&
                n2->cardinal <= 9) ||
               ((n2->flags & internal::kOrdinalWord) && n2->ordinal <= 9))) {
            ++k;
          }
        }
        continue;
      }
      if ((f & internal::kOrdinalWord) &&
          (last == kStart || last == kTens || last == kAnd)) {
        if (a_prefix) break;
        num->value = total + current + l->ordinal;
        num->ordinal = true;
        num->end = k + 1;
        return true;
      }
      if ((f & internal::kHundredWord) &&
          (last == kUnit || last == kTens || (last == kStart && a_prefix))) {
        current = (current == 0 ? 1 : current) * l->cardinal;
        last = kHundred;
        any = true;
        ++k;
        continue;
      }
      if ((f & internal::kScaleWord) && l->cardinal >= 1000 &&
          (last == kUnit || last == kTens || last == kHundred ||
           (last == kStart && a_prefix))) {
        total += (current == 0 ? 1 : current) * l->cardinal;
        scale = l->cardinal;
        current = 0;
        last = kScale;
        any = true;
        ++k;
        continue;
      }
      if (EqualsIgnoreCase(Text(k), "and") &&
          (last == kHundred || last == kScale) &&
          HasFlag(k + 1, internal::kCardinalWord)) {
        last = kAnd;
        ++k;
        continue;
      }
      break;
    }
    if (!any) return false;
    // "one-third", "two-thirds": fractions are not counts.
    if (IsPunct(k, "-") && Adjacent(k - 1, k) &&
        HasFlag(k + 1, internal::kFraction)) {
      return false;
    }
    num->value = total + current;
    num->scale = scale;
    num->end = k;
    num->one_word = (k == j + 1) && (EqualsIgnoreCase(Text(j), "one") ||
                                     EqualsIgnoreCase(Text(j), "zero"));
    return true;
  }

  size_t MatchQualifier(size_t i, Qual* q) const {
    size_t best = 0;
    for (const QualPhrase& p : kQualPhrases) {
      if (p.count <= best) continue;
      bool match = true;
      for (size_t k = 0; k < p.count; ++k) {
        if (!IsWordEq(i + k, p.words[k])) {
          match = false;
          break;
        }
      }
      if (match) {
        best = p.count;
        *q = p.qual;
      }
    }
    return best;
  }

  // Currency sign at j: "$", "US$", "£", "€". Returns tokens used (0: none).
  size_t MatchCurrency(size_t j, std::string_view* unit) const {
    if (IsPunct(j, "$")) {
      *unit = "USD";
      return 1;
    }
    if ((IsWordEq(j, "US") || IsWordEq(j, "USD")) && IsPunct(j + 1, "$") &&
        Adjacent(j, j + 1)) {
      *unit = "USD";
      return 2;
    }
    if (IsPunct(j, "\xC2\xA3")) {
      *unit = "GBP";
      return 1;
    }
    if (IsPunct(j, "\xE2\x82\xAC")) {
      *unit = "EUR";
      return 1;
    }
    return 0;
  }

  // After a number ending before token e: a counted noun, unit or percent
  // sign, which makes a 4-digit numeral a count rather than a year.
  bool CountedAfter(size_t e) const {
    return HasFlag(e, internal::kCountedNoun | internal::kUnitWord) ||
           IsPunct(e, "%") || IsWordEq(e, "percent") ||
           (IsWordEq(e, "per") && IsWordEq(e + 1, "cent"));
  }

  // Numbers with their qualifier, currency, multiplier and unit; vague
  // plurals; ordinals; bare years; "N years ago".
  Cand MatchNumberPhrase(size_t i, bool allow_qualifier) const {
    Cand c;
    if (i >= size()) return c;
    // Cheap gate: most tokens cannot start a number phrase.
    if (IsWord(i)) {
      constexpr uint32_t kStarts =
          internal::kCardinalWord | internal::kOrdinalWord |
          internal::kHundredWord | internal::kScaleWord |
          internal::kVaguePlural | internal::kUnitWord | internal::kPhraseStart;
      if (!HasFlag(i, kStarts)) return c;
    } else if (toks_[i].type == TokenType::kPunct) {
      std::string_view unused;
      if (MatchCurrency(i, &unused) == 0) return c;
    } else if (!IsNumber(i)) {
      return c;
    }
    Qual q = Qual::kNone;
    size_t j = i;
    if (allow_qualifier) j += MatchQualifier(i, &q);

    if (q == Qual::kNone) {
      Cand vague = MatchVague(i);
      if (vague.ok) return vague;
    }

    std::string_view currency;
    size_t k = j + MatchCurrency(j, &currency);
    Num num;
    bool ok = ParseNumber(k, !currency.empty(), &num);
    if (!ok && currency.empty() && (IsWordEq(k, "a") || IsWordEq(k, "an")) &&
        HasFlag(k + 1, internal::kUnitWord) && LexAt(k + 1)->unit_singular &&
        LexAt(k + 1)->unit_kind == ValueKind::kDuration &&
        !PrevWordIn(k, kRateBefore, std::size(kRateBefore)) &&
        // "a second attack" is an ordinal; "a second" alone a duration.
        !(EqualsIgnoreCase(Text(k + 1), "second") && IsWord(k + 2))) {
      num.value = 1;  // "a week", "an hour"
      num.end = k + 1;
      ok = true;
    }
    if (!ok && currency.empty() && q == Qual::kNone &&
        HasFlag(k, internal::kUnitWord) && LexAt(k)->unit_singular &&
        IsPunct(k + 1, "-") && Adjacent(k, k + 1) && IsWordEq(k + 2, "long")) {
      num.value = 1;  // "week-long"
      num.end = k;
      ok = true;
    }
    if (!ok) return c;
    size_t e = num.end;

    if (num.ordinal) {
      if (q != Qual::kNone || !currency.empty()) return c;
      c.ok = true;
      c.end_tok = e;
      c.value = MakeValue(i, e, ValueKind::kOrdinal);
      c.value.lo = c.value.hi = num.value;
      return c;
    }

    ValueKind kind = ValueKind::kCount;
    std::string_view unit;
    double value = num.value;
    if (!currency.empty()) {
      kind = ValueKind::kMoney;
      unit = currency;
    } else if (IsPunct(e, "%")) {
      kind = ValueKind::kPercent;
      unit = "%";
      ++e;
    } else if (IsWordEq(e, "per") && IsWordEq(e + 1, "cent")) {
      kind = ValueKind::kPercent;
      unit = "%";
      e += 2;
    } else if (IsWordEq(e, "percent") || IsWordEq(e, "pct")) {
      kind = ValueKind::kPercent;
      unit = "%";
      ++e;
    } else if (IsWordEq(e, "cubic") &&
               (IsWordEq(e + 1, "metres") || IsWordEq(e + 1, "meters") ||
                IsWordEq(e + 1, "m") || IsWordEq(e + 1, "metre") ||
                IsWordEq(e + 1, "meter"))) {
      kind = ValueKind::kQuantity;
      unit = "m3";
      e += 2;
    } else if ((IsWordEq(e, "square") || IsWordEq(e, "sq")) &&
               (IsWordEq(e + 1, "kilometres") ||
                IsWordEq(e + 1, "kilometers") || IsWordEq(e + 1, "km") ||
                IsWordEq(e + 1, "kilometre") || IsWordEq(e + 1, "kilometer"))) {
      kind = ValueKind::kQuantity;
      unit = "km2";
      e += 2;
    } else if (HasFlag(e, internal::kUnitWord) &&
               !(Adjacent(e - 1, e) && IsPunct(e - 1, "-"))) {
      const Lex* u = LexAt(e);
      kind = u->unit_kind;
      unit = u->unit;
      value *= u->unit_factor;
      ++e;
      // km2 / km² / m3 / m³
      if (unit == "km" || unit == "m") {
        const bool sq = (IsNumber(e) && Adjacent(e - 1, e) &&
                         toks_[e].number == 2 && toks_[e].int_digits == 1) ||
                        (IsPunct(e, "\xC2\xB2") && Adjacent(e - 1, e));
        const bool cu = (IsNumber(e) && Adjacent(e - 1, e) &&
                         toks_[e].number == 3 && toks_[e].int_digits == 1) ||
                        (IsPunct(e, "\xC2\xB3") && Adjacent(e - 1, e));
        if (sq) {
          unit = unit == "km" ? "km2" : "m2";
          ++e;
        } else if (cu) {
          unit = unit == "km" ? "km3" : "m3";
          ++e;
        }
      }
      if (IsPunct(e, "-") && Adjacent(e - 1, e) &&
          (IsWordEq(e + 1, "long") || IsWordEq(e + 1, "old"))) {
        e += 2;  // "a week-long", "five year-old"
      }
      if (kind == ValueKind::kDuration) {
        if (IsWordEq(e, "old")) ++e;  // "63 years old"
        if (IsWordEq(e, "ago") && q == Qual::kNone) {
          return Ago(i, e + 1, num.value, unit, u->unit_factor);
        }
      }
    } else if (IsPunct(e, "-") && Adjacent(e - 1, e) && Adjacent(e, e + 1) &&
               HasFlag(e + 1, internal::kUnitWord) &&
               LexAt(e + 1)->unit_singular) {
      // "63-year-old", "24-hour", "two-week", "a week-long"
      const Lex* u = LexAt(e + 1);
      kind = u->unit_kind;
      unit = u->unit;
      value *= u->unit_factor;
      e += 2;
      if (IsPunct(e, "-") && Adjacent(e - 1, e) &&
          (IsWordEq(e + 1, "old") || IsWordEq(e + 1, "long"))) {
        e += 2;
      }
    }

    c.ok = true;
    c.end_tok = e;
    c.scale = num.scale;

    if (kind == ValueKind::kCount && q == Qual::kNone && currency.empty() &&
        num.plain4 && value >= 1001 && value <= 2099 && !CountedAfter(e)) {
      c.value = MakeValue(j, e, ValueKind::kYear);
      c.value.lo = c.value.hi = value;
      return c;
    }
    if (kind == ValueKind::kCount && num.one_word) {
      // Bare "one" (or "zero") is a count only before a word it counts: not
      // "one of", "no one", "one another", "one’s", "the original one
      // linked", "is zero.".
      const size_t one = num.end - 1;
      const bool pronoun =
          q == Qual::kNone &&
          PrevWordIn(one, kOnePronounBefore, std::size(kOnePronounBefore));
      const bool counts = IsWord(e) && !HasFlag(e, internal::kOneStop) &&
                          !Adjacent(e - 1, e) && !LooksLikeVerb(e);
      if (pronoun || !counts) {
        c.emit = false;
        c.end_tok = one + 1;
        return c;
      }
    }
    c.value = MakeValue(i, e, kind);
    c.value.unit = std::string(unit);
    ApplyQualifier(q, value, &c.value);
    c.plain_number = kind == ValueKind::kCount && q == Qual::kNone;
    return c;
  }

  // "thousands", "tens of thousands", "hundreds of thousands", "dozens".
  Cand MatchVague(size_t i) const {
    Cand c;
    double lo = 0;
    size_t e = i;
    const bool tens = IsWordEq(i, "tens");
    if ((tens || IsWordEq(i, "hundreds")) && IsWordEq(i + 1, "of") &&
        (IsWordEq(i + 2, "thousands") || IsWordEq(i + 2, "millions"))) {
      lo = (tens ? 10 : 100) * LexAt(i + 2)->vague_lo;
      e = i + 3;
    } else if (HasFlag(i, internal::kVaguePlural)) {
      lo = LexAt(i)->vague_lo;
      e = i + 1;
    } else {
      return c;
    }
    c.ok = true;
    c.end_tok = e;
    c.value = MakeValue(i, e, ValueKind::kCount);
    c.value.lo = lo;
    c.value.hi = kUnbounded;
    c.value.qualifier = Qualifier::kVague;
    return c;
  }

  // "six years ago", "two months ago", "three days ago": tokens [i, e).
  Cand Ago(size_t i, size_t e, double n, std::string_view unit,
           double factor) const {
    Cand c;
    c.ok = true;
    c.end_tok = e;
    c.emit = false;
    const int count = static_cast<int>(n * factor);
    if (!ref_.known() || !IsIntegral(n)) return c;
    Value v = MakeValue(i, e, ValueKind::kYear);
    v.resolved_from_reference = true;
    if (unit == "year") {
      v.lo = v.hi = ref_.year - count;
    } else if (unit == "month") {
      if (ref_.month == 0) return c;
      int total = ref_.year * 12 + (ref_.month - 1) - count;
      const int y = total / 12;
      const int m = total % 12 + 1;
      v.kind = ValueKind::kDateRange;
      v.lo = static_cast<double>(DaysFromCivil(y, m, 1));
      v.hi = static_cast<double>(DaysFromCivil(y, m, DaysInMonth(y, m)));
    } else if (unit == "day") {
      if (ref_.day == 0) return c;
      v.kind = ValueKind::kDate;
      v.lo = v.hi = static_cast<double>(
          DaysFromCivil(ref_.year, ref_.month, ref_.day) - count);
    } else {
      return c;
    }
    c.emit = true;
    c.value = v;
    return c;
  }

  // ---- calendar -----------------------------------------------------------

  bool MonthAt(size_t j, bool allow_abbr, int* month, size_t* next) const {
    const Lex* l = LexAt(j);
    if (l == nullptr || !Capitalized(j)) return false;
    if (l->flags & internal::kMonthName) {
      *month = l->month;
      *next = j + 1;
      return true;
    }
    if (allow_abbr && (l->flags & internal::kMonthAbbr)) {
      *month = l->month;
      *next = (IsPunct(j + 1, ".") && Adjacent(j, j + 1)) ? j + 2 : j + 1;
      return true;
    }
    return false;
  }

  bool DayAt(size_t j, int* day, size_t* next) const {
    if (!IsNumber(j)) return false;
    const Token& t = toks_[j];
    if (t.grouped || t.decimal || t.int_digits > 2 || t.number < 1 ||
        t.number > 31) {
      return false;
    }
    *day = static_cast<int>(t.number);
    *next = j + 1;
    if (Adjacent(j, j + 1) && IsWord(j + 1)) {
      if (!HasFlag(j + 1, internal::kOrdinalSuffix)) return false;
      *next = j + 2;
    }
    return true;
  }

  bool YearAt(size_t j, int* year, size_t* next) const {
    if (!IsNumber(j) || !usable_[j]) return false;
    const Token& t = toks_[j];
    if (t.grouped || t.decimal || t.int_digits != 4 || t.number < 1000 ||
        t.number > 2999) {
      return false;
    }
    if (Adjacent(j, j + 1) && IsWord(j + 1)) return false;
    *year = static_cast<int>(t.number);
    *next = j + 1;
    return true;
  }

  // Skips a clock time after a date: "9:15", "9:15 p.m", "21:30 GMT".
  size_t SkipTime(size_t e) const {
    if (e >= size() || toks_[e].type != TokenType::kTime) return e;
    ++e;
    if (IsWordEq(e, "am") || IsWordEq(e, "pm")) {
      ++e;
    } else if ((IsWordEq(e, "a") || IsWordEq(e, "p")) && IsPunct(e + 1, ".") &&
               Adjacent(e, e + 1) && IsWordEq(e + 2, "m") &&
               Adjacent(e + 1, e + 2)) {
      e += 3;
      if (IsPunct(e, ".") && Adjacent(e - 1, e)) ++e;
    }
    if (IsWordEq(e, "GMT") || IsWordEq(e, "UTC") || IsWordEq(e, "CET") ||
        IsWordEq(e, "CEST")) {
      ++e;
    }
    return e;
  }

  // The year for a month/day given without one: the most recent such date
  // not after `ref` when `ref` has a month, else ref's year.
  static bool ResolveYear(const ReferenceDate& ref, int month, int day,
                          int* year) {
    if (!ref.known()) return false;
    int y = ref.year;
    if (ref.month != 0 &&
        (month > ref.month ||
         (month == ref.month && ref.day != 0 && day > ref.day))) {
      --y;
    }
    *year = y;
    return true;
  }

  // Fills a calendar candidate for days [day_lo, day_hi] of month/year
  // (day_lo == 0: the whole month; day_hi == -1: to the month's end).
  // Returns false for impossible days.
  static bool FillDays(int year, int month, int day_lo, int day_hi, Value* v) {
    const int dim = DaysInMonth(year, month);
    int lo = day_lo == 0 ? 1 : day_lo;
    int hi = day_lo == 0 || day_hi == -1 ? dim : day_hi;
    if (lo < 1 || hi > dim || lo > hi) return false;
    v->kind = lo == hi ? ValueKind::kDate : ValueKind::kDateRange;
    v->lo = static_cast<double>(DaysFromCivil(year, month, lo));
    v->hi = static_cast<double>(DaysFromCivil(year, month, hi));
    return true;
  }

  // Builds a calendar candidate over tokens [first, e) (span) consuming up
  // to end_tok. `year` == 0: take it from the reference.
  Cand CalendarCand(size_t first, size_t e, int year, int month, int day_lo,
                    int day_hi) const {
    Cand c;
    c.ok = true;
    c.end_tok = e;
    c.value = MakeValue(first, e, ValueKind::kDate);
    c.month = month;
    c.day_lo = day_lo;
    c.day_hi = day_hi;
    if (year == 0) {
      c.partial = true;
      c.value.resolved_from_reference = true;
      if (!ResolveYear(ref_, month, day_lo, &year)) {
        c.emit = false;
        return c;
      }
    }
    if (!FillDays(year, month, day_lo, day_hi, &c.value)) {
      c.emit = false;
    }
    return c;
  }

  // Dates with month names or ISO form, month ranges, day ranges, decades.
  Cand MatchCalendar(size_t i) const {
    Cand c;
    if (i >= size()) return c;
    int month = 0, day = 0, day2 = 0, year = 0;
    size_t k = 0, k2 = 0, k3 = 0;

    // ISO 2022-09-07
    if (IsNumber(i) && toks_[i].int_digits == 4 && !toks_[i].grouped &&
        !toks_[i].decimal && IsPunct(i + 1, "-") && IsNumber(i + 2) &&
        IsPunct(i + 3, "-") && IsNumber(i + 4) && Adjacent(i, i + 1) &&
        Adjacent(i + 1, i + 2) && Adjacent(i + 2, i + 3) &&
        Adjacent(i + 3, i + 4) && toks_[i + 2].int_digits == 2 &&
        toks_[i + 4].int_digits == 2 && !toks_[i + 2].decimal &&
        !toks_[i + 4].decimal) {
      const int y = static_cast<int>(toks_[i].number);
      const int m = static_cast<int>(toks_[i + 2].number);
      const int d = static_cast<int>(toks_[i + 4].number);
      if (m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m)) {
        const size_t e = SkipTime(i + 5);
        return CalendarCand(i, e, y, m, d, d);
      }
    }

    // Decades: "1990s" -> years [1990, 1999].
    if (IsNumber(i) && toks_[i].int_digits == 4 && !toks_[i].grouped &&
        !toks_[i].decimal && static_cast<int64_t>(toks_[i].number) % 10 == 0 &&
        Adjacent(i, i + 1)) {
      size_t e = 0;
      if (Text(i + 1) == "s") {
        e = i + 2;
      } else if ((IsPunct(i + 1, "'") || IsPunct(i + 1, "\xE2\x80\x99")) &&
                 Adjacent(i + 1, i + 2) && IsWord(i + 2) &&
                 Text(i + 2) == "s") {
        e = i + 3;  // "1990's"
      }
      if (e != 0 && (i == 0 || !Adjacent(i - 1, i) || !IsWord(i - 1))) {
        c.ok = true;
        c.end_tok = e;
        c.value = MakeValue(i, e, ValueKind::kYear);
        c.value.lo = toks_[i].number;
        c.value.hi = toks_[i].number + 9;
        return c;
      }
    }

    // Month first: "August 10, 1997", "Dec. 31, 1994", "July 13-15",
    // "March 2021", "in September".
    if (MonthAt(i, /*allow_abbr=*/true, &month, &k)) {
      // "In July 15 people died": the number counts the noun after it.
      if (DayAt(k, &day, &k2) && !HasFlag(k2, internal::kCountedNoun)) {
        day2 = day;
        if (IsDash(k2) && DayAt(k2 + 1, &day2, &k3) && day2 > day) {
          k2 = k3;
        } else {
          day2 = day;
        }
        size_t e = k2;
        year = 0;
        if (IsPunct(e, ",") && YearAt(e + 1, &year, &k3)) {
          e = k3;
        } else if (YearAt(e, &year, &k3)) {
          e = k3;
        }
        const size_t span_end = SkipTime(e);
        return CalendarCand(i, span_end, year, month, day, day2);
      }
      if (YearAt(k, &year, &k2)) {
        return CalendarCand(i, k2, year, month, 0, 0);
      }
      if (IsPunct(k, ",") && YearAt(k + 1, &year, &k2)) {
        return CalendarCand(i, k2, year, month, 0, 0);
      }
      if (HasFlag(i, internal::kMonthName) &&
          PrevWordIn(i, kMonthPrepositions, std::size(kMonthPrepositions))) {
        return CalendarCand(i, i + 1, 0, month, 0, 0);
      }
      return c;
    }

    // Day first: "10 August 1997", "15 July", "22 Sep 2022 9:15 p.m",
    // "13-15 July", "the 4th of July".
    if (DayAt(i, &day, &k) && usable_[i]) {
      day2 = day;
      if (IsDash(k) && DayAt(k + 1, &day2, &k3) && day2 > day) {
        k = k3;
      } else {
        day2 = day;
      }
      if (IsWordEq(k, "of")) ++k;
      if (MonthAt(k, /*allow_abbr=*/true, &month, &k2)) {
        year = 0;
        size_t e = k2;
        if (YearAt(e, &year, &k3)) {
          e = k3;
        } else if (IsPunct(e, ",") && YearAt(e + 1, &year, &k3)) {
          e = k3;
        }
        return CalendarCand(i, SkipTime(e), year, month, day, day2);
      }
      return c;
    }

    // "mid-July", "early September", "late June 2021".
    const bool early = IsWordEq(i, "early");
    const bool mid = IsWordEq(i, "mid");
    const bool late = IsWordEq(i, "late");
    if (early || mid || late) {
      k = i + 1;
      if (IsDash(k) && Adjacent(i, k)) ++k;
      if (MonthAt(k, /*allow_abbr=*/false, &month, &k2)) {
        year = 0;
        if (YearAt(k2, &year, &k3)) k2 = k3;
        const int lo = early ? 1 : (mid ? 11 : 21);
        const int hi = early ? 10 : (mid ? 20 : -1);
        return CalendarCand(i, k2, year, month, lo, hi);
      }
    }
    return c;
  }

  // ---- relative dates -----------------------------------------------------

  bool FullRef() const {
    return ref_.year != 0 && ref_.month != 0 && ref_.day != 0;
  }
  int64_t RefDays() const {
    return DaysFromCivil(ref_.year, ref_.month, ref_.day);
  }

  Cand DateCand(size_t first, size_t e, int64_t lo, int64_t hi) const {
    Cand c;
    c.ok = true;
    c.end_tok = e;
    c.value = MakeValue(first, e,
                        lo == hi ? ValueKind::kDate : ValueKind::kDateRange);
    c.value.lo = static_cast<double>(lo);
    c.value.hi = static_cast<double>(hi);
    c.value.resolved_from_reference = true;
    return c;
  }

  // Season starting in `first_month` of year y (winter: Dec of y to Feb of
  // y + 1), as civil days.
  static void SeasonDays(int first_month, int y, int64_t* lo, int64_t* hi) {
    if (first_month == 12) {
      *lo = DaysFromCivil(y, 12, 1);
      *hi = DaysFromCivil(y + 1, 2, DaysInMonth(y + 1, 2));
    } else {
      *lo = DaysFromCivil(y, first_month, 1);
      const int last = first_month + 2;
      *hi = DaysFromCivil(y, last, DaysInMonth(y, last));
    }
  }

  Cand MatchRelative(size_t i) const {
    Cand c;
    if (!IsWord(i)) return c;
    // Suppression used when the reference is too coarse.
    Cand none;
    none.ok = true;
    none.emit = false;
    none.end_tok = i + 2;

    const bool last = IsWordEq(i, "last");
    const bool this_ = IsWordEq(i, "this");
    const bool next = IsWordEq(i, "next");
    if (last || this_ || next) {
      const int delta = last ? -1 : (next ? 1 : 0);
      const size_t j = i + 1;
      if (!IsWord(j)) return c;
      if (IsWordEq(j, "year")) {
        if (!ref_.known()) return none;
        c.ok = true;
        c.end_tok = j + 1;
        c.value = MakeValue(i, j + 1, ValueKind::kYear);
        c.value.lo = c.value.hi = ref_.year + delta;
        c.value.resolved_from_reference = true;
        return c;
      }
      if (IsWordEq(j, "month")) {
        if (ref_.month == 0) return none;
        const int total = ref_.year * 12 + ref_.month - 1 + delta;
        const int y = total / 12;
        const int m = total % 12 + 1;
        return DateCand(i, j + 1, DaysFromCivil(y, m, 1),
                        DaysFromCivil(y, m, DaysInMonth(y, m)));
      }
      if (IsWordEq(j, "week")) {
        if (!FullRef()) return none;
        const int64_t r = RefDays();
        const int64_t monday = r - (WeekdayOf(r) + 6) % 7;
        return DateCand(i, j + 1, monday + 7 * delta, monday + 7 * delta + 6);
      }
      if (IsWordEq(j, "night") && last) {
        if (!FullRef()) return none;
        return DateCand(i, j + 1, RefDays() - 1, RefDays() - 1);
      }
      if (HasFlag(j, internal::kWeekdayName) && last) {
        if (!FullRef()) return none;
        return Weekday(i, j + 1, LexAt(j)->weekday);
      }
      if (HasFlag(j, internal::kSeasonWord)) {
        if (!ref_.known()) return none;
        const int first = LexAt(j)->season;
        // Seasons are named by the year they start in (winter 2022 =
        // Dec 2022 - Feb 2023).
        int y = ref_.year;
        int64_t lo = 0, hi = 0;
        if (last) {
          if (ref_.month == 0) {
            y = ref_.year - 1;
          } else {
            // Most recent season that ended before the reference.
            const int ref_day =
                ref_.day == 0 ? DaysInMonth(ref_.year, ref_.month) : ref_.day;
            const int64_t r = DaysFromCivil(ref_.year, ref_.month, ref_day);
            y = ref_.year;
            SeasonDays(first, y, &lo, &hi);
            while (hi >= r) {
              --y;
              SeasonDays(first, y, &lo, &hi);
            }
          }
        } else if (next) {
          y = ref_.year + 1;
        } else if (first == 12 && ref_.month != 0 && ref_.month <= 2) {
          y = ref_.year - 1;  // "this winter" in January
        }
        SeasonDays(first, y, &lo, &hi);
        return DateCand(i, j + 1, lo, hi);
      }
      return c;
    }
    if (IsWordEq(i, "yesterday") || IsWordEq(i, "today") ||
        IsWordEq(i, "tomorrow")) {
      none.end_tok = i + 1;
      if (!FullRef()) return none;
      const int d =
          IsWordEq(i, "yesterday") ? -1 : (IsWordEq(i, "today") ? 0 : 1);
      return DateCand(i, i + 1, RefDays() + d, RefDays() + d);
    }
    if (HasFlag(i, internal::kWeekdayName) && Capitalized(i) && i > 0 &&
        IsWordEq(i - 1, "on")) {
      if (!FullRef()) return c;
      return Weekday(i, i + 1, LexAt(i)->weekday);
    }
    return c;
  }

  // The most recent `weekday` strictly before the reference date.
  Cand Weekday(size_t first, size_t e, int weekday) const {
    const int64_t r = RefDays();
    int back = (WeekdayOf(r) - weekday + 7) % 7;
    if (back == 0) back = 7;
    return DateCand(first, e, r - back, r - back);
  }

  // ---- labels and ranges --------------------------------------------------

  // "Article 5", "Section 3", "No. 7", "nrs. 22": a number naming a thing.
  Cand MatchLabel(size_t i) const {
    Cand c;
    if (!HasFlag(i, internal::kLabelWord)) return c;
    size_t k = i + 1;
    const bool dot = IsPunct(k, ".") && Adjacent(i, k);
    if (dot) ++k;
    if (!Capitalized(i) && !dot) return c;
    if (EqualsIgnoreCase(Text(i), "no") && !dot) return c;  // "No 10"? rare
    if (!IsNumber(k)) return c;
    c.ok = true;
    c.emit = false;
    c.end_tok = k + 1;
    return c;
  }

  // A value that can be one end of a range.
  Cand Atom(size_t j) const {
    Cand a = MatchCalendar(j);
    Cand b = MatchNumberPhrase(j, /*allow_qualifier=*/false);
    if (b.ok && b.emit && (!a.ok || !a.emit || b.end_tok > a.end_tok)) return b;
    return a;
  }

  static bool IsAmountKind(ValueKind k) {
    return k == ValueKind::kCount || k == ValueKind::kMoney ||
           k == ValueKind::kPercent || k == ValueKind::kQuantity ||
           k == ValueKind::kDuration;
  }

  // "between 20 and 30", "from 2014 to 2018", "1000–5000", "2014-18",
  // "From August 10, 1997 to September 28, 2012".
  Cand MatchRange(size_t i) const {
    Cand c;
    if (i >= size()) return c;
    size_t j = i;
    bool from = false, between = false;
    if (IsWordEq(i, "from")) {
      from = true;
      ++j;
    } else if (IsWordEq(i, "between")) {
      between = true;
      ++j;
    }
    Cand x = Atom(j);
    if (!x.ok || !x.emit) return c;
    const size_t k = x.end_tok;
    bool dash = false;
    if (IsPunct(k, "-")) {
      dash = Adjacent(k - 1, k) && Adjacent(k, k + 1);
      if (!dash) return c;
    } else if (IsPunct(k, "\xE2\x80\x93")) {
      dash = true;
    } else if (between) {
      if (!IsWordEq(k, "and")) return c;
    } else if (!(IsWordEq(k, "to") ||
                 (from && (IsWordEq(k, "until") || IsWordEq(k, "through"))))) {
      return c;
    }
    Cand y = Atom(k + 1);
    if (!y.ok || !y.emit) return c;
    if (dash && !from && !between && x.plain_number && y.plain_number &&
        x.value.lo >= y.value.lo) {
      // A score or a code ("3-1", "2–1"): not two counts.
      c.ok = true;
      c.emit = false;
      c.end_tok = y.end_tok;
      return c;
    }
    Value v = MakeValue(i, y.end_tok, ValueKind::kCount);
    v.start = toks_[i].start;
    v.end = y.value.end;
    const ValueKind xk = x.value.kind;
    const ValueKind yk = y.value.kind;
    const bool x_date = xk == ValueKind::kDate || xk == ValueKind::kDateRange;
    const bool y_date = yk == ValueKind::kDate || yk == ValueKind::kDateRange;
    if (x_date && y_date) {
      double lo = x.value.lo;
      if (x.partial && !y.partial) {
        int yy = 0, ym = 0, yd = 0;
        CivilFromDays(static_cast<int64_t>(y.value.hi), &yy, &ym, &yd);
        ReferenceDate r{yy, ym, yd};
        int year = 0;
        Value tmp;
        if (!ResolveYear(r, x.month, x.day_lo, &year) ||
            !FillDays(year, x.month, x.day_lo, x.day_hi, &tmp)) {
          return c;
        }
        lo = tmp.lo;
      }
      if (lo > y.value.hi) return c;
      v.kind = ValueKind::kDateRange;
      v.lo = lo;
      v.hi = y.value.hi;
      v.resolved_from_reference = x.partial && y.partial;
    } else if (xk == ValueKind::kYear && yk == ValueKind::kYear &&
               x.value.lo < y.value.lo) {
      v.kind = ValueKind::kYear;
      v.lo = x.value.lo;
      v.hi = y.value.hi;
    } else if (xk == ValueKind::kYear && dash && y.plain_number &&
               y.value.lo < 100 && IsIntegral(y.value.lo) &&
               y.end_tok == k + 2) {
      // "2014-18"
      const double y2 = x.value.lo - std::fmod(x.value.lo, 100) + y.value.lo;
      if (y2 <= x.value.lo) return c;
      v.kind = ValueKind::kYear;
      v.lo = x.value.lo;
      v.hi = y2;
    } else if ((x.plain_number || xk == ValueKind::kYear ||
                (IsAmountKind(xk) && xk == yk &&
                 x.value.qualifier == Qualifier::kExact)) &&
               (IsAmountKind(yk) || yk == ValueKind::kYear) &&
               y.value.qualifier == Qualifier::kExact) {
      // Counts: a year-looking end becomes a count ("1500-2000 people").
      double lo = x.value.lo;
      if (y.scale > 1 && x.scale == 1 && lo * y.scale <= y.value.hi) {
        lo *= y.scale;  // "between 2 and 3 million"
      }
      if (xk != yk && !(x.plain_number || xk == ValueKind::kYear)) return c;
      v.kind = yk == ValueKind::kYear ? ValueKind::kCount : yk;
      v.unit = y.value.unit;
      if (!x.value.unit.empty() && x.value.unit != y.value.unit) return c;
      v.lo = lo;
      v.hi = y.value.hi;
      if (!(v.lo < v.hi)) return c;
    } else {
      return c;
    }
    c.ok = true;
    c.end_tok = y.end_tok;
    c.value = v;
    return c;
  }

  std::string_view text_;
  ReferenceDate ref_;
  std::vector<Token> toks_;
  std::vector<bool> usable_;
};

}  // namespace

Normalizer::Normalizer() = default;
Normalizer::~Normalizer() = default;

std::vector<Value> Normalizer::Extract(std::string_view text,
                                       const ReferenceDate& reference) const {
  Scanner scanner(text, reference);
  return scanner.Run();
}

SentenceValues Normalizer::ExtractSentences(const Document& doc) const {
  SentenceValues out(doc.sentences.size());
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Span span = doc.sentences[i].span;
    std::vector<Value> values = Extract(doc.Slice(span), doc.published);
    for (Value& v : values) {
      v.start += span.start;
      v.end += span.start;
    }
    out[i] = std::move(values);
  }
  return out;
}

}  // namespace crosscheck
