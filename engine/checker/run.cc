// RunStore and ReviewFinding: the pipeline over a store (crosscheck/run.h).
//
// A run, in order:
//   1. take the run (SQLite: the run lock; a second run refuses or waits);
//   2. add the inbox's articles: each as a record of what ingest read (the
//      bytes, the format, what a manifest or JSONL line said), keyed in the
//      store by the record's SHA-256;
//   3. claim the pending articles; analyse each; make its claims under the
//      entity clusters of every article known so far; save the extract (one
//      transaction per article: committed work survives a kill);
//   4. load every stored extract, build the clusters of the whole store,
//      and analyse again the articles whose cluster view changed (their
//      claims were made under other clusters) or that an older pipeline made;
//   5. assemble the report, save findings and scores, compare with the
//      previous finished run, finish the run.
//
// A RunSession (`watch`) keeps what one run learnt for the next: the
// compiled rules, every extract, the entity index and the copy index. Its
// next run reads nothing of the store again unless another connection
// changed it (Store::ChangedByOthers) or the rule or waiver files changed;
// it adds its new articles to the two indexes, and checks again only the
// claims of articles that mention a name whose cluster changed
// (EntityIndex::changes). What it reports is what a fresh run would.
//
// A shared (PostgreSQL) store splits step 3 in two passes, because claims
// made under the clusters of a part of the corpus mostly have to be made
// again (cluster names and ids change as articles arrive): workers first
// claim batches and save extracts without claims, wait until no article is
// left unanalysed, then claim batches again and make the claims under the
// clusters of the whole store. Each pass hands each article to one worker.
#include "crosscheck/run.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

#include "engine/checker/parallel.h"
#include "engine/checker/pipeline.h"
#include "engine/ingest/ingest.h"
#include "engine/store/store.h"

