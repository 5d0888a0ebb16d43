// Single-digit correction proposals for flagged TPS (see correction.hpp for the rules).

#include "pantau/data/integrity/correction.hpp"

#include <algorithm>
#include <cstdio>
#include <tuple>

#include "pantau/data/integrity/integrity.hpp"

namespace pantau::data {

int digitDistance(uint32_t a, uint32_t b) {
  int d = 0;
  while (a || b) {
    d += (a % 10) != (b % 10);
    a /= 10;
    b /= 10;
  }
  return d;
}

namespace {
int digitCount(uint32_t v) {
  int n = 1;
  while (v >= 10) v /= 10, ++n;
  return n;
}
}  // namespace

std::optional<Correction> proposeCorrection(const TpsFacts& f, std::span<const uint32_t> votes, bool exemptFromCap) {
  if (!f.has(TpsFacts::kChart) || !f.has(TpsFacts::kAdministrasi)) return std::nullopt;
  const Administrasi& a = f.adm;
  int64_t sum = 0;
  for (uint32_t v : votes) sum += v;
  const uint32_t dpt = a.pemilihDpt[0];

  if (a.suaraSah > 0 && sum != a.suaraSah) {
    std::optional<Correction> best;
    std::tuple<int, int, int> bestRank{};
    for (std::size_t c = 0; c < votes.size(); ++c) {
      const int64_t need = int64_t{a.suaraSah} - (sum - votes[c]);
      if (need < 0 || need == votes[c]) continue;
      const auto to = static_cast<uint32_t>(need);
      const int d = digitDistance(votes[c], to);
      if (d > 2 || (d == 2 && (to > votes[c] ? to - votes[c] : votes[c] - to) >= 100)) continue;
      if ((!exemptFromCap && to > kCandidateCap) || (dpt > 0 && to > dpt)) continue;
      // Rank: fewer digits changed; then a hundreds digit that should not be there (the X across
      // an empty hundreds box); then a figure that broke a bound as read.
      const bool leadingDrop = digitCount(votes[c]) == 3 && digitCount(to) < 3 && d == 1;
      const bool wasOutOfBounds = (!exemptFromCap && votes[c] > kCandidateCap) || (dpt > 0 && votes[c] > dpt);
      const std::tuple<int, int, int> rank{d, leadingDrop ? 0 : 1, wasOutOfBounds ? 0 : 1};
      if (best && rank == bestRank) {
        best->alternatives++;
      } else if (!best || rank < bestRank) {
        best = Correction{Correction::Field::CandidateVotes, static_cast<uint8_t>(c), votes[c], to, to, d, 0};
        bestRank = rank;
      }
    }
    return best;
  }

  // More votes than 1.02 x DPT, and DPT x 10 would hold them: the DPT box lost its last digit.
  if (dpt > 0 && sum * 100 > int64_t{dpt} * 102 && sum * 100 <= (int64_t{dpt} * 10 + 9) * 102) {
    uint32_t lo = dpt * 10, hi = dpt * 10 + 9;
    // The _l and _p boxes lost theirs too when their sum still matches: narrows the range.
    if (a.pemilihDpt[1] + a.pemilihDpt[2] <= dpt + 1 && a.pemilihDpt[1] + a.pemilihDpt[2] + 1 >= dpt) {
      lo = std::max(lo, (a.pemilihDpt[1] + a.pemilihDpt[2]) * 10);
      hi = std::min(hi, (a.pemilihDpt[1] + a.pemilihDpt[2]) * 10 + 18);
    }
    lo = std::max(lo, a.penggunaDpt[0]);  // at least the DPT voters who came
    if (lo > hi) return std::nullopt;
    return Correction{Correction::Field::Dpt, 0, dpt, lo, hi, 1, 0};
  }
  return std::nullopt;
}

std::string describe(const Correction& c, std::span<const CandidateId> candidates, const TpsFacts& f) {
  char buf[192];
  const char* digits = c.digitsChanged == 1 ? "one digit" : "two digits";
  if (c.field == Correction::Field::Dpt) {
    std::snprintf(buf, sizeof buf, "pemilih_dpt_j %u -> %u-%u (a digit lost; the votes then fit the DPT)", c.from,
                  c.to, c.toMax);
  } else {
    const unsigned long cand = c.candidate < candidates.size() ? candidates[c.candidate] : 0;
    std::snprintf(buf, sizeof buf, "candidate %lu: %u -> %u (%s; the sum then equals suara_sah %u%s)", cand, c.from,
                  c.to, digits, f.adm.suaraSah, c.alternatives ? "; another change fits as well: see the form" : "");
  }
  return buf;
}

}  // namespace pantau::data
