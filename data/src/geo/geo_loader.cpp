// Boundaries through GDAL, triangulated with GEOS's constrained Delaunay triangulation.
// [SECTION] Projection
// [SECTION] Triangulation (GEOS)
// [SECTION] Loading a level (GDAL)

#include <gdal_priv.h>
#include <geos_c.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "geo/gdal_util.hpp"
#include "geo/geos_util.hpp"
#include "pantau/data/geo/geo.hpp"

namespace pantau::data {

//-----------------------------------------------------------------------------
// [SECTION] Projection
//-----------------------------------------------------------------------------

Projected projectLonLat(double lonDeg, double latDeg) {
  constexpr double kRadiusKm = 6371.0088, kDeg = M_PI / 180.0;
  const double lat = std::clamp(latDeg, -85.0, 85.0) * kDeg;
  return {kRadiusKm * lonDeg * kDeg, kRadiusKm * std::log(std::tan(M_PI / 4 + lat / 2))};
}

//-----------------------------------------------------------------------------
// [SECTION] Triangulation (GEOS)
//-----------------------------------------------------------------------------

namespace {

double triangleArea(const float* v) {
  return std::abs((double(v[2]) - v[0]) * (double(v[5]) - v[1]) - (double(v[4]) - v[0]) * (double(v[3]) - v[1])) / 2;
}

}  // namespace

/// Triangulates a (multi)polygon; repairs invalid ones (self-touching rings) first.
Result<Triangulated> triangulate(GeosContext& g, GEOSGeometry* geom) {
  GeomPtr repaired(nullptr, {g.ctx});
  if (GEOSisValid_r(g.ctx, geom) != 1) {
    repaired.reset(GEOSMakeValid_r(g.ctx, geom));
    if (!repaired) return Error{ErrorCode::Type, "geometry cannot be repaired: " + g.lastError};
    geom = repaired.get();
  }
  Triangulated out;
  if (GEOSArea_r(g.ctx, geom, &out.area) != 1) return Error{ErrorCode::Type, "area failed: " + g.lastError};
  GeomPtr tris(GEOSConstrainedDelaunayTriangulation_r(g.ctx, geom), {g.ctx});
  if (!tris) return Error{ErrorCode::Type, "triangulation failed: " + g.lastError};
  const int n = GEOSGetNumGeometries_r(g.ctx, tris.get());
  out.xy.reserve(static_cast<std::size_t>(n) * 6);
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* tri = GEOSGetGeometryN_r(g.ctx, tris.get(), i);
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(g.ctx, GEOSGetExteriorRing_r(g.ctx, tri));
    for (unsigned k = 0; k < 3; ++k) {
      double x = 0, y = 0;
      GEOSCoordSeq_getXY_r(g.ctx, seq, k, &x, &y);
      out.xy.push_back(static_cast<float>(x));
      out.xy.push_back(static_cast<float>(y));
    }
  }
  for (std::size_t i = 0; i + 6 <= out.xy.size(); i += 6) out.triangleArea += triangleArea(out.xy.data() + i);
  GeomPtr point(GEOSPointOnSurface_r(g.ctx, geom), {g.ctx});
  if (point) {
    GEOSGeomGetX_r(g.ctx, point.get(), &out.labelX);
    GEOSGeomGetY_r(g.ctx, point.get(), &out.labelY);
  }
  return out;
}

