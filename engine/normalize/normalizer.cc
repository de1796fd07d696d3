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
//   - a clock time after a date belongs to the date ("22 Sep 2022 9:15 p.m");
//     so does a weekday before it ("Fri, Jul 18").
//
// Issue 3 shapes (MatchMore and MatchNumericDate): numeric dates ("1/1/2015",
// "23.04.2022", "Oct/2"; a month/day alone only after a date word), weekdays
// pinned by a date, a day, a week or a time, "the first Monday of March",
// "3 days from today", "next 3 days", edges of weeks and months, ISO weeks,
// quarters, Easter and fixed holidays, parts of the reference day. MatchMore
// is reached only from tokens that can start a value and compares lexicon
// pointers before trying a matcher. Partial dates stay nearest to the
// reference; only text that looks ahead ("I'll", "will", "let's") turns "in
// 5 minutes" / "in two years" into a day (else they stay durations).
#include "engine/normalize/normalizer.h"

#include <algorithm>
#include <array>
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
    {{"greater", "than"}, 2, Qual::kMoreThan},
    {{"exceed"}, 1, Qual::kMoreThan},
    {{"exceeds"}, 1, Qual::kMoreThan},
    {{"exceeded"}, 1, Qual::kMoreThan},
    {{"exceeding"}, 1, Qual::kMoreThan},
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
  // Calendar candidates: a day range with a connector ("13 to 15 July").
  bool day_range = false;
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
  // `toks`, `marks` and `usable` are scratch buffers, reused across calls
  // on one thread so a call allocates nothing for them.
  Scanner(std::string_view text, const ReferenceDate& ref,
          std::vector<Token>* toks, internal::TokenMarks* marks,
          std::vector<bool>* usable)
      : text_(text), ref_(ref), toks_(*toks), numbers_(marks->numbers),
        leads_(marks->leads), usable_(*usable) {
    internal::Tokenize(text, &toks_, marks, kLeadFlags, kLeadBeforeFlags);
    MarkUsable();
  }

  std::vector<Value> Run() {
    std::vector<Value> out;
    size_t i = 0;
    // Every matcher starts at a number, a known word or a currency sign;
    // most tokens are none of these, and the tokenizer listed the rest.
    for (const uint32_t lead : leads_) {
      if (lead < i) continue;  // inside the value just read
      i = lead;
      if (!CanStart(i)) continue;
      Cand best;
      Consider(&best, MatchLabel(i));
      Consider(&best, MatchRange(i));
      const Cand number = MatchNumberPhrase(i, /*allow_qualifier=*/true);
      Consider(&best, MatchBounds(number));
      Consider(&best, MatchCalendar(i));
      Consider(&best, MatchRelative(i));
      Consider(&best, MatchOpenRange(i));
      Consider(&best, number);
      MatchMore(i, number, &best);
      if (!best.ok || best.end_tok <= i) continue;
      if (best.emit) out.push_back(std::move(best.value));
      i = best.end_tok;
    }
    return out;
  }

 private:
  // ---- token helpers ------------------------------------------------------
  // The small ones are always_inline: matchers call them tens of times per
  // candidate with literal arguments ("ago", "-"), and inlined, the length
  // check folds to a constant. Measured: Extract 26.3 -> 22 ms on the 5 MiB
  // throughput text.

  bool CanStart(size_t j) const {
    const Token& t = toks_[j];
    switch (t.type) {
      case TokenType::kNumber:
        return true;
      case TokenType::kWord:
        return t.lex != nullptr && WordCanStart(j);
      case TokenType::kTime:
        return false;
      case TokenType::kPunct: {
        // Commas, quotes and full stops are most of these: one byte test.
        const char ch = text_[t.start];
        if (ch == '-') return LeadingMinus(j);
        if (ch == '.') return LeadingPoint(j);
        if (ch != '$' && ch != '\xC2' && ch != '\xE2') return false;
        std::string_view unused;
        return MatchCurrency(j, &unused) > 0;
      }
    }
    return false;
  }

  // Lexicon words that begin a value: number, ordinal, month, weekday,
  // qualifier and date words. Units and stop words ("week 10 of 2019", "the
  // first Monday", "the day after tomorrow", "week of September 16",
  // "week-long") begin one only before a number, a hyphen or another lexicon
  // word of these kinds. Measured over the whole RT and Duckling suites and
  // 5 MiB of news: no value starts anywhere else, and skipping the rest
  // ("the", "people", "hours") leaves every matcher idle on most words.
  // Words with a value of their own start one wherever they stand.
  static constexpr uint32_t kIntrinsicFlags =
      internal::kCardinalWord | internal::kHundredWord | internal::kScaleWord |
      internal::kOrdinalWord | internal::kMonthName | internal::kMonthAbbr |
      internal::kWeekdayName | internal::kVaguePlural | internal::kFraction |
      internal::kSeasonWord | internal::kAnchorWord;
  // A capitalised number word in the middle of a sentence, before another
  // capitalised word, is part of a name: "BBC Radio Five Live", "told Five
  // Live", "Channel Four News". At the start of a sentence ("Five people
  // died") it is a number.
  bool InsideName(size_t j) const {
    auto spaced = [&](size_t a, size_t b) {  // a, b separated by spaces only
      for (size_t k = toks_[a].end; k < toks_[b].start; ++k)
        if (text_[k] != ' ') return false;
      return toks_[a].end < toks_[b].start;
    };
    return j > 0 && j + 1 < size() && Capitalized(j) && IsWord(j - 1) &&
           spaced(j - 1, j) && IsWord(j + 1) && Capitalized(j + 1) &&
           spaced(j, j + 1);
  }

  // The words WordCanStart can accept: the tokenizer lists only these (with
  // numbers and leading punctuation) as places a value may start. Units and
  // stop words qualify only before a number, a '-' or a lexicon word (the
  // tail of WordCanStart); "the", "of" and "to" are a quarter of all tokens.
  static constexpr uint32_t kLeadFlags =
      kIntrinsicFlags | internal::kLabelWord | internal::kPhraseStart |
      internal::kDateWord;
  static constexpr uint32_t kLeadBeforeFlags =
      internal::kUnitWord | internal::kOneStop;

  bool WordCanStart(size_t j) const {
    const uint32_t flags = toks_[j].lex->flags;
    if ((flags & internal::kCardinalWord) && InsideName(j)) return false;
    if (flags & kIntrinsicFlags) return true;
    // A label ("Article 5", "No. 12") matters only before its number.
    if ((flags & internal::kLabelWord) &&
        (IsNumber(j + 1) || (IsPunct(j + 1, ".") && IsNumber(j + 2))))
      return true;
    // Qualifiers and prepositions ("a", "about", "more", "in", "from")
    // start a value only with a number or a value word close behind.
    if (flags & (internal::kPhraseStart | internal::kDateWord)) {
      // "more than a thousand" is the longest qualifier; "beginning of the
      // following week" the longest date lead.
      const size_t reach = (flags & internal::kDateWord) ? 4 : 3;
      for (size_t k = j + 1; k < size() && k <= j + reach; ++k) {
        const Token& t = toks_[k];
        if (t.type == TokenType::kNumber) return true;
        if (t.type == TokenType::kWord && t.lex != nullptr &&
            (t.lex->flags & (kIntrinsicFlags | internal::kUnitWord |
                             internal::kDateWord)))
          return true;
      }
      return false;
    }
    if (!(flags & (internal::kUnitWord | internal::kOneStop))) return false;
    if (j + 1 >= size()) return false;
    const Token& next = toks_[j + 1];
    if (next.type == TokenType::kNumber) return true;
    if (IsPunct(j + 1, "-") && Adjacent(j, j + 1)) return true;  // "week-long"
    if (next.type != TokenType::kWord || next.lex == nullptr) return false;
    // "the first", "the day after", "the end of"; a unit also before a stop
    // word ("week of September 16"), a stop word never ("of the", "and a").
    uint32_t follow = kIntrinsicFlags | internal::kUnitWord | internal::kDateWord;
    if (flags & internal::kUnitWord) follow |= internal::kOneStop;
    return (next.lex->flags & follow) != 0;
  }

  // A matcher's result (a temporary) is moved in, a named one copied.
  template <typename C>
  static void Consider(Cand* best, C&& c) {
    if (c.ok && (!best->ok || c.end_tok > best->end_tok)) *best = std::forward<C>(c);
  }

  [[gnu::always_inline]] size_t size() const { return toks_.size(); }
  // Token offsets are inside the text by construction: no substr() check.
  [[gnu::always_inline]] std::string_view Text(size_t j) const {
    return {text_.data() + toks_[j].start, toks_[j].end - toks_[j].start};
  }
  [[gnu::always_inline]] bool IsWord(size_t j) const {
    return j < size() && toks_[j].type == TokenType::kWord;
  }
  [[gnu::always_inline]] bool IsNumber(size_t j) const {
    return j < size() && toks_[j].type == TokenType::kNumber;
  }
  [[gnu::always_inline]] bool IsWordEq(size_t j, std::string_view w) const {
    return IsWord(j) && EqualsIgnoreCase(Text(j), w);
  }
  [[gnu::always_inline]] bool IsPunct(size_t j, std::string_view p) const {
    return j < size() && toks_[j].type == TokenType::kPunct && Text(j) == p;
  }
  // "-504": a minus sign glued to a number, not to the word before it.
  bool LeadingMinus(size_t j) const {
    return j < size() && text_[toks_[j].start] == '-' && IsPunct(j, "-") &&
           IsNumber(j + 1) && Adjacent(j, j + 1) &&
           (j == 0 || !Adjacent(j - 1, j)) &&
           !(Adjacent(j + 1, j + 2) &&
             (IsPunct(j + 2, "-") || IsPunct(j + 2, "/")));
  }
  // ".77": a decimal point with no integer part.
  bool LeadingPoint(size_t j) const {
    return j < size() && text_[toks_[j].start] == '.' && IsPunct(j, ".") &&
           IsNumber(j + 1) && Adjacent(j, j + 1) &&
           !toks_[j + 1].decimal && !toks_[j + 1].grouped &&
           (j == 0 || !Adjacent(j - 1, j)) &&
           !(Adjacent(j + 1, j + 2) && !IsPunct(j + 2, "%"));
  }
  Cand PointNumber(size_t i) const {
    Cand c;
    const Token& t = toks_[i + 1];
    c.ok = true;
    c.end_tok = i + 2;
    c.value = MakeValue(i, i + 2, ValueKind::kCount);
    c.value.lo = c.value.hi = t.number / std::pow(10.0, t.int_digits);
    return c;
  }

  [[gnu::always_inline]] bool IsDash(size_t j) const {
    return IsPunct(j, "-") || IsPunct(j, "\xE2\x80\x93");  // - or en dash
  }
  [[gnu::always_inline]] bool Adjacent(size_t a, size_t b) const {
    return a < size() && b < size() && toks_[a].end == toks_[b].start;
  }
  [[gnu::always_inline]] const Lex* LexAt(size_t j) const {
    return IsWord(j) ? toks_[j].lex : nullptr;
  }
  [[gnu::always_inline]] bool HasFlag(size_t j, uint32_t flag) const {
    const Lex* l = LexAt(j);
    return l != nullptr && (l->flags & flag) != 0;
  }
  [[gnu::always_inline]] bool Capitalized(size_t j) const {
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
    usable_.assign(size(), false);
    for (const uint32_t j : numbers_) {
      if (toks_[j].version) continue;
      bool ok = true;
      if (j > 0 && Adjacent(j - 1, j)) {
        const Token& p = toks_[j - 1];
        const std::string_view pt = Text(j - 1);
        if (p.type == TokenType::kWord || p.type == TokenType::kNumber ||
            p.type == TokenType::kTime) {
          ok = false;
        } else if (pt == ":" && j > 1 && Adjacent(j - 2, j - 1) &&
                   IsWord(j - 2) && Text(j - 2).size() > 1) {
          ok = true;  // "says:30 December"
        } else if (pt == "/" || pt == "_" || pt == "@" || pt == "#" ||
                   pt == "\\" || pt == "." || pt == ":" || pt == "&" ||
                   pt == "=" || pt == "+") {
          ok = false;
        } else if (pt == "-" && j > 1 && Adjacent(j - 2, j - 1) &&
                   IsWord(j - 2)) {
          ok = false;  // COVID-19, F-16
        } else if (pt == "," && j > 1 && Adjacent(j - 2, j - 1) &&
                   IsNumber(j - 2)) {
          ok = InCommaList(j);  // "3,5" is not two numbers; 22,24,26 is
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
          ok = InCommaList(j);
        } else if (nt == "." && Adjacent(j + 1, j + 2) && IsWord(j + 2)) {
          ok = false;  // "3.com"
        }
      }
      usable_[j] = ok;
    }
    MarkPhoneChains();
  }

  // Number j is one of three or more small whole numbers joined by commas
  // without spaces ("nrs. 22,24,26,31"): a list, each item its own number.
  bool InCommaList(size_t j) const {
    auto linked = [&](size_t a) {  // number a, ',' , number a + 2
      return a + 2 < size() && IsPunct(a + 1, ",") && Adjacent(a, a + 1) &&
             Adjacent(a + 1, a + 2) && IsNumber(a + 2);
    };
    size_t first = j;
    while (first >= 2 && IsNumber(first - 2) && linked(first - 2)) first -= 2;
    size_t count = 1;
    size_t last = first;
    while (linked(last)) {
      last += 2;
      ++count;
    }
    if (count < 3) return false;
    for (size_t m = first; m <= last; m += 2) {
      const Token& t = toks_[m];
      if (t.decimal || t.grouped || t.version || t.int_digits > 3) return false;
    }
    if (first > 0 && Adjacent(first - 1, first) && !IsPunct(first - 1, "(")) {
      return false;
    }
    return !(Adjacent(last, last + 1) && (IsWord(last + 1) || IsNumber(last + 1)));
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
    for (const uint32_t j : numbers_) {
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
      // A number beyond a double's range (400 digits) is no claim of
      // infinity: it is no number at all.
      if (!std::isfinite(t.number)) return false;
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
        if ((f & internal::kScaleWord) || ScalePlural(l) ||
            (money && (f & internal::kMoneyMultiplier))) {
          const double mult = (f & internal::kMoneyMultiplier) &&
                                      !(f & internal::kScaleWord) && money
                                  ? l->multiplier
                                  : l->cardinal;
          num->value *= mult;
          num->scale = mult;
          num->end = j + 2;
          // "4 thousand 3 hundred and 21", "3 million and a half".
          if (!t.decimal && mult >= 1000) {
            Words w;
            w.total = num->value;
            w.last = kScale;
            w.scale = mult;
            w.any = true;
            Num more;
            if (ParseWordsFrom(j + 2, w, &more) && more.end > j + 2) {
              num->value = more.value;
              num->end = more.end;
            }
          }
        }
      }
      num->plain4 =
          !t.grouped && !t.decimal && t.int_digits == 4 && num->scale == 1;
      return std::isfinite(num->value);  // "1e308 million"
    }
    return ParseNumberWords(j, num);
  }

  // "three billions": a plural scale after a number is the scale.
  static bool ScalePlural(const Lex* l) {
    return l != nullptr && (l->flags & internal::kVaguePlural) &&
           l->cardinal >= 12;
  }

  // A digit numeral usable inside a number written in words ("4 thousand 3
  // hundred and 21"): a small whole number standing alone.
  bool DigitCardinal(size_t k, double* v) const {
    if (!IsNumber(k) || !usable_[k]) return false;
    const Token& t = toks_[k];
    if (t.grouped || t.decimal || t.int_digits > 3) return false;
    if (Adjacent(k, k + 1) && IsWord(k + 1)) return false;
    *v = t.number;
    return true;
  }

  // State of a number being read in words.
  enum Last { kStart, kUnit, kTens, kHundred, kScale, kAnd, kPoint };
  struct Words {
    double total = 0;
    double current = 0;
    Last last = kStart;
    double scale = 1;
    bool any = false;
  };

  bool ParseNumberWords(size_t j, Num* num) const {
    size_t k = j;
    Words w;
    if (IsWordEq(k, "a") || IsWordEq(k, "an")) {
      if (!HasFlag(k + 1, internal::kHundredWord | internal::kScaleWord)) {
        return false;
      }
      const Lex* l = LexAt(k + 1);
      if (l->cardinal < 100 && !(l->flags & internal::kHundredWord))
        return false;
      ++k;
      // "a hundred", "a thousand": the article counts one.
      w.current = 1;
      w.last = kUnit;
      w.any = true;
      if (!ParseWordsFrom(k, w, num) || num->ordinal) return false;
      return true;
    }
    // "half a million", "half million", "half a dozen".
    if (IsWordEq(k, "half")) {
      size_t m = k + 1;
      if (IsWordEq(m, "a")) ++m;
      if (!HasFlag(m, internal::kScaleWord | internal::kHundredWord)) {
        return false;
      }
      w.current = 0.5;
      w.last = kUnit;
      w.any = true;
      if (!ParseWordsFrom(m, w, num) || num->ordinal) return false;
      return num->end > m;
    }
    // "hundred thousand dollars": a bare "hundred" before a scale word.
    if (HasFlag(k, internal::kHundredWord) && LexAt(k)->cardinal == 100 &&
        HasFlag(k + 1, internal::kScaleWord)) {
      w.current = 1;
      w.last = kUnit;
      w.any = true;
      return ParseWordsFrom(k, w, num) && !num->ordinal;
    }
    if (!ParseWordsFrom(k, w, num)) return false;
    num->one_word = !num->ordinal && (num->end == j + 1) &&
                    HasFlag(j, internal::kCardinalWord) &&
                    LexAt(j)->cardinal <= 1;
    return true;
  }

  // Reads number words from token k on, continuing state `w`. Returns false
  // when nothing was read at all.
  bool ParseWordsFrom(size_t k, Words w, Num* num) const {
    double frac_scale = 0.1;
    while (k < size()) {
      double dv = 0;
      if (IsNumber(k)) {
        // Digits inside words: "4 thousand 3 hundred and 21".
        if (!DigitCardinal(k, &dv)) break;
        const bool before_hundred =
            w.last == kScale && dv < 10 && HasFlag(k + 1, internal::kHundredWord);
        const bool after_and = w.last == kAnd && dv < 100;
        if (!before_hundred && !after_and) break;
        w.current += dv;
        w.last = dv < 20 ? kUnit : kTens;
        w.any = true;
        ++k;
        continue;
      }
      if (!IsWord(k)) break;
      const Lex* l = toks_[k].lex;
      if (l == nullptr) break;
      const uint32_t f = l->flags;
      if (f & internal::kCardinalWord) {
        const double v = l->cardinal;
        if (w.last == kPoint) {
          if (v >= 10) break;
          w.current += v * frac_scale;
          frac_scale /= 10;
          ++k;
          continue;
        }
        if (v < 20) {
          if (!(w.last == kStart || w.last == kTens || w.last == kHundred ||
                w.last == kScale || w.last == kAnd)) {
            break;
          }
          if (w.last == kTens && (v == 0 || v >= 10)) break;
        } else if (!(w.last == kStart || w.last == kHundred ||
                     w.last == kScale || w.last == kAnd)) {
          break;
        }
        w.current += v;
        w.last = v < 20 ? kUnit : kTens;
        w.any = true;
        ++k;
        // "twenty-five", "twenty-fifth"
        if (w.last == kTens && IsPunct(k, "-") && Adjacent(k - 1, k) &&
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
          (w.last == kStart || w.last == kTens || w.last == kAnd)) {
        num->value = w.total + w.current + l->ordinal;
        num->ordinal = true;
        num->end = k + 1;
        return true;
      }
      if ((f & internal::kHundredWord) &&
          (w.last == kUnit || w.last == kTens)) {
        w.current = (w.current == 0 ? 1 : w.current) * l->cardinal;
        w.last = kHundred;
        w.any = true;
        ++k;
        continue;
      }
      // "three thousand millions": a larger scale right after a scale
      // multiplies the whole.
      if (((f & internal::kScaleWord) || ScalePlural(l)) &&
          w.last == kScale && l->cardinal > w.scale && w.current == 0 &&
          w.total > 0) {
        w.total *= l->cardinal;
        w.scale *= l->cardinal;
        ++k;
        continue;
      }
      if ((((f & internal::kScaleWord) && l->cardinal >= 1000) ||
           ScalePlural(l)) &&
          (w.last == kUnit || w.last == kTens || w.last == kHundred ||
           (w.last == kPoint && frac_scale < 0.1))) {
        w.total += (w.current == 0 ? 1 : w.current) * l->cardinal;
        w.scale = l->cardinal;
        w.current = 0;
        w.last = kScale;
        w.any = true;
        ++k;
        continue;
      }
      // "five and a half million", "one million and a half".
      if (EqualsIgnoreCase(Text(k), "and") && IsWordEq(k + 1, "a") &&
          IsWordEq(k + 2, "half") &&
          (w.last == kUnit || w.last == kTens || w.last == kScale)) {
        if (w.last == kScale) {
          w.total += 0.5 * w.scale;
        } else {
          w.current += 0.5;
        }
        k += 3;
        continue;
      }
      if (EqualsIgnoreCase(Text(k), "and") &&
          (w.last == kHundred || w.last == kScale) &&
          (HasFlag(k + 1, internal::kCardinalWord) ||
           (w.last == kHundred && DigitCardinal(k + 1, &dv)))) {
        w.last = kAnd;
        ++k;
        continue;
      }
      // "two point two million"
      if (EqualsIgnoreCase(Text(k), "point") &&
          (w.last == kUnit || w.last == kTens) && w.total == 0 &&
          HasFlag(k + 1, internal::kCardinalWord) &&
          LexAt(k + 1)->cardinal < 10) {
        w.last = kPoint;
        ++k;
        continue;
      }
      break;
    }
    if (!w.any) return false;
    if (w.last == kAnd) --k;
    // "one-third", "two-thirds": fractions are not counts.
    if (IsPunct(k, "-") && Adjacent(k - 1, k) &&
        HasFlag(k + 1, internal::kFraction)) {
      return false;
    }
    num->value = w.total + w.current;
    num->scale = w.scale;
    num->end = k;
    return true;
  }

  size_t MatchQualifier(size_t i, Qual* q) const {
    // The lexicon entry of each phrase's first word, looked up once: the
    // token is compared by pointer, not by string, against all phrases.
    static const auto* const first_lex = [] {
      auto* out = new std::array<const Lex*, std::size(kQualPhrases)>();
      for (size_t k = 0; k < std::size(kQualPhrases); ++k)
        (*out)[k] = internal::LookupWord(kQualPhrases[k].words[0]);
      return out;
    }();
    if (!IsWord(i)) return 0;
    const Lex* lex = toks_[i].lex;
    size_t best = 0;
    for (size_t pi = 0; pi < std::size(kQualPhrases); ++pi) {
      const QualPhrase& p = kQualPhrases[pi];
      if (p.count <= best) continue;
      const Lex* want = (*first_lex)[pi];
      if (want != nullptr ? lex != want : !IsWordEq(i, p.words[0])) continue;
      bool match = true;
      for (size_t k = 1; k < p.count; ++k) {
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
      if (LeadingPoint(i)) return PointNumber(i);
      if (MatchCurrency(i, &unused) == 0 && !LeadingMinus(i)) return c;
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

    // "minus five percent"
    // "minus five percent", "negative 3", "-504".
    const bool minus =
        (HasFlag(j, internal::kPhraseStart) &&
         (IsWordEq(j, "minus") || IsWordEq(j, "negative")) &&
         !IsWordEq(j + 1, "minus") && !IsWordEq(j + 1, "negative")) ||
        LeadingMinus(j);
    if (minus) ++j;

    std::string_view currency;
    size_t k = j + MatchCurrency(j, &currency);
    Num num;
    bool ok = ParseNumber(k, !currency.empty(), &num);
    if (minus && (!ok || num.ordinal)) return c;
    if (minus) num.value = -num.value;
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

    // "five hundred or more", "65 and over", "10 or fewer".
    if ((q == Qual::kNone || q == Qual::kApprox) &&
        (IsWordEq(e, "or") || IsWordEq(e, "and")) && !IsWordEq(e + 2, "than")) {
      if (IsWordEq(e + 1, "more") || IsWordEq(e + 1, "above") ||
          IsWordEq(e + 1, "over")) {
        q = Qual::kAtLeast;
        e += 2;
      } else if (IsWordEq(e + 1, "less") || IsWordEq(e + 1, "fewer") ||
                 IsWordEq(e + 1, "below") || IsWordEq(e + 1, "under")) {
        q = Qual::kAtMost;
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
      // The whole text is the number ("zero", "one").
      const bool whole = i == 0 && e == size();
      if ((pronoun || !counts) && !whole) {
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
  // Years give the year; months, weeks and days the day that many units
  // before the reference (a whole month when the reference has no day).
  Cand Ago(size_t i, size_t e, double n, std::string_view unit,
           double factor) const {
    Cand c;
    c.ok = true;
    c.end_tok = e;
    c.emit = false;
    // A million units at most: beyond, no calendar date is meant (and the
    // count would not fit the int arithmetic below; the fuzzer found
    // "1111...1 years ago", 41 digits).
    if (!ref_.known() || !IsIntegral(n) || !(n * factor <= 1e6)) return c;
    const int count = static_cast<int>(n * factor);
    Value v = MakeValue(i, e, ValueKind::kYear);
    v.resolved_from_reference = true;
    if (unit == "year") {
      v.lo = v.hi = ref_.year - count;
    } else if (unit == "month") {
      if (ref_.month == 0) return c;
      int y = 0, m = 0;
      AddMonths(ref_.year, ref_.month, -count, &y, &m);
      if (ref_.day == 0) {
        v.kind = ValueKind::kDateRange;
        v.lo = static_cast<double>(DaysFromCivil(y, m, 1));
        v.hi = static_cast<double>(DaysFromCivil(y, m, DaysInMonth(y, m)));
      } else {
        v.kind = ValueKind::kDate;
        v.lo = v.hi = static_cast<double>(ShiftMonths(-count));
      }
    } else if (unit == "day") {
      if (ref_.day == 0) return c;
      v.kind = ValueKind::kDate;
      v.lo = v.hi = static_cast<double>(RefDays() - count);
    } else {
      return c;
    }
    c.emit = true;
    c.value = v;
    return c;
  }

  // (y, m) moved by `delta` months.
  static void AddMonths(int y, int m, int delta, int* out_y, int* out_m) {
    const int total = y * 12 + (m - 1) + delta;
    *out_y = total >= 0 ? total / 12 : (total - 11) / 12;
    *out_m = total - *out_y * 12 + 1;
  }

  // The reference day moved by `delta` months (day clamped to the month).
  int64_t ShiftMonths(int delta) const {
    int y = 0, m = 0;
    AddMonths(ref_.year, ref_.month, delta, &y, &m);
    const int d = ref_.day < DaysInMonth(y, m) ? ref_.day : DaysInMonth(y, m);
    return DaysFromCivil(y, m, d);
  }

  // ---- calendar -----------------------------------------------------------

  // "may" and "march" are also verbs (and "march" a noun): as bare months
  // they need a capital letter or a date-like neighbour.
  bool WeakMonth(size_t j) const {
    return IsWordEq(j, "may") || IsWordEq(j, "march");
  }

  // A month name at j, any case ("July", "july", "Sept.", "aug").
  bool MonthAt(size_t j, bool allow_abbr, int* month, size_t* next) const {
    const Lex* l = LexAt(j);
    if (l == nullptr) return false;
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

  // A day in digits ("15", "15th") or as an ordinal word ("ninth",
  // "twenty-seventh"); *word tells which.
  bool AnyDayAt(size_t j, int* day, size_t* next, bool* word) const {
    *word = false;
    if (IsNumber(j)) return usable_[j] && DayAt(j, day, next);
    if (!HasFlag(j, internal::kOrdinalWord | internal::kCardinalWord)) {
      return false;
    }
    Num num;
    if (!ParseNumberWords(j, &num) || !num.ordinal || num.value < 1 ||
        num.value > 31) {
      return false;
    }
    *day = static_cast<int>(num.value);
    *next = num.end;
    *word = true;
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

  // The year after a month or day: "2015", ", 2015", "of 1995", "in 2020",
  // or after a clock time ("Oct 26 15:50:06 2016").
  bool YearAfter(size_t e, int* year, size_t* next) const {
    if (YearAt(e, year, next)) return true;
    // "April of 87": a two-digit year after "of".
    if (IsWordEq(e, "of") && IsNumber(e + 1) && usable_[e + 1] &&
        toks_[e + 1].int_digits == 2 && !toks_[e + 1].decimal &&
        !IsWord(e + 2) && !IsNumber(e + 2)) {
      *year = FullYear(static_cast<int>(toks_[e + 1].number), 2);
      *next = e + 2;
      return true;
    }
    if ((IsPunct(e, ",") || IsWordEq(e, "of") || IsWordEq(e, "in")) &&
        YearAt(e + 1, year, next)) {
      return true;
    }
    const size_t t = SkipTime(e);
    return t > e && YearAt(t, year, next);
  }

  // Tokens a day-range connector takes at j: "-", "–", "to", "through",
  // "till", "until", "thru"; "and" only after "between". 0: none.
  size_t DayConnector(size_t j, bool between) const {
    if (between) return IsWordEq(j, "and") ? 1 : 0;
    if (IsDash(j) || IsWordEq(j, "to") || IsWordEq(j, "through") ||
        IsWordEq(j, "till") || IsWordEq(j, "until") || IsWordEq(j, "thru")) {
      return 1;
    }
    return 0;
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

  // The year for a month/day given without one: the occurrence nearest to
  // `ref` (past or future, ties to the past) when `ref` has a month, else
  // ref's year. day_lo == 0: the whole month.
  static bool ResolveYear(const ReferenceDate& ref, int month, int day_lo,
                          int day_hi, int* year) {
    if (!ref.known()) return false;
    if (ref.month == 0) {
      *year = ref.year;
      return true;
    }
    const int64_t r_lo = DaysFromCivil(
        ref.year, ref.month, ref.day == 0 ? 1 : ref.day);
    const int64_t r_hi = DaysFromCivil(
        ref.year, ref.month,
        ref.day == 0 ? DaysInMonth(ref.year, ref.month) : ref.day);
    int best = 0;
    int64_t best_dist = 0;
    // Three years either side is enough for February 29 to come round.
    for (int span = 1; span <= 4 && best == 0; span += 3) {
      for (int y = ref.year - span; y <= ref.year + span; ++y) {
        const int dim = DaysInMonth(y, month);
        const int lo = day_lo == 0 ? 1 : day_lo;
        const int hi = day_lo == 0 || day_hi <= 0 ? (day_lo == 0 ? dim : lo)
                                                  : day_hi;
        if (lo > dim || hi > dim) continue;
        const int64_t c_lo = DaysFromCivil(y, month, lo);
        const int64_t c_hi = DaysFromCivil(y, month, hi);
        int64_t dist = 0;
        if (c_lo > r_hi) dist = c_lo - r_hi;
        if (r_lo > c_hi) dist = r_lo - c_hi;
        if (best == 0 || dist < best_dist) {  // ties keep the earlier year
          best = y;
          best_dist = dist;
        }
      }
    }
    if (best == 0) return false;
    *year = best;
    return true;
  }

  // The year for the start of a range whose end is `ref`: the most recent
  // occurrence not after it.
  static bool ResolveYearNotAfter(const ReferenceDate& ref, int month,
                                  int day, int* year) {
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
      if (!ResolveYear(ref_, month, day_lo, day_hi, &year)) {
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
    // "from 13 to 15 July", "between 3 and 12 of Sept": the opening word is
    // inside a day range's span.
    const bool date_word = HasFlag(i, internal::kDateWord);
    const bool from = date_word && IsWordEq(i, "from");
    const bool between = date_word && IsWordEq(i, "between");
    if (from || between) {
      size_t j = i + 1;
      if (IsWordEq(j, "the")) ++j;
      Cand inner = MatchCalendarAt(j, between);
      if (inner.ok && inner.day_range) {
        inner.value.start = toks_[i].start;
        return inner;
      }
      return Cand();
    }
    return MatchCalendarAt(i, /*between=*/false);
  }

  Cand MatchCalendarAt(size_t i, bool between) const {
    Cand c;
    if (i >= size()) return c;
    int month = 0, day = 0, day2 = 0, year = 0;
    size_t k = 0, k2 = 0, k3 = 0;
    bool word = false, word2 = false;

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

    // "1/1/2015", "Oct/2", "23.04.2022", "2015-12".
    if ((IsNumber(i) &&
         (toks_[i].decimal || toks_[i].int_digits == 8 ||
          (Adjacent(i, i + 1) &&
           toks_[i + 1].type == TokenType::kPunct &&
           (text_[toks_[i + 1].start] == '/' ||
            text_[toks_[i + 1].start] == '-' ||
            text_[toks_[i + 1].start] == '.')))) ||
        (HasFlag(i, internal::kMonthName | internal::kMonthAbbr) &&
         Adjacent(i, i + 1))) {
      Cand nd = MatchNumericDate(i, /*dotted_pair=*/false);
      if (nd.ok) return nd;
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

    // Year then month: "in 2017 april".
    if (IsNumber(i) && YearAt(i, &year, &k) &&
        HasFlag(k, internal::kMonthName) &&
        !WeakMonth(k) && !IsNumber(k + 1)) {
      MonthAt(k, /*allow_abbr=*/false, &month, &k2);
      return CalendarCand(i, k2, year, month, 0, 0);
    }

    // Month first: "August 10, 1997", "Dec. 31, 1994", "July 13-15",
    // "April 9th through 17th", "april the ninth", "March 2021",
    // "in September".
    if (HasFlag(i, internal::kMonthName | internal::kMonthAbbr) &&
        MonthAt(i, /*allow_abbr=*/true, &month, &k)) {
      size_t d = k;
      if (IsWordEq(d, "the") && !IsNumber(d + 1)) ++d;
      // "In July 15 people died": the number counts the noun after it.
      // "Dec31", "mar3": a day glued to the month.
      const bool glued = d == k && k == i + 1 && IsNumber(d) &&
                         Adjacent(i, d) && DayAt(d, &day, &k2);
      if ((glued || AnyDayAt(d, &day, &k2, &word)) && !CountedAfter(k2) &&
          (!word || !WeakMonth(i) || Capitalized(i))) {
        day2 = day;
        bool range = false;
        const size_t conn = DayConnector(k2, false);
        if (conn > 0) {
          size_t d2 = k2 + conn;
          if (IsWordEq(d2, "the")) ++d2;
          if (AnyDayAt(d2, &day2, &k3, &word2) && day2 > day &&
              !CountedAfter(k3) && !HasFlag(k3, internal::kMonthName) &&
              !HasFlag(k3, internal::kMonthAbbr)) {
            k2 = k3;
            range = true;
          } else {
            day2 = day;
          }
        }
        size_t e = k2;
        year = 0;
        if (YearAfter(e, &year, &k3)) e = k3;
        const size_t span_end = SkipTime(e);
        c = CalendarCand(i, span_end, year, month, day, day2);
        c.day_range = range;
        return c;
      }
      if (YearAfter(k, &year, &k2) && k2 == k + 1 + (IsNumber(k) ? 0 : 1)) {
        return CalendarCand(i, k2, year, month, 0, 0);
      }
      const bool full = HasFlag(i, internal::kMonthName);
      const bool weak = WeakMonth(i);
      if ((full || Capitalized(i)) &&
          PrevWordIn(i, kMonthPrepositions, std::size(kMonthPrepositions))) {
        return CalendarCand(i, k, 0, month, 0, 0);
      }
      // "in the april"
      if (full && !weak && i >= 2 && IsWordEq(i - 1, "the") &&
          PrevWordIn(i - 1, kMonthPrepositions,
                     std::size(kMonthPrepositions))) {
        return CalendarCand(i, k, 0, month, 0, 0);
      }
      return c;
    }

    // Day first: "10 August 1997", "15 July", "22 Sep 2022 9:15 p.m",
    // "13-15 July", "the 4th of July", "second of Aug", "9 to 12 of June",
    // "18 and 19 June" (the first day alone).
    if (AnyDayAt(i, &day, &k, &word)) {
      day2 = day;
      bool range = false;
      bool alone = false;
      const size_t conn = DayConnector(k, between);
      if (conn > 0 || ((IsWordEq(k, "and") || IsPunct(k, ",")) && !word)) {
        size_t d2 = k + (conn > 0 ? conn : 1);
        if (IsWordEq(d2, "the")) ++d2;
        if (AnyDayAt(d2, &day2, &k3, &word2) &&
            (conn > 0 ? day2 > day : day2 != day)) {
          range = conn > 0;
          alone = conn == 0;
          if (alone) {
            // The first of two days: its span ends at the day.
            k2 = k3;
            if (IsWordEq(k2, "of")) ++k2;
            if (!MonthAt(k2, /*allow_abbr=*/true, &month, &k2)) return c;
            year = 0;
            YearAfter(k2, &year, &k2);
            return CalendarCand(i, k, year, month, day, day);
          }
          k = k3;
        } else {
          day2 = day;
        }
      }
      if (IsWordEq(k, "of")) {
        ++k;
      } else if (word) {
        return c;  // "second August"? only "second of August"
      }
      if (MonthAt(k, /*allow_abbr=*/true, &month, &k2)) {
        year = 0;
        size_t e = k2;
        if (YearAfter(e, &year, &k3)) e = k3;
        c = CalendarCand(i, SkipTime(e), year, month, day, day2);
        c.day_range = range;
        return c;
      }
      return c;
    }

    // "mid-July", "early September", "late June 2021": RT's halves (early
    // 1-15, late 16-end) and middle (10-20).
    if (!HasFlag(i, internal::kDateWord)) return c;
    {
      const Lex* l = LexAt(i);
      const StartWords& w = *starts_;
      if (l == w.christmas || l == w.xmas || l == w.halloween) {
        return MatchHoliday(i);
      }
      if (l == w.easter) return MatchEaster(i);
    }
    const bool early = IsWordEq(i, "early");
    const bool mid = IsWordEq(i, "mid");
    const bool late = IsWordEq(i, "late");
    if (early || mid || late) {
      k = i + 1;
      if (IsDash(k) && Adjacent(i, k)) ++k;
      if (MonthAt(k, /*allow_abbr=*/false, &month, &k2)) {
        year = 0;
        if (YearAt(k2, &year, &k3)) k2 = k3;
        const int lo = early ? 1 : (mid ? 10 : 16);
        const int hi = early ? 15 : (mid ? 20 : -1);
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

  Cand YearCand(size_t first, size_t e, int lo, int hi) const {
    Cand c;
    c.ok = true;
    c.end_tok = e;
    c.value = MakeValue(first, e, ValueKind::kYear);
    c.value.lo = lo;
    c.value.hi = hi;
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

  // Monday of the reference week.
  int64_t RefMonday() const {
    const int64_t r = RefDays();
    return r - (WeekdayOf(r) + 6) % 7;
  }

  Cand MatchRelative(size_t i) const {
    Cand c;
    if (IsNumber(i)) return MatchCenturyOrSpan(i);
    if (!HasFlag(i, internal::kDateWord | internal::kWeekdayName |
                        internal::kOrdinalWord | internal::kCardinalWord)) {
      return c;
    }
    // Suppression used when the reference is too coarse.
    Cand none;
    none.ok = true;
    none.emit = false;
    none.end_tok = i + 2;

    const bool last = IsWordEq(i, "last");
    const bool this_ = IsWordEq(i, "this");
    const bool next = IsWordEq(i, "next");
    const bool previous = IsWordEq(i, "previous");
    const bool past = IsWordEq(i, "past");
    if (last || past || previous) {
      // "the last 3 months", "past five years": from that long before the
      // reference up to it.
      Cand span = PastSpan(i, i + 1);
      if (span.ok) return span;
    }
    if (past || (this_ && IsWordEq(i + 1, "past"))) {
      // "this past Wednesday", "past Wednesday": the most recent one.
      const size_t j = this_ ? i + 2 : i + 1;
      if (HasFlag(j, internal::kWeekdayName)) {
        none.end_tok = j + 1;
        if (!FullRef()) return none;
        return Weekday(i, j + 1, LexAt(j)->weekday);
      }
      return c;
    }
    if (last || this_ || next || previous) {
      const int delta = (last || previous) ? -1 : (next ? 1 : 0);
      const size_t j = i + 1;
      if (!IsWord(j)) return c;
      if (IsWordEq(j, "year") && !previous) {
        if (!ref_.known()) return none;
        return YearCand(i, j + 1, ref_.year + delta, ref_.year + delta);
      }
      if (IsWordEq(j, "month") && !previous) {
        if (ref_.month == 0) return none;
        int y = 0, m = 0;
        AddMonths(ref_.year, ref_.month, delta, &y, &m);
        return DateCand(i, j + 1, DaysFromCivil(y, m, 1),
                        DaysFromCivil(y, m, DaysInMonth(y, m)));
      }
      if (IsWordEq(j, "week") && !previous) {
        if (!FullRef()) return none;
        const int64_t monday = RefMonday();
        return DateCand(i, j + 1, monday + 7 * delta, monday + 7 * delta + 6);
      }
      if (IsWordEq(j, "quarter")) {
        if (ref_.month == 0) return none;
        int y = 0, m = 0;
        AddMonths(ref_.year, (ref_.month - 1) / 3 * 3 + 1, 3 * delta, &y, &m);
        return DateCand(i, j + 1, DaysFromCivil(y, m, 1),
                        DaysFromCivil(y, m + 2, DaysInMonth(y, m + 2)));
      }
      if (IsWordEq(j, "decade") && (this_ || next)) {
        if (!ref_.known()) return none;
        const int d = ref_.year - ref_.year % 10 + 10 * delta;
        return YearCand(i, j + 1, d, d + 9);
      }
      if (IsWordEq(j, "night") && last) {
        if (!FullRef()) return none;
        return DateCand(i, j + 1, RefDays() - 1, RefDays() - 1);
      }
      if (HasFlag(j, internal::kWeekdayName) && !this_) {
        // "next Friday": the Friday of next week; "last Wednesday",
        // "previous Wednesday": the Wednesday of the week before.
        if (!FullRef()) return none;
        const int wd = LexAt(j)->weekday;
        const int64_t d = RefMonday() + 7 * delta + (wd + 6) % 7;
        return DateCand(i, j + 1, d, d);
      }
      if (HasFlag(j, internal::kMonthName | internal::kMonthAbbr) &&
          (!WeakMonth(j) || Capitalized(j))) {
        // "this September": in the reference year; "next March": the first
        // one after the reference month; "last March": the one before.
        if (!ref_.known() || (delta != 0 && ref_.month == 0)) return none;
        const int m = LexAt(j)->month;
        int y = ref_.year;
        if (next && m <= ref_.month) ++y;
        if ((last || previous) && m >= ref_.month) --y;
        size_t e = j + 1;
        if (IsPunct(e, ".") && Adjacent(j, e)) ++e;
        return DateCand(i, e, DaysFromCivil(y, m, 1),
                        DaysFromCivil(y, m, DaysInMonth(y, m)));
      }
      if (HasFlag(j, internal::kSeasonWord) && !previous) {
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
        IsWordEq(i, "tomorrow") || IsWordEq(i, "tmrw")) {
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
    // "later this year", "later in the year", "(the) end of (this|the)
    // year": RT's second half of the year; "the end of 1989": its last four
    // months.
    if (IsWordEq(i, "later") || IsWordEq(i, "end")) {
      const bool later = IsWordEq(i, "later");
      size_t j = i + 1;
      if (later) {
        if (IsWordEq(j, "in") && IsWordEq(j + 1, "the")) j += 2;
        else if (IsWordEq(j, "this")) ++j;
        else return c;
      } else {
        if (!IsWordEq(j, "of")) return c;
        ++j;
        int year = 0;
        size_t e = 0;
        if (YearAt(j, &year, &e)) {
          return DateCand(i, e, DaysFromCivil(year, 9, 1),
                          DaysFromCivil(year, 12, 31));
        }
        if (IsWordEq(j, "this") || IsWordEq(j, "the")) ++j;
      }
      if (!IsWordEq(j, "year")) return c;
      none.end_tok = j + 1;
      if (!ref_.known()) return none;
      return DateCand(i, j + 1, DaysFromCivil(ref_.year, 7, 1),
                      DaysFromCivil(ref_.year, 12, 31));
    }
    // "in two weeks": the day that long after the reference.
    if (IsWordEq(i, "in")) {
      Cand d = MatchNumberPhrase(i + 1, /*allow_qualifier=*/false);
      if (!d.ok || !d.emit || d.value.kind != ValueKind::kDuration ||
          d.value.qualifier != Qualifier::kExact ||
          !IsIntegral(d.value.lo) || d.value.lo <= 0 || d.value.lo > 1000 ||
          (d.value.unit != "day" && d.value.unit != "month" &&
           d.value.unit != "year")) {
        return c;
      }
      // "in two years" is a time only when the text looks ahead ("I will
      // leave in two years"); "the first time in two years" is not one.
      if (d.value.unit == "year" && !FutureBefore(i)) return c;
      if (!FullRef()) return c;
      const int n = static_cast<int>(d.value.lo);
      const int64_t day = d.value.unit == "day"
                              ? RefDays() + n
                              : ShiftMonths(d.value.unit == "year" ? 12 * n : n);
      return DateCand(i, d.end_tok, day, day);
    }
    if (HasFlag(i, internal::kOrdinalWord | internal::kCardinalWord)) {
      return MatchCenturyOrSpan(i);
    }
    return c;
  }

  // "21st century", "the twenty-first century"; "the 5 past years".
  Cand MatchCenturyOrSpan(size_t i) const {
    Cand c;
    {
      Num num;
      if (ParseNumber(i, false, &num) && num.ordinal && num.value >= 1 &&
          num.value <= 30 && IsWordEq(num.end, "century")) {
        const int lo = (static_cast<int>(num.value) - 1) * 100;
        Cand y = YearCand(i, num.end + 1, lo, lo + 99);
        y.value.resolved_from_reference = false;
        return y;
      }
      // "the 5 past years", "10 previous weeks".
      if (IsNumber(i) || HasFlag(i, internal::kCardinalWord)) {
        return PastSpan(i, i);
      }
    }
    return c;
  }

  // "last 3 months" (first = "last", j = "3"), "past five years", "5 past
  // years" (first = j = "5"): from that long before the reference to it.
  Cand PastSpan(size_t first, size_t j) const {
    Cand c;
    Num num;
    if (!ParseNumber(j, false, &num) || num.ordinal || !IsIntegral(num.value) ||
        num.value < 1 || num.value > 1000) {
      return c;
    }
    size_t u = num.end;
    if (first == j) {
      if (!IsWordEq(u, "past") && !IsWordEq(u, "previous")) return c;
      ++u;
    }
    const Lex* l = LexAt(u);
    if (l == nullptr || !(l->flags & internal::kUnitWord) ||
        l->unit_kind != ValueKind::kDuration || l->unit_singular) {
      return c;
    }
    if (!FullRef()) {
      c.ok = true;
      c.emit = false;
      c.end_tok = u + 1;
      return c;
    }
    const int n = static_cast<int>(num.value * l->unit_factor);
    int64_t lo = 0;
    if (l->unit == "day") {
      lo = RefDays() - n;
    } else if (l->unit == "month") {
      lo = ShiftMonths(-n);
    } else if (l->unit == "year") {
      lo = ShiftMonths(-12 * n);
    } else {
      return c;
    }
    return DateCand(first, u + 1, lo, RefDays());
  }

  // The most recent `weekday` strictly before the reference date.
  Cand Weekday(size_t first, size_t e, int weekday) const {
    const int64_t r = RefDays();
    int back = (WeekdayOf(r) - weekday + 7) % 7;
    if (back == 0) back = 7;
    return DateCand(first, e, r - back, r - back);
  }

  // "after 2018" (from 2019-01-01 on), "before 2010" (to 2009-12-31),
  // "since late July", "since this August", "since the end of 1989": open
  // date ranges, the opening word inside the span. A plain year after
  // "since" stays a year ("since 2013": the rules read the preposition).
  Cand MatchOpenRange(size_t i) const {
    Cand c;
    if (!HasFlag(i, internal::kDateWord)) return c;
    const bool after = IsWordEq(i, "after");
    const bool before = IsWordEq(i, "before");
    const bool since = IsWordEq(i, "since");
    if (!after && !before && !since) return c;
    size_t j = i + 1;
    if (since && IsWordEq(j, "the") && IsWordEq(j + 1, "end")) ++j;
    Cand x = MatchCalendar(j);
    Cand r = MatchRelative(j);
    if (r.ok && r.emit && (!x.ok || !x.emit || r.end_tok > x.end_tok)) x = r;
    if (!x.ok || !x.emit) {
      if (since) return c;
      x = MatchNumberPhrase(j, /*allow_qualifier=*/false);
      if (!x.ok || !x.emit || x.value.kind != ValueKind::kYear) return c;
    }
    const ValueKind k = x.value.kind;
    if (!IsCalendarKind(k) || std::isinf(x.value.lo) ||
        std::isinf(x.value.hi)) {
      return c;
    }
    if (since && k == ValueKind::kYear && IsNumber(j)) return c;
    double lo = x.value.lo;
    double hi = x.value.hi;
    if (k == ValueKind::kYear) {
      lo = static_cast<double>(DaysFromCivil(static_cast<int>(lo), 1, 1));
      hi = static_cast<double>(DaysFromCivil(static_cast<int>(hi), 12, 31));
    }
    c.ok = true;
    c.end_tok = x.end_tok;
    c.value = x.value;
    c.value.start = toks_[i].start;
    c.value.kind = ValueKind::kDateRange;
    c.value.unit.clear();
    if (before) {
      c.value.lo = -kUnbounded;
      c.value.hi = lo - 1;
      c.value.qualifier = Qualifier::kAtMost;
    } else {
      c.value.lo = after ? hi + 1 : lo;
      c.value.hi = kUnbounded;
      c.value.qualifier = Qualifier::kAtLeast;
    }
    return c;
  }

  // ---- more calendar shapes (issue 3) -------------------------------------

  // Years written with two digits ("10/31/74"): 1940..2039.
  static int FullYear(int yy, int digits) {
    if (digits != 2) return yy;
    return yy < 40 ? 2000 + yy : 1900 + yy;
  }

  // Words before a numeric month/day without a year ("on 7/6", "from 10/1
  // to 11/7") that make it a date rather than a fraction or a ratio.
  bool NumericDateContext(size_t i) const {
    if (i == 0) return false;
    static constexpr std::string_view kBefore[] = {
        "on",     "from",  "to",   "until", "till", "by",   "since",
        "before", "after", "between", "and", "or",  "this", "next",
        "for",    "thru",  "through"};
    if (PrevWordIn(i, kBefore, std::size(kBefore))) return true;
    if (HasFlag(i - 1, internal::kWeekdayName)) return true;
    // "11/20, 11/22 or 11/25", "2/29-3/1": after another date.
    return (IsPunct(i - 1, ",") || IsDash(i - 1)) && i >= 2 &&
           IsNumber(i - 2);
  }

  // Numeric and mixed dates: "1/1/2015", "10/31/74", "23.04.2022", "2015-3-3",
  // "2015-12", "12-2015", "Oct/2", "31/Oct/1974", "Sep-23-2020", "Dec/2018",
  // and "7/6" after a date word (or as the whole text). Day first when the
  // first number cannot be a month, or with dots. `dotted_pair`: "7.6" may be
  // a month and day (after a weekday).
  Cand MatchNumericDate(size_t i, bool dotted_pair) const {
    Cand c;
    if (i >= size()) return c;
    // "123-12-1234": inside a code, not after a date ("2018-10/7/2018").
    if (i >= 2 && IsPunct(i - 1, "-") && Adjacent(i - 1, i) &&
        Adjacent(i - 2, i - 1) && IsNumber(i - 2) &&
        toks_[i - 2].int_digits != 4 &&
        !(i >= 3 && IsPunct(i - 3, "/") && Adjacent(i - 3, i - 2))) {
      return c;
    }
    if (i > 0 && Adjacent(i - 1, i) &&
        (IsWord(i - 1) || IsNumber(i - 1) || IsPunct(i - 1, "/") ||
         IsPunct(i - 1, ".") || IsPunct(i - 1, "_") || IsPunct(i - 1, ":") ||
         IsPunct(i - 1, "#") || IsPunct(i - 1, "@"))) {
      return c;
    }
    // "20161016": eight digits, year first.
    if (IsNumber(i) && toks_[i].int_digits == 8 && !toks_[i].decimal &&
        !toks_[i].grouped) {
      const int64_t v = static_cast<int64_t>(toks_[i].number);
      const int y = static_cast<int>(v / 10000);
      const int m = static_cast<int>(v / 100 % 100);
      const int d = static_cast<int>(v % 100);
      if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 ||
          d > DaysInMonth(y, m) ||
          (Adjacent(i, i + 1) &&
           (IsWord(i + 1) || IsNumber(i + 1) || IsPunct(i + 1, "/") ||
            (IsPunct(i + 1, ".") && Adjacent(i + 1, i + 2))))) {
        return c;
      }
      return CalendarCand(i, i + 1, y, m, d, d);
    }
    int part[3] = {0, 0, 0};
    int digits[3] = {0, 0, 0};  // 0: a month name
    size_t n = 0;
    char sep = 0;
    size_t e = i;
    if (IsNumber(i) && toks_[i].decimal && !toks_[i].grouped) {
      // "23.04.2022", "10.31.1974", "7.6": one token.
      const std::string_view t = Text(i);
      size_t p = 0;
      while (p < t.size() && n < 3) {
        int v = 0, d = 0;
        while (p < t.size() && t[p] >= '0' && t[p] <= '9') {
          // Five digits are no date part; stopping here also keeps v from
          // overflowing on "123456789012.5".
          if (d == 4) return c;
          v = v * 10 + (t[p] - '0');
          ++d;
          ++p;
        }
        if (d == 0) return c;
        part[n] = v;
        digits[n] = d;
        ++n;
        if (p < t.size() && t[p] == '.') ++p;
      }
      if (p != t.size()) return c;
      sep = '.';
      e = i + 1;
      if (n == 2 && !dotted_pair) return c;
    } else {
      size_t k = i;
      while (n < 3) {
        int month = 0;
        size_t next = 0;
        if (IsNumber(k) && !toks_[k].decimal && !toks_[k].grouped &&
            toks_[k].int_digits <= 4) {
          part[n] = static_cast<int>(toks_[k].number);
          digits[n] = toks_[k].int_digits;
        } else if (IsWord(k) && MonthAt(k, /*allow_abbr=*/true, &month, &next) &&
                   next == k + 1) {
          part[n] = month;
          digits[n] = 0;
        } else {
          break;
        }
        ++n;
        e = k + 1;
        if (n == 3) break;
        if (!(Adjacent(k, k + 1) && Adjacent(k + 1, k + 2))) break;
        char s = 0;
        if (IsPunct(k + 1, "/")) s = '/';
        else if (IsPunct(k + 1, "-")) s = '-';
        else if (IsPunct(k + 1, ".")) s = '.';
        if (s == 0 || (sep != 0 && s != sep)) break;
        sep = s;
        k += 2;
      }
      if (n < 2 || sep == 0) return c;
      // Two numbers joined by '.' are one decimal token, never here.
    }
    // Not part of a longer path or identifier.
    if (Adjacent(e - 1, e) &&
        (IsWord(e) || IsNumber(e) || IsPunct(e, "/") || IsPunct(e, "_") ||
         (IsPunct(e, ".") && Adjacent(e, e + 1) && !IsPunct(e + 1, ".")))) {
      if (!(IsWord(e) && HasFlag(e, internal::kOrdinalSuffix))) return c;
    }
    int months = 0, mi = -1;
    for (size_t m = 0; m < n; ++m) {
      if (digits[m] == 0) {
        ++months;
        mi = static_cast<int>(m);
      }
    }
    if (months > 1) return c;
    int year = 0, month = 0, day = 0;
    if (months == 1) {
      // The numbers other than the month, in order.
      int nums[2] = {0, 0}, nd[2] = {0, 0}, cnt = 0;
      for (size_t m = 0; m < n; ++m) {
        if (static_cast<int>(m) == mi) continue;
        nums[cnt] = part[m];
        nd[cnt] = digits[m];
        ++cnt;
      }
      month = part[mi];
      if (n == 2) {
        if (nd[0] == 4) {
          year = nums[0];  // "Dec/2018", "Dec-2018"
        } else if (nd[0] <= 2 && (mi == 0 || sep != '.')) {
          day = nums[0];  // "Oct/2", "22-Jan"
        } else {
          return c;
        }
      } else if (nd[0] == 4 && nd[1] <= 2) {
        year = nums[0];
        day = nums[1];
      } else if (nd[1] == 4 && nd[0] <= 2) {
        year = nums[1];
        day = nums[0];
      } else if (nd[0] <= 2 && nd[1] == 2 && mi <= 1) {
        day = nums[0];  // "31-Oct-74", "Sep-23-20"
        year = FullYear(nums[1], 2);
      } else {
        return c;
      }
    } else if (n == 3) {
      if (digits[0] == 4 && digits[1] <= 2 && digits[2] <= 2) {
        year = part[0];
        month = part[1];
        day = part[2];
      } else if (digits[0] <= 2 && digits[1] <= 2 &&
                 (digits[2] == 4 || digits[2] == 2)) {
        year = FullYear(part[2], digits[2]);
        const bool day_first =
            part[0] > 12 || (sep == '.' && part[1] <= 12);
        month = day_first ? part[1] : part[0];
        day = day_first ? part[0] : part[1];
      } else {
        return c;
      }
    } else if (digits[0] == 4 && digits[1] <= 2 && sep != '.') {
      // "2015-12" (a month) unless it reads as two years ("2010-11").
      if (sep == '-' && digits[1] == 2 && part[1] > part[0] % 100) return c;
      year = part[0];
      month = part[1];
    } else if (digits[1] == 4 && digits[0] <= 2 && sep != '.') {
      year = part[1];  // "12-2015"
      month = part[0];
    } else if (digits[0] <= 2 && digits[1] <= 2 &&
               (sep == '/' || (sep == '.' && dotted_pair))) {
      const bool whole = i == 0 && e == size();
      if (!dotted_pair && !whole && !NumericDateContext(i)) return c;
      if (part[0] == 24 && part[1] == 7) return c;  // "24/7": all the time
      // "1/2 of", "3/4 cup": fractions.
      if (IsWordEq(e, "of") ||
          HasFlag(e, internal::kUnitWord | internal::kCountedNoun)) {
        return c;
      }
      const bool day_first = part[0] > 12;
      month = day_first ? part[1] : part[0];
      day = day_first ? part[0] : part[1];
      // "5/7, 2020"
      size_t ye = 0;
      if (IsPunct(e, ",") && YearAt(e + 1, &year, &ye)) e = ye;
    } else {
      return c;
    }
    if (month < 1 || month > 12 || day < 0 || day > 31) return c;
    if (year != 0 && (year < 1000 || year > 2999)) return c;
    if (day == 0) {
      if (year == 0) return c;
      return CalendarCand(i, e, year, month, 0, 0);
    }
    if (year != 0 && day > DaysInMonth(year, month)) return c;
    if (year == 0 && day > DaysInMonth(2016, month)) return c;
    // A trailing ordinal suffix ("Oct/2nd").
    if (IsWord(e) && Adjacent(e - 1, e) &&
        HasFlag(e, internal::kOrdinalSuffix)) {
      ++e;
    }
    Cand r = CalendarCand(i, SkipTime(e), year, month, day, day);
    if (!r.emit && year == 0 && ref_.known() && month == 2 && day == 29) {
      // "2/29": the nearest leap year.
      for (int d = 0; d <= 4; ++d) {
        for (int y : {ref_.year - d, ref_.year + d}) {
          if (DaysInMonth(y, 2) == 29) return CalendarCand(i, SkipTime(e), y, 2, 29, 29);
        }
      }
    }
    return r;
  }

  // The day number of `weekday` in the week of the reference moved by
  // `weeks` (Monday first).
  int64_t WeekdayInWeek(int weeks, int weekday) const {
    return RefMonday() + 7 * weeks + (weekday + 6) % 7;
  }

  // "next week", "of next week", "from last week", "this week", "after
  // next" at j: the week offset; *e is the token after it.
  bool WeekRefAt(size_t j, int* weeks, size_t* e) const {
    if (IsWordEq(j, "after") && IsWordEq(j + 1, "next")) {
      *weeks = 1;  // "friday after next": the one in next week
      *e = j + 2;
      return true;
    }
    if (IsWordEq(j, "of") || IsWordEq(j, "from")) {
      ++j;
      if (IsWordEq(j, "the")) ++j;
    }
    int w = 0;
    if (IsWordEq(j, "next") || IsWordEq(j, "coming") ||
        IsWordEq(j, "following")) {
      w = 1;
    } else if (IsWordEq(j, "last") || IsWordEq(j, "previous") ||
               IsWordEq(j, "past")) {
      w = -1;
    } else if (!IsWordEq(j, "this") && !IsWordEq(j, "current")) {
      return false;
    }
    if (!IsWordEq(j + 1, "week")) return false;
    *weeks = w;
    *e = j + 2;
    return true;
  }

  // Words for a part of the day after a weekday ("Monday night").
  bool DayPartAt(size_t j) const {
    return IsWordEq(j, "morning") || IsWordEq(j, "afternoon") ||
           IsWordEq(j, "evening") || IsWordEq(j, "night") ||
           IsWordEq(j, "noon") || IsWordEq(j, "midnight");
  }

  // A clock time or a time range after a weekday: "9:15", "at 5", "8-9am",
  // "from 7 to 9", "between 10 and 11:30", "4pm".
  bool TimeAfter(size_t j) const {
    if (j >= size()) return false;
    if (toks_[j].type == TokenType::kTime) return true;
    if (DayPartAt(j)) return true;
    if (IsWordEq(j, "at") || IsWordEq(j, "from") || IsWordEq(j, "between") ||
        IsWordEq(j, "around")) {
      return IsNumber(j + 1) || (j + 1 < size() &&
                                 toks_[j + 1].type == TokenType::kTime) ||
             HasFlag(j + 1, internal::kCardinalWord) ||
             IsWordEq(j + 1, "noon");
    }
    if (IsWordEq(j, "in") && IsWordEq(j + 1, "the") && DayPartAt(j + 2)) {
      return true;
    }
    if (IsNumber(j) && (IsWordEq(j + 1, "am") || IsWordEq(j + 1, "pm") ||
                        IsDash(j + 1) || IsWordEq(j + 1, "oclock"))) {
      return true;
    }
    return false;
  }

  // The month nearest to the reference (this month first) whose day `day`
  // falls on `weekday`.
  bool MonthForWeekdayDay(int weekday, int day, int64_t* out) const {
    for (int d = 0; d <= 24; ++d) {
      for (int sgn : {1, -1}) {
        if (d == 0 && sgn == -1) continue;
        int y = 0, m = 0;
        AddMonths(ref_.year, ref_.month, sgn * d, &y, &m);
        if (day > DaysInMonth(y, m)) continue;
        const int64_t x = DaysFromCivil(y, m, day);
        if (WeekdayOf(x) == weekday) {
          *out = x;
          return true;
        }
      }
    }
    return false;
  }

  // A weekday with what pins it: "Friday 7/6", "Fri, Jul 18", "Monday 21",
  // "tuesday the eleventh", "tuesday of next week", "wednesday after next",
  // "Monday night", "Tuesday at 2:00", "on saturday".
  Cand MatchWeekdayPhrase(size_t i) const {
    Cand c;
    const Lex* l = LexAt(i);
    if (l == nullptr || !(l->flags & internal::kWeekdayName)) return c;
    if (!FullRef()) return c;
    const int wd = l->weekday;
    const bool full = Text(i).size() > 5 || IsWordEq(i, "friday") ||
                      IsWordEq(i, "monday") || IsWordEq(i, "sunday");
    size_t k = i + 1;
    if (!full && IsPunct(k, ".") && Adjacent(i, k)) ++k;
    size_t k2 = k;
    if (IsPunct(k2, ",")) ++k2;
    // Weekday and a date: the year where the date falls on that weekday.
    {
      Cand d = MatchNumericDate(k2, /*dotted_pair=*/true);
      if (!d.ok) {
        int month = 0;
        size_t next = 0;
        if (MonthAt(k2, /*allow_abbr=*/true, &month, &next) ||
            AnyDayAtPlain(k2)) {
          d = MatchCalendarAt(k2, /*between=*/false);
        }
      }
      if (d.ok && d.emit && d.value.kind == ValueKind::kDate &&
          (full || Capitalized(i))) {
        int64_t day = static_cast<int64_t>(d.value.lo);
        if (d.partial && WeekdayOf(day) != wd) {
          // The weekday may move the date to the next year ("Fri, Jul 18"
          // in February 2013 is 2014's); otherwise it is a slip.
          int y = 0, m = 0, dd = 0;
          CivilFromDays(day, &y, &m, &dd);
          if (dd <= DaysInMonth(y + 1, m) &&
              WeekdayOf(DaysFromCivil(y + 1, m, dd)) == wd) {
            day = DaysFromCivil(y + 1, m, dd);
          }
        }
        Cand r = DateCand(i, d.end_tok, day, day);
        r.value.resolved_from_reference = d.value.resolved_from_reference;
        return r;
      }
    }
    // Weekday and a day of the month: "Monday 21", "Mon 13th", "tuesday the
    // eleventh", "friday the 26th".
    {
      size_t d = k2;
      if (IsWordEq(d, "the")) ++d;
      int day = 0;
      size_t e = 0;
      bool word = false;
      if (AnyDayAt(d, &day, &e, &word) && !TimeAfterDay(e) &&
          (full || Capitalized(i) || d > k2)) {
        // "Monday 5 people died": a bare number before a noun counts it.
        const bool counts = IsNumber(d) && !Adjacent(d, d + 1) && IsWord(e) &&
                            !IsWordEq(e, "at") && !IsWordEq(e, "between") &&
                            !IsWordEq(e, "from") && !IsWordEq(e, "around") &&
                            !DayPartAt(e);
        int64_t x = 0;
        if (!counts && MonthForWeekdayDay(wd, day, &x)) {
          return DateCand(i, e, x, x);
        }
      }
    }
    if (!full && !Capitalized(i)) return c;
    // Weekday and a week: "tuesday of next week", "wednesday next week",
    // "sunday from last week", "friday after next".
    {
      size_t j = k;
      if (DayPartAt(j)) ++j;  // "Wednesday evening next week"
      int weeks = 0;
      size_t e = 0;
      if (WeekRefAt(j, &weeks, &e)) {
        const int64_t x = WeekdayInWeek(weeks, wd);
        return DateCand(i, e, x, x);
      }
    }
    // Weekday with a time or after "on", or after another weekday
    // ("Tuesday or Thursday", "Mon or Tue"): the most recent one.
    const bool chain = i >= 2 &&
                       (IsWordEq(i - 1, "or") || IsWordEq(i - 1, "and") ||
                        IsPunct(i - 1, ",")) &&
                       HasFlag(i - 2, internal::kWeekdayName);
    if ((full || IsPunct(i + 1, ".") || (chain && Capitalized(i))) &&
        (TimeAfter(k) || chain || (i > 0 && IsWordEq(i - 1, "on")))) {
      return Weekday(i, i + 1, wd);
    }
    return c;
  }

  bool AnyDayAtPlain(size_t j) const {
    int day = 0;
    size_t next = 0;
    bool word = false;
    return AnyDayAt(j, &day, &next, &word);
  }

  // After a day number, a clock or a time range ("12-4", "4pm"): the number
  // was an hour.
  bool TimeAfterDay(size_t e) const {
    if (e >= size()) return false;
    if (toks_[e].type == TokenType::kTime) return Adjacent(e - 1, e);
    return (IsDash(e) && Adjacent(e - 1, e)) || IsWordEq(e, "am") ||
           IsWordEq(e, "pm") || IsPunct(e, ":") ||
           (IsPunct(e, ".") && Adjacent(e - 1, e) && IsNumber(e + 1));
  }

  // A month named relative to the reference or by name at j: "next month",
  // "the current month", "this month", "the month", "March", "March 2014",
  // "Jan 2015". *partial: the year came from the reference.
  bool MonthRefAt(size_t j, int* year, int* month, size_t* e,
                  bool* partial) const {
    *partial = false;
    int mo = 0;
    size_t k = 0;
    if (MonthAt(j, /*allow_abbr=*/true, &mo, &k) &&
        (!WeakMonth(j) || Capitalized(j))) {
      int y = 0;
      size_t k2 = 0;
      if (YearAfter(k, &y, &k2)) {
        *year = y;
        *month = mo;
        *e = k2;
        return true;
      }
      if (!ResolveYear(ref_, mo, 0, 0, &y)) return false;
      *year = y;
      *month = mo;
      *e = k;
      *partial = true;
      return true;
    }
    if (ref_.month == 0) return false;
    int delta = 0;
    size_t m = 0;
    if (!RelativeUnitAt(j, "month", /*story_words=*/true, &delta, &m)) return false;
    AddMonths(ref_.year, ref_.month, delta, year, month);
    *e = m + 1;
    *partial = true;
    return true;
  }

  // "(the) next|last|this <unit>" at j: `delta` is the unit's offset from
  // the reference (+1, -1, 0), *unit_tok the unit's token. "the <unit>" alone
  // is this one. `story_words` also reads "following" and "past" ("the
  // following month"), which for a year mean a span, not a calendar year.
  bool RelativeUnitAt(size_t j, std::string_view unit, bool story_words,
                      int* delta, size_t* unit_tok) const {
    size_t m = j;
    const bool the = IsWordEq(m, "the");
    if (the) ++m;
    *delta = 0;
    if (IsWordEq(m, "next") || IsWordEq(m, "coming") ||
        (story_words && IsWordEq(m, "following"))) {
      *delta = 1;
      ++m;
    } else if (IsWordEq(m, "last") || IsWordEq(m, "previous") ||
               (story_words && IsWordEq(m, "past"))) {
      *delta = -1;
      ++m;
    } else if (IsWordEq(m, "this") || IsWordEq(m, "current")) {
      ++m;
    } else if (!the) {
      return false;
    }
    if (!IsWordEq(m, unit)) return false;
    *unit_tok = m;
    return true;
  }

  // A year at j: "2015", "this year", "next year", "last year", "the year".
  bool YearRefAt(size_t j, int* year, size_t* e) const {
    if (YearAt(j, year, e)) return true;
    if (!ref_.known()) return false;
    int delta = 0;
    size_t m = 0;
    if (!RelativeUnitAt(j, "year", /*story_words=*/false, &delta, &m)) return false;
    *year = ref_.year + delta;
    *e = m + 1;
    return true;
  }

  // Monday of the week holding the first (or last) Thursday of [lo, hi]:
  // the first (last) week of a month or year, as in ISO 8601.
  static int64_t FirstWeekMonday(int64_t lo) {
    const int64_t thu = lo + (4 - WeekdayOf(lo) + 7) % 7;
    return thu - 3;
  }
  static int64_t LastWeekMonday(int64_t hi) {
    const int64_t thu = hi - (WeekdayOf(hi) - 4 + 7) % 7;
    return thu - 3;
  }

  // "the first Monday of March", "last friday in october", "the 15th day of
  // next month", "last day of october 2015", "the first week of 2021", "the
  // last week of july", "the third month of 2021", "20th of next month".
  Cand MatchNthOf(size_t i) const {
    Cand c;
    size_t j = i;
    if (IsWordEq(j, "the")) ++j;
    if (j >= size()) return c;
    int nth = 0;  // -1: last
    size_t u = 0;
    bool bare = false;  // "20 of next month": a plain number
    if (IsWordEq(j, "last")) {
      nth = -1;
      u = j + 1;
    } else if (IsNumber(j) || HasFlag(j, internal::kOrdinalWord |
                                             internal::kCardinalWord)) {
      Num num;
      if (!ParseNumber(j, false, &num) || !IsIntegral(num.value) ||
          num.value < 1 || num.value > 53) {
        return c;
      }
      if (!num.ordinal) {
        if (!IsNumber(j) || !IsWordEq(num.end, "of")) return c;
        bare = true;
      }
      nth = static_cast<int>(num.value);
      u = num.end;
    } else {
      return c;
    }
    const Lex* ul = LexAt(u);
    const bool weekday = ul != nullptr && (ul->flags & internal::kWeekdayName) &&
                         Text(u).size() >= 6;
    const bool dayw = IsWordEq(u, "day");
    const bool week = IsWordEq(u, "week");
    const bool monthw = IsWordEq(u, "month");
    const bool quarter = IsWordEq(u, "quarter");
    size_t o = u + 1;
    if (!weekday && !dayw && !week && !monthw && !quarter) {
      if (nth < 1 || nth > 31) return c;
      o = u;  // "20th of next month"
    } else if (bare) {
      return c;
    }
    if (!IsWordEq(o, "of") && !IsWordEq(o, "in")) return c;
    ++o;
    if (!FullRef()) return c;
    int y = 0, m = 0;
    size_t e = 0;
    bool partial = false;
    if (monthw || quarter) {
      if (!YearRefAt(o, &y, &e)) return c;
      if (monthw) {
        if (nth < 1 || nth > 12) return c;
        return DateCand(i, e, DaysFromCivil(y, nth, 1),
                        DaysFromCivil(y, nth, DaysInMonth(y, nth)));
      }
      const int q = nth == -1 ? 4 : nth;
      if (q < 1 || q > 4) return c;
      const int m0 = 3 * q - 2;
      return DateCand(i, e, DaysFromCivil(y, m0, 1),
                      DaysFromCivil(y, m0 + 2, DaysInMonth(y, m0 + 2)));
    }
    int64_t lo = 0, hi = 0;
    if (MonthRefAt(o, &y, &m, &e, &partial)) {
      lo = DaysFromCivil(y, m, 1);
      hi = DaysFromCivil(y, m, DaysInMonth(y, m));
    } else if (week && YearRefAt(o, &y, &e)) {
      lo = DaysFromCivil(y, 1, 1);
      hi = DaysFromCivil(y, 12, 31);
    } else {
      return c;
    }
    if (weekday) {
      const int wd = ul->weekday;
      int64_t x = 0;
      if (nth == -1) {
        x = hi - (WeekdayOf(hi) - wd + 7) % 7;
      } else {
        x = lo + (wd - WeekdayOf(lo) + 7) % 7 + 7 * (nth - 1);
        if (x > hi) return c;
      }
      return DateCand(i, e, x, x);
    }
    if (week) {
      int64_t mon = 0;
      if (nth == -1) {
        mon = LastWeekMonday(hi);
      } else {
        mon = FirstWeekMonday(lo) + 7 * (nth - 1);
        if (mon > hi) return c;
      }
      return DateCand(i, e, mon, mon + 6);
    }
    // A day of the month.
    int64_t x = nth == -1 ? hi : lo + nth - 1;
    if (x > hi) return c;
    return DateCand(i, e, x, x);
  }

  // After a duration ("3 days", "two weeks", "5 minutes"): "from now",
  // "hence", "from today", "after January 12th", "before May 13 1999",
  // "from tomorrow", "later" (within the day): the date that far from the
  // anchor. `d`: the duration candidate at i.
  Cand MatchOffset(size_t i, const Cand& d) const {
    Cand c;
    if (!d.ok || !d.emit || d.value.kind != ValueKind::kDuration ||
        d.value.qualifier != Qualifier::kExact || !IsIntegral(d.value.lo) ||
        d.value.lo < 0 || d.value.lo > 100000) {
      return c;
    }
    const size_t k = d.end_tok;
    if (k >= size() || !IsWord(k)) return c;
    const std::string_view unit = d.value.unit;
    const bool sub_day = unit == "h" || unit == "min" || unit == "s";
    const int n = static_cast<int>(d.value.lo);
    int sign = 1;
    int64_t base = 0;
    size_t e = 0;
    if (IsWordEq(k, "from") && IsWordEq(k + 1, "now")) {
      e = k + 2;
    } else if (IsWordEq(k, "hence")) {
      e = k + 1;
    } else if (IsWordEq(k, "later") && sub_day) {
      e = k + 1;
    } else if (IsWordEq(k, "from") || IsWordEq(k, "after") ||
               IsWordEq(k, "before")) {
      sign = IsWordEq(k, "before") ? -1 : 1;
      // "for 3 days from today": a stay that starts then.
      if (i > 0 && IsWordEq(i - 1, "for") && IsWordEq(k, "from")) sign = 0;
      Cand x = MatchRelative(k + 1);
      Cand y = MatchCalendar(k + 1);
      if (y.ok && y.emit && (!x.ok || !x.emit || y.end_tok > x.end_tok)) x = y;
      if (!x.ok || !x.emit || x.value.kind != ValueKind::kDate) return c;
      base = static_cast<int64_t>(x.value.lo);
      e = x.end_tok;
    } else {
      return c;
    }
    if (!FullRef() && base == 0) return c;
    if (base == 0) base = RefDays();
    if (sub_day) {
      // Minutes and hours from the reference: the day itself unless they
      // pass a day (the reference has no time of day).
      const double hours = unit == "h" ? n : (unit == "min" ? n / 60.0 : 0);
      if (hours >= 24) return c;
      return DateCand(i, e, base, base);
    }
    int by = 0, bm = 0, bd = 0;
    CivilFromDays(base, &by, &bm, &bd);
    int64_t x = base;
    if (unit == "day") {
      x = base + sign * n;
    } else if (unit == "month" || unit == "year") {
      const int months = sign * n * (unit == "year" ? 12 : 1);
      int y = 0, m = 0;
      AddMonths(by, bm, months, &y, &m);
      x = DaysFromCivil(y, m, bd < DaysInMonth(y, m) ? bd : DaysInMonth(y, m));
    } else {
      return c;
    }
    return DateCand(i, e, x, x);
  }

  // "3 fridays from now", "2 thursdays ago": counted weekdays.
  Cand MatchCountedWeekdays(size_t i) const {
    Cand c;
    Num num;
    if (!ParseNumber(i, false, &num) || num.ordinal || !IsIntegral(num.value) ||
        num.value < 1 || num.value > 60) {
      return c;
    }
    const size_t w = num.end;
    if (!HasFlag(w, internal::kDateWord) || !IsWord(w)) return c;
    const std::string_view t = Text(w);
    if (t.size() < 7 || (t.back() != 's' && t.back() != 'S')) return c;
    const Lex* l = internal::LookupWord(t.substr(0, t.size() - 1));
    if (l == nullptr || !(l->flags & internal::kWeekdayName)) return c;
    const int n = static_cast<int>(num.value);
    int64_t x = 0;
    size_t e = 0;
    if (IsWordEq(w + 1, "from") && IsWordEq(w + 2, "now")) {
      if (!FullRef()) return c;
      const int64_t r = RefDays();
      int ahead = (l->weekday - WeekdayOf(r) + 7) % 7;
      if (ahead == 0) ahead = 7;
      x = r + ahead + 7 * (n - 1);
      e = w + 3;
    } else if (IsWordEq(w + 1, "ago") || IsWordEq(w + 1, "back")) {
      if (!FullRef()) return c;
      const int64_t r = RefDays();
      int back = (WeekdayOf(r) - l->weekday + 7) % 7;
      if (back == 0) back = 7;
      x = r - back - 7 * (n - 1);
      e = w + 2;
    } else {
      return c;
    }
    return DateCand(i, e, x, x);
  }

  // "next 3 days", "the next two quarters", "2 upcoming months", "past two
  // quarters", "previous eleven quarters", "5 coming minutes": spans that
  // start after (or end before) the reference.
  Cand MatchComingSpan(size_t i) const {
    Cand c;
    int dir = 0;
    size_t nt = i, ut = 0;
    Num num;
    auto forward = [&](size_t j) {
      return IsWordEq(j, "next") || IsWordEq(j, "coming") ||
             IsWordEq(j, "upcoming") || IsWordEq(j, "following");
    };
    auto backward = [&](size_t j) {
      return IsWordEq(j, "past") || IsWordEq(j, "last") ||
             IsWordEq(j, "previous");
    };
    if (forward(i) || backward(i)) {
      dir = forward(i) ? 1 : -1;
      nt = i + 1;
      if (!ParseNumber(nt, false, &num) || num.ordinal) return c;
      ut = num.end;
    } else {
      if (!ParseNumber(i, false, &num) || num.ordinal) return c;
      if (forward(num.end)) {
        dir = 1;
      } else {
        return c;
      }
      ut = num.end + 1;
    }
    if (!IsIntegral(num.value) || num.value < 1 || num.value > 1000) return c;
    const int n = static_cast<int>(num.value);
    if (!FullRef()) return c;
    const int64_t r = RefDays();
    if (IsWordEq(ut, "quarters")) {
      int y = 0, m = 0;
      const int q0 = (ref_.month - 1) / 3 * 3 + 1;
      if (dir > 0) {
        AddMonths(ref_.year, q0, 3, &y, &m);
        int y2 = 0, m2 = 0;
        AddMonths(ref_.year, q0, 3 * n + 2, &y2, &m2);
        return DateCand(i, ut + 1, DaysFromCivil(y, m, 1),
                        DaysFromCivil(y2, m2, DaysInMonth(y2, m2)));
      }
      AddMonths(ref_.year, q0, -3 * n, &y, &m);
      return DateCand(i, ut + 1, DaysFromCivil(y, m, 1),
                      DaysFromCivil(ref_.year, q0, 1) - 1);
    }
    if (dir < 0) return c;  // "past 3 days": PastSpan
    const Lex* l = LexAt(ut);
    if (l == nullptr || !(l->flags & internal::kUnitWord) ||
        l->unit_kind != ValueKind::kDuration || (l->unit_singular && n > 1)) {
      return c;
    }
    const std::string_view unit = l->unit;
    const int count = static_cast<int>(n * l->unit_factor);
    if (unit == "h" || unit == "min" || unit == "s") {
      return DateCand(i, ut + 1, r, r);
    }
    int64_t hi = 0;
    if (unit == "day") {
      hi = r + count;
    } else if (unit == "month") {
      hi = ShiftMonths(count);
    } else if (unit == "year") {
      hi = ShiftMonths(12 * count);
    } else {
      return c;
    }
    return DateCand(i, ut + 1, r + 1, hi);
  }

  // The text before token i in its clause says the future: "will", "I'll",
  // "shall", "going to", "let's", "be back". News prose mostly reports, so
  // "in 9 hours" there is a duration; "I'll be back in 5 minutes" a time.
  bool FutureBefore(size_t i) const {
    const size_t stop = i > 12 ? i - 12 : 0;
    for (size_t j = i; j-- > stop;) {
      if (IsPunct(j, ".") || IsPunct(j, "?") || IsPunct(j, "!") ||
          IsPunct(j, ";")) {
        return false;
      }
      if (!IsWord(j)) continue;
      if (IsWordEq(j, "will") || IsWordEq(j, "shall") || IsWordEq(j, "ll") ||
          (IsWordEq(j, "going") && IsWordEq(j + 1, "to")) ||
          (IsWordEq(j, "let") && (IsWordEq(j + 1, "s") || IsWordEq(j + 1, "us"))) ||
          (IsWordEq(j, "be") && IsWordEq(j + 1, "back"))) {
        return true;
      }
    }
    return false;
  }

  // "tonight", "this morning", "this evening", "later this afternoon": the
  // reference day. "within 5 minutes", "in 3 hours": the reference day too.
  Cand MatchDayPart(size_t i) const {
    Cand c;
    if (IsWordEq(i, "tonight") || IsWordEq(i, "tonite")) {
      if (!FullRef()) return c;
      return DateCand(i, i + 1, RefDays(), RefDays());
    }
    size_t j = i;
    if (IsWordEq(j, "later") || IsWordEq(j, "late") || IsWordEq(j, "early")) {
      ++j;
    }
    if (IsWordEq(j, "this") && DayPartAt(j + 1) && !IsWordEq(j + 1, "noon") &&
        !IsWordEq(j + 1, "midnight")) {
      if (!FullRef()) return c;
      return DateCand(i, j + 2, RefDays(), RefDays());
    }
    if (IsWordEq(i, "in") || IsWordEq(i, "within")) {
      Cand d = MatchNumberPhrase(i + 1, /*allow_qualifier=*/false);
      if (!d.ok || !d.emit || d.value.kind != ValueKind::kDuration ||
          d.value.qualifier != Qualifier::kExact || d.value.lo <= 0) {
        return c;
      }
      const std::string_view u = d.value.unit;
      const double hours =
          u == "h" ? d.value.lo : (u == "min" ? d.value.lo / 60.0 : -1);
      if (u == "s") {
        // seconds: always within the day
      } else if (hours < 0 || hours >= 24) {
        return c;
      }
      const bool whole = i == 0 && d.end_tok == size();
      if (!whole && !FutureBefore(i)) return c;
      if (!FullRef()) return c;
      return DateCand(i, d.end_tok, RefDays(), RefDays());
    }
    return c;
  }

  // "Q1 2019", "2019 Q3", "2019-Q1", "q2" (the nearest), "the current
  // quarter", "coming quarter", "past quarter".
  Cand MatchQuarter(size_t i) const {
    Cand c;
    int year = 0;
    size_t k = i;
    size_t yend = 0;
    if (YearAt(i, &year, &yend) ||
        (IsNumber(i) && toks_[i].int_digits == 4 && IsPunct(i + 1, "-") &&
         Adjacent(i, i + 1) && YearAtLoose(i, &year))) {
      k = IsPunct(i + 1, "-") ? i + 2 : i + 1;
    }
    if (!IsWordEq(k, "q") || !IsNumber(k + 1) || !Adjacent(k, k + 1) ||
        toks_[k + 1].int_digits != 1 || toks_[k + 1].number < 1 ||
        toks_[k + 1].number > 4 ||
        (Adjacent(k + 1, k + 2) && (IsWord(k + 2) || IsNumber(k + 2)))) {
      return c;
    }
    const int q = static_cast<int>(toks_[k + 1].number);
    size_t e = k + 2;
    if (year == 0) {
      size_t ye = 0;
      if (YearAfter(e, &year, &ye)) {
        e = ye;
      } else {
        if (!ref_.known()) return c;
        year = ref_.year;
      }
    }
    const int m0 = 3 * q - 2;
    Cand r = DateCand(i, e, DaysFromCivil(year, m0, 1),
                      DaysFromCivil(year, m0 + 2, DaysInMonth(year, m0 + 2)));
    r.value.resolved_from_reference = false;
    return r;
  }

  bool YearAtLoose(size_t j, int* year) const {
    const Token& t = toks_[j];
    if (t.grouped || t.decimal || t.int_digits != 4) return false;
    *year = static_cast<int>(t.number);
    return *year >= 1000 && *year <= 2999;
  }

  // "the day after tomorrow", "the day before yesterday".
  Cand MatchDayAround(size_t i) const {
    Cand c;
    if (!IsWordEq(i, "day")) return c;
    const bool after = IsWordEq(i + 1, "after");
    const bool before = IsWordEq(i + 1, "before");
    if (!((after && IsWordEq(i + 2, "tomorrow")) ||
          (before && IsWordEq(i + 2, "yesterday")))) {
      return c;
    }
    if (!FullRef()) return c;
    const int64_t x = RefDays() + (after ? 2 : -2);
    return DateCand(i, i + 3, x, x);
  }

  // Holidays with a fixed date: "Christmas", "Christmas Eve", "Xmas",
  // "Halloween" (the nearest one, or of the year after them).
  Cand MatchHoliday(size_t i) const {
    Cand c;
    int month = 0, day = 0;
    size_t e = i + 1;
    if (IsWordEq(i, "christmas") || IsWordEq(i, "xmas")) {
      month = 12;
      day = 25;
      if (IsWordEq(e, "eve")) {
        day = 24;
        ++e;
      } else if (IsWordEq(e, "day")) {
        ++e;
      }
    } else if (IsWordEq(i, "halloween")) {
      month = 10;
      day = 31;
    } else {
      return c;
    }
    // "Christmas tree", "Christmas Island": a name, not the day.
    if (IsWord(e) && !IsWordEq(e, "at") && !IsWordEq(e, "on") &&
        !IsWordEq(e, "and") && !IsWordEq(e, "or") && !IsWordEq(e, "in") &&
        !DayPartAt(e) && !IsWordEq(e, "early") && !IsWordEq(e, "this") &&
        !IsWordEq(e, "last") && !IsWordEq(e, "next")) {
      return c;
    }
    int year = 0;
    size_t k = 0;
    if (YearAt(e, &year, &k)) e = k;
    return CalendarCand(i, e, year, month, day, day);
  }

  // "the week of April 10th", "the week beginning February 4", "w/c Feb 4":
  // Monday to Sunday of the week holding the date.
  Cand MatchWeekOf(size_t i) const {
    Cand c;
    size_t j = i;
    if (IsWordEq(j, "the")) ++j;
    size_t k = 0;
    if (IsWordEq(j, "week") &&
        (IsWordEq(j + 1, "of") || IsWordEq(j + 1, "beginning") ||
         IsWordEq(j + 1, "commencing") || IsWordEq(j + 1, "starting"))) {
      k = j + 2;
      if (IsWordEq(j + 1, "starting") && IsWordEq(k, "on")) ++k;
    } else if (IsWordEq(j, "w") && IsPunct(j + 1, "/") && IsWordEq(j + 2, "c") &&
               Adjacent(j, j + 1) && Adjacent(j + 1, j + 2)) {
      k = j + 3;
    } else {
      return c;
    }
    Cand d = MatchCalendarAt(k, /*between=*/false);
    if (!d.ok || !d.emit) {
      d = MatchOnDay(k);
      if (!d.ok || !d.emit) return c;
    }
    if (d.value.kind != ValueKind::kDate) return c;
    const int64_t x = static_cast<int64_t>(d.value.lo);
    const int64_t mon = x - (WeekdayOf(x) + 6) % 7;
    return DateCand(i, d.end_tok, mon, mon + 6);
  }

  // "the 15th", "the 4th" after a date word ("on the 15th", "by the 1st"),
  // not before a noun ("the 15th floor"): the nearest month with that day.
  Cand MatchOnDay(size_t i) const {
    Cand c;
    if (!IsWordEq(i, "the") || !IsNumber(i + 1)) return c;
    int day = 0;
    size_t e = 0;
    if (!DayAt(i + 1, &day, &e) || e != i + 3) return c;  // needs "th"
    if (IsWord(e) && !IsWordEq(e, "at") && !IsWordEq(e, "from") &&
        !IsWordEq(e, "between") && !IsWordEq(e, "and") && !IsWordEq(e, "or")) {
      return c;
    }
    if (IsNumber(e)) return c;
    static constexpr std::string_view kBefore[] = {"on", "by", "until",
                                                   "till", "since", "of"};
    if (!PrevWordIn(i, kBefore, std::size(kBefore))) return c;
    if (!FullRef()) return c;
    int64_t best = 0, best_dist = -1;
    for (int d = -1; d <= 1; ++d) {
      int y = 0, m = 0;
      AddMonths(ref_.year, ref_.month, d, &y, &m);
      if (day > DaysInMonth(y, m)) continue;
      const int64_t x = DaysFromCivil(y, m, day);
      const int64_t dist = x > RefDays() ? x - RefDays() : RefDays() - x;
      if (best_dist < 0 || dist < best_dist) {
        best = x;
        best_dist = dist;
      }
    }
    if (best_dist < 0) return c;
    Cand r = DateCand(i, e, best, best);
    return r;
  }

  // "current quarter", "the coming week", "upcoming month", "this coming
  // Friday", "coming Thursday", "past quarter".
  Cand MatchNamedPeriod(size_t i) const {
    Cand c;
    size_t j = i;
    const bool this_ = IsWordEq(j, "this");
    if (this_) ++j;
    int delta = 0;
    if (IsWordEq(j, "coming") || IsWordEq(j, "upcoming") ||
        (IsWordEq(j, "next") && !this_ && IsWordEq(j + 1, "hour"))) {
      delta = 1;
    } else if (IsWordEq(j, "current") && !this_) {
      delta = 0;
    } else if (IsWordEq(j, "past") && !this_ && IsWordEq(j + 1, "quarter")) {
      delta = -1;
    } else {
      return c;
    }
    const size_t u = j + 1;
    if (!FullRef()) return c;
    if (IsWordEq(u, "hour") && delta == 1) return DateCand(i, u + 1, RefDays(), RefDays());
    if (HasFlag(u, internal::kWeekdayName) && Text(u).size() >= 6) {
      // "this coming Friday": this week's; "coming Thursday": next week's.
      const int64_t x = WeekdayInWeek(this_ ? 0 : delta, LexAt(u)->weekday);
      return DateCand(i, u + 1, x, x);
    }
    if (this_) delta = 1;  // "this coming week"
    if (IsWordEq(u, "week")) {
      const int64_t mon = WeekdayInWeek(delta, 1);
      return DateCand(i, u + 1, mon, mon + 6);
    }
    if (IsWordEq(u, "month")) {
      int y = 0, m = 0;
      AddMonths(ref_.year, ref_.month, delta, &y, &m);
      return DateCand(i, u + 1, DaysFromCivil(y, m, 1),
                      DaysFromCivil(y, m, DaysInMonth(y, m)));
    }
    if (IsWordEq(u, "quarter")) {
      int y = 0, m = 0;
      AddMonths(ref_.year, (ref_.month - 1) / 3 * 3 + 1, 3 * delta, &y, &m);
      return DateCand(i, u + 1, DaysFromCivil(y, m, 1),
                      DaysFromCivil(y, m + 2, DaysInMonth(y, m + 2)));
    }
    if (IsWordEq(u, "year")) {
      return YearCand(i, u + 1, ref_.year + delta, ref_.year + delta);
    }
    return c;
  }

  // "later this week" (from Thursday), "later this month" (from the 16th):
  // the rest of the period, as RT reads them.
  Cand MatchLaterThis(size_t i) const {
    Cand c;
    if (!IsWordEq(i, "later") || !IsWordEq(i + 1, "this")) return c;
    if (!FullRef()) return c;
    const int64_t r = RefDays();
    if (IsWordEq(i + 2, "week")) {
      const int64_t thu = WeekdayInWeek(0, 4);
      return DateCand(i, i + 3, r > thu ? r : thu, WeekdayInWeek(0, 0));
    }
    if (IsWordEq(i + 2, "month")) {
      const int64_t mid = DaysFromCivil(ref_.year, ref_.month, 16);
      return DateCand(i, i + 3, r > mid ? r : mid,
                      DaysFromCivil(ref_.year, ref_.month,
                                    DaysInMonth(ref_.year, ref_.month)));
    }
    return c;
  }

  // Easter Sunday of year y (the anonymous Gregorian algorithm).
  static int64_t EasterDays(int y) {
    const int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return DaysFromCivil(y, month, day);
  }

  // "Easter", "Easter 2018", "Easter Monday", "last easter", "next Easter":
  // the nearest one, or the one before / after the reference.
  Cand MatchEaster(size_t i) const {
    Cand c;
    size_t j = i;
    int dir = 0;
    if (IsWordEq(j, "last") || IsWordEq(j, "previous")) {
      dir = -1;
      ++j;
    } else if (IsWordEq(j, "next")) {
      dir = 1;
      ++j;
    } else if (IsWordEq(j, "this")) {
      ++j;
    }
    if (!IsWordEq(j, "easter")) return c;
    size_t e = j + 1;
    int shift = 0;
    if (IsWordEq(e, "monday")) {
      shift = 1;
      ++e;
    } else if (IsWordEq(e, "sunday")) {
      ++e;
    }
    // "Easter eggs": a name, not the day.
    if (IsWord(e) && !IsWordEq(e, "at") && !IsWordEq(e, "on") &&
        !IsWordEq(e, "and") && !IsWordEq(e, "or") && !IsWordEq(e, "in") &&
        !DayPartAt(e)) {
      return c;
    }
    int year = 0;
    size_t k = 0;
    if (dir == 0 && YearAt(e, &year, &k)) {
      const int64_t x = EasterDays(year) + shift;
      Cand r = DateCand(i, k, x, x);
      r.value.resolved_from_reference = false;
      return r;
    }
    if (!FullRef()) return c;
    const int64_t r = RefDays();
    int64_t best = 0, best_dist = -1;
    for (int y = ref_.year - 1; y <= ref_.year + 1; ++y) {
      const int64_t x = EasterDays(y) + shift;
      if ((dir < 0 && x >= r) || (dir > 0 && x <= r)) continue;
      const int64_t dist = x > r ? x - r : r - x;
      if (best_dist < 0 || dist < best_dist) {
        best = x;
        best_dist = dist;
      }
    }
    if (best_dist < 0) return c;
    return DateCand(i, e, best, best);
  }

  // "the nineties", "eighties": decades of the 1900s.
  Cand MatchDecadeWord(size_t i) const {
    Cand c;
    static constexpr std::string_view kDecades[] = {"sixties", "seventies",
                                                    "eighties", "nineties"};
    for (int d = 0; d < 4; ++d) {
      if (IsWordEq(i, kDecades[d])) {
        if (i == 0 || !(IsWordEq(i - 1, "the") || IsWordEq(i - 1, "in") ||
                        IsWordEq(i - 1, "early") || IsWordEq(i - 1, "late") ||
                        IsWordEq(i - 1, "mid"))) {
          return c;
        }
        Cand r = YearCand(i, i + 1, 1960 + 10 * d, 1969 + 10 * d);
        r.value.resolved_from_reference = false;
        return r;
      }
    }
    return c;
  }

  // "week 10", "week 3 of 2027", "week 27 of last year": ISO 8601 weeks.
  Cand MatchIsoWeek(size_t i) const {
    Cand c;
    if (!IsWordEq(i, "week") || !IsNumber(i + 1)) return c;
    const Token& t = toks_[i + 1];
    if (t.decimal || t.grouped || t.int_digits > 2 || t.number < 1 ||
        t.number > 53 || Adjacent(i + 1, i + 2)) {
      return c;
    }
    size_t e = i + 2;
    int year = 0;
    if (IsWordEq(e, "of")) {
      size_t ye = 0;
      if (!YearRefAt(e + 1, &year, &ye)) return c;
      e = ye;
    } else if (IsWord(e)) {
      return c;  // "week 3 talks"
    }
    if (year == 0) {
      if (!ref_.known()) return c;
      year = ref_.year;
    }
    const int64_t mon = FirstWeekMonday(DaysFromCivil(year, 1, 1)) +
                        7 * (static_cast<int>(t.number) - 1);
    return DateCand(i, e, mon, mon + 6);
  }

  // "next week Wednesday", "next week on Tuesday", "previous week - Monday",
  // "last week's sunday": that weekday of that week.
  Cand MatchWeekThenDay(size_t i) const {
    Cand c;
    int weeks = 0;
    size_t k = 0;
    if (!WeekRefAt(i, &weeks, &k)) return c;
    if (IsWordEq(k, "on") || IsDash(k) || IsPunct(k, ",")) {
      ++k;
    } else if ((IsPunct(k, "'") || IsPunct(k, "\xE2\x80\x99")) &&
               IsWordEq(k + 1, "s")) {
      k += 2;
    }
    const Lex* l = LexAt(k);
    if (l == nullptr || !(l->flags & internal::kWeekdayName) ||
        Text(k).size() < 6 || !FullRef()) {
      return c;
    }
    const int64_t x = WeekdayInWeek(weeks, l->weekday);
    return DateCand(i, k + 1, x, x);
  }

  // "end of the week" (from Friday), "beginning of next week" (Monday to
  // Wednesday), "end of the month" (from the 21st), "beginning of the month"
  // (1st to 10th), "end of the day", "EOD", "EOM", "BOM", "EOY", "mid 1989",
  // "the middle of 2000" (May to August).
  Cand MatchEdgeOf(size_t i) const {
    Cand c;
    if (!FullRef()) return c;
    const int64_t r = RefDays();
    auto month_edge = [&](size_t first, size_t e, int y, int m, bool end) {
      if (end) {
        return DateCand(first, e, DaysFromCivil(y, m, 21),
                        DaysFromCivil(y, m, DaysInMonth(y, m)));
      }
      return DateCand(first, e, DaysFromCivil(y, m, 1),
                      DaysFromCivil(y, m, 10));
    };
    if (IsWordEq(i, "eod")) return DateCand(i, i + 1, r, r);
    if (IsWordEq(i, "eom") || IsWordEq(i, "bom")) {
      return month_edge(i, i + 1, ref_.year, ref_.month, IsWordEq(i, "eom"));
    }
    if (IsWordEq(i, "eoy")) {
      return DateCand(i, i + 1, DaysFromCivil(ref_.year, 7, 1),
                      DaysFromCivil(ref_.year, 12, 31));
    }
    const bool mid = IsWordEq(i, "mid") || IsWordEq(i, "middle");
    size_t j = i + 1;
    if (IsWordEq(i, "mid") && IsDash(j) && Adjacent(i, j)) ++j;
    if (IsWordEq(i, "middle") || !mid) {
      if (!IsWordEq(j, "of")) return c;
      ++j;
    }
    if (mid) {
      int year = 0;
      size_t e = 0;
      if (IsWordEq(j, "the") && IsWordEq(i, "middle")) ++j;
      if (!YearAt(j, &year, &e)) return c;
      Cand y = DateCand(i, e, DaysFromCivil(year, 5, 1),
                        DaysFromCivil(year, 8, 31));
      y.value.resolved_from_reference = false;
      return y;
    }
    const bool end = IsWordEq(i, "end");
    if (IsWordEq(j, "around")) ++j;
    // The day.
    if (end && (IsWordEq(j, "day") ||
                (IsWordEq(j, "the") && IsWordEq(j + 1, "day")))) {
      const size_t e = IsWordEq(j, "day") ? j + 1 : j + 2;
      if (IsWord(e) && !IsWordEq(e, "since") && !IsWordEq(e, "and")) return c;
      // "at the end of the day" is an idiom.
      if (i >= 2 && IsWordEq(i - 1, "the") && IsWordEq(i - 2, "at")) return c;
      return DateCand(i, e, r, r);
    }
    // A week.
    int weeks = 0;
    size_t e = 0;
    bool week = WeekRefAt(j, &weeks, &e);
    if (!week && IsWordEq(j, "the") && IsWordEq(j + 1, "week")) {
      week = true;
      weeks = 0;
      e = j + 2;
    } else if (!week && IsWordEq(j, "the") && IsWordEq(j + 1, "following") &&
               IsWordEq(j + 2, "week")) {
      week = true;
      weeks = 1;
      e = j + 3;
    }
    if (week) {
      if (end) {
        const int64_t fri = WeekdayInWeek(weeks, 5);
        return DateCand(i, e, fri, fri + 2);
      }
      const int64_t mon = WeekdayInWeek(weeks, 1);
      return DateCand(i, e, mon, mon + 2);
    }
    // A month.
    int y = 0, m = 0;
    bool partial = false;
    if (IsWordEq(j, "month")) {
      return month_edge(i, j + 1, ref_.year, ref_.month, end);
    }
    if (MonthRefAt(j, &y, &m, &e, &partial)) {
      return month_edge(i, e, y, m, end);
    }
    return c;
  }

  // "at the moment", "at present", "at the present time", "at this time",
  // "at the minute": the reference day.
  Cand MatchAtPresent(size_t i) const {
    Cand c;
    size_t e = 0;
    if (IsWordEq(i + 1, "present")) {
      e = i + 2;
    } else if (IsWordEq(i + 1, "the") &&
               (IsWordEq(i + 2, "moment") || IsWordEq(i + 2, "minute"))) {
      e = i + 3;
    } else if (IsWordEq(i + 1, "the") && IsWordEq(i + 2, "present") &&
               IsWordEq(i + 3, "time")) {
      e = i + 4;
    } else if (IsWordEq(i + 1, "this") && IsWordEq(i + 2, "time")) {
      e = i + 3;
    } else {
      return c;
    }
    // "at this time of year", "at the moment of impact".
    if (IsWordEq(e, "of") || IsWordEq(e, "when") || IsWordEq(e, "that") ||
        !FullRef()) {
      return c;
    }
    return DateCand(i, e, RefDays(), RefDays());
  }

  // Lexicon entries of the words that start the matchers above, so the
  // dispatch compares pointers, not strings.
  struct StartWords {
    const Lex* the = internal::LookupWord("the");
    const Lex* in = internal::LookupWord("in");
    const Lex* within = internal::LookupWord("within");
    const Lex* this_ = internal::LookupWord("this");
    const Lex* later = internal::LookupWord("later");
    const Lex* late = internal::LookupWord("late");
    const Lex* early = internal::LookupWord("early");
    const Lex* next = internal::LookupWord("next");
    const Lex* last = internal::LookupWord("last");
    const Lex* past = internal::LookupWord("past");
    const Lex* previous = internal::LookupWord("previous");
    const Lex* coming = internal::LookupWord("coming");
    const Lex* upcoming = internal::LookupWord("upcoming");
    const Lex* current = internal::LookupWord("current");
    const Lex* q = internal::LookupWord("q");
    const Lex* christmas = internal::LookupWord("christmas");
    const Lex* xmas = internal::LookupWord("xmas");
    const Lex* halloween = internal::LookupWord("halloween");
    const Lex* day = internal::LookupWord("day");
    const Lex* week = internal::LookupWord("week");
    const Lex* tonight = internal::LookupWord("tonight");
    const Lex* tonite = internal::LookupWord("tonite");
    const Lex* of = internal::LookupWord("of");
    const Lex* month = internal::LookupWord("month");
    const Lex* quarter = internal::LookupWord("quarter");
    const Lex* end = internal::LookupWord("end");
    const Lex* beginning = internal::LookupWord("beginning");
    const Lex* eod = internal::LookupWord("eod");
    const Lex* eom = internal::LookupWord("eom");
    const Lex* bom = internal::LookupWord("bom");
    const Lex* eoy = internal::LookupWord("eoy");
    const Lex* middle = internal::LookupWord("middle");
    const Lex* mid = internal::LookupWord("mid");
    const Lex* easter = internal::LookupWord("easter");
    const Lex* tmrw = internal::LookupWord("tmrw");
    const Lex* tomorrow = internal::LookupWord("tomorrow");
    const Lex* at = internal::LookupWord("at");
  };
  static const StartWords& Starts() {
    static const StartWords kWords;
    return kWords;
  }

  // Dispatch for the matchers above; only tokens that can start them get
  // here, and each is tried only after a cheap look at the next token.
  // `number`: the number phrase at i.
  void MatchMore(size_t i, const Cand& number, Cand* out) const {
    Cand& best = *out;
    const StartWords& w = *starts_;
    if (number.ok && number.emit) {
      const size_t e = number.end_tok;
      const Lex* after = LexAt(e);
      if (number.value.kind == ValueKind::kDuration) {
        Consider(&best, MatchOffset(i, number));
      }
      if (after != nullptr) {
        const uint32_t af = after->flags;
        if ((af & internal::kWeekdayName) || after == w.of ||
            after == w.day || after == w.week || after == w.month ||
            after == w.quarter || after == w.in) {
          Consider(&best, MatchNthOf(i));
        }
        if (af & internal::kDateWord) {
          Consider(&best, MatchCountedWeekdays(i));
          Consider(&best, MatchComingSpan(i));
        }
      }
    }
    if (IsNumber(i)) {
      if (toks_[i].int_digits == 4 &&
          (Adjacent(i, i + 1) || LexAt(i + 1) == w.q)) {
        Consider(&best, MatchQuarter(i));
      }
      return;
    }
    const Lex* l = LexAt(i);
    if (l == nullptr) return;
    const uint32_t f = l->flags;
    // Most words that reach here ("of", "a", "and", "to") start none.
    if (!(f & (internal::kWeekdayName | internal::kOrdinalWord |
               internal::kCardinalWord | internal::kDateWord)) &&
        l != w.the && l != w.at && l != w.day && l != w.week) {
      return;
    }
    // "the 15th", "the first Monday of", "the twenty third day of".
    auto nth_at = [&](size_t j) {
      const Lex* x = LexAt(j);
      if (x == w.last) return true;
      if (IsNumber(j)) return Adjacent(j, j + 1) && IsWord(j + 1);
      if (x == nullptr) return false;
      if (x->flags & internal::kOrdinalWord) {
        const Lex* u = LexAt(j + 1);
        return u != nullptr && ((u->flags & internal::kWeekdayName) ||
                                u == w.of || u == w.day || u == w.week ||
                                u == w.month || u == w.quarter || u == w.in);
      }
      return (x->flags & internal::kCardinalWord) && x->cardinal >= 20;
    };
    if (l == w.the) {
      const Lex* n1 = LexAt(i + 1);
      if (IsNumber(i + 1)) Consider(&best, MatchOnDay(i));
      if (n1 == w.week) Consider(&best, MatchWeekOf(i));
      if (nth_at(i + 1)) Consider(&best, MatchNthOf(i));
      return;
    }
    if (l == w.at) {
      if (IsWord(i + 1)) Consider(&best, MatchAtPresent(i));
      return;
    }
    if (l == w.in || l == w.within) {
      if (IsNumber(i + 1) ||
          HasFlag(i + 1, internal::kCardinalWord | internal::kPhraseStart)) {
        Consider(&best, MatchDayPart(i));
      }
      return;
    }
    if (f & internal::kWeekdayName) {
      Consider(&best, MatchWeekdayPhrase(i));
      return;
    }
    if (f & internal::kOrdinalWord) {
      if (nth_at(i)) Consider(&best, MatchNthOf(i));
    }
    if (f & internal::kCardinalWord) {
      Consider(&best, MatchCountedWeekdays(i));
      Consider(&best, MatchComingSpan(i));
      return;
    }
    if (l == w.day) {
      Consider(&best, MatchDayAround(i));
      return;
    }
    if (l == w.week) {
      Consider(&best, MatchWeekOf(i));
      Consider(&best, MatchIsoWeek(i));
      return;
    }
    if (!(f & internal::kDateWord)) return;
    if (l == w.next || l == w.last || l == w.past || l == w.previous ||
        l == w.coming || l == w.upcoming) {
      if (l == w.last && nth_at(i)) Consider(&best, MatchNthOf(i));
      Consider(&best, MatchComingSpan(i));
      Consider(&best, MatchWeekThenDay(i));
      if (l != w.past && l != w.upcoming && LexAt(i + 1) == w.easter) {
        Consider(&best, MatchEaster(i));
      }
      if (l == w.next && IsWordEq(i + 1, "hour")) {
        Consider(&best, MatchNamedPeriod(i));
      }
      if (l != w.next && l != w.last && l != w.previous) {
        Consider(&best, MatchNamedPeriod(i));
      }
      return;
    }
    if (l == w.this_) {
      Consider(&best, MatchDayPart(i));
      Consider(&best, MatchNamedPeriod(i));
      Consider(&best, MatchWeekThenDay(i));
      if (LexAt(i + 1) == w.easter) Consider(&best, MatchEaster(i));
      return;
    }
    if (l == w.current) {
      Consider(&best, MatchNamedPeriod(i));
      return;
    }
    if (l == w.tonight || l == w.tonite || l == w.late || l == w.early) {
      Consider(&best, MatchDayPart(i));
      return;
    }
    if (l == w.later) {
      Consider(&best, MatchDayPart(i));
      Consider(&best, MatchLaterThis(i));
      return;
    }
    if (l == w.q) {
      Consider(&best, MatchQuarter(i));
      return;
    }
    if (l == w.end || l == w.beginning || l == w.eod || l == w.eom ||
        l == w.bom || l == w.eoy || l == w.middle || l == w.mid) {
      Consider(&best, MatchEdgeOf(i));
      return;
    }
    if (Text(i).size() >= 7 &&
        (Text(i).back() == 's' || Text(i).back() == 'S')) {
      Consider(&best, MatchDecadeWord(i));
    }
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
    // "nrs. 22,24,26,31": a list of numbers is read as numbers.
    if (IsPunct(k + 1, ",") && Adjacent(k, k + 1) && Adjacent(k + 1, k + 2) &&
        IsNumber(k + 2) && usable_[k]) {
      return c;
    }
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

  // A month name alone as one end of a range ("June" in "June-August").
  Cand MonthAtom(size_t j) const {
    int month = 0;
    size_t e = 0;
    if (!MonthAt(j, /*allow_abbr=*/true, &month, &e)) return Cand();
    if (WeakMonth(j) && !Capitalized(j)) return Cand();
    return CalendarCand(j, e, 0, month, 0, 0);
  }

  static bool IsAmountKind(ValueKind k) {
    return k == ValueKind::kCount || k == ValueKind::kMoney ||
           k == ValueKind::kPercent || k == ValueKind::kQuantity ||
           k == ValueKind::kDuration;
  }

  // "between 20 and 30", "from 2014 to 2018", "1000–5000", "2014-18",
  // "From August 10, 1997 to September 28, 2012".
  // "at most 100 and at least 20", "above 1000 and below 1500": two bounds
  // of one amount make one interval.
  // `x`: the number phrase at the first token.
  Cand MatchBounds(const Cand& x) const {
    Cand c;
    if (!x.ok || !x.emit || !IsAmountKind(x.value.kind)) return c;
    const bool x_lower = std::isinf(x.value.hi) && !std::isinf(x.value.lo);
    const bool x_upper = std::isinf(x.value.lo) && !std::isinf(x.value.hi);
    if (!(x_lower || x_upper) || x.value.qualifier == Qualifier::kVague) {
      return c;
    }
    const size_t k = x.end_tok;
    if (!IsWordEq(k, "and")) return c;
    Cand y = MatchNumberPhrase(k + 1, /*allow_qualifier=*/true);
    if (!y.ok || !y.emit || y.value.kind != x.value.kind ||
        y.value.unit != x.value.unit || y.value.qualifier == Qualifier::kVague) {
      return c;
    }
    const bool y_lower = std::isinf(y.value.hi) && !std::isinf(y.value.lo);
    const bool y_upper = std::isinf(y.value.lo) && !std::isinf(y.value.hi);
    if (!((x_lower && y_upper) || (x_upper && y_lower))) return c;
    const double lo = x_lower ? x.value.lo : y.value.lo;
    const double hi = x_lower ? y.value.hi : x.value.hi;
    if (!(lo < hi)) return c;
    c = x;
    c.end_tok = y.end_tok;
    c.value.end = y.value.end;
    c.value.lo = lo;
    c.value.hi = hi;
    c.value.qualifier = Qualifier::kExact;
    c.plain_number = false;
    return c;
  }

  Cand MatchRange(size_t i) const {
    Cand c;
    if (i >= size()) return c;
    size_t j = i;
    bool from = false, between = false;
    // "about 20~100", "some 20-30 people": an approximate range.
    Qual q = Qual::kNone;
    const size_t qn =
        HasFlag(i, internal::kPhraseStart) ? MatchQualifier(i, &q) : 0;
    const bool approx = qn > 0 && (q == Qual::kApprox || q == Qual::kNearly);
    if (approx) {
      j += qn;
    } else if (IsWordEq(i, "from")) {
      from = true;
      ++j;
    } else if (IsWordEq(i, "between")) {
      between = true;
      ++j;
    }
    if (j >= size() || !CanStart(j)) return c;
    Cand x = Atom(j);
    // "June-August 1992", "between august and october", "from april to
    // June in 2017": a bare month can open a range of months.
    bool bare_month = false;
    if (!x.ok || !x.emit) {
      if (!HasFlag(j, internal::kMonthName | internal::kMonthAbbr)) return c;
      x = MonthAtom(j);
      if (!x.ok || !x.emit) return c;
      bare_month = true;
    }
    const size_t k = x.end_tok;
    const bool x_cal = x.value.kind == ValueKind::kDate ||
                       x.value.kind == ValueKind::kDateRange;
    bool dash = false;
    if (IsPunct(k, "-")) {
      dash = Adjacent(k - 1, k) && Adjacent(k, k + 1);
      if (!dash && !x_cal) return c;
      dash = true;
    } else if (IsPunct(k, "\xE2\x80\x93") || IsPunct(k, "~")) {
      dash = true;
    } else if (between) {
      if (!IsWordEq(k, "and")) return c;
    } else if (!(IsWordEq(k, "to") ||
                 (from && (IsWordEq(k, "until") || IsWordEq(k, "through"))))) {
      return c;
    }
    Cand y = Atom(k + 1);
    if ((!y.ok || !y.emit) && x.partial && x.day_lo == 0) y = MonthAtom(k + 1);
    if (!y.ok || !y.emit) return c;
    if (bare_month && !(y.value.kind == ValueKind::kDate ||
                        y.value.kind == ValueKind::kDateRange)) {
      return c;
    }
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
      if (x.partial) {
        // The start takes the most recent year not after the end.
        int yy = 0, ym = 0, yd = 0;
        CivilFromDays(static_cast<int64_t>(y.value.hi), &yy, &ym, &yd);
        ReferenceDate r{yy, ym, yd};
        int year = 0;
        Value tmp;
        if (!ResolveYearNotAfter(r, x.month, x.day_lo, &year) ||
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
    if (approx) {
      if (!IsAmountKind(v.kind)) return c;
      v.qualifier = Qualifier::kApprox;
    }
    c.ok = true;
    c.end_tok = y.end_tok;
    c.value = v;
    return c;
  }

  std::string_view text_;
  ReferenceDate ref_;
  const StartWords* starts_ = &Starts();
  std::vector<Token>& toks_;
  const std::vector<uint32_t>& numbers_;  // indices of the number tokens
  const std::vector<uint32_t>& leads_;    // where a value may start
  std::vector<bool>& usable_;
};

}  // namespace

Normalizer::Normalizer() = default;
Normalizer::~Normalizer() = default;

std::vector<Value> Normalizer::Extract(std::string_view text,
                                       const ReferenceDate& reference) const {
  // Extract() is const and thread-safe: each thread has its own scratch.
  thread_local std::vector<Token> toks;
  thread_local internal::TokenMarks marks;
  thread_local std::vector<bool> usable;
  // Token offsets are 32-bit. A text of 1 GiB or more (no sentence or
  // paragraph is) is read in windows cut at whitespace: nothing is dropped,
  // but a value of several words that straddles a cut ("some | 1000", at
  // most one per GiB) is read as the parts on each side.
  constexpr size_t kWindow = size_t{1} << 30;
  if (text.size() < kWindow) {
    Scanner scanner(text, reference, &toks, &marks, &usable);
    return scanner.Run();
  }
  std::vector<Value> out;
  size_t base = 0;
  while (base < text.size()) {
    size_t end = std::min(text.size(), base + kWindow);
    if (end < text.size()) {
      size_t cut = text.find_last_of(" \n\t", end);
      if (cut != std::string_view::npos && cut > base) end = cut;
    }
    Scanner scanner(text.substr(base, end - base), reference, &toks, &marks,
                    &usable);
    for (Value& v : scanner.Run()) {
      v.start += base;
      v.end += base;
      out.push_back(std::move(v));
    }
    base = end;
  }
  return out;
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
