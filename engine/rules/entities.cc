#include "engine/rules/entities.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <map>
#include <tuple>
#include <unordered_set>

#include "engine/rules/words.h"

namespace crosscheck {
namespace {

// Words that open a sentence without being a name.
const WordSet& FunctionWords() {
  static const auto* words = new WordSet{
      "The", "A", "An", "In", "On", "At", "But", "And", "Or", "If", "As",
      "For", "From", "To", "With", "By", "Since", "After", "Before", "While",
      "When", "This", "That", "These", "Those", "It", "He", "She", "They",
      "We", "I", "You", "Its", "Their", "His", "Her", "Our", "My", "There",
      "Here", "What", "How", "Why", "Who", "Where", "Meanwhile", "However",
      "Also", "Even", "Just", "Although", "Both", "Instead", "Because",
      "Yet", "So", "Then", "Now", "Some", "Many", "Most", "All", "No", "Not",
      "Another", "Other", "Such", "Each", "Every", "One", "Two", "Three",
      "Former", "Last", "Next", "Of", "Under", "Over", "Until", "During",
      "Despite", "Among", "Without", "Within", "Thank", "Please", "Your",
      "Do", "Does", "Did", "Is", "Are", "Was", "Were", "Will", "Would",
      "Can", "Could", "Should", "May", "Might", "Must", "Let", "Like",
      "About", "Around", "Nearly", "Almost", "Roughly", "Only", "Currently",
      "Still", "Already", "Once", "Later", "Earlier", "Today", "Yesterday",
      "Overall", "Separately", "Elsewhere", "According", "Asked"};
  return *words;
}

// Titles dropped from the front of a name; they mark a person.
const WordSet& TitleWords() {
  static const auto* words = new WordSet{
      "Mr", "Mrs", "Ms", "Dr", "Prof", "Professor", "Prime", "Minister",
      "President", "Vice", "Deputy", "Secretary", "General", "Gen", "Sen",
      "Senator", "Rep", "Representative", "Governor", "Gov", "Mayor",
      "Judge", "Justice", "Chief", "Lord", "Sir", "Dame", "King", "Queen",
      "Prince", "Princess", "Pope", "Chancellor", "Director", "Defense",
      "Defence", "Foreign", "Interior", "Finance", "Health", "Lawyer",
      "Ambassador", "Commissioner", "Sheriff", "Captain", "Colonel",
      "Sergeant", "Officer", "Inspector", "Spokesman", "Spokeswoman", "Saint"};
  return *words;
}

// Lower-case role nouns right before a name mark a person.
const WordSet& RoleWords() {
  static const auto* words = new WordSet{
      "spokesman", "spokeswoman", "spokesperson", "analyst", "expert",
      "lawyer", "politician", "minister", "president", "director", "chief",
      "head", "leader", "official", "ambassador", "secretary", "reporter",
      "correspondent", "researcher", "professor", "mayor", "governor",
      "senator", "chairman", "chairwoman", "commander", "general", "judge",
      "economist", "scientist", "actor", "actress", "singer", "player",
      "coach", "manager", "captain", "author", "writer", "editor"};
  return *words;
}

// Role nouns a name can modify ("Newcastle centre", "Labour leader"): the
// name before them is attributive, not the person meant.
const WordSet& AttributiveRoles() {
  static const auto* words = new WordSet{
      "centre", "center", "star", "striker", "player", "forward", "winger",
      "prop", "lock", "captain", "coach", "midfielder", "defender", "keeper",
      "goalkeeper", "batsman", "bowler", "fly-half", "full-back", "scrum-half",
      "flanker", "hooker", "manager", "boss", "chief", "executive", "singer",
      "actor", "actress", "leader", "spokesman", "spokeswoman", "minister",
      "chairman", "director", "president", "official", "officials", "worker",
      "workers", "resident", "residents", "fan", "fans", "mp", "mps", "mep",
      "member", "members", "candidate", "rider", "driver", "runner", "sprinter",
      "champion", "international", "teenager", "youngster", "veteran"};
  return *words;
}

const WordSet& DescriptorNouns() {
  static const auto* words = new WordSet{
      "group", "organisation", "organization", "movement", "party", "cult",
      "militia", "company", "firm", "agency", "alliance", "network",
      "association", "union", "council", "committee", "coalition"};
  return *words;
}

// Capitalised words that are never the name of an entity.
const WordSet& NotNames() {
  static const auto* words = new WordSet{
      "January", "February", "March", "April", "May", "June", "July",
      "August", "September", "October", "November", "December", "Jan",
      "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov",
      "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
      "Saturday", "Sunday", "I"};
  return *words;
}

// True when `name` holds `noun` (lower case) as a word, in any case:
// "Quayside Workers' Union" holds "union".
bool NameHasWord(std::string_view name, std::string_view noun) {
  if (noun.empty()) return false;
  for (size_t p = 0; p + noun.size() <= name.size(); ++p) {
    if (p > 0 && name[p - 1] != ' ') continue;
    const size_t e = p + noun.size();
    if (e < name.size() && name[e] != ' ') continue;
    bool same = true;
    for (size_t i = 0; i < noun.size() && same; ++i) {
      char c = name[p + i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      same = c == noun[i];
    }
    if (same) return true;
  }
  return false;
}

bool IsContraction(std::string_view w) {
  // U+2019 is "\xE2\x80\x99"; the strings are split so no letter joins the
  // hex escape.
  for (std::string_view suffix : {"'ve", "'ll", "'re", "'m", "'d", "n't",
                                  "\xE2\x80\x99" "ve", "\xE2\x80\x99" "ll",
                                  "\xE2\x80\x99" "re", "\xE2\x80\x99" "m",
                                  "\xE2\x80\x99" "d", "n\xE2\x80\x99" "t"}) {
    if (w.size() > suffix.size() &&
        w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0)
      return true;
  }
  return false;
}

// `w` == `word`, the comparison of a known length made inline (these run
// on every word; string_view's == calls memcmp for each).
template <size_t N>
bool Is(std::string_view w, const char (&word)[N]) {
  return w.size() == N - 1 && std::memcmp(w.data(), word, N - 1) == 0;
}

bool IsPronoun(std::string_view lower) {
  return Is(lower, "it") || Is(lower, "its") || Is(lower, "they") ||
         Is(lower, "their") || Is(lower, "them") || Is(lower, "he") ||
         Is(lower, "his") || Is(lower, "him") || Is(lower, "she") || Is(lower, "her");
}

bool IsPersonPronoun(std::string_view lower) {
  return Is(lower, "he") || Is(lower, "his") || Is(lower, "him") || Is(lower, "she") ||
         Is(lower, "her");
}

// Capitalised at the start of a sentence, these speak for no one named.
const WordSet& GenericSpeakers() {
  static const auto* words = new WordSet{
      "Officials", "Police", "Experts", "Analysts", "Critics", "Residents",
      "Witnesses", "Sources", "Investigators", "Authorities", "Researchers",
      "Scientists", "Doctors", "Officers", "Protesters", "Reports", "Others",
      "Many", "Some", "Insiders", "Observers", "Diplomats", "Lawyers",
      "Prosecutors", "Engineers", "Locals", "Villagers", "Survivors",
      "Campaigners", "Activists", "Economists", "Ministers", "Leaders",
      "Defectors", "Customers", "Workers", "Students", "Parents", "People"};
  return *words;
}

bool IsConnector(std::string_view w) {
  return Is(w, "of") || Is(w, "de") || Is(w, "al") || Is(w, "the") || Is(w, "von") ||
         Is(w, "van") || Is(w, "du") || Is(w, "del") || Is(w, "la") || Is(w, "for");
}

bool OnlySpaces(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (c != ' ') return false;
  return true;
}

// True when nothing but punctuation and spaces stands before `pos` in the
// sentence (start of sentence, or right after an opening quote).
// True when the word at `pos` opens a sentence or a clause: nothing but
// punctuation and spaces before it, or a dash or colon right before it
// ("PELLRIDGE — More than 5,000 ...", "Update: Police said ...").
bool SentenceInitial(std::string_view sentence, size_t pos) {
  size_t i = pos;
  while (i > 0 && sentence[i - 1] == ' ') --i;
  if (i > 0 && (sentence[i - 1] == ':' || sentence[i - 1] == '-' ||
                (i >= 3 && sentence.compare(i - 3, 3, "\xE2\x80\x94") == 0) ||
                (i >= 3 && sentence.compare(i - 3, 3, "\xE2\x80\x93") == 0)))
    return true;
  for (size_t k = 0; k < pos; ++k) {
    const unsigned char c = static_cast<unsigned char>(sentence[k]);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9'))
      return false;
  }
  return true;
}

bool StartsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

std::string Trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == ',')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == ',')) --b;
  return std::string(s.substr(a, b - a));
}

