#include "engine/rules/rule_set.h"

#include "engine/rules/words.h"
#include "engine/rules/yaml_util.h"

#include <re2/re2.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <set>

namespace fs = std::filesystem;

namespace crosscheck {

std::string_view EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kAny: return "any";
    case EntityType::kOrg: return "org";
    case EntityType::kPlace: return "place";
    case EntityType::kPerson: return "person";
    case EntityType::kEvent: return "event";
    case EntityType::kThing: return "thing";
    case EntityType::kNotPlace: return "not_place";
  }
  return "any";
}

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kInfo: return "info";
    case Severity::kPossible: return "possible";
    case Severity::kHigh: return "high";
  }
  return "info";
}

bool ParseSeverity(std::string_view text, Severity* out) {
  if (text == "high") *out = Severity::kHigh;
  else if (text == "possible") *out = Severity::kPossible;
  else if (text == "info") *out = Severity::kInfo;
  else return false;
  return true;
}

RuleSet::RuleSet() = default;
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet&&) noexcept = default;
RuleSet& RuleSet::operator=(RuleSet&&) noexcept = default;

const FactDef* RuleSet::FindFact(const std::string& id) const {
  for (const FactDef& f : facts_)
    if (f.id == id) return &f;
  return nullptr;
}

bool RuleSet::PackApplies(const std::string& pack, std::string_view text) const {
  auto it = scopes_.find(pack);
  if (it == scopes_.end()) return true;
  auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  };
  for (const std::string& word : it->second) {
    for (size_t p = text.find(word); p != std::string_view::npos;
         p = text.find(word, p + 1)) {
      const size_t e = p + word.size();
      if ((p == 0 || !is_word(text[p - 1])) && (e >= text.size() || !is_word(text[e])))
        return true;
    }
  }
  return false;
}

const EntityDef* RuleSet::FindEntity(const std::string& id) const {
  auto it = entity_index_.find(id);
  return it == entity_index_.end() ? nullptr : &entities_[it->second];
}

namespace {

// Limits on rule packs; a pack over one is refused with a message naming it.
// RE2's memory budget per pattern; a pattern that needs more is refused.
constexpr int64_t kPatternMaxMem = 8 << 20;
// All patterns together, in RE2 program instructions (the shipped packs
// need about 2,200): the per-pattern budget alone would let a pack of many
// patterns take gigabytes.
constexpr int64_t kMaxPatternInstructions = 1000000;
constexpr uint64_t kMaxRuleFileBytes = 4 << 20;  // the shipped files: 28 KB in all
constexpr size_t kMaxFacts = 2000;
constexpr size_t kMaxEntities = 20000;

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1,
                         prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

std::string DidYouMean(const std::string& key,
                       const std::vector<std::string>& known) {
  std::string best;
  size_t best_distance = 3;  // only close matches
  for (const std::string& k : known) {
    const size_t d = EditDistance(key, k);
    if (d < best_distance) {
      best_distance = d;
      best = k;
    }
  }
  return best.empty() ? "" : " (did you mean '" + best + "'?)";
}

// Collects errors of every file while loading goes on.
class Loader {
 public:
  std::vector<std::string> errors;
  std::vector<EntityDef> entities;
  std::vector<FactDef> facts;
  std::vector<std::string> packs;
  ScoringDef scoring;
  std::unordered_map<std::string, std::vector<std::string>> scopes;
  std::set<std::string> loaded_dirs;
  std::string current_pack;
  int64_t pattern_instructions = 0;  // all compiled patterns, for the budget

  void LoadPath(const fs::path& path, int depth);

 private:
  void Error(const std::string& file, const YAML::Node& node,
             const std::string& message) {
    errors.push_back(YamlWhere(file, node) + ": " + message);
  }
  void CheckKeys(const std::string& file, const YAML::Node& map,
                 const std::vector<std::string>& known,
                 const std::string& what);
  bool GetString(const std::string& file, const YAML::Node& node,
                 const std::string& what, std::string* out);
  bool GetStringList(const std::string& file, const YAML::Node& node,
                     const std::string& what, std::vector<std::string>* out);
  std::shared_ptr<const re2::RE2> Compile(const std::string& file,
                                    const YAML::Node& node,
                                    const std::string& pattern,
                                    const std::string& wrapped = "");
  void LoadFile(const fs::path& file, const std::string& pack, int priority,
                const fs::path& pack_dir, int depth);
  void LoadEntity(const std::string& file, const YAML::Node& node);
  void LoadScoring(const std::string& file, const YAML::Node& node);
  void LoadFact(const std::string& file, const YAML::Node& node,
                const std::string& pack, int priority);
};

void Loader::CheckKeys(const std::string& file, const YAML::Node& map,
                       const std::vector<std::string>& known,
                       const std::string& what) {
  for (const auto& kv : map) {
    const std::string key = kv.first.Scalar();
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      Error(file, kv.first,
            "unknown key '" + key + "' in " + what + DidYouMean(key, known));
    }
  }
}

