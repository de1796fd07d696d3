#include "engine/compare/waivers.h"

#include <yaml-cpp/yaml.h>

#include "engine/rules/yaml_util.h"

#include <filesystem>

namespace crosscheck {
namespace {

constexpr uintmax_t kMaxWaiverFileBytes = 4 << 20;  // as a rule file

class WaiverLoader {
 public:
  std::vector<std::string> errors;
  std::vector<WaiverRule> rules;

  void Load(const std::string& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
      errors.push_back(file + ": cannot read waiver file");
      return;
    }
    YAML::Node root;
    if (!LoadYamlFile(file, "waiver file", kMaxWaiverFileBytes, &root, &errors)) return;
    try {
      if (root.IsNull()) return;
      if (!root.IsMap() || !root["waivers"] || !root["waivers"].IsSequence()) {
        errors.push_back(YamlWhere(file, root) + ": a waiver file is a map with a 'waivers:' list");
        return;
      }
      for (const auto& kv : root) {
        if (kv.first.Scalar() != "waivers")
          errors.push_back(YamlWhere(file, kv.first) + ": unknown key '" + kv.first.Scalar() +
                           "' in waiver file");
      }
      for (const auto& item : root["waivers"]) LoadOne(file, item);
    } catch (const YAML::Exception& e) {
      errors.push_back(YamlError(file, e));
    }
  }

 private:
  // An optional string: false when absent or not a string (then reported).
  bool Text(const std::string& file, const YAML::Node& node, const char* what,
            std::string* out) {
    return node && YamlString(file, node, what, out, &errors);
  }

  void LoadOne(const std::string& file, const YAML::Node& item) {
    if (!item.IsMap()) {
      errors.push_back(YamlWhere(file, item) + ": a waiver must be a map");
      return;
    }
    WaiverRule r;
    r.waiver.origin = YamlWhere(file, item);
    for (const auto& kv : item) {
      const std::string key = kv.first.Scalar();
      if (key != "finding" && key != "claim" && key != "status" && key != "reason" &&
          key != "by")
        errors.push_back(YamlWhere(file, kv.first) + ": unknown key '" + key +
                         "' in waiver (finding, claim, status, reason, by)");
    }
    if (item["finding"] && item["claim"]) {
      errors.push_back(r.waiver.origin + ": a waiver names a finding or a claim, not both");
      return;
    }
    if (item["claim"]) {
      const YAML::Node c = item["claim"];
      if (!c.IsMap()) {
        errors.push_back(YamlWhere(file, c) + ": claim must be a map {finding, source, text}");
        return;
      }
      r.claim = true;
      if (!Text(file, c["finding"], "finding", &r.finding))
        errors.push_back(YamlWhere(file, c) + ": claim without 'finding'");
      if (!Text(file, c["source"], "source", &r.source))
        errors.push_back(YamlWhere(file, c) + ": claim without 'source'");
      Text(file, c["text"], "text", &r.text);
    } else if (!Text(file, item["finding"], "finding", &r.finding)) {
      errors.push_back(r.waiver.origin + ": waiver without 'finding' or 'claim'");
    }
    if (!Text(file, item["status"], "status", &r.waiver.status)) {
      errors.push_back(r.waiver.origin + ": waiver without 'status'");
    } else if (r.waiver.status != "reviewed" && r.waiver.status != "not_applicable") {
      errors.push_back(YamlWhere(file, item["status"]) +
                       ": status must be reviewed or not_applicable");
    }
    if (!Text(file, item["reason"], "reason", &r.waiver.reason) || r.waiver.reason.empty())
      errors.push_back(r.waiver.origin + ": waiver without a 'reason'");
    Text(file, item["by"], "by", &r.waiver.by);
    rules.push_back(std::move(r));
  }
};

}  // namespace

StatusOr<std::vector<WaiverRule>> LoadWaivers(const std::vector<std::string>& paths) {
  WaiverLoader loader;
  for (const std::string& p : paths) loader.Load(p);
  if (!loader.errors.empty()) {
    std::string message;
    for (const std::string& e : loader.errors) message += (message.empty() ? "" : "\n") + e;
    return Status::InvalidArgument(message);
  }
  return loader.rules;
}

void WaiveClaims(const std::vector<WaiverRule>& rules, std::vector<Claim>* claims,
                 std::vector<bool>* used) {
  used->resize(rules.size(), false);
  for (size_t i = 0; i < rules.size(); ++i) {
    const WaiverRule& r = rules[i];
    if (!r.claim) continue;
    for (Claim& c : *claims) {
      if (c.key != r.finding || c.source != r.source) continue;
      if (!r.text.empty() && c.text != r.text) continue;
      c.waiver = r.waiver;
      (*used)[i] = true;
    }
  }
}

void WaiveFindings(const std::vector<WaiverRule>& rules,
                   std::vector<FactFinding>* findings, std::vector<bool>* used) {
  used->resize(rules.size(), false);
  for (size_t i = 0; i < rules.size(); ++i) {
    const WaiverRule& r = rules[i];
    if (r.claim) continue;
    for (FactFinding& f : *findings) {
      if (f.key != r.finding) continue;
      f.waiver = r.waiver;
      (*used)[i] = true;
    }
  }
}

}  // namespace crosscheck
