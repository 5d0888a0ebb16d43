// A live wall tile: frames on a grid of the wall clock (frame F starts at F / fps seconds since
// 1970, the same on every tile whose clock is kept in step), two pictures of the tile's part of
// the canvas (the one shown and the next version drawn ahead of its moment), each laid out for the
// whole canvas and drawn for the tile only, and a stale badge when the tile is behind or the relay
// is silent.

#include "wall_app.hpp"

#include "pantau/render/gl.hpp"  // before GLFW, which would bring GL 1.x's header

#include <GLFW/glfw3.h>
#include <signal.h>

#include <atomic>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <thread>

#include "pantau/data/base/clock.hpp"
#include "pantau/data/contests/legislative_types.hpp"
#include "pantau/render/headless_gl.hpp"
#include "pantau/render/offscreen_target.hpp"
#include "air_frame.hpp"
#include "program_follower.hpp"
#include "show.hpp"
#include "show_frame.hpp"
#include "ui_context.hpp"
#include "wall_feed.hpp"
#include "wall_layout.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {

std::atomic<bool> g_stop{false};

void onSignal(int) {
  g_stop = true;
}

/// Where a frame goes: the window's framebuffer (then swapped), or headless a tile-sized target.
struct TileOutput {
  GLFWwindow* window = nullptr;
  std::unique_ptr<render::OffscreenTarget> target;  ///< headless
  int width = 0, height = 0;
  unsigned framebuffer() const { return target ? target->resolvedFramebuffer() : 0; }
};

/// The badge in the tile's top right corner: why it is stale and how old what it shows is (the
/// source's time, which a viewer can read, rather than the version's number).
void drawStaleBadge(const WallStale& stale, const UiText& t, const Fonts& f, int width) {
  if (stale.why == WallStale::Why::No) return;
  char text[160];
  const std::string hhmm = stale.shownTs.size() >= 16 ? stale.shownTs.substr(11, 5) : "--:--";
  if (stale.shown == 0)
    std::snprintf(text, sizeof text, "%s", t.wallWaiting);
  else
    std::snprintf(text, sizeof text, "%s \xC2\xB7 %s %s WIB",
                  stale.why == WallStale::Why::RelaySilent ? t.wallRelaySilent : t.wallBehind,
                  t.wallDataAt, hhmm.c_str());
  const float u = std::max(0.5f, f.scale), size = 22 * u, pad = 10 * u, margin = 16 * u;
  const ImVec2 extent = f.bold->CalcTextSizeA(size, FLT_MAX, 0, text);
  const ImVec2 b(static_cast<float>(width) - margin, margin + extent.y + 2 * pad);
  const ImVec2 a(b.x - extent.x - 2 * pad, margin);
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  dl->AddRectFilled(a, b, IM_COL32(242, 169, 0, 240), 6 * u);  // broadcast amber: "not live"
  dl->AddText(f.bold, size, ImVec2(a.x + pad, a.y + pad), IM_COL32(20, 20, 20, 255), text);
}

/// A cue of the on-air program (--follow) as this tile can show it: the leader's item (its
/// region and layer resolved, its map kind and caption), drawn in the broadcast theme.
struct TileCue {
  onair::ProgramCue cue;
  onair::RundownItem item;
};

class WallTile {
 public:
  /// `follow`: the on-air leader's program (--follow), else null.
  WallTile(const Options& o, const WallLayout& wall, Show& show, WallFeed& feed, UiContext& ui,
           TileOutput& out, onair::ProgramFollower* follow)
      : m_o(o),
        m_wall(wall),
        m_show(show),
        m_feed(feed),
        m_ui(ui),
        m_overlay(ui.fonts()),
        m_out(out),
        m_follow(follow),
        m_canvas{std::make_unique<render::OffscreenTarget>(wall.tileWidth, wall.tileHeight, 0),
                 std::make_unique<render::OffscreenTarget>(wall.tileWidth, wall.tileHeight, 0)} {
    for (auto& c : m_canvas) {
      c->bind();
      glClearColor(0, 0, 0, 1);
      glClear(GL_COLOR_BUFFER_BIT);
      c->resolve();
    }
  }
  bool ok() const { return m_canvas[0]->ok() && m_canvas[1]->ok(); }
  /// Frames until --duration or a signal; the exit status.
  int run();

