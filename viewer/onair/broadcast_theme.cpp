#include "broadcast_theme.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "pantau/render/colours.hpp"
#include "province_tiles.hpp"
#include "tile_view.hpp"

namespace pantau::viewer::onair {

using namespace pantau::data;

namespace {

// Broadcast colours: a deep navy for panels (white text at ~15:1), a signal red for breaking.
constexpr ImU32 kPanel = IM_COL32(16, 26, 46, 238);
constexpr ImU32 kPanelLine = IM_COL32(255, 196, 0, 255);
constexpr ImU32 kWhite = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kSoft = IM_COL32(196, 206, 224, 255);
constexpr ImU32 kRed = IM_COL32(196, 18, 36, 255);

ImVec2 textSize(ImFont* f, float size, const std::string& s) {
  return f->CalcTextSizeA(size, 1e9f, 0, s.c_str());
}

std::span<const uint32_t> votesOf(const Snapshot& s, RegionId id) {
  if (id == kNation || s.status(id).has(RegionStatus::kHasOwn)) return s.ownVotes(id);
  return s.votes(id);
}

std::string signedPoints(double v, const UiText& t) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.2f", v);
  std::string out = buf;
  for (char& c : out)
    if (c == '.') c = t.decimal;
  return out + " " + t.points;
}

struct Safe {
  float x0, y0, x1, y1, u;
};

/// Region name and caption, top left.
void drawHeader(ImDrawList* dl, const Fonts& F, const ThemeFrame& f, const Safe& g) {
  const UiText& t = *f.text;
  const RegionTree& tree = f.snapshot->tree();
  const RegionId view = f.item->region;
  const std::string title = view == kNation ? t.nationName : std::string(tree.name(view));
  const std::string sub = !f.item->caption.empty() ? f.item->caption : std::string(t.raceTitle);
  const float pad = 16 * g.u;
  const ImVec2 ts = textSize(F.title, F.title->FontSize, title),
               ss = textSize(F.body, F.body->FontSize, sub);
  const float w = std::min(g.x1 - g.x0 - 560 * g.u, std::max(ts.x, ss.x) + 2 * pad);
  const float h = ts.y + ss.y + 2 * pad + 4 * g.u;
  dl->AddRectFilled(ImVec2(g.x0, g.y0), ImVec2(g.x0 + w, g.y0 + h), kPanel, 6 * g.u);
  dl->AddRectFilled(ImVec2(g.x0, g.y0), ImVec2(g.x0 + 6 * g.u, g.y0 + h), kPanelLine, 6 * g.u,
                    ImDrawFlags_RoundCornersLeft);
  clippedText(dl, F.title, F.title->FontSize, ImVec2(g.x0 + pad, g.y0 + pad - 4 * g.u), kWhite,
              title.c_str(), w - 2 * pad);
  clippedText(dl, F.body, F.body->FontSize, ImVec2(g.x0 + pad, g.y0 + pad + ts.y), kSoft,
              sub.c_str(), w - 2 * pad);
}

/// Time of the data and the count, top right; the simulation badge under them.
void drawClock(ImDrawList* dl, const Fonts& F, const ThemeFrame& f, const Safe& g) {
  const UiText& t = *f.text;
  const Snapshot& s = *f.snapshot;
  const RegionStatus& st = s.status(f.item->region);
  const RegionStatus& nation = s.status(kNation);
  const int64_t ts = st.sourceTs ? st.sourceTs : nation.sourceTs;
  const std::string when = std::string(t.dataAsOf) + " " + (ts ? formatWib(ts, t) : "-");
  const RegionStatus& counted = st.progressTotal ? st : nation;
  const std::string count =
      std::string(t.tpsIn) + " " +
      formatPercent(
          counted.progressTotal ? 100.0 * counted.progressReported / counted.progressTotal : 0, t);
  const float pad = 14 * g.u;
  const ImVec2 a = textSize(F.bold, F.bold->FontSize, when),
               b = textSize(F.body, F.body->FontSize, count);
  const float w = std::max(a.x, b.x) + 2 * pad, h = a.y + b.y + 2 * pad;
  dl->AddRectFilled(ImVec2(g.x1 - w, g.y0), ImVec2(g.x1, g.y0 + h), kPanel, 6 * g.u);
  dl->AddText(F.bold, F.bold->FontSize, ImVec2(g.x1 - pad - a.x, g.y0 + pad), kWhite, when.c_str());
  dl->AddText(F.body, F.body->FontSize, ImVec2(g.x1 - pad - b.x, g.y0 + pad + a.y), kSoft,
              count.c_str());
  if (f.simulated) {
    const ImVec2 z = textSize(F.bold, F.bold->FontSize, t.simulated);
    const ImVec2 at(g.x1 - z.x - 2 * pad, g.y0 + h + 8 * g.u);
    dl->AddRectFilled(at, ImVec2(g.x1, at.y + z.y + 10 * g.u), kRed, 4 * g.u);
    dl->AddText(F.bold, F.bold->FontSize, ImVec2(at.x + pad, at.y + 5 * g.u), kWhite, t.simulated);
  }
}

/// The lower third: one column per ticket (number, name, share, votes) and the margin.
float drawLowerThird(ImDrawList* dl, const Fonts& F, const ThemeFrame& f, const Safe& g) {
  const UiText& t = *f.text;
  const Snapshot& s = *f.snapshot;
  const auto votes = votesOf(s, f.item->region);
  const CandidateList& cands = s.candidateList();
  uint64_t total = 0;
  for (uint32_t v : votes) total += v;
  const float h = 150 * g.u, top = g.y1 - h, pad = 16 * g.u;
  const float marginW = 300 * g.u;
  dl->AddRectFilled(ImVec2(g.x0, top), ImVec2(g.x1, g.y1), kPanel, 6 * g.u);
  const std::size_t n = std::min(cands.candidates.size(), votes.size());
  const float colW = (g.x1 - g.x0 - marginW) / static_cast<float>(std::max<std::size_t>(1, n));
  int leader = -1, second = -1;
  for (std::size_t c = 0; c < n; ++c) {
    if (leader < 0 || votes[c] > votes[leader])
      second = leader, leader = static_cast<int>(c);
    else if (second < 0 || votes[c] > votes[second])
      second = static_cast<int>(c);
  }
  for (std::size_t c = 0; c < n; ++c) {
    const Candidate& cand = cands.candidates[c];
    const float x = g.x0 + colW * static_cast<float>(c) + pad;
    const uint32_t hue =
        f.item->layerChoice.colourBlindSafe ? render::colourBlindSafeHex(c) : cand.rgb;
    const ImU32 colour = toImColour(render::winnerColour(hue, 0.4, 1.0));
    const double share = total ? 100.0 * votes[c] / static_cast<double>(total) : 0;
    dl->AddRectFilled(ImVec2(x, top + pad), ImVec2(x + 10 * g.u, g.y1 - pad), colour, 2 * g.u);
    char number[8];
    std::snprintf(number, sizeof number, "%02u", cand.nomorUrut);
    dl->AddText(F.bold, F.bold->FontSize, ImVec2(x + 22 * g.u, top + pad), kPanelLine, number);
    clippedText(dl, F.body, F.body->FontSize * 0.9f, ImVec2(x + 60 * g.u, top + pad + 1 * g.u),
                kSoft, candidateName(cand, t).c_str(), colW - 90 * g.u);
    const std::string pct = total ? formatPercent(share, t) : std::string(t.noData);
    dl->AddText(F.title, F.title->FontSize * 1.2f, ImVec2(x + 22 * g.u, top + 40 * g.u), kWhite,
                pct.c_str());
    const std::string count = formatCount(votes[c], t);
    dl->AddText(F.body, F.body->FontSize, ImVec2(x + 22 * g.u, g.y1 - pad - F.body->FontSize),
                kSoft, count.c_str());
  }
  // The margin: what a viewer asks first.
  const float mx = g.x1 - marginW + pad;
  dl->AddLine(ImVec2(mx - pad, top + pad), ImVec2(mx - pad, g.y1 - pad),
              IM_COL32(255, 255, 255, 60), 1.5f * g.u);
  dl->AddText(F.body, F.body->FontSize, ImVec2(mx, top + pad), kSoft, t.margin);
  if (leader >= 0 && second >= 0 && total) {
    const double m =
        100.0 * (static_cast<double>(votes[leader]) - votes[second]) / static_cast<double>(total);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.2f", m);
    std::string text = buf;
    for (char& c : text)
      if (c == '.') c = t.decimal;
    dl->AddText(F.title, F.title->FontSize * 1.2f, ImVec2(mx, top + 40 * g.u), kWhite,
                text.c_str());
    std::snprintf(buf, sizeof buf, "%02u ",
                  cands.candidates[static_cast<std::size_t>(leader)].nomorUrut);
    const std::string who = std::string(t.points) + " \u00b7 " + buf + t.leads;
    dl->AddText(F.body, F.body->FontSize, ImVec2(mx, g.y1 - pad - F.body->FontSize), kSoft,
                who.c_str());
  }
  return top;
}

void drawBreakingStrap(ImDrawList* dl, const Fonts& F, const ThemeFrame& f, const Safe& g,
                       float above) {
  const std::string name = f.item->region == kNation
                               ? std::string(f.text->nationName)
                               : std::string(f.snapshot->tree().name(f.item->region));
  const std::string text = std::string(f.text->leadChanged) + "  \u00b7  " + name;
  const float h = 56 * g.u, y = above - h - 10 * g.u;
  const ImVec2 sz = textSize(F.title, F.title->FontSize * 0.8f, text);
  dl->AddRectFilled(ImVec2(g.x0, y), ImVec2(std::min(g.x1, g.x0 + sz.x + 40 * g.u), y + h), kRed,
                    4 * g.u);
  dl->AddText(F.title, F.title->FontSize * 0.8f, ImVec2(g.x0 + 20 * g.u, y + (h - sz.y) / 2),
              kWhite, text.c_str());
}

/// "What moved": the national margin before and after the last regeneration, the votes it
/// added, and the regions that moved the margin most.
void drawWhatMoved(ImDrawList* dl, const Fonts& F, const ThemeFrame& f, const Safe& g,
                   float above) {
  const UiText& t = *f.text;
  const float w = 620 * g.u, x0 = g.x1 - w, top = g.y0 + 150 * g.u, bottom = above - 16 * g.u,
              pad = 18 * g.u;
  dl->AddRectFilled(ImVec2(x0, top), ImVec2(g.x1, bottom), kPanel, 6 * g.u);
  float y = top + pad;
  clippedText(dl, F.bold, F.bold->FontSize, ImVec2(x0 + pad, y), kPanelLine, t.whatMoved,
              w - 2 * pad);
  y += 36 * g.u;
  if (!f.moved || f.moved->leader < 0) {
    dl->AddText(F.body, F.body->FontSize, ImVec2(x0 + pad, y), kSoft, t.noData);
    return;
  }
  const WhatMoved& m = *f.moved;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f \u2192 %.2f", m.marginBefore, m.marginAfter);
  std::string line = std::string(t.margin) + " " + buf + " " + t.points;
  for (char& c : line)
    if (c == '.') c = t.decimal;
  clippedText(dl, F.body, F.body->FontSize, ImVec2(x0 + pad, y), kWhite, line.c_str(), w - 2 * pad);
  y += 30 * g.u;
  const std::string added =
      "+" + formatCount(static_cast<uint64_t>(std::max<int64_t>(0, m.addedVotes)), t) + " " +
      t.addedVotes;
  dl->AddText(F.body, F.body->FontSize, ImVec2(x0 + pad, y), kSoft, added.c_str());
  y += 44 * g.u;
  const RegionTree& tree = f.snapshot->tree();
  double most = 1e-9;
  for (const Mover& r : m.regions) most = std::max(most, std::abs(r.marginPoints));
  const float rowH = 38 * g.u, barMax = 150 * g.u, barX = g.x1 - pad - barMax;
  for (const Mover& r : m.regions) {
    if (y + rowH > bottom - pad) break;
    const std::string name(tree.name(r.region));
    clippedText(dl, F.body, F.body->FontSize * 0.9f, ImVec2(x0 + pad, y), kWhite, name.c_str(),
                230 * g.u);
    const std::string votes =
        "+" + formatCount(static_cast<uint64_t>(std::max<int64_t>(0, r.addedVotes)), t);
    dl->AddText(F.body, F.body->FontSize * 0.9f, ImVec2(x0 + pad + 240 * g.u, y), kSoft,
                votes.c_str());
    const float len = static_cast<float>(std::abs(r.marginPoints) / most) * barMax;
    const ImU32 c = r.marginPoints >= 0 ? IM_COL32(90, 170, 255, 255) : IM_COL32(255, 120, 90, 255);
    dl->AddRectFilled(ImVec2(barX, y + 4 * g.u),
                      ImVec2(barX + std::max(2 * g.u, len), y + rowH - 14 * g.u), c, 2 * g.u);
    const std::string pts = signedPoints(r.marginPoints, t);
    const ImVec2 ps = textSize(F.label, F.label->FontSize, pts);
    dl->AddText(F.label, F.label->FontSize, ImVec2(barX - ps.x - 8 * g.u, y + 3 * g.u), kSoft,
                pts.c_str());
    y += rowH;
  }
}

void drawSafeGuides(ImDrawList* dl, const ThemeFrame& f, float u) {
  const float w = static_cast<float>(f.width), h = static_cast<float>(f.height);
  dl->AddRect(ImVec2(w * kActionSafe, h * kActionSafe),
              ImVec2(w * (1 - kActionSafe), h * (1 - kActionSafe)), IM_COL32(0, 220, 255, 255), 0,
              0, 2 * u);
  dl->AddRect(ImVec2(w * kGraphicsSafe, h * kGraphicsSafe),
              ImVec2(w * (1 - kGraphicsSafe), h * (1 - kGraphicsSafe)), IM_COL32(255, 220, 0, 255),
              0, 0, 2 * u);
  dl->AddLine(ImVec2(w / 2 - 20 * u, h / 2), ImVec2(w / 2 + 20 * u, h / 2),
              IM_COL32(255, 220, 0, 255), 2 * u);
  dl->AddLine(ImVec2(w / 2, h / 2 - 20 * u), ImVec2(w / 2, h / 2 + 20 * u),
              IM_COL32(255, 220, 0, 255), 2 * u);
}

}  // namespace

