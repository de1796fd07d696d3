#include "engine/score/truth.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>

#include "crosscheck/value.h"

namespace crosscheck {
namespace {

using RowMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor>;
using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;

bool ParseInt(std::string_view s, int* out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

// "YYYY-MM-DDTHH:MM", optional ":SS" and "Z": minutes since 1970-01-01.
bool ParseIsoMinutes(std::string_view s, double* minutes) {
  if (!s.empty() && s.back() == 'Z') s.remove_suffix(1);
  if (s.size() != 16 && s.size() != 19) return false;
  if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':') return false;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!ParseInt(s.substr(0, 4), &y) || !ParseInt(s.substr(5, 2), &mo) ||
      !ParseInt(s.substr(8, 2), &d) || !ParseInt(s.substr(11, 2), &h) ||
      !ParseInt(s.substr(14, 2), &mi))
    return false;
  if (s.size() == 19 && (s[16] != ':' || !ParseInt(s.substr(17, 2), &sec))) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59)
    return false;
  *minutes = static_cast<double>(DaysFromCivil(y, mo, d)) * 1440 + h * 60 + mi + sec / 60.0;
  return true;
}

ClaimTable::ValueInfo ReadValue(std::string_view text) {
  ClaimTable::ValueInfo v;
  v.text = std::string(text);
  double x = 0;
  if (ParseIsoMinutes(text, &x)) {
    v.kind = FuseKind::kTime;
    v.number = x;
    return v;
  }
  const auto r = std::from_chars(text.data(), text.data() + text.size(), x);
  if (!text.empty() && r.ec == std::errc() && r.ptr == text.data() + text.size() &&
      std::isfinite(x)) {
    v.kind = FuseKind::kNumber;
    v.number = x;
  }
  return v;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Splits a TSV line into exactly `n` fields; false otherwise.
bool SplitTabs(std::string_view line, size_t n, std::string_view* fields) {
  size_t start = 0;
  for (size_t k = 0; k < n; ++k) {
    const size_t tab = line.find('\t', start);
    if (k + 1 < n) {
      if (tab == std::string_view::npos) return false;
      fields[k] = Trim(line.substr(start, tab - start));
      start = tab + 1;
    } else {
      if (tab != std::string_view::npos) return false;
      fields[k] = Trim(line.substr(start));
    }
  }
  return true;
}

// Reads TSV lines with `n` fields, calling `add` for each; comments ('#')
// and blank lines are skipped. The first malformed line is the error.
template <typename Add>
Status ReadTsv(std::istream& in, const std::string& origin, size_t n, Add add) {
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string_view view = Trim(line);
    if (view.empty() || view.front() == '#') continue;
    std::string_view fields[3];
    if (!SplitTabs(line, n, fields))
      return Status::InvalidArgument(origin + ":" + std::to_string(line_no) + ": expected " +
                                     std::to_string(n) + " tab-separated fields");
    for (size_t k = 0; k < n; ++k)
      if (fields[k].empty())
        return Status::InvalidArgument(origin + ":" + std::to_string(line_no) + ": field " +
                                       std::to_string(k + 1) + " is empty");
    add(fields);
  }
  if (in.bad()) return Status::InvalidArgument(origin + ": read error");
  return Status::Ok();
}

// Picks each item's best value; ties go to the first value of the item,
// which Finish() ordered by ClaimTable::TieBefore.
std::vector<uint32_t> Choose(const ClaimTable& t, const Vector& score) {
  std::vector<uint32_t> chosen(t.item_count());
  for (size_t i = 0; i < t.item_count(); ++i) {
    uint32_t best = t.item_first(i);
    for (uint32_t v = best + 1; v < t.item_first(i + 1); ++v)
      if (score[v] > score[best]) best = v;
    chosen[i] = best;
  }
  return chosen;
}

// Claims per source (row sums), at least 1 to divide by.
Vector ClaimsPerSource(const ClaimTable& t) {
  Vector ones = Vector::Ones(static_cast<Eigen::Index>(t.value_count()));
  Vector n = t.claims() * ones;
  return n.cwiseMax(1.0);
}

// Per item, the sum of x over the item's values, spread back to each value.
Vector ItemSums(const ClaimTable& t, const Vector& x) {
  Vector out(x.size());
  for (size_t i = 0; i < t.item_count(); ++i) {
    const uint32_t a = t.item_first(i), b = t.item_first(i + 1);
    const double sum = x.segment(a, b - a).sum();
    out.segment(a, b - a).setConstant(sum);
  }
  return out;
}

double MaxChange(const Vector& a, const Vector& b) {
  return a.size() == 0 ? 0 : (a - b).cwiseAbs().maxCoeff();
}

