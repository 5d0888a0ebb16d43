#include "feed.hpp"

#include <algorithm>

#include "pantau/data/base/clock.hpp"
#include "pantau/data/model/snapshot_history.hpp"
#include "view_requests.hpp"

namespace pantau::viewer {

using namespace pantau::data;

namespace {

class LiveFeed final : public Feed {
 public:
  LiveFeed(std::shared_ptr<const RegionTree> tree, std::unique_ptr<Source> source, LiveOptions o)
      : m_tree(tree), m_live(std::move(tree), std::move(source), std::move(o)) {
    m_live.start();
  }
  ~LiveFeed() override { m_live.stop(); }
  std::shared_ptr<const Snapshot> latest() override {
    auto s = m_live.mailbox().latest();
    if (s) m_history.add(s);
    return s;
  }
  void show(RegionId view, bool tpsLayer) override {
    m_live.focus({view});
    requestView(m_live, *m_tree, view, tpsLayer);
  }
  std::shared_ptr<const Snapshot> baseline(const Snapshot& s, std::optional<int64_t> since) override {
    return m_history.at(since.value_or(s.status(kNation).sourceTs - 3600));
  }
  int64_t clockMs() const override { return wallMs(); }
  TpsSweepProgress tpsSweep() const override { return m_live.tpsSweep(); }

 private:
  std::shared_ptr<const RegionTree> m_tree;
  LiveClient m_live;
  SnapshotHistory m_history;  ///< one snapshot per Sirekap regeneration, for the change layer
};

class ReplayFeed final : public Feed {
 public:
  ReplayFeed(std::shared_ptr<const RegionTree> tree, std::shared_ptr<const ArchiveReader> archive, std::optional<int64_t> start,
             ReplayOptions options)
      : m_tree(tree), m_client(archive, std::move(tree), std::move(options)), m_archive(std::move(archive)),
        m_atMs(std::clamp(start.value_or(m_archive->endMs()), m_archive->firstCountMs(), m_archive->endMs())) {}

