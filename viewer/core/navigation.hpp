#pragma once
// Where the viewer is in the tree, and how it got there: back and forward like a browser, up one
// level, and the breadcrumb from the nation down. Pure state (no GL, no ImGui): tested as values.

#include <vector>

#include "pantau/data/model/region_tree.hpp"

namespace pantau::viewer {

class Navigation {
 public:
  explicit Navigation(data::RegionId start = data::kNation) : m_current(start) {}
  data::RegionId current() const { return m_current; }
  /// Goes to a region (not the current one): it can be come back from; forward is forgotten.
  void go(data::RegionId region);
  bool canBack() const { return !m_back.empty(); }
  bool canForward() const { return !m_forward.empty(); }
  bool back();
  bool forward();
  /// To the parent (as a new step, so Back returns); false at the nation.
  bool up(const data::RegionTree& tree);
  /// Nation first, the current region last.
  std::vector<data::RegionId> breadcrumb(const data::RegionTree& tree) const;

 private:
  data::RegionId m_current;
  std::vector<data::RegionId> m_back, m_forward;
};

}  // namespace pantau::viewer
