#include "engine/ingest/article.h"

#include <utility>

#include "engine/ingest/blocks.h"
#include "engine/ingest/clutter.h"
#include "engine/ingest/date_parser.h"
#include "engine/ingest/html.h"
#include "engine/ingest/metadata.h"
#include "engine/ingest/reader.h"
#include "engine/ingest/sentences.h"
#include "engine/ingest/text_util.h"

namespace crosscheck {
namespace internal {
namespace {

// The title from markup: <h1>, else og:title, else <title> without an outlet
// suffix.
void TakeHtmlMetadata(HtmlPage& page, Document* doc) {
  std::string_view headline, outlet;
  if (!page.h1.empty()) {
    doc->title = std::move(page.h1);
  } else if (!page.og_title.empty() || !page.title_element.empty()) {
    const std::string& t =
        page.og_title.empty() ? page.title_element : page.og_title;
    if (SplitOutletSuffix(t, &headline, &outlet)) {
      doc->title = std::string(headline);
      doc->outlet = std::string(outlet);
    } else {
      doc->title = t;
    }
  }
  std::string_view byline = TrimSpace(page.byline);
  if (StartsWithIgnoreCase(byline, "by ")) byline = TrimSpace(byline.substr(3));
  doc->byline = std::string(byline);
  ReferenceDate date;
  if (ParseIsoDate(page.published, &date) ||
      ParseDateLine(page.published, &date)) {
    doc->published = date;
  }
}

void ApplyOverrides(const ArticleOverrides& o, Document* doc) {
  if (o.title.has_value()) {
    doc->title = *o.title;
    if (o.title->empty()) {
      // "This page has no title": whatever looked like one is body text.
      for (Block& b : doc->blocks) {
        if (b.kind == BlockKind::kTitle) b.kind = BlockKind::kBody;
      }
    } else {
      // Mark the line that carries the stated title, when there is one near
      // the top and nothing else was taken for the title.
      bool has_title_block = false;
      for (const Block& b : doc->blocks) {
        has_title_block |= b.kind == BlockKind::kTitle;
      }
      for (size_t i = 0; !has_title_block && i < doc->blocks.size() && i < 8;
           ++i) {
        Block& b = doc->blocks[i];
        if (b.kind == BlockKind::kBody &&
            doc->Slice(b.span).find(*o.title) != std::string_view::npos) {
          b.kind = BlockKind::kTitle;
          break;
        }
      }
    }
  }
  if (o.byline.has_value()) doc->byline = *o.byline;
  if (o.dateline.has_value()) doc->dateline = *o.dateline;
  if (o.outlet.has_value()) doc->outlet = *o.outlet;
  if (o.url.has_value()) doc->url = *o.url;
  if (o.published.known()) doc->published = o.published;
}

void AddSentences(Document* doc) {
  std::vector<Span> spans;
  for (size_t i = 0; i < doc->blocks.size(); ++i) {
    const Block& b = doc->blocks[i];
    if (b.kind == BlockKind::kTitle) {
      // The headline is one sentence: the title's words within the line
      // (without "# " or an outlet suffix) when they are there.
      Span s = TrimSpan(doc->text, b.span);
      const std::string_view line = doc->Slice(s);
      const size_t at =
          doc->title.empty() ? std::string_view::npos : line.find(doc->title);
      if (at != std::string_view::npos) {
        s = Span{s.start + at, s.start + at + doc->title.size()};
      } else if (!line.empty() && line[0] == '#') {
        size_t k = 0;
        while (k < line.size() && line[k] == '#') ++k;
        s = TrimSpan(doc->text, Span{s.start + k, s.end});
      }
      if (s.end > s.start) {
        Sentence sentence;
        sentence.span = s;
        sentence.block = static_cast<int>(i);
        sentence.headline = true;
        doc->sentences.push_back(sentence);
      }
    } else if (b.kind == BlockKind::kBody) {
      spans.clear();
      SplitSentences(doc->text, b.span, &spans);
      for (const Span& s : spans) {
        Sentence sentence;
        sentence.span = s;
        sentence.block = static_cast<int>(i);
        doc->sentences.push_back(sentence);
      }
    }
  }
}

}  // namespace

Document AnalyzeArticle(std::string_view content, std::string_view format,
                        const ArticleOverrides& overrides) {
  Document doc;
  const size_t bom = Utf8BomSize(content);
  if (format == "html") {
    HtmlPage page = ExtractHtml(content.substr(bom), bom);
    doc.text = std::move(page.text);
    doc.offsets = std::move(page.offsets);
    doc.blocks = std::move(page.blocks);
    TakeHtmlMetadata(page, &doc);
  } else {
    doc.text = std::string(content.substr(bom));
    if (bom > 0) {
      doc.offsets.push_back(
          OffsetRun{0, doc.text.size(), bom, doc.text.size()});
    }
    doc.blocks = SplitLineBlocks(doc.text);
  }
  MarkClutter(doc.text, &doc.blocks);
  FindMetadata(&doc, format == "md");
  ApplyOverrides(overrides, &doc);
  AddSentences(&doc);
  return doc;
}

}  // namespace internal
}  // namespace crosscheck
