// The bad-input matrix (issue 9): every command that reads input, fed each
// kind of bad input, end to end through the real binary. Each row states the
// exit code and what stderr must say (the file, and the line where there is
// one); every row also checks that nothing crashed (no signal, no sanitizer
// report), and the `run` rows that the store holds no half article: only
// whole articles, each with its extract, and a rerun after fixing the input
// completes. Big inputs (100 MB) are made in the temp folder at test time.
//
// After the matrix, a full disk during `run` (acceptance 4): a file size
// limit (ulimit -f, always) and a small tmpfs (when this process may mount
// one) make the store's writes fail mid-run; the store stays readable,
// nothing committed before is lost, and the rerun ends as an uninterrupted
// run does.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_util.h"
#include "tests/store/raw_db.h"

namespace crosscheck {
namespace e2e {
namespace {

using Json = nlohmann::json;

// ---- inputs ------------------------------------------------------------

std::string Good(int year = 1962) {
  return "Dam report\n\nBy A. Writer\n\nThe Brenna Dam, built in " + std::to_string(year) +
         ", holds water above Castelnor.\n";
}

// `bytes` of text without a line break or a sentence end, dense in values.
std::string LongLine(size_t bytes) {
  static const std::string kUnit = "the Brenna Dam was built in 1962 and holds 3,000 tonnes ";
  std::string out;
  out.reserve(bytes + kUnit.size());
  while (out.size() < bytes) out += kUnit;
  out.resize(bytes);
  return out;
}

std::string Jsonl(const std::string& id, const std::string& text,
                  const std::string& extra = "") {
  return "{\"id\": \"" + id + "\", \"title\": \"T " + id + "\"" + extra + ", \"text\": " +
         Json(text).dump() + "}\n";
}

// A JSONL line of LongLine(bytes), which needs no escaping (a JSON writer
// under ASan takes seconds over 100 MB).
std::string LongJsonl(const std::string& id, size_t bytes) {
  return "{\"id\": \"" + id + "\", \"text\": \"" + LongLine(bytes) + "\"}\n";
}

std::string Utf16Le(const std::string& ascii) {
  std::string out = "\xFF\xFE";
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

// Anchors of nine aliases each, `levels` deep, under `key`: a "billion
// laughs" of a few hundred bytes that reads as 9^levels nodes.
std::string BillionLaughs(const std::string& key, int levels) {
  std::string out = key + ":\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= levels; ++i) {
    const std::string prev = "*l" + std::to_string(i - 1);
    out += "  l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) out += (k ? ", " : "") + prev;
    out += "]\n";
  }
  return out;
}

// The same as a list, each item nine aliases of the one before.
std::string BillionLaughsList(const std::string& key, int levels) {
  std::string out = key + ":\n  - &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= levels; ++i) {
    const std::string prev = "*l" + std::to_string(i - 1);
    out += "  - &l" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) out += (k ? ", " : "") + prev;
    out += "]\n";
  }
  return out;
}

// One entity with `n` aliases, listed `n` times through an alias: a file of
// 5n bytes that a reader merging aliases sees as n*n of them.
std::string AliasFanOut(int n) {
  std::string out = "entities:\n  - &e {id: dam, aliases: [";
  for (int i = 0; i < n; ++i) out += (i ? ",a" : "a");
  out += "]}\n";
  for (int i = 0; i < n; ++i) out += "  - *e\n";
  return out + "facts:\n  - {id: built, kind: year, near: 'built'}\n";
}

std::string Nested(const std::string& key, int depth) {
  return key + ": " + std::string(depth, '[') + std::string(depth, ']') + "\n";
}

std::string DeepHtml(int depth, const std::string& open = "<div>",
                     const std::string& close = "</div>") {
  std::string out = "<html><head><title>Deep</title></head><body>";
  for (int i = 0; i < depth; ++i) out += open;
  out += "<p>The Brenna Dam was built in 1962.</p>";
  for (int i = 0; i < depth; ++i) out += close;
  return out + "</body></html>\n";
}

// A pack of one fact with `body` as its extra lines.
std::string Fact(const std::string& body) {
  return "facts:\n  - id: built\n    kind: year\n" + body;
}

void Write(const fs::path& p, const std::string& bytes) { WriteAll(p, bytes); }

// A string literal with its NUL bytes.
template <size_t N>
std::string Bytes(const char (&s)[N]) {
  return std::string(s, N - 1);
}

// ---- running -----------------------------------------------------------

// How a command that must not read a file is run: as root a mode of 000
// stops nobody, so the command runs as the user nobody (setpriv). "" when
// not root; nullopt when neither works.
std::optional<std::string> UnprivilegedPrefix() {
  if (geteuid() != 0) return std::string();
  static const bool can_drop =
      std::system("setpriv --reuid=65534 --regid=65534 --clear-groups true "
                  ">/dev/null 2>&1") == 0;
  if (!can_drop) return std::nullopt;
  return std::string("setpriv --reuid=65534 --regid=65534 --clear-groups ");
}

std::string Replace(std::string text, const std::string& key, const std::string& value) {
  for (size_t p = text.find(key); p != std::string::npos; p = text.find(key, p + value.size()))
    text.replace(p, key.size(), value);
  return text;
}

std::string Expand(const std::string& text, const fs::path& dir) {
  return Replace(text, "{dir}", dir.string());
}

// A crash shows as a signal (the shell's 128 + n), a sanitizer report, or an
// exception that escaped.
void ExpectNoCrash(const RunResult& r) {
  EXPECT_GE(r.exit_code, 0);
  EXPECT_LT(r.exit_code, 100) << "killed by a signal or timed out (124)\n" << r.err;
  for (const char* sign : {"Sanitizer", "runtime error:", "terminate called", "Aborted",
                           "Segmentation", "core dumped"})
    EXPECT_EQ(r.err.find(sign), std::string::npos) << sign << "\n" << r.err.substr(0, 4000);
}

std::string Cc() { return Quote(CROSSCHECK_BINARY); }

// Runs a shell command in which {cc} is crosscheck and {dir} the row's
// folder. crosscheck runs under a time limit, so a hang fails its row
// (124), and after `as` (setpriv, to run as nobody).
RunResult Exec(const fs::path& dir, const std::string& command, const std::string& name,
              const std::string& as = "") {
  return Shell(Replace(Expand(command, dir), "{cc}", "timeout -k 5 120 " + as + Cc()),
               name + "_" + std::to_string(getpid()));
}

// ---- the store -----------------------------------------------------------

struct StoreState {
  int64_t articles = -1, extracts = -1, unanalysed = -1, finished_runs = -1, runs = -1,
          reviews = -1;
  std::string integrity;
};

StoreState ReadStore(const fs::path& db) {
  StoreState s;
  if (!fs::exists(db)) return s;
  testutil::RawDb raw(db.string());
  s.articles = raw.QueryInt("SELECT count(*) FROM articles");
  s.extracts = raw.QueryInt("SELECT count(*) FROM extracts");
  s.unanalysed = raw.QueryInt("SELECT count(*) FROM articles WHERE processed_run IS NULL");
  s.finished_runs = raw.QueryInt("SELECT count(*) FROM runs WHERE finished_at IS NOT NULL");
  s.runs = raw.QueryInt("SELECT count(*) FROM runs");
  s.reviews = raw.QueryInt("SELECT count(*) FROM audit_log");
  s.integrity = raw.QueryText("PRAGMA integrity_check");
  return s;
}

// Whole articles only: every stored article has its extract (a failed run
// may leave some unanalysed for the next run, never half an extract), and
// the file is sound.
void ExpectWholeStore(const fs::path& db, int64_t articles) {
  const StoreState s = ReadStore(db);
  EXPECT_EQ(s.integrity, "ok") << db;
  EXPECT_EQ(s.articles, articles) << db;
  EXPECT_EQ(s.extracts, articles) << db;
  EXPECT_EQ(s.unanalysed, 0) << db;
}

std::string RunCmd(const std::string& inbox_args) {
  return "{cc} run --store {dir}/s.db " + inbox_args + " --format json";
}

// ---- the matrix ------------------------------------------------------------

struct Row {
  std::string name;
  std::function<void(const fs::path&)> setup;
  std::string command;  // {dir} is the row's folder
  int exit_code;
  std::vector<std::string> err_has;  // {dir} expanded
  // More checks, after the generic ones (the store, the report, a rerun).
  std::function<void(const fs::path&, const RunResult&)> verify;
  bool unprivileged = false;  // run as nobody (for modes root ignores)
};

void PrintTo(const Row& row, std::ostream* os) { *os << row.name; }

std::string Check(const std::string& args) { return "{cc} check " + args; }

// The report of a check that must have read `sources` articles.
std::function<void(const fs::path&, const RunResult&)> Sources(size_t sources) {
  return [sources](const fs::path&, const RunResult& r) {
    ASSERT_FALSE(r.out.empty());
    const Json report = Json::parse(r.out);
    EXPECT_EQ(report["sources"].size(), sources) << r.out.substr(0, 2000);
  };
}

std::vector<Row> Rows() {
  std::vector<Row> rows;
  auto add = [&](Row r) { rows.push_back(std::move(r)); };

  // ---- check: articles -------------------------------------------------
  add({"CheckMissingFile", nullptr, Check("{dir}/nope.txt"), 2,
       {"{dir}/nope.txt: no such file or directory"}});
  add({"CheckMissingFolder", nullptr, Check("{dir}/nofolder/"), 2, {"{dir}/nofolder/"}});
  add({"CheckUnreadableFile",
       [](const fs::path& d) {
         Write(d / "a.txt", Good());
         fs::permissions(d / "a.txt", fs::perms::none);
       },
       Check("{dir}/a.txt"), 2, {"error: {dir}/a.txt: cannot open: Permission denied"},
       nullptr, true});
  // Fixed: an unreadable subfolder ended the whole check (exit 2).
  add({"CheckUnreadableSubfolderIsAWarning",
       [](const fs::path& d) {
         Write(d / "corpus" / "good.txt", Good());
         Write(d / "corpus" / "locked" / "b.txt", Good(1958));
         fs::permissions(d / "corpus" / "locked", fs::perms::none);
       },
       Check("{dir}/corpus"), 0,
       {"warning: {dir}/corpus/locked: cannot list: Permission denied"}, Sources(1), true});
  add({"CheckUnreadableManifest",
       [](const fs::path& d) {
         Write(d / "corpus" / "good.txt", Good());
         Write(d / "corpus" / "sources.yaml", "articles:\n  - file: good.txt\n");
         fs::permissions(d / "corpus" / "sources.yaml", fs::perms::none);
       },
       Check("{dir}/corpus"), 2, {"{dir}/corpus/sources.yaml: cannot open: Permission denied"},
       nullptr, true});
  add({"CheckSymlinkLoopsAreReadOnce",
       [](const fs::path& d) {
         Write(d / "corpus" / "good.txt", Good());
         fs::create_directory_symlink(".", d / "corpus" / "self");
         fs::create_directory_symlink("../corpus", d / "corpus" / "up");
         fs::create_directories(d / "corpus" / "sub");
         fs::create_directory_symlink("..", d / "corpus" / "sub" / "back");
       },
       Check("{dir}/corpus"), 0, {}, Sources(1)});
  add({"CheckInvalidUtf8",
       [](const fs::path& d) { Write(d / "latin1.txt", "Title\n\nOk line.\nCaf\xE9 line.\n"); },
       Check("{dir}/latin1.txt"), 2,
       {"{dir}/latin1.txt:4: invalid UTF-8 at line 4, column 4 (byte 0xE9)"}});
  add({"CheckUtf16LittleEndianBom",
       [](const fs::path& d) { Write(d / "u16.txt", Utf16Le(Good())); },
       Check("{dir}/u16.txt"), 2, {"{dir}/u16.txt:1: UTF-16 text is not supported"}});
  add({"CheckUtf16BigEndianBom",
       [](const fs::path& d) { Write(d / "u16.md", Bytes("\xFE\xFF\0D\0a\0m")); },
       Check("{dir}/u16.md"), 2, {"{dir}/u16.md:1: UTF-16 text is not supported"}});
  add({"CheckNulBytes",
       [](const fs::path& d) { Write(d / "nul.txt", Bytes("Title\n\nOk.\nBad\0line\n")); },
       Check("{dir}/nul.txt"), 2, {"{dir}/nul.txt:4: binary file (NUL byte at line 4)"}});
  add({"CheckPngNamedHtml",
       [](const fs::path& d) {
         Write(d / "png.html", Bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10"));
       },
       Check("{dir}/png.html"), 2, {"{dir}/png.html:", "binary file"}});
  add({"CheckElfNamedTxt",
       [](const fs::path& d) {
         Write(d / "elf.txt", Bytes("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0"));
       },
       Check("{dir}/elf.txt"), 2, {"{dir}/elf.txt:1: binary file (NUL byte at line 1)"}});
  add({"CheckEmptyFile", [](const fs::path& d) { Write(d / "empty.txt", ""); },
       Check("{dir}/empty.txt"), 2, {"{dir}/empty.txt: empty file"}});
  add({"CheckBlankFile", [](const fs::path& d) { Write(d / "blank.md", "\xEF\xBB\xBF \n\n\t\n"); },
       Check("{dir}/blank.md"), 2, {"{dir}/blank.md: empty file"}});
  // Fixed: read whole, then 23 GB of memory until the kernel killed it.
  add({"CheckHundredMegabyteLine",
       [](const fs::path& d) { Write(d / "big.txt", "Title\n\n" + LongLine(100 << 20) + "\n"); },
       Check("{dir}/big.txt"), 2,
       {"{dir}/big.txt: file too large (104857608 bytes; limit 16777216)"}});
  // Fixed: a 256 KB line took 8 GB and 33 s (every claim carries its
  // sentence); the line limit refuses it, naming the line.
  add({"CheckLongLine",
       [](const fs::path& d) { Write(d / "long.txt", "Title\n\n" + LongLine(100 << 10) + "\n"); },
       Check("{dir}/long.txt"), 2,
       {"{dir}/long.txt:3: line 3 is 102400 bytes long, over the limit of 65536 bytes per line"}});
  add({"CheckLongLineInAFolderIsAWarning",
       [](const fs::path& d) {
         Write(d / "corpus" / "good.txt", Good());
         Write(d / "corpus" / "long.md", "# Title\n\n" + LongLine(70000) + "\n");
       },
       Check("{dir}/corpus"), 0,
       {"warning: {dir}/corpus/long.md:3: line 3 is 70000 bytes long"}, Sources(1)});
  // Bounded: HTML has no lines to limit; a sentence is cut at 4 KB instead,
  // so a 64 KB paragraph without a full stop gives a 9 MB report, not 133 MB.
  add({"CheckLongHtmlParagraphIsBounded",
       [](const fs::path& d) {
         Write(d / "p.html", "<html><head><title>T</title></head><body><p>" +
                                 LongLine(64 << 10) + "</p></body></html>\n");
       },
       Check("{dir}/p.html"), 0, {},
       [](const fs::path&, const RunResult& r) {
         EXPECT_LT(r.out.size(), size_t{32} << 20) << "the report grows with the sentence";
         EXPECT_NO_THROW(Json::parse(r.out));
       }});
  // Fixed: 100,000 nested <div>s (600 KB) overflowed the stack (SIGSEGV).
  add({"CheckDeeplyNestedHtml", [](const fs::path& d) { Write(d / "deep.html", DeepHtml(100000)); },
       Check("{dir}/deep.html"), 2,
       {"{dir}/deep.html:1: HTML elements nested more than 1000 deep at line 1 (the limit)"}});
  add({"CheckDeeplyNestedTagSoup",
       [](const fs::path& d) { Write(d / "soup.html", DeepHtml(20000, "<div></span>", "")); },
       Check("{dir}/soup.html"), 2, {"{dir}/soup.html:1: HTML elements nested more than 1000"}});
  add({"CheckDeeplyNestedHtmlInAFolderIsAWarning",
       [](const fs::path& d) {
         Write(d / "corpus" / "good.txt", Good());
         Write(d / "corpus" / "deep.html", DeepHtml(5000));
       },
       Check("{dir}/corpus"), 0, {"warning: {dir}/corpus/deep.html:1: HTML elements nested"},
       Sources(1)});

  // ---- check: JSONL ----------------------------------------------------
  // Fixed: the 100 MB line went to the JSON parser whole.
  add({"CheckHundredMegabyteJsonlLine",
       [](const fs::path& d) { Write(d / "big.jsonl", LongJsonl("big", 100 << 20)); },
       Check("{dir}/big.jsonl"), 2,
       {"{dir}/big.jsonl:1: line too large (", "limit 16777216 bytes for one article)"}});
  add({"CheckJsonlTextWithALongLine",
       [](const fs::path& d) {
         Write(d / "feed.jsonl", Jsonl("a", Good()) + Jsonl("b", "T\n" + LongLine(70000)));
       },
       Check("{dir}/feed.jsonl"), 0,
       {"warning: {dir}/feed.jsonl:2: \"text\": line 2 is 70000 bytes long, over the limit"},
       Sources(1)});
  add({"CheckJsonlHtmlTooDeep",
       [](const fs::path& d) {
         Write(d / "feed.jsonl", Jsonl("a", Good()) +
                                     "{\"id\": \"b\", \"html\": " + Json(DeepHtml(2000)).dump() +
                                     "}\n");
       },
       Check("{dir}/feed.jsonl"), 0,
       {"warning: {dir}/feed.jsonl:2: \"html\": HTML elements nested more than 1000"},
       Sources(1)});
  add({"CheckTruncatedJsonl",
       [](const fs::path& d) {
         const std::string third = Jsonl("c", Good(1958));
         Write(d / "feed.jsonl", Jsonl("a", Good()) + Jsonl("b", Good(1958)) +
                                     third.substr(0, third.size() / 2));
       },
       Check("{dir}/feed.jsonl"), 0, {"warning: {dir}/feed.jsonl:3: invalid JSON"}, Sources(2)});
  add({"CheckTruncatedJsonlOfOneLine",
       [](const fs::path& d) {
         const std::string line = Jsonl("a", Good());
         Write(d / "feed.jsonl", line.substr(0, line.size() - 10));
       },
       Check("{dir}/feed.jsonl"), 2,
       {"error: {dir}/feed.jsonl:1: invalid JSON", "no line of the file is a readable article"}});
  add({"CheckJsonlUtf16",
       [](const fs::path& d) { Write(d / "feed.jsonl", Utf16Le(Jsonl("a", Good()))); },
       Check("{dir}/feed.jsonl"), 2, {"{dir}/feed.jsonl:1: UTF-16 text is not supported"}});
  add({"CheckJsonlPublishedFebruary30",
       [](const fs::path& d) {
         Write(d / "feed.jsonl",
               Jsonl("a", Good()) + Jsonl("b", Good(1958), ", \"published\": \"2023-02-30\""));
       },
       Check("{dir}/feed.jsonl"), 0,
       {"warning: {dir}/feed.jsonl:2: \"published\" is not a date", "2023-02-30"}, Sources(1)});
  add({"CheckJsonlPublishedMonth13",
       [](const fs::path& d) {
         Write(d / "feed.jsonl",
               Jsonl("a", Good()) + Jsonl("b", Good(1958), ", \"published\": \"2023-13-45\""));
       },
       Check("{dir}/feed.jsonl"), 0, {"{dir}/feed.jsonl:2: \"published\" is not a date"},
       Sources(1)});
  add({"CheckJsonlNumbersBeyondDouble",
       [](const fs::path& d) {
         Write(d / "feed.jsonl", Jsonl("a", Good()) +
                                     "{\"id\": 1e400, \"text\": \"The dam, built in 1958.\"}\n" +
                                     Jsonl("c", Good(1958), ", \"published\": 1e400"));
       },
       Check("{dir}/feed.jsonl"), 0,
       {"{dir}/feed.jsonl:2: invalid JSON", "number overflow parsing '1e400'",
        "{dir}/feed.jsonl:3: invalid JSON"},
       Sources(1)});
  add({"CheckJsonlWrongTypes",
       [](const fs::path& d) {
         Write(d / "feed.jsonl", Jsonl("a", Good()) + "{\"id\": \"b\", \"text\": [\"x\"]}\n" +
                                     "{\"id\": \"c\", \"title\": {\"a\": 1}, \"text\": \"x\"}\n" +
                                     "[1, 2]\n");
       },
       Check("{dir}/feed.jsonl"), 0,
       {"{dir}/feed.jsonl:2: \"text\" must be a string", "{dir}/feed.jsonl:3: \"title\" must be",
        "{dir}/feed.jsonl:4: not a JSON object"},
       Sources(1)});

  // ---- check: dates and numbers in article text ------------------------
  add({"CheckImpossibleDatesInText",
       [](const fs::path& d) {
         Write(d / "a.txt", "Dam report\n\nOn February 30, 2023 the Brenna Dam, built in 1962, "
                            "was inspected. The next check is due 2023-13-45, or on 31 April "
                            "2024.\n");
         Write(d / "b.txt", Good(1958));
       },
       Check("{dir}/a.txt {dir}/b.txt"), 0, {},
       [](const fs::path&, const RunResult& r) {
         for (const char* impossible : {"-02-30", "-13-", "-04-31"})
           EXPECT_EQ(r.out.find(impossible), std::string::npos) << impossible;
         EXPECT_NO_THROW(Json::parse(r.out));
       }});
  add({"CheckNumbersBeyondDoubleInText",
       [](const fs::path& d) {
         Write(d / "a.txt", "Dam report\n\nThe Brenna Dam, built in 1962, holds " +
                                std::string(400, '9') + " tonnes and 1e400 litres; " +
                                std::string(400, '9') + " residents were evacuated from "
                                "Castelnor.\n");
         Write(d / "b.txt", Good(1958));
       },
       Check("{dir}/a.txt {dir}/b.txt"), 0, {},
       [](const fs::path&, const RunResult& r) { EXPECT_NO_THROW(Json::parse(r.out)); }});

  // ---- check: sources.yaml ---------------------------------------------
  auto manifest = [](const std::string& yaml) {
    return [yaml](const fs::path& d) {
      Write(d / "outside.txt", Good(1958));
      Write(d / "corpus" / "good.txt", Good());
      Write(d / "corpus" / "sources.yaml", yaml);
    };
  };
  auto nothing_read = [](const fs::path&, const RunResult& r) { EXPECT_TRUE(r.out.empty()); };
  add({"CheckManifestParentTraversal", manifest("articles:\n  - file: good.txt\n  - file: ../outside.txt\n"),
       Check("{dir}/corpus"), 2,
       {"{dir}/corpus/sources.yaml:3:11: 'file' must name a file inside the folder, not "
        "'../outside.txt'"},
       nothing_read});
  add({"CheckManifestNestedTraversal", manifest("articles:\n  - file: sub/../../outside.txt\n"),
       Check("{dir}/corpus/good.txt"), 2,
       {"{dir}/corpus/sources.yaml:2:11: 'file' must name a file inside the folder"},
       nothing_read});
  add({"CheckManifestAbsolutePath", manifest("articles:\n  - file: /etc/hostname\n"),
       Check("{dir}/corpus"), 2,
       {"{dir}/corpus/sources.yaml:2:11: 'file' must name a file inside the folder, not "
        "'/etc/hostname'"},
       nothing_read});
  add({"CheckManifestFebruary30",
       manifest("articles:\n  - file: good.txt\n    published: 2023-02-30\n"),
       Check("{dir}/corpus"), 2,
       {"{dir}/corpus/sources.yaml:3:16: 'published' must be a date YYYY-MM-DD, not "
        "'2023-02-30'"}});
  add({"CheckManifestMonth13", manifest("articles:\n  - file: good.txt\n    published: 2023-13-45\n"),
       Check("{dir}/corpus"), 2, {"{dir}/corpus/sources.yaml:3:16: 'published' must be a date"}});
  add({"CheckManifestYearBeyondDouble",
       manifest("articles:\n  - file: good.txt\n    published_year: 1e400\n"),
       Check("{dir}/corpus"), 2,
       {"{dir}/corpus/sources.yaml:3:21: 'published_year' must be a year like 2022, not '1e400'"}});
  add({"CheckManifestMapWhereAListBelongs", manifest("articles: {file: good.txt}\n"),
       Check("{dir}/corpus"), 2, {"{dir}/corpus/sources.yaml:1:11: 'articles' must be a list"}});
  add({"CheckManifestListWhereAStringBelongs",
       manifest("articles:\n  - file: good.txt\n    title: [a, b]\n"), Check("{dir}/corpus"), 2,
       {"{dir}/corpus/sources.yaml:3:12: 'title' must be a string"}});
  add({"CheckManifestBrokenSyntax",
       manifest("articles:\n  - file: good.txt\n    title: [unclosed\n"), Check("{dir}/corpus"), 2,
       {"{dir}/corpus/sources.yaml:4:"}});
  add({"CheckManifestBillionLaughs", manifest(BillionLaughsList("articles", 9)),
       Check("{dir}/corpus"), 2,
       {"{dir}/corpus/sources.yaml:2:5: each entry of 'articles' must be a mapping"}});
  add({"CheckManifestAliasOfItself", manifest("articles: &a [*a]\n"), Check("{dir}/corpus"), 2,
       {"{dir}/corpus/sources.yaml:1:11: each entry of 'articles' must be a mapping"}});
  // Fixed: yaml-cpp's message was "bad file".
  add({"CheckManifestNestedTooDeep", manifest(Nested("articles", 1000)), Check("{dir}/corpus"),
       2, {"{dir}/corpus/sources.yaml:1:", "nested more than 500 levels deep (the YAML reader's limit)"}});
  add({"CheckManifestInvalidUtf8",
       manifest("articles:\n  - file: good.txt\n    title: Caf\xE9\n"), Check("{dir}/corpus"), 2,
       {"{dir}/corpus/sources.yaml:3: invalid UTF-8 at line 3"}});

  // ---- check --rules and --waivers -------------------------------------
  auto pack = [](const std::string& yaml) {
    return [yaml](const fs::path& d) {
      Write(d / "corpus" / "a.txt", Good());
      Write(d / "corpus" / "b.txt", Good(1958));
      Write(d / "pack" / "rules.yaml", yaml);
    };
  };
  const std::string with_pack = Check("{dir}/corpus --rules {dir}/pack");
  // Fixed: a "billion laughs" gave nine "unknown key" lines; read by a
  // merging reader, the fan-out below took 54 s and 17 GB for 180 KB.
  add({"CheckRulesBillionLaughs", pack(BillionLaughs("facts", 9)), with_pack, 2,
       {"{dir}/pack/rules.yaml:8:7: more than 1000000 YAML nodes, counting each alias"}});
  add({"CheckRulesAliasFanOut", pack(AliasFanOut(2000)), with_pack, 2,
       {"{dir}/pack/rules.yaml:2:3: more than 1000000 YAML nodes"}});
  // Fixed: the message was "rules.yaml:0:0: invalid node; ...".
  add({"CheckRulesAliasOfItself",
       pack("facts:\n  - &f\n    id: built\n    kind: year\n    near: [*f]\n"), with_pack, 2,
       {"{dir}/pack/rules.yaml:2:5: an alias refers to this node from inside it"}});
  add({"CheckRulesNestedPastTheReader", pack(Nested("facts", 1000)), with_pack, 2,
       {"{dir}/pack/rules.yaml:1:", "nested more than 500 levels deep (the YAML reader's limit)"}});
  add({"CheckRulesNestedPastTheLimit", pack(Nested("facts", 100)), with_pack, 2,
       {"{dir}/pack/rules.yaml:1:", "nested more than 64 levels deep (the limit)"}});
  add({"CheckRulesMapWhereAListBelongs", pack("facts: {id: built, kind: year}\n"), with_pack, 2,
       {"{dir}/pack/rules.yaml:1:8: facts must be a list"}});
  add({"CheckRulesMapWhereAStringBelongs", pack(Fact("    near: built\n    severity: {a: b}\n")),
       with_pack, 2, {"{dir}/pack/rules.yaml:5:15: severity must be a string"}});
  add({"CheckRulesBrokenSyntax", pack(Fact("    near: [unclosed\n")), with_pack, 2,
       {"{dir}/pack/rules.yaml:"}});
  add({"CheckRulesBadRegex", pack(Fact("    near: ['\\bbuilt(']\n")), with_pack, 2,
       {"{dir}/pack/rules.yaml:4:12: invalid pattern", "missing )"}});
  // Fixed: patterns that match everywhere were accepted.
  add({"CheckRulesEmptyTrigger", pack(Fact("    near: ''\n")), with_pack, 2,
       {"{dir}/pack/rules.yaml:4:11: pattern '' matches the empty text, so it matches everywhere"}});
  add({"CheckRulesDotStarBefore", pack(Fact("    before: '.*'\n")), with_pack, 2,
       {"{dir}/pack/rules.yaml:4:13: pattern '.*' matches the empty text"}});
  add({"CheckRulesOptionalTrigger", pack(Fact("    near: ['(?:built)?']\n")), with_pack, 2,
       {"{dir}/pack/rules.yaml:4:12: pattern '(?:built)?' matches the empty text"}});
  // Bounded: a trigger on any character fires near every value, at a cost
  // that grows with values times sentence length (sentences <= 4 KB).
  add({"CheckRulesAnyCharacterTriggerIsBounded",
       [](const fs::path& d) {
         Write(d / "corpus" / "a.txt", "Dam\n\n" + LongLine(60000) + "\n");
         Write(d / "corpus" / "b.txt", Good(1958));
         Write(d / "pack" / "rules.yaml", Fact("    near: '.'\n"));
       },
       with_pack + " --format md", 0, {}, nullptr});
  add({"CheckRulesPatternOverTheMemoryBudget", pack(Fact("    near: '\\pL{1000}\\pL{1000}'\n")),
       with_pack, 2,
       {"{dir}/pack/rules.yaml:4:11: invalid pattern", "over the limit of 8 MiB of RE2 memory "
                                                     "per pattern"}});
  add({"CheckRulesToleranceBeyondDouble",
       pack(Fact("    near: built\n    tolerance: {absolute: 1e400}\n")), with_pack, 2,
       {"{dir}/pack/rules.yaml:5:16: tolerance values must be numbers"}});
  // Fixed: .inf and .nan were accepted (.inf: every value agrees).
  add({"CheckRulesToleranceInfinite",
       pack(Fact("    near: built\n    tolerance: {absolute: .inf}\n")), with_pack, 2,
       {"{dir}/pack/rules.yaml:5:16: tolerance must be >= 0 (relative below 1) and finite"}});
  add({"CheckRulesToleranceNotANumber",
       pack(Fact("    near: built\n    tolerance: {relative: .nan}\n")), with_pack, 2,
       {"{dir}/pack/rules.yaml:5:16: tolerance must be >= 0 (relative below 1) and finite"}});
  add({"CheckRulesWindowBeyondDouble", pack(Fact("    near: built\n    window: 1e400\n")),
       with_pack, 2, {"{dir}/pack/rules.yaml:5:13: window must be a whole number"}});
  // Fixed: both hung (read until memory ran out; blocked on open).
  add({"CheckRulesDevZero", pack(""), Check("{dir}/corpus --rules /dev/zero"), 2,
       {"/dev/zero: not a regular file"}});
  add({"CheckRulesFifo",
       [](const fs::path& d) {
         Write(d / "corpus" / "a.txt", Good());
         ASSERT_EQ(mkfifo((d / "fifo.yaml").c_str(), 0644), 0);
       },
       Check("{dir}/corpus --rules {dir}/fifo.yaml"), 2, {"{dir}/fifo.yaml: not a regular file"}});
  add({"CheckRulesFileTooLarge",
       [](const fs::path& d) {
         Write(d / "corpus" / "a.txt", Good());
         Write(d / "pack" / "rules.yaml", Fact("    near: built\n") + "# " + LongLine(5 << 20) + "\n");
       },
       with_pack, 2, {"{dir}/pack/rules.yaml: rule file too large (", "limit 4194304)"}});
  add({"CheckRulesTooManyFacts",
       [](const fs::path& d) {
         Write(d / "corpus" / "a.txt", Good());
         std::string yaml = "facts:\n";
         for (int i = 0; i <= 2000; ++i)
           yaml += "  - {id: f" + std::to_string(i) + ", kind: year, near: built}\n";
         Write(d / "pack" / "rules.yaml", yaml);
       },
       with_pack, 2, {"{dir}/pack/rules.yaml:2002:5: more than 2000 facts in the packs (the limit)"}});
  // Fixed: yaml-cpp read UTF-16, and put NUL bytes into its messages.
  add({"CheckRulesUtf16", pack(Utf16Le(Fact("    near: built\n"))), with_pack, 2,
       {"{dir}/pack/rules.yaml:1: UTF-16 text is not supported"}});
  add({"CheckRulesNulByte", pack(Bytes("facts:\n  - id: f\0\n")), with_pack, 2,
       {"{dir}/pack/rules.yaml:2: binary file (NUL byte at line 2)"}});
  add({"CheckRulesInvalidUtf8", pack(Fact("    near: built\n    label: caf\xE9\n")), with_pack,
       2, {"{dir}/pack/rules.yaml:5: invalid UTF-8 at line 5"}});
  add({"CheckRulesMissing", pack(""), Check("{dir}/corpus --rules {dir}/nope"), 2,
       {"{dir}/nope: no such rule file or folder"}});
  add({"CheckWaiversMissing", pack(""), Check("{dir}/corpus --waivers {dir}/nope.yaml"), 2,
       {"{dir}/nope.yaml: cannot read waiver file"}});
  add({"CheckWaiversMapWhereAListBelongs",
       [](const fs::path& d) {
         Write(d / "corpus" / "a.txt", Good());
         Write(d / "w.yaml", "waivers: {finding: x}\n");
       },
       Check("{dir}/corpus --waivers {dir}/w.yaml"), 2,
       {"{dir}/w.yaml:1:1: a waiver file is a map with a 'waivers:' list"}});
  add({"CheckWaiversBrokenSyntax",
       [](const fs::path& d) {
         Write(d / "corpus" / "a.txt", Good());
         Write(d / "w.yaml", "waivers:\n  - finding: [x\n");
       },
       Check("{dir}/corpus --waivers {dir}/w.yaml"), 2, {"{dir}/w.yaml:3:"}});

  // Fixed: /dev/zero hung, and aliases were not counted (the rule files'
  // loader, shared since).
  add({"CheckWaiversDevZero",
       [](const fs::path& d) { Write(d / "corpus" / "a.txt", Good()); },
       Check("{dir}/corpus --waivers /dev/zero"), 2, {"/dev/zero: not a regular file"}});
  add({"CheckWaiversBillionLaughs",
       [](const fs::path& d) {
         Write(d / "corpus" / "a.txt", Good());
         Write(d / "w.yaml", BillionLaughs("waivers", 9));
       },
       Check("{dir}/corpus --waivers {dir}/w.yaml"), 2,
       {"{dir}/w.yaml:8:7: more than 1000000 YAML nodes, counting each alias"}});

  // ---- check --out past a file size limit --------------------------------
  // Fixed: SIGXFSZ killed the process (exit 153) without a word.
  add({"CheckOutPastTheFileSizeLimit",
       [](const fs::path& d) {
         Write(d / "corpus" / "a.txt", Good());
         Write(d / "corpus" / "b.txt", Good(1958));
       },
       // ulimit -f 4: 2,048 bytes, not room for the report (6 KB); what
       // check sets aside between its passes stays in memory (--spill-memory)
       "ulimit -f 4; " + Check("{dir}/corpus --out {dir}/report.json"), 2,
       {"cannot write {dir}/report.json.tmp"},
       [](const fs::path& d, const RunResult&) {
         EXPECT_FALSE(fs::exists(d / "report.json"));
         EXPECT_FALSE(fs::exists(d / "report.json.tmp"));
       }});

  // ---- explain -------------------------------------------------------------
  add({"ExplainInvalidUtf8",
       [](const fs::path& d) { Write(d / "latin1.txt", "Title\n\nCaf\xE9 line.\n"); },
       "{cc} explain latin1 {dir}/latin1.txt", 2, {"{dir}/latin1.txt:3: invalid UTF-8"}});
  add({"ExplainDeepHtml", [](const fs::path& d) { Write(d / "deep.html", DeepHtml(3000)); },
       "{cc} explain deep {dir}/deep.html", 2, {"{dir}/deep.html:1: HTML elements nested"}});

  // ---- run -----------------------------------------------------------------
  // A failed run leaves an unfinished run row (as a killed one does) and
  // only whole articles; the rerun after the fix completes.
  add({"RunMissingInbox", nullptr, RunCmd("--inbox {dir}/nope"), 2,
       {"{dir}/nope: no such file or directory"},
       [](const fs::path& d, const RunResult&) {
         ExpectWholeStore(d / "s.db", 0);
         EXPECT_EQ(ReadStore(d / "s.db").finished_runs, 0);
         Write(d / "nope" / "a.txt", Good());
         const RunResult again = Exec(d, RunCmd("--inbox {dir}/nope"), "rerun");
         EXPECT_EQ(again.exit_code, 0) << again.err;
         ExpectWholeStore(d / "s.db", 1);
       }});
  add({"RunBadFilesInTheInbox",
       [](const fs::path& d) {
         const fs::path in = d / "inbox";
         Write(in / "good.txt", Good());
         Write(in / "latin1.txt", "Title\n\nCaf\xE9 line.\n");
         Write(in / "u16.txt", Utf16Le(Good()));
         Write(in / "nul.txt", Bytes("T\n\nx\0y\n"));
         Write(in / "empty.txt", "");
         Write(in / "long.txt", "T\n\n" + LongLine(70000) + "\n");
         Write(in / "deep.html", DeepHtml(2000));
         const std::string third = Jsonl("c", Good(1958));
         Write(in / "feed.jsonl", Jsonl("a", Good(1958)) + third.substr(0, 30));
       },
       RunCmd("--inbox {dir}/inbox"), 0,
       {"{dir}/inbox/latin1.txt:3: invalid UTF-8", "{dir}/inbox/u16.txt:1: UTF-16",
        "{dir}/inbox/nul.txt:3: binary file", "{dir}/inbox/empty.txt: empty file",
        "{dir}/inbox/long.txt:3: line 3 is 70000 bytes long",
        "{dir}/inbox/deep.html:1: HTML elements nested", "{dir}/inbox/feed.jsonl:2: invalid JSON"},
       [](const fs::path& d, const RunResult& r) {
         ExpectWholeStore(d / "s.db", 2);  // good.txt and the first JSONL line
         EXPECT_EQ(Json::parse(r.out)["articles"]["stored"], 2);
         // Fixed and rerun: the rest is added; nothing is analysed twice.
         Write(d / "inbox" / "latin1.txt", "Title\n\nCafe line, built in 1990.\n");
         Write(d / "inbox" / "feed.jsonl", Jsonl("a", Good(1958)) + Jsonl("c", Good(1957)));
         const RunResult again = Exec(d, RunCmd("--inbox {dir}/inbox"), "rerun");
         ASSERT_EQ(again.exit_code, 0) << again.err;
         EXPECT_EQ(Json::parse(again.out)["articles"]["analysed"], 2);
         ExpectWholeStore(d / "s.db", 4);
       }});
  add({"RunBadFileNamedDirectly",
       [](const fs::path& d) {
         Write(d / "inbox" / "good.txt", Good());
         Write(d / "bad.txt", "Title\n\nCaf\xE9 line.\n");
       },
       RunCmd("--inbox {dir}/inbox --inbox {dir}/bad.txt"), 2,
       {"error: {dir}/bad.txt:3: invalid UTF-8"},
       [](const fs::path& d, const RunResult&) {
         ExpectWholeStore(d / "s.db", 1);
         Write(d / "bad.txt", "Title\n\nThe Brenna Dam, built in 1958.\n");
         const RunResult again =
             Exec(d, RunCmd("--inbox {dir}/inbox --inbox {dir}/bad.txt"), "rerun");
         EXPECT_EQ(again.exit_code, 0) << again.err;
         ExpectWholeStore(d / "s.db", 2);
       }});
  add({"RunManifestTraversal",
       [](const fs::path& d) {
         Write(d / "secret.txt", Good(1958));
         Write(d / "inbox" / "good.txt", Good());
         Write(d / "inbox" / "sources.yaml", "articles:\n  - file: good.txt\n  - file: ../secret.txt\n");
       },
       RunCmd("--inbox {dir}/inbox"), 2,
       {"{dir}/inbox/sources.yaml:3:11: 'file' must name a file inside the folder"},
       [](const fs::path& d, const RunResult&) {
         ExpectWholeStore(d / "s.db", 0);
         Write(d / "inbox" / "sources.yaml", "articles:\n  - file: good.txt\n");
         const RunResult again = Exec(d, RunCmd("--inbox {dir}/inbox"), "rerun");
         EXPECT_EQ(again.exit_code, 0) << again.err;
         ExpectWholeStore(d / "s.db", 1);
       }});
  add({"RunTruncatedJsonl",
       [](const fs::path& d) {
         const std::string third = Jsonl("c", Good(1957));
         Write(d / "inbox" / "feed.jsonl", Jsonl("a", Good()) + Jsonl("b", Good(1958)) +
                                               third.substr(0, third.size() - 12));
       },
       RunCmd("--inbox {dir}/inbox"), 0, {"warning: {dir}/inbox/feed.jsonl:3: invalid JSON"},
       [](const fs::path& d, const RunResult&) {
         ExpectWholeStore(d / "s.db", 2);
         // The writer finishes the line: the next run adds it.
         Write(d / "inbox" / "feed.jsonl",
               Jsonl("a", Good()) + Jsonl("b", Good(1958)) + Jsonl("c", Good(1957)));
         const RunResult again = Exec(d, RunCmd("--inbox {dir}/inbox"), "rerun");
         EXPECT_EQ(again.exit_code, 0) << again.err;
         ExpectWholeStore(d / "s.db", 3);
       }});
  add({"RunHundredMegabyteJsonlLine",
       [](const fs::path& d) {
         Write(d / "inbox" / "feed.jsonl", Jsonl("a", Good()) + LongJsonl("big", 100 << 20));
       },
       RunCmd("--inbox {dir}/inbox"), 0, {"warning: {dir}/inbox/feed.jsonl:2: line too large"},
       [](const fs::path& d, const RunResult&) { ExpectWholeStore(d / "s.db", 1); }});
  add({"RunHundredMegabyteLineNamedDirectly",
       [](const fs::path& d) { Write(d / "big.txt", "T\n\n" + LongLine(100 << 20) + "\n"); },
       RunCmd("--inbox {dir}/big.txt"), 2, {"error: {dir}/big.txt: file too large ("},
       [](const fs::path& d, const RunResult&) { ExpectWholeStore(d / "s.db", 0); }});
  add({"RunRulesBomb",
       [](const fs::path& d) {
         Write(d / "inbox" / "a.txt", Good());
         Write(d / "pack" / "rules.yaml", AliasFanOut(2000));
       },
       RunCmd("--inbox {dir}/inbox --rules {dir}/pack"), 2,
       {"{dir}/pack/rules.yaml:2:3: more than 1000000 YAML nodes"},
       [](const fs::path& d, const RunResult&) {
         EXPECT_FALSE(fs::exists(d / "s.db")) << "the rules are read before the store opens";
       }});
  add({"RunStoreThatIsNotSqlite",
       [](const fs::path& d) {
         Write(d / "inbox" / "a.txt", Good());
         Write(d / "s.db", "name,value\nnot,a database\n");
       },
       RunCmd("--inbox {dir}/inbox"), 2,
       {"store {dir}/s.db: is not an SQLite database (it holds something else); left untouched"},
       [](const fs::path& d, const RunResult&) {
         EXPECT_EQ(ReadAll(d / "s.db"), "name,value\nnot,a database\n");
         EXPECT_FALSE(fs::exists(d / "s.db-wal"));
       }});
  add({"RunStoreCutShort",
       [](const fs::path& d) {
         Write(d / "inbox" / "a.txt", Good());
         const RunResult made = Exec(d, RunCmd("--inbox {dir}/inbox"), "make_store");
         ASSERT_EQ(made.exit_code, 0) << made.err;
         fs::resize_file(d / "s.db", fs::file_size(d / "s.db") / 2);
       },
       RunCmd("--inbox {dir}/inbox"), 2, {"store {dir}/s.db: ", "malformed"}});
  add({"RunStoreThatIsAFolder", [](const fs::path& d) { Write(d / "inbox" / "a.txt", Good()); },
       "{cc} run --store {dir}/inbox --inbox {dir}/inbox", 2,
       {"store {dir}/inbox: is a folder, not a store file"}});
  add({"RunStoreInAMissingFolder", [](const fs::path& d) { Write(d / "inbox" / "a.txt", Good()); },
       "{cc} run --store {dir}/nope/s.db --inbox {dir}/inbox", 2,
       {"store {dir}/nope/s.db: folder {dir}/nope does not exist"}});
  add({"RunUnreadableStore",
       [](const fs::path& d) {
         Write(d / "inbox" / "a.txt", Good());
         const RunResult made = Exec(d, RunCmd("--inbox {dir}/inbox"), "make_store");
         ASSERT_EQ(made.exit_code, 0) << made.err;
         fs::permissions(d / "s.db", fs::perms::none);
         fs::permissions(d, fs::perms::all);
       },
       RunCmd("--inbox {dir}/inbox"), 2,
       {"store {dir}/s.db: cannot read the file: Permission denied"}, nullptr, true});
  add({"RunUnreadableInboxFile",
       [](const fs::path& d) {
         Write(d / "inbox" / "good.txt", Good());
         Write(d / "inbox" / "locked.txt", Good(1958));
         fs::permissions(d / "inbox" / "locked.txt", fs::perms::none);
         fs::permissions(d, fs::perms::all);  // nobody writes the store here
       },
       RunCmd("--inbox {dir}/inbox"), 0,
       {"warning: {dir}/inbox/locked.txt: cannot open: Permission denied"},
       [](const fs::path& d, const RunResult&) { ExpectWholeStore(d / "s.db", 1); }, true});
  add({"RunSymlinkLoopInTheInbox",
       [](const fs::path& d) {
         Write(d / "inbox" / "a.txt", Good());
         fs::create_directory_symlink(".", d / "inbox" / "self");
         fs::create_directory_symlink("../inbox", d / "inbox" / "up");
       },
       RunCmd("--inbox {dir}/inbox"), 0, {},
       [](const fs::path& d, const RunResult&) { ExpectWholeStore(d / "s.db", 1); }});

  // ---- watch ---------------------------------------------------------------
  add({"WatchMissingFolder", nullptr, "{cc} watch {dir}/nope --store {dir}/s.db", 2,
       {"{dir}/nope: not a folder"},
       [](const fs::path& d, const RunResult&) { EXPECT_FALSE(fs::exists(d / "s.db")); }});
  // Each run of the watch reports the broken manifest; SIGTERM ends it.
  add({"WatchBrokenManifest",
       [](const fs::path& d) {
         Write(d / "inbox" / "good.txt", Good());
         Write(d / "inbox" / "sources.yaml", "articles:\n  - file: /etc/hostname\n");
       },
       "timeout --preserve-status -s TERM 3 {cc} watch {dir}/inbox --store {dir}/s.db",
       0, {"{dir}/inbox/sources.yaml:2:11: 'file' must name a file inside the folder"},
       [](const fs::path& d, const RunResult&) { ExpectWholeStore(d / "s.db", 0); }});

  // ---- review --------------------------------------------------------------
  add({"ReviewStoreThatIsNotSqlite",
       [](const fs::path& d) { Write(d / "s.db", std::string(100, 'x')); },
       "{cc} review x --store {dir}/s.db --status confirmed --by ed", 2,
       {"store {dir}/s.db: is not an SQLite database"}});
  add({"ReviewStoreInAMissingFolder", nullptr,
       "{cc} review x --store {dir}/nope/s.db --status confirmed --by ed", 2,
       {"store {dir}/nope/s.db: folder {dir}/nope does not exist"}});
  add({"ReviewUnknownFinding",
       [](const fs::path& d) {
         Write(d / "inbox" / "a.txt", Good());
         Write(d / "inbox" / "b.txt", Good(1958));
         const RunResult made = Exec(d, RunCmd("--inbox {dir}/inbox"), "make_store");
         ASSERT_EQ(made.exit_code, 0) << made.err;
       },
       "{cc} review nope --store {dir}/s.db --status confirmed --by ed", 2,
       {"no finding 'nope' in run 1 of {dir}/s.db"},
       [](const fs::path& d, const RunResult&) { EXPECT_EQ(ReadStore(d / "s.db").reviews, 0); }});

  // ---- values (standard input) ----------------------------------------------
  auto stdin_file = [](const std::string& bytes) {
    return [bytes](const fs::path& d) { Write(d / "in", bytes); };
  };
  // Fixed: --text read any bytes (exit 0).
  add({"ValuesTextInvalidUtf8", stdin_file("Line one.\nCaf\xE9 1962\n"),
       "{cc} values --text < {dir}/in", 2,
       {"<stdin>:2: invalid UTF-8 at line 2, column 4 (byte 0xE9)"}});
  add({"ValuesTextNulBytes", stdin_file(Bytes("In 1962\0 x\n")),
       "{cc} values --text < {dir}/in", 2, {"<stdin>:1: binary file (NUL byte at line 1)"}});
  add({"ValuesTextUtf16", stdin_file(Utf16Le("In 1962.\n")), "{cc} values --text < {dir}/in",
       2, {"<stdin>:1: UTF-16 text is not supported"}});
  add({"ValuesTextEmptyIsNothing", stdin_file(""), "{cc} values --text < {dir}/in", 0, {}});
  add({"ValuesTextReferenceFebruary30", stdin_file("Last year.\n"),
       "{cc} values --text --reference 2023-02-30 < {dir}/in", 2,
       {"--reference 2023-02-30: not a date"}});
  add({"ValuesJsonlTruncated",
       stdin_file("{\"id\":\"a\",\"text\":\"In 1962.\"}\n{\"id\":\"b\",\"text\":\"In 1958.\"}\n"
                  "{\"id\":\"c\",\"text\":\"In 19"),
       "{cc} values --jsonl < {dir}/in", 2, {"stdin:3: invalid JSON"},
       [](const fs::path&, const RunResult& r) {
         std::istringstream lines(r.out);
         std::string line;
         int n = 0;
         while (std::getline(lines, line)) {
           EXPECT_NO_THROW(Json::parse(line)) << line;
           ++n;
         }
         EXPECT_EQ(n, 3);
       }});
  add({"ValuesJsonlReferenceMonth13",
       stdin_file("{\"id\":\"a\",\"text\":\"last year\",\"reference\":\"2023-13-45\"}\n"),
       "{cc} values --jsonl < {dir}/in", 2, {"stdin:1: \"reference\" is not a date"}});
  add({"ValuesJsonlNumbersBeyondDouble",
       stdin_file("{\"id\":\"a\",\"text\":\"" + std::string(400, '9') + " people, $" +
                  std::string(400, '9') + ", 1e400 km and February 30, 2023\"}\n"),
       "{cc} values --jsonl < {dir}/in", 0, {},
       [](const fs::path&, const RunResult& r) {
         // None of them is a value: numbers beyond a double are no
         // numbers (not "about inf"), and February has no 30th.
         const Json line = Json::parse(r.out);
         EXPECT_EQ(line["id"], "a");
         EXPECT_TRUE(line["values"].empty()) << r.out;
         EXPECT_EQ(r.out.find("-02-30"), std::string::npos);
       }});

  // ---- fuse ------------------------------------------------------------------
  auto claims = [](const std::string& bytes) {
    return [bytes](const fs::path& d) { Write(d / "claims.tsv", bytes); };
  };
  const std::string fuse = "{cc} fuse --input {dir}/claims.tsv --format json";
  add({"FuseMissingInput", nullptr, fuse, 2,
       {"cannot read {dir}/claims.tsv: no such file or directory"}});
  add({"FuseFolderAsInput", [](const fs::path& d) { fs::create_directories(d / "claims.tsv"); },
       fuse, 2, {"{dir}/claims.tsv: not a regular file (a folder)"}});
  // Fixed: binary, UTF-16 and invalid UTF-8 were read as claims.
  add({"FuseNulBytes", claims(Bytes("s1\ti\t1\ns2\ti\t2\0\n")), fuse, 2,
       {"{dir}/claims.tsv:2: binary file (NUL byte at line 2)"}});
  add({"FuseInvalidUtf8", claims("s1\ti\t1\ns2\ti\t\xFF\xFE\n"), fuse, 2,
       {"{dir}/claims.tsv:2: invalid UTF-8"}});
  add({"FuseUtf16", claims(Utf16Le("s1\ti\t1\n")), fuse, 2,
       {"{dir}/claims.tsv:1: UTF-16 text is not supported"}});
  add({"FuseTruncatedLastLine", claims("s1\ti\t1\ns2\ti\t2\ns3\ti"), fuse, 2,
       {"{dir}/claims.tsv:3: expected 3"}});
  add({"FuseNumbersBeyondDouble",
       claims("s1\ti\t1e400\ns2\ti\t" + std::string(400, '9') + "\ns3\ti\t5\ns4\tj\t-1e400\n"),
       fuse, 0, {},
       [](const fs::path&, const RunResult& r) { EXPECT_NO_THROW(Json::parse(r.out)); }});

  // ---- rules lint / test -------------------------------------------------------
  add({"RulesLintAliasFanOut", pack(AliasFanOut(2000)), "{cc} rules lint {dir}/pack", 2,
       {"{dir}/pack/rules.yaml:2:3: more than 1000000 YAML nodes"}});
  add({"RulesLintDevZero", nullptr, "{cc} rules lint /dev/zero", 2,
       {"/dev/zero: not a regular file"}});
  add({"RulesTestNestedTooDeep", pack(Nested("facts", 1000)), "{cc} rules test {dir}/pack", 2,
       {"{dir}/pack/rules.yaml:1:", "nested more than 500 levels deep"}});
  add({"RulesTestMissing", nullptr, "{cc} rules test {dir}/nope", 2,
       {"{dir}/nope: no such rule file or folder"}});
  return rows;
}

class BadInputMatrixTest : public testing::TestWithParam<Row> {
 protected:
  void SetUp() override {
    dir_ = TempDir("bad_input_" + GetParam().name + "_" + std::to_string(getpid()));
    // Nobody (the unprivileged rows) reads what the test writes here.
    fs::permissions(dir_, fs::perms::owner_all | fs::perms::group_read |
                              fs::perms::group_exec | fs::perms::others_read |
                              fs::perms::others_exec);
  }
  void TearDown() override {
    // Modes of 000 would stop remove_all for a user other than root.
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir_, fs::directory_options::none, ec), end;
         !ec && it != end; it.increment(ec)) {
      if (!it->is_symlink()) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

TEST_P(BadInputMatrixTest, ExitCodeMessageAndNothingStoredHalf) {
  const Row& row = GetParam();
  std::string prefix;
  if (row.unprivileged) {
    const std::optional<std::string> as_nobody = UnprivilegedPrefix();
    if (!as_nobody)
      GTEST_SKIP() << "running as root and cannot drop to nobody (setpriv): a mode of 000 "
                      "does not stop root, so this row cannot be tested here";
    prefix = *as_nobody;
  }
  if (row.setup) {
    row.setup(dir_);
    if (HasFatalFailure()) return;
  }
  const RunResult r = Exec(dir_, row.command, row.name, prefix);
  SCOPED_TRACE(Expand(row.command, dir_));
  ExpectNoCrash(r);
  EXPECT_EQ(r.exit_code, row.exit_code) << r.err.substr(0, 4000);
  for (const std::string& want : row.err_has) {
    const std::string expanded = Expand(want, dir_);
    EXPECT_NE(r.err.find(expanded), std::string::npos)
        << "stderr lacks: " << expanded << "\nstderr:\n" << r.err.substr(0, 4000);
  }
  if (row.verify) row.verify(dir_, r);
  // The matrix as the note lists it: row, exit code, first line of stderr.
  std::string said = r.err.substr(0, r.err.find('\n'));
  said = Replace(said, dir_.string() + "/", "");
  if (said.size() > 160) said = said.substr(0, 157) + "...";
  std::cout << "matrix: " << row.name << " | exit " << r.exit_code << " | " << said << "\n";
}

// "BadInput": --gtest_filter='BadInput*' runs the matrix and the full disk.
INSTANTIATE_TEST_SUITE_P(BadInput, BadInputMatrixTest, testing::ValuesIn(Rows()),
                         [](const testing::TestParamInfo<Row>& info) { return info.param.name; });

// A count beyond the range of a double ("some 999...9", 400 digits) once
// became infinity, was shown as "about inf" and agreed with "about 3,000".
// It is no number now.
TEST(BadInputNumberTest, CountBeyondDoubleRangeIsNoClaimOfInfinity) {
  const fs::path dir = TempDir("bad_input_open_" + std::to_string(getpid()));
  Write(dir / "a.txt", "Dam report\n\nSome " + std::string(400, '9') +
                           " residents were evacuated from Castelnor.\n");
  Write(dir / "b.txt", "Dam news\n\nAbout 3,000 residents were evacuated from Castelnor.\n");
  const RunResult r = Shell(Cc() + " check " + dir.string(), "open_" + std::to_string(getpid()));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("inf\""), std::string::npos) << r.out;
  const Json report = Json::parse(r.out);  // not a temporary under the loop
  for (const Json& f : report["facts"]) EXPECT_NE(f["status"], "agreement") << f.dump();
}

// ---- a full disk during `run` (acceptance 4) ------------------------------------

// Article `i` of a story whose outlets disagree on the dam's year and on how
// many were evacuated; each has its own filler, so none is a copy.
std::string Story(int i) {
  static const char* kWords[] = {
      "river",   "valley", "council", "storm",  "bridge", "market", "engineer", "office",
      "report",  "water",  "crowd",   "road",   "field",  "season", "harvest",  "village",
      "teacher", "school", "doctor",  "clinic", "ferry",  "harbour", "station", "train",
      "morning", "evening", "weather", "forest", "meadow", "garden", "square",  "tower",
      "mayor",   "farmer", "painter", "baker",  "choir",  "library", "museum", "stadium"};
  std::mt19937 random(1000 + i);
  std::uniform_int_distribution<size_t> pick(0, std::size(kWords) - 1);
  std::string text = "Dam report number " + std::to_string(i) + "\n\nBy Reporter " +
                     std::to_string(i) + "\n\nCASTELNOR - The Brenna Dam, built in " +
                     std::to_string(i % 3 == 0 ? 1958 : 1962) +
                     ", holds water above the town.\n\nAbout " +
                     (i % 4 == 0 ? "3,000" : "2,000") +
                     " residents were evacuated from Castelnor, the emergency office said.\n\n";
  for (int p = 0; p < 6; ++p) {
    for (int s = 0; s < 5; ++s) {
      std::string sentence = "The";
      for (int w = 0; w < 12; ++w) sentence += std::string(" ") + kWords[pick(random)];
      text += sentence + ". ";
    }
    text += "\n\n";
  }
  return text;
}


class BadInputFullDiskTest : public testing::Test {
 protected:
  static constexpr int kFirst = 10, kAll = 40;

  void SetUp() override {
    dir_ = TempDir("bad_input_full_disk_" +
                   std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) +
                   "_" + std::to_string(getpid()));
    for (int i = 0; i < kAll; ++i)
      Write(dir_ / (i < kFirst ? "first" : "second") / ("story-" + std::to_string(i) + ".txt"),
            Story(i));
    // The reference: the two batches, uninterrupted.
    const fs::path reference = dir_ / "reference.db";
    ASSERT_EQ(RunOn(reference, "first", "", "ref1").exit_code, 0);
    const RunResult second = RunOn(reference, "second", "--report " + (dir_ / "ref.json").string(),
                                   "ref2");
    ASSERT_EQ(second.exit_code, 0) << second.err;
    expected_ = Contradictions(Json::parse(ReadAll(dir_ / "ref.json")));
    ASSERT_FALSE(expected_.empty()) << "the story must contradict itself";
    // The store before the full disk: the first batch, and a review.
    base_ = dir_ / "base.db";
    ASSERT_EQ(RunOn(base_, "first", "", "base").exit_code, 0);
    const RunResult review =
        Shell(Cc() + " review " + expected_.begin()->first + " --store " + base_.string() +
                  " --status confirmed --by ed",
              "review_" + std::to_string(getpid()));
    ASSERT_EQ(review.exit_code, 0) << review.err;
    before_ = ReadStore(base_);
    ASSERT_EQ(before_.articles, kFirst);
  }

  void TearDown() override {
    std::error_code ec;  // a tmpfs still mounted (a failed umount) stays
    fs::remove_all(dir_, ec);
  }

  // `run` of the inboxes up to `batch` ("first": the first; "second": both).
  RunResult RunOn(const fs::path& store, const std::string& batch, const std::string& extra,
                  const std::string& name, const std::string& prefix = "") {
    std::string inbox = " --inbox " + (dir_ / "first").string();
    if (batch == "second") inbox += " --inbox " + (dir_ / "second").string();
    return Shell(prefix + "timeout -k 5 300 " + Cc() + " run --store " + store.string() + inbox +
                     " --format json " + extra,
                 name + "_" + std::to_string(getpid()));
  }

  // After a failed run: the file is sound, the first run and the review are
  // there, nothing committed is lost, and what the failed run committed is
  // whole. Returns the state.
  StoreState ExpectKept(const fs::path& store) {
    const StoreState s = ReadStore(store);
    EXPECT_EQ(s.integrity, "ok");
    EXPECT_GE(s.articles, before_.articles);
    EXPECT_GE(s.extracts, before_.extracts);
    EXPECT_GE(s.finished_runs, before_.finished_runs);
    EXPECT_EQ(s.reviews, before_.reviews);
    EXPECT_EQ(s.articles - s.unanalysed, s.extracts) << "an analysed article without extract";
    return s;
  }

  // The rerun without the limit completes and ends as the reference did.
  void ExpectRerunCompletes(const fs::path& store, const std::string& name) {
    const RunResult rerun =
        RunOn(store, "second", "--report " + (dir_ / (name + ".json")).string(), name);
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_EQ(Json::parse(rerun.out)["articles"]["stored"], kAll);
    ExpectWholeStore(store, kAll);
    EXPECT_EQ(Contradictions(Json::parse(ReadAll(dir_ / (name + ".json")))), expected_);
    EXPECT_EQ(ReadStore(store).reviews, before_.reviews);
  }

  fs::path dir_, base_;
  Sides expected_;
  StoreState before_;
};

// A file size limit (ulimit -f, in 512-byte blocks; SIGXFSZ at its
// default: crosscheck ignores it and sees EFBIG) at several sizes: writes
// fail while adding articles, while saving extracts, while saving findings.
TEST_F(BadInputFullDiskTest, FileSizeLimitMidRunKeepsTheStoreAndTheRerunCompletes) {
  int failed = 0, failed_after_new_extracts = 0;
  for (const int blocks : {80, 256, 1024, 1536, 2048, 2560, 3072, 4096, 6144}) {
    SCOPED_TRACE("ulimit -f " + std::to_string(blocks));
    const fs::path store = dir_ / ("limited-" + std::to_string(blocks) + ".db");
    fs::copy_file(base_, store);
    const RunResult r = RunOn(store, "second", "", "limited",
                              "ulimit -f " + std::to_string(blocks) + "; ");
    ExpectNoCrash(r);
    if (r.exit_code == 0) continue;  // the limit was enough
    ++failed;
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("store " + store.string() + ": "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("file size limit (ulimit -f) " + std::to_string(blocks * 512) +
                         " bytes"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("what was committed before is kept"), std::string::npos) << r.err;
    const StoreState kept = ExpectKept(store);
    if (kept.extracts > before_.extracts) ++failed_after_new_extracts;
    std::cout << "ulimit -f " << blocks << ": failed with " << kept.articles << " articles, "
              << kept.extracts << " extracts kept: " << r.err;
    ExpectRerunCompletes(store, "rerun-" + std::to_string(blocks));
  }
  EXPECT_GE(failed, 3) << "the limits must make most runs fail";
  EXPECT_GE(failed_after_new_extracts, 1) << "one run must fail after committing new extracts";
}

// A small tmpfs, really full (ENOSPC); then remounted larger for the rerun.
// Needs root (or CAP_SYS_ADMIN) to mount.
TEST_F(BadInputFullDiskTest, FullTmpfsMidRunKeepsTheStoreAndTheRerunCompletes) {
  const uintmax_t base_size = fs::file_size(base_);
  int failed = 0;
  for (const uintmax_t spare_kb : {64, 160, 800, 1200}) {
    SCOPED_TRACE("tmpfs with " + std::to_string(spare_kb) + " KB to spare");
    const fs::path mnt = dir_ / ("tmpfs-" + std::to_string(spare_kb));
    fs::create_directories(mnt);
    const uintmax_t size_kb = base_size / 1024 + spare_kb;
    if (std::system(("mount -t tmpfs -o size=" + std::to_string(size_kb) + "k tmpfs " +
                     mnt.string() + " 2>/dev/null")
                        .c_str()) != 0)
      GTEST_SKIP() << "cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN); the file size "
                      "limit test covers a full disk";
    struct Unmount {
      fs::path at;
      ~Unmount() { (void)std::system(("umount " + at.string() + " 2>/dev/null").c_str()); }
    } unmount{mnt};
    const fs::path store = mnt / "s.db";
    fs::copy_file(base_, store);
    const RunResult r = RunOn(store, "second", "", "tmpfs");
    ExpectNoCrash(r);
    if (r.exit_code == 0) continue;
    ++failed;
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("store " + store.string() + ": "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("disk is full"), std::string::npos) << r.err;
    const StoreState kept = ExpectKept(store);
    std::cout << "tmpfs +" << spare_kb << " KB: failed with " << kept.articles << " articles, "
              << kept.extracts << " extracts kept\n";
    ASSERT_EQ(std::system(("mount -o remount,size=64m " + mnt.string()).c_str()), 0);
    ExpectRerunCompletes(store, "tmpfs-rerun-" + std::to_string(spare_kb));
  }
  EXPECT_GE(failed, 1);
}

// ---- check's temporary file between its two passes -------------------------------

// `check` sets the analysed articles aside beyond --spill-memory in an
// unlinked file in $TMPDIR (engine/checker/checker.cc): nothing stays
// behind, and a TMPDIR it cannot use (missing, or too small: here a file
// size limit) is an error that names the folder and leaves an earlier
// report at --out as it was. --spill-memory 0 sends everything to the file.
TEST(BadInputCheckTempTest, TemporaryFileLeavesNothingAndItsFailuresNameTheFolder) {
  const fs::path dir = TempDir("check_temp_" + std::to_string(getpid()));
  const fs::path in = dir / "in", tmp = dir / "tmp", out = dir / "report.json";
  for (int i = 0; i < 40; ++i) Write(in / ("story-" + std::to_string(i) + ".txt"), Story(i));
  fs::create_directories(tmp);
  const std::string check = Cc() + " check " + Quote(in.string()) +
                            " --format json --jobs 2 --spill-memory 0 --out " +
                            Quote(out.string());

  const RunResult ok = Shell("TMPDIR=" + Quote(tmp.string()) + " " + check, "check_temp_ok");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  const std::string report = ReadAll(out);
  ASSERT_FALSE(Contradictions(Json::parse(report)).empty());
  EXPECT_TRUE(fs::is_empty(tmp)) << "the temporary file must not outlive the run";

  const fs::path missing = dir / "no-such-folder";
  const RunResult gone = Shell("TMPDIR=" + Quote(missing.string()) + " " + check, "check_temp_gone");
  ExpectNoCrash(gone);
  EXPECT_EQ(gone.exit_code, 2) << gone.err;
  EXPECT_NE(gone.err.find("cannot make a temporary file in " + missing.string() + ": No such file"),
            std::string::npos)
      << gone.err;
  EXPECT_EQ(ReadAll(out), report) << "a failed check must leave the earlier report";

  // 40 articles set aside take well over 16 KiB (ulimit -f counts 512-byte
  // blocks): the write fails with EFBIG, SIGXFSZ being ignored.
  const RunResult full =
      Shell("ulimit -f 32; TMPDIR=" + Quote(tmp.string()) + " " + check, "check_temp_full");
  ExpectNoCrash(full);
  EXPECT_EQ(full.exit_code, 2) << full.err;
  EXPECT_NE(full.err.find("cannot write to the temporary file in " + tmp.string() +
                          ": File too large"),
            std::string::npos)
      << full.err;
  EXPECT_EQ(ReadAll(out), report);
  EXPECT_TRUE(fs::is_empty(tmp));
}


// ---- libpq, loaded only for a PostgreSQL store -----------------------------------

// The file libpq.so.5 this test binary has mapped (it links libpq for its
// admin connections), or "" when there is none.
std::string MappedLibPq() {
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    const size_t at = line.find('/');
    if (at != std::string::npos && line.find("/libpq.so.5", at) != std::string::npos)
      return line.substr(at);
  }
  return "";
}

// crosscheck does not link libpq (engine/store/libpq.h): with libpq made
// unreadable (an empty file bound over it in a private mount namespace),
// `check` still runs, and a PostgreSQL store is an error that names the
// library and its Debian package. Needs root (or CAP_SYS_ADMIN) for the
// namespace.
TEST(BadInputLibPqTest, WithoutLibpqCheckRunsAndAPostgresStoreSaysWhatIsMissing) {
  const std::string libpq = MappedLibPq();
  ASSERT_FALSE(libpq.empty()) << "the test binary links libpq";
  const fs::path dir = TempDir("nolibpq_" + std::to_string(getpid()));
  auto without_libpq = [&](const std::string& command, const std::string& name) {
    return Shell("unshare -m sh -c " +
                     Quote("mount --bind /dev/null " + Quote(libpq) + " || exit 97; " + command),
                 name);
  };
  const std::string check = Cc() + " check " + Quote((SourceDir() / "examples" / "corpus").string()) +
                            " --format json --jobs 1";
  const RunResult checked = without_libpq(check, "nolibpq_check");
  if (checked.exit_code == 97 || checked.err.find("unshare") != std::string::npos)
    GTEST_SKIP() << "cannot make a mount namespace here (needs root): " << checked.err;
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_EQ(checked.out, Crosscheck(check.substr(Cc().size() + 1), "with_libpq_check").out);

  const RunResult stored = without_libpq(
      Cc() + " run --inbox " + Quote((SourceDir() / "examples" / "corpus").string()) +
          " --store 'postgresql://postgres@/none?host=" + dir.string() + "&port=5999'",
      "nolibpq_run");
  EXPECT_EQ(stored.exit_code, 2) << stored.err;
  EXPECT_NE(stored.err.find("cannot load libpq.so.5"), std::string::npos) << stored.err;
  EXPECT_NE(stored.err.find("libpq5"), std::string::npos) << stored.err;
  // The same run with libpq gets as far as connecting.
  const RunResult connecting = Crosscheck(
      "run --inbox " + Quote((SourceDir() / "examples" / "corpus").string()) +
          " --store 'postgresql://postgres@/none?host=" + dir.string() + "&port=5999'",
      "with_libpq_run");
  EXPECT_EQ(connecting.exit_code, 2);
  EXPECT_NE(connecting.err.find("cannot connect"), std::string::npos) << connecting.err;
}


}  // namespace
}  // namespace e2e
}  // namespace crosscheck
