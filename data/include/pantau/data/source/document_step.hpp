#pragma once
/// The one step from a fetched document to snapshot state (design.md "The flow": Parser, then
/// Model update). Every reader of a source goes through it: the live client, the one-shot reads of
/// the tools (`readOnce`) and replay (a one-shot read of an archive at a moment). It is the only
/// place a document is parsed and applied.
///
/// What it does with one FetchResult: reads the candidate list (the builder is created from the
/// first one; nothing can be counted before it), parses a count document by its kind and applies
/// it, confirms an unchanged one (304), and records a failure on the region it belongs to, whose
/// figures stay (a bad document never replaces good data). The source's health is counted as it
/// goes; publish() freezes a Snapshot and runs the integrity checks on it.
///
/// A new kind of document is one DocumentKind, its path in documentPath() and its case in
/// DocumentStep::parseAndApply(). A contest (Options::contest) is the same documents under its
/// slug: for the DPR (`pdpr`) the candidate list is `/pemilu/partai.json` (the 18 DPR parties, its
/// Aceh-only parties left out: they never stand for the DPR), the aggregates have the presidential
/// shape with party columns, and a TPS's party totals (`jml_suara_total`) are its votes.
///
/// Threading: one thread at a time (the driver's).

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "pantau/data/contests/legislative_types.hpp"
#include "pantau/data/integrity/integrity.hpp"
#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

/// Which document: its kind (sirekap_types.hpp: the candidate list names the vote columns, an
/// aggregate carries a region's chart and its children's rows, a TPS its counts, administrasi and
/// photos) and the region it belongs to (none for the candidate list).
struct DocumentRef {
  DocumentKind kind = DocumentKind::Candidates;
  RegionId region = kNoRegion;
  static DocumentRef candidates() { return {}; }
  /// A region's counts document: an aggregate, or a TPS's detail at the TPS level.
  static DocumentRef counts(const RegionTree& tree, RegionId region) {
    return {tree.level(region) == Level::Tps ? DocumentKind::Tps : DocumentKind::Aggregate, region};
  }
  friend bool operator==(const DocumentRef&, const DocumentRef&) = default;
};

/// The API path of a document ("/pemilu/ppwp.json", "/pemilu/hhcw/ppwp/35/3578.json"; for the
/// DPR "/pemilu/partai.json", "/pemilu/hhcw/pdpr/35/3578.json").
std::string documentPath(const RegionTree& tree, const DocumentRef& doc,
                         Contest contest = Contest::Ppwp, std::string_view province = {});
/// The contest's candidate list: "/pemilu/ppwp.json", the DPR's "/pemilu/partai.json", a
/// province's DPD candidates "/pemilu/caleg/dpd/35.json".
std::string candidatesPath(Contest contest, std::string_view province = {});

class LegislativeParser;

class DocumentStep {
 public:
  enum class Outcome : uint8_t {
    Applied,      ///< parsed and applied (the candidate list: read)
    NotModified,  ///< a 304: the region's figures are confirmed as of now
    /// Not published (404): the source does not have it, yet or at all (a partial source). No
    /// error: counted once per region in health().missingRegions, not recorded on the region;
    /// the live client still backs it off and asks again.
    Missing,
    Failed,       ///< not fetched, not parsed or not applicable: see lastError()
  };
  struct Options {
    /// Whose documents: the presidential race, the DPR (read by party), or one province's DPD
    /// race (its candidates are the columns; they differ by province, so a DPD snapshot holds
    /// one province: documents above it or beside it name candidates it does not know).
    Contest contest = Contest::Ppwp;
    std::string province = {};  ///< the DPD's province ("35")
  };

  explicit DocumentStep(std::shared_ptr<const RegionTree> tree) : DocumentStep(std::move(tree), Options{}) {}
  DocumentStep(std::shared_ptr<const RegionTree> tree, Options options);
  ~DocumentStep();
  Contest contest() const { return m_options.contest; }