bool Loader::GetString(const std::string& file, const YAML::Node& node,
                       const std::string& what, std::string* out) {
  return YamlString(file, node, what, out, &errors);
}

bool Loader::GetStringList(const std::string& file, const YAML::Node& node,
                           const std::string& what,
                           std::vector<std::string>* out) {
  if (node.IsScalar()) {
    out->push_back(node.Scalar());
    return true;
  }
  if (!node.IsSequence()) {
    Error(file, node, what + " must be a string or a list of strings");
    return false;
  }
  for (const auto& item : node) {
    if (!item.IsScalar()) {
      Error(file, item, what + " items must be strings");
      return false;
    }
    out->push_back(item.Scalar());
  }
  return true;
}

std::shared_ptr<const re2::RE2> Loader::Compile(const std::string& file,
                                          const YAML::Node& node,
                                          const std::string& pattern,
                                          const std::string& wrapped) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  options.set_max_mem(kPatternMaxMem);
  // Check the pattern alone first, so the message shows what the author wrote.
  auto re = std::make_shared<const re2::RE2>(pattern, options);
  // A pattern that matches the empty text matches at every position: as a
  // trigger it fires everywhere, as a condition it holds everywhere, as a
  // veto it vetoes everything. Always a mistake ('', '.*', 'in|').
  if (re->ok() && RE2::FullMatch("", *re)) {
    Error(file, node,
          "pattern '" + pattern + "' matches the empty text, so it matches everywhere");
    return nullptr;
  }
  if (re->ok() && !wrapped.empty())
    re = std::make_shared<const re2::RE2>(wrapped, options);
  if (!re->ok()) {
    std::string why = re->error();
    if (re->error_code() == RE2::ErrorPatternTooLarge)
      why += " (over the limit of " + std::to_string(kPatternMaxMem >> 20) +
             " MiB of RE2 memory per pattern)";
    Error(file, node, "invalid pattern '" + pattern + "': " + why);
    return nullptr;
  }
  pattern_instructions += re->ProgramSize();
  return re;
}

bool ParseKind(const std::string& text, ValueKind* kind) {
  static const std::pair<const char*, ValueKind> kKinds[] = {
      {"count", ValueKind::kCount},       {"ordinal", ValueKind::kOrdinal},
      {"percent", ValueKind::kPercent},   {"money", ValueKind::kMoney},
      {"quantity", ValueKind::kQuantity}, {"year", ValueKind::kYear},
      {"date", ValueKind::kDate},         {"daterange", ValueKind::kDateRange},
      {"duration", ValueKind::kDuration}};
  for (const auto& [name, k] : kKinds) {
    if (text == name) {
      *kind = k;
      return true;
    }
  }
  return false;
}

bool ParseEntityType(const std::string& text, EntityType* type) {
  static const std::pair<const char*, EntityType> kTypes[] = {
      {"any", EntityType::kAny},       {"org", EntityType::kOrg},
      {"place", EntityType::kPlace},   {"person", EntityType::kPerson},
      {"event", EntityType::kEvent},   {"thing", EntityType::kThing},
      {"not_place", EntityType::kNotPlace}};
  for (const auto& [name, t] : kTypes) {
    if (text == name) {
      *type = t;
      return true;
    }
  }
  return false;
}

bool ParseSide(const std::string& text, SubjectSide* side) {
  if (text == "before") *side = SubjectSide::kBefore;
  else if (text == "after") *side = SubjectSide::kAfter;
  else if (text == "any") *side = SubjectSide::kAny;
  else return false;
  return true;
}

