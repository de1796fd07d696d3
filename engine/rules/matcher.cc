#include "engine/rules/matcher.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <unordered_map>

namespace crosscheck {
namespace {

// Memory budget for the trigger set of all packs together.
constexpr int64_t kSetMaxMem = 64 << 20;

// The value in the kind its fact compares in: a date's year for a year fact,
// a year's days for a date fact.
bool ConvertValue(const Value& v, ValueKind fact_kind, double* lo, double* hi) {
  const bool v_calendar = IsCalendarKind(v.kind);
  const bool f_calendar = IsCalendarKind(fact_kind);
  if (v_calendar != f_calendar) return false;
  if (!v_calendar) {
    *lo = v.lo;
    *hi = v.hi;
    return true;
  }
  auto year_of = [](double days) {
    if (std::isinf(days)) return days;
    int y, m, d;
    CivilFromDays(static_cast<int64_t>(days), &y, &m, &d);
    return static_cast<double>(y);
  };
  if (fact_kind == ValueKind::kYear) {
    if (v.kind == ValueKind::kYear) {
      *lo = v.lo;
      *hi = v.hi;
    } else {
      *lo = year_of(v.lo);
      *hi = year_of(v.hi);
    }
    return true;
  }
  if (v.kind == ValueKind::kYear) {
    *lo = std::isinf(v.lo) ? v.lo
                           : DaysFromCivil(static_cast<int>(v.lo), 1, 1);
    *hi = std::isinf(v.hi) ? v.hi
                           : DaysFromCivil(static_cast<int>(v.hi), 12, 31);
  } else {
    *lo = v.lo;
    *hi = v.hi;
  }
  return true;
}

// Where a value stands: the headline, inside quotation marks in its
// sentence (more opening than closing quotes before it; straight quotes
// counted in pairs), or the body. A quotation that runs over several
// sentences counts only in the sentence that opens it.
unsigned ScopeOf(const Sentence& sentence, std::string_view text, size_t at) {
  if (sentence.headline) return kScopeHeadline;
  int open = 0, straight = 0;
  for (size_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '"') {
      ++straight;
    } else if (text[i] == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80') {
      if (text[i + 2] == '\x9C') ++open;
      if (text[i + 2] == '\x9D') --open;
    }
  }
  return (open > 0 || straight % 2 == 1) ? kScopeQuote : kScopeBody;
}

std::string FillLabel(const std::string& label, const std::string& subject) {
  std::string out = label;
  const std::string slot = "{subject}";
  for (size_t p = out.find(slot); p != std::string::npos; p = out.find(slot))
    out.replace(p, slot.size(), subject);
  return out;
}

}  // namespace

Matcher::Matcher(const RuleSet& rules) : rules_(rules) {}
Matcher::~Matcher() = default;

StatusOr<std::unique_ptr<Matcher>> Matcher::Create(const RuleSet& rules) {
  std::unique_ptr<Matcher> m(new Matcher(rules));
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_max_mem(kSetMaxMem);
  m->triggers_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  const auto& facts = rules.facts();
  for (size_t f = 0; f < facts.size(); ++f) {
    for (size_t t = 0; t < facts[f].near.size(); ++t) {
      std::string error;
      if (m->triggers_->Add(facts[f].near[t].pattern, &error) < 0)
        return Status::InvalidArgument(facts[f].origin + ": trigger '" +
                                       facts[f].near[t].pattern + "': " + error);
      m->trigger_owner_.emplace_back(static_cast<int>(f), static_cast<int>(t));
    }
  }
  if (!m->triggers_->Compile())
    return Status::ResourceExhausted(
        "rule triggers need more than the 64 MiB RE2 budget; split the packs");
  for (size_t f = 0; f < facts.size(); ++f) m->order_.push_back(static_cast<int>(f));
  std::stable_sort(m->order_.begin(), m->order_.end(), [&](int a, int b) {
    return facts[a].priority > facts[b].priority;
  });
  m->speech_ = std::make_unique<RE2>(
      "\\b(said|says|told|added|adding|concluded|wrote|writes|stated|"
      "claimed|warned|noted|argued|insisted|announced|confirmed|alleged|"
      "acknowledged|lamented|explained|reported|according to)\\b",
      options);
  return m;
}

std::string Matcher::Speaker(const Document& doc, int sentence,
                             const DocMentions& mentions,
                             const EntityIndex& entities) const {
  const Span span = doc.sentences[sentence].span;
  const std::string_view text = doc.Slice(span);
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  while (RE2::FindAndConsume(&input, *speech_, &match)) {
    const size_t start = span.start + (match.data() - text.data());
    // "told reporters": the one told is not the speaker; "according to X":
    // the speaker follows.
    SubjectSide side = SubjectSide::kAny;
    if (match.starts_with("told")) side = SubjectSide::kBefore;
    if (match.starts_with("according")) side = SubjectSide::kAfter;
    const int c = entities.ResolveSpeaker(mentions, sentence, start,
                                          start + match.size(), side);
    if (c >= 0) return entities.cluster(c).name;
  }
  return "";
}

