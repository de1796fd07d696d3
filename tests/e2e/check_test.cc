// End to end: the crosscheck binary on real corpora, and on bad input.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_util.h"
#include <set>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

using namespace crosscheck::e2e;  // NOLINT: test helpers

fs::path Albania() { return SharedDir() / "corpus" / "albania-2022"; }

std::string Python() {
  return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

// source -> value display, for one fact.
std::map<std::string, std::set<std::string>> SidesOf(const Json& fact) {
  std::map<std::string, std::set<std::string>> sides;
  for (const Json& v : fact["values"])
    for (const Json& c : v["claims"])
      sides[v["display"].get<std::string>()].insert(c["source"].get<std::string>());
  return sides;
}

const Json* FindFact(const Json& report, const std::string& key) {
  for (const Json& f : report["facts"])
    if (f["key"] == key) return &f;
  return nullptr;
}

class AlbaniaTest : public testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(Albania() / "expected.yaml"))
      GTEST_SKIP() << "no ../shared/corpus/albania-2022 beside the repository";
  }
};

TEST_F(AlbaniaTest, ReportMatchesExpectedFindings) {
  const fs::path dir = TempDir("albania");
  const fs::path report = dir / "report.json";
  RunResult run = Crosscheck("check " + Quote(Albania().string()) +
                           " --format json --out " + Quote(report.string()),
                       "albania");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  RunResult eval = Shell(Python() + " " +
                       Quote((SharedDir() / "tools" / "eval_report.py").string()) +
                       " " + Quote(report.string()) + " " +
                       Quote((Albania() / "expected.yaml").string()) +
                       " --max-unexpected 1 --need-copies",
                   "albania_eval");
  EXPECT_EQ(eval.exit_code, 0) << eval.out << eval.err;
  EXPECT_NE(eval.out.find("found 4/4 contradictions"), std::string::npos) << eval.out;
}

TEST_F(AlbaniaTest, SidesAndSpeakersAreRight) {
  RunResult run = Crosscheck("check " + Quote(Albania().string()) + " --format json",
                       "albania_sides");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json report = Json::parse(run.out);
  EXPECT_EQ(report["schema"], "crosscheck.report/1");

  // Each side checked by hand against the texts (expected.yaml).
  const Json* moved = FindFact(report, "mek.moved_year");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ((*moved)["status"], "contradiction");
  const auto moved_sides = SidesOf(*moved);
  EXPECT_EQ(moved_sides.at("2013"), std::set<std::string>{"rt-investigation"});
  EXPECT_EQ(moved_sides.at("2014"), std::set<std::string>{"albania-cuts-ties"});
  EXPECT_EQ(moved_sides.at("2016"),
            (std::set<std::string>{"blog-repost-anas-samir", "exit-news-second-attack",
                                   "nato-minnow-reels"}));

  const Json* members = FindFact(report, "mek.member_count");
  ASSERT_NE(members, nullptr);
  EXPECT_EQ((*members)["status"], "contradiction");
  for (const Json& v : (*members)["values"]) {
    for (const Json& c : v["claims"]) {
      const std::string source = c["source"];
      if (source == "exit-news-second-attack") {
        EXPECT_EQ(c["text"], "some 1000");
        EXPECT_EQ(v["lo"], 1000);
        EXPECT_EQ(v["hi"], 1000);
        EXPECT_EQ(v["qualifier"], "approx");
      }
      if (source == "nato-minnow-reels") {
        EXPECT_EQ(c["text"], "thousands");
        EXPECT_EQ(v["lo"], 2000);
        EXPECT_TRUE(v["hi"].is_null());  // unbounded
      }
    }
  }

  const Json* groups = FindFact(report, "albania-cyberattack.attack_groups");
  ASSERT_NE(groups, nullptr);
  EXPECT_EQ((*groups)["status"], "contradiction");
  EXPECT_EQ((*groups)["severity"], "possible");
  std::map<std::string, std::string> speaker_of;
  for (const Json& v : (*groups)["values"])
    for (const Json& c : v["claims"])
      speaker_of[v["display"]] = c["attributed_to"].is_null() ? "" : c["attributed_to"];
  EXPECT_EQ(speaker_of["2"], "Microsoft");
  EXPECT_NE(speaker_of["4"].find("Rama"), std::string::npos);

  const Json* began = FindFact(report, "albania-cyberattack.attack_year");
  ASSERT_NE(began, nullptr);
  EXPECT_EQ((*began)["severity"], "possible");
  const auto began_sides = SidesOf(*began);
  EXPECT_EQ(began_sides.at("2021"),
            (std::set<std::string>{"blog-repost-anas-samir", "nato-minnow-reels"}));
  EXPECT_EQ(began_sides.at("2022"),
            (std::set<std::string>{"albania-cuts-ties", "exit-news-second-attack",
                                   "rt-investigation"}));

  bool copy_found = false;
  for (const Json& s : report["sources"]) {
    if (s["id"] == "blog-repost-anas-samir") {
      EXPECT_EQ(s["copy_of"], "nato-minnow-reels");
      copy_found = true;
    } else {
      EXPECT_TRUE(s["copy_of"].is_null()) << s["id"];
    }
    EXPECT_GE(s["score"].get<int>(), 0);
    EXPECT_LE(s["score"].get<int>(), 100);
  }
  EXPECT_TRUE(copy_found);
}

