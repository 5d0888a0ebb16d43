// pantau-data: inspect, check, mirror and export Sirekap data without a display.

#include <cstdio>
#include <string>
#include <vector>

#include "commands.hpp"

namespace {

constexpr const char* kUsage = R"(usage: pantau-data [--data DIR] COMMAND [ARGS...]

Commands:
  inspect FILE...   parse Sirekap documents (candidates, region lists, aggregates, TPS) and print
                    one JSON object per file per line; a bad file prints "FILE: error: ..." on
                    stderr and makes the exit status 1
  check SOURCE [--region CODE] [--json]
                    (--contest pdpr adds party_caleg_sum and sum_over_valid per TPS; pdpd,
                    with --region in one province, sum_over_valid per TPS) run the integrity
                    checks over every TPS and aggregate under CODE (default the whole country)
                    of a URL, mirror or archive:DIR; print per check the count
                    and the codes, or with --json one finding per line: {"tps": code, "check":
                    id, "severity": "error|warning", "detail": "..."} (aggregates: "region");
                    exit 0 whatever it finds, 1 when the source cannot be read
  export SOURCE [--at TS] --level province|regency|district|village|tps --format gpkg|geojson|csv OUT
                    [--region CODE] [--no-tps]
                    results per region (or TPS) joined to the boundaries through GDAL: each
                    ticket's votes and share, winner, progress, turnout, flags; archive:DIR at --at,
                    or --timeline MINUTES over it; --contest pdpr by party (a TPS row adds dapil,
                    party_NN, caleg_NN) or --level dapil; --contest pdpd --region PROVINCE
  mirror SOURCE DIR [--levels N] [--lists] [--parallel P] [--record ARCHIVE]
                    copy a recap API (URL) or mirror into DIR with the same layout; crash-safe,
                    a re-run fetches only what changed; --levels counts from the nation: 1 nation,
                    3 regency documents, 5 village documents, 6 TPS documents (default 3);
                    --record appends every changed document to an archive (archive:ARCHIVE);
                    with --contest pdpr the DPR's documents and each dapil's recap, with pdpd
                    each province's DPD documents and candidates (a night to replay per contest)
  seats SOURCE [--at TS] [--json]
                    the DPR seat projection from the count so far: the 4% national threshold,
                    Sainte-Laguë per dapil, the caleg with the most votes in each party's seats;
                    reads /pemilu/hhcd/pdpr/{dapil}.json, else sums the dapil's regency documents;
                    --json prints one object {"contest", "ts", "valid_votes", "threshold_pct",
                    "parties": {id: {votes, share, passed, seats}}, "dapil": {code: {seats,
                    allocation, elected}}}; archive:DIR at --at. With --contest pdpd: each
                    province's four DPD seats and the race for the fourth ({"contest": "pdpd",
                    "ts", "provinces": {code: {valid_votes, elected, fourth_margin}}})
  tree [CODE]       load KPU's region tree and print the regions per level (domestic and overseas
                    apart); with CODE, that region's path and children

Options:
  --data DIR        where KPU's data is (default: $PANTAU_DATA, else ../shared/data beside the
                    repository root)
  --contest C       ppwp (default), pdpr or pdpd: with pdpr, inspect also reads the DPR's TPS
                    documents, dapil recaps (hhcd/pdpr) and the dapil list, and with pdpr or pdpd
                    adds "findings": party + caleg = jml_suara_total, votes <= suara sah, a
                    recap's chart = its table
  -h, --help        this text
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  pantau::tools::GlobalOptions opts;
  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    if (args[i] == "-h" || args[i] == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (args[i] == "--contest") {
      auto c = i + 1 < args.size() ? pantau::data::parseContest(args[i + 1]) : std::nullopt;
      if (!c) {
        std::fputs("pantau-data: --contest needs ppwp, pdpr or pdpd\n", stderr);
        return 2;
      }
      opts.contest = *c;
      ++i;
      continue;
    }
    if (args[i] == "--data") {
      if (i + 1 >= args.size()) {
        std::fputs("pantau-data: --data needs a directory\n", stderr);
        return 2;
      }
      opts.dataDir = std::string(args[++i]);
      continue;
    }
    break;
  }
  if (i >= args.size()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  std::string_view cmd = args[i];
  std::span<const std::string_view> rest(args.data() + i + 1, args.size() - i - 1);
  if (cmd == "inspect") return pantau::tools::cmdInspect(rest, opts);
  if (cmd == "tree") return pantau::tools::cmdTree(rest, opts);
  if (cmd == "check") return pantau::tools::cmdCheck(rest, opts);
  if (cmd == "export") return pantau::tools::cmdExport(rest, opts);
  if (cmd == "seats") return pantau::tools::cmdSeats(rest, opts);
  if (cmd == "mirror") return pantau::tools::cmdMirror(rest, opts);
  std::fprintf(stderr, "pantau-data: unknown command '%.*s'\n\n%s", static_cast<int>(cmd.size()),
               cmd.data(), kUsage);
  return 2;
}
