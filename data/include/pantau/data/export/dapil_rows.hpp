#pragma once
/// The dapil layer's rows for an export (`--contest pdpr`): each dapil's polygon (dissolved from
/// its regencies), its votes by party, the seat projection's allocation and the caleg it elects.
///
/// Pure: builds values from its arguments; call it from any thread.

#include <vector>

#include "pantau/data/contests/dpr_tables.hpp"
#include "pantau/data/contests/dpr_votes.hpp"
#include "pantau/data/contests/seats.hpp"
#include "pantau/data/export/export.hpp"
#include "pantau/data/geo/dapil_boundaries.hpp"

namespace pantau::data {

/// One row per dapil of `tables`, in its order. `count` and `projection` are in that order too
/// (readDprCount, projectSeats); `shapes` may lack a dapil (then its row has no geometry);
/// `parties` are the export's vote columns (dprPartyColumns). `regionCounts`, when given (a DPR
/// snapshot read down to regencies at least), gives each dapil's progress as the sum of its
/// regencies' (and Luar Negeri's) progres.
std::vector<DapilExportRow> dapilExportRows(const DprTables& tables, const DapilBoundaries& shapes,
                                            const DprCount& count, const SeatProjection& projection,
                                            const CandidateList& parties,
                                            const Snapshot* regionCounts);

}  // namespace pantau::data
