// Headless mode: the Show driven from flags. Load, read the source once (feed_setup.cpp), render
// offscreen, write the PNG (and a JSON list of the regions drawn beside it) or print frame timings.

#include "headless.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <future>
#include <optional>

#include "camera_motion.hpp"
#include "feed_setup.hpp"
#include "overlay.hpp"
#include "phase_log.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/base/json_writer.hpp"
#include "pantau/data/integrity/integrity.hpp"
#include "pantau/render/gl.hpp"
#include "pantau/render/headless_gl.hpp"
#include "pantau/render/map_warm_up.hpp"
#include "pantau/render/offscreen_target.hpp"
#include "pantau/render/png_band_writer.hpp"
#include "pantau/render/png_writer.hpp"
#include "show.hpp"
#include "show_frame.hpp"
#include "still_setup.hpp"
#include "ui_context.hpp"
#include "wall_layout.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {

double msSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}


/// Of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
  return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(p * static_cast<double>(sorted.size())))];
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
void printTimings(const Options& o, std::vector<double> times, double applyMs);

void printBench(const Options& o, Show& show, render::OffscreenTarget& target, int width, int height,
                std::vector<double> times, double applyMs) {
  MapScene& scene = show.scene();
  scene.applySnapshot(*show.snapshot(), 400);
  std::vector<double> steps;
  for (int i = 0; i <= 25; ++i) {
    scene.advanceTransition(1'000'000 + i * 16);
    const auto fs = std::chrono::steady_clock::now();
    target.bind();
    show.drawMap(width, height);
    glFinish();
    steps.push_back(msSince(fs));
  }
  std::sort(steps.begin() + 1, steps.end());  // the first step renders the id image
  std::fprintf(stderr,
               "pantau: transition: first step %.1f ms (id image), then p50 %.2f ms, max %.2f ms "
               "(%d recolours)\n",
               steps[0], steps[1 + (steps.size() - 1) / 2], steps.back(), scene.recolours());
  printTimings(o, std::move(times), applyMs);
}

/// The one JSON line on stdout.
void printTimings(const Options& o, std::vector<double> times, double applyMs) {
  std::sort(times.begin(), times.end());
  auto pct = [&](double p) { return percentile(times, p); };
  std::printf(
      "{\"frames\": %zu, \"size\": \"%dx%d\", \"frame_ms_p50\": %.2f, \"frame_ms_p95\": %.2f, "
      "\"snapshot_apply_ms\": %.3f}\n",
      times.size(), o.width, o.height, pct(0.5), pct(0.95), applyMs);
}

/// The motion benchmark's start: for a flight, the nation, whose camera flies to --view (default
/// Jawa Timur); for a pan or a zoom, --view as it is.
CameraMotion startMotion(Show& show, const Options& o, int width, int height) {
  MapScene& scene = show.scene();
  const MotionKind kind = *parseMotionKind(o.motion);
  Camera to;
  if (kind == MotionKind::Fly) {
    const RegionId target = scene.tree().find(o.view.empty() ? "35" : o.view);
    (void)scene.setView(kNation);
    scene.applySnapshot(*show.snapshot());
    show.drawMap(width, height);  // the still the flight leaves from
    if (!scene.cameraFor(target, width, height, to.zoom, to.panX, to.panY))
      std::fprintf(stderr, "pantau: --motion fly: no polygon to fly to\n");
    const auto t0 = std::chrono::steady_clock::now();
    scene.beginFlight(to.zoom, to.panX, to.panY, width, height);
    glFinish();
    std::fprintf(stderr, "pantau: motion fly: the destination rendered in %.1f ms before the flight\n", msSince(t0));
  }
  scene.beginMotion();
  return CameraMotion(kind, width, height, {}, to);
}

/// Ends the motion at `view` (a flight's destination) and times the full still that follows.
template <typename DrawFrame>
double settleMotion(Show& show, RegionId view, DrawFrame& drawFrame) {
  MapScene& scene = show.scene();
  const auto t0 = std::chrono::steady_clock::now();
  scene.settle();
  if (view != scene.view() && scene.setView(view)) scene.applySnapshot(*show.snapshot()), show.setCamera({});
  drawFrame();
  return msSince(t0);
}

