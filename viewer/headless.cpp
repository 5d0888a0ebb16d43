// Headless mode: load, sweep the source once, render offscreen, write the PNG (and a JSON list of
// the regions drawn beside it) or print frame timings.

#include "headless.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "map_scene.hpp"
#include "scene_setup.hpp"
#include "view_requests.hpp"
#include "overlay.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/archive/archive.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/images/form_images.hpp"
#include "pantau/data/integrity/integrity.hpp"
#include "pantau/data/base/json_writer.hpp"
#include "pantau/data/source/live_client.hpp"
#include "pantau/data/source/sim_child.hpp"
#include "pantau/render/gl.hpp"
#include "pantau/render/headless_gl.hpp"
#include "pantau/render/offscreen_target.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {

double msSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

int fail(const std::string& message) {
  std::fprintf(stderr, "pantau: %s\n", message.c_str());
  return 1;
}

std::string sidecarJson(const MapScene& scene, const Snapshot& snap, const TpsView& tpsView, int w, int h) {
  const RegionTree& t = snap.tree();
  std::string out;
  JsonWriter j(out);
  j.beginObject().key("view").string(t.code(scene.view())).key("level").string(levelName(scene.fillLevel()));
  j.key("layer").string(scene.layer().spec());
  j.key("size").beginArray().number(w).number(h).endArray().key("regions").beginArray();
  for (const DrawnRegion& d : scene.drawnRegions(w, h)) {
    j.beginObject().key("code").string(t.code(d.region)).key("nama").string(t.name(d.region));
    j.key("x").number(d.px).key("y").number(d.py);
    j.key("winner");
    if (d.winner >= 0) j.string(std::to_string(snap.candidates()[static_cast<std::size_t>(d.winner)])); else j.null();
    char hex[8];
    std::snprintf(hex, sizeof hex, "#%02x%02x%02x", d.colour & 255, (d.colour >> 8) & 255, (d.colour >> 16) & 255);
    j.key("colour");
    if (d.colour) j.string(hex); else j.null();
    j.key("value");
    if (std::isnan(d.value)) j.null(); else j.number(d.value);
    if (const IntegrityState* in = snap.integrity(); in && in->checkedTps(d.region))
      j.key("checked_tps").number(in->checkedTps(d.region)).key("flagged_tps").number(in->flaggedTps(d.region));
    j.endObject();
  }
  j.endArray();
  if (scene.mode() == MapScene::Mode::Tps) {  // the photos: which pages showed, and why not
    j.key("pages").beginArray();
    for (const auto& [state, error] : tpsView.pageStates()) j.beginObject().key("state").string(state).key("error").string(error).endObject();
    j.endArray();
  }
  j.endObject();
  return out;
}

/// "YYYY-MM-DD HH:MM" an hour before `at` (or before the end of the night).
std::optional<std::string> anHourBefore(const std::optional<std::string>& at) {
  const auto ms = parseMinuteMs(at.value_or("2024-02-15 00:00"));
  if (!ms) return std::nullopt;
  return formatTimestamp(*ms / 1000 - 3600).substr(0, 16);
}

/// One full read of the source (the given one, or the embedded night at `at`): every document
/// down to the regencies; below them the view's own documents (a district's villages, a village's
/// TPS, a TPS and its form photos); with `tps` every TPS under `view`.
struct Read {
  std::shared_ptr<const Snapshot> snapshot;
  std::unique_ptr<FormImageLoader> images;  ///< the TPS view's photos, fetched and decoded
};

/// A recorded night at `at` (WIB, default its end).
Result<Read> readArchive(std::shared_ptr<const RegionTree> tree, const std::string& spec, const std::optional<std::string>& at,
                         RegionId view, bool tps, TpsView* tpsView) {
  auto archive = ArchiveReader::open(spec.substr(8));
  if (!archive) return Error{archive.error().code, "source '" + spec + "': " + archive.error().message};
  int64_t atMs = (*archive)->endMs();
  if (at) {
    const auto ms = parseMinuteMs(*at);
    if (!ms) return Error{ErrorCode::Type, "--at: '" + *at + "' is not \"YYYY-MM-DD HH:MM\""};
    atMs = *ms;
  }
  const RegionTree& t = *tree;
  Replay replay(*archive, tree);
  requestView(replay, t, view, tps);
  auto snap = replay.at(atMs);
  if (!snap) return Error{snap.error().code, spec + " at " + formatTimestamp(atMs / 1000) + ": " + snap.error().message};
  if (replay.failed()) std::fprintf(stderr, "pantau: %zu archived documents failed to apply\n", replay.failed());
  Read read;
  read.snapshot = *snap;
  if (t.level(view) == Level::Tps && tpsView) {  // the photos recorded with the night, if any
    read.images = std::make_unique<FormImageLoader>(makeArchiveSource(*archive, atMs), nullptr);
    tpsView->update(view, **snap, read.images.get());
    read.images->waitIdle(60000);
  }
  return read;
}

