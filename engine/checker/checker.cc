#include "crosscheck/checker.h"

#include <memory>
#include <utility>

#include "engine/checker/pipeline.h"
#include "engine/ingest/ingest.h"

namespace crosscheck {

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
