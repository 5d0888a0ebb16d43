#include "wall_layout.hpp"

#include <cstdio>

namespace pantau::viewer {

using data::Error;
using data::ErrorCode;

data::Result<WallLayout> parseWallLayout(const std::string& wall, const std::string& tile,
                                         int bezel, int tileWidth, int tileHeight) {
  WallLayout w;
  char end = 0;
  if (std::sscanf(wall.c_str(), "%dx%d%c", &w.cols, &w.rows, &end) != 2 || w.cols < 1 ||
      w.rows < 1 || w.cols > 64 || w.rows > 64)
    return Error{ErrorCode::Syntax, "--wall: '" + wall + "' is not COLSxROWS (1..64 each)"};
  if (std::sscanf(tile.c_str(), "%d,%d%c", &w.col, &w.row, &end) != 2 || w.col < 0 || w.row < 0)
    return Error{ErrorCode::Syntax,
                 "--tile: '" + tile + "' is not C,R (counted from 0,0 at the top left)"};
  if (w.col >= w.cols || w.row >= w.rows)
    return Error{ErrorCode::Range, "--tile " + tile + " is outside a " + wall + " wall"};
  if (bezel < 0 || bezel > 4096)
    return Error{ErrorCode::Range, "--bezel: " + std::to_string(bezel) + " is not 0..4096"};
  w.bezel = bezel;
  w.tileWidth = tileWidth;
  w.tileHeight = tileHeight;
  if (w.canvasWidth() > 16384 || w.canvasHeight() > 16384)
    return Error{ErrorCode::Range,
                 "--wall " + wall + ": the canvas (" + std::to_string(w.canvasWidth()) + "x" +
                     std::to_string(w.canvasHeight()) + ") is over 16384 pixels a side"};
  return w;
}

}  // namespace pantau::viewer
