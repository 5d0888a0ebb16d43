// The interactive viewer. The network never blocks this thread: the feed (the LiveClient's worker,
// or a replayed archive) publishes snapshots; each frame takes the latest one and, if it is new,
// recolours the map. Input becomes the Show's commands; the keys are one table (window_keys.cpp).

#include "window_app.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <future>
#include <utility>

#include "glfw_window.hpp"
#include "overlay.hpp"
#include "phase_log.hpp"
#include "pantau/data/base/clock.hpp"
#include "pantau/render/gl.hpp"
#include "pantau/render/offscreen_target.hpp"
#include "show.hpp"
#include "ui_context.hpp"
#include "view_export.hpp"
#include "window_keys.hpp"
#include "window_panels.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {

class WindowApp {
 public:
  WindowApp(const Options& o, Show& show, GlfwWindow& window, UiContext& ui)
      : m_o(o),
        m_show(show),
        m_window(window),
        m_ui(ui),
        m_overlay(ui.fonts()),
        m_panels(show.setup().tree) {}
  /// Frames until the window closes (or the --screenshot is written); the exit status.
  int run();

 private:
  void handleDrag(double mx, double my, bool onPhoto);
  void handleKeys();
  void handleWheelAndHover(float px, float py, bool onPhoto);
  void run(WindowCommand command, int arg);
  double idleWaitSeconds() const {
    if (m_show.scene().quickMapShown()) return 0;  // the full map next, at once
    return m_animating || m_playing || m_show.scene().moving() || m_show.photosLoading() ? 0.03 : 0.25;
  }
  bool frameDue(bool fresh) const;
  void drawFrame();
  void drawWidgets(const Snapshot& s);
  bool finishFrame();  ///< export, toast, screenshot; true when the screenshot ends the run
  void sayFirstMaps();
  void moveCamera(double zoomFactor, double dx, double dy);

  const Options& m_o;
  Show& m_show;
  GlfwWindow& m_window;
  UiContext& m_ui;
  Overlay m_overlay;
  WindowPanels m_panels;
  int m_fbw = 0, m_fbh = 0;
  int m_frame = 0;
  int m_status = 0;  ///< the exit status: 1 when the --screenshot could not be written
  bool m_changed = true, m_animating = false, m_playing = false, m_exportPending = false;
  bool m_dragging = false, m_firstMapShown = false, m_fullMapShown = false;
  double m_lastX = 0, m_lastY = 0, m_pressX = 0, m_pressY = 0;  ///< window units
  RegionId m_chosen = kNoRegion;  ///< from the panels, applied at the next frame
  std::string m_toast;
  int64_t m_toastUntil = 0;
  int64_t m_movedMs = 0;  ///< the camera's last move: the map settles (a full render) 100 ms after it
};

void WindowApp::sayFirstMaps() {
  // Start-up time, measured from outside (README "The window's first map"): the first map (the
  // quick one) and the first full one.
  if (!m_show.snapshot()) return;
  if (!m_firstMapShown) {
    m_firstMapShown = true;
    std::fprintf(stderr, "pantau: first map on screen at %lld ms (unix time)\n", static_cast<long long>(wallMs()));
  }
  if (!m_fullMapShown && !m_show.scene().quickMapShown()) {
    m_fullMapShown = true;
    std::fprintf(stderr, "pantau: first full map on screen at %lld ms (unix time)\n", static_cast<long long>(wallMs()));
  }
}

int WindowApp::run() {
  m_window.framebufferSize(m_fbw, m_fbh);
  while (!m_window.shouldClose()) {
    m_window.waitEvents(
        idleWaitSeconds());  // until input or, at most, the next look at the mailbox
    m_changed |= m_window.takeEvents();
    const bool fresh = m_show.takeLatest(400);  // values move over 0.4 s, never jump
    m_show.refreshPhotos();
    if (m_show.refreshNames()) m_changed = true;  // the DPR: who would take the dapil's seats
    m_animating = m_show.advance(wallMs());
    if (m_chosen != kNoRegion) m_show.goTo(std::exchange(m_chosen, kNoRegion)), m_changed = true;
    double mx = 0, my = 0;
    m_window.cursor(mx, my);
    const float px = static_cast<float>(mx * m_window.scaleX()),
                py = static_cast<float>(my * m_window.scaleY());
    const bool onPhoto =
        m_show.scene().mode() == MapScene::Mode::Tps && m_show.tps().overImage(px, py);
    handleDrag(mx, my, onPhoto);
    if (!m_panels.typing())
      handleKeys();
    else
      m_window.forgetPresses();
    handleWheelAndHover(px, py, onPhoto);
    if (m_show.scene().moving() && !m_dragging && wallMs() - m_movedMs > 100)
      m_show.scene().settle(), m_changed = true;  // still again: the full, crisp render
    if (!frameDue(fresh)) continue;
    drawFrame();
    if (finishFrame()) break;
    m_window.swap();
    sayFirstMaps();
    if (m_show.snapshot() && m_show.scene().quickMapShown())  // the full map is the next frame
      m_show.scene().setQuickMaps(false), m_changed = true;
  }
  return m_status;
}

