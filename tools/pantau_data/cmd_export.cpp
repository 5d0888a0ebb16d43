// pantau-data export SOURCE [--at TS] --level L --format gpkg|geojson|csv OUT [--region CODE]
// [--no-tps] [--timeline MINUTES [--from TS] [--to TS]]: reads a source (URL, mirror or archive:DIR
// at a moment), runs the integrity checks, and writes one row per region (or TPS) of the level for
// QGIS, spreadsheets and pandas.

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "commands.hpp"
#include "pantau/data/archive/replay.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/contests/dpr_tps_facts.hpp"
#include "pantau/data/export/export.hpp"
#include "pantau/data/integrity/integrity.hpp"
#include "pantau/data/source/read_once.hpp"

namespace pantau::tools {

using namespace pantau::data;

RegionId dpdProvinceOf(const RegionTree& tree, RegionId region) {
  RegionId province = region;
  while (province != kNoRegion && tree.level(province) > Level::Province) province = tree.parent(province);
  if (province == kNoRegion || tree.level(province) != Level::Province || tree.isOverseas(province)) return kNoRegion;
  return province;
}

namespace {
constexpr const char* kUsage =
    "usage: pantau-data [--contest ppwp|pdpr|pdpd] export SOURCE [--at \"YYYY-MM-DD HH:MM\"] --level "
    "province|regency|district|village|tps|dapil\n"
    "                          --format gpkg|geojson|csv OUT [--region CODE] [--no-tps]\n"
    "                          [--boundaries FILE[:LAYER] [--code-field F] [--name-field F]]...\n"
    "                          [--timeline MINUTES [--from \"YYYY-MM-DD HH:MM\"] [--to "
    "\"YYYY-MM-DD HH:MM\"]]\n"
    "  SOURCE: a recap API URL, a mirror directory, relay+http://HOST:PORT (one version) or\n"
    "  archive:DIR (--at picks the moment, WIB);\n"
    "  --contest pdpr: the DPR by party (votes_NN/share_NN, NN the party's number; winner the leading\n"
    "  party); a TPS row adds its dapil, party_NN (party-only ballots) and caleg_NN (its caleg's votes);\n"
    "  a GeoPackage of regions adds the pantau_dapil layer (the 84 dapil dissolved from the regencies,\n"
    "  votes, projected seats_NN and the elected caleg); --level dapil writes that layer alone.\n"
    "  --contest pdpd --region PROVINCE: that province's DPD candidates (votes_NN, NN the ballot number)\n"
    "  down to villages, with --timeline too.\n"
    "  --region limits the rows to one region's; --no-tps skips the TPS documents (no turnout, no "
    "flags).\n"
    "  --deadline SECONDS: failed documents are retried with backoff until then (default 120).\n"
    "  GeoPackage and GeoJSON carry the boundaries for province, regency and district rows:\n"
    "  DATA/geo's, or one to three --boundaries files in any order (level and fields found).\n"
    "  --timeline (archive:DIR only): one row per region per step of MINUTES from --from (default "
    "the\n"
    "  first count) to --to (default the end), `ts` the step as a datetime (--contest pdpr|pdpd: by region).\n";

struct Timeline {
  int minutes = 0;
  std::string from, to;
};

/// Each step of an archive's night (from, from + step, ..., to) through one writer. `whose`: the
/// contest (and the DPD's province) the replay reads.
int exportTimeline(const std::string& dir, const Timeline& tl,
                   const std::shared_ptr<const RegionTree>& tree, const ExportOptions& eo, bool tps,
                   const std::string& out, ReplayOptions whose = {}) {
  std::optional<int64_t> from, to;
  for (auto [text, value] : {std::pair{&tl.from, &from}, std::pair{&tl.to, &to}}) {
    if (text->empty()) continue;
    *value = parseMinuteMs(*text);
    if (!*value) {
      std::fprintf(stderr, "pantau-data export: '%s' is not \"YYYY-MM-DD HH:MM\"\n", text->c_str());
      return 2;
    }
  }
  auto archive = ArchiveReader::open(dir);
  if (!archive) {
    std::fprintf(stderr, "pantau-data export: %s\n", archive.error().message.c_str());
    return 1;
  }
  const int64_t begin = from.value_or(
      (*archive)->firstCountMs() == INT64_MAX ? (*archive)->beginMs() : (*archive)->firstCountMs());
  const int64_t end = to.value_or((*archive)->endMs());
  if (end < begin) {
    std::fprintf(stderr, "pantau-data export: --to is before --from\n");
    return 2;
  }
  const auto t0 = std::chrono::steady_clock::now();
  whose.deepest = eo.level == Level::Tps ? Level::Village : eo.level;
  Replay replay(*archive, tree, whose);
  // The DPR's and the DPD's timelines stop at the villages (their TPS rows are one moment's).
  if (whose.contest == Contest::Ppwp && (tps || eo.level == Level::Tps)) replay.setNeeds({{}, {eo.under}});
  const int64_t stepMs = int64_t{tl.minutes} * 60'000;
  std::unique_ptr<ExportWriter> writer;
  std::size_t steps = 0;
  for (int64_t at = begin; at <= end; at += stepMs) {
    auto snapshot = replay.at(at);
    if (!snapshot) continue;  // before the candidate list: nothing to say yet
    if (!writer) {
      auto w = ExportWriter::create(*tree, (*snapshot)->candidateList(), eo, out);
      if (!w) {
        std::fprintf(stderr, "pantau-data export: %s\n", w.error().message.c_str());
        return 1;
      }
      writer = std::move(*w);
    }
    if (Status st = writer->add(**snapshot, at); !st) {
      std::fprintf(stderr, "pantau-data export: %s\n", st.error().message.c_str());
      return 1;
    }
    ++steps;
  }
  ExportStats es;
  if (!writer) {
    std::fprintf(stderr,
                 "pantau-data export: archive:%s has no candidate list between --from and --to\n",
                 dir.c_str());
    return 1;
  }
  if (Status st = writer->finish(es); !st) {
    std::fprintf(stderr, "pantau-data export: %s\n", st.error().message.c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("export %s: %zu steps of %d min, %zu %s rows (%zu with a boundary) in %.1f s\n",
              out.c_str(), steps, tl.minutes, es.rows, levelName(eo.level), es.withGeometry,
              seconds);
  return 0;
}

}  // namespace

int cmdExport(std::span<const std::string_view> args, const GlobalOptions& opts) {
  std::string sourceSpec, out, at, regionCode;
  ExportOptions eo;
  bool haveLevel = false, haveFormat = false, tps = true, dapilLevel = false;
  std::chrono::milliseconds deadline = kDefaultDeadline;
  double maxRps = -1;  // none given: the source's default
  Timeline timeline;
  std::vector<BoundarySource> givenBoundaries;
  std::string codeField, nameField;  // before any --boundaries: for every file
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    const bool hasValue = i + 1 < args.size();
    if (a == "--level" && hasValue && args[i + 1] == "dapil") {
      dapilLevel = haveLevel = true;
      ++i;
    } else if (a == "--level" && hasValue) {
      if (!parseExportLevel(args[++i], eo.level)) {
        std::fprintf(stderr,
                     "pantau-data export: --level '%.*s' is not province, regency, district, "
                     "village or tps\n",
                     (int)args[i].size(), args[i].data());
        return 2;
      }
      haveLevel = true;
    } else if (a == "--format" && hasValue) {
      if (!parseExportFormat(args[++i], eo.format)) {
        std::fprintf(stderr, "pantau-data export: --format '%.*s' is not gpkg, geojson or csv\n",
                     (int)args[i].size(), args[i].data());
        return 2;
      }
      haveFormat = true;
    } else if (a == "--at" && hasValue)
      at = args[++i];
    else if (a == "--region" && hasValue)
      regionCode = args[++i];
    else if (a == "--no-tps")
      tps = false;
    else if (a == "--timeline" && hasValue) {
      const std::string m(args[++i]);
      char* end = nullptr;
      const long v = std::strtol(m.c_str(), &end, 10);
      if (m.empty() || *end || v <= 0 || v > 24 * 60) {
        std::fprintf(stderr,
                     "pantau-data export: --timeline '%s' is not a number of minutes (1..1440)\n",
                     m.c_str());
        return 2;
      }
      timeline.minutes = static_cast<int>(v);
    } else if (a == "--boundaries" && hasValue) {
      givenBoundaries.push_back(BoundarySource::parse(std::string(args[++i])));
      givenBoundaries.back().codeField = codeField;
      givenBoundaries.back().nameField = nameField;
    } else if (a == "--code-field" && hasValue) {
      (givenBoundaries.empty() ? codeField : givenBoundaries.back().codeField) = args[++i];
    } else if (a == "--name-field" && hasValue) {
      (givenBoundaries.empty() ? nameField : givenBoundaries.back().nameField) = args[++i];
    } else if (takeMaxRps(args, i, maxRps))
      continue;
    else if (a == "--from" && hasValue)
      timeline.from = args[++i];
    else if (a == "--to" && hasValue)
      timeline.to = args[++i];
    else if (sourceSpec.empty() && !a.starts_with("--"))
      sourceSpec = a;
    else if (out.empty() && !a.starts_with("--"))
      out = a;
    else {
      std::fprintf(stderr, "pantau-data export: unexpected argument '%.*s'\n%s", (int)a.size(),
                   a.data(), kUsage);
      std::fputs(kMaxRpsUsage, stderr);
      return 2;
    }
  }
  if (sourceSpec.empty() || out.empty() || !haveLevel || !haveFormat) {
    std::fputs(kUsage, stderr);
    std::fputs(kMaxRpsUsage, stderr);
    return 2;
  }
  if (timeline.minutes > 0 && (!sourceSpec.starts_with("archive:") || !at.empty())) {
    std::fprintf(stderr,
                 "pantau-data export: --timeline needs archive:DIR and no --at (a live source has "
                 "only now)\n");
    return 2;
  }
  if (timeline.minutes == 0 && (!timeline.from.empty() || !timeline.to.empty())) {
    std::fprintf(stderr, "pantau-data export: --from and --to go with --timeline\n");
    return 2;
  }
  if (opts.contest != Contest::Pdpr && dapilLevel) {
    std::fputs("pantau-data export: --level dapil is the DPR's: add --contest pdpr\n", stderr);
    return 2;
  }
  const bool dpd = opts.contest == Contest::Pdpd;
  if (opts.contest != Contest::Ppwp && ((eo.level == Level::Tps && (dpd || timeline.minutes > 0)) ||
                                        (timeline.minutes > 0 && dapilLevel) || (dpd && regionCode.empty()))) {
    std::fprintf(stderr, "pantau-data export: --contest %s exports the DPR (pdpr) by region down to TPS (a timeline "
                 "down to villages) or by dapil, and the DPD (pdpd) down to villages within one province (--region "
                 "PROVINCE or a region in one; a timeline too); not the DPD's TPS rows, a TPS timeline or a dapil "
                 "timeline yet\n",
                 toString(opts.contest));
    return 2;
  }
  eo.timelineMinutes = timeline.minutes;
  SourceOptions so;
  so.maxParallel = 32;
  so.pinVersion = true;  // through a relay: one version from end to end
  if (!at.empty()) {
    const auto atMs = parseMinuteMs(at);
    if (!atMs) {
      std::fprintf(stderr, "pantau-data export: --at '%s' is not \"YYYY-MM-DD HH:MM\"\n",
                   at.c_str());
      return 2;
    }
    if (!sourceSpec.starts_with("archive:")) {
      std::fprintf(stderr,
                   "pantau-data export: --at needs archive:DIR (a live source has only now)\n");
      return 2;
    }
    so.archiveAtMs = *atMs;
  }
  auto loaded = loadDataOrSay(opts);
  if (!loaded) return 1;
  std::shared_ptr<const RegionTree> tree = loaded->tree;
  const auto* dataDir = &loaded->dataDir;
  if (!regionCode.empty()) {
    eo.under = tree->find(regionCode);
    if (eo.under == kNoRegion || tree->level(eo.under) >= eo.level) {
      std::fprintf(stderr,
                   "pantau-data export: --region '%s' is not a region above the %s level%s\n",
                   regionCode.c_str(), levelName(eo.level),
                   isValidCode(regionCode) ? "" : " (a code is [0-9A-Z], 2/4/6/10/13 chars)");
      return 2;
    }
  }
  const bool pdpr = opts.contest == Contest::Pdpr;
  if (pdpr) eo.level = dapilLevel ? Level::Regency : eo.level;
  if ((pdpr && eo.level != Level::Tps) || eo.level <= Level::District || !givenBoundaries.empty()) {
    std::vector<std::string> report;
    auto bounds = resolveBoundaries(*tree, givenBoundaries, *dataDir, report);
    if (!bounds) {
      std::fprintf(stderr, "pantau-data export: %s\n", bounds.error().message.c_str());
      return 1;
    }
    for (const std::string& line : report) std::printf("boundaries %s\n", line.c_str());
    if (eo.level <= Level::District && !dapilLevel)
      eo.boundaries = (*bounds)[static_cast<std::size_t>(eo.level) - 1];
    if (pdpr && timeline.minutes > 0)  // the regions at each step, as the DPR map replays them
      return exportTimeline(sourceSpec.substr(8), timeline, tree, eo, false, out, {.contest = Contest::Pdpr});
    if (pdpr && eo.level != Level::Tps) {  // TPS rows: the one-shot sweep below
      PdprExport x{sourceSpec, out, tree, dapilLevel, (*bounds)[1], so.archiveAtMs};
      x.maxRps = maxRpsFor(sourceSpec, maxRps);
      return exportPdpr(x, eo, *dataDir);
    }
  }
  const RegionId province = dpd ? dpdProvinceOf(*tree, eo.under) : kNoRegion;
  if (dpd && province == kNoRegion) {
    std::fputs("pantau-data export: --contest pdpd: --region must be a province (35) or a region in one\n", stderr);
    return 2;
  }
  if (timeline.minutes > 0)  // a DPD province's race at each step, as its map replays it
    return exportTimeline(sourceSpec.substr(8), timeline, tree, eo, tps, out,
                          {.contest = opts.contest, .province = dpd ? std::string(tree->code(province)) : std::string()});
  auto source = openOneShotSource("export", sourceSpec, so, deadline, maxRpsFor(sourceSpec, maxRps));
  if (!source) return 1;
  const auto t0 = std::chrono::steady_clock::now();
  ReadOptions ro;
  FetchPlan plan(*tree);
  DprTpsTable dprTps;  // the DPR's TPS rows: what their documents say beyond the party totals
  if (dpd) {  // one province's candidates: its documents alone, down from the province
    ro.contest = Contest::Pdpd;
    ro.province = tree->code(province);
    plan.region(eo.under, province);
    plan.under(eo.under, eo.level, false);
  } else {
    if (pdpr) {  // TPS rows (the DPR's regions are exportPdpr's)
      ro.contest = Contest::Pdpr;
      ro.onPdprTps = [&](RegionId r, const PdprTps& doc) { dprTps.take(r, doc); };
      eo.dprTps = &dprTps;
    } else {
      ro.fallbackCandidates = sampleCandidateList(*dataDir);
    }
    plan.subtree(eo.under, eo.level == Level::Tps ? Level::Village : eo.level, tps || eo.level == Level::Tps);
  }
  SweepProgress progress("export", *tree, plan.regions());
  ro.progress = std::ref(progress);
  ReadStats stats;
  auto read = readOnce(*source, tree, plan, ro, stats);
  progress.done();
  sayCandidatesFrom("export", stats.candidatesFrom);
  sayRetries("export", source->stats());
  if (!read) {
    std::fprintf(stderr, "pantau-data export: cannot read %s: %s\n", sourceSpec.c_str(),
                 read.error().message.c_str());
    return 1;
  }
  if (stats.applied == 0) {
    std::fprintf(stderr, "pantau-data export: cannot read %s: no document could be read (%s)\n",
                 sourceSpec.c_str(),
                 stats.firstError.empty() ? "all missing" : stats.firstError.c_str());
    return 1;
  }
  const std::shared_ptr<const Snapshot>& snapshot = *read;
  ExportStats es;
  if (Status s = exportResults(*snapshot, eo, out, es); !s) {
    std::fprintf(stderr, "pantau-data export: %s\n", s.error().message.c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf(
      "export %s: %zu %s rows (%zu with a boundary) from %zu documents (%zu missing, %zu failed) "
      "in %.1f s\n",
      out.c_str(), es.rows, levelName(eo.level), es.withGeometry, stats.applied, stats.missing,
      stats.failed, seconds);
  if (!stats.firstError.empty())
    std::fprintf(stderr, "pantau-data export: first failure: %s\n", stats.firstError.c_str());
  return 0;
}

}  // namespace pantau::tools
