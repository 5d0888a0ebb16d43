#include "pantau/data/source/change_index.hpp"

#include <algorithm>

#include "pantau/data/base/clock.hpp"

namespace pantau::data {

namespace {

/// A row's content: what the child's own document would change (its votes, progress and status).
uint64_t rowHash(const Aggregate& a, const AggregateRow& row) {
  uint64_t h = 1469598103934665603ull;
  auto mix = [&](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
  mix(static_cast<uint64_t>(row.persen * 1e6)), mix(row.hasPersen), mix(row.statusProgress),
      mix(static_cast<uint64_t>(row.psu));
  for (const VoteCount& v : a.votes(row)) mix(v.candidate), mix(v.votes);
  return h | 1;  // never 0: 0 is "no row seen yet"
}

/// When the origin wrote a document as held (its Last-Modified, seconds), -1 when it did not say.
int64_t writtenAt(const PollScheduler::Doc& d) {
  return d.validators.lastModified.empty() ? -1 : parseHttpDate(d.validators.lastModified);
}

/// The child a row names. Rows come in the tree's order almost always: `hint` is where the last
/// one was found, so a table is matched in one pass; a scan covers the rest.
RegionId childOf(const RegionTree& t, std::span<const RegionId> children, std::string_view code, std::size_t& hint) {
  if (hint < children.size() && t.code(children[hint]) == code) return children[hint++];
  for (std::size_t i = 0; i < children.size(); ++i)
    if (t.code(children[i]) == code) {
      hint = i + 1;
      return children[i];
    }
  return kNoRegion;
}

}  // namespace

ChangeIndex::ChangeIndex(std::shared_ptr<const RegionTree> tree, ChangeIndexOptions options)
    : m_tree(std::move(tree)), m_options(options) {}

PollPolicy ChangeIndex::slowPolicy(PollPolicy base) const {
  if (enabled())
    for (std::size_t l = static_cast<std::size_t>(std::max(1, m_options.fastLevels)); l < base.intervalMs.size(); ++l)
      base.intervalMs[l] = std::max(base.intervalMs[l], m_options.slowMs);
  return base;
}

void ChangeIndex::track(RegionId region, PollScheduler::DocId doc) {
  if (region == kNoRegion || region >= m_tree->size()) return;
  if (m_docOf.empty()) {
    m_docOf.assign(m_tree->size(), kUntracked);
    m_rowHash.assign(m_tree->size(), 0);
    m_awaiting.assign(m_tree->size(), 0);
    m_waitsOnRow.assign(m_tree->size(), 0);
  }
  if (m_docOf[region] == kUntracked && static_cast<int>(m_tree->level(region)) >= m_options.fastLevels) ++m_slowDocs;
  m_docOf[region] = doc;
}

int64_t ChangeIndex::slowIntervalMs() const {
  int64_t ms = m_options.slowMs;
  if (m_options.slowRps > 0)
    ms = std::max(ms, static_cast<int64_t>(static_cast<double>(m_slowDocs) * 1000.0 / m_options.slowRps));
  return ms;
}

void ChangeIndex::spreadSlowRefresh(PollScheduler& s) const {
  if (!enabled()) return;
  const int64_t ms = slowIntervalMs();
  for (int l = std::max(1, m_options.fastLevels); l < kLevelCount; ++l)
    s.setInterval(static_cast<Level>(l), std::max(ms, s.policy().intervalMs[static_cast<std::size_t>(l)]));
}

std::size_t ChangeIndex::tableRead(RegionId parent, const Aggregate& table, PollScheduler& s, int64_t nowMs) {
  if (!enabled() || parent >= m_tree->size() || m_docOf.empty()) return 0;
  const RegionTree& t = *m_tree;
  const auto children = t.children(parent);
  const int64_t tableWritten = m_docOf[parent] == kUntracked ? -1 : writtenAt(s.doc(m_docOf[parent]));
  std::size_t hint = 0, woke = 0;
  for (const AggregateRow& row : table.rows) {
    const RegionId child = childOf(t, children, row.code.view(), hint);
    if (child == kNoRegion) continue;
    const uint64_t h = rowHash(table, row);
    if (m_rowHash[child] == h) continue;
    const bool first = m_rowHash[child] == 0;
    m_rowHash[child] = h;
    if (m_docOf[child] == kUntracked) continue;
    if (first) {  // never read yet: due anyway, unless its row says there is nothing to read
      waitIfEmpty(child, row, s, nowMs);
      continue;
    }
    if (holdsNewer(child, tableWritten, s)) continue;
    m_awaiting[child] = kWakeTries;
    woke += s.wake(m_docOf[child], nowMs);
  }
  m_woken += woke;
  return woke;
}

bool ChangeIndex::holdsNewer(RegionId child, int64_t tableWritten, const PollScheduler& s) const {
  const PollScheduler::Doc& d = s.doc(m_docOf[child]);
  if (tableWritten < 0 || d.lastOkMs == 0) return false;
  const int64_t held = writtenAt(d);
  return held >= tableWritten;
}

void ChangeIndex::waitIfEmpty(RegionId child, const AggregateRow& row, PollScheduler& s, int64_t nowMs) {
  if (row.reported() || static_cast<int>(m_tree->level(child)) < m_options.emptyRowsWaitFrom) return;
  if (!s.putOff(m_docOf[child], nowMs)) return;  // read already, failing, or on screen
  m_waitsOnRow[child] = 1;
  ++m_waitingOnEmptyRows;
}

void ChangeIndex::documentRead(RegionId region, bool changed, PollScheduler& s, int64_t nowMs) {
  if (!enabled() || region >= m_awaiting.size()) return;
  if (m_waitsOnRow[region]) {  // read at last (its row changed, or the slow interval came)
    m_waitsOnRow[region] = 0;
    --m_waitingOnEmptyRows;
  }
  if (m_awaiting[region] == 0) return;
  if (changed) {
    m_awaiting[region] = 0;
    return;
  }
  --m_awaiting[region];
  (void)s.wake(m_docOf[region], nowMs + m_options.retryMs);
}

}  // namespace pantau::data