  std::shared_ptr<const Snapshot> latest() override {
    // Playing: archive time moves at the chosen speed. The worker builds the moment (and its
    // baseline) when it shows something new; asked at most every 100 ms of wall time, so that
    // playing fast or scrubbing costs the worker what it cost before.
    const int64_t now = steadyMs();
    if (m_playing) {
      m_atMs = std::min(m_archive->endMs(), m_atMs + static_cast<int64_t>(static_cast<double>(now - m_lastTick) * m_speed));
      if (m_atMs >= m_archive->endMs()) m_playing = false;
    }
    m_lastTick = now;
    if (!asked() && now - m_askedAt >= 100) {
      m_client.ask({m_atMs, baselineAt(), m_needs});
      m_askedFor = {lastChangeAt(m_atMs), lastChangeAt(baselineAt()), m_needs};
      m_askedAt = now;
    }
    return m_client.mailbox().latest();
  }
  void show(RegionId view, bool tpsLayer) override { m_needs = viewNeeds(*m_tree, view, tpsLayer); }
  std::shared_ptr<const Snapshot> baseline(const Snapshot&, std::optional<int64_t> since) override {
    m_since = since;  // asked for with the next moment (when it differs, the moment is rebuilt with it)
    return m_client.baselineMailbox().latest();
  }
  int64_t clockMs() const override { return m_atMs; }
  bool seek(int64_t ms) override {
    m_atMs = std::clamp(ms, m_archive->firstCountMs(), m_archive->endMs());
    return true;
  }
  bool drawControls(const UiText& t, const Fonts& f, int width, int height) override {
    // Between the tallies (bottom left) and the legend (bottom right); above them when too narrow.
    const float u = f.scale, left = 790 * u, right = static_cast<float>(width) - 310 * u;
    const bool between = right - left >= 520 * u;
    const float w = between ? right - left : std::min(static_cast<float>(width) - 40 * u, 1000 * u);
    const float x = between ? left : (static_cast<float>(width) - w) / 2;
    ImGui::SetNextWindowPos(ImVec2(x, static_cast<float>(height) - (between ? 130 : 330) * u));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::Begin("##timeline", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PushFont(f.bold);
    if (ImGui::Button(m_playing ? "||" : ">", ImVec2(48 * u, 0))) {
      m_playing = !m_playing;
      if (m_playing && m_atMs >= m_archive->endMs()) m_atMs = m_archive->firstCountMs();
    }
    ImGui::SameLine();
    const std::string when = formatWib(m_atMs / 1000, t);
    ImGui::TextUnformatted(when.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    static const int kSpeeds[] = {1, 10, 60, 600, 3600};
    for (int s : kSpeeds) {
      ImGui::SameLine();
      const std::string label = "x" + std::to_string(s);
      if (ImGui::RadioButton(label.c_str(), m_speed == s)) m_speed = s;
    }
    ImGui::PushFont(f.body);
    ImGui::SetNextItemWidth(-1);
    // Minutes since the archive's start: an integer slider is exact to the minute and cheap.
    const int64_t begin = m_archive->firstCountMs();
    int minute = static_cast<int>((m_atMs - begin) / 60000);
    const int last = static_cast<int>((m_archive->endMs() - begin) / 60000);
    if (ImGui::SliderInt("##at", &minute, 0, std::max(1, last), "")) m_atMs = std::min(m_archive->endMs(), begin + int64_t{minute} * 60000);
    ImGui::PopFont();
    ImGui::End();
    // While the moment on screen is not yet the one asked for, the window keeps looking.
    return m_playing || !asked() || !m_client.idle();
  }

 private:
  /// The last recorded change at or before `ms` (what a moment's content depends on).
  int64_t lastChangeAt(int64_t ms) const {
    const auto& times = m_archive->times();
    auto it = std::upper_bound(times.begin(), times.end(), ms);
    return it == times.begin() ? INT64_MIN : *(it - 1);
  }
  /// The change layer's moment: `since` when given, else an hour before the moment.
  int64_t baselineAt() const { return m_since ? *m_since * 1000 : m_atMs - 3600 * 1000; }
  /// The worker was asked for what the timeline and the view show now.
  bool asked() const { return m_askedFor == Asked{lastChangeAt(m_atMs), lastChangeAt(baselineAt()), m_needs}; }

  struct Asked {
    int64_t moment = INT64_MIN, baseline = INT64_MIN;
    ViewNeeds needs;
    bool valid = true;
    friend bool operator==(const Asked&, const Asked&) = default;
  };

  std::shared_ptr<const RegionTree> m_tree;
  ReplayClient m_client;  ///< builds the moments on its worker; this thread only asks and takes
  std::shared_ptr<const ArchiveReader> m_archive;
  int64_t m_atMs;
  bool m_playing = false;
  int m_speed = 60;
  int64_t m_lastTick = steadyMs();
  ViewNeeds m_needs;
  std::optional<int64_t> m_since;  ///< epoch seconds, from the window
  Asked m_askedFor{INT64_MIN, INT64_MIN, {}, false};  ///< nothing asked yet
  int64_t m_askedAt = INT64_MIN / 2;
};

}  // namespace

std::unique_ptr<Feed> makeLiveFeed(std::shared_ptr<const RegionTree> tree, std::unique_ptr<Source> source, LiveOptions options) {
  return std::make_unique<LiveFeed>(std::move(tree), std::move(source), std::move(options));
}

std::unique_ptr<Feed> makeReplayFeed(std::shared_ptr<const RegionTree> tree, std::shared_ptr<const ArchiveReader> archive,
                                     std::optional<int64_t> startMs, ReplayOptions options) {
  return std::make_unique<ReplayFeed>(std::move(tree), std::move(archive), startMs, std::move(options));
}

}  // namespace pantau::viewer
