// The mirror's validators file: read leniently (skip what is not a line of ours), write whole.

#include "pantau/data/source/validators_file.hpp"

namespace pantau::data {

ValidatorMap parseValidatorsFile(std::string_view rest) {
  ValidatorMap map;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    const std::size_t a = line.find('\t');
    if (a == std::string_view::npos) continue;
    const std::size_t b = line.find('\t', a + 1);
    if (b == std::string_view::npos) continue;
    const std::string_view path = line.substr(0, a), etag = line.substr(a + 1, b - a - 1), lastModified = line.substr(b + 1);
    if (etag.size() > 256 || lastModified.size() > 256 || !isSafeApiPath(path)) continue;
    map[std::string(path)] = {std::string(etag), std::string(lastModified)};
  }
  return map;
}

std::string formatValidatorsFile(const ValidatorMap& map) {
  std::string out;
  for (const auto& [path, v] : map) {
    // A validator with a tab or newline would split its line: such a server's validators are dropped.
    if (v.etag.find_first_of("\t\n") != std::string::npos || v.lastModified.find_first_of("\t\n") != std::string::npos) continue;
    out += path + "\t" + v.etag + "\t" + v.lastModified + "\n";
  }
  return out;
}

}  // namespace pantau::data