// The traps in expected.yaml: pairs a careless matcher confuses.
TEST_F(AlbaniaTest, TrapsAreNotClaimsOfTheSameFact) {
  RunResult run = Crosscheck("check " + Quote(Albania().string()) + " --format json",
                       "albania_traps");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json report = Json::parse(run.out);
  for (const Json& f : report["facts"]) {
    const std::string key = f["key"];
    for (const Json& v : f["values"]) {
      for (const Json& c : v["claims"]) {
        const std::string sentence = c["sentence"];
        const std::string text = c["text"];
        SCOPED_TRACE(key + ": " + text + " in: " + sentence);
        // Informants are not members.
        if (key == "mek.member_count")
          EXPECT_EQ(sentence.find("informants"), std::string::npos);
        // Thousands of Afghans are neither the MEK count nor its arrival.
        if (key.rfind("mek.", 0) == 0)
          EXPECT_EQ(sentence.find("Afghans"), std::string::npos);
        // The 1997 civil war is not the 1997 terrorist listing.
        EXPECT_EQ(sentence.find("civil war in 1997"), std::string::npos);
        // Founded 1965, protection 2004, NATO member since 2009, 2018, 2010:
        // none of them is the MEK's arrival or the attack's start.
        if (key == "mek.moved_year" || key == "albania-cyberattack.attack_year") {
          for (const char* other : {"1965", "2004", "2009", "2018", "2010", "2007"})
            EXPECT_EQ(text.find(other), std::string::npos);
        }
      }
    }
  }
}

TEST_F(AlbaniaTest, WithinSourceDatesThatCannotBothHold) {
  RunResult run = Crosscheck("check " + Quote(Albania().string()) + " --format json",
                             "albania_within");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json report = Json::parse(run.out);
  // albania-cuts-ties: the MEK conference "on July 23, a week before the
  // cyberattack", which the same article dates July 15.
  ASSERT_EQ(report["within_source"].size(), 1u) << report["within_source"].dump(2);
  const Json& w = report["within_source"][0];
  EXPECT_EQ(w["source"], "albania-cuts-ties");
  const std::string finding = w["finding"];
  EXPECT_NE(finding.find("2022-07-23"), std::string::npos) << finding;
  EXPECT_NE(finding.find("a week before the cyberattack"), std::string::npos) << finding;
  EXPECT_NE(finding.find("2022-07-15"), std::string::npos) << finding;
}

