#pragma once
// The broadcast overlay drawn over the map with Dear ImGui's draw lists: title, time and progress,
// national (or regional) tallies with a bar per candidate, the legend, and region labels that never
// overlap. The same code draws the window's frame and the headless still.
//
// Threading: the GL thread; one Overlay per GL context.

#include <functional>
#include <string>

#include <vector>

#include "map_scene.hpp"
#include "tile_view.hpp"
#include "tps_view.hpp"
#include "ui_text.hpp"

struct ImFont;
struct ImDrawList;

namespace pantau::viewer {

struct OverlayInfo {
  const UiText* text = nullptr;
  bool simulated = false;   ///< the data is the embedded simulation: say so on screen
  int64_t nowMs = 0;        ///< for staleness
  TileView* tiles = nullptr;  ///< district and village views
  TpsView* tps = nullptr;     ///< the TPS view
  data::RegionId hover = data::kNoRegion;  ///< the tile under the cursor
  std::string toast;              ///< a short message shown at the bottom (exports), empty: none
  float rightReservePx = 0;       ///< width on the right kept clear of tiles (the window's table)
  std::function<void()> widgets;  ///< the window's ImGui windows (search, table), inside the frame
};

/// A clickable piece of the breadcrumb, in pixels.
struct CrumbHit {
  ImVec2 a, b;
  data::RegionId region;
};

/// The overlay's scale for a frame: 1 at 1080p, 2 at 4K, never below legibility on small stills.
float overlayScale(int width, int height);

class Overlay {
 public:
  /// Creates the ImGui context and the GL3 renderer; fonts sized for `contentScale` (1 at 1080p).
  explicit Overlay(float contentScale);
  ~Overlay();
  Overlay(const Overlay&) = delete;
  Overlay& operator=(const Overlay&) = delete;

  /// Draws into the bound framebuffer. `newFrame`: the window's platform backend has started the
  /// ImGui frame already (false in headless mode, where the display size is set here).
  void draw(const data::Snapshot& snapshot, const MapScene& scene, int width, int height, const OverlayInfo& info,
            bool platformFrameStarted = false);
  /// The breadcrumb's region at a pixel as last drawn (the window makes them clickable), or kNoRegion.
  data::RegionId crumbAt(float px, float py) const;
  Fonts fonts() const { return {m_body, m_bold, m_title, m_label, m_scale}; }

 private:
  void drawContent(ImDrawList* dl, const data::Snapshot& s, const MapScene& scene, int width, int height, const OverlayInfo& info);
  /// The legend of the scale layers (share, progress, turnout, change, integrity).
  void drawScaleLegend(ImDrawList* dl, const data::Snapshot& s, const MapScene& scene, const UiText& t, float lx, float ly,
                       float lw) const;
  void drawNoDataSwatch(ImDrawList* dl, const UiText& t, float lx, float ly) const;

  ImFont* m_body = nullptr;
  ImFont* m_bold = nullptr;
  ImFont* m_title = nullptr;
  ImFont* m_label = nullptr;
  float m_scale = 1;
  std::vector<CrumbHit> m_crumbs;
};

}  // namespace pantau::viewer
