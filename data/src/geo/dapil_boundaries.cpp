// The DPR dapil as the union of their regencies' polygons (GEOS), in longitude/latitude for
// exports and projected and triangulated for drawing.
// [SECTION] Reading the regencies
// [SECTION] One dapil

#include "pantau/data/geo/dapil_boundaries.hpp"

#include <unordered_map>

#include "geo/gdal_util.hpp"
#include "geo/geos_util.hpp"

namespace pantau::data {

const DapilShape* DapilBoundaries::find(std::string_view code) const {
  for (const DapilShape& d : dapil)
    if (d.code == code) return &d;
  return nullptr;
}

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Reading the regencies
//-----------------------------------------------------------------------------

/// Why a feature's coordinates cannot go to GEOS (which crashes on NaN), or empty.
std::string badCoordinates(const OGRGeometry* geom, std::size_t& vertices) {
  std::string why;
  auto checkRing = [&](const OGRLinearRing* ring) {
    if (!ring || !why.empty()) return;
    vertices += static_cast<std::size_t>(ring->getNumPoints());
    if (vertices > kMaxFeatureVertices)
      why = "more than " + std::to_string(kMaxFeatureVertices) + " vertices";
    for (int i = 0; i < ring->getNumPoints() && why.empty(); ++i)
      if (!plausibleLonLat(ring->getX(i), ring->getY(i)))
        why = "coordinate " + std::to_string(i) + " is not a finite longitude/latitude";
  };
  auto checkPolygon = [&](const OGRPolygon* p) {
    checkRing(p->getExteriorRing());
    for (int r = 0; r < p->getNumInteriorRings(); ++r) checkRing(p->getInteriorRing(r));
  };
  const OGRwkbGeometryType type = wkbFlatten(geom->getGeometryType());
  if (type == wkbPolygon)
    checkPolygon(geom->toPolygon());
  else if (type == wkbMultiPolygon)
    for (const OGRPolygon* p : *geom->toMultiPolygon()) checkPolygon(p);
  else
    why = "not a polygon";
  return why;
}

/// A feature's geometry as GEOS (lon/lat), repaired when invalid; null with `why` set when
/// unusable.
GeomPtr toGeos(GeosContext& g, const OGRGeometry* geom, std::string& why) {
  std::vector<unsigned char> wkb(geom->WkbSize());
  geom->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  GEOSWKBReader* reader = GEOSWKBReader_create_r(g.ctx);
  GeomPtr out(GEOSWKBReader_read_r(g.ctx, reader, wkb.data(), wkb.size()), {g.ctx});
  GEOSWKBReader_destroy_r(g.ctx, reader);
  if (!out) {
    why = "GEOS cannot read it: " + g.lastError;
    return out;
  }
  if (GEOSisValid_r(g.ctx, out.get()) != 1) {
    GeomPtr repaired(GEOSMakeValid_r(g.ctx, out.get()), {g.ctx});
    if (!repaired) why = "invalid and cannot be repaired: " + g.lastError;
    out = std::move(repaired);
    if (out) why = "repaired";  // said, but kept
  }
  return out;
}

/// The regencies' polygons by code (4 characters), read whole: 514 polygons, 126,311 vertices.
Result<std::unordered_map<std::string, GeomPtr>> readRegencies(GeosContext& g,
                                                               const RegionTree& tree,
                                                               const BoundarySource& src,
                                                               std::vector<std::string>& notes) {
  auto opened = openBoundaryLayer(src);
  if (!opened) return opened.error();
  auto join = joinBoundaryFeatures(tree, src, Level::Regency);
  if (!join) return join.error();
  if (join->featureCount > kMaxBoundaryFeatures)
    return Error{ErrorCode::TooLarge, opened->where + ": more than " +
                                          std::to_string(kMaxBoundaryFeatures) + " features"};
  const std::unordered_map<GIntBig, RegionId> regionOf(join->features.begin(),
                                                       join->features.end());
  std::unordered_map<std::string, GeomPtr> out;
  std::size_t vertices = 0;
  opened->layer->ResetReading();
  for (auto& feature : *opened->layer) {
    const auto joined = regionOf.find(feature->GetFID());
    if (joined == regionOf.end()) continue;
    const std::string code(tree.code(joined->second));
    OGRGeometry* geom = feature->GetGeometryRef();
    if (!geom || geom->IsEmpty()) {
      notes.push_back(opened->where + ": regency " + code + " has no geometry");
      continue;
    }
    if (opened->toWgs84 && geom->transform(opened->toWgs84.get()) != OGRERR_NONE) {
      notes.push_back(opened->where + ": regency " + code + " cannot be transformed to WGS84");
      continue;
    }
    std::size_t featureVertices = 0;
    std::string why = badCoordinates(geom, featureVertices);
    vertices += featureVertices;
    if (vertices > kMaxBoundaryVertices)
      return Error{ErrorCode::TooLarge, opened->where + ": more than " +
                                            std::to_string(kMaxBoundaryVertices) +
                                            " vertices in all"};
    GeomPtr converted = why.empty() ? toGeos(g, geom, why) : GeomPtr(nullptr, {g.ctx});
    if (!why.empty()) notes.push_back(opened->where + ": regency " + code + ": " + why);
    if (converted) out.insert_or_assign(code, std::move(converted));
  }
  return out;
}

//-----------------------------------------------------------------------------
// [SECTION] One dapil
//-----------------------------------------------------------------------------

/// Holes smaller than this (deg², about 0.012 km² at the equator) are slivers: where two
/// regencies of the source do not quite meet (Papua's gaps), a union leaves a hole of a few m²
/// along the old border. No lake or enclave a map shows is that small.
constexpr double kSliverDeg2 = 1e-6;

/// `poly` without its sliver holes (a copy).
GEOSGeometry* withoutSlivers(GeosContext& g, const GEOSGeometry* poly) {
  std::vector<GEOSGeometry*> holes;
  const int n = GEOSGetNumInteriorRings_r(g.ctx, poly);
  for (int r = 0; r < n; ++r) {
    const GEOSGeometry* ring = GEOSGetInteriorRingN_r(g.ctx, poly, r);
    GEOSGeometry* hole = GEOSGeom_createPolygon_r(g.ctx, GEOSGeom_clone_r(g.ctx, ring), nullptr, 0);
    double area = 0;
    if (hole && GEOSArea_r(g.ctx, hole, &area) == 1 && area >= kSliverDeg2)
      holes.push_back(GEOSGeom_clone_r(g.ctx, ring));
    if (hole) GEOSGeom_destroy_r(g.ctx, hole);
  }
  if (static_cast<int>(holes.size()) == n) {
    for (GEOSGeometry* h : holes) GEOSGeom_destroy_r(g.ctx, h);
    return GEOSGeom_clone_r(g.ctx, poly);
  }
  return GEOSGeom_createPolygon_r(g.ctx,
                                  GEOSGeom_clone_r(g.ctx, GEOSGetExteriorRing_r(g.ctx, poly)),
                                  holes.data(), static_cast<unsigned>(holes.size()));
}

/// The polygonal parts of a union's result as one MultiPolygon without sliver holes (a union of
/// polygons can come back as a Polygon, or as a collection with lines where rings only touch).
GeomPtr asMultiPolygon(GeosContext& g, GeomPtr geom) {
  std::vector<GEOSGeometry*> parts;
  const int n = GEOSGetNumGeometries_r(g.ctx, geom.get());
  for (int i = 0; i < n; ++i) {
    const GEOSGeometry* part = GEOSGetGeometryN_r(g.ctx, geom.get(), i);
    const int type = GEOSGeomTypeId_r(g.ctx, part);
    if (type == GEOS_POLYGON)
      parts.push_back(withoutSlivers(g, part));
    else if (type == GEOS_MULTIPOLYGON)
      for (int k = 0; k < GEOSGetNumGeometries_r(g.ctx, part); ++k)
        parts.push_back(withoutSlivers(g, GEOSGetGeometryN_r(g.ctx, part, k)));
  }
  return GeomPtr(GEOSGeom_createCollection_r(g.ctx, GEOS_MULTIPOLYGON, parts.data(),
                                             static_cast<unsigned>(parts.size())),
                 {g.ctx});
}

std::vector<unsigned char> toWkb(GeosContext& g, const GEOSGeometry* geom) {
  GEOSWKBWriter* writer = GEOSWKBWriter_create_r(g.ctx);
  GEOSWKBWriter_setOutputDimension_r(g.ctx, writer, 2);
  GEOSWKBWriter_setByteOrder_r(g.ctx, writer, GEOS_WKB_NDR);
  GEOSWKBWriter_setFlavor_r(g.ctx, writer, GEOS_WKB_ISO);
  std::size_t size = 0;
  unsigned char* bytes = GEOSWKBWriter_write_r(g.ctx, writer, geom, &size);
  GEOSWKBWriter_destroy_r(g.ctx, writer);
  std::vector<unsigned char> out(bytes, bytes + (bytes ? size : 0));
  GEOSFree_r(g.ctx, bytes);
  return out;
}

/// The union of the regencies' polygons in lon/lat; null (with `error`) when GEOS fails.
GeomPtr dissolve(GeosContext& g, const DapilInfo& info,
                 const std::unordered_map<std::string, GeomPtr>& regencies, DapilShape& shape,
                 std::string& error) {
  std::vector<GEOSGeometry*> parts;
  for (const std::string& r : info.regencies) {
    if (r == "99") continue;  // Luar Negeri: votes in DKI JAKARTA II, has no polygon
    const auto it = regencies.find(r);
    if (it == regencies.end())
      shape.regenciesWithoutPolygon.push_back(r);
    else
      parts.push_back(GEOSGeom_clone_r(g.ctx, it->second.get()));
  }
  if (parts.empty()) return GeomPtr(nullptr, {g.ctx});
  GeomPtr collection(GEOSGeom_createCollection_r(g.ctx, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                 static_cast<unsigned>(parts.size())),
                     {g.ctx});
  GeomPtr merged(collection ? GEOSUnaryUnion_r(g.ctx, collection.get()) : nullptr, {g.ctx});
  if (!merged) {
    error = "dapil " + info.kode + " (" + info.nama + "): union failed: " + g.lastError;
    return merged;
  }
  return asMultiPolygon(g, std::move(merged));
}

/// Label point, WKB, and the projected triangles and borders of one dissolved dapil.
Status describe(GeosContext& g, const GEOSGeometry* lonLat, DapilShape& shape) {
  shape.wkb = toWkb(g, lonLat);
  GeomPtr point(GEOSPointOnSurface_r(g.ctx, lonLat), {g.ctx});
  if (point) {
    GEOSGeomGetX_r(g.ctx, point.get(), &shape.labelLon);
    GEOSGeomGetY_r(g.ctx, point.get(), &shape.labelLat);
    shape.label = projectLonLat(shape.labelLon, shape.labelLat);
  }
  GeomPtr projected(GEOSGeom_transformXY_r(
                        g.ctx, lonLat,
                        [](double* x, double* y, void*) {
                          const Projected p = projectLonLat(*x, *y);
                          *x = p.x;
                          *y = p.y;
                          return 1;
                        },
                        nullptr),
                    {g.ctx});
  if (!projected)
    return Error{ErrorCode::Type, "dapil " + shape.code + ": projection failed: " + g.lastError};
  auto t = triangulate(g, projected.get());
  if (!t) return Error{ErrorCode::Type, "dapil " + shape.code + ": " + t.error().message};
  shape.areaKm2 = t->area;
  shape.triangles = std::move(t->xy);
  appendRingSegments(g, projected.get(), shape.segments);
  return {};
}

}  // namespace

Result<DapilBoundaries> dissolveDapil(const RegionTree& tree, const DprTables& tables,
                                      const BoundarySource& regencies) {
  GeosContext g;
  DapilBoundaries out;
  auto polygons = readRegencies(g, tree, regencies, out.notes);
  if (!polygons) return polygons.error();
  out.dapil.reserve(tables.dapil.size());
  for (const DapilInfo& info : tables.dapil) {
    DapilShape shape;
    shape.code = info.kode;
    shape.name = info.nama;
    shape.seats = info.seats;
    shape.regencies = info.regencies;
    std::string error;
    GeomPtr merged = dissolve(g, info, *polygons, shape, error);
    if (!error.empty()) return Error{ErrorCode::Type, error};
    for (const std::string& r : shape.regenciesWithoutPolygon)
      out.notes.push_back("dapil " + info.kode + " (" + info.nama + "): regency " + r +
                          " has no polygon in " + regencies.path);
    if (merged) {
      if (auto ok = describe(g, merged.get(), shape); !ok) return ok.error();
    } else {
      out.notes.push_back("dapil " + info.kode + " (" + info.nama +
                          "): none of its regencies has a polygon");
    }
    out.dapil.push_back(std::move(shape));
  }
  return out;
}

}  // namespace pantau::data
