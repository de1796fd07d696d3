#include "engine/rules/yaml_util.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "engine/ingest/reader.h"

namespace crosscheck {
namespace {

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

}  // namespace

bool CheckYamlLimits(const std::string& file, const YAML::Node& root,
                     std::vector<std::string>* errors, uint64_t max_nodes, int max_depth) {
  NodeCounter counter(file, max_nodes, max_depth);
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


bool LoadYamlFile(const std::string& file, const char* what, uintmax_t max_bytes,
                  YAML::Node* root, std::vector<std::string>* errors) {
  namespace fs = std::filesystem;
  // A FIFO or a device (/dev/zero) would block or never end.
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    errors->push_back(file + ": not a regular file");
    return false;
  }
  const uintmax_t size = fs::file_size(file, ec);
  if (!ec && size > max_bytes) {
    errors->push_back(file + ": " + what + " too large (" + std::to_string(size) +
                      " bytes; limit " + std::to_string(max_bytes) + ")");
    return false;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    errors->push_back(file + ": cannot read: " + std::strerror(errno));
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  if (buffer.str().size() > max_bytes) {  // grew since
    errors->push_back(file + ": " + what + " too large (limit " + std::to_string(max_bytes) +
                      " bytes)");
    return false;
  }
  // The gate articles pass: yaml-cpp would read UTF-16, and let NUL bytes
  // and invalid UTF-8 into names and messages.
  if (auto problem = internal::CheckContent(buffer.str(), /*empty_ok=*/true)) {
    errors->push_back(file + ":" + std::to_string(problem->line) + ": " + problem->message);
    return false;
  }
  try {
    *root = YAML::Load(buffer.str());
  } catch (const YAML::Exception& e) {
    errors->push_back(YamlError(file, e));
    return false;
  }
  return CheckYamlLimits(file, *root, errors);
}

}  // namespace crosscheck
