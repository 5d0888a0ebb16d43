// The bottom left: a bar per candidate with share and votes, for the view's own chart when read,
// else its row in the parent's.

#include <imgui.h>

#include <cstdio>

#include "draw_helpers.hpp"
#include "overlay.hpp"
#include "pantau/render/colours.hpp"

namespace pantau::viewer {

using namespace pantau::data;

void Overlay::drawTallies() {
  ImDrawList* dl = m_f.dl;
  const Snapshot& s = *m_f.s;
  const float u = m_f.u, pad = m_f.pad;
  const RegionId view = m_f.scene->view();
  const auto votes = s.status(view).has(RegionStatus::kHasOwn) ? s.ownVotes(view) : s.votes(view);
  uint64_t total = 0;
  for (uint32_t v : votes) total += v;
  const CandidateList& cands = s.candidateList();
  const float barW = 420 * u, rowH = 58 * u;
  float y = m_f.height - pad - rowH * static_cast<float>(cands.candidates.size());
  dl->AddRectFilled(ImVec2(pad - 14 * u, y - 14 * u),
                    ImVec2(pad + barW + 300 * u, m_f.height - pad + 6 * u),
                    IM_COL32(255, 255, 255, 225), 8 * u);
  for (std::size_t c = 0; c < cands.candidates.size() && c < votes.size(); ++c) {
    const Candidate& cand = cands.candidates[c];
    const double share = total ? 100.0 * votes[c] / static_cast<double>(total) : 0;
    char number[8];
    std::snprintf(number, sizeof number, "%02u", cand.nomorUrut);
    dl->AddText(m_fonts.bold, m_fonts.bold->FontSize, ImVec2(pad, y), IM_COL32(20, 24, 33, 255),
                number);
    const std::string full = candidateName(cand, *m_f.t);
    const std::string name = full.size() > 70 ? full.substr(0, 68) + "..." : full;
    dl->AddText(m_fonts.body, m_fonts.body->FontSize * 0.85f, ImVec2(pad + 34 * u, y + 2 * u),
                IM_COL32(40, 44, 56, 255), name.c_str());
    const float barY = y + 26 * u;
    dl->AddRectFilled(ImVec2(pad, barY), ImVec2(pad + barW, barY + 18 * u),
                      IM_COL32(225, 225, 220, 255), 3 * u);
    const uint32_t hue =
        m_f.scene->layer().colourBlindSafe ? render::colourBlindSafeHex(c) : cand.rgb;
    dl->AddRectFilled(ImVec2(pad, barY),
                      ImVec2(pad + barW * static_cast<float>(share / 100.0), barY + 18 * u),
                      toImColour(render::winnerColour(hue, 0.4, 1.0)), 3 * u);
    const std::string pct = formatPercent(share, *m_f.t) + "  " + formatCount(votes[c], *m_f.t);
    dl->AddText(m_fonts.bold, m_fonts.bold->FontSize, ImVec2(pad + barW + 14 * u, barY - 3 * u),
                IM_COL32(20, 24, 33, 255), pct.c_str());
    y += rowH;
  }
}

}  // namespace pantau::viewer
