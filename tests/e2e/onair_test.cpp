// On air end to end: the real pantau binary, headless in real time, driven over its control API on
// 127.0.0.1, streaming to a .ts file that is decoded back with libavformat; bulk stills; a bad
// rundown refused before anything goes on air.

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <stb/stb_image.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "onair_child.hpp"
#include "sim_process.hpp"
#include "test_support.hpp"
#include "video_support.hpp"

namespace fs = std::filesystem;
using pantau::test::decodeVideo;
using pantau::test::OnAirChild;
using pantau::test::runCommand;
using pantau::test::tempPath;
using pantau::test::Video;

namespace {

constexpr const char* kAt = "2024-02-14 20:00";

std::string writeRundown(const std::string& name, const std::string& text) {
  const std::string path = tempPath(name);
  std::ofstream(path) << text;
  return path;
}

/// Mean absolute difference per channel (RGB), 0..255.
double meanDifference(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  if (a.size() != b.size() || a.empty()) return 255;
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); i += 4)
    for (int c = 0; c < 3; ++c) sum += std::abs(int(a[i + c]) - int(b[i + c]));
  return sum / (static_cast<double>(a.size()) / 4 * 3);
}

/// From pantau's last line on stderr: how many times the map was rasterised, and how many takes
/// took a map prepared ahead instead ({-1, -1} when the line is missing).
std::pair<int, int> mapRasters(const std::string& log) {
  int rasters = -1, prepared = -1;
  if (const auto at = log.find("the map rasterised "); at != std::string::npos)
    std::sscanf(log.c_str() + at, "the map rasterised %d times, %d taken", &rasters, &prepared);
  return {rasters, prepared};
}

}  // namespace

TEST(OnAir, ABadRundownExits2WithTheLineBeforeGoingOnAir) {
  const std::string path =
      writeRundown("bad.toml", "title = \"x\"\n\n[[item]]\nview = \"35\"\nseconds = -1\n");
  const auto r = runCommand(std::string(PANTAU_BIN_DIR "/pantau --on-air ") + path +
                            " --headless --duration 1");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(path + ":5: 'seconds' is -1, not in 0..86400"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;  // nothing went on air (no control line)
  const std::string unknown = writeRundown("unknown.toml", "[[item]]\nview = \"3599\"\n");
  const auto u = runCommand(std::string(PANTAU_BIN_DIR "/pantau --headless --rundown ") + unknown +
                            " --out " + tempPath("never"));
  EXPECT_EQ(u.status, 2);
  EXPECT_NE(u.err.find(unknown + ":1: unknown region '3599'"), std::string::npos) << u.err;
  EXPECT_FALSE(fs::exists(tempPath("never")));
  // Beyond loopback without a token: refused before anything is bound.
  const std::string good = writeRundown("good.toml", "[[item]]\n");
  const auto open = runCommand(std::string(PANTAU_BIN_DIR "/pantau --on-air ") + good +
                               " --headless --duration 1 --control 0.0.0.0:0");
  EXPECT_EQ(open.status, 2);
  EXPECT_NE(open.err.find("needs --control-token"), std::string::npos) << open.err;
}

TEST(OnAir, ControlApiDrivesTheProgramAndTheStreamShowsIt) {
  const std::string rundown = writeRundown("short.toml", R"(title = "test"
[[item]]
name = "nasional"
seconds = 0

[[item]]
name = "jatim"
view = "35"
layer = "progress"
seconds = 0
)");
  const std::string ts = tempPath("program.ts");
  OnAirChild air({"--on-air", rundown, "--headless", "--control", "127.0.0.1:0", "--control-token",
                  "t0ken", "--size", "640x360", "--stream", ts, "--x264-preset", "ultrafast",
                  "--at", kAt});
  const std::string ready = air.line();
  ASSERT_EQ(ready.rfind("control on http://127.0.0.1:", 0), 0u) << ready;
  const int port = std::stoi(ready.substr(ready.rfind(':') + 1));
  httplib::Client cli("127.0.0.1", port);
  EXPECT_EQ(cli.Get("/state")->status, 401);  // the token is asked of every request
  cli.set_bearer_token_auth("t0ken");
  auto r = cli.Get("/state");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  auto state = nlohmann::json::parse(r->body);
  EXPECT_EQ(state["item"], 0);
  EXPECT_EQ(state["name"], "nasional");
  EXPECT_EQ(state["next"], 1);
  EXPECT_EQ(state["playing"], false);  // 0 seconds: held until a command
  auto items = nlohmann::json::parse(cli.Get("/rundown")->body);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1]["view"], "35");
  // Two seconds of the nation, then the next item for two seconds (the frames are counted from the
  // stream afterwards; this test only waits on the program's own answers).
  const auto t0 = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2)) cli.Get("/state");
  r = cli.Post("/next");
  ASSERT_EQ(r->status, 200) << r->body;
  state = nlohmann::json::parse(r->body);
  EXPECT_EQ(state["item"], 1);
  EXPECT_EQ(state["view"], "35");
  EXPECT_EQ(state["layer"], "progress");
  EXPECT_EQ(cli.Post("/cue?item=5")->status, 400);
  EXPECT_EQ(nlohmann::json::parse(cli.Post("/show?view=zz")->body)["error"],
            "/show: unknown region 'zz'");
  EXPECT_EQ(cli.Post("/nowhere")->status, 404);
  const auto t1 = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - t1 < std::chrono::seconds(2)) cli.Get("/state");
  EXPECT_EQ(air.stop(), 0);  // SIGTERM: a clean stop
  const Video v = decodeVideo(ts, {0, 10});
  EXPECT_EQ(v.width, 640);
  EXPECT_GT(v.frames, 25 * 3);  // about 4 s at 25 fps from the first frame
  const Video last = decodeVideo(ts, {v.frames - 1});
  ASSERT_EQ(last.rgba.size(), 1u);
  ASSERT_EQ(v.rgba.size(), 2u);
  // The program changed with the command: Jawa Timur on the progress layer is not the nation.
  EXPECT_GT(meanDifference(v.rgba[1], last.rgba[0]), 10.0);
  fs::remove(ts);
}

