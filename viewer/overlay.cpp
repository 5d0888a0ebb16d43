#include "overlay.hpp"

#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "draw_helpers.hpp"
#include "pantau/data/integrity/integrity.hpp"
#include "pantau/render/colours.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {

constexpr const char* kFontDir = "/usr/share/fonts/opentype/inter/";  // Debian's fonts-inter

ImFont* loadFont(const char* file, float size) {
  const std::string path = std::string(kFontDir) + file;
  if (!std::filesystem::exists(path)) return nullptr;
  // Latin-1 plus the few typographic marks the interface uses: – … › → ≠
  static const ImWchar kRanges[] = {0x0020, 0x00FF, 0x2013, 0x2013, 0x2026, 0x2026, 0x203A, 0x203A,
                                    0x2192, 0x2192, 0x2260, 0x2260, 0};
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), size, nullptr, kRanges);
}

}  // namespace

float overlayScale(int width, int height) {
  return std::max(0.6f, std::min(static_cast<float>(height) / 1080.f, static_cast<float>(width) / 1920.f));
}

RegionId Overlay::crumbAt(float px, float py) const {
  RegionId hit = kNoRegion;
  for (const CrumbHit& c : m_crumbs)
    if (px >= c.a.x && px <= c.b.x && py >= c.a.y && py <= c.b.y) hit = c.region;
  return hit;
}

Overlay::Overlay(float scale) : m_scale(scale) {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  // The panels sit on the broadcast's paper-white look: light widgets, soft corners, scaled.
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 8;
  style.FrameRounding = 4;
  style.WindowBorderSize = 0;
  style.Colors[ImGuiCol_WindowBg].w = 0.94f;
  style.ScaleAllSizes(scale);
  // Crisp at any size: rasterised at the display's scale, never scaled afterwards.
  m_body = loadFont("Inter-Regular.otf", 19 * scale);
  m_bold = loadFont("Inter-SemiBold.otf", 19 * scale);
  m_title = loadFont("Inter-Bold.otf", 42 * scale);
  m_label = loadFont("Inter-Medium.otf", 14 * scale);
  if (!m_body) {
    std::fprintf(stderr, "pantau: Inter not found under %s (apt-get install fonts-inter); using ImGui's font\n", kFontDir);
    m_body = m_bold = m_title = m_label = io.Fonts->AddFontDefault();
  }
  if (!m_bold) m_bold = m_body;
  if (!m_title) m_title = m_bold;
  if (!m_label) m_label = m_body;
  ImGui_ImplOpenGL3_Init("#version 330");
}

Overlay::~Overlay() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui::DestroyContext();
}