void Loader::LoadEntity(const std::string& file, const YAML::Node& node) {
  if (!node.IsMap()) {
    Error(file, node, "an entity must be a map");
    return;
  }
  CheckKeys(file, node, {"id", "name", "type", "aliases", "descriptors"},
            "entity");
  EntityDef e;
  e.origin = YamlWhere(file, node);
  if (!node["id"]) {
    Error(file, node, "entity without 'id'");
    return;
  }
  if (!GetString(file, node["id"], "id", &e.id)) return;
  if (node["name"]) GetString(file, node["name"], "name", &e.name);
  if (e.name.empty()) e.name = e.id;
  if (node["type"]) {
    std::string t;
    if (GetString(file, node["type"], "type", &t) &&
        (!ParseEntityType(t, &e.type) || e.type == EntityType::kNotPlace ||
         e.type == EntityType::kAny)) {
      Error(file, node["type"],
            "unknown entity type '" + t +
                "' (org, place, person, event, thing)");
    }
  }
  if (node["aliases"]) GetStringList(file, node["aliases"], "aliases", &e.aliases);
  if (node["descriptors"])
    GetStringList(file, node["descriptors"], "descriptors", &e.descriptors);
  e.descriptor_packs.assign(e.descriptors.size(), current_pack);
  // A later pack adds aliases and descriptors to an entity it shares.
  for (EntityDef& existing : entities) {
    if (existing.id == e.id) {
      for (auto& a : e.aliases) existing.aliases.push_back(std::move(a));
      for (auto& d : e.descriptors) existing.descriptors.push_back(std::move(d));
      for (auto& p : e.descriptor_packs)
        existing.descriptor_packs.push_back(std::move(p));
      if (node["name"]) existing.name = e.name;
      if (node["type"]) existing.type = e.type;
      return;
    }
  }
  entities.push_back(std::move(e));
}

