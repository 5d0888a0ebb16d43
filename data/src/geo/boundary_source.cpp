// What names boundaries, without reading them (no GDAL): the pantau binary parses --boundaries
// and finds the default files itself, and loads pantau-gdal.so only to read one.

#include "geo/boundary_source.hpp"

namespace pantau::data {

BoundarySource BoundarySource::parse(const std::string& spec) {
  BoundarySource s;
  const std::size_t colon = spec.rfind(':');
  // "C:\x.shp" or "/vsicurl/http://..." are not FILE:LAYER; a layer name has no '/' or '\'.
  if (colon != std::string::npos && colon > 1 && spec.find_first_of("/\\", colon) == std::string::npos) {
    s.path = spec.substr(0, colon);
    s.layer = spec.substr(colon + 1);
  } else {
    s.path = spec;
  }
  return s;
}

std::array<BoundarySource, 3> defaultBoundaries(const std::filesystem::path& dataDir) {
  static const char* kDefaults[] = {"provinces.gpkg", "regencies.gpkg", "districts.gpkg"};
  std::array<BoundarySource, 3> out;
  for (int l = 0; l < 3; ++l) out[l] = BoundarySource::parse((dataDir / "geo" / kDefaults[l]).string());
  return out;
}

}  // namespace pantau::data
