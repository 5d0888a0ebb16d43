// pantau-data check SOURCE [--region CODE] [--json]: runs the integrity engine over every TPS
// (and every aggregate) under a region of a URL, a mirror directory or an archive, and prints a
// report: per check, how many and which codes. Exit 0 whether or not it finds problems; 1 only
// when the source cannot be read; 2 for bad arguments.

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include "commands.hpp"
#include "pantau/data/contests/legislative_checks.hpp"
#include "pantau/data/integrity/correction.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/integrity/integrity.hpp"
#include "pantau/data/base/json_writer.hpp"
#include "pantau/data/source/read_once.hpp"

namespace pantau::tools {

using namespace pantau::data;

namespace {

constexpr const char* kUsage =
    "usage: pantau-data check SOURCE [--region CODE] [--json] [--deadline SECONDS] [--max-rps N]\n"
    "  SOURCE is a recap API URL, a mirror directory, archive:DIR or relay+http://HOST:PORT (one\n"
    "  version); CODE limits the check to the\n"
    "  TPS under one region (default: the whole country). --json prints one finding per line.\n"
    "  Failed documents are retried with backoff until --deadline (default 120 s).\n";

bool under(const RegionTree& t, RegionId id, RegionId root) {
  for (RegionId p = id; p != kNoRegion; p = t.parent(p))
    if (p == root) return true;
  return false;
}

}  // namespace

namespace {
/// Region codes eight to a line, indented.
void printCodes(const RegionTree& t, const std::vector<RegionId>& ids) {
  for (std::size_t i = 0; i < ids.size(); ++i)
    std::printf("%s%.*s", i % 8 == 0 ? "  " : " ", (int)t.code(ids[i]).size(), t.code(ids[i]).data()),
        (i % 8 == 7 || i + 1 == ids.size()) ? (void)std::fputc('\n', stdout) : (void)0;
}
}  // namespace

int cmdCheck(std::span<const std::string_view> args, const GlobalOptions& opts) {
  std::string sourceSpec, regionCode;
  bool json = false, haveRegion = false;
  std::chrono::milliseconds deadline = kDefaultDeadline;
  double maxRps = -1;  // none given: the source's default
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--json") json = true;
    else if (takeMaxRps(args, i, maxRps)) continue;
    else if (args[i] == "--region" && i + 1 < args.size()) regionCode = args[++i], haveRegion = true;
    else if (args[i] == "--deadline" && i + 1 < args.size() && parseDeadlineSeconds(args[i + 1], deadline)) ++i;
    else if (sourceSpec.empty() && !args[i].starts_with("--")) sourceSpec = args[i];
    else {
      std::fprintf(stderr, "pantau-data check: unexpected argument '%.*s'\n%s", (int)args[i].size(), args[i].data(), kUsage);
      std::fputs(kMaxRpsUsage, stderr);
      return 2;
    }
  }
  if (sourceSpec.empty()) {
    std::fputs(kUsage, stderr);
    std::fputs(kMaxRpsUsage, stderr);
    return 2;
  }
  auto loaded = loadDataOrSay(opts);
  if (!loaded) return 1;
  std::shared_ptr<const RegionTree> tree = loaded->tree;
  const RegionTree& t = *tree;
  RegionId root = kNation;
  if (haveRegion) {
    root = t.find(regionCode);
    if (root == kNoRegion || regionCode.empty()) {
      std::fprintf(stderr, "pantau-data check: no region has code '%s'%s\n", regionCode.c_str(),
                   isValidCode(regionCode) ? "" : " (a code is [0-9A-Z], 2/4/6/10/13 chars)");
      return 2;
    }
  }
  // The DPD: one province's race (its own candidates), so one province's documents at a time.
  const RegionId province = opts.contest == Contest::Pdpd ? dpdProvinceOf(t, root) : kNoRegion;
  if (opts.contest == Contest::Pdpd && province == kNoRegion) {
    std::fputs("pantau-data check: --contest pdpd: --region must be a province (35) or a region in one "
               "(each province has its own DPD candidates; abroad has no DPD ballot)\n",
               stderr);
    return 2;
  }
  SourceOptions so;
  so.maxParallel = 32;
  so.pinVersion = true;  // through a relay: one version from end to end
  auto source = openOneShotSource("check", sourceSpec, so, deadline, maxRpsFor(sourceSpec, maxRps));
  if (!source) return 1;

