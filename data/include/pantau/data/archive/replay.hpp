#pragma once
/// Any moment of a recorded night as a Snapshot: every document current at that moment (the
/// latest recorded at or before it) applied in the order a live client would, from the nation down
/// to `deepest`, plus the documents of regions asked for (a view below the sweep: a district's,
/// a village's and its TPS'). Each moment is built afresh from the archive, so seeking backwards is
/// as exact as forwards and costs the same.
///
/// Threading: one thread at a time; the snapshots it returns are immutable.

#include <memory>
#include <vector>

#include "pantau/data/archive/archive.hpp"
#include "pantau/data/integrity/integrity.hpp"
#include "pantau/data/model/snapshot.hpp"

namespace pantau::data {

class Replay {
 public:
  Replay(std::shared_ptr<const ArchiveReader> archive, std::shared_ptr<const RegionTree> tree, Level deepest = Level::Regency);
  const ArchiveReader& archive() const { return *m_archive; }
  /// Also apply this region's own document and, for a village, its TPS' (kept until cleared).
  void want(RegionId region);
  /// Also apply every TPS document under this region (the turnout and integrity layers).
  void wantTpsUnder(RegionId region);
  void clearWanted() { m_wanted.clear(), m_tpsUnder.clear(); }
  /// The night as it stood at `atMs`. Fails only without a candidate list at that moment.
  Result<std::shared_ptr<const Snapshot>> at(int64_t atMs);
  /// Documents applied and failed by the last at().
  std::size_t applied() const { return m_applied; }
  std::size_t failed() const { return m_failed; }

 private:
  std::shared_ptr<const ArchiveReader> m_archive;
  std::shared_ptr<const RegionTree> m_tree;
  Level m_deepest;
  std::vector<RegionId> m_wanted, m_tpsUnder;
  std::size_t m_applied = 0, m_failed = 0;
};

}  // namespace pantau::data
