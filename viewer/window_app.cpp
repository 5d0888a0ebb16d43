// The interactive viewer. The network never blocks this thread: the feed (the LiveClient's worker,
// or a replayed archive) publishes snapshots; each frame takes the latest one and, if it is new,
// recolours the map.

#include "window_app.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "map_scene.hpp"
#include "feed.hpp"
#include "view_export.hpp"
#include "navigation.hpp"
#include "view_requests.hpp"
#include "window_panels.hpp"
#include "scene_setup.hpp"
#include "overlay.hpp"
#include "pantau/data/archive/archive.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/export/export.hpp"
#include "pantau/data/images/form_images.hpp"
#include "pantau/data/source/live_client.hpp"
#include "pantau/data/source/sim_child.hpp"
#include "pantau/render/colours.hpp"
#include "pantau/render/gl.hpp"
#include "pantau/render/offscreen_target.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {

int fail(const std::string& message) {
  std::fprintf(stderr, "pantau: %s\n", message.c_str());
  return 1;
}

int64_t wallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

struct Input {
  double zoom = 1, panX = 0, panY = 0;  // applied on top of the view's fitted transform
  bool dragging = false;
  double lastX = 0, lastY = 0, pressX = 0, pressY = 0;
  bool changed = true;
  double wheel = 0;  // scrolled since the last frame: the map or the photo zooms, by where the cursor is
};

}  // namespace