// Text between two names that says they are the same entity.
bool IsAliasLink(std::string_view between, std::string_view after_b,
                 bool b_is_acronym) {
  const std::string t = AsciiLower(Trim(between));
  if (t == "(" && StartsWith(after_b, ")")) return true;
  for (const char* noun : {"group (", "organisation (", "organization (",
                           "party (", "movement ("}) {
    if (t == noun && StartsWith(after_b, ")")) return true;
  }
  for (const char* known : {"known as", "known as the", "also known as",
                            "also known as the", "better known as",
                            "better known as the", "called", "called the"}) {
    if (t == known) return true;
  }
  if (b_is_acronym && (t == "or" || t == "or the")) return true;
  return false;
}

std::string Slug(std::string_view name) {
  std::string out;
  bool dash = false;
  for (char c : NameKey(name)) {
    const unsigned char u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')) {
      if (dash && !out.empty()) out.push_back('-');
      out.push_back(c);
      dash = false;
    } else if (u >= 'A' && u <= 'Z') {
      if (dash && !out.empty()) out.push_back('-');
      out.push_back(static_cast<char>(u - 'A' + 'a'));
      dash = false;
    } else if (u >= 0x80) {
      out.push_back(c);  // keep non-ASCII letters as they are
    } else {
      dash = true;
    }
  }
  return out.empty() ? "entity" : out;
}

}  // namespace

