#include "wall_feed.hpp"

#include <algorithm>

#include "pantau/data/base/clock.hpp"
#include "view_requests.hpp"

namespace pantau::viewer {

using namespace pantau::data;

WallFeed::WallFeed(std::shared_ptr<const RegionTree> tree, const std::string& relayUrl,
                   FetchPlan plan)
    : m_reader(std::move(tree), relayUrl, std::move(plan)) {
  m_reader.start();
}

WallFeed::~WallFeed() {
  m_reader.stop();
}

std::shared_ptr<const Snapshot> WallFeed::latest() {
  return m_prepared ? m_prepared->snapshot : nullptr;
}

int64_t WallFeed::clockMs() const {
  return wallMs();
}

std::optional<RelayLatest> WallFeed::toPrepare() {
  const uint64_t after = m_pending.empty() ? shown() : m_pending.back()->latest.version;
  for (auto& v : m_reader.readyAfter(after)) m_pending.push_back(std::move(v));
  // In order: the oldest waiting first, so that a version read before the one ahead of it was
  // shown still gets its moment.
  if (m_pending.empty() || m_pending.front() == m_prepared) return std::nullopt;
  m_prepared = m_pending.front();
  return m_prepared->latest;
}

std::optional<RelayLatest> WallFeed::due(int64_t nowMs) {
  auto it = std::find_if(m_pending.rbegin(), m_pending.rend(),
                         [&](const auto& v) { return v->latest.applyAtMs <= nowMs; });
  if (it == m_pending.rend()) return std::nullopt;
  // Versions older than the due one are skipped: their moment has passed too (a tile late to the
  // relay catches up to the version the others show, never one behind it).
  m_shown = *it;
  m_pending.erase(m_pending.begin(), it.base());
  m_prepared = m_shown;
  return m_shown->latest;
}

WallStale WallFeed::stale(int64_t nowMs) const {
  const RelayReaderStatus s = m_reader.status();
  WallStale out{WallStale::Why::No, shown(), s.announced,
                m_shown ? m_shown->latest.sourceTs : std::string()};
  if (s.contactMs == 0 || nowMs - s.contactMs > kRelaySilentMs)
    out.why = WallStale::Why::RelaySilent;
  else if (s.announced > shown() && s.announcedApplyAtMs <= nowMs)
    out.why = WallStale::Why::Behind;
  return out;
}

FetchPlan wallPlan(const RegionTree& tree, RegionId view, bool districtFill) {
  FetchPlan plan(tree);
  plan.sweep(districtFill ? Level::Regency : Level::Province);
  plan.add(viewNeeds(tree, view, false));
  return plan;
}

}  // namespace pantau::viewer
