#include "pantau/data/model/snapshot_history.hpp"

#include "pantau/data/integrity/integrity.hpp"

namespace pantau::data {

namespace {
int64_t tsOf(const Snapshot& s) { return s.status(kNation).sourceTs; }

/// An integrity state's size: the engine keeps four tallies per region above the TPS
/// (integrity_engine.cpp: checked, flagged, DPT, voters), its findings and the worst TPS. Each
/// publish makes a new one: 2.2 MB for the whole tree, the bulk of a history on the integrity layer.
std::size_t integrityBytes(const Snapshot& s) {
  const IntegrityState* i = s.integrity();
  if (!i) return 0;
  return s.tree().levelBegin(Level::Tps) * (2 * sizeof(uint32_t) + 2 * sizeof(uint64_t)) +
         i->findings().size() * sizeof(Finding) + i->worstTps().size() * sizeof(RegionId);
}

/// What keeping `s` beside `newer` costs (all of it when `newer` is null): its chunks and integrity
/// state that `newer` does not share, at their full size.
std::size_t bytesBeyond(const Snapshot& s, const Snapshot* newer) {
  const std::size_t tally = kChunkRegions * (2 * s.candidateCount() * sizeof(uint32_t) + sizeof(RegionStatus));
  const std::size_t tps = kChunkRegions * sizeof(TpsFacts);
  const RegionId firstTps = s.tree().levelBegin(Level::Tps);
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.chunkCount(); ++i) {
    const auto id = static_cast<RegionId>(i * kChunkRegions);
    if (newer && s.sharesChunkWith(*newer, id)) continue;
    n += tally + (id + kChunkRegions > firstTps ? tps : 0);
  }
  if (!newer || newer->integrityPtr() != s.integrityPtr()) n += integrityBytes(s);
  return n;
}

}  // namespace

void SnapshotHistory::add(std::shared_ptr<const Snapshot> s) {
  if (!s || tsOf(*s) == 0) return;
  if (!m_kept.empty() && tsOf(*m_kept.back()) >= tsOf(*s)) {
    if (tsOf(*m_kept.back()) == tsOf(*s)) m_kept.back() = std::move(s);  // same regeneration: the latest read of it
    return;
  }
  m_kept.push_back(std::move(s));
  if (m_kept.size() > m_capacity) thinOlderHalf();
  while (m_kept.size() > 2 && bytes() > m_maxBytes) {
    const std::size_t before = m_kept.size();
    thinOlderHalf();
    if (m_kept.size() == before) m_kept.erase(m_kept.begin());  // three kept: the oldest goes
  }
}

std::size_t SnapshotHistory::bytes() const {
  std::size_t n = 0;
  const Snapshot* newer = nullptr;
  for (auto it = m_kept.rbegin(); it != m_kept.rend(); ++it) {
    n += bytesBeyond(**it, newer);
    newer = it->get();
  }
  return n;
}

void SnapshotHistory::thinOlderHalf() {
  std::vector<std::shared_ptr<const Snapshot>> thinned;
  const std::size_t half = m_kept.size() / 2;
  for (std::size_t i = 0; i < m_kept.size(); ++i)
    if (i >= half || i % 2 == 0) thinned.push_back(std::move(m_kept[i]));
  m_kept = std::move(thinned);
}

std::shared_ptr<const Snapshot> SnapshotHistory::at(int64_t sourceTs) const {
  for (auto it = m_kept.rbegin(); it != m_kept.rend(); ++it)
    if (tsOf(**it) <= sourceTs) return *it;
  return nullptr;
}

}  // namespace pantau::data
