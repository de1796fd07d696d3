// Truth discovery: which of the conflicting values claimed for a data item is
// true, and how reliable each source is, from the claims alone.
//
// The model is a sparse source x value matrix (Eigen): one column per
// distinct value of each data item, a 1 where a source claims that value.
// Values of one item that lie within the tolerance of their kind (10 minutes
// for times, 1% for numbers...) support each other. Methods over it:
//
//   vote         each source one vote, near values counted together;
//   truthfinder  Yin, Han & Yu, KDD 2007: trust and confidence iterated,
//                conflicting values of one item lower each other;
//   accu         Dong, Berti-Equille & Srivastava, PVLDB 2009 (AccuSim without
//                dependence): Bayesian vote weighted by ln(n A / (1 - A));
//   accucopy     accu plus copy detection: a pair of sources that share many
//                values, false ones above all, is probably copying, and the
//                copier's votes for the shared values are discounted. By
//                default it also judges a source per attribute (AccuSimAttr)
//                and restarts from each attribute's runner-up values,
//                keeping the fixed point it expects to be most precise (see
//                FuseOptions).
//
// Items named "ENTITY|attribute" (the benchmark adapters' form) have that
// attribute; other names all share one.
//
// Ties between equally supported values go to the smallest value (numbers and
// times) or the byte-wise smallest string: stated, deterministic, and the
// same in every method.
#ifndef CROSSCHECK_ENGINE_SCORE_TRUTH_H_
#define CROSSCHECK_ENGINE_SCORE_TRUTH_H_

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <Eigen/SparseCore>

#include "crosscheck/status.h"

namespace crosscheck {

// What a claimed value is, read from its text: an ISO time
// ("2011-12-08T18:55Z", minutes since the epoch), a number ("478403",
// "-2.5"), or a string (anything else, compared byte for byte).
enum class FuseKind : uint8_t { kString, kNumber, kTime };

// When two values of one kind count as the same claim.
struct FuseTolerance {
  double time_minutes = 0;      // |a - b| <= this
  double number_relative = 0;   // |a - b| <= this * max(|a|, |b|)
  double number_absolute = 0;   // or |a - b| <= this
};

// Parses "time=10m,number=1%" ("number=5" is absolute; "time=1h" hours).
// Empty or "exact" means exact. Errors name the bad part.
Status ParseFuseTolerance(std::string_view spec, FuseTolerance* out);

// Claims: sources, data items and their distinct values, and who says what.
class ClaimTable {
 public:
  struct ValueInfo {
    uint32_t item = 0;
    FuseKind kind = FuseKind::kString;
    double number = 0;  // kNumber / kTime
    std::string text;
  };

  // Reads TSV `source<TAB>item<TAB>value` lines ('#' comments and blank
  // lines skipped). A malformed line is an error naming origin:line. A
  // source claiming two values for one item keeps both (a "multi" claim).
  Status Read(std::istream& in, const std::string& origin);
  // Adds one claim (tests, the article pipeline).
  void Add(std::string_view source, std::string_view item, std::string_view value);
  // Declares two values of `item` compatible, so that each supports the
  // other as near values do (the article pipeline: value groups that compare
  // found not to conflict, "thousands" and "3,000"). Values never claimed
  // are ignored.
  void AddCompatible(std::string_view item, std::string_view a, std::string_view b);
  // Builds the matrices; call after the last Add/Read, before the methods.
  void Finish(const FuseTolerance& tolerance);

  size_t source_count() const { return sources_.size(); }
  size_t item_count() const { return items_.size(); }
  size_t value_count() const { return values_.size(); }
  size_t claim_count() const { return static_cast<size_t>(claims_.nonZeros()); }
  const std::string& source(size_t s) const { return sources_[s]; }
  const std::string& item(size_t i) const { return items_[i]; }
  const ValueInfo& value(size_t v) const { return values_[v]; }
  // Values of item i are the ids item_first(i) .. item_first(i + 1) - 1.
  uint32_t item_first(size_t i) const { return item_first_[i]; }
  // The item id of `name`, or -1.
  int64_t FindItem(std::string_view name) const;

  // source x value, 1 where the source claims the value (row-major: a
  // source's claims are one row; `by_value` is the column-major copy).
  const Eigen::SparseMatrix<double, Eigen::RowMajor>& claims() const { return claims_; }
  const Eigen::SparseMatrix<double, Eigen::ColMajor>& by_value() const { return by_value_; }
  // value x value, 1 where two different values of one item are within
  // tolerance of each other (block diagonal, no diagonal).
  const Eigen::SparseMatrix<double>& similar() const { return similar_; }

  // True when `a` and `b` are the same claim under the tolerance (same kind
  // and within it, or equal strings).
  bool Same(const ValueInfo& a, const ValueInfo& b) const;
  // Orders values for the tie rule: numbers and times ascending, then
  // strings byte-wise.
  static bool TieBefore(const ValueInfo& a, const ValueInfo& b);

 private:
  struct RawClaim {
    uint32_t source, item;
    std::string value;
  };
  static uint32_t Intern(std::vector<std::string>* names,
                         std::unordered_map<std::string, uint32_t>* index,
                         std::string_view name);

