// Runs ONNX models under ONNX Runtime (CPU execution provider) for the
// conformance harness (onnx_conformance.py).
//
//   node ort_run.js MANIFEST RESULT
//
// MANIFEST is JSON: {"runs": [{"id", "model", "optimization", "inputs":
// [{"name", "dtype", "shape", "file"}], "output_dir"}]}. Each input file
// holds the tensor's raw little-endian, row-major bytes. For each run, one
// inference (graphOptimizationLevel `optimization`: "all", the default and
// what users run, or "disabled"), one thread; each output is written raw to
// OUTPUT_DIR/<index>.bin. RESULT receives {"runs": [{"id", "error"?,
// "outputs": [{"name", "dtype", "shape", "file"}]}]}. A model that fails to
// load or run is reported in its run's "error"; the others go on. Sessions
// are shared by the runs of one model and optimization level, so that one
// Node process runs many models and input sets.
//
// Required as a module (bench/ort_models_bench.js), it exports `ort` and
// `readTensor` instead of running.
const fs = require('fs');
const path = require('path');

function loadOrt() {
  const candidates = [
    'onnxruntime-node',
    path.join(__dirname, '..', '..', '..', 'bench', 'node_modules',
              'onnxruntime-node'),
  ];
  for (const c of candidates) {
    try {
      return require(c);
    } catch (e) {
      if (e.code !== 'MODULE_NOT_FOUND')
        throw e;
    }
  }
  throw new Error('onnxruntime-node not found: run npm install in bench/ ' +
                  'or set NODE_PATH');
}

const ort = loadOrt();

const TYPED = {
  float32: Float32Array,
  uint8: Uint8Array,
  int8: Int8Array,
  int32: Int32Array,
  int64: BigInt64Array,
};

function readTensor(spec) {
  const Typed = TYPED[spec.dtype];
  if (!Typed)
    throw new Error(`input ${spec.name}: unsupported dtype ${spec.dtype}`);
  const bytes = fs.readFileSync(spec.file);
  const count = spec.shape.reduce((a, b) => a * b, 1);
  if (bytes.length !== count * Typed.BYTES_PER_ELEMENT)
    throw new Error(`input ${spec.name}: ${spec.file} has ${bytes.length} ` +
                    `bytes, shape [${spec.shape}] needs ` +
                    `${count * Typed.BYTES_PER_ELEMENT}`);
  // Copy into an aligned buffer of its own.
  const data = new Typed(count);
  new Uint8Array(data.buffer).set(bytes);
  return new ort.Tensor(spec.dtype, data, spec.shape);
}

async function main() {
  const [manifestPath, resultPath] = process.argv.slice(2);
  if (!manifestPath || !resultPath) {
    console.error('usage: node ort_run.js MANIFEST RESULT');
    process.exit(2);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestPath));
  const sessions = new Map();
  const results = [];
  for (const run of manifest.runs) {
    const result = {id: run.id, outputs: []};
    results.push(result);
    try {
      const level = run.optimization || 'all';
      const key = `${run.model}\0${level}`;
      if (!sessions.has(key)) {
        sessions.set(key, await ort.InferenceSession.create(run.model, {
          executionProviders: ['cpu'],
          intraOpNumThreads: 1,
          interOpNumThreads: 1,
          graphOptimizationLevel: level,
        }));
      }
      const session = sessions.get(key);
      const feeds = {};
      for (const spec of run.inputs)
        feeds[spec.name] = readTensor(spec);
      const outputs = await session.run(feeds);
      fs.mkdirSync(run.output_dir, {recursive: true});
      session.outputNames.forEach((name, index) => {
        const t = outputs[name];
        const file = path.join(run.output_dir, `${index}.bin`);
        fs.writeFileSync(file, Buffer.from(t.data.buffer, t.data.byteOffset,
                                           t.data.byteLength));
        result.outputs.push({name, dtype: t.type, shape: t.dims, file});
      });
    } catch (e) {
      result.error = String(e && e.message ? e.message : e);
    }
  }
  fs.writeFileSync(resultPath, JSON.stringify({runs: results}, null, 1));
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

module.exports = {ort, readTensor};
