// Whole versions of a relay for displays that switch in step (see relay_version_reader.hpp).

#include "pantau/data/source/relay_version_reader.hpp"

#include <algorithm>
#include <chrono>

#include "pantau/data/base/clock.hpp"
#include "pantau/data/source/relay_changes.hpp"

namespace pantau::data {

RelayVersionReader::RelayVersionReader(std::shared_ptr<const RegionTree> tree, std::string baseUrl,
                                       FetchPlan plan, RelayReaderOptions options)
    : m_tree(std::move(tree)),
      m_plan(std::move(plan)),
      m_options(std::move(options)),
      m_step(m_tree) {
  if (baseUrl.starts_with("relay+")) baseUrl.erase(0, 6);
  while (!baseUrl.empty() && baseUrl.back() == '/') baseUrl.pop_back();
  m_who = "relay+" + baseUrl;
  m_http = makeHttpSource(baseUrl, m_options.source);
  m_docs.push_back(DocumentRef::candidates());
  for (std::size_t i = 0; i < m_plan.size(); ++i) m_docs.push_back(m_plan.document(i));
  m_validators.resize(m_docs.size());
}

RelayVersionReader::~RelayVersionReader() {
  stop();
}

void RelayVersionReader::start() {
  if (m_worker.joinable()) return;
  m_worker = std::thread([this] {
    while (!m_stop) {
      const bool read = poll();
      std::unique_lock lock(m_mutex);
      // A version read: look again at once (the relay may have moved on while it was read).
      if (!read)
        m_wake.wait_for(lock, std::chrono::milliseconds(m_options.followMs),
                        [this] { return m_stop.load(); });
    }
  });
}

void RelayVersionReader::stop() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_wake.notify_all();
  m_http->cancel();
  if (m_worker.joinable()) m_worker.join();
}

std::shared_ptr<const RelayVersion> RelayVersionReader::ready() const {
  std::lock_guard lock(m_mutex);
  return m_recent.empty() ? nullptr : m_recent.back();
}

std::vector<std::shared_ptr<const RelayVersion>> RelayVersionReader::readyAfter(
    uint64_t version) const {
  std::lock_guard lock(m_mutex);
  std::vector<std::shared_ptr<const RelayVersion>> out;
  for (const auto& v : m_recent)
    if (v->latest.version > version) out.push_back(v);
  return out;
}

RelayReaderStatus RelayVersionReader::status() const {
  std::lock_guard lock(m_mutex);
  return m_status;
}

void RelayVersionReader::setError(std::string message) {
  std::lock_guard lock(m_mutex);
  m_status.lastError = std::move(message);
}

bool RelayVersionReader::poll() {
  auto next =
      fetchRelayLatest(*m_http, m_who, m_announced ? &*m_announced : nullptr, m_latestValidators);
  if (!next) {
    setError(next.error().message);
    return false;
  }
  {
    std::lock_guard lock(m_mutex);
    m_status.contactMs = wallMs();
    if (*next)
      m_status.announced = (*next)->version, m_status.announcedApplyAtMs = (*next)->applyAtMs;
  }
  if (*next) m_announced = std::move(**next);
  const auto held = ready();
  if (!m_announced || (held && held->latest.version >= m_announced->version)) return false;
  return readVersion(*m_announced);
}

std::optional<std::vector<bool>> RelayVersionReader::changedSince(uint64_t held,
                                                                  uint64_t version) {
  auto changes = fetchRelayChanges(*m_http, m_who, version);
  std::lock_guard lock(m_mutex);
  if (!changes) {
    m_status.changesRefused = changes.error().message + " (the whole version is read instead)";
    return std::nullopt;
  }
  if (changes->since != held) return std::nullopt;  // this display skipped a version: read it all
  std::vector<bool> changed(m_docs.size());
  for (std::size_t i = 0; i < m_docs.size(); ++i)
    changed[i] = std::binary_search(changes->paths.begin(), changes->paths.end(),
                                    documentPath(*m_tree, m_docs[i]));
  m_status.changesReads++;
  return changed;
}

/// Every document first, then (all in) applied in plan order: nothing of a version half read is
/// ever applied, so the step's state is always one whole version.
bool RelayVersionReader::readVersion(const RelayLatest& latest) {
  const auto held = ready();
  const auto changed = held ? changedSince(held->latest.version, latest.version) : std::nullopt;
  std::vector<FetchRequest> requests;
  requests.reserve(m_docs.size());
  std::vector<FetchResult> results(m_docs.size());
  for (std::size_t i = 0; i < m_docs.size(); ++i) {
    if (!changed || (*changed)[i]) {
      requests.push_back({documentPath(*m_tree, m_docs[i]), m_validators[i], i});
      continue;
    }
    // Unchanged since the version held: what a full read would get (a 304, or the same 404).
    FetchResult& r = results[i];
    r.path = documentPath(*m_tree, m_docs[i]);
    r.tag = i;
    r.validators = m_validators[i];
    r.outcome = m_validators[i].etag.empty() ? FetchOutcome::Failed : FetchOutcome::NotModified;
    if (r.outcome == FetchOutcome::Failed) r.error = {ErrorCode::Missing, r.path + ": not in the version held"};
  }
  {
    std::lock_guard lock(m_mutex);
    m_status.documentsRequested += requests.size();
  }
  std::string failure;
  fetchRelayVersion(*m_http, m_who, latest.version, requests, [&](FetchResult&& r, std::size_t k) {
    const bool missing = r.outcome == FetchOutcome::Failed && r.error.code == ErrorCode::Missing;
    if (r.outcome == FetchOutcome::Failed && !missing && failure.empty())
      failure =
          "version " + std::to_string(latest.version) + ": " + r.path + ": " + r.error.message;
    results[requests[k].tag] = std::move(r);
  });
  if (!failure.empty()) {
    setError(failure + " (the version before stays on screen)");
    return false;
  }
  const int64_t readAt = wallMs();
  for (std::size_t i = 0; i < m_docs.size(); ++i) {
    FetchResult& r = results[i];
    if (r.outcome == FetchOutcome::Ok) m_validators[i] = r.validators;
    if (r.outcome == FetchOutcome::Failed) m_validators[i] = {};  // not in this version
    (void)m_step.take(r, m_docs[i], latest.publishedMs);
  }
  auto snapshot = m_step.publish(latest.publishedMs);
  if (!snapshot) {
    setError(m_who + ": version " + std::to_string(latest.version) + " has no candidate list");
    return false;
  }
  auto version = std::make_shared<RelayVersion>(RelayVersion{latest, std::move(snapshot), readAt});
  std::lock_guard lock(m_mutex);
  m_recent.push_back(std::move(version));
  if (m_recent.size() > kKeptVersions) m_recent.erase(m_recent.begin());
  m_status.lastError.clear();
  return true;
}

}  // namespace pantau::data
