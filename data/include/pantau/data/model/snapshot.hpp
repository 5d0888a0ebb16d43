#pragma once
/// The live picture of the whole country at one moment: an immutable Snapshot, shared by the
/// render thread, the integrity checks and the exporters (design.md "The flow").
///
/// Tallies are stored per RegionId in chunks of kChunkRegions. A new snapshot copies only the
/// chunks that changed and shares the rest with the one before, so publishing after one district
/// document costs one or two chunk copies, not the country.
///
/// Threading: Snapshot is immutable and safe to read from any thread. SnapshotBuilder belongs to
/// the one thread that applies documents. SnapshotMailbox is safe from any thread.

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/sirekap/sirekap_types.hpp"

namespace pantau::data {

inline constexpr std::size_t kChunkRegions = 1024;

struct RegionStatus {
  enum Flag : uint8_t {
    kHasRow = 1,          ///< its row in the parent's table has been seen
    kReported = 2,        ///< that row carries candidate votes
    kStatusProgress = 4,  ///< the row's status_progress, as served
    kHasOwn = 8,          ///< its own document has been read
  };
  float persen = 0;             ///< the row's persen, as served
  uint8_t flags = 0;
  uint32_t progressTotal = 0;   ///< own document's progres.total (TPS in the region)
  uint32_t progressReported = 0;
  int64_t confirmedAtMs = 0;    ///< wall clock (ms) when a document last confirmed these figures
  int64_t sourceTs = 0;         ///< Sirekap `ts` (epoch UTC) of that document
  Psu psu = Psu::Absent;        ///< own document's psu (a re-vote may lower a count)
  std::shared_ptr<const std::string> lastError;  ///< the last failure of its own document, or null
  bool has(Flag f) const { return flags & f; }
};

struct TallyChunk {
  std::vector<uint32_t> votes;     ///< kChunkRegions x K: the region's row in its parent's table
  std::vector<uint32_t> ownVotes;  ///< kChunkRegions x K: its own document's chart
  std::vector<RegionStatus> status;
};

/// What a TPS document said besides its votes (those are the TPS's ownVotes): the figures the
/// integrity checks and the turnout layer need, kept compactly for all 822k TPS.
struct TpsFacts {
  enum Flag : uint8_t {
    kDocument = 1,     ///< its document has been read
    kChart = 2,        ///< `chart` was present (not null)
    kAdministrasi = 4, ///< `administrasi` was present
    kStatusSuara = 8,
    kStatusAdm = 16,
  };
  Administrasi adm;
  Psu psu = Psu::Absent;
  uint8_t flags = 0;
  bool has(Flag f) const { return flags & f; }
  /// Both halves digitised and confirmed: its numbers should no longer move.
  bool complete() const {
    constexpr uint8_t all = kChart | kAdministrasi | kStatusSuara | kStatusAdm;
    return (flags & all) == all;
  }
};

/// TPS facts share the tally chunks' indexing (id / kChunkRegions); chunks without TPS stay null.
struct TpsChunk {
  std::vector<TpsFacts> facts = std::vector<TpsFacts>(kChunkRegions);
};

class Snapshot;
/// The integrity checks' results for a snapshot (integrity.hpp), carried here opaque: the checks
/// depend on the model, never the other way round.
class IntegrityState;
/// Runs on each snapshot as it is published, with the one published before it (null at first);
/// what it returns is attached to the snapshot. The integrity engine gives one
/// (IntegrityEngine::checker(), run by the document step's publish).
using SnapshotCheck = std::function<std::shared_ptr<const IntegrityState>(const Snapshot* before, const Snapshot& after)>;

struct SourceHealth {
  uint64_t requests = 0, notModified = 0, errors = 0, bytes = 0, documentsApplied = 0;
  uint32_t inBackoff = 0;        ///< documents waiting out an error backoff
  /// Regions whose document the source does not have (404): a partial source says this once,
  /// not as an error per region.
  uint32_t missingRegions = 0;
  int64_t lastSuccessMs = 0;
  std::string lastError;
};

class Snapshot {
 public:
  uint64_t version() const { return m_version; }
  int64_t publishedAtMs() const { return m_publishedAtMs; }
  const RegionTree& tree() const { return *m_tree; }
  const std::shared_ptr<const RegionTree>& treePtr() const { return m_tree; }
  const std::vector<CandidateId>& candidates() const { return m_candidates; }
  std::size_t candidateCount() const { return m_candidates.size(); }
  /// Names, colours (warna) and ballot numbers, in the order of candidates().
  const CandidateList& candidateList() const { return *m_candidateList; }

