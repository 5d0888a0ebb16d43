#pragma once
/// Proposed corrections for a flagged TPS: Sirekap's misreads usually touch one digit (an X across
/// an empty hundreds box read as 5 or 8, a tens digit misread, a DPT box that lost its last
/// digit), so the most likely intended figures are the ones a single-digit change away that make
/// the arithmetic hold. A proposal is shown as a suggestion beside the form, never as data.

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "pantau/data/model/snapshot.hpp"

namespace pantau::data {

struct Correction {
  enum class Field : uint8_t { CandidateVotes, Dpt };
  Field field = Field::CandidateVotes;
  uint8_t candidate = 0;   ///< index into the snapshot's candidates (CandidateVotes)
  uint32_t from = 0;       ///< as read
  uint32_t to = 0;         ///< the proposal (Dpt: the lowest value of the range)
  uint32_t toMax = 0;      ///< Dpt: the highest value of the range (a lost digit is any of 0-9)
  int digitsChanged = 0;   ///< how many digit positions differ between from and to
  int alternatives = 0;    ///< other proposals ranked just as likely (the form decides)
};

/// Digit positions that differ between a and b, right-aligned ("641" vs "041": 1).
int digitDistance(uint32_t a, uint32_t b);

/// The most likely correction, or none when no small change makes the figures consistent:
///  - votes that do not sum to suara_sah: the one candidate whose figure, changed in one digit
///    position (or two, when it is a tens misread that carried: less than 100 apart), makes the
///    sum exact and stays within DPT and the ballot cap (one digit beats two; a hundreds digit
///    read into an empty box beats any other);
///  - votes above DPT where DPT looks one digit short: DPT x 10 to DPT x 10 + 9.
std::optional<Correction> proposeCorrection(const TpsFacts& facts, std::span<const uint32_t> votes, bool exemptFromCap);

/// "candidate 100026: 641 -> 41 (one digit; the sum then equals suara_sah 185)".
std::string describe(const Correction& c, std::span<const CandidateId> candidates, const TpsFacts& facts);

}  // namespace pantau::data
