#include "crosscheck/checker.h"

#include <memory>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "engine/checker/parallel.h"
#include "engine/checker/pipeline.h"
#include "engine/ingest/ingest.h"

namespace crosscheck {
namespace {

// Source ids are unique here (ingest gives a repeated id a suffix), so a
// report's source finds its article by id.
void AttachReading(const std::vector<AnalysedArticle>& articles, Report* report) {
  std::unordered_map<std::string_view, const Document*> by_id;
  for (const AnalysedArticle& a : articles) by_id.emplace(a.doc.id, &a.doc);
  for (SourceReport& source : report->sources) {
    auto it = by_id.find(source.id);
    if (it == by_id.end()) continue;
    const Document& doc = *it->second;
    source.reading.reserve(doc.blocks.size());
    for (const Block& b : doc.blocks)
      source.reading.push_back({std::string(BlockKindName(b.kind)), b.clutter_kind,
                                b.span.start, std::string(doc.Slice(b.span))});
  }
}

}  // namespace

StatusOr<Report> Check(const std::vector<std::string>& paths,
                       const CheckOptions& options) {
  CC_ASSIGN_OR_RETURN(std::unique_ptr<Pipeline> pipeline, Pipeline::Create(options));
  // Ingest reads the files and keeps what each article was made from; the
  // analysis of each article is the first per-article stage below.
  IngestOptions ingest_options;
  ingest_options.max_file_bytes = options.max_file_bytes;
  ingest_options.keep_inputs = true;
  ingest_options.analyse = false;
  CC_ASSIGN_OR_RETURN(IngestResult ingested, IngestPaths(paths, ingest_options));

  // Per article, on every thread: the document, its values and mentions.
  // Then entities across the corpus, then, on every thread again, each
  // article's claims under those entities.
  const size_t n = ingested.documents.size();
  // Scan() reads only the packs' aliases; a scanner of its own keeps it
  // apart from the index that is being built meanwhile.
  const EntityIndex scanner(pipeline->rules());
  EntityIndex index(pipeline->rules());
  std::vector<AnalysedArticle> articles(n);
  std::vector<ArticleExtract> extracts(n);
  ParallelForOrdered(
      n, options.jobs,
      [&](size_t i) {
        Document& d = ingested.documents[i];
        ArticleInput& input = ingested.inputs[i];
        articles[i] = pipeline->Analyse(
            AnalyzeInput(input, std::move(d.id), std::move(d.path), d.line, std::move(d.format)),
            scanner);
        std::string().swap(input.body);  // the document holds its own text now
        extracts[i] = pipeline->BeginExtract(articles[i]);
      },
      // One thread adds to the index (the order does not matter to the
      // clusters: EntityIndex::Finish()).
      [&](size_t i) { AddToIndex(extracts[i], &index); });
  index.Finish();
  ParallelFor(n, options.jobs, [&](size_t i) {
    pipeline->ExtractClaims(articles[i], index, &extracts[i]);
    // The text, values and mentions are not needed any more (unless the
    // report shows the articles): the report is built from the extracts.
    if (!options.keep_reading) articles[i] = AnalysedArticle();
  });

  Report report = pipeline->Assemble(std::move(extracts));
  if (options.keep_reading) AttachReading(articles, &report);
  std::vector<std::string> warnings = std::move(report.warnings);
  report.warnings.clear();
  for (const Diagnostic& d : ingested.diagnostics) {
    if (d.level == Diagnostic::Level::kError) report.errors.push_back(d.ToString());
    else if (d.level == Diagnostic::Level::kWarning)
      report.warnings.push_back(d.ToString());
  }
  for (std::string& w : warnings) report.warnings.push_back(std::move(w));
  return report;
}

}  // namespace crosscheck
