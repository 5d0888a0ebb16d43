#pragma once
// Hash for region codes (FNV-1a): codes are at most 13 bytes, so a byte loop is as fast as anything
// wider and has no alignment or padding concerns. Private to the data library.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace pantau::data {

inline std::size_t hashCode(std::string_view code) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : code) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return static_cast<std::size_t>(h ^ (h >> 29));
}

}  // namespace pantau::data
