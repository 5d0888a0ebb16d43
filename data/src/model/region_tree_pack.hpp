#pragma once
// The region tree's binary pack (private to the data library): see region_tree_pack.cpp.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "pantau/data/model/region_tree.hpp"

namespace pantau::data {

class RegionTreePack {
 public:
  /// Both sources' paths, sizes and modification times; "" when one cannot be stat'ed.
  static std::string key(const std::filesystem::path& wilayah, const std::filesystem::path& tps);
  static std::string write(const TreeLoad& load, std::string_view key);
  /// The tree, or nullopt when the bytes are not a sound pack made for `key`.
  static std::optional<TreeLoad> read(std::string_view file, std::string_view key);

 private:
  static bool valid(const RegionTree& tree);
};

/// The pack in `cacheDir` for these two files when it is sound; else `parse()`, whose tree is
/// then packed for the next start.
Result<TreeLoad> loadRegionTreePacked(const std::filesystem::path& wilayah,
                                      const std::filesystem::path& tps,
                                      const std::filesystem::path& cacheDir,
                                      const std::function<Result<TreeLoad>()>& parse);

}  // namespace pantau::data
