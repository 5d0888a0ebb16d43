// Headless mode: the Show driven from flags. Load, read the source once (feed_setup.cpp), render
// offscreen, write the PNG (and a JSON list of the regions drawn beside it) or print frame timings.

#include "headless.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "feed_setup.hpp"
#include "overlay.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/base/json_writer.hpp"
#include "pantau/data/integrity/integrity.hpp"
#include "pantau/render/gl.hpp"
#include "pantau/render/headless_gl.hpp"
#include "pantau/render/offscreen_target.hpp"
#include "show.hpp"
#include "ui_context.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {

double msSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::string sidecarJson(const MapScene& scene, const Snapshot& snap, const TpsView& tpsView, int w,
                        int h) {
  const RegionTree& t = snap.tree();
  std::string out;
  JsonWriter j(out);
  j.beginObject()
      .key("view")
      .string(t.code(scene.view()))
      .key("level")
      .string(levelName(scene.fillLevel()));
  j.key("layer").string(scene.layer().spec());
  j.key("size").beginArray().number(w).number(h).endArray().key("regions").beginArray();
  for (const DrawnRegion& d : scene.drawnRegions(w, h)) {
    j.beginObject().key("code").string(t.code(d.region)).key("nama").string(t.name(d.region));
    j.key("x").number(d.px).key("y").number(d.py);
    j.key("winner");
    if (d.winner >= 0)
      j.string(std::to_string(snap.candidates()[static_cast<std::size_t>(d.winner)]));
    else
      j.null();
    char hex[8];
    std::snprintf(hex, sizeof hex, "#%02x%02x%02x", d.colour & 255, (d.colour >> 8) & 255,
                  (d.colour >> 16) & 255);
    j.key("colour");
    if (d.colour)
      j.string(hex);
    else
      j.null();
    j.key("value");
    if (std::isnan(d.value))
      j.null();
    else
      j.number(d.value);
    if (const IntegrityState* in = snap.integrity(); in && in->checkedTps(d.region))
      j.key("checked_tps")
          .number(in->checkedTps(d.region))
          .key("flagged_tps")
          .number(in->flaggedTps(d.region));
    j.endObject();
  }
  j.endArray();
  if (scene.mode() == MapScene::Mode::Tps) {  // the photos: which pages showed, and why not
    j.key("pages").beginArray();
    for (const auto& [state, error] : tpsView.pageStates())
      j.beginObject().key("state").string(state).key("error").string(error).endObject();
    j.endArray();
  }
  j.endObject();
  return out;
}

/// The frame timings (--bench-frames): the frames drawn, then a colour transition's steps (what
/// each snapshot triggers in the window: they recolour the id image instead of rasterising), said
/// on stderr; stdout keeps its one JSON line.
void printBench(const Options& o, Show& show, render::OffscreenTarget& target,
                std::vector<double> times, double applyMs) {
  MapScene& scene = show.scene();
  scene.applySnapshot(*show.snapshot(), 400);
  std::vector<double> steps;
  for (int i = 0; i <= 25; ++i) {
    scene.advanceTransition(1'000'000 + i * 16);
    const auto fs = std::chrono::steady_clock::now();
    target.bind();
    show.drawMap(o.width, o.height);
    glFinish();
    steps.push_back(msSince(fs));
  }
  std::sort(steps.begin() + 1, steps.end());  // the first step renders the id image
  std::fprintf(stderr,
               "pantau: transition: first step %.1f ms (id image), then p50 %.2f ms, max %.2f ms "
               "(%d recolours)\n",
               steps[0], steps[1 + (steps.size() - 1) / 2], steps.back(), scene.recolours());
  std::sort(times.begin(), times.end());
  auto pct = [&](double p) {
    return times[std::min(times.size() - 1,
                          static_cast<std::size_t>(p * static_cast<double>(times.size())))];
  };
  std::printf(
      "{\"frames\": %zu, \"size\": \"%dx%d\", \"frame_ms_p50\": %.2f, \"frame_ms_p95\": %.2f, "
      "\"snapshot_apply_ms\": %.3f}\n",
      times.size(), o.width, o.height, pct(0.5), pct(0.95), applyMs);
}

}  // namespace

int runHeadless(const Options& o) {
  auto setup = loadSceneSetup(o);
  if (!setup) return failWith(setup.error().message);
  auto feed = setUpFeed(o, *setup, FeedMode::Once);  // the read: done on return
  if (!feed) return failWith(feed.error().message);
  auto gl = render::HeadlessGl::create();
  if (!gl) return failWith(gl.error().message);
  // Single-sampled: the map antialiases itself (its cached 4x MSAA image is copied in) and so does
  // ImGui's text; a blit into a multisampled target would be invalid.
  render::OffscreenTarget target(o.width, o.height, 0);
  if (!target.ok())
    return failWith("cannot create a " + std::to_string(o.width) + "x" + std::to_string(o.height) +
                    " framebuffer");
  Show show(std::move(*setup), std::move(*feed), std::nullopt);
  show.scene().upload();
  UiContext ui(overlayScale(o.width, o.height));
  Overlay overlay(ui.fonts());
  const auto applyStart = std::chrono::steady_clock::now();
  show.takeLatest(0);
  glFinish();
  const double applyMs = msSince(applyStart);
  if (!show.settlePhotos(60000))
    std::fprintf(stderr, "pantau: form photos still loading after 60 s\n");

  std::vector<double> times;
  for (int f = 0; f < (o.benchFrames > 0 ? o.benchFrames : o.frames); ++f) {
    const auto fs = std::chrono::steady_clock::now();
    target.bind();
    show.drawMap(o.width, o.height);
    if (o.overlay) {
      ui.beginFrame(o.width, o.height, false);
      overlay.draw(*show.snapshot(), show.scene(), o.width, o.height, show.overlayInfo());
      ui.endFrame();
    }
    glFinish();
    times.push_back(msSince(fs));
  }
  if (o.benchFrames > 0) printBench(o, show, target, std::move(times), applyMs);
  if (!o.screenshot.empty()) {
    if (Status s = render::writePng(o.screenshot, o.width, o.height, target.readRgba()); !s)
      return failWith(s.error().message);
    const std::string json =
        sidecarJson(show.scene(), *show.snapshot(), show.tps(), o.width, o.height);
    if (Status s = writeFileAtomic(o.screenshot + ".json", json, false); !s)
      return failWith(s.error().message);
  }
  return 0;
}

}  // namespace pantau::viewer
