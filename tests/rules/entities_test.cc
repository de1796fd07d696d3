#include "engine/rules/entities.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/ingest/ingest.h"
#include "engine/rules/rule_set.h"

namespace crosscheck {
namespace {

const RuleSet& GenericRules() {
  static const RuleSet* rules = [] {
    StatusOr<RuleSet> r = LoadRuleSet({CROSSCHECK_SOURCE_DIR "/rules/generic"});
    if (!r.ok()) {
      ADD_FAILURE() << r.status().message();
      return static_cast<RuleSet*>(nullptr);
    }
    return new RuleSet(std::move(r).value());
  }();
  return *rules;
}

Document Parse(std::string_view text, std::string_view id) {
  StatusOr<Document> doc = ParseArticle(text, "txt", "test.txt", id);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return doc.ok() ? std::move(doc).value() : Document{};
}

// Documents scanned and clustered together, as the checker does.
class Corpus {
 public:
  explicit Corpus(const std::vector<std::string>& texts, const RuleSet& rules)
      : index_(rules) {
    for (size_t i = 0; i < texts.size(); ++i)
      docs_.push_back(Parse(texts[i], "doc" + std::to_string(i)));
    for (const Document& d : docs_) {
      mentions_.push_back(index_.Scan(d));
      index_.Add(mentions_.back());
    }
    index_.Finish();
  }

  const Document& doc(size_t i) const { return docs_[i]; }
  const DocMentions& mentions(size_t i) const { return mentions_[i]; }
  const EntityIndex& index() const { return index_; }

  // The first mention in document `d` whose text is `words`; nullptr if none.
  const Mention* Find(size_t d, std::string_view words) const {
    for (const auto& sentence : mentions_[d].by_sentence)
      for (const Mention& m : sentence)
        if (std::string_view(docs_[d].text).substr(m.start, m.end - m.start) ==
            words)
          return &m;
    return nullptr;
  }

  // The cluster of the mention with these words, or -2 when there is none.
  int ClusterOf(size_t d, std::string_view words) const {
    const Mention* m = Find(d, words);
    return m == nullptr ? -2 : index_.ClusterOf(*m);
  }

  // Byte offset of `needle` in document d's text.
  size_t Offset(size_t d, std::string_view needle) const {
    const size_t at = docs_[d].text.find(needle);
    EXPECT_NE(at, std::string::npos) << needle;
    return at;
  }

 private:
  std::vector<Document> docs_;
  std::vector<DocMentions> mentions_;
  EntityIndex index_;
};

TEST(EntitiesTest, AcronymInParenthesesLinksAcrossDocuments) {
  Corpus corpus({"Former members of the Mujahedeen Khalq (M.E.K.) spoke to reporters.",
                 "M.E.K. moved its members to Albania in 2016."},
                GenericRules());
  const int full = corpus.ClusterOf(0, "Mujahedeen Khalq");
  const int acronym = corpus.ClusterOf(1, "M.E.K.");
  ASSERT_GE(full, 0);
  EXPECT_EQ(full, acronym);
  EXPECT_EQ(corpus.ClusterOf(0, "M.E.K."), full);
  // No story pack: the id is the acronym's slug, the type an organisation.
  EXPECT_EQ(corpus.index().cluster(full).id, "mek");
  EXPECT_EQ(corpus.index().cluster(full).name, "MEK");
  EXPECT_EQ(corpus.index().cluster(full).type, EntityType::kOrg);
  EXPECT_EQ(corpus.index().FindCluster("mek"), full);
  // The link is recorded where the text states it.
  const auto& links = corpus.mentions(0).links;
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].first, "Mujahedeen Khalq");
  EXPECT_EQ(links[0].second, "MEK");
  EXPECT_TRUE(corpus.mentions(1).links.empty());
}

