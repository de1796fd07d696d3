#include "engine/score/style.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "engine/ingest/text_util.h"
#include "engine/rules/words.h"

namespace crosscheck {
namespace {

using internal::FindFirstOf;
using internal::IsAsciiLower;
using internal::IsAsciiUpper;

// Words of a sentence (rules/words.h), with their text.

constexpr std::string_view kLeftDoubleQuote = "\xE2\x80\x9C";
constexpr std::string_view kRightDoubleQuote = "\xE2\x80\x9D";

std::string_view WordText(std::string_view s, const Word& w) {
  return s.substr(w.start, w.end - w.start);
}

bool AllLower(std::string_view w) {
  if (w.empty()) return false;
  for (char c : w)
    if (!IsAsciiLower(c) && c != '\'' && c != '-') return false;
  return true;
}

bool Capitalised(std::string_view w) {
  if (w.size() < 2 || !IsAsciiUpper(w[0])) return false;
  for (size_t i = 1; i < w.size(); ++i)
    if (!IsAsciiLower(w[i])) return false;
  return true;
}

bool OnlySpaces(std::string_view s) {
  return !s.empty() && s.find_first_not_of(' ') == std::string_view::npos;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}


// Spans of quoted text in `s` (curly pairs, then straight pairs), so that
// what a speaker says is not held against the outlet.
std::vector<std::pair<size_t, size_t>> QuotedRanges(std::string_view s) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t open = std::string_view::npos;
  bool straight_open = false;
  size_t straight_at = 0;
  // Both curly quotes begin with 0xE2: the bytes looked at are 0xE2 and '"'.
  for (size_t i = FindFirstOf<0xE2, '"'>(s, 0, s.size()); i < s.size();
       i = FindFirstOf<0xE2, '"'>(s, i + 1, s.size())) {
    if (s[i] == '\xE2' && s.compare(i, 3, kLeftDoubleQuote) == 0) {
      if (open == std::string_view::npos) open = i;
      i += 2;
    } else if (s[i] == '\xE2' && s.compare(i, 3, kRightDoubleQuote) == 0) {
      if (open != std::string_view::npos) out.emplace_back(open, i + 3);
      open = std::string_view::npos;
      i += 2;
    } else if (s[i] == '"') {
      if (straight_open) out.emplace_back(straight_at, i + 1);
      else straight_at = i;
      straight_open = !straight_open;
    }
  }
  // An opening quote never closed runs to the end of the paragraph.
  if (open != std::string_view::npos) out.emplace_back(open, s.size());
  return out;
}

bool Inside(const std::vector<std::pair<size_t, size_t>>& ranges, size_t at) {
  for (const auto& [a, b] : ranges)
    if (at >= a && at < b) return true;
  return false;
}

// Quoted ranges (offsets into Document::text) of each block that holds a
// sentence. Quotes are found per paragraph: one may run over several
// sentences.
std::map<int, std::vector<std::pair<size_t, size_t>>> QuotedInBlocks(const Document& doc) {
  std::map<int, std::vector<std::pair<size_t, size_t>>> out;
  for (const Sentence& s : doc.sentences) {
    if (s.block < 0 || static_cast<size_t>(s.block) >= doc.blocks.size() || out.count(s.block))
      continue;
    const Span block = doc.blocks[static_cast<size_t>(s.block)].span;
    auto& ranges = out[s.block];
    for (const auto& [a, b] : QuotedRanges(doc.Slice(block)))
      ranges.emplace_back(block.start + a, block.start + b);
  }
  return out;
}

// One person named as `first` and `second` (surname only or full name).
StyleFinding NameFinding(const Document& doc, Span where, std::string_view here,
                         std::string_view there) {
  StyleFinding f;
  f.kind = "name_spelled_two_ways";
  f.span = where;
  f.text = std::string(doc.Slice(where));
  f.detail = "'" + std::string(here) + "' here and '" + std::string(there) +
             "' elsewhere in the article: one person's name spelled two ways "
             "(same sound, Soundex " + Soundex(here) + ")";
  return f;
}

void FindNameVariants(const Document& doc, const std::vector<NameUse>& names,
                      std::vector<StyleFinding>* out) {
  static constexpr std::array<std::string_view, 10> kTitles = {
      "Mr ", "Mr. ", "Mrs ", "Mrs. ", "Ms ", "Ms. ", "Dr ", "Dr. ", "Miss ", "Sir "};
  static constexpr std::array<std::string_view, 6> kSpeechAfter = {
      " said", " says", " told", " added", " wrote", " explained"};
  struct Person {
    std::vector<std::string> words;  // of the name's key: "Ram's" -> "Ram"
    Span span;
  };
  std::vector<Person> full, bare;
  const std::string_view text = doc.text;
  for (const NameUse& n : names) {
    if (n.span.end > text.size() || n.span.start >= n.span.end) continue;
    const std::string_view before = text.substr(n.span.start >= 6 ? n.span.start - 6 : 0,
                                                n.span.start >= 6 ? 6 : n.span.start);
    const std::string_view after = text.substr(n.span.end, 10);
    bool person = n.person || EndsWith(before, "said ");
    for (std::string_view t : kTitles) person = person || EndsWith(before, t);
    for (std::string_view s : kSpeechAfter) person = person || after.substr(0, s.size()) == s;
    if (!person) continue;
    Person p;
    p.span = n.span;
    const std::string key = NameKey(doc.Slice(n.span));  // single spaces
    for (size_t i = 0; i <= key.size();) {
      const size_t space = std::min(key.find(' ', i), key.size());
      if (space > i) p.words.push_back(key.substr(i, space - i));
      i = space + 1;
    }
    if (p.words.empty()) continue;
    bool ascii_name = true;
    for (const std::string& w : p.words)
      ascii_name = ascii_name && w.size() >= 2 && IsAsciiUpper(w[0]);
    if (!ascii_name) continue;
    (p.words.size() == 1 ? bare : full).push_back(std::move(p));
  }
  auto same_sound = [](std::string_view a, std::string_view b) {
    return a != b && a[0] == b[0] &&
           (a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) <= 2 &&
           Soundex(a) == Soundex(b);
  };
  std::set<std::string> surnames, firsts, reported;
  for (const Person& p : full) {
    surnames.insert(p.words.back());
    firsts.insert(p.words.front());
  }
  // A surname alone that no full name introduces, but that sounds like one
  // that does: "Mr. Ram" beside "Edi Rama", "Lewis said" beside "Toby Lues".
  for (const Person& b : bare) {
    const std::string& w = b.words[0];
    if (surnames.count(w) || firsts.count(w) || reported.count(w)) continue;
    for (const Person& f : full) {
      if (!same_sound(w, f.words.back())) continue;
      std::string there;
      for (const std::string& x : f.words) there += (there.empty() ? "" : " ") + x;
      out->push_back(NameFinding(doc, b.span, w, there));
      reported.insert(w);
      break;
    }
  }
  // Two full names with one first name and surnames that sound alike.
  for (size_t i = 0; i < full.size(); ++i)
    for (size_t j = 0; j < i; ++j) {
      const Person& a = full[i];
      const Person& b = full[j];
      if (a.words.front() != b.words.front()) continue;
      const std::string& sa = a.words.back();
      const std::string& sb = b.words.back();
      if (!same_sound(sa, sb) || reported.count(sa)) continue;
      out->push_back(NameFinding(doc, a.span, sa, sb));
      reported.insert(sa);
    }
}

bool InList(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

}  // namespace

std::string Soundex(std::string_view word) {
  static constexpr char kCode[27] = "01230120022455012623010202";  // a..z
  std::string out;
  char last = 0;
  for (char raw : word) {
    const char c = internal::AsciiLower(raw);
    if (!IsAsciiLower(c)) continue;
    const char code = kCode[c - 'a'];
    if (out.empty()) {
      out.push_back(static_cast<char>(c - 'a' + 'A'));
      last = code;
      continue;
    }
    // h and w do not separate two letters of one code; vowels do.
    if (c == 'h' || c == 'w') continue;
    if (code != '0' && code != last) out.push_back(code);
    last = code;
    if (out.size() == 4) break;
  }
  if (out.empty()) return out;
  out.resize(4, '0');
  return out;
}

std::vector<StyleFinding> FindLanguageIssues(const Document& doc,
                                             const std::vector<NameUse>& names) {
  return FindLanguageIssues(doc, names, SentenceWords(doc));
}

std::vector<StyleFinding> FindLanguageIssues(const Document& doc,
                                             const std::vector<NameUse>& names,
                                             const SentenceWords& split) {
  std::vector<StyleFinding> out;
  FindNameVariants(doc, names, &out);

  // Sentences per block: a one-sentence line is a caption or a list item,
  // where fragments are normal. (Short verbless sentences are not counted:
  // on the BBC corpus they were almost all deliberate, "But no longer.")
  std::map<int, int> per_block;
  for (const Sentence& s : doc.sentences)
    if (!s.headline) ++per_block[s.block];
  const std::map<int, std::vector<std::pair<size_t, size_t>>> quoted = QuotedInBlocks(doc);

  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    if (s.headline) continue;
    const std::string_view sent = doc.Slice(s.span);
    const SentenceWords::Range words = split.of(si);
    // Function words capitalised mid-sentence between lowercase words.
    for (size_t i = 1; i + 1 < words.size(); ++i) {
      // Cheap tests first: most words are not capitalised.
      if (!words[i].capitalized) continue;
      const std::string_view prev = WordText(sent, words[i - 1]);
      const std::string_view next = WordText(sent, words[i + 1]);
      if (!AllLower(prev) || !AllLower(next)) continue;
      const std::string_view w = WordText(sent, words[i]);
      if (!InList(w, {"In", "On", "At", "Of", "The", "A", "An", "And", "Or", "But", "For",
                      "To", "With", "By", "From", "As", "That", "Which", "Is", "Are", "Was",
                      "Were", "Its", "Their", "This", "These", "Those", "Into", "About"}))
        continue;
      if (!OnlySpaces(sent.substr(words[i - 1].end, words[i].start - words[i - 1].end)) ||
          !OnlySpaces(sent.substr(words[i].end, words[i + 1].start - words[i].end)))
        continue;
      StyleFinding f;
      f.kind = "capitalised_function_word";
      f.span = {s.span.start + words[i - 1].start, s.span.start + words[i + 1].end};
      f.text = std::string(doc.Slice(f.span));
      f.detail = "'" + std::string(w) +
                 "' capitalised in mid-sentence: a machine-translation or spinning artefact";
      out.push_back(std::move(f));
    }
    // Fragments, in paragraphs of several sentences and in the outlet's
    // voice (speech has fragments: "Thank you.").
    if (per_block[s.block] < 2 || words.empty()) continue;
    if (const auto q = quoted.find(s.block);
        q != quoted.end() && Inside(q->second, s.span.start))
      continue;
    // A verb-like first word: -s or -ed, five letters or more, not one of
    // the adverbs and prepositions that end so.
    const std::string_view first = WordText(sent, words[0]);
    const bool verb_like =
        first.size() >= 5 && Capitalised(first) &&
        (EndsWith(first, "s") || EndsWith(first, "ed")) && !EndsWith(first, "ss") &&
        !EndsWith(first, "us") && !EndsWith(first, "is") &&
        !InList(first, {"Perhaps", "Unless", "Besides", "Towards", "Across", "Always",
                        "Afterwards", "Whereas", "Nevertheless", "Sometimes", "Regardless",
                        "Nowadays", "Indeed", "Needless", "Hundreds", "Thousands",
                        "Millions", "Dozens", "Others", "Officials", "Analysts"});
    // "Threatened to", "Conducts an": a plural noun takes "to" too
    // ("Changes to the rules"), so -s forms need an article after them.
    if (!verb_like || words.size() < 2 ||
        !OnlySpaces(sent.substr(words[0].end, words[1].start - words[0].end)))
      continue;
    const std::string_view second = WordText(sent, words[1]);
    if (!InList(second, {"a", "an", "the"}) && !(EndsWith(first, "ed") && second == "to"))
      continue;
    // A participle clause ends at a comma followed by its subject ("Asked
    // the reason, Evans said"); a subjectless sentence has none ("Threatened
    // to hack records, steal ... and spread chaos").
    bool subject_after_comma = false;
    for (size_t i = 1; i < words.size() && !subject_after_comma; ++i) {
      const std::string_view gap = sent.substr(words[i - 1].end, words[i].start - words[i - 1].end);
      if (gap.find(',') == std::string_view::npos) continue;
      const std::string_view w = WordText(sent, words[i]);
      subject_after_comma =
          IsAsciiUpper(w[0]) ||
          InList(AsciiLower(w), {"i", "we", "you", "he", "she", "it", "they", "the", "a", "an",
                                 "this", "that", "these", "those", "his", "her", "its", "their"});
    }
    if (subject_after_comma) continue;
    StyleFinding f;
    f.kind = "sentence_fragment";
    f.span = s.span;
    f.text = std::string(sent);
    f.detail = "a sentence fragment: it opens with a verb and has no subject";
    out.push_back(std::move(f));
  }

