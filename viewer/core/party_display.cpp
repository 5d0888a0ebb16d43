#include "party_display.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>

#include "pantau/render/colours.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {

struct PartyLook {
  PartyId id;
  const char* shortName;
  uint32_t safe;  ///< 0xRRGGBB
};

// Okabe-Ito's eight (black left out: it reads as a border) for the parties that can win seats,
// each near its own warna's family where one is free (PDI-P's red to vermillion, Golkar's yellow,
// NasDem's and Demokrat's blues, PKB's green); Tol's muted and dark sets for the rest.
constexpr PartyLook kParties[] = {
    {1, "PKB", 0x009E73},      {2, "Gerindra", 0x882255},  {3, "PDI-P", 0xD55E00},
    {4, "Golkar", 0xF0E442},   {5, "NasDem", 0x0072B2},    {6, "Buruh", 0x661100},
    {7, "Gelora", 0x88CCEE},   {8, "PKS", 0xE69F00},       {9, "PKN", 0x999933},
    {10, "Hanura", 0xDDCC77},  {11, "Garuda", 0x6699CC},   {12, "PAN", 0xCC79A7},
    {13, "PBB", 0x44AA99},     {14, "Demokrat", 0x56B4E9}, {15, "PSI", 0x332288},
    {16, "Perindo", 0xAA4499}, {17, "PPP", 0x117733},      {24, "Ummat", 0x888888},
};

const PartyLook* lookOf(PartyId id) {
  for (const PartyLook& p : kParties)
    if (p.id == id) return &p;
  return nullptr;
}

std::string folded(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

const char* partyShortName(PartyId id) {
  const PartyLook* p = lookOf(id);
  return p ? p->shortName : "";
}

std::optional<PartyId> parsePartyName(std::string_view text) {
  if (!text.empty() &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      text.size() <= 3) {
    const PartyId id = static_cast<PartyId>(std::stoul(std::string(text)));
    if (lookOf(id)) return id;
    return std::nullopt;
  }
  const std::string want = folded(text);
  for (const PartyLook& p : kParties)
    if (!want.empty() && folded(p.shortName) == want) return p.id;
  return std::nullopt;
}

uint32_t partyColourBlindHex(PartyId id) {
  const PartyLook* p = lookOf(id);
  return p ? p->safe : 0x888888;
}

uint32_t columnHue(const Snapshot& s, Contest contest, std::size_t index, bool colourBlindSafe) {
  if (contest ==
      Contest::Pdpd) {  // DPD candidates have no warna: Tol's bright and muted sets by ballot order
    static constexpr uint32_t kTol[] = {0x4477AA, 0xEE6677, 0x228833, 0xCCBB44, 0x66CCEE, 0xAA3377,
                                        0x332288, 0xDDCC77, 0x117733, 0x88CCEE, 0x882255, 0x44AA99};
    return kTol[index % std::size(kTol)];
  }
  if (!colourBlindSafe) return s.candidateList().candidates[index].rgb;
  if (contest == Contest::Pdpr) return partyColourBlindHex(s.candidates()[index]);
  return render::colourBlindSafeHex(index);
}

std::string columnLabel(const Candidate& c, Contest contest) {
  if (contest == Contest::Pdpr) {
    const char* name = partyShortName(c.id);
    return *name ? name : c.nama;
  }
  return (c.nomorUrut < 10 ? "0" : "") + std::to_string(c.nomorUrut);
}

}  // namespace pantau::viewer
