// Vision models for inference, built in code with seeded random weights (no converter, no download):
// - mobileNetV2Layers: a tfjs-layers MobileNetV2 (α 0.35, 96×96×3 input, 1000 classes) laid out as Keras's
//   MobileNetV2(weights=None): conv 3×3/2 + BN + ReLU6, 17 inverted residual blocks (1×1 expand, 3×3 depthwise,
//   1×1 project, each with batch norm), conv 1×1 to 1280, global average pooling, dense softmax.
// - mobileNetGraphModel: the same network as tensorflowjs_converter emits it (batch norm folded into the
//   convolutions, `_FusedConv2D` / `FusedDepthwiseConv2dNative` nodes with BiasAdd + Relu6, `_FusedMatMul`),
//   with a bilinear resize of the input to 128×128 in front, loaded through tf.loadGraphModel(tf.io.fromMemory()).
// Both are seeded: the same weights on every backend. The Python converter is not used: the Python package
// registry is not reachable here, so the graph is written node by node as the converter would.

import { mulberry32 } from '../dist/data/random.js';

const ALPHA = 0.35;
/** Keras's _make_divisible: channels rounded to a multiple of 8, never more than 10% below. */
function divisible(value, divisor = 8) {
  const rounded = Math.max(divisor, Math.floor((value + divisor / 2) / divisor) * divisor);
  return rounded < 0.9 * value ? rounded + divisor : rounded;
}
/** Inverted residual blocks of MobileNetV2: expansion t, output channels c, repeats n, first stride s. */
const BLOCKS = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

/** Each block's layer plan: [input channels, expanded channels, output channels, stride, residual]. */
function blockPlan() {
  const plan = [];
  let channels = divisible(32 * ALPHA);
  for (const [t, c, n, s] of BLOCKS) {
    const out = divisible(c * ALPHA);
    for (let i = 0; i < n; i++) {
      const stride = i === 0 ? s : 1;
      plan.push([channels, channels * t, out, stride, stride === 1 && channels === out]);
      channels = out;
    }
  }
  return { stem: divisible(32 * ALPHA), plan, last: 1280 };
}

/** The tfjs-layers MobileNetV2 (seeded random weights). */
export function mobileNetV2Layers(tf, { size = 96, classes = 1000, seed = 1 } = {}) {
  let nextSeed = seed;
  const init = () => tf.initializers.glorotUniform({ seed: nextSeed++ });
  const { stem, plan, last } = blockPlan();
  const input = tf.input({ shape: [size, size, 3] });
  const bnRelu6 = (x, relu = true) => {
    const normed = tf.layers
      .batchNormalization({
        epsilon: 1e-3,
        momentum: 0.999,
        gammaInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: nextSeed++ }),
        betaInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: nextSeed++ }),
        movingMeanInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: nextSeed++ }),
        movingVarianceInitializer: tf.initializers.randomUniform({ minval: 0.5, maxval: 1.5, seed: nextSeed++ }),
      })
      .apply(x);
    return relu ? tf.layers.reLU({ maxValue: 6 }).apply(normed) : normed;
  };
  const conv = (x, filters, kernelSize, strides) =>
    tf.layers
      .conv2d({ filters, kernelSize, strides, padding: 'same', useBias: false, kernelInitializer: init() })
      .apply(x);
  let x = bnRelu6(conv(input, stem, 3, 2));
  for (const [, expanded, out, stride, residual] of plan) {
    const blockInput = x;
    let h = expanded === x.shape[3] ? x : bnRelu6(conv(x, expanded, 1, 1));
    h = bnRelu6(
      tf.layers
        .depthwiseConv2d({
          kernelSize: 3,
          strides: stride,
          padding: 'same',
          useBias: false,
          depthwiseInitializer: init(),
        })
        .apply(h),
    );
    h = bnRelu6(conv(h, out, 1, 1), false);
    x = residual ? tf.layers.add().apply([blockInput, h]) : h;
  }
  x = bnRelu6(conv(x, last, 1, 1));
  x = tf.layers.globalAveragePooling2d({}).apply(x);
  const output = tf.layers.dense({ units: classes, activation: 'softmax', kernelInitializer: init() }).apply(x);
  return tf.model({ inputs: input, outputs: output });
}

// --- The graph model: nodes as tensorflowjs_converter writes them (attribute strings base64-encoded).
const b64 = (s) => Buffer.from(s).toString('base64');
const ints = (values) => ({ list: { i: values.map(String) } });
const str = (s) => ({ s: b64(s) });
const FLOAT = { type: 'DT_FLOAT' };