FuseResult Vote(const ClaimTable& t) {
  FuseResult r;
  r.method = FuseMethod::kVote;
  const Vector ones = Vector::Ones(static_cast<Eigen::Index>(t.source_count()));
  const Vector count = t.by_value().transpose() * ones;
  const Vector support = count + t.similar() * count;  // near values together
  r.chosen = Choose(t, support);
  const Vector total = ItemSums(t, count).cwiseMax(1.0);
  r.confidence.assign(support.data(), support.data() + support.size());
  for (size_t v = 0; v < r.confidence.size(); ++v) r.confidence[v] /= total[v];
  // Reliability: the share of a source's claims that were chosen.
  Vector won = Vector::Zero(static_cast<Eigen::Index>(t.value_count()));
  for (uint32_t v : r.chosen) won[v] = 1;
  const Vector hits = t.claims() * won;
  const Vector n = ClaimsPerSource(t);
  r.reliability.resize(t.source_count());
  for (size_t s = 0; s < t.source_count(); ++s) r.reliability[s] = hits[s] / n[s];
  r.iterations = 1;
  return r;
}

FuseResult TruthFinder(const ClaimTable& t, const FuseOptions& o) {
  FuseResult r;
  r.method = FuseMethod::kTruthFinder;
  const Vector n = ClaimsPerSource(t);
  Vector trust = Vector::Constant(static_cast<Eigen::Index>(t.source_count()), o.tf_initial_trust);
  Vector conf;
  for (r.iterations = 1; r.iterations <= o.max_iterations; ++r.iterations) {
    const Vector tau = (1.0 - trust.array()).max(1e-12).log().matrix() * -1.0;
    const Vector sigma = t.by_value().transpose() * tau;
    // sigma*(v) = sigma(v) + rho * sum over other values v' of the item of
    // sigma(v') * (sim(v, v') - base): near values lift, others lower it.
    const Vector others = ItemSums(t, sigma) - sigma;
    const Vector near = t.similar() * sigma;
    const Vector adjusted = sigma + o.tf_rho * (near - o.tf_base_similarity * others);
    conf = (1.0 / (1.0 + (-o.tf_gamma * adjusted.array()).exp())).matrix();
    const Vector next =
        ((t.claims() * conf).array() + o.prior_claims * o.tf_initial_trust).matrix().cwiseQuotient(
            (n.array() + o.prior_claims).matrix());
    const double change = MaxChange(next, trust);
    trust = next;
    if (change < o.epsilon) break;
  }
  r.iterations = std::min(r.iterations, o.max_iterations);
  r.chosen = Choose(t, conf);
  r.confidence.assign(conf.data(), conf.data() + conf.size());
  r.reliability.assign(trust.data(), trust.data() + trust.size());
  return r;
}

// Probabilities of each item's values from their vote counts C (Dong et
// al.: P(v) = e^C(v) / (sum over the item's values of e^C + the n + 1 - k
// false values nobody claimed, each e^0)), after near values lent each
// other rho of their count.
Vector AccuProbabilities(const ClaimTable& t, const Vector& count, double false_values,
                         double rho) {
  const Vector c = count + rho * (t.similar() * count);
  Vector p(c.size());
  for (size_t i = 0; i < t.item_count(); ++i) {
    const uint32_t a = t.item_first(i), b = t.item_first(i + 1);
    const double top = std::max(0.0, c.segment(a, b - a).maxCoeff());
    const double unclaimed = std::max(0.0, false_values + 1 - (b - a));
    p.segment(a, b - a) = (c.segment(a, b - a).array() - top).exp().matrix();
    p.segment(a, b - a) /= p.segment(a, b - a).sum() + unclaimed * std::exp(-top);
  }
  return p;
}

// Per item, its attribute: the part of the item's name after the last '|'
// ("AA-1007-TPA-MIA|actual_departure" -> "actual_departure"); names
// without '|' all share one attribute. Returns the number of attributes.
size_t ItemAttributes(const ClaimTable& t, std::vector<uint32_t>* attribute) {
  std::unordered_map<std::string_view, uint32_t> ids;
  attribute->resize(t.item_count());
  for (size_t i = 0; i < t.item_count(); ++i) {
    std::string_view name = t.item(i);
    const size_t bar = name.rfind('|');
    name = bar == std::string_view::npos ? std::string_view() : name.substr(bar + 1);
    (*attribute)[i] = ids.try_emplace(name, static_cast<uint32_t>(ids.size())).first->second;
  }
  return std::max<size_t>(ids.size(), 1);
}

// Copy detection between sources that claim values for the same items
// (Dong et al. 2009). For each shared item, with A1, A2 the accuracies, n
// the false values, c the copy rate and P the probability that a shared
// value is true:
//   independent: same true value A1 A2, same false value (1-A1)(1-A2)/n,
//                different values 1 - both;
//   2 copies 1:  same value  c (P A1 + (1-P)(1-A1)) + (1-c) independent,
//                different (1-c) independent.
// Both directions, each with prior copy_prior / 2, give the probability
// that the pair is dependent.
struct PairStats {
  uint32_t shared = 0, same = 0;  // fixed by the claims
  double llr12 = 0, llr21 = 0;    // ln Pr(obs | 1 copies 2) - ln Pr(obs | independent)
  double dependent = 0;           // DependenceProbability, set after the sums
};

