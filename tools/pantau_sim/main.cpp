// pantau-sim: a Sirekap-compatible recap API on loopback that plays a whole election night.

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "night_model.hpp"
#include "loopback_http.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/sirekap/sirekap_parser.hpp"
#include "sim_server.hpp"

using namespace pantau;

namespace {

constexpr const char* kUsage = R"(usage: pantau-sim [options]

Serves the Sirekap recap API layout (sirekap-api.md, sirekap-pileg.md) for the 2024 presidential
race, the DPR and the DPD over HTTP,
playing a whole election night over KPU's real region tree. Prints exactly one line
"listening on http://HOST:PORT" when ready, serves until SIGINT/SIGTERM, then exits 0.

Options:
  --host H            address to listen on (default 127.0.0.1)
  --port P            port, 0 = any free port (default 0)
  --seed S            the night's seed; same flags serve identical bytes (default 1)
  --speed N           simulated seconds per real second (default 1)
  --at "YYYY-MM-DD HH:MM"  simulated start, WIB (default 2024-02-14 11:00, the first poll closing)
  --final             serve the end of the night (2024-02-15 00:00 WIB), time frozen
  --anomaly-rate R    fraction of reporting TPS with Sirekap-style OCR misreads (default 0)
  --fail-rate F       fraction of requests answered 503 or dropped mid-body (default 0)
  --latency-ms L      delay added to every request (default 0)
  --contests LIST     the contests served, comma-separated from ppwp,pdpr,pdpd (default all;
                      the presidential race is always served: the others are counted at its TPS)
  --data DIR          KPU data (default $PANTAU_DATA, else ../shared/data beside the repository)

Control (loopback tests and rehearsals): GET /_sim/truth, GET /_sim/stats[?path=P][&repeats],
POST /_sim/fault?path=P&kind=malformed|drop|huge|slowloris|redirect[:HOST:PORT]|status:NNN|clear[&count=N]
)";

bool parseContests(std::string_view list, sim::ContestSet& out) {
  out = {false, false};
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view c = list.substr(0, comma);
    if (c == "pdpr") out.pdpr = true;
    else if (c == "pdpd") out.pdpd = true;
    else if (c != "ppwp") return false;
    list.remove_prefix(comma == std::string_view::npos ? list.size() : comma + 1);
  }
  return true;
}

bool parseDouble(const char* s, double& out) {
  char* end = nullptr;
  out = std::strtod(s, &end);
  return end && *end == '\0' && end != s;
}

}  // namespace

int main(int argc, char** argv) {
  sim::ServerOptions server;
  sim::NightOptions night;
  sim::ContestSet contests;
  std::optional<std::filesystem::path> dataFlag;
  server.at = sim::NightModel::nightBegin();
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> const char* {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "pantau-sim: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    double d = 0;
    auto number = [&](const char* v) {
      if (!parseDouble(v, d) || d < 0) {
        std::fprintf(stderr, "pantau-sim: %s: '%s' is not a non-negative number\n", a.c_str(), v);
        std::exit(2);
      }
      return d;
    };
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    } else if (a == "--host") {
      server.host = value();
    } else if (a == "--port") {
      server.port = static_cast<int>(number(value()));
    } else if (a == "--seed") {
      night.seed = static_cast<uint64_t>(number(value()));
    } else if (a == "--speed") {
      server.speed = number(value());
    } else if (a == "--at") {
      std::string at = value();
      if (at.size() == 16) at += ":00";
      data::Timestamp ts;
      if (!data::parseTimestamp(at, ts)) {
        std::fprintf(stderr, "pantau-sim: --at: '%s' is not \"YYYY-MM-DD HH:MM\" (WIB)\n", at.c_str());
        return 2;
      }
      server.at = ts.epochUtc;
    } else if (a == "--final") {
      server.final = true;
    } else if (a == "--anomaly-rate") {
      night.anomalyRate = number(value());
    } else if (a == "--fail-rate") {
      server.failRate = number(value());
    } else if (a == "--latency-ms") {
      server.latencyMs = static_cast<int>(number(value()));
    } else if (a == "--contests") {
      if (!parseContests(value(), contests)) {
        std::fprintf(stderr, "pantau-sim: --contests: expected a comma-separated list of ppwp, pdpr, pdpd\n");
        return 2;
      }
    } else if (a == "--data") {
      dataFlag = value();
    } else {
      std::fprintf(stderr, "pantau-sim: unknown option '%s'\n\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  if (night.anomalyRate > 1 || server.failRate > 1) {
    std::fputs("pantau-sim: --anomaly-rate and --fail-rate are fractions (0..1)\n", stderr);
    return 2;
  }

  auto dir = data::findDataDir(dataFlag);
  if (!dir) {
    std::fprintf(stderr, "pantau-sim: %s\n", dir.error().message.c_str());
    return 1;
  }
  auto tree = data::loadRegionTree(*dir);
  if (!tree) {
    std::fprintf(stderr, "pantau-sim: %s\n", tree.error().message.c_str());
    return 1;
  }
  const auto samples = *dir / "kpu2024" / "samples";
  auto nationalBytes = data::readFile(samples / "ppwp_hhcw_national.json", 1 << 20);
  auto candidates = data::readFile(samples / "ppwp_candidates_transcribed.json", 1 << 20);
  data::SirekapParser parser;
  data::Aggregate national;
  if (!nationalBytes || !candidates || !parser.parseAggregate(std::string_view(*nationalBytes), national)) {
    std::fprintf(stderr, "pantau-sim: cannot read the real national table and candidate list under %s\n",
                 samples.c_str());
    return 1;
  }
  server.candidatesJson = std::move(*candidates);

  // Signals go to one waiting thread, never to the server's workers.
  sigset_t signals = tools::blockTerminationSignals();

  auto model = std::make_shared<sim::NightModel>(tree->tree, national, night);
  if (contests.pdpr || contests.pdpd) {
    auto tables = data::loadDprTables(*dir);
    auto partai = data::readFile(*dir / "kpu2024" / "pileg" / "partai.json", 1 << 20);
    if (!tables || !partai) {
      std::fprintf(stderr, "pantau-sim: %s\n", (!tables ? tables.error() : partai.error()).message.c_str());
      return 1;
    }
    auto shared = std::make_shared<const data::DprTables>(std::move(*tables));
    server.legislative = std::make_shared<sim::LazyLegislative>(
        [model, shared] { return std::make_shared<const sim::LegislativeModel>(model, shared); });
    server.contests = contests;
    server.partaiJson = std::move(*partai);
  }
  sim::SimServer sim(model, server);
  const int port = sim.bind();
  if (port <= 0) {
    std::fprintf(stderr, "pantau-sim: cannot listen on %s:%d\n", server.host.c_str(), server.port);
    return 1;
  }
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    sim.stop();
  });
  std::printf("listening on http://%s:%d\n", server.host.c_str(), port);
  std::fflush(stdout);
  const bool ok = sim.serve();
  // serve() also returns if the listener broke; wake the waiter so it can be joined.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  return ok ? 0 : 1;
}
