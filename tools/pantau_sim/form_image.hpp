#pragma once
// A generated page of a TPS's C1 tally form (about 720x1000 px, JPEG), so that a person can put
// the photo beside the published numbers. Page 2 (index 1) carries the votes. The boxes show what
// the officials wrote (the true count); where Sirekap's OCR misread the form, the page shows the
// cause: an X struck across the empty hundreds box that OCR read as a 5 or an 8.

#include <string>

#include "legislative_model.hpp"
#include "night_model.hpp"

namespace pantau::sim {

/// JPEG bytes of page `page` (0-2) of the C1 form of `tps`.
std::string formImageJpeg(const NightModel& model, data::RegionId tps, int page);

/// JPEG bytes of page `page` of the DPR form (`dpr`: 3 pages, voters / each party's total /
/// ballots) or the DPD form (5 pages: voters / the province's candidates over three / ballots).
std::string legislativeFormJpeg(const LegislativeModel& model, data::RegionId tps, bool dpr, int page);

}  // namespace pantau::sim