TEST_F(AlbaniaTest, GenericPackAloneFindsArrivalAndMemberCount) {
  RunResult run = Crosscheck("check " + Quote(Albania().string()) + " --rules " +
                           Quote((SourceDir() / "rules" / "generic").string()) +
                           " --format json",
                       "albania_generic");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json report = Json::parse(run.out);
  EXPECT_EQ(report["rule_packs"], Json::array({"generic"}));
  std::set<std::string> contradictions;
  for (const Json& f : report["facts"])
    if (f["status"] == "contradiction") contradictions.insert(f["key"]);
  EXPECT_EQ(contradictions, (std::set<std::string>{"mek.member_count", "mek.moved_year"}));
  const Json* moved = FindFact(report, "mek.moved_year");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(SidesOf(*moved).size(), 3u);  // 2013 | 2014 | 2016
}

TEST_F(AlbaniaTest, MarkdownReportQuotesEverySide) {
  RunResult run = Crosscheck("check " + Quote(Albania().string()) + " --format md",
                       "albania_md");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("## Contradictions"), std::string::npos);
  EXPECT_NE(run.out.find("**2013**"), std::string::npos);
  EXPECT_NE(run.out.find("rt-investigation"), std::string::npos);
  EXPECT_NE(run.out.find("attributed to Microsoft"), std::string::npos);
  EXPECT_NE(run.out.find("## Sources"), std::string::npos);
  // One column per component.
  EXPECT_NE(run.out.find("| source | score | consistency | independence | hygiene | "
                         "transparency | language | sensationalism | copy of | claims |\n"
                         "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |"),
            std::string::npos);
}

// Issue 5, acceptance 4: the repost is a copy of the NATO-minnow article,
// which has the highest score, and every component shows its evidence.
TEST_F(AlbaniaTest, OriginalReportingScoresHighestAndEveryComponentHasEvidence) {
  RunResult run = Crosscheck("check " + Quote(Albania().string()) + " --format json",
                             "albania_scores");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json report = Json::parse(run.out);
  std::map<std::string, int> scores;
  std::map<std::string, std::map<std::string, const Json*>> components;
  for (const Json& s : report["sources"]) {
    const std::string id = s["id"];
    scores[id] = s["score"];
    if (id == "blog-repost-anas-samir") EXPECT_EQ(s["copy_of"], "nato-minnow-reels");
    else EXPECT_TRUE(s["copy_of"].is_null()) << id;
    std::vector<std::string> names;
    for (const Json& c : s["components"]) {
      names.push_back(c["name"]);
      components[id][c["name"]] = &c;
      EXPECT_FALSE(c["evidence"].empty()) << id << " " << c["name"];
      for (const Json& e : c["evidence"])
        EXPECT_FALSE(e["text"].get<std::string>().empty()) << id << " " << c["name"];
    }
    EXPECT_EQ(names, (std::vector<std::string>{"consistency", "independence", "hygiene",
                                               "transparency", "language",
                                               "sensationalism"}))
        << id;
  }
  ASSERT_EQ(scores.size(), 5u);
  for (const auto& [id, score] : scores)
    if (id != "nato-minnow-reels") EXPECT_GT(scores["nato-minnow-reels"], score) << id;
  // The spun wire copy: its artefacts are the evidence (sources.yaml: "the
  // quoted analyst is named two ways").
  std::string language;
  for (const Json& e : (*components["albania-cuts-ties"]["language"])["evidence"])
    language += e["text"].get<std::string>() + "\n";
  EXPECT_NE(language.find("'Lewis' here and 'Toby Lues' elsewhere"), std::string::npos)
      << language;
  EXPECT_NE(language.find("'Ram' here and 'Edi Rama' elsewhere"), std::string::npos);
  EXPECT_NE(language.find("'In' capitalised in mid-sentence"), std::string::npos);
  EXPECT_NE(language.find("sentence_fragment"), std::string::npos);
  EXPECT_LT((*components["albania-cuts-ties"]["language"])["value"].get<double>(), 0.5);
  for (const char* clean : {"nato-minnow-reels", "rt-investigation", "exit-news-second-attack"})
    EXPECT_EQ((*components[clean]["language"])["value"].get<double>(), 1.0) << clean;
  // Consistency is the truth-discovery reliability, with evidence per fact:
  // the 2013 of rt-investigation loses to 2016.
  std::string rt;
  for (const Json& e : (*components["rt-investigation"]["consistency"])["evidence"])
    rt += e["text"].get<std::string>() + "\n";
  EXPECT_NE(rt.find("mek.moved_year: says 2013; truth discovery prefers 2016"), std::string::npos)
      << rt;
  // The copy's independence is 0 with the overlap as evidence.
  const Json& copy = *components["blog-repost-anas-samir"]["independence"];
  EXPECT_EQ(copy["value"].get<double>(), 0.0);
  EXPECT_NE(copy["evidence"][0]["text"].get<std::string>().find("near-copy of nato-minnow-reels"),
            std::string::npos);
}

