// Entities: who and what the claims are about.
//
// Flow, for a corpus:
//   EntityIndex index(rules);            // aliases and descriptors of packs
//   DocMentions m = index.Scan(doc);     // per document, thread-safe
//   index.Add(m) for every document;     // links found in the texts
//   index.Finish();                      // clusters across the corpus
//   index.Resolve(...)                   // subject of a claim
//
// Mentions are names (declared aliases, or proper-name chunks found in the
// text), descriptors ("the group": a declared phrase, or a generic noun such
// as "a ... opposition group") and pronouns. Names that a text ties together
// ("the Mujahedeen Khalq (M.E.K.)", "X, known as Y", "Y, or X") and person
// names by their last name ("Edi Rama", "Mr Rama") fall into one cluster for
// the whole corpus; a cluster that holds a declared alias takes the declared
// entity's id. So the generic packs group "M.E.K." and "People's Mujahideen"
// without a story pack, and a story pack only adds aliases.
#ifndef CROSSCHECK_ENGINE_RULES_ENTITIES_H_
#define CROSSCHECK_ENGINE_RULES_ENTITIES_H_

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "crosscheck/document.h"
#include "engine/rules/rule_set.h"
#include "engine/rules/words.h"

namespace crosscheck {

enum class MentionKind { kName, kDescriptor, kPronoun };

struct Mention {
  size_t start = 0;  // byte offsets into Document::text
  size_t end = 0;
  size_t outer_start = 0;  // start with the titles before it ("Mr Jon Smith")
  MentionKind kind = MentionKind::kName;
  std::string key;      // names: NameKey of the name
  int entity = -1;      // declared entity (alias or declared descriptor)
  bool person_hint = false;  // after a title or role ("Mr", "spokesman")
  bool tentative = false;    // one capitalised word opening a sentence
  bool indefinite = false;   // "a ... group"
  bool person_pronoun = false;  // he, his, she, her
  int appositive = -1;  // descriptors: index of the name it is in apposition to
  bool possessive = false;   // names: "Newcastle's"
  bool attributive = false;  // names before a role noun: "Newcastle centre"
};

struct DocMentions {
  std::vector<std::vector<Mention>> by_sentence;  // Document::sentences order
  std::vector<std::pair<std::string, std::string>> links;  // same entity
  std::vector<std::string> person_keys;  // names seen with a title/role
  std::vector<std::string> firm_keys;    // names seen mid-sentence
};

struct Cluster {
  std::string id;    // entity id or slug of its best name
  std::string name;  // display name
  EntityType type = EntityType::kOrg;
};

class EntityIndex {
 public:
  explicit EntityIndex(const RuleSet& rules);
  ~EntityIndex();
  EntityIndex(const EntityIndex&) = delete;
  EntityIndex& operator=(const EntityIndex&) = delete;

  // Finds the mentions in every sentence of `doc`. Thread-safe.
  DocMentions Scan(const Document& doc) const;
  // The same with the document's words already split (`words` of `doc`).
  DocMentions Scan(const Document& doc, const SentenceWords& words) const;
  // Records the names and links of one scanned document. Not thread-safe.
  void Add(const DocMentions& mentions);
  // The same in parts: `count` occurrences of the name `key` (tied to the
  // declared entity `entity` when >= 0), then the document's links and its
  // person and firm keys.
  void AddName(const std::string& key, int entity, int count);
  void AddRelations(const std::vector<std::pair<std::string, std::string>>& links,
                    const std::vector<std::string>& person_keys,
                    const std::vector<std::string>& firm_keys);
  // Builds the clusters from everything added so far. More may be added
  // after, then Finish() again: the clusters are those of an index given
  // everything at once, in any order. Names added since the last Finish()
  // have no cluster until the next.
  void Finish();

  // What the last Finish() changed since the one before: the name keys
  // whose cluster is another (its id, name or type differ, or it has one now
  // or no more: new names too), the declared entities whose cluster is
  // another, and the keys that became firm (seen mid-sentence: a tentative
  // mention of them has a cluster now). `all` after the first Finish().
  // A mention's ClusterOf() view is the same as before unless its key or
  // entity is listed, or its key is in firm_keys and it is tentative.
  struct Changes {
    bool all = true;
    std::vector<std::string> keys;
    std::vector<int> entities;
    std::vector<std::string> firm_keys;
  };
  const Changes& changes() const { return changes_; }

  // The cluster of a name or declared mention; -1 for none (or a tentative
  // name never seen mid-sentence).
  int ClusterOf(const Mention& mention) const;
  const Cluster& cluster(int index) const { return clusters_[index]; }
  int FindCluster(const std::string& entity_id) const;

