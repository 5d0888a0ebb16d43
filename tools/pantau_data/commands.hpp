#pragma once
// Subcommands of pantau-data. Each takes its own arguments (after the subcommand name) and the
// global options, and returns the process exit status.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "pantau/data/base/json_writer.hpp"
#include "pantau/data/contests/legislative_types.hpp"
#include "pantau/data/export/export.hpp"
#include "pantau/data/model/region_tree.hpp"
#include "pantau/data/source/request_budget.hpp"
#include "pantau/data/source/retrying_source.hpp"
#include "pantau/data/sirekap/sirekap_types.hpp"

namespace pantau::tools {

struct GlobalOptions {
  std::optional<std::filesystem::path> dataDir;  ///< --data DIR
  data::Contest contest = data::Contest::Ppwp;    ///< --contest ppwp|pdpr|pdpd
};

/// inspect's legislative half (--contest pdpr|pdpd): a DPR TPS, a dapil recap or the dapil list,
/// written as fields of the open object `w`, with the checks that apply.
data::Status inspectLegislative(std::string_view text, data::JsonWriter& w);
/// The DPD TPS check (its chart against suara sah), as a "findings" field.
void writeDpdFindings(const data::TpsDetail& tps, data::JsonWriter& w);

/// The DPD's province of `region` (itself or its ancestor): kNoRegion for the nation or abroad,
/// which have no DPD race of their own (export and check read one province's documents).
data::RegionId dpdProvinceOf(const data::RegionTree& tree, data::RegionId region);

/// KPU's data directory and region tree as the global options say; on failure prints why
/// ("pantau-data: ...") and gives null.
struct LoadedData {
  std::filesystem::path dataDir;
  std::shared_ptr<const data::RegionTree> tree;
};
std::optional<LoadedData> loadDataOrSay(const GlobalOptions& opts);
/// The one line a partial source gets: where its candidates came from (nothing for a whole one).
void sayCandidatesFrom(const char* command, const std::string& from);

/// The source of a one-shot command (mirror, check, export): `spec` opened with `options`, asking
/// at most `maxRps` requests a second (retries included; budgetedSource), wrapped in retries with
/// backoff, jitter and Retry-After within `deadline`, each body checked to parse as the document its
/// path names (DocumentCheck: a malformed one is retried, never handed on). On failure prints
/// "pantau-data COMMAND: ..." and gives null.
std::unique_ptr<data::RetryingSource> openOneShotSource(const char* command, const std::string& spec,
                                                        const data::SourceOptions& options, std::chrono::milliseconds deadline,
                                                        double maxRps);
/// After a one-shot fetch: how many requests were retried, recovered and still failed (stderr).
void sayRetries(const char* command, const data::RetryStats& stats);
/// `--max-rps N` at args[i] (README "Polite by default"): its value parsed into `out` and `i` moved
/// past it; false when args[i] is not --max-rps with a number from 0 to 100000.
bool takeMaxRps(std::span<const std::string_view> args, std::size_t& i, double& out);
/// The usage line of --max-rps, for each command's usage.
inline constexpr const char* kMaxRpsUsage =
    "  --max-rps N: at most N requests a second to the source (default 20 for a remote URL; none for\n"
    "  loopback, a relay, a mirror or an archive; 0 = none).\n";
/// A one-shot read's progress on stderr, "TPS read N of M" (a sweep's progress: of the plan's TPS
/// documents, those read; the aggregates before them): on a terminal one line kept up to date, else
/// a line every 10 s (a budgeted sweep of a remote origin takes hours). Call done() at the end.
class SweepProgress {
 public:
  SweepProgress(const char* command, const data::RegionTree& tree, std::span<const data::RegionId> plan);
  void operator()(std::size_t done, std::size_t total);
  void done();

 private:
  const char* m_command;
  std::size_t m_tps = 0;
  bool m_tty;
  std::chrono::steady_clock::time_point m_said;
};
/// The default of --deadline: two minutes for every retry of one command's documents.
inline constexpr std::chrono::milliseconds kDefaultDeadline{120000};

/// `--contest pdpr export`: what cmd_export parsed, for export_pdpr.cpp.
struct PdprExport {
  std::string sourceSpec;
  std::filesystem::path out;
  std::shared_ptr<const data::RegionTree> tree;
  bool dapilLevel = false;         ///< --level dapil: the dapil rows alone
  data::BoundarySource regencies;  ///< dissolved into the dapil polygons
  std::optional<int64_t> atMs;     ///< archive:DIR at this moment
  double maxRps = 0;               ///< --max-rps (or its default for the source)
};
/// Writes the DPR export `options` describe (and its dapil rows); prints the outcome line.
int exportPdpr(const PdprExport& x, const data::ExportOptions& options, const std::filesystem::path& dataDir);

int cmdCheck(std::span<const std::string_view> args, const GlobalOptions& opts);
int cmdExport(std::span<const std::string_view> args, const GlobalOptions& opts);
int cmdInspect(std::span<const std::string_view> args, const GlobalOptions& opts);
int cmdMirror(std::span<const std::string_view> args, const GlobalOptions& opts);
int cmdSeats(std::span<const std::string_view> args, const GlobalOptions& opts);
int cmdTree(std::span<const std::string_view> args, const GlobalOptions& opts);

}  // namespace pantau::tools
