#pragma once
// What the map shows: boundaries per level, joined to the tree, uploaded once; colours from each
// snapshot; the view (which region, which level is filled). Used by the window and headless alike.
//
// Threading: load() anywhere; everything else on the GL thread.

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pantau/data/geo/geo.hpp"
#include "pantau/data/model/snapshot.hpp"
#include "pantau/render/colours.hpp"
#include "pantau/render/image_warp.hpp"
#include "pantau/render/map_layer.hpp"
#include "pantau/render/offscreen_target.hpp"
#include "layer_colours.hpp"

namespace pantau::viewer {

struct DrawnRegion {
  data::RegionId region = data::kNoRegion;
  double px = 0, py = 0;   ///< label point, pixels from the top left
  float widthPx = 0, heightPx = 0;  ///< its bounding box on screen
  int winner = -1;         ///< candidate index, -1 = no data
  uint32_t colour = 0;     ///< packed RGBA as drawn (0 = no data hatch)
  double value = 0;        ///< the layer's figure (RegionShade::value); NaN when it has none
};

class MapScene {
 public:
  /// Boundaries: provinces, regencies, districts (the GeoPackages in DATA/geo by default).
  static data::Result<std::unique_ptr<MapScene>> load(std::shared_ptr<const data::RegionTree> tree,
                                                      const std::vector<data::BoundarySource>& sources);

  /// The region to show. Nation, province, regency: a map filled at the regency (or, for a
  /// regency, district) level. District and village: tiles of the children (no polygons below
  /// the districts), drawn by the overlay. TPS: the TPS view.
  data::Status setView(data::RegionId region);
  enum class Mode { Map, Tiles, Tps };
  /// Fill the nation and province views with districts (7,253 polygons) instead of regencies;
  /// takes effect at the next setView.
  void setDistrictFill(bool on) { m_districtFill = on; }
  /// Whether the overlay's panels are drawn (title above, tallies and legend below): the map is
  /// fitted into the space they leave; without them it fills the frame, centred.
  void setPanels(bool on) { m_panels = on; }
  /// A still drawn once (a headless screenshot): every draw() rasterises straight into the bound
  /// framebuffer, in bands, and keeps no image of the map to redraw from. Less memory, and less
  /// CPU where it is spent faulting in and zeroing images; a window keeps its cached image.
  void setDrawOnce(bool on) { m_drawOnce = on; }
  /// The GL programs every layer of this scene draws with (linked at the first layer if none
  /// were given): a headless still hands in the ones its warm-up draw compiled (map_warm_up.hpp).
  void setPrograms(std::shared_ptr<const render::MapPrograms> programs) { m_programs = std::move(programs); }
  /// The map alone as a still of width x height, drawn band by band (the top one first) with no
  /// full-size image anywhere: each band's pixels, with the view's outline, are handed over as
  /// the single-sampled framebuffer `fbo`, its GL rows [0, rows) (a PNG written as it goes).
  /// Map mode only.
  void drawStill(int width, int height, const std::function<void(unsigned fbo, int rows)>& band);
  Mode mode() const { return m_mode; }
  const data::RegionTree& tree() const { return *m_tree; }
  data::RegionId view() const { return m_view; }
  void setLayer(const LayerChoice& layer) { m_layer = layer; }
  const LayerChoice& layer() const { return m_layer; }
  /// The earlier snapshot the `change` layer compares with (null: none yet).
  void setBaseline(std::shared_ptr<const data::Snapshot> baseline) { m_baseline = std::move(baseline); }
  const data::Snapshot* baseline() const { return m_baseline.get(); }
  data::Level fillLevel() const { return m_fillLevel; }