void drawProvinceTiles(ImDrawList* dl, const Fonts& F, const Snapshot& s, const LayerChoice& layer,
                       const UiText& t, ImVec2 a, ImVec2 b) {
  const RegionTree& tree = s.tree();
  const float gap = 6 * F.scale;
  const float cell = std::min((b.x - a.x) / kTileColumns, (b.y - a.y) / kTileRows);
  const float x0 = a.x + ((b.x - a.x) - cell * kTileColumns) / 2,
              y0 = a.y + ((b.y - a.y) - cell * kTileRows) / 2;
  for (const ProvinceTile& p : provinceTiles()) {
    const RegionId id = tree.find(p.code);
    if (id == kNoRegion) continue;
    const ImVec2 ta(x0 + cell * static_cast<float>(p.col) + gap / 2,
                    y0 + cell * static_cast<float>(p.row) + gap / 2);
    const ImVec2 tb(ta.x + cell - gap, ta.y + cell - gap);
    const RegionShade shade = regionShade(layer, s, nullptr, id);
    if (shade.colour)
      dl->AddRectFilled(ta, tb, toImColour(shade.colour), 4 * F.scale);
    else
      drawHatch(dl, ta, tb, F.scale);
    const ImU32 ink = shade.colour ? textColourOn(shade.colour) : IM_COL32(40, 44, 56, 255);
    const std::string label = p.code == "99" ? std::string(t.luarNegeri) : std::string(p.label);
    const float size = std::min(F.bold->FontSize, cell * 0.2f);
    clippedText(dl, F.bold, size, ImVec2(ta.x + 6 * F.scale, ta.y + 5 * F.scale), ink,
                label.c_str(), cell - gap - 10 * F.scale);
    const std::string fig = layerFigure(layer, shade, s, id, t);
    clippedText(dl, F.body, size * 0.9f, ImVec2(ta.x + 6 * F.scale, tb.y - size - 6 * F.scale), ink,
                fig.c_str(), cell - gap - 10 * F.scale);
  }
}