int runWindow(const Options& o) {
  auto setup = loadSceneSetup(o);
  if (!setup) return fail(setup.error().message);
  std::unique_ptr<MapScene>& scene = setup->scene;
  const Language language = setup->language;
  const std::shared_ptr<const RegionTree>& tree = setup->tree;

  // The source; by default the embedded night, fast enough that the map fills within a minute.
  std::unique_ptr<SimChild> sim;
  std::string spec;
  LiveOptions lo;
  lo.sweepDeepest = Level::Regency;
  if (o.source) {
    spec = *o.source;
  } else {
    std::vector<std::string> args{"--speed", "720", "--at", o.at.value_or("2024-02-14 11:00"), "--anomaly-rate", kEmbeddedAnomalyRate};
    if (o.dataDir) args.insert(args.end(), {"--data", *o.dataDir});
    sim = std::make_unique<SimChild>(args);
    if (!sim->ok()) return fail("the embedded simulator did not start: " + sim->line());
    spec = sim->url();
    lo.policy.intervalMs = {2000, 2000, 3000, 5000, 10000, 10000};  // our own sim, on loopback
  }
  // Snapshots: live (the worker), or a recorded night replayed on a timeline.
  std::unique_ptr<ArchiveWriter> recorder;
  std::mutex recordMutex;
  if (o.record) {
    auto w = ArchiveWriter::open(*o.record);
    if (!w) return fail("--record: " + w.error().message);
    recorder = std::move(*w);
    // The live worker and the photo loader both record, from their own threads.
    lo.onDocument = [&recorder, &recordMutex](int64_t timeMs, const FetchResult& r) {
      std::lock_guard lock(recordMutex);
      return recorder->append(timeMs, r.path, r.body);  // an error shows as the source's last error
    };
  }
  std::optional<int64_t> since;  // epoch seconds, as Sirekap's ts
  if (o.sinceMs) since = *o.sinceMs / 1000;
  std::unique_ptr<Feed> feed;
  if (spec.starts_with("archive:")) {
    auto archive = ArchiveReader::open(spec.substr(8));
    if (!archive) return fail("source '" + spec + "': " + archive.error().message);
    feed = makeReplayFeed(tree, std::move(*archive), o.atMs);
  } else {
    auto source = openSource(spec);
    if (!source) return fail(source.error().message);
    feed = makeLiveFeed(tree, std::move(*source), lo);
  }

  if (!glfwInit()) return fail("cannot open a window (no display?); use --headless --screenshot FILE.png");
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_SAMPLES, 0);  // the map antialiases itself; its cached image is blitted in
  GLFWwindow* window = glfwCreateWindow(o.width, o.height, "Pantau", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return fail("cannot create an OpenGL 3.3 window");
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  float sx = 1, sy = 1;
  glfwGetWindowContentScale(window, &sx, &sy);
  scene->upload();
  int fbw = 0, fbh = 0;
  glfwGetFramebufferSize(window, &fbw, &fbh);
  Overlay overlay(std::max(0.6f, std::min(static_cast<float>(fbh) / 1080.f, static_cast<float>(fbw) / 1920.f)) * std::max(1.f, sy));
  ImGui_ImplGlfw_InitForOpenGL(window, true);

  Input in;
  glfwSetWindowUserPointer(window, &in);
  // Typed characters go to ImGui (search, filter) and need a frame each; so do key presses
  // (a field focused by a shortcut becomes active on the frame after).
  glfwSetCharCallback(window, [](GLFWwindow* w, unsigned int c) {
    ImGui_ImplGlfw_CharCallback(w, c);
    static_cast<Input*>(glfwGetWindowUserPointer(w))->changed = true;
  });
  glfwSetKeyCallback(window, [](GLFWwindow* w, int key, int scancode, int action, int mods) {
    ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
    static_cast<Input*>(glfwGetWindowUserPointer(w))->changed = true;
  });
  glfwSetScrollCallback(window, [](GLFWwindow* w, double dx, double dy) {
    ImGui_ImplGlfw_ScrollCallback(w, dx, dy);  // ours replaced ImGui's: hand it on (tables scroll)
    if (ImGui::GetIO().WantCaptureMouse) return;
    auto* s = static_cast<Input*>(glfwGetWindowUserPointer(w));
    s->wheel += dy;
  });

  // Pressed-once keys and mouse buttons (GLFW reports states; actions want edges).
  std::array<bool, GLFW_KEY_LAST + 1> keyWas{};
  auto pressed = [&](int key) {
    const bool down = glfwGetKey(window, key) == GLFW_PRESS;
    const bool edge = down && !keyWas[static_cast<std::size_t>(key)];
    keyWas[static_cast<std::size_t>(key)] = down;
    return edge;
  };
  std::array<bool, GLFW_MOUSE_BUTTON_LAST + 1> buttonWas{};
  auto clicked = [&](int button) {
    const bool down = glfwGetMouseButton(window, button) == GLFW_PRESS;
    const bool edge = down && !buttonWas[static_cast<std::size_t>(button)];
    buttonWas[static_cast<std::size_t>(button)] = down;
    return edge;
  };

  Navigation nav(scene->view());
  WindowPanels panels(tree);
  TileView tiles;
  TpsView tpsView;
  auto imageSource = openSource(spec);  // the photos come through the same source (an archive: those recorded)
  if (!imageSource) return fail(imageSource.error().message);
  FormImageLoader images(std::move(*imageSource), std::make_unique<ImageDiskCache>(defaultImageCacheDir(), kImageCacheBytes));
  if (recorder)  // the photos a person looked at are part of the night too
    images.onLoaded = [&recorder, &recordMutex](int64_t timeMs, const std::string& path, const std::string& bytes) {
      std::lock_guard lock(recordMutex);
      if (Status s = recorder->append(timeMs, path, bytes); !s) std::fprintf(stderr, "pantau: --record: %s\n", s.error().message.c_str());
    };
  std::shared_ptr<const Snapshot> shown;
  OverlayInfo info;
  info.text = &uiText(language);
  info.simulated = !o.source;
  info.tiles = &tiles;
  info.tps = &tpsView;
  RegionId chosen = kNoRegion;  // from the panels, applied at the next frame
  bool playing = false;
  bool exportPending = false;
  int64_t toastUntil = 0;
  info.widgets = [&] {
    playing = feed->drawControls(uiText(language), overlay.fonts(), fbw, fbh);
    if (!shown) return;
    const RegionId go = panels.draw(*shown, *scene, uiText(language), overlay.fonts(), fbw, fbh);
    if (go != kNoRegion) chosen = go;
  };
  // Shows whatever region the navigation is at.
  auto show = [&](RegionId region) {
    if (!scene->setView(region)) return false;
    in = Input{};
    feed->show(region, scene->layer().needsTps());
    if (shown) scene->applySnapshot(*shown);
    return true;
  };
  auto goTo = [&](RegionId region) {
    if (region == kNoRegion || region == scene->view()) return;
    if (show(region)) nav.go(region);
  };
  feed->show(scene->view(), scene->layer().needsTps());
  int frame = 0;
  bool animatingLast = false;
  while (!glfwWindowShouldClose(window)) {
    // Sleep until input or, at most, the next look at the mailbox: no spinning when idle.
    glfwWaitEventsTimeout(animatingLast || playing || tpsView.waitingForImages() ? 0.03 : 0.25);
    auto latest = feed->latest();
    const bool fresh = latest && latest != shown;
    if (fresh) {
      scene->setBaseline(feed->baseline(*latest, since));
      scene->applySnapshot(*latest, shown ? 400 : 0);  // values move over 0.4 s, never jump
      shown = latest;
    }
    if (shown && scene->mode() == MapScene::Mode::Tps) {
      tpsView.update(scene->view(), *shown, &images);
      tpsView.poll(images);
    }
    const bool animating = scene->advanceTransition(wallMs());
    const bool typing = panels.typing();
    const bool mouseFree = !ImGui::GetIO().WantCaptureMouse;
    double mx = 0, my = 0;
    glfwGetCursorPos(window, &mx, &my);
    const float px = static_cast<float>(mx * sx), py = static_cast<float>(my * sy);

    // Navigation: the panels, the breadcrumb, clicks on the map or a tile, keys and mouse buttons.
    if (chosen != kNoRegion) goTo(std::exchange(chosen, kNoRegion)), in.changed = true;
    const bool down = glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS && mouseFree;
    const bool onPhoto = scene->mode() == MapScene::Mode::Tps && tpsView.overImage(px, py);
    if (down && !in.dragging) {
      in.dragging = true, in.lastX = in.pressX = mx, in.lastY = in.pressY = my;
    } else if (down) {
      const double dx = (mx - in.lastX) * sx, dy = (my - in.lastY) * sy;
      if (onPhoto) tpsView.panBy(static_cast<float>(dx), static_cast<float>(dy));
      else in.panX += dx, in.panY += dy;
      in.changed |= dx != 0 || dy != 0;
      in.lastX = mx, in.lastY = my;
    } else if (in.dragging) {
      in.dragging = false;
      if (std::abs(mx - in.pressX) < 4 && std::abs(my - in.pressY) < 4) {  // a click, not a drag
        RegionId hit = kNoRegion;
        for (const CrumbHit& c : overlay.crumbs())
          if (px >= c.a.x && px <= c.b.x && py >= c.a.y && py <= c.b.y) hit = c.region;
        if (hit == kNoRegion) hit = scene->mode() == MapScene::Mode::Tiles ? tiles.pick(px, py) : scene->pick(px, py, fbw, fbh);
        goTo(hit);
        in.changed = true;
      }
    }
    if (clicked(GLFW_MOUSE_BUTTON_4) && nav.back()) show(nav.current()), in.changed = true;
    if (clicked(GLFW_MOUSE_BUTTON_5) && nav.forward()) show(nav.current()), in.changed = true;
    if (!typing) {
      const bool alt = glfwGetKey(window, GLFW_KEY_LEFT_ALT) == GLFW_PRESS || glfwGetKey(window, GLFW_KEY_RIGHT_ALT) == GLFW_PRESS;
      if (pressed(GLFW_KEY_LEFT) && alt && nav.back()) show(nav.current()), in.changed = true;
      if (pressed(GLFW_KEY_RIGHT) && alt && nav.forward()) show(nav.current()), in.changed = true;
      if ((pressed(GLFW_KEY_BACKSPACE) | pressed(GLFW_KEY_ESCAPE)) && nav.up(*tree)) show(nav.current()), in.changed = true;
      if (pressed(GLFW_KEY_SLASH) || (pressed(GLFW_KEY_F) && glfwGetKey(window, GLFW_KEY_LEFT_CONTROL) == GLFW_PRESS))
        panels.focusSearch(), in.changed = true;
      if (pressed(GLFW_KEY_T)) panels.toggleTable(), in.changed = true;
      if (pressed(GLFW_KEY_E)) exportPending = true, in.changed = true;
      if (pressed(GLFW_KEY_C) && shown) {  // the colour-blind-safe palette, one key away
        LayerChoice l = scene->layer();
        l.colourBlindSafe = !l.colourBlindSafe;
        scene->setLayer(l);
        scene->applySnapshot(*shown);
        in.changed = true;
      }
      if (pressed(GLFW_KEY_L) && shown) {  // the next layer
        LayerChoice l = scene->layer().next(*shown);
        scene->setLayer(l);
        feed->show(scene->view(), l.needsTps());
        scene->applySnapshot(*shown);
        in.changed = true;
      }
      if (scene->mode() == MapScene::Mode::Tps) {  // the photo: pages, turn
        for (int k = 0; k < 5; ++k)
          if (pressed(GLFW_KEY_1 + k)) tpsView.selectPage(k), in.changed = true;
        if (pressed(GLFW_KEY_R)) tpsView.rotate(), in.changed = true;
      }
      if (glfwGetKey(window, GLFW_KEY_EQUAL) == GLFW_PRESS) in.zoom = std::min(64.0, in.zoom * 1.05), in.changed = true;
      if (glfwGetKey(window, GLFW_KEY_MINUS) == GLFW_PRESS) in.zoom = std::max(0.5, in.zoom / 1.05), in.changed = true;
    }
    if (in.wheel != 0) {  // on the photo the wheel zooms the photo, elsewhere the map
      if (onPhoto) tpsView.zoomBy(static_cast<float>(std::pow(1.2, in.wheel)));
      else in.zoom = std::clamp(in.zoom * std::pow(1.2, in.wheel), 0.5, 64.0);
      in.wheel = 0;
      in.changed = true;
    }
    // Hover: outline the region (or tile) under the cursor.
    if (!in.dragging && mouseFree) {
      const RegionId over = scene->mode() == MapScene::Mode::Tiles ? tiles.pick(px, py) : scene->pick(px, py, fbw, fbh);
      if (over != scene->hover()) scene->setHover(over), info.hover = over, in.changed = true;
    }
    animatingLast = animating;
    const bool imagesMoving = tpsView.waitingForImages();
    // Over a panel every event needs a frame (ImGui sees a click on the frame after it); this
    // still only draws when an event woke the loop.
    const bool pointerActive = ImGui::GetIO().WantCaptureMouse || ImGui::GetIO().WantCaptureKeyboard;
    if (!fresh && !animating && !in.changed && !imagesMoving && !playing && !pointerActive && !o.screenshot.size() && frame > 2 &&
        !ImGui::GetIO().WantTextInput)
      continue;
    in.changed = false;
    glfwGetFramebufferSize(window, &fbw, &fbh);
    scene->setCamera(in.zoom, in.panX, in.panY);
    glViewport(0, 0, fbw, fbh);
    scene->draw(fbw, fbh);
    ImGui_ImplGlfw_NewFrame();
    info.nowMs = feed->clockMs();
    info.rightReservePx = panels.tableWidth(*scene, overlay.fonts().scale, fbw);
    if (shown && o.overlay) overlay.draw(*shown, *scene, fbw, fbh, info, true);
    ++frame;
    if (exportPending && shown) {  // E: this frame as PNG, the view's children as CSV (and GeoPackage)
      exportPending = false;
      info.toast = exportView(*shown, *scene, setup->dataDir, fbw, fbh, uiText(language));
      toastUntil = wallMs() + 5000;
      in.changed = true;
    }
    if (!info.toast.empty() && wallMs() > toastUntil) info.toast.clear(), in.changed = true;
    if (!o.screenshot.empty() && frame >= o.frames && shown) {
      glReadBuffer(GL_BACK);
      render::writePng(o.screenshot, fbw, fbh, render::readPixelsTopDown(fbw, fbh));
      break;
    }
    glfwSwapBuffers(window);
  }
  feed.reset();
  ImGui_ImplGlfw_Shutdown();
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}

}  // namespace pantau::viewer
