#include "engine/checker/pipeline.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "engine/compare/comparer.h"
#include "engine/ingest/reader.h"
#include "engine/score/copies.h"
#include "engine/store/store.h"

namespace crosscheck {
namespace {

namespace fs = std::filesystem;

// Bump when a change to ingest, the normaliser, the entity stage or the
// matcher changes what an article yields under the same rules: stored
// extracts of an older version are then analysed again.
constexpr char kExtractVersion[] = "extract/2";  // 2: sentences of at most 4 KiB

// The rule files: .yaml/.yml under each path, in name order per path.
std::vector<std::string> RuleFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> all;
  for (const std::string& path : paths) {
    std::vector<std::string> files;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end;
           it.increment(ec)) {
        const std::string ext = it->path().extension().string();
        if (it->is_regular_file(ec) && (ext == ".yaml" || ext == ".yml"))
          files.push_back(it->path().string());
      }
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(path);
    }
    all.insert(all.end(), files.begin(), files.end());
  }
  return all;
}

// SHA-256 over the rule files.
StatusOr<std::string> HashRuleFiles(const std::vector<std::string>& paths) {
  std::string all = kExtractVersion;
  for (const std::string& f : RuleFiles(paths)) {
    CC_ASSIGN_OR_RETURN(std::string bytes, internal::ReadWholeFile(f, size_t{64} << 20));
    all += '\0' + f + '\0' + Sha256Hex(bytes);
  }
  return Sha256Hex(all);
}

// HashRuleFiles() and the waiver files' bytes: what Pipeline::Create()
// reads.
StatusOr<std::string> HashConfig(const std::vector<std::string>& rule_paths,
                                 const std::vector<std::string>& waiver_paths) {
  CC_ASSIGN_OR_RETURN(std::string all, HashRuleFiles(rule_paths));
  for (const std::string& w : waiver_paths) {
    CC_ASSIGN_OR_RETURN(std::string bytes, internal::ReadWholeFile(w, size_t{64} << 20));
    all += '\0' + w + '\0' + Sha256Hex(bytes);
  }
  return Sha256Hex(all);
}

std::vector<std::string> RulePaths(const CheckOptions& options) {
  std::vector<std::string> rule_paths = options.rule_paths;
  if (rule_paths.empty()) rule_paths.push_back(DefaultRulesDir());
  return rule_paths;
}

// The mention the entity index sees in a MentionKey.
Mention ToMention(const MentionKey& k) {
  Mention m;
  m.kind = k.kind;
  m.key = k.key;
  m.entity = k.entity;
  m.tentative = k.tentative;
  return m;
}

// Two articles may come with one source id (two inboxes' "report.txt", or a
// store's runs): the later in (path, line) order becomes "report-2", as
// ingest does within one run. REQUIRES: extracts in (path, line) order.
std::vector<std::string> UniqueIds(const std::vector<AssembleInput>& extracts) {
  std::vector<std::string> ids;
  ids.reserve(extracts.size());
  std::set<std::string> used;
  for (const AssembleInput& in : extracts) {
    const std::string& base = in.extract->id;
    std::string id = base;
    for (int n = 2; used.count(id); ++n) id = base + "-" + std::to_string(n);
    used.insert(id);
    ids.push_back(std::move(id));
  }
  return ids;
}

// The name mentions, as the language check reads them.
std::vector<NameUse> NameUses(const DocMentions& mentions) {
  std::vector<NameUse> names;
  const std::vector<std::string>& persons = mentions.person_keys;
  for (const std::vector<Mention>& in_sentence : mentions.by_sentence)
    for (const Mention& m : in_sentence)
      if (m.kind == MentionKind::kName)
        names.push_back(
            {Span{m.start, m.end},
             m.person_hint ||
                 std::find(persons.begin(), persons.end(), m.key) != persons.end()});
  return names;
}

}  // namespace

StatusOr<std::string> Pipeline::ConfigHash(const CheckOptions& options) {
  return HashConfig(RulePaths(options), options.waiver_paths);
}

std::string Pipeline::ConfigStat(const CheckOptions& options) {
  std::vector<std::string> files = RuleFiles(RulePaths(options));
  files.insert(files.end(), options.waiver_paths.begin(), options.waiver_paths.end());
  std::string out;
  for (const std::string& f : files) {
    struct stat st {};
    out += f;
    if (::stat(f.c_str(), &st) != 0) {
      out += "\0-\n";
      continue;
    }
    for (const long long v :
         {static_cast<long long>(st.st_dev), static_cast<long long>(st.st_ino),
          static_cast<long long>(st.st_size), static_cast<long long>(st.st_mtim.tv_sec),
          static_cast<long long>(st.st_mtim.tv_nsec), static_cast<long long>(st.st_ctim.tv_sec),
          static_cast<long long>(st.st_ctim.tv_nsec)})
      out += '\0' + std::to_string(v);
    out += '\n';
  }
  return out;
}