void WindowApp::moveCamera(double zoomFactor, double dx, double dy) {
  Camera c = m_show.camera();
  c.zoom = std::clamp(c.zoom * zoomFactor, 0.5, 64.0), c.panX += dx, c.panY += dy;
  m_show.setCamera(c);
  m_show.scene().beginMotion();  // moved, not rasterised, until it settles
  m_movedMs = wallMs();
  m_changed = true;
}

/// A drag pans the map (or the photo); a press and release in place is a click: the breadcrumb,
/// a tile or a region goes there. From the button's events, so a quick click is never missed.
void WindowApp::handleDrag(double mx, double my, bool onPhoto) {
  const GlfwWindow::LeftButton left = m_window.takeLeftButton();
  if (left.pressed && !ImGui::GetIO().WantCaptureMouse)
    m_dragging = true, m_lastX = m_pressX = left.pressX, m_lastY = m_pressY = left.pressY;
  if (m_dragging) {  // by the motion since the last look, up to the release if it came
    const double x = left.released ? left.releaseX : mx, y = left.released ? left.releaseY : my;
    const double dx = (x - m_lastX) * m_window.scaleX(), dy = (y - m_lastY) * m_window.scaleY();
    if (onPhoto)
      m_show.tps().panBy(static_cast<float>(dx), static_cast<float>(dy));
    else if (dx != 0 || dy != 0)
      moveCamera(1, dx, dy);
    m_changed |= dx != 0 || dy != 0;
    m_lastX = x, m_lastY = y;
  }
  if (m_dragging && left.released) {
    m_dragging = false;
    if (std::abs(left.releaseX - m_pressX) < 4 && std::abs(left.releaseY - m_pressY) < 4) {
      const float px = static_cast<float>(left.releaseX * m_window.scaleX()),
                  py = static_cast<float>(left.releaseY * m_window.scaleY());
      const RegionId crumb = m_overlay.crumbAt(px, py);
      m_show.goTo(crumb != kNoRegion ? crumb : m_show.pick(px, py, m_fbw, m_fbh));
      m_changed = true;
    }
  }
  if (m_window.clicked(GLFW_MOUSE_BUTTON_4)) run(WindowCommand::Back, 0);
  if (m_window.clicked(GLFW_MOUSE_BUTTON_5)) run(WindowCommand::Forward, 0);
}

void WindowApp::handleKeys() {
  const bool alt = m_window.keyDown(GLFW_KEY_LEFT_ALT) || m_window.keyDown(GLFW_KEY_RIGHT_ALT);
  const bool ctrl =
      m_window.keyDown(GLFW_KEY_LEFT_CONTROL) || m_window.keyDown(GLFW_KEY_RIGHT_CONTROL);
  for (const KeyBinding& k : windowKeys()) {
    const bool active = k.held ? m_window.keyDown(k.key) : m_window.pressed(k.key);
    const bool modifier = k.modifier == KeyBinding::Alt    ? alt
                          : k.modifier == KeyBinding::Ctrl ? ctrl
                                                           : true;
    if (active && modifier) run(k.command, k.arg);
  }
}

void WindowApp::run(WindowCommand command, int arg) {
  const bool onTps = m_show.scene().mode() == MapScene::Mode::Tps;
  switch (command) {
    case WindowCommand::Back:
      m_show.back();
      break;
    case WindowCommand::Forward:
      m_show.forward();
      break;
    case WindowCommand::Up:
      m_show.up();
      break;
    case WindowCommand::Search:
      m_panels.focusSearch();
      break;
    case WindowCommand::Table:
      m_panels.toggleTable();
      break;
    case WindowCommand::Export:
      m_exportPending = true;
      break;
    case WindowCommand::Palette:  // the colour-blind-safe palette, one key away
      if (m_show.snapshot()) m_show.togglePalette();
      break;
    case WindowCommand::NextLayer:
      m_show.nextLayer();
      break;
    case WindowCommand::Page:
      if (onTps) m_show.tps().selectPage(arg);
      break;
    case WindowCommand::Rotate:
      if (onTps) m_show.tps().rotate();
      break;
    case WindowCommand::ZoomIn:
      moveCamera(1.05, 0, 0);
      break;
    case WindowCommand::ZoomOut:
      moveCamera(1 / 1.05, 0, 0);
      break;
    case WindowCommand::Seats:  // the DPR's hemicycle
      m_show.toggleSeatView();
      break;
  }
  m_changed = true;
}

