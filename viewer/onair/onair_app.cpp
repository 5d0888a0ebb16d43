// On air: the rundown's carousel on the wall clock, the feed's snapshots, the control API's
// commands, and each frame out to the monitor (GLFW, full screen, vsync) or, headless, in real
// time to the stream. The render never waits for the network or the encoder.

#include "onair_app.hpp"

#include "pantau/render/gl.hpp"  // before GLFW, which would bring GL 1.x's header
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>

#include "air_setup.hpp"
#include "carousel.hpp"
#include "control_server.hpp"
#include "feed_setup.hpp"
#include "osc_control.hpp"
#include "pantau/data/base/clock.hpp"
#include "pantau/data/contests/legislative_types.hpp"
#include "pantau/render/headless_gl.hpp"
#include "program_cue.hpp"
#include "show.hpp"
#include "stage.hpp"
#include "stream_encoder.hpp"
#include "tours.hpp"

namespace pantau::viewer::onair {

using namespace pantau::data;

namespace {

std::atomic<bool> g_stop{false};
void onSignal(int) {
  g_stop = true;
}

int64_t steadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

/// One on-air session: the carousel, the data, the control API and the outputs, stepped once per
/// frame by whichever loop owns the GL context.
class Session {
 public:
  /// `wallLeadMs`: how far ahead of its moment a video wall is told of an item (GET /program).
  Session(const Rundown& rundown, Show& show, Stage& stage, int wallLeadMs)
      : m_rundown(rundown),
        m_show(show),
        m_stage(stage),
        m_carousel({}, rundown.loop),
        m_wallLeadMs(wallLeadMs) {}

  /// Expands the rundown (with whatever data there is), pre-rolls the first item and puts it on
  /// air: the rundown's clock starts once its first picture exists. Returns the milliseconds the
  /// pre-roll took.
  int64_t start(int64_t nowMs) {
    takeSnapshot(nowMs);
    m_carousel = Carousel(expand(), m_rundown.loop);
    m_carousel.onLoop = [this] {
      m_rundownChanged = true;
      return expand();
    };
    // The first picture costs what no later one does (the map's GL layers built and uploaded,
    // every shader compiled by the CPU renderer, more so with an empty shader cache, the first
    // raster): seconds at this machine's load. Made on the clock, every frame of it came late
    // and a short first item went by unseen (a 4-second show ended before its second item).
    // The second item's map is made then too, as it would be while the first holds still: from
    // an empty cache its first raster costs seconds more (its layers, the multisampled shaders).
    showNewData(nowMs);
    const std::vector<RundownItem>& items = m_carousel.items();
    if (!items.empty()) m_stage.preroll(items.front());
    if (items.size() > 1) m_stage.prepare(items[1]);
    const int64_t onAirMs = steadyMs();
    m_appliedMs = m_stageDataMs = onAirMs;  // newer data follows at the usual pace from here
    m_carousel.start(onAirMs);
    m_rundownChanged = true;
    return onAirMs - nowMs;
  }
  void attach(ControlServer* control, OscControl* osc, StreamEncoder* fill, StreamEncoder* key) {
    m_control = control, m_osc = osc, m_fill = fill, m_key = key;
  }

