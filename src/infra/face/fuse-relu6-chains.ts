/**
 * A load-time rewrite of a tfjs graph model that computes the same function with fewer kernels.
 *
 * Human's `faceres` description model (a Keras MobileNet) was converted without fusing: every layer is
 * `Conv2D` or `DepthwiseConv2dNative`, then the batch norm as `Mul`/`Add` by constants, then ReLU6 as
 * `Relu` → `Minimum(6)` → `Maximum(0)`. On the tfjs WASM backend the element-wise steps with a
 * broadcast constant take a generic slow path: in a profile of one description (~140 ms) the
 * `Minimum`/`Maximum` pairs alone took ~50 ms. This pass rewrites each such chain into one fused
 * convolution (`_FusedConv2D` / `FusedDepthwiseConv2dNative` with `BiasAdd` + `Relu6`), folding the
 * depthwise batch-norm scale into the depthwise filter; a chain that does not match exactly is turned
 * into a single `Relu6`, or left alone.
 *
 * The maths is unchanged (ReLU6 is min(max(x, 0), 6); a per-channel scale after a depthwise convolution
 * is the convolution with the scaled filter); only float rounding may differ, in the last bits. The
 * constants are checked (6 and 0 exactly) before a chain is rewritten, and a model whose weights are
 * stored in a form this pass does not read is returned untouched.
 */

/** A node of a TensorFlow GraphDef as tfjs's model.json stores it. */
export interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, unknown>;
  device?: string;
}

/** A weight entry of a tfjs weights manifest. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string; min?: number; scale?: number; original_dtype?: string };
}

export interface GraphWeights {
  readonly nodes: readonly GraphNode[];
  readonly weightSpecs: readonly WeightSpec[];
  readonly weightData: ArrayBuffer;
}

/** IEEE 754 half precision → number. */
function halfToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** Every half-precision value as float32, built on first use (faceres alone has 3.5 M weights). */
let halfTable: Float32Array | undefined;
const halfToFloatTable = () =>
  (halfTable ??= Float32Array.from({ length: 65536 }, (_, h) => halfToNumber(h)));

type Values = { readonly spec: WeightSpec; values: Float32Array | Int32Array };

/** The weights as plain float32/int32 arrays, or undefined when one is in a form not read here. */
function readWeights(specs: readonly WeightSpec[], data: ArrayBuffer): Map<string, Values> | undefined {
  const out = new Map<string, Values>();
  const view = new DataView(data);
  let offset = 0;
  for (const spec of specs) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const q = spec.quantization;
    if (spec.dtype === 'float32' && q?.dtype === 'float16') {
      const values = new Float32Array(count);
      const table = halfToFloatTable();
      for (let i = 0; i < count; i++) values[i] = table[view.getUint16(offset + 2 * i, true)]!;
      offset += 2 * count;
      out.set(spec.name, { spec, values });
    } else if ((spec.dtype === 'float32' || spec.dtype === 'int32') && !q) {
      const values =
        spec.dtype === 'float32'
          ? new Float32Array(data.slice(offset, offset + 4 * count))
          : new Int32Array(data.slice(offset, offset + 4 * count));
      offset += 4 * count;
      out.set(spec.name, { spec, values });
    } else {
      return undefined;
    }
  }
  return offset === data.byteLength ? out : undefined;
}

const base64 = (s: string) => Buffer.from(s, 'latin1').toString('base64');

/**
 * Rewrites every ReLU6 chain of the graph (see the file comment). Returns the input unchanged when
 * nothing matches or the weights cannot be read; otherwise new nodes and the weights re-serialised as
 * unquantised float32 (tfjs dequantises float16 weights to float32 on load anyway).
 */
