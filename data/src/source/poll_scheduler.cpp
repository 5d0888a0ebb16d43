#include "pantau/data/source/poll_scheduler.hpp"

#include "pantau/data/source/http_parse.hpp"

#include <algorithm>
#include <climits>
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
  for (Doc& d : m_docs) {
    const bool focused = d.region != kNoRegion && set.count(d.region) > 0;
    // The longest a document on its normal schedule waits (the interval with its jitter).
    const auto usual = static_cast<int64_t>(static_cast<double>(m_policy.intervalMs[static_cast<int>(d.level)]) * (1.0 + m_policy.jitter));
    if (focused && !d.focused && d.nextDueMs > nowMs + usual) d.nextDueMs = nowMs;
    d.focused = focused;
  }
}

std::vector<PollScheduler::DocId> PollScheduler::due(int64_t nowMs, std::size_t max) const {
  std::vector<DocId> ids;
  for (DocId i = 0; i < m_docs.size(); ++i)
    if (m_docs[i].nextDueMs <= nowMs) ids.push_back(i);
  auto order = [&](DocId a, DocId b) {
    const Doc &x = m_docs[a], &y = m_docs[b];
    if (x.focused != y.focused) return x.focused;
    if (x.level != y.level) return x.level < y.level;
    if (x.nextDueMs != y.nextDueMs) return x.nextDueMs < y.nextDueMs;
    return a < b;
  };
  if (ids.size() > max) {
    std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(max), ids.end(), order);
    ids.resize(max);
  } else {
    std::sort(ids.begin(), ids.end(), order);
  }
  return ids;
}

void PollScheduler::succeeded(DocId id, int64_t nowMs, Validators validators) {
  Doc& d = m_docs[id];
  d.failures = 0;
  if (!m_errors.empty()) m_errors.erase(id);
  d.lastOkMs = nowMs;
  d.validators = std::move(validators);
  d.nextDueMs = nowMs + interval(d.level);
}

void PollScheduler::notModified(DocId id, int64_t nowMs) {
  Doc& d = m_docs[id];
  d.failures = 0;
  if (!m_errors.empty()) m_errors.erase(id);
  d.lastOkMs = nowMs;
  d.nextDueMs = nowMs + interval(d.level);
}

void PollScheduler::failed(DocId id, int64_t nowMs, std::string error, int retryAfterSeconds) {
  Doc& d = m_docs[id];
  d.failures = std::min(d.failures + 1, 30);
  m_errors[id] = std::move(error);
  // Exponential backoff with "equal jitter": half the window fixed, half random, so that many
  // clients retrying after the same outage spread out but none comes back too soon.
  const int64_t cap = std::min(m_policy.backoffMaxMs, m_policy.backoffBaseMs << std::min(d.failures - 1, 20));
  int64_t wait = static_cast<int64_t>(static_cast<double>(cap) * (0.5 + 0.5 * uniform()));
  if (retryAfterSeconds >= 0) wait = std::max(wait, int64_t{std::min(retryAfterSeconds, kMaxRetryAfterSeconds)} * 1000);
  d.nextDueMs = nowMs + wait;
}

bool PollScheduler::wake(DocId id, int64_t atMs) {
  Doc& d = m_docs[id];
  if (d.failures > 0 || d.nextDueMs <= atMs) return false;
  d.nextDueMs = atMs;
  return true;
}

bool PollScheduler::putOff(DocId id, int64_t nowMs) {
  Doc& d = m_docs[id];
  if (d.lastOkMs != 0 || d.failures > 0 || d.focused) return false;
  d.nextDueMs = std::max(d.nextDueMs, nowMs + interval(d.level));
  return true;
}

int64_t PollScheduler::nextDueMs() const {
  int64_t next = INT64_MAX;
  for (const Doc& d : m_docs) next = std::min(next, d.nextDueMs);
  return next;
}

uint32_t PollScheduler::inBackoff() const {
  uint32_t n = 0;
  for (const Doc& d : m_docs) n += d.failures > 0;
  return n;
}

}  // namespace pantau::data
