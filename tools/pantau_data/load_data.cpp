// The data directory and region tree every pantau-data command that reads a source needs.

#include <unistd.h>

#include <cstdio>

#include "commands.hpp"
#include "pantau/data/base/data_location.hpp"
#include "pantau/data/contests/document_check.hpp"
#include "pantau/data/model/snapshot.hpp"
#include "pantau/data/source/request_budget.hpp"

namespace pantau::tools {

std::optional<LoadedData> loadDataOrSay(const GlobalOptions& opts) {
  auto dir = data::findDataDir(opts.dataDir);
  if (!dir) {
    std::fprintf(stderr, "pantau-data: %s\n", dir.error().message.c_str());
    return std::nullopt;
  }
  auto loaded = data::loadRegionTree(*dir);
  if (!loaded) {
    std::fprintf(stderr, "pantau-data: %s\n", loaded.error().message.c_str());
    return std::nullopt;
  }
  return LoadedData{*dir, std::move(loaded->tree)};
}

std::unique_ptr<data::RetryingSource> openOneShotSource(const char* command, const std::string& spec,
                                                        const data::SourceOptions& options, std::chrono::milliseconds deadline,
                                                        double maxRps) {
  auto source = data::openSource(spec, options);
  if (!source) {
    std::fprintf(stderr, "pantau-data %s: %s\n", command, source.error().message.c_str());
    return nullptr;
  }
  *source = data::budgetedSource(std::move(*source), maxRps);
  data::RetryPolicy policy;
  policy.deadline = deadline;
  auto check = std::make_shared<data::DocumentCheck>();  // each document by the shape its path names
  policy.validate = [check](const data::FetchResult& r) -> data::Status { return check->check(r.path, r.body); };
  return std::make_unique<data::RetryingSource>(std::move(*source), std::move(policy));
}

void sayRetries(const char* command, const data::RetryStats& stats) {
  if (stats.retries == 0 && stats.gaveUp == 0) return;
  std::fprintf(stderr, "pantau-data %s: %llu requests retried, %llu recovered, %llu still failed\n", command,
               static_cast<unsigned long long>(stats.retries), static_cast<unsigned long long>(stats.recovered),
               static_cast<unsigned long long>(stats.gaveUp));
}

bool takeMaxRps(std::span<const std::string_view> args, std::size_t& i, double& out) {
  if (args[i] != "--max-rps" || i + 1 >= args.size() || !data::parseMaxRps(args[i + 1], out)) return false;
  ++i;
  return true;
}

SweepProgress::SweepProgress(const char* command, const data::RegionTree& tree, std::span<const data::RegionId> plan)
    : m_command(command), m_tty(isatty(2)), m_said(std::chrono::steady_clock::now()) {
  for (data::RegionId id : plan) m_tps += tree.level(id) == data::Level::Tps;
}

void SweepProgress::operator()(std::size_t done, std::size_t total) {
  const auto now = std::chrono::steady_clock::now();
  if (!m_tty && now - m_said < std::chrono::seconds(10)) return;
  m_said = now;
  // A plan is level by level: its TPS come after every aggregate.
  const std::size_t tps = done + m_tps > total ? done + m_tps - total : 0;
  std::fprintf(stderr, "%spantau-data %s: TPS read %zu of %zu (%zu of %zu documents)%s", m_tty ? "\r" : "", m_command,
               tps, m_tps, done, total, m_tty ? "\033[K" : "\n");
}

void SweepProgress::done() {
  if (m_tty) std::fputs("\r\033[K", stderr);
}

void sayCandidatesFrom(const char* command, const std::string& from) {
  if (!from.empty())
    std::fprintf(stderr, "pantau-data %s: the source has no candidate list (%s): candidates from %s\n", command,
                 data::kCandidatesPath, from.c_str());
}

}  // namespace pantau::tools
