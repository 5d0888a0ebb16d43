#pragma once
/// What to fetch, in the order it must be applied: a parent's document before its children's, so
/// that a child's own document lands on the row its parent gave it (design.md "The flow"). The
/// walks of the tree every reader needs are written here once: the sweep of the upper levels, a
/// region with its ancestors, a subtree level by level, every TPS under a region.
///
/// The candidate list is not part of a plan: every driver reads it first.
///
/// Threading: a plan is a value; build it on one thread, read it anywhere.

#include <cstdint>
#include <span>
#include <vector>

#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/source/document_step.hpp"

namespace pantau::data {

/// What a view needs beyond the sweep: regions' own documents (a district's villages' rows, a
/// village's TPS rows, a TPS's detail, kept whole for its photos) and every TPS document under
/// some regions (a village's TPS; the turnout and integrity layers). The live client and replay
/// take the same.
struct ViewNeeds {
  std::vector<RegionId> regions;
  std::vector<RegionId> tpsUnder;
  /// The TPS among `regions`: their documents are kept whole.
  bool keepsDetail(const RegionTree& tree, RegionId id) const;
  friend bool operator==(const ViewNeeds&, const ViewNeeds&) = default;
};

class FetchPlan {
 public:
  explicit FetchPlan(const RegionTree& tree) : m_tree(&tree) {}

  /// Every region from the nation down to `deepest`, level by level.
  void sweep(Level deepest);
  /// The region's ancestors not planned yet (nation first), then the region. With `root`: from
  /// root down, and nothing when the region is not in root's subtree.
  void region(RegionId id, RegionId root = kNoRegion);
  /// Everything under `root` (not root itself), level by level: aggregates down to `deepest`,
  /// and with `tps` every TPS too.
  void under(RegionId root, Level deepest, bool tps);
  /// Every TPS under `root` (root itself when it is one), and no aggregate.
  void tpsUnder(RegionId root) { tree().level(root) == Level::Tps ? add(root) : under(root, Level::Nation, true); }
  /// `root` with its ancestors, then its subtree (`under`).
  void subtree(RegionId root, Level deepest, bool tps) {
    region(root);
    under(root, deepest, tps);
  }
  /// `root` without its ancestors, then its subtree (`under`): a DPD province's own documents.
  void subtreeAlone(RegionId root, Level deepest) {
    if (root >= tree().size()) return;
    add(root);
    under(root, deepest, false);
  }
  /// A view's needs: each region with its ancestors, then the TPS under each. With `root` (a DPD
  /// province) only what lies in root's subtree, and no ancestor above root.
  void add(const ViewNeeds& needs, RegionId root = kNoRegion);

  /// The regions' count documents, in order, each once.
  std::span<const RegionId> regions() const { return m_order; }
  std::size_t size() const { return m_order.size(); }
  DocumentRef document(std::size_t i) const { return DocumentRef::counts(*m_tree, m_order[i]); }

 private:
  const RegionTree& tree() const { return *m_tree; }
  void add(RegionId id);
  /// `id` is root or under it (every region is within kNoRegion).
  bool within(RegionId id, RegionId root) const;

  const RegionTree* m_tree;
  std::vector<RegionId> m_order;
  std::vector<uint8_t> m_planned;  ///< per RegionId, once anything is planned
};

}  // namespace pantau::data
