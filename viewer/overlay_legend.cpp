// The bottom right: the legend of the layer on the map. The winner layer: each candidate's ramp
// from a narrow to a wide lead; the scale layers (share, progress, turnout, change, integrity):
// their ramp and ends; and always the "no data" hatch.

#include <imgui.h>

#include <cstdio>

#include "draw_helpers.hpp"
#include "overlay.hpp"
#include "pantau/render/colours.hpp"
#include "party_display.hpp"

namespace pantau::viewer {

using namespace pantau::data;

void Overlay::drawLegend() {
  const float u = m_f.u;
  const bool parties =
      m_f.scene->layer().contest != Contest::Ppwp;  // many columns: the leading ones
  const bool winner = m_f.scene->layer().kind == LayerChoice::Winner;
  const std::vector<std::size_t> leading =
      parties && winner ? leadingColumns() : std::vector<std::size_t>{};
  // The DPR's legend lists the parties that lead somewhere on the map, two to a row.
  const std::size_t rows =
      parties ? (winner ? (leading.size() + 1) / 2 : 3) : m_f.s->candidateList().candidates.size();
  const float lw = 220 * u, lx = m_f.width - m_f.pad - lw;  // ramps; numbers sit left of them
  const float ly = m_f.height - m_f.pad - (34 * u) * static_cast<float>(rows + 2) - 20 * u;
  m_f.dl->AddRectFilled(ImVec2(lx - 46 * u, ly - 12 * u),
                        ImVec2(m_f.width - m_f.pad + 14 * u, m_f.height - m_f.pad + 6 * u),
                        IM_COL32(255, 255, 255, 225), 8 * u);
  if (winner && parties)
    drawPartyLegend(lx, ly, lw, leading);
  else if (winner)
    drawWinnerLegend(lx, ly, lw);
  else
    drawScaleLegend(lx, ly, lw);
}

void Overlay::drawWinnerLegend(float lx, float ly, float lw) {
  ImDrawList* dl = m_f.dl;
  const float u = m_f.u;
  const UiText& t = *m_f.t;
  const CandidateList& cands = m_f.s->candidateList();
  dl->AddText(m_fonts.bold, m_fonts.bold->FontSize, ImVec2(lx - 32 * u, ly),
              IM_COL32(20, 24, 33, 255), t.legendWinner);
  ly += 32 * u;
  for (const Candidate& cand : cands.candidates) {
    const std::size_t index = static_cast<std::size_t>(&cand - cands.candidates.data());
    const uint32_t hue =
        columnHue(*m_f.s, m_f.scene->layer().contest, index, m_f.scene->layer().colourBlindSafe);
    for (int i = 0; i < 6; ++i)
      dl->AddRectFilled(ImVec2(lx + lw * static_cast<float>(i) / 6.f, ly),
                        ImVec2(lx + lw * static_cast<float>(i + 1) / 6.f, ly + 20 * u),
                        toImColour(render::winnerColour(hue, 0.6 * i / 5.0, 1.0)));
    char number[8];
    std::snprintf(number, sizeof number, "%02u", cand.nomorUrut);
    dl->AddText(m_fonts.bold, m_fonts.bold->FontSize * 0.8f, ImVec2(lx - 30 * u, ly + 1 * u),
                IM_COL32(20, 24, 33, 255), number);
    ly += 34 * u;
  }
  drawLeadNote(lx, ly, lw);
}

void Overlay::drawLeadNote(float lx, float ly, float lw) {
  ImDrawList* dl = m_f.dl;
  const float u = m_f.u;
  const UiText& t = *m_f.t;
  const float small = m_fonts.body->FontSize * 0.8f;
  dl->AddText(m_fonts.body, small, ImVec2(lx, ly - 8 * u), IM_COL32(60, 66, 80, 255), t.narrowLead);
  const ImVec2 wide = m_fonts.body->CalcTextSizeA(small, 1e9f, 0, t.wideLead);
  dl->AddText(m_fonts.body, small, ImVec2(lx + lw - wide.x, ly - 8 * u), IM_COL32(60, 66, 80, 255),
              t.wideLead);
  drawNoDataSwatch(lx, ly + 20 * u);
}

std::vector<std::size_t> Overlay::leadingColumns() const {
  const Snapshot& s = *m_f.s;
  const RegionTree& tree = s.tree();
  const RegionId view = m_f.scene->view();
  const Level fill = m_f.scene->fillLevel();
  std::vector<uint8_t> leads(s.candidateCount(), 0);
  for (RegionId r = tree.levelBegin(fill); r < tree.levelEnd(fill); ++r) {
    RegionId up = r;
    while (up != kNoRegion && up != view) up = tree.parent(up);
    if (up != view || !s.status(r).has(RegionStatus::kReported)) continue;
    double lead = 0;
    const int w = render::winnerOf(s.votes(r), lead);
    if (w >= 0) leads[static_cast<std::size_t>(w)] = 1;
  }
  std::vector<std::size_t> out;  // by national votes, as the tallies
  for (std::size_t i = 0; i < leads.size(); ++i)
    if (leads[i]) out.push_back(i);
  const auto nation = s.ownVotes(kNation);
  std::stable_sort(out.begin(), out.end(),
                   [&](std::size_t a, std::size_t b) { return nation[a] > nation[b]; });
  return out;
}

void Overlay::drawPartyLegend(float lx, float ly, float lw,
                              const std::vector<std::size_t>& leading) {
  ImDrawList* dl = m_f.dl;
  const float u = m_f.u;
  const CandidateList& cands = m_f.s->candidateList();
  const Contest contest = m_f.scene->layer().contest;
  dl->AddText(m_fonts.bold, m_fonts.bold->FontSize, ImVec2(lx - 32 * u, ly),
              IM_COL32(20, 24, 33, 255),
              contest == Contest::Pdpr ? m_f.t->legendWinnerParty : m_f.t->legendWinner);
  ly += 36 * u;
  const float colW = (lw + 32 * u) / 2;
  for (std::size_t k = 0; k < leading.size(); ++k) {
    const std::size_t index = leading[k];
    const float x = lx - 32 * u + colW * static_cast<float>(k % 2),
                y = ly + 34 * u * static_cast<float>(k / 2);
    const uint32_t hue = columnHue(*m_f.s, contest, index, m_f.scene->layer().colourBlindSafe);
    for (int i = 0; i < 3; ++i)  // narrow to wide
      dl->AddRectFilled(ImVec2(x + 12 * u * static_cast<float>(i), y + 2 * u),
                        ImVec2(x + 12 * u * static_cast<float>(i + 1), y + 22 * u),
                        toImColour(render::winnerColour(hue, 0.6 * i / 2.0, 1.0)));
    const std::string name = columnLabel(cands.candidates[index], contest);
    dl->AddText(m_fonts.bold, m_fonts.bold->FontSize * 0.8f, ImVec2(x + 44 * u, y + 1 * u),
                IM_COL32(20, 24, 33, 255), name.c_str());
  }
  ly += 34 * u * static_cast<float>((leading.size() + 1) / 2) + 8 * u;
  drawLeadNote(lx, ly, lw);
}

namespace {

/// What a scale layer's legend says: its heading, a line under it, its ramp and the ramp's ends.
struct ScaleLegend {
  std::string heading, sub, lo = "0%", hi = "100%";
  uint32_t (*scale)(double) = render::sequentialColour;
  double from = 0;  ///< the ramp's left end in scale units (the change scale runs -1..1)
};

ScaleLegend scaleLegend(const Snapshot& s, const MapScene& scene, const UiText& t) {
  const LayerChoice& layer = scene.layer();
  auto ticket = [&](CandidateId id) {
    for (const Candidate& cand : s.candidateList().candidates)
      if (cand.id == id) return " " + columnLabel(cand, layer.contest);
    return std::string();
  };
  ScaleLegend l;
  switch (layer.kind) {
    case LayerChoice::Winner:
      break;
    case LayerChoice::Share:
      l.heading = (layer.contest == Contest::Pdpr   ? t.legendShareParty
                   : layer.contest == Contest::Pdpd ? t.legendShareDpd
                                                    : t.legendShare) +
                  ticket(layer.candidate);
      break;
    case LayerChoice::Progress:
      l.heading = t.legendProgress;
      break;
    case LayerChoice::Turnout:
      l.heading = t.legendTurnout;
      l.lo = formatPercent(100 * kTurnoutLow, t, 0);
      break;
    case LayerChoice::Race:  // deep where the fourth seat is close (the map's 1 - points / range)
      l.heading = t.legendRace;
      l.scale = render::alertColour;
      l.lo = t.raceDecided;
      l.hi = t.raceTight;
      break;
    case LayerChoice::Integrity:
      l.heading = t.legendIntegrity;
      l.scale = render::alertColour;
      l.lo = "0";
      l.hi = formatCount(static_cast<uint64_t>(kFlaggedPerThousandMax), t) + "+";
      break;
    case LayerChoice::Change: {
      const int c = changeCandidate(layer, s);
      l.heading = t.legendChange +
                  (c >= 0 ? ticket(s.candidates()[static_cast<std::size_t>(c)]) : std::string());
      const Snapshot* base = scene.baseline();
      l.sub = std::string(t.since) + " " +
              (base && base->status(kNation).sourceTs ? formatWib(base->status(kNation).sourceTs, t)
                                                      : "-");
      l.scale = render::divergingColour;
      l.from = -1;
      char buf[16];
      std::snprintf(buf, sizeof buf, "-%g pp", kChangeRangePoints);
      l.lo = buf;
      std::snprintf(buf, sizeof buf, "+%g pp", kChangeRangePoints);
      l.hi = buf;
      break;
    }
  }
  return l;
}

}  // namespace

void Overlay::drawScaleLegend(float lx, float ly, float lw) {
  ImDrawList* dl = m_f.dl;
  const float u = m_f.u;
  const ScaleLegend l = scaleLegend(*m_f.s, *m_f.scene, *m_f.t);
  dl->AddText(m_fonts.bold, m_fonts.bold->FontSize * 0.9f, ImVec2(lx - 32 * u, ly),
              IM_COL32(20, 24, 33, 255), l.heading.c_str());
  ly += 34 * u;
  const float small = m_fonts.body->FontSize * 0.8f;
  if (!l.sub.empty()) {
    dl->AddText(m_fonts.body, small, ImVec2(lx - 32 * u, ly - 6 * u), IM_COL32(60, 66, 80, 255),
                l.sub.c_str());
    ly += 24 * u;
  }
  for (int i = 0; i < 10; ++i)
    dl->AddRectFilled(ImVec2(lx + lw * static_cast<float>(i) / 10.f, ly),
                      ImVec2(lx + lw * static_cast<float>(i + 1) / 10.f, ly + 22 * u),
                      toImColour(l.scale(l.from + (1 - l.from) * (i + 0.5) / 10.0)));
  dl->AddText(m_fonts.body, small, ImVec2(lx, ly + 26 * u), IM_COL32(60, 66, 80, 255),
              l.lo.c_str());
  const ImVec2 hiSize = m_fonts.body->CalcTextSizeA(small, 1e9f, 0, l.hi.c_str());
  dl->AddText(m_fonts.body, small, ImVec2(lx + lw - hiSize.x, ly + 26 * u),
              IM_COL32(60, 66, 80, 255), l.hi.c_str());
  ly += 56 * u;
  if (m_f.scene->layer().kind == LayerChoice::Change) {  // regions with nothing to compare with
    dl->AddRectFilled(ImVec2(lx, ly), ImVec2(lx + 28 * u, ly + 20 * u),
                      IM_COL32(199, 199, 194, 255));
    dl->AddText(m_fonts.body, small, ImVec2(lx + 38 * u, ly + 1 * u), IM_COL32(60, 66, 80, 255),
                m_f.t->noBaseline);
    ly += 28 * u;
  }
  drawNoDataSwatch(lx, ly);
}

void Overlay::drawNoDataSwatch(float lx, float ly) {
  const float u = m_f.u;
  drawHatch(m_f.dl, ImVec2(lx, ly), ImVec2(lx + 28 * u, ly + 20 * u), u);
  m_f.dl->AddText(m_fonts.body, m_fonts.body->FontSize * 0.8f, ImVec2(lx + 38 * u, ly + 1 * u),
                  IM_COL32(60, 66, 80, 255), m_f.t->noData);
}

}  // namespace pantau::viewer
