// Style signals: what the wording of an article says about how it was made.
//
//   language        machine-translation and spinning artefacts: one person's
//                   name spelled two ways, function words capitalised in
//                   mid-sentence ("alleged In an August 4 report"), orphan
//                   punctuation (". .", a closing quote after a space, an
//                   opening quote that ends a paragraph), sentence fragments
//                   ("Insecurity in the country.", "Conducts an online
//                   campaign.");
//   sensationalism  clickbait headline shapes (patterns from the packs'
//                   scoring: section), words and runs in capitals, and
//                   exclamation marks in the outlet's own voice (quotes are
//                   the speaker's, not the outlet's).
//
// Each finding carries its span, so a report can show the matching text.
// The detectors read body sentences only; clutter never counts here (it
// counts in hygiene).
#ifndef CROSSCHECK_ENGINE_SCORE_STYLE_H_
#define CROSSCHECK_ENGINE_SCORE_STYLE_H_

#include <string>
#include <vector>

#include "crosscheck/document.h"
#include "engine/rules/rule_set.h"
#include "engine/rules/words.h"

namespace crosscheck {

// A name as the entity stage found it in the text.
struct NameUse {
  Span span;            // the name itself, "Rama" in "Mr Rama"
  bool person = false;  // the entity stage saw a title or role with it
};

struct StyleFinding {
  std::string kind;    // "name_spelled_two_ways", "capitalised_function_word"...
  Span span;           // in Document::text
  std::string text;    // the matching text
  std::string detail;  // why it counts
};

// Language artefacts in `doc`. `names` are the name mentions of the
// article (any order).
std::vector<StyleFinding> FindLanguageIssues(const Document& doc,
                                             const std::vector<NameUse>& names);

// Sensational wording in `doc`, with the headline patterns of `scoring`.
std::vector<StyleFinding> FindSensationalism(const Document& doc,
                                             const ScoringDef& scoring);

// The two with the document's words already split (`words` of `doc`).
std::vector<StyleFinding> FindLanguageIssues(const Document& doc,
                                             const std::vector<NameUse>& names,
                                             const SentenceWords& words);
std::vector<StyleFinding> FindSensationalism(const Document& doc,
                                             const ScoringDef& scoring,
                                             const SentenceWords& words);

// An article's style findings, found once its names are known (the first
// pass of `check`, where its words are split anyway) and kept with the
// article until it is scored.
struct ArticleStyle {
  std::vector<StyleFinding> language;        // FindLanguageIssues()
  std::vector<StyleFinding> sensationalism;  // FindSensationalism()
};

// American Soundex code of an ASCII word ("Lewis" and "Lues" are L200).
std::string Soundex(std::string_view word);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_SCORE_STYLE_H_