  std::vector<std::string> sources_, items_;
  std::unordered_map<std::string, uint32_t> source_index_, item_index_;
  std::vector<RawClaim> raw_;
  std::vector<RawClaim> compatible_;  // item, "a\0b" (source unused)
  std::vector<ValueInfo> values_;
  std::vector<uint32_t> item_first_;
  FuseTolerance tolerance_;
  Eigen::SparseMatrix<double, Eigen::RowMajor> claims_;
  Eigen::SparseMatrix<double, Eigen::ColMajor> by_value_;
  Eigen::SparseMatrix<double> similar_;
};

enum class FuseMethod { kVote, kTruthFinder, kAccu, kAccuCopy };
std::string_view FuseMethodName(FuseMethod m);
// "vote", "truthfinder", "accu", "accucopy"; false for anything else.
bool ParseFuseMethod(std::string_view name, FuseMethod* out);

struct FuseOptions {
  int max_iterations = 20;
  double epsilon = 1e-6;        // stop when no reliability moves more
  // TruthFinder (Yin et al.): initial trust, dampening, implication weight
  // and the similarity a value must pass to support another.
  double tf_initial_trust = 0.9;
  double tf_gamma = 0.3;
  double tf_rho = 0.5;
  double tf_base_similarity = 0.5;
  // Accu (Dong et al.): initial accuracy, false values per item, similarity
  // weight; AccuCopy: copy probability c and the prior of dependence.
  double accu_initial = 0.8;
  double accu_false_values = 100;
  double accu_rho = 0.5;
  double copy_rate = 0.8;
  double copy_prior = 0.2;
  // A source's reliability is the mean over its claims plus this many
  // pseudo-claims at the initial value: a source with one claim is not
  // judged on that claim alone (0: the papers' plain mean).
  double prior_claims = 0;
  // Accu extensions, off by default so that accu stays Dong et al.'s
  // AccuSim. Attribute accuracy (1 = on): a source's accuracy per
  // attribute (AccuSimAttr, Li et al. 2012), since a site can be right on
  // gates and systematically off on departure times. Restarts (1 = on):
  // after the fixed point, for each attribute in turn iterate again from
  // its items' runner-up values (the best value not near the chosen one,
  // taken as certain) and keep the new fixed point when its expected
  // number of correct items (the sum of the chosen values' probabilities)
  // is higher by 1% of the attribute's items (and one item) at least;
  // only runs that converged are compared. Accuracy-weighted votes have
  // several fixed points when whole groups of sources share one
  // systematic error on an attribute (Flight: runway instead of gate
  // departure times); iterating from the majority finds only the one
  // where the majority is right.
  double accu_attribute_accuracy = 0;
  double accu_restarts = 0;
  // With attribute accuracy, a source's accuracy on an attribute counts
  // this many pseudo-claims at its overall accuracy (a few claims of one
  // attribute say little; Flight has hundreds per source and attribute).
  double attribute_prior_claims = 10;
  // AccuCopy's own n (false values per item; its votes, probabilities and
  // copy detection), attribute accuracy, restarts and prior_claims as
  // above, and its stopping rule: when no source's expected number of
  // true claims on an attribute moves by copy_epsilon (a few claims can
  // swing between two values for ever), or after copy_max_iterations
  // rounds. n = 10 rather than 100: a source's vote ln(n A / (1 - A)) then
  // depends more on its accuracy than on the mere count of sources, so a
  // group that is wrong on an attribute loses it; and with that weight on
  // accuracy a source with one or two claims must not be judged on them
  // alone (copy_prior_claims 2).
  double copy_false_values = 10;
  double copy_attribute_accuracy = 1;
  double copy_restarts = 1;
  double copy_prior_claims = 2;
  double copy_epsilon = 1;
  int copy_max_iterations = 50;
};

// Sets one option by its name in FuseOptions ("accu_false_values",
// "prior_claims", ...) from "name=value"; errors name the unknown key.
Status SetFuseOption(std::string_view assignment, FuseOptions* options);

struct CopyPair {
  uint32_t a = 0, b = 0;
  double probability = 0;   // that one copies the other
  uint32_t shared_items = 0, same_values = 0;
};

struct FuseResult {
  FuseMethod method = FuseMethod::kVote;
  std::vector<uint32_t> chosen;      // per item: the value id
  std::vector<double> confidence;    // per value
  std::vector<double> reliability;   // per source
  std::vector<CopyPair> copies;      // accucopy: pairs with probability > 0.5
  int iterations = 0;                // with restarts: summed over all runs
};

FuseResult Fuse(const ClaimTable& table, FuseMethod method,
                const FuseOptions& options = FuseOptions());

// Gold values: TSV `item<TAB>value`. Items the claims never mention are
// counted in `unmatched` and left out of the score.
struct GoldScore {
  size_t total = 0, correct = 0, unmatched = 0;
  double precision() const { return total == 0 ? 0 : static_cast<double>(correct) / total; }
};
struct GoldTable {
  std::vector<std::pair<std::string, std::string>> rows;  // item, value
  Status Read(std::istream& in, const std::string& origin);
};
GoldScore ScoreAgainstGold(const ClaimTable& table, const FuseResult& result,
                           const GoldTable& gold);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_SCORE_TRUTH_H_
