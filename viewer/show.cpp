#include "show.hpp"

#include <cstdio>

#include "seat_board.hpp"

namespace pantau::viewer {

using namespace pantau::data;

Show::Show(SceneSetup setup, FeedSetup feed, std::optional<int64_t> sinceEpoch)
    : m_setup(std::move(setup)),
      m_feed(std::move(feed)),
      m_scene(m_setup.scene.get()),
      m_language(m_setup.language),
      m_since(sinceEpoch),
      m_nav(m_scene->view()) {
  m_feed.feed->show(m_scene->view(), m_scene->layer().needsTps());
  if (m_setup.dpr) m_names = std::make_unique<DapilNames>(m_feed.spec, m_setup.dpr);
  m_seatView = m_setup.seatView && m_setup.dpr;
}

bool Show::setSeatView(bool on) {
  if (!m_setup.dpr || on == m_seatView) return false;
  m_seatView = on;
  return true;
}

const Snapshot& Show::mapSnapshot() const {
  const bool byDapil = m_dapilShown && m_scene->mode() == MapScene::Mode::Map &&
                       m_scene->fillLevel() == Level::Regency;
  return byDapil ? *m_dapilShown : *m_shown;
}

void Show::project() {
  if (!m_setup.dpr || !m_shown) return;
  m_projection = projectFromSnapshot(*m_shown, *m_setup.dpr, m_names->caleg());
  if (m_setup.dapilMap) m_dapilShown = dapilSnapshot(*m_shown, *m_setup.dpr);
}

void Show::wantNames() {
  if (!m_names || !m_shown) return;
  if (const DapilInfo* d = dapilOfRegion(*m_setup.tree, *m_setup.dpr, m_scene->view()))
    m_names->want(d->kode, m_shown->version(), m_shown->publishedAtMs());
}

bool Show::refreshNames() {
  if (!m_names) return false;
  wantNames();
  if (!m_names->poll()) return false;
  project();
  return true;
}

void Show::settleNames(int timeoutMs) {
  if (!m_names) return;
  wantNames();
  if (!m_names->wait(timeoutMs))
    std::fprintf(stderr, "pantau: the dapil's caleg votes still loading after %d ms\n", timeoutMs);
  if (!m_names->lastError().empty())
    std::fprintf(stderr, "pantau: %s\n", m_names->lastError().c_str());
  project();
}

bool Show::showView(RegionId region) {
  if (!m_scene->setView(region)) return false;
  m_camera = {};
  m_feed.feed->show(region, m_scene->layer().needsTps());
  if (m_shown) m_scene->applySnapshot(mapSnapshot());
  return true;
}

bool Show::goTo(RegionId region) {
  if (region == kNoRegion || region == m_scene->view()) return false;
  if (showView(region)) m_nav.go(region);
  return true;
}

bool Show::back() {
  return m_nav.back() && (showView(m_nav.current()), true);
}
bool Show::forward() {
  return m_nav.forward() && (showView(m_nav.current()), true);
}
bool Show::up() {
  return m_nav.up(*m_setup.tree) && (showView(m_nav.current()), true);
}

void Show::setLayer(const LayerChoice& layer) {
  m_scene->setLayer(layer);
  m_feed.feed->show(m_scene->view(), layer.needsTps());
  if (m_shown) m_scene->applySnapshot(mapSnapshot());
}

bool Show::nextLayer() {
  if (!m_shown) return false;
  LayerChoice next = m_scene->layer().next(*m_shown);
  if (m_setup.dpdNation)  // every province's race: the race and progress alone
    next.kind = m_scene->layer().kind == LayerChoice::Race ? LayerChoice::Progress : LayerChoice::Race;
  m_scene->setLayer(next);
  m_feed.feed->show(m_scene->view(), next.needsTps());
  m_scene->applySnapshot(mapSnapshot());
  return true;
}

void Show::setPalette(bool colourBlindSafe) {
  LayerChoice layer = m_scene->layer();
  layer.colourBlindSafe = colourBlindSafe;
  m_scene->setLayer(layer);
  if (m_shown) m_scene->applySnapshot(mapSnapshot());
}

void Show::setHover(RegionId region) {
  m_scene->setHover(region), m_hover = region;
}

bool Show::takeLatest(int transitionMs) {
  auto latest = m_feed.feed->latest();
  if (!latest || latest == m_shown) return false;
  m_scene->setBaseline(m_feed.feed->baseline(*latest, m_since));
  const bool first = !m_shown;
  m_shown = std::move(latest);
  project();
  m_scene->applySnapshot(mapSnapshot(), first ? 0 : transitionMs);  // values move, never jump
  return true;
}

void Show::refreshPhotos() {
  if (!m_shown || m_scene->mode() != MapScene::Mode::Tps || !m_feed.images) return;
  m_tps.update(m_scene->view(), *m_shown, m_feed.images.get());
  m_tps.poll(*m_feed.images);
}

bool Show::settlePhotos(int timeoutMs) {
  if (!m_shown || m_scene->mode() != MapScene::Mode::Tps || !m_feed.images) return true;
  m_tps.update(m_scene->view(), *m_shown, m_feed.images.get());
  const bool idle = m_feed.images->waitIdle(timeoutMs);
  m_tps.poll(*m_feed.images);
  return idle;
}

bool Show::prepare(RegionId region, const LayerChoice& layer, int width, int height) {
  if (!m_shown || region == kNoRegion) return false;
  // mapSnapshot() asks the scene's view, which prepare() has set to `region` when it calls this.
  return m_scene->prepare(region, layer, [this]() -> const Snapshot& { return mapSnapshot(); }, width, height);
}

void Show::drawMap(int width, int height) {
  m_scene->setCamera(m_camera.zoom, m_camera.panX, m_camera.panY);
  m_scene->draw(width, height);
}

void Show::drawStill(int width, int height, const std::function<void(unsigned fbo, int rows)>& band) {
  m_scene->setCamera(m_camera.zoom, m_camera.panX, m_camera.panY);
  m_scene->drawStill(width, height, band);
}

RegionId Show::pick(float px, float py, int width, int height) const {
  return m_scene->mode() == MapScene::Mode::Tiles ? m_tiles.pick(px, py)
                                                  : m_scene->pick(px, py, width, height);
}

OverlayInfo Show::overlayInfo() {
  OverlayInfo info;
  info.text = &text();
  info.simulated = m_feed.simulated;
  info.nowMs = m_feed.feed->clockMs();
  const TpsSweepProgress sweep = m_feed.feed->tpsSweep();
  info.tpsRead = sweep.read;
  info.tpsNeeded = sweep.needed;
  info.tiles = &m_tiles;  // laid out by the overlay where it draws them
  info.tps = &m_tps;
  info.hover = m_hover;
  info.seats = seats();
  info.dpr = m_setup.dpr.get();
  info.seatView = m_seatView;
  return info;
}

}  // namespace pantau::viewer