void Loader::LoadFact(const std::string& file, const YAML::Node& node,
                      const std::string& pack, int priority) {
  if (!node.IsMap()) {
    Error(file, node, "a fact must be a map");
    return;
  }
  CheckKeys(file, node,
            {"id", "label", "kind", "near", "before", "after", "exclude",
             "window", "subject", "tolerance", "severity", "message",
             "counts_as", "examples", "not_examples", "not_before", "not_after",
             "unit", "scope"},
            "fact");
  if (!node["id"]) {
    Error(file, node, "fact without 'id'");
    return;
  }
  std::string id;
  if (!GetString(file, node["id"], "id", &id)) return;
  // Same id as a fact of an extended pack: override it field by field. Same
  // id twice in one pack: a mistake.
  FactDef f;
  bool override = false;
  for (const FactDef& existing : facts) {
    if (existing.id != id) continue;
    if (existing.pack == pack) {
      Error(file, node["id"],
            "fact '" + id + "' is defined twice in pack '" + pack + "' (first at " +
                existing.origin + ")");
      return;
    }
    f = existing;
    override = true;
  }
  f.id = id;
  f.pack = pack;
  f.priority = priority;
  f.origin = YamlWhere(file, node);
  if (node["label"]) GetString(file, node["label"], "label", &f.label);
  if (f.label.empty()) f.label = f.id;
  std::vector<std::string> kinds;
  if (!node["kind"]) {
    if (!override) Error(file, node, "fact '" + f.id + "' has no 'kind'");
  } else if (GetStringList(file, node["kind"], "kind", &kinds)) {
    f.kinds.clear();
    for (const std::string& k : kinds) {
      ValueKind kind;
      if (!ParseKind(k, &kind)) {
        Error(file, node["kind"],
              "unknown kind '" + k +
                  "' (count, ordinal, percent, money, quantity, year, date, "
                  "daterange, duration)");
        continue;
      }
      f.kinds.push_back(kind);
    }
    if (!f.kinds.empty()) f.compare_kind = f.kinds.front();
    // A year fact also reads dates: it compares their years.
    if (f.compare_kind == ValueKind::kYear) {
      for (ValueKind k : {ValueKind::kDate, ValueKind::kDateRange}) {
        if (std::find(f.kinds.begin(), f.kinds.end(), k) == f.kinds.end())
          f.kinds.push_back(k);
      }
    }
  }
  if (const YAML::Node near = node["near"]) {
    f.near.clear();
    if (!near.IsSequence() && !near.IsScalar()) {
      Error(file, near, "'near' must be a pattern or a list of patterns");
    } else {
      std::vector<YAML::Node> items;
      if (near.IsScalar()) items.push_back(near);
      else for (const auto& item : near) items.push_back(item);
      for (const YAML::Node& item : items) {
        Trigger t;
        // Node::operator= writes through to the node it refers to; reset()
        // rebinds.
        YAML::Node pattern_node;
        pattern_node.reset(item);
        if (item.IsMap()) {
          CheckKeys(file, item, {"pattern", "subject"}, "trigger");
          pattern_node.reset(item["pattern"]);
          if (!pattern_node) {
            Error(file, item, "trigger without 'pattern'");
            continue;
          }
          if (item["subject"]) {
            std::string side;
            if (GetString(file, item["subject"], "subject", &side) &&
                !ParseSide(side, &t.subject)) {
              Error(file, item["subject"],
                    "trigger subject must be before, after or any");
            }
          }
        }
        if (!GetString(file, pattern_node, "pattern", &t.pattern)) continue;
        t.re = Compile(file, pattern_node, t.pattern);
        if (t.re) f.near.push_back(std::move(t));
      }
    }
  }
  // before/after (and their vetoes) are anchored at the value: authors
  // write the words only.
  auto anchored = [](const std::string& p, bool before) {
    return before ? "(?:" + p + ")\\s*$" : "^\\s*(?:" + p + ")";
  };
  std::string text;
  if (node["before"] && GetString(file, node["before"], "before", &text))
    f.before = Compile(file, node["before"], text, anchored(text, true));
  if (node["after"] && GetString(file, node["after"], "after", &text))
    f.after = Compile(file, node["after"], text, anchored(text, false));
  for (const char* key : {"not_before", "not_after"}) {
    if (!node[key]) continue;
    std::vector<std::string> patterns;
    if (!GetStringList(file, node[key], key, &patterns)) continue;
    const bool before = std::string(key) == "not_before";
    auto& list = before ? f.not_before : f.not_after;
    list.clear();
    for (const std::string& p : patterns) {
      if (auto re = Compile(file, node[key], p, anchored(p, before)))
        list.push_back(std::move(re));
    }
  }
  if (node["exclude"]) {
    f.exclude.clear();
    std::vector<std::string> patterns;
    if (GetStringList(file, node["exclude"], "exclude", &patterns)) {
      for (const std::string& p : patterns) {
        if (auto re = Compile(file, node["exclude"], p))
          f.exclude.push_back(std::move(re));
      }
    }
  }
  if (!override && !node["near"] && !node["before"] && !node["after"]) {
    Error(file, node,
          "fact '" + f.id + "' needs at least one of near, before, after");
  }
  if (const YAML::Node w = node["window"]) {
    try {
      f.window = w.as<int>();
      if (f.window <= 0 || f.window > 2000)
        Error(file, w, "window must be between 1 and 2000 bytes");
    } catch (const YAML::Exception&) {
      Error(file, w, "window must be a whole number of bytes");
    }
  }
  if (const YAML::Node s = node["subject"]) {
    if (!s.IsMap()) {
      Error(file, s, "subject must be a map: {entity: ID} or {type: org}");
    } else {
      CheckKeys(file, s, {"entity", "type", "side", "within"}, "subject");
      if (s["within"]) {
        try {
          f.subject_within = s["within"].as<int>();
          if (f.subject_within <= 0 || f.subject_within > 2000)
            Error(file, s["within"], "subject within must be between 1 and 2000 bytes");
        } catch (const YAML::Exception&) {
          Error(file, s["within"], "subject within must be a whole number of bytes");
        }
      }
      if (s["entity"]) GetString(file, s["entity"], "entity", &f.subject_entity);
      if (s["type"]) {
        std::string t;
        if (GetString(file, s["type"], "type", &t) &&
            !ParseEntityType(t, &f.subject_type))
          Error(file, s["type"],
                "unknown subject type '" + t +
                    "' (any, org, place, person, event, thing, not_place)");
      }
      if (s["side"]) {
        std::string side;
        if (GetString(file, s["side"], "side", &side) &&
            !ParseSide(side, &f.subject_side))
          Error(file, s["side"], "subject side must be before, after or any");
      }
    }
  }
  if (const YAML::Node t = node["tolerance"]) {
    if (!t.IsMap()) {
      Error(file, t, "tolerance must be a map: {absolute: N} or {relative: R}");
    } else {
      CheckKeys(file, t, {"absolute", "relative"}, "tolerance");
      try {
        if (t["absolute"]) f.tolerance_absolute = t["absolute"].as<double>();
        if (t["relative"]) f.tolerance_relative = t["relative"].as<double>();
        // .nan passes every comparison below; .inf makes every value agree.
        if (!std::isfinite(f.tolerance_absolute) || !std::isfinite(f.tolerance_relative) ||
            f.tolerance_absolute < 0 || f.tolerance_relative < 0 ||
            f.tolerance_relative >= 1)
          Error(file, t, "tolerance must be >= 0 (relative below 1) and finite");
      } catch (const YAML::Exception&) {
        Error(file, t, "tolerance values must be numbers (within the range of a double)");
      }
    }
  }
  if (node["severity"]) {
    std::string s;
    if (GetString(file, node["severity"], "severity", &s) &&
        !ParseSeverity(s, &f.severity))
      Error(file, node["severity"], "severity must be high, possible or info");
  }
  if (node["message"]) GetString(file, node["message"], "message", &f.message);
  if (node["counts_as"])
    GetString(file, node["counts_as"], "counts_as", &f.counts_as);
  if (node["examples"] || node["not_examples"]) f.examples.clear();
  if (node["unit"]) GetString(file, node["unit"], "unit", &f.unit);
  if (const YAML::Node scope = node["scope"]) {
    std::vector<std::string> parts;
    if (GetStringList(file, scope, "scope", &parts)) {
      f.scope = 0;
      for (const std::string& part : parts) {
        if (part == "headline") f.scope |= kScopeHeadline;
        else if (part == "body") f.scope |= kScopeBody;
        else if (part == "quote") f.scope |= kScopeQuote;
        else
          Error(file, scope,
                "unknown scope '" + part + "' (headline, body, quote)" +
                    DidYouMean(part, {"headline", "body", "quote"}));
      }
    }
  }
  if (const YAML::Node list = node["examples"]) {
    if (!list.IsSequence()) {
      Error(file, list, "examples must be a list of {text, value} maps");
    } else {
      for (const auto& item : list) {
        if (!item.IsMap()) {
          Error(file, item, "an example must be a map: {text: ..., value: ...}");
          continue;
        }
        CheckKeys(file, item, {"text", "value", "qualifier", "subject", "published"},
                  "example");
        RuleExample e;
        e.origin = YamlWhere(file, item);
        if (!item["text"]) Error(file, item, "example without 'text'");
        else GetString(file, item["text"], "text", &e.text);
        if (!item["value"]) Error(file, item, "example without 'value'");
        else GetString(file, item["value"], "value", &e.value);
        if (item["qualifier"]) GetString(file, item["qualifier"], "qualifier", &e.qualifier);
        if (item["subject"]) GetString(file, item["subject"], "subject", &e.subject);
        if (item["published"]) GetString(file, item["published"], "published", &e.published);
        f.examples.push_back(std::move(e));
      }
    }
  }
  if (const YAML::Node list = node["not_examples"]) {
    if (!list.IsSequence()) {
      Error(file, list, "not_examples must be a list of texts");
    } else {
      for (const auto& item : list) {
        RuleExample e;
        e.origin = YamlWhere(file, item);
        e.must_match = false;
        if (GetString(file, item, "not_examples item", &e.text))
          f.examples.push_back(std::move(e));
      }
    }
  }
  if (override) {
    for (FactDef& existing : facts)
      if (existing.id == f.id) existing = std::move(f);
    return;
  }
  facts.push_back(std::move(f));
}

