#pragma once
// The view below the districts, where there are no polygons: the children of a district
// (villages) or of a village (TPS) as a grid of tiles in the same colours as the map, each with its
// name, its figure on the current layer and a badge for integrity flags. Never an empty map.

#include <vector>

#include "draw_helpers.hpp"
#include "layer_colours.hpp"
#include "ui_text.hpp"

namespace pantau::viewer {

class TileView {
 public:
  /// Lays the children of `parent` out in the rectangle (pixels), largest tiles that fit.
  void layout(const data::RegionTree& tree, data::RegionId parent, ImVec2 topLeft, ImVec2 bottomRight);
  void draw(ImDrawList* dl, const Fonts& fonts, const data::Snapshot& s, const LayerChoice& layer,
            const data::Snapshot* baseline, data::RegionId hover, const UiText& t) const;
  /// The child under a pixel, or kNoRegion.
  data::RegionId pick(float x, float y) const;
  std::size_t tileCount() const { return m_tiles.size(); }

 private:
  struct Tile {
    data::RegionId region;
    ImVec2 a, b;
  };
  std::vector<Tile> m_tiles;
};

/// The figure a region shows on a layer, as text ("58,8%", "+1,2 pp", "12,5 per 1.000"); the
/// winner layer shows the leading ticket's number and share.
std::string layerFigure(const LayerChoice& layer, const RegionShade& shade, const data::Snapshot& s,
                        data::RegionId id, const UiText& t);

}  // namespace pantau::viewer
