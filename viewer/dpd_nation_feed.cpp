#include "dpd_nation_feed.hpp"

#include "pantau/data/base/clock.hpp"
#include "pantau/data/contests/dpd_nation.hpp"

namespace pantau::viewer {

using namespace pantau::data;

Result<std::shared_ptr<const Snapshot>> readDpdNation(std::shared_ptr<const RegionTree> tree, const std::string& spec,
                                                      std::optional<int64_t> atMs) {
  SourceOptions so;
  so.archiveAtMs = atMs;
  so.lowSpeedSeconds = 30;  // the simulator builds its legislative night on the first request
  auto source = openSource(spec, so);
  if (!source) return source.error();
  auto race = readDpdRace(**source, *tree);
  if (!race) return Error{race.error().code, "the DPD race from " + spec + ": " + race.error().message};
  const int64_t at = spec.starts_with("archive:") && race->latest.present ? race->latest.epochUtc * 1000 : wallMs();
  return dpdNationSnapshot(*race, std::move(tree), atMs.value_or(at));
}

namespace {

class DpdNationFeed final : public Feed {
 public:
  DpdNationFeed(std::shared_ptr<const RegionTree> tree, std::string spec, std::optional<int64_t> atMs, bool follow)
      : m_tree(std::move(tree)), m_spec(std::move(spec)), m_atMs(atMs), m_follow(follow) {
    startRead();
  }
  ~DpdNationFeed() override {
    if (m_read.valid()) m_read.wait();
  }
  std::shared_ptr<const Snapshot> latest() override {
    if (m_read.valid() && m_read.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
      auto r = m_read.get();
      if (r) m_latest = *r;  // a failed read keeps the last good race on screen
      m_lastReadMs = steadyMs();
    }
    if (m_follow && !m_read.valid() && steadyMs() - m_lastReadMs >= kDpdNationPollMs) startRead();
    return m_latest;
  }
  void show(RegionId, bool) override {}  // the nation's race is read whole
  std::shared_ptr<const Snapshot> baseline(const Snapshot&, std::optional<int64_t>) override { return nullptr; }
  int64_t clockMs() const override { return m_atMs.value_or(m_latest ? m_latest->publishedAtMs() : wallMs()); }

 private:
  void startRead() {
    m_read = std::async(std::launch::async, [tree = m_tree, spec = m_spec, at = m_atMs] { return readDpdNation(tree, spec, at); });
  }
  std::shared_ptr<const RegionTree> m_tree;
  std::string m_spec;
  std::optional<int64_t> m_atMs;
  bool m_follow;
  std::future<Result<std::shared_ptr<const Snapshot>>> m_read;
  std::shared_ptr<const Snapshot> m_latest;
  int64_t m_lastReadMs = 0;
};

}  // namespace

std::unique_ptr<Feed> makeDpdNationFeed(std::shared_ptr<const RegionTree> tree, std::string spec, std::optional<int64_t> atMs,
                                        bool follow) {
  return std::make_unique<DpdNationFeed>(std::move(tree), std::move(spec), atMs, follow);
}

}  // namespace pantau::viewer
