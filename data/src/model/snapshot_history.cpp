#include "pantau/data/model/snapshot_history.hpp"

namespace pantau::data {

namespace {
int64_t tsOf(const Snapshot& s) { return s.status(kNation).sourceTs; }
}  // namespace

void SnapshotHistory::add(std::shared_ptr<const Snapshot> s) {
  if (!s || tsOf(*s) == 0) return;
  if (!m_kept.empty() && tsOf(*m_kept.back()) >= tsOf(*s)) {
    if (tsOf(*m_kept.back()) == tsOf(*s)) m_kept.back() = std::move(s);  // same regeneration: the latest read of it
    return;
  }
  m_kept.push_back(std::move(s));
  if (m_kept.size() <= m_capacity) return;
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
