#include "pantau/data/images/form_images.hpp"

#include <spng.h>
#include <turbojpeg.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "pantau/data/archive/archive.hpp"
#include "pantau/data/base/file_io.hpp"
#include "pantau/data/sirekap/sirekap_types.hpp"

namespace pantau::data {

namespace {

constexpr unsigned char kJpegMagic[] = {0xFF, 0xD8, 0xFF};
constexpr unsigned char kPngMagic[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

bool startsWith(std::string_view bytes, const unsigned char* magic, std::size_t n) {
  return bytes.size() >= n && std::memcmp(bytes.data(), magic, n) == 0;
}

/// Refuses dimensions over the limits, before anything that size is allocated.
Status checkSize(uint64_t w, uint64_t h, const ImageLimits& limits) {
  if (w == 0 || h == 0) return Error{ErrorCode::Syntax, "image of " + std::to_string(w) + "x" + std::to_string(h) + " pixels"};
  if (w * h > limits.maxPixels)
    return Error{ErrorCode::TooLarge, "image of " + std::to_string(w) + "x" + std::to_string(h) + " pixels is over the limit of " +
                                          std::to_string(limits.maxPixels)};
  return Status::success();
}

Result<FormImage> decodeJpeg(std::string_view bytes, const ImageLimits& limits) {
  std::unique_ptr<void, int (*)(tjhandle)> tj(tjInitDecompress(), tjDestroy);
  if (!tj) return Error{ErrorCode::Io, "cannot start the JPEG decoder"};
  auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto n = static_cast<unsigned long>(bytes.size());
  int w = 0, h = 0, subsampling = 0, colorspace = 0;
  if (tjDecompressHeader3(tj.get(), p, n, &w, &h, &subsampling, &colorspace) != 0)
    return Error{ErrorCode::Syntax, std::string("corrupt JPEG image (") + tjGetErrorStr2(tj.get()) + ")"};
  if (Status s = checkSize(static_cast<uint64_t>(w), static_cast<uint64_t>(h), limits); !s) return s.error();
  FormImage img;
  img.width = w;
  img.height = h;
  img.rgba.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
  // LIMITSCANS: a progressive JPEG with thousands of scans would take minutes (libjpeg-turbo's own
  // fuzzing finding); over 500 scans it is refused.
  if (tjDecompress2(tj.get(), p, n, img.rgba.data(), w, 0, h, TJPF_RGBA, TJFLAG_LIMITSCANS) != 0 &&
      tjGetErrorCode(tj.get()) == TJERR_FATAL)
    return Error{ErrorCode::Syntax, std::string("corrupt JPEG image (") + tjGetErrorStr2(tj.get()) + ")"};
  return img;  // a warning (a truncated scan) still gives the rows that were there, as browsers show
}

Result<FormImage> decodePng(std::string_view bytes, const ImageLimits& limits) {
  std::unique_ptr<spng_ctx, void (*)(spng_ctx*)> ctx(spng_ctx_new(0), spng_ctx_free);
  if (!ctx) return Error{ErrorCode::Io, "cannot start the PNG decoder"};
  // Ancillary chunks (text, ICC profiles) are capped: a photo needs none, and each is held in memory.
  spng_set_chunk_limits(ctx.get(), 1u << 20, 4u << 20);
  spng_set_image_limits(ctx.get(), 1u << 16, 1u << 16);
  spng_set_png_buffer(ctx.get(), bytes.data(), bytes.size());
  spng_ihdr ihdr{};
  if (int e = spng_get_ihdr(ctx.get(), &ihdr); e != 0) return Error{ErrorCode::Syntax, std::string("corrupt PNG image (") + spng_strerror(e) + ")"};
  if (Status s = checkSize(ihdr.width, ihdr.height, limits); !s) return s.error();
  std::size_t size = 0;
  if (int e = spng_decoded_image_size(ctx.get(), SPNG_FMT_RGBA8, &size); e != 0)
    return Error{ErrorCode::Syntax, std::string("corrupt PNG image (") + spng_strerror(e) + ")"};
  FormImage img;
  img.width = static_cast<int>(ihdr.width);
  img.height = static_cast<int>(ihdr.height);
  img.rgba.resize(size);
  // Decoded row by row into this buffer: image data that inflates past the rows is never held.
  if (int e = spng_decode_image(ctx.get(), img.rgba.data(), size, SPNG_FMT_RGBA8, SPNG_DECODE_TRNS); e != 0)
    return Error{ErrorCode::Syntax, std::string("corrupt PNG image (") + spng_strerror(e) + ")"};
  return img;
}

}  // namespace

Result<FormImage> decodeFormImage(std::string_view bytes, const ImageLimits& limits) {
  if (bytes.size() > limits.maxBytes)
    return Error{ErrorCode::TooLarge, "image of " + std::to_string(bytes.size()) + " bytes is over the limit of " +
                                          std::to_string(limits.maxBytes)};
  if (bytes.empty()) return Error{ErrorCode::Syntax, "empty image"};
  if (startsWith(bytes, kJpegMagic, sizeof kJpegMagic)) return decodeJpeg(bytes, limits);
  if (startsWith(bytes, kPngMagic, sizeof kPngMagic)) return decodePng(bytes, limits);
  return Error{ErrorCode::Syntax, "not a JPEG or PNG image (only those are decoded)"};
}

int64_t photoTimeMs(std::string_view path) {
  // "{tps}-{YYYYMMDD}-{HHMMSS}--{uuid}.jpg": the digits after the first '-' of the file name.
  const std::size_t slash = path.rfind('/');
  const std::string_view name = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  const std::size_t dash = name.find('-');
  if (dash == std::string_view::npos || name.size() < dash + 16 || name[dash + 9] != '-') return -1;
  const std::string_view d = name.substr(dash + 1, 8), t = name.substr(dash + 10, 6);
  const std::string text = std::string(d.substr(0, 4)) + "-" + std::string(d.substr(4, 2)) + "-" + std::string(d.substr(6, 2)) + " " +
                           std::string(t.substr(0, 2)) + ":" + std::string(t.substr(2, 2)) + ":" + std::string(t.substr(4, 2));
  Timestamp ts;
  return parseTimestamp(text, ts) ? ts.epochUtc * 1000 : -1;
}

Result<std::string> imagePathOf(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos || (url.substr(0, scheme) != "http" && url.substr(0, scheme) != "https"))
    return Error{ErrorCode::Refused, "image URL '" + std::string(url.substr(0, 120)) + "' is not http(s)"};
  const std::size_t slash = url.find('/', scheme + 3);
  const std::string path = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
  if (!isSafeApiPath(path)) return Error{ErrorCode::Refused, "image path '" + path.substr(0, 120) + "' is not a safe path"};
  return path;
}

ImageDiskCache::ImageDiskCache(std::filesystem::path dir, uint64_t capBytes) : m_dir(std::move(dir)), m_cap(capBytes) {
  std::error_code ec;
  std::filesystem::create_directories(m_dir, ec);
}

std::filesystem::path ImageDiskCache::fileOf(const std::string& key) const {
  // One flat directory of hashed names: a key is the source and the path, so two sources' photos
  // (or "/a/b_c.jpg" and "/a_b/c.jpg") never share a file. 128 bits of two FNV-1a variants.
  uint64_t a = 1469598103934665603ull, b = 0x84222325cbf29ce4ull;
  for (unsigned char c : key) {
    a = (a ^ c) * 1099511628211ull;
    b = (b ^ c) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
  }
  char name[64];
  std::snprintf(name, sizeof name, "%016llx%016llx%s", static_cast<unsigned long long>(a), static_cast<unsigned long long>(b ^ key.size()),
                kCacheSuffix);
  return m_dir / name;
}

bool ImageDiskCache::isOurs(const std::filesystem::path& file) {
  const std::string name = file.filename().string();
  return name.size() == 32 + std::strlen(kCacheSuffix) && name.ends_with(kCacheSuffix);
}

std::optional<std::string> ImageDiskCache::get(const std::string& key) const {
  auto bytes = readFile(fileOf(key), 64u << 20);
  if (!bytes) return std::nullopt;
  std::error_code ec;  // touched: eviction goes oldest-used first
  std::filesystem::last_write_time(fileOf(key), std::filesystem::file_time_type::clock::now(), ec);
  return std::move(*bytes);
}

uint64_t ImageDiskCache::bytesUsed() const {
  uint64_t total = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(m_dir, ec))
    if (isOurs(e.path()) && e.is_regular_file(ec)) total += e.file_size(ec);
  return total;
}

