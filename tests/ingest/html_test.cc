#include "engine/ingest/html.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/ingest/ingest.h"
#include "tests/ingest/test_util.h"

namespace crosscheck {
namespace internal {
namespace {

std::string BlockText(const HtmlPage& page, size_t i) {
  return page.text.substr(page.blocks[i].span.start,
                          page.blocks[i].span.size());
}

TEST(HtmlTest, BlocksAreSeparatedByBlankLines) {
  const HtmlPage page = ExtractHtml(
      "<html><body><h1>Title</h1><p>First   <b>bold</b>\n para.</p>"
      "<ul><li>One</li><li>Two</li></ul><div>Loose <span>text</span>"
      "<p>Inner</p>tail</div></body></html>",
      0);
  EXPECT_EQ(
      page.text,
      "Title\n\nFirst bold para.\n\nOne\n\nTwo\n\nLoose text\n\nInner\n\ntail");
  ASSERT_EQ(page.blocks.size(), 7u);
  EXPECT_EQ(page.blocks[0].kind, BlockKind::kTitle);
  EXPECT_EQ(BlockText(page, 1), "First bold para.");
  EXPECT_EQ(page.h1, "Title");
}

TEST(HtmlTest, ScriptStyleAndTemplatesNeverReachTheText) {
  const HtmlPage page = ExtractHtml(
      "<html><head><title>T</title><style>p{color:red}</style>"
      "<script>var secret = 'SCRIPTTEXT';</script></head><body>"
      "<p>Visible.</p><script>document.write('<p>SCRIPTTEXT</p>')</script>"
      "<noscript>NOSCRIPTTEXT</noscript><template><p>TEMPLATETEXT</p></"
      "template>"
      "<p>Also <script>x()</script>visible.</p><!-- COMMENTTEXT -->"
      "<svg><text>SVGTEXT</text></svg></body></html>",
      0);
  EXPECT_EQ(page.text.find("SCRIPTTEXT"), std::string::npos);
  EXPECT_EQ(page.text.find("NOSCRIPTTEXT"), std::string::npos);
  EXPECT_EQ(page.text.find("TEMPLATETEXT"), std::string::npos);
  EXPECT_EQ(page.text.find("COMMENTTEXT"), std::string::npos);
  EXPECT_EQ(page.text.find("SVGTEXT"), std::string::npos);
  EXPECT_EQ(page.text.find("color"), std::string::npos);
  EXPECT_EQ(page.text, "Visible.\n\nAlso visible.");
  EXPECT_EQ(page.title_element, "T");
}

TEST(HtmlTest, HostileMarkupDoesNotBreakExtraction) {
  const HtmlPage page = ExtractHtml(
      "<p>Unclosed <b><i>tags<p>Next</script></style><SCRIPT type=x>alert(1)"
      "</SCRIPT><table><tr><td><script>alert(3)</script>cell<p attr=\"<p>\">"
      "Quoted &lt;script&gt;alert(2)&lt;/script&gt;"
      "<div><div><div><div>deep",
      0);
  EXPECT_EQ(page.text.find("alert(1)"), std::string::npos);
  EXPECT_EQ(page.text.find("alert(3)"), std::string::npos);
  EXPECT_NE(page.text.find("cell"), std::string::npos);
  // Escaped markup is text, shown as text.
  EXPECT_NE(page.text.find("Quoted <script>alert(2)</script>"),
            std::string::npos);
  EXPECT_NE(page.text.find("deep"), std::string::npos);
}

TEST(HtmlTest, NavigationFooterAsideFormAreClutter) {
  const HtmlPage page = ExtractHtml(
      "<body><header><nav><a href=/>Home</a> <a href=/w>World</a></nav>"
      "<h1>Story</h1></header><div class=\"site-menu\">Menu item</div>"
      "<article><p>Body text.</p></article><aside>Aside</aside>"
      "<form><div><label>Search</label></div></form><footer>Footer</footer>"
      "<div id=\"comments\">A comment</div></body>",
      0);
  std::vector<std::string> kinds;
  for (const Block& b : page.blocks) {
    kinds.push_back(b.kind == BlockKind::kClutter ? b.clutter_kind
                    : b.kind == BlockKind::kTitle ? "title"
                                                  : "body");
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{
                       "navigation", "title", "navigation", "body",
                       "navigation", "navigation", "navigation", "comments"}));
}

TEST(HtmlTest, MetadataFromMarkup) {
  const HtmlPage page = ExtractHtml(
      "<html><head><title>Story | Outlet</title>"
      "<meta property=\"og:title\" content=\"OG Story\">"
      "<meta name=\"author\" content=\"Jane Doe\">"
      "<meta property=\"article:published_time\" "
      "content=\"2022-09-07T10:00:00Z\"></head><body><p>x</p>"
      "<time datetime=\"2021-01-01\">Jan 1</time></body></html>",
      0);
  EXPECT_EQ(page.title_element, "Story | Outlet");
  EXPECT_EQ(page.og_title, "OG Story");
  EXPECT_EQ(page.byline, "Jane Doe");
  EXPECT_EQ(page.published, "2022-09-07T10:00:00Z");
}

TEST(HtmlTest, BylineClassAndTimeElement) {
  const HtmlPage page = ExtractHtml(
      "<body><h1>T</h1><p class=\"byline\">By Ann Lee</p>"
      "<time datetime=\"2022-09-11\">Sunday</time><p>Text.</p></body>",
      0);
  ASSERT_GE(page.blocks.size(), 2u);
  EXPECT_EQ(page.blocks[1].kind, BlockKind::kByline);
  EXPECT_EQ(page.published, "2022-09-11");
}

TEST(HtmlTest, OffsetsMapBackThroughEntities) {
  const std::string html =
      "<html><body><h1>Caf&eacute; &amp; Co</h1>\n"
      "<p>Tom&#8217;s &quot;report&quot;: the  M.E.K. moved in 2016.\n"
      "  Rama &mdash; angry &ndash; spoke. Then &hellip; nothing&nbsp;else.</p>"
      "<p>AT&amp;T &notanentity; 5 &lt; 6</p></body></html>";
  const HtmlPage page = ExtractHtml(html, 0);
  EXPECT_EQ(page.text,
            "Caf\xC3\xA9 & Co\n\nTom\xE2\x80\x99s \"report\": the M.E.K. moved "
            "in 2016. Rama \xE2\x80\x94 angry \xE2\x80\x93 spoke. Then "
            "\xE2\x80\xA6 nothing\xC2\xA0"
            "else.\n\nAT&T \xC2\xAC"
            "anentity; 5 < 6");
  Document doc;
  doc.text = page.text;
  doc.offsets = page.offsets;
  // Every word that is plain in the HTML maps to its own bytes.
  for (std::string_view word :
       {"Co", "report", "M.E.K.", "2016.", "Rama", "angry", "spoke.", "Then",
        "nothing", "else.", "anentity;", "6"}) {
    const size_t at = doc.text.find(word);
    ASSERT_NE(at, std::string::npos) << word;
    EXPECT_EQ(html.substr(doc.OriginalOffset(at), word.size()), word) << word;
  }
  // A decoded entity maps to the start of its reference.
  const size_t eacute = doc.text.find("\xC3\xA9");
  EXPECT_EQ(html.substr(doc.OriginalOffset(eacute), 8), "&eacute;");
  const size_t apos = doc.text.find("\xE2\x80\x99");
  EXPECT_EQ(html.substr(doc.OriginalOffset(apos), 7), "&#8217;");
  // Runs are sorted and inside the HTML.
  for (size_t i = 0; i < page.offsets.size(); ++i) {
    const OffsetRun& r = page.offsets[i];
    EXPECT_LE(r.original_start + r.original_size, html.size());
    EXPECT_LE(r.text_start + r.text_size, page.text.size());
    if (i > 0) {
      EXPECT_GE(r.text_start,
                page.offsets[i - 1].text_start + page.offsets[i - 1].text_size);
    }
  }
}

TEST(HtmlTest, ParseArticleSentencesMapToTheirFirstWord) {
  const std::string html =
      "\xEF\xBB\xBF<!doctype html><html><head><title>Page &ndash; "
      "Outlet</title>"
      "</head><body><nav>Home &raquo; News</nav><h1>Albania&#39;s crisis</h1>"
      "<p>TIRANA, Albania &mdash; Officials said &quot;no&quot;. Mr. Rama "
      "spoke &amp; left.</p><p>It&rsquo;s over. The end</p></body></html>";
  auto doc = ParseArticle(html, "html", "page.html", "");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->id, "page");
  EXPECT_EQ(doc->title, "Albania's crisis");
  EXPECT_EQ(doc->dateline, "TIRANA, Albania");
  const std::vector<std::string> sentences = testutil::SentenceTexts(*doc);
  EXPECT_EQ(sentences,
            (std::vector<std::string>{
                "Albania's crisis",
                "TIRANA, Albania \xE2\x80\x94 Officials said \"no\".",
                "Mr. Rama spoke & left.", "It\xE2\x80\x99s over.", "The end"}));
  for (const Sentence& s : doc->sentences) {
    const std::string_view text = doc->Slice(s.span);
    std::string_view first = text.substr(0, text.find_first_of(" '\xE2"));
    EXPECT_EQ(html.substr(doc->OriginalOffset(s.span.start), first.size()),
              first)
        << text;
  }
}

}  // namespace
}  // namespace internal
}  // namespace crosscheck

