#include <gtest/gtest.h>

#include "pantau/data/sirekap/region_code.hpp"

using namespace pantau::data;

TEST(RegionCode, ValidCodesOfEveryLevel) {
  EXPECT_TRUE(isValidCode("11"));
  EXPECT_TRUE(isValidCode("1101"));
  EXPECT_TRUE(isValidCode("99BF"));
  EXPECT_TRUE(isValidCode("110101"));
  EXPECT_TRUE(isValidCode("1101012001"));
  EXPECT_TRUE(isValidCode("1101012001001"));
  EXPECT_TRUE(isValidCode("99AB010001008"));
}

TEST(RegionCode, HostileOrMisshapenCodesAreRejected) {
  for (const char* bad : {"", "1", "111", "11/01", "..", "../../etc", "11a1", "1101 ", "11\n1",
                          "11010120010011", "ab", "11%2F"})
    EXPECT_FALSE(isValidCode(bad)) << bad;
}

TEST(RegionCode, ChildExtendsParentByOneLevel) {
  EXPECT_TRUE(isChildCode("", "11"));
  EXPECT_TRUE(isChildCode("11", "1101"));
  EXPECT_TRUE(isChildCode("1101012001", "1101012001001"));
  EXPECT_FALSE(isChildCode("11", "1201"));          // other province
  EXPECT_FALSE(isChildCode("11", "110101"));        // skips a level
  EXPECT_FALSE(isChildCode("1101012001001", "1"));  // TPS has no children
}

TEST(RegionCode, LevelsAndLengths) {
  EXPECT_EQ(levelOfLength(13), 5);
  EXPECT_EQ(levelOfLength(7), -1);
  EXPECT_EQ(codeLength(Level::Village), 10u);
  EXPECT_EQ(RegionCode::from("99BF").view(), "99BF");
}