/// Frames with the camera moving every frame (--motion): the timings are the motion's; the
/// settled still after it, CPU figures and backdrops are said on stderr.
std::vector<double> runMotion(const Options& o, Show& show, int width, int height, const std::function<double()>& drawFrame) {
  CameraMotion motion = startMotion(show, o, width, height);
  std::vector<double> times, cpuTimes;
  for (int f = 0; f < o.benchFrames; ++f) {
    show.setCamera(motion.at(f, o.benchFrames));
    const double cpu0 = processCpuMs();
    times.push_back(drawFrame());
    cpuTimes.push_back(processCpuMs() - cpu0);
  }
  MapScene& scene = show.scene();
  const RegionId to = o.motion == "fly" ? scene.tree().find(o.view.empty() ? "35" : o.view) : scene.view();
  const double settleCpu0 = processCpuMs();
  const double settleMs = settleMotion(show, to, drawFrame);
  const double settleCpuMs = processCpuMs() - settleCpu0;
  // CPU time (all threads, llvmpipe's included) does not grow when other processes share the
  // cores, as wall time does: on an idle 2-core machine a frame's wall time is at most this.
  std::sort(cpuTimes.begin(), cpuTimes.end());
  std::fprintf(stderr,
               "pantau: motion %s: %d frames, max %.1f ms, CPU p50 %.1f ms p95 %.1f ms, %d backdrops; settled (full render) %.1f ms after (CPU %.1f ms)\n",
               o.motion.c_str(), o.benchFrames, *std::max_element(times.begin(), times.end()), percentile(cpuTimes, 0.5),
               percentile(cpuTimes, 0.95), scene.backdrops(), settleMs, settleCpuMs);
  return times;
}

struct StillData {
  SceneSetup setup;
  FeedSetup feed;
};

/// The scene (its tree without the TPS when the still reads none) and the one read of the source.
Result<StillData> loadStillData(const Options& o) {
  auto setup = loadStillSetup(o);
  if (!setup) return setup.error();
  auto feed = setUpFeed(o, *setup, FeedMode::Once);  // the read: done on return
  if (!feed) return feed.error();
  return StillData{std::move(*setup), std::move(*feed)};
}

Status writeSidecar(const Options& o, Show& show, int width, int height) {
  return writeFileAtomic(o.screenshot + ".json", sidecarJson(show.scene(), *show.snapshot(), show.tps(), width, height), false);
}

/// A headless run ends its process here, its files written and closed: the kernel takes back the
/// tree, the meshes, the images and Mesa's context and threads faster than their destructors
/// hand them back piece by piece (README "A whole-process still against mapnik"). Under
/// AddressSanitizer it returns, and the run tears down as usual for the leak check.
int exitWithoutTeardown(int status) {
#if !defined(__SANITIZE_ADDRESS__)
  std::fflush(nullptr);
  std::_Exit(status);
#endif
  return status;
}

/// The map alone (--no-overlay --screenshot): drawn band by band into its PNG as it goes.
int writeMapStill(const Options& o, Show& show, PhaseLog& phases) {
  render::PngBandWriter png(o.screenshot, o.width, o.height);  // a band encoded while the next is drawn
  show.drawStill(o.width, o.height, [&](unsigned fbo, int rows) { png.appendFramebufferRows(fbo, 0, rows); });
  phases.mark("draw");
  if (Status s = png.finish(); !s) return failWith(s.error().message);
  phases.mark("readback_png");
  if (Status s = writeSidecar(o, show, o.width, o.height); !s) return failWith(s.error().message);
  phases.mark("png_sidecar");
  return 0;
}

}  // namespace

std::string stillSidecarJson(const MapScene& scene, const Snapshot& snap, int w, int h) {
  const TpsView noTps;
  return sidecarJson(scene, snap, noTps, w, h);
}

