#include "window_panels.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "pantau/data/integrity/integrity.hpp"

namespace pantau::viewer {

using namespace pantau::data;

WindowPanels::WindowPanels(std::shared_ptr<const RegionTree> tree) : m_tree(tree), m_search(std::move(tree)) {}

bool WindowPanels::typing() const { return ImGui::GetIO().WantTextInput; }

float WindowPanels::tableWidth(const MapScene& scene, float u, int width) const {
  if (!m_showTable && scene.mode() != MapScene::Mode::Tiles) return 0;
  return std::min(static_cast<float>(width) * 0.5f, 980 * u) + 20 * u;
}

RegionId WindowPanels::draw(const Snapshot& s, const MapScene& scene, const UiText& t, const Fonts& f, int width, int height) {
  RegionId go = drawSearch(s, t, f, width);
  if (m_showTable || scene.mode() == MapScene::Mode::Tiles) {
    const RegionId row = drawTable(s, scene, t, f, width, height);
    if (go == kNoRegion) go = row;
  }
  if (scene.layer().kind == LayerChoice::Integrity && scene.mode() == MapScene::Mode::Map) {
    const RegionId worst = drawWorst(s, scene, t, f, height);
    if (go == kNoRegion) go = worst;
  }
  return go;
}

RegionId WindowPanels::drawSearch(const Snapshot& s, const UiText& t, const Fonts& f, int width) {
  const RegionTree& tree = s.tree();
  const float u = f.scale, w = 520 * u;
  ImGui::SetNextWindowPos(ImVec2((static_cast<float>(width) - w) / 2, 24 * u));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  ImGui::Begin("##search", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushFont(f.body);
  ImGui::SetNextItemWidth(-1);
  if (m_focusSearch) ImGui::SetKeyboardFocusHere(), m_focusSearch = false;
  const bool enter = ImGui::InputTextWithHint("##q", t.searchHint, m_query, sizeof m_query, ImGuiInputTextFlags_EnterReturnsTrue);
  RegionId go = kNoRegion;
  if (m_searched != m_query) {  // results while typing
    const auto t0 = std::chrono::steady_clock::now();
    m_results = m_search.search(m_query, 12);
    m_lastSearchMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    m_searched = m_query;
  }
  if (m_query[0]) {
    for (const SearchHit& h : m_results.hits) {
      // The name, then where it is: a TPS or village name alone says little.
      std::string label = std::string(tree.name(h.region)) + "  (" + std::string(tree.code(h.region)) + ")";
      const RegionId parent = tree.parent(h.region);
      if (parent != kNoRegion && parent != kNation) label += "  \u2013  " + tree.path(parent);
      if (label.size() > 110) label = label.substr(0, 107) + "...";
      if (ImGui::Selectable(label.c_str())) go = h.region;
    }
    if (m_results.total > m_results.hits.size())
      ImGui::TextDisabled("%s %s", formatCount(m_results.total - m_results.hits.size(), t).c_str(), t.moreResults);
    if (enter && !m_results.hits.empty()) go = m_results.hits.front().region;
  }
  if (go != kNoRegion) {
    m_query[0] = 0;
    ImGui::SetWindowFocus(nullptr);  // the keyboard goes back to the map (shortcuts work again)
  }
  ImGui::PopFont();
  ImGui::End();
  return go;
}

RegionId WindowPanels::drawTable(const Snapshot& s, const MapScene& scene, const UiText& t, const Fonts& f, int width, int height) {
  const RegionTree& tree = s.tree();
  const RegionId view = scene.view();
  if (view != m_tableFor || s.version() != m_tableVersion) {
    m_table.build(s, view);
    m_tableFor = view;
    m_tableVersion = s.version();
  }
  const float u = f.scale, w = tableWidth(scene, u, width) - 20 * u;
  ImGui::SetNextWindowPos(ImVec2(static_cast<float>(width) - w - 20 * u, 140 * u), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w, static_cast<float>(height) - 420 * u), ImGuiCond_Always);
  ImGui::Begin("##table", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
  ImGui::PushFont(f.body);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##filter", t.filterHint, m_filter, sizeof m_filter)) m_table.filter(m_filter);
  RegionId go = kNoRegion;
  const int cols = static_cast<int>(m_table.columnCount());
  if (ImGui::BeginTable("children", cols, ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                              ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable)) {
    setUpTableColumns(s, view, t);
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* spec = ImGui::TableGetSortSpecs(); spec && spec->SpecsDirty && spec->SpecsCount > 0) {
      m_table.sort(static_cast<std::size_t>(spec->Specs[0].ColumnIndex), spec->Specs[0].SortDirection == ImGuiSortDirection_Ascending);
      spec->SpecsDirty = false;
    }
    // Only the rows on screen are laid out: smooth at thousands of rows.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(m_table.visible().size()));
    while (clipper.Step())
      for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
        const ChildRow& r = m_table.visibleRow(static_cast<std::size_t>(i));
        if (drawTableRow(r, i, tree, t)) go = r.region;
      }
    ImGui::EndTable();
  }
  ImGui::PopFont();
  ImGui::End();
  return go;
}

