// Small helpers for the YAML files crosscheck reads (rule packs, waivers):
// every message names file:line:column, as yaml-cpp's marks give them.
#ifndef CROSSCHECK_ENGINE_RULES_YAML_UTIL_H_
#define CROSSCHECK_ENGINE_RULES_YAML_UTIL_H_

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace crosscheck {

// "file:line:col" of a node (just "file" when yaml-cpp has no mark for it).
inline std::string YamlWhere(const std::string& file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return file;
  return file + ":" + std::to_string(mark.line + 1) + ":" +
         std::to_string(mark.column + 1);
}

// A yaml-cpp exception (a syntax error, a bad conversion) as
// "file:line:col: message".
inline std::string YamlError(const std::string& file, const YAML::Exception& e) {
  return file + ":" + std::to_string(e.mark.line + 1) + ":" +
         std::to_string(e.mark.column + 1) + ": " + e.msg;
}

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
