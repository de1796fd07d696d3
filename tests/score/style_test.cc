#include "engine/score/style.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "engine/ingest/ingest.h"
#include "engine/rules/rule_set.h"

namespace crosscheck {
namespace {

Document Parse(std::string_view text) {
  StatusOr<Document> doc = ParseArticle(text, "txt", "test.txt", "a");
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(doc).value() : Document{};
}

// Name uses at every occurrence of each of `names` in the text.
std::vector<NameUse> NamesIn(const Document& doc, const std::vector<std::string>& names,
                             bool person = false) {
  std::vector<NameUse> out;
  for (const std::string& n : names)
    for (size_t p = doc.text.find(n); p != std::string::npos; p = doc.text.find(n, p + 1))
      out.push_back({Span{p, p + n.size()}, person});
  return out;
}

std::vector<std::string> Kinds(const std::vector<StyleFinding>& found) {
  std::vector<std::string> out;
  for (const StyleFinding& f : found) out.push_back(f.kind + " " + f.text);
  return out;
}

const ScoringDef& GenericScoring() {
  static const ScoringDef* scoring = [] {
    StatusOr<RuleSet> rules =
        LoadRuleSet({std::string(CROSSCHECK_SOURCE_DIR) + "/rules/generic"});
    EXPECT_TRUE(rules.ok()) << rules.status().message();
    return new ScoringDef(rules.ok() ? rules->scoring() : ScoringDef{});
  }();
  return *scoring;
}

TEST(StyleTest, SoundexCodes) {
  // Reference codes of the American Soundex (h and w do not separate
  // letters of one code; vowels do).
  EXPECT_EQ(Soundex("Lewis"), "L200");
  EXPECT_EQ(Soundex("Lues"), "L200");
  EXPECT_EQ(Soundex("Rama"), "R500");
  EXPECT_EQ(Soundex("Ram"), "R500");
  EXPECT_EQ(Soundex("Robert"), "R163");
  EXPECT_EQ(Soundex("Rupert"), "R163");
  EXPECT_EQ(Soundex("Ashcraft"), "A261");
  EXPECT_EQ(Soundex("Tymczak"), "T522");
  EXPECT_EQ(Soundex("Pfister"), "P236");
  EXPECT_EQ(Soundex("Lee"), "L000");
  EXPECT_EQ(Soundex(""), "");
}

TEST(StyleTest, SurnameAloneThatSoundsLikeAnIntroducedOne) {
  const Document doc = Parse(
      "Albania cuts ties\n\n"
      "\xE2\x80\x9CThis is new,\xE2\x80\x9D said Toby Lues, head of analysis at Darktrace. "
      "Prime Minister Edi Rama spoke on Tuesday.\n"
      "Mr. Ram\xE2\x80\x99s response was strong. \xE2\x80\x9CIt is hard,\xE2\x80\x9D Lewis said.\n");
  // The entity stage marks "Edi Rama" a person (after "Prime Minister");
  // the others are people by "said" and "Mr." around them.
  std::vector<NameUse> names = NamesIn(doc, {"Toby Lues", "Ram\xE2\x80\x99s", "Lewis"});
  for (const NameUse& n : NamesIn(doc, {"Edi Rama"}, /*person=*/true)) names.push_back(n);
  const std::vector<StyleFinding> found = FindLanguageIssues(doc, names);
  ASSERT_EQ(found.size(), 2u) << ::testing::PrintToString(Kinds(found));
  EXPECT_EQ(found[0].kind, "name_spelled_two_ways");
  EXPECT_EQ(found[0].text, "Ram\xE2\x80\x99s");
  EXPECT_NE(found[0].detail.find("'Ram' here and 'Edi Rama' elsewhere"), std::string::npos)
      << found[0].detail;
  EXPECT_EQ(found[1].text, "Lewis");
  EXPECT_NE(found[1].detail.find("'Toby Lues'"), std::string::npos);
  EXPECT_EQ(doc.Slice(found[1].span), "Lewis");
}

TEST(StyleTest, ConsistentOrDifferentNamesAreNotFlagged) {
  const Document doc = Parse(
      "Dam fails\n\n"
      "Jane Smith, the engineer, said the spillway was blocked. Smith said it twice. "
      "Mr Jones said nothing. Mr Smyth, a neighbour, was away.\n");
  // Smyth is S530 like Smith, but he is a second person introduced with a
  // title only; Jones sounds like nobody.
  const std::vector<NameUse> names =
      NamesIn(doc, {"Jane Smith", "Smith said", "Jones", "Smyth"});
  std::vector<NameUse> fixed;
  for (NameUse n : names) {
    if (doc.Slice(n.span) == "Smith said") n.span.end -= 5;
    fixed.push_back(n);
  }
  const std::vector<StyleFinding> found = FindLanguageIssues(doc, fixed);
  // "Mr Smyth" alone does sound like "Jane Smith": that is the one
  // ambiguity the rule accepts; anything else is clean.
  for (const StyleFinding& f : found) EXPECT_EQ(f.text, "Smyth") << f.kind;
}

TEST(StyleTest, CapitalisedFunctionWordInMidSentence) {
  const Document doc = Parse(
      "Report\n\n"
      "Cyber Security Firm Mandiant alleged In an August 4 report that Iran was behind it. "
      "The story ran in The Times on Monday. It was, In short, over.\n");
  const std::vector<StyleFinding> found = FindLanguageIssues(doc, {});
  ASSERT_EQ(found.size(), 1u) << ::testing::PrintToString(Kinds(found));
  EXPECT_EQ(found[0].kind, "capitalised_function_word");
  EXPECT_EQ(found[0].text, "alleged In an");
}

TEST(StyleTest, OrphanPunctuation) {
  const Document doc = Parse(
      "Report\n\n"
      "It may be the first drastic step on a cyberattack. . Officials agreed.\n"
      "Investigators found \xE2\x80\x9C" "evidence\xE2\x80\x9D that Iran Near \xE2\x80\x9D carried it out.\n"
      "The agency said: \xE2\x80\x9CIt defies norms.\xE2\x80\x9D \xE2\x80\x9C\n"
      "Prices rose 3.5 per cent... and then fell. He paused ... then went on . . . to win.\n");
  const std::vector<StyleFinding> found = FindLanguageIssues(doc, {});
  std::vector<std::string> details;
  for (const StyleFinding& f : found) {
    EXPECT_EQ(f.kind, "orphan_punctuation");
    details.push_back(f.detail);
  }
  ASSERT_EQ(found.size(), 3u) << ::testing::PrintToString(Kinds(found));
  EXPECT_EQ(details[0], "a full stop after a space");
  EXPECT_EQ(doc.Slice(found[0].span), " .");
  EXPECT_NE(details[1].find("closing quotation mark after a space"), std::string::npos);
  EXPECT_EQ(details[2], "an opening quotation mark that ends the paragraph");
}

// The paragraph scans look for '.', '"' and the curly quotes' first byte
// eight bytes at a time: each is found at every offset in its block of
// eight, also with another a few bytes after it, and a quote there still
// hides what it holds.
TEST(StyleTest, PunctuationIsFoundAtEveryOffset) {
  for (size_t pad = 1; pad <= 12; ++pad) {
    const std::string words(pad, 'x');
    SCOPED_TRACE(pad);
    const Document orphan = Parse("Report\n\nThe " + words + " rose . A.B. fell.\n");
    const std::vector<StyleFinding> found = FindLanguageIssues(orphan, {});
    ASSERT_EQ(found.size(), 1u) << ::testing::PrintToString(Kinds(found));
    EXPECT_EQ(orphan.Slice(found[0].span), " .");
    // A shout inside straight or curly quotes is the speaker's.
    for (const std::string& open : {std::string("\""), std::string("\xE2\x80\x9C")}) {
      const std::string close = open == "\"" ? "\"" : "\xE2\x80\x9D";
      const Document quoted = Parse("Report\n\nHe " + words + " said " + open + "NO!!!" +
                                    close + " " + open + "STOP THE WORKS NOW!!!" + close +
                                    " and left.\n");
      EXPECT_TRUE(FindSensationalism(quoted, GenericScoring()).empty())
          << ::testing::PrintToString(Kinds(FindSensationalism(quoted, GenericScoring())));
    }
  }
}

TEST(StyleTest, SubjectlessSentencesAreFragments) {
  const Document doc = Parse(
      "Report\n\n"
      "The group set up a complex west of Tirana. Conducts an online promotional campaign.\n"
      "It crippled services. Threatened to hack records, steal e-mail and spread chaos.\n"
      // Not fragments: a participle clause with its subject after the
      // comma, plural nouns, a name, speech.
      "Asked the reason for the sale, Evans said no. Changes to the rules came in May.\n"
      "Charles A Blixt said the ruling was wrong. Officials met on Monday.\n"
      "He said: \xE2\x80\x9CWe tried. Thanks the staff for it.\xE2\x80\x9D Then he left.\n"
      "Seems a good idea.\n");  // one sentence on its line: a caption or list item
  const std::vector<StyleFinding> found = FindLanguageIssues(doc, {});
  ASSERT_EQ(found.size(), 2u) << ::testing::PrintToString(Kinds(found));
  EXPECT_EQ(found[0].kind, "sentence_fragment");
  EXPECT_EQ(found[0].text, "Conducts an online promotional campaign.");
  EXPECT_EQ(found[1].text, "Threatened to hack records, steal e-mail and spread chaos.");
  EXPECT_EQ(found[1].detail, "a sentence fragment: it opens with a verb and has no subject");
}

TEST(StyleTest, CleanProseHasNoLanguageFindings) {
  const Document doc = Parse(
      "Dam fails after heavy rain\n\n"
      "The Brenna Dam failed on Tuesday after three days of rain, officials said.\n"
      "\xE2\x80\x9CWe warned them,\xE2\x80\x9D said Ana Berisha, who lives below the dam. "
      "Berisha said the spillway had been blocked for weeks.\n");
  EXPECT_TRUE(FindLanguageIssues(doc, NamesIn(doc, {"Ana Berisha", "Berisha said"})).empty());
}

TEST(StyleTest, ClickbaitHeadlineShapesFromThePack) {
  const ScoringDef& scoring = GenericScoring();
  ASSERT_FALSE(scoring.clickbait.empty());
  const Document bait = Parse("You Won't Believe What Happened Next!\n\nThe dam failed.\n");
  std::vector<std::string> labels;
  for (const StyleFinding& f : FindSensationalism(bait, scoring)) {
    EXPECT_EQ(f.kind, "clickbait_headline");
    labels.push_back(f.detail);
  }
  EXPECT_EQ(labels, (std::vector<std::string>{
                        "headline shape: teaser ('you won't believe')",
                        "headline shape: what happened next",
                        "headline shape: exclamation in the headline"}));
  const Document list = Parse("7 Things the Dam Owners Hid\n\nThe dam failed.\n");
  ASSERT_EQ(FindSensationalism(list, scoring).size(), 1u);
  EXPECT_EQ(FindSensationalism(list, scoring)[0].detail, "headline shape: listicle ('7 things')");
  EXPECT_TRUE(FindSensationalism(Parse("Dam fails after heavy rain\n\nIt broke.\n"), scoring).empty());
}

TEST(StyleTest, CapitalsAndExclamationInTheOutletsVoice) {
  const ScoringDef& scoring = GenericScoring();
  const Document doc = Parse(
      "Dam fails\n\n"
      "This is TOTALLY UNACCEPTABLE behaviour by the owners. NATO and the EU met in Brussels.\n"
      "KEY MATCH STATS\n"
      "The water came at night!!! \xE2\x80\x9CGo away! Now!\xE2\x80\x9D he shouted. "
      "\xE2\x80\x9CRun. Go now!\xE2\x80\x9D\n");
  const std::vector<StyleFinding> found = FindSensationalism(doc, scoring);
  ASSERT_EQ(found.size(), 2u) << ::testing::PrintToString(Kinds(found));
  EXPECT_EQ(found[0].kind, "all_caps");
  EXPECT_EQ(doc.Slice(found[0].span), "TOTALLY UNACCEPTABLE");
  EXPECT_EQ(found[1].kind, "exclamation");
  EXPECT_EQ(doc.Slice(found[1].span), "!!!");
  EXPECT_EQ(found[1].detail, "an exclamation run in the outlet's own voice");
}

}  // namespace
}  // namespace crosscheck
