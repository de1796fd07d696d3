// Claims and value groups for the report writers' tests, built by hand.
#ifndef CROSSCHECK_TESTS_REPORT_REPORT_BUILDERS_H_
#define CROSSCHECK_TESTS_REPORT_REPORT_BUILDERS_H_

#include <string>
#include <utility>
#include <vector>

#include "crosscheck/finding.h"

namespace crosscheck::report_test {

// A claim whose words `text` are quoted in `sentence`, the sentence starting
// at byte `sentence_start` of its file: start/end and sentence_end follow.
inline Claim Quoted(std::string source, const std::string& text, std::string sentence,
                    size_t sentence_start) {
  Claim c;
  c.source = std::move(source);
  c.text = text;
  c.sentence_start = sentence_start;
  c.start = sentence_start + sentence.find(text);
  c.end = c.start + text.size();
  c.sentence_end = sentence_start + sentence.size();
  c.sentence = std::move(sentence);
  return c;
}

// One side of a fact: a value and the claims that state it.
inline ValueGroup Side(std::string display, ValueKind kind, double lo, double hi,
                       std::vector<Claim> claims, Qualifier q = Qualifier::kExact) {
  ValueGroup g;
  g.display = std::move(display);
  g.kind = kind;
  g.lo = lo;
  g.hi = hi;
  g.qualifier = q;
  g.claims = std::move(claims);
  return g;
}

}  // namespace crosscheck::report_test

#endif  // CROSSCHECK_TESTS_REPORT_REPORT_BUILDERS_H_
