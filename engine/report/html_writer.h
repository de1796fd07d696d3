// HtmlWriter: builds an HTML document where text cannot become markup.
//
// Markup comes only from the writer's own calls (Open/Close/Void with tag
// and attribute names that are string literals of ours); every other string
// goes through Text() or an attribute value, which escape it. So article
// text, ids from manifests and review notes always render as text:
//
//   HtmlWriter w;
//   w.Open("li", {{"class", "quote"}, {"data-source", source_id}});
//   w.Text(sentence);
//   w.Close("li");
//
// Escaping: & < > " ' as character references; CR LF and CR as a newline;
// other C0 controls (but tab and newline) and DEL as U+FFFD, which HTML
// would otherwise parse as errors;
// bytes that are not UTF-8 as U+FFFD. Text is otherwise kept as is,
// bidirectional controls included: input text goes in elements of its own
// that isolate it (Isolated(), or the style sheet's unicode-bidi: isolate),
// so an override cannot reorder what is around it.
#ifndef CROSSCHECK_ENGINE_REPORT_HTML_WRITER_H_
#define CROSSCHECK_ENGINE_REPORT_HTML_WRITER_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crosscheck {

// Appends `text` escaped for HTML text and quoted attribute values.
void AppendEscapedHtml(std::string_view text, std::string* out);
std::string EscapeHtml(std::string_view text);

class HtmlWriter {
 public:
  using Attributes = std::vector<std::pair<std::string_view, std::string_view>>;

  // <tag a="v" ...>; names must be our own literals ([a-z0-9-]).
  void Open(std::string_view tag, const Attributes& attributes = {});
  void Close(std::string_view tag);
  // An element without an end tag (<meta>, <br>).
  void Void(std::string_view tag, const Attributes& attributes = {});
  // <tag a="v">text</tag>
  void Element(std::string_view tag, std::string_view text,
               const Attributes& attributes = {});
  void Text(std::string_view text) { AppendEscapedHtml(text, &out_); }
  // Input text beside the report's own words, in <bdi>: a right-to-left
  // override inside it cannot reorder what is around it.
  void Isolated(std::string_view text) { Element("bdi", text); }
  // Our own markup or a raw-text element's content (style, script), which
  // must come from the program, never from input.
  void Trusted(std::string_view markup) { out_.append(markup); }
  void Newline() { out_.push_back('\n'); }

  const std::string& str() const { return out_; }
  std::string Release() { return std::move(out_); }

 private:
  void Tag(std::string_view tag, const Attributes& attributes);
  std::string out_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_REPORT_HTML_WRITER_H_
