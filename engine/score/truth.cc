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
Vector AccuProbabilities(const ClaimTable& t, const Vector& count, const FuseOptions& o) {
  const Vector c = count + o.accu_rho * (t.similar() * count);
  Vector p(c.size());
  for (size_t i = 0; i < t.item_count(); ++i) {
    const uint32_t a = t.item_first(i), b = t.item_first(i + 1);
    const double top = std::max(0.0, c.segment(a, b - a).maxCoeff());
    const double unclaimed = std::max(0.0, o.accu_false_values + 1 - (b - a));
    p.segment(a, b - a) = (c.segment(a, b - a).array() - top).exp().matrix();
    p.segment(a, b - a) /= p.segment(a, b - a).sum() + unclaimed * std::exp(-top);
  }
  return p;
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
  double llr12 = 0, llr21 = 0;  // ln Pr(obs | 1 copies 2) - ln Pr(obs | independent)
  uint32_t shared = 0, same = 0;
  double dependent = 0;         // DependenceProbability, set after the sums
};

class PairTable {
 public:
  explicit PairTable(size_t sources) : sources_(sources) {}
  PairStats& At(uint32_t a, uint32_t b) {  // a < b
    return map_[static_cast<uint64_t>(a) * sources_ + b];
  }
  const PairStats* Find(uint32_t a, uint32_t b) const {
    if (a > b) std::swap(a, b);
    const auto it = map_.find(static_cast<uint64_t>(a) * sources_ + b);
    return it == map_.end() ? nullptr : &it->second;
  }
  template <typename F>
  void ForEach(F f) {
    for (auto& [key, stats] : map_)
      f(static_cast<uint32_t>(key / sources_), static_cast<uint32_t>(key % sources_), stats);
  }
  void Clear() { map_.clear(); }

 private:
  size_t sources_;
  std::unordered_map<uint64_t, PairStats> map_;
};

double DependenceProbability(const PairStats& p, const FuseOptions& o) {
  // alpha/2 e^l12 + alpha/2 e^l21 over that plus (1 - alpha), in logs.
  const double half = std::log(o.copy_prior / 2), rest = std::log(1 - o.copy_prior);
  const double a = half + p.llr12, b = half + p.llr21;
  const double top = std::max({a, b, rest});
  const double dep = std::exp(a - top) + std::exp(b - top);
  return dep / (dep + std::exp(rest - top));
}

void DetectCopies(const ClaimTable& t, const Vector& accuracy, const Vector& p,
                  const FuseOptions& o, PairTable* pairs) {
  pairs->Clear();
  const auto& by_value = t.by_value();
  const double n = o.accu_false_values, c = o.copy_rate;
  std::vector<std::pair<uint32_t, uint32_t>> providers;  // source, value
  for (size_t i = 0; i < t.item_count(); ++i) {
    providers.clear();
    for (uint32_t v = t.item_first(i); v < t.item_first(i + 1); ++v)
      for (Eigen::SparseMatrix<double>::InnerIterator it(by_value, v); it; ++it)
        providers.emplace_back(static_cast<uint32_t>(it.row()), v);
    if (providers.size() < 2) continue;
    std::sort(providers.begin(), providers.end());
    for (size_t x = 0; x < providers.size(); ++x) {
      const auto [s1, v1] = providers[x];
      const double a1 = accuracy[s1];
      for (size_t y = x + 1; y < providers.size(); ++y) {
        const auto [s2, v2] = providers[y];
        if (s1 == s2) continue;  // one source, two values
        const double a2 = accuracy[s2];
        PairStats& st = pairs->At(s1, s2);
        ++st.shared;
        const double same_true = a1 * a2, same_false = (1 - a1) * (1 - a2) / n;
        if (v1 == v2) {
          ++st.same;
          const double pv = p[v1];
          const double ind = pv * same_true + (1 - pv) * same_false;
          // 1 copies 2: the value is 2's; 2 copies 1: the value is 1's.
          const double dep12 = c * (pv * a2 + (1 - pv) * (1 - a2)) + (1 - c) * ind;
          const double dep21 = c * (pv * a1 + (1 - pv) * (1 - a1)) + (1 - c) * ind;
          st.llr12 += std::log(dep12 / ind);
          st.llr21 += std::log(dep21 / ind);
        } else {
          st.llr12 += std::log(1 - c);
          st.llr21 += std::log(1 - c);
        }
      }
    }
  }
  pairs->ForEach([&](uint32_t, uint32_t, PairStats& st) {
    st.dependent = DependenceProbability(st, o);
  });
}

