#pragma once
/// The DPR count of the regions as a Snapshot whose vote columns are the parties, so that what
/// reads a presidential snapshot (the export: votes_NN, share_NN, winner, progress; the QGIS
/// styles in the parties' `warna`) reads the DPR the same way. A one-shot read of the source's
/// `/pemilu/hhcw/pdpr/...` aggregates (the presidential shape with party keys, sirekap-pileg.md
/// "Aggregates") from a region down to a level.
///
/// Threading: runs on the calling thread; the Source is used by it alone for the call. The
/// Snapshot returned is immutable: share it freely.

#include <memory>

#include "pantau/data/base/result.hpp"
#include "pantau/data/contests/legislative_types.hpp"
#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

/// The parties that stand for the DPR (not Aceh's local ones) as vote columns: id and ballot
/// number are the party's `id_pilihan` ("01" PKB ... "17" PPP, "24" Partai Ummat), with its name
/// and `warna`.
CandidateList dprPartyColumns(const PartyList& parties);

/// "/pemilu/hhcw/pdpr/35/3578.json" for a region (the presidential path with the contest's slug).
std::string pdprCountsPath(const RegionTree& tree, RegionId region);

struct PdprReadStats {
  std::size_t applied = 0, missing = 0;
};

/// Reads the aggregate of `under` and of every region below it down to `level` (province ...
/// village; a TPS's DPR document has another shape) and applies them. A document not published
/// yet (404) is missing, not an error. Fails when a document is bad (the error names its path and
/// the field: a party not in `parties` is one) or nothing could be read at all.
Result<std::shared_ptr<const Snapshot>> readPdprSnapshot(Source& source,
                                                         std::shared_ptr<const RegionTree> tree,
                                                         const CandidateList& parties,
                                                         RegionId under, Level level,
                                                         PdprReadStats& stats);

}  // namespace pantau::data
