// The DPD at the nation, bottom left: the provinces whose fourth seat is closest, each with the
// fourth and fifth candidates' ballot numbers and the margin between them (votes and points of
// the province's valid votes), on the race layer's scale.

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "draw_helpers.hpp"
#include "overlay.hpp"
#include "pantau/data/contests/dpd_nation.hpp"
#include "pantau/render/colours.hpp"
#include "layer_colours.hpp"
#include "party_display.hpp"

namespace pantau::viewer {

using namespace pantau::data;

void Overlay::drawDpdNationTallies() {
  ImDrawList* dl = m_f.dl;
  const Snapshot& s = *m_f.s;
  const RegionTree& tree = s.tree();
  const CandidateList& cands = s.candidateList();
  const float u = m_f.u, pad = m_f.pad;
  struct Row {
    RegionId province;
    FourthSeatRace race;
  };
  std::vector<Row> rows;
  for (RegionId p : tree.children(kNation)) {
    const FourthSeatRace race = fourthSeatRace(s.votes(p), cands);
    if (race.marginPoints() >= 0) rows.push_back({p, race});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.race.marginPoints() < b.race.marginPoints();
  });
  constexpr std::size_t kRows = 8;
  rows.resize(std::min(rows.size(), kRows));
  if (rows.empty()) return;
  const float rowH = 27 * u, nameW = 300 * u, pairW = 110 * u, barW = 140 * u;
  const float top0 = m_f.height - pad - rowH * static_cast<float>(rows.size());
  dl->AddRectFilled(ImVec2(pad - 14 * u, top0 - 40 * u),
                    ImVec2(pad + nameW + pairW + barW + 230 * u, m_f.height - pad + 6 * u),
                    IM_COL32(255, 255, 255, 230), 8 * u);
  dl->AddText(m_fonts.bold, m_fonts.bold->FontSize * 0.8f, ImVec2(pad, top0 - 32 * u),
              IM_COL32(60, 66, 80, 255), m_f.t->talliesDpdNation);
  const float size = m_fonts.body->FontSize * 0.78f, small = m_fonts.body->FontSize * 0.76f;
  const ImU32 ink = IM_COL32(20, 24, 33, 255), grey = IM_COL32(60, 66, 80, 255);
  float y = top0;
  for (const Row& r : rows) {
    std::string name(tree.name(r.province));
    if (name.size() > 28) name = name.substr(0, 26) + "\u2026";
    dl->AddText(m_fonts.bold, size, ImVec2(pad, y), ink, name.c_str());
    const std::string pair = columnLabel(cands.candidates[static_cast<std::size_t>(r.race.fourth)], Contest::Pdpd) +
                             " " + m_f.t->fourthVsFifth + " " +
                             columnLabel(cands.candidates[static_cast<std::size_t>(r.race.fifth)], Contest::Pdpd);
    dl->AddText(m_fonts.body, size, ImVec2(pad + nameW, y), grey, pair.c_str());
    // The margin on the map's scale: a short bar is a close race.
    const double points = r.race.marginPoints();
    const float barX = pad + nameW + pairW,
                w = barW * static_cast<float>(std::min(points / kRaceRangePoints, 1.0));
    dl->AddRectFilled(ImVec2(barX, y + 4 * u), ImVec2(barX + barW, y + 18 * u), IM_COL32(232, 232, 228, 255), 2 * u);
    dl->AddRectFilled(ImVec2(barX, y + 4 * u), ImVec2(barX + std::max(w, 2 * u), y + 18 * u),
                      toImColour(render::alertColour(1 - std::min(points / kRaceRangePoints, 1.0))), 2 * u);
    char pp[32];
    std::snprintf(pp, sizeof pp, "%.2f pp", points);
    std::string label = pp;
    for (char& c : label)
      if (c == '.') c = m_f.t->decimal;
    label += "  " + formatCount(r.race.margin, *m_f.t) + " " + m_f.t->votesWord;
    dl->AddText(m_fonts.body, small, ImVec2(barX + barW + 12 * u, y + 1 * u), ink, label.c_str());
    y += rowH;
  }
}

}  // namespace pantau::viewer