 private:
  /// The tile's part of the canvas: `onAir`, the leader's item as it draws it, or (null) the
  /// view with the usual overlay.
  void drawCanvas(render::OffscreenTarget& canvas, const TileCue* onAir);
  /// What the canvas shows now: the cue on the wall, or (null) the view.
  const TileCue* onAir() const { return m_onAir ? &*m_onAir : nullptr; }
  void compose(const WallStale& stale);
  void logSwitch(const RelayLatest& v, int64_t shownMs, int64_t frame);
  // --follow: the program's cues, each on the wall in the frame at or after its apply_at_ms.
  /// The leader's newest cue that this tile can show and does not show yet.
  std::optional<TileCue> pendingCue();
  std::optional<TileCue> resolve(const onair::ProgramCue& cue) const;
  void applyCue(const TileCue& cue);
  /// Draws `cue`'s view into the back canvas ahead of its moment; the Show returns to the view
  /// on the wall.
  void drawCueAhead(const TileCue& cue);
  /// Whether the back canvas holds `cue` drawn with the data on the wall now.
  bool drawnAhead(const TileCue& cue) const;
  void logCue(const onair::ProgramCue& c, int64_t shownMs, int64_t frame);

  const Options& m_o;
  WallLayout m_wall;
  Show& m_show;
  WallFeed& m_feed;
  UiContext& m_ui;
  Overlay m_overlay;
  TileOutput& m_out;
  onair::ProgramFollower* m_follow;
  /// The tile's part of the canvas, twice: [m_front] is shown, the other drawn ahead.
  std::unique_ptr<render::OffscreenTarget> m_canvas[2];
  int m_front = 0;
  uint64_t m_backVersion = 0;  ///< the version drawn in the back canvas
  int64_t m_drawnMs = 0;       ///< when the last canvas was drawn
  FILE* m_log = nullptr;
  uint64_t m_shownCue = 0;           ///< the seq of the cue on the wall (0: none yet)
  uint64_t m_backCue = 0;            ///< the cue drawn ahead in the back canvas, 0: none
  uint64_t m_backCueData = 0;        ///< the version that drawing shows
  uint64_t m_refusedCue = 0;         ///< the last cue this tile could not show (said once)
  std::optional<TileCue> m_onAir;    ///< the cue on the wall
  TileView m_children;               ///< an item below the districts: its children's tiles
};

void WallTile::drawCanvas(render::OffscreenTarget& canvas, const TileCue* onAir) {
  canvas.bind();
  if (onAir) {  // what the leader puts on air, laid out for the whole canvas
    onair::ThemeFrame f;
    f.item = &onAir->item;
    f.snapshot = m_show.snapshot();
    f.text = &m_show.text();
    f.breaking = onAir->cue.breaking;
    f.simulated = m_show.overlayInfo().simulated;
    f.tiles = onAir->item.map == onair::MapKind::Tiles;
    f.width = m_wall.canvasWidth(), f.height = m_wall.canvasHeight();
    onair::drawAirFrame(m_show, m_ui, m_children, f, tileWindow(m_wall));
  } else {
    drawShowFrame(m_show, m_o.overlay ? &m_ui : nullptr, &m_overlay, m_wall.canvasWidth(),
                  m_wall.canvasHeight(), tileWindow(m_wall));
  }
  canvas.resolve();
  glFinish();
}

