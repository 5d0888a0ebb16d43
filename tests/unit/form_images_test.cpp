// Form images: decoding with limits checked before decoding, URL to source path, the disk cache cap.

#include <gtest/gtest.h>
#include <stb_image_write.h>

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
}  // namespace

TEST(FormImages, DecodesAndRefusesWhatIsOverTheLimits) {
  auto ok = decodeFormImage(png(40, 30));
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->width, 40);
  EXPECT_EQ(ok->height, 30);
  EXPECT_EQ(ok->rgba.size(), 40u * 30 * 4);
  // A header that claims 9000 x 9000 pixels (81 M): refused from the header, nothing decoded.
  std::string huge = png(40, 30);
  const unsigned char dims[8] = {0, 0, 0x23, 0x28, 0, 0, 0x23, 0x28};  // IHDR width, height
  huge.replace(16, 8, reinterpret_cast<const char*>(dims), 8);
  auto big = decodeFormImage(huge);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::TooLarge);
  EXPECT_NE(big.error().message.find("9000x9000"), std::string::npos) << big.error().message;
  // Bytes over the limit, truncated, not an image at all.
  EXPECT_EQ(decodeFormImage(png(40, 30), ImageLimits{100, 1000}).error().code, ErrorCode::TooLarge);
  // 100000 x 100000: stb_image itself refuses the header before any allocation.
  const unsigned char vast[8] = {0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0};
  huge.replace(16, 8, reinterpret_cast<const char*>(vast), 8);
  EXPECT_FALSE(decodeFormImage(huge));
  auto cut = decodeFormImage(png(40, 30).substr(0, 60));
  ASSERT_FALSE(cut);
  EXPECT_NE(cut.error().message.find("image"), std::string::npos);
  EXPECT_FALSE(decodeFormImage("<html>503</html>"));
  EXPECT_FALSE(decodeFormImage(""));
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