  /// Turns one fetched document into snapshot state, at `nowMs` (when its figures count as
  /// confirmed). `keepDetail`: keep a TPS's whole document (its photos' URLs, for the TPS view).
  Outcome take(const FetchResult& r, const DocumentRef& doc, int64_t nowMs, bool keepDetail = false);
  /// The table of the last aggregate take() applied (its rows are the change index's input).
  const Aggregate& lastAggregate() const { return m_aggregate; }
  /// The DPR document of the last TPS take() applied (its party-only ballots, caleg votes and
  /// dapil, which the snapshot does not hold; its photos are moved out). DPR steps only.
  const PdprTps& lastPdprTps() const { return m_pdprTps; }
  /// The last TPS take() applied as the snapshot read it (a DPR's: its party totals as votes).
  const TpsDetail& lastTps() const { return m_tps; }
  /// Why the last take() that did not apply failed: "path: reason".
  const Error& lastError() const { return m_lastError; }

  /// Names the candidates from `list` when the source has none (a partial source); a list read
  /// before keeps its place.
  void useCandidates(const CandidateList& list);
  /// A source with no candidate list and none at hand to stand in (a partial source, no data
  /// folder): the first count document that carries votes names the candidates by their ids
  /// (candidatesById), and count documents are taken from now on.
  void nameCandidatesFromDocuments() { m_candidatesFromDocuments = true; }
  /// True once a candidate list has been read (count documents can be applied).
  bool ready() const { return m_builder != nullptr; }
  /// Count documents can be taken: a list was read, or the documents will name the candidates.
  bool takesCounts() const { return m_builder || m_candidatesFromDocuments; }
  /// The state so far; null before the candidate list.
  const SnapshotBuilder* builder() const { return m_builder.get(); }
  SourceHealth& health() { return m_builder ? m_builder->health() : m_preHealth; }
  /// Something changed since the last publish.
  bool dirty() const { return m_builder && m_builder->dirty(); }
  /// Freezes the state as a Snapshot with the integrity checks' results (only what changed since
  /// the last publish is re-checked). Null before the candidate list.
  std::shared_ptr<const Snapshot> publish(int64_t nowMs);
  /// Snapshots published from here on are numbered after `version` (a replay's successive
  /// moments, each built by a fresh step, still count up for their readers).
  void continueVersionsAfter(uint64_t version) { m_firstVersionAfter = version; }

 private:
  Outcome fail(const DocumentRef& doc, Error e);
  Outcome missing(const DocumentRef& doc, Error e);
  void found(const DocumentRef& doc);
  Status nameFromChart(std::span<const VoteCount> chart, const std::string& path);
  void confirm(const DocumentRef& doc, int64_t nowMs);
  Status readCandidates(const FetchResult& r);
  Status readParties(const FetchResult& r);
  Status readDpdCandidates(const FetchResult& r);
  Status parseTps(const FetchResult& r);
  Status parseAndApply(const FetchResult& r, const DocumentRef& doc, int64_t nowMs, bool keepDetail);

  std::shared_ptr<const RegionTree> m_tree;
  Options m_options;
  SirekapParser m_parser;
  Aggregate m_aggregate;  ///< reused: the parser keeps their capacity
  TpsDetail m_tps;
  std::unique_ptr<LegislativeParser> m_legislative;  ///< the DPR's party list and TPS documents
  PdprTps m_pdprTps;
  std::unique_ptr<SnapshotBuilder> m_builder;
  SourceHealth m_preHealth;  ///< health before the builder exists
  IntegrityEngine m_integrity;
  Error m_lastError{ErrorCode::Network, {}};
  uint64_t m_firstVersionAfter = 0;
  bool m_candidatesFromDocuments = false;
  std::vector<uint8_t> m_missing;  ///< by region: its document answered 404 last
  uint32_t m_missingCount = 0;
};

}  // namespace pantau::data