/// The shown picture of the tile's part (bezels fall between tiles), and the badge over it.
void WallTile::compose(const WallStale& stale) {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, m_canvas[m_front]->resolvedFramebuffer());
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, m_out.framebuffer());
  glBlitFramebuffer(0, 0, m_wall.tileWidth, m_wall.tileHeight, 0, 0, m_out.width,
                    m_out.height, GL_COLOR_BUFFER_BIT,
                    m_out.width == m_wall.tileWidth ? GL_NEAREST : GL_LINEAR);
  glBindFramebuffer(GL_FRAMEBUFFER, m_out.framebuffer());
  glViewport(0, 0, m_out.width, m_out.height);
  if (stale.why != WallStale::Why::No) {
    m_ui.beginFrame(m_out.width, m_out.height, false);
    drawStaleBadge(stale, m_show.text(), m_ui.fonts(), m_out.width);
    m_ui.endFrame();
  }
  if (m_out.window)
    glfwSwapBuffers(m_out.window), glfwPollEvents();
  else
    glFinish();
}

void WallTile::logSwitch(const RelayLatest& v, int64_t shownMs, int64_t frame) {
  if (!m_log) return;
  std::fprintf(m_log,
               "{\"tile\": \"%d,%d\", \"version\": %llu, \"apply_at_ms\": %lld, \"shown_ms\": "
               "%lld, \"frame\": %lld}\n",
               m_wall.col, m_wall.row, static_cast<unsigned long long>(v.version),
               static_cast<long long>(v.applyAtMs), static_cast<long long>(shownMs),
               static_cast<long long>(frame));
  std::fflush(m_log);
}

void WallTile::logCue(const onair::ProgramCue& c, int64_t shownMs, int64_t frame) {
  if (!m_log) return;
  std::fprintf(m_log,
               "{\"tile\": \"%d,%d\", \"cue\": %llu, \"item\": %d, \"view\": \"%s\", "
               "\"apply_at_ms\": %lld, \"shown_ms\": %lld, \"frame\": %lld}\n",
               m_wall.col, m_wall.row, static_cast<unsigned long long>(c.seq), c.item,
               c.view.c_str(), static_cast<long long>(c.applyAtMs), static_cast<long long>(shownMs),
               static_cast<long long>(frame));
  std::fflush(m_log);
}

std::optional<TileCue> WallTile::resolve(const onair::ProgramCue& c) const {
  TileCue t{c, {}};
  onair::RundownItem& it = t.item;
  it.name = c.name, it.view = c.view, it.layer = c.layer, it.contest = c.contest;
  it.caption = c.caption;
  it.map = c.map == "tiles" ? onair::MapKind::Tiles : onair::MapKind::Regions;
  std::string error;
  const RegionTree& tree = m_show.tree();
  if (!c.view.empty()) it.region = tree.find(c.view);
  if (it.region == kNoRegion)
    error = "unknown region '" + c.view + "'";
  else if (tree.level(it.region) > Level::Village)
    error = "'" + c.view + "' is a TPS: a wall shows villages and above";
  else if (c.contest != data::toString(m_show.setup().contest))
    error = "contest " + c.contest + ", and this wall shows " +
            data::toString(m_show.setup().contest);
  else
    LayerChoice::parse(c.layer, it.layerChoice, error, m_show.setup().contest);
  if (error.empty()) return t;
  if (m_refusedCue != c.seq)
    std::fprintf(stderr, "pantau: --follow: cue %llu refused: %s; the wall keeps what it shows\n",
                 static_cast<unsigned long long>(c.seq), error.c_str());
  return std::nullopt;
}

std::optional<TileCue> WallTile::pendingCue() {
  if (!m_follow) return std::nullopt;
  const auto cue = m_follow->latest();
  if (!cue || cue->seq == m_shownCue || cue->seq == m_refusedCue) return std::nullopt;
  auto t = resolve(*cue);
  if (!t) m_refusedCue = cue->seq;
  return t;
}

void WallTile::applyCue(const TileCue& c) {
  m_show.goTo(c.item.region);
  m_show.setLayer(c.item.layerChoice);
}

void WallTile::drawCueAhead(const TileCue& c) {
  const RegionId region = m_show.scene().view();
  const LayerChoice layer = m_show.scene().layer();
  applyCue(c);
  drawCanvas(*m_canvas[1 - m_front], &c);
  m_show.goTo(region);
  m_show.setLayer(layer);
  m_backCue = c.cue.seq;
  m_backCueData = m_feed.shown();
  m_drawnMs = wallMs();
}

