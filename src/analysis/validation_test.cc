#include "base/testutil.h"
