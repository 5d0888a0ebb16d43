#include "pantau/data/archive/replay.hpp"

#include <algorithm>
#include <cassert>

namespace pantau::data {

Replay::Replay(std::shared_ptr<const ArchiveReader> archive, std::shared_ptr<const RegionTree> tree, ReplayOptions options)
    : m_archive(std::move(archive)), m_tree(std::move(tree)), m_options(std::move(options)) {}

Result<std::shared_ptr<const Snapshot>> Replay::at(int64_t atMs) {
  // Nation down to the deepest swept level, then what the view needs: a parent before its
  // children, as the live client applies them. A DPD province's documents alone (as live): the
  // documents above it name other provinces' candidates.
  FetchPlan plan(*m_tree);
  if (m_options.contest == Contest::Pdpd) {
    const RegionId province = m_tree->find(m_options.province);
    if (province == kNoRegion) return Error{ErrorCode::BadCode, "DPD replay: '" + m_options.province + "' is not a province"};
    plan.subtreeAlone(province, m_options.deepest);
    plan.add(m_needs, province);
  } else {
    plan.sweep(m_options.deepest);
    plan.add(m_needs);
  }
  ReadOptions options;
  options.contest = m_options.contest;
  options.province = m_options.province;
  options.publishAtMs = atMs;
  options.versionAfter = m_version;
  for (RegionId r : m_needs.regions)
    if (m_needs.keepsDetail(*m_tree, r)) options.keepDetail.push_back(r);
  m_stats = {};
  auto source = makeArchiveSource(m_archive, atMs);
  auto snapshot = readOnce(*source, m_tree, plan, options, m_stats);
  if (!snapshot) {
    if (snapshot.error().code == ErrorCode::Missing) return Error{ErrorCode::Missing, "the archive has no candidate list (" + candidatesPath(m_options.contest, m_options.province) + ") at this moment"};
    return snapshot.error();
  }
  m_version = (*snapshot)->version();
  return snapshot;
}

}  // namespace pantau::data

namespace pantau::data {

ReplayClient::ReplayClient(std::shared_ptr<const ArchiveReader> archive, std::shared_ptr<const RegionTree> tree, ReplayOptions options)
    : m_replay(std::move(archive), std::move(tree), std::move(options)), m_worker([this] { workerLoop(); }) {}

ReplayClient::~ReplayClient() { stop(); }

void ReplayClient::ask(Ask ask) {
  {
    std::lock_guard lock(m_mutex);
    m_asked = std::move(ask);
  }
  m_wake.notify_all();
}

bool ReplayClient::idle() const {
  std::lock_guard lock(m_mutex);
  return !m_asked && !m_building;
}

std::thread::id ReplayClient::builtOn() const {
  std::lock_guard lock(m_mutex);
  return m_builtOn;
}

int64_t ReplayClient::lastChangeAt(int64_t ms) const {
  const auto& times = m_replay.archive().times();
  auto it = std::upper_bound(times.begin(), times.end(), ms);
  return it == times.begin() ? INT64_MIN : *(it - 1);
}

bool ReplayClient::runOnce() {
  // Replay work belongs to the worker: a viewer's UI thread only asks and takes.
  assert(std::this_thread::get_id() == m_workerId);
  Ask a;
  {
    std::lock_guard lock(m_mutex);
    if (!m_asked) return false;
    a = std::move(*m_asked);
    m_asked.reset();
    m_building = true;
  }
  // The baseline first: when a moment is published, the baseline that goes with it is there.
  bool baselineBuilt = false, momentBuilt = false;
  if (a.baselineAtMs && !m_baseline.same(lastChangeAt(*a.baselineAtMs), a.needs)) {
    m_replay.setNeeds(a.needs);
    auto s = m_replay.at(*a.baselineAtMs);
    m_baselineMailbox.publish(s ? *s : nullptr);
    m_baseline = {lastChangeAt(*a.baselineAtMs), a.needs, true};
    baselineBuilt = true;
  }
  // A new baseline republishes its moment, so that a reader that waits for moments sees it.
  if (baselineBuilt || !m_moment.same(lastChangeAt(a.atMs), a.needs)) {
    m_replay.setNeeds(a.needs);
    if (auto s = m_replay.at(a.atMs)) m_mailbox.publish(*s);  // without a candidate list, the last moment stays
    m_moment = {lastChangeAt(a.atMs), a.needs, true};
    momentBuilt = true;
  }
  std::lock_guard lock(m_mutex);
  m_building = false;
  if (momentBuilt) m_builtOn = std::this_thread::get_id();
  return momentBuilt || baselineBuilt;
}

void ReplayClient::stop() {
  {
    std::lock_guard lock(m_mutex);  // the worker is waiting, or sees the flag before it waits
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_worker.joinable() && std::this_thread::get_id() != m_worker.get_id()) m_worker.join();
}

void ReplayClient::workerLoop() {
  m_workerId = std::this_thread::get_id();
  while (!m_stop) {
    if (runOnce()) continue;
    std::unique_lock lock(m_mutex);
    m_wake.wait(lock, [&] { return m_stop.load() || m_asked.has_value(); });
  }
}

}  // namespace pantau::data