/// The columns: fixed widths from the font (measuring content would cost every row every frame);
/// the name takes what is left, at least 16 characters, and the table scrolls sideways when narrow.
void WindowPanels::setUpTableColumns(const Snapshot& s, RegionId view, const UiText& t) {
  const RegionTree& tree = s.tree();
  const std::size_t k = m_table.candidateCount();
  const int cols = static_cast<int>(m_table.columnCount());
  ImGui::TableSetupScrollFreeze(1, 1);
  const float digit = ImGui::CalcTextSize("0").x, pad = ImGui::GetStyle().CellPadding.x * 2;
  const auto& cands = s.candidateList().candidates;
  std::vector<std::string> heads;
  for (std::size_t c = 0; c < k; ++c) heads.push_back((cands[c].nomorUrut < 10 ? "0" : "") + std::to_string(cands[c].nomorUrut));
  const bool big = tree.level(view) <= Level::Province;  // national and provincial counts run to 8 digits
  const Level childLevel = tree.level(view) == Level::Tps ? Level::Tps : static_cast<Level>(static_cast<int>(tree.level(view)) + 1);
  const float codeW = digit * static_cast<float>(codeLength(childLevel) + 1), votesW = digit * (big ? 10.5f : 6), shareW = digit * 6.5f;
  auto headW = [&](const char* h) { return ImGui::CalcTextSize(h).x + digit * 1.5f; };
  const float others = codeW + static_cast<float>(k) * (votesW + shareW) + headW(t.tableProgress) + headW(t.tableTurnout) +
                       headW(t.tableFlags) + pad * static_cast<float>(cols);
  const float nameW = std::max(digit * 16, ImGui::GetContentRegionAvail().x - others - ImGui::GetStyle().ScrollbarSize);
  const ImGuiTableColumnFlags fixed = ImGuiTableColumnFlags_WidthFixed, num = fixed | ImGuiTableColumnFlags_PreferSortDescending;
  ImGui::TableSetupColumn(t.tableName, fixed, nameW);
  ImGui::TableSetupColumn(t.tableCode, fixed | ImGuiTableColumnFlags_DefaultSort, codeW);
  for (std::size_t c = 0; c < k; ++c) ImGui::TableSetupColumn(heads[c].c_str(), num, votesW);
  for (std::size_t c = 0; c < k; ++c) ImGui::TableSetupColumn((heads[c] + " %").c_str(), num, shareW);
  ImGui::TableSetupColumn(t.tableProgress, num, headW(t.tableProgress));
  ImGui::TableSetupColumn(t.tableTurnout, num, headW(t.tableTurnout));
  ImGui::TableSetupColumn(t.tableFlags, num, headW(t.tableFlags));
}

/// One child's row; true when its name was clicked.
bool WindowPanels::drawTableRow(const ChildRow& r, int i, const RegionTree& tree, const UiText& t) {
  const std::size_t k = m_table.candidateCount();
  bool clicked = false;
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(i);
  if (ImGui::Selectable(std::string(tree.name(r.region)).c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) clicked = true;
  ImGui::PopID();
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(std::string(tree.code(r.region)).c_str());
  for (std::size_t c = 0; c < k; ++c) {
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.reported ? formatCount(r.votes[c], t).c_str() : "-");
  }
  for (std::size_t c = 0; c < k; ++c) {
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(r.reported ? formatPercent(100 * r.share(c), t).c_str() : "-");
  }
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(r.progress < 0 ? "-" : formatPercent(100 * r.progress, t, 1).c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(r.turnout < 0 ? "-" : formatPercent(100 * r.turnout, t, 1).c_str());
  ImGui::TableNextColumn();
  if (r.flagged) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.12f, 1), "%s", formatCount(r.flagged, t).c_str());
  else if (r.warnings) ImGui::TextColored(ImVec4(0.8f, 0.55f, 0.05f, 1), "(%u)", r.warnings);
  else ImGui::TextDisabled("0");
  return clicked;
}

RegionId WindowPanels::drawWorst(const Snapshot& s, const MapScene& scene, const UiText& t, const Fonts& f, int height) {
  const IntegrityState* in = s.integrity();
  if (!in) return kNoRegion;
  const RegionTree& tree = s.tree();
  std::vector<RegionId> under;  // the worst TPS under the view, worst first
  for (RegionId tps : in->worstTps()) {
    RegionId p = tps;
    while (p != kNoRegion && p != scene.view()) p = tree.parent(p);
    if (p != kNoRegion) under.push_back(tps);
    if (under.size() == 20) break;
  }
  if (under.empty()) return kNoRegion;
  const float u = f.scale;
  ImGui::SetNextWindowPos(ImVec2(20 * u, 170 * u), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(600 * u, 0), ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(1e9f, static_cast<float>(height) * 0.45f));
  ImGui::Begin("##worst", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushFont(f.bold);
  ImGui::TextUnformatted(t.worstTitle);
  ImGui::PopFont();
  ImGui::PushFont(f.body);
  RegionId go = kNoRegion;
  for (RegionId tps : under) {
    const char* what = "";  // its first error in words (warnings rank below any error)
    for (const Finding& x : in->findingsFor(tps))
      if (!*what || x.severity() == Severity::Error) {
        what = t.checkWords[static_cast<std::size_t>(x.check)];
        if (x.severity() == Severity::Error) break;
      }
    std::string label = std::string(tree.code(tps)) + "  " + std::string(tree.name(tps)) + ", " +
                        std::string(tree.name(tree.parent(tps))) + "  \u2013  " + what;
    if (label.size() > 100) label = label.substr(0, 97) + "...";
    if (ImGui::Selectable(label.c_str())) go = tps;
  }
  ImGui::PopFont();
  ImGui::End();
  return go;
}

}  // namespace pantau::viewer