// The pairs of sources that claim a common item, indexed densely for the
// usual few dozen sources and by a hash beyond.
class PairTable {
 public:
  explicit PairTable(size_t sources) : sources_(sources) {
    if (sources <= 256) dense_.assign(sources * sources, -1);
  }
  PairStats& At(uint32_t a, uint32_t b) {
    if (a > b) std::swap(a, b);
    const uint64_t key = static_cast<uint64_t>(a) * sources_ + b;
    int64_t& slot = dense_.empty() ? sparse_.try_emplace(key, -1).first->second : dense_[key];
    if (slot < 0) {
      slot = static_cast<int64_t>(stats_.size());
      stats_.emplace_back();
      ends_.emplace_back(a, b);
    }
    return stats_[static_cast<size_t>(slot)];
  }
  const PairStats* Find(uint32_t a, uint32_t b) const {
    if (a > b) std::swap(a, b);
    const uint64_t key = static_cast<uint64_t>(a) * sources_ + b;
    int64_t slot = -1;
    if (!dense_.empty()) {
      slot = dense_[key];
    } else if (const auto it = sparse_.find(key); it != sparse_.end()) {
      slot = it->second;
    }
    return slot < 0 ? nullptr : &stats_[static_cast<size_t>(slot)];
  }
  size_t size() const { return stats_.size(); }
  PairStats& stats(size_t x) { return stats_[x]; }
  const PairStats& stats(size_t x) const { return stats_[x]; }
  std::pair<uint32_t, uint32_t> ends(size_t x) const { return ends_[x]; }

 private:
  size_t sources_;
  std::vector<int64_t> dense_;
  std::unordered_map<uint64_t, int64_t> sparse_;
  std::vector<PairStats> stats_;
  std::vector<std::pair<uint32_t, uint32_t>> ends_;
};

double DependenceProbability(const PairStats& p, const FuseOptions& o) {
  // alpha/2 e^l12 + alpha/2 e^l21 over that plus (1 - alpha), in logs.
  const double half = std::log(o.copy_prior / 2), rest = std::log(1 - o.copy_prior);
  const double a = half + p.llr12, b = half + p.llr21;
  const double top = std::max({a, b, rest});
  const double dep = std::exp(a - top) + std::exp(b - top);
  return dep / (dep + std::exp(rest - top));
}

// What differs between accu and accucopy (FuseOptions has the fields of
// both).
struct AccuConfig {
  bool copies = false;
  bool per_attribute = false;
  bool restarts = false;
  double false_values = 100;
  double epsilon = 1e-6;
  int max_iterations = 20;
  double prior_claims = 0;
};

// Accu / AccuCopy iterated to a fixed point: the truth probabilities
// from the votes, the accuracies (per source and attribute) from the
// truth and, for AccuCopy, the copy probabilities from both.
class AccuModel {
 public:
  struct State {
    Vector p;           // per value: the probability that it is true
    Matrix accuracy;    // source x attribute
    Vector overall;     // per source, over all its claims
    PairTable pairs;    // accucopy
    int iterations = 0;
    bool converged = false;       // stopped below epsilon, not at max_iterations
    double expected_correct = 0;  // sum over items of the chosen value's p
  };

  AccuModel(const ClaimTable& t, const FuseOptions& o, const AccuConfig& c)
      : t_(t), o_(o), c_(c), pairs_(t.source_count()) {
    attributes_ = c.per_attribute || c.restarts ? ItemAttributes(t, &attribute_) : 1;
    if (attributes_ == 1) attribute_.assign(t.item_count(), 0);
    if (c.copies) CountSharedItems();
    claims_ = Matrix::Zero(static_cast<Eigen::Index>(t.source_count()),
                           static_cast<Eigen::Index>(attributes_));
    const auto& by_value = t.by_value();
    for (Eigen::Index v = 0; v < by_value.outerSize(); ++v)
      for (Eigen::SparseMatrix<double>::InnerIterator it(by_value, v); it; ++it)
        claims_(it.row(), attribute_[t.value(static_cast<size_t>(v)).item]) += 1;
  }

  size_t attributes() const { return attributes_; }
  const std::vector<uint32_t>& attribute() const { return attribute_; }

