#include "relay_poller.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "pantau/data/model/snapshot.hpp"

namespace pantau::relay {

using namespace pantau::data;

int64_t wallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

RelayPoller::RelayPoller(std::shared_ptr<const RegionTree> tree, std::unique_ptr<Source> source,
                         RelayStore& store, PollerOptions options)
    : m_tree(std::move(tree)),
      m_source(std::move(source)),
      m_store(store),
      m_options(options),
      m_index(m_tree, [&] {
        data::ChangeIndexOptions c = options.changeIndex;
        c.retryMs = options.policy.intervalMs[0];  // a woken document: asked again each nation interval
        return c;
      }()),
      m_scheduler(m_index.slowPolicy(options.policy), 1),
      m_budget(options.maxRps, wallMs()) {
  const int64_t now = wallMs();
  m_scheduler.add(kCandidatesPath, kNoRegion, Level::Nation, now);
  const RegionTree& t = *m_tree;
  const Level deepest = static_cast<Level>(std::clamp(m_options.levels, 1, 6) - 1);
  for (RegionId id = 0; id < t.levelEnd(deepest); ++id)
    m_index.track(id, m_scheduler.add(countsPath(t, id), id, t.level(id), now));
  m_index.spreadSlowRefresh(m_scheduler);
  m_stats.planned = m_scheduler.size();
}

void RelayPoller::run() {
  while (!m_stop) {
    const int64_t now = wallMs();
    if (runOnce(now) > 0) continue;
    // Nothing due: sleep until the next document is, a tenth of a second at a time (to stop).
    const int64_t wait = std::clamp<int64_t>(m_scheduler.nextDueMs() - now, 1, 100);
    // Out of budget: wait for the next request's worth instead.
    const int64_t spent = m_budget.waitMs();
    std::this_thread::sleep_for(std::chrono::milliseconds(spent > 0 ? std::clamp<int64_t>(spent, 1, 100) : wait));
  }
}

std::size_t RelayPoller::runOnce(int64_t nowMs) {
  const std::size_t allowed = m_budget.allowed(nowMs, m_options.batch);
  auto ids = allowed ? m_scheduler.due(nowMs, allowed) : std::vector<PollScheduler::DocId>{};
  m_budget.spend(ids.size());
  if (!ids.empty()) {
    std::vector<FetchRequest> requests;
    requests.reserve(ids.size());
    for (auto id : ids)
      requests.push_back({std::string(m_scheduler.path(id)), m_scheduler.doc(id).validators, id});
    m_stats.requests += ids.size();  // counted as asked: the origin can never have seen more
    m_source->fetch(requests, [&](FetchResult&& r) { take(std::move(r), wallMs()); });
  }
  const int64_t after = wallMs();
  maybePublish(after, m_scheduler.nextDueMs() > after);
  reportProgress(after);
  return ids.size();
}

Status RelayPoller::validate(const std::string& path, const std::string& body) {
  if (path == kCandidatesPath)
    return m_parser.parseCandidates(std::string_view(body), m_candidates);
  if (path.size() > 5 && path.find("/pemilu/hhcw/ppwp/") == 0) {
    const auto doc = m_scheduler.find(path);
    if (doc && m_scheduler.doc(*doc).level == Level::Tps) return m_parser.parseTps(body, m_tps);
  }
  return m_parser.parseAggregate(body, m_aggregate);
}

void RelayPoller::take(FetchResult&& r, int64_t nowMs) {
  const auto id = static_cast<PollScheduler::DocId>(r.tag);
  if (r.outcome == FetchOutcome::NotModified) {
    m_stats.notModified++;
    m_scheduler.notModified(id, nowMs);
    return m_index.documentRead(m_scheduler.doc(id).region, false, m_scheduler, nowMs);
  }
  if (r.outcome == FetchOutcome::Failed) {
    m_stats.failed++;
    // Not published yet (a 404) is no failure of the source: ask again at the usual interval.
    if (r.httpStatus == 404 || r.error.code == ErrorCode::Missing)
      return m_scheduler.notModified(id, nowMs);
    return m_scheduler.failed(id, nowMs, r.error.message, r.retryAfterSeconds);
  }
  if (Status s = validate(r.path, r.body); !s) {
    m_stats.refused++;
    std::fprintf(stderr, "pantau-relay: %s: %s (keeping the last good copy)\n", r.path.c_str(),
                 s.error().message.c_str());
    return m_scheduler.failed(id, nowMs, s.error().message, -1);
  }
  m_scheduler.succeeded(id, nowMs, std::move(r.validators));
  auto doc = makeDoc(std::string(r.body));  // a copy without the parser's padding reserve
  auto& slot = m_docs[r.path];
  const RegionId region = m_scheduler.doc(id).region;
  const bool same = slot && slot->etag == doc->etag;
  m_index.documentRead(region, !same, m_scheduler, nowMs);
  if (same) return;
  if (!slot) m_stats.held++;
  m_stats.changed++;
  // A changed aggregate (parsed by validate() just now): its rows are the change index.
  if (region != kNoRegion && m_scheduler.doc(id).level != Level::Tps) {
    if (region == kNation) m_sourceTs = std::string(m_aggregate.ts.view());
    m_stats.woken += m_index.tableRead(region, m_aggregate, m_scheduler, nowMs);
  }
  slot = std::move(doc);
  if (!m_dirty) m_dirtySinceMs = nowMs;
  m_dirty = true;
}

void RelayPoller::reportProgress(int64_t nowMs) {
  uint64_t backlog = 0;
  for (PollScheduler::DocId i = 0; i < m_scheduler.size(); ++i)
    backlog += m_scheduler.doc(i).nextDueMs <= nowMs;
  m_stats.backlog = backlog;
  if (nowMs - m_reportedMs < 5000) return;
  // Said while a sweep is under way: the first read, or a backlog the budget holds back.
  if (m_stats.held == m_stats.planned && backlog <= m_options.batch) return;
  m_reportedMs = nowMs;
  std::fprintf(
      stderr, "pantau-relay: %llu of %llu documents held, %llu due%s\n",
      static_cast<unsigned long long>(m_stats.held.load()),
      static_cast<unsigned long long>(m_stats.planned.load()),
      static_cast<unsigned long long>(backlog),
      m_budget.capped()
          ? (" (budget " + std::to_string(m_budget.maxRps()).substr(0, 5) + " requests/s)").c_str()
          : "");
}

void RelayPoller::maybePublish(int64_t nowMs, bool drained) {
  if (!m_dirty || nowMs - m_publishedMs < m_options.minSpacingMs) return;
  if (!drained && nowMs - m_dirtySinceMs < m_options.maxDirtyMs) return;
  if (!m_docs.count(kCandidatesPath)) return;  // nothing can be read without the candidate list
  auto v = m_store.publish(m_docs, m_sourceTs, nowMs);
  m_publishedMs = nowMs;
  m_dirty = false;
  std::fprintf(stderr, "pantau-relay: version %llu: %llu documents, source %s\n",
               static_cast<unsigned long long>(v->latest.version),
               static_cast<unsigned long long>(v->latest.documents), v->latest.sourceTs.c_str());
}

}  // namespace pantau::relay