bool WallTile::drawnAhead(const TileCue& c) const {
  return m_backCue == c.cue.seq && m_backCueData == m_feed.shown();
}

int WallTile::run() {
  if (!m_o.wallLog.empty() && !(m_log = std::fopen(m_o.wallLog.c_str(), "a"))) {
    std::fprintf(stderr, "pantau: --wall-log %s: cannot append to it\n", m_o.wallLog.c_str());
    return 1;
  }
  const double periodMs = 1000.0 / m_o.wallFps;
  const int64_t start = wallMs();
  auto frameAt = [&](int64_t ms) {
    return static_cast<int64_t>(std::ceil(static_cast<double>(ms) / periodMs));
  };
  WallStale lastStale{
      WallStale::Why::Behind, UINT64_MAX, 0, {}};  // differs from any: the first frame composes
  for (int64_t frame = frameAt(start);
       !g_stop &&
       (m_o.duration <= 0 || static_cast<double>(wallMs() - start) < m_o.duration * 1000);) {
    const int64_t due = static_cast<int64_t>(std::llround(static_cast<double>(frame) * periodMs));
    if (const int64_t wait = due - wallMs(); wait > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(wait));
    const int64_t now = wallMs();
    // Whether this frame switches is decided by its slot on the grid, not by when the thread woke:
    // every tile picks the same frame.
    const auto switched = m_feed.due(due);
    if (switched) {
      if (m_backVersion != switched->version) {  // not drawn ahead (read late): draw it now
        m_show.takeLatest(0);
        drawCanvas(*m_canvas[1 - m_front], onAir());
        m_drawnMs = wallMs();
      }
      m_front = 1 - m_front;
      m_backVersion = 0;
      m_backCue = 0;  // a cue drawn ahead was of the old data: drawn again
    }
    // The program's cue due at this frame's slot (the same frame on every tile), drawn ahead or,
    // when it could not be, now.
    std::optional<TileCue> cue = pendingCue();
    if (cue && cue->cue.applyAtMs > due) cue.reset();
    if (cue) {
      const bool ahead = drawnAhead(*cue);
      applyCue(*cue);
      if (!ahead) drawCanvas(*m_canvas[1 - m_front], &*cue), m_drawnMs = wallMs();
      m_front = 1 - m_front;
      m_shownCue = cue->cue.seq;
      m_onAir = cue;
      m_backCue = 0;
    }
    const WallStale stale = m_feed.stale(now);
    if (switched || cue || stale != lastStale || m_out.window) compose(stale);
    lastStale = stale;
    if (cue) {
      const int64_t shownMs = wallMs();
      logCue(cue->cue, shownMs, frame);
      if (static_cast<double>(shownMs - cue->cue.applyAtMs) > periodMs)
        std::fprintf(stderr, "pantau: wall: cue %llu shown %lld ms after its apply_at_ms\n",
                     static_cast<unsigned long long>(cue->cue.seq),
                     static_cast<long long>(shownMs - cue->cue.applyAtMs));
    }
    if (switched) {
      const int64_t shownMs = wallMs();
      logSwitch(*switched, shownMs, frame);
      if (static_cast<double>(shownMs - switched->applyAtMs) >
          periodMs)  // late: say why (read late, or drawn late)
        std::fprintf(stderr,
                     "pantau: wall: version %llu shown %lld ms after its apply_at_ms (read %lld "
                     "ms, drawn %lld ms after it was published)\n",
                     static_cast<unsigned long long>(switched->version),
                     static_cast<long long>(shownMs - switched->applyAtMs),
                     static_cast<long long>(m_feed.shownReadMs() - switched->publishedMs),
                     static_cast<long long>(m_drawnMs - switched->publishedMs));
    }
    // The next cue, drawn into the back canvas ahead of its moment (after this frame is out),
    // unless a version waits there: then the cue is drawn at its frame. While a cue waits, the
    // next version waits for it (one back canvas; cues come 1.5 s ahead, versions every ~30 s).
    const std::optional<TileCue> nextCue = pendingCue();
    if (nextCue && m_backVersion == 0 && !drawnAhead(*nextCue)) drawCueAhead(*nextCue);
    // The next version, drawn into the back canvas ahead of its moment (after this frame is out).
    if (auto next = nextCue ? std::optional<RelayLatest>() : m_feed.toPrepare()) {
      m_show.takeLatest(0);
      drawCanvas(*m_canvas[1 - m_front], onAir());
      m_backVersion = next->version;
      m_drawnMs = wallMs();
    }
    frame = std::max(frame + 1, frameAt(wallMs()));  // a frame missed is skipped, never queued
  }
  if (m_log) std::fclose(m_log);
  if (!m_o.screenshot.empty() && m_out.target) {
    if (Status s = render::writeFramebufferPng(m_o.screenshot, m_out.framebuffer(), m_out.width, m_out.height); !s)
      return failWith(s.error().message);
  }
  return 0;
}

