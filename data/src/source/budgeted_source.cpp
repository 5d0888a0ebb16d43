// budgetedSource: a Source that asks its origin at most `maxRps` requests a second, for the
// one-shot readers (pantau-data check, export, mirror; a headless still) that hand a source
// thousands of requests at once. The live client and the relay spend their RequestBudget
// themselves, so that what is on screen can still go first.

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "pantau/data/base/clock.hpp"
#include "pantau/data/source/request_budget.hpp"

namespace pantau::data {

namespace {

class BudgetedSource final : public Source {
 public:
  BudgetedSource(std::unique_ptr<Source> inner, double maxRps)
      : m_inner(std::move(inner)), m_budget(maxRps, steadyMs()) {}

  std::string describe() const override { return m_inner->describe(); }
  uint64_t version() const override { return m_inner->version(); }

  void fetch(std::span<const FetchRequest> requests,
             const std::function<void(FetchResult&&)>& onDone) override {
    std::size_t at = 0;
    while (at < requests.size()) {
      if (m_cancelled) return failRest(requests.subspan(at), onDone);
      const std::size_t n = m_budget.allowed(steadyMs(), requests.size() - at);
      if (n == 0) {  // out of budget: wait for the next request's worth (or a cancel)
        std::unique_lock lock(m_mutex);
        m_wake.wait_for(lock, std::chrono::milliseconds(m_budget.waitMs()), [&] { return m_cancelled.load(); });
        continue;
      }
      m_budget.spend(n);
      m_inner->fetch(requests.subspan(at, n), onDone);
      at += n;
    }
  }

  void cancel() override {
    m_cancelled = true;
    m_wake.notify_all();
    m_inner->cancel();
  }

 private:
  static void failRest(std::span<const FetchRequest> rest, const std::function<void(FetchResult&&)>& onDone) {
    for (const FetchRequest& q : rest) {
      FetchResult r;
      r.tag = q.tag;
      r.path = q.path;
      r.error = {ErrorCode::Network, q.path + ": cancelled"};
      onDone(std::move(r));
    }
  }

  std::unique_ptr<Source> m_inner;
  RequestBudget m_budget;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::atomic<bool> m_cancelled{false};
};

}  // namespace

std::unique_ptr<Source> budgetedSource(std::unique_ptr<Source> source, double maxRps) {
  if (maxRps <= 0) return source;
  return std::make_unique<BudgetedSource>(std::move(source), maxRps);
}

}  // namespace pantau::data
