// The on-air control API in process: real HTTP on 127.0.0.1, a loop thread that applies the
// commands to a carousel the way the on-air mode does.

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <thread>

#include "carousel.hpp"
#include "control_server.hpp"

using namespace pantau::viewer::onair;

namespace {

/// A carousel behind a control server, polled by its own thread like the on-air loop.
struct Rig {
  Carousel carousel;
  std::unique_ptr<ControlServer> server;
  std::atomic<bool> stop{false};
  std::thread loop;
  int64_t now = 0;

  explicit Rig(std::string token = "") : carousel(items(), true) {
    carousel.start(0);
    auto s = ControlServer::start("127.0.0.1", 0, std::move(token));
    if (!s) throw std::runtime_error(s.error().message);
    server = std::move(*s);
    loop = std::thread([this] {
      while (!stop) {
        server->poll([this](const ControlCommand& c) { return apply(c); },
                     [this] { return state(); });
        std::this_thread::sleep_for(std::chrono::milliseconds(2));  // the loop's frame pacing
      }
    });
  }
  ~Rig() {
    stop = true;
    loop.join();
  }
  static std::vector<RundownItem> items() {
    std::vector<RundownItem> out;
    for (const char* n : {"nasional", "jatim", "jabar"}) {
      RundownItem it;
      it.name = n;
      it.seconds = 100;
      out.push_back(it);
    }
    return out;
  }
  ControlReply apply(const ControlCommand& c) {
    switch (c.verb) {
      case ControlCommand::Next:
        carousel.next(now);
        break;
      case ControlCommand::Prev:
        carousel.prev(now);
        break;
      case ControlCommand::Take:
        carousel.take(now);
        break;
      case ControlCommand::Hold:
        carousel.hold(now);
        break;
      case ControlCommand::Resume:
        carousel.resume(now);
        break;
      case ControlCommand::Cue:
        if (!carousel.cue(c.item)) return {"no item " + std::to_string(c.item)};
        break;
      case ControlCommand::Show: {
        if (c.view == "bad") return {"unknown region 'bad'"};
        RundownItem it;
        it.name = "show", it.view = c.view, it.layer = c.layer, it.seconds = 0;
        carousel.show(it, now);
      }
    }
    return {};
  }
  ControlState state() const {
    ControlState s;
    s.item = carousel.current();
    s.name = carousel.onAir().name;
    s.view = carousel.onAir().view;
    s.layer = carousel.onAir().layer;
    s.next = carousel.nextIndex();
    s.playing = carousel.playing();
    s.held = carousel.held();
    return s;
  }
};

nlohmann::json body(const httplib::Result& r) {
  return nlohmann::json::parse(r->body);
}

}  // namespace

TEST(OnAirControl, StateAndCommandsOverHttp) {
  Rig rig;
  EXPECT_EQ(rig.server->url(), "http://127.0.0.1:" + std::to_string(rig.server->port()));
  httplib::Client cli("127.0.0.1", rig.server->port());
  auto r = cli.Post("/next");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(body(r)["name"], "jatim");  // the answer is the state after the command
  r = cli.Get("/state");
  ASSERT_TRUE(r);
  const auto s = body(r);
  for (const char* k : {"item", "name", "view", "layer", "next", "playing", "held", "version",
                        "fps", "dropped_frames"})
    EXPECT_TRUE(s.contains(k)) << k;
  EXPECT_EQ(s.size(), 10u);
  EXPECT_EQ(s["item"], 1);
  EXPECT_EQ(s["next"], 2);
  r = cli.Post("/cue?item=0");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(body(r)["next"], 0);
  r = cli.Post("/take");
  EXPECT_EQ(body(r)["name"], "nasional");
  r = cli.Post("/hold");
  EXPECT_EQ(body(r)["held"], true);
  EXPECT_EQ(body(r)["playing"], false);
  r = cli.Post("/resume");
  EXPECT_EQ(body(r)["held"], false);
  r = cli.Post("/show?view=35&layer=progress");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(body(r)["item"], -1);
  EXPECT_EQ(body(r)["view"], "35");
  EXPECT_EQ(body(r)["layer"], "progress");
  r = cli.Post("/prev");
  EXPECT_EQ(body(r)["name"], "nasional");
}

TEST(OnAirControl, BadArgumentsAre400AndUnknownPaths404WithWhatWasWrong) {
  Rig rig;
  httplib::Client cli("127.0.0.1", rig.server->port());
  auto r = cli.Post("/cue?item=7");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(body(r)["error"], "no item 7");
  r = cli.Post("/cue?item=x");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(body(r)["error"], "/cue: item 'x' is not a number 0..");
  r = cli.Post("/cue");
  EXPECT_EQ(r->status, 400);
  r = cli.Post("/show?view=bad");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(body(r)["error"], "unknown region 'bad'");
  r = cli.Get("/nowhere");
  EXPECT_EQ(r->status, 404);
  EXPECT_NE(body(r)["error"].get<std::string>().find("GET /nowhere"), std::string::npos);
  r = cli.Get("/next");  // a command is a POST
  EXPECT_EQ(r->status, 404);
}

TEST(OnAirControl, ATokenIsRequiredOnEveryRequestAndBeyondLoopback) {
  Rig rig("s3cret");
  httplib::Client cli("127.0.0.1", rig.server->port());
  auto r = cli.Get("/state");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_NE(body(r)["error"].get<std::string>().find("Bearer"), std::string::npos);
  EXPECT_EQ(cli.Post("/next")->status, 401);
  cli.set_bearer_token_auth("wrong");
  EXPECT_EQ(cli.Get("/state")->status, 401);
  cli.set_bearer_token_auth("s3cret");
  EXPECT_EQ(cli.Get("/state")->status, 200);
  EXPECT_EQ(cli.Post("/next")->status, 200);
  // A bind beyond loopback is refused without a token (checked before anything is bound).
  auto open = ControlServer::start("0.0.0.0", 0, "");
  ASSERT_FALSE(open);
  EXPECT_NE(open.error().message.find("--control-token"), std::string::npos);
  EXPECT_TRUE(isLoopback("127.0.0.1"));
  EXPECT_TRUE(isLoopback("::1"));
  EXPECT_FALSE(isLoopback("192.168.1.20"));
  auto hp = parseHostPort(":0");
  ASSERT_TRUE(hp);
  EXPECT_EQ(hp->first, "127.0.0.1");
  EXPECT_EQ(hp->second, 0);
  EXPECT_FALSE(parseHostPort("127.0.0.1:99999"));
  EXPECT_FALSE(parseHostPort("host:x"));
}
