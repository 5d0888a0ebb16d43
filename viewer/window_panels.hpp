#pragma once
// The window's interactive panels (Dear ImGui windows over the broadcast layer): search by name or
// code while typing, the tallies table of the view's children (sortable, filterable, virtualised),
// and, on the integrity layer, the worst TPS under the view. Each returns where to go when a
// result, row or entry is clicked.
//
// Threading: the GL thread, inside the ImGui frame.

#include <memory>
#include <string>

#include "children_table.hpp"
#include "draw_helpers.hpp"
#include "map_scene.hpp"
#include "pantau/data/model/region_search.hpp"
#include "ui_text.hpp"

namespace pantau::viewer {

class WindowPanels {
 public:
  explicit WindowPanels(std::shared_ptr<const data::RegionTree> tree);
  /// Draws the panels; returns the region the user chose, or kNoRegion.
  data::RegionId draw(const data::Snapshot& s, const MapScene& scene, const UiText& t, const Fonts& f, int width, int height);
  void toggleTable() { m_showTable = !m_showTable; }
  /// Width the table takes on the right of the window, 0 when it is hidden.
  float tableWidth(const MapScene& scene, float scale, int width) const;
  void focusSearch() { m_focusSearch = true; }
  bool typing() const;  ///< a text field has the keyboard (keys are not shortcuts then)
  /// Last search's time, for the README's figure.
  double lastSearchMs() const { return m_lastSearchMs; }

 private:
  data::RegionId drawSearch(const data::Snapshot& s, const UiText& t, const Fonts& f, int width);
  data::RegionId drawTable(const data::Snapshot& s, const MapScene& scene, const UiText& t, const Fonts& f, int width, int height);
  void setUpTableColumns(const data::Snapshot& s, data::RegionId view, const UiText& t);
  bool drawTableRow(const ChildRow& r, int i, const data::RegionTree& tree, const UiText& t);
  data::RegionId drawWorst(const data::Snapshot& s, const MapScene& scene, const UiText& t, const Fonts& f, int height);

  std::shared_ptr<const data::RegionTree> m_tree;
  data::RegionSearch m_search;
  char m_query[128] = {};
  std::string m_searched;
  data::SearchResult m_results;
  double m_lastSearchMs = 0;
  bool m_focusSearch = false;
  bool m_showTable = false;
  ChildrenTable m_table;
  data::RegionId m_tableFor = data::kNoRegion;
  uint64_t m_tableVersion = 0;
  char m_filter[64] = {};
};

}  // namespace pantau::viewer
