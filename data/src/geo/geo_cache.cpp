// The processed-mesh cache: LevelGeometry as a flat binary file, written atomically, verified by
// its full key on read, through a memory map (no heap copy of the file). Cold start triangulates (~0.3-0.6 s a level); warm start reads.

#include <sys/stat.h>

#include <cstdlib>
#include <cstring>

#include "base/binary_pack.hpp"
#include "base/mapped_file.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/geo/geo.hpp"

namespace pantau::data {

namespace {

constexpr char kMagic[8] = {'P', 'N', 'T', 'M', 'E', 'S', 'H', '1'};

std::string cacheKey(const RegionTree& tree, const BoundarySource& src, Level level) {
  struct stat st {};
  if (::stat(src.path.c_str(), &st) != 0) return {};
  return src.path + "|" + std::to_string(st.st_size) + "|" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + "|" + src.layer + "|" + src.codeField + "|" + src.nameField + "|" + src.parentBoundaries + "|" + std::to_string(src.simplifyKm) +
         "|" + std::to_string(static_cast<int>(level)) + "|" +
         std::to_string(tree.levelBegin(Level::Tps)) +  // not size(): a tree without TPS shares it
         "|v3";
}

}  // namespace

Result<LevelGeometry> loadBoundariesCached(const RegionTree& tree, const BoundarySource& src, Level level,
                                           const std::filesystem::path& cacheDir) {
  const std::string key = cacheKey(tree, src, level);
  if (key.empty()) return loadBoundaries(tree, src, level);  // let the loader name the problem
  const auto file = cacheDir / pack::keyedName(key, "mesh");
  if (auto mapped = MappedFile::open(file, 1u << 30)) {
    // The last 8 bytes are a checksum of the rest: a flipped bit anywhere means rebuild.
    pack::Reader r(pack::unseal(mapped->bytes()));
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
  pack::putString(out, key);
  pack::put(out, g->triangles);
  pack::put(out, g->triangleRegion);
  pack::put(out, g->segments);
  pack::put(out, g->segmentRegion);
  pack::put(out, g->shapes);
  pack::put(out, g->withoutPolygon);
  const uint64_t n = g->unmatched.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  for (const auto& u : g->unmatched) pack::putString(out, u);
  pack::seal(out);
  std::error_code ec;
  std::filesystem::create_directories(cacheDir, ec);
  (void)writeFileAtomic(file, out, false);  // a cache: failing to write it only costs the next start
  return g;
}

}  // namespace pantau::data
