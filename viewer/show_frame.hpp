#pragma once
// One frame of the Show drawn into the bound framebuffer: the map, then the overlay over it. The
// frame may be a window of a larger one (a wall's tile of its canvas): everything is laid out for
// the whole frame, so every tile takes the same decisions (which labels, where the panels go),
// and only the window's pixels are drawn, into a target of the window's size.
//
// Threading: the GL thread.

#include <optional>

#include "map_scene.hpp"
#include "wall_layout.hpp"

namespace pantau::viewer {

class Show;
class UiContext;
class Overlay;

/// `width` x `height`: the whole frame. Without `ui` (or `overlay`), the map alone.
void drawShowFrame(Show& show, UiContext* ui, Overlay* overlay, int width, int height,
                   std::optional<MapScene::Window> window = std::nullopt);

/// A wall tile's part of the wall's canvas.
inline MapScene::Window tileWindow(const WallLayout& wall) {
  return {wall.tileX(), wall.tileY(), wall.tileWidth, wall.tileHeight};
}

}  // namespace pantau::viewer
