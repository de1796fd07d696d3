// The HTML report's escaping and structure, on Reports built by hand. The
// browser tests (tests/browser/report_test.mjs) check the same page as
// Chromium renders it; these check the bytes.
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>
#include <vector>

#include "engine/report/html_writer.h"
#include "engine/report/report_writer.h"
#include "tests/report/report_builders.h"

namespace crosscheck {
namespace {

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

// Between the first `open` after `from` and the next `close`.
std::string Between(const std::string& s, const std::string& open,
                    const std::string& close, size_t from = 0) {
  const size_t a = s.find(open, from);
  if (a == std::string::npos) return "";
  const size_t b = s.find(close, a + open.size());
  if (b == std::string::npos) return "";
  return s.substr(a + open.size(), b - a - open.size());
}

TEST(EscapeHtml, MarkupQuotesAndEntitiesBecomeText) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"a \"b\" 'c'", "a &quot;b&quot; &#39;c&#39;"},
      // An entity in the article's text is text: it shows as typed.
      {"&lt;b&gt; &amp;", "&amp;lt;b&amp;gt; &amp;amp;"},
      {"x</textarea>-->]]>", "x&lt;/textarea&gt;--&gt;]]&gt;"},
  };
  for (const Case& c : cases) EXPECT_EQ(EscapeHtml(c.in), c.out) << c.in;
  // NUL, a bell and DEL would be parse errors: U+FFFD. Tab and newline
  // stay; CR LF and a lone CR become one newline.
  EXPECT_EQ(EscapeHtml(std::string("a\0b\x07" "c\x7f" "d\te\r\nf\rg", 14)),
            "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\te\nf\ng");
}

