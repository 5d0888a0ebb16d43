#include "navigation.hpp"

#include <algorithm>

namespace pantau::viewer {

using namespace pantau::data;

void Navigation::go(RegionId region) {
  if (region == m_current || region == kNoRegion) return;
  m_back.push_back(m_current);
  m_forward.clear();
  m_current = region;
}

bool Navigation::back() {
  if (m_back.empty()) return false;
  m_forward.push_back(m_current);
  m_current = m_back.back();
  m_back.pop_back();
  return true;
}

bool Navigation::forward() {
  if (m_forward.empty()) return false;
  m_back.push_back(m_current);
  m_current = m_forward.back();
  m_forward.pop_back();
  return true;
}

bool Navigation::up(const RegionTree& tree) {
  if (m_current == kNation) return false;
  go(tree.parent(m_current));
  return true;
}

std::vector<RegionId> Navigation::breadcrumb(const RegionTree& tree) const {
  std::vector<RegionId> path;
  for (RegionId r = m_current; r != kNoRegion; r = tree.parent(r)) path.push_back(r);
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace pantau::viewer