EntityIndex::EntityIndex(const RuleSet& rules)
    : rules_(rules), entity_node_(rules.entities().size(), -1) {
  const auto& entities = rules.entities();
  for (size_t i = 0; i < entities.size(); ++i) {
    const int idx = static_cast<int>(i);
    auto add_alias = [&](const std::string& alias) {
      const std::string key = NameKey(alias);
      if (key.empty()) return;
      aliases_.emplace_back(key, idx);
      max_alias_words_ =
          std::max(max_alias_words_, SplitWords(alias).size());
    };
    add_alias(entities[i].name);
    for (const std::string& a : entities[i].aliases) add_alias(a);
    for (size_t di = 0; di < entities[i].descriptors.size(); ++di) {
      const std::string& d = entities[i].descriptors[di];
      const std::vector<Word> words = SplitWords(d);
      std::string key;
      for (const Word& w : words) {
        if (!key.empty()) key.push_back(' ');
        key += AsciiLower(std::string_view(d).substr(w.start, w.end - w.start));
      }
      if (key.empty()) continue;
      descriptor_.emplace(key, DescriptorDef{idx, entities[i].descriptor_packs[di]});
      const std::string& pack = entities[i].descriptor_packs[di];
      if (std::find(descriptor_packs_.begin(), descriptor_packs_.end(), pack) ==
          descriptor_packs_.end())
        descriptor_packs_.push_back(pack);
      for (size_t space = key.find(' '); space != std::string::npos;
           space = key.find(' ', space + 1))
        descriptor_prefixes_.insert(key.substr(0, space));
      descriptor_prefixes_.insert(key);
      max_descriptor_words_ = std::max(max_descriptor_words_, words.size());
    }
  }
  std::stable_sort(aliases_.begin(), aliases_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  aliases_.erase(std::unique(aliases_.begin(), aliases_.end(),
                             [](const auto& a, const auto& b) { return a.first == b.first; }),
                 aliases_.end());
  for (const auto& [key, entity] : aliases_)
    for (size_t n = 1; n <= key.size(); ++n)
      alias_prefixes_.insert(std::string_view(key).substr(0, n));
}

EntityIndex::~EntityIndex() = default;

DocMentions EntityIndex::Scan(const Document& doc) const {
  return Scan(doc, SentenceWords(doc));
}

DocMentions EntityIndex::Scan(const Document& doc, const SentenceWords& split) const {
  DocMentions out;
  out.by_sentence.resize(doc.sentences.size());
  // Declared descriptors ("the group") apply only where their pack does.
  std::unordered_map<std::string, bool> pack_applies;
  auto applies = [&](const std::string& pack) {
    auto it = pack_applies.find(pack);
    if (it == pack_applies.end())
      it = pack_applies.emplace(pack, rules_.PackApplies(pack, doc.text)).first;
    return it->second;
  };
  const bool any_descriptor =
      std::any_of(descriptor_packs_.begin(), descriptor_packs_.end(), applies);
  std::vector<std::string> single_names;
  std::vector<std::pair<std::string, bool>> multi_names;  // key, person
  // Buffers kept from sentence to sentence: most words are looked at once
  // or twice, and making a string for each cost more than the looking.
  std::vector<bool> used;
  std::string key, lower_buf, scratch;
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    const std::string_view text = doc.Slice(s.span);
    const size_t base = s.span.start;
    const SentenceWords::Range words = split.of(si);
    used.assign(words.size(), false);
    std::vector<Mention>& mentions = out.by_sentence[si];
    auto word_text = [&](size_t k) {
      return text.substr(words[k].start, words[k].end - words[k].start);
    };
    auto adjacent = [&](size_t k) {  // words k and k+1 joined by spaces only
      if (k + 1 >= words.size()) return false;
      std::string_view between =
          text.substr(words[k].end, words[k + 1].start - words[k].end);
      // "Workers' Union": a plural possessive stays inside a name.
      if (!between.empty() && between[0] == '\'' && text[words[k].end - 1] == 's')
        between.remove_prefix(1);
      else if (between.size() > 3 && between.compare(0, 3, "\xE2\x80\x99") == 0 &&
               text[words[k].end - 1] == 's')
        between.remove_prefix(3);
      return OnlySpaces(between);
    };
    // 1. Declared aliases, longest first (case-sensitive).
    for (size_t k = 0; k < words.size(); ++k) {
      if (!words[k].capitalized && !words[k].has_digit) continue;
      size_t best = 0;
      int entity = -1;
      std::string best_key;
      size_t last = k;
      for (size_t n = 1; n <= max_alias_words_ && k + n <= words.size(); ++n) {
        last = k + n - 1;
        if (n > 1 && !adjacent(last - 1)) break;
        NameKey(text.substr(words[k].start, words[last].end - words[k].start), &key);
        if (!alias_prefixes_.contains(key)) break;
        // The key of words k..last begins the key of any longer run from k
        // (NameKey drops dots, joins spaces and cuts a final "'s", all of
        // which keep it a prefix): no alias begins so, none is longer.
        const auto from = std::lower_bound(
            aliases_.begin(), aliases_.end(), key,
            [](const std::pair<std::string, int>& a, const std::string& k) { return a.first < k; });
        if (from == aliases_.end() || from->first.compare(0, key.size(), key) != 0) break;
        if (from->first == key) {
          best = n;
          entity = from->second;
          best_key = key;
        }
      }
      if (best == 0) continue;
      // "Organisation of Iran": a place at the tail of a longer name is part
      // of that name, not a mention of the place.
      if (rules_.entities()[entity].type == EntityType::kPlace && k >= 2 &&
          adjacent(k - 1) && adjacent(k - 2) && word_text(k - 1) == "of" &&
          words[k - 2].capitalized)
        continue;
      Mention m;
      m.start = base + words[k].start;
      m.end = base + words[k + best - 1].end;
      m.kind = MentionKind::kName;
      m.key = best_key;
      m.entity = entity;
      mentions.push_back(m);
      for (size_t j = k; j < k + best; ++j) used[j] = true;
      k += best - 1;
    }
    // 2. Declared descriptors (case-insensitive phrases).
    if (any_descriptor) {
      for (size_t k = 0; k < words.size(); ++k) {
        if (used[k]) continue;
        size_t best = 0;
        int entity = -1;
        key.clear();
        for (size_t n = 1; n <= max_descriptor_words_ && k + n <= words.size();
             ++n) {
          const size_t j = k + n - 1;
          if (used[j]) break;
          if (n > 1) key.push_back(' ');
          key += AsciiLower(word_text(j), &scratch);
          // No descriptor starts so: neither this nor a longer one matches.
          if (!descriptor_prefixes_.contains(key)) break;
          auto it = descriptor_.find(key);
          if (it != descriptor_.end() && applies(it->second.pack)) {
            best = n;
            entity = it->second.entity;
          }
        }
        if (best == 0) continue;
        Mention m;
        m.start = base + words[k].start;
        m.end = base + words[k + best - 1].end;
        m.kind = MentionKind::kDescriptor;
        m.entity = entity;
        mentions.push_back(m);
        for (size_t j = k; j < k + best; ++j) used[j] = true;
        k += best - 1;
      }
    }
    // 3. Proper-name chunks, 4. generic descriptors, 5. pronouns.
    for (size_t k = 0; k < words.size(); ++k) {
      if (used[k]) continue;
      const std::string_view w = word_text(k);
      const Word& word = words[k];
      const std::string_view lower = AsciiLower(w, &lower_buf);
      if (IsPronoun(lower)) {
        Mention m;
        m.kind = MentionKind::kPronoun;
        m.start = base + word.start;
        m.end = base + word.end;
        m.person_pronoun = IsPersonPronoun(lower);
        mentions.push_back(m);
        continue;
      }
      if (word.capitalized && NotNames().count(w)) continue;
      // "I've", "We'll", "They're": contractions are never names.
      if (word.capitalized && IsContraction(w)) continue;
      if (word.capitalized && !word.lower_hyphen_suffix) {
        size_t last = k;
        while (adjacent(last) && !used[last + 1]) {
          const Word& next = words[last + 1];
          const std::string_view nt = word_text(last + 1);
          if (next.capitalized && !next.lower_hyphen_suffix &&
              !NotNames().count(nt)) {
            last = last + 1;
          } else if (IsConnector(nt) && adjacent(last + 1) && !used[last + 2] &&
                     words[last + 2].capitalized) {
            last = last + 2;
          } else {
            break;
          }
        }
        size_t first = k;
        bool person = false;
        bool initial = SentenceInitial(text, words[k].start);
        // "The Brenna Dam" and "Brenna Dam" are one name; "The Hague" keeps it.
        const bool article = (Is(w, "The") || Is(w, "A") || Is(w, "An")) &&
                             !(last > k && Is(word_text(k + 1), "Hague"));
        if (article || (initial && FunctionWords().count(w))) ++first;
        while (first <= last &&
               TitleWords().count(word_text(first))) {
          person = true;
          ++first;
        }
        // "police chief Marta Kessel": role words before a name mark a
        // person and belong to the name when a speech verb is matched.
        size_t role_start = words[k].start;
        if (k > 0 && adjacent(k - 1) &&
            RoleWords().count(AsciiLower(word_text(k - 1), &scratch))) {
          person = true;
          role_start = words[k - 1].start;
          // Lower-case modifiers of the role: "police chief", "fire chief".
          static const auto* const kStop = new WordSet{
              "to", "the", "a", "an", "of", "and", "or", "by", "for", "from",
              "with", "as", "at", "in", "on", "said", "says", "told", "tells",
              "according", "added", "wrote", "that", "its", "their", "his", "her"};
          for (size_t r = k - 1; r > 0 && k - r < 3 && adjacent(r - 1) &&
                                 !words[r - 1].capitalized && !words[r - 1].has_digit &&
                                 !kStop->count(AsciiLower(word_text(r - 1), &scratch));
               --r)
            role_start = words[r - 1].start;
        }
        if (first <= last) {
          Mention m;
          m.start = base + words[first].start;
          m.outer_start = base + role_start;
          m.end = base + words[last].end;
          m.kind = MentionKind::kName;
          m.key = NameKey(text.substr(words[first].start,
                                      words[last].end - words[first].start));
          m.attributive = adjacent(last) &&
                          AttributiveRoles().count(AsciiLower(word_text(last + 1), &scratch));
          {
            const std::string_view raw = word_text(last);
            m.possessive = raw.size() > 2 &&
                           (raw.substr(raw.size() - 2) == "'s" ||
                            (raw.size() > 4 && raw.substr(raw.size() - 4) == "\xE2\x80\x99" "s"));
          }
          m.person_hint = person;
          m.tentative = first == k && initial && first == last;
          if (!m.tentative) out.firm_keys.push_back(m.key);
          if (person) out.person_keys.push_back(m.key);
          if (first == last) single_names.push_back(m.key);
          else multi_names.emplace_back(m.key, person);
          mentions.push_back(std::move(m));
        }
        k = last;
        continue;
      }
      if (DescriptorNouns().count(lower)) {
        Mention m;
        m.kind = MentionKind::kDescriptor;
        m.key = std::string(lower);  // the noun: "union", "party"
        m.start = base + word.start;
        m.end = base + word.end;
        // Look back up to five words for a determiner.
        for (size_t back = 1; back <= 5 && back <= k; ++back) {
          const std::string_view d = AsciiLower(word_text(k - back), &scratch);
          if (!adjacent(k - back)) break;
          if (Is(d, "the") || Is(d, "a") || Is(d, "an") || Is(d, "this") ||
              Is(d, "that")) {
            m.start = base + words[k - back].start;
            m.indefinite = d == "a" || d == "an";
            break;
          }
        }
        mentions.push_back(m);
        continue;
      }
    }
    for (Mention& m : mentions)
      if (m.outer_start == 0 || m.outer_start > m.start) m.outer_start = m.start;
    std::sort(mentions.begin(), mentions.end(),
              [](const Mention& a, const Mention& b) { return a.start < b.start; });
    // A generic descriptor in apposition to the name after it: "The group,
    // known as the Mujahideen-e-Khalq".
    for (size_t a = 0; a < mentions.size(); ++a) {
      Mention& d = mentions[a];
      if (d.kind != MentionKind::kDescriptor || d.entity >= 0) continue;
      for (size_t b = a + 1; b < mentions.size(); ++b) {
        if (mentions[b].kind != MentionKind::kName || mentions[b].start < d.end)
          continue;
        const std::string between = AsciiLower(
            Trim(text.substr(d.end - base, mentions[b].start - d.end)));
        if (between.empty() || between == "known as" || between == "known as the" ||
            between == "called" || between == "called the" || between == "(" ||
            between == "named" || between == "also known as")
          d.appositive = static_cast<int>(b);
        break;
      }
    }
    // 6. Links between names the text says are the same.
    const Mention* prev = nullptr;
    for (const Mention& m : mentions) {
      if (m.kind != MentionKind::kName) continue;
      if (prev != nullptr) {
        const std::string_view between =
            text.substr(prev->end - base, m.start - prev->end);
        const std::string_view after = text.substr(m.end - base);
        const bool acronym = std::all_of(m.key.begin(), m.key.end(), [](char c) {
          return (c >= 'A' && c <= 'Z') || c == '-';
        });
        if (between.size() < 40 && IsAliasLink(between, after, acronym))
          out.links.emplace_back(prev->key, m.key);
      }
      prev = &m;
    }
  }
  // Person names by last name: "Mr Rama" and "Edi Rama".
  std::unordered_set<std::string> singles(single_names.begin(),
                                          single_names.end());
  std::unordered_set<std::string> persons(out.person_keys.begin(),
                                          out.person_keys.end());
  for (const auto& [key, person] : multi_names) {
    const size_t space = key.rfind(' ');
    if (space == std::string::npos) continue;
    const std::string last = key.substr(space + 1);
    if (!singles.count(last)) continue;
    if (person || persons.count(last)) {
      out.links.emplace_back(last, key);
      out.person_keys.push_back(key);
    }
  }
  return out;
}

