// Loading KPU's region tree (91,946 regions, 822,116 TPS) from shared/data/kpu2024. Goal: under
// 1 s and 150 MB RSS. The RSS figure is the process's peak, taken after the first load.

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "pantau/data/data_location.hpp"
#include "pantau/data/region_tree.hpp"

using namespace pantau::data;

static void BM_LoadRegionTree(benchmark::State& state) {
  auto dir = findDataDir(std::nullopt);
  if (!dir) return state.SkipWithError(dir.error().message.c_str());
  std::size_t regions = 0, bytes = 0;
  for (auto _ : state) {
    auto load = loadRegionTree(*dir);
    if (!load) return state.SkipWithError(load.error().message.c_str());
    regions = load->tree->size();
    bytes = load->tree->memoryBytes();
    benchmark::DoNotOptimize(load);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  state.counters["regions"] = static_cast<double>(regions);
  state.counters["tree_MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["peak_rss_MB"] = static_cast<double>(ru.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_LoadRegionTree)->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_FindCode(benchmark::State& state) {
  static auto load = loadRegionTree(*findDataDir(std::nullopt));
  if (!load) return state.SkipWithError("tree not loaded");
  const RegionTree& t = *load->tree;
  const char* codes[] = {"11", "3578", "357801", "3578011001", "3578011001001", "99AB", "9901010001010"};
  for (auto _ : state)
    for (const char* c : codes) benchmark::DoNotOptimize(t.find(c));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * std::size(codes)));
}
BENCHMARK(BM_FindCode);

BENCHMARK_MAIN();