  // From equal accuracies (p0 null: the first round is a plain vote), or
  // from the truth p0 (the accuracies and copies it implies first).
  State Run(const Vector* p0) const {
    const auto sources = static_cast<Eigen::Index>(t_.source_count());
    State st{Vector::Zero(static_cast<Eigen::Index>(t_.value_count())),
             Matrix::Constant(sources, static_cast<Eigen::Index>(attributes_), o_.accu_initial),
             Vector::Constant(sources, o_.accu_initial), pairs_};
    bool have_truth = false, discounted = false;
    if (p0) {
      st.p = *p0;
      Accuracies(st.p, &st.accuracy, &st.overall);
      have_truth = true;
    }
    for (st.iterations = 1; st.iterations <= c_.max_iterations; ++st.iterations) {
      const Matrix clamped = st.accuracy.cwiseMax(0.01).cwiseMin(0.99);
      // AccuCopy: copies need a truth, so its first round from equal
      // accuracies is a plain vote.
      const bool discount = c_.copies && have_truth;
      if (discount) DetectCopies(clamped, st.p, &st.pairs);
      discounted |= discount;
      st.p = AccuProbabilities(t_, Count(clamped, discount ? &st.pairs : nullptr),
                               c_.false_values, o_.accu_rho);
      have_truth = true;
      Matrix next;
      Accuracies(st.p, &next, &st.overall);
      // accu: the largest move of an accuracy; accucopy: of a source's
      // expected number of true claims on an attribute, since a handful of
      // claims can swing between two values for ever and a source with few
      // claims would then never settle.
      const Matrix moved = (next - st.accuracy).cwiseAbs();
      double change = 0;
      if (sources > 0)
        change = c_.copies ? moved.cwiseProduct(claims_).maxCoeff() : moved.maxCoeff();
      // AccuCopy moves half way: the copy discount takes each value's
      // providers in order of accuracy, and a source and its copier with
      // nearly equal accuracies can swap places every round for ever.
      if (c_.copies) next = 0.5 * (st.accuracy + next);
      st.accuracy = std::move(next);
      if (change < c_.epsilon && (!c_.copies || discounted)) {
        st.converged = true;
        break;
      }
    }
    st.iterations = std::min(st.iterations, c_.max_iterations);
    for (uint32_t v : Choose(t_, st.p)) st.expected_correct += st.p[v];
    return st;
  }

 private:
  // Vote counts. A source's vote for a value of attribute k is
  // ln(n A / (1 - A)), A its accuracy on k. With copies, each value's
  // providers are taken in order of accuracy and a provider's vote shrinks
  // by (1 - c P(dependent)) for each provider before it.
  Vector Count(const Matrix& clamped, const PairTable* pairs) const {
    const double n = c_.false_values;
    const Matrix weight = (n * clamped.array() / (1.0 - clamped.array())).log().matrix();
    const auto& by_value = t_.by_value();
    if (!pairs && attributes_ == 1) return by_value.transpose() * weight.col(0);
    Vector count = Vector::Zero(static_cast<Eigen::Index>(t_.value_count()));
    std::vector<uint32_t> providers;
    for (Eigen::Index v = 0; v < by_value.outerSize(); ++v) {
      const uint32_t k = attribute_[t_.value(static_cast<size_t>(v)).item];
      providers.clear();
      for (Eigen::SparseMatrix<double>::InnerIterator it(by_value, v); it; ++it)
        providers.push_back(static_cast<uint32_t>(it.row()));
      if (pairs)
        std::sort(providers.begin(), providers.end(), [&](uint32_t a, uint32_t b) {
          return clamped(a, k) != clamped(b, k) ? clamped(a, k) > clamped(b, k) : a < b;
        });
      double sum = 0;
      for (size_t x = 0; x < providers.size(); ++x) {
        double independent = 1;
        if (pairs)
          for (size_t y = 0; y < x; ++y)
            if (const PairStats* st = pairs->Find(providers[x], providers[y]))
              independent *= 1 - o_.copy_rate * st->dependent;
        sum += weight(providers[x], k) * independent;
      }
      count[v] = sum;
    }
    return count;
  }

  // A source's accuracy: the mean probability of its values (plus
  // prior_claims, or copy_prior_claims, pseudo-claims at accu_initial)
  // over all its claims and, per attribute, over its claims on that
  // attribute.
  void Accuracies(const Vector& p, Matrix* accuracy, Vector* overall) const {
    const auto sources = static_cast<Eigen::Index>(t_.source_count());
    const auto k_count = static_cast<Eigen::Index>(attributes_);
    const double prior = c_.prior_claims, init = o_.accu_initial;
    const Vector n = ClaimsPerSource(t_);
    *overall = (((t_.claims() * p).array() + prior * init) / (n.array() + prior)).matrix();
    if (!c_.per_attribute || attributes_ == 1) {
      *accuracy = overall->replicate(1, k_count);
      return;
    }
    Matrix sum = Matrix::Zero(sources, k_count);
    const Matrix& claims = claims_;
    const auto& by_value = t_.by_value();
    for (Eigen::Index v = 0; v < by_value.outerSize(); ++v) {
      const uint32_t k = attribute_[t_.value(static_cast<size_t>(v)).item];
      for (Eigen::SparseMatrix<double>::InnerIterator it(by_value, v); it; ++it)
        sum(it.row(), k) += p[v];
    }
    // Per attribute, attribute_prior_claims pseudo-claims at the source's
    // overall accuracy: a source judged on a handful of claims of one
    // attribute is not judged on them alone.
    const double w = o_.attribute_prior_claims;
    accuracy->resize(sources, k_count);
    for (Eigen::Index s = 0; s < sources; ++s)
      for (Eigen::Index k = 0; k < k_count; ++k)
        (*accuracy)(s, k) = claims(s, k) + w <= 0
                                ? (*overall)[s]
                                : (sum(s, k) + w * (*overall)[s]) / (claims(s, k) + w);
  }

