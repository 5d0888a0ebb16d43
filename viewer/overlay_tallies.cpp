// The bottom left: a bar per candidate with share and votes, for the view's own chart when read,
// else its row in the parent's.

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "draw_helpers.hpp"
#include "overlay.hpp"
#include "pantau/data/contests/seats.hpp"
#include "pantau/render/colours.hpp"
#include "party_display.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {
/// The view's own chart when read, else its row in the parent's.
std::span<const uint32_t> shownVotes(const Snapshot& s, RegionId view) {
  return s.status(view).has(RegionStatus::kHasOwn) ? s.ownVotes(view) : s.votes(view);
}
}  // namespace

void Overlay::drawTallies() {
  if (m_f.scene->layer().contest == Contest::Pdpr) return drawPartyTallies();
  if (m_f.scene->layer().contest == Contest::Pdpd)
    return m_f.scene->view() == kNation ? drawDpdNationTallies() : drawDpdTallies();
  ImDrawList* dl = m_f.dl;
  const Snapshot& s = *m_f.s;
  const float u = m_f.u, pad = m_f.pad;
  const auto votes = shownVotes(s, m_f.scene->view());
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
    const uint32_t hue = columnHue(s, Contest::Ppwp, c, m_f.scene->layer().colourBlindSafe);
    dl->AddRectFilled(ImVec2(pad, barY),
                      ImVec2(pad + barW * static_cast<float>(share / 100.0), barY + 18 * u),
                      toImColour(render::winnerColour(hue, 0.4, 1.0)), 3 * u);
    const std::string pct = formatPercent(share, *m_f.t) + "  " + formatCount(votes[c], *m_f.t);
    dl->AddText(m_fonts.bold, m_fonts.bold->FontSize, ImVec2(pad + barW + 14 * u, barY - 3 * u),
                IM_COL32(20, 24, 33, 255), pct.c_str());
    y += rowH;
  }
}

namespace {
/// Column indices by votes, most first (ties by ballot order).
std::vector<std::size_t> byVotes(std::span<const uint32_t> votes) {
  std::vector<std::size_t> order(votes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return votes[a] > votes[b]; });
  return order;
}
}  // namespace

// The DPR: the 18 parties by votes in two columns of nine (the map keeps the room the
// presidential tallies leave it), the bars on one scale with the 4% threshold drawn across them.
// The threshold is national, so parties under it nationally are greyed; in a region the line
// shows where the region's shares sit against it.
void Overlay::drawPartyTallies() {
  ImDrawList* dl = m_f.dl;
  const Snapshot& s = *m_f.s;
  const float u = m_f.u, pad = m_f.pad;
  const auto votes = shownVotes(s, m_f.scene->view());
  const auto nation = s.ownVotes(kNation);
  uint64_t total = 0, nationTotal = 0, top = 0;
  for (uint32_t v : votes) total += v, top = std::max<uint64_t>(top, v);
  for (uint32_t v : nation) nationTotal += v;
  const CandidateList& cands = s.candidateList();
  constexpr std::size_t kPerColumn = 9;
  const float nameW = 100 * u, barW = 180 * u, textW = 160 * u,
              colW = nameW + barW + 12 * u + textW + 24 * u;
  const float rowH = 24 * u;
  // The scale: at least 20%, so the 4% line sits clear of the bars' start.
  const double maxShare = std::max(
      20.0, total ? 100.0 * static_cast<double>(top) / static_cast<double>(total) * 1.05 : 0);
  const std::vector<std::size_t> order = byVotes(votes);
  const std::size_t rows = std::min(order.size(), kPerColumn);
  const float top0 = m_f.height - pad - rowH * static_cast<float>(rows) - 28 * u;
  const std::size_t columns = (order.size() + kPerColumn - 1) / kPerColumn;
  dl->AddRectFilled(ImVec2(pad - 14 * u, top0 - 40 * u),
                    ImVec2(pad + colW * static_cast<float>(columns), m_f.height - pad + 6 * u),
                    IM_COL32(255, 255, 255, 230), 8 * u);
  const float small = m_fonts.body->FontSize * 0.74f;
  dl->AddText(m_fonts.bold, m_fonts.bold->FontSize * 0.8f, ImVec2(pad, top0 - 32 * u),
              IM_COL32(60, 66, 80, 255), m_f.t->talliesDpr);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t c = order[k];
    if (c >= cands.candidates.size()) continue;
    const float x = pad + colW * static_cast<float>(k / kPerColumn), barX = x + nameW;
    const float y = top0 + 28 * u + rowH * static_cast<float>(k % kPerColumn);
    const float lineX = barX + barW * static_cast<float>(4.0 / maxShare);
    if (k % kPerColumn == 0) {  // the column's threshold, labelled above it
      const ImVec2 th = m_fonts.bold->CalcTextSizeA(small, 1e9f, 0, m_f.t->threshold);
      dl->AddText(m_fonts.bold, small, ImVec2(lineX - th.x / 2, top0 - 2 * u),
                  IM_COL32(150, 30, 30, 255), m_f.t->threshold);
      const float end =
          top0 + 28 * u + rowH * static_cast<float>(std::min(kPerColumn, order.size() - k)) - 4 * u;
      for (float ly = top0 + 22 * u; ly < end; ly += 8 * u)  // dashed
        dl->AddLine(ImVec2(lineX, ly), ImVec2(lineX, std::min(ly + 5 * u, end)),
                    IM_COL32(150, 30, 30, 255), 2 * u);
    }
    const bool passed = passesThreshold(nation[c], nationTotal, 400);
    const ImU32 ink = passed ? IM_COL32(20, 24, 33, 255) : IM_COL32(120, 124, 132, 255);
    const std::string name = columnLabel(cands.candidates[c], Contest::Pdpr);
    dl->AddText(m_fonts.bold, m_fonts.bold->FontSize * 0.78f, ImVec2(x, y), ink, name.c_str());
    const double share = total ? 100.0 * votes[c] / static_cast<double>(total) : 0;
    const uint32_t hue = columnHue(s, Contest::Pdpr, c, m_f.scene->layer().colourBlindSafe);
    const float barY = y + 4 * u, w = barW * static_cast<float>(std::min(1.0, share / maxShare));
    dl->AddRectFilled(ImVec2(barX, barY), ImVec2(barX + barW, barY + 14 * u),
                      IM_COL32(232, 232, 228, 255), 2 * u);
    ImU32 fill = toImColour(render::winnerColour(hue, 0.4, 1.0));
    if (!passed) fill = (fill & 0x00FFFFFFu) | (110u << 24);
    dl->AddRectFilled(ImVec2(barX, barY), ImVec2(barX + w, barY + 14 * u), fill, 2 * u);
    const std::string pct = formatPercent(share, *m_f.t) + "  " + formatCount(votes[c], *m_f.t);
    dl->AddText(m_fonts.body, small, ImVec2(barX + barW + 12 * u, y + 1 * u), ink, pct.c_str());
  }
}

