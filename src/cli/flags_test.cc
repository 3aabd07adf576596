#include "cli/flags.h"

#include <gtest/gtest.h>

namespace entente::cli {
namespace {

const std::vector<FlagSpec> kSpecs = {{"db", true, ""}, {"fast", false, ""}, {"dict", true, ""}};

TEST(FlagsTest, ParsesValuesBooleansAndPositionals) {
  Flags f;
  std::string err;
  ASSERT_TRUE(f.Parse({"a.txt", "--db", "x.db", "--fast", "--dict=one", "--dict", "two", "-"}, kSpecs, &err)) << err;
  EXPECT_EQ(f.Get("db"), "x.db");
  EXPECT_TRUE(f.Has("fast"));
  EXPECT_EQ(f.GetAll("dict"), (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ(f.positional(), (std::vector<std::string>{"a.txt", "-"}));
  EXPECT_EQ(f.Get("missing", "def"), "def");
}

TEST(FlagsTest, RejectsUnknownAndMissingValues) {
  std::string err;
  Flags a;
  EXPECT_FALSE(a.Parse({"--nope"}, kSpecs, &err));
  EXPECT_NE(err.find("--nope"), std::string::npos);
  Flags b;
  EXPECT_FALSE(b.Parse({"--db"}, kSpecs, &err));
  EXPECT_NE(err.find("needs a value"), std::string::npos);
  Flags c;
  EXPECT_FALSE(c.Parse({"--fast=1"}, kSpecs, &err));
}

TEST(FlagsTest, DoubleDashEndsFlags) {
  Flags f;
  std::string err;
  ASSERT_TRUE(f.Parse({"--", "--fast"}, kSpecs, &err));
  EXPECT_FALSE(f.Has("fast"));
  EXPECT_EQ(f.positional().size(), 1u);
}

}  // namespace
}  // namespace entente::cli
