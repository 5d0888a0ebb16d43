#pragma once
/// The region tree with or without its TPS. The 822,116 TPS are nine tenths of the tree (41 of
/// its 46 MB); a map of regencies or districts never reads them. Ids are laid out level by level
/// and the TPS come last, so a tree without them renumbers nothing: every other region keeps its
/// id, code, name, parent and children, and tables indexed by RegionId work on either tree.
///
/// (Its own header, not region_tree.hpp's: that one is included by nearly every file.)

#include <filesystem>
#include <memory>

#include "pantau/data/model/region_tree.hpp"

namespace pantau::data {

enum class TreeScope {
  Full,      ///< every level, TPS included
  AboveTps,  ///< nation to villages; level Tps is empty (levelBegin(Tps) == size())
};

/// loadRegionTree(dataDir) for `scope`: the pack's section for it alone is read (region_tree_pack).
Result<TreeLoad> loadRegionTree(const std::filesystem::path& dataDir, TreeScope scope);

/// `full` without its TPS, the same ids for every other region. Thread-safe (reads `full` only).
std::shared_ptr<const RegionTree> treeWithoutTps(const RegionTree& full);

}  // namespace pantau::data