void Loader::LoadScoring(const std::string& file, const YAML::Node& node) {
  if (!node.IsMap()) {
    Error(file, node, "scoring must be a map with weights:, anonymous:, attribution:, clickbait:");
    return;
  }
  CheckKeys(file, node, {"weights", "anonymous", "attribution", "clickbait"}, "scoring");
  scoring.origin = YamlWhere(file, node);
  if (const YAML::Node weights = node["weights"]) {
    if (!weights.IsMap()) {
      Error(file, weights, "weights must be a map of component: weight");
    } else {
      CheckKeys(file, weights, ScoreComponentNames(), "weights");
      for (const auto& kv : weights) {
        const std::string name = kv.first.Scalar();
        double w = -1;
        if (!kv.second.IsScalar() || !YAML::convert<double>::decode(kv.second, w) ||
            !(w >= 0 && w <= 100)) {
          Error(file, kv.second, "weight of " + name + " must be a number from 0 to 100");
          continue;
        }
        auto it = std::find_if(scoring.weights.begin(), scoring.weights.end(),
                               [&](const auto& p) { return p.first == name; });
        if (it != scoring.weights.end()) it->second = w;
        else scoring.weights.emplace_back(name, w);
      }
    }
  }
  for (const char* key : {"anonymous", "attribution"}) {
    const YAML::Node list = node[key];
    if (!list) continue;
    std::vector<std::string> phrases;
    if (!GetStringList(file, list, key, &phrases)) continue;
    for (std::string& p : phrases) {
      p = AsciiLower(p);
      if (p.empty()) Error(file, list, std::string(key) + " has an empty phrase");
    }
    (std::string(key) == "anonymous" ? scoring.anonymous : scoring.attribution) =
        std::move(phrases);
  }
  if (const YAML::Node list = node["clickbait"]) {
    if (!list.IsSequence()) {
      Error(file, list, "clickbait must be a list of {label, pattern}");
      return;
    }
    std::vector<ScoringDef::Pattern> patterns;
    for (const auto& item : list) {
      if (!item.IsMap()) {
        Error(file, item, "clickbait items must be maps with label: and pattern:");
        continue;
      }
      CheckKeys(file, item, {"label", "pattern"}, "clickbait item");
      ScoringDef::Pattern p;
      if (!item["label"] || !item["pattern"]) {
        Error(file, item, "a clickbait item needs label: and pattern:");
        continue;
      }
      if (!GetString(file, item["label"], "label", &p.label) ||
          !GetString(file, item["pattern"], "pattern", &p.pattern))
        continue;
      p.re = Compile(file, item["pattern"], p.pattern);
      if (p.re) patterns.push_back(std::move(p));
    }
    scoring.clickbait = std::move(patterns);
  }
}

