// pantau-data mirror SOURCE DIR [--levels N] [--lists] [--parallel P] [--deadline S]: copies a
// recap API (or another mirror) into DIR with the same layout. Crash-safe (each file written to a
// temp name and renamed), a body is written only once it parses (a malformed one never replaces a
// good file), failures are retried within the deadline, and a re-run asks only for what changed
// (conditional requests with the validators kept in DIR/.pantau-mirror/validators.tsv).

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unordered_map>

#include "commands.hpp"
#include "pantau/data/archive/archive.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/contests/dpr_tables.hpp"
#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/source/document_step.hpp"
#include "pantau/data/source/source.hpp"
#include "pantau/data/source/validators_file.hpp"

namespace pantau::tools {

using namespace pantau::data;

namespace {

ValidatorMap loadValidators(const std::filesystem::path& file) {
  auto text = readFile(file, 256u << 20);
  return text ? parseValidatorsFile(*text) : ValidatorMap{};
}

Status saveValidators(const std::filesystem::path& file, const ValidatorMap& map) {
  return writeFileAtomic(file, formatValidatorsFile(map), true);
}

/// Every document of the contest down to `deepest`, nation first: its candidate list(s), its count
/// documents, and `lists` the region lists. The DPR adds each dapil's recap (its caleg votes:
/// the seat projection's names) and with `lists` its caleg lists and the dapil list; the DPD is
/// read per province (abroad has no DPD ballot).
std::vector<std::string> contestPaths(const RegionTree& t, Contest contest, Level deepest, bool lists,
                                      const DprTables* dpr) {
  std::vector<std::string> paths;
  if (contest == Contest::Pdpd) {
    for (RegionId p = t.levelBegin(Level::Province); p < t.levelEnd(Level::Province); ++p)
      if (!t.isOverseas(p)) paths.push_back(candidatesPath(contest, t.code(p)));
  } else {
    paths.push_back(candidatesPath(contest));
  }
  if (dpr) {
    for (const DapilInfo& d : dpr->dapil) {
      paths.push_back("/pemilu/hhcd/pdpr/" + d.kode + ".json");
      if (lists) paths.push_back("/pemilu/caleg/partai/" + d.kode + ".json");
    }
    if (lists) paths.push_back("/wilayah/pemilu/pdpr/dapil_dpr.json");
  }
  for (RegionId id = 0; id < t.levelEnd(deepest); ++id) {
    if (contest == Contest::Pdpd && t.isOverseas(id)) continue;
    paths.push_back(countsPath(t, id, toString(contest)));
    if (lists && t.level(id) != Level::Tps) paths.push_back(regionListPath(t, id));
  }
  return paths;
}

double cpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int cmdMirror(std::span<const std::string_view> args, const GlobalOptions& opts) {
  std::string sourceSpec, dir, recordDir;
  int levels = 3, parallel = 16;
  bool lists = false;
  std::chrono::milliseconds deadline = kDefaultDeadline;
  double maxRps = -1;  // none given: the source's default
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (takeMaxRps(args, i, maxRps)) continue;
    else if (args[i] == "--levels" && i + 1 < args.size()) levels = std::atoi(std::string(args[++i]).c_str());
    else if (args[i] == "--parallel" && i + 1 < args.size()) parallel = std::atoi(std::string(args[++i]).c_str());
    else if (args[i] == "--lists") lists = true;
    else if (args[i] == "--record" && i + 1 < args.size()) recordDir = args[++i];
    else if (args[i] == "--deadline" && i + 1 < args.size() && parseDeadlineSeconds(args[i + 1], deadline)) ++i;
    else if (sourceSpec.empty()) sourceSpec = args[i];
    else if (dir.empty()) dir = args[i];
    else {
      std::fprintf(stderr, "pantau-data mirror: unexpected argument '%.*s'\n", (int)args[i].size(), args[i].data());
      return 2;
    }
  }
  if (sourceSpec.empty() || dir.empty() || levels < 1 || levels > 6 || parallel < 1 || parallel > 256) {
    std::fputs("usage: pantau-data mirror SOURCE DIR [--levels 1-6] [--lists] [--parallel 1-256] [--record ARCHIVE]\n"
               "                          [--deadline SECONDS]   (failed documents are retried until then; default 120)\n"
               "  --levels counts from the nation: 1 nation, 2 provinces, 3 regencies (tables by district),\n"
               "  4 districts, 5 villages (tables by TPS), 6 TPS documents\n", stderr);
    std::fputs(kMaxRpsUsage, stderr);
    return 2;
  }
  auto tree = loadDataOrSay(opts);
  if (!tree) return 1;
  SourceOptions so;
  so.maxParallel = parallel;
  so.pinVersion = true;  // through a relay: one version from end to end
  auto source = openOneShotSource("mirror", sourceSpec, so, deadline, maxRpsFor(sourceSpec, maxRps));
  if (!source) return 1;
  const std::filesystem::path root(dir);
  const auto stateFile = root / ".pantau-mirror" / "validators.tsv";
  std::error_code ec;
  std::filesystem::create_directories(stateFile.parent_path(), ec);
  if (ec) {
    std::fprintf(stderr, "pantau-data mirror: cannot create %s: %s\n", stateFile.parent_path().c_str(), ec.message().c_str());
    return 1;
  }
  ValidatorMap validators = loadValidators(stateFile);
  // --record: every document that changed is appended to the archive too (crash-safe, zstd).
  std::unique_ptr<ArchiveWriter> recorder;
  if (!recordDir.empty()) {
    auto w = ArchiveWriter::open(recordDir);
    if (!w) {
      std::fprintf(stderr, "pantau-data mirror: --record: %s\n", w.error().message.c_str());
      return 1;
    }
    recorder = std::move(*w);
  }

