#include "engine/ingest/html.h"

#include <gumbo.h>

#include <cstring>
#include <memory>
#include <unordered_map>

#include "engine/ingest/text_util.h"

namespace crosscheck {
namespace internal {
namespace {

bool IsDropped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_HEAD:  // <title> and <meta> are read separately
      return true;
    default:
      return false;
  }
}

// Elements whose boundaries end the current block.
bool IsBlockLevel(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
      return true;
    default:
      return false;
  }
}

std::string_view Attr(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a == nullptr ? std::string_view() : std::string_view(a->value);
}

bool ClassOrIdHas(const GumboElement& el, std::string_view needle) {
  return FindIgnoreCase(Attr(el, "class"), needle) != std::string_view::npos ||
         FindIgnoreCase(Attr(el, "id"), needle) != std::string_view::npos;
}

// What the enclosing markup says about the text inside it.
struct Context {
  BlockKind kind = BlockKind::kBody;
  std::string_view clutter_kind;
  bool in_h1 = false;
  bool in_rel_author = false;
};

size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// The lower-case tag name at html[i...] (letters, digits, '-', ':'); its end
// in *end.
std::string TagName(std::string_view html, size_t i, size_t* end) {
  std::string name;
  while (i < html.size() && (IsAsciiAlnum(html[i]) || html[i] == '-' || html[i] == ':')) {
    if (name.size() < 64) name.push_back(AsciiLower(html[i]));
    ++i;
  }
  *end = i;
  return name;
}

bool IsOneOf(const std::string& name, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names)
    if (name == n) return true;
  return false;
}

// Elements that hold no content, or whose nesting the parser bounds itself
// (a <p>, <li> or <a> start tag closes an open one; h1 closes h2...).
bool DoesNotNest(const std::string& name) {
  return IsOneOf(name, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                        "meta", "param", "source", "track", "wbr", "keygen", "basefont",
                        "bgsound", "frame", "image", "menuitem", "p", "li", "dt", "dd", "tr",
                        "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption",
                        "option", "optgroup", "rb", "rt", "rtc", "rp", "html", "head",
                        "body", "a", "button", "nobr", "form", "h1", "h2", "h3", "h4",
                        "h5", "h6"});
}

// The HTML standard's special elements (those this check counts), whose
// end tags the parser honours unless a scope boundary lies between.
bool IsSpecial(const std::string& name) {
  return IsOneOf(name, {"address", "applet", "article", "aside", "blockquote", "center",
                        "details", "dir", "div", "dl", "fieldset", "figcaption", "figure",
                        "footer", "frameset", "header", "hgroup", "iframe", "listing", "main",
                        "marquee", "menu", "nav", "noembed", "noframes", "noscript", "object",
                        "ol", "plaintext", "pre", "script", "search", "section", "select",
                        "style", "summary", "table", "template", "textarea", "title", "ul",
                        "xmp"});
}

// Where the parser stops looking for the element an end tag closes (the
// default scope; td, th and caption are not counted, and only open inside
// a table).
bool IsScopeBoundary(const std::string& name) {
  return IsOneOf(name, {"applet", "html", "marquee", "object", "table", "template", "svg",
                        "math"});
}

// Elements whose content is text up to their end tag.
bool IsRawText(const std::string& name) {
  return IsOneOf(name, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                        "noframes"});
}

size_t LineAt(std::string_view s, size_t pos) {
  size_t line = 1;
  for (size_t i = 0; i < pos && i < s.size(); ++i) line += s[i] == '\n';
  return line;
}

}  // namespace

