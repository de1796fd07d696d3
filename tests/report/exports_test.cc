#include "engine/report/exports.h"
#include "tests/report/report_builders.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace crosscheck {
namespace {

using Json = nlohmann::json;

constexpr char kHostile[] = "</script><img src=x onerror=1>";

// valley-herald's file, counted by hand:
//   line 1 "Floodwaters\r\n"           bytes 0..12 (13 bytes, CRLF)
//   line 2 starts at byte 13:
//     U+1F30A (4 bytes, 2 UTF-16 units) + " " (1)     = 5 bytes, 3 units
//     "Caf\xC3\xA9 owners said the dam, built in "    = 36 bytes, 35 units
//     so "1962" is bytes 13+5+36 = 54..58, columns 3+35+1 = 39 .. 43
//     "1962, held.\n" = 12 bytes: line 2 is 53 bytes, line 3 starts at 66
//   line 3 "Later it said 1963.\n": "Later it said " is 14 bytes, so "1963"
//     is bytes 80..84, columns 15 .. 19
constexpr char kValleyFile[] =
    "Floodwaters\r\n"
    "\xF0\x9F\x8C\x8A Caf\xC3\xA9 owners said the dam, built in 1962, held.\n"
    "Later it said 1963.\n";
constexpr char kValleyPath[] = "corpus/valley herald.txt";
constexpr char kRiverPath[] = "/abs/river-post.html";
constexpr char kWirePath[] = "corpus/wire.jsonl";

Claim MakeClaim(const std::string& source, const std::string& key, const std::string& text,
                const std::string& sentence, size_t start, ValueKind kind, double lo,
                double hi) {
  Claim c;
  c.source = source;
  c.key = key;
  c.label = "label of " + key;
  c.rule = key == "dam.built_year" ? "generic/built_year" : "generic/" + key;
  c.text = text;
  c.sentence = sentence;
  c.start = start;
  c.end = start + text.size();
  c.value.kind = kind;
  c.fact_kind = kind;
  c.lo = lo;
  c.hi = hi;
  return c;
}

using report_test::Side;

SourceReport Source(const std::string& id, const std::string& path, const std::string& outlet,
                    const std::string& byline, const std::string& url,
                    const std::string& published, const std::string& title) {
  SourceReport s;
  s.id = id;
  s.path = path;
  s.outlet = outlet;
  s.byline = byline;
  s.url = url;
  s.published = published;
  s.title = title;
  return s;
}

Claim Valley1962() {
  return MakeClaim("valley-herald", "dam.built_year", "1962",
                   "Caf\xC3\xA9 owners said the dam, built in 1962, held.", 54,
                   ValueKind::kYear, 1962, 1962);
}

// Three sources (one .jsonl, one with an absolute path); a dismissed
// contradiction, a waived one, an agreement and a within-source finding.
Report SampleReport() {
  Report report;
  report.sources = {
      Source("valley-herald", kValleyPath, "Valley Herald", "Mara Ellison",
             "https://valley.example/a?b=1", "2024-03-12", "Floodwaters"),
      Source("river-post", kRiverPath, "", "Jonas Varga", "javascript:alert(1)", "2024-03-13",
             kHostile),
      Source("wire", kWirePath, "Veldria Wire", "", "", "", "Dam breach"),
  };

  FactFinding built;
  built.key = "dam.built_year";
  built.label = "year the dam was built";
  built.status = FactStatus::kContradiction;
  built.severity = Severity::kHigh;
  Claim river = MakeClaim("river-post", "dam.built_year", "1958",
                          std::string("The dam was built in 1958 ") + kHostile +
                              " \"quoted\".",
                          569, ValueKind::kYear, 1958, 1958);
  Claim wire = MakeClaim("wire", "dam.built_year", "1962", "The dam, built in 1962, failed.",
                         81, ValueKind::kYear, 1962, 1962);
  built.values = {Side("1958", ValueKind::kYear, 1958, 1958, {river}),
                  Side("1962", ValueKind::kYear, 1962, 1962, {Valley1962(), wire})};
  built.review = Review{"dismissed", "Different dams.", "Ana", "2026-11-21T10:00:00Z"};

  FactFinding deaths;
  deaths.key = "death_count";
  deaths.label = "number of people killed";
  deaths.status = FactStatus::kContradiction;
  deaths.severity = Severity::kInfo;
  deaths.values = {
      Side("3", ValueKind::kCount, 3, 3,
           {MakeClaim("valley-herald", "death_count", "Three",
                      "Three people died.\nThe mayor said so.", 200, ValueKind::kCount, 3, 3)}),
      Side("4", ValueKind::kCount, 4, 4,
           {MakeClaim("wire", "death_count", "Four", "Four people died.", 150,
                      ValueKind::kCount, 4, 4)})};
  deaths.waiver = Waiver{"reviewed", "Revised toll.", "Fact desk", "w.yaml:2:5"};

  FactFinding capacity;
  capacity.key = "capacity";
  capacity.label = "capacity of the reservoir";
  capacity.status = FactStatus::kAgreement;
  Claim more = MakeClaim("valley-herald", "capacity", "more than 40 million cubic metres",
                         "It holds more than 40 million cubic metres.", 300,
                         ValueKind::kQuantity, 4e7, kUnbounded);
  more.value.unit = "m3";
  more.value.qualifier = Qualifier::kMoreThan;
  Claim more_wire = more;
  more_wire.source = "wire";
  capacity.values = {Side("more than 40,000,000 m3", ValueKind::kQuantity, 4e7, kUnbounded,
                          {more, more_wire})};

  report.facts = {built, deaths, capacity};

  WithinSourceFinding within;
  within.source = "valley-herald";
  within.finding = "gives 1962 and 1963 for year the dam was built";
  within.claims = {Valley1962(),
                   MakeClaim("valley-herald", "dam.built_year", "1963", "Later it said 1963.",
                             80, ValueKind::kYear, 1963, 1963)};
  report.within_source = {within};
  return report;
}

std::map<std::string, std::string> Files() { return {{kValleyPath, kValleyFile}}; }

const Json& ResultFor(const Json& sarif, const std::string& rule_id) {
  for (const Json& r : sarif["runs"][0]["results"])
    if (r["ruleId"] == rule_id) return r;
  static const Json kNone;
  ADD_FAILURE() << "no result for " << rule_id;
  return kNone;
}

TEST(SarifExportTest, HeaderAndOneResultPerFinding) {
  const std::map<std::string, std::string> files = Files();
  const Json sarif = Json::parse(WriteSarifReport(SampleReport(), &files));
  EXPECT_EQ(sarif["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(sarif["version"], "2.1.0");
  ASSERT_EQ(sarif["runs"].size(), 1u);
  const Json& run = sarif["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "crosscheck");
  EXPECT_EQ(run["tool"]["driver"]["version"], "0.1.0");
  EXPECT_EQ(run["columnKind"], "utf16CodeUnits");
  // Two contradictions and one within-source finding; the agreement is none.
  EXPECT_EQ(run["results"].size(), 3u);
  // Rules: one per distinct ruleId, in order of first use.
  const Json& rules = run["tool"]["driver"]["rules"];
  ASSERT_EQ(rules.size(), 3u);
  EXPECT_EQ(rules[0]["id"], "generic/built_year");
  EXPECT_EQ(rules[1]["id"], "generic/death_count");
  EXPECT_EQ(rules[2]["id"], "within-source");
  for (const Json& rule : rules) EXPECT_TRUE(rule["shortDescription"]["text"].is_string());
  EXPECT_EQ(ResultFor(sarif, "within-source")["ruleIndex"], 2);
}

TEST(SarifExportTest, LevelFollowsSeverity) {
  const Json sarif = Json::parse(WriteSarifReport(SampleReport(), nullptr));
  EXPECT_EQ(ResultFor(sarif, "generic/built_year")["level"], "error");    // high
  EXPECT_EQ(ResultFor(sarif, "within-source")["level"], "warning");       // possible
  EXPECT_EQ(ResultFor(sarif, "generic/death_count")["level"], "note");    // info
}

TEST(SarifExportTest, MessageNamesEverySideAndItsSources) {
  const Json sarif = Json::parse(WriteSarifReport(SampleReport(), nullptr));
  EXPECT_EQ(ResultFor(sarif, "generic/built_year")["message"]["text"],
            "year the dam was built: 1958 (river-post) vs 1962 (valley-herald, wire)");
  EXPECT_EQ(ResultFor(sarif, "within-source")["message"]["text"],
            "valley-herald gives 1962 and 1963 for year the dam was built");
}

TEST(SarifExportTest, FirstClaimIsTheLocationOthersAreRelated) {
  const Json sarif = Json::parse(WriteSarifReport(SampleReport(), nullptr));
  const Json& built = ResultFor(sarif, "generic/built_year");
  ASSERT_EQ(built["locations"].size(), 1u);
  EXPECT_EQ(built["locations"][0]["message"]["text"], "river-post: 1958");
  ASSERT_EQ(built["relatedLocations"].size(), 2u);
  EXPECT_EQ(built["relatedLocations"][0]["id"], 1);
  EXPECT_EQ(built["relatedLocations"][0]["message"]["text"], "valley-herald: 1962");
  EXPECT_EQ(built["relatedLocations"][1]["id"], 2);
  EXPECT_EQ(built["relatedLocations"][1]["message"]["text"], "wire: 1962");
  const Json& within = ResultFor(sarif, "within-source");
  EXPECT_EQ(within["locations"].size(), 1u);
  ASSERT_EQ(within["relatedLocations"].size(), 1u);
  EXPECT_EQ(within["relatedLocations"][0]["message"]["text"], "valley-herald: 1963");
}

TEST(SarifExportTest, RegionGetsLinesAndUtf16ColumnsWhenTheFileMatches) {
  const std::map<std::string, std::string> files = Files();
  const Json sarif = Json::parse(WriteSarifReport(SampleReport(), &files));
  const Json& within = ResultFor(sarif, "within-source");
  // 1962: see kValleyFile.
  const Json& first = within["locations"][0]["physicalLocation"];
  EXPECT_EQ(first["artifactLocation"]["uri"], "corpus/valley%20herald.txt");
  const Json& region = first["region"];
  EXPECT_EQ(region["startLine"], 2);
  EXPECT_EQ(region["startColumn"], 39);
  EXPECT_EQ(region["endLine"], 2);
  EXPECT_EQ(region["endColumn"], 43);
  EXPECT_EQ(region["byteOffset"], 54);
  EXPECT_EQ(region["byteLength"], 4);
  // 1963 on line 3.
  const Json& second = within["relatedLocations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(second["startLine"], 3);
  EXPECT_EQ(second["startColumn"], 15);
  EXPECT_EQ(second["endColumn"], 19);
  EXPECT_EQ(second["byteOffset"], 80);
}

TEST(SarifExportTest, RegionHasBytesOnlyWithoutAMatchingFile) {
  const std::map<std::string, std::string> files = Files();
  const Json sarif = Json::parse(WriteSarifReport(SampleReport(), &files));
  // river-post's file is not given: bytes only, and the absolute path is a
  // file:// URI.
  const Json& river = ResultFor(sarif, "generic/built_year")["locations"][0]["physicalLocation"];
  EXPECT_EQ(river["artifactLocation"]["uri"], "file:///abs/river-post.html");
  EXPECT_EQ(river["region"], Json({{"byteOffset", 569}, {"byteLength", 4}}));

  // The file is given but its bytes at the offsets are not the claim's text.
  Report shifted = SampleReport();
  shifted.within_source[0].claims[0].start = 53;
  shifted.within_source[0].claims[0].end = 57;
  const Json moved = Json::parse(WriteSarifReport(shifted, &files));
  EXPECT_EQ(ResultFor(moved, "within-source")["locations"][0]["physicalLocation"]["region"],
            Json({{"byteOffset", 53}, {"byteLength", 4}}));

  // No files at all.
  const Json bare = Json::parse(WriteSarifReport(SampleReport(), nullptr));
  EXPECT_FALSE(ResultFor(bare, "within-source")["locations"][0]["physicalLocation"]["region"]
                   .contains("startLine"));
}

TEST(SarifExportTest, JsonlSourceGetsNoRegion) {
  const Json sarif = Json::parse(WriteSarifReport(SampleReport(), nullptr));
  const Json& wire = ResultFor(sarif, "generic/built_year")["relatedLocations"][1];
  EXPECT_EQ(wire["physicalLocation"]["artifactLocation"]["uri"], "corpus/wire.jsonl");
  EXPECT_FALSE(wire["physicalLocation"].contains("region"));
  EXPECT_EQ(wire["properties"]["textStart"], 81);
  EXPECT_EQ(wire["properties"]["textEnd"], 85);
}

TEST(SarifExportTest, DecisionsBecomeSuppressionsAndProperties) {
  const Json sarif = Json::parse(WriteSarifReport(SampleReport(), nullptr));
  const Json& built = ResultFor(sarif, "generic/built_year");  // review: dismissed
  ASSERT_EQ(built["suppressions"].size(), 1u);
  EXPECT_EQ(built["suppressions"][0]["kind"], "external");
  EXPECT_EQ(built["suppressions"][0]["status"], "accepted");
  EXPECT_EQ(built["suppressions"][0]["justification"], "Different dams.");
  EXPECT_EQ(built["properties"]["review"]["by"], "Ana");
  EXPECT_EQ(built["properties"]["review"]["at"], "2026-11-21T10:00:00Z");

  const Json& deaths = ResultFor(sarif, "generic/death_count");  // waiver: reviewed
  ASSERT_EQ(deaths["suppressions"].size(), 1u);
  EXPECT_EQ(deaths["suppressions"][0]["status"], "accepted");
  EXPECT_EQ(deaths["suppressions"][0]["justification"], "Revised toll.");
  EXPECT_EQ(deaths["properties"]["waiver"]["origin"], "w.yaml:2:5");

  EXPECT_FALSE(ResultFor(sarif, "within-source").contains("suppressions"));
}

TEST(SarifExportTest, ConfirmedStaysVisiblePendingIsUnderReview) {
  struct Case {
    const char* status;
    const char* suppression;  // "" for none
  };
  const Case cases[] = {{"confirmed", ""},
                        {"dismissed", "accepted"},
                        {"needs-work", "underReview"},
                        {"stale", "underReview"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.status);
    Report report = SampleReport();
    report.facts[0].review->status = c.status;
    const Json built = ResultFor(Json::parse(WriteSarifReport(report, nullptr)),
                                 "generic/built_year");
    if (c.suppression[0] == '\0') {
      EXPECT_FALSE(built.contains("suppressions"));
    } else {
      ASSERT_EQ(built["suppressions"].size(), 1u);
      EXPECT_EQ(built["suppressions"][0]["status"], c.suppression);
    }
    EXPECT_EQ(built["properties"]["review"]["status"], c.status);
  }
}

TEST(SarifExportTest, FingerprintIsStableAcrossSideOrder) {
  const Json a = Json::parse(WriteSarifReport(SampleReport(), nullptr));
  Report reordered = SampleReport();
  std::reverse(reordered.facts[0].values.begin(), reordered.facts[0].values.end());
  const Json b = Json::parse(WriteSarifReport(reordered, nullptr));
  Report changed = SampleReport();
  changed.facts[0].values[0].display = "1959";
  const Json c = Json::parse(WriteSarifReport(changed, nullptr));

  const std::string fa =
      ResultFor(a, "generic/built_year")["partialFingerprints"]["crosscheckFinding/v1"];
  EXPECT_EQ(fa.size(), 64u);
  EXPECT_EQ(fa, ResultFor(b, "generic/built_year")["partialFingerprints"]["crosscheckFinding/v1"]);
  EXPECT_NE(fa, ResultFor(c, "generic/built_year")["partialFingerprints"]["crosscheckFinding/v1"]);
}

TEST(SarifExportTest, UnlistedSourceHasNoPhysicalLocation) {
  Report report = SampleReport();
  report.sources.clear();
  const Json built = ResultFor(Json::parse(WriteSarifReport(report, nullptr)),
                               "generic/built_year");
  EXPECT_FALSE(built["locations"][0].contains("physicalLocation"));
  EXPECT_EQ(built["locations"][0]["message"]["text"], "river-post: 1958");
}

TEST(SarifExportTest, EmptyReportIsAValidLog) {
  const Json sarif = Json::parse(WriteSarifReport(Report{}, nullptr));
  EXPECT_EQ(sarif["version"], "2.1.0");
  EXPECT_TRUE(sarif["runs"][0]["results"].is_array());
  EXPECT_TRUE(sarif["runs"][0]["results"].empty());
}

const Json* ReviewFor(const Json& reviews, const std::string& claim_reviewed) {
  for (const Json& r : reviews)
    if (r["claimReviewed"] == claim_reviewed) return &r;
  return nullptr;
}

TEST(ClaimReviewExportTest, OnePerSideOfEachDecidedFinding) {
  const std::string text = WriteClaimReviewJsonLd(SampleReport());
  const Json reviews = Json::parse(text);
  ASSERT_TRUE(reviews.is_array());
  // built_year (reviewed) and death_count (waived) have two sides each; the
  // agreement and the within-source finding were not reviewed.
  EXPECT_EQ(reviews.size(), 4u);
  for (const Json& r : reviews) {
    EXPECT_EQ(r["@context"], "https://schema.org");
    EXPECT_EQ(r["@type"], "ClaimReview");
    EXPECT_EQ(r["itemReviewed"]["@type"], "Claim");
    EXPECT_EQ(r["reviewRating"]["@type"], "Rating");
  }
}

TEST(ClaimReviewExportTest, SideNamesItsSourcesAndTheOtherSides) {
  const Json reviews = Json::parse(WriteClaimReviewJsonLd(SampleReport()));
  // The 1962 side: valley-herald (published 2024-03-12) appears first; wire
  // has no date.
  const Json* side =
      ReviewFor(reviews, "Caf\xC3\xA9 owners said the dam, built in 1962, held.");
  ASSERT_NE(side, nullptr);
  EXPECT_EQ((*side)["datePublished"], "2026-11-21T10:00:00Z");
  EXPECT_EQ((*side)["author"], Json({{"@type", "Person"}, {"name", "Ana"}}));
  const Json& item = (*side)["itemReviewed"];
  EXPECT_EQ(item["author"], Json({{"@type", "Organization"}, {"name", "Valley Herald"}}));
  EXPECT_EQ(item["datePublished"], "2024-03-12");
  EXPECT_EQ(item["firstAppearance"]["identifier"], "valley-herald");
  ASSERT_EQ(item["appearance"].size(), 2u);
  EXPECT_EQ(item["appearance"][0]["url"], "https://valley.example/a?b=1");
  EXPECT_EQ(item["appearance"][0]["headline"], "Floodwaters");
  EXPECT_EQ(item["appearance"][1]["identifier"], "wire");
  EXPECT_FALSE(item["appearance"][1].contains("url"));  // no URL given
  EXPECT_FALSE(item["appearance"][1].contains("datePublished"));
  EXPECT_EQ((*side)["reviewRating"]["alternateName"], "Not a contradiction (dismissed)");
  EXPECT_EQ((*side)["reviewRating"]["ratingExplanation"],
            "Other sources give 1958 (river-post) for year the dam was built. "
            "Editor's note: Different dams.");
}

TEST(ClaimReviewExportTest, HostileTextStaysTextAndJavascriptUrlIsDropped) {
  const std::string text = WriteClaimReviewJsonLd(SampleReport());
  // Safe to paste into <script type="application/ld+json">.
  EXPECT_EQ(text.find('<'), std::string::npos);
  EXPECT_EQ(text.find("javascript:"), std::string::npos);
  const Json reviews = Json::parse(text);
  const std::string sentence =
      std::string("The dam was built in 1958 ") + kHostile + " \"quoted\".";
  const Json* river = ReviewFor(reviews, sentence);
  ASSERT_NE(river, nullptr);
  const Json& work = (*river)["itemReviewed"]["appearance"][0];
  EXPECT_EQ(work["headline"], kHostile);  // round-trips exactly
  EXPECT_FALSE(work.contains("url"));
  // No outlet: the byline is the author.
  EXPECT_EQ(work["author"], Json({{"@type", "Person"}, {"name", "Jonas Varga"}}));
}

TEST(ClaimReviewExportTest, AlternateNameFollowsTheDecision) {
  struct Case {
    const char* review;  // "" for none: the waiver decides
    const char* waiver;
    const char* alternate_name;
  };
  const Case cases[] = {
      {"confirmed", "", "Confirmed contradiction"},
      {"dismissed", "", "Not a contradiction (dismissed)"},
      {"needs-work", "", "Needs work"},
      {"stale", "", "Contradicted by other sources (review out of date)"},
      {"", "reviewed", "Contradicted by other sources"},
      {"", "not_applicable", "Not a contradiction (not applicable)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.review) + c.waiver);
    Report report = SampleReport();
    report.facts.resize(1);  // built_year only
    report.facts[0].review.reset();
    if (c.review[0] != '\0') report.facts[0].review = Review{c.review, "n", "Ana", ""};
    if (c.waiver[0] != '\0') report.facts[0].waiver = Waiver{c.waiver, "r", "", "w:1:1"};
    const Json reviews = Json::parse(WriteClaimReviewJsonLd(report));
    ASSERT_EQ(reviews.size(), 2u);
    for (const Json& r : reviews) {
      EXPECT_EQ(r["reviewRating"]["alternateName"], c.alternate_name);
      EXPECT_FALSE(r.contains("datePublished"));  // no `at`
    }
  }
}

TEST(ClaimReviewExportTest, ReviewedWithinSourceFindingGivesOnePerClaim) {
  Report report = SampleReport();
  report.facts.clear();
  report.within_source[0].review = Review{"confirmed", "Typo in the article.", "Ana", ""};
  const Json reviews = Json::parse(WriteClaimReviewJsonLd(report));
  ASSERT_EQ(reviews.size(), 2u);
  EXPECT_EQ(reviews[1]["claimReviewed"], "Later it said 1963.");
  EXPECT_EQ(reviews[1]["reviewRating"]["alternateName"], "Confirmed contradiction");
  EXPECT_EQ(reviews[1]["reviewRating"]["ratingExplanation"],
            "The same article (valley-herald) gives 1962 and 1963 for year the dam was built. "
            "Editor's note: Typo in the article.");
}

TEST(ClaimReviewExportTest, UnlistedSourceIsNamedByItsId) {
  Report report = SampleReport();
  report.sources.clear();
  const Json reviews = Json::parse(WriteClaimReviewJsonLd(report));
  ASSERT_EQ(reviews.size(), 4u);
  const Json& item = reviews[0]["itemReviewed"];
  EXPECT_EQ(item["appearance"][0], Json({{"@type", "CreativeWork"}, {"identifier", "river-post"}}));
  EXPECT_FALSE(item.contains("author"));
  EXPECT_FALSE(item.contains("datePublished"));
}

TEST(ClaimReviewExportTest, NothingReviewedIsAnEmptyArray) {
  Report report = SampleReport();
  report.facts[0].review.reset();
  report.facts[1].waiver.reset();
  const std::string text = WriteClaimReviewJsonLd(report);
  EXPECT_EQ(Json::parse(text), Json::array());
  EXPECT_EQ(Json::parse(WriteClaimReviewJsonLd(Report{})), Json::array());
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(ClaimsExportTest, OneLinePerClaimEveryLineParses) {
  const std::string text = WriteClaimsJsonl(SampleReport());
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  // 3 claims of built_year, 2 of death_count, 2 of capacity; the newline in
  // a sentence is escaped, so it does not add a line.
  const std::vector<std::string> lines = Lines(text);
  ASSERT_EQ(lines.size(), 7u);
  for (const std::string& line : lines) {
    SCOPED_TRACE(line);
    const Json j = Json::parse(line);
    for (const char* field : {"source", "key", "label", "rule", "text", "sentence", "start",
                              "end", "kind", "lo", "hi", "unit", "qualifier",
                              "attributed_to", "headline", "status", "severity"})
      EXPECT_TRUE(j.contains(field)) << field;
  }
}

TEST(ClaimsExportTest, FieldsAsTheJsonReportPrintsThem) {
  const std::vector<std::string> lines = Lines(WriteClaimsJsonl(SampleReport()));
  ASSERT_EQ(lines.size(), 7u);
  const Json river = Json::parse(lines[0]);
  EXPECT_EQ(river["source"], "river-post");
  EXPECT_EQ(river["key"], "dam.built_year");
  EXPECT_EQ(river["label"], "year the dam was built");
  EXPECT_EQ(river["rule"], "generic/built_year");
  EXPECT_EQ(river["sentence"],
            std::string("The dam was built in 1958 ") + kHostile + " \"quoted\".");
  EXPECT_EQ(river["start"], 569);
  EXPECT_EQ(river["end"], 573);
  EXPECT_EQ(river["kind"], "year");
  EXPECT_EQ(river["lo"], 1958);
  EXPECT_EQ(river["hi"], 1958);
  EXPECT_TRUE(river["unit"].is_null());
  EXPECT_TRUE(river["attributed_to"].is_null());
  EXPECT_EQ(river["headline"], false);
  EXPECT_EQ(river["status"], "contradiction");
  EXPECT_EQ(river["severity"], "high");

  const Json deaths = Json::parse(lines[3]);
  EXPECT_EQ(deaths["sentence"], "Three people died.\nThe mayor said so.");
  EXPECT_EQ(deaths["severity"], "info");

  const Json capacity = Json::parse(lines[5]);
  EXPECT_EQ(capacity["status"], "agreement");
  EXPECT_EQ(capacity["kind"], "quantity");
  EXPECT_EQ(capacity["lo"], 40000000);
  EXPECT_TRUE(capacity["hi"].is_null());  // unbounded
  EXPECT_EQ(capacity["unit"], "m3");
  EXPECT_EQ(capacity["qualifier"], "more_than");
}

TEST(ClaimsExportTest, DatesAsIsoStrings) {
  Report report;
  FactFinding f;
  f.key = "flood.date";
  f.status = FactStatus::kSingle;
  // 2024-03-12 is day 19794 after 1970-01-01: 54 years of 365 days (19710)
  // plus 13 leap days (1972..2020) = 19723 to 2024-01-01, plus 31 (January)
  // + 29 (February 2024) + 11 = 19794.
  Claim c = MakeClaim("wire", "flood.date", "March 12", "It broke on March 12.", 10,
                      ValueKind::kDate, 19794, 19794);
  f.values = {Side("2024-03-12", ValueKind::kDate, 19794, 19794, {c})};
  report.facts = {f};
  const Json line = Json::parse(WriteClaimsJsonl(report));
  EXPECT_EQ(line["lo"], "2024-03-12");
  EXPECT_EQ(line["hi"], "2024-03-12");
  EXPECT_EQ(line["status"], "single");
}

TEST(ClaimsExportTest, NoFactsNoLines) { EXPECT_EQ(WriteClaimsJsonl(Report{}), ""); }

}  // namespace
}  // namespace crosscheck