StatusOr<std::unique_ptr<Pipeline>> Pipeline::Create(const CheckOptions& options) {
  const std::vector<std::string> rule_paths = RulePaths(options);
  std::unique_ptr<Pipeline> p(new Pipeline());
  CC_ASSIGN_OR_RETURN(p->rules_, LoadRuleSet(rule_paths));
  CC_ASSIGN_OR_RETURN(p->matcher_, Matcher::Create(p->rules_));
  CC_ASSIGN_OR_RETURN(p->waivers_, LoadWaivers(options.waiver_paths));
  CC_ASSIGN_OR_RETURN(p->fingerprint_, HashRuleFiles(rule_paths));
  CC_ASSIGN_OR_RETURN(p->config_hash_, HashConfig(rule_paths, options.waiver_paths));
  p->score_options_ = ScoreOptionsFrom(p->rules_.scoring());
  p->sourcing_ = std::make_unique<const SourcingCounter>(p->score_options_.scoring);
  return p;
}

AnalysedArticle Pipeline::Analyse(Document doc, const EntityIndex& index) const {
  AnalysedArticle a;
  const SentenceWords words(doc);
  Analyse(std::move(doc), index, words, &a);
  return a;
}

void Pipeline::Analyse(Document doc, const EntityIndex& index,
                       const SentenceWords& words, AnalysedArticle* out) const {
  out->values = normalizer_.ExtractSentences(doc);
  out->mentions = index.Scan(doc, words);
  // The style checks read every word too: found here, where the words are
  // split, not when the article is scored.
  out->style.language = FindLanguageIssues(doc, NameUses(out->mentions), words);
  out->style.sensationalism = FindSensationalism(doc, score_options_.scoring, words);
  out->doc = std::move(doc);
}

ArticleExtract Pipeline::AnalyseAndBegin(Document doc, const EntityIndex& index,
                                         AnalysedArticle* analysed) const {
  const SentenceWords words(doc);  // offsets only: they outlive the move
  Analyse(std::move(doc), index, words, analysed);
  return BeginExtract(*analysed, words);
}

ArticleExtract Pipeline::BeginExtract(const AnalysedArticle& article) const {
  return BeginExtract(article, SentenceWords(article.doc));
}

ArticleExtract Pipeline::BeginExtract(const AnalysedArticle& article,
                                      const SentenceWords& words) const {
  ArticleExtract x;
  x.id = article.doc.id;
  x.path = article.doc.path;
  x.line = article.doc.line;
  x.published = article.doc.published;
  x.pipeline = fingerprint_;
  // One MentionKey per distinct (kind, key, entity, tentative), counted.
  std::map<std::tuple<int, std::string, int, bool>, int> counts;
  for (const std::vector<Mention>& in_sentence : article.mentions.by_sentence)
    for (const Mention& m : in_sentence) {
      if (m.kind == MentionKind::kPronoun) continue;
      if (m.kind == MentionKind::kDescriptor && m.entity < 0) continue;
      ++counts[{static_cast<int>(m.kind), m.key, m.entity, m.tentative}];
    }
  for (const auto& [k, n] : counts)
    x.mentions.push_back({static_cast<MentionKind>(std::get<0>(k)), std::get<1>(k),
                          std::get<2>(k), std::get<3>(k), n});
  x.links = article.mentions.links;
  x.person_keys = article.mentions.person_keys;
  x.firm_keys = article.mentions.firm_keys;
  x.shingles = Shingles(article.doc, words, CopyOptions().shingle_words);
  return x;
}

void AddToIndex(const ArticleExtract& extract, EntityIndex* index) {
  for (const MentionKey& k : extract.mentions)
    if (k.kind == MentionKind::kName) index->AddName(k.key, k.entity, k.count);
  index->AddRelations(extract.links, extract.person_keys, extract.firm_keys);
}

std::string Pipeline::ClaimContext(const ArticleExtract& extract,
                                   const EntityIndex& index) const {
  // What the matcher can learn from the clusters: for each mention, the
  // cluster it falls into (ClusterOf), and that cluster's id, name and type.
  std::string view;
  for (const MentionKey& k : extract.mentions) {
    const int c = index.ClusterOf(ToMention(k));
    view += k.key;
    view += '\x1f';
    view += std::to_string(k.entity);
    view += '\x1f';
    if (c >= 0) {
      const Cluster& cluster = index.cluster(c);
      view += cluster.id + '\x1f' + cluster.name + '\x1f' +
              std::to_string(static_cast<int>(cluster.type));
    }
    view += '\x1e';
  }
  return Sha256Hex(view);
}

bool Pipeline::ClaimsValid(const ArticleExtract& extract,
                           const EntityIndex& index) const {
  return extract.pipeline == fingerprint_ && !extract.context.empty() &&
         extract.context == ClaimContext(extract, index);
}

