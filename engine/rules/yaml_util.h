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

#include <cstdint>
#include <string>
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

// Appends "file[:line:col]: message" to *errors and returns false when the
// document at `root` is over a limit (see above); true when it is within.
bool CheckYamlLimits(const std::string& file, const YAML::Node& root,
                     std::vector<std::string>* errors, uint64_t max_nodes = kMaxYamlNodes,
                     int max_depth = kMaxYamlDepth);

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
