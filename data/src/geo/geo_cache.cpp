// The processed-mesh cache: LevelGeometry as a flat binary file, written atomically, verified by
// its full key on read. Cold start triangulates (~0.3-0.6 s a level); warm start reads.

#include <sys/stat.h>

#include <cstdlib>
#include <cstring>

#include "pantau/data/base/file_io.hpp"
#include "pantau/data/geo/geo.hpp"

namespace pantau::data {

namespace {

constexpr char kMagic[8] = {'P', 'N', 'T', 'M', 'E', 'S', 'H', '1'};

template <class T>
void put(std::string& out, const std::vector<T>& v) {
  const uint64_t n = v.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  if (n) out.append(reinterpret_cast<const char*>(v.data()), n * sizeof(T));
}

void putString(std::string& out, const std::string& s) {
  const uint64_t n = s.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out.append(s);
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

std::string cacheKey(const RegionTree& tree, const BoundarySource& src, Level level) {
  struct stat st {};
  if (::stat(src.path.c_str(), &st) != 0) return {};
  return src.path + "|" + std::to_string(st.st_size) + "|" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + "|" + src.layer + "|" + src.codeField + "|" + src.nameField + "|" + src.parentBoundaries + "|" + std::to_string(src.simplifyKm) +
         "|" + std::to_string(static_cast<int>(level)) + "|" + std::to_string(tree.size()) + "|v2";
}

}  // namespace

std::filesystem::path defaultCacheDir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::filesystem::path(x) / "pantau";
  if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".cache" / "pantau";
  return "/tmp/pantau-cache";
}

Result<LevelGeometry> loadBoundariesCached(const RegionTree& tree, const BoundarySource& src, Level level,
                                           const std::filesystem::path& cacheDir) {
  const std::string key = cacheKey(tree, src, level);
  if (key.empty()) return loadBoundaries(tree, src, level);  // let the loader name the problem
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
  // (The key, not the file's path, names the entry: a moved file with the same content rebuilds.)
  char name[40];
  std::snprintf(name, sizeof name, "%016llx.mesh", static_cast<unsigned long long>(h));
  const auto file = cacheDir / name;

  auto checksum = [](std::string_view d) {  // eight bytes a step: 27 MB in a few ms
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
  };
  if (auto bytes = readFile(file, 1u << 30); bytes && bytes->size() > 8) {
    // The last 8 bytes are a checksum of the rest: a flipped bit anywhere means rebuild.
    uint64_t stored = 0;
    std::memcpy(&stored, bytes->data() + bytes->size() - 8, 8);
    const std::string_view body(bytes->data(), bytes->size() - 8);
    Reader r(checksum(body) == stored ? body : std::string_view());
    char magic[8];
    std::string storedKey;
    LevelGeometry g;
    g.level = level;
    std::vector<uint32_t> without;
    uint64_t unmatchedCount = 0;
    bool ok = r.raw(magic, 8) && std::memcmp(magic, kMagic, 8) == 0 && r.getString(storedKey) && storedKey == key &&
              r.get(g.triangles) && r.get(g.triangleRegion) && r.get(g.segments) && r.get(g.segmentRegion) && r.get(g.shapes) &&
              r.get(g.withoutPolygon) && r.raw(&unmatchedCount, sizeof unmatchedCount) && unmatchedCount < 1'000'000;
    for (uint64_t i = 0; ok && i < unmatchedCount; ++i) ok = r.getString(g.unmatched.emplace_back());
    // Every id must be a region of the level: a corrupt cache must never index out of bounds.
    for (RegionId id : g.triangleRegion) ok = ok && id >= tree.levelBegin(level) && id < tree.levelEnd(level);
    for (RegionId id : g.segmentRegion) ok = ok && id >= tree.levelBegin(level) && id < tree.levelEnd(level);
    for (const RegionShape& s : g.shapes)
      ok = ok && s.region >= tree.levelBegin(level) && s.region < tree.levelEnd(level) &&
           uint64_t{s.firstTriangle} + s.triangleCount <= g.triangleRegion.size() && uint64_t{s.firstSegment} + s.segmentCount <= g.segmentRegion.size();
    ok = ok && g.triangles.size() == g.triangleRegion.size() * 6 && g.segments.size() == g.segmentRegion.size() * 4 && r.done();
    if (ok) return g;
  }
  auto g = loadBoundaries(tree, src, level);
  if (!g) return g;
  std::string out(kMagic, 8);
  putString(out, key);
  put(out, g->triangles);
  put(out, g->triangleRegion);
  put(out, g->segments);
  put(out, g->segmentRegion);
  put(out, g->shapes);
  put(out, g->withoutPolygon);
  const uint64_t n = g->unmatched.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  for (const auto& u : g->unmatched) putString(out, u);
  const uint64_t sum = checksum(out);
  out.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  std::error_code ec;
  std::filesystem::create_directories(cacheDir, ec);
  (void)writeFileAtomic(file, out, false);  // a cache: failing to write it only costs the next start
  return g;
}

}  // namespace pantau::data
