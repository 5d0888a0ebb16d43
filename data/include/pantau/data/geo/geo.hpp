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

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/base/data_location.hpp"  // defaultCacheDir
#include "pantau/data/base/result.hpp"

namespace pantau::data {

/// `--boundaries FILE[:LAYER]` with `--code-field` / `--name-field` for files that name them otherwise.
struct BoundarySource {
  std::string path;
  std::string layer;              ///< empty: the dataset's first layer
  /// The field of KPU codes; empty: found (the field whose values are the codes of the level).
  std::string codeField;
  /// For a file without codes, the field of names; empty: found.
  std::string nameField;
  /// For a join by name: the parent level's boundaries ("FILE[:LAYER]"), to place a feature in
  /// its parent by position when no field names the parent (set by resolveBoundaries).
  std::string parentBoundaries;
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
/// How one boundary file's features were joined to the regions of one level.
struct BoundaryJoin {
  Level level = Level::Nation;
  std::string field;      ///< the field joined on: a code field, or the name field when `byName`
  bool byName = false;
  std::vector<std::pair<int64_t, RegionId>> features;  ///< FID -> region, in file order
  std::size_t featureCount = 0;                        ///< features in the layer
  std::vector<std::string> unmatched;                  ///< values that joined no region (or several)
  std::string parentField;  ///< by name: the field naming the parent, "(position)", or empty
  /// Share of the file's features joined, 0..1.
  double matchRate() const { return featureCount ? static_cast<double>(features.size()) / static_cast<double>(featureCount) : 0; }

  /// "regency level, by code in 'KDPKAB': 514 of 514 features joined (100.0%)".
  std::string describe() const;
};

/// Joins the features of `source` to the regions of `level` (Level::Nation: whichever of province,
/// regency and district fits best) in `tree`. The code field, unless given, is the field whose
/// values are the most distinct KPU codes of the level (BIG's "11.01" read as 1101); a file without
/// one is joined by name (normalised: case, punctuation, Kabupaten/Kab./Kota prefixes and a
/// Kabupaten/Kota type field), within the parent named by another field or, failing that, the
/// parent polygon of `parentBoundaries` holding the feature; names matching no region or several
/// are listed in `unmatched`. Fails (file, layer and field named) when it cannot be opened, lacks
/// a field given, or no field holds the codes or names of the level.
Result<BoundaryJoin> joinBoundaryFeatures(const RegionTree& tree, const BoundarySource& source, Level level);

/// Province, regency and district boundaries from `--boundaries` files given in any order (one to
/// three): each placed at its detected level with its field found; levels not given keep the
/// defaults in DATA/geo. `report` gets one line per file given (level, field, match rate).
Result<std::array<BoundarySource, 3>> resolveBoundaries(const RegionTree& tree, const std::vector<BoundarySource>& given,
                                                        const std::filesystem::path& dataDir, std::vector<std::string>& report);

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

/// Triangulates one polygon or multipolygon given as WKT in projected coordinates (tests, tools).
/// Returns the triangles as x,y triples and the polygon's area.
Result<std::pair<std::vector<float>, double>> triangulateWkt(const std::string& wkt);

}  // namespace pantau::data
