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

void requestView(Replay& replay, const RegionTree& t, RegionId view, bool tpsLayer) {
  replay.clearWanted();
  const Level level = t.level(view);
  if (level >= Level::District) replay.want(level == Level::Tps ? t.parent(view) : view);  // a village: its TPS too
  if (level == Level::Tps) replay.want(view);
  if (tpsLayer && level < Level::Village) replay.wantTpsUnder(view);
}

}  // namespace pantau::viewer
