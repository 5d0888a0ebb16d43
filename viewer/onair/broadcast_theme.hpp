#pragma once
// The on-air graphics, drawn with Dear ImGui's draw lists over the map: the header (region and
// caption), the time and count, the lower third (each ticket's share and votes, the margin), the
// breaking strap, the "what moved" panel and the equal-area tile map. Every text stays inside
// EBU R95's graphics-safe area (5% in from each edge); sizes follow the frame's height, so 4K is
// 1080p drawn twice as large.
//
// Threading: the GL thread, inside an ImGui frame.

#include <imgui.h>

#include "draw_helpers.hpp"
#include "layer_colours.hpp"
#include "rundown.hpp"
#include "tours.hpp"
#include "ui_text.hpp"

namespace pantau::viewer::onair {

/// EBU R95 for 16:9: action-safe 3.5% and graphics-safe 5% in from each edge.
inline constexpr float kActionSafe = 0.035f, kGraphicsSafe = 0.05f;

struct ThemeFrame {
  const RundownItem* item = nullptr;
  const data::Snapshot* snapshot = nullptr;
  const WhatMoved* moved = nullptr;  ///< the last regeneration (the "moved" panel), null: none yet
  const UiText* text = nullptr;
  bool breaking = false;   ///< the item is a breaking jump: the red strap
  bool simulated = false;  ///< the embedded night: say so on air
  bool safeArea = false;   ///< draw the guides (rehearsal)
  bool tiles = false;      ///< the tile map instead of the boundaries
  int width = 1920, height = 1080;
};

/// Draws the graphics of one frame onto `dl`.
void drawBroadcast(ImDrawList* dl, const Fonts& fonts, const ThemeFrame& f);
/// The tile map alone, in a rectangle (pixels).
void drawProvinceTiles(ImDrawList* dl, const Fonts& fonts, const data::Snapshot& s,
                       const LayerChoice& layer, const UiText& t, ImVec2 a, ImVec2 b);

}  // namespace pantau::viewer::onair
