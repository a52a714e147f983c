// Single tfjs ops at the sizes models and their training steps run them: element-wise (unary, binary with
// each kind of broadcast), reductions, softmax, pools and layout ops, each as the public op (tfjs's engine
// included, as a program pays it) on a [256 × 512] batch unless the case says otherwise. The backends take
// turns, round after round (ctx.measureTurns), so a slow spell of a shared host hits them alike.
//
// Runs under bench/run.mjs (`npm run bench -- --suite ops`).

/** [name, inputs(): the op's tensors (made on the active backend), op(...inputs)]. */
function opCases(tf) {
  const batch = [256, 512];
  const normal = (shape = batch, seed = 1) => tf.randomNormal(shape, 0, 1, 'float32', seed);
  const positive = (shape = batch) => tf.randomUniform(shape, 0.1, 2, 'float32', 2);
  const one =
    (shape = batch) =>
    () => [normal(shape)];
  const two = () => [normal(), normal(batch, 3)];
  return [
    ['relu', one(), (x) => tf.relu(x)],
    ['neg', one(), (x) => tf.neg(x)],
    ['square', one(), (x) => tf.square(x)],
    ['clipByValue(x, -1, 1)', one(), (x) => tf.clipByValue(x, -1, 1)],
    ['sigmoid', one(), (x) => tf.sigmoid(x)],
    ['tanh', one(), (x) => tf.tanh(x)],
    ['exp', one(), (x) => tf.exp(x)],
    ['log', () => [positive()], (x) => tf.log(x)],
    ['elu', one(), (x) => tf.elu(x)],
    ['add, same shapes', two, (x, y) => tf.add(x, y)],
    ['mul by a scalar', one(), (x) => tf.mul(x, 0.5)],
    ['scalar − x', one(), (x) => tf.sub(1, x)],
    ['add a bias row [512]', () => [normal(), normal([512], 4)], (x, b) => tf.add(x, b)],
    ['div by a column [256, 1]', () => [normal(), positive([256, 1])], (x, c) => tf.div(x, c)],
    ['greater, same shapes', two, (x, y) => tf.greater(x, y)],
    ['sum of each row', one(), (x) => tf.sum(x, 1)],
    ['sum of each column', one(), (x) => tf.sum(x, 0)],
    ['argMax of each row', one(), (x) => tf.argMax(x, 1)],
    ['softmax of each row', one(), (x) => tf.softmax(x)],
    ['transpose', one(), (x) => tf.transpose(x)],
    ['concat along columns', two, (x, y) => tf.concat([x, y], 1)],
    ['cast int32 → float32', () => [tf.randomUniform(batch, 0, 100, 'int32')], (x) => tf.cast(x, 'float32')],
    ['avgPool 7×7 of [1, 7, 7, 1792] (a global pool)', one([1, 7, 7, 1792]), (x) => tf.avgPool(x, 7, 1, 'valid')],
    ['maxPool 3×3 stride 2 of [1, 112, 112, 64]', one([1, 112, 112, 64]), (x) => tf.maxPool(x, 3, 2, 'same')],
    ['avgPool 3×3 of [1, 35, 35, 192]', one([1, 35, 35, 192]), (x) => tf.avgPool(x, 3, 1, 'same')],
  ];
}

export default async function ops(ctx) {
  const { tf, backends, quick } = ctx;
  const all = opCases(tf);
  const chosen = quick ? all.filter((_, i) => i % 4 === 0) : all;
  for (const [name, inputs, op] of chosen) {
    const cases = [];
    const made = [];
    for (const backend of backends) {
      await ctx.use(backend);
      const xs = inputs();
      made.push(...xs);
      cases.push({ case: name, backend, fn: () => op(...xs) });
    }
    await ctx.measureTurns(cases, { warmupMs: quick ? 50 : 300, batchMs: quick ? 10 : 40 });
    tf.dispose(made);
  }
}
