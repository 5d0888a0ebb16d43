// The interactive viewer. The network never blocks this thread: the LiveClient's worker fetches
// and publishes snapshots; each frame takes the latest one and, if it is new, recolours the map.

#include "window_app.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "map_scene.hpp"
#include "scene_setup.hpp"
#include "overlay.hpp"
#include "pantau/data/data_location.hpp"
#include "pantau/data/live_client.hpp"
#include "pantau/data/snapshot_history.hpp"
#include "pantau/data/sim_child.hpp"
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
};

/// The layers in the order L steps through them; share and change follow the nation's leader.
LayerChoice nextLayer(const LayerChoice& l, const Snapshot& s) {
  LayerChoice n = l;
  n.candidate = 0;
  switch (l.kind) {
    case LayerChoice::Winner: {
      n.kind = LayerChoice::Share;
      double lead = 0;
      const int c = render::winnerOf(s.ownVotes(kNation), lead);
      n.candidate = s.candidates()[static_cast<std::size_t>(std::max(0, c))];
      break;
    }
    case LayerChoice::Share: n.kind = LayerChoice::Progress; break;
    case LayerChoice::Progress: n.kind = LayerChoice::Turnout; break;
    case LayerChoice::Turnout: n.kind = LayerChoice::Change; break;
    case LayerChoice::Change: n.kind = LayerChoice::Integrity; break;
    case LayerChoice::Integrity: n.kind = LayerChoice::Winner; break;
  }
  return n;
}
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
  auto source = openSource(spec);
  if (!source) return fail(source.error().message);
  LiveClient live(tree, std::move(*source), lo);
  if (scene->layer().needsTps()) live.sweepTpsUnder(scene->view());
  live.start();
  // The change layer's earlier moment: --since, else an hour (Sirekap time) before the latest.
  SnapshotHistory history;
  std::optional<int64_t> since;
  if (o.since) {
    Timestamp ts;
    if (!parseTimestamp(*o.since + ":00", ts)) return fail("--since: '" + *o.since + "' is not \"YYYY-MM-DD HH:MM\"");
    since = ts.epochUtc;
  }
  auto baselineFor = [&](const Snapshot& s) {
    return history.at(since.value_or(s.status(kNation).sourceTs - 3600));
  };

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
  glfwSetScrollCallback(window, [](GLFWwindow* w, double, double dy) {
    if (ImGui::GetIO().WantCaptureMouse) return;
    auto* s = static_cast<Input*>(glfwGetWindowUserPointer(w));
    s->zoom = std::clamp(s->zoom * std::pow(1.2, dy), 0.5, 64.0);
    s->changed = true;
  });

  std::shared_ptr<const Snapshot> shown;
  OverlayInfo info{&uiText(language), !o.source, 0};
  int frame = 0;
  bool animatingLast = false;
  while (!glfwWindowShouldClose(window)) {
    // Sleep until input or, at most, the next look at the mailbox: no spinning when idle.
    glfwWaitEventsTimeout(animatingLast ? 0.0 : 0.25);
    auto latest = live.mailbox().latest();
    const bool fresh = latest && latest != shown;
    if (fresh) {
      history.add(latest);
      scene->setBaseline(baselineFor(*latest));
      scene->applySnapshot(*latest, shown ? 400 : 0);  // values move over 0.4 s, never jump
      shown = latest;
    }
    const bool animating = scene->advanceTransition(wallMs());
    // Input: drag to pan, keys to zoom and to go up a level, click to go down.
    double mx = 0, my = 0;
    glfwGetCursorPos(window, &mx, &my);
    const bool down = glfwGetMouseButton(window, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS && !ImGui::GetIO().WantCaptureMouse;
    if (down && !in.dragging) {
      in.dragging = true, in.lastX = in.pressX = mx, in.lastY = in.pressY = my;
    } else if (down) {
      in.panX += (mx - in.lastX) * sx, in.panY += (my - in.lastY) * sy;
      in.changed |= mx != in.lastX || my != in.lastY;
      in.lastX = mx, in.lastY = my;
    } else if (in.dragging) {
      in.dragging = false;
      // A click (no drag): go down to the region under the cursor.
      if (std::abs(mx - in.pressX) < 4 && std::abs(my - in.pressY) < 4) {
        const RegionId hit = scene->pick(mx * sx, my * sy, fbw, fbh);
        if (hit != kNoRegion && hit != scene->view() && scene->setView(hit)) {
          in = Input{};
          live.focus({hit});
          if (scene->layer().needsTps()) live.sweepTpsUnder(hit);
          if (shown) scene->applySnapshot(*shown);
        }
      }
    }
    static bool cWasDown = false;  // C: the colour-blind-safe palette, one key away
    const bool cDown = glfwGetKey(window, GLFW_KEY_C) == GLFW_PRESS;
    if (cDown && !cWasDown) {
      LayerChoice l = scene->layer();
      l.colourBlindSafe = !l.colourBlindSafe;
      scene->setLayer(l);
      if (shown) scene->applySnapshot(*shown);
      in.changed = true;
    }
    cWasDown = cDown;
    static bool lWasDown = false;  // L: the next layer
    const bool lDown = glfwGetKey(window, GLFW_KEY_L) == GLFW_PRESS;
    if (lDown && !lWasDown && shown) {
      LayerChoice l = nextLayer(scene->layer(), *shown);
      scene->setLayer(l);
      if (l.needsTps()) live.sweepTpsUnder(scene->view());
      scene->applySnapshot(*shown);
      in.changed = true;
    }
    lWasDown = lDown;
    // Hover: outline the region under the cursor.
    if (!in.dragging && !ImGui::GetIO().WantCaptureMouse) {
      const RegionId over = scene->pick(mx * sx, my * sy, fbw, fbh);
      if (over != scene->hover()) scene->setHover(over), in.changed = true;
    }
    if (glfwGetKey(window, GLFW_KEY_EQUAL) == GLFW_PRESS) in.zoom = std::min(64.0, in.zoom * 1.05), in.changed = true;
    if (glfwGetKey(window, GLFW_KEY_MINUS) == GLFW_PRESS) in.zoom = std::max(0.5, in.zoom / 1.05), in.changed = true;
    if (glfwGetKey(window, GLFW_KEY_BACKSPACE) == GLFW_PRESS || glfwGetKey(window, GLFW_KEY_ESCAPE) == GLFW_PRESS) {
      const RegionId up = scene->view() == kNation ? kNation : tree->parent(scene->view());
      if (up != scene->view() && scene->setView(up)) {
        in = Input{};
        if (shown) scene->applySnapshot(*shown);
      }
    }
    animatingLast = animating;
    if (!fresh && !animating && !in.changed && !o.screenshot.size() && frame > 2) continue;
    in.changed = false;
    glfwGetFramebufferSize(window, &fbw, &fbh);
    scene->setCamera(in.zoom, in.panX, in.panY);
    glViewport(0, 0, fbw, fbh);
    scene->draw(fbw, fbh);
    ImGui_ImplGlfw_NewFrame();
    info.nowMs = wallMs();
    if (shown && o.overlay) overlay.draw(*shown, *scene, fbw, fbh, info, true);
    ++frame;
    if (!o.screenshot.empty() && frame >= o.frames && shown) {
      std::vector<uint8_t> px(static_cast<std::size_t>(fbw) * fbh * 4);
      glReadBuffer(GL_BACK);
      glReadPixels(0, 0, fbw, fbh, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
      std::vector<uint8_t> flipped(px.size());
      for (int y = 0; y < fbh; ++y) std::copy_n(px.data() + (fbh - 1 - y) * fbw * 4, fbw * 4, flipped.data() + y * fbw * 4);
      render::writePng(o.screenshot, fbw, fbh, flipped);
      break;
    }
    glfwSwapBuffers(window);
  }
  live.stop();
  ImGui_ImplGlfw_Shutdown();
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}

}  // namespace pantau::viewer