  // The entity that a claim anchored at `anchor` in sentence `sentence` is
  // about: the nearest fitting mention on `side` (names, descriptors and
  // pronouns resolved), then the subjects of the sentences before. -1 when
  // nothing fits. Thread-safe after Finish().
  // With `within` > 0 only mentions that close to the anchor count (no
  // pronoun or descriptor is followed further).
  int Resolve(const DocMentions& mentions, int sentence, size_t anchor,
              SubjectSide side, EntityType want, size_t within = 0) const;
  // The speaker of the speech verb at [start, end): the person or
  // organisation named (or a pronoun) right before it (side kBefore), right
  // after it (kAfter), or either (kAny). -1 when there is none.
  int ResolveSpeaker(const DocMentions& mentions, int sentence, size_t start,
                     size_t end, SubjectSide side) const;
  // True when `entity_id` is mentioned in the sentence (or the one before).
  bool Mentions(const DocMentions& mentions, int sentence,
                const std::string& entity_id) const;

 private:
  bool Fits(int cluster, EntityType want) const;
  int ResolveMention(const DocMentions& m, int sentence, const Mention& mention,
                     EntityType want, int depth) const;
  int ResolveBack(const DocMentions& m, int sentence, EntityType want,
                  int depth) const;
  int FirstFitting(const DocMentions& m, int sentence, EntityType want,
                   int depth) const;
  int NodeOf(const std::string& key);
  int EntityNode(int entity);  // NodeOf("#" + the entity's id), kept
  void MarkDirty(int node);
  int Find(int node);
  // Joins two nodes' groups (the smaller into the larger) and marks the
  // group dirty.
  void Union(int a, int b);
  // Records cluster c's base id (cluster_base_[c]) in base_clusters_ and
  // suffixed_, or takes it out.
  void AddBase(int c);
  void RemoveBase(int c);

  const RuleSet& rules_;
  // (name key, entity) of every alias, sorted by key, a key once (its first
  // entity): Scan() goes on to a longer name only while some key begins
  // with the name so far.
  std::vector<std::pair<std::string, int>> aliases_;
  // Every byte prefix of every alias key: a name whose key is not here
  // begins no alias, and the sorted search is skipped (most names).
  HashFilter alias_prefixes_;
  struct DescriptorDef {
    int entity;
    std::string pack;
  };
  std::unordered_map<std::string, DescriptorDef> descriptor_;  // lower phrase
  // Every descriptor's first word, first two words... and the whole: a run
  // of words not here begins no descriptor (most words).
  HashFilter descriptor_prefixes_;
  // The packs the descriptors come from, each once: a document none of
  // them applies to has no declared descriptor to look for.
  std::vector<std::string> descriptor_packs_;
  size_t max_alias_words_ = 1;
  size_t max_descriptor_words_ = 1;

  // Union-find over name keys and declared entities ("#id"): a node is its
  // key's id in nodes_.
  KeyTable nodes_;
  std::vector<int> parent_;
  std::vector<int> node_count_;
  std::vector<char> node_person_;  // its key is in person_keys_
  // Each group's nodes in a ring (next_), and its size at its root.
  std::vector<int> next_;
  std::vector<int> group_size_;
  std::vector<int> dirty_;  // nodes whose group changed since the last Finish()
  std::vector<int> entity_node_;  // declared entity -> its "#id" node, -1 until made
  KeyTable person_keys_;
  KeyTable firm_keys_;
  std::vector<int> node_cluster_;  // node -> cluster
  std::vector<Cluster> clusters_;  // free slots: empty id, listed below
  std::vector<int> entity_cluster_;  // declared entity -> cluster
  // Per cluster: the root of its group (-1: a free slot), its base id
  // (before a suffix) and its rank for the base id.
  struct Rank {
    bool declared = false;
    int mentions = 0;
    int first_node = -1;  // its group's first node in key order
  };
  std::vector<int> cluster_root_;
  std::vector<std::string> cluster_base_;
  std::vector<Rank> cluster_rank_;
  std::vector<int> free_clusters_;
  bool bases_known_ = false;  // base_clusters_ and suffixed_ are kept
  std::unordered_map<std::string, std::vector<int>> base_clusters_;
  // "x" -> the base ids "x-2", "x-17"... that clusters have.
  std::unordered_map<std::string, std::vector<std::string>> suffixed_;
  std::unordered_map<std::string, int> cluster_by_id_;
  std::unordered_map<std::string, int> entity_by_id_;
  std::vector<std::vector<std::string>> alias_keys_;  // per entity: NameKey()s
  bool finished_ = false;
  std::vector<std::string> new_firm_keys_;  // firm since the last Finish()
  Changes changes_;
};

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_RULES_ENTITIES_H_
