// Internal to the interop stage: helpers of the importer that its tests reach directly.
#ifndef ENTENTE_INTEROP_IMPORT_INTERNAL_H_
#define ENTENTE_INTEROP_IMPORT_INTERNAL_H_

#include "entente/event.h"

namespace entente::interop {

// Makes *e equal to a default-constructed Event (ToJson(*e) == ToJson(Event())) while keeping
// the capacity of its strings, so the importer can refill the same Event objects batch after
// batch without allocating. Every field of Event must be reset here (interop_test checks it).
void ResetEvent(Event* e);

}  // namespace entente::interop

#endif  // ENTENTE_INTEROP_IMPORT_INTERNAL_H_
