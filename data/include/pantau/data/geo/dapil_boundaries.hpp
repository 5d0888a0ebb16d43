#pragma once
/// The 84 DPR dapil as polygons: each dapil is a set of whole regencies (dapil_dpr.tsv), so its
/// polygon is the union (GEOS) of its regencies' polygons. Luar Negeri ("99", voting in DKI
/// JAKARTA II) has no polygon and adds none.
///
/// Threading: dissolveDapil is pure (its own GEOS context, no shared state); call it from any
/// thread. The result is a plain value: share it read-only freely.

#include <string>
#include <vector>

#include "pantau/data/base/result.hpp"
#include "pantau/data/contests/dpr_tables.hpp"
#include "pantau/data/geo/geo.hpp"
#include "pantau/data/model/region_tree.hpp"

namespace pantau::data {

struct DapilShape {
  std::string code;                    ///< KPU's dapil code, "1101"
  std::string name;                    ///< "ACEH I"
  uint32_t seats = 0;                  ///< from dapil_dpr.tsv
  std::vector<std::string> regencies;  ///< its regency codes as in dapil_dpr.tsv ("99" kept)
  /// The regencies of this dapil that had no polygon in the source ("99" is never listed: it
  /// has none by nature). Non-empty: the polygon is the union of the others.
  std::vector<std::string> regenciesWithoutPolygon;
  /// The dissolved MultiPolygon in longitude/latitude (EPSG:4326), as ISO WKB: what an export
  /// writes and GDAL/GEOS read back. Empty when none of its regencies has a polygon.
  std::vector<unsigned char> wkb;
  double labelLon = 0, labelLat = 0;  ///< GEOSPointOnSurface of the dissolve: inside it
  Projected label;                    ///< the same point projected (projectLonLat), km
  double areaKm2 = 0;                 ///< of the projected dissolve
  /// Projected (km) like LevelGeometry: x,y per vertex, 3 vertices per triangle (GEOS
  /// constrained Delaunay), and the dissolve's rings as 2-vertex segments (the dapil borders
  /// only: the inner regency borders are gone).
  std::vector<float> triangles;
  std::vector<float> segments;
};

struct DapilBoundaries {
  std::vector<DapilShape> dapil;  ///< in the order of `tables.dapil` (84 for DPR)
  /// One line per thing worth saying: a regency of a dapil without a polygon, a feature repaired.
  std::vector<std::string> notes;
  const DapilShape* find(std::string_view code) const;
};

/// Dissolves the regency polygons of `regencies` (any GDAL vector source; its features joined
/// to the tree's regencies as loadBoundaries does) into the dapil of `tables`. Invalid polygons
/// are repaired (GEOSMakeValid) before the union; sliver holes the union leaves where two
/// regencies do not quite meet (under about 0.01 km²) are dropped. Fails (file, dapil or regency
/// named) when the source cannot be read, is over the limits in geo.hpp, or a dapil's union fails.
Result<DapilBoundaries> dissolveDapil(const RegionTree& tree, const DprTables& tables,
                                      const BoundarySource& regencies);

}  // namespace pantau::data
