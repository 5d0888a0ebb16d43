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

namespace {

/// A liblo message, freed on every path.
struct Message {
  lo_message m = nullptr;
  ~Message() {
    if (m) lo_message_free(m);
  }
};

/// Argument `i` as a string ('s' or 'S'), or empty when it is not one.
std::string stringArg(const char* types, lo_arg** argv, int argc, int i) {
  if (i >= argc || (types[i] != LO_STRING && types[i] != LO_SYMBOL)) return {};
  return std::string(&argv[i]->s);
}

/// /pantau/cue: an item number (an integer or an integral float) or a name.
std::variant<ControlCommand, std::string> cue(const char* types, lo_arg** argv, int argc) {
  ControlCommand c;
  c.verb = ControlCommand::Cue;
  if (argc < 1) return std::string("/pantau/cue needs an item number (i) or a name (s)");
  double n = -1;
  switch (types[0]) {
    case LO_INT32:
      n = argv[0]->i;
      break;
    case LO_INT64:
      n = static_cast<double>(argv[0]->h);
      break;
    case LO_FLOAT:
      n = argv[0]->f;
      break;
    case LO_DOUBLE:
      n = argv[0]->d;
      break;
    case LO_STRING:
    case LO_SYMBOL:
      c.name = &argv[0]->s;
      if (c.name.empty()) return std::string("/pantau/cue: an empty name");
      return c;
    default:
      return std::string("/pantau/cue: argument of type '") + types[0] +
             "', not a number or a name";
  }
  if (!(n >= 0 && n <= 1e6) || std::floor(n) != n)
    return "/pantau/cue: item " + std::to_string(n) + " is not a number 0..";
  c.item = static_cast<int>(n);
  return c;
}

}  // namespace

std::variant<ControlCommand, std::string> oscCommand(const void* data, std::size_t size) {
  if (size >= 8 && std::memcmp(data, "#bundle", 8) == 0)
    return std::string("an OSC bundle: send each command as a message of its own");
  char* path = lo_get_path(const_cast<void*>(data), static_cast<ssize_t>(size));
  int result = 0;
  Message msg{lo_message_deserialise(const_cast<void*>(data), size, &result)};
  if (!msg.m || !path) return "not an OSC message (liblo error " + std::to_string(result) + ")";
  const std::string address(path);
  const char* types = lo_message_get_types(msg.m);
  lo_arg** argv = lo_message_get_argv(msg.m);
  const int argc = lo_message_get_argc(msg.m);
  ControlCommand c;
  const std::string verb = address.rfind("/pantau/", 0) == 0 ? address.substr(8) : std::string();
  if (verb == "next")
    c.verb = ControlCommand::Next;
  else if (verb == "prev")
    c.verb = ControlCommand::Prev;
  else if (verb == "take")
    c.verb = ControlCommand::Take;
  else if (verb == "hold")
    c.verb = ControlCommand::Hold;
  else if (verb == "resume")
    c.verb = ControlCommand::Resume;
  else if (verb == "cue")
    return cue(types, argv, argc);
  else if (verb == "show") {
    c.verb = ControlCommand::Show;
    if (argc < 1 ||
        (c.view = stringArg(types, argv, argc, 0), types[0] != LO_STRING && types[0] != LO_SYMBOL))
      return std::string("/pantau/show needs a region code (s), and a layer (s) if not the winner");
    c.layer = argc >= 2 ? stringArg(types, argv, argc, 1) : "winner";
    if (c.layer.empty()) return std::string("/pantau/show: the layer must be a string");
  } else {
    return "unknown address '" + address.substr(0, 120) +
           "' (/pantau/next /prev /take /cue /hold /resume /show)";
  }
  return c;
}

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
    Message reply{lo_message_new()};
    lo_message_add_string(reply.m, text.c_str() + 1);
    std::size_t size = 0;
    void* bytes = lo_message_serialise(reply.m, text[0] == 'S' ? "/pantau/state" : "/pantau/error",
                                       nullptr, &size);
    if (!bytes) continue;
    // UDP to the sender: an answer nobody listens for is simply lost, never waited on.
    (void)::sendto(m_socket, bytes, size, MSG_DONTWAIT, reinterpret_cast<const sockaddr*>(&to),
                   sizeof to);
    std::free(bytes);
  }
  m_answers.clear();
}

}  // namespace pantau::viewer::onair
