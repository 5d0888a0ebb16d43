#include "view_requests.hpp"

namespace pantau::viewer {

using namespace pantau::data;

void requestView(LiveClient& live, const RegionTree& t, RegionId view, bool tpsLayer) {
  const Level level = t.level(view);
  const RegionId village = level == Level::Tps ? t.parent(view) : view;
  if (level >= Level::District) live.request(level == Level::Tps ? village : view);
  if (level == Level::Village || level == Level::Tps) live.sweepTpsUnder(village);
  if (level == Level::Tps) live.request(view);
  if (tpsLayer && level < Level::Village) live.sweepTpsUnder(view);
}

}  // namespace pantau::viewer
