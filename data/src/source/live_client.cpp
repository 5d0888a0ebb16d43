#include "pantau/data/source/live_client.hpp"

#include <chrono>

#include "pantau/data/archive/archive.hpp"

namespace pantau::data {

namespace {
int64_t systemMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}
}  // namespace

LiveClient::LiveClient(std::shared_ptr<const RegionTree> tree, std::unique_ptr<Source> source, LiveOptions options)
    : m_tree(std::move(tree)), m_source(std::move(source)), m_options(std::move(options)),
      m_scheduler(m_options.policy, m_options.seed) {
  if (!m_options.clockMs) m_options.clockMs = systemMs;
  // The candidate list comes first: without it no count can be read.
  m_scheduler.add(kCandidatesPath, kNoRegion, Level::Nation, now());
}

LiveClient::~LiveClient() { stop(); }

int64_t LiveClient::now() const { return m_options.clockMs(); }

void LiveClient::focus(std::vector<RegionId> regions) {
  {
    std::lock_guard lock(m_mutex);
    m_pendingFocus = std::move(regions);
    m_focusChanged = true;
  }
  m_wake.notify_all();
}

void LiveClient::request(RegionId region) {
  {
    std::lock_guard lock(m_mutex);
    m_pendingRequests.push_back(region);
  }
  m_wake.notify_all();
}

void LiveClient::sweepTpsUnder(RegionId region) {
  {
    std::lock_guard lock(m_mutex);
    m_pendingTpsSweeps.push_back(region);
  }
  m_wake.notify_all();
}

void LiveClient::addSweep(int64_t nowMs) {
  const RegionTree& t = *m_tree;
  for (RegionId id = 0; id < t.levelEnd(m_options.sweepDeepest); ++id)
    m_scheduler.add(countsPath(t, id), id, t.level(id), nowMs);
}

int64_t LiveClient::nextDueMs() const { return m_scheduler.nextDueMs(); }

void LiveClient::addPendingLocked(int64_t nowMs) {
  const RegionTree& t = *m_tree;
  for (RegionId r : m_pendingRequests) {
    if (r >= t.size()) continue;
    m_scheduler.add(countsPath(t, r), r, t.level(r), nowMs);
    if (t.level(r) == Level::Tps) m_detailWanted.insert(r);
  }
  m_pendingRequests.clear();
  for (RegionId root : m_pendingTpsSweeps) {
    if (root >= t.size()) continue;
    std::vector<RegionId> stack{root};
    while (!stack.empty()) {
      const RegionId r = stack.back();
      stack.pop_back();
      if (t.level(r) == Level::Tps) m_scheduler.add(countsPath(t, r), r, Level::Tps, nowMs);
      else for (RegionId c : t.children(r)) stack.push_back(c);
    }
  }
  m_pendingTpsSweeps.clear();
}

std::size_t LiveClient::runOnce() {
  const int64_t start = now();
  {
    std::lock_guard lock(m_mutex);
    // Counts mean nothing before the candidate list: requests wait for it, so that they are
    // not spent (and backed off) on "no candidate list yet".
    if (m_builder) addPendingLocked(start);
    if (m_focusChanged) {
      for (RegionId r : m_pendingFocus)  // what is on screen is always polled
        if (r < m_tree->size()) m_scheduler.add(countsPath(*m_tree, r), r, m_tree->level(r), start);
      m_scheduler.setFocus(m_pendingFocus, start);
      m_focusChanged = false;
    }
  }
  auto ids = m_scheduler.due(start, m_options.batch);
  if (ids.empty()) return 0;
  std::vector<FetchRequest> requests;
  requests.reserve(ids.size());
  for (auto id : ids) {
    const auto& d = m_scheduler.doc(id);
    requests.push_back({d.path, d.validators, id});
  }
  m_source->fetch(requests, [&](FetchResult&& r) { apply(std::move(r), now()); });
  SourceHealth& h = m_builder ? m_builder->health() : m_preHealth;
  h.inBackoff = m_scheduler.inBackoff();
  if (m_builder && m_builder->dirty()) m_mailbox.publish(m_builder->publish(now(), &m_integrity));
  return ids.size();
}

