// The integrity engine over a final snapshot of all 822,116 TPS (the simulator's night at 1%
// misreads, put straight into a snapshot, no HTTP). Goal: the whole country checked in under
// 1 s on one core. Also: re-checking after one village's TPS change (what a live update costs).

#include <benchmark/benchmark.h>

#include "night_model.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/integrity/integrity.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"

using namespace pantau::data;

namespace {

struct Night {
  std::shared_ptr<const RegionTree> tree;
  std::unique_ptr<SnapshotBuilder> builder;
  std::shared_ptr<const Snapshot> snapshot;
  std::size_t reported = 0;
};

Night& night() {
  static Night built = [] {
    Night n;
    auto dir = findDataDir(std::nullopt);
    if (!dir) return n;
    auto load = loadRegionTree(*dir);
    auto bytes = readFile(*dir / "kpu2024" / "samples" / "ppwp_hhcw_national.json", 1 << 20);
    Aggregate national;
    SirekapParser parser;
    if (!load || !bytes || !parser.parseAggregate(std::string_view(*bytes), national)) return n;
    n.tree = load->tree;
    pantau::sim::NightModel model(n.tree, national, {1, 0.01});
    const auto ids = model.candidateIds();
    n.builder = std::make_unique<SnapshotBuilder>(n.tree, std::vector<CandidateId>(ids.begin(), ids.end()));
    const RegionTree& t = *n.tree;
    for (RegionId id = t.levelBegin(Level::Tps); id < t.levelEnd(Level::Tps); ++id) {
      const auto& r = model.tps(id);
      if (r.reportedAt == INT64_MAX) continue;
      auto v = n.builder->mutableOwnVotes(id);
      for (int c = 0; c < pantau::sim::kCandidates; ++c) v[c] = r.votes[c];
      n.builder->mutableStatus(id).flags |= RegionStatus::kHasOwn;
      TpsFacts& f = n.builder->mutableTpsFacts(id);
      f.adm = r.adm;
      f.psu = Psu::Reguler;
      f.flags = TpsFacts::kDocument | TpsFacts::kChart | TpsFacts::kAdministrasi | TpsFacts::kStatusSuara |
                TpsFacts::kStatusAdm;
      ++n.reported;
    }
    n.snapshot = n.builder->publish(0);
    return n;
  }();
  return built;
}

}  // namespace

static void BM_CheckWholeCountry(benchmark::State& state) {
  Night& n = night();
  if (!n.snapshot) return state.SkipWithError("no data (shared/data)");
  std::size_t findings = 0, flagged = 0;
  for (auto _ : state) {
    IntegrityEngine engine;  // fresh: every chunk is new to it
    auto s = engine.update(nullptr, *n.snapshot);
    findings = s->findings().size();
    flagged = s->flaggedTps(kNation);
  }
  state.counters["tps_reported"] = static_cast<double>(n.reported);
  state.counters["findings"] = static_cast<double>(findings);
  state.counters["tps_flagged"] = static_cast<double>(flagged);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n.reported));
}
BENCHMARK(BM_CheckWholeCountry)->Unit(benchmark::kMillisecond)->UseRealTime();

static void BM_RecheckOneVillage(benchmark::State& state) {
  Night& n = night();
  if (!n.snapshot) return state.SkipWithError("no data (shared/data)");
  IntegrityEngine engine;
  auto before = n.snapshot;
  engine.update(nullptr, *before);
  const RegionId village = n.tree->find("3578011001");
  uint32_t bump = 0;
  for (auto _ : state) {
    state.PauseTiming();
    for (RegionId tps : n.tree->children(village)) n.builder->mutableOwnVotes(tps)[0] += (++bump & 1) ? 1 : -1;
    auto after = n.builder->publish(0);
    state.ResumeTiming();
    benchmark::DoNotOptimize(engine.update(before.get(), *after));
    before = after;
  }
}
BENCHMARK(BM_RecheckOneVillage)->Unit(benchmark::kMillisecond)->UseRealTime();

BENCHMARK_MAIN();
