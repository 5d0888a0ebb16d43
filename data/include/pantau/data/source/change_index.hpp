#pragma once
/// The tree as the change index (README "Polite by default"): a parent's table row is its
/// child's totals (votes, progress, PSU status), so a child's document is read again when its row
/// changed, at once, and otherwise only on a slow interval (for what rows do not show: a TPS's
/// photos and administrasi). With nothing changing, a client costs the origin its fast levels
/// (the nation, and for a display the provinces) at their poll intervals, plus the slow refresh.
///
/// The decisions of both polite clients of a source, the live client (every display) and the
/// relay's poller: they keep their own PollScheduler and tell the index what they read.
///
/// - A changed row does not wake a child whose document, as held, the origin wrote at or after the
///   table (their Last-Modified): the row describes what the client holds already. Without this a
///   child read after its parent's table was regenerated, and before the table was read, was woken,
///   could only come back 304, and was asked again kWakeTries times.
/// - A woken document that comes back unchanged (the origin may write a parent's table before the
///   child's document) is asked again `retryMs` later, up to kWakeTries times.
/// - A row that says its region has reported nothing (no votes) tells what the child's document
///   holds: from `emptyRowsWaitFrom` down, a document not read yet whose row is empty is not read
///   until its row changes (else on the slow interval). At the start of a night nearly every TPS's
///   row is empty, so a display reads a TPS once, when it reports, instead of once empty and again
///   when it reports.
/// - `slowRps` spreads the slow refresh: a slow level's interval grows with the documents polled
///   slowly, so that the slow refresh of them all costs at most `slowRps` requests a second (the
///   822k TPS of the integrity layer at the nation: about 5 days at 2/s, so in a night a TPS is
///   read again only when its row changed).
///
/// Threading: one thread (the client's worker).

#include <cstdint>
#include <memory>
#include <vector>

#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/sirekap/sirekap_types.hpp"
#include "pantau/data/source/poll_scheduler.hpp"

namespace pantau::data {

struct ChangeIndexOptions {
  /// Below the fast levels, a document is read when its row changed, else at most this often
  /// (0: no change index, every level at the policy's interval).
  int64_t slowMs = 3600000;
  int fastLevels = 1;  ///< levels from the nation polled at their own interval (1: the nation)
  double slowRps = 0;  ///< the slow refresh costs at most this many requests a second (0: no cap)
  int64_t retryMs = 30000;  ///< a woken document that came back unchanged is asked again after this
  /// From this level down (a Level's number), a document not read yet whose row is empty waits for
  /// its row (kLevelCount: never; the relay holds every document of a version, empty or not).
  int emptyRowsWaitFrom = kLevelCount;
};

class ChangeIndex {
 public:
  static constexpr uint8_t kWakeTries = 4;

  ChangeIndex(std::shared_ptr<const RegionTree> tree, ChangeIndexOptions options);

  bool enabled() const { return m_options.slowMs > 0; }
  const ChangeIndexOptions& options() const { return m_options; }
  /// `base` with the slow levels' intervals stretched to the slow interval.
  PollPolicy slowPolicy(PollPolicy base) const;
  /// The region's own document is polled as `doc` (call once per document added).
  void track(RegionId region, PollScheduler::DocId doc);
  /// Sets the slow levels' intervals in `s` to slowIntervalMs() (after documents were tracked).
  void spreadSlowRefresh(PollScheduler& s) const;
  /// The slow interval: slowMs, or longer so the slow refresh stays within slowRps.
  int64_t slowIntervalMs() const;

  /// `parent`'s table was just read whole (its validators in `s` are the table's): the children
  /// whose rows changed since the last read, and whose documents as held are older than the table,
  /// are due at `nowMs` (rows seen for the first time wake nothing). Returns how many woke.
  std::size_t tableRead(RegionId parent, const Aggregate& table, PollScheduler& s, int64_t nowMs);
  /// The region's own document was read: `changed` (new content) or not (a 304, the same bytes).
  void documentRead(RegionId region, bool changed, PollScheduler& s, int64_t nowMs);

  uint64_t woken() const { return m_woken; }  ///< documents read early because their row changed
  /// Documents not read because their row is empty (and not read since): what they hold is known.
  uint32_t waitingOnEmptyRows() const { return m_waitingOnEmptyRows; }

 private:
  std::shared_ptr<const RegionTree> m_tree;
  ChangeIndexOptions m_options;
  static constexpr PollScheduler::DocId kUntracked = UINT32_MAX;
  std::vector<PollScheduler::DocId> m_docOf;  ///< by region; kUntracked when not polled
  std::vector<uint64_t> m_rowHash;            ///< by region: its row in its parent's table (0: none seen)
  std::vector<uint8_t> m_awaiting;            ///< by region: woken, own document not changed yet
  std::vector<uint8_t> m_waitsOnRow;          ///< by region: not read, its row is empty
  /// Puts off the first read of `child`'s document when its row (seen for the first time) is empty.
  void waitIfEmpty(RegionId child, const AggregateRow& row, PollScheduler& s, int64_t nowMs);
  /// The child's document as held was written at or after its parent's table (`tableWritten`, the
  /// origin's seconds; -1: not known).
  bool holdsNewer(RegionId child, int64_t tableWritten, const PollScheduler& s) const;
  std::size_t m_slowDocs = 0;
  uint32_t m_waitingOnEmptyRows = 0;
  uint64_t m_woken = 0;
};

}  // namespace pantau::data
