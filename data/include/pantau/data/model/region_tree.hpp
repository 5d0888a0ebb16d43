#pragma once
/// KPU's region tree (nation, 39 provinces, 643 regencies, 7,405 districts, 83,859 villages,
/// 822,116 TPS), loaded once and immutable afterwards.
///
/// Every region gets a dense RegionId. Ids are laid out level by level (the nation is 0, then all
/// provinces, then all regencies, ...), so each level is one contiguous id range: a per-level table
/// of tallies or colours is a plain array indexed by `id - levelBegin(level)`. Codes are looked up
/// in an open-addressing hash at the edges only (design.md).
///
/// Thread-safety: a RegionTree is immutable once built; share it as
/// std::shared_ptr<const RegionTree> and read it from any thread.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/data/sirekap/region_code.hpp"
#include "pantau/data/base/result.hpp"

namespace pantau::data {

using RegionId = uint32_t;
inline constexpr RegionId kNoRegion = UINT32_MAX;
inline constexpr RegionId kNation = 0;

class RegionTree {
 public:
  std::size_t size() const { return m_level.size(); }

  Level level(RegionId id) const { return static_cast<Level>(m_level[id]); }
  RegionId parent(RegionId id) const { return m_parent[id]; }  ///< kNoRegion for the nation
  std::span<const RegionId> children(RegionId id) const {
    return {m_children.data() + m_childBegin[id], m_childBegin[id + 1] - m_childBegin[id]};
  }
  std::string_view code(RegionId id) const {
    return {m_codes.data() + std::size_t(id) * kMaxCodeLength, codeLength(level(id))};
  }
  std::string_view name(RegionId id) const {
    return {m_names.data() + m_nameBegin[id], m_nameBegin[id + 1] - m_nameBegin[id]};
  }
  uint32_t kpuId(RegionId id) const { return m_kpuId[id]; }  ///< KPU's internal id (0 for the nation)
  /// Overseas regions (province "99", Luar Negeri) are counted apart from the domestic ones.
  bool isOverseas(RegionId id) const { return id != kNation && code(id).substr(0, 2) == "99"; }

  /// First id of a level; ids of level L are [levelBegin(L), levelBegin(L+1)).
  RegionId levelBegin(Level level) const { return m_levelBegin[static_cast<int>(level)]; }
  RegionId levelEnd(Level level) const { return m_levelBegin[static_cast<int>(level) + 1]; }

  /// Region with this code ("" is the nation), or kNoRegion. Any string is safe to pass.
  RegionId find(std::string_view code) const;

  /// Names of the region and its ancestors, nearest first: "TPS 001, KUTA ATEUH, SUKAKARYA, ...".
  std::string path(RegionId id) const;

  struct LevelCounts {
    std::size_t domestic[kLevelCount]{};
    std::size_t overseas[kLevelCount]{};
  };
  LevelCounts countByLevel() const;

  std::size_t memoryBytes() const;  ///< heap bytes held, for the README's figures

 private:
  friend class RegionTreeBuilder;
  friend class RegionTreePack;  ///< the binary pack reads and writes the arrays whole
  std::vector<uint8_t> m_level;
  std::vector<RegionId> m_parent;
  std::vector<uint32_t> m_childBegin;  ///< size()+1 offsets into m_children (CSR)
  std::vector<RegionId> m_children;
  std::vector<char> m_codes;           ///< kMaxCodeLength chars per region, length from its level
  std::vector<uint32_t> m_nameBegin;   ///< size()+1 offsets into m_names
  std::string m_names;
  std::vector<uint32_t> m_kpuId;
  RegionId m_levelBegin[kLevelCount + 1]{};
  std::vector<RegionId> m_slots;       ///< open addressing, power-of-two size, kNoRegion = empty
};

/// A row a loader refused, with where and why ("wilayah.tsv:1234: tingkat 7 is not 1..4").
struct RowError {
  std::string file;
  std::size_t line = 0;
  std::string reason;
  std::string toString() const { return file + ":" + std::to_string(line) + ": " + reason; }
};

struct TreeLoad {
  std::shared_ptr<const RegionTree> tree;
  std::vector<RowError> rejected;  ///< malformed rows, skipped; their descendants are skipped too
};

/// Loads `<dataDir>/kpu2024/wilayah.tsv` and `<dataDir>/kpu2024/tps.tsv`. Fails only when a file
/// cannot be read or its header is not the expected one; bad rows are reported in `rejected`.
Result<TreeLoad> loadRegionTree(const std::filesystem::path& dataDir);

/// The same from text already in memory; `wilayahName`/`tpsName` are used in messages.
Result<TreeLoad> loadRegionTreeFromText(std::string_view wilayahTsv, std::string_view tpsTsv,
                                        std::string_view wilayahName = "wilayah.tsv",
                                        std::string_view tpsName = "tps.tsv");

}  // namespace pantau::data