void ImageDiskCache::put(const std::string& key, std::string_view bytes) {
  if (bytes.size() > m_cap) return;
  if (!writeFileAtomic(fileOf(key), bytes, false)) return;  // a cache: a failed write only costs a refetch
  std::error_code ec;
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> files;
  uint64_t total = 0;
  // Only the cache's own files count and are evicted: $PANTAU_IMAGE_CACHE may name a folder that
  // holds other things (a person's Downloads).
  for (const auto& e : std::filesystem::directory_iterator(m_dir, ec)) {
    if (!isOurs(e.path()) || !e.is_regular_file(ec)) continue;
    total += e.file_size(ec);
    files.emplace_back(e.last_write_time(ec), e.path());
  }
  if (total <= m_cap) return;
  std::sort(files.begin(), files.end());
  for (const auto& [when, file] : files) {
    if (total <= m_cap) break;
    const uint64_t size = std::filesystem::file_size(file, ec);
    if (std::filesystem::remove(file, ec)) total -= size;
  }
}

std::filesystem::path defaultImageCacheDir() {
  if (const char* p = std::getenv("PANTAU_IMAGE_CACHE"); p && *p) return p;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x) return std::filesystem::path(x) / "pantau" / "forms";
  if (const char* h = std::getenv("HOME"); h && *h) return std::filesystem::path(h) / ".cache" / "pantau" / "forms";
  return std::filesystem::temp_directory_path() / "pantau-forms";
}