  // The shared items and same values of every pair (they depend on the
  // claims only): a source claiming two values of an item pairs with each.
  void CountSharedItems() {
    const auto& by_value = t_.by_value();
    std::vector<std::pair<uint32_t, uint32_t>> providers;  // source, value
    for (size_t i = 0; i < t_.item_count(); ++i) {
      providers.clear();
      for (uint32_t v = t_.item_first(i); v < t_.item_first(i + 1); ++v)
        for (Eigen::SparseMatrix<double>::InnerIterator it(by_value, v); it; ++it)
          providers.emplace_back(static_cast<uint32_t>(it.row()), v);
      for (size_t x = 0; x < providers.size(); ++x)
        for (size_t y = x + 1; y < providers.size(); ++y) {
          if (providers[x].first == providers[y].first) continue;  // one source, two values
          PairStats& st = pairs_.At(providers[x].first, providers[y].first);
          ++st.shared;
          if (providers[x].second == providers[y].second) ++st.same;
        }
    }
  }

  // The copy probabilities under the accuracies and truth p. Different
  // values add ln(1 - c) each whatever the accuracies, so only the pairs
  // of providers of one value need a term of their own. For a value
  // surely true (P = 1) the term of "1 copies 2" is ln(c / A1 + 1 - c),
  // for one surely false (P = 0) ln(c n / (1 - A1) + 1 - c): both depend on
  // one source only and are computed once per source and attribute; only
  // values in between take the general formula (about half of the pairs
  // on Flight share a value true or false to within 1e-9, and the
  // logarithms took most of the time).
  void DetectCopies(const Matrix& accuracy, const Vector& p, PairTable* pairs) const {
    const double n = c_.false_values, c = o_.copy_rate, differ = std::log(1 - c);
    for (size_t x = 0; x < pairs->size(); ++x) {
      PairStats& st = pairs->stats(x);
      st.llr12 = st.llr21 = (st.shared - st.same) * differ;
    }
    const Matrix if_true = (c / accuracy.array() + (1 - c)).log().matrix();
    const Matrix if_false = (c * n / (1 - accuracy.array()) + (1 - c)).log().matrix();
    constexpr double kSure = 1e-9;
    const auto& by_value = t_.by_value();
    std::vector<uint32_t> providers;
    for (Eigen::Index v = 0; v < by_value.outerSize(); ++v) {
      if (by_value.col(v).nonZeros() < 2) continue;
      const uint32_t k = attribute_[t_.value(static_cast<size_t>(v)).item];
      const double pv = p[v];
      providers.clear();
      for (Eigen::SparseMatrix<double>::InnerIterator it(by_value, v); it; ++it)
        providers.push_back(static_cast<uint32_t>(it.row()));
      if (pv > 1 - kSure || pv < kSure) {
        const Matrix& term = pv > 1 - kSure ? if_true : if_false;
        for (size_t x = 0; x < providers.size(); ++x)
          for (size_t y = x + 1; y < providers.size(); ++y) {
            // providers ascend, so x is the pair's first source.
            PairStats& st = pairs->At(providers[x], providers[y]);
            st.llr12 += term(providers[x], k);
            st.llr21 += term(providers[y], k);
          }
        continue;
      }
      for (size_t x = 0; x < providers.size(); ++x) {
        const double a1 = accuracy(providers[x], k);
        for (size_t y = x + 1; y < providers.size(); ++y) {
          const double a2 = accuracy(providers[y], k);
          const double ind = pv * a1 * a2 + (1 - pv) * (1 - a1) * (1 - a2) / n;
          // 1 copies 2: the value is 2's; 2 copies 1: the value is 1's.
          const double dep12 = c * (pv * a2 + (1 - pv) * (1 - a2)) + (1 - c) * ind;
          const double dep21 = c * (pv * a1 + (1 - pv) * (1 - a1)) + (1 - c) * ind;
          PairStats& st = pairs->At(providers[x], providers[y]);
          // Single precision: these terms add up to log-odds of copying
          // that end far from 0 either way, and float's logarithm is
          // faster.
          st.llr12 += std::log(static_cast<float>(dep12 / ind));
          st.llr21 += std::log(static_cast<float>(dep21 / ind));
        }
      }
    }
    for (size_t x = 0; x < pairs->size(); ++x)
      pairs->stats(x).dependent = DependenceProbability(pairs->stats(x), o_);
  }

  const ClaimTable& t_;
  const FuseOptions& o_;
  AccuConfig c_;
  size_t attributes_ = 1;
  std::vector<uint32_t> attribute_;  // per item
  PairTable pairs_;                  // shared and same counts only
  Matrix claims_;                    // source x attribute: claims
};

// The truth with the items of attribute k moved to their runner-up: per
// item, the most probable value that is neither the chosen one nor near
// it, now certain. Items without one keep theirs. Returns how many moved.
size_t FlipAttribute(const ClaimTable& t, const std::vector<uint32_t>& attribute, uint32_t k,
                     const Vector& p, Vector* out) {
  *out = p;
  size_t flipped = 0;
  const std::vector<uint32_t> chosen = Choose(t, p);
  for (size_t i = 0; i < t.item_count(); ++i) {
    if (attribute[i] != k) continue;
    const uint32_t a = t.item_first(i), b = t.item_first(i + 1), best = chosen[i];
    int64_t second = -1;
    for (uint32_t v = a; v < b; ++v) {
      if (v == best || t.Same(t.value(v), t.value(best))) continue;
      if (second < 0 || p[v] > p[second]) second = v;
    }
    if (second < 0) continue;
    out->segment(a, b - a).setZero();
    (*out)[second] = 1;
    ++flipped;
  }
  return flipped;
}