std::vector<std::string> Matcher::Speakers(const Document& doc,
                                           const DocMentions& mentions,
                                           const EntityIndex& entities) const {
  std::vector<std::string> out(doc.sentences.size());
  for (size_t s = 0; s < doc.sentences.size(); ++s)
    out[s] = Speaker(doc, static_cast<int>(s), mentions, entities);
  return out;
}

std::vector<RelativeDate> Matcher::FindRelativeDates(
    const Document& doc, const SentenceValues& values,
    const DocMentions& mentions, const EntityIndex& entities) const {
  std::vector<RelativeDate> out;
  for (size_t si = 0; si < doc.sentences.size() && si < values.size(); ++si) {
    const std::vector<Value>& vs = values[si];
    for (size_t i = 0; i + 1 < vs.size(); ++i) {
      const Value& date = vs[i];
      const Value& gap = vs[i + 1];
      if (date.kind != ValueKind::kDate || gap.kind != ValueKind::kDuration) continue;
      const std::string_view between =
          std::string_view(doc.text).substr(date.end, gap.start - date.end);
      if (between.size() > 4 ||
          between.find_first_not_of(" ,") != std::string_view::npos)
        continue;
      double unit_days = 0;
      if (gap.unit == "day") unit_days = 1;
      else if (gap.unit == "week") unit_days = 7;
      else if (gap.unit == "month") unit_days = 30;
      else if (gap.unit == "year") unit_days = 365;
      if (unit_days == 0 || gap.lo != gap.hi) continue;
      // "<gap> before|after the <event>"
      const std::string_view rest =
          std::string_view(doc.text).substr(gap.end, 40);
      int sign = 0;
      size_t word_end = 0;
      for (const auto& [word, s] : {std::pair<const char*, int>{" before ", 1},
                                    {" after ", -1},
                                    {" earlier than ", 1},
                                    {" later than ", -1}}) {
        if (rest.substr(0, std::strlen(word)) == word) {
          sign = s;
          word_end = gap.end + std::strlen(word);
        }
      }
      if (sign == 0) continue;
      for (const Mention& m : mentions.by_sentence[si]) {
        if (m.start < word_end || m.start > word_end + 4) continue;
        const int c = entities.Resolve(mentions, static_cast<int>(si), m.start,
                                       SubjectSide::kAfter, EntityType::kAny);
        if (c < 0) break;
        RelativeDate r;
        r.entity = entities.cluster(c).id;
        r.offset_days = static_cast<int64_t>(sign * gap.lo * unit_days);
        r.phrase = std::string(doc.text.substr(gap.start, m.end - gap.start));
        Claim& a = r.anchor;
        a.source = doc.id;
        a.subject = r.entity;
        a.value = date;
        a.fact_kind = ValueKind::kDate;
        a.lo = date.lo;
        a.hi = date.hi;
        a.text = std::string(doc.text.substr(date.start, date.end - date.start));
        const Span span = doc.sentences[si].span;
        a.sentence = std::string(doc.Slice(span));
        a.start = doc.OriginalOffset(date.start);
        a.end = doc.OriginalOffset(date.end);
        a.sentence_start = doc.OriginalOffset(span.start);
        a.sentence_end = doc.OriginalOffset(span.end);
        a.rule = "relative_date";
        out.push_back(std::move(r));
        break;
      }
    }
  }
  return out;
}