FormImageLoader::FormImageLoader(std::unique_ptr<Source> source, std::unique_ptr<ImageDiskCache> cache, ImageLimits limits)
    : m_source(std::move(source)), m_cache(std::move(cache)), m_limits(limits) {
  m_worker = std::thread([this] { workerLoop(); });
}

FormImageLoader::~FormImageLoader() {
  {
    std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_cv.notify_all();
  m_worker.join();
}

void FormImageLoader::request(std::string url) {
  {
    std::lock_guard lock(m_mutex);
    m_queue.push_back(std::move(url));
  }
  m_cv.notify_all();
}

std::vector<FormImageLoader::Loaded> FormImageLoader::take() {
  std::lock_guard lock(m_mutex);
  return std::exchange(m_done, {});
}

bool FormImageLoader::waitIdle(int timeoutMs) {
  std::unique_lock lock(m_mutex);
  return m_cv.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return m_queue.empty() && m_busy == 0; });
}

FormImageLoader::Loaded FormImageLoader::load(const std::string& url) {
  auto path = imagePathOf(url);
  if (!path) return {url, path.error()};
  const std::string cacheKey = m_source->describe() + "\n" + *path;
  std::optional<std::string> bytes = m_cache ? m_cache->get(cacheKey) : std::nullopt;
  int64_t changedMs = -1;
  if (!bytes) {
    Error error{ErrorCode::Network, *path + ": no response"};
    const FetchRequest req{*path, {}, 0};
    m_source->fetch(std::span(&req, 1), [&](FetchResult&& r) {
      if (r.outcome == FetchOutcome::Ok) {
        bytes = std::move(r.body);
        changedMs = changedAtMs(r.validators, -1);
      } else {
        error = r.error;
      }
    });
    if (!bytes) return {url, error};
  }
  auto image = decodeFormImage(*bytes, m_limits);
  if (image && m_cache) m_cache->put(cacheKey, *bytes);  // only what decodes is worth keeping
  if (image && onLoaded) {
    if (changedMs < 0) changedMs = photoTimeMs(*path);
    if (changedMs < 0) changedMs = wallMs();
    onLoaded(changedMs, *path, *bytes);
  }
  if (!image) return {url, Error{image.error().code, *path + ": " + image.error().message}};
  return {url, std::move(image)};
}

void FormImageLoader::workerLoop() {
  std::unique_lock lock(m_mutex);
  while (true) {
    m_cv.wait(lock, [&] { return m_stop || !m_queue.empty(); });
    if (m_stop) return;
    std::string url = std::move(m_queue.front());
    m_queue.pop_front();
    ++m_busy;
    lock.unlock();
    Loaded done = load(url);
    lock.lock();
    m_done.push_back(std::move(done));
    --m_busy;
    m_cv.notify_all();
  }
}

}  // namespace pantau::data
