// The check pipeline split where a store needs it to be split.
//
// What one article yields without the others is its ArticleExtract, which a
// store keeps per article; what the articles yield together (entity
// clusters, copies, comparison, scores) is made from the extracts:
//
//   Pipeline p = *Pipeline::Create(options);
//   EntityIndex index(p.rules());
//   for each article: AnalysedArticle a = p.Analyse(doc, index);
//                     ArticleExtract x = p.BeginExtract(a);
//   for each extract: AddToIndex(x, &index);      then index.Finish();
//   for each extract: if (!p.ClaimsValid(x, index)) p.ExtractClaims(a, index, &x);
//   Report r = p.Assemble(extracts);
//
// The claims of an article depend on the corpus only through the entity
// clusters its mentions fall into. An extract records that view (its
// context); while the view is the same under a later corpus's clusters, the
// stored claims stand, and an incremental run analyses only new articles and
// those whose view changed. `check` runs the same steps in memory, so a store
// run and a check over the same articles report the same.
#ifndef CROSSCHECK_ENGINE_CHECKER_PIPELINE_H_
#define CROSSCHECK_ENGINE_CHECKER_PIPELINE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/checker.h"
#include "crosscheck/document.h"
#include "crosscheck/finding.h"
#include "crosscheck/status.h"
#include "engine/compare/waivers.h"
#include "engine/normalize/normalizer.h"
#include "engine/rules/entities.h"
#include "engine/rules/matcher.h"
#include "engine/rules/rule_set.h"
#include "engine/score/copies.h"
#include "engine/score/scorer.h"

namespace crosscheck {

// An article with what needs no other article: its values, mentions and
// style findings.
struct AnalysedArticle {
  Document doc;
  SentenceValues values;
  DocMentions mentions;
  ArticleStyle style;
};

// A mention as the entity index sees it: what EntityIndex::Add() and
// ClusterOf() read of it.
struct MentionKey {
  MentionKind kind = MentionKind::kName;
  std::string key;
  int entity = -1;
  bool tentative = false;
  int count = 1;  // occurrences in the article
};

// Everything the corpus stages need from one article, without its text.
struct ArticleExtract {
  std::string id;  // source id
  std::string path;
  size_t line = 0;
  ReferenceDate published;
  std::string pipeline;  // Pipeline::fingerprint() it was made with

  // Entity index input.
  std::vector<MentionKey> mentions;  // names and declared descriptors
  std::vector<std::pair<std::string, std::string>> links;
  std::vector<std::string> person_keys, firm_keys;

  std::vector<uint64_t> shingles;  // copy detection

  // Valid while ClaimContext() under the corpus's clusters equals `context`;
  // empty context: not extracted yet.
  std::string context;
  std::vector<Claim> claims;
  std::vector<RelativeDate> relative;
  SourceReport source;  // ScoreArticle(): the article's own components
};

// An extract for Assemble(), and the key a CopyIndex knows it by.
struct AssembleInput {
  ArticleExtract* extract = nullptr;
  uint64_t copy_key = 0;
  // The report takes the extract's source report out of it instead of
  // copying it (the caller needs the extract no more); Assemble() changes
  // nothing else of it.
  bool take_source = false;
};

// What a source's score needs of the corpus (its id made unique, its copy
// relation, its consistency), kept by Assemble() for sources that are read
// back one at a time instead of held in Report::sources.
class CorpusScores {
 public:
  size_t size() const { return ids_.size(); }
  // The copy_key of the i-th source in report order.
  uint64_t copy_key(size_t i) const { return copy_keys_[i]; }
  // Makes `source` (the article's own part, as ExtractClaims() left it) the
  // i-th source of the report: its id and the corpus's components.
  void Finish(size_t i, SourceReport* source) const;

 private:
  friend class Pipeline;
  std::vector<std::string> ids_;
  std::vector<uint64_t> copy_keys_;
  std::map<std::string, CopyRelation> copies_;
  std::map<std::string, SourceConsistency> fused_;
  ScoreOptions options_;
};

class Pipeline {
 public:
  // Loads and compiles the rule packs and waivers of `options`.
  static StatusOr<std::unique_ptr<Pipeline>> Create(const CheckOptions& options);

