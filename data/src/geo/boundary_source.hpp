#pragma once
// The boundary files of each level that no `--boundaries` file replaces (boundary_source.cpp):
// named without reading them, so that pantau finds them without loading GDAL.

#include <array>
#include <filesystem>

#include "pantau/data/geo/geo.hpp"

namespace pantau::data {

/// DATA/geo's provinces.gpkg, regencies.gpkg and districts.gpkg, as resolveBoundaries starts from.
std::array<BoundarySource, 3> defaultBoundaries(const std::filesystem::path& dataDir);

}  // namespace pantau::data
