#include "crosscheck/checker.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
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

// Bytes set aside for later: the first `memory` bytes in memory, the rest
// in a file created in $TMPDIR (or /tmp) and unlinked at once, so nothing is
// left behind however the process ends. A small corpus never writes the
// file (writing the BBC corpus's 15 MB to it and reading them back cost 3%
// of the check); a big one holds no more than `memory` of it here, in
// chunks made as they fill. Append() one call at a time; Read() on any
// thread of what Append()s that returned put there, but not while another
// thread appends (check reads the first pass's bytes on the thread that
// appends them, or after the pass, and the sources after the second).
class SpillFile {
 public:
  static StatusOr<std::unique_ptr<SpillFile>> Create(size_t memory) {
    const char* tmp = std::getenv("TMPDIR");
    std::string dir = tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
    std::string name = dir + "/crosscheck-XXXXXX";
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0)
      return Status::Internal("cannot make a temporary file in " + dir + ": " +
                              std::strerror(errno));
    ::unlink(name.c_str());
    return std::unique_ptr<SpillFile>(new SpillFile(fd, std::move(dir), memory));
  }
  ~SpillFile() { ::close(fd_); }
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  Status Append(std::string_view bytes, uint64_t* offset) {
    *offset = size_;
    // In memory while all of `bytes` fits; from the first that does not,
    // in the file, at its offset less the memory's.
    if (file_start_ == kAllInMemory && bytes.size() <= memory_size_ - size_) {
      while (chunks_.size() * kChunk < size_ + bytes.size())
        chunks_.emplace_back(new char[kChunk]);
      InChunks(size_, bytes.size(), [&](char* chunk, size_t done, size_t n) {
        std::memcpy(chunk, bytes.data() + done, n);
      });
      size_ += bytes.size();
      return Status::Ok();
    }
    if (file_start_ == kAllInMemory) file_start_ = size_;
    for (size_t done = 0; done < bytes.size();) {
      const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Failed("write to", n < 0 ? errno : 0);
      done += static_cast<size_t>(n);
    }
    size_ += bytes.size();
    return Status::Ok();
  }
  Status Read(uint64_t offset, size_t size, std::string* out) const {
    out->resize(size);
    return Read(offset, size, out->data());
  }
  Status Read(uint64_t offset, size_t size, char* out) const {
    if (offset < file_start_) {
      InChunks(offset, size, [&](const char* chunk, size_t done, size_t n) {
        std::memcpy(out + done, chunk, n);
      });
      return Status::Ok();
    }
    for (size_t done = 0; done < size;) {
      const ssize_t n = ::pread(fd_, out + done, size - done,
                                static_cast<off_t>(offset - file_start_ + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Failed("read from", n < 0 ? errno : 0);
      done += static_cast<size_t>(n);
    }
    return Status::Ok();
  }

 private:
  SpillFile(int fd, std::string dir, size_t memory)
      : fd_(fd), dir_(std::move(dir)), memory_size_(memory) {}
  // Calls f(where, done, n) for each piece of bytes [offset, offset + size)
  // in memory: n bytes at `where`, the piece after the first `done`.
  template <typename F>
  void InChunks(uint64_t offset, size_t size, F f) const {
    for (size_t done = 0; done < size;) {
      const uint64_t at = offset + done;
      const size_t n = std::min<size_t>(size - done, kChunk - at % kChunk);
      f(chunks_[at / kChunk].get() + at % kChunk, done, n);
      done += n;
    }
  }
  // `error`: errno, or 0 when the call returned 0 (the file ended early).
  Status Failed(const char* what, int error) const {
    return Status::Internal(std::string("cannot ") + what + " the temporary file in " +
                            dir_ + ": " + (error != 0 ? std::strerror(error) : "it ends early"));
  }

  int fd_;
  std::string dir_;
  uint64_t size_ = 0;  // bytes appended
  size_t memory_size_;
  static constexpr size_t kChunk = size_t{1} << 16;
  std::vector<std::unique_ptr<char[]>> chunks_;  // the first bytes, kChunk each
  // Where the file's bytes begin: the size of the first Append() that did
  // not fit in memory; kAllInMemory until then.
  static constexpr uint64_t kAllInMemory = ~uint64_t{0};
  uint64_t file_start_ = kAllInMemory;
};

// The sources a check left in its temporary file, each the article's own
// part (ExtractClaims()) finished with the corpus's when it is read.
class SpilledSources : public SourceStream {
 public:
  // at[i]: where the i-th source in report order is in `spill`.
  SpilledSources(std::unique_ptr<SpillFile> spill,
                 std::vector<std::pair<uint64_t, size_t>> at, CorpusScores scores)
      : spill_(std::move(spill)), at_(std::move(at)), scores_(std::move(scores)) {}

  size_t size() const override { return scores_.size(); }
  StatusOr<SourceReport> Get(size_t i) const override {
    std::string bytes;
    CC_RETURN_IF_ERROR(spill_->Read(at_[i].first, at_[i].second, &bytes));
    CC_ASSIGN_OR_RETURN(SourceReport source, DecodeSource(bytes));
    scores_.Finish(i, &source);
    return source;
  }

 private:
  std::unique_ptr<SpillFile> spill_;
  std::vector<std::pair<uint64_t, size_t>> at_;
  CorpusScores scores_;
};

// Check() and CheckStreamed(): with `stream`, each article's source goes to
// the temporary file as soon as its claims are made.
StatusOr<StreamedReport> CheckWith(const std::vector<std::string>& paths,
                                   const CheckOptions& options, bool stream) {
  // Ingest lists the files (and reads .jsonl ones); each other file is
  // read, like each article analysed, in the first per-article pass below.
  // The rules load meanwhile (on a second thread when there is one): each
  // takes a few milliseconds that no other thread could share.
  IngestOptions ingest_options;
  ingest_options.max_file_bytes = options.max_file_bytes;
  ingest_options.keep_inputs = true;
  ingest_options.analyse = false;
  ingest_options.defer_reading = true;
  StatusOr<std::unique_ptr<Pipeline>> created = Status::Internal("rules not loaded");
  StatusOr<IngestResult> listing = Status::Internal("files not listed");
  RunBoth(
      options.jobs, [&] { created = Pipeline::Create(options); },
      [&] { listing = IngestPaths(paths, ingest_options); });
  CC_ASSIGN_OR_RETURN(std::unique_ptr<Pipeline> pipeline, std::move(created));
  CC_ASSIGN_OR_RETURN(IngestResult ingested, std::move(listing));

  // Two passes over the articles, each on every thread. The first analyses
  // each article (document, values, mentions) and adds it to the entity and
  // copy indexes; the second, once the entities of the whole corpus are
  // known, makes each article's claims. Between the passes the analysed
  // articles wait in a temporary file, not in memory (unless the report
  // shows them: keep_reading).
  const size_t n = ingested.documents.size();
  // What the first pass needs of each listed article, kept small (ingest's
  // Document and ArticleInput take four times the room, for every article).
  using Overrides = decltype(ArticleInput::overrides);
  struct Listed {
    std::string id, path, format;
    size_t line = 0;
    std::string input_format;  // how the body is read: "txt", "md" or "html"
    std::string body;          // a .jsonl line's, read when listed; else read in the pass
    std::unique_ptr<Overrides> overrides;  // null: none
    DeferredRead deferred;
  };
  std::vector<Listed> listed(n);
  for (size_t i = 0; i < n; ++i) {
    Document& d = ingested.documents[i];
    ArticleInput& input = ingested.inputs[i];
    Listed& l = listed[i];
    l.id = std::move(d.id);
    l.path = std::move(d.path);
    l.format = std::move(d.format);
    l.line = d.line;
    l.input_format = std::move(input.format);
    l.body = std::move(input.body);
    const Overrides& o = input.overrides;
    if (o.id || o.title || o.byline || o.dateline || o.outlet || o.url || o.published.known())
      l.overrides = std::make_unique<Overrides>(std::move(input.overrides));
    l.deferred = ingested.deferred[i];
  }
  std::vector<Document>().swap(ingested.documents);
  std::vector<ArticleInput>().swap(ingested.inputs);
  // Scan() reads only the packs' aliases; a scanner of its own keeps it
  // apart from the index that is being built meanwhile.
  auto scanner = std::make_unique<const EntityIndex>(pipeline->rules());
  auto index = std::make_unique<EntityIndex>(pipeline->rules());
  auto copies = std::make_unique<CopyIndex>();
  copies->Reserve(n);
  std::unique_ptr<SpillFile> spill;
  if (!options.keep_reading) {
    CC_ASSIGN_OR_RETURN(spill, SpillFile::Create(options.spill_memory));
  }
  std::vector<AnalysedArticle> kept(options.keep_reading ? n : 0);  // not spilled
  std::vector<std::vector<uint64_t>> kept_shingles(spill == nullptr ? n : 0);
  // Made on every thread, used and dropped in article order on one.
  struct Pending {
    ArticleExtract extract;  // BeginExtract()
    CopySketch sketch;
    std::string analysed;  // EncodeAnalysed()
  };
  // What the first pass keeps of an article's extract for the second; the
  // rest (entity input, shingles) goes into the indexes and the file.
  struct Begun {
    std::string id;
    ReferenceDate published;
  };
  std::vector<Begun> begun(n);
  std::vector<std::unique_ptr<Pending>> pending(n);
  std::vector<std::pair<uint64_t, size_t>> spilled(n);  // offset, size
  std::vector<std::unique_ptr<Diagnostic>> unread(n);  // files that are no article
  Status spill_status;
  // With a spill file the shingles wait there too: the copy index reads an
  // article's again only to compare it exactly with a later one that its
  // sketch comes near.
  std::vector<std::pair<uint64_t, size_t>> shingles_at(n);  // offset, count
  if (spill != nullptr) {
    copies->LoadShinglesWith([&](uint64_t key, std::vector<uint64_t>* out) {
      const auto [offset, count] = shingles_at[key];
      out->resize(count);
      Status read = spill->Read(offset, count * sizeof(uint64_t), reinterpret_cast<char*>(out->data()));
      if (!read.ok()) {
        out->clear();
        if (spill_status.ok()) spill_status = read;
      }
    });
  }
  ParallelForOrdered(
      n, options.jobs,
      [&](size_t i) {
        Listed& l = listed[i];
        ArticleInput input{std::move(l.input_format), std::move(l.body),
                           l.overrides != nullptr ? *l.overrides : Overrides()};
        if (l.deferred.pending) {
          if (std::optional<Diagnostic> problem =
                  ReadDeferred(l.path, l.deferred, ingest_options, &input.body)) {
            unread[i] = std::make_unique<Diagnostic>(std::move(*problem));
            return;
          }
        }
        AnalysedArticle a;
        auto p = std::make_unique<Pending>();
        p->extract = pipeline->AnalyseAndBegin(
            AnalyzeInput(input, l.id, l.path, l.line, l.format), *scanner, &a);
        p->sketch = SketchForCopies(p->extract.shingles);
        if (spill != nullptr) {
          p->analysed = EncodeAnalysed(a);
        } else {
          kept[i] = std::move(a);
        }
        pending[i] = std::move(p);
      },
      // One thread adds to the indexes (the order does not matter to the
      // clusters, EntityIndex::Finish(), nor to the copies) and the file.
      [&](size_t i) {
        if (unread[i] != nullptr) return;
        ArticleExtract& x = pending[i]->extract;
        AddToIndex(x, index.get());
        begun[i] = {std::move(x.id), x.published};
        const std::vector<uint64_t>* shingles = &x.shingles;
        if (spill == nullptr) {  // the index keeps a pointer to them
          kept_shingles[i] = std::move(x.shingles);
          shingles = &kept_shingles[i];
        }
        copies->Add(i, shingles, pending[i]->sketch);
        if (spill != nullptr && spill_status.ok()) {
          spilled[i].second = pending[i]->analysed.size();
          spill_status = spill->Append(pending[i]->analysed, &spilled[i].first);
          shingles_at[i].second = x.shingles.size();
          if (spill_status.ok())
            spill_status = spill->Append(
                std::string_view(reinterpret_cast<const char*>(x.shingles.data()),
                                 x.shingles.size() * sizeof(uint64_t)),
                &shingles_at[i].first);
        }
        pending[i].reset();
      });
  CC_RETURN_IF_ERROR(spill_status);
  // The names of the whole corpus are clustered (Finish()) while, on the
  // other thread when there is one, the rest is made ready for the second
  // pass: the two share nothing, and neither could be split further. With
  // one thread the copy index goes first, so that Finish() does not add to
  // its memory.
  scanner.reset();
  CopyPairs copy_pairs;
  std::vector<Diagnostic> diagnostics = std::move(ingested.diagnostics);
  std::vector<ArticleExtract> extracts;
  RunBoth(
      options.jobs,
      [&] {
        // Every article is in the copy index: keep the pairs it found, free
        // the index and the shingles.
        copy_pairs = copies->pairs();
        copies.reset();
        std::vector<std::vector<uint64_t>>().swap(kept_shingles);
        // The files that could not be read take their places among the
        // diagnostics; then the source ids of the articles are made unique,
        // as ingest makes them when it reads every file itself.
        std::vector<std::pair<DeferredRead, Diagnostic>> problems;
        std::vector<SourceIdentity> read;
        for (size_t i = 0; i < n; ++i) {
          if (unread[i] != nullptr) problems.emplace_back(listed[i].deferred, std::move(*unread[i]));
          else read.push_back({&begun[i].id, &listed[i].path, listed[i].line});
        }
        PlaceDeferredProblems(std::move(problems), &diagnostics);
        MakeIdsUnique(read, &diagnostics);
        std::vector<SourceIdentity>().swap(read);
        // The extracts the second pass fills, made now that the copy
        // index's memory is free (BeginExtract() gave the same id, path,
        // line and date).
        extracts.resize(n);
        for (size_t i = 0; i < n; ++i) {
          if (unread[i] != nullptr) continue;
          extracts[i].id = std::move(begun[i].id);
          extracts[i].path = std::move(listed[i].path);
          extracts[i].line = listed[i].line;
          extracts[i].published = begun[i].published;
        }
        std::vector<Begun>().swap(begun);
        std::vector<Listed>().swap(listed);
      },
      [&] { index->Finish(); });
  // Streamed sources go to a file of their own: the first pass's, five
  // times bigger, can go as soon as the claims are made.
  std::unique_ptr<SpillFile> sources_file;
  if (stream) {
    CC_ASSIGN_OR_RETURN(sources_file, SpillFile::Create(options.spill_memory / 4));
  }
  std::mutex read_mutex, append_mutex;
  Status read_status;
  std::vector<std::pair<uint64_t, size_t>> source_at(stream ? n : 0);  // offset, size
  ParallelFor(n, options.jobs, [&](size_t i) {
    if (unread[i] != nullptr) return;
    AnalysedArticle decoded;
    AnalysedArticle* article = &decoded;
    if (spill != nullptr) {
      std::string bytes;
      Status read = spill->Read(spilled[i].first, spilled[i].second, &bytes);
      StatusOr<AnalysedArticle> back =
          read.ok() ? DecodeAnalysed(bytes) : StatusOr<AnalysedArticle>(read);
      if (!back.ok()) {
        const std::lock_guard<std::mutex> lock(read_mutex);
        if (read_status.ok()) read_status = back.status();
        return;
      }
      decoded = std::move(back).value();
    } else {
      article = &kept[i];
    }
    article->doc.id = extracts[i].id;  // made unique since it was analysed
    pipeline->ExtractClaims(*article, *index, &extracts[i], /*record_context=*/false);
    if (!stream) return;
    const std::string bytes = EncodeSource(extracts[i].source);
    extracts[i].source = SourceReport();
    const std::lock_guard<std::mutex> lock(append_mutex);
    source_at[i].second = bytes.size();
    Status appended = sources_file->Append(bytes, &source_at[i].first);
    if (!appended.ok() && read_status.ok()) read_status = std::move(appended);
  });
  CC_RETURN_IF_ERROR(read_status);

  // The claims are made. The entity index and the first pass's file are
  // freed (milliseconds each: many small blocks, many pages) while the
  // report is assembled, on two threads when there are.
  StreamedReport out;
  Report& report = out.report;
  RunBoth(
      options.jobs, [&] { index.reset(); },
      [&] {
        spill.reset();
        std::vector<AssembleInput> in;
        in.reserve(n);
        for (size_t i = 0; i < n; ++i)
          if (unread[i] == nullptr) in.push_back({&extracts[i], i, /*take_source=*/true});
        if (!stream) {
          report = pipeline->Assemble(std::move(in), copy_pairs);
          return;
        }
        CorpusScores scores;
        report = pipeline->Assemble(std::move(in), copy_pairs, &scores);
        std::vector<std::pair<uint64_t, size_t>> at(scores.size());  // copy_key: the article's index
        for (size_t p = 0; p < at.size(); ++p) at[p] = source_at[scores.copy_key(p)];
        out.sources = std::make_unique<SpilledSources>(std::move(sources_file), std::move(at),
                                                       std::move(scores));
      });
  if (options.keep_reading) AttachReading(kept, &report);
  std::vector<std::string> warnings = std::move(report.warnings);
  report.warnings.clear();
  for (const Diagnostic& d : diagnostics) {
    if (d.level == Diagnostic::Level::kError) report.errors.push_back(d.ToString());
    else if (d.level == Diagnostic::Level::kWarning)
      report.warnings.push_back(d.ToString());
  }
  for (std::string& w : warnings) report.warnings.push_back(std::move(w));
  return out;
}

}  // namespace

StatusOr<Report> Check(const std::vector<std::string>& paths, const CheckOptions& options) {
  CC_ASSIGN_OR_RETURN(StreamedReport checked, CheckWith(paths, options, /*stream=*/false));
  return std::move(checked.report);
}

StatusOr<StreamedReport> CheckStreamed(const std::vector<std::string>& paths,
                                       const CheckOptions& options) {
  if (options.keep_reading)
    return Status::InvalidArgument("CheckStreamed() keeps no article's blocks (keep_reading)");
  return CheckWith(paths, options, /*stream=*/true);
}

}  // namespace crosscheck