// Clusters whose names slug alike take ids in rank order (more mentions
// first), a taken id getting "-2", "-3"...: "Ab 2" (5 mentions) and "AB 2"
// (4) both slug to "ab-2", "Ab" (3) and "AB" (2) to "ab", "Ab 2 2" (1) to
// "ab-2-2". Worked out by hand: ab-2; ab-2-2 (ab-2 taken); ab; ab-3 (ab and
// ab-2 taken); ab-2-2-2 (ab-2-2 taken). "Cd" competes with none.
TEST(EntitiesTest, IdsSharedBySlugsGoInRankOrder) {
  EntityIndex index(GenericRules());
  const std::vector<std::pair<std::string, int>> names = {
      {"Cd", 1}, {"Ab 2 2", 1}, {"AB", 2}, {"Ab", 3}, {"AB 2", 4}, {"Ab 2", 5}};
  for (const auto& [key, count] : names) index.AddName(key, -1, count);
  index.Finish();
  auto cluster_of = [&](const std::string& key) {
    Mention m;
    m.key = key;
    return index.ClusterOf(m);
  };
  auto id = [&](const std::string& key) {
    const int c = cluster_of(key);
    return c < 0 ? std::string("-") : index.cluster(c).id;
  };
  EXPECT_EQ(id("Ab 2"), "ab-2");
  EXPECT_EQ(id("AB 2"), "ab-2-2");
  EXPECT_EQ(id("Ab"), "ab");
  EXPECT_EQ(id("AB"), "ab-3");
  EXPECT_EQ(id("Ab 2 2"), "ab-2-2-2");
  EXPECT_EQ(id("Cd"), "cd");
  EXPECT_EQ(index.FindCluster("ab-3"), cluster_of("AB"));
}

TEST(EntitiesTest, PossessiveNameWithAcronymLinks) {
  Corpus corpus({"Members of the People's Mujahideen (MEK) live there.",
                 "The camp of the MEK is large."},
                GenericRules());
  const Mention* name = corpus.Find(0, "People's Mujahideen");
  ASSERT_NE(name, nullptr);
  EXPECT_EQ(name->key, "People's Mujahideen");
  const int c = corpus.ClusterOf(0, "People's Mujahideen");
  ASSERT_GE(c, 0);
  EXPECT_EQ(corpus.ClusterOf(0, "MEK"), c);
  EXPECT_EQ(corpus.ClusterOf(1, "MEK"), c);
  EXPECT_EQ(corpus.index().cluster(c).id, "mek");
}

struct LinkCase {
  const char* text;
  const char* first;
  const char* second;
};

TEST(EntitiesTest, AliasLinkPhrases) {
  const LinkCase cases[] = {
      {"They joined the Mujahedeen Khalq, also known as the MKO, in Paris.",
       "Mujahedeen Khalq", "MKO"},
      {"They met the People's Mojahedin, or PMOI, in Paris.",
       "People's Mojahedin", "PMOI"},
      {"They met the Brenna Water Board, known as Brenna Water, in Paris.",
       "Brenna Water Board", "Brenna Water"},
  };
  for (const LinkCase& c : cases) {
    SCOPED_TRACE(c.text);
    Corpus corpus({c.text}, GenericRules());
    const int a = corpus.ClusterOf(0, c.first);
    ASSERT_GE(a, 0);
    EXPECT_EQ(corpus.ClusterOf(0, c.second), a);
  }
}

TEST(EntitiesTest, NamesSideBySideWithoutALinkStayApart) {
  Corpus corpus({"The Acme Corporation and the Brenna Water Board signed a deal."},
                GenericRules());
  const int a = corpus.ClusterOf(0, "Acme Corporation");
  const int b = corpus.ClusterOf(0, "Brenna Water Board");
  ASSERT_GE(a, 0);
  ASSERT_GE(b, 0);
  EXPECT_NE(a, b);
}

