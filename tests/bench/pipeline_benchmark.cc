// The check pipeline stage by stage, single thread, over a corpus loaded into
// memory: what each stage costs per corpus, as MB of article input per
// second. Every benchmark reports the corpus's input bytes, so the figures
// add up: over the stages that do not nest (not the indented ones below),
// 1 / sum(1 / MBps) is the whole pipeline's single-thread rate.
//
//   BM_RulesLoad           Pipeline::Create(): the shipped packs loaded and
//                          compiled (check does it while the files are listed)
//   BM_IngestList          IngestPaths() listing the files (check reads them
//                          later, on every thread)
//   BM_IngestRead          ReadDeferred() of every listed file
//   BM_IngestAnalyse       AnalyzeInput(): blocks, clutter, metadata, sentences
//     BM_Normalise         Normalizer::ExtractSentences()  } parts of the
//     BM_EntityScan        EntityIndex::Scan()             } next one
//   BM_AnalyseBeginExtract Pipeline::AnalyseAndBegin(): Analyse() + BeginExtract()
//                          (the two above, mention counts, shingles)
//   BM_CopySketch          SketchForCopies() of every extract's shingles
//   BM_CopyIndex           CopyIndex::Add() of every extract, sketched
//   BM_EntityIndexBuild    AddToIndex() for every extract, then Finish()
//   BM_ExtractClaims       Pipeline::ExtractClaims()
//   BM_Assemble            Pipeline::Assemble() with the copy pairs found:
//     BM_AssembleCompare   comparison, CompareClaims() + CheckRelativeDates(),
//     BM_AssembleScore     ScoreSources() (truth discovery, corpus scores)
//   BM_WriteJsonReport     WriteJsonReport()
//   BM_CheckInProcess      crosscheck::Check() (jobs = 1) + WriteJsonReport()
//
// `check` runs ReadDeferred, AnalyzeInput, Analyse + BeginExtract,
// SketchForCopies and ExtractClaims on --jobs threads; the rest is serial
// (CopyIndex::Add and AddToIndex on one thread while the others go on). Inputs of each stage are made once,
// outside the timed loops, the way check makes them (engine/checker/checker.cc).
//
// Corpus: the folder named by $CROSSCHECK_BENCH_CORPUS, else
// ../shared/corpus/bbc-news-2004 beside the repository, else examples/corpus.
// scripts/bench.sh runs this with --benchmark_out_format=json.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "crosscheck/checker.h"
#include "crosscheck/finding.h"
#include "engine/checker/pipeline.h"
#include "engine/compare/comparer.h"
#include "engine/ingest/ingest.h"
#include "engine/normalize/normalizer.h"
#include "engine/report/report_writer.h"
#include "engine/rules/entities.h"
#include "engine/score/copies.h"
#include "engine/score/scorer.h"

namespace {

using crosscheck::AnalysedArticle;
using crosscheck::ArticleExtract;
using crosscheck::Document;
using crosscheck::EntityIndex;
using crosscheck::IngestOptions;
using crosscheck::IngestResult;
using crosscheck::Pipeline;

std::string CorpusPath() {
  if (const char* env = std::getenv("CROSSCHECK_BENCH_CORPUS"); env && *env) return env;
  const std::string bbc = CROSSCHECK_SOURCE_DIR "/../shared/corpus/bbc-news-2004";
  if (std::filesystem::is_directory(bbc)) return bbc;
  return CROSSCHECK_SOURCE_DIR "/examples/corpus";
}

IngestOptions ReadOnly() {
  IngestOptions options;
  options.keep_inputs = true;  // inputs now, analysis later
  options.analyse = false;
  return options;
}

IngestOptions ListOnly() {  // as Check() ingests: files read later
  IngestOptions options = ReadOnly();
  options.defer_reading = true;
  return options;
}

// The corpus and every stage's input, made once. Empty `error` when ready.
struct Corpus {
  std::string path;
  std::string error;
  std::unique_ptr<Pipeline> pipeline;
  IngestResult ingested;             // identities and inputs
  int64_t bytes = 0;                 // sum of the inputs' bodies
  std::vector<Document> docs;        // AnalyzeInput() of each input
  std::vector<AnalysedArticle> articles;
  std::vector<ArticleExtract> begun;     // BeginExtract() only
  std::unique_ptr<EntityIndex> index;    // every extract added, finished
  std::vector<ArticleExtract> extracts;  // with claims
  crosscheck::Report report;
  int64_t report_bytes = 0;

