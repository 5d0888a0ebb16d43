// `pantau --headless --rundown RUNDOWN.toml --out DIR`: every item of a rundown (tours expanded)
// rendered once, in one process, as DIR/NNN-NAME.png with the usual .png.json sidecars. The GL
// thread renders the next item while a writer thread compresses the last one.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <future>
#include <map>

#include "air_setup.hpp"
#include "feed_setup.hpp"
#include "headless.hpp"
#include "onair_app.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/render/headless_gl.hpp"
#include "show.hpp"
#include "stage.hpp"
#include "tours.hpp"

namespace pantau::viewer::onair {

using namespace pantau::data;

namespace {

/// "Jawa Timur" -> "jawa-timur": a file name any system accepts.
std::string slug(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!out.empty() && out.back() != '-')
      out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "item" : out.substr(0, 60);
}

/// "YYYY-MM-DD HH:MM" `minutes` before `at` (default: the end of the night).
std::optional<std::string> before(const std::optional<std::string>& at, double minutes) {
  const auto ms = parseMinuteMs(at.value_or("2024-02-15 00:00"));
  if (!ms) return std::nullopt;
  return formatTimestamp(*ms / 1000 - static_cast<int64_t>(minutes * 60)).substr(0, 16);
}

/// The earlier moments the rundown's tours and panels ask for, read once each.
struct Earlier {
  std::map<double, std::shared_ptr<const Snapshot>> byMinutes;
  const Snapshot* at(double minutes) const {
    auto it = byMinutes.find(minutes);
    return it == byMinutes.end() ? nullptr : it->second.get();
  }
};

/// The source read once at `at` (the Show's feed set-up, as headless reads it).
Result<std::shared_ptr<const Snapshot>> readAt(const Options& o, const SceneSetup& scene,
                                               const std::optional<std::string>& at) {
  Options at_ = o;
  at_.at = at;
  at_.atMs = at ? parseMinuteMs(*at) : std::nullopt;
  at_.layer = "winner";  // the earlier moments need no TPS sweep nor a baseline of their own
  auto feed = setUpFeed(at_, scene, FeedMode::Once);
  if (!feed) return feed.error();
  return feed->feed->latest();
}

/// A live source has only "now"; the embedded night and archives can go back.
Result<Earlier> readEarlier(const AirSetup& setup, const Options& o, double regenerationMinutes) {
  Earlier e;
  if (o.source && !o.source->starts_with("archive:")) return e;
  std::vector<double> wanted{regenerationMinutes};
  for (const RundownEntry& x : setup.rundown.entries)
    if (x.tour && x.tour->kind == TourSpec::Flipped) wanted.push_back(x.tour->minutes);
  for (double m : wanted) {
    if (e.byMinutes.count(m)) continue;
    auto snap = readAt(o, setup.scene, before(o.at, m));
    if (!snap) return snap.error();
    e.byMinutes[m] = *snap;
  }
  return e;
}

}  // namespace

int runRundownStills(const Options& o) {
  if (!o.headless || o.outDir.empty()) {
    std::fprintf(
        stderr,
        "pantau: --rundown renders stills: give --headless and --out DIR (to play it, --on-air)\n");
    return 2;
  }
  auto loaded = loadAirSetup(o, o.rundown);
  if (auto* e = std::get_if<AirSetupError>(&loaded)) {
    std::fprintf(stderr, "pantau: %s\n", e->message.c_str());
    return e->exitCode;
  }
  AirSetup& setup = std::get<AirSetup>(loaded);
  const auto t0 = std::chrono::steady_clock::now();
  auto feed = setUpFeed(o, setup.scene, FeedMode::Once);
  if (!feed) return std::fprintf(stderr, "pantau: %s\n", feed.error().message.c_str()), 1;
  const std::shared_ptr<const Snapshot> now = feed->feed->latest();
  if (!now) return std::fprintf(stderr, "pantau: no data from %s\n", feed->spec.c_str()), 1;
  // The regeneration before "now" for movers and the "what moved" panel: the embedded night
  // regenerates every few minutes; 15 minutes back is always an earlier one.
  constexpr double kRegenerationMinutes = 15;
  auto earlier = readEarlier(setup, o, kRegenerationMinutes);
  if (!earlier) return std::fprintf(stderr, "pantau: %s\n", earlier.error().message.c_str()), 1;
  const Snapshot* previous = earlier->at(kRegenerationMinutes);
  const TourData tourData{now.get(), previous, [&](double m) { return earlier->at(m); }};
  const std::vector<RundownItem> items = expandRundown(setup.rundown, tourData);
  const double readSeconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  std::error_code ec;
  std::filesystem::create_directories(o.outDir, ec);
  if (ec)
    return std::fprintf(stderr, "pantau: --out %s: %s\n", o.outDir.c_str(), ec.message().c_str()),
           1;
  auto gl = render::HeadlessGl::create();
  if (!gl) return std::fprintf(stderr, "pantau: %s\n", gl.error().message.c_str()), 1;
  StageOptions so{o.width,
                  o.height,
                  o.alpha,
                  o.safeArea,
                  feed->simulated,
                  setup.tiles,
                  &uiText(setup.scene.language)};
  setup.scene.scene->upload();
  Show show(std::move(setup.scene), std::move(*feed), std::nullopt);
  Stage stage(show, so);
  std::shared_ptr<const WhatMoved> moved =
      previous ? std::make_shared<WhatMoved>(whatMoved(*previous, *now, Level::Province)) : nullptr;
  stage.takeLatest(moved);

  const auto r0 = std::chrono::steady_clock::now();
  std::future<std::string> writing;  // the previous still's compression, overlapping this render
  auto finishWrite = [&]() -> bool {
    if (!writing.valid()) return true;
    const std::string error = writing.get();
    if (!error.empty()) std::fprintf(stderr, "pantau: %s\n", error.c_str());
    return error.empty();
  };
  for (std::size_t i = 0; i < items.size(); ++i) {
    RundownItem still = items[i];
    still.transition =
        Transition::Cut;  // a still is the item itself, not a moment of its transition
    stage.take(still, false, 0);
    stage.render(0);
    std::vector<uint8_t> px = stage.read();
    char prefix[32];
    std::snprintf(prefix, sizeof prefix, "%03zu-", i);
    const std::string path =
        (std::filesystem::path(o.outDir) / (prefix + slug(items[i].name) + ".png")).string();
    std::string sidecar = stillSidecarJson(show.scene(), *show.snapshot(), o.width, o.height);
    if (!finishWrite()) return 1;
    writing = std::async(std::launch::async,
                         [path, px = std::move(px), sidecar = std::move(sidecar), w = o.width,
                          h = o.height]() -> std::string {
                           if (Status s = render::writePng(path, w, h, px); !s)
                             return s.error().message;
                           if (Status s = writeFileAtomic(path + ".json", sidecar, false); !s)
                             return s.error().message;
                           return {};
                         });
  }
  if (!finishWrite()) return 1;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - r0).count();
  std::fprintf(stderr, "pantau: read the data in %.1f s\n", readSeconds);
  std::printf("stills %zu, seconds %.2f (%.1f per second)\n", items.size(), seconds,
              seconds > 0 ? static_cast<double>(items.size()) / seconds : 0.0);
  return 0;
}

}  // namespace pantau::viewer::onair
