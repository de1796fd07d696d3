#include "engine/ingest/clutter.h"

#include <string>
#include <unordered_map>

#include "engine/ingest/phrase_scan.h"
#include "engine/ingest/text_util.h"

namespace crosscheck {
namespace internal {
namespace {

constexpr std::string_view kAdvertisement = "advertisement";
constexpr std::string_view kSpamLinks = "spam_links";
constexpr std::string_view kShareAppeal = "share_appeal";
constexpr std::string_view kRelatedLinks = "related_links";
constexpr std::string_view kCredit = "credit";
constexpr std::string_view kNavigation = "navigation";
constexpr std::string_view kComments = "comments";
constexpr std::string_view kRepeatedCaption = "repeated_caption";

// Strips dashes, bullets, stars and spaces (ASCII and the common UTF-8
// dashes) from both ends.
std::string_view StripDecoration(std::string_view s) {
  for (bool changed = true; changed;) {
    changed = false;
    s = TrimSpace(s);
    for (std::string_view d :
         {"-", "*", "|", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA2"}) {
      if (s.size() >= d.size() && s.substr(0, d.size()) == d) {
        s.remove_prefix(d.size());
        changed = true;
      }
      if (s.size() >= d.size() && s.substr(s.size() - d.size()) == d) {
        s.remove_suffix(d.size());
        changed = true;
      }
    }
  }
  return s;
}

bool IsAdvertisement(std::string_view line) {
  const std::string_view s = StripDecoration(line);
  for (std::string_view k :
       {"advertisement", "advertisements", "advertising", "sponsored",
        "sponsored content", "paid content", "ad", "promoted",
        "advertisement - scroll to continue",
        "story continues below advertisement"}) {
    if (EqualsIgnoreCase(s, k)) return true;
  }
  return false;
}

bool IsCommentsHeading(std::string_view line) {
  std::string_view s = StripDecoration(line);
  if (!s.empty() && s.back() == ':') s.remove_suffix(1);
  for (std::string_view k :
       {"leave a reply", "leave a comment", "comments", "post a comment",
        "add a comment", "join the discussion", "join the conversation",
        "show comments", "view comments"}) {
    if (EqualsIgnoreCase(s, k)) return true;
  }
  // "12 Comments", "1 comment", "Comments (4)"
  size_t n = 0;
  while (n < s.size() && IsAsciiDigit(s[n])) ++n;
  if (n > 0 && n < s.size() && s[n] == ' ') {
    const std::string_view rest = s.substr(n + 1);
    if (EqualsIgnoreCase(rest, "comments") ||
        EqualsIgnoreCase(rest, "comment") ||
        EqualsIgnoreCase(rest, "responses") ||
        EqualsIgnoreCase(rest, "replies")) {
      return true;
    }
  }
  return StartsWithIgnoreCase(s, "comments (") && s.back() == ')' &&
         s.size() < 20;
}

// A recent-comments widget line: "<name or url> in: <post title>". The name
// is one token (a user name or a URL) or two capitalised words.
bool IsCommentWidgetLine(std::string_view line) {
  if (line.size() > 300) return false;
  // The first " in: ", found by its colon (rare, unlike the space).
  size_t at = std::string_view::npos;
  for (size_t colon = line.find(':'); colon != std::string_view::npos;
       colon = line.find(':', colon + 1)) {
    if (colon >= 3 && line.compare(colon - 3, 5, " in: ") == 0) {
      at = colon - 3;
      break;
    }
  }
  if (at == std::string_view::npos || at == 0) return false;
  if (TrimSpace(line.substr(at + 5)).empty()) return false;
  const std::string_view who = line.substr(0, at);
  const size_t space = who.find(' ');
  if (space == std::string_view::npos) return true;
  if (who.find(' ', space + 1) != std::string_view::npos) return false;
  return IsAsciiUpper(who[0]) && space + 1 < who.size() &&
         IsAsciiUpper(who[space + 1]);
}

// `has_url`: the line holds "http://", "https://" or "www." in any case
// (else no token begins so, and the second test is not made).
bool IsSpamLinks(std::string_view line, bool has_url) {
  static constexpr std::string_view kTlds[] = {
      "com", "org", "net", "info", "biz", "xyz", "top", "vip", "ru", "io"};
  int domains = 0;
  size_t url_bytes = 0;
  for (size_t i = line.find('.', 1); i != std::string_view::npos && i + 2 < line.size();
       i = line.find('.', i + 1)) {
    if (!IsAsciiAlnum(line[i - 1])) continue;
    for (std::string_view tld : kTlds) {
      if (line.compare(i + 1, tld.size(), tld) == 0) {
        ++domains;
        break;
      }
    }
  }
  if (domains >= 3) return true;
  if (!has_url) return false;
  // Mostly URLs: bytes of http(s):// and www. tokens over the non-space bytes.
  size_t visible = 0;
  for (size_t i = 0; i < line.size();) {
    if (IsAsciiSpace(line[i])) {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < line.size() && !IsAsciiSpace(line[e])) ++e;
    const std::string_view token = line.substr(i, e - i);
    visible += token.size();
    if (StartsWithIgnoreCase(token, "http://") ||
        StartsWithIgnoreCase(token, "https://") ||
        StartsWithIgnoreCase(token, "www.")) {
      url_bytes += token.size();
    }
    i = e;
  }
  return url_bytes > 0 && url_bytes * 2 > visible;
}

bool IsRelatedHeading(std::string_view line) {
  if (line.size() >= 200) return false;
  const std::string_view s = StripDecoration(line);
  for (std::string_view k :
       {"related stories", "related articles", "related posts", "related",
        "recent articles", "recent posts", "recent stories",
        "you may also like", "you might also like", "more on the subject",
        "read more", "read also", "see also", "more stories", "most read",
        "popular posts", "latest news", "more from"}) {
    if (!StartsWithIgnoreCase(s, k)) continue;
    // The heading alone, or followed by ':' or a dash and a headline; never
    // a sentence that happens to start with the words.
    const std::string_view rest = TrimSpace(s.substr(k.size()));
    if (rest.empty() || rest[0] == ':' || rest[0] == '-' || rest[0] == '|' ||
        rest.substr(0, 3) == "\xE2\x80\x93" ||
        rest.substr(0, 3) == "\xE2\x80\x94" ||
        rest.substr(0, 2) == "\xC2\xBB") {
      return true;
    }
  }
  return false;
}

bool IsCredit(std::string_view line) {
  if (line.size() >= 150) return false;
  const std::string_view s = TrimSpace(line);
  for (std::string_view k : {"credit:", "credits:", "photo:", "photo credit",
                             "photos:", "image:", "image credit",
                             "picture:", "photograph:", "source link",
                             "featured image", "cover photo"}) {
    if (StartsWithIgnoreCase(s, k)) return true;
  }
  return false;
}

// `separators`: the breadcrumb marks in the line with a space on each side.
bool IsBreadcrumb(std::string_view line, int separators) {
  if (line.size() >= 300) return false;
  if (separators >= 2) return true;
  return separators == 1 && StartsWithIgnoreCase(line, "home ");
}

// What one case-blind pass over a line finds for the tests below, each of
// which once searched the whole line itself (a dozen passes a line, and a
// lower-cased copy).
struct LineMarks {
  bool comment_notice = false;  // "your email address will not be published"
  bool share_phrase = false;    // "share this article", "become a patron"...
  bool short_appeal = false;    // "donate", "subscribe": an appeal in a short line
  bool url = false;             // "http://", "https://", "www."
  int separators = 0;           // " » ", " › ", " > "
};

class LineScan {
 public:
  LineScan() : scan_(Phrases()) {}

  LineMarks Find(std::string_view line) const {
    LineMarks m;
    scan_.ForEachCaseBlind(line, [&](size_t k, size_t at) {
      switch (kPhrases[k].kind) {
        case kNotice: m.comment_notice = true; break;
        case kShare: m.share_phrase = true; break;
        case kShort: m.short_appeal = true; break;
        case kUrl: m.url = true; break;
        case kSeparator: {
          const size_t end = at + kPhrases[k].text.size();
          if (at > 0 && line[at - 1] == ' ' && end < line.size() && line[end] == ' ')
            ++m.separators;
          break;
        }
      }
    });
    return m;
  }

 private:
  enum Kind : uint8_t { kNotice, kShare, kShort, kUrl, kSeparator };
  struct Phrase {
    std::string_view text;  // lower case: the scan is case-blind
    Kind kind;
  };
  static constexpr Phrase kPhrases[] = {
      {"your email address will not be published", kNotice},
      {"required fields are marked", kNotice},
      {"feel free to share", kShare}, {"share this article", kShare},
      {"share this story", kShare}, {"share this post", kShare},
      {"share on facebook", kShare}, {"share on twitter", kShare},
      {"support our journalism", kShare}, {"support independent journalism", kShare},
      {"by blocking rt,", kShare}, {"please share", kShare},
      {"become a patron", kShare}, {"sign up for our newsletter", kShare},
      {"donate", kShort}, {"subscribe", kShort},
      {"http://", kUrl}, {"https://", kUrl}, {"www.", kUrl},
      {"\xC2\xBB", kSeparator}, {"\xE2\x80\xBA", kSeparator}, {">", kSeparator}};

  static std::vector<std::string> Phrases() {
    std::vector<std::string> out;
    for (const Phrase& p : kPhrases) out.emplace_back(p.text);
    return out;
  }

  PhraseScan scan_;
};

// Looks like a headline: short, no final period.
bool IsHeadlineLike(std::string_view line) {
  return line.size() < 150 && LastSignificantChar(line) != '.';
}

}  // namespace

std::string_view ClassifyClutterLine(std::string_view line) {
  static const auto* const scan = new LineScan();
  line = TrimSpace(line);
  if (IsAdvertisement(line)) return kAdvertisement;
  const LineMarks marks = scan->Find(line);
  if (IsBreadcrumb(line, marks.separators)) return kNavigation;
  if (marks.comment_notice || IsCommentsHeading(line)) return kComments;
  if (IsSpamLinks(line, marks.url)) return kSpamLinks;
  if (IsRelatedHeading(line)) return kRelatedLinks;
  if (IsCredit(line)) return kCredit;
  // A share appeal: one of its phrases, or a short line that asks to
  // donate or subscribe.
  if (marks.share_phrase || (marks.short_appeal && line.size() < 200)) return kShareAppeal;
  return {};
}

void MarkClutter(std::string_view text, std::vector<Block>* blocks) {
  const auto mark = [](Block& b, std::string_view kind) {
    b.kind = BlockKind::kClutter;
    b.clutter_kind = std::string(kind);
  };
  size_t comments_from = blocks->size();
  for (size_t i = 0; i < blocks->size(); ++i) {
    Block& b = (*blocks)[i];
    if (b.kind != BlockKind::kBody) continue;
    const std::string_view line =
        TrimSpace(text.substr(b.span.start, b.span.size()));
    // A widget line ("https://spam.example in: Post") is a comment first,
    // whatever else it looks like.
    std::string_view kind = i > 0 && IsCommentWidgetLine(line)
                                ? kComments
                                : ClassifyClutterLine(line);
    if (kind.empty()) continue;
    mark(b, kind);
    if (kind == kComments && comments_from == blocks->size()) {
      comments_from = i;  // the comment section runs to the end of the page
    }
    if (kind == kRelatedLinks) {
      // Headline-like lines right after the heading are its links.
      size_t k = i + 1;
      for (; k < blocks->size() && k < i + 11; ++k) {
        Block& next = (*blocks)[k];
        if (next.kind != BlockKind::kBody) continue;
        const std::string_view nl =
            TrimSpace(text.substr(next.span.start, next.span.size()));
        if (!IsHeadlineLike(nl) || !ClassifyClutterLine(nl).empty()) break;
        mark(next, kRelatedLinks);
      }
      i = k - 1;
    }
  }
  for (size_t i = comments_from + 1; i < blocks->size(); ++i) {
    Block& b = (*blocks)[i];
    if (b.kind != BlockKind::kClutter) mark(b, kComments);
  }
  // Repeated short lines: image captions, widget titles.
  std::unordered_map<std::string_view, int> counts;
  for (const Block& b : *blocks) {
    if (b.kind != BlockKind::kBody || b.span.size() >= 100) continue;
    const std::string_view line = text.substr(b.span.start, b.span.size());
    if (LastSignificantChar(line) == '.') continue;
    ++counts[line];
  }
  for (Block& b : *blocks) {
    if (b.kind != BlockKind::kBody || b.span.size() >= 100) continue;
    auto it = counts.find(text.substr(b.span.start, b.span.size()));
    if (it != counts.end() && it->second >= 2) mark(b, kRepeatedCaption);
  }
}

}  // namespace internal
}  // namespace crosscheck