int EntityIndex::NodeOf(const std::string& key) {
  const auto [node, inserted] = nodes_.Insert(key);
  if (inserted) {
    parent_.push_back(node);
    node_count_.push_back(0);
    node_person_.push_back(person_keys_.Find(key) >= 0);
    next_.push_back(node);
    group_size_.push_back(1);
    MarkDirty(node);
  }
  return node;
}

void EntityIndex::MarkDirty(int node) {
  // Before the first Finish() every group is dirty: nothing to note (a
  // corpus's every mention would be, 14 million at the BBC corpus x100).
  if (finished_) dirty_.push_back(node);
}

int EntityIndex::EntityNode(int entity) {
  int& node = entity_node_[static_cast<size_t>(entity)];
  if (node < 0) node = NodeOf("#" + rules_.entities()[static_cast<size_t>(entity)].id);
  return node;
}

int EntityIndex::Find(int node) {
  while (parent_[node] != node) {
    parent_[node] = parent_[parent_[node]];
    node = parent_[node];
  }
  return node;
}

void EntityIndex::Union(int a, int b) {
  a = Find(a);
  b = Find(b);
  if (a == b) return;
  if (group_size_[a] > group_size_[b]) std::swap(a, b);
  parent_[a] = b;
  group_size_[b] += group_size_[a];
  std::swap(next_[a], next_[b]);  // the two rings become one
  MarkDirty(b);
}

