#pragma once
// A video wall as one canvas: COLS x ROWS tiles of one tile size, with the pixels the frames
// between neighbouring screens hide (bezel compensation: a line crossing a seam continues
// straight, as on one big screen, and what falls behind a frame is not shown). Every tile lays out
// the same canvas and draws its own part of it (show_frame.hpp), so the tiles stitch by
// construction: a label crossing a seam is drawn whole on both sides.
//
// Threading: plain values.

#include <cstdint>
#include <optional>
#include <string>

#include "pantau/data/base/result.hpp"

namespace pantau::viewer {

struct WallLayout {
  int cols = 1, rows = 1;  ///< tiles across and down
  int col = 0, row = 0;    ///< this tile, from the top left
  int bezel = 0;           ///< pixels hidden between two neighbouring tiles (both frames together)
  int tileWidth = 0, tileHeight = 0;

  int canvasWidth() const { return cols * tileWidth + (cols - 1) * bezel; }
  int canvasHeight() const { return rows * tileHeight + (rows - 1) * bezel; }
  int tileX() const { return col * (tileWidth + bezel); }   ///< the tile's left edge on the canvas
  int tileY() const { return row * (tileHeight + bezel); }  ///< its top edge
};

/// From --wall COLSxROWS, --tile C,R and --bezel PX with the tile size (--size). Errors name the
/// flag and what was wrong; the canvas is limited to 16384 pixels a side.
data::Result<WallLayout> parseWallLayout(const std::string& wall, const std::string& tile,
                                         int bezel, int tileWidth, int tileHeight);

}  // namespace pantau::viewer
