#include "map_scene.hpp"

#include <algorithm>
#include <cmath>

#include "pantau/render/colours.hpp"
#include "pantau/render/gl.hpp"

namespace pantau::viewer {

using namespace pantau::data;


Result<std::unique_ptr<MapScene>> MapScene::load(std::shared_ptr<const RegionTree> tree, const std::vector<BoundarySource>& sources) {
  auto scene = std::unique_ptr<MapScene>(new MapScene());
  scene->m_tree = std::move(tree);
  for (int i = 0; i < 3 && i < static_cast<int>(sources.size()); ++i) {
    auto g = loadBoundariesCached(*scene->m_tree, sources[i], static_cast<Level>(i + 1), defaultCacheDir());
    if (!g) return g.error();
    scene->m_geometry[i] = std::move(*g);
    if (i < 2) {  // districts are only filled in a regency's view, where every vertex counts
      BoundarySource coarse = sources[i];
      coarse.simplifyKm = kCoarseKm;
      auto c = loadBoundariesCached(*scene->m_tree, coarse, static_cast<Level>(i + 1), defaultCacheDir());
      if (!c) return c.error();
      scene->m_coarse[i] = std::move(*c);
    }
  }
  if (Status s = scene->setView(kNation); !s) return s.error();
  return scene;
}

Status MapScene::setView(RegionId region) {
  const RegionTree& t = *m_tree;
  if (region >= t.size()) return Error{ErrorCode::BadCode, "no such region"};
  const Level level = t.level(region);
  // Below the regencies there are no child polygons (villages and TPS have none): the district
  // and village views are tiles of their children, the TPS view its numbers and form.
  if (level == Level::District || level == Level::Village || level == Level::Tps) {
    m_view = region;
    m_mode = level == Level::Tps ? Mode::Tps : Mode::Tiles;
    m_fillLevel = level == Level::Tps ? Level::Tps : static_cast<Level>(static_cast<int>(level) + 1);
    ++m_colourVersion;
    return Status::success();
  }
  m_mode = Mode::Map;
  m_view = region;
  m_fillLevel = level == Level::Regency || m_districtFill ? Level::District : Level::Regency;
  if (!regionBox(region, m_minX, m_minY, m_maxX, m_maxY))
    return Error{ErrorCode::Missing, "view " + std::string(t.code(region)) + ": no polygon in the boundary files"};
  return Status::success();
}

bool MapScene::regionBox(RegionId region, double& minX, double& minY, double& maxX, double& maxY) const {
  // The region's own polygon, or the whole country; none below the districts.
  const Level level = m_tree->level(region);
  if (level > Level::District) return false;
  bool found = false;
  minX = minY = 1e30;
  maxX = maxY = -1e30;
  const LevelGeometry& boxes = m_geometry[levelSlot(level == Level::Nation ? Level::Province : level)];
  for (const RegionShape& s : boxes.shapes) {
    if (level != Level::Nation && s.region != region) continue;
    minX = std::min(minX, s.minX);
    minY = std::min(minY, s.minY);
    maxX = std::max(maxX, s.maxX);
    maxY = std::max(maxY, s.maxY);
    found = true;
  }
  return found;
}

bool MapScene::cameraFor(RegionId region, int width, int height, double& zoom, double& panX, double& panY) const {
  double minX, minY, maxX, maxY;
  if (region >= m_tree->size() || !regionBox(region, minX, minY, maxX, maxY)) return false;
  const render::ViewTransform from = fitted(m_minX, m_minY, m_maxX, m_maxY, width, height);
  const render::ViewTransform to = fitted(minX, minY, maxX, maxY, width, height);
  // The inverse of transform(): centre = fitted centre - pan * fitted scale, scale / zoom.
  zoom = from.kmPerPixel / to.kmPerPixel;
  panX = (from.centerX - to.centerX) / from.kmPerPixel;
  panY = (to.centerY - from.centerY) / from.kmPerPixel;
  return true;
}

void MapScene::upload() {
  // The GL layers themselves are made when first drawn (layerFor): a nation still never draws
  // the districts or the full-detail regencies, and their buffers cost memory on a CPU renderer.
  for (int i = 0; i < 3; ++i) {
    const Level level = static_cast<Level>(i + 1);
    m_colours[i].assign(m_tree->levelEnd(level) - m_tree->levelBegin(level), render::kNoData);
    m_shown[i] = m_colours[i];
  }
}

const std::shared_ptr<const render::MapPrograms>& MapScene::programs() {
  if (!m_programs) m_programs = render::MapPrograms::link();
  return m_programs;
}

render::MapLayer& MapScene::layerFor(int slot, bool coarse) {
  std::unique_ptr<render::MapLayer>& l = coarse ? m_coarseLayers[slot] : m_layers[slot];
  if (!l) {
    const Level level = static_cast<Level>(slot + 1);
    l = std::make_unique<render::MapLayer>(coarse ? m_coarse[slot] : m_geometry[slot], m_tree->levelBegin(level),
                                           m_colours[slot].size(), programs());
    l->setColours(m_shown[slot]);
  }
  return *l;
}

bool MapScene::inView(RegionId id) const {
  const RegionTree& t = *m_tree;
  while (id != kNoRegion && t.level(id) > t.level(m_view)) id = t.parent(id);
  return id == m_view;
}

void MapScene::applySnapshot(const Snapshot& s, int transitionMs) {
  m_fromColours = m_colours;  // what is on screen now: the transition starts from it
  for (int i = 0; i < 3; ++i) {
    const Level level = static_cast<Level>(i + 1);
    const RegionId first = m_tree->levelBegin(level);
    std::vector<uint32_t>& table = m_colours[i];
    if (level == m_fillLevel) m_winner.assign(table.size(), -1), m_value.assign(table.size(), std::nan(""));
    for (std::size_t k = 0; k < table.size(); ++k) {
      const RegionId id = first + static_cast<RegionId>(k);
      const RegionShade shade = regionShade(m_layer, s, m_baseline.get(), id);
      table[k] = shade.colour;
      const int w = shade.winner;
      if (level == m_fillLevel) m_value[k] = shade.hasValue ? shade.value : std::nan("");
      // Neighbours of the region in view stay as context, faded toward the paper.
      if (table[k] != render::kNoData && !inView(id))
        table[k] = render::packRgba(render::mix(render::unpackRgba(table[k]), {0.93f, 0.93f, 0.91f}, 0.72f));
      if (level == m_fillLevel) m_winner[k] = w;
    }
  }
  m_transitionMs = transitionMs;
  m_transitionStartMs = 0;
  uploadColours(transitionMs > 0 ? 0.f : 1.f);
}

void MapScene::uploadColours(float t) {
  for (int i = 0; i < 3; ++i) {
    std::vector<uint32_t> shown = m_colours[i];
    if (t < 1.f && m_fromColours[i].size() == shown.size())
      for (std::size_t k = 0; k < shown.size(); ++k) {
        const uint32_t a = m_fromColours[i][k], b = shown[k];
        if (a == b || a == render::kNoData || b == render::kNoData) continue;  // appearing data is not faded in
        shown[k] = render::packRgba(render::mix(render::unpackRgba(a), render::unpackRgba(b), t));
      }
    if (m_layers[i]) m_layers[i]->setColours(shown);
    if (m_coarseLayers[i]) m_coarseLayers[i]->setColours(shown);
    m_shown[i] = std::move(shown);
  }
  ++m_colourVersion;
}

bool MapScene::advanceTransition(int64_t nowMs) {
  if (m_transitionMs <= 0) return false;
  if (m_transitionStartMs == 0) m_transitionStartMs = nowMs;
  const float t = std::min(1.f, static_cast<float>(nowMs - m_transitionStartMs) / static_cast<float>(m_transitionMs));
  // Ease out: most of the change early, settling gently.
  uploadColours(1.f - (1.f - t) * (1.f - t));
  if (t >= 1.f) m_transitionMs = 0;
  return m_transitionMs > 0;
}

bool MapScene::coarseFor(int slot, const render::ViewTransform& v) const {
  return v.kmPerPixel > kCoarseAboveKmPerPixel && !m_coarse[slot].shapes.empty();
}

render::MapLayer& MapScene::layer(int slot, const render::ViewTransform& v) {
  return layerFor(slot, coarseFor(slot, v));
}

std::vector<render::DrawRange> MapScene::visibleRuns(int slot, const render::ViewTransform& v, bool segments) const {
  const LevelGeometry& g = coarseFor(slot, v) ? m_coarse[slot] : m_geometry[slot];
  // The view's box in km, widened by the widest border (a few pixels) so no edge is cut.
  const double margin = 8 * v.kmPerPixel, halfW = v.width / 2.0 * v.kmPerPixel + margin,
               halfH = v.height / 2.0 * v.kmPerPixel + margin;
  std::vector<render::DrawRange> runs;
  for (const RegionShape& s : g.shapes) {
    if (s.maxX < v.centerX - halfW || s.minX > v.centerX + halfW || s.maxY < v.centerY - halfH ||
        s.minY > v.centerY + halfH)
      continue;
    runs.push_back(segments ? render::DrawRange{s.firstSegment, s.segmentCount} : render::DrawRange{s.firstTriangle, s.triangleCount});
  }
  std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  // Neighbouring shapes are mostly stored one after the other: their runs join into a few calls.
  std::vector<render::DrawRange> joined;
  for (const render::DrawRange& r : runs) {
    if (!joined.empty() && r.first <= joined.back().first + joined.back().count + 64)
      joined.back().count = std::max(joined.back().first + joined.back().count, r.first + r.count) - joined.back().first;
    else
      joined.push_back(r);
  }
  return joined;
}

void MapScene::drawFill(int slot, const render::ViewTransform& v) {
  layer(slot, v).drawFill(v, visibleRuns(slot, v, false));
}

void MapScene::drawLevelBorders(int slot, const render::ViewTransform& v, float widthPx, uint32_t rgba) {
  layer(slot, v).drawBorders(v, widthPx, rgba, visibleRuns(slot, v, true));
}

render::ViewTransform MapScene::fitted(double minX, double minY, double maxX, double maxY, int width, int height) const {
  // Room for the overlay: title and time above, tallies and legend below; without it a margin.
  if (!m_panels) return render::ViewTransform::fitInside(minX, minY, maxX, maxY, width, height, 0.03, 0.03, 0.03, 0.03);
  return render::ViewTransform::fitInside(minX, minY, maxX, maxY, width, height, 0.03, 0.13, 0.03, 0.27);
}

render::ViewTransform MapScene::transform(int width, int height) const {
  render::ViewTransform v = fitted(m_minX, m_minY, m_maxX, m_maxY, width, height);
  v.centerX -= m_panX * v.kmPerPixel;
  v.centerY += m_panY * v.kmPerPixel;
  v.kmPerPixel /= m_zoom;
  return v;
}

render::ViewTransform MapScene::drawnTransform(int width, int height) const {
  const render::ViewTransform v = transform(width, height);
  return m_window ? v.window(m_window->x, m_window->y, m_window->width, m_window->height) : v;
}

void MapScene::draw(int width, int height) {
  if (m_mode != Mode::Map) {  // tiles and the TPS view are drawn by the overlay, on paper
    glClearColor(0.965f, 0.965f, 0.955f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    return;
  }
  const render::ViewTransform v = drawnTransform(width, height);
  GLint target = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &target);
  if (m_drawOnce) {  // straight into the frame: no image kept to redraw from
    ++m_mapRenders;
    rasterise(static_cast<unsigned>(target), v, height);
    drawOutlines(v, height);
    return;
  }
  const double key[4] = {v.centerX, v.centerY, v.kmPerPixel, viewKey()};
  const bool sized = m_cache && m_cache->width() == v.width && m_cache->height() == v.height;
  if (m_landing) landFlight(key, sized);
  const bool sameView = sized && std::equal(key, key + 4, m_cachedKey);
  if (sameView && m_cachedColourVersion == m_colourVersion) {  // nothing moved: last frame's map
    m_cache->copyTo(static_cast<unsigned>(target));
    drawOutlines(v, height);
    return;
  }
  // Moving: warp what was rendered (colours wait for the still). A flight may cross views (the
  // on-air fly goes to the new view first and flies in from the old one's image).
  if (m_moving && sized && (key[3] == m_cachedKey[3] || m_flight)) {
    drawMoving(v, static_cast<unsigned>(target));
    drawOutlines(v, height);
    return;
  }
  if (!sized) m_cache = std::make_unique<render::OffscreenTarget>(v.width, v.height, 0);  // rasterise() resolves into it
  m_cachedColourVersion = m_colourVersion;
  const int fill = levelSlot(m_fillLevel);
  if (sameView && m_transitionMs > 0) {
    // A transition step: recolour the id image rendered once for this view and lay the borders
    // over it (a few ms instead of a full raster). The settled frame is rendered in full again.
    if (!m_ids || m_ids->width() != v.width || m_ids->height() != v.height || !std::equal(key, key + 4, m_idsKey)) {
      m_ids = std::make_unique<render::OffscreenTarget>(v.width, v.height, 0);
      m_borders = std::make_unique<render::OffscreenTarget>(v.width, v.height, 4);
      std::copy(key, key + 4, m_idsKey);
      m_ids->bindResolved();
      glClearColor(0, 0, 0, 0);
      glClear(GL_COLOR_BUFFER_BIT);
      glDisable(GL_BLEND);
      layer(fill, v).drawIds(v);
      m_borders->bind();
      glClearColor(0, 0, 0, 0);
      glClear(GL_COLOR_BUFFER_BIT);
      glEnable(GL_BLEND);
      glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // premultiplied
      drawBorders(v, height);
      glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
      m_borders->resolve();
    }
    m_cache->bindResolved();
    layer(fill, v).composite(m_ids->texture(), m_borders->texture(), render::packRgba(kSea));
    ++m_recolours;
  } else if (m_quickMaps) {
    m_cache->bindResolved();
    drawQuick(v);
    m_cachedView = v;
    std::copy(key, key + 4, m_cachedKey);
    m_cachedKey[0] = std::nan("");  // equal to no view: the next draw rasterises in full
    m_quickShown = true;
  } else {
    // The view moved or the colours settled: every triangle, 4x MSAA (or the image prepared
    // ahead for exactly this view and these colours).
    m_quickShown = false;
    std::copy(key, key + 4, m_cachedKey);
    m_cachedView = v;
    if (!takePrepared(key, v.width, v.height, m_cache)) {
      ++m_mapRenders;
      rasterise(m_cache->resolvedFramebuffer(), v, height);
    }
  }
  m_cache->copyTo(static_cast<unsigned>(target));
  drawOutlines(v, height);
}

void MapScene::forEachBand(const render::ViewTransform& v, int bands, int frameHeight,
                           const std::function<void(const render::ViewTransform& band, int glRow)>& resolve) {
  // Band heights are a whole number of the no-data hatch's 12-pixel period (it repeats along
  // x + y in window coordinates): every band starts it where the whole image would.
  const int rows = (v.height + bands - 1) / bands, bandRows = bands == 1 ? rows : (rows + 11) / 12 * 12;
  if (!m_band || m_band->width() != v.width || m_band->height() != bandRows)
    m_band = render::OffscreenTarget::multisampledOnly(v.width, bandRows);
  const int fill = levelSlot(m_fillLevel);
  for (int glRow = (v.height - 1) / bandRows * bandRows; glRow >= 0; glRow -= bandRows) {  // the top band first
    const int h = std::min(bandRows, v.height - glRow);
    const render::ViewTransform band = v.window(0, v.height - glRow - h, v.width, h);
    m_band->bind();
    glViewport(0, 0, v.width, h);
    glClearColor(kSea.r, kSea.g, kSea.b, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);  // the borders' (the fill is drawn unblended)
    drawFill(fill, band);
    // llvmpipe bins every draw into a scene and rasterises it on its threads: without this wait
    // the borders' quads are binned while the fill's triangles are still held, and the still
    // peaks higher (README "A whole-process still"). The same pixels; less CPU, not more.
    glFinish();
    drawBorders(band, frameHeight);  // widths scale with the whole frame's height (a tile's too)
    resolve(band, glRow);
    if (bands > 1) glFinish();  // the band's scene let go before the next band is binned
  }
}

void MapScene::rasterise(unsigned intoFbo, const render::ViewTransform& v, int frameHeight) {
  // A still drawn once goes in horizontal bands (forEachBand): llvmpipe zero-fills and faults in
  // every image it allocates (a 1080p 4x image is 33 MB, a band's an eighth) and bins one band's
  // shapes at a time. A window keeps its images between renders, and each band sets up again
  // the triangles that cross it, so its renders are one band.
  forEachBand(v, m_drawOnce ? kStillBands : 1, frameHeight, [&](const render::ViewTransform& band, int glRow) {
    m_band->resolveRowsInto(intoFbo, band.height, glRow);
  });
  glBindFramebuffer(GL_FRAMEBUFFER, intoFbo);
  glViewport(0, 0, v.width, v.height);
}

void MapScene::drawStill(int width, int height, const std::function<void(unsigned fbo, int rows)>& band) {
  const render::ViewTransform v = drawnTransform(width, height);
  forEachBand(v, kStillBands, height, [&](const render::ViewTransform& b, int) {
    if (!m_bandImage || m_bandImage->width() != m_band->width() || m_bandImage->height() != m_band->height())
      m_bandImage = std::make_unique<render::OffscreenTarget>(m_band->width(), m_band->height(), 0);
    m_band->resolveRowsInto(m_bandImage->resolvedFramebuffer(), b.height, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, m_bandImage->resolvedFramebuffer());
    glViewport(0, 0, b.width, b.height);
    drawOutlines(b, height);
    band(m_bandImage->resolvedFramebuffer(), b.height);
  });
  ++m_mapRenders;
}

void MapScene::beginFlight(double zoom, double panX, double panY, int width, int height) {
  beginMotion();
  const double z = m_zoom, x = m_panX, y = m_panY;
  setCamera(zoom, panX, panY);
  const render::ViewTransform to = drawnTransform(width, height);
  setCamera(z, x, y);
  if (!m_backdrop || m_backdrop->width() != to.width || m_backdrop->height() != to.height)
    m_backdrop = std::make_unique<render::OffscreenTarget>(to.width, to.height, 0);
  m_backdropFull = true;
  const double toKey[4] = {to.centerX, to.centerY, to.kmPerPixel, viewKey()};
  if (!takePrepared(toKey, to.width, to.height, m_backdrop)) rasterise(m_backdrop->resolvedFramebuffer(), to, height);
  m_backdropView = to;
  if (!m_warp) m_warp = std::make_unique<render::ImageWarp>();
  m_warp->capture(1, m_backdrop->resolvedFramebuffer(), to);
  m_backdropViewKey = m_cachedKey[3];
  m_backdropColourVersion = m_colourVersion;
  m_flightKey[0] = to.centerX, m_flightKey[1] = to.centerY, m_flightKey[2] = to.kmPerPixel;
  m_flightKey[3] = viewKey();
  m_flight = true;
  ++m_backdrops;
}

void MapScene::landFlight(const double key[4], bool sized) {
  // The destination was rasterised in full before the flight, as a still of it would be: when the
  // camera lands on it with the same colours, it is the still (no second raster).
  m_landing = false;
  if (!sized || m_moving || !m_backdropFull || !m_backdrop || m_backdrop->width() != m_cache->width() ||
      m_backdrop->height() != m_cache->height() || m_backdropColourVersion != m_colourVersion ||
      !std::equal(key, key + 4, m_flightKey))
    return;
  std::swap(m_cache, m_backdrop);
  std::copy(key, key + 4, m_cachedKey);
  m_cachedView = m_backdropView;
  m_cachedColourVersion = m_colourVersion;
  m_backdropViewKey = -1;  // it now holds the old view: no backdrop for a later motion
}

double MapScene::viewKey() const {
  return static_cast<double>(m_view) + 1e7 * static_cast<double>(m_fillLevel);
}

bool MapScene::prepare(RegionId region, const LayerChoice& layer,
                       const std::function<const Snapshot&()>& snapshotFor, int width, int height) {
  if (region >= m_tree->size()) return false;
  const Level level = m_tree->level(region);
  if (level == Level::District || level == Level::Village || level == Level::Tps)
    return false;
  // What the screen shows now, put back afterwards: the view, the camera and the colours (as
  // computed and as uploaded). The colour version too: the tables on the GPU end as they were, so
  // the held view's cached map stays valid.
  const RegionId view = m_view;
  const Mode mode = m_mode;
  const Level fill = m_fillLevel;
  const double box[4] = {m_minX, m_minY, m_maxX, m_maxY}, camera[3] = {m_zoom, m_panX, m_panY};
  const LayerChoice shownLayer = m_layer;
  auto colours = m_colours, fromColours = m_fromColours, shown = m_shown;
  auto winner = m_winner;
  auto value = m_value;
  const int64_t transitionMs = m_transitionMs, transitionStartMs = m_transitionStartMs;
  const uint64_t colourVersion = m_colourVersion;

  bool ok = static_cast<bool>(setView(region));
  if (ok) {
    m_layer = layer;
    setCamera(1, 0, 0);
    applySnapshot(snapshotFor());
    const render::ViewTransform v = drawnTransform(width, height);
    if (!m_prepared || m_prepared->width() != v.width || m_prepared->height() != v.height)
      m_prepared = std::make_unique<render::OffscreenTarget>(v.width, v.height, 0);
    rasterise(m_prepared->resolvedFramebuffer(), v, height);
    m_preparedKey[0] = v.centerX, m_preparedKey[1] = v.centerY, m_preparedKey[2] = v.kmPerPixel;
    m_preparedKey[3] = viewKey();
    m_preparedColours = m_colours;
    m_preparedValid = true;
  }

  m_view = view, m_mode = mode, m_fillLevel = fill;
  m_minX = box[0], m_minY = box[1], m_maxX = box[2], m_maxY = box[3];
  setCamera(camera[0], camera[1], camera[2]);
  m_layer = shownLayer;
  m_colours = std::move(colours), m_fromColours = std::move(fromColours);
  m_winner = std::move(winner), m_value = std::move(value);
  m_transitionMs = transitionMs, m_transitionStartMs = transitionStartMs;
  for (int i = 0; i < 3; ++i) {
    if (m_layers[i]) m_layers[i]->setColours(shown[i]);
    if (m_coarseLayers[i]) m_coarseLayers[i]->setColours(shown[i]);
  }
  m_shown = std::move(shown);
  m_colourVersion = colourVersion;
  return ok;
}

bool MapScene::takePrepared(const double key[4], int width, int height, std::unique_ptr<render::OffscreenTarget>& into) {
  if (!m_preparedValid || m_transitionMs > 0 || m_prepared->width() != width || m_prepared->height() != height ||
      !std::equal(key, key + 4, m_preparedKey) || m_preparedColours != m_colours)
    return false;
  std::swap(into, m_prepared);  // the old image stays as the next prepare's buffer
  m_preparedValid = false;
  ++m_preparedTaken;
  return true;
}

void MapScene::settle() {
  m_landing = m_flight;
  m_moving = m_flight = false;
  if (m_warp) m_warp->forget(0), m_warp->forget(1);  // the read-back images are only for moving
}

void MapScene::beginMotion() {
  // A backdrop left from an earlier motion shows old colours: a new one when they changed since.
  if (!m_moving && m_backdropColourVersion != m_colourVersion) m_backdropViewKey = -1;
  m_moving = true;
}

bool MapScene::backdropCovers(const render::ViewTransform& v) const {
  // The whole view, at most 2x coarser than the backdrop was made for (kBackdropExtent x the view).
  const render::ViewTransform& b = m_backdropView;
  return m_backdrop && m_backdrop->width() == v.width && m_backdrop->height() == v.height && m_backdropViewKey == m_cachedKey[3] &&
         std::abs(v.centerX - b.centerX) <= (b.width * b.kmPerPixel - v.width * v.kmPerPixel) / 2 &&
         std::abs(v.centerY - b.centerY) <= (b.height * b.kmPerPixel - v.height * v.kmPerPixel) / 2 &&
         b.kmPerPixel <= v.kmPerPixel * kBackdropExtent * 2;
}

void MapScene::drawMoving(const render::ViewTransform& v, unsigned target) {
  if (!m_warp) m_warp = std::make_unique<render::ImageWarp>();
  if (!m_warp->has(0) || m_warpedCache != m_mapRenders + m_recolours) {  // the settled image, read back once
    m_warp->capture(0, m_cache->resolvedFramebuffer(), m_cachedView);
    m_warpedCache = m_mapRenders + m_recolours;
  }
  const render::PixelRect screen{0, 0, static_cast<double>(v.width), static_cast<double>(v.height)};
  if (!m_flight && !render::placeImage(v, m_cachedView).contains(screen)) {  // its edges show: the backdrop fills them
    if (!backdropCovers(v)) renderBackdrop(v);
    if (!m_warp->has(1)) m_warp->capture(1, m_backdrop->resolvedFramebuffer(), m_backdropView);
  }
  // The finer image where it reaches, the coarser around it: a pan shows the settled image and
  // the backdrop at its edges; a flight grows the destination's image out of the start's.
  m_warp->draw(v, target, render::packRgba(kSea));
  glViewport(0, 0, v.width, v.height);
}

void MapScene::renderBackdrop(const render::ViewTransform& v) {
  // kBackdropExtent x the view on each axis at the frame's pixel count: room to pan a screen
  // either way and to zoom out, single-sampled, filled with its dark borders only.
  render::ViewTransform b = v;
  b.kmPerPixel *= kBackdropExtent;
  if (!m_backdrop || m_backdrop->width() != v.width || m_backdrop->height() != v.height)
    m_backdrop = std::make_unique<render::OffscreenTarget>(v.width, v.height, 0);
  m_backdropFull = false;
  m_backdrop->bindResolved();
  drawQuick(b);
  m_backdropView = b;
  if (m_warp) m_warp->forget(1);
  m_backdropViewKey = m_cachedKey[3];
  m_backdropColourVersion = m_colourVersion;
  ++m_backdrops;
}

void MapScene::drawQuick(const render::ViewTransform& v) {
  glClearColor(kSea.r, kSea.g, kSea.b, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);  // the borders' (the fill is drawn unblended)
  const int fill = levelSlot(m_fillLevel);
  layer(fill, v).drawFill(v);
  layer(fill - 1, v).drawBorders(v, 1.0f, render::packRgba({0.15f, 0.16f, 0.2f}, 200));
}

void MapScene::drawOutlines(const render::ViewTransform& v, int height) {
  const float scale = static_cast<float>(std::max(1.0, height / 1080.0));
  auto outline = [&](RegionId r, float width, uint32_t colour) {
    if (r == kNoRegion || r == kNation) return;
    const int slot = levelSlot(m_tree->level(r));
    if (slot < 0 || slot > 2) return;
    for (const RegionShape& s : m_geometry[slot].shapes)
      if (s.region == r) layerFor(slot, false).drawOutline(v, s.firstSegment, s.segmentCount, width * scale, colour);
  };
  glEnable(GL_BLEND);
  outline(m_view, 3.0f, render::packRgba({0.1f, 0.1f, 0.14f}, 255));  // the selected region
  outline(m_hover, 2.5f, render::packRgba({1, 1, 1}, 255));           // under the cursor
}

void MapScene::drawBorders(const render::ViewTransform& v, int height) {
  const int fill = levelSlot(m_fillLevel);
  // Thin light borders between the filled regions, darker and wider ones a level up.
  const float scale = static_cast<float>(std::max(1.0, height / 1080.0));
  drawLevelBorders(fill, v, 0.8f * scale, render::packRgba({1, 1, 1}, 170));
  glFinish();  // the level's quads rasterised and let go before the next level's are binned (rasterise)
  if (hasOutlines() && m_fillLevel == Level::Regency) {  // the dapil, which provinces are made of
    if (!m_outlineLayer)
      m_outlineLayer = std::make_unique<render::MapLayer>(m_outlines, 0, m_areaLabels.size(), programs());
    m_outlineLayer->drawBorders(v, 1.8f * scale, render::packRgba({0.15f, 0.16f, 0.2f}, 230));
    return;
  }
  drawLevelBorders(fill - 1, v, 1.8f * scale, render::packRgba({0.15f, 0.16f, 0.2f}, 230));
}

void MapScene::setOutlines(LevelGeometry outlines, std::vector<AreaLabel> labels) {
  m_outlines = std::move(outlines);
  m_areaLabels = std::move(labels);
  m_outlineLayer.reset();
  ++m_colourVersion;  // the cached map is redrawn with them
}

std::vector<MapScene::DrawnLabel> MapScene::drawnAreaLabels(int width, int height) const {
  if (m_mode != Mode::Map || m_fillLevel != Level::Regency) return {};
  const render::ViewTransform v = transform(width, height);
  double vx0, vy0, vx1, vy1;
  if (!regionBox(m_view, vx0, vy0, vx1, vy1)) return {};
  std::vector<DrawnLabel> out;
  for (const AreaLabel& a : m_areaLabels) {
    if (a.x < vx0 || a.x > vx1 || a.y < vy0 || a.y > vy1) continue;  // outside the view's box
    DrawnLabel d{&a, 0, 0, static_cast<float>((a.maxX - a.minX) / v.kmPerPixel),
                 static_cast<float>((a.maxY - a.minY) / v.kmPerPixel)};
    v.toPixel(a.x, a.y, d.px, d.py);
    out.push_back(d);
  }
  return out;
}

std::size_t MapScene::withoutPolygonInView() const {
  if (m_mode != Mode::Map) return 0;
  std::size_t n = 0;
  for (RegionId r : m_geometry[levelSlot(m_fillLevel)].withoutPolygon) n += inView(r);
  return n;
}

RegionId MapScene::pick(double px, double py, int width, int height) const {
  if (m_mode != Mode::Map) return kNoRegion;
  const render::ViewTransform v = transform(width, height);
  const double x = v.centerX + (px - width / 2.0) * v.kmPerPixel, y = v.centerY - (py - height / 2.0) * v.kmPerPixel;
  const LevelGeometry& g = m_geometry[levelSlot(m_fillLevel)];
  for (const RegionShape& s : g.shapes) {
    if (x < s.minX || x > s.maxX || y < s.minY || y > s.maxY) continue;
    for (uint32_t t = s.firstTriangle; t < s.firstTriangle + s.triangleCount; ++t) {
      const float* p = g.triangles.data() + static_cast<std::size_t>(t) * 6;
      auto side = [&](int a, int b) { return (p[b * 2] - p[a * 2]) * (y - p[a * 2 + 1]) - (p[b * 2 + 1] - p[a * 2 + 1]) * (x - p[a * 2]); };
      const double d0 = side(0, 1), d1 = side(1, 2), d2 = side(2, 0);
      if ((d0 >= 0 && d1 >= 0 && d2 >= 0) || (d0 <= 0 && d1 <= 0 && d2 <= 0)) return s.region;
    }
  }
  return kNoRegion;
}

std::vector<DrawnRegion> MapScene::regionsInView(Level level, int width, int height) const {
  if (m_mode != Mode::Map || level < Level::Province || level > Level::District) return {};
  const render::ViewTransform v = transform(width, height);
  std::vector<DrawnRegion> out;
  for (const RegionShape& s : m_geometry[levelSlot(level)].shapes) {
    if (!inView(s.region)) continue;
    DrawnRegion d;
    d.region = s.region;
    v.toPixel(s.labelX, s.labelY, d.px, d.py);
    d.widthPx = static_cast<float>((s.maxX - s.minX) / v.kmPerPixel);
    d.heightPx = static_cast<float>((s.maxY - s.minY) / v.kmPerPixel);
    out.push_back(d);
  }
  return out;
}

std::vector<DrawnRegion> MapScene::drawnRegions(int width, int height) const {
  std::vector<DrawnRegion> out = regionsInView(m_fillLevel, width, height);
  const int fill = levelSlot(m_fillLevel);
  const RegionId first = m_tree->levelBegin(m_fillLevel);
  for (DrawnRegion& d : out) {
    d.winner = m_winner.empty() ? -1 : m_winner[d.region - first];
    d.value = m_value.empty() ? std::nan("") : m_value[d.region - first];
    d.colour = m_colours[fill][d.region - first];
  }
  return out;
}

}  // namespace pantau::viewer
