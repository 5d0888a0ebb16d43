#pragma once
// What colour a region gets on each map layer (`--layer`), from a snapshot (and, for `change`,
// an earlier one). Pure: no GL, so the layers are tested as values.

#include <string>

#include "pantau/data/contests/legislative_types.hpp"
#include "pantau/data/model/snapshot.hpp"

namespace pantau::viewer {

/// What the fill colour shows (`--layer`).
struct LayerChoice {
  /// Race: the DPD's race for the fourth seat (its margin over the fifth), deep where it is tight.
  enum Kind { Winner, Share, Progress, Turnout, Change, Integrity, Race } kind = Winner;
  data::CandidateId candidate = 0;  ///< Share; Change (0: the candidate leading the nation)
  bool colourBlindSafe = false;     ///< winner colours from Okabe-Ito instead of KPU's warna
  /// Whose columns the snapshot holds (--contest): the tickets, or the DPR's parties.
  data::Contest contest = data::Contest::Ppwp;
  /// "winner", "share:100026", "progress", "turnout", "change", "change:100026", "integrity",
  /// with --contest pdpd "race";
  /// for the DPR share and change name a party by id or short name ("share:3", "share:PDI-P");
  /// false (with a message) for anything else.
  static bool parse(const std::string& spec, LayerChoice& out, std::string& error,
                    data::Contest contest = data::Contest::Ppwp);
  std::string spec() const;  ///< back to the --layer text
  /// The layer after this one (L in the window); share and change follow the nation's leader.
  LayerChoice next(const data::Snapshot& s) const;
  /// True for the layers that read TPS documents (the client must sweep them).
  bool needsTps() const { return kind == Turnout || kind == Integrity; }
};

/// The scales' ranges, shared by the map and its legend.
inline constexpr double kTurnoutLow = 0.5;       ///< turnout 50% at the pale end, 100% at the deep end
inline constexpr double kChangeRangePoints = 5;  ///< +-5 percentage points at the ends
inline constexpr double kFlaggedPerThousandMax = 20;
inline constexpr double kRaceRangePoints = 3;  ///< the fourth seat's margin: 0 deep, 3+ points pale

/// The candidate the change layer follows: the chosen one, else the nation's leader.
int changeCandidate(const LayerChoice& layer, const data::Snapshot& s);

/// What one region shows on a layer.
struct RegionShade {
  uint32_t colour = 0;  ///< packed RGBA; render::kNoData for the hatch
  int winner = -1;      ///< candidate index, -1 = no votes
  double value = -1;    ///< the layer's figure: share/progress/turnout 0..1, change in points,
                        ///< flagged TPS per 1,000 (a TPS: its errors); unset (hasValue false)
                        ///< for winner and no data
  bool hasValue = false;
};
RegionShade regionShade(const LayerChoice& layer, const data::Snapshot& s, const data::Snapshot* baseline,
                        data::RegionId id);

}  // namespace pantau::viewer
