#pragma once
/// One-shot commands (mirror, check, export, the relay's first sweep) over a Source that retries
/// what failed for a passing reason: exponential backoff with full jitter, never sooner than the
/// server's Retry-After, all within one deadline. What still failed when the deadline comes is
/// handed on as failed, with its last error: nothing is retried for ever, nothing is dropped.
///
/// Retried: transfer failures (connection, timeout), HTTP 5xx, 408 and 429, and bodies the
/// optional `validate` refuses (a malformed 200 is most often a server mid-write). Not retried:
/// 404 and other 4xx, refused paths and redirects, bodies over the size limit.
///
/// Threading: like any Source, used by one thread at a time; cancel() may be called from any.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string_view>
#include <cstdint>
#include <functional>
#include <memory>

#include "pantau/data/source/source.hpp"

namespace pantau::data {

struct RetryPolicy {
  std::chrono::milliseconds deadline{120000};  ///< from the start of each fetch() call
  std::chrono::milliseconds baseDelay{250};    ///< the first retry's window (then doubles)
  std::chrono::milliseconds maxDelay{15000};   ///< the largest window
  int maxAttempts = 12;                        ///< per request, the first one included
  uint64_t seed = 0;                           ///< 0: from the clock (jitter differs per process)
  /// Checks an Ok body (e.g. that it parses); an error makes it a failure worth retrying.
  std::function<Status(const FetchResult&)> validate;
};

struct RetryStats {
  uint64_t retries = 0;        ///< requests sent again
  uint64_t recovered = 0;      ///< requests that failed at first and then succeeded
  uint64_t gaveUp = 0;         ///< requests still failed at the deadline or the attempt limit
  uint64_t invalidBodies = 0;  ///< bodies `validate` refused (each attempt)
};

/// Wraps `inner`. stats() accumulates over every fetch() call.
class RetryingSource final : public Source {
 public:
  RetryingSource(std::unique_ptr<Source> inner, RetryPolicy policy);
  std::string describe() const override { return m_inner->describe(); }
  void fetch(std::span<const FetchRequest> requests, const std::function<void(FetchResult&&)>& onDone) override;
  void cancel() override;
  uint64_t version() const override { return m_inner->version(); }
  const RetryStats& stats() const { return m_stats; }

 private:
  bool retryable(const FetchResult& r) const;
  std::chrono::milliseconds delayFor(int attempt, int retryAfterSeconds);

  std::unique_ptr<Source> m_inner;
  RetryPolicy m_policy;
  RetryStats m_stats;
  uint64_t m_rng;
  std::atomic<bool> m_cancelled{false};
  std::mutex m_mutex;  ///< for m_wake only
  std::condition_variable m_wake;
};

/// The deadline flag the one-shot tools share: "--deadline SECONDS" (1..86400). Returns false and
/// says why when the value is not a whole number of seconds in range.
bool parseDeadlineSeconds(std::string_view text, std::chrono::milliseconds& out);

}  // namespace pantau::data