FuseResult Accu(const ClaimTable& t, const FuseOptions& o, bool copies) {
  FuseResult r;
  r.method = copies ? FuseMethod::kAccuCopy : FuseMethod::kAccu;
  AccuConfig c;
  c.copies = copies;
  c.per_attribute = (copies ? o.copy_attribute_accuracy : o.accu_attribute_accuracy) != 0;
  c.restarts = (copies ? o.copy_restarts : o.accu_restarts) != 0;
  c.false_values = copies ? o.copy_false_values : o.accu_false_values;
  c.epsilon = copies ? o.copy_epsilon : o.epsilon;
  c.max_iterations = copies ? o.copy_max_iterations : o.max_iterations;
  c.prior_claims = copies ? o.copy_prior_claims : o.prior_claims;
  const AccuModel model(t, o, c);
  AccuModel::State best = model.Run(nullptr);
  r.iterations = best.iterations;
  // Fixed points can be compared only when the runs reach them.
  if (c.restarts && model.attributes() > 1 && best.converged) {
    std::vector<size_t> items(model.attributes());
    for (uint32_t k : model.attribute()) ++items[k];
    Vector start;
    for (uint32_t k = 0; k < model.attributes(); ++k) {
      if (FlipAttribute(t, model.attribute(), k, best.p, &start) == 0) continue;
      AccuModel::State alt = model.Run(&start);
      r.iterations += alt.iterations;
      // Expected to get at least 1% of the attribute's items (and one item)
      // more right: not two runs that stopped a little apart near one
      // fixed point.
      const double margin = std::max(1.0, 0.01 * static_cast<double>(items[k]));
      if (alt.converged && alt.expected_correct >= best.expected_correct + margin)
        best = std::move(alt);
    }
  }
  r.chosen = Choose(t, best.p);
  r.confidence.assign(best.p.data(), best.p.data() + best.p.size());
  r.reliability.assign(best.overall.data(), best.overall.data() + best.overall.size());
  if (copies) {
    for (size_t x = 0; x < best.pairs.size(); ++x) {
      const PairStats& st = best.pairs.stats(x);
      const auto [a, b] = best.pairs.ends(x);
      if (st.dependent > 0.5) r.copies.push_back(CopyPair{a, b, st.dependent, st.shared, st.same});
    }
    std::sort(r.copies.begin(), r.copies.end(), [](const CopyPair& x, const CopyPair& y) {
      return x.probability != y.probability ? x.probability > y.probability
                                            : std::tie(x.a, x.b) < std::tie(y.a, y.b);
    });
  }
  return r;
}

}  // namespace

Status ParseFuseTolerance(std::string_view spec, FuseTolerance* out) {
  *out = FuseTolerance();
  while (!spec.empty()) {
    const size_t comma = spec.find(',');
    const std::string_view part = Trim(spec.substr(0, comma));
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    if (part.empty() || part == "exact") continue;
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos)
      return Status::InvalidArgument("tolerance '" + std::string(part) +
                                     "': expected kind=amount (time=10m, number=1%)");
    const std::string_view kind = part.substr(0, eq);
    std::string_view amount = part.substr(eq + 1);
    double scale = 1;
    bool relative = false;
    if (kind == "time" && !amount.empty() && (amount.back() == 'm' || amount.back() == 'h')) {
      scale = amount.back() == 'h' ? 60 : 1;
      amount.remove_suffix(1);
    } else if (kind == "number" && !amount.empty() && amount.back() == '%') {
      relative = true;
      scale = 0.01;
      amount.remove_suffix(1);
    }
    double x = 0;
    const auto r = std::from_chars(amount.data(), amount.data() + amount.size(), x);
    if (amount.empty() || r.ec != std::errc() || r.ptr != amount.data() + amount.size() ||
        !(x >= 0) || !std::isfinite(x))
      return Status::InvalidArgument("tolerance '" + std::string(part) + "': bad amount");
    if (kind == "time") {
      out->time_minutes = x * scale;
    } else if (kind == "number") {
      (relative ? out->number_relative : out->number_absolute) = x * scale;
    } else {
      return Status::InvalidArgument("tolerance '" + std::string(part) +
                                     "': kind must be time or number");
    }
  }
  return Status::Ok();
}

uint32_t ClaimTable::Intern(std::vector<std::string>* names,
                            std::unordered_map<std::string, uint32_t>* index,
                            std::string_view name) {
  const auto [it, inserted] =
      index->try_emplace(std::string(name), static_cast<uint32_t>(names->size()));
  if (inserted) names->emplace_back(name);
  return it->second;
}

