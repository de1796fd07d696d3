// Claims for the copy-detection tests (tests/score/truth_test.cc and
// tests/e2e/fuse_test.cc): two independent sources against three copiers,
// false values included.
//   items 1-5:   everyone says the true "t";
//   items 6-8:   a and b say "t", the copiers the same false "f" (3 to 2);
//   items 9-12:  a, b and two more independent sources d, e say "t", the
//                copiers the same false "g" (4 to 3: known false, shared);
//   item 13:     a errs alone ("a13"); b and the copiers say "t".
// Sharing a value that is false is what independent sources rarely do
// ((1-A1)(1-A2)/n), so the copiers' agreement on 6-8 counts about once.
#ifndef CROSSCHECK_TESTS_SCORE_COPY_SCENARIO_H_
#define CROSSCHECK_TESTS_SCORE_COPY_SCENARIO_H_

#include <string>

namespace crosscheck {

// TSV source<TAB>item<TAB>value, one claim per line.
inline std::string CopyScenarioTsv() {
  std::string tsv;
  for (int i = 1; i <= 13; ++i) {
    const std::string item = "i" + std::to_string(i);
    tsv += "a\t" + item + "\t" + (i == 13 ? "a13" : "t") + "\n";
    tsv += "b\t" + item + "\tt\n";
    if (i >= 9 && i <= 12) tsv += "d\t" + item + "\tt\ne\t" + item + "\tt\n";
    const char* copied = i >= 6 && i <= 8 ? "f" : i >= 9 && i <= 12 ? "g" : "t";
    for (const char* c : {"c1", "c2", "c3"})
      tsv += std::string(c) + "\t" + item + "\t" + copied + "\n";
  }
  return tsv;
}

}  // namespace crosscheck

#endif  // CROSSCHECK_TESTS_SCORE_COPY_SCENARIO_H_