std::optional<ContentProblem> CheckHtmlNesting(std::string_view html, int max_depth) {
  std::vector<std::string> open;                // elements counted, outermost first
  std::unordered_map<std::string, int> counts;  // how many of each are open
  int foreign = 0;                              // open <svg> and <math>
  const size_t n = html.size();
  size_t i = 0;
  while (i < n) {
    const void* lt = std::memchr(html.data() + i, '<', n - i);
    if (lt == nullptr) break;
    i = static_cast<const char*>(lt) - html.data();
    if (html.substr(i, 4) == "<!--") {
      const size_t close = html.find("-->", i + 4);
      if (close == std::string_view::npos) break;
      i = close + 3;
      continue;
    }
    if (i + 1 < n && (html[i + 1] == '!' || html[i + 1] == '?')) {
      const size_t close = html.find('>', i + 2);
      if (close == std::string_view::npos) break;
      i = close + 1;
      continue;
    }
    const bool end_tag = i + 1 < n && html[i + 1] == '/';
    const size_t name_at = i + 1 + (end_tag ? 1 : 0);
    if (name_at >= n || !IsAsciiAlpha(html[name_at])) {
      ++i;  // a '<' in text
      continue;
    }
    size_t k;
    const std::string name = TagName(html, name_at, &k);
    // The tag ends at the first '>' outside a quoted attribute value (a
    // quote opens a value only right after '=', as in the tokenizer).
    for (; k < n && html[k] != '>'; ++k) {
      if (html[k] != '=') continue;
      size_t v = k + 1;
      while (v < n && IsAsciiSpace(html[v])) ++v;
      if (v < n && (html[v] == '"' || html[v] == '\'')) {
        const size_t close = html.find(html[v], v + 1);
        k = close == std::string_view::npos ? n : close;
        if (k == n) break;
      } else {
        k = v - 1;
      }
    }
    if (k >= n) break;  // a tag cut off at the end opens nothing
    const bool self_closing = html[k - 1] == '/';
    const size_t tag_at = i;
    i = k + 1;
    if (!end_tag && IsRawText(name)) {
      // Skip to "</name" (any case).
      const std::string close = "</" + name;
      size_t c = i;
      while (true) {
        c = html.find('<', c);
        if (c == std::string_view::npos) {
          c = n;
          break;
        }
        if (EqualsIgnoreCase(html.substr(c, close.size()), close)) break;
        ++c;
      }
      i = c;
      continue;
    }
    if (!end_tag && name == "plaintext") break;  // the rest is text
    if (DoesNotNest(name)) continue;
    const bool is_foreign_root = name == "svg" || name == "math";
    if (end_tag) {
      auto it = counts.find(name);
      if (it == counts.end() || it->second == 0) continue;  // not open: ignored
      // The parser closes the element (and what was opened inside it) only
      // when nothing between stops it: for a special element (div, ul...)
      // a scope boundary (table, object...), for any other (span, b...) a
      // special element. Otherwise it ignores the end tag; popping here
      // anyway would count less than the parser nests.
      const bool special = IsSpecial(name);
      size_t at = open.size();  // one past the element the end tag closes
      while (at > 0 && open[at - 1] != name &&
             !(special ? IsScopeBoundary(open[at - 1]) : IsSpecial(open[at - 1])))
        --at;
      if (at == 0 || open[at - 1] != name) continue;
      while (open.size() >= at) {
        const std::string top = std::move(open.back());
        open.pop_back();
        --counts[top];
        if (top == "svg" || top == "math") --foreign;
      }
      continue;
    }
    if (self_closing && (foreign > 0 || is_foreign_root)) continue;
    open.push_back(name);
    ++counts[name];
    if (is_foreign_root) ++foreign;
    if (open.size() > static_cast<size_t>(max_depth)) {
      const size_t line = LineAt(html, tag_at);
      return ContentProblem{line, "HTML elements nested more than " +
                                      std::to_string(max_depth) + " deep at line " +
                                      std::to_string(line) + " (the limit)"};
    }
  }
  return std::nullopt;
}

namespace {

class Extractor {
 public:
  Extractor(std::string_view html, size_t base_offset)
      : html_(html), base_(base_offset) {}

  HtmlPage Run() {
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, html_.data(),
                                 html_.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    ReadHead(output->root);
    Walk(output->root, Context());
    Flush(Context());
    return std::move(page_);
  }

