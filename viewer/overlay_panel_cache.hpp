#pragma once
// The overlay's fixed panels (title, time, tallies, legend, ...) while the map moves: they do not
// change during a pan or a zoom, but on Mesa's llvmpipe rasterising their text and rounded boxes
// costs as much as moving the whole map (6-7 ms of CPU a 1080p frame, twice that at 4K). Each
// moving frame still builds the panels' draw list (a fraction of a millisecond of CPU) and hashes
// it; only when the list differs from the cached one (new data, a toast, another size) is it
// rendered again, premultiplied, into a texture. The frame then lays that texture's non-empty
// rectangles over the map with a few textured quads, in the draw order the panels had.
//
// Threading: the GL thread, inside a UiContext frame.

#include <imgui.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "pantau/render/offscreen_target.hpp"

namespace pantau::viewer {

class OverlayPanelCache {
 public:
  OverlayPanelCache();
  ~OverlayPanelCache();
  OverlayPanelCache(const OverlayPanelCache&) = delete;
  OverlayPanelCache& operator=(const OverlayPanelCache&) = delete;

  /// A cleared draw list for this frame's panels at this size (draw them into it, then
  /// composite()).
  ImDrawList* begin(int width, int height);
  /// Renders the panels again if their list changed since the last render, then adds the
  /// cached image to `frame` (the overlay's background list) in their place.
  void composite(ImDrawList* frame);
  /// How many times the panels were rendered into the cache (each is a slower frame).
  int renders() const { return m_renders; }

 private:
  struct Rect {
    float x0, y0, x1, y1;
  };
  uint64_t listHash() const;
  void render();
  void findRects();
  void blendIntoFrame();  ///< GL thread, while the frame's draw lists render

  ImDrawList m_list;
  std::unique_ptr<render::OffscreenTarget> m_target;
  std::vector<uint32_t> m_pixels;   ///< the rendered panels, premultiplied RGBA, bottom row first
  std::vector<uint32_t> m_scratch;  ///< one rectangle of the frame
  std::vector<Rect> m_rects;  ///< where the panels drew, disjoint, in pixels from the top left
  int m_width = 0, m_height = 0;
  uint64_t m_hash = 0;
  bool m_valid = false;
  int m_renders = 0;
};

}  // namespace pantau::viewer
