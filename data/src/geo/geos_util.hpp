#pragma once
// GEOS set-up shared by the boundary loader and the dapil dissolve: a reentrant context that keeps
// GEOS's last message for our errors, an owning pointer, and the triangulation both draw with.

#include <geos_c.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "pantau/data/base/result.hpp"

namespace pantau::data {

/// A longitude/latitude a boundary can have: NaN or infinity from a hostile file would reach GEOS
/// (which crashes on them) and the projection; 360 allows sets drawn east of the antimeridian.
inline bool plausibleLonLat(double lon, double lat) {
  return std::isfinite(lon) && std::isfinite(lat) && std::abs(lon) <= 360 && std::abs(lat) <= 90;
}

/// One GEOS context; not shared between threads (each caller makes its own).
struct GeosContext {
  GEOSContextHandle_t ctx = GEOS_init_r();
  std::string lastError;
  GeosContext() {
    GEOSContext_setErrorMessageHandler_r(
        ctx, [](const char* msg, void* user) { static_cast<GeosContext*>(user)->lastError = msg; },
        this);
  }
  ~GeosContext() { GEOS_finish_r(ctx); }
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;
};

struct GeomDeleter {
  GEOSContextHandle_t ctx;
  void operator()(GEOSGeometry* g) const {
    if (g) GEOSGeom_destroy_r(ctx, g);
  }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

struct Triangulated {
  std::vector<float> xy;    // 3 vertices per triangle
  double area = 0;          // the polygon's
  double triangleArea = 0;  // the triangles' sum: equal to `area` when the triangulation is right
  double labelX = 0, labelY = 0;
};

/// Triangulates a (multi)polygon; repairs invalid ones (self-touching rings) first.
Result<Triangulated> triangulate(GeosContext& g, GEOSGeometry* geom);

/// Appends every ring of a (multi)polygon as 2-vertex segments (x0,y0,x1,y1); returns how many.
std::size_t appendRingSegments(GeosContext& g, const GEOSGeometry* geom,
                               std::vector<float>& segments);

}  // namespace pantau::data
