#include "pantau/data/source/fetch_plan.hpp"

#include <algorithm>

namespace pantau::data {

bool ViewNeeds::keepsDetail(const RegionTree& tree, RegionId id) const {
  return tree.level(id) == Level::Tps && std::find(regions.begin(), regions.end(), id) != regions.end();
}

void FetchPlan::add(RegionId id) {
  if (m_planned.empty()) m_planned.assign(tree().size(), 0);
  if (m_planned[id]) return;
  m_planned[id] = 1;
  m_order.push_back(id);
}

void FetchPlan::sweep(Level deepest) {
  for (RegionId id = 0; id < tree().levelEnd(deepest); ++id) add(id);
}

void FetchPlan::region(RegionId id, RegionId root) {
  if (id >= tree().size() || !within(id, root)) return;
  std::vector<RegionId> chain;
  for (RegionId p = id; p != kNoRegion; p = tree().parent(p)) {
    chain.push_back(p);
    if (p == root) break;
  }
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) add(*it);
}

void FetchPlan::under(RegionId root, Level deepest, bool tps) {
  if (root >= tree().size()) return;
  const RegionTree& t = tree();
  std::vector<RegionId> level(t.children(root).begin(), t.children(root).end()), next;
  while (!level.empty()) {
    next.clear();
    for (RegionId id : level) {
      const bool isTps = t.level(id) == Level::Tps;
      if (isTps ? tps : t.level(id) <= deepest) add(id);
      if (!isTps && (t.level(id) < deepest || tps))
        for (RegionId c : t.children(id)) next.push_back(c);
    }
    std::swap(level, next);
  }
}

void FetchPlan::add(const ViewNeeds& needs, RegionId root) {
  for (RegionId r : needs.regions) region(r, root);
  for (RegionId r : needs.tpsUnder)
    if (within(r, root)) tpsUnder(r);
}

bool FetchPlan::within(RegionId id, RegionId root) const {
  if (root == kNoRegion) return true;
  while (id != kNoRegion && id != root) id = tree().parent(id);
  return id == root;
}

}  // namespace pantau::data