void EntityIndex::Add(const DocMentions& mentions) {
  for (const auto& sentence : mentions.by_sentence)
    for (const Mention& m : sentence)
      if (m.kind == MentionKind::kName) AddName(m.key, m.entity, 1);
  AddRelations(mentions.links, mentions.person_keys, mentions.firm_keys);
}

void EntityIndex::AddName(const std::string& key, int entity, int count) {
  const int node = NodeOf(key);
  node_count_[node] += count;
  MarkDirty(node);
  if (entity >= 0) Union(node, EntityNode(entity));
}

void EntityIndex::AddRelations(
    const std::vector<std::pair<std::string, std::string>>& links,
    const std::vector<std::string>& person_keys,
    const std::vector<std::string>& firm_keys) {
  for (const auto& [a, b] : links) Union(NodeOf(a), NodeOf(b));
  for (const std::string& key : person_keys) {
    if (!person_keys_.Insert(key).second) continue;
    const int node = nodes_.Find(key);  // a node made later is marked when made
    if (node < 0) continue;
    node_person_[node] = 1;
    MarkDirty(node);
  }
  for (const std::string& key : firm_keys)
    if (firm_keys_.Insert(key).second && finished_) new_firm_keys_.push_back(key);
}

namespace {

// "name-12" -> "name"; "" when `id` does not end in '-' and digits.
std::string_view SuffixBase(std::string_view id) {
  const size_t dash = id.rfind('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == id.size()) return {};
  for (size_t i = dash + 1; i < id.size(); ++i)
    if (id[i] < '0' || id[i] > '9') return {};
  return id.substr(0, dash);
}

}  // namespace

// Clusters are made again only for the groups that changed since the last
// Finish() (a name added or counted again, a link, a new person key: the
// group it is in now is dirty), and ids are settled again only among the
// clusters whose base id could compete with a changed one's. The first
// Finish() has every group dirty. What comes out is what one Finish() over
// everything at once gives, whatever the order of the additions.
//
// Ids: a declared entity's cluster takes the entity's id; another takes the
// slug of its best name (the base id). Clusters sharing a base id take it in
// rank order (declared first, then more mentions, then the smaller first
// key), the later ones with "-2", "-3"... skipping ids in use. Only ids of
// the form base and base-N can meet, so the clusters whose base ids are
// linked by "X" and "X-N" settle their ids among themselves, apart from all
// others.
void EntityIndex::Finish() {
  const auto& entities = rules_.entities();
  const bool first = !finished_;
  if (first) {
    entity_cluster_.assign(entities.size(), -1);
    for (size_t e = 0; e < entities.size(); ++e) {
      entity_by_id_[entities[e].id] = static_cast<int>(e);
      std::vector<std::string> keys;
      for (const std::string& a : entities[e].aliases) keys.push_back(NameKey(a));
      alias_keys_.push_back(std::move(keys));
    }
  }
  // Every declared entity has a node, so story entities exist even when a
  // text never names them, and its aliases are in its group.
  for (size_t e = 0; e < entities.size(); ++e) {
    const int n = NodeOf("#" + entities[e].id);
    for (const std::string& key : alias_keys_[e]) {
      const int node = nodes_.Find(key);
      if (node >= 0) Union(node, n);
    }
  }
  node_cluster_.resize(parent_.size(), -1);

  // The dirty groups, each with its nodes in key order.
  std::vector<int> roots;
  if (first) {
    for (int n = 0; n < static_cast<int>(parent_.size()); ++n)
      if (Find(n) == n) roots.push_back(n);
  } else {
    for (const int n : dirty_) roots.push_back(Find(n));
    std::sort(roots.begin(), roots.end());
    roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
  }
  dirty_.clear();
  auto key_less = [&](int a, int b) { return nodes_.key(a) < nodes_.key(b); };
  std::vector<std::vector<int>> members(roots.size());
  for (size_t i = 0; i < roots.size(); ++i) {
    members[i].reserve(static_cast<size_t>(group_size_[roots[i]]));
    int n = roots[i];
    do {
      members[i].push_back(n);
      n = next_[n];
    } while (n != roots[i]);
    std::sort(members[i].begin(), members[i].end(), key_less);
  }

  // What each node of a dirty group saw before, to tell what changed.
  struct Seen {
    int node;
    int cluster;
    Cluster view;
  };
  std::vector<Seen> before;
  std::vector<std::pair<int, int>> entity_before;  // (entity, cluster)
  std::vector<std::string> touched_bases;
  std::vector<int> retired;
  for (const std::vector<int>& nodes : members)
    for (const int n : nodes) {
      const int c = node_cluster_[n];
      if (!first) before.push_back({n, c, c >= 0 ? clusters_[c] : Cluster()});
      if (nodes_.key(n)[0] == '#') {
        const auto e = entity_by_id_.find(nodes_.key(n).substr(1));
        if (e != entity_by_id_.end()) entity_before.emplace_back(e->second, entity_cluster_[e->second]);
      }
      if (c >= 0 && cluster_root_[c] >= 0) {
        retired.push_back(c);
        cluster_root_[c] = -1;
      }
    }
  for (const int c : retired) {
    touched_bases.push_back(cluster_base_[c]);
    if (bases_known_) RemoveBase(c);
    if (cluster_by_id_.count(clusters_[c].id) && cluster_by_id_[clusters_[c].id] == c)
      cluster_by_id_.erase(clusters_[c].id);
    clusters_[c] = Cluster();
    free_clusters_.push_back(c);
  }
  for (const std::vector<int>& nodes : members)
    for (const int n : nodes) node_cluster_[n] = -1;
  for (const auto& [e, c] : entity_before) entity_cluster_[e] = -1;

  // The dirty groups' clusters.
  auto entity_mentions = [&](int e) {
    int total = 0;
    for (const std::string& key : alias_keys_[e]) {
      const int node = nodes_.Find(key);
      if (node >= 0) total += node_count_[node];
    }
    return total;
  };
  if (first) {  // not later: a vector grown a little at a time must grow by doubling
    clusters_.reserve(roots.size());
    cluster_root_.reserve(roots.size());
    cluster_base_.reserve(roots.size());
    cluster_rank_.reserve(roots.size());
  }
  for (size_t g = 0; g < roots.size(); ++g) {
    const int r = roots[g];
    const std::vector<int>& nodes = members[g];
    Cluster c;
    int declared = -1, declared_mentions = 0;
    int best_acronym = -1, best_name = -1;
    bool person = false;
    for (int n : nodes) {
      const std::string& key = nodes_.key(n);
      if (!key.empty() && key[0] == '#') {
        // A declared entity that is not a place before a place, then the
        // one whose aliases occur most, then the first in the packs.
        auto it = entity_by_id_.find(key.substr(1));
        if (it == entity_by_id_.end()) continue;
        const int e = it->second;
        const int m = entity_mentions(e);
        auto rank = [&](int d, int mentions) {
          return std::make_tuple(entities[d].type != EntityType::kPlace, mentions, -d);
        };
        if (declared < 0 || rank(e, m) > rank(declared, declared_mentions)) {
          declared = e;
          declared_mentions = m;
        }
        continue;
      }
      if (node_person_[n]) person = true;
      const bool acronym =
          key.size() >= 2 && std::all_of(key.begin(), key.end(), [](char ch) {
            return ch >= 'A' && ch <= 'Z';
          });
      auto better = [&](int a, int b) {  // is node a a better name than b?
        if (b < 0) return true;
        if (node_count_[a] != node_count_[b])
          return node_count_[a] > node_count_[b];
        if (nodes_.key(a).size() != nodes_.key(b).size())
          return nodes_.key(a).size() > nodes_.key(b).size();
        return nodes_.key(a) < nodes_.key(b);
      };
      if (acronym && better(n, best_acronym)) best_acronym = n;
      if (better(n, best_name)) best_name = n;
    }
    if (declared >= 0) {
      c.id = entities[declared].id;
      c.name = entities[declared].name;
      c.type = entities[declared].type;
    } else {
      if (best_name < 0) continue;
      // Display: the longest well-used name; id: an acronym when there is one.
      int display = best_name;
      for (int n : nodes) {
        if (nodes_.key(n)[0] == '#') continue;
        if (nodes_.key(n).size() > nodes_.key(display).size() &&
            node_count_[n] * 3 >= node_count_[best_name])
          display = n;
      }
      c.name = person ? nodes_.key(display) : nodes_.key(best_acronym >= 0 ? best_acronym : best_name);
      c.id = Slug(nodes_.key(best_acronym >= 0 ? best_acronym : best_name));
      c.type = person ? EntityType::kPerson : EntityType::kOrg;
    }
    int mentions = 0;
    for (int n : nodes) mentions += node_count_[n];
    int index;
    if (!free_clusters_.empty()) {
      index = free_clusters_.back();
      free_clusters_.pop_back();
    } else {
      index = static_cast<int>(clusters_.size());
      clusters_.emplace_back();
      cluster_root_.push_back(-1);
      cluster_base_.emplace_back();
      cluster_rank_.emplace_back();
    }
    cluster_root_[index] = r;
    cluster_base_[index] = c.id;
    cluster_rank_[index] = {declared >= 0, mentions, nodes.front()};
    if (!first) touched_bases.push_back(c.id);
    clusters_[index] = std::move(c);
    if (bases_known_) AddBase(index);
    for (int n : nodes) {
      node_cluster_[n] = index;
      const std::string& key = nodes_.key(n);
      if (!key.empty() && key[0] == '#') {
        auto it = entity_by_id_.find(key.substr(1));
        if (it != entity_by_id_.end()) entity_cluster_[it->second] = index;
      }
    }
  }

  // Ids settled again: every cluster's the first time, then those whose
  // bases are linked to a touched one. Which clusters have which base is
  // recorded when a second Finish() first needs it (a one-shot run never
  // does).
  std::vector<int> settle;
  if (first) {
    for (int c = 0; c < static_cast<int>(clusters_.size()); ++c)
      if (cluster_root_[c] >= 0) settle.push_back(c);
  } else if (!bases_known_) {
    for (int c = 0; c < static_cast<int>(clusters_.size()); ++c)
      if (cluster_root_[c] >= 0) AddBase(c);
    bases_known_ = true;
  }
  std::unordered_set<std::string> seen_bases;
  std::vector<std::string> queue;
  for (std::string& b : touched_bases)
    if (seen_bases.insert(b).second) queue.push_back(std::move(b));
  for (size_t q = 0; q < queue.size(); ++q) {
    const std::string b = queue[q];
    if (const auto it = base_clusters_.find(b); it != base_clusters_.end())
      settle.insert(settle.end(), it->second.begin(), it->second.end());
    auto visit = [&](const std::string& other) {
      if (seen_bases.insert(other).second) queue.push_back(other);
    };
    if (const std::string_view parent = SuffixBase(b); !parent.empty())
      visit(std::string(parent));
    if (const auto it = suffixed_.find(b); it != suffixed_.end())
      for (const std::string& child : it->second) visit(child);
  }
  // A cluster of base b takes b or b-N, so two clusters can want the same
  // id only when their bases are equal or one is the other's "-N": when
  // taking the "-N" suffixes off one at a time leads both to the same root.
  // Each such family settles apart, in rank order, and a family of one
  // takes its base without looking (most of them).
  std::vector<std::pair<int, int>> order;  // (family, cluster)
  order.reserve(settle.size());
  {
    std::unordered_map<std::string_view, int> family_of;
    family_of.reserve(settle.size());
    for (const int c : settle) {
      std::string_view root = cluster_base_[c];
      for (std::string_view up; !(up = SuffixBase(root)).empty();) root = up;
      const int next = static_cast<int>(family_of.size());
      order.emplace_back(family_of.emplace(root, next).first->second, c);
    }
  }
  std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    const Rank& x = cluster_rank_[a.second];
    const Rank& y = cluster_rank_[b.second];
    if (x.declared != y.declared) return x.declared;
    if (x.mentions != y.mentions) return x.mentions > y.mentions;
    return nodes_.key(x.first_node) < nodes_.key(y.first_node);
  });
  std::vector<std::pair<int, Cluster>> renamed;  // clean clusters given another id
  for (const int c : settle)
    if (const auto it = cluster_by_id_.find(clusters_[c].id);
        it != cluster_by_id_.end() && it->second == c)
      cluster_by_id_.erase(it);
  if (first) cluster_by_id_.reserve(settle.size());
  std::unordered_set<std::string> used;  // in the family
  for (size_t begin = 0, end; begin < order.size(); begin = end) {
    for (end = begin + 1; end < order.size() && order[end].first == order[begin].first; ++end) {}
    const bool shared = end - begin > 1;
    if (shared) used.clear();
    for (size_t k = begin; k < end; ++k) {
      const int c = order[k].second;
      const std::string& base = cluster_base_[c];
      std::string id = base;
      if (shared) {
        for (int suffix = 2; used.count(id); ++suffix) id = base + "-" + std::to_string(suffix);
        used.insert(id);
      }
      if (id != clusters_[c].id && !first) renamed.emplace_back(c, clusters_[c]);
      clusters_[c].id = std::move(id);
      cluster_by_id_[clusters_[c].id] = c;
    }
  }

  finished_ = true;
  changes_ = Changes();
  changes_.all = first;
  std::swap(changes_.firm_keys, new_firm_keys_);
  new_firm_keys_.clear();
  if (first) return;
  auto same = [](const Cluster* a, const Cluster* b) {
    if (a == nullptr || b == nullptr) return a == b;
    return a->id == b->id && a->name == b->name && a->type == b->type;
  };
  auto now = [&](int c) { return c >= 0 ? &clusters_[c] : nullptr; };
  for (const Seen& s : before)
    if (!same(s.cluster >= 0 ? &s.view : nullptr, now(node_cluster_[s.node])))
      changes_.keys.push_back(nodes_.key(s.node));
  for (const auto& [c, old] : renamed) {
    if (cluster_root_[c] < 0) continue;
    // A clean cluster: its nodes were not in `before`.
    bool dirty = false;
    for (const int r : roots) dirty |= r == cluster_root_[c];
    if (dirty) continue;
    const int root = cluster_root_[c];
    int n = root;
    do {
      changes_.keys.push_back(nodes_.key(n));
      if (nodes_.key(n)[0] == '#') {
        const auto e = entity_by_id_.find(nodes_.key(n).substr(1));
        if (e != entity_by_id_.end()) changes_.entities.push_back(e->second);
      }
      n = next_[n];
    } while (n != root);
  }
  for (const auto& [e, c] : entity_before) {
    const Cluster* old = nullptr;
    for (const Seen& s : before)
      if (s.cluster == c && c >= 0) {
        old = &s.view;
        break;
      }
    if (!same(old, now(entity_cluster_[e]))) changes_.entities.push_back(e);
  }
}

