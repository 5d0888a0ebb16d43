#pragma once
// The broadcast overlay drawn over the map with Dear ImGui's draw lists: region labels that never
// overlap, the title and breadcrumb, the time and progress, staleness and the source's health,
// the tiles or the TPS view below the districts, the tallies with a bar per candidate and the
// legend. The same code draws the window's frame and the headless still. Each panel is one
// function (in the overlay_*.cpp file named for it), drawn by one line in draw().
//
// Threading: the GL thread, inside a UiContext frame (the app owns the ImGui context).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "map_scene.hpp"
#include "overlay_panel_cache.hpp"
#include "pantau/data/contests/dpr_tables.hpp"
#include "pantau/data/contests/seats.hpp"
#include "tile_view.hpp"
#include "tps_view.hpp"
#include "ui_context.hpp"
#include "ui_text.hpp"

struct ImDrawList;

namespace pantau::viewer {

struct OverlayInfo {
  const UiText* text = nullptr;
  bool simulated = false;     ///< the data is the embedded simulation: say so on screen
  int64_t nowMs = 0;          ///< for staleness
  uint32_t tpsRead = 0, tpsNeeded = 0;  ///< a live TPS sweep's progress (0 of 0: none)
  TileView* tiles = nullptr;  ///< district and village views
  TpsView* tps = nullptr;     ///< the TPS view
  data::RegionId hover = data::kNoRegion;  ///< the tile under the cursor
  std::string toast;         ///< a short message shown at the bottom (exports), empty: none
  float rightReservePx = 0;  ///< width on the right kept clear of tiles (the window's table)
  /// The DPR (--contest pdpr): the projection from the snapshot shown, and the tables; null else.
  const data::SeatProjection* seats = nullptr;
  const data::DprTables* dpr = nullptr;
  bool seatView = false;  ///< the hemicycle instead of the map's panels (S, --view seats)
};

/// A clickable piece of the breadcrumb, in pixels.
struct CrumbHit {
  ImVec2 a, b;
  data::RegionId region;
};

/// Which panels draw. All by default; below 800 px wide only the title, time and labels stay,
/// and the TPS view has no tallies or legend (it shows its own numbers).
struct OverlayPanels {
  bool labels = true, title = true, breadcrumb = true, time = true, staleness = true,
       simulated = true, toast = true;
  bool content = true;  ///< the tiles or the TPS view below the districts
  bool tallies = true, legend = true;
};

class Overlay {
 public:
  explicit Overlay(const Fonts& fonts) : m_fonts(fonts) {}

  /// Draws on the frame's background list (under the window's panels).
  void draw(const data::Snapshot& snapshot, const MapScene& scene, int width, int height,
            const OverlayInfo& info);
  void setPanels(const OverlayPanels& panels) { m_panels = panels; }
  /// The breadcrumb's region at a pixel as last drawn (the window makes them clickable), or
  /// kNoRegion.
  data::RegionId crumbAt(float px, float py) const;
  const Fonts& fonts() const { return m_fonts; }
  /// How many times the panels were rendered into their motion cache.
  int panelRenders() const { return m_panelCache ? m_panelCache->renders() : 0; }

 private:
  void drawPanels(bool roomy);  ///< everything but the labels, in their order
  void drawLabels();  // overlay_labels.cpp
  void drawAreaLabels(std::vector<MapScene::DrawnLabel> areas);
  void drawTitle();   // overlay_heading.cpp
  void drawBreadcrumb();
  void drawSimulatedBadge(std::optional<ImVec2> at = std::nullopt);  ///< below the title by default
  void drawTime();  // overlay_status.cpp
  void drawStaleness();
  void drawToast();  // overlay.cpp
  void drawContent();
  void drawTallies();  // overlay_tallies.cpp
  void drawLegend();   // overlay_legend.cpp
  void drawWinnerLegend(float lx, float ly, float lw);
  void drawLeadNote(float lx, float ly, float lw);
  /// The DPR's columns leading a region at the map's fill level under the view, by national votes.
  std::vector<std::size_t> leadingColumns() const;
  void drawPartyLegend(float lx, float ly, float lw, const std::vector<std::size_t>& leading);
  void drawPartyTallies();  // overlay_tallies.cpp
  void drawDpdTallies();
  void drawDpdNationTallies();  // overlay_dpd_nation.cpp
  void drawSeatView();  // overlay_seats.cpp
  void drawSeatTable(float x, float y);
  void drawDapilPanel();
  ImU32 partyInk(data::PartyId party) const;
  void drawScaleLegend(float lx, float ly, float lw);
  void drawNoDataSwatch(float lx, float ly);
  /// Text right-aligned to the frame's margin; its size.
  ImVec2 rightText(ImFont* font, const std::string& text, float y, ImU32 colour);

  Fonts m_fonts;
  OverlayPanels m_panels;
  std::vector<CrumbHit> m_crumbs;
  std::unique_ptr<OverlayPanelCache> m_panelCache;  ///< made when the map first moves
  /// The frame being drawn: set by draw() for its panels.
  struct Frame {
    ImDrawList* dl = nullptr;
    const data::Snapshot* s = nullptr;
    const MapScene* scene = nullptr;
    const OverlayInfo* info = nullptr;
    const UiText* t = nullptr;
    float width = 0, height = 0;
    float u = 1;     ///< one unit at 1080p
    float pad = 28;  ///< the margin
  } m_f;
};

}  // namespace pantau::viewer
