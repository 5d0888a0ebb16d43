#include "phase_log.hpp"

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace pantau::viewer {

double processCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

PhaseLog::PhaseLog()
    : m_on(std::getenv("PANTAU_PHASES") != nullptr),
      m_wall(std::chrono::steady_clock::now()),
      m_cpuMs(m_on ? processCpuMs() : 0) {}

void PhaseLog::mark(const char* phase) {
  if (!m_on) return;
  const auto now = std::chrono::steady_clock::now();
  const double cpu = processCpuMs();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::fprintf(stderr, "pantau: phase %s wall_ms %.1f cpu_ms %.1f peak_mb %.1f\n", phase,
               std::chrono::duration<double, std::milli>(now - m_wall).count(), cpu - m_cpuMs,
               static_cast<double>(ru.ru_maxrss) / 1024.0);
  m_wall = now;
  m_cpuMs = cpu;
}

}  // namespace pantau::viewer
