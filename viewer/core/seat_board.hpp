#pragma once
// The seat projection the viewer shows (--contest pdpr): each dapil's party votes summed from the
// snapshot's regencies (a dapil is a set of whole regencies; "99", Luar Negeri, is one region),
// then the threshold and Sainte-Laguë (contests/seats.hpp). The names who would sit come from a
// dapil's recap (`/pemilu/hhcd/pdpr/{dapil}.json`, its caleg votes), where one has been read.
// Pure: no GL, no I/O.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pantau/data/contests/dpr_tables.hpp"
#include "pantau/data/contests/seats.hpp"
#include "pantau/data/model/snapshot.hpp"

namespace pantau::viewer {

/// Each dapil's party votes as the snapshot holds them, in tables.dapil order (no caleg).
std::vector<data::DapilVotes> dapilVotesOf(const data::Snapshot& s, const data::DprTables& tables);

/// The projection, with the caleg votes of the dapil in `caleg` (by dapil code) for their names.
data::SeatProjection projectFromSnapshot(
    const data::Snapshot& s, const data::DprTables& tables,
    const std::map<std::string, std::vector<data::CalegVotes>>& caleg = {});

/// The dapil a region votes in: its regency's (or, for Luar Negeri, "99"'s); null above the
/// regencies (a province holds several dapil) and for the nation.
const data::DapilInfo* dapilOfRegion(const data::RegionTree& tree, const data::DprTables& tables,
                                     data::RegionId id);

/// The dapil map (--map dapil): a snapshot in which every regency holds its dapil's party votes and
/// TPS progress, so that the map's layers colour each regency, and thus each dapil, by the dapil.
/// Regions other than the regencies are left empty.
std::shared_ptr<const data::Snapshot> dapilSnapshot(const data::Snapshot& s,
                                                    const data::DprTables& tables);

/// A caleg's name from the tables ("" if unknown).
const data::CalegEntry* findCaleg(const data::DprTables& tables, data::CalegId id);

/// The seats of the hemicycle, `total` of them, in rows: their centres in a unit half disc
/// (x -1..1 left to right, y 0..1 up), ordered from the left end to the right end so that
/// consecutive seats of one party form a wedge.
struct SeatSpot {
  float x = 0, y = 0;
};
std::vector<SeatSpot> hemicycleSpots(uint32_t total, int rows, float innerRadius,
                                     float& seatRadius);

}  // namespace pantau::viewer
