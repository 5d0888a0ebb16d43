#pragma once
/// The integrity checks where their arithmetic applies to the legislative documents
/// (sirekap-pileg.md): a DPR party's jml_suara_total is its party-only ballots plus its caleg's
/// votes; a TPS's party totals (or DPD votes) never exceed its suara sah; a dapil recap's chart
/// equals its table. Pure functions; safe from any thread.

#include <span>
#include <string>
#include <vector>

#include "pantau/data/contests/legislative_types.hpp"

namespace pantau::data {

struct LegislativeFinding {
  std::string check;   ///< "party_caleg_sum", "sum_over_valid", "chart_table"
  std::string detail;  ///< what disagrees, with the numbers
};

std::vector<LegislativeFinding> checkPdprTps(const PdprTps& tps);
/// A DPD TPS has the presidential shape: its chart against suara sah.
std::vector<LegislativeFinding> checkPdpdTps(const TpsDetail& tps);
std::vector<LegislativeFinding> checkDapilRecap(const DapilRecap& recap);

/// The checks a contest's TPS documents get beyond the presidential engine's, in report order:
/// the DPR's party_caleg_sum and sum_over_valid, the DPD's sum_over_valid; none for ppwp.
std::span<const char* const> tpsCheckIds(Contest contest);

}  // namespace pantau::data
