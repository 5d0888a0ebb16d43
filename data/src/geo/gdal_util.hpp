#pragma once
// GDAL set-up shared by the readers (boundaries) and the writers (exports): drivers registered
// once, and GDAL's messages collected into our errors instead of printed.

#include <cpl_error.h>
#include <gdal_priv.h>

#include <string>

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

}  // namespace pantau::data
