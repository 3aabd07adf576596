// Stand-in for the PostgreSQL engine when built with -DENTENTE_POSTGRES=OFF.
#include "store/store_internal.h"

namespace entente::store_internal {

Result<std::unique_ptr<Store>> OpenPostgres(const std::string& url, const StoreOptions&, int) {
  return Status::Unsupported("this entente was built without PostgreSQL support (ENTENTE_POSTGRES=OFF)");
}

}  // namespace entente::store_internal
