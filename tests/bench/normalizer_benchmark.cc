// Normalizer::Extract, measured the way ../shared/peers/throughput.js
// measures the peers: in process, one paragraph per call, nothing built or
// written inside the timed loop. Corpus: the file named by
// $CROSSCHECK_BENCH_TEXT (scripts/bench_values.sh writes throughput.js's
// 5 MiB text there), else the Albania corpus pages, else the example corpus.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/normalize/normalizer.h"

namespace {

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string& Corpus() {
  static const std::string* text = [] {
    auto* out = new std::string;
    if (const char* env = std::getenv("CROSSCHECK_BENCH_TEXT"); env && *env) {
      *out = ReadFile(env);
      return out;
    }
    for (const char* dir : {CROSSCHECK_SOURCE_DIR "/../shared/corpus/albania-2022",
                            CROSSCHECK_SOURCE_DIR "/examples/corpus"}) {
      if (!std::filesystem::is_directory(dir)) continue;
      for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".txt") *out += ReadFile(e.path()) + "\n\n";
      if (!out->empty()) break;
    }
    return out;
  }();
  return *text;
}

std::vector<std::string_view> Paragraphs(const std::string& text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find("\n\n", pos);
    if (end == std::string::npos) end = text.size();
    out.emplace_back(text.data() + pos, end - pos);
    pos = end + 2;
  }
  return out;
}

void BM_ExtractParagraphs(benchmark::State& state) {
  const std::string& text = Corpus();
  const std::vector<std::string_view> paragraphs = Paragraphs(text);
  const crosscheck::Normalizer normalizer;
  const crosscheck::ReferenceDate reference{2022, 9, 23};
  size_t values = 0;
  for (auto _ : state) {
    for (std::string_view p : paragraphs) {
      auto found = normalizer.Extract(p, reference);
      values += found.size();
      benchmark::DoNotOptimize(found);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["values"] = benchmark::Counter(
      static_cast<double>(values) / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_ExtractParagraphs)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