  /// User zoom (1 = fitted) and pan (pixels) on top of the fitted view.
  void setCamera(double zoom, double panXPx, double panYPx) { m_zoom = zoom, m_panX = panXPx, m_panY = panYPx; }
  /// The camera (zoom, pan) that shows `region`'s box as the view's own fit would, at this size:
  /// a flight from the view to a region interpolates towards it, then setView(region) with the
  /// camera reset draws the same frame. False when the region has no polygon.
  bool cameraFor(data::RegionId region, int width, int height, double& zoom, double& panXPx, double& panYPx) const;
  /// Motion (a drag, the wheel, a camera flight): from beginMotion() to settle(), a frame whose
  /// camera moved is not rasterised. The last settled image is moved and scaled onto the new
  /// view (render::ImageWarp: read back once, a CPU gather a frame), and where it does not
  /// reach, a backdrop three times wider, rendered without MSAA when its edges first show (and
  /// again when the camera leaves it): a few ms a frame, where rasterising costs 100+ ms.
  /// Colours that arrive while moving wait for the still. settle() makes the next draw
  /// rasterise in full: the still is the same as without motion.
  void beginMotion();
  /// A flight to the camera (zoom, pan) that ends it (cameraFor): its image is rendered in full
  /// now (one slow frame, before the flight), so every frame between scales the start's and the
  /// destination's images toward each other and none rasterises. Ended by settle().
  void beginFlight(double zoom, double panXPx, double panYPx, int width, int height);
  void settle();
  bool moving() const { return m_moving; }
  /// While on, maps are drawn the quick way: without MSAA, the fill and the borders a level up (a
  /// motion's backdrop at the view itself), a few tens of ms where the full raster takes a few
  /// hundred. The window's first maps, until its first snapshot is on screen; the first draw
  /// after it is turned off rasterises in full.
  void setQuickMaps(bool on) { m_quickMaps = on; }
  /// The map on screen is the quick one: draw again for the full one.
  bool quickMapShown() const { return m_quickShown; }
  /// Rasterises `region`'s view (camera at rest) with `layer`'s colours from the snapshot that
  /// `snapshotFor` gives (asked once the view is set: the dapil map depends on it) into a side
  /// image, and leaves the view, layer, colours and camera as they were. The draw (or flight)
  /// that later asks for exactly that view, size and colours takes the image instead of
  /// rasterising: on air, the rundown's next item is rasterised while the current one holds, so
  /// its take costs a copy. False when the region's view has no map (tiles, the TPS view).
  bool prepare(data::RegionId region, const LayerChoice& layer,
               const std::function<const data::Snapshot&()>& snapshotFor, int width, int height);
  /// How many draws and flights took a prepared image instead of a raster.
  int preparedTaken() const { return m_preparedTaken; }
  /// How many backdrops the motion path rendered (each one is a slower frame).
  int backdrops() const { return m_backdrops; }
  /// Outlined on top of the map every frame (cheap: one region's rings), kNoRegion for none.
  void setHover(data::RegionId region) { m_hover = region; }
  data::RegionId hover() const { return m_hover; }
  /// The region of the filled level under a pixel, or kNoRegion (CPU: box test, then triangles).
  data::RegionId pick(double px, double py, int width, int height) const;
  void upload();  ///< GL thread: the colour tables (layers are uploaded when first drawn)
  /// Recomputes the colour tables from a snapshot: one small upload per level. With
  /// `transitionMs` > 0 the colours move from the old ones over that time (advanceTransition).
  void applySnapshot(const data::Snapshot& snapshot, int transitionMs = 0);
  /// Steps a running colour transition to `nowMs`; true while it is still running.
  bool advanceTransition(int64_t nowMs);
  /// Draws the map into the bound framebuffer. Every triangle is rasterised (4x MSAA) when the
  /// view, the size or the settled colours change; a transition step instead recolours an image
  /// of region ids rendered once per view and lays the borders over it (one full-screen pass);
  /// a frame where nothing moved copies the last map. On a CPU renderer the triangles cost
  /// ~100 ms, a recolour and a copy a few.
  void draw(int width, int height);
  /// A part of the frame: draw(), prepare() and flights then lay the map out for the whole
  /// width x height frame as ever, but draw only its pixels (x, y) to (x + width, y + height),
  /// into a target of the window's size. A wall's tile draws its own part of the canvas; what
  /// asks about the frame (labels' points, picking, cameras) keeps the whole frame's pixels.
  struct Window {
    int x = 0, y = 0, width = 0, height = 0;
  };
  void setWindow(std::optional<Window> window) { m_window = window; }
  /// How many times draw() rasterised the geometry, and how many frames were recoloured instead.
  int mapRenders() const { return m_mapRenders; }
  int recolours() const { return m_recolours; }
  std::vector<DrawnRegion> drawnRegions(int width, int height) const;
  /// The regions of `level` inside the view with their label points and sizes in pixels, for
  /// naming another level than the one filled (the DPD at the nation names its provinces);
  /// winner, value and colour stay unset.
  std::vector<DrawnRegion> regionsInView(data::Level level, int width, int height) const;
  /// --map dapil: the dapil's outlines (dissolved from their regencies) drawn instead of the
  /// provinces' above the regencies, and their names for the labels.
  struct AreaLabel {
    std::string name;
    double x = 0, y = 0;                            ///< projected km, inside the area
    double minX = 0, minY = 0, maxX = 0, maxY = 0;  ///< its box
  };
  void setOutlines(data::LevelGeometry outlines, std::vector<AreaLabel> labels);
  bool hasOutlines() const { return !m_areaLabels.empty(); }
  /// The outlined areas' labels in view, in pixels (as drawnRegions).
  struct DrawnLabel {
    const AreaLabel* area;
    double px, py;
    float widthPx, heightPx;
  };
  std::vector<DrawnLabel> drawnAreaLabels(int width, int height) const;
  /// Regions of the filled level inside the view that have no polygon (shown as a count).
  std::size_t withoutPolygonInView() const;
  const data::LevelGeometry& geometry(data::Level level) const { return m_geometry[levelSlot(level)]; }

