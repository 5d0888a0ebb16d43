// OSC control end to end: the real pantau binary, headless on air, driven by real OSC datagrams to
// 127.0.0.1 (liblo's lo_send, as a stream deck sends them) and answered on the sender's address;
// the HTTP control API shows the same state.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <lo/lo.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>

#include "onair_child.hpp"
#include "test_support.hpp"

using pantau::test::OnAirChild;
using pantau::test::tempPath;

namespace {

/// A UDP socket on 127.0.0.1 that sends OSC messages and awaits the answers.
class Deck {
 public:
  explicit Deck(int port) {
    m_fd = socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in me{};
    me.sin_family = AF_INET;
    me.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(m_fd, reinterpret_cast<sockaddr*>(&me), sizeof me);
    m_to.sin_family = AF_INET;
    m_to.sin_port = htons(static_cast<uint16_t>(port));
    m_to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  }
  ~Deck() { close(m_fd); }
  /// Sends `m` to `path` and returns the answer's address and string (empty after 30 s).
  std::pair<std::string, std::string> ask(const char* path, lo_message m) {
    std::size_t size = 0;
    void* bytes = lo_message_serialise(m, path, nullptr, &size);
    lo_message_free(m);
    sendto(m_fd, bytes, size, 0, reinterpret_cast<sockaddr*>(&m_to), sizeof m_to);
    std::free(bytes);
    pollfd p{m_fd, POLLIN, 0};
    if (poll(&p, 1, 30000) != 1) return {};
    std::vector<char> buf(65536);
    const ssize_t n = recv(m_fd, buf.data(), buf.size(), 0);
    if (n <= 0) return {};
    int result = 0;
    lo_message reply = lo_message_deserialise(buf.data(), static_cast<std::size_t>(n), &result);
    if (!reply) return {};
    std::pair<std::string, std::string> out{lo_get_path(buf.data(), n), ""};
    if (lo_message_get_argc(reply) == 1 && lo_message_get_types(reply)[0] == 's')
      out.second = &lo_message_get_argv(reply)[0]->s;
    lo_message_free(reply);
    return out;
  }

 private:
  int m_fd = -1;
  sockaddr_in m_to{};
};

}  // namespace

TEST(OnAirOsc, StreamDeckCommandsOverOscDriveTheProgram) {
  const std::string rundown = tempPath("osc.toml");
  std::ofstream(rundown) << "[[item]]\nname = \"nasional\"\nseconds = 0\n\n"
                            "[[item]]\nname = \"jatim\"\nview = \"35\"\nseconds = 0\n";
  OnAirChild air({"--on-air", rundown, "--headless", "--size", "640x360", "--control",
                  "127.0.0.1:0", "--osc-port", "0", "--at", "2024-02-14 20:00"});
  const std::string control = air.line(), osc = air.line();
  ASSERT_EQ(control.rfind("control on http://127.0.0.1:", 0), 0u) << control;
  ASSERT_EQ(osc.rfind("osc on osc.udp://127.0.0.1:", 0), 0u) << osc;
  const std::string port = osc.substr(27, osc.find('/', 27) - 27);

  // A stream deck's button: liblo's own sender, no answer awaited.
  lo_address pantau = lo_address_new("127.0.0.1", port.c_str());
  // The bytes sent: the path padded to 16, ",i" to 4, the int 4.
  ASSERT_EQ(lo_send(pantau, "/pantau/next", "i", 1), 24);
  lo_address_free(pantau);
  // The next command's answer comes after the one before it was applied.
  Deck deck(std::stoi(port));
  auto [path, body] = deck.ask("/pantau/hold", lo_message_new());
  ASSERT_EQ(path, "/pantau/state") << body;
  auto state = nlohmann::json::parse(body);
  EXPECT_EQ(state["item"], 1);
  EXPECT_EQ(state["name"], "jatim");
  EXPECT_EQ(state["held"], true);

  lo_message cue = lo_message_new();
  lo_message_add_int32(cue, 9);
  std::tie(path, body) = deck.ask("/pantau/cue", cue);
  EXPECT_EQ(path, "/pantau/error");
  EXPECT_EQ(body, "/cue: no item 9 (the rundown has 2)");
  std::tie(path, body) = deck.ask("/pantau/nowhere", lo_message_new());
  EXPECT_EQ(path, "/pantau/error");
  EXPECT_EQ(body.rfind("unknown address '/pantau/nowhere'", 0), 0u) << body;
  lo_message show = lo_message_new();
  lo_message_add_string(show, "3578");
  lo_message_add_string(show, "progress");
  std::tie(path, body) = deck.ask("/pantau/show", show);
  ASSERT_EQ(path, "/pantau/state") << body;
  EXPECT_EQ(nlohmann::json::parse(body)["view"], "3578");
  lo_message byName = lo_message_new();
  lo_message_add_string(byName, "nasional");
  std::tie(path, body) = deck.ask("/pantau/cue", byName);
  EXPECT_EQ(nlohmann::json::parse(body)["next"], 0);
  std::tie(path, body) = deck.ask("/pantau/take", lo_message_new());
  EXPECT_EQ(nlohmann::json::parse(body)["name"], "nasional");

  // The HTTP API sees what OSC did.
  httplib::Client cli("127.0.0.1", std::stoi(control.substr(control.rfind(':') + 1)));
  auto r = cli.Get("/state");
  ASSERT_TRUE(r);
  EXPECT_EQ(nlohmann::json::parse(r->body)["name"], "nasional");
  EXPECT_EQ(air.stop(), 0);
}

TEST(OnAirOsc, ABadOscPortExits2) {
  const std::string rundown = tempPath("osc-bad.toml");
  std::ofstream(rundown) << "[[item]]\n";
  const auto r = pantau::test::runCommand(std::string(PANTAU_BIN_DIR "/pantau --on-air ") +
                                          rundown + " --headless --duration 1 --osc-port 70000");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--osc-port '70000': not a port 0..65535"), std::string::npos) << r.err;
}
