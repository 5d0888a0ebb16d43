#include "control_server.hpp"

#include <httplib.h>

#include <charconv>
#include <chrono>

#include "pantau/data/base/json_writer.hpp"

namespace pantau::viewer::onair {

using data::Error;
using data::ErrorCode;

namespace {

/// How long a request waits for the on-air loop, which polls every frame (40 ms at 25 fps).
constexpr auto kLoopWait = std::chrono::seconds(5);

std::string errorJson(const std::string& what) {
  std::string out;
  data::JsonWriter(out).beginObject().key("error").string(what).endObject();
  return out;
}

void reply(httplib::Response& res, int status, const std::string& json) {
  res.status = status;
  res.set_content(json, "application/json");
}

}  // namespace

std::string stateJson(const ControlState& s) {
  std::string out;
  data::JsonWriter j(out);
  j.beginObject().key("item").number(s.item).key("name").string(s.name).key("view").string(s.view);
  j.key("layer")
      .string(s.layer)
      .key("next")
      .number(s.next)
      .key("playing")
      .boolean(s.playing)
      .key("held")
      .boolean(s.held);
  j.key("version")
      .number(s.version)
      .key("fps")
      .number(s.fps)
      .key("dropped_frames")
      .number(s.droppedFrames)
      .endObject();
  return out;
}

data::Result<std::pair<std::string, int>> parseHostPort(const std::string& spec) {
  std::string host = "127.0.0.1", port = spec;
  if (const auto colon = spec.rfind(':'); colon != std::string::npos) {
    if (colon > 0) host = spec.substr(0, colon);
    port = spec.substr(colon + 1);
  }
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int p = -1;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || p < 0 || p > 65535)
    return Error{ErrorCode::Type, "--control: '" + spec + "' is not HOST:PORT (port 0..65535)"};
  return std::pair{host, p};
}

bool isLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

struct ControlServer::Pending {
  ControlCommand command;
  bool done = false;
  ControlReply reply;
  std::string stateAfter;
};

data::Result<std::unique_ptr<ControlServer>> ControlServer::start(const std::string& host, int port,
                                                                  std::string token) {
  if (!isLoopback(host) && token.empty())
    return Error{ErrorCode::Refused,
                 "--control " + host + ": beyond loopback the control API needs --control-token"};
  std::unique_ptr<ControlServer> s(new ControlServer);
  s->m_host = host;
  s->m_token = std::move(token);
  s->m_server = std::make_unique<httplib::Server>();
  s->m_server->new_task_queue = [] { return new httplib::ThreadPool(4); };
  s->routes();
  s->m_port = port == 0 ? s->m_server->bind_to_any_port(host)
                        : (s->m_server->bind_to_port(host, port) ? port : -1);
  if (s->m_port <= 0)
    return Error{ErrorCode::Network,
                 "--control: cannot listen on " + host + ":" + std::to_string(port)};
  s->m_thread = std::thread([srv = s->m_server.get()] { srv->listen_after_bind(); });
  return s;
}

ControlServer::~ControlServer() {
  m_server->stop();
  if (m_thread.joinable()) m_thread.join();
}

std::string ControlServer::url() const {
  const bool v6 = m_host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + m_host + "]" : m_host) + ":" + std::to_string(m_port);
}

void ControlServer::routes() {
  httplib::Server& s = *m_server;
  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (m_token.empty() || req.get_header_value("Authorization") == "Bearer " + m_token)
      return httplib::Server::HandlerResponse::Unhandled;
    res.set_header("WWW-Authenticate", "Bearer");
    reply(res, 401,
          errorJson("this control API needs 'Authorization: Bearer <token>' (--control-token)"));
    return httplib::Server::HandlerResponse::Handled;
  });
  s.Get("/state", [this](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(m_mutex);
    reply(res, 200, m_stateJson);
  });
  s.Get("/rundown", [this](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(m_mutex);
    reply(res, 200, m_rundownJson);
  });
  s.Get("/program", [this](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(m_mutex);
    if (m_programJson.empty()) return reply(res, 503, errorJson("/program: nothing on air yet"));
    res.set_header("Cache-Control", "no-store");  // a wall polls it: never a cached cue
    reply(res, 200, m_programJson);
  });
  auto verb = [this](const char* path, ControlCommand::Verb v) {
    m_server->Post(path, [this, v](const httplib::Request& req, httplib::Response& res) {
      ControlCommand c;
      c.verb = v;
      if (v == ControlCommand::Cue) {
        const std::string item = req.get_param_value("item");
        c.name = req.get_param_value("name");
        if (item.empty() == c.name.empty())
          return reply(res, 400, errorJson("/cue needs one of ?item=N or ?name=NAME"));
        if (!item.empty()) {
          const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), c.item);
          if (ec != std::errc() || end != item.data() + item.size() || c.item < 0)
            return reply(res, 400, errorJson("/cue: item '" + item + "' is not a number 0.."));
        }
      }
      if (v == ControlCommand::Show) {
        c.view = req.get_param_value("view");
        c.layer = req.has_param("layer") ? req.get_param_value("layer") : "winner";
      }
      const auto [status, body] = submit(std::move(c));
      reply(res, status, body);
    });
  };
  verb("/next", ControlCommand::Next);
  verb("/prev", ControlCommand::Prev);
  verb("/take", ControlCommand::Take);
  verb("/cue", ControlCommand::Cue);
  verb("/hold", ControlCommand::Hold);
  verb("/resume", ControlCommand::Resume);
  verb("/show", ControlCommand::Show);
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (res.status == 400 &&
        res.body.empty())  // cpp-httplib refuses a POST without a length before routing
      reply(res, 400,
            errorJson(req.method + " " + req.path +
                      ": a request with no Content-Length (curl: -d '')"));
    if (res.status == 404)
      reply(res, 404,
            errorJson("no such path: " + req.method + " " + req.path +
                      " (GET /state /rundown /program; POST /next /prev /take /cue /hold /resume /show)"));
  });
}

std::pair<int, std::string> ControlServer::submit(ControlCommand command) {
  auto p = std::make_shared<Pending>();
  p->command = std::move(command);
  std::unique_lock lock(m_mutex);
  m_queue.push_back(p);
  if (!m_cv.wait_for(lock, kLoopWait, [&] { return p->done; }))
    return {503, errorJson("the on-air loop did not answer")};
  if (!p->reply.error.empty()) return {400, errorJson(p->reply.error)};
  return {200, p->stateAfter};
}

void ControlServer::poll(const std::function<ControlReply(const ControlCommand&)>& apply,
                         const std::function<ControlState()>& state) {
  std::deque<std::shared_ptr<Pending>> work;
  {
    std::lock_guard lock(m_mutex);
    work.swap(m_queue);
  }
  for (auto& p : work) {
    ControlReply r = apply(p->command);
    std::string after = stateJson(state());
    std::lock_guard lock(m_mutex);
    p->reply = std::move(r);
    p->stateAfter = after;
    p->done = true;
  }
  std::string now = stateJson(state());
  {
    std::lock_guard lock(m_mutex);
    m_stateJson = std::move(now);
  }
  if (!work.empty()) m_cv.notify_all();
}

void ControlServer::setProgramJson(std::string json) {
  std::lock_guard lock(m_mutex);
  m_programJson = std::move(json);
}

bool ControlServer::hasPending() {
  std::lock_guard lock(m_mutex);
  return !m_queue.empty();
}

void ControlServer::setRundownJson(std::string json) {
  std::lock_guard lock(m_mutex);
  m_rundownJson = std::move(json);
}

}  // namespace pantau::viewer::onair
