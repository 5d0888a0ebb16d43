#pragma once
// How a contest's vote columns are shown: the DPR's parties by their short names ("PDI-P") and,
// with --palette cb, a colour-blind-safe colour fixed per party; the presidential tickets by
// their ballot number and the Okabe-Ito slot. One place, so that the map, the tallies, the legend
// and the seat view never disagree on a party's colour. Pure: no GL.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pantau/data/contests/legislative_types.hpp"
#include "pantau/data/model/snapshot.hpp"

namespace pantau::viewer {

/// The short name a DPR party goes by ("PKB", "PDI-P", "Ummat"); "" for an id that is none.
const char* partyShortName(data::PartyId id);
/// A party id from its id ("3") or short name ("PDI-P", "pdip", any case); none if neither.
std::optional<data::PartyId> parsePartyName(std::string_view text);
/// The colour-blind-safe colour of a DPR party (0xRRGGBB). The eight parties that passed 4% in
/// 2024 and PPP take Okabe-Ito's eight and Tol's green; the rest Tol's muted set. Fixed per party,
/// so a party keeps its colour all night whatever its rank.
uint32_t partyColourBlindHex(data::PartyId id);

/// The hue of the vote column `index` of `s` (0xRRGGBB): the API's warna, or with `colourBlindSafe`
/// the safe set (by party for the DPR, by slot for the tickets).
uint32_t columnHue(const data::Snapshot& s, data::Contest contest, std::size_t index,
                   bool colourBlindSafe);
/// How a column is named on screen: a ticket's ballot number ("01"), a party's short name.
std::string columnLabel(const data::Candidate& c, data::Contest contest);

}  // namespace pantau::viewer