  // Orphan punctuation in body paragraphs.
  for (const Block& b : doc.blocks) {
    if (b.kind != BlockKind::kBody) continue;
    const std::string_view para = doc.Slice(b.span);
    auto add = [&](size_t at, size_t len, std::string detail) {
      StyleFinding f;
      f.kind = "orphan_punctuation";
      const size_t from = at >= 20 ? at - 20 : 0;
      f.span = {b.span.start + at, b.span.start + at + len};
      f.text = std::string(para.substr(from, at + len + 10 - from));
      f.detail = std::move(detail);
      out.push_back(std::move(f));
    };
    // ". ." and "word ." but not a spaced ellipsis ". . .".
    auto spaced_ellipsis = [&](size_t from) {
      return from <= para.size() && para.compare(from, 5, ". . .") == 0;
    };
    // Only a '.' or a 0xE2 (of U+201D) after a space can be one.
    for (size_t i = para.empty() ? 0 : FindFirstOf<'.', 0xE2>(para, 1, para.size());
         i < para.size(); i = FindFirstOf<'.', 0xE2>(para, i + 1, para.size())) {
      if (para[i] == '.' && para[i - 1] == ' ' && (i + 1 == para.size() || para[i + 1] == ' ') &&
          i >= 2 && para[i - 2] != ' ' && !spaced_ellipsis(i) && !spaced_ellipsis(i - 2) &&
          !(i >= 4 && spaced_ellipsis(i - 4))) {
        add(i - 1, 2, "a full stop after a space");
      } else if (para[i] == '\xE2' && para[i - 1] == ' ' &&
                 para.compare(i, 3, kRightDoubleQuote) == 0) {
        add(i - 1, 4, "a closing quotation mark after a space: a quote cut or joined badly");
      }
    }
    const size_t last_open = para.rfind(kLeftDoubleQuote);
    if (last_open != std::string_view::npos &&
        para.find_first_not_of(" \t\r\n", last_open + 3) == std::string_view::npos)
      add(last_open, 3, "an opening quotation mark that ends the paragraph");
  }
  std::sort(out.begin(), out.end(), [](const StyleFinding& a, const StyleFinding& b) {
    return a.span.start < b.span.start;
  });
  return out;
}

