#pragma once
// A video wall tile's feed: whole versions of a pantau-relay (RelayVersionReader), each shown at
// its apply_at_ms on the wall clock, so that every tile following the same relay switches in the
// same frame (the clocks kept in step by chrono/PTP: README "Video walls"). The next version is
// handed to the Show ahead of its moment, so the tile can draw it before it is due and only swap
// pictures at the frame (prepare, then present); a tile that does not hold a version by its
// moment keeps the one it shows, whole, and says it is stale.
//
// Threading: the UI (GL) thread; the reader has its own worker.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "feed.hpp"
#include "pantau/data/source/relay_version_reader.hpp"

namespace pantau::viewer {

/// Why a tile is stale (drawn as a badge on it).
struct WallStale {
  enum class Why : uint8_t { No, Behind, RelaySilent } why = Why::No;
  uint64_t shown = 0, latest = 0;  ///< the version on the tile, the newest the relay announced
  std::string shownTs;             ///< the shown version's source_ts ("YYYY-MM-DD HH:MM:SS", WIB)
  friend bool operator==(const WallStale&, const WallStale&) = default;
};

class WallFeed final : public Feed {
 public:
  /// How long the relay may not answer before the tile says so.
  static constexpr int64_t kRelaySilentMs = 5000;

  WallFeed(std::shared_ptr<const data::RegionTree> tree, const std::string& relayUrl,
           data::FetchPlan plan);
  ~WallFeed() override;

  /// The snapshot to draw next: the version being prepared (or shown).
  std::shared_ptr<const data::Snapshot> latest() override;
  void show(data::RegionId, bool) override {}  // a tile's plan is fixed when the wall starts
  std::shared_ptr<const data::Snapshot> baseline(const data::Snapshot&,
                                                 std::optional<int64_t>) override {
    return nullptr;
  }
  int64_t clockMs() const override;

  /// Takes the versions read since the last look. Then: the version to prepare ahead of its
  /// moment (its snapshot is what latest() returns until it is shown), if one is waiting.
  std::optional<data::RelayLatest> toPrepare();
  /// At a frame starting at `nowMs`: the newest version whose apply_at_ms has come, if it is not
  /// the one shown; it becomes the shown one (its snapshot must be what the Show drew last: call
  /// latest() and draw it first when prepared() is another version).
  std::optional<data::RelayLatest> due(int64_t nowMs);
  /// The version latest() returns (0 before any).
  uint64_t prepared() const { return m_prepared ? m_prepared->latest.version : 0; }
  /// When the shown version's documents were all in (wall clock ms).
  int64_t shownReadMs() const { return m_shown ? m_shown->readMs : 0; }
  uint64_t shown() const { return m_shown ? m_shown->latest.version : 0; }
  WallStale stale(int64_t nowMs) const;
  data::RelayReaderStatus status() const { return m_reader.status(); }

 private:
  data::RelayVersionReader m_reader;
  std::vector<std::shared_ptr<const data::RelayVersion>>
      m_pending;  ///< read, not shown; oldest first
  std::shared_ptr<const data::RelayVersion> m_prepared, m_shown;
};

/// What a tile of the wall reads for its view: the candidate list and the documents down to the
/// level its map is filled with (the nation's regencies are the provinces' rows), and the view's
/// own (viewNeeds).
data::FetchPlan wallPlan(const data::RegionTree& tree, data::RegionId view, bool districtFill);

}  // namespace pantau::viewer
