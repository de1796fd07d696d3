#include "engine/rules/yaml_util.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "engine/ingest/reader.h"

namespace crosscheck {

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