  std::span<const uint32_t> votes(RegionId id) const { return slice(chunk(id).votes, id); }
  std::span<const uint32_t> ownVotes(RegionId id) const { return slice(chunk(id).ownVotes, id); }
  const RegionStatus& status(RegionId id) const { return chunk(id).status[id % kChunkRegions]; }
  /// The TPS details fetched on demand (images, administrasi), or null.
  std::shared_ptr<const TpsDetail> tpsDetail(RegionId id) const;
  /// The TPS's administrasi and status once its document has been read, else null.
  const TpsFacts* tpsFacts(RegionId id) const {
    const auto& c = m_tpsChunks[id / kChunkRegions];
    if (!c) return nullptr;
    const TpsFacts& f = c->facts[id % kChunkRegions];
    return f.has(TpsFacts::kDocument) ? &f : nullptr;
  }
  /// The integrity checks' results for this snapshot, when the builder ran them (else null).
  const IntegrityState* integrity() const { return m_integrity.get(); }
  const std::shared_ptr<const IntegrityState>& integrityPtr() const { return m_integrity; }
  const SourceHealth& health() const { return m_health; }
  /// True when both snapshots hold the very same chunk for `id` (it did not change between them).
  bool sharesChunkWith(const Snapshot& other, RegionId id) const {
    return m_chunks[id / kChunkRegions] == other.m_chunks[id / kChunkRegions] &&
           m_tpsChunks[id / kChunkRegions] == other.m_tpsChunks[id / kChunkRegions];
  }
  std::size_t chunkCount() const { return m_chunks.size(); }

 private:
  friend class SnapshotBuilder;
  const TallyChunk& chunk(RegionId id) const { return *m_chunks[id / kChunkRegions]; }
  std::span<const uint32_t> slice(const std::vector<uint32_t>& v, RegionId id) const {
    return {v.data() + (id % kChunkRegions) * m_candidates.size(), m_candidates.size()};
  }

  uint64_t m_version = 0;
  int64_t m_publishedAtMs = 0;
  std::shared_ptr<const RegionTree> m_tree;
  std::vector<CandidateId> m_candidates;
  std::shared_ptr<const CandidateList> m_candidateList;
  std::vector<std::shared_ptr<const TallyChunk>> m_chunks;
  std::vector<std::shared_ptr<const TpsChunk>> m_tpsChunks;
  std::shared_ptr<const std::map<RegionId, std::shared_ptr<const TpsDetail>>> m_tpsDetails;
  std::shared_ptr<const IntegrityState> m_integrity;
  SourceHealth m_health;
};

/// Builds successive snapshots, copying a chunk only on its first write after a publish.
class SnapshotBuilder {
 public:
  SnapshotBuilder(std::shared_ptr<const RegionTree> tree, std::vector<CandidateId> candidates);
  /// The full candidate list (names, warna); its order defines the vote columns.
  SnapshotBuilder(std::shared_ptr<const RegionTree> tree, const CandidateList& candidates);

  const RegionTree& tree() const { return *m_tree; }
  const std::vector<CandidateId>& candidates() const { return m_candidates; }
  int candidateIndex(CandidateId id) const;  ///< -1 when unknown