void Loader::LoadFile(const fs::path& path, const std::string& pack,
                      int priority, const fs::path& pack_dir, int depth) {
  const std::string file = path.string();
  YAML::Node root;
  if (!LoadYamlFile(file, "rule file", kMaxRuleFileBytes, &root, &errors)) return;
  if (root.IsNull()) return;  // an empty file is an empty pack
  if (!root.IsMap()) {
    Error(file, root, "a rule file must be a map with entities: and facts:");
    return;
  }
  CheckKeys(file, root,
            {"pack", "extends", "applies_to", "entities", "facts", "scoring",
             "description"},
            "rule file");
  if (root["extends"]) {
    std::vector<std::string> parents;
    if (GetStringList(file, root["extends"], "extends", &parents)) {
      for (const std::string& parent : parents) {
        const fs::path dir = pack_dir.parent_path() / parent;
        if (!fs::is_directory(dir)) {
          Error(file, root["extends"],
                "extends '" + parent + "': no pack folder " + dir.string());
          continue;
        }
        LoadPath(dir, depth + 1);
      }
    }
  }
  // The pack's own definitions come after the packs it extends.
  current_pack = pack;
  if (root["applies_to"]) {
    std::vector<std::string> words;
    if (GetStringList(file, root["applies_to"], "applies_to", &words)) {
      if (words.empty()) Error(file, root["applies_to"], "applies_to is empty");
      auto& scope = scopes[pack];
      scope.insert(scope.end(), words.begin(), words.end());
    }
  }
  try {
    if (const YAML::Node list = root["entities"]) {
      if (!list.IsSequence()) Error(file, list, "entities must be a list");
      else for (const auto& item : list) {
        if (entities.size() >= kMaxEntities) {
          Error(file, item, "more than " + std::to_string(kMaxEntities) +
                                " entities in the packs (the limit)");
          break;
        }
        LoadEntity(file, item);
      }
    }
    if (const YAML::Node list = root["facts"]) {
      if (!list.IsSequence()) Error(file, list, "facts must be a list");
      else for (const auto& item : list) {
        if (facts.size() >= kMaxFacts) {
          Error(file, item, "more than " + std::to_string(kMaxFacts) +
                                " facts in the packs (the limit)");
          break;
        }
        LoadFact(file, item, pack, priority);
      }
    }
    if (const YAML::Node node = root["scoring"]) LoadScoring(file, node);
  } catch (const YAML::Exception& e) {
    // A shape the checks above did not foresee; never let it escape.
    errors.push_back(YamlError(file, e));
  }
}

