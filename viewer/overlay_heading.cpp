// The top left: the view's name, the breadcrumb from the nation to its parent (clickable in the
// window) or the race under the nation, and the SIMULASI badge on the embedded night.

#include <imgui.h>

#include "draw_helpers.hpp"
#include "overlay.hpp"

namespace pantau::viewer {

using namespace pantau::data;

void Overlay::drawTitle() {
  const RegionId view = m_f.scene->view();
  const std::string title =
      view == kNation ? m_f.t->nationName : std::string(m_f.s->tree().name(view));
  haloText(m_f.dl, m_fonts.title, m_fonts.title->FontSize, ImVec2(m_f.pad, m_f.pad),
           IM_COL32(20, 24, 33, 255), title.c_str());
}

void Overlay::drawBreadcrumb() {
  ImFont* body = m_fonts.body;
  const float u = m_f.u, y = m_f.pad + 50 * u;
  const RegionTree& tree = m_f.s->tree();
  const RegionId view = m_f.scene->view();
  if (view == kNation) {
    const Contest contest = m_f.scene->layer().contest;
    haloText(m_f.dl, body, body->FontSize, ImVec2(m_f.pad, y), IM_COL32(60, 66, 80, 255),
             contest == Contest::Pdpr   ? m_f.t->raceTitleDpr
             : contest == Contest::Pdpd ? m_f.t->dpdNationTitle
                                        : m_f.t->raceTitle);
    return;
  }
  float x = m_f.pad;
  std::vector<RegionId> chain;
  for (RegionId r = tree.parent(view); r != kNoRegion; r = tree.parent(r))
    chain.insert(chain.begin(), r);
  for (RegionId r : chain) {
    const std::string name =
        r == kNation ? std::string(m_f.t->nationName) : std::string(tree.name(r));
    const ImVec2 sz = body->CalcTextSizeA(body->FontSize, 1e9f, 0, name.c_str());
    haloText(m_f.dl, body, body->FontSize, ImVec2(x, y), IM_COL32(30, 80, 160, 255), name.c_str());
    m_crumbs.push_back({ImVec2(x, y), ImVec2(x + sz.x, y + sz.y), r});
    x += sz.x;
    haloText(m_f.dl, body, body->FontSize, ImVec2(x + 6 * u, y), IM_COL32(120, 126, 140, 255),
             "\u203a");
    x += 22 * u;
  }
  const std::string code(tree.code(view));
  haloText(m_f.dl, body, body->FontSize, ImVec2(x, y), IM_COL32(60, 66, 80, 255), code.c_str());
}

void Overlay::drawSimulatedBadge(std::optional<ImVec2> where) {
  ImFont* bold = m_fonts.bold;
  const float u = m_f.u;
  const ImVec2 sz = bold->CalcTextSizeA(bold->FontSize, 1e9f, 0, m_f.t->simulated);
  const ImVec2 at = where.value_or(ImVec2(m_f.pad, m_f.pad + 92 * u));
  m_f.dl->AddRectFilled(at, ImVec2(at.x + sz.x + 12 * u, at.y + sz.y + 6 * u),
                        IM_COL32(180, 40, 40, 255), 4 * u);
  m_f.dl->AddText(bold, bold->FontSize, ImVec2(at.x + 6 * u, at.y + 3 * u),
                  IM_COL32(255, 255, 255, 255), m_f.t->simulated);
}

}  // namespace pantau::viewer