 private:
  static constexpr double kCoarseKm = 1.0;
  static constexpr double kCoarseAboveKmPerPixel = 0.8;
  static constexpr double kBackdropExtent = 3.0;
  static constexpr render::Rgb kSea{0.86f, 0.90f, 0.93f};
  bool regionBox(data::RegionId region, double& minX, double& minY, double& maxX, double& maxY) const;
  render::MapLayer& layer(int slot, const render::ViewTransform& v);
  static int levelSlot(data::Level l) { return static_cast<int>(l) - 1; }  // province 0, regency 1, district 2
  render::ViewTransform transform(int width, int height) const;
  /// transform() cut to the window, when one is set: what is drawn.
  render::ViewTransform drawnTransform(int width, int height) const;
  std::optional<Window> m_window;
  void drawBorders(const render::ViewTransform& v, int height);
  bool inView(data::RegionId id) const;  ///< the view region or one of its descendants
  data::LevelGeometry m_outlines;        ///< --map dapil, else empty
  std::unique_ptr<render::MapLayer> m_outlineLayer;  ///< made on the GL thread when first drawn
  std::vector<AreaLabel> m_areaLabels;

  std::shared_ptr<const data::RegionTree> m_tree;
  /// Per level (province, regency, district) two levels of detail: [0] every vertex, [1]
  /// simplified to kCoarseKm, drawn when a pixel covers more than kCoarseBelowKmPerPixel.
  std::array<data::LevelGeometry, 3> m_geometry;
  std::array<data::LevelGeometry, 3> m_coarse;
  std::shared_ptr<const render::MapPrograms> m_programs;  ///< shared by all the layers below
  const std::shared_ptr<const render::MapPrograms>& programs();
  std::array<std::unique_ptr<render::MapLayer>, 3> m_layers;
  std::array<std::unique_ptr<render::MapLayer>, 3> m_coarseLayers;
  std::array<std::vector<uint32_t>, 3> m_shown;  ///< colours as last uploaded (a layer made later starts with them)
  render::MapLayer& layerFor(int slot, bool coarse);
  bool coarseFor(int slot, const render::ViewTransform& v) const;
  /// The runs of triangles (or border segments) of the shapes whose box reaches into `v`.
  std::vector<render::DrawRange> visibleRuns(int slot, const render::ViewTransform& v, bool segments) const;
  void drawFill(int slot, const render::ViewTransform& v);
  void drawLevelBorders(int slot, const render::ViewTransform& v, float widthPx, uint32_t rgba);
  std::array<std::vector<uint32_t>, 3> m_colours;      ///< target colours
  std::array<std::vector<uint32_t>, 3> m_fromColours;  ///< colours at the start of a transition
  int64_t m_transitionStartMs = 0, m_transitionMs = 0;
  void uploadColours(float t);
  std::vector<int> m_winner;     ///< by RegionId of the fill level minus its first id
  std::vector<double> m_value;   ///< the layer's figure, same index (NaN: none)
  data::RegionId m_view = data::kNation;
  Mode m_mode = Mode::Map;
  bool m_districtFill = false;
  data::Level m_fillLevel = data::Level::Regency;
  double m_minX = 0, m_minY = 0, m_maxX = 0, m_maxY = 0;
  double m_zoom = 1, m_panX = 0, m_panY = 0;
  LayerChoice m_layer;
  std::shared_ptr<const data::Snapshot> m_baseline;
  data::RegionId m_hover = data::kNoRegion;
  void drawOutlines(const render::ViewTransform& v, int height);
  render::ViewTransform fitted(double minX, double minY, double maxX, double maxY, int width, int height) const;
  void drawMoving(const render::ViewTransform& v, unsigned target);
  bool backdropCovers(const render::ViewTransform& v) const;
  void renderBackdrop(const render::ViewTransform& v);
  /// The sea, the fill and the borders a level up, single-sampled, into the bound framebuffer.
  void drawQuick(const render::ViewTransform& v);
  bool m_quickMaps = false, m_quickShown = false;
  bool m_moving = false, m_flight = false;
  bool m_backdropFull = false;  ///< the backdrop holds a full render (a flight's destination), not the coarse one
  bool m_landing = false;     ///< settled after a flight: its destination image may be the still
  double m_flightKey[4] = {};  ///< the view the flight's destination image was rendered for
  void landFlight(const double key[4], bool sized);
  std::unique_ptr<render::ImageWarp> m_warp;
  int m_warpedCache = -1;  ///< m_mapRenders + m_recolours when image 0 was read back
  /// Every triangle of view `v`, 4x MSAA, resolved into the single-sampled framebuffer
  /// `intoFbo` of v's size (left bound, its viewport set). `frameHeight`: the whole frame's (lines
  /// are as wide on a tile as on the frame it is cut from).
  void rasterise(unsigned intoFbo, const render::ViewTransform& v, int frameHeight);
  static constexpr int kStillBands = 8;  ///< a still's bands (README "A whole-process still")
  /// Rasterises view `v` (every triangle, 4x MSAA) in `bands` horizontal bands, the top one
  /// first, each into m_band; `resolve(band, glRow)` takes each band away: its view (a window of
  /// v) and its first row in v's GL rows (from the bottom).
  void forEachBand(const render::ViewTransform& v, int bands, int frameHeight,
                   const std::function<void(const render::ViewTransform& band, int glRow)>& resolve);
  std::unique_ptr<render::OffscreenTarget> m_band;       ///< forEachBand's multisampled image, reused
  std::unique_ptr<render::OffscreenTarget> m_bandImage;  ///< drawStill's band, resolved
  bool m_drawOnce = false;
  bool m_panels = true;
  std::unique_ptr<render::OffscreenTarget> m_backdrop;  ///< no MSAA, kBackdropExtent x the view
  render::ViewTransform m_backdropView, m_cachedView;
  uint64_t m_backdropColourVersion = UINT64_MAX;
  double m_backdropViewKey = -1;
  int m_backdrops = 0;
  std::unique_ptr<render::OffscreenTarget> m_cache;    ///< the composited map, reused while nothing moves
  std::unique_ptr<render::OffscreenTarget> m_ids;      ///< region index + 1 per pixel (transitions)
  std::unique_ptr<render::OffscreenTarget> m_borders;  ///< borders, premultiplied (transitions)
  double m_idsKey[4] = {};                             ///< the view m_ids and m_borders were made for
  int m_recolours = 0;
  uint64_t m_colourVersion = 0, m_cachedColourVersion = UINT64_MAX;
  double m_cachedKey[4] = {};
  int m_mapRenders = 0;
  /// prepare(): the image, the view key and the settled colours it was rasterised with.
  std::unique_ptr<render::OffscreenTarget> m_prepared;
  double m_preparedKey[4] = {};
  std::array<std::vector<uint32_t>, 3> m_preparedColours;
  bool m_preparedValid = false;
  int m_preparedTaken = 0;
  /// Swaps the prepared image into `into` when it is the one for `key` at this size with the
  /// colours now settled.
  bool takePrepared(const double key[4], int width, int height, std::unique_ptr<render::OffscreenTarget>& into);
  double viewKey() const;  ///< the view and its fill level, as one number of a draw key
};

}  // namespace pantau::viewer