std::size_t appendRingSegments(GeosContext& g, const GEOSGeometry* geom, std::vector<float>& segments) {
  std::size_t added = 0;
  const int parts = GEOSGetNumGeometries_r(g.ctx, geom);
  for (int p = 0; p < parts; ++p) {
    const GEOSGeometry* poly = GEOSGetGeometryN_r(g.ctx, geom, p);
    const int holes = GEOSGetNumInteriorRings_r(g.ctx, poly);
    for (int r = -1; r < holes; ++r) {
      const GEOSGeometry* ring = r < 0 ? GEOSGetExteriorRing_r(g.ctx, poly) : GEOSGetInteriorRingN_r(g.ctx, poly, r);
      const GEOSCoordSequence* seq = ring ? GEOSGeom_getCoordSeq_r(g.ctx, ring) : nullptr;
      unsigned n = 0;
      if (!seq || GEOSCoordSeq_getSize_r(g.ctx, seq, &n) != 1) continue;
      double px = 0, py = 0;
      for (unsigned i = 0; i < n; ++i) {
        double x = 0, y = 0;
        GEOSCoordSeq_getXY_r(g.ctx, seq, i, &x, &y);
        if (i > 0) {
          segments.insert(segments.end(), {static_cast<float>(px), static_cast<float>(py), static_cast<float>(x), static_cast<float>(y)});
          ++added;
        }
        px = x;
        py = y;
      }
    }
  }
  return added;
}

namespace {

/// A GEOS linear ring from projected points (closed); null when GEOS refuses it.
GEOSGeometry* makeRing(GeosContext& g, const std::vector<Projected>& pts) {
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(g.ctx, static_cast<unsigned>(pts.size()), 2);
  if (!seq) return nullptr;
  for (unsigned i = 0; i < pts.size(); ++i) GEOSCoordSeq_setXY_r(g.ctx, seq, i, pts[i].x, pts[i].y);
  return GEOSGeom_createLinearRing_r(g.ctx, seq);  // takes the sequence, also when it fails
}

void destroyAll(GeosContext& g, std::vector<GEOSGeometry*>& geoms) {
  for (GEOSGeometry* x : geoms)
    if (x) GEOSGeom_destroy_r(g.ctx, x);
  geoms.clear();
}

}  // namespace

Result<std::pair<std::vector<float>, double>> triangulateWkt(const std::string& wkt) {
  // (The triangles' own area is recomputed by the caller: this returns the polygon's.)
  GeosContext g;
  GEOSWKTReader* reader = GEOSWKTReader_create_r(g.ctx);
  GeomPtr geom(GEOSWKTReader_read_r(g.ctx, reader, wkt.c_str()), {g.ctx});
  GEOSWKTReader_destroy_r(g.ctx, reader);
  if (!geom) return Error{ErrorCode::Syntax, "WKT: " + g.lastError};
  auto t = triangulate(g, geom.get());
  if (!t) return t.error();
  return std::make_pair(std::move(t->xy), t->area);
}

//-----------------------------------------------------------------------------
// [SECTION] Loading a level (GDAL)
//-----------------------------------------------------------------------------

Result<BoundaryLayer> openBoundaryLayer(const BoundarySource& src) {
  gdalInit();
  GdalErrors errors;
  // Only the drivers boundaries come in: every other one GDAL has (OSM, SQLite, SVG, ...) would
  // parse a file handed over at its own cost (the OSM driver builds a temporary database on disk).
  static const char* const kBoundaryDrivers[] = {"GPKG", "GeoJSON", "GeoJSONSeq", "ESRI Shapefile", "FlatGeobuf", "OpenFileGDB",
                                                  "KML", "LIBKML", "GML", "MapInfo File", "Parquet", "Arrow", nullptr};
  BoundaryLayer out;
  out.ds.reset(GDALDataset::Open(src.path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, kBoundaryDrivers));
  if (!out.ds) return Error{ErrorCode::Io, src.path + ": cannot open as a vector dataset" + (errors.last.empty() ? "" : ": " + errors.last)};
  out.layer = src.layer.empty() ? out.ds->GetLayer(0) : out.ds->GetLayerByName(src.layer.c_str());
  if (!out.layer) return Error{ErrorCode::Missing, src.path + ": no layer '" + (src.layer.empty() ? "0" : src.layer) + "'"};
  out.where = src.path + ":" + out.layer->GetName();
  // Anything not in lon/lat WGS84 is transformed there first (BIG's shapefiles, UTM zones, ...).
  if (const OGRSpatialReference* srs = out.layer->GetSpatialRef(); srs && !srs->IsGeographic()) {
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    out.toWgs84.reset(OGRCreateCoordinateTransformation(srs, &wgs84));
    if (!out.toWgs84) return Error{ErrorCode::Type, out.where + ": cannot transform its coordinate system to WGS84"};
  }
  return out;
}

