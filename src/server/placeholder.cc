// Placeholder so the stage library links before its sources land.
