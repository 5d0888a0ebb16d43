#include "feed_setup.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

#include "pantau/data/archive/replay.hpp"
#include "pantau/data/base/clock.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/source/live_client.hpp"
#include "pantau/data/source/read_once.hpp"
#include "pantau/data/source/request_budget.hpp"
#include "dpd_nation_feed.hpp"
#include "view_requests.hpp"

namespace pantau::viewer {

using namespace pantau::data;

Status Recorder::append(int64_t timeMs, const std::string& path, const std::string& bytes) {
  std::lock_guard lock(m_mutex);
  Status s = m_writer->append(timeMs, path, bytes);
  if (!s) std::fprintf(stderr, "pantau: --record: %s\n", s.error().message.c_str());
  return s;
}

namespace {

using Clock = std::chrono::steady_clock;
using SnapshotPtr = std::shared_ptr<const Snapshot>;

/// A moment read once and held: what headless shows (no worker, nothing moves).
class StillFeed final : public Feed {
 public:
  StillFeed(SnapshotPtr snapshot, SnapshotPtr baseline)
      : m_snapshot(std::move(snapshot)), m_baseline(std::move(baseline)) {}
  SnapshotPtr latest() override { return m_snapshot; }
  void show(RegionId, bool) override {}  // read for the view it was set up with
  SnapshotPtr baseline(const Snapshot&, std::optional<int64_t>) override { return m_baseline; }
  int64_t clockMs() const override { return m_snapshot->publishedAtMs(); }

