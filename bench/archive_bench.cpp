// Replay from a 12-hour archive: the simulator's night recorded every 30 minutes of its time from
// 11:00 to 23:00 WIB (25 full sweeps, nation to regencies, each document stored only when it
// changed), then seeks to random moments. Goal: any moment in under 200 ms.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "pantau/data/archive/archive.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/source/live_client.hpp"
#include "pantau/data/archive/replay.hpp"
#include "pantau/data/source/sim_child.hpp"

using namespace pantau::data;

namespace {

struct Night {
  std::shared_ptr<const RegionTree> tree;
  std::shared_ptr<const ArchiveReader> archive;
  ArchiveStats written;
};

Night& night() {
  static Night built = [] {
    Night n;
    auto dir = findDataDir(std::nullopt);
    if (!dir) return n;
    auto load = loadRegionTree(*dir);
    if (!load) return n;
    n.tree = load->tree;
    const auto path = std::filesystem::temp_directory_path() / "pantau-bench-archive";
    std::filesystem::remove_all(path);
    auto writer = ArchiveWriter::open(path);
    if (!writer) return n;
    for (int minutes = 11 * 60; minutes <= 23 * 60; minutes += 30) {
      char at[32];
      std::snprintf(at, sizeof at, "2024-02-14 %02d:%02d", minutes / 60, minutes % 60);
      SimChild sim({"--at", at, "--speed", "0"}, PANTAU_BIN_DIR "/pantau-sim");
      if (!sim.ok()) return n;
      auto source = openSource(sim.url());
      LiveOptions o;
      o.sweepDeepest = Level::Regency;
      o.batch = 1024;
      o.onDocument = [&](int64_t t, const FetchResult& r) { return (*writer)->append(t, r.path, r.body); };
      LiveClient live(n.tree, std::move(*source), o);
      while (live.runOnce() > 0) {
      }
    }
    n.written = (*writer)->stats();
    writer->reset();
    auto reader = ArchiveReader::open(path);
    if (reader) n.archive = *reader;
    return n;
  }();
  return built;
}

/// Random moments of the night, the same sequence for each benchmark.
auto randomMoments(const Night& n) {
  return [rng = std::mt19937_64(7), when = std::uniform_int_distribution<int64_t>(n.archive->firstCountMs(), n.archive->endMs())]() mutable {
    return when(rng);
  };
}

}  // namespace

static void BM_SeekRandomMoment(benchmark::State& state) {
  Night& n = night();
  if (!n.archive) return state.SkipWithError("no archive (pantau-sim, shared/data)");
  Replay replay(n.archive, n.tree);
  auto moment = randomMoments(n);
  for (auto _ : state) benchmark::DoNotOptimize(replay.at(moment()));
  state.counters["hours"] = static_cast<double>(n.archive->endMs() - n.archive->firstCountMs()) / 3.6e6;
  state.counters["records"] = static_cast<double>(n.archive->recordCount());
  state.counters["stored_MB"] = static_cast<double>(n.written.storedBytes) / 1e6;
  state.counters["raw_MB"] = static_cast<double>(n.written.rawBytes) / 1e6;
  state.counters["docs_applied"] = static_cast<double>(replay.stats().applied);
}
BENCHMARK(BM_SeekRandomMoment)->Unit(benchmark::kMillisecond)->UseRealTime();

// The viewer's seek: asked of the ReplayClient's worker with the change layer's baseline (an hour
// before), timed until the moment is published (the baseline is built first).
static void BM_SeekThroughWorker(benchmark::State& state) {
  Night& n = night();
  if (!n.archive) return state.SkipWithError("no archive (pantau-sim, shared/data)");
  ReplayClient client(n.archive, n.tree);
  auto moment = randomMoments(n);
  const auto& times = n.archive->times();
  auto changeAt = [&](int64_t ms) { return std::upper_bound(times.begin(), times.end(), ms) - times.begin(); };
  int64_t at = n.archive->endMs();
  uint64_t version = 0;
  for (auto _ : state) {
    const auto before = changeAt(at);
    do at = moment();
    while (changeAt(at) == before);  // a moment that shows something else: it must be built
    client.ask({at, at - 3600 * 1000, {}});
    auto s = client.mailbox().waitNewer(version, 10000);
    if (!s || s->version() == version) return state.SkipWithError("the worker published nothing");
    version = s->version();
  }
}
BENCHMARK(BM_SeekThroughWorker)->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_OpenArchive(benchmark::State& state) {
  Night& n = night();
  if (!n.archive) return state.SkipWithError("no archive");
  const auto path = std::filesystem::temp_directory_path() / "pantau-bench-archive";
  for (auto _ : state) benchmark::DoNotOptimize(ArchiveReader::open(path));
}
BENCHMARK(BM_OpenArchive)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
