#pragma once
// What a view needs fetched beyond the sweep (nation down to the regencies): a district's own
// document (its villages' rows), a village's (its TPS rows) and its TPS documents, a TPS's own
// document kept whole (its photos' URLs); and for the turnout and integrity layers every TPS
// under the view. The window and headless modes, live and replayed, ask for the same.

#include "pantau/data/source/fetch_plan.hpp"
#include "pantau/data/source/live_client.hpp"

namespace pantau::viewer {

data::ViewNeeds viewNeeds(const data::RegionTree& tree, data::RegionId view, bool tpsLayer);
/// Asks the live client for them (it keeps polling them).
void requestView(data::LiveClient& live, const data::RegionTree& tree, data::RegionId view, bool tpsLayer);

}  // namespace pantau::viewer