TEST(EntitiesTest, PersonFullNameAndTitledLastNameAreOnePerson) {
  Corpus corpus({"Prime Minister Edi Rama said the attack was serious. "
                 "Officials said little more. Mr Rama said it was over."},
                GenericRules());
  const Mention* full = corpus.Find(0, "Edi Rama");
  const Mention* last = corpus.Find(0, "Rama");
  ASSERT_NE(full, nullptr);
  ASSERT_NE(last, nullptr);
  // The titles are not part of the names, and they mark a person.
  EXPECT_TRUE(full->person_hint);
  EXPECT_TRUE(last->person_hint);
  const int c = corpus.index().ClusterOf(*full);
  ASSERT_GE(c, 0);
  EXPECT_EQ(corpus.index().ClusterOf(*last), c);
  EXPECT_EQ(corpus.index().cluster(c).type, EntityType::kPerson);
  // The display name of a person is the full name.
  EXPECT_EQ(corpus.index().cluster(c).name, "Edi Rama");
  EXPECT_EQ(corpus.index().cluster(c).id, "edi-rama");
}

TEST(EntitiesTest, LastNameAloneWithoutTitleIsNotLinked) {
  // "Rama" opens a sentence with no title anywhere: nothing says it is the
  // person's last name, and it is never seen mid-sentence.
  Corpus corpus({"Edi Rama visited the port. Rama is a common word there."},
                GenericRules());
  const int full = corpus.ClusterOf(0, "Edi Rama");
  ASSERT_GE(full, 0);
  EXPECT_TRUE(corpus.mentions(0).links.empty());
  const Mention* rama = corpus.Find(0, "Rama");
  ASSERT_NE(rama, nullptr);
  EXPECT_TRUE(rama->tentative);
  EXPECT_EQ(corpus.index().ClusterOf(*rama), -1);
}

TEST(EntitiesTest, PronounResolvesToOrganisationSkippingPlaces) {
  Corpus corpus({"In Germany, the Acme Corporation grew. Its headquarters opened in 1990."},
                GenericRules());
  ASSERT_EQ(corpus.doc(0).sentences.size(), 2u);
  // "Germany" comes from places.yaml: a declared place.
  const int germany = corpus.ClusterOf(0, "Germany");
  ASSERT_GE(germany, 0);
  EXPECT_EQ(corpus.index().cluster(germany).id, "germany");
  EXPECT_EQ(corpus.index().cluster(germany).type, EntityType::kPlace);
  const Mention* its = corpus.Find(0, "Its");
  ASSERT_NE(its, nullptr);
  EXPECT_EQ(its->kind, MentionKind::kPronoun);
  EXPECT_FALSE(its->person_pronoun);

  const size_t anchor = corpus.Offset(0, "opened");
  const int org = corpus.index().Resolve(corpus.mentions(0), 1, anchor,
                                         SubjectSide::kBefore, EntityType::kOrg);
  ASSERT_GE(org, 0);
  EXPECT_EQ(corpus.index().cluster(org).name, "Acme Corporation");
  EXPECT_EQ(corpus.index().cluster(org).id, "acme-corporation");
  // Asked for a place, the same pronoun finds Germany.
  EXPECT_EQ(corpus.index().Resolve(corpus.mentions(0), 1, anchor,
                                   SubjectSide::kBefore, EntityType::kPlace),
            germany);
  // Nothing after the anchor in that sentence names anything.
  EXPECT_EQ(corpus.index().Resolve(corpus.mentions(0), 1, anchor,
                                   SubjectSide::kAfter, EntityType::kOrg),
            -1);
}

TEST(EntitiesTest, PersonPronounResolvesToPersonOnly) {
  Corpus corpus({"The Acme Corporation hired Mr Jon Smith. He joined in 1990."},
                GenericRules());
  const size_t anchor = corpus.Offset(0, "joined");
  const int person = corpus.index().Resolve(
      corpus.mentions(0), 1, anchor, SubjectSide::kBefore, EntityType::kPerson);
  ASSERT_GE(person, 0);
  EXPECT_EQ(corpus.index().cluster(person).name, "Jon Smith");
  // "He" never stands for an organisation.
  EXPECT_EQ(corpus.index().Resolve(corpus.mentions(0), 1, anchor,
                                   SubjectSide::kBefore, EntityType::kOrg),
            -1);
}

