#pragma once
// pantau-gdal.so: the code that reads boundaries and writes exports through GDAL and GEOS
// (pantau_data_gdal), as a module that pantau loads on first use (base/loadable_module.hpp).
// This is the table both sides agree on: the module fills it with the public functions themselves
// (gdal_module.cpp); pantau defines those it calls as forwarders to it (gdal_module_client.cpp).
// Only what pantau calls is here; the tools and tests link pantau_data_gdal directly.

#include "pantau/data/base/loadable_module.hpp"
#include "pantau/data/export/export.hpp"
#include "pantau/data/geo/dapil_boundaries.hpp"
#include "pantau/data/geo/geo.hpp"

namespace pantau::data {

struct GdalModule {
  ModuleHeader header;
  Result<LevelGeometry> (*loadBoundaries)(const RegionTree& tree, const BoundarySource& source, Level level);
  Result<std::array<BoundarySource, 3>> (*resolveBoundaries)(const RegionTree& tree,
                                                             const std::vector<BoundarySource>& given,
                                                             const std::filesystem::path& dataDir,
                                                             std::vector<std::string>& report);
  Result<DapilBoundaries> (*dissolveDapil)(const RegionTree& tree, const DprTables& tables,
                                           const BoundarySource& regencies);
  Status (*exportResults)(const Snapshot& s, const ExportOptions& options, const std::filesystem::path& out,
                          ExportStats& stats);
};

inline constexpr const char* kGdalModuleFile = "pantau-gdal.so";
inline constexpr const char* kGdalModuleEntry = "pantau_gdal_module";
/// Bumped when an entry above changes.
inline constexpr uint32_t kGdalModuleVersion = 1;

}  // namespace pantau::data
