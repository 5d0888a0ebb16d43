#include "pantau/data/archive/replay.hpp"

namespace pantau::data {

Replay::Replay(std::shared_ptr<const ArchiveReader> archive, std::shared_ptr<const RegionTree> tree, Level deepest)
    : m_archive(std::move(archive)), m_tree(std::move(tree)), m_deepest(deepest) {}

Result<std::shared_ptr<const Snapshot>> Replay::at(int64_t atMs) {
  // Nation down to the deepest swept level, then what the view needs: a parent before its
  // children, as the live client applies them.
  FetchPlan plan(*m_tree);
  plan.sweep(m_deepest);
  plan.add(m_needs);
  ReadOptions options;
  options.publishAtMs = atMs;
  options.versionAfter = m_version;
  for (RegionId r : m_needs.regions)
    if (m_needs.keepsDetail(*m_tree, r)) options.keepDetail.push_back(r);
  m_stats = {};
  auto source = makeArchiveSource(m_archive, atMs);
  auto snapshot = readOnce(*source, m_tree, plan, options, m_stats);
  if (!snapshot) {
    if (snapshot.error().code == ErrorCode::Missing) return Error{ErrorCode::Missing, "the archive has no candidate list at this moment"};
    return snapshot.error();
  }
  m_version = (*snapshot)->version();
  return snapshot;
}

}  // namespace pantau::data