std::vector<Claim> Matcher::Extract(const Document& doc,
                                    const SentenceValues& values,
                                    const DocMentions& mentions,
                                    const EntityIndex& entities,
                                    const std::vector<std::string>& speakers) const {
  std::vector<Claim> claims;
  const auto& facts = rules_.facts();
  // Facts of packs scoped to other stories do not apply to this article.
  // (Once per pack: PackApplies scans the article's text.)
  std::unordered_map<std::string, bool> pack_applies;
  std::vector<bool> active(facts.size());
  for (size_t f = 0; f < facts.size(); ++f) {
    auto it = pack_applies.find(facts[f].pack);
    if (it == pack_applies.end())
      it = pack_applies.emplace(facts[f].pack, rules_.PackApplies(facts[f].pack, doc.text))
               .first;
    active[f] = it->second;
  }
  std::vector<int> hits;
  for (size_t si = 0; si < doc.sentences.size() && si < values.size(); ++si) {
    if (values[si].empty()) continue;
    const Sentence& sentence = doc.sentences[si];
    const std::string_view text = doc.Slice(sentence.span);
    const size_t base = sentence.span.start;
    hits.clear();
    triggers_->Match(re2::StringPiece(text.data(), text.size()), &hits);
    std::vector<std::vector<int>> fact_hits(facts.size());
    for (int h : hits) fact_hits[trigger_owner_[h].first].push_back(trigger_owner_[h].second);
    // Excluded facts for this sentence, computed once.
    std::vector<signed char> excluded(facts.size(), -1);
    for (const Value& v : values[si]) {
      const size_t vs = v.start - base, ve = v.end - base;
      for (int fi : order_) {
        const FactDef& f = facts[fi];
        if (!active[fi]) continue;
        if (std::find(f.kinds.begin(), f.kinds.end(), v.kind) == f.kinds.end())
          continue;
        if (!f.unit.empty() && v.unit != f.unit) continue;
        if (!(f.scope & ScopeOf(sentence, text, vs))) continue;
        if (!f.near.empty() && fact_hits[fi].empty()) continue;
        if (excluded[fi] < 0) {
          excluded[fi] = 0;
          for (const auto& re : f.exclude) {
            if (RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re)) {
              excluded[fi] = 1;
              break;
            }
          }
        }
        if (excluded[fi] == 1) continue;
        // The words right before the value (80 bytes) and after it.
        const re2::StringPiece ahead(text.data() + (vs > 80 ? vs - 80 : 0),
                                     vs > 80 ? 80 : vs);
        const re2::StringPiece behind(text.data() + ve, text.size() - ve);
        if (f.before && !RE2::PartialMatch(ahead, *f.before)) continue;
        if (f.after && !RE2::PartialMatch(behind, *f.after)) continue;
        auto any_match = [](const auto& patterns, const re2::StringPiece& words) {
          return std::any_of(patterns.begin(), patterns.end(),
                             [&](const auto& re) { return RE2::PartialMatch(words, *re); });
        };
        if (any_match(f.not_before, ahead) || any_match(f.not_after, behind)) continue;
        // Nearest trigger within the window.
        size_t anchor = v.start;
        SubjectSide side = f.subject_side;
        if (!f.near.empty()) {
          size_t best = SIZE_MAX;
          for (int ti : fact_hits[fi]) {
            const Trigger& t = f.near[ti];
            const re2::StringPiece input(text.data(), text.size());
            re2::StringPiece m;
            size_t pos = 0;
            while (pos <= text.size() &&
                   t.re->Match(input, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
              const size_t ms = m.data() - text.data(), me = ms + m.size();
              pos = me > ms ? me : me + 1;
              const size_t d = me <= vs ? vs - me : (ms >= ve ? ms - ve : 0);
              if (d <= static_cast<size_t>(f.window) && d < best) {
                best = d;
                anchor = base + (t.subject == SubjectSide::kAfter ? me : ms);
                side = t.subject == SubjectSide::kAny ? f.subject_side : t.subject;
              }
            }
          }
          if (best == SIZE_MAX) continue;
        }
        // Subject.
        int cluster = -1;
        if (!f.subject_entity.empty()) {
          cluster = entities.Resolve(mentions, static_cast<int>(si), anchor,
                                     side, EntityType::kAny);
          if (cluster < 0 || entities.cluster(cluster).id != f.subject_entity) {
            if (!entities.Mentions(mentions, static_cast<int>(si), f.subject_entity))
              continue;
            cluster = entities.FindCluster(f.subject_entity);
          }
        } else {
          cluster = entities.Resolve(mentions, static_cast<int>(si), anchor,
                                     side, f.subject_type,
                                     static_cast<size_t>(f.subject_within));
        }
        if (cluster < 0) continue;
        Claim c;
        if (!ConvertValue(v, f.compare_kind, &c.lo, &c.hi)) continue;
        const Cluster& subject = entities.cluster(cluster);
        const FactDef* keyed = &f;
        if (!f.counts_as.empty()) keyed = rules_.FindFact(f.counts_as);
        c.source = doc.id;
        c.fact_id = keyed->id;
        c.subject = subject.id;
        c.key = subject.id + "." + keyed->id;
        c.label = FillLabel(keyed->label, subject.name);
        c.rule = f.pack + "/" + f.id;
        c.value = v;
        c.fact_kind = f.compare_kind;
        c.text = std::string(doc.text.substr(v.start, v.end - v.start));
        c.sentence = std::string(text);
        c.start = doc.OriginalOffset(v.start);
        c.end = doc.OriginalOffset(v.end);
        c.sentence_start = doc.OriginalOffset(sentence.span.start);
        c.sentence_end = doc.OriginalOffset(sentence.span.end);
        c.headline = sentence.headline;
        if (si < speakers.size()) c.attributed_to = speakers[si];
        claims.push_back(std::move(c));
        break;  // one claim per value
      }
    }
  }
  return claims;
}

}  // namespace crosscheck
