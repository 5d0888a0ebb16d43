#pragma once
// Subcommands of pantau-data. Each takes its own arguments (after the subcommand name) and the
// global options, and returns the process exit status.

#include <filesystem>
#include <optional>
#include <span>
#include <string_view>

namespace pantau::tools {

struct GlobalOptions {
  std::optional<std::filesystem::path> dataDir;  ///< --data DIR
};

int cmdCheck(std::span<const std::string_view> args, const GlobalOptions& opts);
int cmdExport(std::span<const std::string_view> args, const GlobalOptions& opts);
int cmdInspect(std::span<const std::string_view> args, const GlobalOptions& opts);
int cmdMirror(std::span<const std::string_view> args, const GlobalOptions& opts);
int cmdTree(std::span<const std::string_view> args, const GlobalOptions& opts);

}  // namespace pantau::tools
