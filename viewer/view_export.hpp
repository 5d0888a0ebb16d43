#pragma once
// E in the window: the view as files an analyst can use, in the current directory.

#include <array>
#include <string>

#include "map_scene.hpp"
#include "ui_text.hpp"

namespace pantau::viewer {

/// The frame on screen (the bound back buffer, w x h) as PNG, and the view's children with their
/// figures as CSV, plus a GeoPackage joined to `boundaries` (the viewer's own: --boundaries, else
/// DATA/geo's) where they have polygons (exportViewTables). Returns the confirmation to show
/// ("Diekspor ke ...").
std::string exportView(const data::Snapshot& s, const MapScene& scene, const std::array<data::BoundarySource, 3>& boundaries,
                       int w, int h, const UiText& t);

}  // namespace pantau::viewer
