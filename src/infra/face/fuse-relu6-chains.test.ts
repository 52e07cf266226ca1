import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuseRelu6Chains, type GraphNode, type WeightSpec } from './fuse-relu6-chains';

const require = createRequire(import.meta.url);
const models = join(dirname(require.resolve('@vladmandic/human')), '..', 'models');
function load(name: string) {
  const json = JSON.parse(readFileSync(join(models, `${name}.json`), 'utf8')) as {
    modelTopology: { node: GraphNode[] };
    weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  };
  const all = Buffer.concat(
    json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(models, p)))),
  );
  return {
    nodes: json.modelTopology.node,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
  };
}
const ops = (nodes: readonly GraphNode[]) => {
  const count: Record<string, number> = {};
  for (const n of nodes) count[n.op] = (count[n.op] ?? 0) + 1;
  return count;
};

describe('fuseRelu6Chains', () => {
  it("turns every convolution → batch norm → ReLU6 chain of Human's faceres into one fused kernel", () => {
    const fused = fuseRelu6Chains(load('faceres'));
    expect(fused.fused).toBe(27);
    const count = ops(fused.nodes);
    expect(count).toMatchObject({ _FusedConv2D: 14, FusedDepthwiseConv2dNative: 13 });
    for (const gone of ['Conv2D', 'DepthwiseConv2dNative', 'Relu', 'Minimum', 'Maximum', 'Mul', 'Add'])
      expect(count[gone], gone).toBeUndefined();
    // Every input still names a node of the graph.
    const names = new Set(fused.nodes.map((n) => n.name));
    for (const n of fused.nodes)
      for (const i of n.input ?? []) expect(names.has(i.replace(/:\d+$/, '')), i).toBe(true);
    // Weights re-serialised as plain float32 (and the one int32 constant), every byte accounted for.
    const bytes = fused.weightSpecs.reduce((a, s) => a + 4 * s.shape.reduce((x, y) => x * y, 1), 0);
    expect(fused.weightData.byteLength).toBe(bytes);
    expect(fused.weightSpecs.every((s) => !s.quantization)).toBe(true);
  });

  it('leaves models without such chains untouched', () => {
    for (const name of ['blazeface', 'facemesh', 'antispoof', 'liveness']) {
      const model = load(name);
      const result = fuseRelu6Chains(model);
      expect(result.fused, name).toBe(0);
      expect(result.nodes).toBe(model.nodes);
      expect(result.weightData).toBe(model.weightData);
    }
  });
});
