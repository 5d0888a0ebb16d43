#pragma once
// Where the window's snapshots come from: a live source (the LiveClient's worker, the embedded
// night or a real recap API) or a recorded night (an archive, replayed at a moment the timeline
// moves: play and pause at x1 to x3600, scrub anywhere). The window asks the same of both.
//
// Threading: the UI thread.

#include <memory>
#include <string>

#include "draw_helpers.hpp"
#include "pantau/data/source/live_client.hpp"
#include "pantau/data/archive/replay.hpp"
#include "ui_text.hpp"

namespace pantau::viewer {

class Feed {
 public:
  virtual ~Feed() = default;
  /// The newest snapshot (null before the first).
  virtual std::shared_ptr<const data::Snapshot> latest() = 0;
  /// The view changed (or its layer): fetch or replay what it needs.
  virtual void show(data::RegionId view, bool tpsLayer) = 0;
  /// The change layer's earlier moment, `secondsBefore` the latest in the source's clock, or at
  /// `sinceEpoch` when given.
  virtual std::shared_ptr<const data::Snapshot> baseline(const data::Snapshot& latest, std::optional<int64_t> sinceEpoch) = 0;
  /// "Now" for staleness: the wall clock live, the timeline's moment in a replay.
  virtual int64_t clockMs() const = 0;
  /// A recorded night: moves the timeline to `ms` (within the night); false for a live source,
  /// which only has "now".
  virtual bool seek(int64_t /*ms*/) { return false; }
  /// Draws its own controls (the replay's timeline) inside the ImGui frame; true while the
  /// timeline moves or the moment it shows is still being built (the window keeps looking).
  virtual bool drawControls(const UiText&, const Fonts&, int /*width*/, int /*height*/) { return false; }
  /// A live source's TPS sweep (the integrity and turnout layers): TPS read of those needed.
  virtual data::TpsSweepProgress tpsSweep() const { return {}; }
};

std::unique_ptr<Feed> makeLiveFeed(std::shared_ptr<const data::RegionTree> tree, std::unique_ptr<data::Source> source,
                                   data::LiveOptions options);
/// `startMs`: where the timeline starts (default the archive's end), paused; `options`: whose race.
std::unique_ptr<Feed> makeReplayFeed(std::shared_ptr<const data::RegionTree> tree, std::shared_ptr<const data::ArchiveReader> archive,
                                     std::optional<int64_t> startMs, data::ReplayOptions options);

}  // namespace pantau::viewer
