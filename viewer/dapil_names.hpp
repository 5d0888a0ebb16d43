#pragma once
// Who would take a dapil's seats needs its caleg votes, which only the dapil's recap carries
// (`/pemilu/hhcd/pdpr/{dapil}.json`; the snapshot holds party votes). Read for the dapil on screen,
// on a thread of its own through a source of its own, so the UI never waits on the network; read
// again when a newer snapshot is shown.
//
// Threading: the UI thread calls want(), poll() and wait(); the read runs on a std::async thread.

#include <future>
#include <map>
#include <string>
#include <vector>

#include "pantau/data/contests/dpr_tables.hpp"
#include "pantau/data/contests/seats.hpp"

namespace pantau::viewer {

class DapilNames {
 public:
  DapilNames(std::string spec, std::shared_ptr<const data::DprTables> tables)
      : m_spec(std::move(spec)), m_tables(std::move(tables)) {}
  ~DapilNames();
  /// Reads `dapil`'s recap unless a read is in flight; `version` (the snapshot's) re-reads it
  /// when newer than the last read's. `momentMs` (the snapshot's time): a recorded night's recap
  /// as it stood then.
  void want(const std::string& dapil, uint64_t version, int64_t momentMs);
  /// Takes a finished read; true when the names changed.
  bool poll();
  /// Waits for the read in flight (a still), up to `timeoutMs`.
  bool wait(int timeoutMs);
  /// Caleg votes by dapil code, as last read.
  const std::map<std::string, std::vector<data::CalegVotes>>& caleg() const { return m_caleg; }
  /// Why the last read failed ("" when it did not).
  const std::string& lastError() const { return m_error; }

 private:
  struct Read {
    std::string dapil, error;
    std::vector<data::CalegVotes> caleg;
  };
  std::string m_spec;
  std::shared_ptr<const data::DprTables> m_tables;
  std::future<Read> m_inFlight;
  std::map<std::string, std::vector<data::CalegVotes>> m_caleg;
  std::map<std::string, uint64_t> m_readAt;  ///< the snapshot version each dapil was read for
  std::string m_error;
};

}  // namespace pantau::viewer