TEST(OnAir, StreamDecodesBackAtFullSizeAndMatchesTheStill) {
  const std::string rundown =
      writeRundown("nation.toml", "[[item]]\nname = \"nasional\"\nseconds = 0\n");
  const std::string ts = tempPath("nation.ts"), dir = tempPath("stills");
  // One night standing still at 20:00 for both, so that the same item shows the same figures.
  pantau::test::SimProcess sim({"--at", kAt, "--speed", "0"});
  ASSERT_TRUE(sim.ok());
  const auto air =
      runCommand(std::string(PANTAU_BIN_DIR "/pantau --on-air ") + rundown + " --source " +
                 sim.url() + " --headless --duration 4 --x264-preset ultrafast --stream " + ts);
  ASSERT_EQ(air.status, 0) << air.err;
  const auto stills = runCommand(std::string(PANTAU_BIN_DIR "/pantau --headless --rundown ") +
                                 rundown + " --out " + dir + " --source " + sim.url());
  ASSERT_EQ(stills.status, 0) << stills.err;
  EXPECT_EQ(stills.out.rfind("stills 1, seconds ", 0), 0u) << stills.out;
  const Video v = decodeVideo(ts, {50});
  EXPECT_NEAR(v.frames, 100, 5) << "4 s at 25 fps";
  EXPECT_EQ(v.width, 1920);
  EXPECT_EQ(v.height, 1080);
  int w = 0, h = 0, n = 0;
  uint8_t* png = stbi_load((dir + "/000-nasional.png").c_str(), &w, &h, &n, 4);
  ASSERT_TRUE(png);
  ASSERT_EQ(v.rgba.size(), 1u);
  const std::vector<uint8_t> still(png, png + std::size_t(w) * h * 4);
  stbi_image_free(png);
  // The same item from the same moment: only the codec's loss differs.
  EXPECT_LT(meanDifference(v.rgba[0], still), 4.0);
  EXPECT_TRUE(fs::exists(dir + "/000-nasional.png.json"));
  fs::remove(ts);
  fs::remove_all(dir);
}