 private:
  // The children of an element or the document, else none.
  static const GumboVector* Children(const GumboNode* node) {
    if (node->type == GUMBO_NODE_ELEMENT) return &node->v.element.children;
    if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
    return nullptr;
  }

  // Calls visit(node) for `root` and every node below it, in document
  // order. Iterative, like Walk(): how deep a page nests must not decide
  // whether the stack holds (CheckHtmlNesting bounds the depth only as the
  // tags are written; the parser may nest deeper).
  template <typename Visit>
  static void PreOrder(const GumboNode* root, Visit visit) {
    std::vector<const GumboNode*> todo{root};
    while (!todo.empty()) {
      const GumboNode* node = todo.back();
      todo.pop_back();
      if (!visit(node)) continue;  // false: skip what is below
      if (const GumboVector* kids = Children(node)) {
        for (unsigned i = kids->length; i > 0; --i)
          todo.push_back(static_cast<const GumboNode*>(kids->data[i - 1]));
      }
    }
  }

  // <title> and <meta> anywhere (gumbo puts them in <head>).
  void ReadHead(const GumboNode* root) {
    PreOrder(root, [&](const GumboNode* node) {
      if (node->type != GUMBO_NODE_ELEMENT) return node->type == GUMBO_NODE_DOCUMENT;
      ReadHeadElement(node);
      return true;
    });
  }

  void ReadHeadElement(const GumboNode* node) {
    const GumboElement& el = node->v.element;
    if (el.tag == GUMBO_TAG_TITLE && page_.title_element.empty()) {
      page_.title_element = std::string(TrimSpace(ChildText(node)));
    } else if (el.tag == GUMBO_TAG_META) {
      const std::string_view name = Attr(el, "name");
      const std::string_view property = Attr(el, "property");
      const std::string_view itemprop = Attr(el, "itemprop");
      const std::string_view content = TrimSpace(Attr(el, "content"));
      if (EqualsIgnoreCase(property, "og:title") && page_.og_title.empty()) {
        page_.og_title = std::string(content);
      } else if (EqualsIgnoreCase(name, "author") && page_.byline.empty()) {
        page_.byline = std::string(content);
      } else if ((EqualsIgnoreCase(property, "article:published_time") ||
                  EqualsIgnoreCase(itemprop, "datePublished")) &&
                 !content.empty()) {
        page_.published = std::string(content);  // wins over name=date
        published_strong_ = true;
      } else if ((EqualsIgnoreCase(name, "date") ||
                  EqualsIgnoreCase(name, "pubdate")) &&
                 page_.published.empty()) {
        page_.published = std::string(content);
      }
    } else if (el.tag == GUMBO_TAG_TIME && !published_strong_ &&
               page_.published.empty()) {
      page_.published = std::string(TrimSpace(Attr(el, "datetime")));
    }
  }

  static std::string ChildText(const GumboNode* node) {
    std::string out;
    PreOrder(node, [&](const GumboNode* k) {
      if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE) {
        out += k->v.text.text;
        return false;
      }
      return k->type == GUMBO_NODE_ELEMENT;
    });
    return out;
  }

  // One element (or the document) on Walk()'s stack.
  struct Frame {
    const GumboNode* node;
    Context ctx;    // the markup around the node
    Context inner;  // the markup inside it
    const GumboVector* kids = nullptr;
    unsigned next = 0;  // the next child to walk
    size_t text_before = 0;
    bool block = false;
  };

