#include "view_requests.hpp"

namespace pantau::viewer {

using namespace pantau::data;

ViewNeeds viewNeeds(const RegionTree& t, RegionId view, bool tpsLayer) {
  ViewNeeds needs;
  const Level level = t.level(view);
  const RegionId village = level == Level::Tps ? t.parent(view) : view;
  if (level >= Level::District) needs.regions.push_back(village);  // a district or a village: its own document
  if (level == Level::Village || level == Level::Tps) needs.tpsUnder.push_back(village);
  if (level == Level::Tps) needs.regions.push_back(view);
  if (tpsLayer && level < Level::Village) needs.tpsUnder.push_back(view);
  return needs;
}

void requestView(LiveClient& live, const RegionTree& t, RegionId view, bool tpsLayer) {
  const ViewNeeds needs = viewNeeds(t, view, tpsLayer);
  for (RegionId r : needs.regions) live.request(r);
  for (RegionId r : needs.tpsUnder) live.sweepTpsUnder(r);
}

}  // namespace pantau::viewer
