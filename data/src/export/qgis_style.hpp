#pragma once
// QGIS styles for an exported layer, stored in the GeoPackage's `layer_styles` table (QGIS's own
// schema), so the file opens in QGIS coloured as Pantau's map: the winner in KPU's colours (or
// Okabe-Ito), pale to deep by margin; shares, progress, turnout and integrity graduated. And the
// `winner` field domain (ballot number -> name) that QGIS and GDAL show instead of "01".
//
// Threading: pure functions over their arguments, plus writes into the one dataset given.

#include <ogrsf_frmts.h>

#include <string>
#include <vector>

#include "pantau/data/base/result.hpp"
#include "pantau/data/sirekap/sirekap_types.hpp"

namespace pantau::data {

struct QgisStyle {
  std::string name;  ///< styleName (QGIS keeps it short: under 30 characters)
  std::string description;
  std::string qml;
  bool isDefault = false;
};

/// What the styles need to know of the layer: its candidates and which fields it has.
struct StyledLayer {
  const CandidateList* candidates = nullptr;
  std::vector<std::string> fields;  ///< every attribute field, in order
  std::string integrityField;       ///< "flagged_per_1000", or "flags" for TPS rows
  int timelineMinutes = 0;          ///< > 0: `ts` drives QGIS's temporal controller, one step long
};

/// The winner style (default), its colour-blind-safe twin, then one graduated style per share,
/// progress, turnout and integrity.
std::vector<QgisStyle> exportStyles(const StyledLayer& layer);

/// Creates `layer_styles` (unless it exists) and adds `styles` for `layer`.
Status writeLayerStyles(GDALDataset& ds, OGRLayer& layer, const std::vector<QgisStyle>& styles);

/// Name of the winner domain written by addWinnerDomain.
inline constexpr const char* kWinnerDomain = "pantau_winner";
/// Adds the coded domain "01" -> "01 NAME" for each candidate (GeoPackage).
Status addWinnerDomain(GDALDataset& ds, const CandidateList& candidates);

/// "01" for ballot number 1: the suffix of votes_NN and share_NN and the winner's code.
std::string ballotNumber(uint32_t nomorUrut);

}  // namespace pantau::data