TEST(EscapeHtml, KeepsUtf8AndReplacesBrokenBytes) {
  // U+202E (right-to-left override) is kept as text: the style sheet
  // isolates the element it is in.
  EXPECT_EQ(EscapeHtml("Tiran\xC3\xAB \xE2\x80\xAEtxt.exe"), "Tiran\xC3\xAB \xE2\x80\xAEtxt.exe");
  EXPECT_EQ(EscapeHtml("\xF0\x9F\x93\xB0 news"), "\xF0\x9F\x93\xB0 news");
  // A lone continuation byte, a truncated sequence, an overlong '<' (C0 BC)
  // and a surrogate (ED A0 80) are each U+FFFD, never a '<'.
  EXPECT_EQ(EscapeHtml("\x80"), "\xEF\xBF\xBD");
  EXPECT_EQ(EscapeHtml("\xE2\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(EscapeHtml("\xC0\xBC" "b"), "\xEF\xBF\xBD\xEF\xBF\xBD" "b");
  EXPECT_EQ(EscapeHtml("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(HtmlWriter, AttributeValuesAreEscaped) {
  HtmlWriter w;
  w.Open("li", {{"data-source", "\"><img src=x onerror=alert(1)>"}});
  w.Text("<b>");
  w.Close("li");
  EXPECT_EQ(w.str(),
            "<li data-source=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">"
            "&lt;b&gt;</li>");
}

constexpr char kPayload[] = "<script>window.__xss=1</script>";

Claim MakeClaim(const std::string& source, const std::string& text,
                const std::string& sentence, size_t text_start) {
  // Sentences start at byte 10 of their article in this test.
  Claim c = report_test::Quoted(source, text, sentence, 10);
  c.key = "dam.built_year";
  c.label = "year the dam was built";
  c.rule = "generic/built_year";
  c.value.start = text_start;
  c.value.end = text_start + text.size();
  c.value.kind = ValueKind::kYear;
  return c;
}

ValueGroup Side(const std::string& display, std::vector<Claim> claims) {
  const double year = std::stod(display);
  return report_test::Side(display, ValueKind::kYear, year, year, std::move(claims));
}

Report HostileReport() {
  Report report;
  SourceReport a;
  a.id = "<img src=x onerror=window.__xss=1>";
  a.title = "Dam \"history\" <b>bold</b>";
  a.url = "javascript:window.__xss=1";
  a.outlet = "Evil \xE2\x80\xAE& Co";  // with a right-to-left override
  a.score = 61;
  a.components.push_back({"hygiene", 0.5, 0.25, {{"advertisement", kPayload, 3, 9}}});
  a.components.push_back({"consistency", 1.0, 0.75, {}});
  // The article as read: a clutter block, then a body block whose claim is
  // at text offsets 40..44 ("1962").
  a.reading.push_back({"clutter", "spam_links", 0, "buy <a href=x>pills</a>"});
  a.reading.push_back({"body", "", 24, std::string("Intro ") + kPayload + " 1962 end"});
  SourceReport b;
  b.id = "herald";
  b.title = "Dam story";
  b.url = "https://herald.example/dam?a=1&b=2";
  b.copy_of = "<img src=x onerror=window.__xss=1>";
  b.copy_overlap = 0.87;
  report.sources = {a, b};

  const std::string hostile_sentence = std::string("Built in 1962 ") + kPayload + ".";
  FactFinding built;
  built.key = "dam.built_year";
  built.label = "year the dam was built";
  built.status = FactStatus::kContradiction;
  built.severity = Severity::kHigh;
  built.independent_sources = 2;
  // "Intro " (6) + payload (31) + " " puts "1962" at 24 + 38 = 62.
  built.values = {Side("1962", {MakeClaim(a.id, "1962", hostile_sentence, 62)}),
                  Side("1965", {MakeClaim("herald", "1965", "Built in 1965.", 5),
                                MakeClaim("herald", "1965", "Built in 1965.", 5)})};
  built.review = Review{"dismissed", "not the same dam </p><script>x()</script>",
                        "Ana <ana@example.org>", "2026-11-21T10:00:00Z"};
  FactFinding minor = built;
  minor.key = "dam.height";
  minor.label = "height of the dam";
  minor.severity = Severity::kPossible;
  minor.review.reset();
  minor.waiver = Waiver{"reviewed", "checked with the operator", "Bo", "w.yaml:3:5"};
  FactFinding agreed;
  agreed.key = "dam.capacity";
  agreed.label = "what the dam holds";
  agreed.status = FactStatus::kAgreement;
  agreed.values = {report_test::Side("40,000,000 m3", ValueKind::kQuantity, 4e7, 4e7, {})};
  report.facts = {built, minor, agreed};
  report.warnings = {"a.txt:3: odd <line>"};
  return report;
}

TEST(HtmlReport, HostileTextNeverBecomesMarkup) {
  const std::string html = WriteHtmlReport(HostileReport());
  // The one script element is the report's own, at the end of the body.
  EXPECT_EQ(Count(html, "<script"), 1u);
  EXPECT_EQ(html.find("<script"), html.rfind("<script>"));
  EXPECT_EQ(Count(html, "<img"), 0u);
  EXPECT_EQ(Count(html, "<b>"), 0u);
  EXPECT_EQ(Count(html, "<a href=x"), 0u);
  // The payload is there as text, in the quote and in the article as read.
  EXPECT_GE(Count(html, "&lt;script&gt;window.__xss=1&lt;/script&gt;"), 3u);
  EXPECT_NE(html.find("not the same dam &lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("Ana &lt;ana@example.org&gt;"), std::string::npos);
  // A javascript: URL is never a link; an http(s) one is, escaped.
  EXPECT_EQ(html.find("href=\"javascript"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://herald.example/dam?a=1&amp;b=2\""), std::string::npos);
  EXPECT_NE(html.find("Dam &quot;history&quot; &lt;b&gt;bold&lt;/b&gt;"), std::string::npos);
}

TEST(HtmlReport, InputTextBesideTheReportsWordsIsIsolated) {
  const std::string html = WriteHtmlReport(HostileReport());
  // The outlet's override ends with its <bdi>: " · 2024-..." after it reads
  // left to right.
  EXPECT_NE(html.find("<bdi>Evil \xE2\x80\xAE&amp; Co</bdi>"), std::string::npos);
  EXPECT_NE(html.find("<strong>Review: dismissed</strong> by <bdi>Ana &lt;ana@example.org&gt;"
                      "</bdi> at <bdi>2026-11-21T10:00:00Z</bdi>: <bdi>not the same dam"),
            std::string::npos);
  EXPECT_NE(html.find("<summary><bdi>&lt;img src=x onerror=window.__xss=1&gt;</bdi> — "
                      "<bdi>Dam &quot;history&quot;"),
            std::string::npos);
}

TEST(HtmlReport, PolicyAllowsOnlyTheReportsOwnScriptAndStyle) {
  const std::string html = WriteHtmlReport(HostileReport());
  std::string csp = Between(html, "http-equiv=\"Content-Security-Policy\" content=\"", "\"");
  ASSERT_FALSE(csp.empty());
  // The attribute value is escaped like any other: ' is &#39;.
  for (size_t at; (at = csp.find("&#39;")) != std::string::npos;) csp.replace(at, 5, "'");
  EXPECT_EQ(csp.find("default-src 'none'"), 0u) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  // The hashes are of the bytes between the tags, base64 (checked here
  // with OpenSSL's encoder, not the report's).
  auto hash = [](const std::string& text) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr);
    unsigned char b64[128];
    const int n = EVP_EncodeBlock(b64, digest, static_cast<int>(size));
    return "'sha256-" + std::string(reinterpret_cast<char*>(b64), n) + "'";
  };
  const std::string script = Between(html, "<script>", "</script>");
  const std::string style = Between(html, "<style>", "</style>");
  ASSERT_FALSE(script.empty());
  ASSERT_FALSE(style.empty());
  EXPECT_NE(csp.find("script-src " + hash(script) + ";"), std::string::npos) << csp;
  EXPECT_NE(csp.find("style-src " + hash(style) + ";"), std::string::npos) << csp;
  // Nothing is fetched: no src= anywhere, and the only URL-bearing
  // attribute is the one https link.
  // (A quote in text is &quot;, so `src="` can only be an attribute.)
  EXPECT_EQ(Count(html, "src=\""), 0u);
  EXPECT_EQ(Count(html, "href=\""), 1u);
}

TEST(HtmlReport, CardsCarryWhatTheFiltersRead) {
  const std::string html = WriteHtmlReport(HostileReport());
  EXPECT_EQ(Count(html, "<article class=\"card\""), 2u);  // the agreement is no card
  EXPECT_NE(html.find("data-fact=\"dam.built_year\" data-severity=\"high\" "
                      "data-status=\"dismissed\""),
            std::string::npos);
  EXPECT_NE(html.find("data-fact=\"dam.height\" data-severity=\"possible\" "
                      "data-status=\"waived\""),
            std::string::npos);
  // Each side once; the same sentence from the same source is quoted once.
  const size_t card = html.find("data-fact=\"dam.built_year\"");
  const std::string first_card = Between(html, ">", "</article>", card);
  EXPECT_EQ(Count(first_card, "<div class=\"side\""), 2u);
  EXPECT_EQ(Count(first_card, "<li class=\"quote\" data-source=\"herald\">"), 1u);
  // The value is marked inside its sentence.
  EXPECT_NE(first_card.find("Built in <mark class=\"value\">1965</mark>."), std::string::npos);
  // The copy relation is on the copying source's quotes.
  EXPECT_NE(first_card.find("copies <bdi>&lt;img src=x onerror=window.__xss=1&gt;</bdi> (87% overlap)"),
            std::string::npos);
  // The filters offer every source id, escaped.
  EXPECT_NE(html.find("<option value=\"&lt;img src=x onerror=window.__xss=1&gt;\">"),
            std::string::npos);
  // Counts at a glance: 1 high, 1 possible, both reviewed or waived.
  EXPECT_NE(html.find("<dd data-count=\"high\">1</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dd data-count=\"possible\">1</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dd data-count=\"reviewed\">2</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dd data-count=\"unreviewed\">0</dd>"), std::string::npos);
}

TEST(HtmlReport, ArticleAsReadMarksClaimsAndGreysClutter) {
  const std::string html = WriteHtmlReport(HostileReport());
  const std::string reading =
      Between(html, "<details class=\"reading\" data-source=\"&lt;img", "</details>");
  ASSERT_FALSE(reading.empty());
  EXPECT_NE(reading.find("<p class=\"block\" data-kind=\"clutter\" data-clutter=\"spam_links\">"
                         "buy &lt;a href=x&gt;pills&lt;/a&gt;</p>"),
            std::string::npos);
  EXPECT_NE(reading.find("&lt;/script&gt; <mark class=\"claim\" data-fact=\"dam.built_year\">"
                         "1962</mark> end</p>"),
            std::string::npos)
      << reading;
  // The source without reading blocks has no article view.
  EXPECT_EQ(html.find("<details class=\"reading\" data-source=\"herald\""), std::string::npos);
}

TEST(HtmlReport, ComponentsAreBarsWithTheirEvidence) {
  const std::string html = WriteHtmlReport(HostileReport());
  const std::string row = Between(html, "<tr data-source=\"&lt;img", "</tr>");
  ASSERT_FALSE(row.empty());
  // hygiene 0.5 is a 50 px bar of 100, consistency 1.0 a full one.
  EXPECT_NE(row.find("data-component=\"hygiene\" x=\"78\" y=\"2\" width=\"50\""),
            std::string::npos);
  EXPECT_NE(row.find("data-component=\"consistency\" x=\"78\" y=\"16\" width=\"100\""),
            std::string::npos);
  EXPECT_NE(row.find("<summary>hygiene: 50/100 · weight 25%</summary>"), std::string::npos);
  EXPECT_NE(row.find("<bdi>advertisement</bdi>: “<bdi>&lt;script&gt;"), std::string::npos);
  EXPECT_NE(row.find("no evidence recorded"), std::string::npos);
}

}  // namespace
}  // namespace crosscheck