Result<Read> readOnce(std::shared_ptr<const RegionTree> tree, const Options& o, const std::optional<std::string>& at,
                      RegionId view, bool tps, TpsView* tpsView, std::chrono::steady_clock::time_point t0) {
  if (o.source && o.source->starts_with("archive:")) return readArchive(std::move(tree), *o.source, at, view, tps, tpsView);
  std::unique_ptr<SimChild> sim;
  std::string sourceSpec;
  if (o.source) {
    sourceSpec = *o.source;
  } else {
    std::vector<std::string> args = at ? std::vector<std::string>{"--at", *at, "--speed", "0"} : std::vector<std::string>{"--final"};
    args.insert(args.end(), {"--anomaly-rate", kEmbeddedAnomalyRate});
    if (o.dataDir) args.insert(args.end(), {"--data", *o.dataDir});
    sim = std::make_unique<SimChild>(args);
    if (!sim->ok()) return Error{ErrorCode::Network, "the embedded simulator did not start: " + sim->line()};
    sourceSpec = sim->url();
  }
  auto source = openSource(sourceSpec);
  if (!source) return source.error();
  LiveOptions lo;
  lo.sweepDeepest = Level::Regency;  // regency documents carry the districts' rows
  lo.batch = 1024;
  std::unique_ptr<ArchiveWriter> recorder;
  if (o.record) {
    auto w = ArchiveWriter::open(*o.record);
    if (!w) return Error{w.error().code, "--record: " + w.error().message};
    recorder = std::move(*w);
    lo.onDocument = [&recorder](int64_t timeMs, const FetchResult& r) {
      Status s = recorder->append(timeMs, r.path, r.body);
      if (!s) std::fprintf(stderr, "pantau: --record: %s\n", s.error().message.c_str());
      return s;
    };
  }
  const RegionTree& t = *tree;
  LiveClient live(std::move(tree), std::move(*source), lo);
  const Level level = t.level(view);
  requestView(live, t, view, tps);
  while (live.runOnce() > 0 && msSince(t0) < 300000) {
  }
  Read read;
  read.snapshot = live.mailbox().latest();
  if (!read.snapshot) return Error{ErrorCode::Missing, "no data from " + sourceSpec + " (the candidate list could not be read)"};
  const Snapshot& snap = *read.snapshot;
  if (snap.health().errors)
    std::fprintf(stderr, "pantau: %llu documents failed; last: %s\n", static_cast<unsigned long long>(snap.health().errors),
                 snap.health().lastError.c_str());
  if (level == Level::Tps && tpsView) {
    auto imageSource = openSource(sourceSpec);
    if (!imageSource) return imageSource.error();
    read.images = std::make_unique<FormImageLoader>(std::move(*imageSource),
                                                    std::make_unique<ImageDiskCache>(defaultImageCacheDir(), kImageCacheBytes));
    if (recorder)
      read.images->onLoaded = [&recorder](int64_t timeMs, const std::string& path, const std::string& bytes) {
        // The live client is done: one writer at a time.
        if (Status s = recorder->append(timeMs, path, bytes); !s) std::fprintf(stderr, "pantau: --record: %s\n", s.error().message.c_str());
      };
    tpsView->update(view, snap, read.images.get());
    if (!read.images->waitIdle(60000)) std::fprintf(stderr, "pantau: form photos still loading after 60 s\n");
  }
  return read;
}

}  // namespace

