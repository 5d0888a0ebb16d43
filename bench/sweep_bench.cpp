// Sweeping the recap API from a local pantau-sim (a child process on 127.0.0.1): nation to
// regency documents (1 + 39 + 643 = 683) and nation to village documents (91,947), fetched,
// parsed and applied to the live snapshot; then the same sweep again with nothing changed, which
// must be at least 95% 304s. Goal: nation to village in 20 s or less on this 2-core machine.

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <chrono>

#include "pantau/data/base/data_location.hpp"
#include "pantau/data/source/live_client.hpp"
#include "pantau/data/source/sim_child.hpp"

using namespace pantau::data;

namespace {

double cpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

void BM_Sweep(benchmark::State& state) {
  const Level deepest = static_cast<Level>(state.range(0));
  static auto load = loadRegionTree(*findDataDir(std::nullopt));
  if (!load) return state.SkipWithError("region tree not found");
  SimChild sim({"--final"}, PANTAU_BIN_DIR "/pantau-sim");
  if (!sim.ok()) return state.SkipWithError("pantau-sim did not start");
  for (auto _ : state) {
    int64_t clock = 1'700'000'000'000;
    LiveOptions o;
    o.sweepDeepest = deepest;
    o.batch = 2048;
    o.changeIndex.slowMs = 0;  // the sweep's cost: every document due again an hour later
    o.clockMs = [&] { return clock; };
    SourceOptions so;
    so.maxParallel = 32;
    auto source = openSource(sim.url(), so);
    LiveClient live(load->tree, std::move(*source), o);
    live.runOnce();  // the candidate list

    auto sweep = [&](double& seconds, double& cpu) {
      const double c0 = cpuSeconds();
      const auto t0 = std::chrono::steady_clock::now();
      std::size_t n = 0;
      while (std::size_t k = live.runOnce()) n += k;
      seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      cpu = cpuSeconds() - c0;
      return n;
    };
    double s1 = 0, c1 = 0, s2 = 0, c2 = 0;
    const std::size_t docs = sweep(s1, c1);
    auto first = live.mailbox().latest();
    clock += 3'600'000;
    const std::size_t again = sweep(s2, c2);
    auto second = live.mailbox().latest();
    state.SetIterationTime(s1);
    state.counters["documents"] = static_cast<double>(docs);
    state.counters["seconds"] = s1;
    state.counters["docs_per_s"] = static_cast<double>(docs) / s1;
    state.counters["wire_MB_per_s"] = static_cast<double>(first->health().bytes) / 1e6 / s1;
    state.counters["client_cpu_pct"] = 100.0 * c1 / s1;
    state.counters["errors"] = static_cast<double>(second->health().errors);
    state.counters["resweep_seconds"] = s2;
    state.counters["resweep_304_pct"] =
        100.0 * static_cast<double>(second->health().notModified) / static_cast<double>(again);
  }
}

}  // namespace

BENCHMARK(BM_Sweep)->Arg(static_cast<int>(Level::Regency))->Name("sweep/nation_to_regency")->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);
BENCHMARK(BM_Sweep)->Arg(static_cast<int>(Level::Village))->Name("sweep/nation_to_village")->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);
BENCHMARK_MAIN();
