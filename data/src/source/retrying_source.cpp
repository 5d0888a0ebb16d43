// One-shot fetches that retry what failed for a passing reason, within a deadline.

#include "pantau/data/source/retrying_source.hpp"

#include <algorithm>
#include <charconv>

#include "pantau/data/source/http_parse.hpp"

namespace pantau::data {

RetryingSource::RetryingSource(std::unique_ptr<Source> inner, RetryPolicy policy)
    : m_inner(std::move(inner)), m_policy(std::move(policy)),
      m_rng(m_policy.seed ? m_policy.seed : static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())) {}

bool RetryingSource::retryable(const FetchResult& r) const {
  if (r.outcome != FetchOutcome::Failed) return false;
  if (r.error.code == ErrorCode::Network) return true;
  if (r.error.code == ErrorCode::TooLarge || r.error.code == ErrorCode::Refused) return false;
  const int s = r.httpStatus;
  return s >= 500 || s == 408 || s == 429 || s == 200;  // 200 and failed: a body `validate` refused
}

std::chrono::milliseconds RetryingSource::delayFor(int attempt, int retryAfterSeconds) {
  // Full jitter over an exponential window (AWS's "full jitter"): clients that failed together
  // come back spread over the whole window.
  m_rng = m_rng * 6364136223846793005ull + 1442695040888963407ull;
  const double unit = static_cast<double>(m_rng >> 11) * 0x1.0p-53;
  const int64_t window = std::min<int64_t>(m_policy.maxDelay.count(), m_policy.baseDelay.count() << std::min(attempt - 1, 20));
  int64_t ms = static_cast<int64_t>(static_cast<double>(window) * unit);
  if (retryAfterSeconds >= 0) ms = std::max<int64_t>(ms, int64_t{std::min(retryAfterSeconds, kMaxRetryAfterSeconds)} * 1000);
  return std::chrono::milliseconds(ms);
}

void RetryingSource::cancel() {
  m_cancelled = true;
  m_inner->cancel();
  std::lock_guard lock(m_mutex);
  m_wake.notify_all();
}

void RetryingSource::fetch(std::span<const FetchRequest> requests, const std::function<void(FetchResult&&)>& onDone) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + m_policy.deadline;
  std::vector<int> attempts(requests.size(), 0);
  std::vector<FetchRequest> round;
  round.reserve(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) round.push_back({requests[i].path, requests[i].validators, i});
  auto handOn = [&](FetchResult&& r, std::size_t i, bool gaveUp) {
    if (gaveUp) {
      m_stats.gaveUp++;
      r.error.message += " (still failing after " + std::to_string(attempts[i]) + (attempts[i] == 1 ? " attempt)" : " attempts)");
    } else if (attempts[i] > 1 && r.outcome != FetchOutcome::Failed) {
      m_stats.recovered++;
    }
    r.tag = requests[i].tag;
    onDone(std::move(r));
  };
  for (int pass = 1;; ++pass) {
    std::vector<FetchResult> failed;
    m_inner->fetch(round, [&](FetchResult&& r) {
      const std::size_t i = r.tag;
      attempts[i]++;
      if (r.outcome == FetchOutcome::Ok && m_policy.validate) {
        if (Status s = m_policy.validate(r); !s) {
          m_stats.invalidBodies++;
          r.outcome = FetchOutcome::Failed;
          r.body = {};
          r.error = {s.error().code, r.path + ": " + s.error().message};
        }
      }
      const bool retry = retryable(r) && attempts[i] < m_policy.maxAttempts && !m_cancelled;
      if (retry) failed.push_back(std::move(r));
      else handOn(std::move(r), i, r.outcome == FetchOutcome::Failed && retryable(r));
    });
    if (failed.empty()) return;
    int retryAfter = -1;
    for (const FetchResult& r : failed) retryAfter = std::max(retryAfter, r.retryAfterSeconds);
    const auto wait = delayFor(pass, retryAfter);
    if (m_cancelled || Clock::now() + wait >= deadline) {
      for (FetchResult& r : failed) handOn(std::move(r), r.tag, true);
      return;
    }
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait_for(lock, wait, [&] { return m_cancelled.load(); });
    }
    round.clear();
    for (const FetchResult& r : failed) round.push_back({requests[r.tag].path, requests[r.tag].validators, r.tag});
    m_stats.retries += round.size();
  }
}

bool parseDeadlineSeconds(std::string_view text, std::chrono::milliseconds& out) {
  int seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc{} || end != text.data() + text.size() || seconds < 1 || seconds > 86400) return false;
  out = std::chrono::seconds(seconds);
  return true;
}

}  // namespace pantau::data