TEST(OnAir, AlphaStillsAreTransparentAtTheCornersAndOpaqueOnTheMap) {
  const std::string rundown = writeRundown(
      "alpha.toml", "[[item]]\nname = \"nasional\"\n[[item]]\nname = \"petak\"\nmap = \"tiles\"\n");
  const std::string dir = tempPath("alpha");
  const auto r = runCommand(std::string(PANTAU_BIN_DIR "/pantau --headless --rundown ") + rundown +
                            " --out " + dir + " --alpha --at '" + kAt + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("stills 2, seconds ", 0), 0u) << r.out;
  for (const char* name : {"/000-nasional.png", "/001-petak.png"}) {
    int w = 0, h = 0, n = 0;
    uint8_t* px = stbi_load((dir + name).c_str(), &w, &h, &n, 4);
    ASSERT_TRUE(px) << name;
    auto alpha = [&](int x, int y) { return px[(std::size_t(y) * w + x) * 4 + 3]; };
    EXPECT_EQ(alpha(2, 2), 0) << name;
    EXPECT_EQ(alpha(w - 3, 2), 0) << name;
    EXPECT_EQ(alpha(w - 3, h - 3), 0) << name;
    EXPECT_GE(alpha(w / 2, h - 80), 230) << name << ": the lower third (a 93% opaque panel)";
    stbi_image_free(px);
  }
  // On the map: Kalimantan's middle is land, drawn opaque.
  int w = 0, h = 0, n = 0;
  uint8_t* px = stbi_load((dir + "/000-nasional.png").c_str(), &w, &h, &n, 4);
  ASSERT_TRUE(px);
  EXPECT_EQ(px[(std::size_t(h * 38 / 100) * w + w * 44 / 100) * 4 + 3], 255);
  stbi_image_free(px);
  fs::remove_all(dir);
}

// The window on air (full screen on an X server: Xvfb here, Mesa's GL): it plays, presents frames
// at the monitor's pace, and SIGTERM stops it with exit status 0.
TEST(OnAir, WindowModePlaysFullScreenAndExits0OnSigterm) {
  const std::string rundown =
      writeRundown("window.toml", "[[item]]\nname = \"nasional\"\nseconds = 0\n");
  // The shell says its pid and becomes pantau: the signal goes to pantau, not to xvfb-run.
  const std::string script = "echo $$; exec " PANTAU_BIN_DIR "/pantau \"$@\"";
  OnAirChild air({"-a", "-s", "-screen 0 640x360x24", "sh", "-c", script, "sh", "--on-air", rundown,
                  "--size", "640x360", "--control", "127.0.0.1:0", "--at", kAt},
                 "xvfb-run");
  const std::string pidLine = air.line();
  ASSERT_FALSE(pidLine.empty());
  const pid_t pid = std::stoi(pidLine);
  // A failing check must not leave pantau running once xvfb-run is gone.
  struct StopOnExit {
    pid_t pid;
    ~StopOnExit() {
      if (pid > 0) kill(pid, SIGTERM);
    }
  } guard{pid};
  const std::string ready = air.line();
  ASSERT_EQ(ready.rfind("control on http://127.0.0.1:", 0), 0u) << ready;
  httplib::Client cli("127.0.0.1", std::stoi(ready.substr(ready.rfind(':') + 1)));
  // Frames are presented: the program's own frame count over its last second.
  nlohmann::json state;
  const auto t0 = std::chrono::steady_clock::now();
  do {
    auto r = cli.Get("/state");
    ASSERT_TRUE(r);
    state = nlohmann::json::parse(r->body);
  } while (state.value("fps", 0.0) < 1 &&  // "{}" until the first frame publishes it
           std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60));
  EXPECT_GE(state.value("fps", 0.0), 1.0);
  EXPECT_EQ(state["name"], "nasional");
  EXPECT_EQ(air.stop(pid), 0);
  guard.pid = 0;
}