  Document Analyze(size_t i) const {
    const Document& d = ingested.documents[i];
    return crosscheck::AnalyzeInput(ingested.inputs[i], d.id, d.path, d.line, d.format);
  }
};

const Corpus& Load() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    c->path = CorpusPath();
    auto pipeline = Pipeline::Create(crosscheck::CheckOptions{});
    if (!pipeline.ok()) {
      c->error = "rules: " + pipeline.status().message();
      return c;
    }
    c->pipeline = std::move(pipeline).value();
    auto ingested = crosscheck::IngestPaths({c->path}, ReadOnly());
    if (!ingested.ok() || ingested->documents.empty()) {
      c->error = c->path + ": " +
                 (ingested.ok() ? std::string("no articles") : ingested.status().message());
      return c;
    }
    c->ingested = std::move(ingested).value();
    for (const crosscheck::ArticleInput& in : c->ingested.inputs)
      c->bytes += static_cast<int64_t>(in.body.size());

    const Pipeline& p = *c->pipeline;
    c->index = std::make_unique<EntityIndex>(p.rules());
    const size_t n = c->ingested.documents.size();
    for (size_t i = 0; i < n; ++i) {
      c->docs.push_back(c->Analyze(i));
      c->articles.push_back(p.Analyse(c->docs.back(), *c->index));
      c->begun.push_back(p.BeginExtract(c->articles.back()));
    }
    for (const ArticleExtract& x : c->begun) crosscheck::AddToIndex(x, c->index.get());
    c->index->Finish();
    c->extracts = c->begun;
    for (size_t i = 0; i < n; ++i)
      p.ExtractClaims(c->articles[i], *c->index, &c->extracts[i]);
    c->report = p.Assemble(c->extracts);
    c->report_bytes = static_cast<int64_t>(crosscheck::WriteJsonReport(c->report).size());
    return c;
  }();
  return *corpus;
}

// The corpus, or nullptr after marking the benchmark failed.
const Corpus* Ready(benchmark::State& state) {
  const Corpus& c = Load();
  if (!c.error.empty()) {
    state.SkipWithError(c.error.c_str());
    return nullptr;
  }
  return &c;
}