void Overlay::drawScaleLegend(ImDrawList* dl, const Snapshot& s, const MapScene& scene, const UiText& t, float lx, float ly,
                              float lw) const {
  const float u = m_scale;
  const LayerChoice& layer = scene.layer();
  const CandidateList& cands = s.candidateList();
  auto ticket = [&](CandidateId id) {
    for (const Candidate& cand : cands.candidates)
      if (cand.id == id) return std::string(" ") + (cand.nomorUrut < 10 ? "0" : "") + std::to_string(cand.nomorUrut);
    return std::string();
  };
  std::string heading, sub, lo = "0%", hi = "100%";
  uint32_t (*scale)(double) = render::sequentialColour;
  double from = 0;  // the ramp's left end in scale units (the change scale runs -1..1)
  switch (layer.kind) {
    case LayerChoice::Winner: break;
    case LayerChoice::Share: heading = t.legendShare + ticket(layer.candidate); break;
    case LayerChoice::Progress: heading = t.legendProgress; break;
    case LayerChoice::Turnout:
      heading = t.legendTurnout;
      lo = formatPercent(100 * kTurnoutLow, t, 0);
      break;
    case LayerChoice::Integrity:
      heading = t.legendIntegrity;
      scale = render::alertColour;
      lo = "0";
      hi = formatCount(static_cast<uint64_t>(kFlaggedPerThousandMax), t) + "+";
      break;
    case LayerChoice::Change: {
      const int c = changeCandidate(layer, s);
      heading = t.legendChange + (c >= 0 ? ticket(s.candidates()[static_cast<std::size_t>(c)]) : std::string());
      const Snapshot* base = scene.baseline();
      sub = std::string(t.since) + " " + (base && base->status(kNation).sourceTs ? formatWib(base->status(kNation).sourceTs, t) : "-");
      scale = render::divergingColour;
      from = -1;
      char buf[16];
      std::snprintf(buf, sizeof buf, "-%g pp", kChangeRangePoints);
      lo = buf;
      std::snprintf(buf, sizeof buf, "+%g pp", kChangeRangePoints);
      hi = buf;
      break;
    }
  }
  dl->AddText(m_bold, m_bold->FontSize * 0.9f, ImVec2(lx - 32 * u, ly), IM_COL32(20, 24, 33, 255), heading.c_str());
  ly += 34 * u;
  if (!sub.empty()) {
    dl->AddText(m_body, m_body->FontSize * 0.8f, ImVec2(lx - 32 * u, ly - 6 * u), IM_COL32(60, 66, 80, 255), sub.c_str());
    ly += 24 * u;
  }
  for (int i = 0; i < 10; ++i)
    dl->AddRectFilled(ImVec2(lx + lw * static_cast<float>(i) / 10.f, ly), ImVec2(lx + lw * static_cast<float>(i + 1) / 10.f, ly + 22 * u),
                      toImColour(scale(from + (1 - from) * (i + 0.5) / 10.0)));
  const float small = m_body->FontSize * 0.8f;
  dl->AddText(m_body, small, ImVec2(lx, ly + 26 * u), IM_COL32(60, 66, 80, 255), lo.c_str());
  const ImVec2 hiSize = m_body->CalcTextSizeA(small, 1e9f, 0, hi.c_str());
  dl->AddText(m_body, small, ImVec2(lx + lw - hiSize.x, ly + 26 * u), IM_COL32(60, 66, 80, 255), hi.c_str());
  ly += 56 * u;
  if (layer.kind == LayerChoice::Change) {  // regions with nothing to compare with
    dl->AddRectFilled(ImVec2(lx, ly), ImVec2(lx + 28 * u, ly + 20 * u), IM_COL32(199, 199, 194, 255));
    dl->AddText(m_body, small, ImVec2(lx + 38 * u, ly + 1 * u), IM_COL32(60, 66, 80, 255), t.noBaseline);
    ly += 28 * u;
  }
  drawNoDataSwatch(dl, t, lx, ly);
}

void Overlay::drawNoDataSwatch(ImDrawList* dl, const UiText& t, float lx, float ly) const {
  const float u = m_scale;
  drawHatch(dl, ImVec2(lx, ly), ImVec2(lx + 28 * u, ly + 20 * u), u);
  dl->AddText(m_body, m_body->FontSize * 0.8f, ImVec2(lx + 38 * u, ly + 1 * u), IM_COL32(60, 66, 80, 255), t.noData);
}

