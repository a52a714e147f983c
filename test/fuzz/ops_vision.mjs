// @ts-check
// Vision kernels whose output size depends on the data: non-max suppression (V3, V4 padded, V5 soft), on boxes
// of coarse coordinates and scores so that overlaps and equal scores are common; and crops of boxes that may
// reach outside the image (crop and resize), warps of one image (transform) and rotations. Results must equal
// cpu's.
import fc from 'fast-check';
import { tensorOfShape } from './arbitraries.mjs';
import { TOL, withDy } from './cases.mjs';

const coordinate = fc.integer({ min: 0, max: 8 }).map((v) => v / 4);
const score = fc.integer({ min: 0, max: 10 }).map((v) => v / 10);

export function visionOps(tf) {
  return [
    {
      name: 'nonMaxSuppression',
      kernels: ['NonMaxSuppressionV3', 'NonMaxSuppressionV4', 'NonMaxSuppressionV5'],
      tol: TOL.exact,
      grad: false,
      arb: withDy(
        fc
          .integer({ min: 0, max: 24 })
          .chain((n) =>
            fc.tuple(
              tensorOfShape([n, 4], 'float32', coordinate),
              tensorOfShape([n], 'float32', score),
              fc.record({
                maxOutputSize: fc.integer({ min: 0, max: n + 2 }),
                iouThreshold: fc.constantFrom(0, 0.25, 0.5, 1),
                scoreThreshold: fc.constantFrom(-Infinity, 0, 0.3),
                softNmsSigma: fc.constantFrom(0, 0.2, 1),
                pad: fc.boolean(),
              }),
            ),
          )
          .map(([boxes, scores, params]) => ({ inputs: [boxes, scores], params })),
      ),
      run: ([boxes, scores], { maxOutputSize, iouThreshold, scoreThreshold, softNmsSigma, pad }) => {
        const hard = tf.image.nonMaxSuppression(boxes, scores, maxOutputSize, iouThreshold, scoreThreshold);
        const padded = tf.image.nonMaxSuppressionPadded(
          boxes,
          scores,
          maxOutputSize,
          iouThreshold,
          scoreThreshold,
          pad,
        );
        const soft = tf.image.nonMaxSuppressionWithScore(
          boxes,
          scores,
          maxOutputSize,
          iouThreshold,
          scoreThreshold,
          softNmsSigma,
        );
        return [hard, padded.selectedIndices, padded.validOutputs, soft.selectedIndices, soft.selectedScores];
      },
    },
    {
      name: 'cropAndResize',
      kernels: ['CropAndResize'],
      tol: TOL.exact,
      grad: false,
      arb: withDy(
        fc
          .tuple(
            fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })),
            fc.integer({ min: 1, max: 3 }),
            fc.integer({ min: 0, max: 4 }),
          )
          .chain(([[batch, height, width], channels, n]) =>
            fc.tuple(
              tensorOfShape([batch, height, width, channels], 'float32'),
              tensorOfShape(
                [n, 4],
                'float32',
                fc.integer({ min: -2, max: 10 }).map((v) => v / 8),
              ),
              tensorOfShape([n], 'int32', fc.integer({ min: 0, max: batch })),
              fc.record({
                cropSize: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
                method: fc.constantFrom('bilinear', 'nearest'),
                extrapolation: fc.constantFrom(0, -1.5, 7),
              }),
            ),
          )
          .map(([image, boxes, boxInd, params]) => ({ inputs: [image, boxes, boxInd], params })),
      ),
      run: ([image, boxes, boxInd], { cropSize, method, extrapolation }) =>
        tf.image.cropAndResize(image, boxes, boxInd, cropSize, method, extrapolation),
    },
    {
      // One image: tfjs-backend-cpu warps only the first image of a batch.
      name: 'transform',
      kernels: ['Transform'],
      tol: TOL.exact,
      grad: false,
      arb: withDy(
        fc
          .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }))
          .chain(([height, width, channels]) =>
            fc.tuple(
              tensorOfShape([1, height, width, channels], 'float32'),
              tensorOfShape(
                [1, 8],
                'float32',
                fc.integer({ min: -16, max: 16 }).map((v) => v / 8),
              ),
              fc.record({
                interpolation: fc.constantFrom('nearest', 'bilinear'),
                fillMode: fc.constantFrom('constant', 'reflect', 'wrap', 'nearest'),
                fillValue: fc.constantFrom(0, -1.5),
                outputShape: fc.option(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), {
                  nil: undefined,
                }),
              }),
            ),
          )
          .map(([image, transforms, params]) => ({ inputs: [image, transforms], params })),
      ),
      run: ([image, transforms], { interpolation, fillMode, fillValue, outputShape }) =>
        tf.image.transform(image, transforms, interpolation, fillMode, fillValue, outputShape),
    },
    {
      name: 'rotateWithOffset',
      kernels: ['RotateWithOffset'],
      tol: TOL.exact,
      grad: false,
      arb: withDy(
        fc
          .tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }))
          .chain(([batch, height, width]) =>
            fc.tuple(
              tensorOfShape([batch, height, width, 3], 'float32'),
              fc.record({
                radians: fc.integer({ min: -16, max: 16 }).map((v) => (v * Math.PI) / 8),
                fillValue: fc.constantFrom(0, -1.5, [1, 2, 3]),
                center: fc.constantFrom(0.5, 0, [1, 2]),
              }),
            ),
          )
          .map(([image, params]) => ({ inputs: [image], params })),
      ),
      run: ([image], { radians, fillValue, center }) => tf.image.rotateWithOffset(image, radians, fillValue, center),
    },
  ];
}
