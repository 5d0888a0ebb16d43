#pragma once
/// Earlier snapshots kept in memory, one per Sirekap regeneration (the nation's `ts`), so that the
/// `change` layer can compare with "an hour ago" during a live night. Snapshots share unchanged
/// chunks, so keeping dozens costs only what changed between them.
///
/// Threading: one owner (the UI thread).

#include <cstdint>
#include <memory>
#include <vector>

#include "pantau/data/model/snapshot.hpp"

namespace pantau::data {

class SnapshotHistory {
 public:
  explicit SnapshotHistory(std::size_t capacity = 48) : m_capacity(capacity) {}
  /// Keeps `s` when its nation `ts` is new; when full, thins out the older half (every other one),
  /// so the history still reaches back to the start of the night.
  void add(std::shared_ptr<const Snapshot> s);
  /// The newest kept snapshot whose nation `ts` is at or before `sourceTs` (epoch UTC); null if none.
  std::shared_ptr<const Snapshot> at(int64_t sourceTs) const;
  std::size_t size() const { return m_kept.size(); }

 private:
  std::size_t m_capacity;
  std::vector<std::shared_ptr<const Snapshot>> m_kept;  ///< by nation ts, oldest first
};

}  // namespace pantau::data
