#pragma once
/// Which document to fetch next, and when: the live client's decisions, kept free of I/O so that
/// they can be tested as plain values.
///
/// - Documents of the regions on screen ("focused") come first, then shallower levels (the nation
///   before provinces), then the earliest due.
/// - After a success a document is due again after its level's poll interval, with jitter, so that
///   a thousand viewers started together never fire together.
/// - After a failure it backs off exponentially with full jitter, and never sooner than the
///   server's Retry-After.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

struct PollPolicy {
  std::array<int64_t, kLevelCount> intervalMs{30000, 30000, 60000, 120000, 300000, 300000};
  double jitter = 0.2;            ///< intervals vary by +-20%
  int64_t backoffBaseMs = 1000;
  int64_t backoffMaxMs = 300000;
};

class PollScheduler {
 public:
  using DocId = uint32_t;
  struct Doc {
    std::string path;
    RegionId region = kNoRegion;  ///< kNoRegion for documents not about a region (candidates)
    Level level = Level::Nation;
    bool focused = false;
    int failures = 0;
    int64_t nextDueMs = 0;
    int64_t lastOkMs = 0;  ///< last 200 or 304
    Validators validators;
    std::string lastError;
  };

  explicit PollScheduler(PollPolicy policy = {}, uint64_t seed = 1) : m_policy(policy), m_rng(seed) {}

  /// Adds a document, due at once; adding a known path returns its id and changes nothing.
  DocId add(std::string path, RegionId region, Level level, int64_t nowMs);
  std::optional<DocId> find(const std::string& path) const;
  /// Marks the documents of these regions as on screen (all others are not). Those that come on
  /// screen while parked later than `nowMs` + their level's interval (a long backoff or Retry-After)
  /// are due at `nowMs`: looking at a region fetches it. A failure then backs off again from its count.
  void setFocus(std::span<const RegionId> regions, int64_t nowMs);

  /// Up to `max` documents due at `nowMs`, in fetch order.
  std::vector<DocId> due(int64_t nowMs, std::size_t max) const;
  void succeeded(DocId id, int64_t nowMs, Validators validators);
  void notModified(DocId id, int64_t nowMs);
  /// `retryAfterSeconds` (-1: none) is honoured up to kMaxRetryAfterSeconds.
  void failed(DocId id, int64_t nowMs, std::string error, int retryAfterSeconds);

  /// Brings a document's next fetch forward to `atMs` (never later, and not while it backs off
  /// from a failure): a changed row in its parent's table wakes it. True when it moved.
  bool wake(DocId id, int64_t atMs);

  /// Puts off the first read of a document not read yet (not failing, not on screen) as if it were
  /// read at `nowMs`: its level's interval, with jitter. True when it moved.
  bool putOff(DocId id, int64_t nowMs);

  int64_t nextDueMs() const;  ///< INT64_MAX when there is nothing
  const Doc& doc(DocId id) const { return m_docs[id]; }
  std::size_t size() const { return m_docs.size(); }
  uint32_t inBackoff() const;
  const PollPolicy& policy() const { return m_policy; }
  /// A level's interval from now on (the change index stretches the slow levels' as it grows);
  /// documents already scheduled keep their due time.
  void setInterval(Level level, int64_t ms) { m_policy.intervalMs[static_cast<std::size_t>(level)] = ms; }

 private:
  double uniform();  ///< [0, 1), deterministic per seed
  int64_t interval(Level level);

  PollPolicy m_policy;
  uint64_t m_rng;
  std::vector<Doc> m_docs;
  std::unordered_map<std::string, DocId> m_byPath;
};

}  // namespace pantau::data
