#pragma once
// The region tree's binary pack (private to the data library): see region_tree_pack.cpp.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "pantau/data/model/tree_scope.hpp"

namespace pantau::data {

class RegionTreePack {
 public:
  /// Both sources' paths, sizes and modification times; "" when one cannot be stat'ed.
  static std::string key(const std::filesystem::path& wilayah, const std::filesystem::path& tps);
  /// The pack of a full tree (TPS included): its sections for both scopes.
  static std::string write(const TreeLoad& load, std::string_view key);
  /// The tree of `scope`, or nullopt when the bytes are not a sound pack made for `key`. Reads
  /// and checks the sections `scope` needs only.
  static std::optional<TreeLoad> read(std::string_view file, std::string_view key, TreeScope scope);

 private:
  static void putTree(std::string& out, const RegionTree& tree);
  static std::shared_ptr<const RegionTree> getTree(std::string_view section, bool withTps);
  static bool valid(const RegionTree& tree, bool withTps);
};

/// The pack in `cacheDir` for these two files when it is sound; else `parse()` (the full tree),
/// which is then packed for the next start.
Result<TreeLoad> loadRegionTreePacked(const std::filesystem::path& wilayah,
                                      const std::filesystem::path& tps,
                                      const std::filesystem::path& cacheDir, TreeScope scope,
                                      const std::function<Result<TreeLoad>()>& parse);

}  // namespace pantau::data
