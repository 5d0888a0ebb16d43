#pragma once
// What a view needs fetched beyond the sweep (nation down to the regencies): a district's own
// document (its villages' rows), a village's (its TPS rows) and its TPS documents, a TPS's own
// document kept whole (its photos' URLs); and for the turnout and integrity layers every TPS
// under the view. The window and headless modes ask for the same.

#include "pantau/data/source/live_client.hpp"
#include "pantau/data/archive/replay.hpp"

namespace pantau::viewer {

void requestView(data::LiveClient& live, const data::RegionTree& tree, data::RegionId view, bool tpsLayer);
/// The same for a replayed night: what the replay applies beyond the nation-to-regency sweep.
void requestView(data::Replay& replay, const data::RegionTree& tree, data::RegionId view, bool tpsLayer);

}  // namespace pantau::viewer