void Overlay::draw(const Snapshot& s, const MapScene& scene, int width, int height, const OverlayInfo& info, bool platformFrameStarted) {
  ImGuiIO& io = ImGui::GetIO();
  if (!platformFrameStarted) {
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DeltaTime = 1.f / 60.f;
  }
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  // The broadcast layer goes on the background list, under any window (search, table).
  drawContent(ImGui::GetBackgroundDrawList(), s, scene, width, height, info);
  if (info.widgets) info.widgets();
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Overlay::drawContent(ImDrawList* dl, const Snapshot& s, const MapScene& scene, int width, int height, const OverlayInfo& info) {
  const UiText& t = *info.text;
  const float u = m_scale;  // one unit at 1080p
  const RegionTree& tree = s.tree();
  const RegionId view = scene.view();

  // Region labels first, under the panels: largest regions first, skipped where they would overlap.
  std::vector<DrawnRegion> regions = scene.drawnRegions(width, height);
  std::sort(regions.begin(), regions.end(), [](const DrawnRegion& a, const DrawnRegion& b) { return a.widthPx * a.heightPx > b.widthPx * b.heightPx; });
  std::vector<ImVec4> placed;
  const float labelSize = m_label->FontSize;
  const data::IntegrityState* integrity = s.integrity();
  for (const DrawnRegion& d : regions) {
    std::string name(tree.name(d.region));
    ImVec2 size = m_label->CalcTextSizeA(labelSize, 1e9f, 0, name.c_str());
    if (size.x > d.widthPx * 1.3f || size.y > d.heightPx) continue;  // too small a region to name
    // A badge with the count of flagged TPS rides on the label (and needs room like it).
    const uint32_t flagged = integrity ? integrity->flaggedTps(d.region) : 0;
    const std::string badge = flagged ? formatCount(flagged, t) : std::string();
    const ImVec2 badgeText = m_label->CalcTextSizeA(labelSize * 0.85f, 1e9f, 0, badge.c_str());
    const float badgeW = flagged ? badgeText.x + 10 * m_scale : 0;
    size.x += flagged ? badgeW + 4 * m_scale : 0;
    const ImVec4 box(static_cast<float>(d.px) - size.x / 2 - 2, static_cast<float>(d.py) - size.y / 2 - 1,
                     static_cast<float>(d.px) + size.x / 2 + 2, static_cast<float>(d.py) + size.y / 2 + 1);
    if (box.x < 0 || box.y < 0 || box.z > static_cast<float>(width) || box.w > static_cast<float>(height)) continue;
    bool overlaps = false;
    for (const ImVec4& p : placed) overlaps |= !(box.z < p.x || box.x > p.z || box.w < p.y || box.y > p.w);
    if (overlaps) continue;
    placed.push_back(box);
    haloText(dl, m_label, labelSize, ImVec2(box.x + 2, box.y + 1), IM_COL32(25, 28, 36, 255), name.c_str());
    if (flagged) {
      const ImVec2 b0(box.z - 2 - badgeW, box.y + 1), b1(box.z - 2, box.w - 1);
      dl->AddRectFilled(b0, b1, IM_COL32(176, 30, 36, 255), (b1.y - b0.y) / 2);
      dl->AddText(m_label, labelSize * 0.85f, ImVec2(b0.x + 5 * m_scale, b0.y + (b1.y - b0.y - badgeText.y) / 2),
                  IM_COL32(255, 255, 255, 255), badge.c_str());
    }
  }

  // Title (top left).
  const float pad = 28 * u;
  const std::string title = view == kNation ? t.nationName : std::string(tree.name(view));
  haloText(dl, m_title, m_title->FontSize, ImVec2(pad, pad), IM_COL32(20, 24, 33, 255), title.c_str());
  // The breadcrumb (nation to the view's parent) under the title, or the race below the nation.
  m_crumbs.clear();
  if (view == kNation) {
    haloText(dl, m_body, m_body->FontSize, ImVec2(pad, pad + 50 * u), IM_COL32(60, 66, 80, 255), t.raceTitle);
  } else {
    float cx = pad;
    std::vector<RegionId> chain;
    for (RegionId r = tree.parent(view); r != kNoRegion; r = tree.parent(r)) chain.insert(chain.begin(), r);
    for (RegionId r : chain) {
      const std::string name = r == kNation ? std::string(t.nationName) : std::string(tree.name(r));
      const ImVec2 sz = m_body->CalcTextSizeA(m_body->FontSize, 1e9f, 0, name.c_str());
      haloText(dl, m_body, m_body->FontSize, ImVec2(cx, pad + 50 * u), IM_COL32(30, 80, 160, 255), name.c_str());
      m_crumbs.push_back({ImVec2(cx, pad + 50 * u), ImVec2(cx + sz.x, pad + 50 * u + sz.y), r});
      cx += sz.x;
      haloText(dl, m_body, m_body->FontSize, ImVec2(cx + 6 * u, pad + 50 * u), IM_COL32(120, 126, 140, 255), "\u203a");
      cx += 22 * u;
    }
    const std::string code(tree.code(view));
    haloText(dl, m_body, m_body->FontSize, ImVec2(cx, pad + 50 * u), IM_COL32(60, 66, 80, 255), code.c_str());
  }

  // Time and progress (top right).
  const RegionStatus& st = s.status(view);
  std::string when = std::string(t.dataAsOf) + " " + (st.sourceTs ? formatWib(st.sourceTs, t) : "-");
  const std::string progress = std::string(t.tpsIn) + " " + formatCount(st.progressReported, t) + " " + t.of + " " +
                               formatCount(st.progressTotal, t) + " (" +
                               formatPercent(st.progressTotal ? 100.0 * st.progressReported / st.progressTotal : 0, t) + ")";
  auto rightText = [&](ImFont* f, const std::string& text, float y, ImU32 c) {
    const ImVec2 sz = f->CalcTextSizeA(f->FontSize, 1e9f, 0, text.c_str());
    haloText(dl, f, f->FontSize, ImVec2(static_cast<float>(width) - pad - sz.x, y), c, text.c_str());
    return sz;
  };
  rightText(m_bold, when, pad, IM_COL32(20, 24, 33, 255));
  if (tree.level(view) != Level::Tps) rightText(m_body, progress, pad + 28 * u, IM_COL32(60, 66, 80, 255));
  // Staleness and the source's health: a number nobody can vouch for says so.
  {
    const SourceHealth& h = s.health();
    float hy = pad + 56 * u;
    const double ageMin = info.nowMs && st.confirmedAtMs ? static_cast<double>(info.nowMs - st.confirmedAtMs) / 60000.0 : 0;
    if (ageMin >= 2) {
      const std::string stale = std::string(t.staleFor) + " " + std::to_string(static_cast<int>(ageMin)) + " " + t.minutes;
      rightText(m_bold, stale, hy, IM_COL32(170, 30, 30, 255));
      hy += 26 * u;
    }
    const uint64_t answered = h.requests ? h.requests : 1;
    std::string health = std::string(t.sourceHealth) + ": " + formatCount(h.errors, t) + " " + t.errors + ", " +
                         formatPercent(100.0 * static_cast<double>(h.notModified) / static_cast<double>(answered), t, 0) + " " + t.unchanged;
    if (h.inBackoff) health += ", " + formatCount(h.inBackoff, t) + " " + t.inBackoff;
    rightText(m_body, health, hy, h.errors ? IM_COL32(170, 30, 30, 255) : IM_COL32(90, 96, 110, 255));
    hy += 24 * u;
    const std::size_t missing = scene.withoutPolygonInView();
    if (missing) rightText(m_body, formatCount(missing, t) + " " + t.noPolygon, hy, IM_COL32(90, 96, 110, 255));
  }
  if (info.simulated) {
    const ImVec2 sz = m_bold->CalcTextSizeA(m_bold->FontSize, 1e9f, 0, t.simulated);
    const ImVec2 at(pad, pad + 92 * u);
    dl->AddRectFilled(at, ImVec2(at.x + sz.x + 12 * u, at.y + sz.y + 6 * u), IM_COL32(180, 40, 40, 255), 4 * u);
    dl->AddText(m_bold, m_bold->FontSize, ImVec2(at.x + 6 * u, at.y + 3 * u), IM_COL32(255, 255, 255, 255), t.simulated);
  }

  if (!info.toast.empty()) {  // a confirmation (exports), bottom centre above the panels
    const ImVec2 ts = m_bold->CalcTextSizeA(m_bold->FontSize, 1e9f, 0, info.toast.c_str());
    const ImVec2 at((static_cast<float>(width) - ts.x) / 2, static_cast<float>(height) - 290 * u);
    dl->AddRectFilled(ImVec2(at.x - 14 * u, at.y - 8 * u), ImVec2(at.x + ts.x + 14 * u, at.y + ts.y + 8 * u), IM_COL32(20, 24, 33, 235), 6 * u);
    dl->AddText(m_bold, m_bold->FontSize, at, IM_COL32(255, 255, 255, 255), info.toast.c_str());
  }

  // Below the districts: tiles of the children, or the TPS view, where the map would be.
  const Fonts fonts{m_body, m_bold, m_title, m_label, m_scale};
  const float contentTop = pad + 130 * u;
  if (scene.mode() == MapScene::Mode::Tiles && info.tiles) {
    info.tiles->layout(tree, view, ImVec2(pad, contentTop),
                       ImVec2(static_cast<float>(width) - pad - info.rightReservePx, static_cast<float>(height) - 250 * u));
    info.tiles->draw(dl, fonts, s, scene.layer(), scene.baseline(), info.hover, t);
  }
  if (scene.mode() == MapScene::Mode::Tps && info.tps) {
    info.tps->draw(dl, fonts, s, t, ImVec2(pad, contentTop), ImVec2(static_cast<float>(width) - pad, static_cast<float>(height) - pad));
    return;
  }

  // Below ~800 px there is no room for panels that stay legible: title, time and labels only.
  if (static_cast<float>(width) < 800.f) {
    return;
  }

  // Tallies (bottom left): the view's own chart when read, else its row in the parent.
  const auto votes = st.has(RegionStatus::kHasOwn) ? s.ownVotes(view) : s.votes(view);
  uint64_t total = 0;
  for (uint32_t v : votes) total += v;
  const CandidateList& cands = s.candidateList();
  const float barW = 420 * u, rowH = 58 * u;
  float y = static_cast<float>(height) - pad - rowH * static_cast<float>(cands.candidates.size());
  dl->AddRectFilled(ImVec2(pad - 14 * u, y - 14 * u), ImVec2(pad + barW + 300 * u, static_cast<float>(height) - pad + 6 * u),
                    IM_COL32(255, 255, 255, 225), 8 * u);
  for (std::size_t c = 0; c < cands.candidates.size() && c < votes.size(); ++c) {
    const Candidate& cand = cands.candidates[c];
    const double share = total ? 100.0 * votes[c] / static_cast<double>(total) : 0;
    char number[8];
    std::snprintf(number, sizeof number, "%02u", cand.nomorUrut);
    dl->AddText(m_bold, m_bold->FontSize, ImVec2(pad, y), IM_COL32(20, 24, 33, 255), number);
    const std::string name = cand.nama.size() > 70 ? cand.nama.substr(0, 68) + "..." : cand.nama;
    dl->AddText(m_body, m_body->FontSize * 0.85f, ImVec2(pad + 34 * u, y + 2 * u), IM_COL32(40, 44, 56, 255), name.c_str());
    const float barY = y + 26 * u;
    dl->AddRectFilled(ImVec2(pad, barY), ImVec2(pad + barW, barY + 18 * u), IM_COL32(225, 225, 220, 255), 3 * u);
    const uint32_t hue = scene.layer().colourBlindSafe ? render::colourBlindSafeHex(c) : cand.rgb;
    dl->AddRectFilled(ImVec2(pad, barY), ImVec2(pad + barW * static_cast<float>(share / 100.0), barY + 18 * u),
                      toImColour(render::winnerColour(hue, 0.4, 1.0)), 3 * u);
    const std::string pct = formatPercent(share, t) + "  " + formatCount(votes[c], t);
    dl->AddText(m_bold, m_bold->FontSize, ImVec2(pad + barW + 14 * u, barY - 3 * u), IM_COL32(20, 24, 33, 255), pct.c_str());
    y += rowH;
  }

  // Legend (bottom right): each candidate's ramp from a narrow to a wide lead, and "no data".
  const float lw = 220 * u, lx = static_cast<float>(width) - pad - lw;  // ramps; numbers sit left of them
  float ly = static_cast<float>(height) - pad - (34 * u) * static_cast<float>(cands.candidates.size() + 2) - 20 * u;
  dl->AddRectFilled(ImVec2(lx - 46 * u, ly - 12 * u), ImVec2(static_cast<float>(width) - pad + 14 * u, static_cast<float>(height) - pad + 6 * u),
                    IM_COL32(255, 255, 255, 225), 8 * u);
  const LayerChoice& layer = scene.layer();
  if (layer.kind != LayerChoice::Winner) {
    drawScaleLegend(dl, s, scene, t, lx, ly, lw);
    return;
  }
  dl->AddText(m_bold, m_bold->FontSize, ImVec2(lx - 32 * u, ly), IM_COL32(20, 24, 33, 255), t.legendWinner);
  ly += 32 * u;
  for (const Candidate& cand : cands.candidates) {
    const uint32_t hue = layer.colourBlindSafe ? render::colourBlindSafeHex(static_cast<std::size_t>(&cand - cands.candidates.data())) : cand.rgb;
    for (int i = 0; i < 6; ++i)
      dl->AddRectFilled(ImVec2(lx + lw * static_cast<float>(i) / 6.f, ly), ImVec2(lx + lw * static_cast<float>(i + 1) / 6.f, ly + 20 * u),
                        toImColour(render::winnerColour(hue, 0.6 * i / 5.0, 1.0)));
    char number[8];
    std::snprintf(number, sizeof number, "%02u", cand.nomorUrut);
    dl->AddText(m_bold, m_bold->FontSize * 0.8f, ImVec2(lx - 30 * u, ly + 1 * u), IM_COL32(20, 24, 33, 255), number);
    ly += 34 * u;
  }
  dl->AddText(m_body, m_body->FontSize * 0.8f, ImVec2(lx, ly - 8 * u), IM_COL32(60, 66, 80, 255), t.narrowLead);
  const ImVec2 wide = m_body->CalcTextSizeA(m_body->FontSize * 0.8f, 1e9f, 0, t.wideLead);
  dl->AddText(m_body, m_body->FontSize * 0.8f, ImVec2(lx + lw - wide.x, ly - 8 * u), IM_COL32(60, 66, 80, 255), t.wideLead);
  ly += 20 * u;
  drawNoDataSwatch(dl, t, lx, ly);

}

}  // namespace pantau::viewer