  // Every document of the contest down to the requested level, nation first.
  std::optional<DprTables> dpr;
  if (opts.contest == Contest::Pdpr) {
    auto tables = loadDprTables(tree->dataDir);
    if (!tables) {
      std::fprintf(stderr, "pantau-data mirror: %s\n", tables.error().message.c_str());
      return 1;
    }
    dpr = std::move(*tables);
  }
  const std::vector<std::string> paths =
      contestPaths(*tree->tree, opts.contest, static_cast<Level>(levels - 1), lists, dpr ? &*dpr : nullptr);

  const bool tty = isatty(2);
  const auto t0 = std::chrono::steady_clock::now();
  const double cpu0 = cpuSeconds();
  std::size_t done = 0, changed = 0, notModified = 0, errors = 0, bytes = 0, malformed = 0;
  std::string firstError;
  std::vector<std::string> malformedPaths;  // named in the summary (the first few)
  auto lastSave = t0;
  constexpr std::size_t kBatch = 512;
  for (std::size_t at = 0; at < paths.size(); at += kBatch) {
    std::vector<FetchRequest> batch;
    for (std::size_t i = at; i < std::min(paths.size(), at + kBatch); ++i) {
      auto it = validators.find(paths[i]);
      batch.push_back({paths[i], it == validators.end() ? Validators{} : it->second, i});
    }
    source->fetch(batch, [&](FetchResult&& r) {
      ++done;
      bytes += r.wireBytes;
      if (r.outcome == FetchOutcome::NotModified) {
        ++notModified;
        return;
      }
      if (r.outcome == FetchOutcome::Failed) {
        ++errors;
        if (firstError.empty()) firstError = r.error.message;
        if (r.httpStatus == 200) {  // served whole but does not parse: the good file it had stays
          ++malformed;
          if (malformedPaths.size() < 5) malformedPaths.push_back(r.path);
        }
        return;
      }
      const auto file = root / r.path.substr(1);
      std::filesystem::create_directories(file.parent_path(), ec);
      // No fsync per document: rename alone keeps every file whole if the process dies, and
      // fsyncing 92k files would cost minutes. The validators file is fsynced. Never through a
      // symbolic link inside the mirror.
      if (Status s = writeFileAtomic(file, r.body, false, root); !s) {
        ++errors;
        if (firstError.empty()) firstError = s.error().message;
        return;
      }
      ++changed;
      if (recorder) {
        if (Status s = recorder->append(changedAtMs(r.validators, wallMs()), r.path, r.body); !s) {
          ++errors;
          if (firstError.empty()) firstError = s.error().message;
          validators.erase(r.path);  // not recorded: the next run must fetch it whole again, not get a 304
          return;
        }
      }
      validators[r.path] = r.validators;
    });
    const auto nowT = std::chrono::steady_clock::now();
    if (nowT - lastSave > std::chrono::seconds(5)) {  // a crash loses at most a few seconds of validators
      saveValidators(stateFile, validators);
      lastSave = nowT;
    }
    if (tty) {
      const int width = 30, filled = static_cast<int>(width * done / paths.size());
      std::fprintf(stderr, "\r[%.*s%*s] %zu/%zu documents  %.1f MB  %zu unchanged  %zu errors ", filled,
                   "==============================", width - filled, "", done, paths.size(), static_cast<double>(bytes) / 1e6,
                   notModified, errors);
    }
  }
  if (tty) std::fputc('\n', stderr);
  if (Status s = saveValidators(stateFile, validators); !s)
    std::fprintf(stderr, "pantau-data mirror: %s\n", s.error().message.c_str());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = cpuSeconds() - cpu0;
  sayRetries("mirror", source->stats());
  std::printf("documents %zu, bytes %zu, 304s %zu, errors %zu, malformed %zu, seconds %.2f (written %zu, %.0f documents/s, %.1f MB/s, CPU %.0f%%)\n",
              done, bytes, notModified, errors, malformed, seconds, changed, static_cast<double>(done) / seconds,
              static_cast<double>(bytes) / 1e6 / seconds, 100.0 * cpu / seconds);
  if (const uint64_t v = source->version())  // relay+http: the one version this mirror is
    std::printf("relay version %llu\n", static_cast<unsigned long long>(v));
  if (recorder) {
    recorder->sync();
    const ArchiveStats& a = recorder->stats();
    std::printf("archive %s: %llu records (%llu unchanged skipped), %.1f MB stored for %.1f MB of documents\n", recordDir.c_str(),
                static_cast<unsigned long long>(a.records), static_cast<unsigned long long>(a.unchanged),
                static_cast<double>(a.storedBytes) / 1e6, static_cast<double>(a.rawBytes) / 1e6);
  }
  if (malformed) {
    std::string names;
    for (const std::string& p : malformedPaths) names += (names.empty() ? "" : ", ") + p;
    std::fprintf(stderr, "pantau-data mirror: %zu bodies did not parse and were not written (the previous files stay): %s%s\n", malformed,
                 names.c_str(), malformed > malformedPaths.size() ? ", ..." : "");
  }
  if (errors) std::fprintf(stderr, "pantau-data mirror: %zu documents failed; first: %s\n", errors, firstError.c_str());
  return errors ? 1 : 0;
}

}  // namespace pantau::tools
