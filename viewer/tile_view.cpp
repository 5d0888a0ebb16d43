#include "tile_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "pantau/data/integrity/integrity.hpp"
#include "pantau/render/colours.hpp"

namespace pantau::viewer {

using namespace pantau::data;

void TileView::layout(const RegionTree& tree, RegionId parent, ImVec2 a, ImVec2 b) {
  m_tiles.clear();
  const auto kids = tree.children(parent);
  if (kids.empty()) return;
  const float w = b.x - a.x, h = b.y - a.y;
  // Columns so that tiles come out about 2:1 (room for a name and a figure), then capped in size.
  const double n = static_cast<double>(kids.size());
  int cols = std::max(1, static_cast<int>(std::ceil(std::sqrt(n * w / (2.0 * h)))));
  int rows = static_cast<int>(std::ceil(n / cols));
  const float gap = std::max(3.f, std::min(w, h) * 0.008f);
  // Tiles fill the width (a village with a handful of TPS gets big, legible tiles), at most half
  // of it for one or two children.
  const float tw = std::min((w - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols), w * 0.5f);
  const float th = std::min((h - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows), tw * 0.6f);
  for (std::size_t i = 0; i < kids.size(); ++i) {
    const int r = static_cast<int>(i) / cols, c = static_cast<int>(i) % cols;
    const ImVec2 ta(a.x + static_cast<float>(c) * (tw + gap), a.y + static_cast<float>(r) * (th + gap));
    m_tiles.push_back({kids[i], ta, ImVec2(ta.x + tw, ta.y + th)});
  }
}

RegionId TileView::pick(float x, float y) const {
  for (const Tile& t : m_tiles)
    if (x >= t.a.x && x <= t.b.x && y >= t.a.y && y <= t.b.y) return t.region;
  return kNoRegion;
}

std::string layerFigure(const LayerChoice& layer, const RegionShade& shade, const Snapshot& s, RegionId id, const UiText& t) {
  char buf[64];
  switch (layer.kind) {
    case LayerChoice::Winner: {
      if (shade.winner < 0) return t.noData;
      const auto v = s.tree().level(id) == Level::Tps && s.status(id).has(RegionStatus::kHasOwn) ? s.ownVotes(id) : s.votes(id);
      uint64_t total = 0;
      for (uint32_t x : v) total += x;
      const auto& cand = s.candidateList().candidates[static_cast<std::size_t>(shade.winner)];
      std::snprintf(buf, sizeof buf, "%02u  ", cand.nomorUrut);
      return buf + formatPercent(100.0 * v[static_cast<std::size_t>(shade.winner)] / static_cast<double>(std::max<uint64_t>(1, total)), t, 1);
    }
    case LayerChoice::Share:
    case LayerChoice::Progress:
    case LayerChoice::Turnout: return shade.hasValue ? formatPercent(100.0 * shade.value, t, 1) : t.noData;
    case LayerChoice::Change: {
      if (!shade.hasValue) return shade.colour ? t.noBaseline : t.noData;
      std::snprintf(buf, sizeof buf, "%+.1f pp", shade.value);
      std::string out = buf;
      for (char& c : out)
        if (c == '.') c = t.decimal;
      return out;
    }
    case LayerChoice::Integrity: {
      if (!shade.hasValue) return t.noData;
      if (s.tree().level(id) == Level::Tps) {  // a TPS: what is wrong with it, in words
        const IntegrityState* in = s.integrity();
        for (const Finding& x : in ? in->findingsFor(id) : std::span<const Finding>())
          if (x.severity() == Severity::Error) return t.checkWords[static_cast<std::size_t>(x.check)];
        return t.passed;
      }
      std::snprintf(buf, sizeof buf, "%.1f", shade.value);
      std::string out = buf;
      for (char& c : out)
        if (c == '.') c = t.decimal;
      return out + " " + t.perThousand;
    }
    case LayerChoice::Race: {  // the fourth seat's margin over the fifth
      if (!shade.hasValue) return t.noData;
      std::snprintf(buf, sizeof buf, "%.2f pp", shade.value);
      std::string out = buf;
      for (char& c : out)
        if (c == '.') c = t.decimal;
      return out;
    }
  }
  return {};
}

void TileView::draw(ImDrawList* dl, const Fonts& f, const Snapshot& s, const LayerChoice& layer, const Snapshot* baseline,
                    RegionId hover, const UiText& t) const {
  const float u = f.scale;
  const RegionTree& tree = s.tree();
  const IntegrityState* in = s.integrity();
  for (const Tile& tile : m_tiles) {
    // A TPS shows its own document's votes; the shade reads rows, so for TPS use a view of them.
    const RegionShade shade = regionShade(layer, s, baseline, tile.region);
    const float th = tile.b.y - tile.a.y, tw = tile.b.x - tile.a.x;
    if (shade.colour == render::kNoData) drawHatch(dl, tile.a, tile.b, u);
    else dl->AddRectFilled(tile.a, tile.b, toImColour(shade.colour), 4 * u);
    if (tile.region == hover) dl->AddRect(tile.a, tile.b, IM_COL32(20, 24, 33, 255), 4 * u, 0, 2.5f * u);
    const ImU32 ink = shade.colour == render::kNoData ? IM_COL32(20, 24, 33, 255) : textColourOn(shade.colour);
    // Text grows with the tile; above the bold font's size the title font (rasterised larger)
    // is used, so big tiles stay crisp.
    const float size = std::clamp(th * 0.17f, std::max(10.f * u, 9.f), f.title->FontSize * 0.75f);  // 9 px: the smallest legible
    ImFont* strong = size > f.bold->FontSize ? f.title : f.bold;
    ImFont* plain = size > f.body->FontSize ? f.bold : f.body;
    const float pad = std::min(8 * u, th * 0.08f);
    // Flags (TPS: its errors; a village: its flagged TPS) in a red badge, top right.
    uint32_t flagged = 0;
    if (in) {
      if (tree.level(tile.region) == Level::Tps) {
        for (const Finding& x : in->findingsFor(tile.region)) flagged += x.severity() == Severity::Error;
      } else {
        flagged = in->flaggedTps(tile.region);
      }
    }
    float badgeW = 0;
    if (flagged) {
      const std::string n = "! " + formatCount(flagged, t);
      const ImVec2 ts = f.bold->CalcTextSizeA(size * 0.85f, 1e9f, 0, n.c_str());
      badgeW = ts.x + 10 * u;
      const ImVec2 b0(tile.b.x - pad - badgeW, tile.a.y + pad), b1(tile.b.x - pad, tile.a.y + pad + ts.y + 4 * u);
      dl->AddRectFilled(b0, b1, IM_COL32(176, 30, 36, 255), (b1.y - b0.y) / 2);
      dl->AddText(f.bold, size * 0.85f, ImVec2(b0.x + 5 * u, b0.y + 2 * u), IM_COL32(255, 255, 255, 255), n.c_str());
    }
    const std::string name(tree.name(tile.region));
    clippedText(dl, strong, size, ImVec2(tile.a.x + pad, tile.a.y + pad), ink, name.c_str(), tw - 2 * pad - badgeW - 4 * u);
    if (th > 3.2f * size && size * 0.6f >= 10.f) {  // the code only where it stays legible
      const std::string code(tree.code(tile.region));
      dl->AddText(plain, size * 0.6f, ImVec2(tile.a.x + pad, tile.a.y + pad + size * 1.15f), ink, code.c_str());
    }
    const std::string fig = layerFigure(layer, shade, s, tile.region, t);
    if (th > 2.2f * size)
      clippedText(dl, plain, size, ImVec2(tile.a.x + pad, tile.b.y - pad - size), ink, fig.c_str(), tw - 2 * pad);
  }
}

}  // namespace pantau::viewer
