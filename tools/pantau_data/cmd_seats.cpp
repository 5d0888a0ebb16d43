// pantau-data seats SOURCE [--at TS] [--json]: the DPR seat projection from the count so far (the
// 4% threshold, Sainte-Laguë per dapil, the caleg in each party's seats; see contests/seats.hpp).

#include <algorithm>
#include <cstdio>

#include "commands.hpp"
#include "pantau/data/base/json_writer.hpp"
#include "pantau/data/contests/dpd_race.hpp"
#include "pantau/data/contests/dpr_votes.hpp"

namespace pantau::tools {

using namespace pantau::data;

namespace {

constexpr const char* kUsage =
    "usage: pantau-data seats SOURCE [--at \"YYYY-MM-DD HH:MM\"] [--json]\n"
    "  SOURCE is a recap API URL, a mirror directory or archive:DIR (--at: the archive's moment, "
    "WIB).\n"
    "  Prints the DPR seat projection; --json prints it as one object.\n";

std::string partyName(const DprTables& t, PartyId id) {
  const Party* p = t.parties.find(id);
  return p ? p->nama : "partai " + std::to_string(id);
}

std::string calegName(const DprTables& t, CalegId id) {
  for (const CalegEntry& c : t.caleg)
    if (c.id == id) return c.nama;
  return std::to_string(id);
}

void printJson(const SeatProjection& p, const DprCount& count) {
  std::string out;
  JsonWriter w(out);
  w.beginObject().key("contest").string("pdpr").key("ts");
  if (count.latest.present)
    w.string(count.latest.view());
  else
    w.null();
  // "4.0" as the issue writes it: at least one decimal, at most two.
  char pct[24];
  std::snprintf(pct, sizeof pct, "%.2f", p.thresholdBasisPoints / 100.0);
  std::string pctText = pct;
  while (pctText.ends_with('0') && pctText[pctText.size() - 2] != '.') pctText.pop_back();
  w.key("valid_votes").number(p.validVotes).key("threshold_pct").raw(pctText);
  w.key("parties").beginObject();
  for (const PartySeats& s : p.parties)
    w.key(std::to_string(s.party))
        .beginObject()
        .key("votes")
        .number(s.votes)
        .key("share")
        .number(s.share)
        .key("passed")
        .boolean(s.passed)
        .key("seats")
        .number(s.seats)
        .endObject();
  w.endObject().key("dapil").beginObject();
  for (const DapilSeats& d : p.dapil) {
    w.key(d.code).beginObject().key("seats").number(d.seats).key("allocation").beginObject();
    for (const PartySeats& a : d.allocation) w.key(std::to_string(a.party)).number(a.seats);
    w.endObject().key("elected").beginArray();
    for (CalegId c : d.elected) w.string(std::to_string(c));
    w.endArray().endObject();
  }
  w.endObject().endObject();
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
}

void printText(const SeatProjection& p, const DprCount& count, const DprTables& t) {
  std::printf("DPR seat projection from the count at %s: %llu valid votes, threshold %.2f%%\n",
              count.latest.present ? std::string(count.latest.view()).c_str() : "(no ts)",
              static_cast<unsigned long long>(p.validVotes), p.thresholdBasisPoints / 100.0);
  std::printf(
      "(%zu dapil from their recaps, %zu regency documents summed, %zu dapil without votes)\n\n",
      count.recapDocuments, count.regionDocuments, count.missingDapil);
  std::vector<PartySeats> order = p.parties;
  std::sort(order.begin(), order.end(), [](const PartySeats& a, const PartySeats& b) {
    return a.seats != b.seats ? a.seats > b.seats : a.votes > b.votes;
  });
  std::printf("%-4s %-38s %12s %7s %6s %5s\n", "id", "party", "votes", "share", "4%", "seats");
  for (const PartySeats& s : order)
    std::printf("%-4u %-38.38s %12llu %6.2f%% %6s %5u\n", s.party, partyName(t, s.party).c_str(),
                static_cast<unsigned long long>(s.votes), s.share, s.passed ? "yes" : "no",
                s.seats);
  std::printf("%-4s %-38s %12s %7s %6s %5u\n\n", "", "total", "", "", "", p.totalSeats());
  for (const DapilSeats& d : p.dapil) {
    const DapilInfo* info = t.findDapil(d.code);
    std::printf("%s %s (%u seats):", d.code.c_str(), info ? info->nama.c_str() : "", d.seats);
    for (const PartySeats& a : d.allocation)
      std::printf(" %s %u", partyName(t, a.party).c_str(), a.seats);
    std::printf("\n");
    for (CalegId c : d.elected) std::printf("    %s\n", calegName(t, c).c_str());
  }
}

/// `--contest pdpd`: each province's four seats and the race for the fourth.
int printDpd(const DpdRace& race, const RegionTree& tree, bool json) {
  std::string out;
  if (json) {
    JsonWriter w(out);
    w.beginObject().key("contest").string("pdpd").key("ts");
    if (race.latest.present)
      w.string(race.latest.view());
    else
      w.null();
    w.key("provinces").beginObject();
    for (const DpdProvince& p : race.provinces) {
      w.key(p.code)
          .beginObject()
          .key("valid_votes")
          .number(p.validVotes)
          .key("elected")
          .beginArray();
      for (std::size_t i = 0; i < p.standings.size() && i < std::size_t(kDpdSeatsPerProvince); ++i)
        w.string(std::to_string(p.standings[i].id));
      w.endArray().key("fourth_margin").number(p.fourthMargin()).endObject();
    }
    w.endObject().endObject();
    out += '\n';
  } else {
    for (const DpdProvince& p : race.provinces) {
      const RegionId r = tree.find(p.code);
      out += p.code + " " + std::string(r == kNoRegion ? "" : tree.name(r)) + ": " +
             std::to_string(p.validVotes) +
             " valid votes; the race for the fourth seat: " + std::to_string(p.fourthMargin()) +
             " votes\n";
      for (std::size_t i = 0; i < p.standings.size() && i < std::size_t(kDpdSeatsPerProvince) + 1;
           ++i) {
        const DpdStanding& s = p.standings[i];
        out += (i < std::size_t(kDpdSeatsPerProvince) ? "    " : "  - ") + std::to_string(s.id) +
               " " + s.nama + " " + std::to_string(s.votes) + "\n";
      }
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

int cmdSeats(std::span<const std::string_view> args, const GlobalOptions& opts) {
  std::string sourceSpec;
  std::optional<int64_t> atMs;
  bool json = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--json") {
      json = true;
    } else if (args[i] == "--at" && i + 1 < args.size()) {
      atMs = parseMinuteMs(args[++i]);
      if (!atMs) {
        std::fprintf(stderr, "pantau-data seats: --at: '%.*s' is not \"YYYY-MM-DD HH:MM\" (WIB)\n",
                     (int)args[i].size(), args[i].data());
        return 2;
      }
    } else if (sourceSpec.empty() && !args[i].starts_with("--")) {
      sourceSpec = args[i];
    } else {
      std::fprintf(stderr, "pantau-data seats: unexpected argument '%.*s'\n%s", (int)args[i].size(),
                   args[i].data(), kUsage);
      return 2;
    }
  }
  if (sourceSpec.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (atMs && !sourceSpec.starts_with("archive:")) {
    std::fputs(
        "pantau-data seats: --at needs an archive:DIR source (a URL or mirror has one moment)\n",
        stderr);
    return 2;
  }
  auto loaded = loadDataOrSay(opts);
  if (!loaded) return 1;
  // The presidential race has no seats: seats means the DPR unless --contest pdpd asks for the DPD.
  SourceOptions so;
  so.maxParallel = 16;
  so.archiveAtMs = atMs;
  auto source = openSource(sourceSpec, so);
  if (!source) {
    std::fprintf(stderr, "pantau-data seats: %s\n", source.error().message.c_str());
    return 1;
  }
  if (opts.contest == Contest::Pdpd) {
    auto race = readDpdRace(**source, *loaded->tree);
    if (!race) {
      std::fprintf(stderr, "pantau-data seats: cannot read %s: %s\n", sourceSpec.c_str(),
                   race.error().message.c_str());
      return 1;
    }
    return printDpd(*race, *loaded->tree, json);
  }
  auto tables = loadDprTables(loaded->dataDir);
  if (!tables) {
    std::fprintf(stderr, "pantau-data seats: %s\n", tables.error().message.c_str());
    return 1;
  }
  auto count = readDprCount(**source, *tables, *loaded->tree);
  if (!count) {
    std::fprintf(stderr, "pantau-data seats: cannot read %s: %s\n", sourceSpec.c_str(),
                 count.error().message.c_str());
    return 1;
  }
  const SeatProjection projection = projectSeats(count->dapil);
  if (json)
    printJson(projection, *count);
  else
    printText(projection, *count, *tables);
  return 0;
}

}  // namespace pantau::tools
