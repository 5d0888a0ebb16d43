#pragma once
// What an item on air looks like, for the on-air stage and for a video wall following it
// (--follow): under it the Show's map of its view, or the paper of the tile map; over it the
// broadcast theme (or, below the districts, the children as tiles; for the DPR and DPD, their
// pages as the window draws them). Laid out for the whole frame, so a wall tile drawing only
// its window of the canvas takes the same decisions as every other tile and as the leader.
//
// Threading: the GL thread.

#include <optional>

#include "broadcast_theme.hpp"
#include "show.hpp"
#include "tile_view.hpp"
#include "ui_context.hpp"

namespace pantau::viewer::onair {

/// The tile map's paper (as the map's tile views), the same on air and on a wall.
inline constexpr float kPaper[3] = {0.965f, 0.965f, 0.955f};

/// Clears the bound framebuffer to the tile map's paper.
void clearToPaper();

/// The graphics over the map, laid out for f.width x f.height onto `dl`, inside an ImGui frame.
/// `children` keeps the layout of the children's tiles below the districts.
void drawAirGraphics(ImDrawList* dl, const Fonts& fonts, Show& show, const ThemeFrame& f,
                     TileView& children);

/// One still frame of `f.item` on air into the bound framebuffer: the map (or the paper), then
/// the graphics, laid out for f.width x f.height; with `window`, only that window of it is drawn,
/// into a target of the window's size (a wall tile's part of the canvas, as drawShowFrame).
void drawAirFrame(Show& show, UiContext& ui, TileView& children, const ThemeFrame& f,
                  std::optional<MapScene::Window> window = std::nullopt);

}  // namespace pantau::viewer::onair
