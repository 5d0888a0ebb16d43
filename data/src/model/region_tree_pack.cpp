// The region tree as one flat binary file, built from the two TSVs on first use and read back on
// every later start (the TSVs hold 822k TPS rows whose parsing was most of a still's start).
// Keyed by both files' paths, sizes and modification times, and every array checked for what the
// tree's accessors rely on before it is used: a stale, truncated or corrupt pack is rebuilt from
// the TSVs, never trusted.
//
// Layout: magic, key, then three sections, each length-prefixed and sealed with its own checksum:
// the rejected rows, the tree above the TPS (treeWithoutTps, 5 MB) and the full tree
// (46 MB). The file is memory-mapped, and a load reads and checks only the sections it uses: a
// still of regencies never touches the 822k TPS' pages.

#include "model/region_tree_pack.hpp"

#include <sys/stat.h>

#include "base/binary_pack.hpp"
#include "base/mapped_file.hpp"
#include "pantau/data/base/file_io.hpp"

namespace pantau::data {

namespace {

constexpr char kMagic[8] = {'P', 'N', 'T', 'T', 'R', 'E', 'E', '2'};

template <class T>
bool ascending(const std::vector<T>& v, std::size_t last) {
  for (std::size_t i = 1; i < v.size(); ++i)
    if (v[i] < v[i - 1]) return false;
  return !v.empty() && v.front() == 0 && v.back() == last;
}

}  // namespace

std::string RegionTreePack::key(const std::filesystem::path& wilayah,
                                const std::filesystem::path& tps) {
  std::string key;
  for (const auto& p : {wilayah, tps}) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return {};
    key += p.string() + "|" + std::to_string(st.st_size) + "|" + std::to_string(st.st_mtim.tv_sec) +
           "." + std::to_string(st.st_mtim.tv_nsec) + "|";
  }
  return key + "v2";
}

void RegionTreePack::putTree(std::string& out, const RegionTree& t) {
  std::string body;
  pack::put(body, t.m_level);
  pack::put(body, t.m_parent);
  pack::put(body, t.m_childBegin);
  pack::put(body, t.m_children);
  pack::put(body, t.m_codes);
  pack::put(body, t.m_nameBegin);
  pack::putString(body, t.m_names);
  pack::put(body, t.m_kpuId);
  body.append(reinterpret_cast<const char*>(t.m_levelBegin), sizeof t.m_levelBegin);
  pack::put(body, t.m_slots);
  pack::seal(body);
  pack::putString(out, body);
}

std::shared_ptr<const RegionTree> RegionTreePack::getTree(std::string_view section, bool withTps) {
  pack::Reader r(pack::unseal(section));
  auto tree = std::make_shared<RegionTree>();
  RegionTree& t = *tree;
  const bool ok = r.get(t.m_level) && r.get(t.m_parent) && r.get(t.m_childBegin) &&
                  r.get(t.m_children) && r.get(t.m_codes) && r.get(t.m_nameBegin) &&
                  r.getString(t.m_names) && r.get(t.m_kpuId) &&
                  r.raw(t.m_levelBegin, sizeof t.m_levelBegin) && r.get(t.m_slots) && r.done();
  if (!ok || !valid(t, withTps)) return nullptr;
  return tree;
}

std::string RegionTreePack::write(const TreeLoad& load, std::string_view key) {
  std::string out(kMagic, 8);
  pack::putString(out, key);
  std::string rejected;
  const uint64_t n = load.rejected.size();
  rejected.append(reinterpret_cast<const char*>(&n), sizeof n);
  for (const RowError& e : load.rejected) {
    pack::putString(rejected, e.file);
    rejected.append(reinterpret_cast<const char*>(&e.line), sizeof e.line);
    pack::putString(rejected, e.reason);
  }
  pack::seal(rejected);
  pack::putString(out, rejected);
  putTree(out, *treeWithoutTps(*load.tree));
  putTree(out, *load.tree);
  return out;
}

std::optional<TreeLoad> RegionTreePack::read(std::string_view file, std::string_view key,
                                             TreeScope scope) {
  pack::Reader r(file);
  char magic[8];
  std::string storedKey;
  std::string_view rejectedSection, above, full;
  if (!r.raw(magic, 8) || std::memcmp(magic, kMagic, 8) != 0 || !r.getString(storedKey) ||
      storedKey != key || !r.view(rejectedSection) || !r.view(above) || !r.view(full) || !r.done())
    return std::nullopt;
  pack::Reader rr(pack::unseal(rejectedSection));
  uint64_t rejected = 0;
  bool ok = rr.raw(&rejected, sizeof rejected) && rejected < 10'000'000;
  TreeLoad out;
  for (uint64_t i = 0; ok && i < rejected; ++i) {
    RowError& e = out.rejected.emplace_back();
    ok = rr.getString(e.file) && rr.raw(&e.line, sizeof e.line) && rr.getString(e.reason);
  }
  if (!ok || !rr.done()) return std::nullopt;
  const bool withTps = scope == TreeScope::Full;
  out.tree = getTree(withTps ? full : above, withTps);
  if (!out.tree) return std::nullopt;
  return out;
}

bool RegionTreePack::valid(const RegionTree& t, bool withTps) {
  // Everything an accessor indexes with must stay in bounds, whatever the file said.
  const std::size_t n = t.m_level.size();
  if (n == 0 || t.m_parent.size() != n || t.m_kpuId.size() != n ||
      t.m_codes.size() != n * kMaxCodeLength || t.m_children.size() != n - 1 ||
      t.m_childBegin.size() != n + 1 || t.m_nameBegin.size() != n + 1)
    return false;
  if (!ascending(t.m_childBegin, t.m_children.size()) ||
      !ascending(t.m_nameBegin, t.m_names.size()))
    return false;
  for (int l = 0; l < kLevelCount; ++l)
    if (t.m_levelBegin[l] > t.m_levelBegin[l + 1]) return false;
  if (t.m_levelBegin[kLevelCount] != n || t.m_level[0] != 0 || t.m_parent[0] != kNoRegion)
    return false;
  if (!withTps && t.m_levelBegin[static_cast<int>(Level::Tps)] != n) return false;  // TreeScope::AboveTps
  for (std::size_t id = 1; id < n; ++id)
    if (t.m_level[id] >= kLevelCount || t.m_parent[id] >= id || t.m_children[id - 1] >= n)
      return false;
  const std::size_t slots = t.m_slots.size();
  if (slots < 2 || (slots & (slots - 1)) != 0 || slots <= n)
    return false;  // find() needs an empty slot to stop at
  for (RegionId s : t.m_slots)
    if (s != kNoRegion && s >= n) return false;
  return true;
}

Result<TreeLoad> loadRegionTreePacked(const std::filesystem::path& wilayah,
                                      const std::filesystem::path& tps,
                                      const std::filesystem::path& cacheDir, TreeScope scope,
                                      const std::function<Result<TreeLoad>()>& parse) {
  const std::string key = RegionTreePack::key(wilayah, tps);
  const auto file = cacheDir / pack::keyedName(key, "tree");
  if (!key.empty())  // else let the parser name what cannot be read
    if (auto mapped = MappedFile::open(file, 1u << 30))
      if (auto load = RegionTreePack::read(mapped->bytes(), key, scope)) return std::move(*load);
  auto load = parse();
  if (!load) return load;
  if (!key.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(cacheDir, ec);
    (void)writeFileAtomic(file, RegionTreePack::write(*load, key),
                          false);  // a cache: failing costs the next start only
  }
  if (scope == TreeScope::AboveTps) load->tree = treeWithoutTps(*load->tree);
  return load;
}

}  // namespace pantau::data