void Finish(benchmark::State& state, const Corpus& c) {
  state.SetBytesProcessed(state.iterations() * c.bytes);
  state.counters["articles"] = static_cast<double>(c.docs.size());
  state.counters["articles/s"] = benchmark::Counter(
      static_cast<double>(c.docs.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}

void BM_RulesLoad(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  for (auto _ : state) {
    auto pipeline = Pipeline::Create(crosscheck::CheckOptions{});
    if (!pipeline.ok()) {
      state.SkipWithError(pipeline.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(pipeline);
  }
  Finish(state, *c);
}
BENCHMARK(BM_RulesLoad)->Unit(benchmark::kMillisecond);

void BM_IngestList(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  for (auto _ : state) {
    auto listed = crosscheck::IngestPaths({c->path}, ListOnly());
    benchmark::DoNotOptimize(listed);
  }
  Finish(state, *c);
}
BENCHMARK(BM_IngestList)->Unit(benchmark::kMillisecond);

void BM_IngestRead(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  auto listed = crosscheck::IngestPaths({c->path}, ListOnly());
  if (!listed.ok()) {
    state.SkipWithError(listed.status().message().c_str());
    return;
  }
  for (auto _ : state) {
    for (size_t i = 0; i < listed->documents.size(); ++i) {
      if (!listed->deferred[i].pending) continue;
      std::string body;
      benchmark::DoNotOptimize(crosscheck::ReadDeferred(
          listed->documents[i].path, listed->deferred[i], ListOnly(), &body));
      benchmark::DoNotOptimize(body);
    }
  }
  Finish(state, *c);
}
BENCHMARK(BM_IngestRead)->Unit(benchmark::kMillisecond);

void BM_IngestAnalyse(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  for (auto _ : state) {
    for (size_t i = 0; i < c->docs.size(); ++i) {
      Document d = c->Analyze(i);
      benchmark::DoNotOptimize(d);
    }
  }
  Finish(state, *c);
}
BENCHMARK(BM_IngestAnalyse)->Unit(benchmark::kMillisecond);

void BM_Normalise(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  const crosscheck::Normalizer normalizer;
  size_t values = 0;
  for (auto _ : state) {
    for (const Document& d : c->docs) {
      crosscheck::SentenceValues v = normalizer.ExtractSentences(d);
      for (const auto& in_sentence : v) values += in_sentence.size();
      benchmark::DoNotOptimize(v);
    }
  }
  Finish(state, *c);
  state.counters["values"] =
      static_cast<double>(values) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_Normalise)->Unit(benchmark::kMillisecond);

void BM_EntityScan(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  const EntityIndex index(c->pipeline->rules());  // Scan() reads the aliases only
  for (auto _ : state) {
    for (const Document& d : c->docs) {
      crosscheck::DocMentions m = index.Scan(d);
      benchmark::DoNotOptimize(m);
    }
  }
  Finish(state, *c);
}
BENCHMARK(BM_EntityScan)->Unit(benchmark::kMillisecond);

void BM_AnalyseBeginExtract(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  const EntityIndex index(c->pipeline->rules());
  for (auto _ : state) {
    // Analyse() takes the document: copies are made outside the timing.
    state.PauseTiming();
    std::vector<Document> docs = c->docs;
    state.ResumeTiming();
    for (Document& d : docs) {
      AnalysedArticle a;
      ArticleExtract x = c->pipeline->AnalyseAndBegin(std::move(d), index, &a);
      benchmark::DoNotOptimize(x);
    }
    state.PauseTiming();
    docs.clear();  // freeing the moved-from shells is not the stage's cost
    state.ResumeTiming();
  }
  Finish(state, *c);
}
BENCHMARK(BM_AnalyseBeginExtract)->Unit(benchmark::kMillisecond);

void BM_EntityIndexBuild(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  for (auto _ : state) {
    EntityIndex index(c->pipeline->rules());
    for (const ArticleExtract& x : c->begun) crosscheck::AddToIndex(x, &index);
    index.Finish();
    benchmark::DoNotOptimize(index);
  }
  Finish(state, *c);
}
BENCHMARK(BM_EntityIndexBuild)->Unit(benchmark::kMillisecond);

void BM_ExtractClaims(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  std::vector<ArticleExtract> extracts = c->begun;
  size_t claims = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < extracts.size(); ++i) {
      // As check calls it: no claim context (a store run records one).
      c->pipeline->ExtractClaims(c->articles[i], *c->index, &extracts[i],
                                 /*record_context=*/false);
      claims += extracts[i].claims.size();
    }
    benchmark::ClobberMemory();
  }
  Finish(state, *c);
  state.counters["claims"] =
      static_cast<double>(claims) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ExtractClaims)->Unit(benchmark::kMillisecond);

void BM_CopySketch(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  for (auto _ : state)
    for (const ArticleExtract& x : c->begun)
      benchmark::DoNotOptimize(crosscheck::SketchForCopies(x.shingles));
  Finish(state, *c);
}
BENCHMARK(BM_CopySketch)->Unit(benchmark::kMillisecond);

void BM_CopyIndex(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  std::vector<crosscheck::CopySketch> sketches;
  for (const ArticleExtract& x : c->begun) sketches.push_back(crosscheck::SketchForCopies(x.shingles));
  size_t pairs = 0;
  for (auto _ : state) {
    auto index = std::make_unique<crosscheck::CopyIndex>();
    index->Reserve(c->begun.size());
    for (size_t i = 0; i < c->begun.size(); ++i) index->Add(i, &c->begun[i].shingles, sketches[i]);
    std::vector<crosscheck::CopySource> sources;
    std::vector<uint64_t> keys;
    for (size_t i = 0; i < c->begun.size(); ++i) {
      sources.push_back({&c->begun[i].id, c->begun[i].published, &c->begun[i].shingles});
      keys.push_back(i);
    }
    pairs = index->pairs().Relations(sources, keys).size();
    state.PauseTiming();
    index.reset();  // freeing it is not timed
    state.ResumeTiming();
  }
  Finish(state, *c);
  state.counters["copies"] = static_cast<double>(pairs);
}
BENCHMARK(BM_CopyIndex)->Unit(benchmark::kMillisecond);

// Assemble() as check calls it: the copy pairs are found in the first pass.
void BM_Assemble(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  std::vector<ArticleExtract> extracts = c->extracts;  // Assemble() reads them only
  crosscheck::CopyIndex copies;
  for (size_t i = 0; i < extracts.size(); ++i) copies.Add(i, &extracts[i].shingles);
  for (auto _ : state) {
    std::vector<crosscheck::AssembleInput> in;
    for (size_t i = 0; i < extracts.size(); ++i) in.push_back({&extracts[i], i});
    crosscheck::Report report = c->pipeline->Assemble(std::move(in), copies.pairs());
    benchmark::DoNotOptimize(report);
    state.PauseTiming();
    report = {};
    state.ResumeTiming();
  }
  Finish(state, *c);
  state.counters["facts"] = static_cast<double>(c->report.facts.size());
}
BENCHMARK(BM_Assemble)->Unit(benchmark::kMillisecond);

// Assemble's parts, as Pipeline::Assemble() calls them (no waivers: the
// shipped packs have none), to tell which grows with the corpus.

void BM_AssembleCompare(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  std::vector<crosscheck::Claim> claims;
  std::vector<crosscheck::RelativeDate> relative;
  for (const ArticleExtract& x : c->extracts) {
    claims.insert(claims.end(), x.claims.begin(), x.claims.end());
    relative.insert(relative.end(), x.relative.begin(), x.relative.end());
  }
  std::map<std::string, std::string> copy_of;
  for (const crosscheck::SourceReport& s : c->report.sources)
    if (!s.copy_of.empty()) copy_of[s.id] = s.copy_of;
  for (auto _ : state) {
    crosscheck::CompareResult compared =
        crosscheck::CompareClaims(claims, c->pipeline->rules(), copy_of);
    std::vector<crosscheck::WithinSourceFinding> within =
        crosscheck::CheckRelativeDates(relative, claims);
    benchmark::DoNotOptimize(compared);
    benchmark::DoNotOptimize(within);
  }
  Finish(state, *c);
}
BENCHMARK(BM_AssembleCompare)->Unit(benchmark::kMillisecond);

void BM_AssembleScore(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  std::vector<crosscheck::CopySource> copy_sources;
  for (const ArticleExtract& x : c->extracts)
    copy_sources.push_back({&x.id, x.published, &x.shingles});
  std::map<std::string, crosscheck::CopyRelation> copies;
  for (const crosscheck::CopyRelation& r : crosscheck::DetectCopies(copy_sources))
    copies[r.copy] = r;
  std::vector<crosscheck::SourceReport> begun;  // ScoreArticle()'s components
  for (const ArticleExtract& x : c->extracts) begun.push_back(x.source);
  const crosscheck::ScoreOptions options =
      crosscheck::ScoreOptionsFrom(c->pipeline->rules().scoring());
  for (auto _ : state) {
    state.PauseTiming();
    std::vector<crosscheck::SourceReport> sources = begun;
    state.ResumeTiming();
    crosscheck::ScoreSources(c->report.facts, copies, options, &sources);
    benchmark::DoNotOptimize(sources);
  }
  Finish(state, *c);
}
BENCHMARK(BM_AssembleScore)->Unit(benchmark::kMillisecond);

void BM_WriteJsonReport(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  for (auto _ : state) {
    std::string json = crosscheck::WriteJsonReport(c->report);
    benchmark::DoNotOptimize(json);
  }
  Finish(state, *c);
  state.counters["report_bytes"] = static_cast<double>(c->report_bytes);
}
BENCHMARK(BM_WriteJsonReport)->Unit(benchmark::kMillisecond);

void BM_CheckInProcess(benchmark::State& state) {
  const Corpus* c = Ready(state);
  if (!c) return;
  crosscheck::CheckOptions options;
  options.jobs = 1;
  for (auto _ : state) {
    auto report = crosscheck::Check({c->path}, options);
    if (!report.ok()) {
      state.SkipWithError(report.status().message().c_str());
      return;
    }
    std::string json = crosscheck::WriteJsonReport(*report);
    benchmark::DoNotOptimize(json);
  }
  Finish(state, *c);
}
BENCHMARK(BM_CheckInProcess)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