TEST_F(AlbaniaTest, ExplainPrintsHowTheScoreWasReached) {
  RunResult run = Crosscheck("explain albania-cuts-ties " + Quote(Albania().string()),
                             "albania_explain");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("albania-cuts-ties: score ", 0), 0u) << run.out;
  for (const char* part :
       {"  component        value  weight  points\n", "  consistency  ", "  language    ",
        "  total                     1.00", "\nlanguage 0/100 (weight 0.15)\n",
        "'Lewis' here and 'Toby Lues' elsewhere", "[bytes "})
    EXPECT_NE(run.out.find(part), std::string::npos) << part << "\n" << run.out;
  // The points add up to the score (rounded).
  RunResult json = Crosscheck(
      "explain albania-cuts-ties " + Quote(Albania().string()) + " --format json",
      "albania_explain_json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const Json source = Json::parse(json.out);
  double sum = 0, weights = 0;
  for (const Json& c : source["components"]) {
    sum += c["value"].get<double>() * c["weight"].get<double>();
    weights += c["weight"].get<double>();
  }
  EXPECT_NEAR(source["score"].get<int>(), 100 * sum / weights, 0.51);
  // An unknown source: exit 2, the ids that exist.
  RunResult unknown = Crosscheck("explain no-such " + Quote(Albania().string()),
                                 "albania_explain_unknown");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no source 'no-such' among the 5 sources read: albania-cuts-ties"),
            std::string::npos)
      << unknown.err;
}

TEST_F(AlbaniaTest, FailOnHighExitsOne) {
  RunResult run = Crosscheck("check " + Quote(Albania().string()) + " --fail-on high",
                       "albania_fail_on");
  EXPECT_EQ(run.exit_code, 1) << run.err;
}

TEST(ExampleCorpusTest, FindsTheDamContradictionsAndTheCopy) {
  RunResult run = Crosscheck(
      "check " + Quote((SourceDir() / "examples" / "corpus").string()) + " --format json",
      "example");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json report = Json::parse(run.out);
  // Written for this repository: 1962 (herald, wire, blog) vs 1958 (river
  // post); three killed vs four (wire); about 2,000 evacuated vs some 5,000
  // and more than 4,000; the blog condenses the herald.
  const Json* built = FindFact(report, "brenna-dam.built_year");
  ASSERT_NE(built, nullptr);
  EXPECT_EQ((*built)["status"], "contradiction");
  EXPECT_EQ(SidesOf(*built).at("1958"), std::set<std::string>{"river-post"});
  const Json* killed = FindFact(report, "castelnor.death_count");
  ASSERT_NE(killed, nullptr);
  EXPECT_EQ((*killed)["status"], "contradiction");
  EXPECT_EQ(SidesOf(*killed).at("4"), std::set<std::string>{"wire-brenna"});
  const Json* evacuated = FindFact(report, "castelnor.evacuated_count");
  ASSERT_NE(evacuated, nullptr);
  EXPECT_EQ((*evacuated)["status"], "contradiction");
  // The owner is not the owned: the cooperative's 1958 is not the dam's.
  for (const Json& v : (*built)["values"])
    for (const Json& c : v["claims"])
      EXPECT_EQ(c["sentence"].get<std::string>().find("cooperative"), std::string::npos);
  for (const Json& s : report["sources"]) {
    if (s["id"] == "town-blog") EXPECT_EQ(s["copy_of"], "valley-herald");
    else EXPECT_TRUE(s["copy_of"].is_null()) << s["id"];
  }
  // The page's script never reaches the report.
  EXPECT_EQ(run.out.find("trackingPixel"), std::string::npos);
}