void drawBroadcast(ImDrawList* dl, const Fonts& fonts, const ThemeFrame& f) {
  const float w = static_cast<float>(f.width), h = static_cast<float>(f.height);
  const Safe g{w * kGraphicsSafe, h * kGraphicsSafe, w * (1 - kGraphicsSafe),
               h * (1 - kGraphicsSafe), fonts.scale};
  if (f.tiles) {
    // Between the header and the lower third, left of nothing: the whole width for the grid.
    const float top = g.y0 + 130 * g.u, bottom = g.y1 - 150 * g.u - 20 * g.u;
    drawProvinceTiles(dl, fonts, *f.snapshot, f.item->layerChoice, *f.text, ImVec2(g.x0, top),
                      ImVec2(g.x1, bottom - 30 * g.u));
    const ImVec2 ns = textSize(fonts.body, fonts.body->FontSize * 0.85f, f.text->tileMapNote);
    haloText(dl, fonts.body, fonts.body->FontSize * 0.85f, ImVec2(g.x1 - ns.x, bottom - ns.y),
             IM_COL32(40, 44, 56, 255), f.text->tileMapNote);
  }
  drawHeader(dl, fonts, f, g);
  drawClock(dl, fonts, f, g);
  const float lowerTop = drawLowerThird(dl, fonts, f, g);
  if (f.item->panel == Panel::Moved)
    drawWhatMoved(dl, fonts, f, g, f.breaking ? lowerTop - 76 * g.u : lowerTop);
  if (f.breaking) drawBreakingStrap(dl, fonts, f, g, lowerTop);
  if (f.safeArea) drawSafeGuides(dl, f, g.u);
}

}  // namespace pantau::viewer::onair
