#pragma once
/// Earlier snapshots kept in memory, one per Sirekap regeneration (the nation's `ts`), so that the
/// `change` layer can compare with "an hour ago" during a live night. Snapshots share unchanged
/// chunks, so keeping dozens costs only what changed between them; but with every TPS swept (the
/// integrity layer) nearly every chunk changes between regenerations, and each snapshot carries its
/// own integrity state (2.2 MB for the whole tree), so the history is held to a budget of bytes too (issue 14: a window on the integrity layer passed 1.2 GB in 7 minutes).
///
/// Threading: one owner (the UI thread).

#include <cstdint>
#include <memory>
#include <vector>

#include "pantau/data/model/snapshot.hpp"

namespace pantau::data {

class SnapshotHistory {
 public:
  static constexpr std::size_t kDefaultMaxBytes = 256u << 20;
  explicit SnapshotHistory(std::size_t capacity = 48, std::size_t maxBytes = kDefaultMaxBytes)
      : m_capacity(capacity), m_maxBytes(maxBytes) {}
  /// Keeps `s` when its nation `ts` is new; when over `capacity` snapshots or `maxBytes` (what the
  /// kept snapshots do not share with each other, estimated: bytes()), thins out the older
  /// half (every other one), so the history still reaches back to the start of the night; the
  /// two newest are always kept.
  void add(std::shared_ptr<const Snapshot> s);
  /// The newest kept snapshot whose nation `ts` is at or before `sourceTs` (epoch UTC); null if none.
  std::shared_ptr<const Snapshot> at(int64_t sourceTs) const;
  std::size_t size() const { return m_kept.size(); }
  /// The bytes the kept snapshots hold beyond one another (the newest counted whole), estimated
  /// from their chunks: a chunk not shared with the next kept snapshot counts its votes, own votes,
  /// statuses and, where it holds TPS, their facts; an integrity state not shared, its tables.
  std::size_t bytes() const;

 private:
  void thinOlderHalf();

  std::size_t m_capacity, m_maxBytes;
  std::vector<std::shared_ptr<const Snapshot>> m_kept;  ///< by nation ts, oldest first
};

}  // namespace pantau::data
