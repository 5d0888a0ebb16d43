#pragma once
// What is being shown, whatever drives it: the feed (where snapshots come from), the view (region,
// layer, palette, language, camera, moment), the navigation history and what the overlay draws
// (the map scene, the tiles below the districts, the TPS view). The window maps keys and clicks to
// its commands, headless drives it from flags; an on-air rundown or a control API drives the same
// commands. Knows nothing of GLFW or of the ImGui frame.
//
// Threading: the GL thread (the scene's colour tables and the TPS view's textures live there).

#include <functional>
#include <memory>
#include <optional>

#include "camera_motion.hpp"
#include "dapil_names.hpp"  // Camera: user zoom and pan on top of the view's fitted transform
#include "feed_setup.hpp"
#include "map_scene.hpp"
#include "navigation.hpp"
#include "overlay.hpp"
#include "scene_setup.hpp"
#include "tile_view.hpp"
#include "tps_view.hpp"
#include "ui_text.hpp"

namespace pantau::viewer {

class Show {
 public:
  /// `sinceEpoch`: the change layer's earlier moment (Sirekap's ts), else an hour before the
  /// latest.
  Show(SceneSetup setup, FeedSetup feed, std::optional<int64_t> sinceEpoch);

  // Commands. Each returns whether anything changed (a frame is due).
  bool goTo(
      data::RegionId region);  ///< a new step in the history; false for none or the current view
  bool back();
  bool forward();
  bool up();  ///< to the parent, as a new step
  void setLayer(const LayerChoice& layer);
  bool nextLayer();  ///< the layer after this one (needs a snapshot: share follows the leader)
  void setPalette(bool colourBlindSafe);
  void togglePalette() { setPalette(!m_scene->layer().colourBlindSafe); }
  void setLanguage(Language language) { m_language = language; }
  void setCamera(const Camera& camera) { m_camera = camera; }
  void setHover(data::RegionId region);
  /// A replayed night: moves its timeline to `ms`; false for a live source (it only has "now").
  bool setMoment(int64_t ms) { return m_feed.feed->seek(ms); }

  /// Takes the feed's newest snapshot; its colours move from the old ones over `transitionMs`
  /// (0 the first time). True when it was new.
  bool takeLatest(int transitionMs);
  /// The DPR's seat view (the hemicycle) instead of the map; false for another contest.
  bool setSeatView(bool on);
  bool toggleSeatView() { return setSeatView(!m_seatView); }
  bool seatView() const { return m_seatView; }
  /// The seat projection of the snapshot shown (--contest pdpr), else null.
  const data::SeatProjection* seats() const {
    return m_setup.dpr && m_shown ? &m_projection : nullptr;
  }
  /// Takes the names of the dapil on screen when their read has finished; true when they changed.
  bool refreshNames();
  /// Waits for them (a still), up to `timeoutMs`.
  void settleNames(int timeoutMs);
  /// Steps a colour transition; true while it runs.
  bool advance(int64_t wallMs) { return m_scene->advanceTransition(wallMs); }
  /// The TPS view: asks for the pages of the TPS shown and takes those decoded since (each frame).
  void refreshPhotos();
  /// The same, waiting up to `timeoutMs` for every page (a still); false if some were still
  /// loading.
  bool settlePhotos(int timeoutMs);
  bool photosLoading() const { return m_tps.waitingForImages(); }

  /// Rasterises `region`'s map with `layer` from the snapshot shown, ahead of the goTo(region)
  /// and setLayer(layer) that will show it (MapScene::prepare): nothing on screen changes, and
  /// that draw takes the image instead of rasterising. False when there is no map to prepare.
  bool prepare(data::RegionId region, const LayerChoice& layer, int width, int height);
  /// The map under the camera into the bound framebuffer (the overlay goes on top).
  void drawMap(int width, int height);
  /// The map alone as a still, band by band at the camera (MapScene::drawStill).
  void drawStill(int width, int height, const std::function<void(unsigned fbo, int rows)>& band);
  /// The region or tile under a pixel (kNoRegion on the TPS view or outside).
  data::RegionId pick(float px, float py, int width, int height) const;
  /// What the overlay needs besides the snapshot and the scene (the window adds its own parts).
  OverlayInfo overlayInfo();

  const data::Snapshot* snapshot() const { return m_shown.get(); }
  MapScene& scene() { return *m_scene; }
  const MapScene& scene() const { return *m_scene; }
  TpsView& tps() { return m_tps; }
  const Camera& camera() const { return m_camera; }
  const Navigation& navigation() const { return m_nav; }
  const data::RegionTree& tree() const { return *m_setup.tree; }
  const SceneSetup& setup() const { return m_setup; }
  const UiText& text() const { return uiText(m_language); }
  Feed& feed() { return *m_feed.feed; }

 private:
  bool showView(data::RegionId region);  ///< the scene, the feed and the camera to a region
  void project();                        ///< the seat projection, from the snapshot shown
  void wantNames();                      ///< the dapil on screen's caleg votes
  /// What the map is coloured from: the snapshot, or on the dapil map above the regencies each
  /// regency holding its dapil's count.
  const data::Snapshot& mapSnapshot() const;

  SceneSetup m_setup;
  FeedSetup m_feed;
  MapScene* m_scene;
  Language m_language;
  std::optional<int64_t> m_since;
  Navigation m_nav;
  Camera m_camera;
  TileView m_tiles;
  TpsView m_tps;
  data::RegionId m_hover = data::kNoRegion;
  std::shared_ptr<const data::Snapshot> m_shown;
  bool m_seatView = false;
  data::SeatProjection m_projection;
  std::unique_ptr<DapilNames> m_names;                 ///< --contest pdpr
  std::shared_ptr<const data::Snapshot> m_dapilShown;  ///< --map dapil: m_shown summed by dapil
};

}  // namespace pantau::viewer
