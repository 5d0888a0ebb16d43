#pragma once
// GDAL set-up shared by the readers (boundaries) and the writers (exports): drivers registered
// once, and GDAL's messages collected into our errors instead of printed.

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>

#include "pantau/data/base/result.hpp"
#include "pantau/data/geo/geo.hpp"

namespace pantau::data {

inline void gdalInit() {
  static const bool done = [] {
    GDALAllRegister();
    return true;
  }();
  (void)done;
}

/// While alive, GDAL's messages are kept (the last one) rather than printed.
struct GdalErrors {
  std::string last;
  GdalErrors() { CPLPushErrorHandlerEx(&handler, this); }
  ~GdalErrors() { CPLPopErrorHandler(); }
  GdalErrors(const GdalErrors&) = delete;
  GdalErrors& operator=(const GdalErrors&) = delete;
  static void CPL_STDCALL handler(CPLErr, CPLErrorNum, const char* msg) {
    static_cast<GdalErrors*>(CPLGetErrorHandlerUserData())->last = msg ? msg : "";
  }
};

/// A boundary source opened for reading: its layer, where it is (for messages), and the transform
/// to longitude/latitude when it is in another coordinate system (null when already there).
struct BoundaryLayer {
  GDALDatasetUniquePtr ds;
  OGRLayer* layer = nullptr;
  std::string where;  ///< "FILE:LAYER"
  std::unique_ptr<OGRCoordinateTransformation> toWgs84;
};

/// Opens `src` with the boundary drivers only; errors name the file and layer (geo_loader.cpp).
Result<BoundaryLayer> openBoundaryLayer(const BoundarySource& src);

}  // namespace pantau::data
