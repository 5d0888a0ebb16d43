#include "pantau/data/source/live_client.hpp"

#include "pantau/data/archive/archive.hpp"
#include "pantau/data/base/clock.hpp"
#include "pantau/data/source/fetch_plan.hpp"

namespace pantau::data {

LiveClient::LiveClient(std::shared_ptr<const RegionTree> tree, std::unique_ptr<Source> source,
                       LiveOptions options)
    : m_tree(std::move(tree)),
      m_source(std::move(source)),
      m_options(std::move(options)),
      m_index(m_tree, m_options.changeIndex),
      m_scheduler(m_index.slowPolicy(m_options.policy), m_options.seed),
      m_budget(m_options.maxRps, m_options.clockMs ? m_options.clockMs() : wallMs()),
      m_step(m_tree, {.contest = m_options.contest, .province = m_options.province}) {
  if (!m_options.clockMs) m_options.clockMs = wallMs;
  // The candidate list comes first: without it no count can be read.
  m_scheduler.add(candidatesPath(m_options.contest, m_options.province), kNoRegion, Level::Nation,
                  now());
}

LiveClient::~LiveClient() { stop(); }

int64_t LiveClient::now() const { return m_options.clockMs(); }

std::string LiveClient::pathOf(RegionId region) const {
  return countsPath(*m_tree, region, toString(m_options.contest));
}

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

PollScheduler::DocId LiveClient::poll(RegionId region, Level level, int64_t nowMs) {
  const std::size_t before = m_scheduler.size();
  const auto id = m_scheduler.add(pathOf(region), region, level, nowMs);
  if (m_scheduler.size() == before) return id;  // known already
  m_index.track(region, id);
  m_tpsNeeded += level == Level::Tps;
  return id;
}

void LiveClient::addSweep(int64_t nowMs) {
  FetchPlan plan(*m_tree);
  if (m_options.contest == Contest::Pdpd)  // one province's candidates: its documents alone
    plan.subtreeAlone(m_tree->find(m_options.province), m_options.sweepDeepest);
  else
    plan.sweep(m_options.sweepDeepest);
  for (RegionId id : plan.regions()) poll(id, m_tree->level(id), nowMs);
  m_index.spreadSlowRefresh(m_scheduler);
}

int64_t LiveClient::nextDueMs() const { return m_scheduler.nextDueMs(); }

void LiveClient::addPendingLocked(int64_t nowMs) {
  const RegionTree& t = *m_tree;
  for (RegionId r : m_pendingRequests) {
    if (r >= t.size()) continue;
    poll(r, t.level(r), nowMs);
    if (t.level(r) == Level::Tps) m_detailWanted.insert(r);
  }
  m_pendingRequests.clear();
  if (!m_pendingTpsSweeps.empty()) {
    // With the change index a TPS is read again when its row in its village's table changed: the
    // villages' tables are polled with their TPS (parents first).
    FetchPlan plan(t);
    for (RegionId root : m_pendingTpsSweeps)
      if (m_index.enabled() && t.level(root) < Level::Tps) plan.subtree(root, Level::Village, true);
      else plan.tpsUnder(root);
    for (RegionId r : plan.regions()) poll(r, t.level(r), nowMs);
  }
  m_pendingTpsSweeps.clear();
  m_index.spreadSlowRefresh(m_scheduler);
}

std::size_t LiveClient::runOnce() {
  const int64_t start = now();
  {
    std::lock_guard lock(m_mutex);
    // Counts mean nothing before the candidate list: requests, and what is on screen, wait for
    // it, so that they are not spent (and backed off) on "no candidate list yet".
    if (m_step.takesCounts()) addPendingLocked(start);
    if (m_focusChanged && m_step.takesCounts()) {
      for (RegionId r : m_pendingFocus)  // what is on screen is always polled
        if (r < m_tree->size()) poll(r, m_tree->level(r), start);
      m_scheduler.setFocus(m_pendingFocus, start);
      m_focusChanged = false;
    }
  }
  const std::size_t allowed = m_budget.allowed(start, m_options.batch);
  auto ids = allowed ? m_scheduler.due(start, allowed) : std::vector<PollScheduler::DocId>{};
  if (ids.empty()) return 0;
  m_budget.spend(ids.size());
  std::vector<FetchRequest> requests;
  requests.reserve(ids.size());
  for (auto id : ids) {
    const auto& d = m_scheduler.doc(id);
    requests.push_back({std::string(m_scheduler.path(id)), d.validators, id});
  }
  m_source->fetch(requests, [&](FetchResult&& r) { take(std::move(r), now()); });
  m_tpsEmptyRows = m_index.waitingOnEmptyRows();  // the TPS index waits on (emptyRowsWaitFrom: TPS)
  m_step.health().inBackoff = m_scheduler.inBackoff();
  if (m_step.dirty()) m_mailbox.publish(m_step.publish(now()));
  return ids.size();
}

void LiveClient::take(FetchResult&& r, int64_t nowMs) {
  const auto id = static_cast<PollScheduler::DocId>(r.tag);
  const RegionId region = m_scheduler.doc(id).region;
  const DocumentRef doc = region == kNoRegion ? DocumentRef::candidates() : DocumentRef::counts(*m_tree, region);
  const bool hadCandidates = m_step.takesCounts();
  const bool firstRead = m_scheduler.doc(id).lastOkMs == 0;
  const auto outcome = m_step.take(r, doc, nowMs, m_detailWanted.count(region) > 0);
  if (firstRead && doc.kind == DocumentKind::Tps &&
      (outcome == DocumentStep::Outcome::Applied || outcome == DocumentStep::Outcome::NotModified))
    ++m_tpsRead;
  switch (outcome) {
    case DocumentStep::Outcome::Applied:
      // Recorded only once it parsed and applied: a malformed body must never become the archive's
      // latest word (issue 15). A recording error (disk full) is counted and shown as the source's
      // last error; the figures still apply.
      if (r.outcome == FetchOutcome::Ok && m_options.onDocument) {
        if (Status rs = m_options.onDocument(changedAtMs(r.validators, nowMs), r); !rs) {
          m_step.health().errors++;
          m_step.health().lastError = "--record: " + rs.error().message;
        }
      }
      m_scheduler.succeeded(id, nowMs, std::move(r.validators));
      // Its table is the change index: the children whose rows changed are due now.
      if (doc.kind == DocumentKind::Aggregate) m_index.tableRead(region, m_step.lastAggregate(), m_scheduler, nowMs);
      m_index.documentRead(region, true, m_scheduler, nowMs);
      break;
    case DocumentStep::Outcome::NotModified:
      m_scheduler.notModified(id, nowMs);
      m_index.documentRead(region, false, m_scheduler, nowMs);
      break;
    case DocumentStep::Outcome::Missing:
    case DocumentStep::Outcome::Failed:
      m_scheduler.failed(id, nowMs, m_step.lastError().message, r.outcome == FetchOutcome::Failed ? r.retryAfterSeconds : -1);
      break;
  }
  if (region == kNoRegion && !m_step.ready() && (r.httpStatus == 404 || r.error.code == ErrorCode::Missing)) {
    // A partial source: go on without its list, with the data folder's or by the documents' ids.
    if (m_options.fallbackCandidates) m_step.useCandidates(*m_options.fallbackCandidates);
    else m_step.nameCandidatesFromDocuments();
  }
  if (!hadCandidates && m_step.takesCounts()) addSweep(nowMs);  // counts can be read now
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
    // Nothing due, or the request budget spent: until the next document or request's worth.
    const int64_t wait = std::clamp<int64_t>(std::max(m_scheduler.nextDueMs() - now(), m_budget.waitMs()), 1, 1000);
    m_wake.wait_for(lock, std::chrono::milliseconds(wait),
                    [&] {
                      return m_stop.load() || m_focusChanged ||
                             (m_step.ready() && (!m_pendingRequests.empty() || !m_pendingTpsSweeps.empty()));
                    });
  }
}

}  // namespace pantau::data
