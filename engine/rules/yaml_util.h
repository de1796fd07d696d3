// Small helpers for the YAML files crosscheck reads (rule packs, waivers):
// every message names file:line:column, as yaml-cpp's marks give them.
//
// Limits. yaml-cpp itself refuses nesting deeper than its parser allows
// (DeepRecursion, reported by YamlError). An alias is not a copy in
// yaml-cpp's tree, but whoever reads the tree sees one, so nine aliases of
// nine aliases of ... (a "billion laughs" file of a few hundred bytes) read
// as 9^9 nodes. CheckYamlLimits() counts the nodes as a reader sees them
// and refuses a document over kMaxYamlNodes, nested deeper than
// kMaxYamlDepth, or holding an alias to a node that contains it (a cycle).
#ifndef CROSSCHECK_ENGINE_RULES_YAML_UTIL_H_
#define CROSSCHECK_ENGINE_RULES_YAML_UTIL_H_

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace crosscheck {

inline constexpr uint64_t kMaxYamlNodes = 1000000;  // aliases counted as copies
inline constexpr int kMaxYamlDepth = 64;            // a rule file needs 6

// "file:line:col" of a node (just "file" when yaml-cpp has no mark for it).
inline std::string YamlWhere(const std::string& file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return file;
  return file + ":" + std::to_string(mark.line + 1) + ":" +
         std::to_string(mark.column + 1);
}

// A yaml-cpp exception (a syntax error, a bad conversion, nesting beyond the
// parser's limit) as "file:line:col: message" ("file: message" when it has
// no position).
inline std::string YamlError(const std::string& file, const YAML::Exception& e) {
  std::string message = e.msg;
  if (const auto* deep = dynamic_cast<const YAML::DeepRecursion*>(&e)) {
    // yaml-cpp says only "bad file" here.
    message = "nested more than " + std::to_string(deep->depth()) +
              " levels deep (the YAML reader's limit)";
  }
  if (e.mark.is_null() || e.mark.line < 0) return file + ": " + message;
  return file + ":" + std::to_string(e.mark.line + 1) + ":" +
         std::to_string(e.mark.column + 1) + ": " + message;
}

namespace yaml_internal {

// Counts the nodes under one root as a reader walking it sees them. yaml-cpp
// gives no node identity, so a node is known by where it starts and its
// type: an alias has the position of the node it refers to.
class NodeCounter {
 public:
  NodeCounter(const std::string& file, uint64_t max_nodes, int max_depth)
      : file_(file), max_nodes_(max_nodes), max_depth_(max_depth) {}

  // Nodes under `node` (itself included), at most max_nodes_ + 1; the
  // first problem found (depth, cycle) in error().
  uint64_t Count(const YAML::Node& node, int depth) {
    if (!error_.empty()) return max_nodes_ + 1;
    if (depth > max_depth_) {
      error_ = YamlWhere(file_, node) + ": nested more than " +
               std::to_string(max_depth_) + " levels deep (the limit)";
      return max_nodes_ + 1;
    }
    if (!node.IsSequence() && !node.IsMap()) return 1;
    const Key key{node.Mark().pos, static_cast<int>(node.Type())};
    if (const auto done = counted_.find(key); done != counted_.end()) return done->second;
    if (!open_.insert(key).second) {
      error_ = YamlWhere(file_, node) + ": an alias refers to this node from inside it "
               "(a node cannot contain itself)";
      return max_nodes_ + 1;
    }
    uint64_t total = 1;
    auto add = [&](uint64_t n) {
      total += n;
      if (total > max_nodes_ && over_at_.empty()) over_at_ = YamlWhere(file_, node);
      return total <= max_nodes_ && error_.empty();
    };
    if (node.IsSequence()) {
      for (const YAML::Node& item : node)
        if (!add(Count(item, depth + 1))) break;
    } else {
      for (const auto& kv : node)
        if (!add(Count(kv.first, depth + 1)) || !add(Count(kv.second, depth + 1))) break;
    }
    open_.erase(key);
    total = std::min(total, max_nodes_ + 1);
    counted_[key] = total;
    return total;
  }

  const std::string& error() const { return error_; }
  // Where the count first went over max_nodes_: the innermost collection.
  const std::string& over_at() const { return over_at_; }

 private:
  using Key = std::pair<int, int>;  // Mark::pos, NodeType
  const std::string& file_;
  const uint64_t max_nodes_;
  const int max_depth_;
  std::map<Key, uint64_t> counted_;
  std::set<Key> open_;
  std::string error_;
  std::string over_at_;
};

}  // namespace yaml_internal

// Appends "file[:line:col]: message" to *errors and returns false when the
// document at `root` is over a limit (see above); true when it is within.
inline bool CheckYamlLimits(const std::string& file, const YAML::Node& root,
                            std::vector<std::string>* errors,
                            uint64_t max_nodes = kMaxYamlNodes,
                            int max_depth = kMaxYamlDepth) {
  yaml_internal::NodeCounter counter(file, max_nodes, max_depth);
  const uint64_t nodes = counter.Count(root, 0);
  if (!counter.error().empty()) {
    errors->push_back(counter.error());
    return false;
  }
  if (nodes > max_nodes) {
    errors->push_back((counter.over_at().empty() ? file : counter.over_at()) +
                      ": more than " + std::to_string(max_nodes) +
                      " YAML nodes, counting each alias as a copy of what it refers "
                      "to (the limit; anchors and aliases nested to blow up?)");
    return false;
  }
  return true;
}

// Reads and parses the YAML file a loader was given (`what`: "rule file",
// "waiver file"): a regular file of at most max_bytes that passes the checks
// articles pass (no UTF-16, NUL bytes or invalid UTF-8; empty is fine, and
// gives a null *root), within CheckYamlLimits(). False, with the reason
// appended to *errors as file[:line[:col]]: message, otherwise.
bool LoadYamlFile(const std::string& file, const char* what, uintmax_t max_bytes,
                  YAML::Node* root, std::vector<std::string>* errors);

// Reads a scalar into *out. Anything else appends
// "file:line:col: <what> must be a string" to *errors and returns false.
inline bool YamlString(const std::string& file, const YAML::Node& node,
                       const std::string& what, std::string* out,
                       std::vector<std::string>* errors) {
  if (!node.IsScalar()) {
    errors->push_back(YamlWhere(file, node) + ": " + what + " must be a string");
    return false;
  }
  *out = node.Scalar();
  return true;
}

}  // namespace crosscheck

#endif  // CROSSCHECK_ENGINE_RULES_YAML_UTIL_H_
