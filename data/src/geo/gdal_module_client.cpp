// pantau's side of pantau-gdal.so (gdal_module.hpp): the GDAL-using functions it calls, each
// forwarded to the module, loaded on the first call. A warm still calls none of them (the meshes
// come from the cache, the default boundaries are named without reading them), so it never loads
// GDAL. When the module cannot be loaded, each call fails with why (the module and dlerror()).

#include "geo/boundary_source.hpp"
#include "geo/gdal_module.hpp"

namespace pantau::data {
namespace {

const Result<const GdalModule*>& gdalModule() {
  static const auto loaded = loadModuleTable<GdalModule>(kGdalModuleFile, kGdalModuleEntry, kGdalModuleVersion);
  return loaded;
}

/// `what` failed because the module is missing: say both.
Error unavailable(const std::string& what) {
  const Error& e = gdalModule().error();
  return Error{e.code, what + ": " + e.message};
}

}  // namespace

Result<LevelGeometry> loadBoundaries(const RegionTree& tree, const BoundarySource& source, Level level) {
  if (!gdalModule()) return unavailable(source.path);
  return (*gdalModule())->loadBoundaries(tree, source, level);
}

Result<std::array<BoundarySource, 3>> resolveBoundaries(const RegionTree& tree, const std::vector<BoundarySource>& given,
                                                        const std::filesystem::path& dataDir,
                                                        std::vector<std::string>& report) {
  // No file given: the defaults, named without opening them (the module would return the same).
  if (given.empty()) return defaultBoundaries(dataDir);
  if (!gdalModule()) return unavailable("--boundaries");
  return (*gdalModule())->resolveBoundaries(tree, given, dataDir, report);
}

Result<DapilBoundaries> dissolveDapil(const RegionTree& tree, const DprTables& tables, const BoundarySource& regencies) {
  if (!gdalModule()) return unavailable(regencies.path);
  return (*gdalModule())->dissolveDapil(tree, tables, regencies);
}

Status exportResults(const Snapshot& s, const ExportOptions& options, const std::filesystem::path& out,
                     ExportStats& stats) {
  if (!gdalModule()) return unavailable(out.string());
  return (*gdalModule())->exportResults(s, options, out, stats);
}

}  // namespace pantau::data
