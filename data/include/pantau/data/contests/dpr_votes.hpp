#pragma once
/// The DPR count of every dapil read from a Source in one pass (a one-shot read, for the seat
/// projection): `/pemilu/hhcd/pdpr/{dapil}.json` where the source has it (party and caleg votes),
/// else the sum of the dapil's regency documents `/pemilu/hhcw/pdpr/{p}/{k}.json` (party votes
/// only: no names are projected for that dapil). Luar Negeri's votes (`/pemilu/hhcw/pdpr/99.json`)
/// count in the dapil that lists "99".
///
/// Threading: runs on the calling thread; the Source is used by it alone for the call.

#include <string>
#include <vector>

#include "pantau/data/base/result.hpp"
#include "pantau/data/contests/dpr_tables.hpp"
#include "pantau/data/contests/seats.hpp"
#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

struct DprCount {
  std::vector<DapilVotes> dapil;    ///< in tables.dapil order
  Timestamp latest;                 ///< the newest `ts` among the documents read
  std::size_t recapDocuments = 0;   ///< dapil read from hhcd/pdpr
  std::size_t regionDocuments = 0;  ///< regency (and overseas) documents summed
  std::size_t missingDapil = 0;     ///< dapil with neither: counted with no votes
};

/// One dapil's count from its recap (`/pemilu/hhcd/pdpr/{dapil}.json`): party totals, and caleg
/// votes with their ballot numbers from the tables.
DapilVotes dapilVotesFromRecap(const DapilInfo& d, const DapilRecap& r, const DprTables& tables);

/// Fails only when the source cannot be read at all (nothing came back) or a document is bad: the
/// error names the path and the field.
Result<DprCount> readDprCount(Source& source, const DprTables& tables, const RegionTree& tree);

}  // namespace pantau::data
