// ClaimReview JSON-LD (https://schema.org/ClaimReview) for the findings an
// editor decided on: a Review from a store run, a Waiver from a check run.
//
// One ClaimReview per side of a finding, not one per finding. A ClaimReview
// reviews one claim (claimReviewed, one itemReviewed Claim, one rating), and
// a contradiction is several claims that cannot all hold: "built in 1962"
// and "built in 1958" are different claims, made by different outlets, and a
// consumer (a fact-check page, a search engine, Google's Fact Check Tools)
// shows a claim with its rating and its authors. Folding both sides into one
// object would make claimReviewed a list and the rating meaningless for
// either side. So each side is one Claim: its first appearance (the earliest
// published source of that side) gives the sentence and the claim's author
// and date, every source of the side is an appearance, and the other sides
// go into ratingExplanation. A within-source finding has no sides, only the
// claims of one article that cannot all hold, so each of its claims is one.
//
// Not included: ClaimReview.url (Google wants the page that hosts the fact
// check, which only the publisher knows), and claim-level waivers (they
// decide how a claim counts, not whether a finding holds).
#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/report/exports.h"
#include "engine/report/report_util.h"

namespace crosscheck {
namespace {

using Json = nlohmann::ordered_json;

std::string BaseVerdict(FactStatus status) {
  switch (status) {
    case FactStatus::kContradiction: return "Contradicted by other sources";
    case FactStatus::kAgreement: return "Consistent with other sources";
    case FactStatus::kSingle: return "Stated by one source only";
  }
  return "Contradicted by other sources";
}

constexpr char kWithinSourceVerdict[] = "Contradicted elsewhere in the same article";

// reviewRating.alternateName: the editor's decision in words; a review (the
// later, store-kept decision) wins over a waiver.
std::string Verdict(const std::string& base, const std::optional<Waiver>& waiver,
                    const std::optional<Review>& review) {
  if (review) {
    if (review->status == "confirmed") return "Confirmed contradiction";
    if (review->status == "dismissed") return "Not a contradiction (dismissed)";
    if (review->status == "needs-work") return "Needs work";
    if (review->status == "stale") return base + " (review out of date)";
    return base;
  }
  if (waiver && waiver->status == "not_applicable") return "Not a contradiction (not applicable)";
  return base;
}

std::string DecisionNote(const std::optional<Waiver>& waiver,
                         const std::optional<Review>& review) {
  if (review) return review->note;
  if (waiver) return waiver->reason;
  return "";
}

// The outlet as an Organization, else the byline as a Person; null if neither.
Json SourceAuthor(const SourceReport& s) {
  if (!s.outlet.empty()) return {{"@type", "Organization"}, {"name", s.outlet}};
  if (!s.byline.empty()) return {{"@type", "Person"}, {"name", s.byline}};
  return nullptr;
}

Json CreativeWork(const SourceReport& s) {
  Json work;
  work["@type"] = "CreativeWork";
  work["identifier"] = s.id;
  const std::string url = internal::WebUrl(s.url);
  if (!url.empty()) work["url"] = url;
  if (!s.title.empty()) work["headline"] = s.title;
  if (!s.published.empty()) work["datePublished"] = s.published;
  Json author = SourceAuthor(s);
  if (!author.is_null()) work["author"] = std::move(author);
  return work;
}

class ClaimReviewWriter {
 public:
  explicit ClaimReviewWriter(const Report& report);

  void AddFact(const FactFinding& f);
  void AddWithinSource(const WithinSourceFinding& w);
  Json& reviews() { return reviews_; }

 private:
  // REQUIRES: `id` is the source of a claim of the report.
  const SourceReport& Source(const std::string& id) const { return *sources_.at(id); }
  const Claim& FirstAppearance(const std::vector<const Claim*>& claims) const;
  Json MakeReview(const std::vector<const Claim*>& claims, const std::string& verdict,
                  const std::string& explanation, const std::optional<Waiver>& waiver,
                  const std::optional<Review>& review) const;

