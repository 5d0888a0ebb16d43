#include "pantau/data/source/poll_scheduler.hpp"

#include "pantau/data/source/http_parse.hpp"

#include <algorithm>
#include <cassert>
#include <climits>
#include <tuple>
#include <unordered_set>

namespace pantau::data {

double PollScheduler::uniform() {
  uint64_t x = (m_rng += 0x9e3779b97f4a7c15ull);
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  x ^= x >> 31;
  return static_cast<double>(x >> 11) * 0x1.0p-53;
}

int64_t PollScheduler::interval(Level level) {
  const double base = static_cast<double>(m_policy.intervalMs[static_cast<int>(level)]);
  return static_cast<int64_t>(base * (1.0 + m_policy.jitter * (2.0 * uniform() - 1.0)));
}

std::size_t PollScheduler::slotOf(std::string_view path) const {
  const std::size_t mask = m_slots.size() - 1;
  for (std::size_t i = std::hash<std::string_view>{}(path) & mask;; i = (i + 1) & mask)
    if (m_slots[i] == kEmptySlot || this->path(m_slots[i]) == path) return i;
}

void PollScheduler::growSlots() {
  m_slots.assign(std::max<std::size_t>(64, m_slots.size() * 2), kEmptySlot);
  for (DocId id = 0; id < m_docs.size(); ++id) m_slots[slotOf(path(id))] = id;
}

PollScheduler::DocId PollScheduler::add(std::string_view path, RegionId region, Level level, int64_t nowMs) {
  if (auto known = find(path)) return *known;
  assert(path.size() <= UINT16_MAX && m_paths.size() + path.size() <= UINT32_MAX);  // API paths are short
  if (2 * (m_docs.size() + 1) > m_slots.size()) growSlots();
  const DocId id = static_cast<DocId>(m_docs.size());
  Doc d;
  d.nextDueMs = nowMs;
  d.pathBegin = static_cast<uint32_t>(m_paths.size());
  d.pathSize = static_cast<uint16_t>(path.size());
  d.region = region;
  d.level = level;
  m_paths.append(path);
  m_docs.push_back(std::move(d));
  m_slots[slotOf(path)] = id;
  m_queue[static_cast<std::size_t>(level)].emplace(nowMs, id);
  return id;
}

std::optional<PollScheduler::DocId> PollScheduler::find(std::string_view path) const {
  if (m_slots.empty()) return std::nullopt;
  const DocId id = m_slots[slotOf(path)];
  if (id == kEmptySlot) return std::nullopt;
  return id;
}

const std::string& PollScheduler::lastError(DocId id) const {
  static const std::string kNone;
  auto it = m_errors.find(id);
  return it == m_errors.end() ? kNone : it->second;
}

void PollScheduler::setFocus(std::span<const RegionId> regions, int64_t nowMs) {
  std::unordered_set<RegionId> set(regions.begin(), regions.end());
  m_focused.clear();
  for (DocId id = 0; id < m_docs.size(); ++id) {
    Doc& d = m_docs[id];
    const bool focused = d.region != kNoRegion && set.count(d.region) > 0;
    // The longest a document on its normal schedule waits (the interval with its jitter).
    const auto usual = static_cast<int64_t>(static_cast<double>(m_policy.intervalMs[static_cast<int>(d.level)]) * (1.0 + m_policy.jitter));
    if (focused && !d.focused && d.nextDueMs > nowMs + usual) setDue(id, nowMs);
    d.focused = focused;
    if (focused) m_focused.push_back(id);
  }
}

std::vector<PollScheduler::DocId> PollScheduler::due(int64_t nowMs, std::size_t max) const {
  // What is on screen first (a few documents), then level by level, each in due order: the
  // queues hold every document by (due time, id), so a round costs what it hands out, not the
  // 914k documents of a nation on the integrity layer (which once cost 75% of the worker's CPU).
  std::vector<DocId> ids;
  for (DocId i : m_focused)
    if (m_docs[i].nextDueMs <= nowMs) ids.push_back(i);
  std::sort(ids.begin(), ids.end(), [&](DocId a, DocId b) {
    const Doc &x = m_docs[a], &y = m_docs[b];
    return std::tie(x.level, x.nextDueMs, a) < std::tie(y.level, y.nextDueMs, b);
  });
  if (ids.size() > max) ids.resize(max);
  for (const auto& queue : m_queue)
    for (auto it = queue.begin(); it != queue.end() && it->first <= nowMs && ids.size() < max; ++it)
      if (!m_docs[it->second].focused) ids.push_back(it->second);
  return ids;
}

void PollScheduler::setDue(DocId id, int64_t atMs) {
  Doc& d = m_docs[id];
  auto& queue = m_queue[static_cast<std::size_t>(d.level)];
  queue.erase({d.nextDueMs, id});
  d.nextDueMs = atMs;
  queue.emplace(atMs, id);
}

void PollScheduler::setFailures(Doc& d, int failures) {
  m_failing += (failures > 0) - (d.failures > 0);
  d.failures = failures;
}

void PollScheduler::succeeded(DocId id, int64_t nowMs, Validators validators) {
  m_docs[id].validators = std::move(validators);
  notModified(id, nowMs);
}

void PollScheduler::notModified(DocId id, int64_t nowMs) {
  Doc& d = m_docs[id];
  setFailures(d, 0);
  if (!m_errors.empty()) m_errors.erase(id);
  d.lastOkMs = nowMs;
  setDue(id, nowMs + interval(d.level));
}

void PollScheduler::failed(DocId id, int64_t nowMs, std::string error, int retryAfterSeconds) {
  Doc& d = m_docs[id];
  setFailures(d, std::min(d.failures + 1, 30));
  m_errors[id] = std::move(error);
  // Exponential backoff with "equal jitter": half the window fixed, half random, so that many
  // clients retrying after the same outage spread out but none comes back too soon.
  const int64_t cap = std::min(m_policy.backoffMaxMs, m_policy.backoffBaseMs << std::min(d.failures - 1, 20));
  int64_t wait = static_cast<int64_t>(static_cast<double>(cap) * (0.5 + 0.5 * uniform()));
  if (retryAfterSeconds >= 0) wait = std::max(wait, int64_t{std::min(retryAfterSeconds, kMaxRetryAfterSeconds)} * 1000);
  setDue(id, nowMs + wait);
}

bool PollScheduler::wake(DocId id, int64_t atMs) {
  Doc& d = m_docs[id];
  if (d.failures > 0 || d.nextDueMs <= atMs) return false;
  setDue(id, atMs);
  return true;
}

bool PollScheduler::putOff(DocId id, int64_t nowMs) {
  Doc& d = m_docs[id];
  if (d.lastOkMs != 0 || d.failures > 0 || d.focused) return false;
  setDue(id, std::max(d.nextDueMs, nowMs + interval(d.level)));
  return true;
}

int64_t PollScheduler::nextDueMs() const {
  int64_t next = INT64_MAX;
  for (const auto& queue : m_queue)
    if (!queue.empty()) next = std::min(next, queue.begin()->first);
  return next;
}

}  // namespace pantau::data