int runHeadless(const Options& o) {
  const auto t0 = std::chrono::steady_clock::now();
  auto setup = loadSceneSetup(o);
  if (!setup) return fail(setup.error().message);
  std::unique_ptr<MapScene>& scene = setup->scene;
  const Language language = setup->language;

  const LayerChoice& layer = scene->layer();
  const bool wantTps = layer.needsTps();
  std::shared_ptr<const Snapshot> snap, baseline;
  if (layer.kind == LayerChoice::Change) {
    // The earlier moment: the embedded night at --since (a live server only has "now").
    if (o.source && !o.source->starts_with("archive:"))
      return fail("--layer change needs the embedded night or archive:DIR: a live source has no earlier moment to compare with");
    std::optional<std::string> at = o.at;
    if (!at && o.source) {  // an archive without --at shows its end: an hour before that
      auto archive = ArchiveReader::open(o.source->substr(8));
      if (!archive) return fail(archive.error().message);
      at = formatTimestamp((*archive)->endMs() / 1000).substr(0, 16);
    }
    auto since = o.since ? std::optional<std::string>(*o.since) : anHourBefore(at);
    if (!since) return fail("--since: '" + o.since.value_or("") + "' is not \"YYYY-MM-DD HH:MM\"");
    auto b = readOnce(setup->tree, o, *since, scene->view(), false, nullptr, t0);
    if (!b) return fail(b.error().message);
    baseline = b->snapshot;
  }
  TpsView tpsView;
  TileView tiles;
  auto read = readOnce(setup->tree, o, o.at, scene->view(), wantTps, &tpsView, t0);
  if (!read) return fail(read.error().message);
  snap = read->snapshot;
  scene->setBaseline(baseline);

  auto gl = render::HeadlessGl::create();
  if (!gl) return fail(gl.error().message);
  // Single-sampled: the map antialiases itself (its cached 4x MSAA image is copied in) and so does
  // ImGui's text; a blit into a multisampled target would be invalid.
  render::OffscreenTarget target(o.width, o.height, 0);
  if (!target.ok()) return fail("cannot create a " + std::to_string(o.width) + "x" + std::to_string(o.height) + " framebuffer");
  scene->upload();
  // Sized for the frame (1 at 1080p, 2 at 4K), never below legibility on small stills.
  Overlay overlay(std::max(0.6f, std::min(static_cast<float>(o.height) / 1080.f, static_cast<float>(o.width) / 1920.f)));
  OverlayInfo info;
  info.text = &uiText(language);
  info.simulated = !o.source;
  info.nowMs = snap->publishedAtMs();
  info.tiles = &tiles;
  info.tps = &tpsView;
  if (read->images) tpsView.poll(*read->images);
  const auto applyStart = std::chrono::steady_clock::now();
  scene->applySnapshot(*snap);
  glFinish();
  const double applyMs = msSince(applyStart);

  const int frames = o.benchFrames > 0 ? o.benchFrames : o.frames;
  std::vector<double> times;
  for (int f = 0; f < frames; ++f) {
    const auto fs = std::chrono::steady_clock::now();
    target.bind();
    scene->draw(o.width, o.height);
    if (o.overlay) overlay.draw(*snap, *scene, o.width, o.height, info);
    glFinish();
    times.push_back(msSince(fs));
  }
  if (o.benchFrames > 0) {
    // A colour transition (what each snapshot triggers in the window): its steps recolour the id
    // image instead of rasterising. Said on stderr; stdout keeps its one JSON line.
    scene->applySnapshot(*snap, 400);
    std::vector<double> steps;
    for (int i = 0; i <= 25; ++i) {
      scene->advanceTransition(1'000'000 + i * 16);
      const auto fs = std::chrono::steady_clock::now();
      target.bind();
      scene->draw(o.width, o.height);
      glFinish();
      steps.push_back(msSince(fs));
    }
    std::sort(steps.begin() + 1, steps.end());  // the first step renders the id image
    std::fprintf(stderr, "pantau: transition: first step %.1f ms (id image), then p50 %.2f ms, max %.2f ms (%d recolours)\n",
                 steps[0], steps[1 + (steps.size() - 1) / 2], steps.back(), scene->recolours());
    std::sort(times.begin(), times.end());
    auto pct = [&](double p) { return times[std::min(times.size() - 1, static_cast<std::size_t>(p * static_cast<double>(times.size())))]; };
    std::printf("{\"frames\": %d, \"size\": \"%dx%d\", \"frame_ms_p50\": %.2f, \"frame_ms_p95\": %.2f, \"snapshot_apply_ms\": %.3f}\n",
                frames, o.width, o.height, pct(0.5), pct(0.95), applyMs);
  }
  if (!o.screenshot.empty()) {
    if (Status s = render::writePng(o.screenshot, o.width, o.height, target.readRgba()); !s) return fail(s.error().message);
    const std::string json = sidecarJson(*scene, *snap, tpsView, o.width, o.height);
    if (Status s = writeFileAtomic(o.screenshot + ".json", json, false); !s) return fail(s.error().message);
  }
  return 0;
}

}  // namespace pantau::viewer