  /// One frame: data, commands, the clock, the picture, the outputs.
  void frame(int64_t nowMs, int64_t frame, bool readBack) {
    takeSnapshot(nowMs);
    // OSC first, then HTTP publishes the state after both; OSC's answers go last.
    if (m_osc)
      m_osc->poll([&](const ControlCommand& c) { return apply(c, nowMs); },
                  [&] { return state(); });
    if (m_control) {
      m_control->poll([&](const ControlCommand& c) { return apply(c, nowMs); },
                      [&] { return state(); });
      if (m_rundownChanged) m_control->setRundownJson(rundownJson(m_carousel.items()));
    }
    if (m_osc) m_osc->answer();
    m_rundownChanged = false;
    m_carousel.tick(nowMs);
    if (m_carousel.version() != m_shownVersion) {
      m_shownVersion = m_carousel.version();
      // A new item is rasterised anyway: with the newest data, unless its map was prepared ahead
      // with the data on air (then new data follows with the next item, or after kRefreshHeldMs).
      if (!m_stage.preparedFor(m_carousel.onAir())) showNewData(nowMs);
      m_stage.take(m_carousel.onAir(), m_carousel.breakingOnAir(), frame);
      publishCue();
    } else if (nowMs - m_stageDataMs >= kRefreshHeldMs) {
      showNewData(nowMs);  // an item held on air still shows the count move
    }
    countFrame(nowMs);
    // A still picture (no new item, data or transition) is the last frame again: on time, and
    // neither rendered nor read back, so the CPU goes to the encoder.
    const bool outputs = readBack && (m_fill || m_key);
    if (!m_stage.changedAt(frame) && (m_lastPicture || !outputs)) {
      if (outputs) send(frame, false);
      prepareNext();
      return;
    }
    m_stage.render(frame);
    if (outputs) {
      m_lastPicture = std::make_shared<const std::vector<uint8_t>>(m_stage.read());
      send(frame, false);
    }
  }
  /// The render fell behind: the outputs keep their cadence with the last picture again (what a
  /// playout server does). A frame due at `dueMs` whose picture would have differed (an item
  /// due, a transition running, new data, a command waiting) is counted late; one of a picture
  /// holding still (the next item rasterised ahead meanwhile) is the picture it should be.
  void repeatLast(int64_t frame, int64_t dueMs) {
    const bool changed = m_stage.changedAt(frame) || m_carousel.changesBy(dueMs) ||
                         (m_control && m_control->hasPending());
    ++(changed ? m_late : m_heldRepeats);
    if (m_lastPicture) send(frame, changed);
  }
  /// Frames the outputs did not get as rendered: made too late (repeated), or refused by a busy
  /// encoder (a repeat it refused is counted once).
  uint64_t dropped() const { return m_late + m_refused; }
  uint64_t late() const { return m_late; }
  uint64_t refused() const { return m_refused; }
  /// Frames repeated, on time, while the picture held still and the render prepared ahead.
  uint64_t heldRepeats() const { return m_heldRepeats; }

 private:
  /// `counted`: the frame is counted dropped already (late), so a refusal does not count twice.
  void send(int64_t frame, bool counted) {
    bool refused = false;
    if (m_key) refused |= !m_key->push(m_lastPicture, frame);
    if (m_fill) refused |= !m_fill->push(m_lastPicture, frame);
    m_refused += refused && !counted;
  }

  /// The item now on air as the cue a video wall follows (GET /program): every tile puts it on
  /// screen in the first frame of the wall's grid at or after apply_at_ms, m_wallLeadMs from
  /// now: time for each tile to read the cue and draw it ahead, so the switch is a swap.
  void publishCue() {
    if (!m_control) return;
    const RundownItem& it = m_carousel.onAir();
    const int64_t now = data::wallMs();
    m_cue.seq = std::max(m_cue.seq + 1, static_cast<uint64_t>(now));  // grows across restarts too
    m_cue.item = m_carousel.current();
    m_cue.name = it.name;
    m_cue.view = it.view;
    m_cue.layer = it.layer;
    m_cue.map = m_stage.tiles() ? "tiles" : "regions";
    m_cue.contest = data::toString(m_show.setup().contest);
    m_cue.caption = it.caption;
    m_cue.breaking = m_carousel.breakingOnAir();
    m_cue.applyAtMs = now + m_wallLeadMs;
    m_control->setProgramJson(programCueJson(m_cue));
  }

  /// While the picture holds still, the next item's map is rasterised ahead (once per item and
  /// data), so that its take costs a copy instead of a raster of several frames' time.
  void prepareNext() {
    const int n = m_carousel.nextIndex();
    if (n >= 0 && !m_carousel.ended())
      m_stage.prepare(m_carousel.items()[static_cast<std::size_t>(n)]);
  }

  std::vector<RundownItem> expand() {
    const Snapshot* now = m_latest.get();
    TourData d{now, m_previousRegeneration.get(), [this, now](double minutes) -> const Snapshot* {
                 if (!now) return nullptr;
                 auto s = m_show.feed().baseline(
                     *now, now->status(kNation).sourceTs - static_cast<int64_t>(minutes * 60));
                 m_keep.push_back(s);  // alive while the expansion reads it
                 return s.get();
               }};
    auto items = expandRundown(m_rundown, d);
    m_keep.clear();
    return items;
  }