TEST(EntitiesTest, SentenceInitialCommonWordIsNotAnEntity) {
  Corpus corpus({"Former members describe the camp. Analysts say the camp is large."},
                GenericRules());
  // "Former" is a function word: no name mention at all.
  EXPECT_EQ(corpus.Find(0, "Former"), nullptr);
  EXPECT_EQ(corpus.Find(0, "Former members"), nullptr);
  // "Analysts" opens a sentence and is never seen mid-sentence: tentative,
  // and no cluster.
  const Mention* analysts = corpus.Find(0, "Analysts");
  ASSERT_NE(analysts, nullptr);
  EXPECT_TRUE(analysts->tentative);
  EXPECT_EQ(corpus.index().ClusterOf(*analysts), -1);
  const size_t anchor = corpus.Offset(0, "say");
  EXPECT_EQ(corpus.index().Resolve(corpus.mentions(0), 1, anchor,
                                   SubjectSide::kBefore, EntityType::kAny),
            -1);
}

TEST(EntitiesTest, SentenceInitialNameSeenMidSentenceElsewhereIsAnEntity) {
  Corpus corpus({"Albania sought help from Microsoft.",
                 "Microsoft helped restore the systems."},
                GenericRules());
  const Mention* initial = corpus.Find(1, "Microsoft");
  ASSERT_NE(initial, nullptr);
  EXPECT_TRUE(initial->tentative);
  const int c = corpus.index().ClusterOf(*initial);
  ASSERT_GE(c, 0);
  EXPECT_EQ(c, corpus.ClusterOf(0, "Microsoft"));
  EXPECT_EQ(corpus.index().cluster(c).id, "microsoft");
}