/** The graph-model artifacts (modelTopology, weightSpecs, weightData) of the converted MobileNetV2. */
export function mobileNetGraphArtifacts({ inputSize = 96, resizeTo = 128, classes = 1000, seed = 1 } = {}) {
  const random = mulberry32(seed);
  const nodes = [];
  const specs = [];
  const chunks = [];
  const constant = (name, shape, values, dtype = 'float32') => {
    specs.push({ name, shape, dtype });
    chunks.push(dtype === 'int32' ? Int32Array.from(values) : Float32Array.from(values));
    nodes.push({
      name,
      op: 'Const',
      attr: {
        dtype: { type: dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT' },
        value: {
          tensor: {
            dtype: dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT',
            tensorShape: { dim: shape.map((size) => ({ size: String(size) })) },
          },
        },
      },
    });
    return name;
  };
  const uniform = (n, limit) => Array.from({ length: n }, () => (2 * random() - 1) * limit);
  const weights = (name, shape, fanIn) =>
    constant(
      name,
      shape,
      uniform(
        shape.reduce((a, b) => a * b, 1),
        Math.sqrt(3 / fanIn),
      ),
    );
  const fusedAttrs = (strides, activation) => ({
    T: FLOAT,
    strides: ints([1, strides, strides, 1]),
    padding: str('SAME'),
    data_format: str('NHWC'),
    dilations: ints([1, 1, 1, 1]),
    num_args: { i: '1' },
    fused_ops: { list: { s: (activation ? ['BiasAdd', activation] : ['BiasAdd']).map(b64) } },
  });
  let layer = 0;
  const conv = (input, inC, outC, size, strides, activation) => {
    const name = `conv${layer++}`;
    const filter = weights(`${name}/weights`, [size, size, inC, outC], size * size * inC);
    const bias = constant(`${name}/bias`, [outC], uniform(outC, 0.1));
    nodes.push({ name, op: '_FusedConv2D', input: [input, filter, bias], attr: fusedAttrs(strides, activation) });
    return name;
  };
  const depthwise = (input, channels, strides) => {
    const name = `depthwise${layer++}`;
    const filter = weights(`${name}/weights`, [3, 3, channels, 1], 9);
    const bias = constant(`${name}/bias`, [channels], uniform(channels, 0.1));
    nodes.push({
      name,
      op: 'FusedDepthwiseConv2dNative',
      input: [input, filter, bias],
      attr: fusedAttrs(strides, 'Relu6'),
    });
    return name;
  };
  nodes.push({
    name: 'input',
    op: 'Placeholder',
    attr: {
      dtype: FLOAT,
      shape: { shape: { dim: [-1, inputSize, inputSize, 3].map((size) => ({ size: String(size) })) } },
    },
  });
  const size = constant('resize/size', [2], [resizeTo, resizeTo], 'int32');
  nodes.push({
    name: 'resize',
    op: 'ResizeBilinear',
    input: ['input', size],
    attr: { T: FLOAT, align_corners: { b: false }, half_pixel_centers: { b: true } },
  });
  const { stem, plan, last } = blockPlan();
  let x = conv('resize', 3, stem, 3, 2, 'Relu6');
  for (const [inC, expanded, out, stride, residual] of plan) {
    let h = expanded === inC ? x : conv(x, inC, expanded, 1, 1, 'Relu6');
    h = depthwise(h, expanded, stride);
    h = conv(h, expanded, out, 1, 1, null);
    if (residual) {
      const name = `add${layer++}`;
      nodes.push({ name, op: 'AddV2', input: [x, h], attr: { T: FLOAT } });
      h = name;
    }
    x = h;
  }
  x = conv(x, plan[plan.length - 1][2], last, 1, 1, 'Relu6');
  const axes = constant('pool/axes', [2], [1, 2], 'int32');
  nodes.push({ name: 'pool', op: 'Mean', input: [x, axes], attr: { T: FLOAT, keep_dims: { b: false } } });
  const dense = weights('logits/weights', [last, classes], last);
  const denseBias = constant('logits/bias', [classes], uniform(classes, 0.1));
  nodes.push({
    name: 'logits',
    op: '_FusedMatMul',
    input: ['pool', dense, denseBias],
    attr: {
      T: FLOAT,
      transpose_a: { b: false },
      transpose_b: { b: false },
      num_args: { i: '1' },
      fused_ops: { list: { s: [b64('BiasAdd')] } },
    },
  });
  nodes.push({ name: 'probabilities', op: 'Softmax', input: ['logits'], attr: { T: FLOAT } });
  const bytes = chunks.reduce((n, c) => n + c.byteLength, 0);
  const weightData = new Uint8Array(bytes);
  let offset = 0;
  for (const c of chunks) {
    weightData.set(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), offset);
    offset += c.byteLength;
  }
  return {
    modelTopology: { node: nodes, library: {}, versions: { producer: 1 } },
    weightSpecs: specs,
    weightData: weightData.buffer,
    format: 'graph-model',
    generatedBy: 'tfjs-backend-simd bench',
    convertedBy: null,
  };
}

/** Loads the graph model on the current backend. */
export async function mobileNetGraphModel(tf, loadGraphModel, options) {
  const { modelTopology, weightSpecs, weightData } = mobileNetGraphArtifacts(options);
  return loadGraphModel(tf.io.fromMemory({ modelTopology, weightSpecs, weightData, format: 'graph-model' }));
}