  // Appends the text of `root` and everything below it, in document order,
  // making blocks as the markup says.
  void Walk(const GumboNode* root, const Context& ctx) {
    std::vector<Frame> stack;
    auto enter = [&](const GumboNode* node, const Context& outer) {
      switch (node->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
        case GUMBO_NODE_CDATA:
          AppendText(node->v.text);
          return;
        case GUMBO_NODE_DOCUMENT:
          stack.push_back(Frame{node, outer, outer, &node->v.document.children});
          return;
        case GUMBO_NODE_ELEMENT:
          break;
        default:  // comment, template
          return;
      }
      const GumboElement& el = node->v.element;
      if (IsDropped(el.tag)) return;
      Frame f{node, outer, Inner(el, outer), &el.children};
      f.block = IsBlockLevel(el.tag);
      if (f.block) Flush(outer);
      f.text_before = page_.text.size();
      stack.push_back(f);
    };
    enter(root, ctx);
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.next < f.kids->length) {
        const GumboNode* kid = static_cast<const GumboNode*>(f.kids->data[f.next++]);
        const Context inner = f.inner;  // enter() may move the frames
        enter(kid, inner);
        continue;
      }
      if (f.node->type == GUMBO_NODE_ELEMENT) Leave(f);
      stack.pop_back();
    }
  }

  // What an element's markup says about the text inside it.
  Context Inner(const GumboElement& el, const Context& ctx) {
    Context inner = ctx;
    if (inner.kind != BlockKind::kClutter) {
      if (el.tag == GUMBO_TAG_NAV || el.tag == GUMBO_TAG_FOOTER ||
          el.tag == GUMBO_TAG_ASIDE || el.tag == GUMBO_TAG_FORM ||
          EqualsIgnoreCase(Attr(el, "role"), "navigation") ||
          ClassOrIdHas(el, "nav") || ClassOrIdHas(el, "menu") ||
          ClassOrIdHas(el, "breadcrumb")) {
        inner.kind = BlockKind::kClutter;
        inner.clutter_kind = "navigation";
      } else if (ClassOrIdHas(el, "comment")) {
        inner.kind = BlockKind::kClutter;
        inner.clutter_kind = "comments";
      } else if (el.tag == GUMBO_TAG_H1 && !seen_h1_) {
        seen_h1_ = true;
        inner.kind = BlockKind::kTitle;
        inner.in_h1 = true;
      } else if (ClassOrIdHas(el, "byline") || ClassOrIdHas(el, "author")) {
        inner.kind = BlockKind::kByline;
      }
      if (el.tag == GUMBO_TAG_A &&
          EqualsIgnoreCase(Attr(el, "rel"), "author")) {
        inner.in_rel_author = true;
      }
    }
    return inner;
  }

  // After an element's children: the h1 and rel=author text, the block end.
  void Leave(const Frame& f) {
    if (f.inner.in_h1 && !f.ctx.in_h1) {
      page_.h1 = std::string(
          TrimSpace(std::string_view(page_.text).substr(f.text_before)));
    }
    if (f.inner.in_rel_author && !f.ctx.in_rel_author && page_.byline.empty()) {
      page_.byline = std::string(
          TrimSpace(std::string_view(page_.text).substr(f.text_before)));
    }
    if (f.block) Flush(f.inner);
  }

  // Ends the current block; `ctx` is the markup that held its text.
  void Flush(const Context& ctx) {
    if (block_has_text_) {
      Block b;
      b.span = Span{block_start_, page_.text.size()};
      b.kind = ctx.kind;
      b.clutter_kind = std::string(ctx.clutter_kind);
      page_.blocks.push_back(std::move(b));
    }
    block_has_text_ = false;
    pending_space_ = false;
  }

  void AddRun(size_t text_size, size_t original_start, size_t original_size) {
    const size_t text_start = page_.text.size() - text_size;
    original_start += base_;
    if (!page_.offsets.empty()) {
      OffsetRun& last = page_.offsets.back();
      if (last.text_size == last.original_size && text_size == original_size &&
          last.text_start + last.text_size == text_start &&
          last.original_start + last.original_size == original_start) {
        last.text_size += text_size;
        last.original_size += original_size;
        return;
      }
    }
    page_.offsets.push_back(
        OffsetRun{text_start, text_size, original_start, original_size});
  }

  // Called before the first byte of visible text: opens a block or emits the
  // collapsed space.
  void BeforeVisible() {
    if (!block_has_text_) {
      if (!page_.text.empty()) page_.text += "\n\n";
      block_start_ = page_.text.size();
      block_has_text_ = true;
    } else if (pending_space_) {
      page_.text += ' ';
      AddRun(1, pending_space_at_, 1);
    }
    pending_space_ = false;
  }

  // Appends a text node, aligning the decoded text (`t.text`) with the HTML
  // it came from (`t.original_text`) so entities map to their source bytes.
  void AppendText(const GumboText& t) {
    const std::string_view d(t.text);
    std::string_view o(t.original_text.data, t.original_text.length);
    size_t o_base = t.start_pos.offset;
    if (o.data() != nullptr && o.data() >= html_.data() &&
        o.data() <= html_.data() + html_.size()) {
      o_base = o.data() - html_.data();
    }
    size_t i = 0, j = 0;
    while (j < d.size()) {
      if (IsAsciiSpace(d[j])) {
        while (j < d.size() && IsAsciiSpace(d[j])) ++j;
        while (i < o.size() && IsAsciiSpace(o[i])) ++i;
        if (block_has_text_ && !pending_space_) {
          pending_space_ = true;
          pending_space_at_ = o_base + (i > 0 ? i - 1 : 0);
        }
        continue;
      }
      BeforeVisible();
      if (i >= o.size()) {  // original exhausted (should not happen)
        page_.text.push_back(d[j++]);
        AddRun(1, o_base + o.size(), 0);
        continue;
      }
      if (o[i] == '&') {
        size_t k = i + 1;
        if (k < o.size() && o[k] == '#') ++k;
        while (k < o.size() && IsAsciiAlnum(o[k])) ++k;
        if (k < o.size() && o[k] == ';') ++k;
        const size_t ref_len = k - i;
        const bool literal =
            ref_len == 1 || (d.size() - j >= ref_len &&
                             d.substr(j, ref_len) == o.substr(i, ref_len));
        if (!literal) {
          // The reference decodes to one code point (two for a few
          // entities); legacy references without ';' ("&notit") may end
          // before k. Take the first reading after which the bytes line up.
          const auto resync = [&](size_t len) {
            const std::string_view rest_d = d.substr(j + len, 4);
            for (size_t cand = k; cand >= i + 2; --cand) {
              if (o.substr(cand, rest_d.size()) == rest_d) return cand;
            }
            return std::string_view::npos;
          };
          size_t len = std::min(Utf8Length(static_cast<unsigned char>(d[j])),
                                d.size() - j);
          size_t end = resync(len);
          if (end == std::string_view::npos && j + len < d.size()) {
            const size_t len2 =
                len +
                std::min(Utf8Length(static_cast<unsigned char>(d[j + len])),
                         d.size() - j - len);
            end = resync(len2);
            if (end != std::string_view::npos) len = len2;
          }
          if (end == std::string_view::npos) end = k;
          page_.text.append(d.substr(j, len));
          AddRun(len, o_base + i, end - i);
          i = end;
          j += len;
          continue;
        }
      }
      // Literal stretch: identical bytes up to whitespace or '&'.
      size_t n = 0;
      while (j + n < d.size() && i + n < o.size() && d[j + n] == o[i + n] &&
             !IsAsciiSpace(d[j + n]) && (n == 0 || o[i + n] != '&')) {
        ++n;
      }
      if (n == 0) n = 1;  // mismatch (e.g. a replaced byte): keep going 1:1
      page_.text.append(d.substr(j, n));
      AddRun(n, o_base + i, std::min(n, o.size() - i));
      i = std::min(i + n, o.size());
      j += n;
    }
  }

  std::string_view html_;
  size_t base_;
  HtmlPage page_;
  size_t block_start_ = 0;
  bool block_has_text_ = false;
  bool pending_space_ = false;
  size_t pending_space_at_ = 0;
  bool seen_h1_ = false;
  bool published_strong_ = false;
};

}  // namespace

HtmlPage ExtractHtml(std::string_view html, size_t base_offset) {
  return Extractor(html, base_offset).Run();
}

}  // namespace internal
}  // namespace crosscheck
