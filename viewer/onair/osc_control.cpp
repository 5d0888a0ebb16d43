#include "osc_control.hpp"

#include <arpa/inet.h>
#include <lo/lo_lowlevel.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <cstring>

namespace pantau::viewer::onair {

using namespace pantau::data;

struct OscControl::Received {
  std::variant<ControlCommand, std::string> command;
  sockaddr_in from{};
};

Result<std::unique_ptr<OscControl>> OscControl::start(int port) {
  if (port < 0 || port > 65535)
    return Error{ErrorCode::Range, "--osc-port " + std::to_string(port) + ": not a port 0..65535"};
  auto c = std::unique_ptr<OscControl>(new OscControl());
  c->m_socket = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (c->m_socket < 0)
    return Error{ErrorCode::Io, std::string("--osc-port: socket: ") + std::strerror(errno)};
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(c->m_socket, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(c->m_socket, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
    return Error{ErrorCode::Io, "--osc-port " + std::to_string(port) + ": " + std::strerror(errno)};
  c->m_port = ntohs(addr.sin_port);
  c->m_thread = std::thread([raw = c.get()] { raw->run(); });
  return c;
}

OscControl::~OscControl() {
  m_stop = true;
  if (m_thread.joinable()) m_thread.join();
  if (m_socket >= 0) ::close(m_socket);
}

std::string OscControl::url() const {
  return "osc.udp://127.0.0.1:" + std::to_string(m_port) + "/";
}

void OscControl::run() {
  std::vector<uint8_t> buffer(65536);
  while (!m_stop) {
    pollfd p{m_socket, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;  // wakes to notice m_stop
    auto r = std::make_shared<Received>();
    socklen_t len = sizeof r->from;
    const ssize_t n = ::recvfrom(m_socket, buffer.data(), buffer.size(), 0,
                                 reinterpret_cast<sockaddr*>(&r->from), &len);
    if (n <= 0) continue;
    r->command = oscCommand(buffer.data(), static_cast<std::size_t>(n));
    std::lock_guard lock(m_mutex);
    if (m_queue.size() < 64) m_queue.push_back(std::move(r));  // a flood is not queued for ever
  }
}

void OscControl::poll(const std::function<ControlReply(const ControlCommand&)>& apply,
                      const std::function<ControlState()>& state) {
  std::deque<std::shared_ptr<Received>> queue;
  {
    std::lock_guard lock(m_mutex);
    queue.swap(m_queue);
  }
  for (const auto& r : queue) {
    std::string error;
    if (auto* c = std::get_if<ControlCommand>(&r->command))
      error = apply(*c).error;
    else
      error = std::get<std::string>(r->command);
    // "S" marks a state, "E" an error (the address to answer with).
    m_answers.emplace_back(r->from, error.empty() ? "S" + stateJson(state()) : "E" + error);
  }
}

void OscControl::answer() {
  for (const auto& [to, text] : m_answers) {
    lo_message reply = lo_message_new();
    lo_message_add_string(reply, text.c_str() + 1);
    std::size_t size = 0;
    void* bytes = lo_message_serialise(reply, text[0] == 'S' ? "/pantau/state" : "/pantau/error",
                                       nullptr, &size);
    lo_message_free(reply);
    if (!bytes) continue;
    // UDP to the sender: an answer nobody listens for is simply lost, never waited on.
    (void)::sendto(m_socket, bytes, size, MSG_DONTWAIT, reinterpret_cast<const sockaddr*>(&to),
                   sizeof to);
    std::free(bytes);
  }
  m_answers.clear();
}

}  // namespace pantau::viewer::onair