TEST(EntitiesTest, DeclaredAliasTakesTheDeclaredId) {
  StatusOr<RuleSet> rules = LoadRuleSet({CROSSCHECK_SOURCE_DIR "/rules"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  Corpus corpus({"Members of the Mujahedeen Khalq (M.E.K.) live in Albania.",
                 "The People\xE2\x80\x99s Mujahideen moved to Albania."},
                *rules);
  const int c = corpus.ClusterOf(0, "Mujahedeen Khalq");
  ASSERT_GE(c, 0);
  EXPECT_EQ(corpus.index().cluster(c).id, "mek");
  EXPECT_EQ(corpus.index().cluster(c).name, "MEK");
  // A curly apostrophe matches the declared straight one.
  EXPECT_EQ(corpus.ClusterOf(1, "People\xE2\x80\x99s Mujahideen"), c);
  // The story's declared event exists even though no text names it.
  EXPECT_GE(corpus.index().FindCluster("albania-cyberattack"), 0);
}

// Scan() stops lengthening a name as soon as no alias key begins with it:
// the keys of dotted, possessive and curly-quoted spellings must still
// reach the aliases they spell.
TEST(EntitiesTest, AliasesMatchedThroughDotsPossessivesAndLongerNames) {
  const std::string dir = testing::TempDir() + "/crosscheck_alias_prefixes";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/pack.yaml")
      << "pack: aliases\n"
         "entities:\n"
         "  - {id: army, name: 'U.S. Army', type: org, aliases: ['American Army Corps']}\n"
         "  - {id: angels, name: \"Newcastle's Angels\", type: org}\n"
         "  - {id: union, name: \"Workers' Union of Castelnor\", type: org}\n"
         "  - {id: dam, name: 'Brenna Dam Authority', type: org, aliases: ['Brenna']}\n";
  StatusOr<RuleSet> rules = LoadRuleSet({CROSSCHECK_SOURCE_DIR "/rules/generic", dir});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  Corpus corpus({"The US Army and the American Army Corps met on Monday.",
                 "Fans of Newcastle\xE2\x80\x99s Angels cheered the Workers' Union of "
                 "Castelnor.",
                 "The Brenna Dam Authority's engineers spoke. Brenna Dam holds water."},
                *rules);
  auto id_of = [&](size_t d, std::string_view words) -> std::string {
    const Mention* m = corpus.Find(d, words);
    if (m == nullptr) return "(no mention)";
    const int c = corpus.index().ClusterOf(*m);
    return c < 0 ? "(no cluster)" : corpus.index().cluster(c).id;
  };
  EXPECT_EQ(id_of(0, "US Army"), "army");
  EXPECT_EQ(id_of(0, "American Army Corps"), "army");
  EXPECT_EQ(id_of(1, "Newcastle\xE2\x80\x99s Angels"), "angels");
  EXPECT_EQ(id_of(1, "Workers' Union of Castelnor"), "union");
  EXPECT_EQ(id_of(2, "Brenna Dam Authority's"), "dam");
  // "Brenna Dam" begins an alias but is none: "Brenna" is.
  EXPECT_EQ(id_of(2, "Brenna"), "dam");
  std::filesystem::remove_all(dir);
}

TEST(EntitiesTest, DeclaredDescriptorResolvesToItsEntity) {
  StatusOr<RuleSet> rules = LoadRuleSet({CROSSCHECK_SOURCE_DIR "/rules"});
  ASSERT_TRUE(rules.ok()) << rules.status().message();
  Corpus corpus({"Albania was hit. The opposition group moved there in 2016."}, *rules);
  const Mention* group = corpus.Find(0, "opposition group");
  ASSERT_NE(group, nullptr);
  EXPECT_EQ(group->kind, MentionKind::kDescriptor);
  const size_t anchor = corpus.Offset(0, "moved");
  const int c = corpus.index().Resolve(corpus.mentions(0), 1, anchor,
                                       SubjectSide::kBefore, EntityType::kOrg);
  ASSERT_GE(c, 0);
  EXPECT_EQ(corpus.index().cluster(c).id, "mek");
}

TEST(EntitiesTest, MentionsLooksAtThisSentenceAndTheOneBefore) {
  Corpus corpus({"The Acme Corporation grew. Profits rose. Then they fell."},
                GenericRules());
  ASSERT_EQ(corpus.doc(0).sentences.size(), 3u);
  EXPECT_TRUE(corpus.index().Mentions(corpus.mentions(0), 0, "acme-corporation"));
  EXPECT_TRUE(corpus.index().Mentions(corpus.mentions(0), 1, "acme-corporation"));
  EXPECT_FALSE(corpus.index().Mentions(corpus.mentions(0), 2, "acme-corporation"));
}

TEST(EntitiesTest, SpeakerStandsNextToTheSpeechVerb) {
  Corpus corpus({"Mr Jon Smith said Acme had grown. Acme told Mr Jon Smith nothing."},
                GenericRules());
  const EntityIndex& index = corpus.index();
  const size_t said = corpus.Offset(0, "said");
  const int before = index.ResolveSpeaker(corpus.mentions(0), 0, said, said + 4,
                                          SubjectSide::kAny);
  ASSERT_GE(before, 0);
  EXPECT_EQ(index.cluster(before).name, "Jon Smith");
  EXPECT_EQ(index.cluster(before).type, EntityType::kPerson);
  // Only what follows the verb: the company right after "said".
  const int after = index.ResolveSpeaker(corpus.mentions(0), 0, said, said + 4,
                                         SubjectSide::kAfter);
  ASSERT_GE(after, 0);
  EXPECT_EQ(index.cluster(after).name, "Acme");
  // "Acme told Mr Jon Smith": the one told is not the speaker.
  const size_t told = corpus.Offset(0, "told");
  const int teller = index.ResolveSpeaker(corpus.mentions(0), 1, told, told + 4,
                                          SubjectSide::kBefore);
  EXPECT_EQ(teller, after);
}

TEST(EntitiesTest, SpeakerFarFromTheVerbIsNotTaken) {
  Corpus corpus({"Mr Jon Smith, who runs the port, said little."}, GenericRules());
  const size_t said = corpus.Offset(0, "said");
  EXPECT_EQ(corpus.index().ResolveSpeaker(corpus.mentions(0), 0, said, said + 4,
                                          SubjectSide::kAny),
            -1);
}

}  // namespace
}  // namespace crosscheck