// --jobs changes how many threads work, never what they find: the report
// of every corpus at hand is byte for byte the one thread's.
TEST(JobsTest, ReportIsTheSameWhateverTheThreadCount) {
  std::vector<fs::path> corpora = {SourceDir() / "examples" / "corpus",
                                   SourceDir() / "tests" / "data" / "stories"};
  if (fs::is_directory(SharedDir() / "corpus" / "albania-2022"))
    corpora.push_back(SharedDir() / "corpus" / "albania-2022");
  for (const fs::path& corpus : corpora) {
    SCOPED_TRACE(corpus.string());
    std::string one;
    for (const char* jobs : {"1", "2", "3", "0"}) {
      RunResult run = Crosscheck("check " + Quote(corpus.string()) +
                                     " --format json --jobs " + jobs,
                                 std::string("jobs") + jobs);
      ASSERT_EQ(run.exit_code, 0) << run.err;
      ASSERT_GT(run.out.size(), 100u);
      if (one.empty()) one = run.out;
      else EXPECT_TRUE(run.out == one) << "--jobs " << jobs << " differs from --jobs 1";
    }
  }
  RunResult bad = Crosscheck("check " + Quote((SourceDir() / "examples" / "corpus").string()) +
                                 " --jobs -1",
                             "jobs_bad");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--jobs"), std::string::npos) << bad.err;
}

// The tutorial pack of docs/rules.md, as written there.
TEST(RulesTutorialTest, StoryPackFromTheDocsWorks) {
  const fs::path dir = TempDir("tutorial");
  fs::create_directories(dir / "rules");
  fs::copy(SourceDir() / "rules" / "generic", dir / "rules" / "generic",
           fs::copy_options::recursive);
  const std::string doc = ReadAll(SourceDir() / "docs" / "rules.md");
  const std::string start = "# rules/castelnor/story.yaml\n";
  const size_t from = doc.find(start);
  ASSERT_NE(from, std::string::npos);
  const size_t to = doc.find("```", from);
  WriteAll(dir / "rules" / "castelnor" / "story.yaml",
           doc.substr(from, to - from));
  WriteAll(dir / "corpus" / "a.txt",
           "Castelnor dam\n\nThe Brenna Dam spillway was rebuilt in 2001, officials said.\n");
  WriteAll(dir / "corpus" / "b.txt",
           "Castelnor flood\n\nThe Brenna Dam spillway was rebuilt in 2003 after a storm.\n");
  RunResult run = Crosscheck("check " + Quote((dir / "corpus").string()) + " --rules " +
                                 Quote((dir / "rules" / "castelnor").string()),
                             "tutorial");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const Json report = Json::parse(run.out);
  const Json* fact = FindFact(report, "brenna-dam.spillway_year");
  ASSERT_NE(fact, nullptr) << run.out;
  EXPECT_EQ((*fact)["status"], "contradiction");
  EXPECT_EQ(SidesOf(*fact).at("2001"), std::set<std::string>{"a"});
  EXPECT_EQ(SidesOf(*fact).at("2003"), std::set<std::string>{"b"});
}

// ---- bad input ---------------------------------------------------------

class BadInputTest : public testing::Test {
 protected:
  void SetUp() override { dir_ = TempDir(testing::UnitTest::GetInstance()->current_test_info()->name()); }
  fs::path dir_;
  static std::string Good() {
    return "Dam report\n\nThe Brenna Dam, built in 1962, holds water.\n";
  }
};

TEST_F(BadInputTest, EmptyFileNamedDirectlyExitsTwo) {
  WriteAll(dir_ / "empty.txt", "");
  RunResult run = Crosscheck("check " + Quote((dir_ / "empty.txt").string()), "empty");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("empty.txt"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("empty"), std::string::npos) << run.err;
}

