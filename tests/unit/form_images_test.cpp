// Form images: decoding with limits checked before decoding, URL to source path, the disk cache cap.

#include <gtest/gtest.h>
#include <stb_image_write.h>
#include <sys/resource.h>
#include <zlib.h>

#include "pantau/data/images/form_images.hpp"
#include "test_support.hpp"

using namespace pantau::data;

namespace {
std::string png(int w, int h) {
  std::vector<uint8_t> px(static_cast<std::size_t>(w) * h * 3, 200);
  std::string out;
  stbi_write_png_to_func([](void* ctx, void* data, int size) { static_cast<std::string*>(ctx)->append(static_cast<char*>(data), size); },
                         &out, w, h, 3, px.data(), w * 3);
  return out;
}

void putBe32(std::string& s, std::size_t at, uint32_t v) {
  const char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
  s.replace(at, 4, b, 4);
}

/// Sets a PNG's IHDR width and height and its CRC, as a crafted file would.
std::string withDimensions(std::string png, uint32_t w, uint32_t h) {
  putBe32(png, 16, w);
  putBe32(png, 20, h);
  putBe32(png, 29, static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(png.data() + 12), 17)));
  return png;
}

std::string chunk(const std::string& type, const std::string& data) {
  std::string c(4, '\0');
  putBe32(c, 0, static_cast<uint32_t>(data.size()));
  c += type + data;
  std::string crc(4, '\0');
  putBe32(crc, 0, static_cast<uint32_t>(crc32(crc32(0, reinterpret_cast<const Bytef*>(type.data()), 4), reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()))));
  return c + crc;
}

/// A 1x1 PNG whose image data inflates to `inflated` bytes of zeros (a decompression bomb).
std::string pngBomb(std::size_t inflated) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15, 9, Z_RLE);
  const std::string zeros(1 << 20, '\0');
  std::string out(1 << 16, '\0'), idat;
  for (std::size_t left = inflated; left > 0;) {
    const std::size_t n = std::min(left, zeros.size());
    left -= n;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
    z.avail_in = static_cast<uInt>(n);
    do {
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = static_cast<uInt>(out.size());
      deflate(&z, left == 0 ? Z_FINISH : Z_NO_FLUSH);
      idat.append(out.data(), out.size() - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  std::string ihdr(13, '\0');
  putBe32(ihdr, 0, 1);
  putBe32(ihdr, 4, 1);
  ihdr[8] = 8;  // 8 bits
  ihdr[9] = 6;  // RGBA
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", "");
}

long maxRssKb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

}  // namespace

TEST(FormImages, DecodesAndRefusesWhatIsOverTheLimits) {
  auto ok = decodeFormImage(png(40, 30));
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->width, 40);
  EXPECT_EQ(ok->height, 30);
  EXPECT_EQ(ok->rgba.size(), 40u * 30 * 4);
  // A header that claims 9000 x 9000 pixels (81 M): refused from the header, nothing decoded.
  std::string huge = withDimensions(png(40, 30), 9000, 9000);
  auto big = decodeFormImage(huge);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::TooLarge);
  EXPECT_NE(big.error().message.find("9000x9000"), std::string::npos) << big.error().message;
  // Bytes over the limit, truncated, not an image at all.
  EXPECT_EQ(decodeFormImage(png(40, 30), ImageLimits{100, 1000}).error().code, ErrorCode::TooLarge);
  // 100000 x 100000: refused from the header before any allocation.
  EXPECT_FALSE(decodeFormImage(withDimensions(png(40, 30), 100000, 100000)));
  auto cut = decodeFormImage(png(40, 30).substr(0, 60));
  ASSERT_FALSE(cut);
  EXPECT_NE(cut.error().message.find("image"), std::string::npos);
  EXPECT_FALSE(decodeFormImage("<html>503</html>"));
  EXPECT_FALSE(decodeFormImage(""));
}

// Issue 15 item 6: stb_image decoded every format it knows (GIF, PSD, HDR, ...; CVE-2023-45661
// open upstream) and inflated a PNG's whole image data into memory. Now JPEG and PNG only, and a
// decode allocates what the pixels need, not what the file inflates to.
TEST(FormImages, OnlyJpegAndPngAreDecoded) {
  std::string jpg;
  std::vector<uint8_t> px(64 * 48 * 3, 120);
  stbi_write_jpg_to_func([](void* ctx, void* data, int size) { static_cast<std::string*>(ctx)->append(static_cast<char*>(data), size); },
                         &jpg, 64, 48, 3, px.data(), 90);
  auto ok = decodeFormImage(jpg);
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->width, 64);
  EXPECT_EQ(ok->height, 48);
  EXPECT_NEAR(ok->rgba[0], 120, 3);
  EXPECT_EQ(ok->rgba[3], 255);
  // Formats stb_image would have decoded: refused by their first bytes.
  for (const std::string& other : {std::string("#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 7000 +X 7000\n"), std::string("GIF89a\x01\x00\x01\x00"),
                                   std::string("8BPS\x00\x01"), std::string("BM\x36\x00"), std::string("P6\n1 1\n255\n\xff\xff\xff")}) {
    auto r = decodeFormImage(other);
    ASSERT_FALSE(r) << other;
    EXPECT_NE(r.error().message.find("not a JPEG or PNG"), std::string::npos) << r.error().message;
  }
}