namespace crosscheck {
namespace internal {
namespace {

// Tag soup from a fixed seed: extraction must not crash, and every run must
// stay inside the text and the HTML.
TEST(HtmlTest, RandomTagSoupKeepsOffsetsInBounds) {
  static constexpr std::string_view kPieces[] = {"<p>",
                                                 "</p>",
                                                 "<div class=nav>",
                                                 "</div>",
                                                 "<h1>",
                                                 "</h1>",
                                                 "&amp;",
                                                 "&eacute;",
                                                 "&#x27;",
                                                 "&#8217",
                                                 "&notin;",
                                                 "&bogus;",
                                                 "&",
                                                 "<script>",
                                                 "</script>",
                                                 "<!--",
                                                 "-->",
                                                 "<![CDATA[x]]>",
                                                 " ",
                                                 "\n",
                                                 "\r\n",
                                                 "Word",
                                                 "M.E.K.",
                                                 "\xE2\x80\x9C",
                                                 "\xC3\xA9",
                                                 "<li>",
                                                 "<td>",
                                                 "<br>",
                                                 "<",
                                                 ">",
                                                 "\"",
                                                 "'",
                                                 "<a rel=author>",
                                                 "</a>",
                                                 "<meta name=author content=x>",
                                                 "<title>",
                                                 "</title>",
                                                 "<template>",
                                                 "</template>",
                                                 ". ",
                                                 "? ",
                                                 "Mr. "};
  uint32_t seed = 12345;
  const auto next = [&seed]() {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) & 0x7FFF;
  };
  for (int round = 0; round < 300; ++round) {
    std::string html;
    const int n = 1 + next() % 60;
    for (int i = 0; i < n; ++i) {
      html += kPieces[next() % (sizeof(kPieces) / sizeof(kPieces[0]))];
    }
    const HtmlPage page = ExtractHtml(html, 0);
    for (const OffsetRun& r : page.offsets) {
      ASSERT_LE(r.text_start + r.text_size, page.text.size()) << html;
      ASSERT_LE(r.original_start + r.original_size, html.size()) << html;
    }
    for (const Block& b : page.blocks) ASSERT_LE(b.span.end, page.text.size());
    auto doc = ParseArticle(html, "html", "soup.html", "soup");
    if (!doc.ok()) continue;  // e.g. only whitespace
    for (const Sentence& s : doc->sentences) {
      ASSERT_LE(s.span.end, doc->text.size()) << html;
      ASSERT_LE(doc->OriginalOffset(s.span.start), html.size()) << html;
    }
  }
}

std::string Nest(int depth, const std::string& open, const std::string& close) {
  std::string out = "<html><body>\n";
  for (int i = 0; i < depth; ++i) out += open;
  out += "text";
  for (int i = 0; i < depth; ++i) out += close;
  return out + "\n</body></html>";
}

TEST(HtmlTest, NestingWithinTheLimitPasses) {
  EXPECT_FALSE(CheckHtmlNesting(Nest(50, "<div>", "</div>"), 50).has_value());
  // Elements the parser closes itself, void elements, comments, raw text
  // and self-closing SVG shapes do not nest.
  for (const char* open : {"<p>", "<li>", "<td>", "<tr>", "<a href=x>", "<br>", "<img src=x>",
                           "<option>", "<h2>", "<!-- <div> -->", "<script>if (a<b) x='<div>'"
                           "</script>", "<input value='<div>'>"}) {
    EXPECT_FALSE(CheckHtmlNesting(Nest(200, open, ""), 50).has_value()) << open;
  }
  EXPECT_FALSE(
      CheckHtmlNesting("<svg>" + Nest(200, "<path d='M0 0'/>", "") + "</svg>", 50).has_value());
  // Closing an outer element closes what was opened inside it.
  std::string closed;
  for (int i = 0; i < 200; ++i) closed += "<section><span><b>x</section>";
  EXPECT_FALSE(CheckHtmlNesting(closed, 50).has_value());
}

TEST(HtmlTest, NestingPastTheLimitNamesItsLine) {
  auto deep = CheckHtmlNesting(Nest(51, "<div>", "</div>"), 50);
  ASSERT_TRUE(deep.has_value());
  EXPECT_EQ(deep->line, 2u);
  EXPECT_EQ(deep->message, "HTML elements nested more than 50 deep at line 2 (the limit)");
  // End tags of elements that are not open change nothing (the parser
  // ignores them); a self-closing <div/> still opens a div in HTML; a quote
  // outside an attribute value does not hide the tags after it.
  EXPECT_TRUE(CheckHtmlNesting(Nest(51, "<div></span></p>", ""), 50).has_value());
  EXPECT_TRUE(CheckHtmlNesting(Nest(51, "<div/>", ""), 50).has_value());
  EXPECT_TRUE(CheckHtmlNesting("<x a=b'>" + Nest(51, "<div>", "") + "'", 50).has_value());
}

TEST(HtmlTest, EndTagsThatTheParserIgnoresCloseNothing) {
  // </span> cannot close a span across a table or a div (the parser
  // ignores it), so the divs stay open.
  std::string page;
  for (int i = 0; i < 10; ++i) page += "<span><table>" + Nest(10, "<div>", "") + "</span>";
  auto deep = CheckHtmlNesting(page, 50);
  ASSERT_TRUE(deep.has_value());
  // </div> cannot close a div across a table either.
  page.clear();
  for (int i = 0; i < 10; ++i) page += "<div><object>" + Nest(10, "<section>", "") + "</div>";
  EXPECT_TRUE(CheckHtmlNesting(page, 50).has_value());
}

// The extraction walks the tree without recursion: a page deeper than any
// stack (it got past the check) is read whole.
TEST(HtmlTest, ExtractionOfAVeryDeepPageDoesNotRecurse) {
  const std::string page = "<title>Deep</title>" + Nest(30000, "<div>", "</div>");
  const HtmlPage extracted = ExtractHtml(page, 0);
  EXPECT_EQ(extracted.title_element, "Deep");
  ASSERT_EQ(extracted.blocks.size(), 1u);
  EXPECT_EQ(BlockText(extracted, 0), "text");
}

TEST(HtmlTest, IngestRefusesADeepPageNamingTheLimit) {
  const std::string dir = testutil::ScratchDir();
  const std::string path =
      testutil::WriteFile(dir, "deep.html", Nest(kMaxHtmlDepth + 1, "<div>", "</div>"));
  auto result = IngestPaths({path});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->documents.empty());
  ASSERT_EQ(result->diagnostics.size(), 1u);
  EXPECT_EQ(result->diagnostics[0].ToString(),
            path + ":2: HTML elements nested more than 1000 deep at line 2 (the limit)");
}

}  // namespace
}  // namespace internal
}  // namespace crosscheck