  std::map<std::string, const SourceReport*> sources_;
  // Stand-ins, with only the id, for claim sources the report does not list.
  std::map<std::string, SourceReport> unlisted_;
  Json reviews_ = Json::array();
};

ClaimReviewWriter::ClaimReviewWriter(const Report& report) {
  for (const SourceReport& s : report.sources) sources_[s.id] = &s;
  auto note = [this](const Claim& c) {
    if (sources_.count(c.source) != 0) return;
    SourceReport& s = unlisted_[c.source];
    s.id = c.source;
    sources_[c.source] = &s;  // std::map nodes do not move
  };
  for (const FactFinding& f : report.facts)
    for (const ValueGroup& g : f.values)
      for (const Claim& c : g.claims) note(c);
  for (const WithinSourceFinding& w : report.within_source)
    for (const Claim& c : w.claims) note(c);
}

// The claim whose source was published first (ISO dates sort as text; an
// unknown date sorts last); the first listed on a tie.
const Claim& ClaimReviewWriter::FirstAppearance(
    const std::vector<const Claim*>& claims) const {
  const Claim* first = claims.front();
  const std::string* first_date = &Source(first->source).published;
  for (const Claim* c : claims) {
    const std::string& date = Source(c->source).published;
    if (!date.empty() && (first_date->empty() || date < *first_date)) {
      first = c;
      first_date = &date;
    }
  }
  return *first;
}

// REQUIRES: !claims.empty().
Json ClaimReviewWriter::MakeReview(const std::vector<const Claim*>& claims,
                                   const std::string& verdict, const std::string& explanation,
                                   const std::optional<Waiver>& waiver,
                                   const std::optional<Review>& review) const {
  const Claim& first = FirstAppearance(claims);
  const SourceReport& origin = Source(first.source);

  Json item;
  item["@type"] = "Claim";
  Json author = SourceAuthor(origin);
  if (!author.is_null()) item["author"] = std::move(author);
  if (!origin.published.empty()) item["datePublished"] = origin.published;
  item["firstAppearance"] = CreativeWork(origin);
  Json appearances = Json::array();
  std::vector<std::string> seen;
  for (const Claim* c : claims) {
    if (std::find(seen.begin(), seen.end(), c->source) != seen.end()) continue;
    seen.push_back(c->source);
    appearances.push_back(CreativeWork(Source(c->source)));
  }
  item["appearance"] = std::move(appearances);

  Json j;
  j["@context"] = "https://schema.org";
  j["@type"] = "ClaimReview";
  j["claimReviewed"] = first.sentence.empty() ? first.label + ": " + first.text : first.sentence;
  if (review && !review->at.empty()) j["datePublished"] = review->at;
  const std::string by = review ? review->by : waiver ? waiver->by : "";
  if (!by.empty()) j["author"] = {{"@type", "Person"}, {"name", by}};
  j["itemReviewed"] = std::move(item);
  j["reviewRating"] = {
      {"@type", "Rating"}, {"alternateName", verdict}, {"ratingExplanation", explanation}};
  return j;
}

// "Other sources give 1958 (river-post). Editor's note: ..."
std::string Explanation(const std::string& others, const std::string& note) {
  std::string text = others;
  if (!note.empty()) text += (text.empty() ? "" : " ") + ("Editor's note: " + note);
  return text;
}

std::string SourcesOf(const ValueGroup& g) {
  std::vector<std::string> sources;
  for (const Claim& c : g.claims)
    if (std::find(sources.begin(), sources.end(), c.source) == sources.end())
      sources.push_back(c.source);
  std::string text;
  for (size_t i = 0; i < sources.size(); ++i) text += (i ? ", " : "") + sources[i];
  return text;
}

// "Other sources give 1958 (river-post); 1963 (wire) for year ...": every
// side of `f` but the one at `side`.
std::string OtherSides(const FactFinding& f, size_t side) {
  std::string others;
  for (size_t i = 0; i < f.values.size(); ++i) {
    if (i == side) continue;
    if (!others.empty()) others += "; ";
    others += f.values[i].display;
    others += " (" + SourcesOf(f.values[i]) + ")";
  }
  if (others.empty()) return "No other source gives another value for " + f.label + ".";
  return "Other sources give " + others + " for " + f.label + ".";
}

void ClaimReviewWriter::AddFact(const FactFinding& f) {
  if (!f.waiver && !f.review) return;
  const std::string verdict = Verdict(BaseVerdict(f.status), f.waiver, f.review);
  const std::string note = DecisionNote(f.waiver, f.review);
  for (size_t side = 0; side < f.values.size(); ++side) {
    const ValueGroup& g = f.values[side];
    if (g.claims.empty()) continue;
    std::vector<const Claim*> claims;
    for (const Claim& c : g.claims) claims.push_back(&c);
    reviews_.push_back(MakeReview(claims, verdict, Explanation(OtherSides(f, side), note),
                                  f.waiver, f.review));
  }
}

void ClaimReviewWriter::AddWithinSource(const WithinSourceFinding& w) {
  if (!w.review) return;
  const std::string verdict = Verdict(kWithinSourceVerdict, std::nullopt, w.review);
  // w.finding reads on from the source: "gives 2013 and 2016 for ...".
  const std::string what = "The same article (" + w.source + ") " + w.finding + ".";
  for (const Claim& c : w.claims) {
    reviews_.push_back(MakeReview({&c}, verdict, Explanation(what, w.review->note),
                                  std::nullopt, w.review));
  }
}

// JSON-LD goes into <script type="application/ld+json">: a "</script>" in a
// string would close the element. <, > and & only ever occur inside JSON
// strings, where \u escapes mean the same characters.
std::string EscapeForScript(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string WriteClaimReviewJsonLd(const Report& report) {
  ClaimReviewWriter writer(report);
  for (const FactFinding& f : report.facts) writer.AddFact(f);
  for (const WithinSourceFinding& w : report.within_source) writer.AddWithinSource(w);
  return EscapeForScript(
             writer.reviews().dump(2, ' ', false, Json::error_handler_t::replace)) +
         "\n";
}

}  // namespace crosscheck