  const auto t0 = std::chrono::steady_clock::now();
  ReadOptions ro;
  // The legislative TPS documents through the same checks, and each contest's own arithmetic on
  // them, which the snapshot cannot see (the DPR's party + caleg = jml_suara_total; the parties,
  // or the DPD's candidates, within suara sah).
  std::vector<std::pair<RegionId, LegislativeFinding>> own;
  ro.contest = opts.contest;
  FetchPlan plan(t);
  if (opts.contest == Contest::Pdpr) {
    ro.onPdprTps = [&](RegionId r, const PdprTps& doc) {
      for (LegislativeFinding& f : checkPdprTps(doc)) own.emplace_back(r, std::move(f));
    };
  } else if (opts.contest == Contest::Pdpd) {
    ro.province = t.code(province);
    ro.onTps = [&](RegionId r, const TpsDetail& doc) {
      for (LegislativeFinding& f : checkPdpdTps(doc)) own.emplace_back(r, std::move(f));
    };
  } else {
    ro.fallbackCandidates = sampleCandidateList(loaded->dataDir);
  }
  if (province != kNoRegion) {  // the province's own documents down to the region, then under it
    plan.region(root, province);
    plan.under(root, Level::Village, true);
  } else {
    plan.subtree(root, Level::Village, true);  // every aggregate and TPS under it, and its ancestors
  }
  SweepProgress progress("check", t, plan.regions());
  ro.progress = std::ref(progress);
  ReadStats stats;
  auto read = readOnce(*source, tree, plan, ro, stats);
  progress.done();
  sayCandidatesFrom("check", stats.candidatesFrom);
  sayRetries("check", source->stats());
  if (!read) {
    std::fprintf(stderr, "pantau-data check: cannot read %s: %s\n", sourceSpec.c_str(), read.error().message.c_str());
    return 1;
  }
  if (stats.applied == 0) {
    std::fprintf(stderr, "pantau-data check: cannot read %s: no document under %s could be read (%s)\n",
                 sourceSpec.c_str(), root == kNation ? "the nation" : regionCode.c_str(),
                 stats.firstError.empty() ? "all missing" : stats.firstError.c_str());
    return 1;
  }
  const double checkSeconds = stats.checkSeconds;
  const double fetchSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() - checkSeconds;
  const std::shared_ptr<const Snapshot>& snapshot = *read;
  const IntegrityState& state = *snapshot->integrity();
  const auto& candidates = snapshot->candidates();

  // Findings under the region only (its ancestors were read for context).
  std::vector<const Finding*> findings;
  for (const Finding& f : state.findings())
    if (under(t, f.region, root)) findings.push_back(&f);

  std::stable_sort(own.begin(), own.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  if (json) {
    std::string line;
    for (const Finding* f : findings) {
      line.clear();
      JsonWriter w(line);
      std::string detail = describe(*f, candidates);
      if (t.level(f->region) == Level::Tps)
        if (const TpsFacts* facts = snapshot->tpsFacts(f->region))
          if (auto c = proposeCorrection(*facts, snapshot->ownVotes(f->region), capExempt(t.code(f->region))))
            detail += "; likely " + describe(*c, candidates, *facts);
      w.beginObject()
          .key(t.level(f->region) == Level::Tps ? "tps" : "region").string(t.code(f->region))
          .key("check").string(checkInfo(f->check).id)
          .key("severity").string(toString(f->severity()))
          .key("detail").string(detail)
          .endObject();
      line += '\n';
      std::fwrite(line.data(), 1, line.size(), stdout);
    }
    for (const auto& [region, f] : own) {
      line.clear();
      JsonWriter w(line);
      w.beginObject().key("tps").string(t.code(region)).key("check").string(f.check).key("severity").string("error")
          .key("detail").string(f.detail).endObject();
      line += '\n';
      std::fwrite(line.data(), 1, line.size(), stdout);
    }
    return 0;
  }

  std::map<CheckId, std::vector<RegionId>> byCheck;
  for (const Finding* f : findings) {
    auto& v = byCheck[f->check];
    if (v.empty() || v.back() != f->region) v.push_back(f->region);
  }
  const uint32_t checked = root == kNation || t.level(root) != Level::Tps ? state.checkedTps(root) : 1;
  const uint32_t flagged = t.level(root) != Level::Tps ? state.flaggedTps(root) : (findings.empty() ? 0 : 1);
  std::printf("check %s, region %s: %zu documents read, %zu missing, %zu failed in %.1f s; checked in %.3f s\n",
              sourceSpec.c_str(), root == kNation ? "nation" : regionCode.c_str(), stats.applied, stats.missing,
              stats.failed, fetchSeconds, checkSeconds);
  if (!stats.firstError.empty()) std::printf("first failure: %s\n", stats.firstError.c_str());
  std::printf("TPS with votes: %u; flagged: %u (%.2f per 1,000)\n", checked, flagged,
              checked ? 1000.0 * flagged / checked : 0.0);
  for (std::size_t c = 0; c < kCheckCount; ++c) {
    const auto id = static_cast<CheckId>(c);
    auto it = byCheck.find(id);
    const std::size_t n = it == byCheck.end() ? 0 : it->second.size();
    std::printf("%s (%s): %zu %s\n", checkInfo(id).id, toString(checkInfo(id).severity), n,
                checkInfo(id).tpsOnly ? "TPS" : "regions");
    printCodes(t, it == byCheck.end() ? std::vector<RegionId>{} : it->second);
  }
  for (const char* id : tpsCheckIds(opts.contest)) {  // the contest's own arithmetic
    std::vector<RegionId> tps;
    for (const auto& [region, f] : own)
      if (f.check == id && (tps.empty() || tps.back() != region)) tps.push_back(region);
    std::printf("%s (error): %zu TPS\n", id, tps.size());
    printCodes(t, tps);
  }
  return 0;
}

}  // namespace pantau::tools