void EntityIndex::AddBase(int c) {
  std::vector<int>& v = base_clusters_[cluster_base_[c]];
  v.push_back(c);
  if (v.size() > 1) return;
  const std::string_view parent = SuffixBase(cluster_base_[c]);
  if (!parent.empty()) suffixed_[std::string(parent)].push_back(cluster_base_[c]);
}

void EntityIndex::RemoveBase(int c) {
  const auto it = base_clusters_.find(cluster_base_[c]);
  if (it == base_clusters_.end()) return;
  std::vector<int>& v = it->second;
  v.erase(std::remove(v.begin(), v.end(), c), v.end());
  if (!v.empty()) return;
  base_clusters_.erase(it);
  const std::string_view parent = SuffixBase(cluster_base_[c]);
  if (parent.empty()) return;
  const auto p = suffixed_.find(std::string(parent));
  if (p == suffixed_.end()) return;
  std::vector<std::string>& children = p->second;
  children.erase(std::remove(children.begin(), children.end(), cluster_base_[c]), children.end());
  if (children.empty()) suffixed_.erase(p);
}

int EntityIndex::FindCluster(const std::string& entity_id) const {
  const auto it = cluster_by_id_.find(entity_id);
  return it == cluster_by_id_.end() ? -1 : it->second;
}

