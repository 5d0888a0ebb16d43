#pragma once
// What E in the window writes besides the frame: the view's children with their figures as CSV
// and, where that level has boundaries (provinces, regencies, districts), as a GeoPackage joined
// to the boundaries the viewer was started with (`--boundaries`, else DATA/geo's), so that the
// files match the map on screen. GL-free: the window adds the PNG.
//
// Threading: any thread; reads the snapshot only.

#include <array>
#include <string>
#include <vector>

#include "pantau/data/geo/geo.hpp"
#include "pantau/data/model/snapshot.hpp"

namespace pantau::viewer {

struct ViewTables {
  std::vector<std::string> files;  ///< written
  std::size_t rows = 0;            ///< the view's children
  std::size_t withGeometry = 0;    ///< of them, joined to a boundary in the GeoPackage
};

/// Writes BASE.csv and, for a view above the districts, BASE.gpkg. A file that cannot be written
/// is said on stderr and left out.
ViewTables exportViewTables(const data::Snapshot& s, data::RegionId view,
                            const std::array<data::BoundarySource, 3>& boundaries,
                            const std::string& base);

}  // namespace pantau::viewer
