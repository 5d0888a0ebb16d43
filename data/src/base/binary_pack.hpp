#pragma once
// Flat binary caches (the mesh cache, the region tree pack): vectors written as a length and raw
// bytes, a 64-bit checksum over everything at the end, read back through a bounds-checked
// reader. Private to the data library; the caller validates what the arrays mean.

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace pantau::data::pack {

template <class T>
void put(std::string& out, const std::vector<T>& v) {
  const uint64_t n = v.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  if (n) out.append(reinterpret_cast<const char*>(v.data()), n * sizeof(T));
}

inline void putString(std::string& out, std::string_view s) {
  const uint64_t n = s.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out.append(s);
}

/// Eight bytes a step: tens of MB in a few ms.
inline uint64_t checksum(std::string_view d) {
  uint64_t x = 1469598103934665603ull;
  std::size_t i = 0;
  for (; i + 8 <= d.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, d.data() + i, 8);
    x = (x ^ w) * 0x100000001b3ull;
    x ^= x >> 29;
  }
  for (; i < d.size(); ++i) x = (x ^ static_cast<unsigned char>(d[i])) * 0x100000001b3ull;
  return x;
}

/// Appends the checksum of everything in `out` so far.
inline void seal(std::string& out) {
  const uint64_t sum = checksum(out);
  out.append(reinterpret_cast<const char*>(&sum), sizeof sum);
}

/// The body of a sealed file, or an empty view when it is too short or its checksum is wrong.
inline std::string_view unseal(std::string_view file) {
  if (file.size() <= 8) return {};
  uint64_t stored = 0;
  std::memcpy(&stored, file.data() + file.size() - 8, 8);
  const std::string_view body = file.substr(0, file.size() - 8);
  return checksum(body) == stored ? body : std::string_view();
}

class Reader {
 public:
  explicit Reader(std::string_view data) : m_rest(data) {}
  template <class T>
  bool get(std::vector<T>& v) {
    uint64_t n = 0;
    if (!raw(&n, sizeof n) || n > m_rest.size() / sizeof(T)) return false;
    v.resize(n);
    return raw(v.data(), n * sizeof(T));
  }
  bool getString(std::string& s) {
    uint64_t n = 0;
    if (!raw(&n, sizeof n) || n > m_rest.size()) return false;
    s.assign(m_rest.substr(0, n));
    m_rest.remove_prefix(n);
    return true;
  }
  /// A length-prefixed blob (putString's) as a view into the data, not copied.
  bool view(std::string_view& out) {
    uint64_t n = 0;
    if (!raw(&n, sizeof n) || n > m_rest.size()) return false;
    out = m_rest.substr(0, n);
    m_rest.remove_prefix(n);
    return true;
  }
  bool raw(void* dst, std::size_t n) {
    if (n == 0) return true;  // an empty vector's data() may be null: no memcpy at all
    if (n > m_rest.size()) return false;
    std::memcpy(dst, m_rest.data(), n);
    m_rest.remove_prefix(n);
    return true;
  }
  bool done() const { return m_rest.empty(); }

 private:
  std::string_view m_rest;
};

/// A cache file's name from its key (the key, not the source's path, names the entry: a moved
/// source with the same content rebuilds).
inline std::string keyedName(std::string_view key, const char* extension) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
  char name[48];
  std::snprintf(name, sizeof name, "%016llx.%s", static_cast<unsigned long long>(h), extension);
  return name;
}

}  // namespace pantau::data::pack
