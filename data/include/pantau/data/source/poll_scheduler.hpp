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
#include <set>
#include <span>
#include <string>
#include <string_view>
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
  /// A document's schedule. Its path is kept once, in the scheduler's arena (path()), and its last
  /// error beside it (lastError()), so that the 914k documents of a nation on the integrity layer
  /// cost what they must (bench/poll_memory.cpp: 315 bytes a document before, paths twice).
  struct Doc {
    int64_t nextDueMs = 0;
    int64_t lastOkMs = 0;  ///< last 200 or 304
    Validators validators;
    uint32_t pathBegin = 0;  ///< into the arena
    RegionId region = kNoRegion;  ///< kNoRegion for documents not about a region (candidates)
    int failures = 0;
    uint16_t pathSize = 0;
    Level level = Level::Nation;
    bool focused = false;
  };

  explicit PollScheduler(PollPolicy policy = {}, uint64_t seed = 1) : m_policy(policy), m_rng(seed) {}

  /// Adds a document, due at once; adding a known path returns its id and changes nothing.
  DocId add(std::string_view path, RegionId region, Level level, int64_t nowMs);
  std::optional<DocId> find(std::string_view path) const;
  /// Marks the documents of these regions as on screen (all others are not). Those that come on
  /// screen while parked later than `nowMs` + their level's interval (a long backoff or Retry-After)
  /// are due at `nowMs`: looking at a region fetches it. A failure then backs off again from its count.
  void setFocus(std::span<const RegionId> regions, int64_t nowMs);

  /// Up to `max` documents due at `nowMs`, in fetch order.
  std::vector<DocId> due(int64_t nowMs, std::size_t max) const;
  /// A 200: its validators kept, and otherwise as notModified (a 304): due again after its interval.
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
  /// Valid until the next add().
  std::string_view path(DocId id) const { return {m_paths.data() + m_docs[id].pathBegin, m_docs[id].pathSize}; }
  /// Why its last fetch failed (empty once it succeeds).
  const std::string& lastError(DocId id) const;
  std::size_t size() const { return m_docs.size(); }
  uint32_t inBackoff() const { return m_failing; }
  const PollPolicy& policy() const { return m_policy; }
  /// A level's interval from now on (the change index stretches the slow levels' as it grows);
  /// documents already scheduled keep their due time.
  void setInterval(Level level, int64_t ms) { m_policy.intervalMs[static_cast<std::size_t>(level)] = ms; }

 private:
  double uniform();  ///< [0, 1), deterministic per seed
  int64_t interval(Level level);

  PollPolicy m_policy;
  uint64_t m_rng;
  /// The slot of `path` in m_slots: where it is, or the empty one it would take.
  std::size_t slotOf(std::string_view path) const;
  void growSlots();

  std::vector<Doc> m_docs;
  std::string m_paths;  ///< every document's path, one after the other
  /// Open addressing by the path's hash, DocIds (kEmptySlot: none); at most half full.
  static constexpr DocId kEmptySlot = UINT32_MAX;
  std::vector<DocId> m_slots;
  std::unordered_map<DocId, std::string> m_errors;  ///< the failing documents' last errors
  /// Every document by (due time, id), one queue a level: the order due() hands them out in.
  std::array<std::set<std::pair<int64_t, DocId>>, kLevelCount> m_queue;
  std::vector<DocId> m_focused;  ///< the documents on screen
  uint32_t m_failing = 0;        ///< documents with failures > 0
  void setDue(DocId id, int64_t atMs);  ///< the one writer of Doc::nextDueMs
  void setFailures(Doc& d, int failures);
};

}  // namespace pantau::data