int runHeadless(const Options& o) {
  // A wall tile (checked before anything is loaded) lays the wall's whole canvas out and draws its
  // own part of it (show_frame.hpp).
  std::optional<WallLayout> wall;
  if (!o.wall.empty()) {
    auto w = parseWallLayout(o.wall, o.tile, o.bezel, o.width, o.height);
    if (!w) return failWith(w.error().message);
    wall = *w;
  }
  // The data and Mesa's start (the EGL context, LLVM) need nothing of each other: the data loads
  // on a second thread while this one brings GL up, current on this thread from then on.
  PhaseLog phases;
  auto loading = std::async(std::launch::async, [&o] { return loadStillData(o); });
  auto gl = render::HeadlessGl::create();
  phases.mark("gl_context");
  // While the data is still loading, the map's pipelines compiled on a small draw (the first
  // band's ~60 ms of LLVM, map_warm_up.hpp); once it is there, they compile where first drawn.
  std::shared_ptr<const render::MapPrograms> programs;
  if (gl && loading.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
    programs = render::MapPrograms::link();
    render::warmUpMapDrawing(programs);
  }
  phases.mark("warm_up");
  auto loaded = loading.get();
  phases.mark("data_wait");
  if (!loaded) return failWith(loaded.error().message);
  if (!gl) return failWith(gl.error().message);
  // The frame laid out (a wall's whole canvas) and the one drawn (its tile): --size either way.
  const int width = wall ? wall->canvasWidth() : o.width, height = wall ? wall->canvasHeight() : o.height;
  const std::optional<MapScene::Window> window = wall ? std::optional(tileWindow(*wall)) : std::nullopt;
  Show show(std::move(loaded->setup), std::move(loaded->feed), std::nullopt);
  show.scene().upload();
  if (programs) show.scene().setPrograms(std::move(programs));
  show.scene().setDrawOnce(o.benchFrames == 0 && o.frames == 1);  // a screenshot: no cached map to redraw from
  // A screenshot of the map alone goes to its PNG band by band and needs no frame: 8 MB at 1080p
  // that llvmpipe would zero and fault in, and 8 more to read it back.
  const bool mapAlone = !o.screenshot.empty() && !o.overlay && !wall && o.benchFrames == 0 && o.frames == 1 &&
                        show.scene().mode() == MapScene::Mode::Map;
  // Single-sampled: the map antialiases itself (its cached 4x MSAA image is copied in) and so does
  // ImGui's text; a blit into a multisampled target would be invalid.
  std::optional<render::OffscreenTarget> target;
  if (!mapAlone) target.emplace(o.width, o.height, 0);  // a wall's tile: its window of the canvas
  if (target && !target->ok())
    return failWith("cannot create a " + std::to_string(o.width) + "x" + std::to_string(o.height) + " framebuffer");
  phases.mark("target_upload");
  std::optional<UiContext> ui;  // ImGui and its fonts only for a still that shows the overlay
  std::optional<Overlay> overlay;
  if (o.overlay) {
    ui.emplace(overlayScale(width, height));
    overlay.emplace(ui->fonts());
  }
  const auto applyStart = std::chrono::steady_clock::now();
  show.takeLatest(0);
  glFinish();
  const double applyMs = msSince(applyStart);
  if (!show.settlePhotos(60000))
    std::fprintf(stderr, "pantau: form photos still loading after 60 s\n");
  show.settleNames(60000);  // the DPR: who would take the dapil's seats
  phases.mark("overlay_apply");

  if (mapAlone) return exitWithoutTeardown(writeMapStill(o, show, phases));
  const std::function<double()> drawFrame = [&] {
    const auto fs = std::chrono::steady_clock::now();
    target->bind();
    drawShowFrame(show, ui ? &*ui : nullptr, overlay ? &*overlay : nullptr, width, height, window);
    glFinish();
    return msSince(fs);
  };
  if (o.benchFrames > 0 && !o.motion.empty()) {
    const std::vector<double> times = runMotion(o, show, width, height, drawFrame);
    if (o.overlay)
      std::fprintf(stderr,
                   "pantau: motion %s: the overlay's panels rendered %d times (cached between)\n",
                   o.motion.c_str(), overlay->panelRenders());
    printTimings(o, times, applyMs);
  } else {
    std::vector<double> times;
    for (int f = 0; f < (o.benchFrames > 0 ? o.benchFrames : o.frames); ++f) times.push_back(drawFrame());
    if (o.benchFrames > 0) printBench(o, show, *target, width, height, std::move(times), applyMs);
  }
  phases.mark("draw");
  if (!o.screenshot.empty()) {
    // The target is the tile's size on a wall (drawShowFrame drew only its window).
    if (Status s = render::writeFramebufferPng(o.screenshot, target->resolvedFramebuffer(), o.width, o.height); !s)
      return failWith(s.error().message);
    phases.mark("readback_png");
    // A tile's sidecar lists the regions in canvas pixels (its tile starts at tileX, tileY).
    if (Status s = writeSidecar(o, show, width, height); !s) return failWith(s.error().message);
    phases.mark("png_sidecar");
  }
  return exitWithoutTeardown(0);
}

}  // namespace pantau::viewer