int EntityIndex::ClusterOf(const Mention& m) const {
  if (m.entity >= 0) return entity_cluster_[m.entity];
  if (m.kind != MentionKind::kName) return -1;
  if (m.tentative && firm_keys_.Find(m.key) < 0) return -1;
  const int node = nodes_.Find(m.key);
  if (node < 0 || node >= static_cast<int>(node_cluster_.size())) return -1;
  return node_cluster_[node];
}

bool EntityIndex::Fits(int cluster, EntityType want) const {
  if (cluster < 0) return false;
  const EntityType type = clusters_[cluster].type;
  switch (want) {
    case EntityType::kAny: return true;
    case EntityType::kOrg:
      return type != EntityType::kPlace && type != EntityType::kPerson;
    case EntityType::kNotPlace:
      return type != EntityType::kPlace;
    default: return type == want;
  }
}

int EntityIndex::ResolveMention(const DocMentions& m, int sentence,
                                const Mention& mention, EntityType want,
                                int depth) const {
  if (depth > 4) return -1;
  switch (mention.kind) {
    case MentionKind::kName: {
      const int c = ClusterOf(mention);
      return Fits(c, want) ? c : -1;
    }
    case MentionKind::kDescriptor: {
      if (mention.entity >= 0) {
        const int c = entity_cluster_[mention.entity];
        return Fits(c, want) ? c : -1;
      }
      if (want == EntityType::kPerson || want == EntityType::kPlace) return -1;
      // A generic "the group": a name it stands in apposition to ("the
      // group, known as X", "X, a dissident group"), else the nearest name
      // before it in the sentence; "a ... group" may be named in the next
      // sentence; else the subject of the sentences before.
      const auto& here = m.by_sentence[sentence];
      // "the MEK group": the name inside the descriptor.
      for (const Mention& other : here) {
        if (other.kind != MentionKind::kName || other.start < mention.start ||
            other.end > mention.end)
          continue;
        const int c = ResolveMention(m, sentence, other, want, depth + 1);
        if (c >= 0) return c;
      }
      if (mention.appositive >= 0) {
        const int c = ResolveMention(m, sentence, here[mention.appositive], want,
                                     depth + 1);
        if (c >= 0) return c;
      }
      // "the union": the nearest earlier name of that kind ("Quayside
      // Workers' Union"), in this sentence or up to eight before.
      for (int j = sentence; j >= 0 && j >= sentence - 8; --j) {
        const auto& ms = m.by_sentence[j];
        for (auto it = ms.rbegin(); it != ms.rend(); ++it) {
          if (it->kind != MentionKind::kName) continue;
          if (j == sentence && it->start >= mention.start) continue;
          if (!NameHasWord(it->key, mention.key)) continue;
          const int c = ResolveMention(m, j, *it, want, depth + 1);
          if (c >= 0) return c;
        }
      }
      for (auto it = here.rbegin(); it != here.rend(); ++it) {
        if (it->end > mention.start) continue;
        if (it->kind != MentionKind::kName && it->entity < 0) continue;
        const int c = ResolveMention(m, sentence, *it, want, depth + 1);
        if (c >= 0) return c;
      }
      const int next = sentence + 1;
      if (mention.indefinite && next < static_cast<int>(m.by_sentence.size())) {
        const int c = FirstFitting(m, next, want, depth + 1);
        if (c >= 0) return c;
      }
      return ResolveBack(m, sentence, want, depth + 1);
    }
    case MentionKind::kPronoun: {
      if (want != EntityType::kAny && want != EntityType::kNotPlace &&
          mention.person_pronoun != (want == EntityType::kPerson))
        return -1;
      // Nearest fitting mention before it in the sentence, then before.
      const auto& here = m.by_sentence[sentence];
      for (auto it = here.rbegin(); it != here.rend(); ++it) {
        if (it->start >= mention.start) continue;
        const int c = ResolveMention(m, sentence, *it, want, depth + 1);
        if (c >= 0) return c;
      }
      return ResolveBack(m, sentence, want, depth + 1);
    }
  }
  return -1;
}