namespace crosscheck {
namespace {

using Json = nlohmann::json;

// The store's copy of one article: what AnalyzeInput() needs.
std::string InputRecord(const ArticleInput& in, const Document& doc) {
  Json o = Json::object();
  const internal::ArticleOverrides& ov = in.overrides;
  if (ov.id) o["id"] = *ov.id;
  if (ov.title) o["title"] = *ov.title;
  if (ov.byline) o["byline"] = *ov.byline;
  if (ov.dateline) o["dateline"] = *ov.dateline;
  if (ov.outlet) o["outlet"] = *ov.outlet;
  if (ov.url) o["url"] = *ov.url;
  if (ov.published.known())
    o["published"] = {ov.published.year, ov.published.month, ov.published.day};
  const Json j = {{"format", in.format}, {"document_format", doc.format},
                  {"line", doc.line}, {"overrides", o}, {"body", in.body}};
  // Ingest let only valid UTF-8 through; replace keeps this total anyway.
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

StatusOr<Document> DocumentFromRecord(const StoreArticle& a) {
  ArticleInput in;
  std::string document_format;
  size_t line = 0;
  try {
    const Json j = Json::parse(a.content);
    in.format = j.at("format").get<std::string>();
    in.body = j.at("body").get<std::string>();
    document_format = j.at("document_format").get<std::string>();
    line = j.at("line").get<size_t>();
    const Json& o = j.at("overrides");
    auto text = [&](const char* name, std::optional<std::string>* out) {
      if (o.contains(name)) *out = o.at(name).get<std::string>();
    };
    text("id", &in.overrides.id);
    text("title", &in.overrides.title);
    text("byline", &in.overrides.byline);
    text("dateline", &in.overrides.dateline);
    text("outlet", &in.overrides.outlet);
    text("url", &in.overrides.url);
    if (o.contains("published")) {
      const Json& d = o.at("published");
      in.overrides.published = {d.at(0).get<int>(), d.at(1).get<int>(), d.at(2).get<int>()};
    }
  } catch (const Json::exception& e) {
    return Status::InvalidArgument("stored article " + std::to_string(a.id) + " (" +
                                   a.path + ") is damaged: " + e.what());
  }
  if (in.format != "txt" && in.format != "md" && in.format != "html")
    return Status::InvalidArgument("stored article " + std::to_string(a.id) + " (" +
                                   a.path + "): unknown format '" + in.format + "'");
  return AnalyzeInput(in, a.source_id, a.path, line, std::move(document_format));
}

// A finding as the store keeps it: its sides, to tell next time what changed.
struct Side {
  std::string display;
  std::set<std::string> sources;
};

std::vector<Side> SidesOf(const FactFinding& f) {
  std::vector<Side> sides;
  for (const ValueGroup& g : f.values) {
    Side s{g.display, {}};
    for (const Claim& c : g.claims) s.sources.insert(c.source);
    sides.push_back(std::move(s));
  }
  return sides;
}

std::vector<Side> SidesOf(const WithinSourceFinding& w) {
  std::vector<Side> sides;
  for (const Claim& c : w.claims) sides.push_back({c.text, {c.source}});
  return sides;
}

StoreFinding ToStoreFinding(std::string key, const std::string& label,
                            Severity severity, const std::vector<Side>& sides) {
  Json js = Json::array();
  std::string evidence = std::string(SeverityName(severity));
  for (const Side& s : sides) {
    js.push_back({{"display", s.display}, {"sources", s.sources}});
    evidence += '\x1e' + s.display;
    for (const std::string& source : s.sources) evidence += '\x1f' + source;
  }
  StoreFinding f;
  f.key = std::move(key);
  f.evidence_hash = Sha256Hex(evidence);
  f.level = std::string(SeverityName(severity));
  f.json = Json({{"label", label}, {"sides", js}})
               .dump(-1, ' ', false, Json::error_handler_t::replace);
  return f;
}

// A finding the store kept, read back: its label and sides.
struct StoredSides {
  std::string label;
  std::vector<Side> sides;
};

StoredSides SidesFromJson(const std::string& json) {
  StoredSides out;
  try {
    const Json j = Json::parse(json);
    out.label = j.at("label").get<std::string>();
    for (const Json& s : j.at("sides")) {
      Side side{s.at("display").get<std::string>(), {}};
      for (const Json& src : s.at("sources")) side.sources.insert(src.get<std::string>());
      out.sides.push_back(std::move(side));
    }
  } catch (const Json::exception&) {
    // A damaged row of an old run: every side counts as new.
  }
  return out;
}

std::string Describe(const Side& s) {
  std::string out = s.display + ":";
  const char* sep = " ";
  for (const std::string& source : s.sources) {
    out += sep + source;
    sep = ", ";
  }
  return out;
}

// What changed between the previous sides and the current ones: whole sides
// gained or lost, and sources that joined or left a side.
void DiffSides(const std::vector<Side>& before, const std::vector<Side>& now,
               FindingChange* change) {
  std::map<std::string, const Side*> old_by_display;
  for (const Side& s : before) old_by_display[s.display] = &s;
  std::set<std::string> seen;
  for (const Side& s : now) {
    seen.insert(s.display);
    const auto it = old_by_display.find(s.display);
    if (it == old_by_display.end()) {
      change->gained.push_back(Describe(s));
      continue;
    }
    Side joined{s.display, {}}, left{s.display, {}};
    for (const std::string& src : s.sources)
      if (!it->second->sources.count(src)) joined.sources.insert(src);
    for (const std::string& src : it->second->sources)
      if (!s.sources.count(src)) left.sources.insert(src);
    if (!joined.sources.empty()) change->gained.push_back(Describe(joined));
    if (!left.sources.empty()) change->lost.push_back(Describe(left));
  }
  for (const Side& s : before)
    if (!seen.count(s.display)) change->lost.push_back(Describe(s));
}

// A source's score as a run left it: its components when this session made
// it, else the JSON the store kept.
struct ScoreState {
  int score = 0;
  std::vector<std::pair<std::string, double>> components;
  std::string json;
};

class StoreRun {
 public:
  explicit StoreRun(const RunOptions& options) : options_(options) {}

  Status Open() {
    config_stat_ = Pipeline::ConfigStat(options_.check);  // before the files are read
    CC_ASSIGN_OR_RETURN(pipeline_, Pipeline::Create(options_.check));
    scanner_ = std::make_unique<EntityIndex>(pipeline_->rules());
    StoreOptions store_options;
    store_options.run_lock_wait_ms = options_.lock_wait_ms;
    CC_ASSIGN_OR_RETURN(store_, Store::Open(options_.store, store_options));
    Reset();
    return Status::Ok();
  }

  StatusOr<RunResult> Go() {
    result_ = RunResult();
    warnings_.clear();
    errors_.clear();
    fresh_.clear();
    // What the previous run left is kept only if it finished, the rules
    // and waivers are the same, and no one else wrote to the store since.
    bool fresh = !resident_ || Shared() || options_.reanalyse;
    resident_ = false;
    // Open() made the pipeline for the first run. Later, the rule and
    // waiver files are hashed again when any of them was touched.
    if (runs_++ > 0) {
      std::string stat = Pipeline::ConfigStat(options_.check);
      if (stat != config_stat_) {
        CC_ASSIGN_OR_RETURN(const std::string config, Pipeline::ConfigHash(options_.check));
        if (config != pipeline_->config_hash()) {
          CC_ASSIGN_OR_RETURN(pipeline_, Pipeline::Create(options_.check));
          scanner_ = std::make_unique<EntityIndex>(pipeline_->rules());
          fresh = true;
        }
        config_stat_ = std::move(stat);
      }
    }
    const Json info = {{"inbox", options_.inbox}, {"pipeline", pipeline_->fingerprint()}};
    CC_ASSIGN_OR_RETURN(result_.run, store_->BeginRun(info.dump()));
    CC_RETURN_IF_ERROR(AddInbox());
    // After AddInbox(): this Store's own writes do not count.
    CC_ASSIGN_OR_RETURN(const bool changed, store_->ChangedByOthers());
    if (fresh || changed) {
      Reset();
      CC_RETURN_IF_ERROR(LoadStored());
    }
    if (Shared()) {
      CC_RETURN_IF_ERROR(AnalysePendingWithoutClaims());
      CC_RETURN_IF_ERROR(MakePendingClaims());
    } else {
      CC_RETURN_IF_ERROR(AnalysePending());
    }
    CC_RETURN_IF_ERROR(Recheck());
    CC_RETURN_IF_ERROR(Finish());
    resident_ = !Shared();
    return std::move(result_);
  }

 private:
  // Forgets everything read of the store.
  void Reset() {
    extracts_.clear();
    index_ = std::make_unique<EntityIndex>(pipeline_->rules());
    copies_ = std::make_unique<CopyIndex>();
    key_articles_.clear();
    entity_articles_.clear();
    keys_known_ = false;
    stale_index_ = false;
    check_all_ = true;
    affected_.clear();
    last_run_ = 0;
    last_findings_.clear();
    last_scores_.clear();
  }

  // Takes the extract in as article `id`'s, into the copy index and (with
  // its names) into the entity index. An extract that replaces another
  // leaves names in the index that may not be its own any more: the index
  // is then built again at FinishIndex().
  ArticleExtract& Adopt(int64_t id, ArticleExtract x) {
    auto [it, inserted] = extracts_.try_emplace(id);
    if (!inserted) stale_index_ = true;
    it->second = std::move(x);
    copies_->Add(static_cast<uint64_t>(id), &it->second.shingles);
    if (!stale_index_) AddNames(id, it->second);
    return it->second;
  }

  void AddNames(int64_t id, const ArticleExtract& x) {
    AddToIndex(x, index_.get());
    if (keys_known_) RememberNames(id, x);
  }

  void RememberNames(int64_t id, const ArticleExtract& x) {
    for (const MentionKey& k : x.mentions) {
      if (k.entity >= 0) entity_articles_[k.entity].push_back(id);
      else if (k.kind == MentionKind::kName) key_articles_[k.key].push_back(id);
    }
  }

  // Finishes the entity index with every extract in it, and notes whose
  // claims may have been made under other clusters: every article the
  // first time, then those with a mention whose cluster changed.
  void FinishIndex() {
    if (stale_index_) {
      index_ = std::make_unique<EntityIndex>(pipeline_->rules());
      key_articles_.clear();
      entity_articles_.clear();
      keys_known_ = false;
      for (const auto& [id, x] : extracts_) AddNames(id, x);
      stale_index_ = false;
    }
    index_->Finish();
    const EntityIndex::Changes& changes = index_->changes();
    check_all_ = check_all_ || changes.all;
    if (check_all_) return;
    // Which articles mention what: made when a session first needs it (a
    // one-shot run checks every article and never does).
    if (!keys_known_) {
      for (const auto& [id, x] : extracts_) RememberNames(id, x);
      keys_known_ = true;
    }
    auto mark = [&](const std::vector<int64_t>* ids) {
      if (ids != nullptr) affected_.insert(ids->begin(), ids->end());
    };
    auto articles_of = [](const auto& map, const auto& key) {
      const auto it = map.find(key);
      return it == map.end() ? nullptr : &it->second;
    };
    for (const std::string& key : changes.keys) mark(articles_of(key_articles_, key));
    for (const std::string& key : changes.firm_keys) mark(articles_of(key_articles_, key));
    for (const int entity : changes.entities) mark(articles_of(entity_articles_, entity));
  }

  // Several workers may share the store (PostgreSQL).
  bool Shared() const { return store_->location().rfind("postgres", 0) == 0; }

  void Progress(const char* stage, size_t done, size_t total) {
    if (options_.progress) options_.progress({stage, done, total});
  }

  Status AddInbox() {
    if (options_.inbox.empty()) return Status::Ok();
    IngestOptions io;
    io.max_file_bytes = options_.check.max_file_bytes;
    io.keep_inputs = true;
    io.analyse = false;
    CC_ASSIGN_OR_RETURN(IngestResult in, IngestPaths(options_.inbox, io));
    for (const Diagnostic& d : in.diagnostics) {
      if (d.level == Diagnostic::Level::kError) errors_.push_back(d.ToString());
      else if (d.level == Diagnostic::Level::kWarning) warnings_.push_back(d.ToString());
    }
    result_.inbox_articles = in.documents.size();
    for (size_t i = 0; i < in.documents.size(); ++i) {
      const Document& doc = in.documents[i];
      const std::string record = InputRecord(in.inputs[i], doc);
      // The store keeps every article it was given, so one this session
      // saw stored is still there: a resident watch over an inbox that
      // keeps its files does not ask the store about each one again.
      std::string hash = Sha256Hex(record);
      if (stored_hashes_.count(hash)) continue;
      CC_ASSIGN_OR_RETURN(const bool added, store_->AddArticle(doc.id, doc.path, record));
      if (added) ++result_.added;
      stored_hashes_.insert(std::move(hash));
      Progress("adding", i + 1, in.documents.size());
    }
    if (!in.documents.empty()) Progress("adding", in.documents.size(), in.documents.size());
    return Status::Ok();
  }

  // Every stored extract this pipeline can use; the others are analysed
  // again from the stored article.
  Status LoadStored() {
    CC_ASSIGN_OR_RETURN(auto stored, store_->LoadExtracts());
    copies_->Reserve(stored.size());
    for (auto& [id, bytes] : stored) {
      StatusOr<ArticleExtract> x = DecodeExtract(bytes);
      if (x.ok() && x->pipeline == pipeline_->fingerprint() && !options_.reanalyse) {
        Adopt(id, std::move(*x));
        continue;
      }
      StatusOr<AnalysedArticle*> a = AnalyseStored(id);
      if (!a.ok()) {
        if (a.status().code() != StatusCode::kInvalidArgument) return a.status();
        warnings_.push_back(a.status().message());  // a damaged record: skipped
        continue;
      }
      Adopt(id, pipeline_->BeginExtract(**a));
    }
    return Status::Ok();
  }

  // Analyses a stored article again from its record (InvalidArgument when
  // the record is damaged).
  StatusOr<AnalysedArticle*> AnalyseStored(int64_t id) {
    CC_ASSIGN_OR_RETURN(StoreArticle stored, store_->LoadArticle(id));
    CC_ASSIGN_OR_RETURN(Document doc, DocumentFromRecord(stored));
    ++result_.reanalysed;
    return &(fresh_[id] = pipeline_->Analyse(std::move(doc), *scanner_));
  }

  // Shared stores: the clusters of every extract known now.
  std::unique_ptr<EntityIndex> BuildIndex() {
    std::vector<const ArticleExtract*> order;
    order.reserve(extracts_.size());
    for (const auto& [id, x] : extracts_) order.push_back(&x);
    std::stable_sort(order.begin(), order.end(),
                     [](const ArticleExtract* a, const ArticleExtract* b) {
                       return std::tie(a->path, a->line) < std::tie(b->path, b->line);
                     });
    auto index = std::make_unique<EntityIndex>(pipeline_->rules());
    for (const ArticleExtract* x : order) AddToIndex(*x, index.get());
    index->Finish();
    return index;
  }

  Status Save(int64_t id, bool with_claims = true) {
    const Status saved =
        store_->SaveExtract(id, result_.run, EncodeExtract(extracts_[id]), with_claims);
    // PostgreSQL: another worker holds the article for a moment; its own
    // save stands, and the next run checks it again.
    if (saved.code() == StatusCode::kFailedPrecondition) return Status::Ok();
    return saved;
  }

  // The claimed articles analysed, on every thread (`only`: just those it
  // marks); nothing (and a warning) for an article whose stored record is
  // damaged.
  std::vector<std::optional<AnalysedArticle>> AnalyseClaimed(
      const std::vector<StoreArticle>& claimed, const std::vector<bool>* only = nullptr) {
    std::vector<std::optional<AnalysedArticle>> out(claimed.size());
    std::vector<std::string> damaged(claimed.size());
    ParallelFor(claimed.size(), options_.check.jobs, [&](size_t i) {
      if (only != nullptr && !(*only)[i]) return;
      StatusOr<Document> doc = DocumentFromRecord(claimed[i]);
      if (!doc.ok()) {
        damaged[i] = doc.status().message();
        return;
      }
      out[i] = pipeline_->Analyse(std::move(*doc), *scanner_);
    });
    for (std::string& d : damaged)
      if (!d.empty()) warnings_.push_back(std::move(d));
    return out;
  }

  // ExtractClaims() for each id, on every thread. REQUIRES: fresh_ holds
  // every id, extracts_ has every id (the maps are not changed meanwhile).
  void ExtractClaimsOf(const std::vector<int64_t>& ids, const EntityIndex& index) {
    std::vector<std::pair<const AnalysedArticle*, ArticleExtract*>> work;
    work.reserve(ids.size());
    for (const int64_t id : ids) work.emplace_back(&fresh_.at(id), &extracts_.at(id));
    ParallelFor(work.size(), options_.check.jobs, [&](size_t i) {
      pipeline_->ExtractClaims(*work[i].first, index, work[i].second);
    });
  }

  // SQLite: claims every pending article at once (one run holds the store),
  // analyses them, makes their claims under the clusters of the whole store
  // and saves them. Nothing changes the store after this, so Recheck() uses
  // the same clusters (index_).
  Status AnalysePending() {
    CC_ASSIGN_OR_RETURN(
        std::vector<StoreArticle> claimed,
        store_->ClaimPending(result_.run, std::numeric_limits<size_t>::max()));
    if (!claimed.empty()) Progress("analysing", 0, claimed.size());
    std::vector<std::optional<AnalysedArticle>> analysed = AnalyseClaimed(claimed);
    std::vector<int64_t> ids;
    for (size_t i = 0; i < claimed.size(); ++i) {
      if (!analysed[i]) continue;
      const int64_t id = claimed[i].id;
      Adopt(id, pipeline_->BeginExtract(*analysed[i]));
      fresh_[id] = std::move(*analysed[i]);
      ids.push_back(id);
    }
    if (!claimed.empty()) Progress("analysing", claimed.size(), claimed.size());
    FinishIndex();
    ExtractClaimsOf(ids, *index_);
    for (const int64_t id : ids) affected_.erase(id);
    for (size_t i = 0; i < ids.size(); ++i) {
      CC_RETURN_IF_ERROR(Save(ids[i]));
      fresh_.erase(ids[i]);
      ++result_.analysed;
      Progress("saving", i + 1, ids.size());
    }
    return Status::Ok();
  }

  // Shared stores: claims the articles at `stage` in batches other workers
  // do not get and hands each to `process`, until none is left at `stage`
  // (other workers finish their batches too; a dead worker's batch is
  // pending again, and claimed here) or that count has not moved for
  // kStall. Whatever is still pending then is made again in Recheck():
  // slower, not wrong.
  Status ClaimAll(ClaimStage stage, const char* what,
                  const std::function<Status(const std::vector<StoreArticle>&)>& process) {
    constexpr auto kStall = std::chrono::seconds(10);
    const size_t batch = std::max<size_t>(1, options_.batch);
    int64_t last_count = -1;
    auto last_change = std::chrono::steady_clock::now();
    while (true) {
      CC_ASSIGN_OR_RETURN(std::vector<StoreArticle> claimed,
                          store_->ClaimPending(result_.run, batch, stage));
      if (!claimed.empty()) {
        CC_RETURN_IF_ERROR(process(claimed));
        Progress(what, claimed.size(), claimed.size());
        continue;
      }
      CC_ASSIGN_OR_RETURN(const int64_t left, store_->CountPending(result_.run, stage));
      if (left == 0) break;
      const auto now = std::chrono::steady_clock::now();
      if (left != last_count) {
        last_count = left;
        last_change = now;
      } else if (now - last_change > kStall) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return Status::Ok();
  }

  // Shared stores, first pass: each pending article's extract, saved
  // without claims.
  Status AnalysePendingWithoutClaims() {
    return ClaimAll(ClaimStage::kUnanalysed, "analysing",
                    [&](const std::vector<StoreArticle>& claimed) {
      std::vector<std::optional<AnalysedArticle>> analysed = AnalyseClaimed(claimed);
      for (size_t i = 0; i < claimed.size(); ++i) {
        if (!analysed[i]) continue;
        const int64_t id = claimed[i].id;
        Adopt(id, pipeline_->BeginExtract(*analysed[i]));
        // Kept (up to a bound on memory) for the second pass, which is
        // likely to hand this worker many of its own articles: all of them
        // when it works alone.
        if (fresh_.size() < kKeepAnalysed) fresh_[id] = std::move(*analysed[i]);
        ++result_.analysed;
        CC_RETURN_IF_ERROR(Save(id, /*with_claims=*/false));
      }
      return Status::Ok();
    });
  }

  // Shared stores, second pass: under the clusters of every stored
  // extract, each article saved without claims gets its claims (analysed
  // again from its stored bytes unless the first pass kept it) and is saved
  // with them.
  Status MakePendingClaims() {
    CC_RETURN_IF_ERROR(ReloadExtracts());
    const std::unique_ptr<EntityIndex> index = BuildIndex();
    return ClaimAll(ClaimStage::kWithoutClaims, "making claims",
                    [&](const std::vector<StoreArticle>& claimed) {
      std::vector<bool> missing(claimed.size());
      for (size_t i = 0; i < claimed.size(); ++i) missing[i] = !fresh_.count(claimed[i].id);
      std::vector<std::optional<AnalysedArticle>> analysed = AnalyseClaimed(claimed, &missing);
      std::vector<int64_t> ids;
      for (size_t i = 0; i < claimed.size(); ++i) {
        const int64_t id = claimed[i].id;
        if (missing[i]) {
          if (!analysed[i]) continue;
          fresh_.emplace(id, std::move(*analysed[i]));
        }
        ArticleExtract& x = extracts_[id];
        if (x.pipeline != pipeline_->fingerprint()) x = pipeline_->BeginExtract(fresh_.at(id));
        ids.push_back(id);
      }
      ExtractClaimsOf(ids, *index);
      for (const int64_t id : ids) {
        fresh_.erase(id);
        ++result_.claims_made;
        CC_RETURN_IF_ERROR(Save(id));
      }
      return Status::Ok();
    });
  }

  // Every stored extract, as the store has it now (other workers' too),
  // except that one this run made afresh stands against a stored one an
  // older pipeline made.
  Status ReloadExtracts() {
    CC_ASSIGN_OR_RETURN(auto stored, store_->LoadExtracts());
    for (auto& [id, bytes] : stored) {
      StatusOr<ArticleExtract> x = DecodeExtract(bytes);
      if (!x.ok()) continue;
      const auto it = extracts_.find(id);
      if (it == extracts_.end()) extracts_.emplace(id, std::move(*x));
      else if (x->pipeline == pipeline_->fingerprint()) it->second = std::move(*x);
    }
    return Status::Ok();
  }

  // Under the clusters of the whole store: claims made under other clusters
  // (or never made: an older run was killed before) are made again. SQLite:
  // of every article after a fresh start, else of those FinishIndex()
  // found affected.
  Status Recheck() {
    std::vector<int64_t> ids;
    if (Shared()) {
      // What other workers saved since.
      CC_RETURN_IF_ERROR(ReloadExtracts());
      index_ = BuildIndex();
      check_all_ = true;
    }
    if (check_all_) {
      ids.reserve(extracts_.size());
      for (const auto& [id, x] : extracts_) ids.push_back(id);
    } else {
      ids.assign(affected_.begin(), affected_.end());
    }
    check_all_ = false;
    affected_.clear();
    std::vector<char> valid(ids.size());
    ParallelFor(ids.size(), options_.check.jobs, [&](size_t i) {
      valid[i] = pipeline_->ClaimsValid(extracts_.at(ids[i]), *index_);
    });
    for (size_t i = 0; i < ids.size(); ++i) {
      Progress("checking", i + 1, ids.size());
      if (valid[i]) continue;
      const int64_t id = ids[i];
      ArticleExtract& x = extracts_.at(id);
      const auto it = fresh_.find(id);
      AnalysedArticle* a = it == fresh_.end() ? nullptr : &it->second;
      if (a == nullptr) {
        CC_ASSIGN_OR_RETURN(a, AnalyseStored(id));
      }
      if (x.pipeline != pipeline_->fingerprint()) {
        // Made by an older pipeline (a shared store's other worker): its
        // names may differ from those in the index, built again next time.
        x = pipeline_->BeginExtract(*a);
        copies_->Add(static_cast<uint64_t>(id), &x.shingles);
        stale_index_ = true;
      }
      pipeline_->ExtractClaims(*a, *index_, &x);
      CC_RETURN_IF_ERROR(Save(id));
      fresh_.erase(id);
    }
    return Status::Ok();
  }

  Status Finish() {
    if (Shared()) {
      // Other workers' extracts replaced some in place.
      copies_ = std::make_unique<CopyIndex>();
      for (const auto& [id, x] : extracts_) copies_->Add(static_cast<uint64_t>(id), &x.shingles);
    }
    std::vector<AssembleInput> all;
    all.reserve(extracts_.size());
    for (auto& [id, x] : extracts_) all.push_back({&x, static_cast<uint64_t>(id)});
    result_.stored = all.size();
    Report& report = result_.report = pipeline_->Assemble(std::move(all), copies_->pairs());
    report.errors = std::move(errors_);
    for (std::string& w : warnings_) report.warnings.push_back(std::move(w));

    // Findings (contradictions and within-source findings) by key, each with
    // its review, which the report shows.
    struct Current {
      StoreFinding stored;
      std::string label;
      std::vector<Side> sides;
      std::string review;
    };
    std::map<std::string, Current> current;
    auto add = [&](std::string key, const std::string& label, Severity severity,
                   std::vector<Side> sides, std::optional<Review>* mark) -> Status {
      if (current.count(key)) return Status::Ok();  // the same finding twice: once
      StoreFinding stored = ToStoreFinding(key, label, severity, sides);
      CC_ASSIGN_OR_RETURN(ReviewState state,
                          store_->CurrentReview(stored.key, stored.evidence_hash));
      if (state.decision)
        *mark = Review{state.status, state.decision->note, state.decision->by,
                       state.decision->at};
      current[key] = {std::move(stored), label, std::move(sides), state.status};
      return Status::Ok();
    };
    for (FactFinding& f : report.facts)
      if (f.status == FactStatus::kContradiction)
        CC_RETURN_IF_ERROR(add(f.key, f.label, f.severity, SidesOf(f), &f.review));
    for (WithinSourceFinding& w : report.within_source)
      CC_RETURN_IF_ERROR(add(FindingKey(w), w.finding, w.severity, SidesOf(w), &w.review));

    // What changed since the previous finished run (changes come out by key).
    CC_ASSIGN_OR_RETURN(result_.previous_run, store_->PreviousRun(result_.run));
    std::map<std::string, StoreFinding> before;
    std::map<std::string, ScoreState> scores_before;
    if (result_.previous_run > 0 && result_.previous_run == last_run_) {
      before.swap(last_findings_);  // what this session's previous run saved
      scores_before.swap(last_scores_);
    } else if (result_.previous_run > 0) {
      CC_ASSIGN_OR_RETURN(auto old, store_->LoadFindings(result_.previous_run));
      for (StoreFinding& f : old) before[f.key] = std::move(f);
      CC_ASSIGN_OR_RETURN(auto old_scores, store_->LoadScores(result_.previous_run));
      for (StoreScore& s : old_scores)
        scores_before[s.source_id] = {s.score, {}, std::move(s.json)};
    }
    std::vector<StoreFinding> findings;
    for (auto& [key, now] : current) {
      FindingChange c{FindingChange::Kind::kNew, key, now.label, now.stored.level, {}, {},
                      now.review};
      const auto it = before.find(key);
      if (it == before.end()) {
        for (const Side& s : now.sides) c.gained.push_back(Describe(s));
        result_.changes.push_back(std::move(c));
      } else if (it->second.evidence_hash != now.stored.evidence_hash) {
        c.kind = FindingChange::Kind::kChanged;
        DiffSides(SidesFromJson(it->second.json).sides, now.sides, &c);
        result_.changes.push_back(std::move(c));
      }
      findings.push_back(std::move(now.stored));
    }
    for (const auto& [key, f] : before) {
      if (current.count(key)) continue;
      StoredSides old = SidesFromJson(f.json);
      FindingChange c{FindingChange::Kind::kGone, key, old.label, f.level, {}, {}, ""};
      for (const Side& s : old.sides) c.lost.push_back(Describe(s));
      result_.changes.push_back(std::move(c));
    }
    std::sort(result_.changes.begin(), result_.changes.end(),
              [](const FindingChange& a, const FindingChange& b) { return a.key < b.key; });

    // The store keeps a source's score when it differs from what it was as
    // of the previous finished run (its total or a component).
    std::vector<StoreScore> scores;
    std::map<std::string, ScoreState> scores_now;
    for (const SourceReport& s : report.sources) {
      ScoreState now{s.score, {}, {}};
      for (const ScoreComponent& c : s.components) now.components.emplace_back(c.name, c.value);
      auto json = [&]() {
        Json components = Json::object();
        for (const auto& [name, value] : now.components) components[name] = value;
        return Json({{"components", components}})
            .dump(-1, ' ', false, Json::error_handler_t::replace);
      };
      const auto it = scores_before.find(s.id);
      bool changed = it == scores_before.end() || it->second.score != s.score;
      if (!changed && !it->second.components.empty()) {
        changed = it->second.components != now.components;
      } else if (!changed) {  // read from the store: compare what it kept
        now.json = json();
        changed = now.json != it->second.json;
      }
      if (changed) scores.push_back({s.id, s.score, now.json.empty() ? json() : now.json});
      const int old = it == scores_before.end() ? -1 : it->second.score;
      if (old != s.score) result_.score_changes.push_back({s.id, old, s.score});
      now.json.clear();
      scores_now[s.id] = std::move(now);
    }
    CC_RETURN_IF_ERROR(store_->SaveFindings(result_.run, findings));
    CC_RETURN_IF_ERROR(store_->SaveScores(result_.run, scores));
    last_findings_.clear();
    for (const StoreFinding& f : findings) last_findings_[f.key] = f;
    last_scores_ = std::move(scores_now);
    const Json summary = {{"inbox_articles", result_.inbox_articles},
                          {"added", result_.added},
                          {"analysed", result_.analysed},
                          {"reanalysed", result_.reanalysed},
                          {"stored", result_.stored},
                          {"findings", findings.size()},
                          {"changes", result_.changes.size()}};
    CC_RETURN_IF_ERROR(store_->FinishRun(result_.run, summary.dump()));
    last_run_ = result_.run;
    return Status::Ok();
  }

  // Analysed articles a shared store's first pass keeps for its second.
  static constexpr size_t kKeepAnalysed = 5000;

  const RunOptions options_;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<EntityIndex> scanner_;  // Scan() only: aliases of the packs

  // What this session read of the store and made of it. Kept between runs
  // while `resident_`.
  int runs_ = 0;  // Go() calls
  std::unordered_set<std::string> stored_hashes_;  // SHA-256 of articles known stored
  std::string config_stat_;  // Pipeline::ConfigStat() when the pipeline was checked
  bool resident_ = false;
  std::map<int64_t, ArticleExtract> extracts_;  // by article id
  std::unique_ptr<EntityIndex> index_;          // every extract's names
  std::unique_ptr<CopyIndex> copies_;           // every extract, by article id
  // Which articles have a mention of a name key or declared entity.
  std::unordered_map<std::string, std::vector<int64_t>> key_articles_;
  std::unordered_map<int, std::vector<int64_t>> entity_articles_;
  bool keys_known_ = false;  // the two maps are made (FinishIndex)
  bool stale_index_ = false;  // an extract replaced: build index_ again
  bool check_all_ = true;     // Recheck() every article (a fresh index)
  std::set<int64_t> affected_;  // else these
  int64_t last_run_ = 0;      // this session's last finished run
  std::map<std::string, StoreFinding> last_findings_;  // what it saved
  std::map<std::string, ScoreState> last_scores_;

  // This run's.
  std::map<int64_t, AnalysedArticle> fresh_;  // analysed now, no claims yet
  std::vector<std::string> warnings_, errors_;
  RunResult result_;
};

}  // namespace

std::string FindingKey(const WithinSourceFinding& w) {
  return "within/" + w.source + "/" + Sha256Hex(w.finding).substr(0, 12);
}

struct RunSession::State {
  explicit State(const RunOptions& options) : run(options) {}
  StoreRun run;
};

StatusOr<std::unique_ptr<RunSession>> RunSession::Open(const RunOptions& options) {
  std::unique_ptr<RunSession> session(new RunSession());
  session->state_ = std::make_unique<State>(options);
  CC_RETURN_IF_ERROR(session->state_->run.Open());
  return session;
}

RunSession::RunSession() = default;
RunSession::~RunSession() = default;

StatusOr<RunResult> RunSession::Run() { return state_->run.Go(); }

StatusOr<RunResult> RunStore(const RunOptions& options) {
  CC_ASSIGN_OR_RETURN(std::unique_ptr<RunSession> session, RunSession::Open(options));
  return session->Run();
}

StatusOr<Review> ReviewFinding(const ReviewRequest& request) {
  if (request.status != kReviewConfirmed && request.status != kReviewDismissed &&
      request.status != kReviewNeedsWork)
    return Status::InvalidArgument("--status must be confirmed, dismissed or needs-work, not '" +
                                   request.status + "'");
  if (request.by.empty()) return Status::InvalidArgument("--by: say who decided");
  CC_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, Store::Open(request.store));
  CC_ASSIGN_OR_RETURN(const int64_t latest,
                      store->PreviousRun(std::numeric_limits<int64_t>::max()));
  if (latest == 0)
    return Status::NotFound(store->location() + ": no finished run yet; run `crosscheck run` first");
  CC_ASSIGN_OR_RETURN(std::vector<StoreFinding> findings, store->LoadFindings(latest));
  const StoreFinding* found = nullptr;
  std::string similar;
  for (const StoreFinding& f : findings) {
    if (f.key == request.finding) found = &f;
    else if (f.key.find(request.finding) != std::string::npos && similar.size() < 400)
      similar += (similar.empty() ? "" : ", ") + f.key;
  }
  if (found == nullptr)
    return Status::NotFound("no finding '" + request.finding + "' in run " +
                            std::to_string(latest) + " of " + store->location() +
                            (similar.empty() ? "" : " (did you mean: " + similar + "?)"));
  ReviewDecision d;
  d.finding_key = found->key;
  d.status = request.status;
  d.note = request.note;
  d.by = request.by;
  d.evidence_hash = found->evidence_hash;
  CC_RETURN_IF_ERROR(store->AddReview(d));
  CC_ASSIGN_OR_RETURN(ReviewState state, store->CurrentReview(found->key, found->evidence_hash));
  if (!state.decision) return Status::Internal("review was not recorded");
  return Review{state.status, state.decision->note, state.decision->by, state.decision->at};
}

}  // namespace crosscheck