void Pipeline::ExtractClaims(const AnalysedArticle& article, const EntityIndex& index,
                             ArticleExtract* x, bool record_context) const {
  const Document& doc = article.doc;
  const std::vector<std::string> speakers =
      matcher_->Speakers(doc, article.mentions, index);
  x->claims = matcher_->Extract(doc, article.values, article.mentions, index, speakers);
  x->relative = matcher_->FindRelativeDates(doc, article.values, article.mentions, index);
  SourceSignals signals;
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    if (doc.sentences[s].headline || speakers[s].empty()) continue;
    signals.speakers.emplace_back(speakers[s], doc.sentences[s].span);
  }
  sourcing_->Count(doc, &signals);
  signals.style = article.style;
  x->source = ScoreArticle(doc, signals, static_cast<int>(x->claims.size()),
                           score_options_);
  if (record_context) x->context = ClaimContext(*x, index);
}

Report Pipeline::Assemble(std::vector<ArticleExtract> extracts) const {
  CopyIndex copies;
  copies.Reserve(extracts.size());
  std::vector<AssembleInput> in;
  in.reserve(extracts.size());
  for (size_t i = 0; i < extracts.size(); ++i) {
    copies.Add(i, &extracts[i].shingles);
    in.push_back({&extracts[i], i, /*take_source=*/true});
  }
  return Assemble(std::move(in), copies.pairs());
}

void CorpusScores::Finish(size_t i, SourceReport* source) const {
  source->id = ids_[i];
  AddCorpusComponents(fused_, copies_, options_, source);
}

Report Pipeline::Assemble(std::vector<AssembleInput> extracts, const CopyPairs& copy_pairs,
                          CorpusScores* later) const {
  std::stable_sort(extracts.begin(), extracts.end(),
                   [](const AssembleInput& a, const AssembleInput& b) {
                     return std::tie(a.extract->path, a.extract->line) <
                            std::tie(b.extract->path, b.extract->line);
                   });
  std::vector<std::string> ids = UniqueIds(extracts);
  Report report;
  report.rule_packs = rules_.packs();

  std::vector<CopySource> copy_sources;
  std::vector<uint64_t> copy_keys;
  copy_sources.reserve(extracts.size());
  copy_keys.reserve(extracts.size());
  for (size_t i = 0; i < extracts.size(); ++i) {
    copy_sources.push_back({&ids[i], extracts[i].extract->published,
                            &extracts[i].extract->shingles});
    copy_keys.push_back(extracts[i].copy_key);
  }
  std::map<std::string, CopyRelation> copies;
  std::map<std::string, std::string> copy_of;
  for (const CopyRelation& r : copy_pairs.Relations(copy_sources, copy_keys)) {
    copies[r.copy] = r;
    copy_of[r.copy] = r.original;
  }

  std::vector<Claim> claims;
  std::vector<RelativeDate> relative;
  for (size_t i = 0; i < extracts.size(); ++i) {
    const ArticleExtract& x = *extracts[i].extract;
    const bool renamed = ids[i] != x.id;
    for (const Claim& c : x.claims) {
      claims.push_back(c);
      if (renamed) claims.back().source = ids[i];
    }
    for (const RelativeDate& r : x.relative) {
      relative.push_back(r);
      if (renamed) relative.back().anchor.source = ids[i];
    }
  }
  std::vector<bool> claim_waiver_used, finding_waiver_used;
  WaiveClaims(waivers_, &claims, &claim_waiver_used);
  CompareResult compared = CompareClaims(claims, rules_, copy_of);
  WaiveFindings(waivers_, &compared.facts, &finding_waiver_used);
  for (size_t i = 0; i < waivers_.size(); ++i) {
    if (!claim_waiver_used[i] && !finding_waiver_used[i])
      report.warnings.push_back(waivers_[i].waiver.origin + ": waiver matches no " +
                                (waivers_[i].claim ? "claim" : "finding") + " of '" +
                                waivers_[i].finding + "'");
  }
  CorpusScores scores;
  scores.fused_ = FuseFindings(compared.facts, copies);
  scores.copies_ = std::move(copies);
  scores.ids_ = std::move(ids);
  scores.copy_keys_ = std::move(copy_keys);
  scores.options_ = score_options_;
  if (later != nullptr) {
    *later = std::move(scores);
  } else {
    report.sources.reserve(extracts.size());
    for (size_t i = 0; i < extracts.size(); ++i) {
      if (extracts[i].take_source) {
        report.sources.push_back(std::move(extracts[i].extract->source));
      } else {
        report.sources.push_back(extracts[i].extract->source);
      }
      scores.Finish(i, &report.sources.back());
    }
  }
  report.facts = std::move(compared.facts);
  report.within_source = std::move(compared.within_source);
  for (WithinSourceFinding& w : CheckRelativeDates(relative, claims))
    report.within_source.push_back(std::move(w));
  return report;
}

}  // namespace crosscheck