int EntityIndex::FirstFitting(const DocMentions& m, int sentence,
                              EntityType want, int depth) const {
  for (const Mention& mention : m.by_sentence[sentence]) {
    const int c = ResolveMention(m, sentence, mention, want, depth);
    if (c >= 0) return c;
  }
  return -1;
}

int EntityIndex::ResolveBack(const DocMentions& m, int sentence,
                             EntityType want, int depth) const {
  if (depth > 4) return -1;
  for (int j = sentence - 1; j >= 0 && j >= sentence - 3; --j) {
    const int c = FirstFitting(m, j, want, depth);
    if (c >= 0) return c;
  }
  return -1;
}

int EntityIndex::Resolve(const DocMentions& m, int sentence, size_t anchor,
                         SubjectSide side, EntityType want, size_t within) const {
  const auto& here = m.by_sentence[sentence];
  struct Candidate {
    size_t distance;
    const Mention* mention;
  };
  std::vector<Candidate> candidates;
  for (const Mention& mention : here) {
    const bool before = mention.end <= anchor;
    const bool after = mention.start >= anchor;
    if (side == SubjectSide::kBefore && !before) continue;
    if (side == SubjectSide::kAfter && !after) continue;
    const size_t d = before ? anchor - mention.end
                            : (after ? mention.start - anchor : 0);
    // A close subject is named, and not as a possessor ("Newcastle's
    // 18-year-old" is not Newcastle's age) or a modifier ("the 25-year-old
    // Newcastle star").
    if (within > 0 && (d > within || mention.kind != MentionKind::kName ||
                       mention.possessive || mention.attributive))
      continue;
    candidates.push_back({d, &mention});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     return a.distance < b.distance;
                   });
  // Only what the sentence itself names or refers to (a pronoun, "the
  // group") can be the subject; a sentence with neither is about something
  // the entity model does not know ("the reason", "the attacks").
  for (const Candidate& c : candidates) {
    const int cluster = ResolveMention(m, sentence, *c.mention, want, 0);
    if (cluster >= 0) return cluster;
  }
  return -1;
}

int EntityIndex::ResolveSpeaker(const DocMentions& m, int sentence,
                                size_t start, size_t end,
                                SubjectSide side) const {
  // The name or pronoun right next to the verb: "Rama said", "said Rama",
  // "he said", "according to Microsoft". Only spaces or a comma between.
  const auto& here = m.by_sentence[sentence];
  const Mention* best = nullptr;
  size_t best_distance = 3;
  for (const Mention& mention : here) {
    if (mention.kind == MentionKind::kDescriptor && mention.entity < 0) continue;
    size_t d;
    if (mention.end <= start && side != SubjectSide::kAfter) d = start - mention.end;
    else if (mention.outer_start >= end && side != SubjectSide::kBefore)
      d = mention.outer_start - end;  // "said Mr Jon Smith": titles count as the name
    else continue;
    if (d < best_distance) {
      best_distance = d;
      best = &mention;
    }
  }
  if (best == nullptr) return -1;
  if (best->kind == MentionKind::kPronoun) {
    return ResolveMention(m, sentence, *best,
                          best->person_pronoun ? EntityType::kPerson
                                               : EntityType::kOrg,
                          0);
  }
  int c = ResolveMention(m, sentence, *best, EntityType::kAny, 0);
  // "Microsoft concluded ...": one capitalised word opening the sentence is
  // a name when it speaks, unless it is a plain noun for a group of people.
  if (c < 0 && best->kind == MentionKind::kName && best->tentative &&
      best->end <= start && !GenericSpeakers().count(best->key)) {
    const int node = nodes_.Find(best->key);
    if (node >= 0 && node < static_cast<int>(node_cluster_.size())) c = node_cluster_[node];
  }
  // Places and events do not speak ("the attack said" is no attribution).
  if (c >= 0 && (clusters_[c].type == EntityType::kPlace ||
                 clusters_[c].type == EntityType::kEvent))
    return -1;
  return c;
}

bool EntityIndex::Mentions(const DocMentions& m, int sentence,
                           const std::string& entity_id) const {
  for (int j = sentence; j >= 0 && j >= sentence - 1; --j) {
    for (const Mention& mention : m.by_sentence[j]) {
      if (mention.kind == MentionKind::kPronoun) continue;
      if (mention.kind == MentionKind::kDescriptor && mention.entity < 0)
        continue;
      const int c = ClusterOf(mention);
      if (c >= 0 && clusters_[c].id == entity_id) return true;
    }
  }
  return false;
}

}  // namespace crosscheck