TEST_F(BadInputTest, BinaryFileExitsTwo) {
  WriteAll(dir_ / "image.txt", std::string("GIF89a\0\0\x01\x02", 10));
  RunResult run = Crosscheck("check " + Quote((dir_ / "image.txt").string()), "binary");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("image.txt"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("binary"), std::string::npos) << run.err;
}

TEST_F(BadInputTest, InvalidUtf8NamesFileAndLine) {
  WriteAll(dir_ / "latin1.txt", "Title\n\nOk line.\nCaf\xE9 line.\n");
  RunResult run = Crosscheck("check " + Quote((dir_ / "latin1.txt").string()), "utf8");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("latin1.txt:4"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("UTF-8"), std::string::npos) << run.err;
}

TEST_F(BadInputTest, OneBadArticleInAFolderIsAWarning) {
  WriteAll(dir_ / "corpus" / "good.txt", Good());
  WriteAll(dir_ / "corpus" / "empty.txt", "");
  RunResult run = Crosscheck("check " + Quote((dir_ / "corpus").string()), "folder");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("warning"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("empty.txt"), std::string::npos) << run.err;
  const Json report = Json::parse(run.out);
  ASSERT_EQ(report["sources"].size(), 1u);
  EXPECT_EQ(report["sources"][0]["id"], "good");
}

TEST_F(BadInputTest, MalformedJsonlLineIsAWarningAndTheRestGoOn) {
  WriteAll(dir_ / "feed.jsonl",
           "{\"id\": \"a\", \"title\": \"A\", \"text\": \"The Brenna Dam, built in 1962, holds water.\"}\n"
           "{\"id\": \"b\", \"title\": \"B\", \"text\": \"truncated\n"
           "{\"id\": \"c\", \"title\": \"C\", \"text\": \"The Brenna Dam, built in 1958, holds water.\"}\n");
  RunResult run = Crosscheck("check " + Quote((dir_ / "feed.jsonl").string()), "jsonl");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("feed.jsonl:2"), std::string::npos) << run.err;
  const Json report = Json::parse(run.out);
  EXPECT_EQ(report["sources"].size(), 2u);
}

TEST_F(BadInputTest, BadBytesInOneJsonlLineRefuseOnlyThatLine) {
  WriteAll(dir_ / "feed.jsonl",
           "{\"id\": \"a\", \"text\": \"The Brenna Dam, built in 1962, holds water.\"}\n"
           "{\"id\": \"b\", \"text\": \"Caf\xE9 society\"}\n" +
               std::string("{\"id\": \"c\", \"text\": \"x\0y\"}\n", 27) +
               "{\"id\": \"d\", \"text\": \"The Brenna Dam, built in 1958, holds water.\"}\n");
  RunResult run = Crosscheck("check " + Quote((dir_ / "feed.jsonl").string()), "jsonl_bytes");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("feed.jsonl:2: invalid UTF-8"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("feed.jsonl:3: binary"), std::string::npos) << run.err;
  const Json report = Json::parse(run.out);
  ASSERT_EQ(report["sources"].size(), 2u);
  EXPECT_EQ(report["sources"][0]["id"], "a");
  EXPECT_EQ(report["sources"][1]["id"], "d");
}

TEST_F(BadInputTest, UnreadableJsonlNamedDirectlyExitsTwo) {
  WriteAll(dir_ / "junk.jsonl", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  RunResult run = Crosscheck("check " + Quote((dir_ / "junk.jsonl").string()), "jsonl_junk");
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("junk.jsonl:"), std::string::npos) << run.err;
}

TEST_F(BadInputTest, MissingPathExitsTwo) {
  RunResult run = Crosscheck("check " + Quote((dir_ / "nope").string()), "missing");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("nope"), std::string::npos) << run.err;
}

TEST_F(BadInputTest, YamlSyntaxErrorNamesFileAndLine) {
  WriteAll(dir_ / "corpus" / "good.txt", Good());
  WriteAll(dir_ / "pack" / "broken.yaml",
           "facts:\n  - id: x\n    kind: year\n    near: [unclosed\n");
  RunResult run = Crosscheck("check " + Quote((dir_ / "corpus").string()) + " --rules " +
                           Quote((dir_ / "pack").string()),
                       "yaml");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("broken.yaml:"), std::string::npos) << run.err;
}

