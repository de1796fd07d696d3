#include "crosscheck/checker.h"

#include <algorithm>
#include <map>

#include "engine/compare/comparer.h"
#include "engine/compare/waivers.h"
#include "engine/ingest/ingest.h"
#include "engine/normalize/normalizer.h"
#include "engine/rules/entities.h"
#include "engine/rules/matcher.h"
#include "engine/rules/rule_set.h"
#include "engine/score/copies.h"
#include "engine/score/scorer.h"

namespace crosscheck {
namespace {

}  // namespace

StatusOr<Report> Check(const std::vector<std::string>& paths,
                       const CheckOptions& options) {
  std::vector<std::string> rule_paths = options.rule_paths;
  if (rule_paths.empty()) rule_paths.push_back(DefaultRulesDir());
  CC_ASSIGN_OR_RETURN(RuleSet rules, LoadRuleSet(rule_paths));
  CC_ASSIGN_OR_RETURN(std::unique_ptr<Matcher> matcher, Matcher::Create(rules));
  CC_ASSIGN_OR_RETURN(std::vector<WaiverRule> waivers, LoadWaivers(options.waiver_paths));

  IngestOptions ingest_options;
  ingest_options.max_file_bytes = options.max_file_bytes;
  CC_ASSIGN_OR_RETURN(IngestResult ingested, IngestPaths(paths, ingest_options));

  Report report;
  report.rule_packs = rules.packs();
  for (const Diagnostic& d : ingested.diagnostics) {
    if (d.level == Diagnostic::Level::kError) report.errors.push_back(d.ToString());
    else if (d.level == Diagnostic::Level::kWarning)
      report.warnings.push_back(d.ToString());
  }
  const std::vector<Document>& docs = ingested.documents;

  // Per article: values and mentions. Then entities across the corpus.
  Normalizer normalizer;
  EntityIndex entities(rules);
  std::vector<SentenceValues> values;
  std::vector<DocMentions> mentions;
  values.reserve(docs.size());
  mentions.reserve(docs.size());
  for (const Document& doc : docs) {
    values.push_back(normalizer.ExtractSentences(doc));
    mentions.push_back(entities.Scan(doc));
    entities.Add(mentions.back());
  }
  entities.Finish();

  std::vector<Claim> claims;
  std::vector<RelativeDate> relative;
  std::vector<SourceSignals> signals(docs.size());
  std::vector<int> claim_counts(docs.size());
  const ScoreOptions score_options = ScoreOptionsFrom(rules.scoring());
  for (size_t i = 0; i < docs.size(); ++i) {
    const std::vector<std::string> speakers =
        matcher->Speakers(docs[i], mentions[i], entities);
    std::vector<Claim> found =
        matcher->Extract(docs[i], values[i], mentions[i], entities, speakers);
    claim_counts[i] = static_cast<int>(found.size());
    for (RelativeDate& r :
         matcher->FindRelativeDates(docs[i], values[i], mentions[i], entities))
      relative.push_back(std::move(r));
    for (Claim& c : found) claims.push_back(std::move(c));
    for (size_t s = 0; s < docs[i].sentences.size(); ++s) {
      if (docs[i].sentences[s].headline || speakers[s].empty()) continue;
      signals[i].speakers.emplace_back(speakers[s], docs[i].sentences[s].span);
    }
    CountSourcing(docs[i], score_options.scoring, &signals[i]);
    const std::vector<std::string>& persons = mentions[i].person_keys;
    for (const std::vector<Mention>& in_sentence : mentions[i].by_sentence)
      for (const Mention& m : in_sentence)
        if (m.kind == MentionKind::kName)
          signals[i].names.push_back(
              {Span{m.start, m.end},
               m.person_hint ||
                   std::find(persons.begin(), persons.end(), m.key) != persons.end()});
  }

  std::vector<const Document*> doc_ptrs;
  std::vector<std::vector<uint64_t>> shingles;
  for (const Document& doc : docs) {
    doc_ptrs.push_back(&doc);
    shingles.push_back(Shingles(doc, CopyOptions().shingle_words));
  }
  std::map<std::string, CopyRelation> copies;
  std::map<std::string, std::string> copy_of;
  for (const CopyRelation& r : DetectCopies(doc_ptrs, shingles)) {
    copies[r.copy] = r;
    copy_of[r.copy] = r.original;
  }

  std::vector<bool> claim_waiver_used, finding_waiver_used;
  WaiveClaims(waivers, &claims, &claim_waiver_used);
  CompareResult compared = CompareClaims(claims, rules, copy_of);
  WaiveFindings(waivers, &compared.facts, &finding_waiver_used);
  for (size_t i = 0; i < waivers.size(); ++i) {
    if (!claim_waiver_used[i] && !finding_waiver_used[i])
      report.warnings.push_back(waivers[i].waiver.origin + ": waiver matches no " +
                                (waivers[i].claim ? "claim" : "finding") + " of '" +
                                waivers[i].finding + "'");
  }
  report.sources = ScoreSources(docs, signals, compared.facts, copies, claim_counts,
                                score_options);
  report.facts = std::move(compared.facts);
  report.within_source = std::move(compared.within_source);
  for (WithinSourceFinding& w : CheckRelativeDates(relative, claims))
    report.within_source.push_back(std::move(w));
  return report;
}

}  // namespace crosscheck
