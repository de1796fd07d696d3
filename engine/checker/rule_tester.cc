#include "engine/checker/rule_tester.h"

#include <cmath>
#include <cstdlib>
#include <memory>

#include "engine/compare/comparer.h"
#include "engine/ingest/date_parser.h"
#include "engine/ingest/ingest.h"
#include "engine/normalize/normalizer.h"
#include "engine/rules/entities.h"
#include "engine/rules/matcher.h"

namespace crosscheck {
namespace {

// "2016", "1000", "2022-07-15" -> a number in the fact's compare kind; ""
// is unbounded (`low` says which way).
bool ParseBound(const std::string& text, ValueKind kind, bool low, double* out) {
  if (text.empty()) {
    *out = low ? -kUnbounded : kUnbounded;
    return true;
  }
  if (kind == ValueKind::kDate || kind == ValueKind::kDateRange) {
    ReferenceDate d;
    if (!internal::ParseIsoDate(text, &d) || d.day == 0) return false;
    *out = static_cast<double>(DaysFromCivil(d.year, d.month, d.day));
    return true;
  }
  char* end = nullptr;
  *out = std::strtod(text.c_str(), &end);
  return end != text.c_str() && *end == '\0';
}

bool Same(double a, double b) {
  return a == b || std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
}

// Does the claim state the example's value? A single value is a point, or
// the finite bound of an open interval ("more than 30" states 30).
bool ValueMatches(const RuleExample& e, const Claim& c, std::string* why) {
  const size_t dots = e.value.find("..");
  double lo, hi;
  if (dots != std::string::npos) {
    if (!ParseBound(e.value.substr(0, dots), c.fact_kind, true, &lo) ||
        !ParseBound(e.value.substr(dots + 2), c.fact_kind, false, &hi)) {
      *why = "value '" + e.value + "' is not a number, date or lo..hi";
      return false;
    }
    return Same(c.lo, lo) && Same(c.hi, hi);
  }
  double v;
  if (!ParseBound(e.value, c.fact_kind, true, &v)) {
    *why = "value '" + e.value + "' is not a number, date or lo..hi";
    return false;
  }
  return (Same(c.lo, v) && Same(c.hi, v)) || (Same(c.lo, v) && std::isinf(c.hi)) ||
         (std::isinf(c.lo) && Same(c.hi, v));
}

std::string Describe(const Claim& c) {
  return c.rule + " " + c.subject + "=" +
         DisplayValue(c.fact_kind, c.lo, c.hi, c.value.qualifier, c.value.unit) +
         " (\"" + c.text + "\")";
}

}  // namespace

StatusOr<RuleTestReport> TestRuleExamples(const RuleSet& rules) {
  CC_ASSIGN_OR_RETURN(std::unique_ptr<Matcher> matcher, Matcher::Create(rules));
  const Normalizer normalizer;
  RuleTestReport report;
  for (const FactDef& fact : rules.facts()) {
    const std::string rule = fact.pack + "/" + fact.id;
    bool fired = false;
    for (const RuleExample& e : fact.examples) {
      ExampleResult r;
      r.fact = &fact;
      r.example = &e;
      // A headline line first, so the example is body text.
      StatusOr<Document> doc =
          ParseArticle("Rule example\n\n" + e.text + "\n", "txt", e.origin, "example");
      if (!doc.ok()) {
        r.message = doc.status().message();
      } else {
        if (!e.published.empty() &&
            !internal::ParseIsoDate(e.published, &doc->published)) {
          r.message = "published '" + e.published + "' is not a date";
        }
        const SentenceValues values = normalizer.ExtractSentences(*doc);
        EntityIndex entities(rules);
        const DocMentions mentions = entities.Scan(*doc);
        entities.Add(mentions);
        entities.Finish();
        const std::vector<Claim> claims = matcher->Extract(
            *doc, values, mentions, entities,
            matcher->Speakers(*doc, mentions, entities));
        std::vector<const Claim*> mine;
        std::string others;
        for (const Claim& c : claims) {
          if (c.rule == rule) mine.push_back(&c);
          else others += (others.empty() ? "" : "; ") + Describe(c);
        }
        if (!r.message.empty()) {
          // keep the published error
        } else if (!e.must_match) {
          r.passed = mine.empty();
          if (!r.passed) r.message = "must not match, but gave " + Describe(*mine.front());
        } else {
          std::string why;
          for (const Claim* c : mine) {
            if (!e.subject.empty() && c->subject != e.subject) {
              why = "subject " + c->subject + ", not " + e.subject;
              continue;
            }
            if (!e.qualifier.empty() && QualifierName(c->value.qualifier) != e.qualifier) {
              why = "qualifier " + std::string(QualifierName(c->value.qualifier)) +
                    ", not " + e.qualifier;
              continue;
            }
            if (!ValueMatches(e, *c, &why)) {
              if (why.empty()) why = "value " + Describe(*c) + ", not " + e.value;
              continue;
            }
            r.passed = true;
            break;
          }
          if (r.passed) {
            fired = true;
          } else if (mine.empty()) {
            std::string found;
            for (const auto& sentence : values)
              for (const Value& v : sentence)
                found += (found.empty() ? "" : ", ") + doc->text.substr(v.start, v.end - v.start) +
                         " (" + std::string(KindName(v.kind)) + ")";
            r.message = "no claim of " + fact.id + "; values in the text: " +
                        (found.empty() ? "none" : found) +
                        (others.empty() ? "" : "; other claims: " + others);
          } else {
            r.message = why;
          }
        }
      }
      (r.passed ? report.passed : report.failed) += 1;
      report.results.push_back(std::move(r));
    }
    if (!fired) report.never_fire.push_back(&fact);
  }
  return report;
}

}  // namespace crosscheck