TEST_F(BadInputTest, InvalidRegexNamesFileLineAndReason) {
  WriteAll(dir_ / "corpus" / "good.txt", Good());
  WriteAll(dir_ / "pack" / "facts.yaml",
           "facts:\n"
           "  - id: built\n"
           "    kind: year\n"
           "    near: ['\\bbuilt(']\n");
  RunResult run = Crosscheck("check " + Quote((dir_ / "corpus").string()) + " --rules " +
                           Quote((dir_ / "pack").string()),
                       "regex");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("facts.yaml:4:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("missing )"), std::string::npos) << run.err;
}

TEST_F(BadInputTest, UnknownFormatIsBadUsage) {
  WriteAll(dir_ / "good.txt", Good());
  RunResult run = Crosscheck("check " + Quote((dir_ / "good.txt").string()) + " --format pdf",
                       "format");
  EXPECT_EQ(run.exit_code, 2);
}

TEST_F(BadInputTest, NoArticlesExitsTwo) {
  WriteAll(dir_ / "notes" / "readme.yaml", "a: 1\n");
  RunResult run = Crosscheck("check " + Quote((dir_ / "notes").string()), "none");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no articles"), std::string::npos) << run.err;
}

TEST(HelpTest, ExplainsTheCheckCommand) {
  RunResult run = Crosscheck("check --help", "help");
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_NE(run.out.find("--rules"), std::string::npos);
  EXPECT_NE(run.out.find("--format"), std::string::npos);
}

}  // namespace

