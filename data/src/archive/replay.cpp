#include "pantau/data/archive/replay.hpp"

#include <algorithm>

#include "pantau/data/sirekap/sirekap_parser.hpp"

namespace pantau::data {

Replay::Replay(std::shared_ptr<const ArchiveReader> archive, std::shared_ptr<const RegionTree> tree, Level deepest)
    : m_archive(std::move(archive)), m_tree(std::move(tree)), m_deepest(deepest) {}

void Replay::want(RegionId region) {
  if (region < m_tree->size() && std::find(m_wanted.begin(), m_wanted.end(), region) == m_wanted.end()) m_wanted.push_back(region);
}

void Replay::wantTpsUnder(RegionId region) {
  if (region < m_tree->size() && std::find(m_tpsUnder.begin(), m_tpsUnder.end(), region) == m_tpsUnder.end()) m_tpsUnder.push_back(region);
}

Result<std::shared_ptr<const Snapshot>> Replay::at(int64_t atMs) {
  const RegionTree& t = *m_tree;
  SirekapParser parser;
  auto candidatesVersion = m_archive->find(kCandidatesPath, atMs);
  if (!candidatesVersion) return Error{ErrorCode::Missing, "the archive has no candidate list at this moment"};
  auto candidatesBody = m_archive->read(*candidatesVersion);
  if (!candidatesBody) return candidatesBody.error();
  CandidateList candidates;
  if (Status s = parser.parseCandidates(std::string_view(*candidatesBody), candidates); !s) return s.error();
  SnapshotBuilder builder(m_tree, candidates);

  // Nation down to the deepest swept level, then what was asked for: a parent before its children,
  // as the live client applies them.
  std::vector<RegionId> ids;
  for (RegionId id = 0; id < t.levelEnd(m_deepest); ++id) ids.push_back(id);
  for (RegionId w : m_wanted) {
    std::vector<RegionId> chain;
    for (RegionId p = w; p != kNoRegion && t.level(p) > m_deepest; p = t.parent(p)) chain.insert(chain.begin(), p);
    ids.insert(ids.end(), chain.begin(), chain.end());
    if (t.level(w) == Level::Village)
      for (RegionId c : t.children(w)) ids.push_back(c);
  }
  for (RegionId root : m_tpsUnder) {
    std::vector<RegionId> stack{root};
    while (!stack.empty()) {
      const RegionId r = stack.back();
      stack.pop_back();
      if (t.level(r) == Level::Tps) ids.push_back(r);
      else for (RegionId c : t.children(r)) stack.push_back(c);
    }
  }
  m_applied = m_failed = 0;
  Aggregate agg;
  TpsDetail tps;
  for (RegionId id : ids) {
    const std::string path = countsPath(t, id);
    if (!m_archive->find(path, atMs)) continue;
    // The newest record that parses: a malformed one falls back to the one before (issue 15).
    const bool isTps = t.level(id) == Level::Tps;
    ArchiveReader::Version v;
    auto body = m_archive->readUsable(path, atMs, [&](const std::string& b) { return isTps ? parser.parseTps(b, tps) : parser.parseAggregate(b, agg); }, &v);
    Status s = body ? Status::success() : Status(body.error());
    if (s && isTps) s = applyTps(builder, id, tps, v.timeMs, std::find(m_wanted.begin(), m_wanted.end(), id) != m_wanted.end());
    else if (s) s = applyAggregate(builder, id, agg, v.timeMs);
    if (s) {
      ++m_applied;
    } else {
      ++m_failed;  // as live: the region keeps no figures from a bad document, and says why
      builder.mutableStatus(id).lastError = std::make_shared<const std::string>(s.error().message);
    }
  }
  builder.health().documentsApplied = m_applied;
  builder.health().errors = m_failed;
  IntegrityEngine engine;
  return builder.publish(atMs, &engine);
}

}  // namespace pantau::data