void ClaimTable::Add(std::string_view source, std::string_view item, std::string_view value) {
  raw_.push_back(RawClaim{Intern(&sources_, &source_index_, source),
                          Intern(&items_, &item_index_, item), std::string(value)});
}

void ClaimTable::AddCompatible(std::string_view item, std::string_view a,
                               std::string_view b) {
  std::string pair(a);
  pair.push_back('\0');
  pair.append(b);
  compatible_.push_back(RawClaim{0, Intern(&items_, &item_index_, item), std::move(pair)});
}

Status ClaimTable::Read(std::istream& in, const std::string& origin) {
  return ReadTsv(in, origin, 3, [&](const std::string_view* f) { Add(f[0], f[1], f[2]); });
}

int64_t ClaimTable::FindItem(std::string_view name) const {
  const auto it = item_index_.find(std::string(name));
  return it == item_index_.end() ? int64_t{-1} : static_cast<int64_t>(it->second);
}

bool ClaimTable::TieBefore(const ValueInfo& a, const ValueInfo& b) {
  const bool an = a.kind != FuseKind::kString, bn = b.kind != FuseKind::kString;
  if (an != bn) return an;
  if (an && a.number != b.number) return a.number < b.number;
  return a.text < b.text;
}

bool ClaimTable::Same(const ValueInfo& a, const ValueInfo& b) const {
  if (a.kind != b.kind) return false;
  if (a.kind == FuseKind::kString) return a.text == b.text;
  const double d = std::fabs(a.number - b.number);
  if (a.kind == FuseKind::kTime) return d <= tolerance_.time_minutes + 1e-9;
  return d <= tolerance_.number_absolute ||
         d <= tolerance_.number_relative * std::max(std::fabs(a.number), std::fabs(b.number));
}

void ClaimTable::Finish(const FuseTolerance& tolerance) {
  tolerance_ = tolerance;
  // Distinct values per item, ordered by the tie rule, numbered item by item.
  std::vector<std::vector<uint32_t>> by_item(items_.size());
  for (uint32_t k = 0; k < raw_.size(); ++k) by_item[raw_[k].item].push_back(k);
  values_.clear();
  item_first_.assign(items_.size() + 1, 0);
  std::vector<uint32_t> value_of(raw_.size());
  std::vector<Eigen::Triplet<double>> cells;
  cells.reserve(raw_.size());
  for (uint32_t i = 0; i < items_.size(); ++i) {
    item_first_[i] = static_cast<uint32_t>(values_.size());
    std::vector<uint32_t>& ks = by_item[i];
    std::sort(ks.begin(), ks.end(),
              [&](uint32_t a, uint32_t b) { return raw_[a].value < raw_[b].value; });
    // Distinct values in text order; each claim's index among them.
    std::vector<ValueInfo> distinct;
    std::vector<uint32_t> text_rank(ks.size());
    for (size_t x = 0; x < ks.size(); ++x) {
      if (x == 0 || raw_[ks[x]].value != raw_[ks[x - 1]].value) {
        distinct.push_back(ReadValue(raw_[ks[x]].value));
        distinct.back().item = i;
      }
      text_rank[x] = static_cast<uint32_t>(distinct.size() - 1);
    }
    // Renumbered in tie-rule order: id_of[text rank] = offset in the item.
    std::vector<uint32_t> order(distinct.size()), id_of(distinct.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return TieBefore(distinct[a], distinct[b]);
    });
    for (uint32_t k = 0; k < order.size(); ++k) id_of[order[k]] = k;
    for (size_t x = 0; x < ks.size(); ++x)
      value_of[ks[x]] = item_first_[i] + id_of[text_rank[x]];
    for (const uint32_t k : order) values_.push_back(std::move(distinct[k]));
  }
  item_first_[items_.size()] = static_cast<uint32_t>(values_.size());
  for (uint32_t k = 0; k < raw_.size(); ++k)
    cells.emplace_back(raw_[k].source, value_of[k], 1.0);
  const auto rows = static_cast<Eigen::Index>(sources_.size());
  const auto cols = static_cast<Eigen::Index>(values_.size());
  claims_.resize(rows, cols);
  // A source saying one value twice is one claim.
  claims_.setFromTriplets(cells.begin(), cells.end(), [](double, double) { return 1.0; });
  by_value_ = claims_;
  // Near values of one item (numbers and times within tolerance).
  std::vector<Eigen::Triplet<double>> near;
  for (size_t i = 0; i < items_.size(); ++i)
    for (uint32_t a = item_first_[i]; a < item_first_[i + 1]; ++a) {
      if (values_[a].kind == FuseKind::kString) continue;
      for (uint32_t b = a + 1; b < item_first_[i + 1]; ++b)
        if (Same(values_[a], values_[b])) {
          near.emplace_back(a, b, 1.0);
          near.emplace_back(b, a, 1.0);
        }
    }
  // Declared compatible pairs (AddCompatible).
  for (const RawClaim& c : compatible_) {
    const size_t cut = c.value.find('\0');
    const std::string_view a = std::string_view(c.value).substr(0, cut);
    const std::string_view b = std::string_view(c.value).substr(cut + 1);
    int64_t va = -1, vb = -1;
    for (uint32_t v = item_first_[c.item]; v < item_first_[c.item + 1]; ++v) {
      if (values_[v].text == a) va = v;
      if (values_[v].text == b) vb = v;
    }
    if (va < 0 || vb < 0 || va == vb) continue;
    near.emplace_back(va, vb, 1.0);
    near.emplace_back(vb, va, 1.0);
  }
  compatible_.clear();
  similar_.resize(cols, cols);
  // A pair both near and declared compatible is one entry.
  similar_.setFromTriplets(near.begin(), near.end(), [](double, double) { return 1.0; });
  raw_.clear();
  raw_.shrink_to_fit();
}