// A fly goes along the map's motion path: the destination is rasterised once when the item is
// taken, no frame of the flight rasterises, and the landing is that image, so the program ends
// on the same picture as a cut to the item.
// The fly runs from an empty cache dir (XDG_CACHE_HOME: no meshes, no region tree pack, no Mesa
// shader cache), the cut after it from the cache the fly filled: the first picture then costs
// seconds (GL layers, shaders, the first raster), and before it was made off air (pre-roll) its
// frames ate the nation's second and the 4-second show ended on the nation, never taking the
// fly (mean difference 13-15 to the cut, every time). Both runs read one standing moment.
TEST(OnAir, FlyLandsOnTheStillOfTheItemWithoutRasterisingTheFlight) {
  pantau::test::SimProcess sim({"--at", kAt, "--speed", "0"});
  ASSERT_TRUE(sim.ok());
  const fs::path cache = pantau::test::freshDir("fly-cache");
  fs::create_directories(cache);
  auto run = [&](const std::string& transition) {
    const std::string rundown =
        writeRundown("fly-" + transition + ".toml",
                     "loop = false\n[[item]]\nname = \"nasional\"\nseconds = 1\n\n[[item]]\nname = "
                     "\"jatim\"\nview = \"35\"\nseconds = 0\ntransition = \"" +
                         transition + "\"\n");
    const std::string ts = tempPath("fly-" + transition + ".ts");
    const auto r = runCommand("XDG_CACHE_HOME=" + cache.string() +
                              " " PANTAU_BIN_DIR "/pantau --on-air " + rundown +
                              " --source " + sim.url() +
                              " --headless --duration 4 --size 640x360 --x264-preset ultrafast "
                              "--stream " + ts);
    EXPECT_EQ(r.status, 0) << r.err;
    // On air only once the map is filled and its first picture made.
    EXPECT_NE(r.err.find("the nation read, 39 of 39 provinces read; the first picture made in"),
              std::string::npos)
        << r.err;
    const Video v = decodeVideo(ts);
    const Video last = decodeVideo(ts, {v.frames - 1});
    fs::remove(ts);
    return std::make_pair(r.err, last.rgba.empty() ? std::vector<uint8_t>() : last.rgba[0]);
  };
  const auto [flyLog, flyLast] = run("fly");  // cold
  const auto [cutLog, cutLast] = run("cut");  // warm
  fs::remove_all(cache);
  // The nation once (before the clock started), then Jawa Timur: prepared while the nation
  // held (or, if the nation's second was too short for it, rasterised before the flight),
  // never during the flight, and landed on; the cut shows the same two maps, each once.
  const auto [flyRasters, flyPrepared] = mapRasters(flyLog);
  const auto [cutRasters, cutPrepared] = mapRasters(cutLog);
  EXPECT_EQ(flyRasters, 1) << flyLog;
  EXPECT_GE(flyPrepared, 0) << flyLog;
  EXPECT_EQ(cutRasters + cutPrepared, 2) << cutLog;
  ASSERT_FALSE(flyLast.empty());
  EXPECT_LT(meanDifference(flyLast, cutLast), 1.0);  // the same picture, through the same encoder
}

// The next item's map is rasterised while the one on air holds still; the cut to it takes that
// image instead of a raster, and what goes on air is the same picture as the item's still.
TEST(OnAir, ATakePreparedAheadIsTheStillOfTheItem) {
  const std::string item = "[[item]]\nname = \"jatim\"\nview = \"35\"\nlayer = \"progress\"\nseconds = 0\n";
  const std::string rundown =
      writeRundown("prepared.toml", "[[item]]\nname = \"nasional\"\nseconds = 2\n\n" + item);
  const std::string jatim = writeRundown("prepared-still.toml", item);
  const std::string ts = tempPath("prepared.ts"), dir = tempPath("prepared-stills");
  pantau::test::SimProcess sim({"--at", kAt, "--speed", "0"});  // one moment for both runs
  ASSERT_TRUE(sim.ok());
  const auto air = runCommand(std::string(PANTAU_BIN_DIR "/pantau --on-air ") + rundown +
                              " --source " + sim.url() +
                              " --headless --duration 5 --size 640x360 --x264-preset ultrafast "
                              "--stream " + ts);
  ASSERT_EQ(air.status, 0) << air.err;
  const auto [rasters, prepared] = mapRasters(air.err);
  EXPECT_EQ(rasters, 1) << air.err;  // the nation only
  EXPECT_EQ(prepared, 1) << air.err;
  const auto stills = runCommand(std::string(PANTAU_BIN_DIR "/pantau --headless --rundown ") +
                                 jatim + " --out " + dir + " --size 640x360 --source " + sim.url());
  ASSERT_EQ(stills.status, 0) << stills.err;
  const Video v = decodeVideo(ts);
  const Video last = decodeVideo(ts, {v.frames - 1});
  int w = 0, h = 0, n = 0;
  uint8_t* png = stbi_load((dir + "/000-jatim.png").c_str(), &w, &h, &n, 4);
  ASSERT_TRUE(png);
  const std::vector<uint8_t> still(png, png + std::size_t(w) * h * 4);
  stbi_image_free(png);
  ASSERT_EQ(last.rgba.size(), 1u);
  EXPECT_LT(meanDifference(last.rgba[0], still), 4.0);  // only the codec's loss
  fs::remove(ts);
  fs::remove_all(dir);
}