// The DPD: the province's candidates by votes, the four seats marked, and the race for the
// fourth: the margin between the fourth and the fifth.
void Overlay::drawDpdTallies() {
  ImDrawList* dl = m_f.dl;
  const Snapshot& s = *m_f.s;
  const float u = m_f.u, pad = m_f.pad;
  const auto votes = shownVotes(s, m_f.scene->view());
  uint64_t total = 0, top = 0;
  for (uint32_t v : votes) total += v, top = std::max<uint64_t>(top, v);
  const CandidateList& cands = s.candidateList();
  const std::vector<std::size_t> order = byVotes(votes);
  constexpr std::size_t kRows = 7;
  const std::size_t rows = std::min(order.size(), kRows);
  const float rowH = 27 * u, nameW = 420 * u, barW = 200 * u;
  const float top0 = m_f.height - pad - rowH * static_cast<float>(rows) - 34 * u;
  dl->AddRectFilled(ImVec2(pad - 14 * u, top0 - 40 * u),
                    ImVec2(pad + nameW + barW + 200 * u, m_f.height - pad + 6 * u),
                    IM_COL32(255, 255, 255, 230), 8 * u);
  dl->AddText(m_fonts.bold, m_fonts.bold->FontSize * 0.8f, ImVec2(pad, top0 - 32 * u),
              IM_COL32(60, 66, 80, 255), m_f.t->talliesDpd);
  const float small = m_fonts.body->FontSize * 0.76f;
  float y = top0;
  for (std::size_t k = 0; k < rows; ++k) {
    const std::size_t c = order[k];
    if (k == static_cast<std::size_t>(4)) {  // the seats end here: the race for the fourth
      dl->AddLine(ImVec2(pad, y + 1 * u), ImVec2(pad + nameW + barW + 170 * u, y + 1 * u),
                  IM_COL32(150, 30, 30, 255), 2 * u);
      y += 6 * u;
    }
    const bool seat = k < 4 && votes[c] > 0;
    const ImU32 ink = seat ? IM_COL32(20, 24, 33, 255) : IM_COL32(100, 104, 112, 255);
    const Candidate& cand = cands.candidates[c];
    if (seat)
      dl->AddCircleFilled(ImVec2(pad + 7 * u, y + 11 * u), 6 * u, IM_COL32(196, 120, 10, 255));
    std::string name = columnLabel(cand, Contest::Pdpd) + "  " +
                       (cand.nama.size() > 40 ? cand.nama.substr(0, 38) + "\u2026" : cand.nama);
    dl->AddText(seat ? m_fonts.bold : m_fonts.body, m_fonts.body->FontSize * 0.78f,
                ImVec2(pad + 20 * u, y), ink, name.c_str());
    const double share = total ? 100.0 * votes[c] / static_cast<double>(total) : 0;
    const float barX = pad + nameW,
                w = top ? barW * static_cast<float>(votes[c]) / static_cast<float>(top) : 0;
    dl->AddRectFilled(ImVec2(barX, y + 4 * u), ImVec2(barX + barW, y + 18 * u),
                      IM_COL32(232, 232, 228, 255), 2 * u);
    dl->AddRectFilled(
        ImVec2(barX, y + 4 * u), ImVec2(barX + w, y + 18 * u),
        toImColour(render::winnerColour(columnHue(s, Contest::Pdpd, c, false), 0.4, 1.0)), 2 * u);
    const std::string pct = formatPercent(share, *m_f.t) + "  " + formatCount(votes[c], *m_f.t);
    dl->AddText(m_fonts.body, small, ImVec2(barX + barW + 12 * u, y + 1 * u), ink, pct.c_str());
    y += rowH;
  }
  if (order.size() > 4) {
    const uint64_t margin = votes[order[3]] - votes[order[4]];
    const std::string race =
        std::string(m_f.t->fourthRace) + " " + formatCount(margin, *m_f.t) + " " + m_f.t->votesWord;
    dl->AddText(m_fonts.bold, small, ImVec2(pad, y + 2 * u), IM_COL32(150, 30, 30, 255),
                race.c_str());
  }
}

}  // namespace pantau::viewer
