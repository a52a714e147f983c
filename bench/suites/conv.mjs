// Convolutions: Conv2D forward throughput (GFLOPS = 2·N·H·W·F·(3·3·C) / median time) at [64×28×28×16] ⊛
// 3×3×16×32 and of its two gradients, next to the GEMM of the same size (the im2col product [50176×144]·[144×32]) and a 512³ GEMM on
// 'simd'; and one training step (forward, backward, Adam) of two small conv autoencoders on a batch of 64
// 28×28×1 images: the detector's network (conv 16 and 32 stride 2, dense 32, upsample + conv back) and a
// purely convolutional one with transposed convolutions. tfjs-backend-wasm has no Conv2DBackpropFilter: its
// training rows stay empty and the error is printed. Then 3-D convolutions and pooling over a batch of clips
// ([4×8×32×32×8] ⊛ 3×3×3×8×16) and their gradients.
//
// Runs under bench/run.mjs: `npm run bench -- --suite conv`.
const BATCH = 64;
const FORWARD = { x: [BATCH, 28, 28, 16], filter: [3, 3, 16, 32] };
const FORWARD_FLOPS = 2 * BATCH * 28 * 28 * 32 * (3 * 3 * 16);

/** A conv autoencoder with transposed convolutions: 1 → 16 → 32 (stride 2 each) → 16 → 1, sigmoid output. */
function transposedAutoencoder(tf) {
  const glorot = (shape, seed) => {
    const [h, w, a, b] = shape;
    const limit = Math.sqrt(6 / (h * w * (a + b)));
    return tf.variable(tf.randomUniform(shape, -limit, limit, 'float32', seed));
  };
  const v = {
    conv1: glorot([3, 3, 1, 16], 1),
    bias1: tf.variable(tf.zeros([16])),
    conv2: glorot([3, 3, 16, 32], 2),
    bias2: tf.variable(tf.zeros([32])),
    deconv1: glorot([3, 3, 16, 32], 3),
    bias3: tf.variable(tf.zeros([16])),
    deconv2: glorot([3, 3, 1, 16], 4),
    bias4: tf.variable(tf.zeros([1])),
  };
  const reconstruct = (x) => {
    const n = x.shape[0];
    const h1 = tf.relu(tf.add(tf.conv2d(x, v.conv1, 2, 'same'), v.bias1));
    const h2 = tf.relu(tf.add(tf.conv2d(h1, v.conv2, 2, 'same'), v.bias2));
    const d1 = tf.relu(tf.add(tf.conv2dTranspose(h2, v.deconv1, [n, 14, 14, 16], 2, 'same'), v.bias3));
    return tf.sigmoid(tf.add(tf.conv2dTranspose(d1, v.deconv2, [n, 28, 28, 1], 2, 'same'), v.bias4));
  };
  return {
    variables: Object.values(v),
    reconstructionError: (x) => tf.sum(tf.squaredDifference(reconstruct(x), x), [1, 2, 3]),
    dispose: () => tf.dispose(Object.values(v)),
  };
}

