#pragma once
/// The live client: keeps a trustworthy Snapshot of the whole tree down to villages while the
/// server is slow, failing or attacked, and fetches deeper documents (village tables, TPS
/// details) on demand.
///
/// One worker thread fetches (through a Source), parses and applies; every change is published
/// as a new immutable Snapshot through the mailbox, which the UI reads without ever blocking on
/// the network. A failed or malformed document never replaces good data: the region keeps its
/// last figures, with when they were last confirmed and the last error.
///
/// Threading: focus(), request(), mailbox(), start() and stop() are safe from any thread;
/// runOnce() is for the worker (or a test, with the worker not started).

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <unordered_set>

#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/source/change_index.hpp"
#include "pantau/data/source/document_step.hpp"
#include "pantau/data/source/poll_scheduler.hpp"
#include "pantau/data/source/request_budget.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

struct LiveOptions {
  PollPolicy policy;
  std::size_t batch = 64;              ///< documents handed to the Source per round
  Level sweepDeepest = Level::District;  ///< district documents carry the villages' rows
  uint64_t seed = 1;                   ///< jitter; give each viewer its own
  std::function<int64_t()> clockMs;    ///< wall clock in ms (default: system clock)
  /// Every document the source served whole and that parsed and applied, as served (`--record`):
  /// with the time the source says it changed (Last-Modified), else the time it was read. An error
  /// it returns (disk full) is counted in health and shown as its last error; the figures still apply.
  std::function<Status(int64_t timeMs, const FetchResult&)> onDocument;
  /// A source holding only some documents (scraped TPS files) has no candidate list: when it
  /// answers that it has none, these name the candidates (the data folder's list); without them
  /// the documents' own candidate ids do (candidatesById).
  std::optional<CandidateList> fallbackCandidates;
  /// Whose documents it reads (document_step.hpp): the presidential race, the DPR, or the DPD of
  /// `province` (then only that province is swept).
  Contest contest = Contest::Ppwp;
  std::string province;
  /// Polite by default (change_index.hpp): the nation and the provinces (what the nation's map
  /// shows) at their intervals; below them a document is read when its row changed, else on the
  /// slow interval, spread to at most 2 requests a second; a TPS whose row in its village's table
  /// is empty is read when its row changes (when it reports), not before.
  ChangeIndexOptions changeIndex{.slowMs = 3600000, .fastLevels = 2, .slowRps = 2,
                                 .emptyRowsWaitFrom = static_cast<int>(Level::Tps)};
  /// Requests a second to the source at most (0: none; `--max-rps`, defaultMaxRps()). What is on
  /// screen still goes first: the budget caps a round, the scheduler orders it.
  double maxRps = 0;
};

/// A TPS sweep's progress: of the TPS documents needed, those read, or known to hold nothing yet
/// because their row in their village's table is empty (the change index reads them when it changes).
struct TpsSweepProgress {
  uint32_t read = 0, needed = 0;
};

class LiveClient {
 public:
  LiveClient(std::shared_ptr<const RegionTree> tree, std::unique_ptr<Source> source, LiveOptions options = {});
  ~LiveClient();

  SnapshotMailbox& mailbox() { return m_mailbox; }
  const Source& source() const { return *m_source; }

  /// Regions on screen: their documents are fetched first.
  void focus(std::vector<RegionId> regions);
  /// Also fetch (and keep polling) this region's own document: a village's table of TPS or a
  /// TPS's detail. Regions down to sweepDeepest are always polled.
  void request(RegionId region);
  /// Also sweep every TPS document under this region (the integrity and turnout layers read
  /// them): 822k documents for the nation, so a view asks for its own region. With the change
  /// index the villages' tables (the TPS rows) are polled too, and a TPS is read again when its
  /// row changed (else on the slow interval).
  void sweepTpsUnder(RegionId region);

  void start();  ///< the worker thread
  void stop();

  /// One round: fetches what is due (up to `batch`), applies it, publishes if anything changed.
  /// Returns how many documents were fetched.
  std::size_t runOnce();
  int64_t nextDueMs() const;
  /// A TPS sweep's progress, safe from any thread: the TPS documents the views asked for
  /// (sweepTpsUnder, request) and how many of them have been read (0 of 0: none asked for).
  TpsSweepProgress tpsSweep() const { return {m_tpsRead.load() + m_tpsEmptyRows.load(), m_tpsNeeded.load()}; }
  /// The worker's change index (read it while the worker is not running: a test driving runOnce).
  const ChangeIndex& changeIndex() const { return m_index; }

 private:
  int64_t now() const;
  std::string pathOf(RegionId region) const;  ///< the region's counts document, in the contest
  /// Polls the region's own document (from now on; once), known to the change index.
  PollScheduler::DocId poll(RegionId region, Level level, int64_t nowMs);
  void addSweep(int64_t nowMs);
  void addPendingLocked(int64_t nowMs);  ///< requests and TPS sweeps, once the candidates are known
  void take(FetchResult&& r, int64_t nowMs);
  void workerLoop();

  std::shared_ptr<const RegionTree> m_tree;
  std::unique_ptr<Source> m_source;
  LiveOptions m_options;
  ChangeIndex m_index;
  PollScheduler m_scheduler;
  RequestBudget m_budget;  ///< the worker's
  std::atomic<uint32_t> m_tpsNeeded{0}, m_tpsRead{0}, m_tpsEmptyRows{0};  ///< written by the worker
  DocumentStep m_step;  ///< documents to snapshot state; ready once the candidate list is known
  SnapshotMailbox m_mailbox;

  mutable std::mutex m_mutex;  ///< guards the two requests below and wakes the worker
  std::condition_variable m_wake;
  std::vector<RegionId> m_pendingFocus, m_pendingRequests, m_pendingTpsSweeps;
  std::unordered_set<RegionId> m_detailWanted;  ///< TPS asked for by request(): keep their images
  bool m_focusChanged = false;
  std::atomic<bool> m_stop{false};
  std::thread m_worker;
};

}  // namespace pantau::data
