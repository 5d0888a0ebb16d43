#pragma once
// Where a still's time and memory go: with PANTAU_PHASES=1 in the environment each mark() says on
// stderr the phase just ended, its wall and CPU milliseconds (CPU of all threads: llvmpipe's and
// the loader's too) and the process's peak RSS so far. bench/still_phases.py reads these lines.
// Off (one getenv at construction) otherwise.

#include <chrono>

namespace pantau::viewer {

/// CPU time of the whole process (all its threads) in ms.
double processCpuMs();

class PhaseLog {
 public:
  PhaseLog();
  /// Ends the phase running since the last mark (or construction) and names it.
  void mark(const char* phase);

 private:
  bool m_on = false;
  std::chrono::steady_clock::time_point m_wall;
  double m_cpuMs = 0;
};

}  // namespace pantau::viewer
