#include "crosscheck/checker.h"

#include <memory>
#include <string_view>
#include <unordered_map>
#include <utility>

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
  IngestOptions ingest_options;
  ingest_options.max_file_bytes = options.max_file_bytes;
  CC_ASSIGN_OR_RETURN(IngestResult ingested, IngestPaths(paths, ingest_options));

  // Per article: values and mentions. Then entities across the corpus, then
  // each article's claims under those entities.
  EntityIndex index(pipeline->rules());
  std::vector<AnalysedArticle> articles;
  std::vector<ArticleExtract> extracts;
  articles.reserve(ingested.documents.size());
  extracts.reserve(ingested.documents.size());
  for (Document& doc : ingested.documents) {
    articles.push_back(pipeline->Analyse(std::move(doc), index));
    extracts.push_back(pipeline->BeginExtract(articles.back()));
    AddToIndex(extracts.back(), &index);
  }
  index.Finish();
  for (size_t i = 0; i < articles.size(); ++i)
    pipeline->ExtractClaims(articles[i], index, &extracts[i]);

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
