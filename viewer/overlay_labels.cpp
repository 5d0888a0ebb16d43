// The map's region labels: largest regions first, skipped where they would overlap or do not fit,
// with a red badge counting the region's flagged TPS.

#include <imgui.h>

#include <algorithm>
#include <optional>

#include "draw_helpers.hpp"
#include "overlay.hpp"
#include "pantau/data/integrity/integrity.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {
/// The label's box centred on (px, py) when it fits the frame and overlaps none placed before
/// (then it is placed too); none otherwise.
std::optional<ImVec4> placeLabel(std::vector<ImVec4>& placed, double px, double py, ImVec2 box,
                                 float width, float height) {
  const ImVec4 r(static_cast<float>(px) - box.x / 2 - 2, static_cast<float>(py) - box.y / 2 - 1,
                 static_cast<float>(px) + box.x / 2 + 2, static_cast<float>(py) + box.y / 2 + 1);
  if (r.x < 0 || r.y < 0 || r.z > width || r.w > height) return std::nullopt;
  for (const ImVec4& p : placed)
    if (!(r.z < p.x || r.x > p.z || r.w < p.y || r.y > p.w)) return std::nullopt;
  placed.push_back(r);
  return r;
}
}  // namespace

void Overlay::drawLabels() {
  if (m_f.scene->hasOutlines()) {  // --map dapil: the dapil are named, not their regencies
    auto areas =
        m_f.scene->drawnAreaLabels(static_cast<int>(m_f.width), static_cast<int>(m_f.height));
    if (!areas.empty()) return drawAreaLabels(std::move(areas));
  }
  ImDrawList* dl = m_f.dl;
  ImFont* font = m_fonts.label;
  const float u = m_f.u, size = font->FontSize;
  const RegionTree& tree = m_f.s->tree();
  const IntegrityState* integrity = m_f.s->integrity();
  // The DPD at the nation colours each province by its own race (its regencies filled alike):
  // the provinces are what the colours say, so they are what is named.
  const bool dpdNation = m_f.scene->layer().contest == Contest::Pdpd && m_f.scene->view() == kNation;
  const int w = static_cast<int>(m_f.width), h = static_cast<int>(m_f.height);
  std::vector<DrawnRegion> regions =
      dpdNation ? m_f.scene->regionsInView(Level::Province, w, h) : m_f.scene->drawnRegions(w, h);
  std::sort(regions.begin(), regions.end(), [](const DrawnRegion& a, const DrawnRegion& b) {
    return a.widthPx * a.heightPx > b.widthPx * b.heightPx;
  });
  std::vector<ImVec4> placed;
  const bool moving = m_f.scene->moving();
  for (const DrawnRegion& d : regions) {
    std::string name(tree.name(d.region));
    ImVec2 box = font->CalcTextSizeA(size, 1e9f, 0, name.c_str());
    if (box.x > d.widthPx * 1.3f || box.y > d.heightPx) continue;  // too small a region to name
    // A badge with the count of flagged TPS rides on the label (and needs room like it).
    const uint32_t flagged = integrity ? integrity->flaggedTps(d.region) : 0;
    const std::string badge = flagged ? formatCount(flagged, *m_f.t) : std::string();
    const ImVec2 badgeText = font->CalcTextSizeA(size * 0.85f, 1e9f, 0, badge.c_str());
    const float badgeW = flagged ? badgeText.x + 10 * u : 0;
    box.x += flagged ? badgeW + 4 * u : 0;
    const auto placedAt = placeLabel(placed, d.px, d.py, box, m_f.width, m_f.height);
    if (!placedAt) continue;
    const ImVec4 r = *placedAt;
    const ImVec2 at(r.x + 2, r.y + 1);
    if (moving) {  // two halo copies instead of four: while the map moves, 40% fewer glyphs to fill
      for (float o : {-1.f, 1.f}) dl->AddText(font, size, ImVec2(at.x + o, at.y + o), IM_COL32(255, 255, 255, 200), name.c_str());
      dl->AddText(font, size, at, IM_COL32(25, 28, 36, 255), name.c_str());
    } else {
      haloText(dl, font, size, at, IM_COL32(25, 28, 36, 255), name.c_str());
    }
    if (!flagged) continue;
    const ImVec2 b0(r.z - 2 - badgeW, r.y + 1), b1(r.z - 2, r.w - 1);
    dl->AddRectFilled(b0, b1, IM_COL32(176, 30, 36, 255), (b1.y - b0.y) / 2);
    dl->AddText(font, size * 0.85f, ImVec2(b0.x + 5 * u, b0.y + (b1.y - b0.y - badgeText.y) / 2),
                IM_COL32(255, 255, 255, 255), badge.c_str());
  }
}

void Overlay::drawAreaLabels(std::vector<MapScene::DrawnLabel> areas) {
  ImFont* font = m_fonts.label;
  const float size = font->FontSize;
  std::sort(areas.begin(), areas.end(), [](const auto& a, const auto& b) {
    return a.widthPx * a.heightPx > b.widthPx * b.heightPx;
  });
  std::vector<ImVec4> placed;
  for (const MapScene::DrawnLabel& d : areas) {
    const ImVec2 box = font->CalcTextSizeA(size, 1e9f, 0, d.area->name.c_str());
    if (box.x > d.widthPx * 1.6f || box.y > d.heightPx) continue;  // too small an area to name
    const auto r = placeLabel(placed, d.px, d.py, box, m_f.width, m_f.height);
    if (!r) continue;
    haloText(m_f.dl, font, size, ImVec2(r->x + 2, r->y + 1), IM_COL32(25, 28, 36, 255),
             d.area->name.c_str());
  }
}

}  // namespace pantau::viewer
