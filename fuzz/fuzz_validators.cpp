// libFuzzer target: the mirror's validators file (DIR/.pantau-mirror/validators.tsv), which any
// person or process may have edited. What is read must write back and read again the same.

#include <cstddef>
#include <cstdint>
#include <string>

#include "pantau/data/source/validators_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace pantau::data;
  const ValidatorMap map = parseValidatorsFile(std::string_view(reinterpret_cast<const char*>(data), size));
  for (const auto& [path, v] : map)
    if (!isSafeApiPath(path) || v.etag.size() > 256 || v.lastModified.size() > 256) __builtin_trap();
  const ValidatorMap again = parseValidatorsFile(formatValidatorsFile(map));
  for (const auto& [path, v] : again) {
    auto it = map.find(path);
    if (it == map.end() || it->second.etag != v.etag || it->second.lastModified != v.lastModified) __builtin_trap();
  }
  return 0;
}
