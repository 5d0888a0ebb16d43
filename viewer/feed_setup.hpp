#pragma once
// Where a mode's snapshots come from, set up from the same flags in one place for every mode: the
// source (--source, or the embedded night as a child simulator), a recorded night (archive:DIR),
// the recorder (--record), the form photos' loader and the Feed itself.
//
// Threading: set up and destroyed on the UI thread. The feed's worker and the photo loader record
// from their own threads through the one Recorder (it locks).

#include <memory>
#include <mutex>
#include <string>

#include "feed.hpp"
#include "options.hpp"
#include "pantau/data/archive/archive.hpp"
#include "pantau/data/images/form_images.hpp"
#include "pantau/data/source/sim_child.hpp"
#include "scene_setup.hpp"

namespace pantau::viewer {

/// How a mode reads its source: the window follows it (a live worker, or a replay's timeline);
/// headless reads it once, at --at, and holds that moment still.
enum class FeedMode { Follow, Once };

/// --record: every document read (by the live worker and the photo loader) appended to an archive.
class Recorder {
 public:
  explicit Recorder(std::unique_ptr<data::ArchiveWriter> writer) : m_writer(std::move(writer)) {}
  /// Thread-safe; a failed append is said on stderr (and returned: the live client shows it as the
  /// source's last error) and loses nothing already written.
  data::Status append(int64_t timeMs, const std::string& path, const std::string& bytes);

 private:
  std::mutex m_mutex;
  std::unique_ptr<data::ArchiveWriter> m_writer;
};

/// What a mode holds while it shows a source. Members are destroyed bottom-up: the feed and the
/// photo loader stop before the recorder they write to and the simulator they read from.
struct FeedSetup {
  std::unique_ptr<data::SimChild> sim;  ///< the embedded night (no --source), else null
  std::unique_ptr<Recorder> recorder;   ///< --record, else null
  std::string spec;                     ///< the source read: --source, or the simulator's URL
  bool simulated = false;               ///< the embedded night: said on screen
  std::unique_ptr<data::FormImageLoader>
      images;  ///< the TPS view's photos, through the same source
  std::unique_ptr<Feed> feed;
};

/// Opens what `options` name for `scene`'s view and layer. Once: the read is done on return (the
/// view's documents, every TPS under it for the TPS layers, and for the change layer the earlier
/// moment too). The error names the flag, source or moment at fault.
data::Result<FeedSetup> setUpFeed(const Options& options, const SceneSetup& scene, FeedMode mode);

}  // namespace pantau::viewer