std::vector<StyleFinding> FindSensationalism(const Document& doc,
                                             const ScoringDef& scoring) {
  return FindSensationalism(doc, scoring, SentenceWords(doc));
}

std::vector<StyleFinding> FindSensationalism(const Document& doc,
                                             const ScoringDef& scoring,
                                             const SentenceWords& split) {
  std::vector<StyleFinding> out;
  // The headline: the title, else the headline sentence.
  std::string_view headline = doc.title;
  Span headline_span{0, 0};
  for (const Sentence& s : doc.sentences)
    if (s.headline) {
      headline_span = s.span;
      if (headline.empty()) headline = doc.Slice(s.span);
      break;
    }
  for (const ScoringDef::Pattern& p : scoring.clickbait) {
    if (!p.re || !RE2::PartialMatch(headline, *p.re)) continue;
    StyleFinding f;
    f.kind = "clickbait_headline";
    f.span = headline_span;
    f.text = std::string(headline);
    f.detail = "headline shape: " + p.label;
    out.push_back(std::move(f));
  }

  // Capitals and exclamation marks in the outlet's own voice.
  std::map<int, std::vector<std::pair<size_t, size_t>>> quoted_in_block =
      QuotedInBlocks(doc);
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    const std::string_view sent = doc.Slice(s.span);
    // Quoted ranges as offsets into the sentence.
    std::vector<std::pair<size_t, size_t>> quoted;
    for (const auto& [a, b] : quoted_in_block[s.block]) {
      if (b <= s.span.start || a >= s.span.end) continue;
      quoted.emplace_back(a > s.span.start ? a - s.span.start : 0, b - s.span.start);
    }
    const SentenceWords::Range words = split.of(si);
    // A line all in capitals is a label or subheading ("KEY MATCH STATS");
    // shouting is capitals among lowercase words.
    bool has_lower = false;
    for (const Word& w : words)
      has_lower = has_lower || AllLower(WordText(sent, w));
    size_t i = has_lower ? 0 : words.size();
    while (i < words.size()) {
      // Letters only: "WRAZ-TV", "MP3" and "U.S." are names, not shouting.
      auto caps = [&](size_t k) {
        if (!words[k].all_caps || Inside(quoted, words[k].start)) return false;
        for (char c : WordText(sent, words[k]))
          if (!IsAsciiUpper(c)) return false;
        return true;
      };
      if (!caps(i)) {
        ++i;
        continue;
      }
      size_t j = i, letters = 0;
      while (j < words.size() && caps(j)) letters += words[j].end - words[j].start, ++j;
      const size_t run = j - i;
      // Acronyms (NATO, TIMS, US EU) are short; shouting is long. A run that
      // opens the sentence is a label run into it ("KEY STATS The ...").
      if (i > 0 && ((run >= 2 && letters >= 9) || (run == 1 && letters >= 7))) {
        StyleFinding f;
        f.kind = "all_caps";
        f.span = {s.span.start + words[i].start, s.span.start + words[j - 1].end};
        f.text = std::string(doc.Slice(f.span));
        f.detail = run >= 2 ? "a run of " + std::to_string(run) + " words in capitals"
                            : "a long word in capitals";
        out.push_back(std::move(f));
      }
      i = j;
    }
    if (s.headline) continue;  // the headline's "!" is a clickbait pattern
    for (size_t k = 0; k < sent.size(); ++k) {
      if (sent[k] != '!' || Inside(quoted, k)) continue;
      size_t e = k;
      while (e < sent.size() && (sent[e] == '!' || sent[e] == '?')) ++e;
      StyleFinding f;
      f.kind = "exclamation";
      f.span = {s.span.start + k, s.span.start + e};
      f.text = std::string(sent);
      f.detail = e - k > 1 ? "an exclamation run in the outlet's own voice"
                           : "an exclamation mark in the outlet's own voice";
      out.push_back(std::move(f));
      k = e;
    }
  }
  return out;
}

}  // namespace crosscheck