namespace {

using namespace crosscheck::e2e;  // NOLINT: test helpers

TEST(WaiverCommandTest, WaivedFindingsAreReportedAndDoNotFailTheRun) {
  if (!fs::exists(SharedDir() / "corpus" / "albania-2022"))
    GTEST_SKIP() << "no ../shared/corpus/albania-2022";
  const fs::path dir = TempDir("waivers");
  const std::string corpus = Quote((SharedDir() / "corpus" / "albania-2022").string());
  // Every contradiction the corpus gives, waived as reviewed.
  WriteAll(dir / "waivers.yaml",
           "waivers:\n"
           "  - {finding: mek.moved_year, status: reviewed, reason: Different transfers.}\n"
           "  - {finding: mek.member_count, status: reviewed, reason: Estimates differ.}\n"
           "  - {finding: albania-cyberattack.attack_year, status: reviewed, reason: Stages.}\n"
           "  - {finding: albania-cyberattack.attack_groups, status: reviewed, reason: Speakers.}\n");
  RunResult unwaived = Crosscheck("check " + corpus + " --fail-on possible", "unwaived");
  EXPECT_EQ(unwaived.exit_code, 1) << unwaived.err;
  RunResult waived = Crosscheck("check " + corpus + " --fail-on possible --waivers " +
                                    Quote((dir / "waivers.yaml").string()),
                                "waived");
  EXPECT_EQ(waived.exit_code, 0) << waived.err;
  const nlohmann::json report = nlohmann::json::parse(waived.out);
  int contradictions = 0, marked = 0;
  for (const auto& f : report["facts"]) {
    if (f["status"] != "contradiction") continue;
    ++contradictions;
    if (!f["waiver"].is_null() && f["waiver"]["status"] == "reviewed") ++marked;
  }
  EXPECT_EQ(contradictions, 4);  // still reported
  EXPECT_EQ(marked, 4);
  RunResult md = Crosscheck("check " + corpus + " --format md --waivers " +
                                Quote((dir / "waivers.yaml").string()),
                            "waived_md");
  EXPECT_NE(md.out.find("**Waived (reviewed):** Different transfers."), std::string::npos)
      << md.out;
}

TEST(WaiverCommandTest, BrokenWaiverFileExitsTwo) {
  const fs::path dir = TempDir("waivers_broken");
  WriteAll(dir / "a.txt", "Title\n\nThe Brenna Dam, built in 1962, holds water.\n");
  WriteAll(dir / "w.yaml", "waivers:\n  - {finding: x.y, status: maybe, reason: r}\n");
  RunResult r = Crosscheck("check " + Quote((dir / "a.txt").string()) + " --waivers " +
                               Quote((dir / "w.yaml").string()),
                           "waivers_broken");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("w.yaml:2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("status must be reviewed or not_applicable"), std::string::npos) << r.err;
}

}  // namespace

namespace {

using namespace crosscheck::e2e;  // NOLINT: test helpers

// Issue 4: the tutorial of docs/rules.md, from an empty file to its final
// pack, finds the Albania contradictions. The test loads the doc's own block.
TEST(RulesTutorialTest, FinalAlbaniaPackFindsTheContradictions) {
  if (!fs::exists(SharedDir() / "corpus" / "albania-2022" / "expected.yaml"))
    GTEST_SKIP() << "no ../shared/corpus/albania-2022";
  const std::string doc = ReadAll(SourceDir() / "docs" / "rules.md");
  const std::string start = "# rules/albania-story/story.yaml (tutorial: final pack)\n";
  const size_t from = doc.find(start);
  ASSERT_NE(from, std::string::npos);
  const size_t to = doc.find("```", from);
  const fs::path dir = TempDir("tutorial_albania");
  fs::create_directories(dir / "rules");
  fs::copy(SourceDir() / "rules" / "generic", dir / "rules" / "generic",
           fs::copy_options::recursive);
  WriteAll(dir / "rules" / "albania-story" / "story.yaml", doc.substr(from, to - from));
  const std::string pack = Quote((dir / "rules" / "albania-story").string());
  RunResult test = Crosscheck("rules test " + pack, "tutorial_albania_rules_test");
  EXPECT_EQ(test.exit_code, 0) << test.out << test.err;
  const fs::path report = dir / "report.json";
  RunResult run = Crosscheck("check " + Quote((SharedDir() / "corpus" / "albania-2022").string()) +
                                 " --rules " + pack + " --format json --out " +
                                 Quote(report.string()),
                             "tutorial_albania_check");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  RunResult eval = Shell(python + " " + Quote((SharedDir() / "tools" / "eval_report.py").string()) +
                             " " + Quote(report.string()) + " " +
                             Quote((SharedDir() / "corpus" / "albania-2022" / "expected.yaml").string()) +
                             " --max-unexpected 1 --need-copies",
                         "tutorial_albania_eval");
  EXPECT_EQ(eval.exit_code, 0) << eval.out;
  EXPECT_NE(eval.out.find("found 4/4"), std::string::npos) << eval.out;
}

}  // namespace

// --out to something that is not a regular file (here a FIFO; /dev/null is
// the case that was hit) is written in place. Writing a temporary file and
// renaming it over the path replaced /dev/null with a regular file when
// the CLI ran as root.
TEST(OutTest, OutToAFifoWritesIntoItAndLeavesItAFifo) {
  const fs::path dir = TempDir("out_fifo");
  const fs::path fifo = dir / "report.fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // A reader copies what arrives into a file.
  const std::string reader = "cat " + Quote(fifo.string()) + " > " +
                             Quote((dir / "got.json").string()) + " &";
  ASSERT_EQ(std::system(reader.c_str()), 0);
  RunResult r = Crosscheck("check " + Quote((SourceDir() / "examples" / "corpus").string()) +
                               " --format json --out " + Quote(fifo.string()),
                           "out_fifo");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_fifo(fifo)) << "the FIFO was replaced";
  EXPECT_FALSE(fs::exists(dir / "report.fifo.tmp"));
  for (int i = 0; i < 50 && ReadAll(dir / "got.json").find("\"schema\"") == std::string::npos; ++i)
    std::system("sleep 0.1");
  EXPECT_NE(ReadAll(dir / "got.json").find("\"schema\": \"crosscheck.report/1\""),
            std::string::npos);
}
