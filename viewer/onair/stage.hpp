#pragma once
// What goes on air, frame by frame: the Show's map (or the tile map) for the item on air, the
// broadcast graphics over it, cut/mix/fly transitions counted in frames, and the frame read back
// for a stream or a still (with --alpha: transparent where no map or panel is).
//
// Threading: the GL thread; a GL context must be current for its whole life.

#include <cstdint>
#include <memory>
#include <vector>

#include "broadcast_theme.hpp"
#include "camera_motion.hpp"
#include "pantau/render/offscreen_target.hpp"
#include "rundown.hpp"
#include "show.hpp"
#include "tile_view.hpp"
#include "ui_context.hpp"

namespace pantau::viewer::onair {

struct StageOptions {
  int width = 1920, height = 1080;
  bool alpha = false, safeArea = false, simulated = false;
  bool tiles = false;  ///< --map tiles: every item on the tile map
  const UiText* text = nullptr;
};

class Stage {
 public:
  /// Drives `show` (its view, layer and camera) for each item.
  Stage(Show& show, const StageOptions& options);

  /// Puts `item` on air from frame `frame` (its transition runs over the frames after).
  void take(const RundownItem& item, bool breaking, int64_t frame);
  /// Makes `first`'s picture off air, before the clock starts (the one-off costs of a first
  /// frame paid then); its take at frame 0 is then a copy. Nothing counts as rendered: the take
  /// is a cut, as the first item's always is.
  void preroll(const RundownItem& first);
  /// Takes the Show's newest snapshot (the map's colours, and the panels at the next render) with
  /// the last regeneration's "what moved". True when there was a new one.
  bool takeLatest(std::shared_ptr<const WhatMoved> moved);
  /// Rasterises `next`'s map ahead of its take while the item on air holds still, with the data
  /// on screen now (a cut or mix to it then costs a copy, a fly no raster before it leaves).
  /// Nothing on air changes. Does nothing when it is prepared already, or has no map.
  void prepare(const RundownItem& next);
  /// Whether `item`'s map was prepared with the data on screen now (taken with that data, its
  /// take costs no raster).
  bool preparedFor(const RundownItem& item) const;
  /// Whether frame `frame` differs from the last one rendered (an item taken, new data, a
  /// transition running); a frame that does not can be the last picture again.
  bool changedAt(int64_t frame) const;
  /// Draws frame `frame` into the stage's framebuffer.
  void render(int64_t frame);
  /// The frame as RGBA, top row first; with alpha, straight (not premultiplied).
  std::vector<uint8_t> read();
  /// Copies the frame into framebuffer `fbo` (0: the window).
  void present(unsigned fbo) { m_target->copyTo(fbo); }
  const RundownItem& item() const { return m_item; }
  /// Whether the item on air is on the tile map (its own `map`, or --map tiles).
  bool tiles() const { return m_options.tiles || m_item.map == MapKind::Tiles; }
  bool hasSnapshot() const { return m_show.snapshot() != nullptr; }

 private:
  void beginFlight(data::RegionId from);  ///< fly: the camera from `from`'s box to the new view
  void keyOutBackground();                ///< --alpha: the sea and the paper become transparent

  Show& m_show;
  StageOptions m_options;
  std::unique_ptr<UiContext> m_ui;  ///< the ImGui context and fonts
  TileView m_children;              ///< district and village items: their children as tiles
  std::unique_ptr<render::OffscreenTarget> m_target, m_previous;
  unsigned m_targetFbo = 0, m_previousFbo = 0;
  RundownItem m_item;
  bool m_breaking = false;
  std::shared_ptr<const WhatMoved> m_moved;
  int64_t m_transitionStart = 0;
  int m_transitionFrames = 0;
  Transition m_transition = Transition::Cut;
  bool m_flying = false;     ///< a fly through MapScene's flight (cached images, no raster a frame)
  Camera m_flightFrom;       ///< the flight's first camera, over the new view
  bool m_rendered = false;   ///< a frame exists to transition from
  bool m_dirty = true;       ///< something changed since the last render
  bool m_prerolled = false;  ///< preroll() set the first item up: its take keeps the map
  /// What prepare() rasterised last: the item's region and layer, with the snapshot it showed.
  struct Prepared {
    data::RegionId region = data::kNoRegion;
    std::string layer;
    uint64_t version = 0;  ///< the snapshot's
    bool operator==(const Prepared&) const = default;
  } m_prepared;
  Prepared preparedKey(const RundownItem& item) const;
};

}  // namespace pantau::viewer::onair
