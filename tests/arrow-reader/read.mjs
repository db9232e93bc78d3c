// Reads an Arrow IPC stream with the official apache-arrow package and prints what it found as one JSON document:
// {"fields":[{"name","type","nullable"}],"batches":N,"num_rows":N,"rows":[[...],...]}. Int64 values (BigInt in
// JavaScript) are printed as decimal strings so no precision is lost on the way back to the C# test; timestamps in
// milliseconds and doubles as JSON numbers (shortest round-trip form; negative zero as the string "-0"); null as
// null. Any read error exits non-zero with the message on stderr.
// Usage: node read.mjs FILE
import { readFileSync } from 'node:fs';
import { RecordBatchReader } from 'apache-arrow';

const file = process.argv[2];
if (!file) {
  console.error('usage: node read.mjs FILE');
  process.exit(2);
}

// The reader detects the format from the first bytes; only the stream format (not the file format) passes.
const reader = RecordBatchReader.from(readFileSync(file)).open();
if (!reader.isStream() || !reader.schema) {
  console.error(`${file} is not an Arrow IPC stream`);
  process.exit(1);
}
const schema = reader.schema; // read it before the batches: the reader lets go of it once it reaches the end
const batches = [...reader];
const rows = [];
for (const batch of batches) {
  for (let row = 0; row < batch.numRows; row++) {
    rows.push(schema.fields.map((_, column) => cell(batch.getChildAt(column).get(row))));
  }
}

process.stdout.write(JSON.stringify({
  fields: schema.fields.map((f) => ({ name: f.name, type: String(f.type), nullable: f.nullable })),
  batches: batches.length,
  num_rows: rows.length,
  rows,
}));

function cell(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (Object.is(value, -0)) return '-0'; // JSON.stringify would print 0
  return value;
}
