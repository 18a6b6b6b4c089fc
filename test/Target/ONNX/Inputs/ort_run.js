// Runs one ONNX model once under ONNX Runtime (CPU, one thread) for the
// importer's end-to-end tests (e2e.py).
//
//   node ort_run.js SPEC
//
// SPEC is JSON: {"model", "inputs": [{"name", "dtype", "shape", "file"}],
// "output_dir", "optimization"?}; input files hold raw little-endian
// row-major bytes; "optimization" is the graph optimization level ("all",
// the default, or "disabled"). Each output is written raw to
// OUTPUT_DIR/<index>.bin, in the graph's order.
const fs = require('fs');
const path = require('path');
const ort = require(path.join(__dirname, '..', '..', '..', '..', 'bench',
                              'node_modules', 'onnxruntime-node'));

const TYPED = {float32: Float32Array, uint8: Uint8Array, int8: Int8Array,
               int32: Int32Array, int64: BigInt64Array};

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2]));
  const session = await ort.InferenceSession.create(spec.model, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: spec.optimization || 'all',
  });
  const feeds = {};
  for (const input of spec.inputs) {
    const Typed = TYPED[input.dtype];
    const bytes = fs.readFileSync(input.file);
    const data = new Typed(bytes.length / Typed.BYTES_PER_ELEMENT);
    new Uint8Array(data.buffer).set(bytes);
    feeds[input.name] = new ort.Tensor(input.dtype, data, input.shape);
  }
  const results = await session.run(feeds);
  session.outputNames.forEach((name, i) => {
    const t = results[name];
    fs.writeFileSync(path.join(spec.output_dir, i + '.bin'),
                     Buffer.from(t.data.buffer, t.data.byteOffset,
                                 t.data.byteLength));
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