FuseResult Accu(const ClaimTable& t, const FuseOptions& o, bool copies) {
  FuseResult r;
  r.method = copies ? FuseMethod::kAccuCopy : FuseMethod::kAccu;
  const Vector n = ClaimsPerSource(t);
  Vector accuracy = Vector::Constant(static_cast<Eigen::Index>(t.source_count()), o.accu_initial);
  Vector p = Vector::Zero(static_cast<Eigen::Index>(t.value_count()));
  PairTable pairs(t.source_count());
  const auto& by_value = t.by_value();
  for (r.iterations = 1; r.iterations <= o.max_iterations; ++r.iterations) {
    const Vector clamped = accuracy.cwiseMax(0.01).cwiseMin(0.99);
    // A source's vote: ln(n A / (1 - A)).
    const Vector weight =
        (o.accu_false_values * clamped.array() / (1.0 - clamped.array())).log().matrix();
    Vector count;
    if (!copies || r.iterations == 1) {
      count = by_value.transpose() * weight;
    } else {
      DetectCopies(t, clamped, p, o, &pairs);
      // Each value's providers counted in order of accuracy; a provider's
      // vote shrinks by (1 - c P(dependent)) for each provider before it.
      count = Vector::Zero(static_cast<Eigen::Index>(t.value_count()));
      std::vector<uint32_t> providers;
      for (Eigen::Index v = 0; v < by_value.outerSize(); ++v) {
        providers.clear();
        for (Eigen::SparseMatrix<double>::InnerIterator it(by_value, v); it; ++it)
          providers.push_back(static_cast<uint32_t>(it.row()));
        std::sort(providers.begin(), providers.end(), [&](uint32_t a, uint32_t b) {
          return clamped[a] != clamped[b] ? clamped[a] > clamped[b] : a < b;
        });
        double sum = 0;
        for (size_t k = 0; k < providers.size(); ++k) {
          double independent = 1;
          for (size_t j = 0; j < k; ++j)
            if (const PairStats* st = pairs.Find(providers[k], providers[j]))
              independent *= 1 - o.copy_rate * st->dependent;
          sum += weight[providers[k]] * independent;
        }
        count[v] = sum;
      }
    }
    p = AccuProbabilities(t, count, o);
    const Vector next =
        ((t.claims() * p).array() + o.prior_claims * o.accu_initial).matrix().cwiseQuotient(
            (n.array() + o.prior_claims).matrix());
    const double change = MaxChange(next, accuracy);
    accuracy = next;
    if (change < o.epsilon && (!copies || r.iterations > 1)) break;
  }
  r.iterations = std::min(r.iterations, o.max_iterations);
  r.chosen = Choose(t, p);
  r.confidence.assign(p.data(), p.data() + p.size());
  r.reliability.assign(accuracy.data(), accuracy.data() + accuracy.size());
  if (copies) {
    pairs.ForEach([&](uint32_t a, uint32_t b, const PairStats& st) {
      if (st.dependent > 0.5) r.copies.push_back(CopyPair{a, b, st.dependent, st.shared, st.same});
    });
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
  if (name == "max_iterations") {
    if (x < 1 || x > 1000) return Status::InvalidArgument("--param max_iterations: 1 to 1000");
    o->max_iterations = static_cast<int>(x);
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
  };
  std::string known = "max_iterations";
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
