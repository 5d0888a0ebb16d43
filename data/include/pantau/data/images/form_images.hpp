#pragma once
/// The C1 form photos of a TPS: fetched through a Source (the image URL's path on the source's
/// host, so a mirror or the simulator serves them like the real form host), cached on disk under a
/// size cap, and decoded off the UI thread: JPEG with libjpeg-turbo, PNG with libspng (both made
/// for untrusted input and fuzzed upstream, OSS-Fuzz); every other format is refused by its magic
/// bytes. Hostile images are refused with a reason: over the byte limit, over the pixel limit
/// (checked from the header, before anything is allocated), corrupt, or not a JPEG or PNG. One
/// decode allocates at most maxPixels x 4 bytes for the pixels plus the decoder's own bounded
/// state (libspng: ancillary chunks capped at 4 MB; libjpeg-turbo: at most 500 progressive scans).
///
/// Threading: FormImageLoader's request() and take() are safe from any thread; one worker thread
/// fetches and decodes.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "pantau/data/base/result.hpp"
#include "pantau/data/source/source.hpp"

namespace pantau::data {

struct FormImage {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;  ///< width x height x 4, rows top to bottom
};

struct ImageLimits {
  std::size_t maxBytes = 16u << 20;       ///< a real C1 photo is 0.2-2 MB
  uint64_t maxPixels = 50'000'000;        ///< ~8000 x 6000 (200 MB of RGBA): the most one decode allocates
};

/// Decodes JPEG or PNG bytes to RGBA, refusing before decoding what is over the limits.
Result<FormImage> decodeFormImage(std::string_view bytes, const ImageLimits& limits = {});

/// The path of an image URL on the source ("https://host/2851/pemilu/...jpg" -> "/2851/pemilu/...jpg"),
/// checked like every other path Pantau requests.
Result<std::string> imagePathOf(std::string_view url);

/// The upload time Sirekap writes into a photo's name ("...-20240214-205639--uuid.jpg", WIB), as
/// epoch ms; -1 when the name has none.
int64_t photoTimeMs(std::string_view path);

/// Image files by key (the loader's is its source and the API path) under a directory, each named
/// by a 128-bit hash of its key with the suffix ".pantau-form"; oldest evicted first when over
/// the cap. Only files named so are counted or evicted: nothing else in the folder is touched.
class ImageDiskCache {
 public:
  static constexpr const char* kCacheSuffix = ".pantau-form";
  ImageDiskCache(std::filesystem::path dir, uint64_t capBytes);
  std::optional<std::string> get(const std::string& key) const;
  void put(const std::string& key, std::string_view bytes);
  uint64_t bytesUsed() const;
  const std::filesystem::path& dir() const { return m_dir; }
  std::filesystem::path fileOf(const std::string& key) const;

 private:
  static bool isOurs(const std::filesystem::path& file);
  std::filesystem::path m_dir;
  uint64_t m_cap;
};

/// The cache directory: $PANTAU_IMAGE_CACHE, else $XDG_CACHE_HOME/pantau/forms or ~/.cache/pantau/forms.
std::filesystem::path defaultImageCacheDir();

class FormImageLoader {
 public:
  struct Loaded {
    std::string url;
    Result<FormImage> image;  ///< or why there is none ("404 ...", "corrupt ...", "too large ...")
  };
  FormImageLoader(std::unique_ptr<Source> source, std::unique_ptr<ImageDiskCache> cache, ImageLimits limits = {});
  ~FormImageLoader();
  FormImageLoader(const FormImageLoader&) = delete;
  FormImageLoader& operator=(const FormImageLoader&) = delete;

  void request(std::string url);
  /// Called on the loader's thread with every photo that decoded (fetched or from the disk cache):
  /// its time (Last-Modified, else the upload time in its name, else now), path and bytes, for
  /// `--record`. Set before the first request.
  std::function<void(int64_t timeMs, const std::string& path, const std::string& bytes)> onLoaded;
  std::vector<Loaded> take();  ///< what finished since the last call
  /// Waits until every request so far has finished (headless stills); false on timeout.
  bool waitIdle(int timeoutMs);

 private:
  void workerLoop();
  Loaded load(const std::string& url);

  std::unique_ptr<Source> m_source;
  std::unique_ptr<ImageDiskCache> m_cache;
  ImageLimits m_limits;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<std::string> m_queue;
  std::vector<Loaded> m_done;
  int m_busy = 0;
  bool m_stop = false;
  std::thread m_worker;
};

}  // namespace pantau::data