  std::span<const uint32_t> votes(RegionId id) const;
  std::span<const uint32_t> ownVotes(RegionId id) const;
  const RegionStatus& status(RegionId id) const;
  std::span<uint32_t> mutableVotes(RegionId id);
  std::span<uint32_t> mutableOwnVotes(RegionId id);
  RegionStatus& mutableStatus(RegionId id);
  const TpsFacts* tpsFacts(RegionId id) const;
  TpsFacts& mutableTpsFacts(RegionId id);
  /// Keeps the whole document (image URLs) for the TPS view. Meant for the few TPS a person
  /// opens: each call copies the map of kept documents.
  void setTpsDetail(RegionId id, std::shared_ptr<const TpsDetail> detail);
  SourceHealth& health() { m_dirty = true; return m_health; }

  bool dirty() const { return m_dirty; }
  /// Snapshots published from here on are numbered after `version` (successive builders, such as
  /// a replay's moments, keep counting up for their readers).
  void continueVersionsAfter(uint64_t version) { m_version = std::max(m_version, version); }
  /// Freezes the current state as a new Snapshot (version + 1). With a check (the integrity
  /// checks), runs it against the last published snapshot and attaches its results.
  std::shared_ptr<const Snapshot> publish(int64_t nowMs, const SnapshotCheck& check = {});

 private:
  TallyChunk& writable(RegionId id);

  std::shared_ptr<const RegionTree> m_tree;
  std::vector<CandidateId> m_candidates;
  std::shared_ptr<const CandidateList> m_candidateList;
  std::vector<std::shared_ptr<TallyChunk>> m_chunks;
  std::vector<std::shared_ptr<TpsChunk>> m_tpsChunks;
  std::vector<uint8_t> m_owned;     ///< chunk written since the last publish (not shared yet)
  std::vector<uint8_t> m_tpsOwned;  ///< the same for TPS chunks
  std::shared_ptr<const Snapshot> m_last;  ///< the last published (the integrity checks' "before")
  std::shared_ptr<const std::map<RegionId, std::shared_ptr<const TpsDetail>>> m_tpsDetails;
  SourceHealth m_health;
  uint64_t m_version = 0;
  bool m_dirty = true;
};

/// Latest wins: the writer publishes, readers take the newest whenever they are ready.
class SnapshotMailbox {
 public:
  void publish(std::shared_ptr<const Snapshot> s);
  std::shared_ptr<const Snapshot> latest() const;
  /// Waits until a snapshot newer than `version` is published or `timeoutMs` passes.
  std::shared_ptr<const Snapshot> waitNewer(uint64_t version, int timeoutMs) const;

 private:
  mutable std::mutex m_mutex;
  mutable std::condition_variable m_cv;
  std::shared_ptr<const Snapshot> m_latest;
};

/// Applies an aggregate document of `region` (nation to village): its own chart and progres,
/// and its table's rows to its children. The whole document is checked first (every row a child
/// of `region`, every candidate known); a document that fails changes nothing.
Status applyAggregate(SnapshotBuilder& b, RegionId region, const Aggregate& doc, int64_t nowMs);
/// Applies a TPS document: its chart as the TPS's own votes and its administrasi as TpsFacts;
/// with `keepDetail`, the whole document too (image URLs, for the TPS view).
Status applyTps(SnapshotBuilder& b, RegionId tps, const TpsDetail& doc, int64_t nowMs, bool keepDetail = true);

/// The API path of a region's counts document: "/pemilu/hhcw/ppwp.json" for the nation,
/// "/pemilu/hhcw/ppwp/11/1101.json" below it; `contest` is the API's slug ("pdpr": the DPR's).
std::string countsPath(const RegionTree& tree, RegionId id, std::string_view contest = "ppwp");
/// The API path of a region's list of children ("/wilayah/pemilu/ppwp/0.json" for the nation).
std::string regionListPath(const RegionTree& tree, RegionId id);
inline constexpr const char* kCandidatesPath = "/pemilu/ppwp.json";

}  // namespace pantau::data