/// On the photo the wheel zooms the photo, elsewhere the map; hover outlines what is under the
/// cursor.
void WindowApp::handleWheelAndHover(float px, float py, bool onPhoto) {
  if (const double wheel = m_window.takeWheel(); wheel != 0) {
    if (onPhoto)
      m_show.tps().zoomBy(static_cast<float>(std::pow(1.2, wheel)));
    else
      moveCamera(std::pow(1.2, wheel), 0, 0);
    m_changed = true;
  }
  if (!m_dragging && !ImGui::GetIO().WantCaptureMouse) {
    const RegionId over = m_show.pick(px, py, m_fbw, m_fbh);
    if (over != m_show.scene().hover()) m_show.setHover(over), m_changed = true;
  }
}

/// Idle: nothing new, nothing moving, no input: the loop waits for events instead of drawing.
bool WindowApp::frameDue(bool fresh) const {
  const ImGuiIO& io = ImGui::GetIO();
  // Over a panel every event needs a frame (ImGui sees a click on the frame after it); this
  // still only draws when an event woke the loop.
  const bool pointerActive = io.WantCaptureMouse || io.WantCaptureKeyboard;
  return fresh || m_animating || m_changed || m_show.photosLoading() || m_playing ||
         pointerActive || !m_o.screenshot.empty() || m_frame <= 2 || io.WantTextInput;
}

void WindowApp::drawFrame() {
  m_changed = false;
  m_window.framebufferSize(m_fbw, m_fbh);
  glViewport(0, 0, m_fbw, m_fbh);
  m_show.drawMap(m_fbw, m_fbh);
  m_window.newImGuiFrame();
  const Snapshot* s = m_show.snapshot();
  if (s && m_o.overlay) {
    OverlayInfo info = m_show.overlayInfo();
    info.toast = m_toast;
    info.rightReservePx = m_panels.tableWidth(m_show.scene(), m_ui.fonts().scale, m_fbw);
    m_ui.beginFrame(m_fbw, m_fbh, true);
    m_overlay.draw(*s, m_show.scene(), m_fbw, m_fbh,
                   info);  // the broadcast layer, under the panels
    drawWidgets(*s);
    m_ui.endFrame();
  }
  ++m_frame;
}

void WindowApp::drawWidgets(const Snapshot& s) {
  m_playing = m_show.feed().drawControls(m_show.text(), m_ui.fonts(), m_fbw, m_fbh);
  const RegionId go = m_panels.draw(s, m_show.scene(), m_show.text(), m_ui.fonts(), m_fbw, m_fbh);
  if (go != kNoRegion) m_chosen = go;
}

bool WindowApp::finishFrame() {
  const Snapshot* s = m_show.snapshot();
  if (m_exportPending && s) {  // E: this frame as PNG, the view's children as CSV (and GeoPackage)
    m_exportPending = false;
    m_toast = exportView(*s, m_show.scene(), m_show.setup().boundaries, m_fbw, m_fbh, m_show.text());
    m_toastUntil = wallMs() + 5000;
    m_changed = true;
  }
  if (!m_toast.empty() && wallMs() > m_toastUntil) m_toast.clear(), m_changed = true;
  if (m_o.screenshot.empty() || m_frame < m_o.frames || !s || m_show.scene().quickMapShown()) return false;
  glReadBuffer(GL_BACK);  // the window's own framebuffer (0), as drawn
  if (Status st = render::writeFramebufferPng(m_o.screenshot, 0, m_fbw, m_fbh); !st)
    m_status = failWith(st.error().message);
  return true;
}

}  // namespace

int runWindow(const Options& o) {
  // The data (the tree, the meshes, the first read of the source) and the window with its GL
  // context need nothing of each other: the data loads on a second thread while this one opens
  // the window (GLFW wants the main thread), as a headless still does with Mesa's start.
  PhaseLog phases;  // PANTAU_PHASES=1: where the first map's time goes (README "The window's first map")
  auto loading = std::async(std::launch::async, [&o]() -> Result<std::pair<SceneSetup, FeedSetup>> {
    auto setup = loadSceneSetup(o);
    if (!setup) return setup.error();
    auto feed = setUpFeed(o, *setup, FeedMode::Follow);
    if (!feed) return feed.error();
    return std::pair{std::move(*setup), std::move(*feed)};
  });
  auto window = GlfwWindow::open(o.width, o.height, "Pantau");
  phases.mark("window_open");
  auto loaded = loading.get();
  phases.mark("data_wait");
  if (!loaded) return failWith(loaded.error().message);
  if (!window) return failWith(window.error().message);
  Show show(std::move(loaded->first), std::move(loaded->second),
            o.sinceMs ? std::optional<int64_t>(*o.sinceMs / 1000) : std::nullopt);
  show.scene().upload();
  show.scene().setQuickMaps(true);  // the first maps the quick way, until the first snapshot is on screen
  int fbw = 0, fbh = 0;
  (*window)->framebufferSize(fbw, fbh);
  UiContext ui(overlayScale(fbw, fbh) * std::max(1.f, (*window)->scaleY()));
  (*window)->initImGui();
  phases.mark("upload_imgui");
  const int status = WindowApp(o, show, **window, ui).run();
  (*window)->shutdownImGui();
  return status;
}

}  // namespace pantau::viewer