 private:
  SnapshotPtr m_snapshot, m_baseline;
};

/// The embedded night: following, it starts at --at (default 11:00) at 12 simulated minutes a
/// second, so the map fills within a minute; read once, it stands still at `at` (or its end).
Result<std::unique_ptr<SimChild>> startSimulator(const Options& o, FeedMode mode,
                                                 const std::optional<std::string>& at) {
  std::vector<std::string> args;
  if (mode == FeedMode::Follow)
    args = {"--speed", "720", "--at", at.value_or("2024-02-14 11:00")};
  else if (at)
    args = {"--at", *at, "--speed", "0"};
  else
    args = {"--final"};
  args.insert(args.end(), {"--anomaly-rate", kEmbeddedAnomalyRate});
  if (o.dataDir) args.insert(args.end(), {"--data", *o.dataDir});
  auto sim = std::make_unique<SimChild>(args);
  if (!sim->ok())
    return Error{ErrorCode::Network, "the embedded simulator did not start: " + sim->line()};
  return sim;
}

std::unique_ptr<FormImageLoader> openImages(std::unique_ptr<Source> source, bool diskCache,
                                            Recorder* recorder) {
  auto images = std::make_unique<FormImageLoader>(
      std::move(source),
      diskCache ? std::make_unique<ImageDiskCache>(defaultImageCacheDir(), kImageCacheBytes)
                : nullptr);
  if (recorder)  // the photos a person looked at are part of the night too
    images->onLoaded = [recorder](int64_t timeMs, const std::string& path,
                                  const std::string& bytes) {
      (void)recorder->append(timeMs, path, bytes);  // said on stderr
    };
  return images;
}

/// One full read of a live source: every document down to the regencies, the view's own below
/// them, with `tps` every TPS under the view.
Result<SnapshotPtr> sweepOnce(std::shared_ptr<const RegionTree> tree, const std::string& spec,
                              RegionId view, bool tps, Recorder* recorder,
                              Clock::time_point deadline, const std::filesystem::path& dataDir,
                              Contest contest, const std::string& province, double maxRps) {
  // A still waits for its data (within `deadline`): a source that thinks before its first byte
  // (the simulator builds its legislative night on the first DPR request) is not cut off at 5 s.
  SourceOptions so;
  so.lowSpeedSeconds = 30;
  auto source = openSource(spec, so);
  if (!source) return source.error();
  *source = budgetedSource(std::move(*source), maxRps);  // a still asks for everything at once
  LiveOptions lo;
  lo.contest = contest;
  lo.province = province;
  if (contest == Contest::Ppwp)
    lo.fallbackCandidates = sampleCandidateList(dataDir);  // a source of TPS documents alone
  lo.sweepDeepest = Level::Regency;  // regency documents carry the districts' rows
  lo.batch = 1024;
  lo.changeIndex.slowMs = 0;  // read once: every document, no change index to keep
  if (recorder)
    lo.onDocument = [recorder](int64_t timeMs, const FetchResult& r) {
      return recorder->append(timeMs, r.path, r.body);  // an error shows as the source's last error
    };
  const RegionTree& t = *tree;
  LiveClient live(std::move(tree), std::move(*source), lo);
  requestView(live, t, view, tps);
  // A source slow to its first answer (the simulator builds its legislative night on the first
  // DPR request) fails the candidate list once: it is tried again when its backoff ends.
  for (int attempt = 0; attempt < 4; ++attempt) {
    while (live.runOnce() > 0 && Clock::now() < deadline) {
    }
    if (live.mailbox().latest() || Clock::now() >= deadline) break;
    const int64_t wait = std::clamp<int64_t>(live.nextDueMs() - wallMs(), 10, 10000);
    std::this_thread::sleep_for(std::chrono::milliseconds(wait));
  }
  SnapshotPtr snap = live.mailbox().latest();
  if (!snap)
    return Error{ErrorCode::Missing,
                 "no data from " + spec + " (the candidate list could not be read)"};
  if (snap->health().errors)
    std::fprintf(stderr, "pantau: %llu documents failed; last: %s\n",
                 static_cast<unsigned long long>(snap->health().errors),
                 snap->health().lastError.c_str());
  if (snap->health().missingRegions)  // a partial source: said once, not per region
    std::fprintf(stderr, "pantau: the source has no document for %u regions\n", snap->health().missingRegions);
  return snap;
}

/// Whose race a recorded night is replayed for: the scene's contest (a DPD province's alone).
ReplayOptions replayOptions(const SceneSetup& setup) {
  return {.deepest = Level::Regency, .contest = setup.contest, .province = setup.dpdProvince};
}

/// A recorded night as it stood at `atMs`.
Result<SnapshotPtr> replayAt(std::shared_ptr<const ArchiveReader> archive,
                             const SceneSetup& setup, const std::string& spec,
                             int64_t atMs, RegionId view, bool tps) {
  const auto& tree = setup.tree;
  Replay replay(std::move(archive), tree, replayOptions(setup));
  replay.setNeeds(viewNeeds(*tree, view, tps));
  auto snap = replay.at(atMs);
  if (!snap)
    return Error{snap.error().code,
                 spec + " at " + formatTimestamp(atMs / 1000) + ": " + snap.error().message};
  if (replay.stats().failed)
    std::fprintf(stderr, "pantau: %zu archived documents failed to apply\n", replay.stats().failed);
  return *snap;
}

/// The change layer's earlier moment: --since, else an hour before --at (or before `endMs`), to the
/// minute.
std::string sinceMoment(const Options& o, int64_t endMs) {
  if (o.since) return *o.since;
  const int64_t atMs = o.atMs.value_or(endMs / 60000 * 60000);
  return formatTimestamp(atMs / 1000 - 3600).substr(0, 16);
}

/// Once, from a recorded night: --at (default its end), and the change layer's earlier moment.
Result<FeedSetup> readArchiveOnce(const Options& o, const SceneSetup& setup, FeedSetup out) {
  auto archive = ArchiveReader::open(out.spec.substr(8));
  if (!archive)
    return Error{archive.error().code, "source '" + out.spec + "': " + archive.error().message};
  const RegionId view = setup.scene->view();
  const LayerChoice& layer = setup.scene->layer();
  SnapshotPtr baseline;
  if (layer.kind == LayerChoice::Change) {
    const int64_t sinceMs = parseMinuteMs(sinceMoment(o, (*archive)->endMs())).value_or(0);
    auto b = replayAt(*archive, setup, out.spec, sinceMs, view, false);
    if (!b) return b.error();
    baseline = *b;
  }
  const int64_t atMs = o.atMs.value_or((*archive)->endMs());
  auto snap = replayAt(*archive, setup, out.spec, atMs, view, layer.needsTps());
  if (!snap) return snap.error();
  if (setup.tree->level(view) == Level::Tps)  // the photos recorded with the night, if any
    out.images = openImages(makeArchiveSource(*archive, atMs), false, nullptr);
  out.feed = std::make_unique<StillFeed>(std::move(*snap), std::move(baseline));
  return out;
}

/// Once, from a live source or the embedded night (standing still at --at, or its end).
Result<FeedSetup> readLiveOnce(const Options& o, const SceneSetup& setup, FeedSetup out) {
  const auto deadline = Clock::now() + std::chrono::minutes(5);
  const RegionId view = setup.scene->view();
  const LayerChoice& layer = setup.scene->layer();
  SnapshotPtr baseline;
  if (layer.kind == LayerChoice::Change) {  // a live server only has "now": the earlier moment is
                                            // the embedded night's
    if (o.source)
      return Error{ErrorCode::Type,
                   "--layer change needs the embedded night or archive:DIR: a live source has no "
                   "earlier moment to compare with"};
    auto sim =
        startSimulator(o, FeedMode::Once, sinceMoment(o, *parseMinuteMs("2024-02-15 00:00")));
    if (!sim) return sim.error();
    auto b = sweepOnce(setup.tree, (*sim)->url(), view, false, out.recorder.get(), deadline,
                       setup.dataDir, setup.contest, setup.dpdProvince, 0);
    if (!b) return b.error();
    baseline = *b;
  }
  if (!o.source) {
    auto sim = startSimulator(o, FeedMode::Once, o.at);
    if (!sim) return sim.error();
    out.sim = std::move(*sim);
    out.spec = out.sim->url();
  }
  auto snap = sweepOnce(setup.tree, out.spec, view, layer.needsTps(), out.recorder.get(), deadline,
                        setup.dataDir, setup.contest, setup.dpdProvince,
                        o.maxRps.value_or(defaultMaxRps(out.spec)));
  if (!snap) return snap.error();
  if (setup.tree->level(view) == Level::Tps) {
    auto imageSource = openSource(out.spec);
    if (!imageSource) return imageSource.error();
    out.images = openImages(std::move(*imageSource), true, out.recorder.get());
  }
  out.feed = std::make_unique<StillFeed>(std::move(*snap), std::move(baseline));
  return out;
}

/// Following: the live worker (the embedded night's polling paced for loopback), or a recorded
/// night on a timeline starting at --at.
Result<FeedSetup> follow(const Options& o, const SceneSetup& setup, FeedSetup out) {
  LiveOptions lo;
  lo.sweepDeepest = Level::Regency;
  lo.maxRps = o.maxRps.value_or(defaultMaxRps(out.spec));
  lo.contest = setup.contest;
  lo.province = setup.dpdProvince;
  if (setup.contest == Contest::Ppwp)  // a source of TPS documents alone
    lo.fallbackCandidates = sampleCandidateList(setup.dataDir);
  if (!o.source) {
    auto sim = startSimulator(o, FeedMode::Follow, o.at);
    if (!sim) return sim.error();
    out.sim = std::move(*sim);
    out.spec = out.sim->url();
    lo.policy.intervalMs = {2000, 2000, 3000, 5000, 10000, 10000};  // our own sim, on loopback
  }
  if (Recorder* recorder = out.recorder.get())
    lo.onDocument = [recorder](int64_t timeMs, const FetchResult& r) {
      return recorder->append(timeMs, r.path, r.body);  // an error shows as the source's last error
    };
  if (out.spec.starts_with("archive:")) {
    auto archive = ArchiveReader::open(out.spec.substr(8));
    if (!archive)
      return Error{archive.error().code, "source '" + out.spec + "': " + archive.error().message};
    out.feed = makeReplayFeed(setup.tree, std::move(*archive), o.atMs, replayOptions(setup));
  } else {
    auto source = openSource(out.spec);
    if (!source) return source.error();
    out.feed = makeLiveFeed(setup.tree, std::move(*source), lo);
  }
  auto imageSource =
      openSource(out.spec);  // the photos come through the same source (an archive: those recorded)
  if (!imageSource) return imageSource.error();
  out.images = openImages(std::move(*imageSource), true, out.recorder.get());
  return out;
}

/// The DPD at the nation: every province's race read whole (dpd_nation_feed.hpp), from the source,
/// a recorded night at --at (default its end; it stands still), or the embedded night.
Result<FeedSetup> readDpdNationFeed(const Options& o, const SceneSetup& setup, FeedMode mode, FeedSetup out) {
  if (out.recorder)
    return Error{ErrorCode::Type,
                 "--record: the DPD at the nation is read whole, not recorded document by document; record a "
                 "night with pantau-data --contest pdpd mirror SOURCE DIR --record ARCHIVE"};
  const bool archive = out.spec.starts_with("archive:");
  if (!o.source) {
    auto sim = startSimulator(o, mode, o.at);
    if (!sim) return sim.error();
    out.sim = std::move(*sim);
    out.spec = out.sim->url();
  }
  const std::optional<int64_t> at = archive ? o.atMs : std::nullopt;
  if (mode == FeedMode::Follow) {
    out.feed = makeDpdNationFeed(setup.tree, out.spec, at, !archive);
    return out;
  }
  auto snap = readDpdNation(setup.tree, out.spec, at);
  if (!snap) return snap.error();
  out.feed = std::make_unique<StillFeed>(std::move(*snap), nullptr);
  return out;
}

}  // namespace

Result<FeedSetup> setUpFeed(const Options& o, const SceneSetup& setup, FeedMode mode) {
  FeedSetup out;
  out.simulated = !o.source;
  if (o.source) out.spec = *o.source;
  if (o.record) {
    auto w = ArchiveWriter::open(*o.record);
    if (!w) return Error{w.error().code, "--record: " + w.error().message};
    out.recorder = std::make_unique<Recorder>(std::move(*w));
  }
  if (setup.dpdNation) return readDpdNationFeed(o, setup, mode, std::move(out));
  if (mode == FeedMode::Follow) return follow(o, setup, std::move(out));
  if (out.spec.starts_with("archive:")) return readArchiveOnce(o, setup, std::move(out));
  return readLiveOnce(o, setup, std::move(out));
}

}  // namespace pantau::viewer