  const RuleSet& rules() const { return rules_; }
  // Names the rules (the packs' bytes) and this build: an extract made under
  // another fingerprint is analysed again.
  const std::string& fingerprint() const { return fingerprint_; }
  // The rule files' and the waiver files' bytes hashed: what Create() read.
  // A resident run compares it with ConfigHash() to notice edits.
  const std::string& config_hash() const { return config_hash_; }
  static StatusOr<std::string> ConfigHash(const CheckOptions& options);
  // The same files' identities, sizes and change times, read without
  // reading the files: while it stays the same, so does ConfigHash().
  static std::string ConfigStat(const CheckOptions& options);

  AnalysedArticle Analyse(Document doc, const EntityIndex& index) const;
  // The extract's identity, entity input and shingles; no claims yet.
  ArticleExtract BeginExtract(const AnalysedArticle& article) const;
  // Analyse() into `*analysed`, then BeginExtract(), the document split into
  // words once for both (the entity scan and the shingles read every word).
  ArticleExtract AnalyseAndBegin(Document doc, const EntityIndex& index,
                                 AnalysedArticle* analysed) const;
  // The claims, relative dates and the article's own score components;
  // with `record_context`, also the context ClaimsValid() compares, made
  // from the extract's mentions (a one-off check needs none and may have
  // dropped them once the index had them).
  // REQUIRES: index.Finish() done, with this article added.
  void ExtractClaims(const AnalysedArticle& article, const EntityIndex& index,
                     ArticleExtract* extract, bool record_context = true) const;
  // True when `extract` was made by this pipeline and its claims were made
  // under the same clusters as `index` gives.
  bool ClaimsValid(const ArticleExtract& extract, const EntityIndex& index) const;

  // Copies, waivers, comparison and scores over every extract (all with
  // claims), in (path, line) order; a source id two extracts share gets a
  // "-2" suffix on the later one. Warnings about unused waivers go into the
  // report.
  Report Assemble(std::vector<ArticleExtract> extracts) const;
  // The same with the copies a CopyIndex found among the extracts, each
  // added under its copy_key (a store run keeps one between runs; a check
  // keeps only its pairs). With `later`, the report gets no sources:
  // `later` keeps what it takes to finish each one when it is read back.
  Report Assemble(std::vector<AssembleInput> extracts, const CopyPairs& copy_pairs,
                  CorpusScores* later = nullptr) const;

 private:
  Pipeline() = default;
  void Analyse(Document doc, const EntityIndex& index, const SentenceWords& words,
               AnalysedArticle* out) const;
  ArticleExtract BeginExtract(const AnalysedArticle& article,
                              const SentenceWords& words) const;
  std::string ClaimContext(const ArticleExtract& extract,
                           const EntityIndex& index) const;

  RuleSet rules_;
  std::unique_ptr<Matcher> matcher_;
  std::vector<WaiverRule> waivers_;
  ScoreOptions score_options_;
  std::unique_ptr<const SourcingCounter> sourcing_;  // of score_options_.scoring
  Normalizer normalizer_;
  std::string fingerprint_;
  std::string config_hash_;
};

// Adds the extract's names and links to the index (EntityIndex::Add()).
void AddToIndex(const ArticleExtract& extract, EntityIndex* index);

// The extract as bytes and back (extract_codec.cc); DecodeExtract fails with
// a message on anything it cannot read (a store written by another version,
// a damaged or truncated row).
std::string EncodeExtract(const ArticleExtract& extract);
StatusOr<ArticleExtract> DecodeExtract(std::string_view bytes);
// The same for an analysed article (`check` keeps them on disk between its
// passes, not in memory).
std::string EncodeAnalysed(const AnalysedArticle& article);
StatusOr<AnalysedArticle> DecodeAnalysed(std::string_view bytes);
// The same for the article's own part of its source report (what
// ExtractClaims() leaves in ArticleExtract::source; `check` streams them).
std::string EncodeSource(const SourceReport& source);
StatusOr<SourceReport> DecodeSource(std::string_view bytes);

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_CHECKER_PIPELINE_H_