  /// The newest snapshot to the stage; on a new regeneration, what moved and breaking news.
  /// At most one every kApplyEveryMs: each recolours the whole map (a full raster on a CPU
  /// renderer), and a live client publishes after every batch of documents.
  void takeSnapshot(int64_t nowMs) {
    if (m_latest && nowMs - m_appliedMs < kApplyEveryMs) return;
    auto s = m_show.feed().latest();
    if (!s || s == m_latest) return;
    m_appliedMs = nowMs;
    const bool regenerated =
        !m_latest || s->status(kNation).sourceTs != m_latest->status(kNation).sourceTs;
    if (regenerated && m_latest) {
      m_previousRegeneration = m_regenerationStart ? m_regenerationStart : m_latest;
      m_moved =
          std::make_shared<WhatMoved>(whatMoved(*m_previousRegeneration, *s, Level::Province));
      breakingNews(*m_previousRegeneration, *s);
    }
    if (regenerated) m_regenerationStart = s;
    m_latest = s;
    m_dataWaiting = true;
  }
  /// New data on the map costs a full raster (on a CPU renderer several frames' time): it goes
  /// on air with the next item, whose map is rasterised anyway, or after kRefreshHeldMs on an
  /// item that stays. The panels follow the same snapshot, so map and figures always agree.
  void showNewData(int64_t nowMs) {
    if (!m_dataWaiting) return;
    m_dataWaiting = false;
    m_stageDataMs = nowMs;
    m_stage.takeLatest(m_moved);
  }

  void breakingNews(const Snapshot& before, const Snapshot& after) {
    const BreakingSpec& b = m_rundown.breaking;
    if (!b.enabled) return;
    const auto flips = leaderFlips(before, after, b.level);
    if (flips.empty()) return;
    RundownItem it;
    it.region = flips.front();
    it.view = std::string(after.tree().code(it.region));
    it.name = std::string(after.tree().name(it.region));
    it.layer = b.layer;
    std::string error;
    LayerChoice::parse(b.layer, it.layerChoice, error);
    it.seconds = 0;
    m_carousel.breaking(it, static_cast<int64_t>(b.holdSeconds * 1000), steadyMs());
  }

  ControlReply apply(const ControlCommand& c, int64_t nowMs) {
    switch (c.verb) {
      case ControlCommand::Next:
        m_carousel.next(nowMs);
        break;
      case ControlCommand::Prev:
        m_carousel.prev(nowMs);
        break;
      case ControlCommand::Take:
        m_carousel.take(nowMs);
        break;
      case ControlCommand::Hold:
        m_carousel.hold(nowMs);
        break;
      case ControlCommand::Resume:
        m_carousel.resume(nowMs);
        break;
      case ControlCommand::Cue:
        return cue(c);
      case ControlCommand::Show:
        return show(c, nowMs);
    }
    return {};
  }
  ControlReply cue(const ControlCommand& c) {
    int index = c.item;
    if (!c.name.empty()) {
      index = -1;
      for (std::size_t i = 0; i < m_carousel.items().size() && index < 0; ++i)
        if (m_carousel.items()[i].name == c.name) index = static_cast<int>(i);
      if (index < 0) return {"/cue: no item named '" + c.name + "'"};
    }
    if (!m_carousel.cue(index))
      return {"/cue: no item " + std::to_string(index) + " (the rundown has " +
              std::to_string(m_carousel.items().size()) + ")"};
    return {};
  }
  ControlReply show(const ControlCommand& c, int64_t nowMs) {
    const RegionTree& tree = m_show.tree();
    RundownItem it;
    it.region = c.view.empty() ? kNation : tree.find(c.view);
    if (it.region == kNoRegion) return {"/show: unknown region '" + c.view + "'"};
    if (tree.level(it.region) > Level::Village)
      return {"/show: '" + c.view + "' is a TPS: on air shows villages and above"};
    std::string error;
    if (!LayerChoice::parse(c.layer, it.layerChoice, error))
      return {"/show: unknown layer" + error.substr(error.find(':'))};
    it.view = c.view;
    it.layer = c.layer;
    it.name = it.region == kNation ? "nasional" : std::string(tree.name(it.region));
    it.seconds = 0;
    m_carousel.show(it, nowMs);
    return {};
  }
  ControlState state() const {
    ControlState s;
    const RundownItem& it = m_carousel.onAir();
    s.item = m_carousel.current();
    s.name = it.name;
    s.view = it.view;
    s.layer = it.layer;
    s.next = m_carousel.nextIndex();
    s.playing = m_carousel.playing();
    s.held = m_carousel.held();
    s.version = m_latest ? m_latest->version() : 0;
    s.fps = m_fps;
    s.droppedFrames = dropped();
    return s;
  }
  void countFrame(int64_t nowMs) {
    ++m_framesThisSecond;
    if (nowMs - m_secondStart >= 1000) {
      m_fps = 1000.0 * m_framesThisSecond / static_cast<double>(nowMs - m_secondStart);
      m_secondStart = nowMs;
      m_framesThisSecond = 0;
    }
  }