export function fuseRelu6Chains(model: GraphWeights): GraphWeights & { readonly fused: number } {
  if (!model.nodes.some((n) => n.op === 'Maximum')) return { ...model, fused: 0 };
  const weights = readWeights(model.weightSpecs, model.weightData);
  if (!weights) return { ...model, fused: 0 };
  const byName = new Map(model.nodes.map((n) => [n.name, n]));
  const consumers = new Map<string, number>();
  for (const n of model.nodes)
    for (const i of n.input ?? []) {
      const name = i.replace(/^\^/, '').replace(/:\d+$/, '');
      consumers.set(name, (consumers.get(name) ?? 0) + 1);
    }
  const single = (name: string) => consumers.get(name) === 1;
  const constValues = (name: string | undefined) => {
    const node = name === undefined ? undefined : byName.get(name);
    return node?.op === 'Const' ? weights.get(node.name) : undefined;
  };
  const isScalar = (name: string | undefined, value: number) => {
    const w = constValues(name);
    return !!w && w.values.length === 1 && w.values[0] === value;
  };
  /** A per-channel float constant of `channels` values. */
  const channelConst = (name: string | undefined, channels?: number) => {
    const w = constValues(name);
    return w &&
      w.spec.dtype === 'float32' &&
      w.spec.shape.length === 1 &&
      (channels ?? w.values.length) === w.values.length
      ? (w as Values & { values: Float32Array })
      : undefined;
  };
  const fusedAttr = (attr: Record<string, unknown> | undefined) => ({
    ...attr,
    num_args: { i: '1' },
    epsilon: { f: 0 },
    fused_ops: { list: { s: [base64('BiasAdd'), base64('Relu6')] } },
  });

  const removed = new Set<string>();
  const replaced = new Map<string, GraphNode>();
  let fused = 0;
  for (const max of model.nodes) {
    if (max.op !== 'Maximum' || !isScalar(max.input?.[1], 0)) continue;
    const min = byName.get(max.input![0]!);
    if (min?.op !== 'Minimum' || !single(min.name) || !isScalar(min.input?.[1], 6)) continue;
    const relu = byName.get(min.input![0]!);
    if (relu?.op !== 'Relu' || !single(relu.name)) continue;
    const chain = [min.name, relu.name];
    let node: GraphNode = {
      name: max.name,
      op: 'Relu6',
      input: [relu.input![0]!],
      attr: { T: { type: 'DT_FLOAT' } },
    };

    const add = byName.get(relu.input![0]!);
    const bias =
      add && ['Add', 'AddV2', 'BiasAdd'].includes(add.op) && single(add.name)
        ? channelConst(add.input?.[1])
        : undefined;
    const before = bias ? byName.get(add!.input![0]!) : undefined;
    if (add && bias && before && single(before.name)) {
      const channels = bias.values.length;
      if (before.op === 'Conv2D') {
        const filter = constValues(before.input?.[1]);
        if (filter && filter.spec.shape[3] === channels) {
          node = {
            name: max.name,
            op: '_FusedConv2D',
            input: [before.input![0]!, before.input![1]!, add.input![1]!],
            attr: fusedAttr(before.attr),
          };
          chain.push(add.name, before.name);
        }
      } else if (before.op === 'Mul') {
        const scale = channelConst(before.input?.[1], channels);
        const depthwise = byName.get(before.input![0]!);
        const filter =
          depthwise?.op === 'DepthwiseConv2dNative' ? constValues(depthwise.input?.[1]) : undefined;
        // Only a depthwise filter of multiplier 1 ([h, w, channels, 1]) used by this node alone.
        if (
          scale &&
          depthwise &&
          filter &&
          single(depthwise.name) &&
          single(filter.spec.name) &&
          filter.spec.shape[2] === channels &&
          filter.spec.shape[3] === 1
        ) {
          const scaled = Float32Array.from(filter.values, (v, i) => v * scale.values[i % channels]!);
          filter.values = scaled;
          node = {
            name: max.name,
            op: 'FusedDepthwiseConv2dNative',
            input: [depthwise.input![0]!, depthwise.input![1]!, add.input![1]!],
            attr: fusedAttr(depthwise.attr),
          };
          chain.push(add.name, before.name, depthwise.name);
        }
      }
    }
    for (const c of chain) removed.add(c);
    replaced.set(max.name, node);
    fused++;
  }
  if (fused === 0) return { ...model, fused: 0 };

  const nodes = model.nodes.filter((n) => !removed.has(n.name)).map((n) => replaced.get(n.name) ?? n);
  const specs: WeightSpec[] = [];
  const parts: Uint8Array[] = [];
  for (const { spec, values } of weights.values()) {
    specs.push({ name: spec.name, shape: spec.shape, dtype: spec.dtype });
    parts.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  const weightData = new Uint8Array(parts.reduce((a, p) => a + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    weightData.set(p, at);
    at += p.byteLength;
  }
  return { nodes, weightSpecs: specs, weightData: weightData.buffer, fused };
}
