// Applies the hub's patches (pure, unit-tested). The server sends a whole snapshot when the page joins a view, then
// only what changed (docs/design.md, "Serving"; Host/Web/Live/SnapshotPatch.cs writes the format):
// - an object lists the properties whose values changed; an object value is itself a patch for the object held;
// - a list of rows with an identity is {"$key": [fields], "$upsert": [rows], "$remove": [keys]}: each upserted row
//   carries its key fields and its changed fields (a new row, all of them); a removed row is named by its key (one
//   value, or a list of values for a compound key);
// - any other value is sent whole, null included (null is a value here, not a removal).

type Json = null | boolean | number | string | Json[] | { [name: string]: Json };
type JsonObject = { [name: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKeyedPatch(value: unknown): value is { $key: string[]; $upsert: JsonObject[]; $remove: Json[] } {
  return isObject(value) && Array.isArray(value.$key) && Array.isArray(value.$upsert) && Array.isArray(value.$remove);
}

function idOf(row: JsonObject, key: readonly string[]): string {
  return key.map((field) => JSON.stringify(row[field] ?? null)).join('\u001f');
}

function removedId(removed: Json, key: readonly string[]): string {
  return key.length === 1 ? JSON.stringify(removed) : (Array.isArray(removed) ? removed : []).map((v) => JSON.stringify(v)).join('\u001f');
}

function applyRows(rows: readonly Json[], patch: { $key: string[]; $upsert: JsonObject[]; $remove: Json[] }): Json[] {
  const key = patch.$key;
  const removed = new Set(patch.$remove.map((r) => removedId(r, key)));
  const result: Json[] = [];
  const index = new Map<string, number>();
  for (const row of rows) {
    if (!isObject(row)) continue;
    const id = idOf(row, key);
    if (removed.has(id)) continue;
    index.set(id, result.length);
    result.push(row);
  }
  for (const upsert of patch.$upsert) {
    const id = idOf(upsert, key);
    const at = index.get(id);
    if (at === undefined) {
      index.set(id, result.length);
      result.push(upsert);
    } else {
      result[at] = applyPatch(result[at] as JsonObject, upsert);
    }
  }
  return result;
}

/** A new object: `target` with `patch` applied. Neither is changed. */
export function applyPatch<T extends object>(target: T, patch: object): T {
  const result: JsonObject = { ...(target as JsonObject) };
  for (const [name, change] of Object.entries(patch as JsonObject)) {
    const current = result[name];
    if (isKeyedPatch(change)) result[name] = applyRows(Array.isArray(current) ? current : [], change);
    else if (isObject(change) && isObject(current)) result[name] = applyPatch(current, change);
    else result[name] = change;
  }
  return result as T;
}
