#include "relay_poller.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "pantau/data/model/snapshot.hpp"

namespace pantau::relay {

using namespace pantau::data;

namespace {

/// With the change index, every level below the nation is polled only at the slow interval (a
/// changed row wakes a document sooner).
PollPolicy withSlowLevels(const PollerOptions& o) {
  PollPolicy p = o.policy;
  if (o.slowMs > 0)
    for (std::size_t l = 1; l < p.intervalMs.size(); ++l)
      p.intervalMs[l] = std::max(p.intervalMs[l], o.slowMs);
  return p;
}

/// A row's content: what the child's own document would change (its votes, progress and status).
uint64_t rowHash(const Aggregate& a, const AggregateRow& row) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
  mix(static_cast<uint64_t>(row.persen * 1e6)), mix(row.hasPersen), mix(row.statusProgress),
      mix(static_cast<uint64_t>(row.psu));
  for (const VoteCount& v : a.votes(row)) mix(v.candidate), mix(v.votes);
  return h | 1;  // never 0: 0 is "no row seen yet"
}

}  // namespace

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
      m_scheduler(withSlowLevels(options), 1) {
  const int64_t now = wallMs();
  m_scheduler.add(kCandidatesPath, kNoRegion, Level::Nation, now);
  const RegionTree& t = *m_tree;
  const Level deepest = static_cast<Level>(std::clamp(m_options.levels, 1, 6) - 1);
  m_docOf.resize(t.levelEnd(deepest));
  m_rowHash.assign(t.levelEnd(deepest), 0);
  m_awaiting.assign(t.levelEnd(deepest), 0);
  for (RegionId id = 0; id < t.levelEnd(deepest); ++id)
    m_docOf[id] = m_scheduler.add(countsPath(t, id), id, t.level(id), now);
  m_stats.planned = m_scheduler.size();
  m_tokens = std::max(1.0, m_options.maxRps);
  m_tokensAtMs = now;
}

void RelayPoller::run() {
  while (!m_stop) {
    const int64_t now = wallMs();
    if (runOnce(now) > 0) continue;
    // Nothing due: sleep until the next document is, a tenth of a second at a time (to stop).
    const int64_t wait = std::clamp<int64_t>(m_scheduler.nextDueMs() - now, 1, 100);
    if (m_options.maxRps > 0 && m_tokens < 1) {  // out of budget: wait for the next request's worth
      std::this_thread::sleep_for(std::chrono::milliseconds(std::clamp<int64_t>(
          static_cast<int64_t>((1 - m_tokens) * 1000 / m_options.maxRps) + 1, 1, 100)));
      continue;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(wait));
  }
}

std::size_t RelayPoller::budget(int64_t nowMs) {
  if (m_options.maxRps <= 0) return m_options.batch;
  const double burst = std::max(1.0, m_options.maxRps);  // at most a second's worth at once
  m_tokens = std::min(
      burst, m_tokens + static_cast<double>(nowMs - m_tokensAtMs) * m_options.maxRps / 1000.0);
  m_tokensAtMs = nowMs;
  return std::min(m_options.batch, static_cast<std::size_t>(m_tokens));
}

std::size_t RelayPoller::runOnce(int64_t nowMs) {
  const std::size_t allowed = budget(nowMs);
  auto ids = allowed ? m_scheduler.due(nowMs, allowed) : std::vector<PollScheduler::DocId>{};
  if (m_options.maxRps > 0) m_tokens -= static_cast<double>(ids.size());
  if (!ids.empty()) {
    std::vector<FetchRequest> requests;
    requests.reserve(ids.size());
    for (auto id : ids)
      requests.push_back({m_scheduler.doc(id).path, m_scheduler.doc(id).validators, id});
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
    return askAgainIfAwaited(id, nowMs);
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
  if (slot && slot->etag == doc->etag) return askAgainIfAwaited(id, nowMs);
  if (!slot) m_stats.held++;
  if (const RegionId r0 = m_scheduler.doc(id).region; r0 != kNoRegion && r0 < m_awaiting.size())
    m_awaiting[r0] = 0;
  m_stats.changed++;
  // A changed aggregate (parsed by validate() just now): its rows are the change index.
  const RegionId region = m_scheduler.doc(id).region;
  if (region != kNoRegion && m_scheduler.doc(id).level != Level::Tps) {
    if (region == kNation) m_sourceTs = std::string(m_aggregate.ts.view());
    wakeChangedChildren(region, nowMs);
  }
  slot = std::move(doc);
  if (!m_dirty) m_dirtySinceMs = nowMs;
  m_dirty = true;
}

void RelayPoller::wakeChangedChildren(RegionId parent, int64_t nowMs) {
  if (m_options.slowMs <= 0) return;
  const RegionTree& t = *m_tree;
  const auto children = t.children(parent);
  for (const AggregateRow& row : m_aggregate.rows) {
    // Rows come in the tree's order almost always; find() covers the rest.
    RegionId child = kNoRegion;
    for (RegionId c : children)
      if (t.code(c) == row.code.view()) {
        child = c;
        break;
      }
    if (child == kNoRegion || child >= m_docOf.size()) continue;  // not a region polled
    const uint64_t h = rowHash(m_aggregate, row);
    if (m_rowHash[child] == h) continue;
    const bool first = m_rowHash[child] == 0;
    m_rowHash[child] = h;
    if (first) continue;
    m_awaiting[child] = kWakeTries;
    if (m_scheduler.wake(m_docOf[child], nowMs)) m_stats.woken++;
  }
}

void RelayPoller::askAgainIfAwaited(PollScheduler::DocId id, int64_t nowMs) {
  const RegionId region = m_scheduler.doc(id).region;
  if (region == kNoRegion || region >= m_awaiting.size() || m_awaiting[region] == 0) return;
  --m_awaiting[region];
  (void)m_scheduler.wake(id, nowMs + m_options.policy.intervalMs[0]);
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
      m_options.maxRps > 0
          ? (" (budget " + std::to_string(m_options.maxRps).substr(0, 5) + " requests/s)").c_str()
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
