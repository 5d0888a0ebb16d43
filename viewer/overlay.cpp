#include "overlay.hpp"

#include <imgui.h>

#include "draw_helpers.hpp"

namespace pantau::viewer {

using namespace pantau::data;

void Overlay::draw(const Snapshot& s, const MapScene& scene, int width, int height,
                   const OverlayInfo& info) {
  const float u = m_fonts.scale;
  m_f = {ImGui::GetBackgroundDrawList(), &s, &scene, &info, info.text, static_cast<float>(width),
         static_cast<float>(height),     u,  28 * u};
  m_crumbs.clear();
  if (info.seatView && info.seats) return drawSeatView();  // covers the map
  // Below ~800 px there is no room for panels that stay legible: title, time and labels only.
  // The TPS view shows its own numbers instead of the tallies and the legend.
  const bool roomy = width >= 800 && scene.mode() != MapScene::Mode::Tps;
  if (m_panels.labels) drawLabels();  // first: under the panels
  // While the map moves only the labels move with it: the panels are built as always but laid
  // over the frame from their cache, rendered again only when they changed.
  ImDrawList* frame = m_f.dl;
  const bool cached = scene.moving() && scene.mode() == MapScene::Mode::Map;
  if (cached) {
    if (!m_panelCache) m_panelCache = std::make_unique<OverlayPanelCache>();
    m_f.dl = m_panelCache->begin(width, height);
  }
  drawPanels(roomy);
  if (cached) m_panelCache->composite(frame), m_f.dl = frame;
}

void Overlay::drawPanels(bool roomy) {
  const OverlayInfo& info = *m_f.info;
  if (m_panels.title) drawTitle();
  if (m_panels.breadcrumb) drawBreadcrumb();
  if (m_panels.time) drawTime();
  if (m_panels.staleness) drawStaleness();
  if (m_panels.simulated && info.simulated) drawSimulatedBadge();
  if (m_panels.toast && !info.toast.empty()) drawToast();
  if (m_panels.content) drawContent();
  if (m_panels.tallies && roomy) drawTallies();
  if (m_panels.legend && roomy) drawLegend();
  if (roomy && info.seats && info.dpr) drawDapilPanel();
}

RegionId Overlay::crumbAt(float px, float py) const {
  RegionId hit = kNoRegion;
  for (const CrumbHit& c : m_crumbs)
    if (px >= c.a.x && px <= c.b.x && py >= c.a.y && py <= c.b.y) hit = c.region;
  return hit;
}

ImVec2 Overlay::rightText(ImFont* f, const std::string& text, float y, ImU32 colour) {
  const ImVec2 sz = f->CalcTextSizeA(f->FontSize, 1e9f, 0, text.c_str());
  haloText(m_f.dl, f, f->FontSize, ImVec2(m_f.width - m_f.pad - sz.x, y), colour, text.c_str());
  return sz;
}

/// A confirmation (exports), bottom centre above the panels.
void Overlay::drawToast() {
  const float u = m_f.u;
  const std::string& toast = m_f.info->toast;
  ImFont* bold = m_fonts.bold;
  const ImVec2 ts = bold->CalcTextSizeA(bold->FontSize, 1e9f, 0, toast.c_str());
  const ImVec2 at((m_f.width - ts.x) / 2, m_f.height - 290 * u);
  m_f.dl->AddRectFilled(ImVec2(at.x - 14 * u, at.y - 8 * u),
                        ImVec2(at.x + ts.x + 14 * u, at.y + ts.y + 8 * u),
                        IM_COL32(20, 24, 33, 235), 6 * u);
  m_f.dl->AddText(bold, bold->FontSize, at, IM_COL32(255, 255, 255, 255), toast.c_str());
}

/// Below the districts: tiles of the children, or the TPS view, where the map would be.
void Overlay::drawContent() {
  const OverlayInfo& info = *m_f.info;
  const MapScene& scene = *m_f.scene;
  const float top = m_f.pad + 130 * m_f.u;
  if (scene.mode() == MapScene::Mode::Tiles && info.tiles) {
    info.tiles->layout(m_f.s->tree(), scene.view(), ImVec2(m_f.pad, top),
                       ImVec2(m_f.width - m_f.pad - info.rightReservePx, m_f.height - 250 * m_f.u));
    info.tiles->draw(m_f.dl, m_fonts, *m_f.s, scene.layer(), scene.baseline(), info.hover, *m_f.t);
  }
  if (scene.mode() == MapScene::Mode::Tps && info.tps)
    info.tps->draw(m_f.dl, m_fonts, *m_f.s, *m_f.t, ImVec2(m_f.pad, top),
                   ImVec2(m_f.width - m_f.pad, m_f.height - m_f.pad));
}

}  // namespace pantau::viewer
