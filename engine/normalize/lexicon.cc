#include "engine/normalize/lexicon.h"

#include <cstddef>
#include <initializer_list>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace crosscheck {
namespace internal {
namespace {

using LexMap = std::unordered_map<std::string_view, Lex>;


// Keys are string literals (static storage), so string_view keys are safe.
Lex& Entry(LexMap* map, std::string_view word) { return (*map)[word]; }

void AddCardinal(LexMap* m, std::string_view w, double v) {
  Lex& e = Entry(m, w);
  e.flags |= kCardinalWord;
  e.cardinal = v;
}

void AddOrdinal(LexMap* m, std::string_view w, int v) {
  Lex& e = Entry(m, w);
  e.flags |= kOrdinalWord;
  e.ordinal = v;
}

void AddUnit(LexMap* m, std::initializer_list<std::string_view> words,
             std::string_view unit, ValueKind kind, double factor,
             bool singular) {
  for (std::string_view w : words) {
    Lex& e = Entry(m, w);
    e.flags |= kUnitWord;
    e.unit = unit;
    e.unit_kind = kind;
    e.unit_factor = factor;
    e.unit_singular = singular;
  }
}

void AddFlag(LexMap* m, std::initializer_list<std::string_view> words,
             uint32_t flag) {
  for (std::string_view w : words) Entry(m, w).flags |= flag;
}

LexMap BuildLexicon() {
  LexMap m;
  static constexpr std::string_view kUnits[] = {
      "zero",    "one",     "two",       "three",    "four",
      "five",    "six",     "seven",     "eight",    "nine",
      "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
      "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  for (size_t i = 0; i < 20; ++i)
    AddCardinal(&m, kUnits[i], static_cast<double>(i));
  // Counts only before a counted noun or as the whole text, like "zero".
  for (std::string_view w : {"naught", "nought", "nil"}) AddCardinal(&m, w, 0);
  static constexpr std::string_view kTens[] = {"twenty", "thirty", "forty",
                                               "fifty",  "sixty",  "seventy",
                                               "eighty", "ninety"};
  for (size_t i = 0; i < 8; ++i) AddCardinal(&m, kTens[i], 20.0 + 10.0 * i);

  for (auto [w, v] :
       {std::pair<std::string_view, double>{"hundred", 100}, {"dozen", 12}}) {
    Lex& e = Entry(&m, w);
    e.flags |= kHundredWord;
    e.cardinal = v;
  }
  for (auto [w, v] : {std::pair<std::string_view, double>{"thousand", 1e3},
                      {"million", 1e6},
                      {"billion", 1e9},
                      {"trillion", 1e12},
                      {"tln", 1e12},
                      {"trln", 1e12},
                      {"mn", 1e6},
                      {"mln", 1e6},
                      {"bn", 1e9},
                      {"bln", 1e9},
                      // South Asian scales.
                      {"lakh", 1e5},
                      {"lakhs", 1e5},
                      {"lac", 1e5},
                      {"lacs", 1e5},
                      {"lkh", 1e5},
                      {"lkhs", 1e5},
                      {"crore", 1e7},
                      {"crores", 1e7},
                      {"cr", 1e7},
                      {"krore", 1e7},
                      {"krores", 1e7},
                      {"koti", 1e7}}) {
    Lex& e = Entry(&m, w);
    e.flags |= kScaleWord;
    e.cardinal = v;
    e.multiplier = v;
  }
  // Glued to digits: "10M", "€3bn", "5k". Lower-case "m" alone means metres
  // unless a currency sign came first ("$1m"), hence kMoneyMultiplier.
  for (auto [w, v] : {std::pair<std::string_view, double>{"bn", 1e9},
                      {"bln", 1e9},
                      {"mn", 1e6},
                      {"mln", 1e6},
                      {"k", 1e3}}) {
    Lex& e = Entry(&m, w);
    e.flags |= kGluedMultiplier;
    e.multiplier = v;
  }
  for (auto [w, v] :
       {std::pair<std::string_view, double>{"m", 1e6}, {"b", 1e9}}) {
    Lex& e = Entry(&m, w);
    e.flags |= kMoneyMultiplier;
    e.multiplier = v;
  }

  static constexpr std::string_view kOrd[] = {
      "first",     "second",      "third",      "fourth",     "fifth",
      "sixth",     "seventh",     "eighth",     "ninth",      "tenth",
      "eleventh",  "twelfth",     "thirteenth", "fourteenth", "fifteenth",
      "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
  for (size_t i = 0; i < 19; ++i)
    AddOrdinal(&m, kOrd[i], static_cast<int>(i) + 1);
  static constexpr std::string_view kOrdTens[] = {
      "twentieth", "thirtieth",  "fortieth",  "fiftieth",
      "sixtieth",  "seventieth", "eightieth", "ninetieth"};
  for (size_t i = 0; i < 8; ++i)
    AddOrdinal(&m, kOrdTens[i], 20 + 10 * static_cast<int>(i));
  AddOrdinal(&m, "hundredth", 100);
  AddOrdinal(&m, "thousandth", 1000);

  static constexpr std::string_view kMonths[] = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (size_t i = 0; i < 12; ++i) {
    Lex& e = Entry(&m, kMonths[i]);
    e.flags |= kMonthName;
    e.month = static_cast<int>(i) + 1;
  }
  for (auto [w, v] : {std::pair<std::string_view, int>{"jan", 1},
                      {"feb", 2},
                      {"mar", 3},
                      {"apr", 4},
                      {"jun", 6},
                      {"jul", 7},
                      {"aug", 8},
                      {"sep", 9},
                      {"sept", 9},
                      {"oct", 10},
                      {"nov", 11},
                      {"dec", 12}}) {
    Lex& e = Entry(&m, w);
    e.flags |= kMonthAbbr;
    e.month = v;
  }
  static constexpr std::string_view kDays[] = {
      "sunday",   "monday", "tuesday", "wednesday",
      "thursday", "friday", "saturday"};
  for (size_t i = 0; i < 7; ++i) {
    Lex& e = Entry(&m, kDays[i]);
    e.flags |= kWeekdayName;
    e.weekday = static_cast<int>(i);
  }
  // Abbreviated weekdays ("Mon 13th", "Fri, Jul 18"). "sun", "sat" and "wed"
  // are also words: the matchers take these only before a day or a date.
  for (auto [w, v] : {std::pair<std::string_view, int>{"sun", 0},
                      {"mon", 1},
                      {"tue", 2},
                      {"tues", 2},
                      {"wed", 3},
                      {"thu", 4},
                      {"thur", 4},
                      {"thurs", 4},
                      {"fri", 5},
                      {"sat", 6}}) {
    Lex& e = Entry(&m, w);
    e.flags |= kWeekdayName;
    e.weekday = v;
  }
  for (auto [w, v] : {std::pair<std::string_view, int>{"spring", 3},
                      {"summer", 6},
                      {"autumn", 9},
                      {"fall", 9},
                      {"winter", 12}}) {
    Lex& e = Entry(&m, w);
    e.flags |= kSeasonWord;
    e.season = v;
  }

  const ValueKind kQ = ValueKind::kQuantity;
  const ValueKind kD = ValueKind::kDuration;
  const ValueKind kM = ValueKind::kMoney;
  AddUnit(&m, {"km", "kms", "kilometres", "kilometers"}, "km", kQ, 1, false);
  AddUnit(&m, {"kilometre", "kilometer"}, "km", kQ, 1, true);
  AddUnit(&m, {"m", "metres", "meters"}, "m", kQ, 1, false);
  AddUnit(&m, {"metre", "meter"}, "m", kQ, 1, true);
  AddUnit(&m, {"cm", "centimetres", "centimeters"}, "m", kQ, 0.01, false);
  AddUnit(&m, {"mm", "millimetres", "millimeters"}, "m", kQ, 0.001, false);
  AddUnit(&m, {"kg", "kgs", "kilograms", "kilos"}, "kg", kQ, 1, false);
  AddUnit(&m, {"kilogram"}, "kg", kQ, 1, true);
  AddUnit(&m, {"t", "tonnes", "tons"}, "t", kQ, 1, false);
  AddUnit(&m, {"tonne", "ton"}, "t", kQ, 1, true);
  AddUnit(&m, {"mi", "miles"}, "mi", kQ, 1, false);
  AddUnit(&m, {"mile"}, "mi", kQ, 1, true);
  AddUnit(&m, {"hours", "hrs", "h"}, "h", kD, 1, false);
  AddUnit(&m, {"hour", "hr"}, "h", kD, 1, true);
  AddUnit(&m, {"minutes", "mins", "min"}, "min", kD, 1, false);
  AddUnit(&m, {"minute"}, "min", kD, 1, true);
  AddUnit(&m, {"seconds", "secs"}, "s", kD, 1, false);
  AddUnit(&m, {"second", "sec"}, "s", kD, 1, true);
  AddUnit(&m, {"days"}, "day", kD, 1, false);
  AddUnit(&m, {"day"}, "day", kD, 1, true);
  AddUnit(&m, {"weeks"}, "day", kD, 7, false);
  AddUnit(&m, {"week"}, "day", kD, 7, true);
  AddUnit(&m, {"fortnight"}, "day", kD, 14, true);
  AddUnit(&m, {"months"}, "month", kD, 1, false);
  AddUnit(&m, {"month"}, "month", kD, 1, true);
  AddUnit(&m, {"years", "yrs"}, "year", kD, 1, false);
  AddUnit(&m, {"year", "yr"}, "year", kD, 1, true);
  AddUnit(&m, {"decades"}, "year", kD, 10, false);
  AddUnit(&m, {"decade"}, "year", kD, 10, true);
  AddUnit(&m, {"dollars", "dollar"}, "USD", kM, 1, false);
  AddUnit(&m, {"euros", "euro"}, "EUR", kM, 1, false);

  AddFlag(
      &m,
      {"people",     "persons",     "members",    "troops",     "residents",
       "soldiers",   "workers",     "homes",      "houses",     "families",
       "children",   "cases",       "deaths",     "votes",      "jobs",
       "refugees",   "migrants",    "civilians",  "employees",  "students",
       "users",      "patients",    "victims",    "protesters", "protestors",
       "officers",   "police",      "dead",       "casualties", "fighters",
       "militants",  "inhabitants", "voters",     "followers",  "supporters",
       "passengers", "visitors",    "tourists",   "buildings",  "households",
       "vehicles",   "cars",        "apartments", "flats",      "acres",
       "hectares",   "men",         "women",      "staff",      "personnel",
       "infections", "injuries",    "dollars",    "euros"},
      kCountedNoun);
  AddFlag(&m, {"article",  "articles",  "chapter",  "section",    "no",
               "nos",      "nr",        "nrs",      "room",       "flight",
               "page",     "pages",     "part",     "resolution", "route",
               "highway",  "paragraph", "clause",   "rule",       "number",
               "vol",      "volume",    "act",      "level",      "phase",
               "episode",  "season",    "gate",     "terminal",   "platform",
               "unit",     "block",     "floor",    "ward",       "district",
               "precinct", "bus",       "line",     "channel",    "track",
               "grade",    "category",  "type",     "model",      "version",
               "series",   "stage",     "step",     "figure",     "table",
               "exhibit",  "item",      "question", "lot",        "apartment",
               "suite",    "building",  "pier",     "runway",     "lane",
               "exit",     "junction",  "division", "pp",         "amendment",
               "title",    "tier",      "squad",    "battalion",  "brigade"},
          kLabelWord);
  // `cardinal` of a vague plural is its scale after a number ("three
  // billions" = 3e9); 0 where it is never one.
  for (auto [w, v, scale] :
       {std::tuple<std::string_view, double, double>{"dozens", 24, 12},
        {"scores", 40, 0},
        {"hundreds", 200, 0},
        {"thousands", 2000, 1e3},
        {"millions", 2e6, 1e6},
        {"billions", 2e9, 1e9}}) {
    Lex& e = Entry(&m, w);
    e.flags |= kVaguePlural;
    e.vague_lo = v;
    e.cardinal = scale;
  }
  AddFlag(&m, {"st", "nd", "rd", "th"}, kOrdinalSuffix);
  AddFlag(&m,
          {"half", "halves", "third", "thirds", "quarter", "quarters", "fifths",
           "tenths"},
          kFraction);
  AddFlag(&m,
          {"of",    "another", "the",       "a",     "an",     "and",   "or",
           "but",   "to",      "in",        "on",    "at",     "by",    "for",
           "with",  "from",    "as",        "is",    "was",    "were",  "are",
           "be",    "been",    "who",       "that",  "which",  "than",  "time",
           "thing", "point",   "way",       "hand",  "too",    "more",  "less",
           "after", "before",  "could",     "would", "should", "will",  "can",
           "may",   "might",   "must",      "it",    "he",     "she",   "they",
           "we",    "you",     "i",         "his",   "her",    "their", "our",
           "its",   "my",      "your",      "says",  "said",   "else",  "has",
           "had",   "have",    "does",      "did",   "if",     "so",    "not",
           "day",   "here",    "there",     "where", "when",   "why",   "how",
           "this",  "these",   "those",     "such",  "about",  "up",    "out",
           "over",  "into",    "another’s", "s",     "t",      "ll"},
          kOneStop);
  AddFlag(
      &m,
      {"no",        "not",     "in",     "as",     "more",    "just",
       "well",      "upwards", "over",   "above",  "at",      "fewer",
       "less",      "under",   "below",  "up",     "an",      "a",
       "estimated", "some",    "about",  "around", "roughly", "approximately",
       "circa",     "close",   "nearly", "almost", "tens",    "us",
       "usd",       "greater", "exceed", "exceeds", "exceeded", "exceeding",
       "minus",     "half",    "negative"},
      kPhraseStart);
  AddFlag(&m,
          {"last", "this", "next", "previous", "past", "yesterday", "today",
           "tomorrow", "later", "end", "in", "after", "before", "since", "from",
           "between", "early", "mid", "late",
           // issue 3: parts of the reference day, forward words, counted
           // weekdays and quarters.
           "tonight", "tonite", "coming", "upcoming", "current", "within",
           "mondays", "tuesdays", "wednesdays", "thursdays", "fridays",
           "saturdays", "sundays", "q", "christmas", "xmas", "halloween",
           "beginning", "eod", "eom", "bom", "eoy", "middle", "easter",
           "tmrw", "nineties", "eighties", "seventies", "sixties"},
          kDateWord);
  AddFlag(&m,
          {"yesterday", "today", "tomorrow", "tmrw", "tonight", "tonite",
           "christmas", "xmas", "halloween", "easter", "eod", "eom", "bom",
           "eoy", "nineties", "eighties", "seventies", "sixties", "mondays",
           "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays",
           "sundays", "now", "present", "moment", "morning", "afternoon",
           "evening", "night", "noon", "midnight", "weekend"},
          kAnchorWord);
  return m;
}

// The lexicon as a flat open-addressing table (see LexTable): one probe of
// an L1-resident array for most words, no allocation, no pointer chasing.
class FlatLexicon {
 public:
  FlatLexicon() : entries_(BuildLexicon()) {
    size_t size = 16;
    while (size < entries_.size() * 2) size *= 2;
    slots_.assign(size, 0);
    for (const auto& [key, lex] : entries_) {
      const uint64_t h = LexHash(key);
      flat_.push_back(LexTable::Entry{h, key, &lex});
      size_t i = h & (size - 1);
      while (slots_[i] != 0) i = (i + 1) & (size - 1);
      slots_[i] = (h >> 32 << 32) | flat_.size();
    }
    table_.slots = slots_.data();
    table_.entries = flat_.data();
    table_.mask = size - 1;
  }

  const LexTable& table() const { return table_; }

 private:
  const LexMap entries_;  // owns the entries the slots point at
  std::vector<LexTable::Entry> flat_;
  std::vector<uint64_t> slots_;
  LexTable table_;
};

}  // namespace

const LexTable& LexiconTable() {
  static const FlatLexicon* const kLexicon = new FlatLexicon();
  return kLexicon->table();
}

const Lex* LookupWord(std::string_view word) {
  return LexiconTable().Find(word, LexHash(word), /*ascii_letters=*/false);
}

}  // namespace internal
}  // namespace crosscheck