Status SetFuseOption(std::string_view assignment, FuseOptions* o) {
  const size_t eq = assignment.find('=');
  if (eq == std::string_view::npos)
    return Status::InvalidArgument("--param " + std::string(assignment) + ": expected name=value");
  const std::string_view name = assignment.substr(0, eq), text = assignment.substr(eq + 1);
  double x = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), x);
  if (text.empty() || r.ec != std::errc() || r.ptr != text.data() + text.size() ||
      !std::isfinite(x))
    return Status::InvalidArgument("--param " + std::string(assignment) + ": not a number");
  for (auto [key, field] : {std::pair<std::string_view, int*>{"max_iterations", &o->max_iterations},
                            {"copy_max_iterations", &o->copy_max_iterations}})
    if (name == key) {
      if (x < 1 || x > 1000)
        return Status::InvalidArgument("--param " + std::string(key) + ": 1 to 1000");
      *field = static_cast<int>(x);
      return Status::Ok();
    }
  const std::pair<std::string_view, double*> fields[] = {
      {"epsilon", &o->epsilon},
      {"tf_initial_trust", &o->tf_initial_trust},
      {"tf_gamma", &o->tf_gamma},
      {"tf_rho", &o->tf_rho},
      {"tf_base_similarity", &o->tf_base_similarity},
      {"accu_initial", &o->accu_initial},
      {"accu_false_values", &o->accu_false_values},
      {"accu_rho", &o->accu_rho},
      {"copy_rate", &o->copy_rate},
      {"copy_prior", &o->copy_prior},
      {"prior_claims", &o->prior_claims},
      {"accu_attribute_accuracy", &o->accu_attribute_accuracy},
      {"accu_restarts", &o->accu_restarts},
      {"attribute_prior_claims", &o->attribute_prior_claims},
      {"copy_false_values", &o->copy_false_values},
      {"copy_attribute_accuracy", &o->copy_attribute_accuracy},
      {"copy_restarts", &o->copy_restarts},
      {"copy_prior_claims", &o->copy_prior_claims},
      {"copy_epsilon", &o->copy_epsilon},
  };
  std::string known = "max_iterations, copy_max_iterations";
  for (const auto& [key, field] : fields) {
    if (key == name) {
      *field = x;
      return Status::Ok();
    }
    known += ", " + std::string(key);
  }
  return Status::InvalidArgument("--param " + std::string(name) + ": unknown (known: " + known + ")");
}

std::string_view FuseMethodName(FuseMethod m) {
  switch (m) {
    case FuseMethod::kVote: return "vote";
    case FuseMethod::kTruthFinder: return "truthfinder";
    case FuseMethod::kAccu: return "accu";
    case FuseMethod::kAccuCopy: return "accucopy";
  }
  return "?";
}

bool ParseFuseMethod(std::string_view name, FuseMethod* out) {
  for (FuseMethod m : {FuseMethod::kVote, FuseMethod::kTruthFinder, FuseMethod::kAccu,
                       FuseMethod::kAccuCopy})
    if (FuseMethodName(m) == name) {
      *out = m;
      return true;
    }
  return false;
}

FuseResult Fuse(const ClaimTable& table, FuseMethod method, const FuseOptions& options) {
  switch (method) {
    case FuseMethod::kVote: return Vote(table);
    case FuseMethod::kTruthFinder: return TruthFinder(table, options);
    case FuseMethod::kAccu: return Accu(table, options, /*copies=*/false);
    case FuseMethod::kAccuCopy: return Accu(table, options, /*copies=*/true);
  }
  return FuseResult();
}

Status GoldTable::Read(std::istream& in, const std::string& origin) {
  return ReadTsv(in, origin, 2, [&](const std::string_view* f) {
    rows.emplace_back(std::string(f[0]), std::string(f[1]));
  });
}

GoldScore ScoreAgainstGold(const ClaimTable& table, const FuseResult& result,
                           const GoldTable& gold) {
  GoldScore score;
  for (const auto& [item, value] : gold.rows) {
    const int64_t i = table.FindItem(item);
    if (i < 0) {
      ++score.unmatched;
      continue;
    }
    ++score.total;
    ClaimTable::ValueInfo want = ReadValue(value);
    if (table.Same(table.value(result.chosen[static_cast<size_t>(i)]), want)) ++score.correct;
  }
  return score;
}

}  // namespace crosscheck
