#include "engine/report/report_writer.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "engine/report/explain.h"
#include "tests/report/report_builders.h"

namespace crosscheck {
namespace {

using Json = nlohmann::json;

constexpr char kHostile[] =
    "In 2016 <script>alert(1)</script> **x** [a](javascript:alert(1))";

Claim MakeClaim(const std::string& source, const std::string& text,
                const std::string& sentence, const std::string& speaker = "") {
  Claim c = report_test::Quoted(source, text, sentence, 100);
  c.key = "mek.moved_year";
  c.rule = "generic/moved_year";
  c.attributed_to = speaker;
  c.value.kind = ValueKind::kYear;
  return c;
}

Report SampleReport() {
  Report report;
  SourceReport nato;
  nato.id = "nato";
  nato.title = "Minnow reels";
  nato.path = "nato.txt";
  nato.score = 71;
  nato.published = "2022-09-08";
  nato.components.push_back({"independence", 1, 0.2, {{"no near-copy", "", 0, 0}}});
  SourceReport blog;
  blog.id = "blog";
  blog.path = "blog.txt";
  blog.score = 40;
  blog.copy_of = "nato";
  blog.copy_overlap = 0.8234;
  blog.components.push_back(
      {"hygiene", 0.5, 0.2, {{"advertisement", "ADVERTISEMENT", 93, 106}}});
  report.sources = {nato, blog};

  FactFinding moved;
  moved.key = "mek.moved_year";
  moved.label = "year MEK moved";
  moved.status = FactStatus::kContradiction;
  moved.severity = Severity::kHigh;
  moved.values = {
      report_test::Side("2013", ValueKind::kYear, 2013, 2013,
            {MakeClaim("rt", "2013", "Since 2013, the MEK has lived there.")}),
      report_test::Side("2016", ValueKind::kYear, 2016, 2016,
            {MakeClaim("nato", "2016", kHostile, "Edi Rama")}),
  };
  FactFinding members;
  members.key = "mek.member_count";
  members.label = "number of members of MEK";
  members.status = FactStatus::kAgreement;
  members.severity = Severity::kInfo;
  members.values = {
      report_test::Side("vague: 2,000 or more", ValueKind::kCount, 2000, kUnbounded,
            {MakeClaim("nato", "thousands", "thousands of members live there")},
            Qualifier::kVague),
      report_test::Side("3,000", ValueKind::kCount, 3000, 3000,
            {MakeClaim("rt", "3,000", "3,000 members live there")}),
  };
  FactFinding attack;
  attack.key = "albania-cyberattack.attack_date";
  attack.label = "date of the attack";
  attack.status = FactStatus::kSingle;
  const double day = static_cast<double>(DaysFromCivil(2022, 7, 15));
  attack.values = {report_test::Side("2022-07-15", ValueKind::kDate, day, day,
                         {MakeClaim("rt", "15 July", "On 15 July the attack began.")})};
  report.facts = {moved, members, attack};

  WithinSourceFinding w;
  w.source = "cuts";
  w.finding = "gives 2013 and 2016 for year MEK moved";
  w.claims = {MakeClaim("cuts", "2013", "<b>bold</b> in 2013")};
  report.within_source = {w};
  report.rule_packs = {"generic", "albania-2022"};
  report.warnings = {"a.txt:3: odd line"};
  return report;
}

TEST(ReportWriterTest, JsonFollowsTheSchema) {
  const std::string text = WriteJsonReport(SampleReport());
  const Json j = Json::parse(text);
  EXPECT_EQ(j["schema"], "crosscheck.report/1");
  ASSERT_EQ(j["sources"].size(), 2u);
  EXPECT_EQ(j["sources"][0]["id"], "nato");
  EXPECT_EQ(j["sources"][0]["score"], 71);
  EXPECT_TRUE(j["sources"][0]["copy_of"].is_null());
  EXPECT_FALSE(j["sources"][0].contains("copy_overlap"));
  EXPECT_EQ(j["sources"][1]["copy_of"], "nato");
  EXPECT_DOUBLE_EQ(j["sources"][1]["copy_overlap"].get<double>(), 0.823);
  // Empty strings are null.
  EXPECT_TRUE(j["sources"][1]["title"].is_null());
  EXPECT_TRUE(j["sources"][1]["published"].is_null());
  EXPECT_EQ(j["sources"][0]["published"], "2022-09-08");
  // Evidence offsets only when there are some.
  const Json& nato_evidence = j["sources"][0]["components"][0]["evidence"][0];
  EXPECT_FALSE(nato_evidence.contains("start"));
  const Json& blog_evidence = j["sources"][1]["components"][0]["evidence"][0];
  EXPECT_EQ(blog_evidence["start"], 93);
  EXPECT_EQ(blog_evidence["end"], 106);
  EXPECT_EQ(blog_evidence["detail"], "ADVERTISEMENT");
  EXPECT_EQ(j["rule_packs"], Json({"generic", "albania-2022"}));
  EXPECT_EQ(j["warnings"], Json({"a.txt:3: odd line"}));
}

TEST(ReportWriterTest, JsonValuesByKind) {
  const Json j = Json::parse(WriteJsonReport(SampleReport()));
  ASSERT_EQ(j["facts"].size(), 3u);
  const Json& moved = j["facts"][0];
  EXPECT_EQ(moved["key"], "mek.moved_year");
  EXPECT_EQ(moved["status"], "contradiction");
  EXPECT_EQ(moved["severity"], "high");
  // Years are numbers.
  const Json& y2016 = moved["values"][1];
  EXPECT_EQ(y2016["kind"], "year");
  EXPECT_TRUE(y2016["lo"].is_number_integer());
  EXPECT_EQ(y2016["lo"], 2016);
  EXPECT_EQ(y2016["hi"], 2016);
  EXPECT_TRUE(y2016["unit"].is_null());
  EXPECT_EQ(y2016["display"], "2016");
  // Claims: speaker or null, offsets, rule; article text verbatim (JSON
  // escapes it, it is not HTML).
  const Json& claim = y2016["claims"][0];
  EXPECT_EQ(claim["source"], "nato");
  EXPECT_EQ(claim["attributed_to"], "Edi Rama");
  EXPECT_EQ(claim["sentence"], kHostile);
  EXPECT_EQ(claim["start"], 103);
  EXPECT_EQ(claim["end"], 107);
  EXPECT_EQ(claim["rule"], "generic/moved_year");
  EXPECT_TRUE(moved["values"][0]["claims"][0]["attributed_to"].is_null());
  // An unbounded end is null.
  const Json& vague = j["facts"][1]["values"][0];
  EXPECT_EQ(vague["lo"], 2000);
  EXPECT_TRUE(vague["hi"].is_null());
  EXPECT_EQ(vague["qualifier"], "vague");
  EXPECT_EQ(j["facts"][1]["status"], "agreement");
  // Dates are ISO strings.
  const Json& date = j["facts"][2]["values"][0];
  EXPECT_EQ(date["kind"], "date");
  EXPECT_EQ(date["lo"], "2022-07-15");
  EXPECT_EQ(date["hi"], "2022-07-15");
  EXPECT_EQ(j["facts"][2]["status"], "single");
  EXPECT_EQ(j["facts"][2]["severity"], "info");
  // Within-source findings.
  ASSERT_EQ(j["within_source"].size(), 1u);
  EXPECT_EQ(j["within_source"][0]["source"], "cuts");
  EXPECT_EQ(j["within_source"][0]["claims"].size(), 1u);
}

TEST(ReportWriterTest, JsonOfAnEmptyReport) {
  const Json j = Json::parse(WriteJsonReport(Report{}));
  EXPECT_EQ(j["schema"], "crosscheck.report/1");
  EXPECT_TRUE(j["sources"].is_array());
  EXPECT_TRUE(j["sources"].empty());
  EXPECT_TRUE(j["facts"].empty());
  EXPECT_TRUE(j["within_source"].empty());
}

TEST(ReportWriterTest, JsonSurvivesInvalidUtf8) {
  Report report;
  SourceReport s;
  s.id = "bad";
  s.title = "caf\xC3";  // truncated sequence
  report.sources = {s};
  const std::string text = WriteJsonReport(report);
  EXPECT_NO_THROW((void)Json::parse(text));
}

// The report is written without building a JSON tree first; what it
// writes must be what nlohmann's dump(2) writes for the same tree, byte for
// byte: parsing it and dumping it again changes nothing.
TEST(ReportWriterTest, JsonIsExactlyWhatATreeDumpWrites) {
  Report hostile = SampleReport();
  SourceReport& s = hostile.sources[0];
  // Valid UTF-8 with every kind of escape; then bytes that are not UTF-8.
  s.byline = std::string("tab\there \"quoted\" back\\slash \x01\x1f\x7f nul:") + '\0' +
             " \r\n\b\f emoji \xF0\x9F\x93\xB0 line sep \xE2\x80\xA8";
  s.title = "caf\xC3";
  s.outlet = "overlong \xC0\xAF and surrogate \xED\xA0\x80 and \xF4\x90\x80\x80";
  s.components.push_back({"tiny", 1e-7, 123456789.125, {}});
  s.components.push_back({"whole", 1.0, 3.0, {{"", "", 0, 0}}});
  hostile.facts[0].note = "note with </script> and \u00e9";
  hostile.facts[0].review = Review{"dismissed", "ok \"fine\"", "A. Editor", "2026-11-21T10:00:00Z"};
  hostile.warnings.clear();
  for (const Report& report : {SampleReport(), hostile, Report{}}) {
    const std::string text = WriteJsonReport(report);
    EXPECT_EQ(text, nlohmann::ordered_json::parse(text).dump(
                        2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
                        "\n");
    for (const SourceReport& source : report.sources) {
      const std::string one = WriteSourceJson(source);
      EXPECT_EQ(one, nlohmann::ordered_json::parse(one).dump(2) + "\n");
    }
  }
  // The bad bytes became U+FFFD; the controls became escapes.
  const std::string text = WriteJsonReport(hostile);
  EXPECT_NE(text.find("caf\xEF\xBF\xBD"), std::string::npos);
  EXPECT_NE(text.find("\\u0001\\u001f\x7f nul:\\u0000"), std::string::npos);
  EXPECT_NE(text.find("\\t"), std::string::npos);
}

// The sources are written a few hundred at a time on several threads and
// handed on in order: the bytes are the same whatever the threads, and a
// tree dump's, across the runs' seams.
TEST(ReportWriterTest, JsonOnSeveralThreadsIsTheSameBytes) {
  Report big = SampleReport();
  const SourceReport first = big.sources[0];
  for (int i = 0; i < 1000; ++i) {
    big.sources.push_back(first);
    big.sources.back().id = "copy-" + std::to_string(i);
    big.sources.back().score = i % 101;
  }
  const std::string one = WriteJsonReport(big);
  EXPECT_EQ(one, nlohmann::ordered_json::parse(one).dump(
                     2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
                     "\n");
  for (const int jobs : {1, 2, 3, 8}) {
    std::string pieces;
    size_t count = 0;
    WriteJsonReport(
        big,
        [&](std::string_view piece) {
          pieces += piece;
          ++count;
        },
        jobs);
    EXPECT_EQ(pieces, one) << jobs << " threads";
    EXPECT_GE(count, 4u) << "the sources go out a run at a time";
  }
  Report empty;
  std::string pieces;
  WriteJsonReport(empty, [&](std::string_view piece) { pieces += piece; }, 4);
  EXPECT_EQ(pieces, WriteJsonReport(empty));
}

// Sources read one at a time: the same bytes as report.sources give; a
// source that cannot be read stops the output before it and is the result.
TEST(ReportWriterTest, JsonFromASourceStream) {
  class Sources : public SourceStream {
   public:
    Sources(const std::vector<SourceReport>* sources, size_t failing)
        : sources_(sources), failing_(failing) {}
    size_t size() const override { return sources_->size(); }
    StatusOr<SourceReport> Get(size_t i) const override {
      if (i == failing_) return Status::Internal("cannot read source " + std::to_string(i));
      return (*sources_)[i];
    }

   private:
    const std::vector<SourceReport>* sources_;
    size_t failing_;
  };
  Report big = SampleReport();
  const SourceReport first = big.sources[0];
  for (int i = 0; i < 700; ++i) {
    big.sources.push_back(first);
    big.sources.back().id = "copy-" + std::to_string(i);
  }
  Report head = big;
  head.sources.clear();
  const std::string whole = WriteJsonReport(big);
  for (const int jobs : {1, 3}) {
    std::string out;
    Status written = WriteJsonReport(
        head, Sources(&big.sources, big.sources.size()),
        [&](std::string_view piece) { out += piece; }, jobs);
    EXPECT_TRUE(written.ok());
    EXPECT_EQ(out, whole) << jobs << " threads";
    out.clear();
    written = WriteJsonReport(
        head, Sources(&big.sources, 600), [&](std::string_view piece) { out += piece; }, jobs);
    EXPECT_EQ(written.message(), "cannot read source 600");
    // What went out is a prefix, without the run that holds source 600.
    EXPECT_EQ(whole.compare(0, out.size(), out), 0);
    EXPECT_EQ(out.find("\"copy-598\""), std::string::npos) << jobs << " threads";
    EXPECT_EQ(out.find("\"facts\""), std::string::npos);
  }
}

TEST(ReportWriterTest, MarkdownEscapesHostileArticleText) {
  const std::string md = WriteMarkdownReport(SampleReport());
  // Never the raw markup.
  EXPECT_EQ(md.find("<script>"), std::string::npos);
  EXPECT_EQ(md.find("</script>"), std::string::npos);
  EXPECT_EQ(md.find("[a](javascript"), std::string::npos);
  EXPECT_EQ(md.find("<b>"), std::string::npos);
  // The claim sentence, escaped, with the value in bold.
  EXPECT_NE(md.find("In **2016** &lt;script&gt;alert\\(1\\)&lt;/script&gt; "
                    "\\*\\*x\\*\\* \\[a\\]\\(javascript:alert\\(1\\)\\)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("&lt;b&gt;bold&lt;/b&gt; in **2013**"), std::string::npos) << md;
  EXPECT_NE(md.find("(attributed to Edi Rama)"), std::string::npos) << md;
}

TEST(ReportWriterTest, MarkdownSections) {
  const std::string md = WriteMarkdownReport(SampleReport());
  EXPECT_EQ(md.rfind("# crosscheck report\n", 0), 0u);
  EXPECT_NE(md.find("2 sources · 1 contradictions · 1 corroborated facts · "
                    "1 within-source findings"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("## Contradictions"), std::string::npos);
  EXPECT_NE(md.find("### year MEK moved"), std::string::npos);
  EXPECT_NE(md.find("## Within one source"), std::string::npos);
  EXPECT_NE(md.find("## Corroborated"), std::string::npos);
  EXPECT_NE(md.find("## Warnings"), std::string::npos);
  // The copy is named in the sources table.
  EXPECT_NE(md.find("| blog | 40 | 50 | nato |"), std::string::npos) << md;
  EXPECT_NE(md.find("(bytes 93–106)"), std::string::npos) << md;
}

TEST(ReportWriterTest, MarkdownWithoutContradictions) {
  const std::string md = WriteMarkdownReport(Report{});
  EXPECT_NE(md.find("None found."), std::string::npos);
  EXPECT_EQ(md.find("## Within one source"), std::string::npos);
}

TEST(ReportWriterTest, EscapeMarkdownTable) {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"plain text", "plain text"},
      {"a & b", "a &amp; b"},
      {"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert\\(1\\)&gt;"},
      {"*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"},
      {"# heading", "\\# heading"},
      {"a | b", "a \\| b"},
      {"![img](x)", "\\!\\[img\\]\\(x\\)"},
      {"back\\slash", "back\\\\slash"},
      {"~~strike~~", "\\~\\~strike\\~\\~"},
      {"- item", "\\- item"},
      {"+ item", "\\+ item"},
      {"a-b + c", "a-b + c"},
      {"two\nlines\r\n", "two lines  "},
      {"caf\xC3\xA9", "caf\xC3\xA9"},
      {"", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(EscapeMarkdown(c.in), c.out);
  }
}

}  // namespace
}  // namespace crosscheck

#include "engine/report/explain.h"

namespace crosscheck {
namespace {

TEST(ExplainTest, TerminalEscapingShowsControlsAndBidiAsText) {
  // ESC [ 2 J (clear screen), BEL, CR, a C1 CSI (U+009B), RIGHT-TO-LEFT
  // OVERRIDE, a stray continuation byte; ordinary UTF-8 stays.
  EXPECT_EQ(EscapeTerminal("a\x1B[2Jb\x07\r\xC2\x9B" "c\xE2\x80\xAE" "d\x80" "e\xE2\x80\x99s \xC3\xA9"),
            "a\\x1B[2Jb\\x07\\x0D\\x9Bc\\u{202E}d\\x80e\xE2\x80\x99s \xC3\xA9");
  EXPECT_EQ(EscapeTerminal("\xE2\x81\xA6x\xE2\x81\xA9\x7F"), "\\u{2066}x\\u{2069}\\x7F");
  // Overlong and truncated sequences are bytes, not characters.
  EXPECT_EQ(EscapeTerminal("\xE0\x80\xAF|\xE2\x80"), "\\xE0\\x80\\xAF|\\xE2\\x80");
}

TEST(ExplainTest, PointsPerComponentAddUpToTheScore) {
  SourceReport s;
  s.id = "evil\x1B]0;title\x07";
  s.score = 70;
  s.components = {{"consistency", 0.5, 0.5, {{"says 2016", "quote \xE2\x80\xAE", 10, 14}}},
                  {"hygiene", 0.9, 0.5, {{"no clutter found", "", 0, 0}}}};
  const std::string text = WriteExplanation(s);
  EXPECT_EQ(text.rfind("evil\\x1B]0;title\\x07: score 70/100\n", 0), 0u) << text;
  // 100 * 0.5 * 0.5 / 1.0 = 25 points, 100 * 0.9 * 0.5 = 45; total 70.
  EXPECT_NE(text.find("  consistency       0.50    0.50    25.0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  hygiene           0.90    0.50    45.0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  total                     1.00    70.0  -> 70\n"), std::string::npos);
  EXPECT_NE(text.find("  - says 2016 [bytes 10-14]\n      \"quote \\u{202E}\"\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find('\x1B'), std::string::npos);
}

}  // namespace
}  // namespace crosscheck