TEST(FormImages, APngBombDoesNotInflateIntoMemory) {
  const std::string bomb = pngBomb(std::size_t{768} << 20);  // 768 MB of zeros in about 1 MB
  ASSERT_LT(bomb.size(), ImageLimits{}.maxBytes);
  const long before = maxRssKb();
  auto r = decodeFormImage(bomb);
  const long grewMb = (maxRssKb() - before) / 1024;
  EXPECT_LT(grewMb, 64) << "one 1x1 decode took " << grewMb << " MB";
  if (r) {
    EXPECT_EQ(r->rgba.size(), 4u);
  }
}

TEST(FormImages, UrlBecomesAPathOnTheSource) {
  auto p = imagePathOf("https://sirekap-obj-formc.kpu.go.id/2851/pemilu/ppwp/31/01/01/10/01/3101011001001-20240214-205639--4f9b.jpg");
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, "/2851/pemilu/ppwp/31/01/01/10/01/3101011001001-20240214-205639--4f9b.jpg");
  EXPECT_FALSE(imagePathOf("file:///etc/passwd"));
  EXPECT_FALSE(imagePathOf("https://host/../../etc/passwd"));
  EXPECT_FALSE(imagePathOf("javascript:alert(1)"));
  // The upload time in the name (WIB): 2024-02-14 20:56:39 WIB is 13:56:39 UTC.
  EXPECT_EQ(photoTimeMs(*p), 1707918999000);
  EXPECT_EQ(photoTimeMs("/x/no-time-here.jpg"), -1);
}

TEST(FormImages, DiskCacheStaysUnderItsCap) {
  const auto dir = pantau::test::tempPath("image_cache");
  std::filesystem::remove_all(dir);
  ImageDiskCache cache(dir, 10000);
  const std::string a(4000, 'a'), b(4000, 'b'), c(4000, 'c');
  cache.put("/x/a.jpg", a);
  cache.put("/x/b.jpg", b);
  EXPECT_EQ(cache.get("/x/a.jpg"), a);
  cache.put("/x/c.jpg", c);  // 12000 > 10000: the oldest goes
  EXPECT_LE(cache.bytesUsed(), 10000u);
  EXPECT_TRUE(cache.get("/x/c.jpg"));
  EXPECT_FALSE(cache.get("/x/nothing.jpg"));
  cache.put("/x/huge.jpg", std::string(20000, 'h'));  // larger than the whole cache: not kept
  EXPECT_FALSE(cache.get("/x/huge.jpg"));
  std::filesystem::remove_all(dir);
}

// Issue 15 item 7: the cache keyed files by path alone ('/' as '_': "/a/b_c.jpg" and "/a_b/c.jpg"
// were one file) and evicted any regular file in its folder ($PANTAU_IMAGE_CACHE=$HOME/Downloads).
TEST(FormImages, DiskCacheKeysDoNotCollideAndEvictOnlyItsOwnFiles) {
  const auto dir = std::filesystem::path(pantau::test::tempPath("image_cache_own"));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(writeFileAtomic(dir / "holiday.jpg", std::string(9000, 'p'), false));  // a person's file
  ImageDiskCache cache(dir, 10000);
  cache.put("/a/b_c.jpg", "one");
  cache.put("/a_b/c.jpg", "two");
  cache.put("http://one\n/x.jpg", "from one source");
  cache.put("http://two\n/x.jpg", "from another");
  EXPECT_EQ(cache.get("/a/b_c.jpg"), "one");
  EXPECT_EQ(cache.get("/a_b/c.jpg"), "two");
  EXPECT_EQ(cache.get("http://one\n/x.jpg"), "from one source");
  EXPECT_EQ(cache.get("http://two\n/x.jpg"), "from another");
  for (int i = 0; i < 5; ++i) cache.put("/big" + std::to_string(i) + ".jpg", std::string(4000, 'x'));
  EXPECT_LE(cache.bytesUsed(), 10000u);
  EXPECT_TRUE(std::filesystem::exists(dir / "holiday.jpg"));
  EXPECT_EQ(std::filesystem::file_size(dir / "holiday.jpg"), 9000u);
  std::filesystem::remove_all(dir);
}