/// Full screen on --monitor N (a wall's tile is one screen), vsync, no cursor.
Result<GLFWwindow*> openTileWindow(const Options& o) {
  if (!glfwInit())
    return Error{ErrorCode::Network, "--wall: cannot open a window (no display?); add --headless"};
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  if (o.monitor < 0 || o.monitor >= count)
    return Error{ErrorCode::Range, "--monitor " + std::to_string(o.monitor) + ": there are " +
                                       std::to_string(count) + " monitors"};
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  GLFWwindow* window =
      glfwCreateWindow(o.width, o.height, "Pantau wall", monitors[o.monitor], nullptr);
  if (!window) return Error{ErrorCode::Network, "--wall: cannot create an OpenGL 3.3 window"};
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  glfwSetInputMode(window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
  return window;
}

}  // namespace

bool isLiveWallTile(const Options& o) {
  return !o.wall.empty() && o.source && o.source->starts_with("relay+");
}

int runWallTile(const Options& o) {
  auto wall = parseWallLayout(o.wall, o.tile, o.bezel, o.width, o.height);
  if (!wall) return failWith(wall.error().message);
  auto setup = loadSceneSetup(o);
  if (!setup) return failWith(setup.error().message);
  const RegionId view = setup->scene->view();
  // A tile following the on-air program reads down to the regencies: any item down to a
  // regency has its figures (a province's map is filled by regency, a regency's by district).
  const bool deeper =
      o.fill == "district" || setup->tree->level(view) != Level::Nation || !o.follow.empty();
  std::unique_ptr<onair::ProgramFollower> follow;
  if (!o.follow.empty()) {
    auto f = onair::ProgramFollower::start(o.follow, o.controlToken);
    if (!f) return failWith(f.error().message);
    follow = std::move(*f);
  }
  FeedSetup feed;
  feed.spec = *o.source;
  auto wallFeed =
      std::make_unique<WallFeed>(setup->tree, *o.source, wallPlan(*setup->tree, view, deeper));
  WallFeed& tileFeed = *wallFeed;
  feed.feed = std::move(wallFeed);

  std::unique_ptr<render::HeadlessGl> gl;
  TileOutput out;
  if (o.headless) {
    auto g = render::HeadlessGl::create();
    if (!g) return failWith(g.error().message);
    gl = std::move(*g);
    out.target = std::make_unique<render::OffscreenTarget>(o.width, o.height, 0);
    out.width = o.width, out.height = o.height;
  } else {
    auto w = openTileWindow(o);
    if (!w) return failWith(w.error().message);
    out.window = *w;
    glfwGetFramebufferSize(out.window, &out.width, &out.height);
  }
  signal(SIGINT, onSignal);
  signal(SIGTERM, onSignal);
  int status = 0;
  {
    Show show(std::move(*setup), std::move(feed), std::nullopt);
    show.scene().upload();
    UiContext ui(overlayScale(wall->canvasWidth(), wall->canvasHeight()));
    WallTile tile(o, *wall, show, tileFeed, ui, out, follow.get());
    status = tile.ok() ? tile.run() : failWith("cannot create the tile's framebuffers");
  }
  if (out.window) glfwDestroyWindow(out.window), glfwTerminate();
  return status;
}

}  // namespace pantau::viewer