export default async function conv(ctx) {
  const { tf, backends, quick } = ctx;
  await import('@tensorflow/tfjs'); // gradients of tfjs-core's ops
  const { ConvAutoencoder } = await import('../../dist/models/conv_autoencoder.js');

  // Conv2D forward on every backend (tfjs-backend-cpu takes about a second a call: left out of --quick).
  for (const backend of backends) {
    if (backend === 'cpu' && quick) continue;
    await ctx.use(backend);
    const x = tf.randomUniform(FORWARD.x, -1, 1, 'float32', 1);
    const filter = tf.randomUniform(FORWARD.filter, -1, 1, 'float32', 2);
    const slow = backend === 'cpu';
    await ctx.measure('Conv2D fwd [64×28×28×16] ⊛ 3×3×16×32, same', () => tf.conv2d(x, filter, 1, 'same'), {
      backend,
      flops: FORWARD_FLOPS,
      runs: slow ? 3 : undefined,
      minMs: slow ? 0 : undefined,
      warmup: slow ? 1 : undefined,
    });
    tf.dispose([x, filter]);
  }

  // Both gradients at the same size, on the backends other than tfjs-backend-cpu (wasm has no filter gradient).
  const gradients = [
    [
      'Conv2DBackpropInput [64×28×28×32] → [64×28×28×16], 3×3',
      (_x, filter, dy) => tf.conv2dTranspose(dy, filter, FORWARD.x, 1, 'same'),
    ],
    [
      'Conv2DBackpropFilter [64×28×28×16], [64×28×28×32] → 3×3×16×32',
      (x, _filter, dy) =>
        tf
          .engine()
          .runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'same', filterShape: FORWARD.filter }),
    ],
  ];
  for (const [name, gradient] of gradients) {
    for (const backend of backends.filter((b) => b !== 'cpu')) {
      await ctx.use(backend);
      const x = tf.randomUniform(FORWARD.x, -1, 1, 'float32', 1);
      const filter = tf.randomUniform(FORWARD.filter, -1, 1, 'float32', 2);
      const dy = tf.randomUniform([BATCH, 28, 28, 32], -1, 1, 'float32', 3);
      try {
        await ctx.measure(name, () => gradient(x, filter, dy), { backend, flops: FORWARD_FLOPS });
      } catch (error) {
        console.log(`conv: '${name}' cannot run on ${backend}: ${error.message}`);
      }
      tf.dispose([x, filter, dy]);
    }
  }

  // 3-D convolutions and pooling over a batch of short clips, on every backend (the CPU's take ~0.2 s a call).
  const clip = { x: [4, 8, 32, 32, 8], filter: [3, 3, 3, 8, 16], y: [4, 8, 32, 32, 16] };
  const clipFlops = 2 * 4 * 8 * 32 * 32 * 16 * (3 * 3 * 3 * 8);
  const volumes = [
    ['Conv3D fwd [4×8×32×32×8] ⊛ 3×3×3×8×16, same', clipFlops, (x, filter) => tf.conv3d(x, filter, 1, 'same')],
    [
      'Conv3DBackpropInputV2 [4×8×32×32×16] → [4×8×32×32×8], 3×3×3',
      clipFlops,
      (_x, filter, dy) =>
        tf.engine().runKernel('Conv3DBackpropInputV2', { dy, filter }, { inputShape: clip.x, strides: 1, pad: 'same' }),
    ],
    [
      'Conv3DBackpropFilterV2 [4×8×32×32×8], [4×8×32×32×16] → 3×3×3×8×16',
      clipFlops,
      (x, _filter, dy) =>
        tf
          .engine()
          .runKernel('Conv3DBackpropFilterV2', { x, dy }, { filterShape: clip.filter, strides: 1, pad: 'same' }),
    ],
    ['MaxPool3D [4×8×32×32×8], 2×2×2 stride 2', undefined, (x) => tf.maxPool3d(x, 2, 2, 'valid')],
    ['AvgPool3D [4×8×32×32×8], 2×2×2 stride 2', undefined, (x) => tf.avgPool3d(x, 2, 2, 'valid')],
    [
      'MaxPool3DGrad [4×4×16×16×8] → [4×8×32×32×8], 2×2×2 stride 2',
      undefined,
      (x, _filter, _dy, pooledDy) =>
        tf.engine().runKernel('MaxPool3DGrad', { dy: pooledDy, input: x }, { filterSize: 2, strides: 2, pad: 'valid' }),
    ],
  ];
  for (const [name, flops, run] of volumes) {
    for (const backend of backends) {
      if (backend === 'cpu' && quick) continue;
      await ctx.use(backend);
      const x = tf.randomUniform(clip.x, -1, 1, 'float32', 1);
      const filter = tf.randomUniform(clip.filter, -1, 1, 'float32', 2);
      const dy = tf.randomUniform(clip.y, -1, 1, 'float32', 3);
      const pooledDy = tf.randomUniform([4, 4, 16, 16, 8], -1, 1, 'float32', 4);
      const slow = backend === 'cpu';
      try {
        await ctx.measure(name, () => run(x, filter, dy, pooledDy), {
          backend,
          flops,
          runs: slow ? 3 : undefined,
          minMs: slow ? 0 : undefined,
          warmup: slow ? 1 : undefined,
        });
      } catch (error) {
        console.log(`conv: '${name}' cannot run on ${backend}: ${error.message}`);
      }
      tf.dispose([x, filter, dy, pooledDy]);
    }
  }

  // The GEMMs the 60% target refers to, on the simd builds.
  const gemms = [
    ['GEMM of the same size [50176×144]·[144×32]', 50176, 32, 144],
    ['GEMM 512³', 512, 512, 512],
  ];
  for (const [name, m, n, k] of gemms) {
    for (const backend of backends.filter((b) => b.startsWith('simd'))) {
      await ctx.use(backend);
      const a = tf.randomUniform([m, k], -1, 1);
      const b = tf.randomUniform([k, n], -1, 1);
      await ctx.measure(name, () => tf.matMul(a, b), { backend, flops: 2 * m * n * k });
      tf.dispose([a, b]);
    }
  }

  // One training step of each autoencoder on every backend that has the kernels.
  const networks = [
    [
      'train step, detector conv AE (conv16-conv32-dense32-upsample), batch 64',
      () => new ConvAutoencoder({ imageShape: [28, 28, 1], filters: [16, 32], seed: 1 }),
      false,
    ],
    ['train step, conv AE with Conv2DTranspose (16-32-16-1), batch 64', () => transposedAutoencoder(tf), true],
  ];
  for (const [name, build, cpuInQuick] of networks) {
    for (const backend of backends) {
      // A tfjs-backend-cpu step takes 5 to 20 s: under --quick only the smaller network runs there, once.
      if (backend === 'cpu' && quick && !cpuInQuick) continue;
      await ctx.use(backend);
      const model = build();
      const optimizer = tf.train.adam(1e-3);
      const images = tf.randomUniform([BATCH, 28, 28, 1], 0, 1, 'float32', 3);
      const step = () => optimizer.minimize(() => tf.mean(model.reconstructionError(images)), true, model.variables);
      const slow = backend === 'cpu';
      try {
        const slowRuns = quick ? 1 : 3;
        await ctx.measure(name, step, {
          backend,
          runs: slow ? slowRuns : undefined,
          minMs: slow ? 0 : undefined,
          warmup: slow ? 1 : undefined,
        });
      } catch (error) {
        console.log(`conv: '${name}' cannot run on ${backend}: ${error.message}`);
      }
      optimizer.dispose();
      model.dispose();
      images.dispose();
    }
  }
}