void Loader::LoadPath(const fs::path& path, int depth) {
  if (depth > 8) {
    errors.push_back(path.string() + ": extends chain too deep");
    return;
  }
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(path, ec);
  const std::string key = ec ? path.string() : canonical.string();
  if (!loaded_dirs.insert(key).second) return;  // each pack once
  if (!fs::exists(path)) {
    errors.push_back(path.string() + ": no such rule file or folder");
    return;
  }
  std::vector<fs::path> files;
  fs::path pack_dir = path;
  if (fs::is_directory(path)) {
    for (const auto& entry : fs::directory_iterator(path, ec)) {
      const std::string ext = entry.path().extension().string();
      if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml"))
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
    pack_dir = path.parent_path();
  }
  // Folder of folders (rules/): load each pack inside.
  if (files.empty() && fs::is_directory(path)) {
    std::vector<fs::path> dirs;
    for (const auto& entry : fs::directory_iterator(path, ec))
      if (entry.is_directory()) dirs.push_back(entry.path());
    std::sort(dirs.begin(), dirs.end());
    for (const fs::path& d : dirs) LoadPath(d, depth + 1);
    if (dirs.empty()) errors.push_back(path.string() + ": no rule files");
    return;
  }
  const std::string pack = pack_dir.filename().string();
  // Extended packs load first (inside LoadFile), so this pack's priority is
  // taken after them.
  for (const fs::path& f : files) {
    const int priority = static_cast<int>(packs.size());
    LoadFile(f, pack, priority, pack_dir, depth);
  }
  packs.push_back(pack);
  // Priorities: a pack outranks the packs it extends.
  for (FactDef& fact : facts)
    if (fact.pack == pack) fact.priority = static_cast<int>(packs.size());
}

}  // namespace

StatusOr<RuleSet> LoadRuleSet(const std::vector<std::string>& paths) {
  Loader loader;
  for (const std::string& p : paths) loader.LoadPath(p, 0);
  // counts_as must name a fact that does not itself count as another.
  for (const FactDef& f : loader.facts) {
    if (f.counts_as.empty()) continue;
    const auto target = std::find_if(
        loader.facts.begin(), loader.facts.end(),
        [&](const FactDef& g) { return g.id == f.counts_as; });
    if (target == loader.facts.end())
      loader.errors.push_back(f.origin + ": fact '" + f.id +
                              "' counts as unknown fact '" + f.counts_as + "'");
    else if (!target->counts_as.empty())
      loader.errors.push_back(f.origin + ": fact '" + f.id + "' counts as '" +
                              f.counts_as + "', which itself counts as another");
  }
  // Facts that name an entity must name a known one.
  for (const FactDef& f : loader.facts) {
    if (f.subject_entity.empty()) continue;
    const bool known = std::any_of(
        loader.entities.begin(), loader.entities.end(),
        [&](const EntityDef& e) { return e.id == f.subject_entity; });
    if (!known)
      loader.errors.push_back(f.origin + ": fact '" + f.id +
                              "' names unknown entity '" + f.subject_entity +
                              "'");
  }
  if (loader.pattern_instructions > kMaxPatternInstructions)
    loader.errors.push_back("rule packs: their patterns need " +
                            std::to_string(loader.pattern_instructions) +
                            " RE2 instructions, over the limit of " +
                            std::to_string(kMaxPatternInstructions));
  if (!loader.errors.empty()) {
    std::string message;
    for (const std::string& e : loader.errors) {
      if (!message.empty()) message += "\n";
      message += e;
    }
    return Status::InvalidArgument(message);
  }
  if (loader.facts.empty())
    return Status::InvalidArgument("no facts in rule packs");
  RuleSet set;
  set.entities_ = std::move(loader.entities);
  set.facts_ = std::move(loader.facts);
  set.packs_ = std::move(loader.packs);
  set.scoring_ = std::move(loader.scoring);
  set.scopes_ = std::move(loader.scopes);
  for (size_t i = 0; i < set.entities_.size(); ++i)
    set.entity_index_[set.entities_[i].id] = i;
  return set;
}

const std::vector<std::string>& ScoreComponentNames() {
  static const std::vector<std::string> names = {
      "consistency", "independence", "hygiene",
      "transparency", "language", "sensationalism"};
  return names;
}

std::string DefaultRulesDir() {
  if (const char* env = std::getenv("CROSSCHECK_RULES"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" /
                               "crosscheck" / "rules";
    if (fs::is_directory(installed)) return installed.string();
  }
#ifdef CROSSCHECK_SOURCE_RULES_DIR
  return CROSSCHECK_SOURCE_RULES_DIR;
#else
  return "rules";
#endif
}

}  // namespace crosscheck