  const Rundown& m_rundown;
  Show& m_show;
  Stage& m_stage;
  Carousel m_carousel;
  ControlServer* m_control = nullptr;
  OscControl* m_osc = nullptr;
  StreamEncoder *m_fill = nullptr, *m_key = nullptr;
  std::shared_ptr<const Snapshot> m_latest, m_regenerationStart, m_previousRegeneration;
  std::shared_ptr<const WhatMoved> m_moved;
  std::vector<std::shared_ptr<const Snapshot>> m_keep;
  StreamEncoder::Picture m_lastPicture;  ///< the last frame read back, RGBA
  uint64_t m_shownVersion = 0, m_late = 0, m_refused = 0, m_heldRepeats = 0;
  int m_wallLeadMs = 1500;
  ProgramCue m_cue;  ///< the last published
  bool m_rundownChanged = false;
  double m_fps = 0;
  int64_t m_secondStart = 0, m_appliedMs = 0, m_stageDataMs = 0;
  bool m_dataWaiting = false;  ///< a snapshot taken that the stage does not show yet
  static constexpr int64_t kApplyEveryMs = 5000, kRefreshHeldMs = 20000;
  int m_framesThisSecond = 0;
};

/// The outputs named on the command line, opened before anything goes on air.
struct Outputs {
  std::unique_ptr<StreamEncoder> fill, key;
};

Result<Outputs> openOutputs(const Options& o, int fps) {
  Outputs out;
  if (!o.stream.empty()) {
    StreamOptions so{
        o.stream,
        o.width,
        o.height,
        fps,
        o.alpha && o.streamKey.empty() ? StreamOptions::FillAndKey : StreamOptions::Fill,
        o.x264Preset};
    auto e = StreamEncoder::open(so);
    if (!e) return e.error();
    out.fill = std::move(*e);
  }
  if (!o.streamKey.empty()) {
    StreamOptions so{o.streamKey, o.width, o.height, fps, StreamOptions::Key, o.x264Preset};
    auto e = StreamEncoder::open(so);
    if (!e) return e.error();
    out.key = std::move(*e);
  }
  return out;
}

int fail(int code, const std::string& message) {
  std::fprintf(stderr, "pantau: %s\n", message.c_str());
  return code;
}

/// Headless: frames on the wall clock at the rundown's fps; a frame that comes too late is
/// skipped (and counted), never queued.
void runHeadlessLoop(Session& session, double fps, double durationSeconds) {
  const double periodMs = 1000.0 / fps;
  const int64_t t0 = steadyMs();
  const int64_t lastFrame =
      durationSeconds > 0 ? static_cast<int64_t>(durationSeconds * fps) : INT64_MAX;
  for (int64_t frame = 0; frame < lastFrame && !g_stop;) {
    const int64_t due = t0 + static_cast<int64_t>(static_cast<double>(frame) * periodMs);
    session.frame(due, frame, true);
    ++frame;
    const int64_t now = steadyMs();
    const int64_t behind = static_cast<int64_t>(static_cast<double>(now - t0) / periodMs) - frame;
    for (int64_t i = 0; i < behind && frame < lastFrame; ++i, ++frame)
      session.repeatLast(frame, t0 + static_cast<int64_t>(static_cast<double>(frame) * periodMs));
    const int64_t next = t0 + static_cast<int64_t>(static_cast<double>(frame) * periodMs);
    if (next > now) std::this_thread::sleep_for(std::chrono::milliseconds(next - now));
  }
}

/// How much of the map a snapshot fills: the provinces whose own document (their regencies'
/// rows) has been read, and whether the nation's has.
struct SweepProgress {
  bool nation = false;
  uint32_t provinces = 0, of = 0;
  bool anyRead = false;  ///< any figures down to the regencies (the DPD's province: no nation)
  bool filled() const { return nation && provinces == of; }
};
SweepProgress sweepProgress(const Snapshot& s) {
  SweepProgress p;
  p.nation = s.status(kNation).has(RegionStatus::kHasOwn);
  const RegionTree& t = s.tree();
  for (RegionId id = t.levelBegin(Level::Province); id < t.levelEnd(Level::Province); ++id)
    p.provinces += s.status(id).has(RegionStatus::kHasOwn), ++p.of;
  for (RegionId id = 0; id < t.levelEnd(Level::Regency) && !p.anyRead; ++id)
    p.anyRead = s.status(id).has(RegionStatus::kHasOwn) || s.status(id).has(RegionStatus::kHasRow);
  return p;
}

/// A half-filled map is not for air: before the clock starts, the feed's first sweep reads the
/// nation and every province (each regency has its row), or, from a source that lacks some (or
/// sweeps one province), the data read stops changing for kSettledMs; within kFirstSweepMs.
/// An empty snapshot (nothing read yet) never counts as settled: a source slow to its first
/// answer used to put an empty map on air, and a night that moves as it is swept kept on air
/// waiting for up to a minute.
SweepProgress awaitFirstSweep(Feed& feed) {
  constexpr int64_t kSettledMs = 1500, kFirstSweepMs = 120000;
  std::fprintf(stderr, "pantau: on air: waiting for the first sweep of the data\n");
  const int64_t start = steadyMs();
  std::shared_ptr<const Snapshot> last;
  SweepProgress progress;
  int64_t lastChange = start;
  while (!g_stop && steadyMs() - start < kFirstSweepMs) {
    if (auto s = feed.latest(); s != last) {
      last = s, lastChange = steadyMs();
      if (last) progress = sweepProgress(*last);
    }
    if (progress.filled() || (progress.anyRead && steadyMs() - lastChange >= kSettledMs)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return progress;
}

/// Full screen on monitor N, no cursor, vsync: the monitor's refresh paces the frames. `body`
/// gets a present() for each frame.
int runWindowLoop(const Options& o, const std::function<int(const std::function<void()>&)>& body) {
  if (!glfwInit())
    return fail(1,
                "--on-air: cannot open a window (no display?); add --headless to play without one");
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  if (o.monitor < 0 || o.monitor >= count) {
    glfwTerminate();
    return fail(2, "--monitor " + std::to_string(o.monitor) + ": there are " +
                       std::to_string(count) + " monitors (0.." + std::to_string(count - 1) + ")");
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  GLFWwindow* window =
      glfwCreateWindow(o.width, o.height, "Pantau on air", monitors[o.monitor], nullptr);
  if (!window) {
    glfwTerminate();
    return fail(1, "--on-air: cannot create an OpenGL 3.3 window");
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  glfwSetInputMode(window, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
  const int rc = body([window] {
    glfwSwapBuffers(window);
    glfwPollEvents();
    if (glfwWindowShouldClose(window)) g_stop = true;
  });
  glfwDestroyWindow(window);
  glfwTerminate();
  return rc;
}

/// On the GL context `present` belongs to (none: headless): the Show, the stage and the session,
/// the control API, then the loop until --duration or a signal.
int play(AirSetup& setup, FeedSetup feedSetup, const Options& o,
         const std::optional<std::pair<std::string, int>>& control, std::optional<int> oscPort,
         Outputs& outputs, const std::function<void()>& present) {
  const double fps = setup.rundown.fps;
  StageOptions so{o.width,
                  o.height,
                  o.alpha,
                  o.safeArea,
                  feedSetup.simulated,
                  setup.tiles,
                  &uiText(setup.scene.language)};
  setup.scene.scene->upload();
  Show show(std::move(setup.scene), std::move(feedSetup),
            o.sinceMs ? std::optional<int64_t>(*o.sinceMs / 1000) : std::nullopt);
  Stage stage(show, so);
  Session session(setup.rundown, show, stage, o.wallLeadMs);
  std::unique_ptr<ControlServer> server;
  if (control) {
    auto s = ControlServer::start(control->first, control->second, o.controlToken);
    if (!s) return fail(2, s.error().message);
    server = std::move(*s);
  }
  std::unique_ptr<OscControl> osc;
  if (oscPort) {
    auto s = OscControl::start(*oscPort);
    if (!s) return fail(2, s.error().message);
    osc = std::move(*s);
  }
  session.attach(server.get(), osc.get(), outputs.fill.get(), outputs.key.get());
  const int64_t waitStart = steadyMs();
  const SweepProgress swept = awaitFirstSweep(show.feed());
  const int64_t prerollMs = session.start(steadyMs());
  std::fprintf(stderr,
               "pantau: on air: ready after %.1f s: the nation %s, %u of %u provinces read; the "
               "first picture made in %lld ms before the clock started\n",
               static_cast<double>(steadyMs() - waitStart) / 1000.0,
               swept.nation ? "read" : "NOT read", swept.provinces, swept.of,
               static_cast<long long>(prerollMs));
  if (server) std::printf("control on %s\n", server->url().c_str());
  if (osc) std::printf("osc on %s\n", osc->url().c_str());
  std::fflush(stdout);
  if (!present) {
    runHeadlessLoop(session, fps, o.duration);
  } else {
    const int64_t t0 = steadyMs();
    for (int64_t frame = 0;
         !g_stop && (o.duration <= 0 || static_cast<double>(steadyMs() - t0) < o.duration * 1000);
         ++frame) {
      session.frame(steadyMs(), frame, true);
      stage.present(0);
      present();
    }
  }
  int rc = 0;
  for (StreamEncoder* e : {outputs.fill.get(), outputs.key.get()})
    if (e)
      if (Status s = e->finish(); !s) rc = fail(1, s.error().message);
  std::fprintf(stderr,
               "pantau: on air: stopped, %llu frames dropped (%llu rendered late, %llu refused by "
               "a busy encoder); the map rasterised %d times, %d taken from a map prepared "
               "ahead; %llu frames repeated while the picture held still\n",
               static_cast<unsigned long long>(session.dropped()),
               static_cast<unsigned long long>(session.late()),
               static_cast<unsigned long long>(session.refused()), show.scene().mapRenders(),
               show.scene().preparedTaken(), static_cast<unsigned long long>(session.heldRepeats()));
  return rc;
}

}  // namespace

int runOnAir(const Options& o) {
  auto loaded = loadAirSetup(o, o.onAir);
  if (auto* e = std::get_if<AirSetupError>(&loaded)) return fail(e->exitCode, e->message);
  AirSetup& setup = std::get<AirSetup>(loaded);
  std::optional<std::pair<std::string, int>> control;
  if (!o.control.empty()) {
    auto hp = parseHostPort(o.control);
    if (!hp) return fail(2, hp.error().message);
    if (!isLoopback(hp->first) && o.controlToken.empty())
      return fail(
          2, "--control " + o.control + ": beyond loopback the control API needs --control-token");
    control = *hp;
  }
  std::optional<int> oscPort;
  if (!o.oscPort.empty()) {
    int port = -1;
    const auto [end, ec] =
        std::from_chars(o.oscPort.data(), o.oscPort.data() + o.oscPort.size(), port);
    if (ec != std::errc() || end != o.oscPort.data() + o.oscPort.size() || port < 0 || port > 65535)
      return fail(2, "--osc-port '" + o.oscPort + "': not a port 0..65535");
    oscPort = port;
  }
  auto outputs = openOutputs(o, static_cast<int>(setup.rundown.fps + 0.5));
  if (!outputs) return fail(2, outputs.error().message);
  auto feed = setUpFeed(o, setup.scene, FeedMode::Follow);
  if (!feed) return fail(1, feed.error().message);
  std::signal(SIGINT, onSignal);
  std::signal(SIGTERM, onSignal);
  if (!o.headless)
    return runWindowLoop(o, [&](const std::function<void()>& present) {
      return play(setup, std::move(*feed), o, control, oscPort, *outputs, present);
    });
  auto gl = render::HeadlessGl::create();
  if (!gl) return fail(1, gl.error().message);
  return play(setup, std::move(*feed), o, control, oscPort, *outputs, nullptr);
}

}  // namespace pantau::viewer::onair
