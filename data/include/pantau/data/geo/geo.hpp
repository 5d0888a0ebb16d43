#pragma once
/// Region boundaries from any GDAL vector source (GeoPackage, shapefile, GeoJSON, FlatGeobuf),
/// joined by code to the region tree, projected for Indonesia and triangulated for the GPU.
///
/// Triangles carry their RegionId, so a new snapshot recolours by a per-region table and never
/// rebuilds geometry (design.md). Triangulation is GEOS's constrained Delaunay triangulation,
/// which keeps holes (Kota Bogor inside Kabupaten Bogor), every part of a multipolygon (Maluku's
/// islands) and rings that touch themselves (repaired to valid first); the triangles' areas add
/// up to the polygon's area.
///
/// Threading: loading is pure (no shared state); call it from any one thread.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/base/result.hpp"

namespace pantau::data {

/// `--boundaries FILE[:LAYER]` with `--code-field` / `--name-field` for files that name them otherwise.
struct BoundarySource {
  std::string path;
  std::string layer;              ///< empty: the dataset's first layer
  std::string codeField = "code";
  std::string nameField = "name";
  /// Level of detail: simplify each region (GEOS, topology-preserving) to this tolerance in km
  /// before triangulating; 0 keeps every vertex. The country on one screen needs ~1 km (a pixel
  /// is 3 km at 1080p); a city filling the screen needs all of them.
  double simplifyKm = 0;
  /// "FILE[:LAYER]" (a ':' inside a Windows drive or a URL scheme is not a layer separator).
  static BoundarySource parse(const std::string& spec);
};

/// World Mercator (EPSG:3395-like, on the sphere), in kilometres: shapes true near the equator,
/// where Indonesia lies (6°N..11°S: scale errors under 2%).
struct Projected {
  double x = 0, y = 0;
};
Projected projectLonLat(double lonDeg, double latDeg);

struct RegionShape {
  RegionId region = kNoRegion;
  uint32_t firstTriangle = 0, triangleCount = 0;  ///< into LevelGeometry::triangles
  uint32_t firstSegment = 0, segmentCount = 0;    ///< into LevelGeometry::segments
  double areaKm2 = 0;                             ///< of the polygon (projected)
  double triangleAreaKm2 = 0;                     ///< sum of its triangles: equals areaKm2 within 0.1%
  double minX = 0, minY = 0, maxX = 0, maxY = 0;  ///< bounding box (projected km)
  double labelX = 0, labelY = 0;                  ///< a point inside the polygon, for its label
};

/// One level's geometry, ready to upload.
struct LevelGeometry {
  Level level = Level::Nation;
  std::vector<float> triangles;        ///< x,y per vertex, 3 vertices per triangle (projected km)
  std::vector<RegionId> triangleRegion;  ///< per triangle
  std::vector<float> segments;         ///< x,y per vertex, 2 per segment: the rings (borders)
  std::vector<RegionId> segmentRegion;   ///< per segment
  std::vector<RegionShape> shapes;     ///< one per region with a polygon
  std::vector<RegionId> withoutPolygon;  ///< regions of this level in the tree that have none
  std::vector<std::string> unmatched;    ///< codes in the file that are not regions of this level
  std::size_t triangleCount() const { return triangleRegion.size(); }
};

/// Limits on one boundary source, so that a hostile or mistaken file fails with a message instead
/// of exhausting memory: Indonesia has about 84,000 villages (a national village set fits 2.4
/// times over); a ring with more than a million vertices is not a border anyone drew by hand, and
/// 20 million vertices in all is about 0.8 GB of segments and triangles, the most a viewer should hold.
inline constexpr std::size_t kMaxBoundaryFeatures = 200'000;
inline constexpr std::size_t kMaxFeatureVertices = 1'000'000;
inline constexpr std::size_t kMaxBoundaryVertices = 20'000'000;

/// Reads `source`, keeps the features whose code is a region of `level` in `tree`, projects and
/// triangulates them. Fails (with the file, layer and field named) when the source cannot be
/// opened, has no such layer or field, or is over the limits above; bad features (a NaN or
/// out-of-range coordinate, too many vertices, a ring GEOS refuses) are skipped whole and
/// reported in `unmatched` with the reason.
Result<LevelGeometry> loadBoundaries(const RegionTree& tree, const BoundarySource& source, Level level);

/// loadBoundaries through an on-disk cache of processed meshes in `cacheDir`, keyed by the file
/// (path, size, mtime), layer, fields, level, simplification and the tree: the second start reads
/// a few MB instead of triangulating. A missing, stale or corrupt cache entry is rebuilt.
Result<LevelGeometry> loadBoundariesCached(const RegionTree& tree, const BoundarySource& source, Level level,
                                           const std::filesystem::path& cacheDir);
/// $XDG_CACHE_HOME/pantau, else ~/.cache/pantau, else /tmp/pantau-cache.
std::filesystem::path defaultCacheDir();

/// Triangulates one polygon or multipolygon given as WKT in projected coordinates (tests, tools).
/// Returns the triangles as x,y triples and the polygon's area.
Result<std::pair<std::vector<float>, double>> triangulateWkt(const std::string& wkt);

}  // namespace pantau::data
