// Seats from DPR votes: the threshold, Sainte-Laguë per dapil and the caleg in a party's seats.
// Quotients are compared exactly by cross-multiplication (v_a * (2 s_b + 1) against
// v_b * (2 s_a + 1)) in 128 bits, so no floating-point rounding can decide a seat.

#include "pantau/data/contests/seats.hpp"

#include <algorithm>
#include <map>

namespace pantau::data {

namespace {

__extension__ typedef unsigned __int128 u128;  // GCC and Clang have it; -Wpedantic needs the marker

/// True when entry a (votes va, seats sa) has the strictly better claim to the next seat.
bool betterClaim(uint64_t va, uint32_t sa, uint32_t rankA, std::size_t a, uint64_t vb, uint32_t sb,
                 uint32_t rankB, std::size_t b) {
  const u128 lhs = u128(va) * (2u * u128(sb) + 1u), rhs = u128(vb) * (2u * u128(sa) + 1u);
  if (lhs != rhs) return lhs > rhs;
  if (va != vb) return va > vb;
  if (rankA != rankB) return rankA < rankB;
  return a < b;
}

/// Each party's position in the national order (more votes first, then lower id): the second
/// tie-break of a dapil's seat.
std::map<PartyId, uint32_t> nationalRank(const std::vector<PartySeats>& parties) {
  std::vector<const PartySeats*> order;
  for (const PartySeats& p : parties) order.push_back(&p);
  std::sort(order.begin(), order.end(), [](const PartySeats* a, const PartySeats* b) {
    return a->votes != b->votes ? a->votes > b->votes : a->party < b->party;
  });
  std::map<PartyId, uint32_t> rank;
  for (uint32_t i = 0; i < order.size(); ++i) rank[order[i]->party] = i;
  return rank;
}

/// The caleg of `party` who take its `seats` in the dapil, best first.
void electCaleg(const DapilVotes& d, PartyId party, uint32_t seats, std::vector<CalegId>& elected) {
  std::vector<const CalegVotes*> list;
  for (const CalegVotes& c : d.caleg)
    if (c.party == party) list.push_back(&c);
  std::sort(list.begin(), list.end(), [](const CalegVotes* a, const CalegVotes* b) {
    if (a->votes != b->votes) return a->votes > b->votes;
    if (a->nomorUrut != b->nomorUrut) return a->nomorUrut < b->nomorUrut;
    return a->id < b->id;
  });
  for (uint32_t i = 0; i < seats && i < list.size(); ++i) elected.push_back(list[i]->id);
}

DapilSeats allocateDapil(const DapilVotes& d, const std::map<PartyId, bool>& passed,
                         const std::map<PartyId, uint32_t>& rank) {
  DapilSeats out{d.code, d.seats, {}, {}};
  std::vector<PartyId> ids;
  std::vector<uint64_t> votes;
  std::vector<uint32_t> ranks;
  for (const PartyVotes& p : d.parties) {
    if (!passed.at(p.party)) continue;
    ids.push_back(p.party);
    votes.push_back(p.votes);
    ranks.push_back(rank.at(p.party));
  }
  const std::vector<uint32_t> seats = sainteLague(votes, d.seats, ranks);
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (seats[i] > 0) out.allocation.push_back({ids[i], votes[i], 0, true, seats[i]});
  std::sort(out.allocation.begin(), out.allocation.end(),
            [&](const PartySeats& a, const PartySeats& b) {
              if (a.seats != b.seats) return a.seats > b.seats;
              if (a.votes != b.votes) return a.votes > b.votes;
              return rank.at(a.party) < rank.at(b.party);
            });
  for (const PartySeats& p : out.allocation) electCaleg(d, p.party, p.seats, out.elected);
  return out;
}

}  // namespace

uint32_t SeatProjection::totalSeats() const {
  uint32_t n = 0;
  for (const PartySeats& p : parties) n += p.seats;
  return n;
}

std::vector<uint32_t> sainteLague(std::span<const uint64_t> votes, uint32_t seats,
                                  std::span<const uint32_t> tieRank) {
  std::vector<uint32_t> won(votes.size(), 0);
  auto rankOf = [&](std::size_t i) { return i < tieRank.size() ? tieRank[i] : 0u; };
  for (uint32_t s = 0; s < seats; ++s) {
    std::size_t best = votes.size();
    for (std::size_t i = 0; i < votes.size(); ++i) {
      if (votes[i] == 0) continue;  // no votes, no seat (a quotient of 0 is no claim)
      if (best == votes.size() ||
          betterClaim(votes[i], won[i], rankOf(i), i, votes[best], won[best], rankOf(best), best))
        best = i;
    }
    if (best == votes.size()) break;
    won[best]++;
  }
  return won;
}

bool passesThreshold(uint64_t votes, uint64_t valid, uint32_t thresholdBasisPoints) {
  if (valid == 0) return false;
  return u128(votes) * 10000u >= u128(valid) * thresholdBasisPoints;
}

SeatProjection projectSeats(std::span<const DapilVotes> dapil, const SeatRules& rules) {
  SeatProjection out;
  out.thresholdBasisPoints = rules.thresholdBasisPoints;
  std::map<PartyId, uint64_t> national;
  for (const DapilVotes& d : dapil)
    for (const PartyVotes& p : d.parties) {
      national[p.party] += p.votes;
      out.validVotes += p.votes;
    }
  std::map<PartyId, bool> passed;
  for (const auto& [party, votes] : national) {
    const bool ok = passesThreshold(votes, out.validVotes, rules.thresholdBasisPoints);
    passed[party] = ok;
    const double share = out.validVotes ? 100.0 * double(votes) / double(out.validVotes) : 0.0;
    out.parties.push_back({party, votes, share, ok, 0});
  }
  const std::map<PartyId, uint32_t> rank = nationalRank(out.parties);
  for (const DapilVotes& d : dapil) {
    DapilSeats ds = allocateDapil(d, passed, rank);
    for (PartySeats& a : ds.allocation) {
      auto it = std::find_if(out.parties.begin(), out.parties.end(),
                             [&](const PartySeats& p) { return p.party == a.party; });
      it->seats += a.seats;
    }
    out.dapil.push_back(std::move(ds));
  }
  return out;
}

}  // namespace pantau::data