Result<LevelGeometry> loadBoundaries(const RegionTree& tree, const BoundarySource& src, Level level) {
  auto opened = openBoundaryLayer(src);
  if (!opened) return opened.error();
  OGRLayer* layer = opened->layer;
  const std::string& where = opened->where;
  const auto& toWgs84 = opened->toWgs84;
  // Which feature is which region: by its code field, found if not given, or by name.
  auto join = joinBoundaryFeatures(tree, src, level);
  if (!join) return join.error();
  if (join->featureCount > kMaxBoundaryFeatures)
    return Error{ErrorCode::TooLarge, where + ": more than " + std::to_string(kMaxBoundaryFeatures) + " features"};
  const std::unordered_map<GIntBig, RegionId> regionOf(join->features.begin(), join->features.end());

  LevelGeometry out;
  out.level = level;
  out.unmatched = std::move(join->unmatched);
  GeosContext g;
  std::vector<uint8_t> seen(tree.size(), 0);
  layer->ResetReading();
  std::size_t features = 0, totalVertices = 0;
  for (auto& feature : *layer) {
    if (++features > kMaxBoundaryFeatures)
      return Error{ErrorCode::TooLarge, where + ": more than " + std::to_string(kMaxBoundaryFeatures) + " features"};
    const auto joined = regionOf.find(feature->GetFID());
    if (joined == regionOf.end()) continue;  // listed in `unmatched` by the join
    const RegionId id = joined->second;
    const std::string code(tree.code(id));
    OGRGeometry* geom = feature->GetGeometryRef();
    if (!geom || geom->IsEmpty()) {
      out.unmatched.push_back(code + " (no geometry)");
      continue;
    }
    if (toWgs84 && geom->transform(toWgs84.get()) != OGRERR_NONE) {
      out.unmatched.push_back(code + " (cannot transform)");
      continue;
    }
    // Project each ring, keep it as border segments, and rebuild the polygons in GEOS.
    RegionShape shape;
    shape.region = id;
    shape.firstSegment = static_cast<uint32_t>(out.segmentRegion.size());
    shape.minX = shape.minY = 1e30;
    shape.maxX = shape.maxY = -1e30;
    std::vector<GEOSGeometry*> polygons;
    std::string broken;  // why this feature's rings cannot be used; empty while they can
    std::size_t featureVertices = 0;
    auto addPolygon = [&](const OGRPolygon* poly) {
      std::vector<GEOSGeometry*> rings;
      for (int r = 0; r < poly->getNumInteriorRings() + 1 && broken.empty(); ++r) {
        const OGRLinearRing* ring = r == 0 ? poly->getExteriorRing() : poly->getInteriorRing(r - 1);
        if (!ring || ring->getNumPoints() < 4) continue;
        featureVertices += static_cast<std::size_t>(ring->getNumPoints());
        totalVertices += static_cast<std::size_t>(ring->getNumPoints());
        if (featureVertices > kMaxFeatureVertices) broken = "more than " + std::to_string(kMaxFeatureVertices) + " vertices";
        for (int i = 0; i < ring->getNumPoints() && broken.empty(); ++i)
          if (!plausibleLonLat(ring->getX(i), ring->getY(i))) broken = "coordinate " + std::to_string(i) + " is not a finite longitude/latitude";
        if (!broken.empty()) break;
        std::vector<Projected> pts(static_cast<std::size_t>(ring->getNumPoints()));
        for (int i = 0; i < ring->getNumPoints(); ++i) {
          pts[i] = projectLonLat(ring->getX(i), ring->getY(i));
          shape.minX = std::min(shape.minX, pts[i].x);
          shape.maxX = std::max(shape.maxX, pts[i].x);
          shape.minY = std::min(shape.minY, pts[i].y);
          shape.maxY = std::max(shape.maxY, pts[i].y);
          if (i > 0) {
            out.segments.insert(out.segments.end(), {static_cast<float>(pts[i - 1].x), static_cast<float>(pts[i - 1].y),
                                                     static_cast<float>(pts[i].x), static_cast<float>(pts[i].y)});
            out.segmentRegion.push_back(id);
          }
        }
        pts.back() = pts.front();  // GEOS wants closed rings exactly
        GEOSGeometry* made = makeRing(g, pts);
        if (!made) broken = "ring refused: " + g.lastError;
        else rings.push_back(made);
      }
      if (!broken.empty()) destroyAll(g, rings);
      if (rings.empty()) return;
      GEOSGeometry* polygon = GEOSGeom_createPolygon_r(g.ctx, rings[0], rings.size() > 1 ? rings.data() + 1 : nullptr,
                                                       static_cast<unsigned>(rings.size() - 1));
      if (!polygon) {
        destroyAll(g, rings);  // not taken on failure
        broken = "polygon refused: " + g.lastError;
        return;
      }
      polygons.push_back(polygon);
    };
    const OGRwkbGeometryType type = wkbFlatten(geom->getGeometryType());
    if (type == wkbPolygon) {
      addPolygon(geom->toPolygon());
    } else if (type == wkbMultiPolygon) {
      for (const OGRPolygon* p : *geom->toMultiPolygon()) addPolygon(p);
    } else {
      out.unmatched.push_back(code + " (not a polygon)");
      continue;
    }
    if (totalVertices > kMaxBoundaryVertices)
      return Error{ErrorCode::TooLarge, where + ": more than " + std::to_string(kMaxBoundaryVertices) + " vertices in all (simplify it first)"};
    if (!broken.empty()) {
      // Nothing of a broken feature is kept: its border segments go too.
      destroyAll(g, polygons);
      out.segments.resize(std::size_t{shape.firstSegment} * 4);
      out.segmentRegion.resize(shape.firstSegment);
      out.unmatched.push_back(code + " (" + broken + ")");
      continue;
    }
    if (polygons.empty()) continue;
    GeomPtr multi(GEOSGeom_createCollection_r(g.ctx, GEOS_MULTIPOLYGON, polygons.data(), static_cast<unsigned>(polygons.size())), {g.ctx});
    if (src.simplifyKm > 0) {
      // Coarser borders too: replace this region's segments with the simplified rings'.
      GeomPtr simple(GEOSTopologyPreserveSimplify_r(g.ctx, multi.get(), src.simplifyKm), {g.ctx});
      if (simple && !GEOSisEmpty_r(g.ctx, simple.get())) {
        multi = std::move(simple);
        out.segments.resize(shape.firstSegment * 4);
        out.segmentRegion.resize(shape.firstSegment);
        const std::size_t added = appendRingSegments(g, multi.get(), out.segments);
        out.segmentRegion.insert(out.segmentRegion.end(), added, id);
      }
    }
    auto t = triangulate(g, multi.get());
    if (!t) {
      out.unmatched.push_back(code + " (" + t.error().message + ")");
      continue;
    }
    shape.segmentCount = static_cast<uint32_t>(out.segmentRegion.size()) - shape.firstSegment;
    shape.firstTriangle = static_cast<uint32_t>(out.triangleRegion.size());
    shape.triangleCount = static_cast<uint32_t>(t->xy.size() / 6);
    shape.areaKm2 = t->area;
    shape.triangleAreaKm2 = t->triangleArea;
    shape.labelX = t->labelX;
    shape.labelY = t->labelY;
    out.triangles.insert(out.triangles.end(), t->xy.begin(), t->xy.end());
    out.triangleRegion.insert(out.triangleRegion.end(), shape.triangleCount, id);
    out.shapes.push_back(shape);
    seen[id] = 1;
  }
  for (RegionId id = tree.levelBegin(level); id < tree.levelEnd(level); ++id)
    if (!seen[id] && !tree.isOverseas(id)) out.withoutPolygon.push_back(id);
  return out;
}

}  // namespace pantau::data
