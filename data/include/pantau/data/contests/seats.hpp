#pragma once
/// From DPR votes to seats (sirekap-pileg.md "From votes to seats", UU 7/2017 as applied in 2024):
/// a national threshold (4% of the valid DPR vote), Sainte-Laguë (divisors 1, 3, 5, ...) per dapil
/// among the parties over it, and within a party's seats its candidates (caleg) by votes.
///
/// Ties, which the law settles by the spread of votes (data Sirekap does not publish), are broken
/// here by a fixed, documented order so that a projection is reproducible:
///  - two equal quotients for a dapil's next seat: the party with more votes in that dapil, then
///    the one with more national votes, then the lower party id (its ballot number);
///  - two caleg with equal votes: the lower ballot number (nomor_urut), then the lower caleg id.
/// A party with no votes in a dapil takes no seat there, even when nothing else is left: a dapil
/// where no passing party has a vote keeps its seats unallocated.
///
/// Pure functions of their input; no state, safe from any thread.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace pantau::data {

using PartyId = uint32_t;  ///< `id_pilihan` ("1".."17", "24")
using CalegId = uint32_t;

struct PartyVotes {
  PartyId party = 0;
  uint64_t votes = 0;  ///< `jml_suara_total`: party-only ballots plus its caleg's votes
};

struct CalegVotes {
  CalegId id = 0;
  PartyId party = 0;
  uint32_t nomorUrut = 0;  ///< ballot number, for ties (0 = unknown, sorts first)
  uint64_t votes = 0;
};

/// One dapil's count so far.
struct DapilVotes {
  std::string code;  ///< "1101"
  uint32_t seats = 0;
  std::vector<PartyVotes> parties;
  std::vector<CalegVotes> caleg;  ///< may be empty: then no names are projected
};

struct SeatRules {
  /// The threshold in basis points of the national valid vote (400 = 4.00%), compared exactly in
  /// integers: a party passes when votes * 10000 >= thresholdBasisPoints * valid votes.
  uint32_t thresholdBasisPoints = 400;
};

struct PartySeats {
  PartyId party = 0;
  uint64_t votes = 0;
  double share = 0;  ///< percent of the national valid vote
  bool passed = false;
  uint32_t seats = 0;
};

struct DapilSeats {
  std::string code;
  uint32_t seats = 0;  ///< the dapil's seats (the allocation may sum to less: see above)
  std::vector<PartySeats> allocation;  ///< parties with at least one seat, by seats then votes
  std::vector<CalegId> elected;        ///< by party in allocation order, within a party by votes
};

struct SeatProjection {
  uint64_t validVotes = 0;  ///< sum of every party's votes over every dapil
  uint32_t thresholdBasisPoints = 400;
  std::vector<PartySeats> parties;  ///< every party seen, ordered by id
  std::vector<DapilSeats> dapil;    ///< in input order
  uint32_t totalSeats() const;
};

/// Sainte-Laguë over `votes` for `seats` seats; seats per entry, in input order. Ties: more votes
/// first, then `tieRank` (lower wins; pass the national order), then the lower index.
std::vector<uint32_t> sainteLague(std::span<const uint64_t> votes, uint32_t seats,
                                  std::span<const uint32_t> tieRank = {});

/// Whether `votes` of `valid` meets the threshold (exact integer comparison).
bool passesThreshold(uint64_t votes, uint64_t valid, uint32_t thresholdBasisPoints);

/// The national threshold, then each dapil's seats and names.
SeatProjection projectSeats(std::span<const DapilVotes> dapil, const SeatRules& rules = {});

}  // namespace pantau::data
