#include "air_frame.hpp"

#include "overlay.hpp"
#include "pantau/render/gl.hpp"

namespace pantau::viewer::onair {

void clearToPaper() {
  // ImGui's last frame may leave its scissor on, and a scissored clear keeps old pixels.
  glDisable(GL_SCISSOR_TEST);
  glClearColor(kPaper[0], kPaper[1], kPaper[2], 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
}

void drawAirGraphics(ImDrawList* dl, const Fonts& fonts, Show& show, const ThemeFrame& f,
                     TileView& children) {
  const data::Snapshot& snapshot = *f.snapshot;
  const RundownItem& item = *f.item;
  if (!f.tiles && show.scene().mode() != MapScene::Mode::Map) {  // below the districts
    const float u = fonts.scale, fw = static_cast<float>(f.width), fh = static_cast<float>(f.height);
    children.layout(snapshot.tree(), item.region,
                    ImVec2(fw * kGraphicsSafe, fh * kGraphicsSafe + 140 * u),
                    ImVec2(fw * (1 - kGraphicsSafe), fh * (1 - kGraphicsSafe) - 170 * u));
    children.draw(dl, fonts, snapshot, item.layerChoice, nullptr, data::kNoRegion, *f.text);
  }
  // The DPR's and DPD's pages (the hemicycle, the map by party) as the window draws them: the
  // broadcast theme's strap holds a few tickets, not 18 parties.
  if ((item.seats && show.seats()) || show.setup().contest != data::Contest::Ppwp) {
    OverlayInfo info = show.overlayInfo();
    Overlay(fonts).draw(snapshot, show.scene(), f.width, f.height, info);
  } else {
    drawBroadcast(dl, fonts, f);
  }
}

void drawAirFrame(Show& show, UiContext& ui, TileView& children, const ThemeFrame& f,
                  std::optional<MapScene::Window> window) {
  if (f.tiles) {
    clearToPaper();
  } else {
    show.scene().setWindow(window);
    show.drawMap(f.width, f.height);
  }
  if (!f.snapshot) return;
  ui.beginFrame(f.width, f.height, false);
  drawAirGraphics(ImGui::GetBackgroundDrawList(), ui.fonts(), show, f, children);
  if (window)
    ui.endFrame(window->x, window->y, window->width, window->height);
  else
    ui.endFrame();
}

}  // namespace pantau::viewer::onair
