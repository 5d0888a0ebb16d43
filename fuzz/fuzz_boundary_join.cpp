// libFuzzer target: what `--boundaries FILE` does before loading any geometry (issue 16): each
// file's level and code field detected from its values (BIG's "11.01", KPU's "1101"), and a file
// without codes joined by name (normalised names, Kabupaten/Kota prefixes and type fields, within
// the parent named by a field or, failing that, placed by position in DATA/geo's parent
// boundaries). The bytes are a GeoJSON file in GDAL's memory file system, resolved against KPU's
// real region tree (loaded once), as resolveBoundaries does for pantau and pantau-data export.

#include <cpl_conv.h>
#include <cpl_vsi.h>
#include <gdal.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pantau/data/base/data_location.hpp"
#include "pantau/data/geo/geo.hpp"
#include "pantau/data/model/region_tree.hpp"

namespace {
std::shared_ptr<const pantau::data::RegionTree> g_tree;
std::filesystem::path g_dataDir;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  CPLSetConfigOption("CPL_LOG", "/dev/null");  // GDAL's warnings are the point, not worth printing
  CPLSetErrorHandler(CPLQuietErrorHandler);
  auto dir = pantau::data::findDataDir(std::nullopt);
  if (!dir) return 0;
  g_dataDir = *dir;
  if (auto loaded = pantau::data::loadRegionTree(*dir)) g_tree = loaded->tree;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace pantau::data;
  if (!g_tree) return 0;
  const std::string path = "/vsimem/join.geojson";
  VSILFILE* f = VSIFileFromMemBuffer(path.c_str(), const_cast<GByte*>(data),
                                     static_cast<vsi_l_offset>(size), FALSE);
  if (!f) return 0;
  VSIFCloseL(f);
  // Detection alone: every joined feature is a region of the level found, no more joined than read.
  if (auto j = joinBoundaryFeatures(*g_tree, BoundarySource::parse(path), Level::Nation)) {
    if (j->level < Level::Province || j->level > Level::District) __builtin_trap();
    if (j->features.size() > j->featureCount || j->describe().empty()) __builtin_trap();
    for (const auto& [fid, id] : j->features)
      if (id >= g_tree->size() || g_tree->level(id) != j->level) __builtin_trap();
  }
  // The whole resolution, the name join within the parents included: the file takes the slot of
  // its level, and the other two stay DATA/geo's.
  std::vector<std::string> report;
  if (auto r = resolveBoundaries(*g_tree, {BoundarySource::parse(path)}, g_dataDir, report)) {
    int given = 0;
    for (const BoundarySource& b : *r) given += b.path == path;
    if (given != 1 || report.size() != 1) __builtin_trap();
  }
  VSIUnlink(path.c_str());
  return 0;
}
