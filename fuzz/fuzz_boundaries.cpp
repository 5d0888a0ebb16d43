// libFuzzer target: boundary loading through GDAL from memory (/vsimem/), as `--boundaries FILE`
// reads a file someone handed over: GeoJSON by default; an input starting with "SQLite format 3"
// is tried as a GeoPackage. Joined against KPU's real region tree (loaded once), and dissolved
// into the DPR dapil as `--contest pdpr export` does (geo/dapil_boundaries.hpp).

#include <gdal.h>
#include <cpl_conv.h>
#include <cpl_vsi.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "pantau/data/base/data_location.hpp"
#include "pantau/data/contests/dpr_tables.hpp"
#include "pantau/data/geo/dapil_boundaries.hpp"
#include "pantau/data/geo/geo.hpp"
#include "pantau/data/model/region_tree.hpp"

namespace {
std::shared_ptr<const pantau::data::RegionTree> g_tree;
std::unique_ptr<pantau::data::DprTables> g_tables;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  CPLSetConfigOption("CPL_LOG", "/dev/null");  // GDAL's warnings are the point, not worth printing
  CPLSetErrorHandler(CPLQuietErrorHandler);
  auto dir = pantau::data::findDataDir(std::nullopt);
  if (!dir) return 0;
  if (auto loaded = pantau::data::loadRegionTree(*dir)) g_tree = loaded->tree;
  if (auto tables = pantau::data::loadDprTables(*dir)) g_tables = std::make_unique<pantau::data::DprTables>(std::move(*tables));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  using namespace pantau::data;
  if (!g_tree) return 0;
  const bool gpkg = size >= 16 && std::memcmp(data, "SQLite format 3", 15) == 0;
  const std::string path = gpkg ? "/vsimem/fuzz.gpkg" : "/vsimem/fuzz.geojson";
  VSILFILE* f = VSIFileFromMemBuffer(path.c_str(), const_cast<GByte*>(data), static_cast<vsi_l_offset>(size), FALSE);
  if (!f) return 0;
  VSIFCloseL(f);
  for (Level level : {Level::Province, Level::Regency}) {
    auto g = loadBoundaries(*g_tree, BoundarySource::parse(path), level);
    if (g && g->segments.size() != g->segmentRegion.size() * 4) __builtin_trap();
  }
  if (g_tables)
    if (auto d = dissolveDapil(*g_tree, *g_tables, BoundarySource::parse(path)))
      for (const DapilShape& s : d->dapil)
        if (s.triangles.size() % 6 || s.segments.size() % 4 || (s.wkb.empty() && !s.triangles.empty())) __builtin_trap();
  VSIUnlink(path.c_str());
  return 0;
}
