// Loading KPU's region tree (91,946 regions, 822,116 TPS) from shared/data/kpu2024, with and
// without the TPS. Goal: under 1 s and 150 MB RSS. The RSS figure is the process's peak, taken after the first load.

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include "pantau/data/base/data_location.hpp"
#include "pantau/data/model/region_search.hpp"
#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/model/tree_scope.hpp"

using namespace pantau::data;

/// Arg 0: the full tree; 1: without the TPS (TreeScope::AboveTps, a regency still's), registered
/// first so that its peak RSS is not the full tree's.
static void BM_LoadRegionTree(benchmark::State& state) {
  auto dir = findDataDir(std::nullopt);
  if (!dir) return state.SkipWithError(dir.error().message.c_str());
  const TreeScope scope = state.range(0) ? TreeScope::AboveTps : TreeScope::Full;
  std::size_t regions = 0, bytes = 0;
  for (auto _ : state) {
    auto load = loadRegionTree(*dir, scope);
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
BENCHMARK(BM_LoadRegionTree)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond)->UseRealTime();

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


// Search while typing (goal: under 50 ms a keystroke): each keystroke of a name, a code and the
// worst case "t" (a letter in most of the 914k names).
static void BM_SearchKeystroke(benchmark::State& state) {
  static auto load = loadRegionTree(*findDataDir(std::nullopt));
  if (!load) return state.SkipWithError("tree not loaded");
  static RegionSearch search(load->tree);
  const char* typed[] = {"s", "su", "sur", "sura", "surab", "suraba", "surabay", "surabaya", "3", "35", "357", "3578", "t", "tps 0"};
  for (auto _ : state)
    for (const char* q : typed) benchmark::DoNotOptimize(search.search(q, 12));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * std::size(typed)));
  state.counters["ms_per_keystroke"] = benchmark::Counter(static_cast<double>(std::size(typed)) * 1e-3,
                                                          benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_SearchKeystroke)->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_SearchWorstKeystroke(benchmark::State& state) {
  static auto load = loadRegionTree(*findDataDir(std::nullopt));
  if (!load) return state.SkipWithError("tree not loaded");
  static RegionSearch search(load->tree);
  for (auto _ : state) benchmark::DoNotOptimize(search.search("a", 12));  // in nearly every name
}
BENCHMARK(BM_SearchWorstKeystroke)->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_BuildSearchIndex(benchmark::State& state) {
  static auto load = loadRegionTree(*findDataDir(std::nullopt));
  if (!load) return state.SkipWithError("tree not loaded");
  for (auto _ : state) benchmark::DoNotOptimize(RegionSearch(load->tree));
}
BENCHMARK(BM_BuildSearchIndex)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