void LiveClient::apply(FetchResult&& r, int64_t nowMs) {
  const auto id = static_cast<PollScheduler::DocId>(r.tag);
  const PollScheduler::Doc& doc = m_scheduler.doc(id);
  SourceHealth& h = m_builder ? m_builder->health() : m_preHealth;
  h.requests++;
  h.bytes += r.wireBytes;

  auto fail = [&](const Error& e, int retryAfter) {
    h.errors++;
    h.lastError = e.message;
    m_scheduler.failed(id, nowMs, e.message, retryAfter);
    if (m_builder && doc.region != kNoRegion)  // keep the figures, record why they are not fresh
      m_builder->mutableStatus(doc.region).lastError = std::make_shared<const std::string>(e.message);
  };

  if (r.outcome == FetchOutcome::Failed) return fail(r.error, r.retryAfterSeconds);
  if (r.outcome == FetchOutcome::NotModified) {
    h.notModified++;
    h.lastSuccessMs = nowMs;
    m_scheduler.notModified(id, nowMs);
    if (m_builder && doc.region != kNoRegion) {  // still current: so are the rows it carries
      m_builder->mutableStatus(doc.region).confirmedAtMs = nowMs;
      m_builder->mutableStatus(doc.region).lastError = nullptr;
      if (m_tree->level(doc.region) != Level::Tps)
        for (RegionId c : m_tree->children(doc.region))
          if (m_builder->status(c).has(RegionStatus::kHasRow)) m_builder->mutableStatus(c).confirmedAtMs = nowMs;
    }
    return;
  }

  // Recorded only once it parsed: a malformed body must never become the archive's latest word.
  auto record = [&] {
    if (!m_options.onDocument) return;
    const int64_t changed = r.validators.lastModified.empty() ? -1 : parseHttpDate(r.validators.lastModified);
    if (Status rs = m_options.onDocument(changed >= 0 ? changed * 1000 : nowMs, r); !rs) {
      h.errors++;  // the figures are fine; the recording is not, and the person must hear of it
      h.lastError = "--record: " + rs.error().message;
    }
  };
  if (doc.region == kNoRegion) {  // the candidate list
    CandidateList list;
    if (Status s = m_parser.parseCandidates(std::string_view(r.body), list); !s)
      return fail({s.error().code, r.path + ": " + s.error().message}, -1);
    record();
    if (!m_builder) {
      m_builder = std::make_unique<SnapshotBuilder>(m_tree, list);
      m_builder->health() = m_preHealth;
      addSweep(nowMs);
    }
    m_scheduler.succeeded(id, nowMs, std::move(r.validators));
    return;
  }
  if (!m_builder) return fail({ErrorCode::Missing, r.path + ": no candidate list yet"}, -1);

  Status s;
  if (m_tree->level(doc.region) == Level::Tps) {
    TpsDetail t;
    s = m_parser.parseTps(r.body, t);
    if (s) s = applyTps(*m_builder, doc.region, t, nowMs, m_detailWanted.count(doc.region) > 0);
  } else {
    Aggregate a;
    s = m_parser.parseAggregate(r.body, a);
    if (s) s = applyAggregate(*m_builder, doc.region, a, nowMs);
  }
  if (!s) return fail({s.error().code, r.path + ": " + s.error().message}, -1);
  record();
  h.documentsApplied++;
  h.lastSuccessMs = nowMs;
  m_scheduler.succeeded(id, nowMs, std::move(r.validators));
}

void LiveClient::start() {
  if (m_worker.joinable()) return;
  m_stop = false;
  m_worker = std::thread([this] { workerLoop(); });
}

void LiveClient::stop() {
  m_stop = true;
  if (m_worker.joinable()) m_source->cancel();  // a fetch in flight ends now, not after its timeouts
  m_wake.notify_all();
  if (m_worker.joinable()) m_worker.join();
}

void LiveClient::workerLoop() {
  while (!m_stop) {
    if (runOnce() > 0) continue;
    std::unique_lock lock(m_mutex);
    const int64_t wait = std::clamp<int64_t>(m_scheduler.nextDueMs() - now(), 1, 1000);
    m_wake.wait_for(lock, std::chrono::milliseconds(wait),
                    [&] {
                      return m_stop.load() || m_focusChanged ||
                             (m_builder && (!m_pendingRequests.empty() || !m_pendingTpsSweeps.empty()));
                    });
  }
}

}  // namespace pantau::data
